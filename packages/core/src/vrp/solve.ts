/**
 * `solve`: the hybrid genetic search on a validated problem, with seeded randomness, composable
 * stopping rules, progress reports and warm starts.
 */
import { InputError } from '../errors.js';
import { createRandom } from '../util/random.js';
import type { ProgressCallback } from '../util/progress.js';
import type { RouteInput } from './input.js';
import type { ProblemData } from './model.js';
import type { SolutionResult, UnassignedReason } from './solution-types.js';
import { serveMostView } from './serve-most.js';
import { buildSolution, resolveRoutes, routesFromSlots, searchReason } from './solution.js';
import type { StopRule } from './stop.js';
import { DEFAULT_STALL, islandSeed, islandTimeLimit, MAX_THREADS, searchOnThreads, stopRule } from './search/kernel/index.js';
import type { IslandLink, IslandOutcome } from './search/kernel/index.js';
import type { OperatorStats } from './search/stats.js';
import { runHgs } from './search/hgs.js';
import { DEFAULT_HGS } from './search/hgs.js';
import type { HgsParams, SearchDebug } from './search/hgs.js';
import { constructPlans, DEFAULT_VARIANTS } from './construct/insertion.js';
import type { ConstructedPlan, InsertionVariant } from './construct/insertion.js';
import { repairRoutes } from './search/repair.js';
import { runAlns } from './pdptw/alns.js';
import { polishServeMost, polishShipments } from './polish.js';

/** Options of `solve`: seed, limits, warm start and progress. */
export interface SolveOptions {
  /** Seed of the random generator (default 1). Same seed and iteration limits → same result. */
  seed?: number;
  /** Stop after this many seconds. */
  timeLimit?: number;
  /** Stop after this many iterations (offspring). */
  maxIterations?: number;
  /** Stop after this many iterations in a row without a better solution. */
  maxIterationsWithoutImprovement?: number;
  /** Further stopping rule, combined with the limits above (any one stops the search). */
  stop?: StopRule;
  /** Called with the best cost over time (`SolveProgressEvent`), at most twice a second. */
  onProgress?: ProgressCallback;
  /** Routes to start from (e.g. today's plan); the result is never worse than a feasible warm start. */
  warmStart?: RouteInput[];
  /** Tuning of the search (granularity, target feasible share, restarts, initial population). */
  params?: Partial<HgsParams>;
  /** Debugging aids: move-by-move cost checks, per-operator counters (`result.search.operators`). */
  debug?: SearchDebug;
  /**
   * The fleet may not serve every stop: search plans that leave required stops out, and prefer
   * the one that serves the most priority, then the most stops, then costs least (VROOM's order;
   * see serve-most.ts). Without it, all required stops are served or the plan is infeasible.
   */
  serveMost?: boolean;
  /**
   * Routes kept exactly as given, only timed (locked routes: today's routes a planner keeps, a
   * VROOM vehicle's steps with `lockSteps`): their stops and vehicles are left out of the search,
   * which plans the rest with the vehicles that remain.
   */
  fixedRoutes?: RouteInput[];
  /**
   * Worker threads to search on (default 1): islands of the genetic search that exchange their
   * best plans every hundred iterations (search/kernel/islands.ts). The result is the same for
   * a seed and a thread count under iteration limits; each thread makes `maxIterations`.
   */
  threads?: number;
  /**
   * The search: the hybrid genetic search (`genetic`, the default) or the large neighbourhood
   * search of pdptw/alns.ts (`alns`, always for shipments; one thread). At short budgets on
   * VROOM-like fleets the latter serves more stops (benchmarks/vroom; vroom/solve.ts).
   */
  engine?: 'genetic' | 'alns';
}

