/**
 * The hybrid genetic search itself (Vidal et al. 2012; HGS-CVRP), written once for the daily,
 * periodic and arc-routing engines: an initial population of random individuals, parents by
 * binary tournament, a child per generation educated by the engine's local search, a repair
 * attempt at tenfold penalties for half of the infeasible children, penalties adapted towards a
 * target share of feasible children, a restart around the best after too long without
 * improvement, progress reports and the stopping rule.
 *
 * An engine says only what differs: what a child is (`C`: routes, or patterns and routes), how a
 * random one is drawn, how two parents are crossed, how a child is educated and priced (`T`).
 */
import type { ProgressCallback } from '../../../util/progress.js';
import type { Random } from '../../../util/random.js';
import { formatFigure } from '../../../io/numbers.js';
import type { Penalties } from '../../evaluate.js';
import { withinTolerance } from '../../evaluate.js';
import type { SearchState, StopRule } from '../../stop.js';
import type { GenericPopulation, Member } from '../population.js';
import type { Generations } from './generations.js';
import { runGenerations } from './generations.js';
import type { IslandLink, IslandOutcome } from './islands.js';
import type { LimitRule } from './stopping.js';

/** What the kernel reads of an individual: its cost, its violations and the population's fields. */
export interface GeneticMember<T> extends Member<T> {
  cost: number;
  loadExcess: number;
  timeExcess: number;
  distanceExcess: number;
}

/** One kind of genetic search: the engine-specific steps, around a child type `C`. */
export interface GeneticEngine<C, T extends GeneticMember<T>> {
  /** The penalties the engine's constraints are priced with (the kernel adapts these). */
  readonly adapted: readonly (keyof Penalties)[];
  /** A random child (random order, random patterns), split into routes at `penalties`. */
  random(penalties: Penalties): C;
  /** A child of two parents, split into routes at `penalties`. */
  crossover(a: T, b: T, penalties: Penalties): C;
  /** Local search of `child` at `penalties`; the result priced at `penalties`. */
  educate(child: C, penalties: Penalties): T;
  /** Local search of the child last educated, again, at `strict`; the result priced at `penalties`. */
  repair(strict: Penalties, penalties: Penalties): T;
  /** A child as given (a warm start), priced at `penalties` without education. */
  evaluate(child: C, penalties: Penalties): T;
  /** A copy of a child that education may change without changing the original. */
  clone(child: C): C;
  /** An individual as a child (plain data, for another island to price). */
  export(ind: T): C;
  /** True when the search must end now, even inside a local search (a time limit). */
  outOfTime?(): boolean;
}

/** Parameters of the generation loop (those of HGS-CVRP where they exist). */
export interface GeneticParams {
  /** Target share of feasible children per constraint (HGS-CVRP: 0.2). */
  targetFeasible: number;
  /** Iterations without improvement before the population restarts (HGS-CVRP: 20000). */
  restartAfter: number;
  /** Random individuals in the initial population (HGS-CVRP: 4 × 25). */
  initialSize: number;
  /** Educated children between penalty updates (HGS-CVRP: 100 iterations). */
  penaltyUpdateEvery: number;
}

/** Progress of a genetic search: the best cost so far and when it was found. */
export interface GeneticProgressEvent {
  step: 'solve';
  done: number;
  iteration: number;
  elapsedSeconds: number;
  /** Best feasible cost so far, or null before the first feasible solution. */
  bestCost: number | null;
  message: string;
  /** When the search may leave stops out (`serveMost`): how many the best plan leaves out. */
  leftOut?: number;
}

/** Options of one run of the kernel. */
export interface GeneticOptions<C, T extends GeneticMember<T>> {
  params: GeneticParams;
  /** The penalties to start from (the engine's estimate in its cost units). */
  penalties: Penalties;
  population: GenericPopulation<T>;
  rng: Random;
  stop: StopRule;
  /** The wall-clock limit, seconds, when there is one (bounds the time spent on the initial population). */
  timeLimit?: number | undefined;
  /** Children to start from (e.g. today's plan): each counts as given and is then educated. */
  warmStarts?: readonly C[] | undefined;
  onProgress?: ProgressCallback | undefined;
  /** How progress reports an individual (default: its cost). */
  describe?: ((ind: T) => { cost: number; leftOut?: number }) | undefined;
  /** This search's island among several on threads (kernel/islands.ts); none: it searches alone. */
  island?: IslandLink<C> | undefined;
}

