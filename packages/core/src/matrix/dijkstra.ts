/**
 * One-to-many Dijkstra over the CSR graph. Scratch arrays are allocated once per search object
 * and reused across sources. Each run starts by resetting the costs to Infinity: a matrix row
 * reaches nearly every node anyway, and a memset is cheaper than checking a run stamp on every
 * arc (measured on the 500k-edge grid with benchmarks/graph/queue.mjs).
 */
import type { CompiledGraph } from '../graph/compile.js';

/**
 * Targets attached to graph nodes: reaching node v at cost d reaches target `entryTarget[k]` at
 * `d + entryCost[k]` for every k in `offsets[v] .. offsets[v + 1] - 1`.
 */
export interface TargetTable {
  count: number;
  offsets: Uint32Array;
  entryTarget: Uint32Array;
  entryCost: Float64Array;
  entryCost2: Float64Array;
}

/**
 * Builds a `TargetTable` from (node, target, cost, secondary cost) entries.
 *
 * @example
 * const table = targetTable(csr.nodeCount, 2, [{ node: 5, target: 0, cost: 12.5, cost2: 1.2 }]);
 */
export function targetTable(nodeCount: number, count: number, entries: Array<{ node: number; target: number; cost: number; cost2: number }>): TargetTable {
  const offsets = new Uint32Array(nodeCount + 1);
  for (const entry of entries) offsets[entry.node + 1]!++;
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, nodeCount);
  const entryTarget = new Uint32Array(entries.length);
  const entryCost = new Float64Array(entries.length);
  const entryCost2 = new Float64Array(entries.length);
  for (const entry of entries) {
    const k = fill[entry.node]!++;
    entryTarget[k] = entry.target;
    entryCost[k] = entry.cost;
    entryCost2[k] = entry.cost2;
  }
  return { count, offsets, entryTarget, entryCost, entryCost2 };
}

/** Stands in for a missing target table so that the search loop reads the same array types either way. */
const NO_TARGETS: TargetTable = { count: 0, offsets: new Uint32Array(0), entryTarget: new Uint32Array(0), entryCost: new Float64Array(0), entryCost2: new Float64Array(0) };

/**
 * A reusable shortest-path search on one compiled graph, minimising `weight` and carrying
 * `weight2` along the chosen paths (time and distance, in either role).
 *
 * The queue is a bucket queue in front of a small binary heap: a queued cost goes into the
 * bucket of `floor((cost - base) / width)`, and only the current bucket's entries are in the
 * heap, so nodes still leave the queue one at a time in exact cost order (this is Dijkstra's
 * algorithm, settling each node once) while the heap stays a few entries deep. A node is
 * queued again when its cost drops; the stale entry is skipped when it comes out. On the
 * 500k-edge grid this took about 0.85 of the time of flatqueue over all queued nodes, side by
 * side in one process (benchmarks/graph/queue.mjs); an indexed binary heap with decrease-key
 * and a 4-ary one were no faster than flatqueue there, so they were not kept.
 *
 * @example
 * const search = new ShortestPathSearch(csr, csr.arcDuration, csr.arcLength);
 * search.run([node], [0], [0], table);
 * search.best[0]; // seconds to target 0
 */
export class ShortestPathSearch {
  readonly dist: Float64Array;
  readonly dist2: Float64Array;
  /** Arc used to reach each node, or -1 for a start node. Valid where `dist[v]` is finite. */
  readonly parentArc: Int32Array;
  /** Searches run so far. */
  run = 0;
  /** Per target after `run`: best cost, its secondary cost, and the entry index that gave it (-1: unreached). */
  best: Float64Array = new Float64Array(0);
  best2: Float64Array = new Float64Array(0);
  bestEntry: Int32Array = new Int32Array(0);
  /** Record the arc that reached each node (for `arcsTo`); matrices switch it off. */
  trackParents = true;
  /** Nodes settled in the last run (a work measure for benchmarks). */
  settled = 0;
  /** Largest arc weight: queued costs span at most this much beyond the current bucket. */
  private readonly maxWeight: number;
  /** First entry of each bucket's list (-1: empty); the buckets are used round-robin. */
  private readonly bucketHead: Int32Array;
  /** Bucket entries (cost, node, next entry of the same bucket); grown by doubling. */
  private entryKey: Float64Array = new Float64Array(1024);
  private entryNode: Int32Array = new Int32Array(1024);
  private entryNext: Int32Array = new Int32Array(1024);
  /** Binary heap of the current bucket's entries; grown by doubling. */
  private heapKey: Float64Array = new Float64Array(1024);
  private heapNode: Int32Array = new Int32Array(1024);

