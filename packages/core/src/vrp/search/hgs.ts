/**
 * The daily engine of the hybrid genetic search (Vidal et al. 2012; Vidal 2022, HGS-CVRP; PyVRP):
 * ordered crossover of giant tours, Split, granular local search with penalised capacity, time
 * warp and distance excess. The generation loop, repair, penalty adaptation, restarts and
 * stopping are the kernel's (kernel/genetic.ts), shared with the periodic and arc engines.
 */
import type { ProgressCallback, ProgressEvent } from '../../util/progress.js';
import type { Random } from '../../util/random.js';
import type { Penalties } from '../evaluate.js';
import type { ProblemData } from '../model.js';
import type { StopRule } from '../stop.js';
import { orderCrossover } from './crossover.js';
import type { Individual } from './individual.js';
import { makeIndividual } from './individual.js';
import type { GeneticEngine, GeneticParams, IslandLink } from './kernel/index.js';
import { runGenetic } from './kernel/index.js';
import { LocalSearch, shuffle } from './local-search.js';
import { nearestNeighbours } from './neighbours.js';
import { Population } from './population.js';
import { Split } from './split.js';
import { OperatorStats } from './stats.js';

/** Parameters of the hybrid genetic search. */
export interface HgsParams extends GeneticParams {
  /** Nearest neighbours per stop in the local search (HGS: 20). */
  granularity: number;
  /** Initial time-warp penalty per unit, relative to the average cost of a unit of travel time. */
  initialTimeWarpFactor: number;
  /** Use the SWAP* neighbourhood (Vidal 2022). */
  swapStar: boolean;
  /**
   * Plans built by regret insertion (construct/insertion.ts) that start the population, best
   * first, before the random ones (0: none), so that a short run starts from complete plans.
   * `solveVroom` uses 6 (measured on benchmarks/vroom); elsewhere 0 until measured there.
   */
  constructed: number;
}

/** The search parameters used unless a caller overrides them (those of HGS-CVRP where they exist). */
export const DEFAULT_HGS: HgsParams = {
  granularity: 20, targetFeasible: 0.2, restartAfter: 20000, initialSize: 100, penaltyUpdateEvery: 50, initialTimeWarpFactor: 10, swapStar: true, constructed: 0,
};

/** Progress of the search: the best cost so far and when it was found. */
export interface SolveProgressEvent extends ProgressEvent {
  step: 'solve';
  iteration: number;
  elapsedSeconds: number;
  /** Best feasible cost so far, or null before the first feasible solution. */
  bestCost: number | null;
  /** When the search may leave stops out (`serveMost`): how many the best plan leaves out. */
  leftOut?: number;
}

export interface HgsResult {
  /** Best feasible solution, or null if none was found. */
  bestFeasible: Individual | null;
  /** Least penalised solution seen (for repair when nothing feasible was found). */
  bestOverall: Individual | null;
  iterations: number;
  /** Seconds from the start of the search to its end. */
  seconds: number;
  /** Per-operator counters when `debug.operatorStats` was set. */
  stats: OperatorStats | null;
}

/** Debugging aids (cost and time: off by default). */
export interface SearchDebug {
  /** Check after every applied move that the routes cost what the move predicted (throws if not). */
  check?: boolean;
  /** Keep per-operator counters (evaluated, applied, seconds). */
  operatorStats?: boolean;
}

