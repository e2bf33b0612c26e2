/**
 * Contraction hierarchies (Geisberger et al. 2008) over the compiled road graph: nodes are
 * contracted one by one, least important first, adding a shortcut u → w for every path
 * u → v → w that is the only shortest one; afterwards every shortest path is an "up then down"
 * path in the hierarchy, so a search only ever climbs. Matrices use the bucket many-to-many
 * query (Knopp et al. 2007) on it; single paths unpack their shortcuts back into road arcs.
 *
 * Each hierarchy edge carries both weights: the one minimised (time or distance) and the other
 * one summed along the same arcs, so a matrix gives the distance of the quickest path as plain
 * Dijkstra does, and the unpacked path has exactly that length.
 */
import type { CompiledGraph } from '../graph/compile.js';
import type { ProgressCallback } from '../util/progress.js';
import { Scratch, WitnessSearch, witnessRow, type ArcLists } from './witness.js';

/** A built hierarchy. Node numbers are those of the compiled graph. */
export interface ContractionHierarchy {
  nodeCount: number;
  /** Position of each node in the contraction order (0 = contracted first, least important). */
  rank: Uint32Array;
  /** 1 for the nodes left uncontracted (the core, on top): their lists hold all their remaining
   *  edges, so searches inside the core are plain Dijkstra. */
  core: Uint8Array;
  coreSize: number;
  /** Upward arcs out of v (v → u, rank u > rank v): `upHead[upOffsets[v] .. upOffsets[v + 1] - 1]`. */
  upOffsets: Uint32Array;
  upHead: Uint32Array;
  upWeight: Float64Array;
  upWeight2: Float64Array;
  upEdge: Uint32Array;
  /** Upward arcs into v (u → v, rank u > rank v), listed at v with u as head: the backward search's arcs. */
  downOffsets: Uint32Array;
  downHead: Uint32Array;
  downWeight: Float64Array;
  downWeight2: Float64Array;
  downEdge: Uint32Array;
  /** Per hierarchy edge: `edgeFirst[e] < 0` for a road arc (`-edgeFirst[e] - 1`), else the two halves of the shortcut. */
  edgeFirst: Int32Array;
  edgeSecond: Int32Array;
  /** Tail and head node of each hierarchy edge. */
  edgeTail: Uint32Array;
  edgeHead: Uint32Array;
  /** Shortcuts added (edges beyond the road arcs kept). */
  shortcuts: number;
  /** Milliseconds spent building. */
  buildMs: number;
}

/** Options of building a contraction hierarchy. */
export interface HierarchyOptions {
  /** Settled nodes after which a witness search gives up (a shortcut is then added, which is always safe); default 50. */
  witnessLimit?: number;
  /** Settled nodes for the witness searches that estimate a node's priority; default 10. */
  simulateLimit?: number;
  /** "degree" (default): in-degree × out-degree less the edges removed (minimum-degree order),
   *  cheap to keep up to date; "simulated": from simulated contractions (shortcuts added per edge
   *  removed, depth), a few per cent fewer shortcuts for three times the build time on the grid. */
  ordering?: 'simulated' | 'degree';
  /** Leave this fraction of the nodes uncontracted, a core searched by plain Dijkstra: the last
   *  contractions are the costliest (dense, and witness searches there rarely succeed); default 0.05. */
  coreFraction?: number;
  /** Smallest core, in nodes; default 0. */
  minCore?: number;
  onProgress?: ProgressCallback;
}

/**
 * Builds a contraction hierarchy minimising `weight` and carrying `weight2` along.
 *
 * @example
 * const ch = buildHierarchy(network.csr, network.csr.arcDuration, network.csr.arcLength);
 * ch.shortcuts; // shortcuts added
 */