  constructor(
    readonly csr: CompiledGraph,
    readonly weight: Float64Array,
    readonly weight2: Float64Array,
  ) {
    const n = csr.nodeCount;
    this.dist = new Float64Array(n);
    this.dist2 = new Float64Array(n);
    this.parentArc = new Int32Array(n);
    let maxWeight = 0;
    for (let a = 0; a < weight.length; a++) if (weight[a]! > maxWeight && weight[a]! < Infinity) maxWeight = weight[a]!;
    this.maxWeight = maxWeight;
    this.bucketHead = new Int32Array(BUCKETS + 4);
  }

  /**
   * Runs from the given start nodes (with initial costs) until every target's best cost is
   * final, or the whole reachable graph is settled when `targets` is null.
   */
  runFrom(startNodes: ArrayLike<number>, startCost: ArrayLike<number>, startCost2: ArrayLike<number>, targets: TargetTable | null): void {
    const { offsets, targets: heads } = this.csr;
    const weight = this.weight;
    const weight2 = this.weight2;
    const dist = this.dist;
    const dist2 = this.dist2;
    const parentArc = this.parentArc;
    const trackParents = this.trackParents;
    this.run++;
    dist.fill(Infinity);

    let targetCount = 0;
    if (targets) {
      targetCount = targets.count;
      if (this.best.length !== targetCount) {
        this.best = new Float64Array(targetCount);
        this.best2 = new Float64Array(targetCount);
        this.bestEntry = new Int32Array(targetCount);
      }
      this.best.fill(Infinity);
      this.best2.fill(Infinity);
      this.bestEntry.fill(-1);
    }
    const table = targets ?? NO_TARGETS;
    const targetOffsets = table.offsets;
    const entryTarget = table.entryTarget;
    const entryCost = table.entryCost;
    const entryCost2 = table.entryCost2;
    const best = this.best;
    const best2 = this.best2;
    const bestEntry = this.bestEntry;
    let unresolved = targetCount;
    let bound = Infinity;

    // Bucket width: every queued cost lies below the current bucket's end plus the largest arc
    // weight (or the spread of the start costs), which the round-robin buckets must cover.
    let base = Infinity;
    let spread = this.maxWeight;
    for (let i = 0; i < startNodes.length; i++) if (startCost[i]! < base) base = startCost[i]!;
    for (let i = 0; i < startNodes.length; i++) if (startCost[i]! < Infinity && startCost[i]! - base > spread) spread = startCost[i]! - base;
    // Any scale works for exactness as long as the bucket number never decreases with the cost.
    const perCost = spread > 0 && Number.isFinite(spread) ? BUCKETS / spread : 1;
    const bucketCount = this.bucketHead.length;
    const bucketHead = this.bucketHead;
    bucketHead.fill(-1);
    let current = 0; // bucket (counted from `base`) whose entries are in the heap
    let bucketed = 0; // entries waiting in buckets
    let used = 0; // entries handed out this run
    let size = 0; // heap size
    let entryKey = this.entryKey;
    let entryNode = this.entryNode;
    let entryNext = this.entryNext;
    let heapKey = this.heapKey;
    let heapNode = this.heapNode;

    for (let i = 0; i < startNodes.length; i++) {
      const v = startNodes[i]!;
      const c = startCost[i]!;
      if (c < dist[v]!) {
        dist[v] = c;
        dist2[v] = startCost2[i]!;
        parentArc[v] = -1;
        const bucket = Math.floor((c - base) * perCost);
        if (bucket <= current) {
          if (size === heapKey.length) ({ heapKey, heapNode } = this.growHeap());
          heapPush(heapKey, heapNode, size++, v, c);
        } else {
          if (used === entryKey.length) ({ entryKey, entryNode, entryNext } = this.growEntries());
          const b = bucket % bucketCount;
          entryKey[used] = c;
          entryNode[used] = v;
          entryNext[used] = bucketHead[b]!;
          bucketHead[b] = used++;
          bucketed++;
        }
      }
    }

    let settled = 0;
    for (;;) {
      if (size === 0) {
        if (bucketed === 0) break;
        // Move the next non-empty bucket into the heap, dropping entries already stale.
        let b: number;
        do b = ++current % bucketCount; while (bucketHead[b]! < 0);
        for (let e = bucketHead[b]!; e >= 0; e = entryNext[e]!) {
          bucketed--;
          const c = entryKey[e]!;
          const v = entryNode[e]!;
          if (c > dist[v]!) continue;
          if (size === heapKey.length) ({ heapKey, heapNode } = this.growHeap());
          heapPush(heapKey, heapNode, size++, v, c);
        }
        bucketHead[b] = -1;
        continue;
      }
      const key = heapKey[0]!;
      const v = heapNode[0]!;
      if (--size > 0) heapSiftDown(heapKey, heapNode, size, heapKey[size]!, heapNode[size]!);
      // A node is queued again only with a strictly lower cost, so exactly one entry per node
      // carries its final cost; every other entry is stale.
      if (key > dist[v]!) continue;
      if (targets && unresolved === 0 && key >= bound) {
        // Costs only grow from here; recompute the bound (it can only have dropped) and stop
        // if every target is already at least this cheap.
        bound = 0;
        for (let t = 0; t < targetCount; t++) if (best[t]! > bound) bound = best[t]!;
        if (key >= bound) break;
      }
      settled++;
      const dv = key;
      const dv2 = dist2[v]!;
      if (targets) {
        for (let k = targetOffsets[v]!, end = targetOffsets[v + 1]!; k < end; k++) {
          const t = entryTarget[k]!;
          const c = dv + entryCost[k]!;
          if (c < best[t]!) {
            if (best[t] === Infinity) {
              unresolved--;
              if (unresolved === 0) {
                bound = 0;
                for (let u = 0; u < targetCount; u++) if (best[u]! > bound && u !== t) bound = best[u]!;
                if (c > bound) bound = c;
              }
            }
            best[t] = c;
            best2[t] = dv2 + entryCost2[k]!;
            bestEntry[t] = k;
          }
        }
      }
      for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
        const w = heads[a]!;
        const c = dv + weight[a]!;
        // Written so that an arc of cost NaN or Infinity is never taken.
        if (!(c < dist[w]!)) continue;
        dist[w] = c;
        dist2[w] = dv2 + weight2[a]!;
        if (trackParents) parentArc[w] = a;
        const bucket = Math.floor((c - base) * perCost);
        if (bucket <= current) {
          if (size === heapKey.length) ({ heapKey, heapNode } = this.growHeap());
          heapPush(heapKey, heapNode, size++, w, c);
        } else {
          if (used === entryKey.length) ({ entryKey, entryNode, entryNext } = this.growEntries());
          const b = bucket % bucketCount;
          entryKey[used] = c;
          entryNode[used] = w;
          entryNext[used] = bucketHead[b]!;
          bucketHead[b] = used++;
          bucketed++;
        }
      }
    }
    this.settled = settled;
  }

  private growHeap(): { heapKey: Float64Array; heapNode: Int32Array } {
    this.heapKey = grown(this.heapKey, new Float64Array(this.heapKey.length * 2));
    this.heapNode = grown(this.heapNode, new Int32Array(this.heapNode.length * 2));
    return { heapKey: this.heapKey, heapNode: this.heapNode };
  }

  private growEntries(): { entryKey: Float64Array; entryNode: Int32Array; entryNext: Int32Array } {
    this.entryKey = grown(this.entryKey, new Float64Array(this.entryKey.length * 2));
    this.entryNode = grown(this.entryNode, new Int32Array(this.entryNode.length * 2));
    this.entryNext = grown(this.entryNext, new Int32Array(this.entryNext.length * 2));
    return { entryKey: this.entryKey, entryNode: this.entryNode, entryNext: this.entryNext };
  }

  /** Whether node v was reached in the last run. */
  reached(v: number): boolean {
    return this.dist[v]! !== Infinity;
  }

  /** Arcs of the shortest path to node v in the last run, from the start outwards. */
  arcsTo(v: number): number[] {
    const arcs: number[] = [];
    let node = v;
    while (this.parentArc[node]! !== -1) {
      const a = this.parentArc[node]!;
      arcs.push(a);
      node = this.arcTail(a);
    }
    return arcs.reverse();
  }

  private tails: Uint32Array | undefined;
  private arcTail(a: number): number {
    if (!this.tails) {
      const { offsets, nodeCount, arcCount } = this.csr;
      this.tails = new Uint32Array(arcCount);
      for (let v = 0; v < nodeCount; v++) for (let k = offsets[v]!; k < offsets[v + 1]!; k++) this.tails[k] = v;
    }
    return this.tails[a]!;
  }
}

/** Buckets per largest arc weight: enough that a bucket holds a few queued nodes on road networks. */
const BUCKETS = 1024;

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** Adds `node` with `key` to a binary heap that has `size` entries. */
function heapPush(heapKey: Float64Array, heapNode: Int32Array, size: number, node: number, key: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const parentKey = heapKey[parent]!;
    if (parentKey <= key) break;
    heapKey[i] = parentKey;
    heapNode[i] = heapNode[parent]!;
    i = parent;
  }
  heapKey[i] = key;
  heapNode[i] = node;
}

/** Puts `node` with `key` in the root slot of a heap of `size` entries and moves it down. */
function heapSiftDown(heapKey: Float64Array, heapNode: Int32Array, size: number, key: number, node: number): void {
  const half = size >> 1;
  let i = 0;
  while (i < half) {
    let child = 2 * i + 1;
    let childKey = heapKey[child]!;
    const right = child + 1;
    if (right < size && heapKey[right]! < childKey) {
      child = right;
      childKey = heapKey[right]!;
    }
    if (childKey >= key) break;
    heapKey[i] = childKey;
    heapNode[i] = heapNode[child]!;
    i = child;
  }
  heapKey[i] = key;
  heapNode[i] = node;
}