/** What a run found. */
export interface GeneticResult<T> {
  /** Best feasible individual, or null if none was found. */
  bestFeasible: T | null;
  /** Least penalised individual seen (for repair when nothing feasible was found). */
  bestOverall: T | null;
  iterations: number;
  /** Seconds from the start of the run to its end. */
  elapsedSeconds: number;
}

/** Penalties never fall below this (per unit of violation), so that they can grow back. */
export const PENALTY_FLOOR = 1e-6;
/** Penalties never rise above this. */
export const PENALTY_CEILING = 1e9;
/** Outcomes remembered per constraint for the share of feasible children (HGS-CVRP: 100). */
const HISTORY = 100;
/** A cost lower by less than this is not an improvement (floating-point noise): here and when islands compare their best. */
export const IMPROVEMENT = 1e-9;
/** Share of a time limit that building an initial population may take before breeding starts. */
const INITIAL_POPULATION_TIME_SHARE = 0.25;
/** Which violation of an individual each penalty prices. */
const EXCESS = { capacity: 'loadExcess', timeWarp: 'timeExcess', distance: 'distanceExcess' } as const;

/**
 * One penalty moved towards `target` share of feasible children (HGS-CVRP): ×1.2 when too few
 * were feasible, ×0.85 when too many, within [PENALTY_FLOOR, PENALTY_CEILING].
 */
export function adaptPenalty(value: number, feasibleShare: number, target: number): number {
  if (feasibleShare < target - 0.05) return Math.min(value * 1.2, PENALTY_CEILING);
  if (feasibleShare > target + 0.05) return Math.max(value * 0.85, PENALTY_FLOOR);
  return value;
}

