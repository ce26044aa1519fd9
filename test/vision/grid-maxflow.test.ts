// The grid Boykov-Kolmogorov max-flow against a plain Edmonds-Karp on random 8-connected
// grids (some pixels without links, as the refinement's sure pixels): same flow value, and
// a cut whose capacity equals it.
import { NEIGHBOURS } from '../../src/vision/edge-weights';
import { GridCut } from '../../src/vision/grid-maxflow';

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dense Edmonds-Karp; node n is the source, n + 1 the sink. */
function edmondsKarp(n: number, c: number[][]): number {
  const s = n, t = n + 1, size = n + 2;
  const r = c.map((row) => row.slice());
  let flow = 0;
  for (;;) {
    const prev = new Array(size).fill(-1);
    prev[s] = s;
    const queue = [s];
    while (queue.length && prev[t] < 0) {
      const u = queue.shift()!;
      for (let v = 0; v < size; v++) if (prev[v] < 0 && r[u][v] > 1e-12) (prev[v] = u), queue.push(v);
    }
    if (prev[t] < 0) return flow;
    let f = Infinity;
    for (let v = t; v !== s; v = prev[v]) f = Math.min(f, r[prev[v]][v]);
    for (let v = t; v !== s; v = prev[v]) (r[prev[v]][v] -= f), (r[v][prev[v]] += f);
    flow += f;
  }
}

test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('random grid %i: same max-flow as Edmonds-Karp, and the cut costs the flow', (seed) => {
  const rand = rng(seed);
  const w = 2 + Math.floor(rand() * 7), h = 2 + Math.floor(rand() * 7);
  const n = w * h;
  const c = Array.from({ length: n + 2 }, () => new Array(n + 2).fill(0));
  const g = new GridCut(w, h);
  const linked = Array.from({ length: n }, () => rand() < 0.85);
  const src: number[] = [], snk: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = linked[i] && rand() < 0.5 ? Math.floor(rand() * 10) : 0;
    const b = linked[i] && rand() < 0.5 ? Math.floor(rand() * 10) : 0;
    g.addTerminal(i, a, b);
    c[n][i] += a;
    c[i][n + 1] += b;
    src.push(a), snk.push(b);
  }
  const edges: [number, number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const x = i % w, y = Math.floor(i / w);
    for (let d = 4; d < 8; d++) {
      const xx = x + NEIGHBOURS[d][0], yy = y + NEIGHBOURS[d][1];
      if (xx < 0 || xx >= w || yy >= h) continue;
      const j = yy * w + xx;
      if (!linked[i] || !linked[j]) continue;
      const w1 = Math.floor(rand() * 8), w2 = Math.floor(rand() * 8);
      g.addEdge(i, d, w1, w2);
      c[i][j] += w1;
      c[j][i] += w2;
      edges.push([i, j, w1, w2]);
    }
  }
  const expected = edmondsKarp(n, c);
  expect(g.maxflow()).toBeCloseTo(expected, 9);
  // Capacity of the cut the trees give: source edges of sink-side nodes, sink edges of source-side ones, edges across.
  const side = (i: number) => g.inSourceSide(i);
  let cut = 0;
  for (let i = 0; i < n; i++) cut += side(i) ? snk[i] : src[i];
  for (const [i, j, w1, w2] of edges) {
    if (side(i) && !side(j)) cut += w1;
    if (side(j) && !side(i)) cut += w2;
  }
  expect(cut).toBeCloseTo(expected, 9);
});

test('a 200 x 200 grid cuts in well under a second', () => {
  const w = 200, h = 200;
  const g = new GridCut(w, h);
  const rand = rng(42);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const inside = (x - 100) ** 2 + (y - 100) ** 2 < 60 ** 2;
      g.addTerminal(i, inside ? 2 + rand() : rand(), inside ? rand() : 2 + rand());
      if (x + 1 < w) g.addEdge(i, 4, 1, 1);
      if (y + 1 < h) g.addEdge(i, 6, 1, 1);
    }
  }
  const t = Date.now();
  g.maxflow();
  expect(Date.now() - t).toBeLessThan(1000);
  expect(g.inSourceSide(100 * w + 100)).toBe(true);
  expect(g.inSourceSide(5 * w + 5)).toBe(false);
});
