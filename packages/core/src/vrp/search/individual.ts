/**
 * A solution in the population: routes per vehicle slot, the giant tour they read as, the
 * successor/predecessor of each stop (for the broken-pairs distance) and its evaluation.
 */
import type { Penalties } from '../evaluate.js';
import { distanceExcess, loadExcess, routeCost, summariseRoute, timeExcess, withinTolerance } from '../evaluate.js';
import type { ProblemData } from '../model.js';
import { Segment } from '../segments.js';

export interface Individual {
  routes: number[][];
  tour: Int32Array;
  /** Number of stops in `tour`. */
  tourLength: number;
  succ: Int32Array;
  pred: Int32Array;
  /** Cost without penalties, prizes of skipped optional stops included. */
  cost: number;
  loadExcess: number;
  timeExcess: number;
  distanceExcess: number;
  routesUsed: number;
  penalisedCost: number;
  feasible: boolean;
  biasedFitness: number;
  /** Other individuals by broken-pairs distance, nearest first. */
  closest: { other: Individual; distance: number }[];
}

const scratch = new Map<number, Segment>();

/**
 * Evaluates routes exactly (several windows per stop included) into a new individual. The giant
 * tour lists the routes in `tourOrder` (slot indices; default: slot order), then the stops that
 * no route serves.
 */
export function makeIndividual(problem: ProblemData, routes: number[][], active: Uint8Array, p: Penalties, tourOrder?: Int32Array): Individual {
  let seg = scratch.get(problem.nDims);
  if (seg === undefined) {
    seg = new Segment(problem.nDims);
    scratch.set(problem.nDims, seg);
  }
  const n = problem.nStops;
  const tour = new Int32Array(n);
  const succ = new Int32Array(n).fill(-1);
  const pred = new Int32Array(n).fill(-1);
  const served = new Uint8Array(n);
  let cost = 0;
  let le = 0;
  let te = 0;
  let de = 0;
  let k = 0;
  let used = 0;
  let slot = 0;
  for (const t of problem.vehicleTypes) {
    for (let v = 0; v < t.slots; v++, slot++) {
      const route = routes[slot]!;
      if (route.length === 0) continue;
      used++;
      summariseRoute(problem, t, route, route.length, seg);
      cost += routeCost(seg, t);
      le += loadExcess(seg, t);
      te += timeExcess(seg, t);
      de += distanceExcess(seg, t);
      for (let i = 0; i < route.length; i++) {
        const x = route[i]!;
        served[x] = 1;
        if (tourOrder === undefined) tour[k++] = x;
        // Depots are -1 - slot type, so that routes of different types differ at their ends.
        pred[x] = i > 0 ? route[i - 1]! : -1 - t.index;
        succ[x] = i + 1 < route.length ? route[i + 1]! : -1 - t.index;
      }
    }
  }
  if (tourOrder !== undefined) for (const r of tourOrder) for (const x of routes[r]!) tour[k++] = x;
  for (let s = 0; s < n; s++) {
    if (served[s]) continue;
    if (!problem.required[s]) cost += problem.prize[s]!;
    if (active[s]) tour[k++] = s;
  }
  const ind: Individual = {
    routes,
    tour,
    tourLength: k,
    succ,
    pred,
    cost,
    loadExcess: le,
    timeExcess: te,
    distanceExcess: de,
    routesUsed: used,
    penalisedCost: 0,
    feasible: withinTolerance(le) && withinTolerance(te) && withinTolerance(de),
    biasedFitness: 0,
    closest: [],
  };
  repenalise(ind, p);
  return ind;
}

export function repenalise(ind: Individual, p: Penalties): void {
  ind.penalisedCost = ind.cost + p.capacity * ind.loadExcess + p.timeWarp * ind.timeExcess + p.distance * ind.distanceExcess;
}

/** Share of stops whose neighbours differ between a and b (Prins 2009; HGS). */
export function brokenPairsDistance(a: Individual, b: Individual, active: Uint8Array): number {
  // The arrays in locals: this runs for every pair of a subpopulation at each insertion.
  const as = a.succ, ap = a.pred, bs = b.succ, bp = b.pred;
  const n = as.length;
  let differ = 0;
  let count = 0;
  for (let s = 0; s < n; s++) {
    const on = +(active[s]! !== 0);
    const sa = as[s]!;
    const sb = bs[s]!;
    const pb = bp[s]!;
    // Branch-free (the tests as 0/1 joined by &): between individuals the outcomes follow no
    // pattern the branch predictor could learn, and this form ran 2.6 times as fast on them.
    // A stop counts if its successor in a is neither of its neighbours in b, and once more if
    // it starts a route in a but not in b while not ending one in b either.
    differ += on * ((+(sa !== sb) & +(sa !== pb)) + (+(ap[s]! < 0) & +(pb >= 0) & +(sb >= 0)));
    count += on;
  }
  return count === 0 ? 0 : differ / count;
}
