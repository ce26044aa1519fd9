// Minimum s-t cut on an 8-connected pixel grid by the Boykov-Kolmogorov algorithm (PAMI
// 2004), the max-flow that GrabCut uses: two search trees grown from the terminals, augmented
// along the paths where they meet, and repaired (orphans adopted) after each augmentation.
// Specialised to the grid (the refinement's band covers most of the picture): arc 8p + d goes
// from node p to its neighbour in direction d (edge-weights.ts's NEIGHBOURS), so heads and
// reverse arcs are arithmetic, not stored, and there is no graph to build. The grid is padded
// by one node each side, so every pixel has 8 neighbours; padding and pixels without edges
// or terminal links never join a tree. Capacities are float64.
import { NEIGHBOURS } from './edge-weights';

const TERMINAL = -2;
const ORPHAN = -3;
const NONE = -1;
const FREE = 0;
const SOURCE = 1;
const SINK = 2;

export class GridCut {
  private readonly stride: number;
  /** Net terminal capacity per (padded) node: > 0 from the source, < 0 to the sink. */
  private readonly terminal: Float64Array;
  /** Residual capacity of arc 8p + d. */
  private readonly cap: Float64Array;
  /** Node offset of each direction in the padded grid. */
  private readonly offset: Int32Array;
  private direct = 0;
  private computed = false;
  private tree: Uint8Array | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.stride = width + 2;
    const nodes = this.stride * (height + 2);
    this.terminal = new Float64Array(nodes);
    this.cap = new Float64Array(8 * nodes);
    this.offset = Int32Array.from(NEIGHBOURS, ([dx, dy]) => dy * this.stride + dx);
  }

  /** The padded node of pixel i (row-major in width x height). */
  private node(i: number): number {
    const y = Math.floor(i / this.width);
    return i + 2 * y + this.stride + 1;
  }

  /** Capacities of the edges source -> pixel i and i -> sink (both may be set). */
  addTerminal(i: number, fromSource: number, toSink: number): void {
    this.terminal[this.node(i)] += fromSource - toSink;
    // Flow through both terminal edges of one node is always possible: count it once here.
    this.direct += Math.min(fromSource, toSink);
  }

  /** An edge between pixel i and its neighbour in direction d: `cap` towards it, `rev` back. */
  addEdge(i: number, d: number, cap: number, rev: number): void {
    const p = this.node(i);
    this.cap[8 * p + d] += cap;
    this.cap[8 * (p + this.offset[d]) + 7 - d] += rev;
  }

  /** Runs max-flow; returns its value. Afterwards inSourceSide(i) tells each pixel's side. */
  maxflow(): number {
    if (this.computed) throw new Error('GridCut.maxflow runs once');
    this.computed = true;
    const { cap, offset } = this;
    const tr = this.terminal;
    const n = tr.length;
    const head = (a: number) => (a >> 3) + offset[a & 7];
    const sister = (a: number) => (head(a) << 3) | (7 - (a & 7));

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
      for (let i = bridge >> 3; ; ) {
        const a = parent[i];
        if (a === TERMINAL) {
          if (tr[i] < f) f = tr[i];
          break;
        }
        if (cap[sister(a)] < f) f = cap[sister(a)];
        i = head(a);
      }
      for (let i = head(bridge); ; ) {
        const a = parent[i];
        if (a === TERMINAL) {
          if (-tr[i] < f) f = -tr[i];
          break;
        }
        if (cap[a] < f) f = cap[a];
        i = head(a);
      }
      cap[bridge] -= f;
      cap[sister(bridge)] += f;
      for (let i = bridge >> 3; ; ) {
        const a = parent[i];
        if (a === TERMINAL) {
          tr[i] -= f;
          if (tr[i] === 0) {
            parent[i] = ORPHAN;
            orphans.push(i);
          }
          break;
        }
        const s = sister(a);
        cap[s] -= f;
        cap[a] += f;
        const up = head(a);
        if (cap[s] === 0) {
          parent[i] = ORPHAN;
          orphans.push(i);
        }
        i = up;
      }
      for (let i = head(bridge); ; ) {
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
        cap[sister(a)] += f;
        const up = head(a);
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
        j = head(a);
      }
      // Stamp the chain so later questions stop here.
      for (let k = q, dk = d; stamp[k] !== time; k = head(parent[k])) {
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
        for (let a = p << 3, end = a + 8; a < end; a++) {
          const q = head(a);
          if (tree[q] !== side) continue;
          // The arc from q down to p must have residual capacity in the tree's direction.
          if (side === SOURCE ? cap[sister(a)] <= 0 : cap[a] <= 0) continue;
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
        for (let a = p << 3, end = a + 8; a < end; a++) {
          const q = head(a);
          if (tree[q] !== side) continue;
          const qa = parent[q];
          if (qa >= 0 && head(qa) === p) {
            parent[q] = ORPHAN;
            orphans.push(q);
          }
          if (side === SOURCE ? cap[sister(a)] > 0 : cap[a] > 0) activate(q);
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
      for (let a = p << 3, end = a + 8; a < end; a++) {
        if (tree[p] === SOURCE) {
          if (cap[a] <= 0) continue;
          const q = head(a);
          if (tree[q] === FREE) {
            tree[q] = SOURCE;
            parent[q] = sister(a);
            stamp[q] = stamp[p];
            dist[q] = dist[p] + 1;
            activate(q);
          } else if (tree[q] === SINK) {
            bridge = a;
            break;
          }
        } else {
          const s = sister(a);
          if (cap[s] <= 0) continue;
          const q = head(a);
          if (tree[q] === FREE) {
            tree[q] = SINK;
            parent[q] = s;
            stamp[q] = stamp[p];
            dist[q] = dist[p] + 1;
            activate(q);
          } else if (tree[q] === SOURCE) {
            bridge = s;
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

  /** After maxflow: whether pixel i is on the source side of the minimum cut. */
  inSourceSide(i: number): boolean {
    if (!this.tree) throw new Error('run maxflow first');
    return this.tree[this.node(i)] === SOURCE;
  }
}