/**
 * Plain stops in VROOM's order with a time limit of POLISH_MIN_SECONDS or more, on at most
 * ROUNDS_MAX_STOPS stops: rounds of ROUND_ITERATIONS iterations of the large neighbourhood search
 * (each cooled from its start temperature), each plan polished by the local search and the start
 * of the next, until the time is used; else two rounds of half the time each (POLISH_ROUNDS).
 * benchmarks/vroom/compare-builds.mjs, two rounds → rounds of 150 iterations, seeds 1-6 at VROOM's
 * CPU seconds, both builds at once (load 25-35): n100-breaks better on all 6 seeds (2 with 81 tasks
 * against 80, 4 cheaper at 80: 293691 → 272136, 380091 → 369387, 331106 → 320309, 363071 →
 * 301008); n100-jobs fewest tasks 88 → 89 (VROOM 89; more tasks on 3 seeds, dearer on the 3 with
 * as many: 361802 → 368005, 339381 → 382639, 339200 → 354418). n050-jobs at 4 s (0.3 s rounds):
 * 170618 / 166610 → 141896 / 144312, seeds 1 / 2 (VROOM 145858). On 150 tasks at 8 s: n150-jobs
 * 356310 / 372626 → 402954 / 409163 (122 / 123 tasks against 122), n150-breaks 385332 / 454918 →
 * 397726 / 422593, seeds 1 / 2: no gain there, hence the bound.
 */
const ROUND_ITERATIONS = 150;
const ROUNDS_MAX_STOPS = 100;
/**
 * With shipments, over ROUNDS_MAX_STOPS stops: rounds of this many iterations, each plan polished
 * (polishShipments), until the first round serves every stop; then the rest of the time in one
 * round. benchmarks/vroom/compare-builds.mjs at VROOM's CPU seconds (load 3-9), one run of the
 * search → rounds, mean of seeds 1-4 / 5-8: n150-all 586845 → 549758 / 573714 → 543016, n200-all
 * 634704 → 589808 / 652968 → 623682 (same fewest tasks and priority). In rounds to the end the
 * roomy ones (everything served) lost +1.1 / +0.5 % (n150) and +1.7 / +2.0 % (n200), hence one
 * round once everything is served. At 100 stops (n100-all, 2.65 s) rounds served one task fewer on
 * 3 seeds of 6, hence the bound.
 */
const SHIPMENT_ROUND_ITERATIONS = 300;
const POLISH_ROUNDS = 2;
/**
 * In VROOM's order (serveMost), from SMALL_DESTROYS_MIN_STOPS stops, the shipment search takes out
 * 4 to this many requests per iteration, not Ropke & Pisinger's 4 to min(40, 0.4 n): small removals
 * cost far less to repair, so it makes two to three times the iterations in the same time (5 s:
 * n150-breaks 1,011 → 3,195, n200-jobs 874 → 2,284), each a smaller step the annealing can take.
 * benchmarks/vroom, the jobs, breaks and all families at 100, 150 and 200 tasks, seeds 1-6 at
 * VROOM's CPU seconds, each run against the same seed with R&P's sizes (VROOM's order: priority,
 * tasks, then cost): at most 8 better on 42 of 48 runs (cost -9.4 % on the 25 that served as many
 * tasks), at most 6 on 39 (-8.4 %), at most 12 on 33 (-6.5 %), 2 to 8 on 36 (-5.9 %); at most 6
 * against at most 8 better on 20 of 48. Not for Li & Lim's instances (every request served, two to
 * four long routes on the `*2*` ones): at 60 s, at most 8 left lr208 at +15.9 % and lrc206 at
 * +22.0 % above the best-known distance, where R&P's sizes reach it (benchmarks/pdptw, 10 instances).
 */
const SERVE_MOST_DESTROY_MAX = 8;
/**
 * Below this many stops, R&P's sizes (4 to 0.4 n) stay: the 50-task instances of benchmarks/vroom at
 * VROOM's 0.4-0.7 s, seeds 1-6, at most 8 against R&P's: better on 3 of 24 runs, and fewer tasks
 * on 5 seeds of n050-breaks and 3 of n050-jobs. With every task served (the roomy family) it is
 * about even: n100-roomy better on 2 of 6 (+1.6 %), n150-roomy 5 of 6 (-2.4 %), n200-roomy 3 of 6
 * (+0.3 %).
 */
