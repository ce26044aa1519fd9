// GraphQL documents and upload helpers shared by the matching tests.
import type { FileSpec, GraphQLAnswer, TestApp } from '../helpers/app';
import { CREATE_ITEM } from '../helpers/app';

export const MATCH = `mutation Match($image: Upload!, $limit: Int, $includeOutOfStock: Boolean, $category: String, $removeBackground: Boolean, $cutout: CutoutFormat) {
  matchSnapshot(image: $image, limit: $limit, includeOutOfStock: $includeOutOfStock, category: $category, removeBackground: $removeBackground, cutout: $cutout) {
    matches { score item { id sku name category quantity } image { id url } }
    verdict
    verdictMatch { score item { id sku quantity } image { id } }
    box { x y width height }
    garmentFound
    timings { decodeMs segmentMs cropMs embedMs searchMs verdictMs totalMs }
    cutout
    models { segmentation embedding }
    matchId
  }
}`;

export const INDEX_STATUS = `{ indexStatus {
  itemsIndexed imagesIndexed stale lastRebuildAt problem
  embeddingModel { name version dim } segmentationModel { name version }
  currentJob { id status }
} }`;

export const JOB = 'query($id: ID!) { job(id: $id) { id kind status total done error startedAt finishedAt } }';

export function match(t: TestApp, bytes: Buffer, variables: Record<string, unknown> = {}, key?: string | null): Promise<GraphQLAnswer> {
  const file: FileSpec = { path: 'variables.image', bytes, filename: 'snapshot.jpg', type: 'image/jpeg' };
  return t.upload(MATCH, { image: null, ...variables }, { 0: file }, key);
}

export function addStudioItem(
  t: TestApp,
  fields: { sku: string; category: string; quantity?: number },
  image: Buffer,
): Promise<GraphQLAnswer> {
  const file: FileSpec = { path: 'variables.input.images.0', bytes: image, filename: `${fields.sku}.jpg`, type: 'image/jpeg' };
  return t.upload(CREATE_ITEM, { input: { name: `Item ${fields.sku}`, quantity: 2, ...fields, images: [null] } }, { 0: file });
}

/** Polls job(id) until it is no longer running. */
export async function waitForJob(t: TestApp, id: string, timeoutMs = 60_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = (await t.gql(JOB, { id })).body.data.job;
    if (job.status !== 'RUNNING') return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a reindex (admin) and answers the job. */
export async function reindex(t: TestApp, input: Record<string, unknown> = {}, key?: string): Promise<GraphQLAnswer> {
  return t.gql('mutation($in:CatalogueReindexInput){catalogueReindex(input:$in){job{id kind status} userErrors{field message code}}}', { in: input }, key);
}
