/**
 * One-to-many Dijkstra over the CSR graph. Scratch arrays are allocated once per search object
 * and reused across sources; a run stamp marks which entries are valid, so a search that stops
 * early costs only what it touched.
 */
import FlatQueue from 'flatqueue';
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

/**
 * A reusable shortest-path search on one compiled graph, minimising `weight` and carrying
 * `weight2` along the chosen paths (time and distance, in either role).
 *
 * @example
 * const search = new ShortestPathSearch(csr, csr.arcDuration, csr.arcLength);
 * search.run([node], [0], [0], table);
 * search.best[0]; // seconds to target 0
 */
export class ShortestPathSearch {
  readonly dist: Float64Array;
  readonly dist2: Float64Array;
  /** Arc used to reach each node, or -1 for a start node. Valid where `stamp[v] === run`. */
  readonly parentArc: Int32Array;
  readonly stamp: Uint32Array;
  run = 0;
  /** Per target after `run`: best cost, its secondary cost, and the entry index that gave it (-1: unreached). */
  best: Float64Array = new Float64Array(0);
  best2: Float64Array = new Float64Array(0);
  bestEntry: Int32Array = new Int32Array(0);
  /** Record the arc that reached each node (for `arcsTo`); matrices switch it off. */
  trackParents = true;
  /** Nodes settled in the last run (a work measure for benchmarks). */
  settled = 0;
  private readonly queue: FlatQueue<number>;

  constructor(
    readonly csr: CompiledGraph,
    readonly weight: Float64Array,
    readonly weight2: Float64Array,
  ) {
    const n = csr.nodeCount;
    this.dist = new Float64Array(n);
    this.dist2 = new Float64Array(n);
    this.parentArc = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    // Plain-array mode on purpose: flatbush (the snapping index) uses flatqueue with plain arrays,
    // and mixing both kinds in one process made flatqueue's push/pop polymorphic, costing about
    // half again per search (measured on the 500k-edge grid).
    this.queue = new FlatQueue<number>();
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
    const stamp = this.stamp;
    const queue = this.queue;
    const trackParents = this.trackParents;
    const run = ++this.run;
    queue.clear();

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
    const best = this.best;
    const best2 = this.best2;
    const bestEntry = this.bestEntry;
    let unresolved = targetCount;
    let bound = Infinity;

    for (let i = 0; i < startNodes.length; i++) {
      const v = startNodes[i]!;
      const c = startCost[i]!;
      if (stamp[v] !== run || c < dist[v]!) {
        stamp[v] = run;
        dist[v] = c;
        dist2[v] = startCost2[i]!;
        parentArc[v] = -1;
        queue.push(v, c);
      }
    }

    let settled = 0;
    while (queue.length > 0) {
      const key = queue.peekValue()!;
      const v = queue.pop()!;
      // A node is pushed again only with a strictly lower cost, so exactly one entry per node
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
      const dv = dist[v]!;
      const dv2 = dist2[v]!;
      if (targets) {
        for (let k = targets.offsets[v]!, end = targets.offsets[v + 1]!; k < end; k++) {
          const t = targets.entryTarget[k]!;
          const c = dv + targets.entryCost[k]!;
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
            best2[t] = dv2 + targets.entryCost2[k]!;
            bestEntry[t] = k;
          }
        }
      }
      for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
        const w = heads[a]!;
        const c = dv + weight[a]!;
        if (stamp[w] !== run) {
          stamp[w] = run;
        } else if (c >= dist[w]!) {
          continue;
        }
        dist[w] = c;
        dist2[w] = dv2 + weight2[a]!;
        if (trackParents) parentArc[w] = a;
        queue.push(w, c);
      }
    }
    this.settled = settled;
  }

  /** Whether node v was reached in the last run. */
  reached(v: number): boolean {
    return this.stamp[v] === this.run;
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