const SMALL_DESTROYS_MIN_STOPS = 100;
/** No new round with less time than this left. */
const LAST_ROUND_SECONDS = 0.02;
/**
 * Below this many seconds no polish: at 0.59 s CPU n050-breaks served 40 tasks with it (4 seeds)
 * and 41-42 without (the local search's first run is mostly compiling it); at 3 s n100-jobs /
 * n100-breaks cost 390835 / 325221 without it and 359063 / 284381 with it, same tasks (load ~12).
 */
const POLISH_MIN_SECONDS = 1.5;
const POLISH_SEARCH_SHARE = 0.9;
/** Below this many seconds the sequential constructions are not tried (their time is the search's). */
const SEQUENTIAL_MIN_SECONDS = 1.5;
/** The sequential constructions tried (construct/sequential.ts): VROOM's two vehicle orders, λ = 1. */
const SEQUENTIAL_VARIANTS: readonly InsertionVariant[] = [
  { regret: 2, seeding: 'none', sequential: { order: 'availability', lambda: 1 } },
  { regret: 2, seeding: 'none', sequential: { order: 'cost', lambda: 1 } },
];

/** Iterations without improvement after which the search stops when no limit is given (the kernel's). */
export const DEFAULT_NO_IMPROVEMENT = DEFAULT_STALL;

/**
 * Solves the problem with hybrid genetic search (Vidal 2022; PyVRP). Synchronous; core never
 * prints, progress goes to `onProgress`.
 *
 * @example
 * const result = solve(problem, { seed: 7, timeLimit: 10 });
 * for (const route of result.routes) console.log(route.vehicleType, route.stops.join(' → '));
 */
export function solve(problem: ProblemData, options: SolveOptions = {}): SolutionResult {
  checkOptions(options);
  if (options.fixedRoutes !== undefined && options.fixedRoutes.length > 0) return solveAroundFixed(problem, options);
  // The shipment search is its own engine, on one thread.
  if (problem.shipmentCount > 0 || options.engine === 'alns') return solveShipments(problem, options);
  let stats: OperatorStats | null = null;
  const outcome = searchOnThreads<number[][]>('daily', problem, problem.nStops, options, (link) => {
    const found = searchDaily(problem, options, link);
    if (link === undefined || link.index === 0) stats = found.stats;
    return found.outcome;
  });
  const solution = bestOf(problem, outcome, options.serveMost === true);
  solution.search = { iterations: outcome.iterations };
  if (stats !== null) solution.search.operators = (stats as OperatorStats).toJSON();
  return solution;
}

/**
 * One island of the daily search (the only one without `link`): the hybrid genetic search on the
 * problem, or on its serve-most view, from the warm start; what it found as routes per slot.
 */