export function runHgs(
  problem: ProblemData,
  active: Uint8Array,
  rng: Random,
  stop: StopRule,
  options: {
    onProgress?: ProgressCallback; warmStarts?: number[][][]; params?: Partial<HgsParams>; debug?: SearchDebug;
    /** The wall-clock limit of the search, seconds, when it has one (sizes the initial population). */
    timeLimit?: number;
    /**
     * What leaving a stop out costs at least (serve-most.ts), so that the starting penalties make
     * dropping a stop that breaks a route pay, as a vehicle's fixed cost does for merging routes.
     */
    dropCost?: number;
    /** How progress reports a plan (default: its cost), e.g. without the prizes of serve-most.ts. */
    describe?: (ind: Individual) => { cost: number; leftOut?: number };
    /** This search's island among several on threads (kernel/islands.ts). */
    island?: IslandLink<number[][]>;
  } = {},
): HgsResult {
  const params = { ...DEFAULT_HGS, ...options.params };
  const startTime = performance.now();
  const neighbours = nearestNeighbours(problem, active, params.granularity);
  const ls = new LocalSearch(problem, active, neighbours, rng, params.swapStar);
  if (options.debug?.check) ls.check = true;
  if (options.debug?.operatorStats) ls.stats = new OperatorStats();
  // The time limit holds inside a local search too (the generation loop only looks between them).
  if (options.timeLimit !== undefined) ls.deadline = startTime + options.timeLimit * 1000;
  const activeStops: number[] = [];
  for (let s = 0; s < problem.nStops; s++) if (active[s]) activeStops.push(s);
  const L = activeStops.length;
  if (L === 0) return { bestFeasible: null, bestOverall: null, iterations: 0, seconds: 0, stats: ls.stats };
  const engine = new DailyEngine(problem, active, ls, new Split(problem), rng, activeStops);
  const result = runGenetic(engine, {
    params, rng, stop,
    penalties: initialPenalties(problem, params.initialTimeWarpFactor, options.dropCost ?? 0),
    population: new Population(active),
    timeLimit: options.timeLimit,
    warmStarts: options.warmStarts,
    onProgress: options.onProgress,
    describe: options.describe,
    island: options.island,
  });
  return {
    bestFeasible: result.bestFeasible, bestOverall: result.bestOverall, iterations: result.iterations,
    seconds: (performance.now() - startTime) / 1000, stats: ls.stats,
  };
}

/** The daily engine's steps for the kernel: giant tours, ordered crossover, Split, the granular local search. */
class DailyEngine implements GeneticEngine<number[][], Individual> {
  readonly adapted = ['capacity', 'timeWarp', 'distance'] as const;
  private readonly child: Int32Array;
  private readonly seen: Uint8Array;

  constructor(
    private readonly problem: ProblemData,
    private readonly active: Uint8Array,
    private readonly ls: LocalSearch,
    private readonly split: Split,
    private readonly rng: Random,
    private readonly activeStops: readonly number[],
  ) {
    this.child = new Int32Array(Math.max(1, activeStops.length));
    this.seen = new Uint8Array(problem.nStops);
  }

  random(penalties: Penalties): number[][] {
    const L = this.activeStops.length;
    for (let k = 0; k < L; k++) this.child[k] = this.activeStops[k]!;
    shuffle(this.child, L, this.rng);
    return this.split.run(this.child, L, penalties);
  }

  crossover(a: Individual, b: Individual, penalties: Penalties): number[][] {
    const L = this.activeStops.length;
    orderCrossover(a.tour, b.tour, L, this.rng, this.child, this.seen);
    return this.split.run(this.child, L, penalties);
  }

  educate(routes: number[][], penalties: Penalties): Individual {
    this.ls.load(routes);
    this.ls.run(penalties);
    return this.current(penalties);
  }

  repair(strict: Penalties, penalties: Penalties): Individual {
    this.ls.run(strict);
    return this.current(penalties);
  }

  evaluate(routes: number[][], penalties: Penalties): Individual {
    return makeIndividual(this.problem, routes, this.active, penalties);
  }

  clone(routes: number[][]): number[][] {
    return routes.map((r) => r.slice());
  }

  export(ind: Individual): number[][] {
    return ind.routes;
  }

  outOfTime(): boolean {
    return this.ls.outOfTime();
  }

  private current(penalties: Penalties): Individual {
    return makeIndividual(this.problem, this.ls.exportRoutes(), this.active, penalties, this.ls.tourOrder());
  }
}

