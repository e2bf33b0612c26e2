/**
 * Queries on a contraction hierarchy: the bucket many-to-many matrix (Knopp et al. 2007: one
 * backward upward search per destination leaves (destination, cost) entries at every node it
 * settles; one forward upward search per origin then reads the buckets of the nodes it settles)
 * and single best paths with their shortcuts unpacked into road arcs. Both searches prune with
 * stall-on-demand: a node reached more cheaply from above is not expanded, as its cost cannot be
 * final.
 *
 * With an uncontracted core on top, both searches stop where they enter it: the backward search
 * files the core nodes it reached as the destination's exits, and each origin runs one Dijkstra
 * through the core (renumbered into small arrays of its own) from where it entered, then every
 * destination takes its best exit. On the 500,000-edge grid this core search is nearly all the
 * query's work, and the compact arrays and an in-place decrease-key heap make it about three
 * times faster than a search over the whole hierarchy's arrays (benchmarks/scale/README.md).
 */
import type { TargetTable } from './dijkstra.js';
import { unpackEdge, type ContractionHierarchy } from './ch.js';
import { siftDown, siftUp } from './witness.js';

/** One direction's upward graph: arcs to climb, and the arcs that prove a node stalled. */
export interface Side {
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
  /** Nodes whose stall test cannot succeed, so it is skipped: the core's, in a search that expands
   *  the core (`stopAt` null). A core node's stall arcs all come from core nodes; one that is
   *  cheaper than the node being taken was taken before it and expanded (by induction none is
   *  stalled), so it already lowered this node's cost below the test's bound. In a search that
   *  stops at the core its nodes are not expanded, and the test can succeed there. */
  noStall: Uint8Array | null;
}

export function forwardSide(ch: ContractionHierarchy): Side {
  return {
    offsets: ch.upOffsets, heads: ch.upHead, weights: ch.upWeight, weights2: ch.upWeight2, edges: ch.upEdge,
    stallOffsets: ch.downOffsets, stallHeads: ch.downHead, stallWeights: ch.downWeight, stopAt: null,
    noStall: ch.coreSize > 0 ? ch.core : null,
  };
}