export function searchDaily(
  problem: ProblemData, options: SolveOptions, link?: IslandLink<number[][]>,
): { outcome: IslandOutcome<number[][]>; stats: OperatorStats | null } {
  const started = performance.now();
  const limit = islandTimeLimit(options.timeLimit, link);
  const rng = createRandom(islandSeed(options.seed ?? 1, link?.index ?? 0));
  // Routes found on the view are routes of the problem (same stop indices); only the objective differs.
  const searched = options.serveMost ? serveMostView(problem) : problem;
  const active = new Uint8Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) active[s] = problem.stopReason[s] === null ? 1 : 0;

  const warmStarts: number[][][] = [];
  if (options.warmStart !== undefined) warmStarts.push(warmStartSlots(searched, options.warmStart, active));
  const constructed = options.params?.constructed ?? DEFAULT_HGS.constructed;
  if (constructed > 0) {
    // The constructions count against the time limit: the last ones are skipped past a quarter of it.
    const outOfTime = limit === undefined ? undefined : (): boolean => performance.now() - started > 250 * limit;
    for (const plan of constructPlans(problem, active, DEFAULT_VARIANTS, outOfTime).slice(0, constructed)) warmStarts.push(constructedSlots(searched, plan));
  }
  const timeLimit = limit === undefined ? undefined : Math.max(1e-3, limit - (performance.now() - started) / 1000);

  const hgsOptions: Parameters<typeof runHgs>[4] = { warmStarts };
  if (options.onProgress) hgsOptions.onProgress = options.onProgress;
  if (options.params) hgsOptions.params = options.params;
  if (options.debug) hgsOptions.debug = options.debug;
  if (timeLimit !== undefined) hgsOptions.timeLimit = timeLimit;
  if (link !== undefined) hgsOptions.island = link;
  if (options.serveMost) {
    hgsOptions.dropCost = dropCost(searched);
    hgsOptions.describe = (ind) => {
      // The plan's own cost: without the prizes that stand for "serve it" (serve-most.ts).
      const served = new Uint8Array(problem.nStops);
      for (const route of ind.routes) for (const s of route) served[s] = 1;
      let cost = ind.cost;
      let leftOut = 0;
      for (let s = 0; s < problem.nStops; s++) {
        if (served[s] || !active[s]) continue;
        leftOut++;
        if (problem.required[s]) cost -= searched.prize[s]!;
      }
      return { cost, leftOut: leftOut + problem.nStops - active.reduce((a, b) => a + b, 0) };
    };
  }
  const stop = stopRule({ ...options, timeLimit }, DEFAULT_NO_IMPROVEMENT);
  const result = runHgs(searched, active, rng, stop, hgsOptions);
  const { bestFeasible: f, bestOverall: o } = result;
  return {
    outcome: {
      feasible: f === null ? null : { child: f.routes, cost: f.cost },
      overall: o === null ? null : { child: o.routes, penalisedCost: o.penalisedCost },
      iterations: result.iterations,
    },
    stats: result.stats,
  };
}

/**
 * Problems with shipments go to the shipment search (pdptw/alns.ts), whose moves keep each pair
 * on one route in order. It leaves out what finds no place, so `serveMost` is its own order; a
 * warm start's feasible routes are its first plan.
 */
