/**
 * Hybrid genetic search (Vidal et al. 2012; Vidal 2022, HGS-CVRP; PyVRP): parents chosen by
 * binary tournament on biased fitness, ordered crossover of their giant tours, Split, granular
 * local search with penalised capacity, time warp and distance excess, a repair attempt with
 * tenfold penalties for half of the infeasible offspring, penalties adapted towards a target
 * share of feasible offspring, and a restart that keeps the best solution when the search stalls.
 */
import type { ProgressCallback, ProgressEvent } from '../../util/progress.js';
import type { Random } from '../../util/random.js';
import type { Penalties } from '../evaluate.js';
import { withinTolerance } from '../evaluate.js';
import type { ProblemData } from '../model.js';
import type { SearchState, StopRule } from '../stop.js';
import { orderCrossover } from './crossover.js';
import type { Individual } from './individual.js';
import { makeIndividual } from './individual.js';
import { LocalSearch, shuffle } from './local-search.js';
import { nearestNeighbours } from './neighbours.js';
import { Population } from './population.js';
import { runGenerations } from './generations.js';
import { Split } from './split.js';
import { OperatorStats } from './stats.js';

/** Parameters of the hybrid genetic search. */
export interface HgsParams {
  /** Nearest neighbours per stop in the local search (HGS: 20). */
  granularity: number;
  /** Target share of feasible offspring per constraint (HGS-CVRP: 0.2). */
  targetFeasible: number;
  /** Iterations without improvement before the population restarts (HGS-CVRP: 20000). */
  restartAfter: number;
  /** Random individuals in the initial population (HGS-CVRP: 4 × 25). */
  initialSize: number;
  /** Local-search results between penalty updates (HGS-CVRP: 100 iterations). */
  penaltyUpdateEvery: number;
  /** Initial time-warp penalty per unit, relative to the average cost of a unit of travel time. */
  initialTimeWarpFactor: number;
  /** Use the SWAP* neighbourhood (Vidal 2022). */
  swapStar: boolean;
}

