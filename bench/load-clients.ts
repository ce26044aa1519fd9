// The load test's clients (bench/load.ts, and its short version in test/load.test.ts):
// N concurrent clients, each looping for a fixed time over a mix of matches (phone
// snapshots), catalogue queries and item adds (studio images) over real HTTP. Every answer
// is classified: 2xx without GraphQL errors is ok; 503 with Retry-After is the server
// shedding load (the client waits as told, capped at the time left); anything else is a
// failure, kept with what the server said.
import { performance } from 'node:perf_hooks';
import { rng } from './random';

export type Operation = 'match' | 'query' | 'add';

export interface LoadOptions {
  url: string;
  key: string;
  clients: number;
  seconds: number;
  snapshots: Buffer[];
  studio: Buffer[];
  categories: string[];
  /** Share of each operation; the rest of 1 after match and add is queries. */
  mix?: { match: number; add: number };
  /** Prefix of the SKUs added, unique per run. */
  skuPrefix: string;
}

export interface Failure {
  op: Operation;
  status: number;
  what: string;
}

export interface LoadResult {
  /** op -> "200" | "503 + Retry-After" | other status -> count. */
  statuses: Record<Operation, Record<string, number>>;
  /** Latencies of ok answers, ms. */
  latencies: Record<Operation, number[]>;
  failures: Failure[];
  /** Items whose add was acknowledged. */
  added: number;
  wallMs: number;
}

const QUERIES = [
  `query Page($category: String) { catalogueItems(first: 20, filter: { category: $category }) { totalCount nodes { id sku name quantity } pageInfo { hasNextPage endCursor } } }`,
  `query Text { catalogueItems(first: 10, filter: { text: "demo" }, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { id sku } } }`,
  `query Status { indexStatus { itemsIndexed imagesIndexed imagesEmbedded changeLag } }`,
];
const MATCH = `mutation Match($image: Upload!) { matchSnapshot(image: $image, limit: 5) { matches { score item { id sku } } } }`;
const ADD = `mutation Add($input: CatalogueItemCreateInput!) { catalogueItemCreate(input: $input) { catalogueItem { id sku } userErrors { code message } } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

async function post(url: string, key: string, body: string | FormData): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/graphql-response+json, application/json' };
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: Answer['body'] = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { errors: [{ message: `not JSON: ${text.slice(0, 120)}` }] };
  }
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: parsed };
}

function upload(query: string, variables: Record<string, unknown>, filePath: string, bytes: Buffer, filename: string): FormData {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables }));
  form.append('map', JSON.stringify({ 0: [filePath] }));
  form.append('0', new Blob([bytes], { type: 'image/jpeg' }), filename);
  return form;
}

const fmtMs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const { match = 0.45, add = 0.15 } = opts.mix ?? {};
  const ops: Operation[] = ['match', 'query', 'add'];
  const result: LoadResult = {
    statuses: { match: {}, query: {}, add: {} },
    latencies: { match: [], query: [], add: [] },
    failures: [],
    added: 0,
    wallMs: 0,
  };
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  let serial = 0;

  const once = async (op: Operation, next: () => number): Promise<void> => {
    let body: string | FormData;
    if (op === 'match') {
      const i = Math.floor(next() * opts.snapshots.length);
      body = upload(MATCH, { image: null }, 'variables.image', opts.snapshots[i], `snapshot-${i}.jpg`);
    } else if (op === 'add') {
      const n = serial++;
      const input = { sku: `${opts.skuPrefix}-${n}`, name: `Load item ${n}`, category: opts.categories[n % opts.categories.length], quantity: 1 + (n % 4), images: [null] };
      body = upload(ADD, { input }, 'variables.input.images.0', opts.studio[n % opts.studio.length], `${input.sku}.jpg`);
    } else {
      const q = QUERIES[Math.floor(next() * QUERIES.length)];
      body = JSON.stringify({ query: q, variables: { category: opts.categories[Math.floor(next() * opts.categories.length)] } });
    }
    const t = performance.now();
    let answer: Answer;
    try {
      answer = await post(opts.url, opts.key, body);
    } catch (error) {
      // undici hides the socket's own error in `cause`.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      result.failures.push({ op, status: 0, what: `no answer: ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''} after ${fmtMs(performance.now() - t)}` });
      (result.statuses[op].none ??= 0), result.statuses[op].none++;
      return;
    }
    const ms = performance.now() - t;
    const { status, retryAfter } = answer;
    const errors = answer.body?.errors ?? [];
    const userErrors: { code: string; message: string }[] = op === 'add' ? (answer.body?.data?.catalogueItemCreate?.userErrors ?? []) : [];
    let label = String(status);
    if (status === 503 && retryAfter && /^\d+$/.test(retryAfter)) {
      label = '503 + Retry-After';
      const wait = Math.min(Number(retryAfter) * 1000, end - performance.now());
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    } else if (status >= 200 && status < 300 && errors.length === 0 && userErrors.length === 0 && answer.body?.data) {
      result.latencies[op].push(ms);
      if (op === 'add') result.added++;
    } else {
      const what = errors[0] ? `${errors[0].extensions?.code ?? ''} ${errors[0].message}` : userErrors[0] ? `${userErrors[0].code} ${userErrors[0].message}` : 'no data';
      result.failures.push({ op, status, what: what.trim() });
      label = `${status} (failure)`;
    }
    result.statuses[op][label] = (result.statuses[op][label] ?? 0) + 1;
  };

  await Promise.all(
    Array.from({ length: opts.clients }, async (_, c) => {
      const next = rng(500 + c);
      while (performance.now() < end) {
        const r = next();
        await once(r < match ? 'match' : r < match + add ? 'add' : 'query', next);
      }
    }),
  );
  result.wallMs = performance.now() - started;
  for (const op of ops) result.latencies[op].sort((a, b) => a - b);
  return result;
}