function solveShipments(problem: ProblemData, options: SolveOptions): SolutionResult {
  const rng = createRandom(options.seed ?? 1);
  const active = new Uint8Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) active[s] = problem.stopReason[s] === null ? 1 : 0;
  const started = performance.now();
  const alnsOptions: Parameters<typeof runAlns>[4] = {};
  if (options.serveMost === true && problem.nStops >= SMALL_DESTROYS_MIN_STOPS) alnsOptions.destroyMax = SERVE_MOST_DESTROY_MAX;
  // Its feasible routes as given: the shipment search inserts what they miss (a required stop
  // appended to a route would make it infeasible, and the route would be dropped).
  if (options.warmStart !== undefined) alnsOptions.initial = warmStartSlots(problem, options.warmStart, active, false);
  else if (options.serveMost === true && problem.shipmentCount === 0) {
    // VROOM's way for plain jobs (engine 'alns'): several constructions, one of them the start
    // (the search itself starts from one, regret-2 unseeded); they count against the time limit,
    // at most a quarter of it. With shipments no better on n100-all / n150-all (one seed, load 29:
    // 90 / 142 and 143 tasks against 91 / 143), so they keep the search's own start.
    const limit = options.timeLimit;
    const outOfTime = limit === undefined ? undefined : (): boolean => performance.now() - started > 250 * limit;
    const plans = constructPlans(problem, active, DEFAULT_VARIANTS, outOfTime);
    if (limit === undefined || limit >= SEQUENTIAL_MIN_SECONDS) {
      // With time to search, the cheapest plan of the parallel and the sequential constructions
      // (VROOM's `basic`, construct/sequential.ts), whatever it leaves out: the search puts back
      // what a plan leaves out (it prices the bank above any cost), but rarely moves a vehicle to
      // other parts of the map, which is where the sequential plans are better on a mixed fleet.
      // benchmarks/vroom at VROOM's CPU seconds, seeds 1 and 2 (load ~15), best of the parallel
      // ones → cheapest: n150-breaks 504927 / 473250 → 379887 / 440236 (133 tasks each),
      // n200-jobs 385228 / 339038 (165 tasks; 426737 in the quiet run), n100-jobs 375722 / 379542
      // → 363806 / 362314, n100-breaks 321600 / 323121 → 325367 / 319158 (80 and 81 tasks).
      // The best of the parallel ones stays the answer's floor (no fewer tasks).
      const cheapest = [...plans, ...constructPlans(problem, active, SEQUENTIAL_VARIANTS, outOfTime)].sort((x, y) => x.cost - y.cost)[0];
      if (cheapest !== undefined && plans[0] !== undefined && cheapest !== plans[0]) alnsOptions.fallback = plans[0].routes;
      if (cheapest !== undefined) alnsOptions.initial = cheapest.routes;
    } else if (plans[0] !== undefined) alnsOptions.initial = plans[0].routes;
  }
  // What the constructions used comes off the time limit.
  const timeLimit = options.timeLimit === undefined ? undefined : Math.max(1e-3, options.timeLimit - (performance.now() - started) / 1000);
  if (options.onProgress) alnsOptions.onProgress = options.onProgress;
  if (options.maxIterations !== undefined) alnsOptions.maxIterations = options.maxIterations;
  // In VROOM's order (serveMost): rounds of the large neighbourhood search, each plan it ends with
  // polished by the local search and the start of the next round (polish.ts; the rounds:
  // ROUND_ITERATIONS, SHIPMENT_ROUND_ITERATIONS). With shipments the next round starts from the
  // polished plan and keeps the plan before the polish as its floor. Up to 100 stops: one round,
  // then the polish that keeps every pair; over that, rounds of SHIPMENT_ROUND_ITERATIONS each
  // polished by the one that drops the pairs its moves split (polish.ts, KEEP_PAIRS_MAX_STOPS).
  // Up to 100 stops there was no polish with shipments before (when its moves split pairs):
  // compare-builds.mjs at VROOM's CPU seconds (load 2-4), that against this, seeds 1-32:
  // n100-all −2.2 % on the 25 seeds that served as many tasks (368243 → 360018; fewer tasks on 5
  // seeds before, on 2 now), n100-roomy −0.5 %. Two rounds, each polished: −4.6 % on the 22
  // seeds with as many tasks, but fewer tasks than main on 7 seeds, main fewer on 3.
  const shipments = problem.shipmentCount > 0;
  const polish = options.serveMost === true && (timeLimit === undefined || timeLimit >= POLISH_MIN_SECONDS);
  const timed = polish && timeLimit !== undefined && options.maxIterations === undefined;
  const byRounds = timed && (shipments ? problem.nStops > ROUNDS_MAX_STOPS : problem.nStops <= ROUNDS_MAX_STOPS);
  const roundIterations = shipments ? SHIPMENT_ROUND_ITERATIONS : ROUND_ITERATIONS;
  const rounds = byRounds ? Infinity : timed && !shipments ? POLISH_ROUNDS : 1;
  const end = timeLimit === undefined ? Infinity : performance.now() + 1000 * timeLimit;
  let found = alnsOptions.initial;
  // With shipments: the last round's plan before its polish.
  let unpolished: number[][] | undefined;
  let iterations = 0;
  // With shipments, once the first round serves every stop: the rest of the time in one round.
  let last = false;
  for (let k = 0; ; k++) {
    const left = timeLimit === undefined ? undefined : (end - performance.now()) / 1000;
    if (k >= rounds || (k > 0 && left! < LAST_ROUND_SECONDS)) break;
    const capped = byRounds && !last;
    const share = left === undefined ? undefined : Math.max(1e-3, ((polish ? POLISH_SEARCH_SHARE : 1) * left) / (byRounds ? 1 : rounds - k));
    const round = { ...alnsOptions };
    if (found !== undefined) round.initial = found;
    // Later rounds start from the best of the one before, which is no worse than the floor.
    if (k > 0) delete round.fallback;
    if (unpolished !== undefined) round.fallback = unpolished;
    if (share !== undefined) round.timeLimit = share;
    if (capped) round.maxIterations = roundIterations;
    const limits = capped ? { ...options, timeLimit: share, maxIterations: roundIterations } : { ...options, timeLimit: share };
    const result = runAlns(problem, active, rng, stopRule(limits, DEFAULT_NO_IMPROVEMENT), round);
    iterations += result.iterations;
    if (!polish) found = result.routes;
    else if (shipments) {
      unpolished = result.routes;
      found = polishShipments(problem, active, result.routes, rng, end);
    } else found = polishServeMost(problem, active, result.routes, rng, end);
    if (last) break;
    if (shipments && byRounds && k === 0 && result.unserved.length === 0) last = true;
  }
  // The last polish with shipments: its plan completed, or the plan before it, whichever is better
  // (no iteration: the search's start and floor, pdptw/alns.ts).
  if (unpolished !== undefined) found = runAlns(problem, active, rng, () => true, { initial: found!, fallback: unpolished }).routes;
  const routes = routesFromSlots(problem, found!);
  const full = routes.length === problem.totalSlots;
  const solution = buildSolution(problem, routes, (s) => problem.stopReason[s] ?? (full ? 'fleet-exhausted' : 'no-feasible-insertion'));
  solution.search = { iterations };
  return solution;
}

