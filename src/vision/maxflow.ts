// Minimum s-t cut of a sparse graph by the Boykov-Kolmogorov algorithm (PAMI 2004), the
// max-flow that GrabCut uses: two search trees grown from the terminals, augmented along
// the paths where they meet, and repaired (orphans adopted) after each augmentation. Fast on
// the grid graphs of images. Typed arrays throughout; capacities are float64.

const TERMINAL = -2;
const ORPHAN = -3;
const NONE = -1;
const FREE = 0;
const SOURCE = 1;
const SINK = 2;

export class CutGraph {
  /** Net terminal capacity per node: > 0 from the source, < 0 to the sink. */
  private readonly terminal: Float64Array;
  private readonly edgeFrom: Int32Array;
  private readonly edgeTo: Int32Array;
  private readonly edgeCap: Float64Array;
  private readonly edgeRev: Float64Array;
  private edges = 0;
  private direct = 0;
  private computed = false;
  private tree: Uint8Array | null = null;

  constructor(
    readonly nodes: number,
    maxEdges: number,
  ) {
    this.terminal = new Float64Array(nodes);
    this.edgeFrom = new Int32Array(maxEdges);
    this.edgeTo = new Int32Array(maxEdges);
    this.edgeCap = new Float64Array(maxEdges);
    this.edgeRev = new Float64Array(maxEdges);
  }

  /** Capacities of the edges source -> node and node -> sink (both may be set). */
  addTerminal(node: number, fromSource: number, toSink: number): void {
    this.terminal[node] += fromSource - toSink;
    // Flow through both terminal edges of one node is always possible: count it once here.
    this.direct += Math.min(fromSource, toSink);
  }

  /** An edge with capacity `cap` from a to b and `rev` from b to a. */
  addEdge(a: number, b: number, cap: number, rev: number): void {
    if (this.edges >= this.edgeFrom.length) throw new RangeError('CutGraph: more edges than declared');
    this.edgeFrom[this.edges] = a;
    this.edgeTo[this.edges] = b;
    this.edgeCap[this.edges] = cap;
    this.edgeRev[this.edges] = rev;
    this.edges++;
  }

  /** Runs max-flow; returns its value. Afterwards inSourceSide(i) tells each node's side. */
  maxflow(): number {
    if (this.computed) throw new Error('CutGraph.maxflow runs once');
    this.computed = true;
    const n = this.nodes;
    const m = this.edges;
    // Arcs in CSR order by tail; arc 2e is e's forward direction, its sister is at sister[a].
    const first = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      first[this.edgeFrom[e] + 1]++;
      first[this.edgeTo[e] + 1]++;
    }
    for (let i = 0; i < n; i++) first[i + 1] += first[i];
    const fill = first.slice(0, n);
    const head = new Int32Array(2 * m);
    const cap = new Float64Array(2 * m);
    const sister = new Int32Array(2 * m);
    for (let e = 0; e < m; e++) {
      const a = this.edgeFrom[e];
      const b = this.edgeTo[e];
      const ab = fill[a]++;
      const ba = fill[b]++;
      head[ab] = b;
      cap[ab] = this.edgeCap[e];
      head[ba] = a;
      cap[ba] = this.edgeRev[e];
      sister[ab] = ba;
      sister[ba] = ab;
    }

    const tr = this.terminal;
    const tree = new Uint8Array(n);
    const parent = new Int32Array(n).fill(NONE); // arc from the node to its parent, or TERMINAL
    const dist = new Int32Array(n);
    const stamp = new Int32Array(n);
    let time = 1;
    const queue = new Int32Array(n + 1);
    const queued = new Uint8Array(n);
    let qHead = 0;
    let qTail = 0;
    let qSize = 0;
    const activate = (i: number) => {
      if (queued[i]) return;
      queued[i] = 1;
      queue[qTail] = i;
      qTail = qTail + 1 === queue.length ? 0 : qTail + 1;
      qSize++;
    };
    const nextActive = (): number => {
      while (qSize > 0) {
        const i = queue[qHead];
        qHead = qHead + 1 === queue.length ? 0 : qHead + 1;
        qSize--;
        queued[i] = 0;
        if (tree[i] !== FREE) return i;
      }
      return -1;
    };

    let flow = this.direct;
    for (let i = 0; i < n; i++) {
      if (tr[i] > 0) tree[i] = SOURCE;
      else if (tr[i] < 0) tree[i] = SINK;
      else continue;
      parent[i] = TERMINAL;
      dist[i] = 1;
      stamp[i] = 0;
      activate(i);
    }

