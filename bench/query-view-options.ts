// The query-time options bench/retrieval.ts measures beside its main rows (issue 10, item
// 2): each is a QueryView (src/vision/query-view.ts) and a way to combine its views' scores.
// Every option of one query reuses that query's mask, so only crop + embed are timed, and
// the added ms is taken per query against the plain cutout, which the shared CPU slows
// alike within one query.
import { describeQueryView, SHIPPED_QUERY_VIEW, type QueryView } from '../src/vision/query-view';

export interface QueryViewOption {
  view: QueryView;
  /** mean: one averaged vector (what the server can ship); max: each catalogue image's best view score (two searches). */
  combine: 'mean' | 'max';
}

export const QUERY_VIEW_OPTIONS: QueryViewOption[] = [
  { view: {}, combine: 'mean' },
  { view: { flip: true }, combine: 'mean' },
  { view: { box: true }, combine: 'mean' },
  { view: { box: true }, combine: 'max' },
  { view: { flip: true, box: true }, combine: 'mean' },
  ...[0, 0.04, 0.12, 0.16, 0.24].map((marginRatio) => ({ view: { marginRatio }, combine: 'mean' as const })),
];

export function optionName(o: QueryViewOption): string {
  const views = describeQueryView(o.view);
  return o.combine === 'max' ? `${views} (max of the views' scores)` : views.includes('+') ? `${views} (mean vector)` : views;
}

export function isShipped(o: QueryViewOption): boolean {
  return o.combine === 'mean' && JSON.stringify(o.view) === JSON.stringify(SHIPPED_QUERY_VIEW);
}

/** Rank (1 = first) of catalogue row `want` for the query's views, exact search. */
export function rankOf(catalogue: Float32Array[], views: Float32Array[], mean: Float32Array, combine: 'mean' | 'max', want: number): number {
  const scoreOf = (c: Float32Array) => (combine === 'mean' ? dot(mean, c) : Math.max(...views.map((v) => dot(v, c))));
  const target = scoreOf(catalogue[want]);
  let rank = 1;
  for (let i = 0; i < catalogue.length; i++) {
    if (i === want) continue;
    const s = scoreOf(catalogue[i]);
    if (s > target || (s === target && i < want)) rank++;
  }
  return rank;
}

export interface OptionRow {
  name: string;
  shipped: boolean;
  recall1: number;
  recall10: number;
  /** Queries this option finds first and the plain cutout does not, and the other way round. */
  won: number;
  lost: number;
  /** p50 of this option's crop + embed ms per query. */
  ms: number;
  /** p50 over queries of (this option's ms - the plain cutout's ms). */
  addedMs: number;
}

export function optionsTable(rows: OptionRow[]): string[] {
  return [
    '| query-time option (background removed) | Recall@1 | Recall@10 | first where the cutout is not / the reverse (queries) | crop + embed ms (p50) | added ms vs cutout (p50 per query) |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name}${r.shipped ? ' **(shipped)**' : ''} | ${r.recall1.toFixed(3)} | ${r.recall10.toFixed(3)} | ${r.won} / ${r.lost} | ${r.ms.toFixed(1)} | ${r.addedMs.toFixed(1)} |`),
    '',
  ];
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
