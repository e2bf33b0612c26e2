/**
 * Queries on a contraction hierarchy: the bucket many-to-many matrix (one backward upward search
 * per destination leaves (destination, cost) entries at every node it settles; one forward
 * upward search per origin then reads the buckets of the nodes it settles) and single best
 * paths with their shortcuts unpacked into road arcs. Both searches prune with stall-on-demand:
 * a node reached more cheaply from above is not expanded, as its cost cannot be final.
 */
import { ShortestPathSearch, type TargetTable } from './dijkstra.js';
import { siftDown, siftUp, unpackEdge, type ContractionHierarchy } from './ch.js';

/** One direction's upward graph: arcs to climb, and the arcs that prove a node stalled. */
interface Side {
  offsets: Uint32Array;
  heads: Uint32Array;
  weights: Float64Array;
  weights2: Float64Array;
  edges: Uint32Array;
  stallOffsets: Uint32Array;
  stallHeads: Uint32Array;
  stallWeights: Float64Array;
  /** Nodes the search settles but does not expand (the backward search stops at the core). */
  stopAt: Uint8Array | null;
}

function forwardSide(ch: ContractionHierarchy): Side {
  return {
    offsets: ch.upOffsets, heads: ch.upHead, weights: ch.upWeight, weights2: ch.upWeight2, edges: ch.upEdge,
    stallOffsets: ch.downOffsets, stallHeads: ch.downHead, stallWeights: ch.downWeight, stopAt: null,
  };
}

function backwardSide(ch: ContractionHierarchy): Side {
  return {
    offsets: ch.downOffsets, heads: ch.downHead, weights: ch.downWeight, weights2: ch.downWeight2, edges: ch.downEdge,
    stallOffsets: ch.upOffsets, stallHeads: ch.upHead, stallWeights: ch.upWeight, stopAt: ch.coreSize > 0 ? ch.core : null,
  };
}

/** A reusable upward search. After `run`, `settled[0 .. settledCount - 1]` are the nodes it expanded, with `dist`, `dist2`, `parent`. */
export class UpwardSearch {
  readonly dist: Float64Array;
  readonly dist2: Float64Array;
  /** Hierarchy edge that reached each node (-1: a start node); valid for settled nodes. */
  readonly parent: Int32Array;
  /** Start-slot index each start node came from (valid where parent is -1). */
  readonly startSlot: Int32Array;
  readonly settled: Int32Array;
  settledCount = 0;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private heapKey: Float64Array = new Float64Array(1024);
  private heapNode: Int32Array = new Int32Array(1024);

  constructor(nodeCount: number) {
    this.dist = new Float64Array(nodeCount).fill(Infinity);
    this.dist2 = new Float64Array(nodeCount);
    this.parent = new Int32Array(nodeCount);
    this.startSlot = new Int32Array(nodeCount);
    this.settled = new Int32Array(nodeCount);
    this.touched = new Int32Array(nodeCount);
  }

  /** `meet`: the other side's costs (Infinity where unreached); when given, the search stops once
   *  no cheaper meeting is possible, and `best`/`bestNode` hold the best meeting found. */
  run(side: Side, startNodes: ArrayLike<number>, startCost: ArrayLike<number>, startCost2: ArrayLike<number>, first: number, end: number, meet: Float64Array | null = null): void {
    const dist = this.dist;
    const dist2 = this.dist2;
    const parent = this.parent;
    const touched = this.touched;
    for (let k = 0; k < this.touchedCount; k++) dist[touched[k]!] = Infinity;
    let touchedCount = 0;
    let heapKey = this.heapKey;
    let heapNode = this.heapNode;
    let size = 0;
    for (let s = first; s < end; s++) {
      const v = startNodes[s]!;
      const c = startCost[s]!;
      if (!(c < dist[v]!)) continue;
      if (dist[v] === Infinity) touched[touchedCount++] = v;
      dist[v] = c;
      dist2[v] = startCost2[s]!;
      parent[v] = -1;
      this.startSlot[v] = s;
      if (size === heapKey.length) ({ heapKey, heapNode } = this.grow());
      siftUp(heapKey, heapNode, size++, v, c);
    }
    const { offsets, heads, weights, weights2, edges, stallOffsets, stallHeads, stallWeights, stopAt } = side;
    const settled = this.settled;
    let settledCount = 0;
    let best = Infinity;
    let bestNode = -1;
    while (size > 0) {
      const d = heapKey[0]!;
      const v = heapNode[0]!;
      if (--size > 0) siftDown(heapKey, heapNode, size, heapKey[size]!, heapNode[size]!);
      if (d > dist[v]!) continue;
      if (meet) {
        if (d >= best) break;
        const c = d + meet[v]!;
        if (c < best) { best = c; bestNode = v; }
      }
      // Stall-on-demand: reached more cheaply through a node above, so not a shortest cost.
      let stalled = false;
      for (let a = stallOffsets[v]!, stop = stallOffsets[v + 1]!; a < stop; a++) {
        if (dist[stallHeads[a]!]! + stallWeights[a]! < d) { stalled = true; break; }
      }
      if (stalled) continue;
      settled[settledCount++] = v;
      if (stopAt && stopAt[v]) continue;
      const d2 = dist2[v]!;
      for (let a = offsets[v]!, stop = offsets[v + 1]!; a < stop; a++) {
        const w = heads[a]!;
        const c = d + weights[a]!;
        if (!(c < dist[w]!)) continue;
        if (dist[w] === Infinity) touched[touchedCount++] = w;
        dist[w] = c;
        dist2[w] = d2 + weights2[a]!;
        parent[w] = edges[a]!;
        if (size === heapKey.length) ({ heapKey, heapNode } = this.grow());
        siftUp(heapKey, heapNode, size++, w, c);
      }
    }
    this.touchedCount = touchedCount;
    this.settledCount = settledCount;
    this.best = best;
    this.bestNode = bestNode;
  }

