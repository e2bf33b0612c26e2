/**
 * Hybrid genetic search for arc routing (Vidal 2017, after HGS-CVRP): giant tours of tasks,
 * ordered crossover, Split with optimal orientations, the granular local search of
 * `local-search.ts` with penalised capacity and shift excess, a tenfold-penalty repair for half
 * of the infeasible offspring, penalties adapted towards 20 % feasible offspring, and a restart
 * that keeps the best solution when the search stalls. The population (biased fitness,
 * broken-pairs diversity, survivor selection) and the crossover are the node engine's.
 */
import type { ProgressCallback } from '../util/progress.js';
import type { Random } from '../util/random.js';
import type { Penalties } from '../vrp/evaluate.js';
import type { SearchState, StopRule } from '../vrp/stop.js';
import { orderCrossover } from '../vrp/search/crossover.js';
import type { Individual } from '../vrp/search/individual.js';
import { Population } from '../vrp/search/population.js';
import { runGenerations } from '../vrp/search/generations.js';
import { CarpLocalSearch, shuffleInPlace } from './local-search.js';
import type { CarpProblem } from './model.js';
import { routeCost, type CarpPenalties } from './route-cost.js';
import { CarpSplit } from './split.js';
import { formatFigure } from '../io/numbers.js';

/** Parameters of the arc routing genetic search. */
export interface CarpSearchParams {
  /** Correlated tasks per task in the local search. */
  granularity: number;
  targetFeasible: number;
  /** Iterations without improvement before the population restarts. */
  restartAfter: number;
  /** Random individuals in the initial population. */
  initialSize: number;
  /** Local-search results between penalty updates. */
  penaltyUpdateEvery: number;
}

/** The arc routing search parameters used unless a caller overrides them. */
export const DEFAULT_CARP_SEARCH: CarpSearchParams = {
  granularity: 20, targetFeasible: 0.2, restartAfter: 10000, initialSize: 100, penaltyUpdateEvery: 100,
};

/** Progress of the arc routing search: iteration, time and the best cost so far. */
export interface CarpSearchProgress {
  step: 'solve';
  done: number;
  iteration: number;
  elapsedSeconds: number;
  bestCost: number | null;
  message: string;
}

export interface CarpSearchResult {
  /** Best feasible routes found (tasks in order), or null. */
  best: number[][] | null;
  bestCost: number;
  /** Least penalised routes, when nothing feasible was found. */
  bestOverall: number[][] | null;
  iterations: number;
  elapsedSeconds: number;
}

const TOLERANCE = 1e-6;

/** The population stores node-engine individuals; CARP fills the same fields. */
function makeIndividual(problem: CarpProblem, routes: number[][], p: Penalties): Individual {
  const n = problem.taskCount;
  const tour = new Int32Array(n);
  const succ = new Int32Array(n).fill(-1);
  const pred = new Int32Array(n).fill(-1);
  let cost = 0;
  let loadExcess = 0;
  let shiftExcess = 0;
  let k = 0;
  let used = 0;
  for (const route of routes) {
    if (route.length === 0) continue;
    used++;
    const c = routeCost(problem, route, route.length);
    let load = 0;
    for (let i = 0; i < route.length; i++) {
      const t = route[i]!;
      load += problem.taskDemand[t]!;
      tour[k++] = t;
      pred[t] = i > 0 ? route[i - 1]! : -1;
      succ[t] = i + 1 < route.length ? route[i + 1]! : -1;
    }
    cost += c;
    loadExcess += Math.max(0, load - problem.capacity);
    shiftExcess += Math.max(0, c - problem.maxRouteCost);
  }
  return {
    routes, tour, tourLength: k, succ, pred, cost, loadExcess, timeExcess: 0, distanceExcess: shiftExcess,
    routesUsed: used,
    penalisedCost: cost + p.capacity * loadExcess + p.distance * shiftExcess,
    feasible: loadExcess <= TOLERANCE && shiftExcess <= TOLERANCE,
    biasedFitness: 0, closest: [],
  };
}

