// GraphQL documents and helpers shared by the feedback tests.
import type { GraphQLAnswer, TestApp } from '../helpers/app';
import { match } from '../matching/queries';

export const KEPT = `id createdAt expiresAt feedback feedbackAt verdict removeBackground garmentFound
  models { segmentation embedding } item { id sku } referenceImage { id position primary }
  matches { itemId imageId score }`;

export const CONFIRM = `mutation($in: MatchConfirmInput!) { matchConfirm(input: $in) { keptMatch { ${KEPT} } userErrors { field message code } } }`;
export const MARK_NEW = `mutation($in: MatchMarkNewItemInput!) { matchMarkNewItem(input: $in) { keptMatch { ${KEPT} } userErrors { field message code } } }`;
export const EXPORT = `query($first: Int, $after: String, $all: Boolean) { keptMatchExport(first: $first, after: $after, includeWithoutFeedback: $all) {
  records { keptMatch { id feedback } photo cutout embedding } endCursor hasNextPage } }`;

/**
 * Settles when the app's kept matches are in the database: matchSnapshot answers before it
 * writes (src/feedback/keep-writer.ts). Feedback calls wait by themselves; reading
 * kept_match with SQL right after a match must wait first.
 */
export function keptWritten(t: TestApp): Promise<void> {
  return t.app.services.feedback.flush();
}

/** Matches the photo and answers the kept match's id (failing when there is none). */
export async function matchId(t: TestApp, photo: Buffer, key?: string): Promise<string> {
  const res = await match(t, photo, {}, key);
  const id = res.body.data?.matchSnapshot?.matchId;
  if (!id) throw new Error(`no matchId: ${JSON.stringify(res.body)}`);
  return id;
}

export function confirm(t: TestApp, input: { matchId: string; itemId: string; addAsReference?: boolean }, key?: string | null): Promise<GraphQLAnswer> {
  return t.gql(CONFIRM, { in: input }, key);
}

export function markNew(t: TestApp, matchId: string, key?: string | null): Promise<GraphQLAnswer> {
  return t.gql(MARK_NEW, { in: { matchId } }, key);
}
