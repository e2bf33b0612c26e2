/**
 * Hybrid genetic search for the periodic VRP (Vidal, Crainic, Gendreau, Lahrichi & Rei 2012, "A
 * hybrid genetic algorithm for multidepot and periodic vehicle routing problems", Operations
 * Research 60(3)), built on the daily engine:
 * - a solution is a visit pattern per stop plus one giant tour per day;
 * - crossover is PIX (pattern inheritance): some days come whole from parent A, some as a slice of
 *   A's tour, the rest are filled from parent B's tours as far as the stops' patterns allow; Split
 *   cuts each day's tour into routes (the daily `Split`), and stops whose day set is not yet a
 *   pattern get the cheapest pattern that contains it, with their missing visits inserted;
 * - education runs the daily local search (`LocalSearch`, every operator and SWAP*) on each day,
 *   then pattern improvement (move a stop to the pattern whose removals and insertions cost
 *   least, accumulated demand included), then the daily local search again on the days it touched;
 * - infeasibility is penalised with the daily penalties; the generation loop, penalty adaptation,
 *   repair, restarts and stopping rules are the genetic search kernel's (search/kernel/), the
 *   population's ranking and culling the daily engine's.
 */
import type { ProgressCallback } from '../../util/progress.js';
import type { Random } from '../../util/random.js';
import type { GeneticEngine, IslandLink, IslandOutcome, Penalties, StopRule } from '../search/kernel/index.js';
import type { HgsParams } from '../search/kernel/index.js';
import { DEFAULT_HGS, initialPenalties, outcomeOf, runGenetic } from '../search/kernel/index.js';
import { crossover } from './crossover.js';
import type { PeriodicIndividual } from './individual.js';
import { makePeriodicIndividual } from './individual.js';
import type { PeriodicProblemData } from './model.js';
import { PeriodicPopulation } from './population.js';
import { Workspace } from './workspace.js';

/** A start for the search: a pattern mask per stop (0 = leave out) and routes per day and slot. */
export interface PeriodicStart {
  masks: Uint32Array;
  routes: number[][][];
  /**
   * Days whose routes are a parent's educated routes (a local optimum) but for the routes flagged
   * in `changed[d]`: the first local search there starts from those routes only (none: no search).
   */
  clean?: number;
  changed?: Uint8Array[];
}

/**
 * Where the periodic search departs from the daily defaults: an initial population of 25 (HGS's
 * 4 × 25 took more than 20 s on pr10, 288 stops × 6 days, before the first crossover; with 25 the
 * same 20 s gave 159 generations and a gap of 8.9 % instead of 10.8 %).
 */
export const PERIODIC_DEFAULTS: Partial<HgsParams> = { initialSize: 25 };

/** The periodic genetic search on the kernel: what it found, as children any island can price. */
export function runPeriodicHgs(
  problem: PeriodicProblemData,
  servable: Uint8Array,
  rng: Random,
  stop: StopRule,
  options: {
    onProgress?: ProgressCallback; warmStarts?: PeriodicStart[]; params?: Partial<HgsParams>; timeLimit?: number | undefined;
    /** This search's island among several on threads (search/kernel/islands.ts). */
    island?: IslandLink<PeriodicStart> | undefined;
  } = {},
): IslandOutcome<PeriodicStart> {
  const params = { ...DEFAULT_HGS, ...PERIODIC_DEFAULTS, ...options.params };
  let any = false;
  for (let s = 0; s < problem.nStops; s++) if (servable[s]) any = true;
  if (!any) return { feasible: null, overall: null, iterations: 0 };
  const ws = new Workspace(problem, servable, rng, params);
  const engine = new PeriodicEngine(ws);
  const result = runGenetic(engine, {
    params, rng, stop,
    penalties: initialPenalties(problem.base, params.initialTimeWarpFactor),
    population: new PeriodicPopulation(),
    timeLimit: options.timeLimit,
    warmStarts: options.warmStarts,
    onProgress: options.onProgress,
    island: options.island,
  });
  // The daily views with the demands of the returned patterns are rebuilt by the caller.
  return outcomeOf(engine, result);
}

/**
 * The periodic engine's steps for the kernel: a child is a pattern per stop and routes per day;
 * PIX crossover, Split per day, education by day and by pattern (`Workspace`).
 */
class PeriodicEngine implements GeneticEngine<PeriodicStart, PeriodicIndividual> {
  readonly adapted = ['capacity', 'timeWarp', 'distance'] as const;
  /** The routes last educated (education changes them in place; repair goes on from them). */
  private last: number[][][] = [];
  /** The days on which the child last educated was feasible (repair leaves them to the second pass). */
  private lastFeasibleDays = 0;

  constructor(private readonly ws: Workspace) {}

  random(penalties: Penalties): PeriodicStart {
    return { masks: this.ws.masks, routes: this.ws.randomStart(penalties) };
  }

  crossover(a: PeriodicIndividual, b: PeriodicIndividual, penalties: Penalties): PeriodicStart {
    const { routes, clean, changed } = crossover(this.ws, a, b, penalties);
    return { masks: this.ws.masks, routes, clean, changed };
  }

  educate(child: PeriodicStart, penalties: Penalties): PeriodicIndividual {
    if (child.masks !== this.ws.masks) this.ws.setMasks(child.masks);
    this.last = this.ws.educate(child.routes, penalties, child.clean ?? 0, child.changed);
    const ind = this.price(this.last, penalties);
    this.lastFeasibleDays = 0;
    ind.days.forEach((day, d) => { if (day.feasible) this.lastFeasibleDays |= 1 << d; });
    return ind;
  }

  /**
   * Education again at strict penalties, its first local search on the infeasible days only: on a
   * feasible day the local search at higher penalties does exactly what it does at the same ones
   * (they only make infeasible moves dearer; test/vrp/periodic/workspace.test.ts), i.e. a rerun
   * education already made. Pattern improvement and the second pass as usual.
   */
  repair(strict: Penalties, penalties: Penalties): PeriodicIndividual {
    this.ws.educate(this.last, strict, this.lastFeasibleDays);
    return this.price(this.last, penalties);
  }

  evaluate(child: PeriodicStart, penalties: Penalties): PeriodicIndividual {
    this.ws.setMasks(child.masks);
    return this.price(child.routes, penalties);
  }

  clone(child: PeriodicStart): PeriodicStart {
    return { masks: child.masks, routes: child.routes.map((day) => day.map((r) => r.slice())), clean: 0 };
  }

  export(ind: PeriodicIndividual): PeriodicStart {
    return { masks: ind.masks, routes: ind.days.map((day) => day.routes) };
  }

  private price(routes: number[][][], penalties: Penalties): PeriodicIndividual {
    return makePeriodicIndividual(this.ws.views, this.ws.masks, routes, this.ws.active, penalties);
  }
}
