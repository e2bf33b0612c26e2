/**
 * A periodic solution in the population (Vidal et al. 2012): the visit pattern of each stop and,
 * per day, the daily engine's individual (routes per slot, giant tour, neighbours for the
 * broken-pairs distance, cost and violations). Costs and violations add up over the days.
 */
import type { Penalties } from '../evaluate.js';
import type { ProblemData } from '../model.js';
import type { Individual } from '../search/kernel/index.js';
import { makeIndividual } from '../search/kernel/index.js';

export interface PeriodicIndividual {
  /** Pattern mask per stop (bit d = day d+1), 0 when not served. */
  masks: Uint32Array;
  days: Individual[];
  cost: number;
  loadExcess: number;
  timeExcess: number;
  distanceExcess: number;
  penalisedCost: number;
  feasible: boolean;
  biasedFitness: number;
  closest: { other: PeriodicIndividual; distance: number }[];
}

/**
 * Evaluates day routes exactly with the daily engine. `views[d]` must carry the demands per visit
 * that `masks` imply (accumulated mail), `active[d]` the stops visiting on day d.
 */
export function makePeriodicIndividual(
  views: readonly ProblemData[], masks: Uint32Array, routes: number[][][], active: readonly Uint8Array[], p: Penalties,
): PeriodicIndividual {
  const days = views.map((view, d) => makeIndividual(view, routes[d]!, active[d]!, p));
  const ind: PeriodicIndividual = {
    masks: masks.slice(),
    days,
    cost: 0,
    loadExcess: 0,
    timeExcess: 0,
    distanceExcess: 0,
    penalisedCost: 0,
    feasible: days.every((x) => x.feasible),
    biasedFitness: 0,
    closest: [],
  };
  for (const day of days) {
    ind.cost += day.cost;
    ind.loadExcess += day.loadExcess;
    ind.timeExcess += day.timeExcess;
    ind.distanceExcess += day.distanceExcess;
  }
  repenalisePeriodic(ind, p);
  return ind;
}

export function repenalisePeriodic(ind: PeriodicIndividual, p: Penalties): void {
  ind.penalisedCost = ind.cost + p.capacity * ind.loadExcess + p.timeWarp * ind.timeExcess + p.distance * ind.distanceExcess;
}

/**
 * Share of visits that differ: a stop with another pattern counts all its visits, otherwise each
 * visit whose neighbours differ on its day (the broken-pairs distance of HGS, per day).
 */
export function periodicDistance(a: PeriodicIndividual, b: PeriodicIndividual): number {
  let differ = 0;
  let count = 0;
  const n = a.masks.length;
  for (let s = 0; s < n; s++) {
    const ma = a.masks[s]!;
    if (ma === 0 && b.masks[s] === 0) continue;
    let visits = 0;
    for (let d = 0; d < a.days.length; d++) if ((ma >>> d) & 1) visits++;
    count += visits;
    if (ma !== b.masks[s]) {
      differ += visits;
      continue;
    }
    for (let d = 0; d < a.days.length; d++) {
      if (!((ma >>> d) & 1)) continue;
      const x = a.days[d]!;
      const y = b.days[d]!;
      const sx = x.succ[s]!;
      const px = x.pred[s]!;
      if ((sx !== y.succ[s] && sx !== y.pred[s]) || (px < 0 && y.pred[s]! >= 0 && y.succ[s]! >= 0)) differ++;
    }
  }
  return count === 0 ? 0 : differ / count;
}
