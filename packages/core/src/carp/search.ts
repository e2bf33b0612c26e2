/**
 * Hybrid genetic search for arc routing (Vidal 2017, after HGS-CVRP): giant tours of tasks,
 * ordered crossover, Split with optimal orientations, the granular local search of
 * `local-search.ts` with penalised capacity and shift excess. The generation loop, repair,
 * penalty adaptation, restarts and stopping are the genetic search kernel's; the population
 * (biased fitness, broken-pairs diversity, survivor selection) and the crossover are the node
 * engine's, all through the kernel's public interface (vrp/search/kernel/index.ts).
 */
import type { ProgressCallback } from '../util/progress.js';
import type { Random } from '../util/random.js';
import type { GeneticEngine, GeneticParams, Individual, IslandLink, IslandOutcome, Penalties, StopRule } from '../vrp/search/kernel/index.js';
import { DEFAULT_STALL, islandSeed, islandTimeLimit, orderCrossover, outcomeOf, Population, runGenetic, stopRule, withinTolerance } from '../vrp/search/kernel/index.js';
import { createRandom } from '../util/random.js';
import type { CarpSolveOptions } from './solve.js';
import { CarpLocalSearch, shuffleInPlace } from './local-search.js';
import type { CarpProblem } from './model.js';
import { routeCost, type CarpPenalties } from './route-cost.js';
import { CarpSplit } from './split.js';

/** Parameters of the arc routing genetic search. */
export interface CarpSearchParams extends GeneticParams {
  /** Correlated tasks per task in the local search. */
  granularity: number;
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
    feasible: withinTolerance(loadExcess) && withinTolerance(shiftExcess),
    biasedFitness: 0, closest: [],
  };
}

export function runCarpSearch(
  problem: CarpProblem,
  rng: Random,
  stop: StopRule,
  options: {
    onProgress?: ProgressCallback; params?: Partial<CarpSearchParams>; timeLimit?: number | undefined;
    /** This search's island among several on threads (vrp/search/kernel/islands.ts). */
    island?: IslandLink<number[][]> | undefined;
  } = {},
): IslandOutcome<number[][]> {
  const params = { ...DEFAULT_CARP_SEARCH, ...options.params };
  const n = problem.taskCount;
  if (n === 0) return { feasible: { child: [], cost: 0 }, overall: { child: [], penalisedCost: 0 }, iterations: 0 };
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
  const engine = new CarpEngine(problem, rng, params.granularity);
  const result = runGenetic(engine, {
    params, rng, stop, penalties,
    population: new Population(new Uint8Array(n).fill(1)),
    timeLimit: options.timeLimit,
    onProgress: options.onProgress,
    island: options.island,
  });
  return outcomeOf(engine, result);
}

/** One island of the arc search (the only one without `link`): the routes of tasks it found. */
export function searchCarp(problem: CarpProblem, options: CarpSolveOptions, link?: IslandLink<number[][]>): IslandOutcome<number[][]> {
  const timeLimit = islandTimeLimit(options.timeLimit, link);
  // Unlike the node engines, a stall always ends the arc search (also under a time limit).
  const stop = stopRule({ ...options, timeLimit, maxIterationsWithoutImprovement: options.noImprovement ?? DEFAULT_STALL });
  return runCarpSearch(problem, createRandom(islandSeed(options.seed ?? 1, link?.index ?? 0)), stop, {
    timeLimit, island: link,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.params ? { params: options.params } : {}),
  });
}

/** The arc engine's steps for the kernel: giant tours of tasks, ordered crossover, Split with orientations. */
class CarpEngine implements GeneticEngine<number[][], Individual> {
  /** Shift excess is priced as the daily engine's distance excess; there is no time warp. */
  readonly adapted = ['capacity', 'distance'] as const;
  private readonly ls: CarpLocalSearch;
  private readonly split: CarpSplit;
  private readonly child: Int32Array;
  private readonly seen: Uint8Array;
  /** The routes last educated (repair goes on from them). */
  private last: number[][] = [];

  constructor(private readonly problem: CarpProblem, private readonly rng: Random, granularity: number) {
    this.ls = new CarpLocalSearch(problem, rng, granularity);
    this.split = new CarpSplit(problem);
    this.child = new Int32Array(problem.taskCount);
    this.seen = new Uint8Array(problem.taskCount);
  }

  random(penalties: Penalties): number[][] {
    const n = this.problem.taskCount;
    for (let t = 0; t < n; t++) this.child[t] = t;
    shuffleInPlace(this.child, this.rng);
    return this.split.split(this.child, n, asCarp(penalties));
  }

  crossover(a: Individual, b: Individual, penalties: Penalties): number[][] {
    const n = this.problem.taskCount;
    orderCrossover(a.tour, b.tour, n, this.rng, this.child, this.seen);
    return this.split.split(this.child, n, asCarp(penalties));
  }

  educate(routes: number[][], penalties: Penalties): Individual {
    this.last = this.ls.run(routes, asCarp(penalties));
    return makeIndividual(this.problem, this.last, penalties);
  }

  repair(strict: Penalties, penalties: Penalties): Individual {
    return makeIndividual(this.problem, this.ls.run(this.last, asCarp(strict)), penalties);
  }

  evaluate(routes: number[][], penalties: Penalties): Individual {
    return makeIndividual(this.problem, routes, penalties);
  }

  clone(routes: number[][]): number[][] {
    return routes.map((r) => r.slice());
  }

  export(ind: Individual): number[][] {
    return ind.routes;
  }
}

function asCarp(p: Penalties): CarpPenalties {
  return { capacity: p.capacity, shift: p.distance };
}