const FIXED_COST_PENALTY_FACTOR = 3;

/**
 * Starting penalties in the problem's own cost units: a unit of excess load costs about as much as
 * the longest arc per unit of the largest demand (HGS-CVRP), a unit of time warp or of excess
 * distance about as much as a unit of travel.
 */
export function initialPenalties(problem: ProblemData, timeWarpFactor: number, dropCost = 0): Penalties {
  const n = problem.nLocations;
  let maxArcCost = 0;
  let sumCost = 0;
  let sumDuration = 0;
  let sumDistance = 0;
  for (const t of problem.vehicleTypes) {
    const prof = problem.profiles[t.profile]!;
    for (let a = 0; a < n - 1; a++) {
      for (let b = 0; b < n - 1; b++) {
        const d = prof.distance[a * n + b]!;
        const du = prof.duration[a * n + b]!;
        if (d >= problem.unreachable) continue;
        const c = t.costPerDistance * d + (t.costPerDuration + t.costPerTravelTime) * du;
        if (c > maxArcCost) maxArcCost = c;
        sumCost += c;
        sumDuration += du;
        sumDistance += d;
      }
    }
  }
  let maxDemand = 0;
  for (let k = 0; k < problem.delivery.length; k++) maxDemand = Math.max(maxDemand, problem.delivery[k]!, problem.pickup[k]!);
  const perDuration = sumDuration > 0 ? sumCost / sumDuration : 1;
  const perDistance = sumDistance > 0 ? sumCost / sumDistance : 1;
  const penalties = {
    capacity: Math.max(1e-3, Math.min(1000 * Math.max(perDistance, 1e-3), maxDemand > 0 ? maxArcCost / maxDemand : 1)),
    timeWarp: Math.max(1e-3, perDuration) * timeWarpFactor,
    distance: Math.max(1e-3, perDistance),
  };
  // With fixed vehicle costs, merging routes pays as long as a violation costs less than a vehicle:
  // start with violations priced at a vehicle's cost per unit of a typical out-and-back trip or of
  // its capacity, so that the search does not live on infeasible plans with too few vehicles.
  // The same holds for a stop that may be left out at a price: keeping it must not be cheaper than
  // the violation it causes.
  let fixed = dropCost;
  for (const t of problem.vehicleTypes) if (t.slots > 0) fixed = Math.max(fixed, t.fixedCost);
  if (fixed > 0 && problem.nStops > 0) {
    let trips = 0;
    let tripDistance = 0;
    let tripDuration = 0;
    let capacity = Infinity;
    for (const t of problem.vehicleTypes) {
      if (t.slots === 0) continue;
      for (let d = 0; d < problem.nDims; d++) if (t.capacity[d]! > 0) capacity = Math.min(capacity, t.capacity[d]!);
      const prof = problem.profiles[t.profile]!;
      for (let s = 0; s < problem.nStops; s++) {
        const loc = problem.nDepots + s;
        const out = t.startLocation * n + loc;
        const back = loc * n + t.endLocation;
        if (prof.distance[out]! >= problem.unreachable || prof.distance[back]! >= problem.unreachable) continue;
        trips++;
        tripDistance += prof.distance[out]! + prof.distance[back]!;
        tripDuration += prof.duration[out]! + prof.duration[back]! + problem.serviceTime[loc]!;
      }
    }
    // ×3: measured on Solomon R101 and RC101 with fixedCost 10000 (×1 and ×0.3 keep more vehicles).
    const price = FIXED_COST_PENALTY_FACTOR * fixed;
    if (trips > 0 && tripDuration > 0) penalties.timeWarp = Math.max(penalties.timeWarp, price / (tripDuration / trips));
    if (trips > 0 && tripDistance > 0) penalties.distance = Math.max(penalties.distance, fixed / (tripDistance / trips));
    if (capacity < Infinity) penalties.capacity = Math.max(penalties.capacity, price / capacity);
  }
  return penalties;
}