    const orphans: number[] = [];
    const augment = (bridge: number) => {
      // Bottleneck: the bridge, the source side back to its root, the sink side to its root.
      let f = cap[bridge];
      for (let i = head[sister[bridge]]; ; ) {
        const a = parent[i];
        if (a === TERMINAL) {
          if (tr[i] < f) f = tr[i];
          break;
        }
        if (cap[sister[a]] < f) f = cap[sister[a]];
        i = head[a];
      }
      for (let i = head[bridge]; ; ) {
        const a = parent[i];
        if (a === TERMINAL) {
          if (-tr[i] < f) f = -tr[i];
          break;
        }
        if (cap[a] < f) f = cap[a];
        i = head[a];
      }
      cap[bridge] -= f;
      cap[sister[bridge]] += f;
      for (let i = head[sister[bridge]]; ; ) {
        const a = parent[i];
        if (a === TERMINAL) {
          tr[i] -= f;
          if (tr[i] === 0) {
            parent[i] = ORPHAN;
            orphans.push(i);
          }
          break;
        }
        cap[sister[a]] -= f;
        cap[a] += f;
        const up = head[a];
        if (cap[sister[a]] === 0) {
          parent[i] = ORPHAN;
          orphans.push(i);
        }
        i = up;
      }
      for (let i = head[bridge]; ; ) {
        const a = parent[i];
        if (a === TERMINAL) {
          tr[i] += f;
          if (tr[i] === 0) {
            parent[i] = ORPHAN;
            orphans.push(i);
          }
          break;
        }
        cap[a] -= f;
        cap[sister[a]] += f;
        const up = head[a];
        if (cap[a] === 0) {
          parent[i] = ORPHAN;
          orphans.push(i);
        }
        i = up;
      }
      flow += f;
    };

    /** Distance of `q` to its tree's terminal, or -1 when its chain ends in an orphan. */
    const origin = (q: number): number => {
      let d = 0;
      let j = q;
      for (;;) {
        if (stamp[j] === time) {
          d += dist[j];
          break;
        }
        const a = parent[j];
        d++;
        if (a === TERMINAL) {
          stamp[j] = time;
          dist[j] = 1;
          break;
        }
        if (a === ORPHAN || a === NONE) return -1;
        j = head[a];
      }
      // Stamp the chain so later questions stop here.
      for (let k = q, dk = d; stamp[k] !== time; k = head[parent[k]]) {
        stamp[k] = time;
        dist[k] = dk--;
      }
      return d;
    };

    const adopt = () => {
      while (orphans.length) {
        const p = orphans.pop()!;
        const side = tree[p];
        let best = NONE;
        let bestD = Infinity;
        for (let a = first[p]; a < first[p + 1]; a++) {
          const q = head[a];
          if (tree[q] !== side) continue;
          // The arc from q down to p must have residual capacity in the tree's direction.
          if (side === SOURCE ? cap[sister[a]] <= 0 : cap[a] <= 0) continue;
          const d = origin(q);
          if (d >= 0 && d < bestD) {
            bestD = d;
            best = a;
          }
        }
        if (best !== NONE) {
          parent[p] = best;
          stamp[p] = time;
          dist[p] = bestD + 1;
          continue;
        }
        // No new parent: p leaves its tree; its children become orphans, its neighbours may regrow.
        for (let a = first[p]; a < first[p + 1]; a++) {
          const q = head[a];
          if (tree[q] !== side) continue;
          const qa = parent[q];
          if (qa >= 0 && head[qa] === p) {
            parent[q] = ORPHAN;
            orphans.push(q);
          }
          if (side === SOURCE ? cap[sister[a]] > 0 : cap[a] > 0) activate(q);
        }
        tree[p] = FREE;
        parent[p] = NONE;
      }
    };

    let current = -1;
    for (;;) {
      if (current < 0 || tree[current] === FREE) current = nextActive();
      if (current < 0) break;
      const p = current;
      let bridge = -1;
      for (let a = first[p]; a < first[p + 1]; a++) {
        const q = head[a];
        if (tree[p] === SOURCE) {
          if (cap[a] <= 0) continue;
          if (tree[q] === FREE) {
            tree[q] = SOURCE;
            parent[q] = sister[a];
            stamp[q] = stamp[p];
            dist[q] = dist[p] + 1;
            activate(q);
          } else if (tree[q] === SINK) {
            bridge = a;
            break;
          }
        } else {
          if (cap[sister[a]] <= 0) continue;
          if (tree[q] === FREE) {
            tree[q] = SINK;
            parent[q] = sister[a];
            stamp[q] = stamp[p];
            dist[q] = dist[p] + 1;
            activate(q);
          } else if (tree[q] === SOURCE) {
            bridge = sister[a];
            break;
          }
        }
      }
      if (bridge < 0) {
        current = -1; // p has grown as far as it can
        continue;
      }
      time++;
      augment(bridge);
      adopt();
      // p stays current: it may have more paths to offer.
    }
    this.tree = tree;
    return flow;
  }

  /** After maxflow: whether the node is on the source side of the minimum cut. */
  inSourceSide(node: number): boolean {
    if (!this.tree) throw new Error('run maxflow first');
    return this.tree[node] === SOURCE;
  }
}