export function runCarpSearch(
  problem: CarpProblem,
  rng: Random,
  stop: StopRule,
  options: { onProgress?: ProgressCallback; params?: Partial<CarpSearchParams> } = {},
): CarpSearchResult {
  const params = { ...DEFAULT_CARP_SEARCH, ...options.params };
  const start = performance.now();
  const n = problem.taskCount;
  const state: SearchState = { iterations: 0, iterationsWithoutImprovement: 0, elapsedSeconds: 0 };
  if (n === 0) return { best: [], bestCost: 0, bestOverall: [], iterations: 0, elapsedSeconds: 0 };
  const ls = new CarpLocalSearch(problem, rng, params.granularity);
  const split = new CarpSplit(problem);
  const population = new Population(new Uint8Array(n).fill(1));
  // A unit of shift excess starts at ten units of cost: at 1 (HGS-CVRP's duration start) a far depot
  // kept the search on one over-long route for hundreds of iterations (measured on Neudrossenfeld).
  const penalties: Penalties = { capacity: 1, timeWarp: 0, distance: 10 };
  {
    // HGS-CVRP's start: a unit of excess load costs about the longest deadhead per unit of the largest demand.
    let maxDist = 0;
    for (let i = 0; i < problem.dist.length; i++) if (problem.dist[i]! < Infinity) maxDist = Math.max(maxDist, problem.dist[i]!);
    let maxDemand = 0;
    for (let t = 0; t < n; t++) maxDemand = Math.max(maxDemand, problem.taskDemand[t]!);
    penalties.capacity = Math.max(0.1, Math.min(1000, maxDemand > 0 ? maxDist / maxDemand : 1));
  }
  const asCarp = (p: Penalties): CarpPenalties => ({ capacity: p.capacity, shift: p.distance });
  let best: Individual | null = null;
  let bestOverall: Individual | null = null;
  let educated = 0;
  const loadHistory: boolean[] = [];
  const shiftHistory: boolean[] = [];
  const child = new Int32Array(n);
  const seen = new Uint8Array(n);
  let lastReport = -Infinity;

  const tick = (): boolean => {
    state.elapsedSeconds = (performance.now() - start) / 1000;
    return stop(state);
  };
  const report = (force: boolean): void => {
    if (!options.onProgress) return;
    if (!force && state.elapsedSeconds - lastReport < 0.5) return;
    lastReport = state.elapsedSeconds;
    const event: CarpSearchProgress = {
      step: 'solve', done: state.iterations, iteration: state.iterations, elapsedSeconds: state.elapsedSeconds,
      bestCost: best ? best.cost : null, message: best ? `best ${formatFigure(best.cost)}` : 'no feasible solution yet',
    };
    options.onProgress(event);
  };
  const consider = (ind: Individual): boolean => {
    if (bestOverall === null || ind.penalisedCost < bestOverall.penalisedCost - 1e-9) bestOverall = ind;
    if (ind.feasible && (best === null || ind.cost < best.cost - TOLERANCE)) {
      best = ind;
      report(true);
      return true;
    }
    return false;
  };
  const record = (list: boolean[], ok: boolean): void => {
    list.push(ok);
    if (list.length > 100) list.shift();
  };
  const adapt = (key: 'capacity' | 'distance', list: boolean[]): void => {
    const share = list.filter(Boolean).length / list.length;
    if (share < params.targetFeasible - 0.05) penalties[key] = Math.min(penalties[key] * 1.2, 1e9);
    else if (share > params.targetFeasible + 0.05) penalties[key] = Math.max(penalties[key] * 0.85, 1e-3);
  };
  const educate = (routes: number[][]): boolean => {
    const improvedRoutes = ls.run(routes, asCarp(penalties));
    const ind = makeIndividual(problem, improvedRoutes, penalties);
    record(loadHistory, ind.loadExcess <= TOLERANCE);
    record(shiftHistory, ind.distanceExcess <= TOLERANCE);
    population.add(ind);
    if (++educated % params.penaltyUpdateEvery === 0) {
      adapt('capacity', loadHistory);
      adapt('distance', shiftHistory);
      population.repenalise(penalties);
    }
    let improved = consider(ind);
    if (!ind.feasible && rng.next() < 0.5) {
      const repaired = makeIndividual(problem, ls.run(improvedRoutes, { capacity: penalties.capacity * 10, shift: penalties.distance * 10 }), penalties);
      if (repaired.feasible) {
        population.add(repaired);
        if (consider(repaired)) improved = true;
      }
    }
    return improved;
  };
  const initialise = (): void => {
    for (let k = 0; k < params.initialSize; k++) {
      if (k > 0 && tick()) break;
      for (let t = 0; t < n; t++) child[t] = t;
      shuffleInPlace(child, rng);
      educate(split.split(child, n, asCarp(penalties)));
    }
  };

  initialise();
  runGenerations(state, tick, params.restartAfter, {
    select: () => population.select(rng),
    breed: (a, b) => {
      orderCrossover(a.tour, b.tour, n, rng, child, seen);
      return educate(split.split(child, n, asCarp(penalties)));
    },
    restart: () => {
      population.clear();
      if (best) population.add(best);
      initialise();
    },
    report,
  });
  const found = best as Individual | null;
  const overall = bestOverall as Individual | null;
  return {
    best: found ? found.routes : null,
    bestCost: found ? found.cost : Infinity,
    bestOverall: overall ? overall.routes : null,
    iterations: state.iterations,
    elapsedSeconds: state.elapsedSeconds,
  };
}