/**
 * Locked routes: the search runs on a view of the problem without their stops (flagged as out of
 * the search, like stops no vehicle can serve) and without their vehicles (each type's count
 * less its locked routes); the answer is the locked routes, numbered first, and the search's.
 */
function solveAroundFixed(problem: ProblemData, options: SolveOptions): SolutionResult {
  const { planned, violations } = resolveRoutes(problem, options.fixedRoutes!, 'fixedRoutes');
  const locked = new Array<number>(problem.vehicleTypes.length).fill(0);
  for (const r of planned) locked[r.type]!++;
  locked.forEach((k, t) => {
    const type = problem.vehicleTypes[t]!;
    if (k > type.count)
      throw new InputError(`${k} locked routes for vehicle type ${type.id}, which has ${type.count} vehicle(s)`, { field: 'fixedRoutes' }, 'lock at most as many routes as the type has vehicles');
  });
  const fixed = new Uint8Array(problem.nStops);
  for (const r of planned) for (const s of r.stops) fixed[s] = 1;
  const types = problem.vehicleTypes.map((t, i) => ({ ...t, count: t.count - locked[i]!, slots: Math.min(t.count - locked[i]!, problem.nStops) }));
  const rest: ProblemData = Object.freeze({
    ...problem,
    vehicleTypes: types,
    totalSlots: types.reduce((sum, t) => sum + t.slots, 0),
    stopReason: problem.stopReason.map((r, s) => (fixed[s] ? 'not-in-plan' : r)),
  });
  const { fixedRoutes: _, ...others } = options;
  if (others.warmStart !== undefined)
    others.warmStart = others.warmStart.map((r) => ({ ...r, stops: r.stops.filter((id) => !fixed[problem.stopIndexById.get(id) ?? -1]) }));
  const searched = solve(rest, others);
  const routes = [...planned];
  for (const r of searched.routes) {
    const type = problem.vehicleTypeIndexById.get(r.vehicleType)!;
    routes.push({ type, vehicle: r.vehicle + locked[type]!, stops: r.stops.map((id) => problem.stopIndexById.get(id)!) });
  }
  const why = new Map(searched.unassigned.map((u) => [u.id, u.reason]));
  const solution = buildSolution(problem, routes, (s) => why.get(problem.stopIds[s]!) ?? 'no-feasible-insertion', violations);
  if (searched.search !== undefined) solution.search = searched.search;
  return solution;
}

/** The smallest prize of a stop that the view lets the search leave out. */
function dropCost(view: ProblemData): number {
  let least = Infinity;
  for (let s = 0; s < view.nStops; s++) if (view.prize[s]! > 0 && view.prize[s]! < least) least = view.prize[s]!;
  return Number.isFinite(least) ? least : 0;
}

