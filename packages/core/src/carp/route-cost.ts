/**
 * The one place that prices a CARP route: a sequence of tasks served in order from the depot and
 * back, each in the orientation that makes the whole route cheapest (a two-state shortest path
 * along the sequence, as in Vidal 2017's Split and local search), and the penalised cost the
 * search compares: cost + capacity excess × penalty + shift excess × penalty.
 */
import type { CarpProblem } from './model.js';

/** Penalty weights per unit of excess load and route cost. */
export interface CarpPenalties {
  capacity: number;
  /** Per unit of route cost above `maxRouteCost`. */
  shift: number;
}

/** Penalised cost of one route with the given cost and load. */
export function penalisedRouteCost(problem: CarpProblem, cost: number, load: number, p: CarpPenalties): number {
  let value = cost;
  if (load > problem.capacity) value += p.capacity * (load - problem.capacity);
  if (cost > problem.maxRouteCost) value += p.shift * (cost - problem.maxRouteCost);
  return value;
}

/**
 * Cheapest cost of serving `tasks[0 … length-1]` in that order from the depot and back; writes
 * the chosen orientation of each task to `orientation` when given. An empty route costs 0.
 */
export function routeCost(problem: CarpProblem, tasks: ArrayLike<number>, length: number, orientation?: Uint8Array): number {
  if (length === 0) return 0;
  const { entry, exit, service, dist, terminalCount: k } = problem;
  // best[2i + o]: cheapest cost from the depot through task i served in orientation o.
  const best = new Float64Array(2 * length);
  const from = orientation ? new Uint8Array(2 * length) : null;
  const t0 = tasks[0]!;
  best[0] = dist[entry[2 * t0]!]! + service[2 * t0]!;
  best[1] = dist[entry[2 * t0 + 1]!]! + service[2 * t0 + 1]!;
  for (let i = 1; i < length; i++) {
    const p = tasks[i - 1]!;
    const t = tasks[i]!;
    const x0 = exit[2 * p]! * k;
    const x1 = exit[2 * p + 1]! * k;
    for (let o = 0; o < 2; o++) {
      const e = entry[2 * t + o]!;
      const via0 = best[2 * i - 2]! + dist[x0 + e]!;
      const via1 = best[2 * i - 1]! + dist[x1 + e]!;
      best[2 * i + o] = Math.min(via0, via1) + service[2 * t + o]!;
      if (from) from[2 * i + o] = via1 < via0 ? 1 : 0;
    }
  }
  const last = tasks[length - 1]!;
  const end0 = best[2 * length - 2]! + dist[exit[2 * last]! * k]!;
  const end1 = best[2 * length - 1]! + dist[exit[2 * last + 1]! * k]!;
  if (orientation && from) {
    let o = end1 < end0 ? 1 : 0;
    for (let i = length - 1; i >= 0; i--) {
      orientation[i] = o;
      o = from[2 * i + o]!;
    }
  }
  return Math.min(end0, end1);
}
