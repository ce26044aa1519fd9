// `catalogue-search match <photo>`: a snapshot to the server's matchSnapshot, its matches as
// a table (or the raw JSON for scripts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { intOption, parseCommandLine, type Command } from './command';
import { CONNECTION_HELP, CONNECTION_OPTIONS, resolveConnection } from './connection';
import { CliError, UsageError } from './errors';
import { authHint, GraphQLCallError, GraphQLClient, mimeTypeOf } from './graphql-client';
import { formatTable } from './table';

// A mutation, as the API names it (it uploads a photo); it changes nothing stored.
export const MATCH_SNAPSHOT = `mutation MatchSnapshot($image: Upload!, $limit: Int, $includeOutOfStock: Boolean, $category: String, $removeBackground: Boolean) {
  matchSnapshot(image: $image, limit: $limit, includeOutOfStock: $includeOutOfStock, category: $category, removeBackground: $removeBackground) {
    matches { score item { id sku name category quantity } }
    verdict
    verdictMatch { score item { id sku name category quantity } }
    box { x y width height }
    timings { decodeMs segmentMs cropMs embedMs searchMs totalMs }
    matchId
  }
}`;

interface MatchedItem {
  score: number;
  item: { id: string; sku: string; name: string; category: string; quantity: number };
}

export interface MatchAnswer {
  matches: MatchedItem[];
  verdict: 'IN_CATALOGUE' | 'NEW_ITEM' | 'UNSURE';
  verdictMatch: MatchedItem | null;
  box: { x: number; y: number; width: number; height: number } | null;
  timings: Record<'decodeMs' | 'segmentMs' | 'cropMs' | 'embedMs' | 'searchMs' | 'totalMs', number>;
  /** Null (or absent, from an older server) when the server keeps no matches. */
  matchId?: string | null;
}

export interface MatchVariables {
  limit?: number;
  includeOutOfStock?: boolean;
  category?: string;
  removeBackground?: boolean;
}

export async function matchSnapshot(client: GraphQLClient, photo: Buffer, filename: string, vars: MatchVariables): Promise<MatchAnswer> {
  const file = { path: 'variables.image', bytes: photo, filename, type: mimeTypeOf(filename) };
  const data = await client.upload<{ matchSnapshot: MatchAnswer }>(MATCH_SNAPSHOT, { ...vars, image: null }, [file]);
  return data.matchSnapshot;
}

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  limit: { type: 'string' },
  json: { type: 'boolean' },
  'include-out-of-stock': { type: 'boolean' },
  category: { type: 'string' },
  'remove-background': { type: 'boolean' },
} as const;

export const matchCommand: Command = {
  summary: 'find the catalogue items that match a photo',
  help: `Usage: catalogue-search match <photo> [options]

Sends the photo to the server (matchSnapshot) and prints its verdict (already in the
catalogue, a new item, or unsure) and the best matches.

Options:
  --limit N                 how many matches (the server's default when left out)
  --category C              only items of this category
  --include-out-of-stock    also items with no stock
  --no-remove-background    embed the whole photo instead of the garment cut out
  --json                    print the server's answer as JSON
${CONNECTION_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS);
    if (positionals.length !== 1) throw new UsageError('give exactly one photo');
    const v = values as { url?: string; key?: string; limit?: string; json?: boolean; category?: string; 'include-out-of-stock'?: boolean; 'remove-background'?: boolean };
    const vars: MatchVariables = {};
    if (v.limit !== undefined) vars.limit = intOption('limit', v.limit, 10, 1, 1000);
    if (v['include-out-of-stock'] !== undefined) vars.includeOutOfStock = v['include-out-of-stock'];
    if (v.category !== undefined) vars.category = v.category;
    if (v['remove-background'] !== undefined) vars.removeBackground = v['remove-background'];
    let photo: Buffer;
    try {
      photo = await readFile(positionals[0]);
    } catch (error) {
      throw new CliError(`cannot read ${positionals[0]} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const client = new GraphQLClient(resolveConnection(v, io.env));
    let answer: MatchAnswer;
    try {
      answer = await matchSnapshot(client, photo, path.basename(positionals[0]), vars);
    } catch (error) {
      if (error instanceof GraphQLCallError) throw new CliError(`${error.code}: ${error.isAuth ? authHint(error) : error.message}`);
      throw error;
    }
    io.stdout.write(v.json ? `${JSON.stringify(answer, null, 2)}\n` : formatMatches(answer));
    return 0;
  },
};

export function formatMatches(answer: MatchAnswer): string {
  const verdict = `${formatVerdict(answer)}\n`;
  if (answer.matches.length === 0) return `${verdict}no matches\n`;
  const rows = answer.matches.map((m, i) => [String(i + 1), m.score.toFixed(3), m.item.sku, m.item.name, m.item.category, String(m.item.quantity)]);
  const t = answer.timings;
  const box = answer.box ? `garment box ${answer.box.x},${answer.box.y} ${answer.box.width}x${answer.box.height}; ` : '';
  const kept = answer.matchId ? `match id ${answer.matchId} (for matchConfirm or matchMarkNewItem)\n` : '';
  return `${verdict}${formatTable(['rank', 'score', 'SKU', 'name', 'category', 'stock'], rows, [true, true, false, false, false, true])}\n${box}${t.totalMs.toFixed(0)} ms (decode ${t.decodeMs.toFixed(0)}, segment ${t.segmentMs.toFixed(0)}, crop ${t.cropMs.toFixed(0)}, embed ${t.embedMs.toFixed(0)}, search ${t.searchMs.toFixed(0)})\n${kept}`;
}

/** The verdict as a sentence staff can act on. */
function formatVerdict({ verdict, verdictMatch: m }: MatchAnswer): string {
  if (verdict === 'IN_CATALOGUE' && m) {
    return `verdict: IN_CATALOGUE: SKU ${m.item.sku} ("${m.item.name}", ${m.item.category}, stock ${m.item.quantity}), score ${m.score.toFixed(3)}`;
  }
  if (verdict === 'NEW_ITEM') return 'verdict: NEW_ITEM: not in the catalogue';
  return 'verdict: UNSURE: compare the matches below';
}