export function backwardSide(ch: ContractionHierarchy): Side {
  return {
    offsets: ch.downOffsets, heads: ch.downHead, weights: ch.downWeight, weights2: ch.downWeight2, edges: ch.downEdge,
    stallOffsets: ch.upOffsets, stallHeads: ch.upHead, stallWeights: ch.upWeight, stopAt: ch.coreSize > 0 ? ch.core : null,
    noStall: null,
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
  /** Nodes whose cost the last run set (every one of them finite), `touched[0 .. touchedCount - 1]`. */
  readonly touched: Int32Array;
  touchedCount = 0;
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
   *  no cheaper meeting is possible, and `best`/`bestNode` hold the best meeting found. `popOrder`:
   *  when given, each node taken off the heap at its final cost gets its place in that order
   *  (stalled ones included: a meeting is judged before the stall test). */
  run(side: Side, startNodes: ArrayLike<number>, startCost: ArrayLike<number>, startCost2: ArrayLike<number>, first: number, end: number, meet: Float64Array | null = null, popOrder: Int32Array | null = null): void {
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
    const { offsets, heads, weights, weights2, edges, stallOffsets, stallHeads, stallWeights, stopAt, noStall } = side;
    const settled = this.settled;
    let settledCount = 0;
    let best = Infinity;
    let bestNode = -1;
    let pops = 0;
    while (size > 0) {
      const d = heapKey[0]!;
      const v = heapNode[0]!;
      if (--size > 0) siftDown(heapKey, heapNode, size, heapKey[size]!, heapNode[size]!);
      if (d > dist[v]!) continue;
      if (popOrder) popOrder[v] = pops++;
      if (meet) {
        if (d >= best) break;
        const c = d + meet[v]!;
        if (c < best) { best = c; bestNode = v; }
      }
      // Stall-on-demand: reached more cheaply through a node above, so not a shortest cost.
      let stalled = false;
      if (!noStall || !noStall[v]) for (let a = stallOffsets[v]!, stop = stallOffsets[v + 1]!; a < stop; a++) {
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

/**
 * What the forward searches of a matrix read: the destinations' buckets below the core (at node
 * v, entries `offsets[v] .. offsets[v + 1] - 1` of (target, cost to it, secondary cost)), where
 * each destination's backward search stopped in the core (per target t, entries
 * `exitOffsets[t] .. exitOffsets[t + 1] - 1` of (core slot, cost, secondary cost)), and the core
 * itself renumbered 0 .. coreSize - 1 as a compact graph, so that the one search every origin
 * runs through it touches small arrays.
 */
export interface Buckets {
  offsets: Uint32Array;
  target: Uint32Array;
  cost: Float64Array;
  cost2: Float64Array;
  exitOffsets: Uint32Array;
  exitCore: Uint32Array;
  exitCost: Float64Array;
  exitCost2: Float64Array;
  /** Core slot of each node, -1 below the core. */
  coreSlot: Int32Array;
  coreOffsets: Uint32Array;
  coreHead: Uint32Array;
  coreWeight: Float64Array;
  coreWeight2: Float64Array;
}

/** The core as its own graph: slots in node order (neighbouring roads stay near in memory). */
function compactCore(ch: ContractionHierarchy): Pick<Buckets, 'coreSlot' | 'coreOffsets' | 'coreHead' | 'coreWeight' | 'coreWeight2'> {
  const n = ch.nodeCount;
  const coreSlot = new Int32Array(n).fill(-1);
  let size = 0;
  for (let v = 0; v < n; v++) if (ch.core[v]) coreSlot[v] = size++;
  const coreOffsets = new Uint32Array(size + 1);
  for (let v = 0; v < n; v++) if (ch.core[v]) coreOffsets[coreSlot[v]! + 1] = ch.upOffsets[v + 1]! - ch.upOffsets[v]!;
  for (let c = 0; c < size; c++) coreOffsets[c + 1]! += coreOffsets[c]!;
  const m = coreOffsets[size]!;
  const coreHead = new Uint32Array(m);
  const coreWeight = new Float64Array(m);
  const coreWeight2 = new Float64Array(m);
  for (let v = 0; v < n; v++) {
    if (!ch.core[v]) continue;
    // A core node's upward list holds all its remaining edges, and they all lead into the core.
    let k = coreOffsets[coreSlot[v]!]!;
    for (let a = ch.upOffsets[v]!, end = ch.upOffsets[v + 1]!; a < end; a++, k++) {
      coreHead[k] = coreSlot[ch.upHead[a]!]!;
      coreWeight[k] = ch.upWeight[a]!;
      coreWeight2[k] = ch.upWeight2[a]!;
    }
  }
  return { coreSlot, coreOffsets, coreHead, coreWeight, coreWeight2 };
}

/**
 * Runs one backward upward search per target and files what each settles: into buckets below the
 * core, into the target's core exits in it.
 *
 * @example
 * const buckets = fillBuckets(ch, plan.targets);
 */
export function fillBuckets(ch: ContractionHierarchy, table: TargetTable): Buckets {
  const n = ch.nodeCount;
  const byTarget = entriesByTarget(table);
  const search = new UpwardSearch(n);
  const side = backwardSide(ch);
  const core = compactCore(ch);
  const below = new Growable();
  const exits = new Growable();
  const exitOffsets = new Uint32Array(table.count + 1);
  for (let t = 0; t < table.count; t++) {
    search.run(side, byTarget.nodes, byTarget.cost, byTarget.cost2, byTarget.offsets[t]!, byTarget.offsets[t + 1]!);
    for (let k = 0; k < search.settledCount; k++) {
      const v = search.settled[k]!;
      const slot = core.coreSlot[v]!;
      if (slot >= 0) exits.push(slot, t, search.dist[v]!, search.dist2[v]!);
      else below.push(v, t, search.dist[v]!, search.dist2[v]!);
    }
    exitOffsets[t + 1] = exits.used;
  }
  const offsets = new Uint32Array(n + 1);
  const { node, target, cost, cost2, used } = below;
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
  return {
    offsets, target: bucketTarget, cost: bucketCost, cost2: bucketCost2,
    exitOffsets, exitCore: exits.node.slice(0, exits.used), exitCost: exits.cost.slice(0, exits.used), exitCost2: exits.cost2.slice(0, exits.used),
    ...core,
  };
}

/** (node, target, cost, cost2) records in typed arrays grown by doubling. */
class Growable {
  node = new Uint32Array(1 << 12);
  target = new Uint32Array(1 << 12);
  cost = new Float64Array(1 << 12);
  cost2 = new Float64Array(1 << 12);
  used = 0;

  push(node: number, target: number, cost: number, cost2: number): void {
    if (this.used === this.node.length) {
      const size = this.used * 2;
      const grow = <T extends Uint32Array | Float64Array>(a: T, C: new (k: number) => T): T => { const b = new C(size); b.set(a as never); return b; };
      this.node = grow(this.node, Uint32Array); this.target = grow(this.target, Uint32Array); this.cost = grow(this.cost, Float64Array); this.cost2 = grow(this.cost2, Float64Array);
    }
    const k = this.used++;
    this.node[k] = node;
    this.target[k] = target;
    this.cost[k] = cost;
    this.cost2[k] = cost2;
  }
}

/**
 * Forward searches for origins `first, first + step, …`: writes row i's best costs (Infinity where
 * unreached) into `primary[i * size ..]` and their secondary costs into `secondary`.
 *
 * Each origin climbs to the core with stall-on-demand, reading the buckets of the nodes it
 * settles on the way (paths that turn down below the core), then runs one Dijkstra over the
 * compact core from where it entered, and each destination takes the best of its core exits.
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
  const up = new UpwardSearch(ch.nodeCount);
  const side: Side = { ...forwardSide(ch), stopAt: ch.coreSize > 0 ? ch.core : null, noStall: null };
  const core = new CoreSearch(buckets);
  const best = new Float64Array(size);
  const best2 = new Float64Array(size);
  const { offsets, target, cost, cost2, coreSlot, exitOffsets, exitCore, exitCost, exitCost2 } = buckets;
  for (let i = first; i < size; i += step) {
    best.fill(Infinity);
    up.run(side, starts.startNodes, starts.startCost, starts.startCost2, startOffsets[i]!, startOffsets[i + 1]!);
    core.reset();
    for (let k = 0; k < up.settledCount; k++) {
      const v = up.settled[k]!;
      const d = up.dist[v]!;
      const d2 = up.dist2[v]!;
      const slot = coreSlot[v]!;
      if (slot >= 0) { core.seed(slot, d, d2); continue; }
      for (let b = offsets[v]!, end = offsets[v + 1]!; b < end; b++) {
        const t = target[b]!;
        const c = d + cost[b]!;
        if (c < best[t]!) { best[t] = c; best2[t] = d2 + cost2[b]!; }
      }
    }
    if (core.seeds > 0) {
      core.run();
      const dist = core.dist;
      const dist2 = core.dist2;
      for (let t = 0; t < size; t++) {
        let bt = best[t]!;
        let bt2 = best2[t]!;
        for (let k = exitOffsets[t]!, end = exitOffsets[t + 1]!; k < end; k++) {
          const slot = exitCore[k]!;
          const c = dist[slot]! + exitCost[k]!;
          if (c < bt) { bt = c; bt2 = dist2[slot]! + exitCost2[k]!; }
        }
        best[t] = bt;
        best2[t] = bt2;
      }
    }
    primary.set(best, i * size);
    secondary.set(best2, i * size);
    onRow?.();
  }
}

/**
 * Dijkstra over the compact core from seeded slots, to the end (every origin needs all of it).
 * The heap holds each slot at most once and lowers its key in place: the core is dense, so a
 * slot's cost drops several times before it is settled, and a heap of stale duplicates would
 * be popped that many times more.
 */
class CoreSearch {
  readonly dist: Float64Array;
  readonly dist2: Float64Array;
  seeds = 0;
  /** Heap of slots ordered by dist; `position[slot]` its index in the heap, -1 when not in it. */
  private readonly heap: Int32Array;
  private readonly position: Int32Array;
  private size = 0;
  private readonly offsets: Uint32Array;
  private readonly head: Uint32Array;
  private readonly weight: Float64Array;
  private readonly weight2: Float64Array;

  constructor(buckets: Buckets) {
    const slots = buckets.coreOffsets.length - 1;
    this.dist = new Float64Array(slots);
    this.dist2 = new Float64Array(slots);
    this.heap = new Int32Array(slots);
    this.position = new Int32Array(slots).fill(-1);
    this.offsets = buckets.coreOffsets;
    this.head = buckets.coreHead;
    this.weight = buckets.coreWeight;
    this.weight2 = buckets.coreWeight2;
  }

  reset(): void {
    this.dist.fill(Infinity);
    this.seeds = 0;
    this.size = 0;
  }

  seed(slot: number, d: number, d2: number): void {
    if (!(d < this.dist[slot]!)) return;
    const wasQueued = this.dist[slot] !== Infinity;
    this.dist[slot] = d;
    this.dist2[slot] = d2;
    if (wasQueued) this.up(this.position[slot]!);
    else this.up(this.size++, slot);
    this.seeds++;
  }

  /** Moves the slot at heap index i (or `slot` placed there) up to its place. */
  private up(i: number, slot = this.heap[i]!): void {
    const { heap, position, dist } = this;
    const key = dist[slot]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (dist[p]! <= key) break;
      heap[i] = p;
      position[p] = i;
      i = parent;
    }
    heap[i] = slot;
    position[slot] = i;
  }

  run(): void {
    const { dist, dist2, offsets, head, weight, weight2, heap, position } = this;
    while (this.size > 0) {
      const v = heap[0]!;
      position[v] = -1;
      const size = --this.size;
      if (size > 0) {
        // The last entry into the root, then down.
        const last = heap[size]!;
        const key = dist[last]!;
        let i = 0;
        const half = size >> 1;
        while (i < half) {
          let child = 2 * i + 1;
          let c = heap[child]!;
          const right = child + 1;
          if (right < size && dist[heap[right]!]! < dist[c]!) { child = right; c = heap[right]!; }
          if (dist[c]! >= key) break;
          heap[i] = c;
          position[c] = i;
          i = child;
        }
        heap[i] = last;
        position[last] = i;
      }
      const d = dist[v]!;
      const d2 = dist2[v]!;
      for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
        const w = head[a]!;
        const c = d + weight[a]!;
        const old = dist[w]!;
        if (!(c < old)) continue;
        dist[w] = c;
        dist2[w] = d2 + weight2[a]!;
        // Unseen (Infinity): a new heap entry; queued: lowered in place; settled slots never pass the test.
        if (old === Infinity) this.up(this.size++, w);
        else this.up(position[w]!, w);
      }
    }
  }
}
