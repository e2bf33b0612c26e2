/**
 * One node's contraction (ch.ts's build, and each part of a partitioned build in
 * ch-partition.ts): the graph while it is being contracted, the queue of nodes by priority, the
 * witness searches that decide which shortcuts a contraction needs, and the loop that contracts
 * the cheapest node until a given number remain.
 */
import type { ProgressCallback } from '../util/progress.js';
import { Scratch, WitnessSearch, witnessRow, type ArcLists } from './witness.js';

/** What decides the shortcuts and the order (HierarchyOptions' witness and ordering settings). */
export interface ContractionSettings {
  /** Settled nodes after which a witness search gives up (a shortcut is then added, which is always safe). */
  witnessLimit: number;
  /** Settled nodes for the witness searches that estimate a node's priority ("simulated" order). */
  simulateLimit: number;
  /** Priority from degrees (true) or from simulated contractions. */
  degreeMode: boolean;
}

/**
 * Contracts nodes of a DynamicGraph. `contracted` marks the nodes already gone (their lists are
 * then their arcs to the nodes contracted after them, which is what the hierarchy keeps).
 */
export class Contraction {
  readonly contracted: Uint8Array;
  private readonly level: Float64Array;
  private readonly deleted: Float64Array;
  private readonly witness: WitnessSearch;
  // v's own arcs, copied out before its contraction adds shortcuts (which may move the lists).
  private readonly ins = new Scratch();
  private readonly outs = new Scratch();
  private readonly neighbours = new Scratch();
  // The witness distance from in-neighbour i to out-neighbour k at `i * outs.size + k`.
  private found = new Float64Array(1024);

  constructor(readonly g: DynamicGraph, private readonly settings: ContractionSettings) {
    const n = g.out.start.length;
    this.contracted = new Uint8Array(n);
    this.level = new Float64Array(n);
    this.deleted = new Float64Array(n);
    this.witness = new WitnessSearch(n);
  }

  /** Simulates (or performs) the contraction of v; returns its priority. */
  contract(v: number, apply: boolean): number {
    const { g, ins, outs, witness } = this;
    ins.load(g.in, v);
    outs.load(g.out, v);
    const width = outs.size;
    const pairs = ins.size * width;
    if (this.found.length < pairs) this.found = new Float64Array(Math.max(pairs, this.found.length * 2));
    const found = this.found;
    const searchLimit = apply ? this.settings.witnessLimit : this.settings.simulateLimit;
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
    return this.level[v]! + this.deleted[v]! * 0.5 + (removed > 0 ? added / removed : 0) + (removedHops > 0 ? addedHops / removedHops : 0);
  }

  /** The node's priority: cheap from degrees (the most shortcuts contracting v could add, less the edges it removes), or simulated. */
  priorityOf(v: number): number {
    if (!this.settings.degreeMode) return this.contract(v, false);
    const i = this.g.in.length[v]!;
    const o = this.g.out.length[v]!;
    return i * o - i - o;
  }

  /**
   * Takes contracted v out of its neighbours' lists (its own lists stay: they are its upward and
   * downward arcs) and returns its neighbours still in the graph, each once. `placed`: the lists
   * were built without v's arcs in its neighbours' lists (ch-partition.ts's `assemble`), so there
   * is nothing to take out.
   */
  remove(v: number, placed = false): Scratch {
    const { g, neighbours, contracted } = this;
    contracted[v] = 1;
    neighbours.size = 0;
    const inStart = g.in.start[v]!;
    for (let i = inStart, end = inStart + g.in.length[v]!; i < end; i++) {
      const u = g.in.node[i]!;
      if (!placed) g.out.remove(u, g.in.edge[i]!);
      if (contracted[u]) continue;
      contracted[u] = 2; // seen
      neighbours.push(u, 0, 0);
    }
    const outStart = g.out.start[v]!;
    for (let k = outStart, end = outStart + g.out.length[v]!; k < end; k++) {
      const w = g.out.node[k]!;
      if (!placed) g.in.remove(w, g.out.edge[k]!);
      if (contracted[w]) continue;
      contracted[w] = 2;
      neighbours.push(w, 0, 0);
    }
    for (let i = 0; i < neighbours.size; i++) {
      const u = neighbours.node[i]!;
      contracted[u] = 0;
      this.deleted[u]! += 1;
      if (this.level[v]! + 1 > this.level[u]!) this.level[u] = this.level[v]! + 1;
    }
    return neighbours;
  }