/** The search parameters used unless a caller overrides them (those of HGS-CVRP where they exist). */
export const DEFAULT_HGS: HgsParams = {
  granularity: 20, targetFeasible: 0.2, restartAfter: 20000, initialSize: 100, penaltyUpdateEvery: 50, initialTimeWarpFactor: 10, swapStar: true,
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
  const split = new Split(problem);
  const population = new Population(active);
  const penalties = initialPenalties(problem, params.initialTimeWarpFactor, options.dropCost ?? 0);
  const repairPenalties: Penalties = { capacity: 0, timeWarp: 0, distance: 0 };
  const state: SearchState = { iterations: 0, iterationsWithoutImprovement: 0, elapsedSeconds: 0 };
  let bestFeasible: Individual | null = null;
  let bestOverall: Individual | null = null;
  let educated = 0;
  const history = { load: [] as boolean[], time: [] as boolean[], distance: [] as boolean[] };
  const activeStops: number[] = [];
  for (let s = 0; s < problem.nStops; s++) if (active[s]) activeStops.push(s);
  const L = activeStops.length;
  const child = new Int32Array(Math.max(1, L));
  const seen = new Uint8Array(problem.nStops);
  let lastReport = -Infinity;

  const tick = (): boolean => {
    state.elapsedSeconds = (performance.now() - startTime) / 1000;
    return stop(state);
  };
  const report = (force: boolean): void => {
    if (!options.onProgress) return;
    if (!force && state.elapsedSeconds - lastReport < 0.5) return;
    lastReport = state.elapsedSeconds;
    const best: Individual | null = bestFeasible;
    const shown = best === null ? null : options.describe ? options.describe(best) : { cost: best.cost };
    const event: SolveProgressEvent = {
      step: 'solve',
      done: state.iterations,
      iteration: state.iterations,
      elapsedSeconds: state.elapsedSeconds,
      bestCost: shown ? shown.cost : null,
      message: shown ? `best ${round(shown.cost)}` : 'no feasible solution yet',
    };
    if (shown?.leftOut !== undefined) {
      event.leftOut = shown.leftOut;
      event.message += `, ${shown.leftOut} left out`;
    }
    options.onProgress(event);
  };
  const consider = (ind: Individual): boolean => {
    if (bestOverall === null || ind.penalisedCost < bestOverall.penalisedCost - 1e-9) bestOverall = ind;
    if (ind.feasible && (bestFeasible === null || ind.cost < bestFeasible.cost - 1e-9)) {
      bestFeasible = ind;
      report(true);
      return true;
    }
    return false;
  };
  const record = (list: boolean[], ok: boolean): void => {
    list.push(ok);
    if (list.length > 100) list.shift();
  };
  /** Local search, then a repair attempt for half of the infeasible results. */
  const educate = (routes: number[][]): boolean => {
    ls.load(routes);
    ls.run(penalties);
    const ind = makeIndividual(problem, ls.exportRoutes(), active, penalties, ls.tourOrder());
    record(history.load, withinTolerance(ind.loadExcess));
    record(history.time, withinTolerance(ind.timeExcess));
    record(history.distance, withinTolerance(ind.distanceExcess));
    population.add(ind);
    if (++educated % params.penaltyUpdateEvery === 0) {
      adapt(penalties, 'capacity', history.load, params.targetFeasible);
      adapt(penalties, 'timeWarp', history.time, params.targetFeasible);
      adapt(penalties, 'distance', history.distance, params.targetFeasible);
      population.repenalise(penalties);
    }
    let improved = consider(ind);
    if (!ind.feasible && rng.next() < 0.5 && !ls.outOfTime()) {
      repairPenalties.capacity = penalties.capacity * 10;
      repairPenalties.timeWarp = penalties.timeWarp * 10;
      repairPenalties.distance = penalties.distance * 10;
      ls.run(repairPenalties);
      const repaired = makeIndividual(problem, ls.exportRoutes(), active, penalties, ls.tourOrder());
      if (repaired.feasible) {
        population.add(repaired);
        if (consider(repaired)) improved = true;
      }
    }
    return improved;
  };
  const randomRoutes = (): number[][] => {
    for (let k = 0; k < L; k++) child[k] = activeStops[k]!;
    shuffle(child, L, rng);
    return split.run(child, L, penalties);
  };
  const initialise = (): void => {
    const began = state.elapsedSeconds;
    for (let k = 0; k < params.initialSize; k++) {
      if (k > 0 && tick()) break;
      // With a time limit, a large instance (1,000 stops, a tight fleet) could spend all of it on
      // the random individuals and never breed (seen: 0 iterations in 20 s). Past a share of the
      // limit, the population starts with what it has (at least two to cross).
      if (k >= 2 && options.timeLimit !== undefined && state.elapsedSeconds - began > INITIAL_POPULATION_TIME_SHARE * options.timeLimit) break;
      educate(randomRoutes());
    }
  };

  const finish = (): HgsResult => ({
    bestFeasible, bestOverall, iterations: state.iterations, seconds: (performance.now() - startTime) / 1000, stats: ls.stats,
  });
  if (L === 0) return finish();

  for (const routes of options.warmStarts ?? []) {
    // The warm start as given counts, so the result is never worse than a feasible warm start.
    consider(makeIndividual(problem, routes, active, penalties));
    educate(routes.map((r) => r.slice()));
  }
  initialise();

  runGenerations(state, tick, params.restartAfter, {
    select: () => population.select(rng),
    breed: (a, b) => {
      orderCrossover(a.tour, b.tour, L, rng, child, seen);
      return educate(split.run(child, L, penalties));
    },
    restart: () => {
      population.clear();
      if (bestFeasible) population.add(bestFeasible);
      initialise();
    },
    report,
  });
  return finish();
}

const FIXED_COST_PENALTY_FACTOR = 3;
/** Share of a time limit that building an initial population may take before breeding starts. */
const INITIAL_POPULATION_TIME_SHARE = 0.25;

function adapt(p: Penalties, key: keyof Penalties, history: boolean[], target: number): void {
  if (history.length === 0) return;
  const share = history.filter(Boolean).length / history.length;
  if (share < target - 0.05) p[key] = Math.min(p[key] * 1.2, 1e9);
  else if (share > target + 0.05) p[key] = Math.max(p[key] * 0.85, 1e-6);
}

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
        const c = t.costPerDistance * d + t.costPerDuration * du;
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

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