  best = Infinity;
  bestNode = -1;

  private grow(): { heapKey: Float64Array; heapNode: Int32Array } {
    const k = new Float64Array(this.heapKey.length * 2); k.set(this.heapKey); this.heapKey = k;
    const v = new Int32Array(this.heapNode.length * 2); v.set(this.heapNode); this.heapNode = v;
    return { heapKey: this.heapKey, heapNode: this.heapNode };
  }
}

/** Entries of a target table regrouped by target: where the backward search of target j starts. */
function entriesByTarget(table: TargetTable): { offsets: Uint32Array; nodes: Uint32Array; cost: Float64Array; cost2: Float64Array } {
  const count = table.count;
  const offsets = new Uint32Array(count + 1);
  const nodeCount = table.offsets.length - 1;
  for (let k = 0; k < table.entryTarget.length; k++) offsets[table.entryTarget[k]! + 1]!++;
  for (let t = 0; t < count; t++) offsets[t + 1]! += offsets[t]!;
  const fill = offsets.slice(0, count);
  const nodes = new Uint32Array(table.entryTarget.length);
  const cost = new Float64Array(nodes.length);
  const cost2 = new Float64Array(nodes.length);
  for (let v = 0; v < nodeCount; v++) {
    for (let k = table.offsets[v]!; k < table.offsets[v + 1]!; k++) {
      const i = fill[table.entryTarget[k]!]!++;
      nodes[i] = v;
      cost[i] = table.entryCost[k]!;
      cost2[i] = table.entryCost2[k]!;
    }
  }
  return { offsets, nodes, cost, cost2 };
}

/** The destinations' buckets: at node v, entries `offsets[v] .. offsets[v + 1] - 1` of (target, cost to it, secondary cost). */
export interface Buckets {
  offsets: Uint32Array;
  target: Uint32Array;
  cost: Float64Array;
  cost2: Float64Array;
}

/**
 * Runs one backward upward search per target and files what each settles into buckets.
 *
 * @example
 * const buckets = fillBuckets(ch, plan.targets);
 */
