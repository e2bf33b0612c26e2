/**
 * Single best paths on a contraction hierarchy, with their shortcuts unpacked into road arcs.
 *
 * `hierarchyPath` runs the backward upward search (which stops where it enters the core), then
 * the forward one bounded by the best meeting so far; with an uncontracted core the forward search
 * is a Dijkstra through the core, and on the 500,000-edge county grid a leg between the hub and a
 * far office settles nearly the whole core (11,000 of its 12,672 nodes), 70 times the nodes of a
 * leg between villages. Drawing routes asks for many such legs from the same start (every route
 * leaves the hub), so `PathFinder` keeps the forward search of a start it has seen often, run to
 * the end once, and answers later legs from it: the same meeting node, costs and arcs as
 * `hierarchyPath`, bit for bit (see `pathFromFullSearch`).
 */
import { unpackEdge, type ContractionHierarchy } from './ch.js';
import { UpwardSearch, backwardSide, forwardSide } from './ch-query.js';

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
  return unpackPath(ch, forward, backward, meet, forward.best);
}

/** The path through `meet`: the forward search's edges up to it, the backward search's from it. */
function unpackPath(ch: ContractionHierarchy, forward: UpwardSearch, backward: UpwardSearch, meet: number, best: number): HierarchyPath {
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

/** A forward search run to the end from one start, with the order in which it took nodes off its heap. */
interface FullSearch {
  key: string;
  search: UpwardSearch;
  /** Place of each node in the search's order of final costs; -1 for nodes never reached. */
  popOrder: Int32Array;
  uses: number;
}

/**
 * The meeting `hierarchyPath` finds, from a forward search run to the end. The bounded search
 * takes nodes off its heap in the same order with the same costs and parents as the full one
 * (a Dijkstra's order does not depend on when it stops), judges each one's meeting cost
 * `dist + backward dist` as it takes it, keeps the first of the cheapest, and stops once its costs
 * reach the best: every node it never took costs at least that much, and only a strictly cheaper
 * one could have replaced it. So among the nodes both searches reached, the cheapest meeting,
 * ties to the one taken first, is the one it found, with the same cost summed the same way.
 */
function pathFromFullSearch(ch: ContractionHierarchy, full: FullSearch, backward: UpwardSearch): HierarchyPath | undefined {
  const forward = full.search;
  const { popOrder } = full;
  const fdist = forward.dist;
  const bdist = backward.dist;
  let best = Infinity;
  let bestNode = -1;
  let bestOrder = Infinity;
  for (let k = 0; k < backward.touchedCount; k++) {
    const v = backward.touched[k]!;
    const order = popOrder[v]!;
    if (order < 0) continue;
    const c = fdist[v]! + bdist[v]!;
    if (c < best || (c === best && order < bestOrder)) {
      best = c;
      bestNode = v;
      bestOrder = order;
    }
  }
  if (bestNode < 0) return undefined;
  return unpackPath(ch, forward, backward, bestNode, best);
}

/** Forward searches kept at once (each a few arrays of the node count). */
const KEPT_SEARCHES = 2;
/** Uses of one start after which its forward search is run to the end and kept: a start used this
 *  often (a depot) is worth one search through the whole core; villages are drawn once or twice. */
const KEEP_AFTER_USES = 3;

/**
 * Paths on one hierarchy, one after another, with the forward searches of frequent starts kept
 * (the module comment): the same paths as `hierarchyPath`, bit for bit.
 *
 * @example
 * const finder = new PathFinder(ch);
 * const path = finder.path([a], [0], [0], [b], [0], [0]);
 */
export class PathFinder {
  private readonly searches: { forward: UpwardSearch; backward: UpwardSearch };
  private readonly uses = new Map<string, number>();
  private readonly kept: FullSearch[] = [];

  constructor(private readonly ch: ContractionHierarchy) {
    this.searches = pathSearches(ch);
  }

  path(
    startNodes: ArrayLike<number>, startCost: ArrayLike<number>, startCost2: ArrayLike<number>,
    targetNodes: ArrayLike<number>, targetCost: ArrayLike<number>, targetCost2: ArrayLike<number>,
  ): HierarchyPath | undefined {
    const key = `${Array.from(startNodes).join(',')};${Array.from(startCost).join(',')};${Array.from(startCost2).join(',')}`;
    const full = this.fullSearch(key, startNodes, startCost, startCost2);
    if (!full) return hierarchyPath(this.ch, startNodes, startCost, startCost2, targetNodes, targetCost, targetCost2, this.searches);
    const { backward } = this.searches;
    backward.run(backwardSide(this.ch), targetNodes, targetCost, targetCost2, 0, targetNodes.length);
    return pathFromFullSearch(this.ch, full, backward);
  }

  /** The kept search of this start, run now if the start is used often enough; undefined otherwise. */
  private fullSearch(key: string, startNodes: ArrayLike<number>, startCost: ArrayLike<number>, startCost2: ArrayLike<number>): FullSearch | undefined {
    const kept = this.kept.find((entry) => entry.key === key);
    if (kept) {
      kept.uses++;
      return kept;
    }
    const uses = (this.uses.get(key) ?? 0) + 1;
    this.uses.set(key, uses);
    if (uses <= KEEP_AFTER_USES) return undefined;
    // Replace the least used kept search, or take a new one while there is room.
    let slot: FullSearch | undefined;
    if (this.kept.length < KEPT_SEARCHES) {
      slot = { key, search: new UpwardSearch(this.ch.nodeCount), popOrder: new Int32Array(this.ch.nodeCount), uses };
      this.kept.push(slot);
    } else {
      const least = this.kept.reduce((a, b) => (b.uses < a.uses ? b : a));
      if (least.uses >= uses) return undefined;
      this.uses.set(least.key, least.uses);
      slot = least;
      slot.key = key;
      slot.uses = uses;
    }
    slot.popOrder.fill(-1);
    slot.search.run(forwardSide(this.ch), startNodes, startCost, startCost2, 0, startNodes.length, null, slot.popOrder);
    return slot;
  }
}