  /**
   * Contracts the queued nodes, cheapest first (priorities updated lazily), until `stopAt` are
   * left in the queue; `contracted(v)` hears of each in order.
   */
  run(queue: IndexedHeap, stopAt: number, contracted: (v: number) => void): void {
    while (queue.size > stopAt) {
      const v = queue.peek();
      // Lazy update: the priority may have grown since it was queued.
      const priority = this.priorityOf(v);
      if (queue.size > 1 && priority > queue.secondKey()) {
        queue.update(v, priority);
        continue;
      }
      queue.pop();
      this.contract(v, true);
      const neighbours = this.remove(v);
      contracted(v);
      for (let i = 0; i < neighbours.size; i++) {
        const u = neighbours.node[i]!;
        if (queue.has(u)) queue.update(u, this.priorityOf(u));
      }
    }
  }
}

/** Progress of a build every fiftieth of its nodes. */
export function progressEvery(total: number, report: ProgressCallback | undefined): (done: number) => void {
  const every = Math.max(1, Math.floor(total / 50));
  return (done) => { if (report && done % every === 0) report({ step: 'hierarchy', done, total }); };
}

/**
 * One direction of the graph's adjacency while it is being contracted: each node's arcs (the
 * node at the other end, the weight, the edge id) lie side by side in a slab of typed arrays, so
 * the witness searches, which scan hundreds of millions of arcs on a county, read memory in
 * order. A list that outgrows its room moves to the end of the slab with twice the room.
 */
export class Adjacency implements ArcLists {
  readonly start: Uint32Array;
  readonly length: Uint32Array;
  private readonly room: Uint32Array;
  node: Uint32Array;
  weight: Float64Array;
  edge: Uint32Array;
  private used = 0;