export function fillBuckets(ch: ContractionHierarchy, table: TargetTable): Buckets {
  const n = ch.nodeCount;
  const byTarget = entriesByTarget(table);
  const search = new UpwardSearch(n);
  const side = backwardSide(ch);
  let node = new Uint32Array(1 << 16);
  let target = new Uint32Array(1 << 16);
  let cost = new Float64Array(1 << 16);
  let cost2 = new Float64Array(1 << 16);
  let used = 0;
  for (let t = 0; t < table.count; t++) {
    search.run(side, byTarget.nodes, byTarget.cost, byTarget.cost2, byTarget.offsets[t]!, byTarget.offsets[t + 1]!);
    const count = search.settledCount;
    if (used + count > node.length) {
      const size = Math.max(node.length * 2, used + count);
      const grow = <T extends Uint32Array | Float64Array>(a: T, C: new (k: number) => T): T => { const b = new C(size); b.set(a as never); return b; };
      node = grow(node, Uint32Array); target = grow(target, Uint32Array); cost = grow(cost, Float64Array); cost2 = grow(cost2, Float64Array);
    }
    for (let k = 0; k < count; k++) {
      const v = search.settled[k]!;
      node[used] = v;
      target[used] = t;
      cost[used] = search.dist[v]!;
      cost2[used] = search.dist2[v]!;
      used++;
    }
  }
  const offsets = new Uint32Array(n + 1);
  for (let k = 0; k < used; k++) offsets[node[k]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const bucketTarget = new Uint32Array(used);
  const bucketCost = new Float64Array(used);
  const bucketCost2 = new Float64Array(used);
  for (let k = 0; k < used; k++) {
    const i = fill[node[k]!]!++;
    bucketTarget[i] = target[k]!;
    bucketCost[i] = cost[k]!;
    bucketCost2[i] = cost2[k]!;
  }
  return { offsets, target: bucketTarget, cost: bucketCost, cost2: bucketCost2 };
}

/**
 * Forward searches for origins `first, first + step, …`: writes row i's best costs (Infinity where
 * unreached) into `primary[i * size ..]` and their secondary costs into `secondary`.
 *
 * @example
 * bucketRows(ch, buckets, plan, primary, secondary);
 */
export function bucketRows(
  ch: ContractionHierarchy,
  buckets: Buckets,
  starts: { size: number; startOffsets: Uint32Array; startNodes: Uint32Array; startCost: Float64Array; startCost2: Float64Array },
  primary: Float64Array,
  secondary: Float64Array,
  first = 0,
  step = 1,
  onRow?: () => void,
): void {
  const { size, startOffsets } = starts;
  // The forward side is a plain Dijkstra over the upward arcs (the graph's own tuned search, with
  // its bucket queue), and the buckets are its target table: reaching node v at cost d reaches
  // every destination filed at v at d plus the bucket's cost. In the dense core this beats
  // stall-on-demand with a binary heap, and the search stops once every destination is final.
  const search = new ShortestPathSearch(
    { nodeCount: ch.nodeCount, arcCount: ch.upHead.length, offsets: ch.upOffsets, targets: ch.upHead, arcEdge: ch.upEdge, arcForward: new Uint8Array(0), arcLength: ch.upWeight2, arcDuration: ch.upWeight },
    ch.upWeight,
    ch.upWeight2,
  );
  search.trackParents = false;
  const table: TargetTable = { count: size, offsets: buckets.offsets, entryTarget: buckets.target, entryCost: buckets.cost, entryCost2: buckets.cost2 };
  for (let i = first; i < size; i += step) {
    const a = startOffsets[i]!;
    const b = startOffsets[i + 1]!;
    search.runFrom(starts.startNodes.subarray(a, b), starts.startCost.subarray(a, b), starts.startCost2.subarray(a, b), table);
    primary.set(search.best, i * size);
    secondary.set(search.best2, i * size);
    onRow?.();
  }
}

/** The best path between two sets of weighted nodes: its costs, the road arcs, and which start and target entry it used. */
export interface HierarchyPath {
  cost: number;
  cost2: number;
  /** Road arcs in driving order. */
  arcs: number[];
  /** Index into the start arrays of the start used. */
  startSlot: number;
  /** Index into the target arrays of the entry used. */
  targetSlot: number;
}

/**
 * A point-to-point query: upward searches from both sides, best meeting node, shortcuts unpacked.
 * Returns undefined when no path exists.
 *
 * @example
 * const path = hierarchyPath(ch, [a], [0], [0], [b], [0], [0]);
 */
export function hierarchyPath(
  ch: ContractionHierarchy,
  startNodes: ArrayLike<number>, startCost: ArrayLike<number>, startCost2: ArrayLike<number>,
  targetNodes: ArrayLike<number>, targetCost: ArrayLike<number>, targetCost2: ArrayLike<number>,
  searches: { forward: UpwardSearch; backward: UpwardSearch } = pathSearches(ch),
): HierarchyPath | undefined {
  const { forward, backward } = searches;
  backward.run(backwardSide(ch), targetNodes, targetCost, targetCost2, 0, targetNodes.length);
  // Every finite cost on either side is that of a real path, and the best path meets at a node
  // both sides settle, so the forward search can stop once its costs reach the best meeting.
  forward.run(forwardSide(ch), startNodes, startCost, startCost2, 0, startNodes.length, backward.dist);
  const meet = forward.bestNode;
  if (meet < 0) return undefined;
  const best = forward.best;
  const best2 = forward.dist2[meet]! + backward.dist2[meet]!;
  const up: number[] = [];
  let v = meet;
  while (forward.parent[v]! !== -1) {
    const e = forward.parent[v]!;
    up.push(e);
    v = ch.edgeTail[e]!;
  }
  const startSlot = forward.startSlot[v]!;
  const arcs: number[] = [];
  for (let k = up.length - 1; k >= 0; k--) unpackEdge(ch, up[k]!, arcs);
  v = meet;
  while (backward.parent[v]! !== -1) {
    const e = backward.parent[v]!;
    unpackEdge(ch, e, arcs);
    v = ch.edgeHead[e]!;
  }
  return { cost: best, cost2: best2, arcs, startSlot, targetSlot: backward.startSlot[v]! };
}

/** Search objects for `hierarchyPath`, to reuse over many paths. */
export function pathSearches(ch: ContractionHierarchy): { forward: UpwardSearch; backward: UpwardSearch } {
  return { forward: new UpwardSearch(ch.nodeCount), backward: new UpwardSearch(ch.nodeCount) };
}