export function buildHierarchy(csr: CompiledGraph, weight: Float64Array, weight2: Float64Array, options: HierarchyOptions = {}): ContractionHierarchy {
  const started = performance.now();
  const n = csr.nodeCount;
  const limit = options.witnessLimit ?? 50;
  const simulateLimit = options.simulateLimit ?? 10;

  const report = options.onProgress;
  const g = new DynamicGraph(n, csr);

  // Road arcs; self-loops never shorten a path, and parallel arcs keep the cheapest (the first
  // of equals, as Dijkstra takes the first of equal arcs).
  for (let v = 0; v < n; v++) {
    for (let a = csr.offsets[v]!, end = csr.offsets[v + 1]!; a < end; a++) {
      const w = csr.targets[a]!;
      const c = weight[a]!;
      if (w === v || !(c < Infinity)) continue;
      const existing = g.findOut(v, w);
      if (existing >= 0) {
        if (c < g.weight[existing]!) g.set(existing, c, weight2[a]!, -a - 1, -1, 1);
        continue;
      }
      g.add(v, w, c, weight2[a]!, -a - 1, -1, 1);
    }
  }
  const roadEdges = g.count;

  const witness = new WitnessSearch(n);
  const contracted = new Uint8Array(n);
  const level = new Float64Array(n);
  const deleted = new Float64Array(n);
  const queue = new IndexedHeap(n);
  const rank = new Uint32Array(n);
  // v's own arcs, copied out before its contraction adds shortcuts (which may move the lists).
  const ins = new Scratch();
  const outs = new Scratch();
  // The witness distance from in-neighbour i to out-neighbour k at `i * outs.size + k`.
  let found = new Float64Array(1024);

  // Simulates (or performs) the contraction of v; returns its priority.
  const contract = (v: number, apply: boolean): number => {
    ins.load(g.in, v);
    outs.load(g.out, v);
    const width = outs.size;
    const pairs = ins.size * width;
    if (found.length < pairs) found = new Float64Array(Math.max(pairs, found.length * 2));
    const searchLimit = apply ? limit : simulateLimit;
    // Every search of v runs on the graph as it is before any of v's shortcuts go in: a row may
    // then rest on another in-neighbour's arc into v (witnessRow), whose own pairs this same
    // contraction settles.
    for (let i = 0; i < ins.size; i++) witnessRow(witness, g.out, ins, i, outs, v, searchLimit, found);
    let added = 0;
    let addedHops = 0;
    for (let i = 0; i < ins.size; i++) {
      const e1 = ins.edge[i]!;
      const u = ins.node[i]!;
      const w1 = ins.weight[i]!;
      for (let k = 0; k < width; k++) {
        const w = outs.node[k]!;
        if (w === u) continue;
        const c = w1 + outs.weight[k]!;
        if (found[i * width + k]! <= c) continue;
        const e2 = outs.edge[k]!;
        added++;
        addedHops += g.hops[e1]! + g.hops[e2]!;
        if (apply) {
          const c2 = g.weight2[e1]! + g.weight2[e2]!;
          const existing = g.findOut(u, w);
          if (existing >= 0) {
            if (c < g.weight[existing]!) g.set(existing, c, c2, e1, e2, g.hops[e1]! + g.hops[e2]!);
          } else {
            g.add(u, w, c, c2, e1, e2, g.hops[e1]! + g.hops[e2]!);
          }
        }
      }
    }
    const removed = ins.size + outs.size;
    let removedHops = 0;
    for (let i = 0; i < ins.size; i++) removedHops += g.hops[ins.edge[i]!]!;
    for (let k = 0; k < outs.size; k++) removedHops += g.hops[outs.edge[k]!]!;
    // RoutingKit's ordering terms: depth in the hierarchy so far, and how many edges (and road
    // arcs inside them) the contraction adds for each it removes.
    return level[v]! + deleted[v]! * 0.5 + (removed > 0 ? added / removed : 0) + (removedHops > 0 ? addedHops / removedHops : 0);
  };

  const degreeMode = options.ordering !== 'simulated';
  // Cheap priority: the most shortcuts contracting v could add, less the edges it removes.
  const estimate = (v: number): number => {
    const i = g.in.length[v]!;
    const o = g.out.length[v]!;
    return i * o - i - o;
  };
  const priorityOf = (v: number): number => (degreeMode ? estimate(v) : contract(v, false));
  for (let v = 0; v < n; v++) queue.push(v, priorityOf(v));
  const every = Math.max(1, Math.floor(n / 50));
  let order = 0;
  report?.({ step: 'hierarchy', done: 0, total: n });
  const coreSize = Math.min(n, Math.max(options.minCore ?? 0, Math.round(n * (options.coreFraction ?? 0.05))));
  const neighbours = new Scratch();
  while (queue.size > coreSize) {
    const v = queue.peek();
    // Lazy update: the priority may have grown since it was queued.
    const priority = priorityOf(v);
    if (queue.size > 1 && priority > queue.secondKey()) {
      queue.update(v, priority);
      continue;
    }
    queue.pop();
    contract(v, true);
    contracted[v] = 1;
    rank[v] = order++;
    // v leaves its neighbours' lists; its own lists stay: they are its upward (and downward) arcs.
    neighbours.size = 0;
    const inStart = g.in.start[v]!;
    for (let i = inStart, end = inStart + g.in.length[v]!; i < end; i++) {
      const u = g.in.node[i]!;
      g.out.remove(u, g.in.edge[i]!);
      neighbours.push(u, 0, 0);
    }
    const outStart = g.out.start[v]!;
    for (let k = outStart, end = outStart + g.out.length[v]!; k < end; k++) {
      const w = g.out.node[k]!;
      g.in.remove(w, g.out.edge[k]!);
      neighbours.push(w, 0, 0);
    }
    for (let i = 0; i < neighbours.size; i++) {
      const u = neighbours.node[i]!;
      if (contracted[u]) continue;
      contracted[u] = 2; // visited in this round
      deleted[u]! += 1;
      if (level[v]! + 1 > level[u]!) level[u] = level[v]! + 1;
    }
    for (let i = 0; i < neighbours.size; i++) {
      const u = neighbours.node[i]!;
      if (contracted[u] !== 2) continue;
      contracted[u] = 0;
      queue.update(u, priorityOf(u));
    }
    if (report && order % every === 0) report({ step: 'hierarchy', done: order, total: n });
  }
  // The core: nodes left uncontracted, on top of the order, joined by the remaining edges.
  const core = new Uint8Array(n);
  while (queue.size > 0) {
    const v = queue.pop();
    core[v] = 1;
    rank[v] = order++;
  }
  report?.({ step: 'hierarchy', done: n, total: n });

  // What is left in each node's lists are its edges to nodes contracted later: the upward graph.
  const up = g.toCsr(g.out);
  const down = g.toCsr(g.in);
  return {
    nodeCount: n,
    rank,
    core,
    coreSize,
    upOffsets: up.offsets,
    upHead: up.heads,
    upWeight: up.weights,
    upWeight2: up.weights2,
    upEdge: up.edges,
    downOffsets: down.offsets,
    downHead: down.heads,
    downWeight: down.weights,
    downWeight2: down.weights2,
    downEdge: down.edges,
    edgeFirst: g.first.slice(0, g.count),
    edgeSecond: g.second.slice(0, g.count),
    edgeTail: g.tail.slice(0, g.count),
    edgeHead: g.head.slice(0, g.count),
    shortcuts: g.count - roadEdges,
    buildMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/**
 * The road arcs of hierarchy edge `e`, in driving order, appended to `out`.
 *
 * @example
 * const arcs: number[] = [];
 * unpackEdge(ch, e, arcs);
 */
export function unpackEdge(ch: ContractionHierarchy, e: number, out: number[]): void {
  const stack = [e];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const first = ch.edgeFirst[top]!;
    if (first < 0) out.push(-first - 1);
    else {
      stack.push(ch.edgeSecond[top]!);
      stack.push(first);
    }
  }
}

/**
 * One direction of the graph's adjacency while it is being contracted: each node's arcs (the
 * node at the other end, the weight, the edge id) lie side by side in a slab of typed arrays, so
 * the witness searches, which scan hundreds of millions of arcs on a county, read memory in
 * order. A list that outgrows its room moves to the end of the slab with twice the room.
 */
class Adjacency implements ArcLists {
  readonly start: Uint32Array;
  readonly length: Uint32Array;
  private readonly room: Uint32Array;
  node: Uint32Array;
  weight: Float64Array;
  edge: Uint32Array;
  private used = 0;

  constructor(nodeCount: number, degree: (v: number) => number) {
    this.start = new Uint32Array(nodeCount);
    this.length = new Uint32Array(nodeCount);
    this.room = new Uint32Array(nodeCount);
    let total = 0;
    for (let v = 0; v < nodeCount; v++) {
      const room = Math.max(4, degree(v) * 2);
      this.start[v] = total;
      this.room[v] = room;
      total += room;
    }
    this.used = total;
    const size = Math.max(16, total * 2);
    this.node = new Uint32Array(size);
    this.weight = new Float64Array(size);
    this.edge = new Uint32Array(size);
  }

  push(v: number, other: number, weight: number, edge: number): void {
    let length = this.length[v]!;
    if (length === this.room[v]) this.move(v, length * 2);
    const at = this.start[v]! + length;
    this.node[at] = other;
    this.weight[at] = weight;
    this.edge[at] = edge;
    this.length[v] = ++length;
  }

  /** Removes edge `e` from v's list (the last arc takes its place). */
  remove(v: number, e: number): void {
    const begin = this.start[v]!;
    const last = begin + this.length[v]! - 1;
    for (let i = begin; i <= last; i++) {
      if (this.edge[i] !== e) continue;
      this.node[i] = this.node[last]!;
      this.weight[i] = this.weight[last]!;
      this.edge[i] = this.edge[last]!;
      this.length[v]! -= 1;
      return;
    }
  }

  setWeight(v: number, e: number, weight: number): void {
    const begin = this.start[v]!;
    for (let i = begin, end = begin + this.length[v]!; i < end; i++) {
      if (this.edge[i] === e) { this.weight[i] = weight; return; }
    }
  }

  private move(v: number, room: number): void {
    if (this.used + room > this.node.length) {
      const size = Math.max(this.node.length * 2, this.used + room);
      const node = new Uint32Array(size); node.set(this.node); this.node = node;
      const weight = new Float64Array(size); weight.set(this.weight); this.weight = weight;
      const edge = new Uint32Array(size); edge.set(this.edge); this.edge = edge;
    }
    const from = this.start[v]!;
    const length = this.length[v]!;
    this.node.copyWithin(this.used, from, from + length);
    this.weight.copyWithin(this.used, from, from + length);
    this.edge.copyWithin(this.used, from, from + length);
    this.start[v] = this.used;
    this.room[v] = room;
    this.used += room;
  }
}

/** The graph while it is being contracted: edges in growable typed arrays, adjacency both ways. */
class DynamicGraph {
  count = 0;
  tail: Uint32Array;
  head: Uint32Array;
  weight: Float64Array;
  weight2: Float64Array;
  first: Int32Array;
  second: Int32Array;
  hops: Uint32Array;
  readonly out: Adjacency;
  readonly in: Adjacency;

  constructor(nodeCount: number, csr: CompiledGraph) {
    const size = Math.max(16, csr.arcCount * 2);
    this.tail = new Uint32Array(size);
    this.head = new Uint32Array(size);
    this.weight = new Float64Array(size);
    this.weight2 = new Float64Array(size);
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.hops = new Uint32Array(size);
    const inDegree = new Uint32Array(nodeCount);
    for (let a = 0; a < csr.arcCount; a++) inDegree[csr.targets[a]!]! += 1;
    this.out = new Adjacency(nodeCount, (v) => csr.offsets[v + 1]! - csr.offsets[v]!);
    this.in = new Adjacency(nodeCount, (v) => inDegree[v]!);
  }

  findOut(u: number, w: number): number {
    const out = this.out;
    const begin = out.start[u]!;
    for (let i = begin, end = begin + out.length[u]!; i < end; i++) if (out.node[i] === w) return out.edge[i]!;
    return -1;
  }

  add(u: number, w: number, c: number, c2: number, first: number, second: number, hops: number): void {
    if (this.count === this.tail.length) this.grow();
    const e = this.count++;
    this.tail[e] = u;
    this.head[e] = w;
    this.weight[e] = c;
    this.weight2[e] = c2;
    this.first[e] = first;
    this.second[e] = second;
    this.hops[e] = hops;
    this.out.push(u, w, c, e);
    this.in.push(w, u, c, e);
  }

  /** A cheaper way along an existing edge. */
  set(e: number, c: number, c2: number, first: number, second: number, hops: number): void {
    this.weight[e] = c;
    this.weight2[e] = c2;
    this.first[e] = first;
    this.second[e] = second;
    this.hops[e] = hops;
    this.out.setWeight(this.tail[e]!, e, c);
    this.in.setWeight(this.head[e]!, e, c);
  }

  private grow(): void {
    const size = this.tail.length * 2;
    const more = <T extends Uint32Array | Int32Array | Float64Array>(a: T, C: new (n: number) => T): T => { const b = new C(size); b.set(a as never); return b; };
    this.tail = more(this.tail, Uint32Array);
    this.head = more(this.head, Uint32Array);
    this.weight = more(this.weight, Float64Array);
    this.weight2 = more(this.weight2, Float64Array);
    this.first = more(this.first, Int32Array);
    this.second = more(this.second, Int32Array);
    this.hops = more(this.hops, Uint32Array);
  }

  /** One direction's remaining lists as CSR, each node's arcs by edge id (independent of removal order). */
  toCsr(lists: Adjacency): { offsets: Uint32Array; heads: Uint32Array; weights: Float64Array; weights2: Float64Array; edges: Uint32Array } {
    const n = lists.start.length;
    const offsets = new Uint32Array(n + 1);
    for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + lists.length[v]!;
    const m = offsets[n]!;
    const heads = new Uint32Array(m);
    const weights = new Float64Array(m);
    const weights2 = new Float64Array(m);
    const edges = new Uint32Array(m);
    for (let v = 0; v < n; v++) {
      const begin = lists.start[v]!;
      const k = offsets[v]!;
      const length = lists.length[v]!;
      edges.set(lists.edge.subarray(begin, begin + length), k);
      edges.subarray(k, k + length).sort();
      for (let i = k; i < k + length; i++) {
        const e = edges[i]!;
        heads[i] = lists === this.out ? this.head[e]! : this.tail[e]!;
        weights[i] = this.weight[e]!;
        weights2[i] = this.weight2[e]!;
      }
    }
    return { offsets, heads, weights, weights2, edges };
  }
}

/** Min-heap of nodes by priority (ties by node number) with update of any entry. */
class IndexedHeap {
  size = 0;
  private readonly key: Float64Array;
  private readonly heap: Int32Array;
  private readonly position: Int32Array;

  constructor(n: number) {
    this.key = new Float64Array(n);
    this.heap = new Int32Array(n);
    this.position = new Int32Array(n).fill(-1);
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a]!;
    const kb = this.key[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  peek(): number { return this.heap[0]!; }


  secondKey(): number {
    let best = Infinity;
    if (this.size > 1) best = this.key[this.heap[1]!]!;
    if (this.size > 2) best = Math.min(best, this.key[this.heap[2]!]!);
    return best;
  }

  push(v: number, key: number): void {
    this.key[v] = key;
    this.heap[this.size] = v;
    this.position[v] = this.size;
    this.size++;
    this.up(this.size - 1);
  }

  pop(): number {
    const top = this.heap[0]!;
    this.position[top] = -1;
    this.size--;
    if (this.size > 0) {
      const last = this.heap[this.size]!;
      this.heap[0] = last;
      this.position[last] = 0;
      this.down(0);
    }
    return top;
  }

  update(v: number, key: number): void {
    const i = this.position[v]!;
    if (i < 0) return;
    const old = this.key[v]!;
    this.key[v] = key;
    if (key < old) this.up(i);
    else this.down(i);
  }

  private up(i: number): void {
    const heap = this.heap;
    const v = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(v, p)) break;
      heap[i] = p;
      this.position[p] = i;
      i = parent;
    }
    heap[i] = v;
    this.position[v] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const v = heap[i]!;
    const half = this.size >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < this.size && this.less(heap[right]!, heap[child]!)) child = right;
      const c = heap[child]!;
      if (!this.less(c, v)) break;
      heap[i] = c;
      this.position[c] = i;
      i = child;
    }
    heap[i] = v;
    this.position[v] = i;
  }
}