  /** `room(v)` arcs of room for node v to start with; the slab holds `slack` times the total more for lists that outgrow theirs. */
  constructor(nodeCount: number, room: (v: number) => number, slack: number) {
    this.start = new Uint32Array(nodeCount);
    this.length = new Uint32Array(nodeCount);
    this.room = new Uint32Array(nodeCount);
    let total = 0;
    for (let v = 0; v < nodeCount; v++) {
      const r = room(v);
      this.start[v] = total;
      this.room[v] = r;
      total += r;
    }
    this.used = total;
    const size = Math.max(16, Math.ceil(total * (1 + slack)));
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

/** Edges side by side: `count` of them, each with its ends, both weights, its halves (`first` < 0: road arc `-first - 1`) and the road arcs inside it. */
export interface EdgeArrays {
  count: number;
  tail: Uint32Array;
  head: Uint32Array;
  weight: Float64Array;
  weight2: Float64Array;
  first: Int32Array;
  second: Int32Array;
  hops: Uint32Array;
}

/** The graph while it is being contracted: edges in growable typed arrays, adjacency both ways. */
export class DynamicGraph implements EdgeArrays {
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

  /**
   * Room for `edges` edges (it grows), and per node twice its `outDegree[v]` / `inDegree[v]`
   * arcs; `rooms` instead gives each node's room and the slab's slack for lists that outgrow it.
   */
  constructor(nodeCount: number, outDegree: Uint32Array, inDegree: Uint32Array, edges: number, rooms?: { out: (v: number) => number; in: (v: number) => number; slack: number }) {
    const size = Math.max(16, edges);
    this.tail = new Uint32Array(size);
    this.head = new Uint32Array(size);
    this.weight = new Float64Array(size);
    this.weight2 = new Float64Array(size);
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.hops = new Uint32Array(size);
    this.out = new Adjacency(nodeCount, rooms?.out ?? ((v) => Math.max(4, outDegree[v]! * 2)), rooms?.slack ?? 1);
    this.in = new Adjacency(nodeCount, rooms?.in ?? ((v) => Math.max(4, inDegree[v]! * 2)), rooms?.slack ?? 1);
  }

  findOut(u: number, w: number): number {
    const out = this.out;
    const begin = out.start[u]!;
    for (let i = begin, end = begin + out.length[u]!; i < end; i++) if (out.node[i] === w) return out.edge[i]!;
    return -1;
  }

  add(u: number, w: number, c: number, c2: number, first: number, second: number, hops: number): void {
    this.addTo(u, w, c, c2, first, second, hops, true, true);
  }

  /** A new edge in u's out-list and/or w's in-list only (an arc already out of one side's lists). */
  addTo(u: number, w: number, c: number, c2: number, first: number, second: number, hops: number, inOut: boolean, inIn: boolean): void {
    if (this.count === this.tail.length) this.grow();
    const e = this.count++;
    this.tail[e] = u;
    this.head[e] = w;
    this.weight[e] = c;
    this.weight2[e] = c2;
    this.first[e] = first;
    this.second[e] = second;
    this.hops[e] = hops;
    if (inOut) this.out.push(u, w, c, e);
    if (inIn) this.in.push(w, u, c, e);
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

  /** Room for `size` edges. */
  reserve(size: number): void {
    if (this.tail.length < size) this.grow(size);
  }

  private grow(size = this.tail.length * 2): void {
    const more = <T extends Uint32Array | Int32Array | Float64Array>(a: T, C: new (n: number) => T): T => { const b = new C(size); b.set(a as never); return b; };
    this.tail = more(this.tail, Uint32Array);
    this.head = more(this.head, Uint32Array);
    this.weight = more(this.weight, Float64Array);
    this.weight2 = more(this.weight2, Float64Array);
    this.first = more(this.first, Int32Array);
    this.second = more(this.second, Int32Array);
    this.hops = more(this.hops, Uint32Array);
  }

  /**
   * One direction's remaining lists as CSR, each node's arcs by edge id (independent of removal
   * order). The arrays lie in shared memory, as the matrix's worker threads read them: sharing
   * them afterwards copied 0.2 GB on the county grid.
   */
  toCsr(lists: Adjacency): { offsets: Uint32Array; heads: Uint32Array; weights: Float64Array; weights2: Float64Array; edges: Uint32Array } {
    const n = lists.start.length;
    const offsets = new Uint32Array(new SharedArrayBuffer(4 * (n + 1)));
    for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + lists.length[v]!;
    const m = offsets[n]!;
    const heads = new Uint32Array(new SharedArrayBuffer(4 * m));
    const weights = new Float64Array(new SharedArrayBuffer(8 * m));
    const weights2 = new Float64Array(new SharedArrayBuffer(8 * m));
    const edges = new Uint32Array(new SharedArrayBuffer(4 * m));
    const { edge: listEdge, node: listNode, weight: listWeight } = lists;
    const ends = lists === this.out ? this.head : this.tail;
    for (let v = 0; v < n; v++) {
      const begin = lists.start[v]!;
      const k = offsets[v]!;
      const length = lists.length[v]!;
      // Insertion sort in place: most lists hold a handful of arcs, and a subarray and a typed
      // sort per node cost more than the sorting (1.3 s of the county's build in a profile).
      // Each arc's other end and weight come along from the list (they are the edge's own: a
      // list entry is written with them and updated with `set`), so only the secondary weight
      // is read by edge id, scattered over the edge arrays.
      if (length <= 32) {
        for (let i = 0; i < length; i++) {
          const e = listEdge[begin + i]!;
          const head = listNode[begin + i]!;
          const weight = listWeight[begin + i]!;
          let j = k + i;
          while (j > k && edges[j - 1]! > e) {
            edges[j] = edges[j - 1]!;
            heads[j] = heads[j - 1]!;
            weights[j] = weights[j - 1]!;
            j--;
          }
          edges[j] = e;
          heads[j] = head;
          weights[j] = weight;
        }
        for (let i = k; i < k + length; i++) weights2[i] = this.weight2[edges[i]!]!;
      } else {
        edges.set(listEdge.subarray(begin, begin + length), k);
        edges.subarray(k, k + length).sort();
        for (let i = k; i < k + length; i++) {
          const e = edges[i]!;
          heads[i] = ends[e]!;
          weights[i] = this.weight[e]!;
          weights2[i] = this.weight2[e]!;
        }
      }
    }
    return { offsets, heads, weights, weights2, edges };
  }
}

/** Min-heap of nodes by priority (ties by node number) with update of any entry. */
export class IndexedHeap {
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

  has(v: number): boolean { return this.position[v]! >= 0; }

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