/** Runs the genetic search of `engine` until `options.stop` says stop. */
export function runGenetic<C, T extends GeneticMember<T>>(engine: GeneticEngine<C, T>, options: GeneticOptions<C, T>): GeneticResult<T> {
  const { params, population, rng } = options;
  const startTime = performance.now();
  const penalties: Penalties = { ...options.penalties };
  const strict: Penalties = { capacity: 0, timeWarp: 0, distance: 0 };
  const state: SearchState = { iterations: 0, iterationsWithoutImprovement: 0, elapsedSeconds: 0 };
  // Per adapted penalty: the last HISTORY outcomes (1 = within tolerance) in a ring, and their sum.
  const history = engine.adapted.map((key) => ({ key, ring: new Uint8Array(HISTORY), length: 0, next: 0, feasible: 0 }));
  let bestFeasible: T | null = null;
  let bestOverall: T | null = null;
  let educated = 0;
  let lastReport = -Infinity;

  const island = options.island;
  // Which stops end every island: the clock's and a caller's rule's (any rule not built by stopRule).
  const clock = 'clock' in options.stop ? (options.stop as LimitRule).clock : options.stop;
  let stoppedByClock = false;
  const tick = (): boolean => {
    state.elapsedSeconds = (performance.now() - startTime) / 1000;
    if (island?.aborted()) return true;
    if (!options.stop(state)) return false;
    if (island !== undefined) stoppedByClock = clock !== null && clock(state);
    return true;
  };
  const report = (force: boolean): void => {
    if (!options.onProgress) return;
    if (!force && state.elapsedSeconds - lastReport < 0.5) return;
    lastReport = state.elapsedSeconds;
    const best: T | null = bestFeasible;
    const shown = best === null ? null : options.describe ? options.describe(best) : { cost: best.cost };
    const event: GeneticProgressEvent = {
      step: 'solve',
      done: state.iterations,
      iteration: state.iterations,
      elapsedSeconds: state.elapsedSeconds,
      bestCost: shown ? shown.cost : null,
      message: shown ? `best ${formatFigure(shown.cost, 3)}` : 'no feasible solution yet',
    };
    if (shown?.leftOut !== undefined) {
      event.leftOut = shown.leftOut;
      event.message += `, ${shown.leftOut} left out`;
    }
    options.onProgress(event);
  };
  const consider = (ind: T): boolean => {
    if (bestOverall === null || ind.penalisedCost < bestOverall.penalisedCost - IMPROVEMENT) bestOverall = ind;
    if (ind.feasible && (bestFeasible === null || ind.cost < bestFeasible.cost - IMPROVEMENT)) {
      bestFeasible = ind;
      report(true);
      return true;
    }
    return false;
  };
  const adapt = (ind: T): void => {
    for (const h of history) {
      const ok = withinTolerance(ind[EXCESS[h.key]]) ? 1 : 0;
      if (h.length === HISTORY) h.feasible -= h.ring[h.next]!;
      else h.length++;
      h.ring[h.next] = ok;
      h.feasible += ok;
      h.next = (h.next + 1) % HISTORY;
    }
    if (++educated % params.penaltyUpdateEvery !== 0) return;
    for (const h of history) penalties[h.key] = adaptPenalty(penalties[h.key], h.feasible / h.length, params.targetFeasible);
    population.repenalise(penalties);
  };
  /** Education, then a repair attempt at tenfold penalties for half of the infeasible results. */
  const educate = (child: C): boolean => {
    const ind = engine.educate(child, penalties);
    population.add(ind);
    adapt(ind);
    let improved = consider(ind);
    if (!ind.feasible && rng.next() < 0.5 && !(engine.outOfTime?.() ?? false)) {
      strict.capacity = penalties.capacity * 10;
      strict.timeWarp = penalties.timeWarp * 10;
      strict.distance = penalties.distance * 10;
      const repaired = engine.repair(strict, penalties);
      if (repaired.feasible) {
        population.add(repaired);
        if (consider(repaired)) improved = true;
      }
    }
    return improved;
  };
  const initialise = (): void => {
    const began = state.elapsedSeconds;
    for (let k = 0; k < params.initialSize; k++) {
      if (k > 0 && tick()) break;
      // With a time limit, a large instance (1,000 stops, a tight fleet) could spend all of it on
      // the random individuals and never breed (seen: 0 iterations in 20 s). Past a share of the
      // limit, the population starts with what it has (at least two to cross).
      if (k >= 2 && options.timeLimit !== undefined && state.elapsedSeconds - began > INITIAL_POPULATION_TIME_SHARE * options.timeLimit) break;
      educate(engine.random(penalties));
    }
  };

  const generations: Generations<T> = {
    select: () => population.select(rng),
    breed: (a, b) => educate(engine.crossover(a, b, penalties)),
    restart: () => {
      population.clear();
      if (bestFeasible) population.add(bestFeasible);
      initialise();
    },
    report,
  };
  if (island !== undefined) {
    generations.migrate = (iterations) => {
      if (iterations % island.every !== 0) return false;
      const mine = bestFeasible ?? bestOverall;
      let improved = false;
      for (const child of island.exchange(mine === null ? null : engine.export(mine))) {
        // A migrant is another island's local optimum: priced here and added, not educated again.
        const ind = engine.evaluate(child, penalties);
        population.add(ind);
        if (consider(ind)) improved = true;
      }
      return improved;
    };
  }
  try {
    // Each warm start as given counts, so the result is never worse than a feasible warm start;
    // all count before any is educated, so that a run stopped early answers with the best of them.
    const starts = options.warmStarts ?? [];
    for (const start of starts) consider(engine.evaluate(start, penalties));
    for (let k = 0; k < starts.length; k++) {
      if (k > 0 && tick()) break;
      educate(engine.clone(starts[k]!));
    }
    initialise();
    runGenerations(state, tick, params.restartAfter, generations);
  } finally {
    // The other islands may wait for this one's next message: its last best ends its part.
    if (island !== undefined) {
      const mine = bestFeasible ?? bestOverall;
      island.finish(mine === null ? null : engine.export(mine), stoppedByClock);
    }
  }
  return { bestFeasible, bestOverall, iterations: state.iterations, elapsedSeconds: (performance.now() - startTime) / 1000 };
}

/** What a run found, as children another island or the caller can price (`IslandOutcome`). */
export function outcomeOf<C, T extends GeneticMember<T>>(engine: GeneticEngine<C, T>, result: GeneticResult<T>): IslandOutcome<C> {
  const { bestFeasible: f, bestOverall: o } = result;
  return {
    feasible: f === null ? null : { child: engine.export(f), cost: f.cost },
    overall: o === null ? null : { child: engine.export(o), penalisedCost: o.penalisedCost },
    iterations: result.iterations,
  };
}