function bestOf(problem: ProblemData, result: IslandOutcome<number[][]>, serveMost: boolean): SolutionResult {
  const reason = searchReason(problem);
  if (result.feasible !== null) {
    const routes = routesFromSlots(problem, result.feasible.child);
    // Left out on purpose: by the fleet being full, or for want of a feasible place.
    const full = routes.length === problem.totalSlots;
    const why = serveMost
      ? (s: number): UnassignedReason => problem.stopReason[s] ?? (problem.required[s] ? (full ? 'fleet-exhausted' : 'no-feasible-insertion') : 'not-profitable')
      : reason;
    return buildSolution(problem, routes, why);
  }
  if (result.overall === null) return buildSolution(problem, [], reason);
  const repaired = repairRoutes(problem, result.overall.child);
  return buildSolution(problem, routesFromSlots(problem, repaired.routes), (s) => repaired.reasons.get(s) ?? reason(s));
}

export function checkOptions(options: SolveOptions): void {
  const check = (name: keyof SolveOptions, ok: (x: number) => boolean, what: string): void => {
    const value = options[name];
    if (value === undefined) return;
    if (typeof value !== 'number' || !ok(value))
      throw new InputError(`${name} must be ${what}, got ${String(value)}`, { field: name });
  };
  check('seed', (x) => Number.isInteger(x), 'a whole number');
  check('timeLimit', (x) => x > 0 && Number.isFinite(x), 'a number of seconds > 0');
  check('maxIterations', (x) => Number.isInteger(x) && x >= 0, 'a whole number ≥ 0');
  check('maxIterationsWithoutImprovement', (x) => Number.isInteger(x) && x > 0, 'a whole number > 0');
  check('threads', (x) => Number.isInteger(x) && x >= 1 && x <= MAX_THREADS, `a whole number from 1 to ${MAX_THREADS}`);
  if (options.engine !== undefined && options.engine !== 'genetic' && options.engine !== 'alns')
    throw new InputError(`engine must be "genetic" or "alns", got ${String(options.engine)}`, { field: 'engine' });
}

/**
 * A constructed plan as a start of the genetic search. Required stops it could not place go on its
 * shortest route, where the search's penalties sort them out (a plan that leaves them out is only
 * a plan when the search may leave stops out, `serveMost`).
 */
function constructedSlots(problem: ProblemData, plan: ConstructedPlan): number[][] {
  const slots = plan.routes.map((r) => r.slice());
  const missing = plan.unserved.filter((s) => problem.required[s]);
  if (missing.length > 0 && slots.length > 0) {
    let shortest = 0;
    slots.forEach((r, k) => {
      if (r.length < slots[shortest]!.length) shortest = k;
    });
    slots[shortest]!.push(...missing);
  }
  return slots;
}

/**
 * Warm-start routes → routes per vehicle slot. Stops that cannot be served are left out; routes
 * beyond a type's vehicles and required stops the plan misses are appended to the last route of
 * that type / the first route, for the search to sort out (penalised, never accepted as is).
 */
function warmStartSlots(problem: ProblemData, routes: RouteInput[], active: Uint8Array, appendMissing = true): number[][] {
  const { planned } = resolveRoutes(problem, routes, 'warmStart');
  const slots: number[][] = Array.from({ length: problem.totalSlots }, () => []);
  const first: number[] = [];
  let r = 0;
  for (const t of problem.vehicleTypes) {
    first.push(r);
    r += t.slots;
  }
  const served = new Uint8Array(problem.nStops);
  for (const route of planned) {
    const t = problem.vehicleTypes[route.type]!;
    if (t.slots === 0) continue;
    const slot = first[route.type]! + Math.min(route.vehicle, t.slots - 1);
    for (const s of route.stops) {
      if (!active[s]) continue;
      slots[slot]!.push(s);
      served[s] = 1;
    }
  }
  if (!appendMissing) return slots;
  let target = slots.findIndex((x) => x.length === 0);
  if (target < 0) target = 0;
  for (let s = 0; s < problem.nStops; s++) if (active[s] && problem.required[s] && !served[s]) slots[target]!.push(s);
  return slots;
}
