/**
 * `solvePeriodic`: plans a horizon of days (patterns and routes together) with the periodic hybrid
 * genetic search, with the daily engine's options: seed, limits, stopping rules, progress, warm
 * start (a weekly plan), tuning. A one-day horizon is the daily problem and is solved by the daily
 * `solve` itself, so its result is the daily engine's for the same seed.
 */
import { createRandom } from '../../util/random.js';
import type { RouteInput } from '../input.js';
import { routesFromSlots, searchReason } from '../solution.js';
import type { UnassignedReason } from '../solution-types.js';
import type { SolveOptions } from '../solve.js';
import { checkOptions, DEFAULT_NO_IMPROVEMENT, solve } from '../solve.js';
import { islandSeed, islandTimeLimit, repairRoutes, searchOnThreads, stopRule } from '../search/kernel/index.js';
import type { IslandLink, IslandOutcome } from '../search/kernel/index.js';
import type { PeriodicRouteInput } from './input.js';
import type { PeriodicProblemData } from './model.js';
import { popcount } from './patterns.js';
import type { PeriodicStart } from './search.js';
import { runPeriodicHgs } from './search.js';
import type { PeriodicSolutionResult } from './solution.js';
import { buildPeriodicSolution, resolvePeriodicRoutes, viewsFor } from './solution.js';

/** Options of `solvePeriodic`. */
export interface PeriodicSolveOptions extends Omit<SolveOptions, 'warmStart'> {
  /** A weekly plan to start from (e.g. today's); the result is never worse than a feasible one. */
  warmStart?: PeriodicRouteInput[];
}

/**
 * Solves a periodic problem: every stop on the days of one of its allowed patterns, one set of
 * routes per day. Synchronous; progress goes to `onProgress`.
 *
 * @example
 * const week = solvePeriodic(createPeriodicProblem(input), { seed: 1, maxIterations: 2000 });
 * for (const route of week.routes) console.log(`day ${route.day}`, route.stops.join(' → '));
 */
export function solvePeriodic(problem: PeriodicProblemData, options: PeriodicSolveOptions = {}): PeriodicSolutionResult {
  checkOptions(options as SolveOptions);
  if (problem.horizon === 1) return solveOneDay(problem, options);
  const result = searchOnThreads<PeriodicStart>('periodic', problem, problem.nStops, options, (link) => searchPeriodic(problem, options, link));
  const reason = (s: number): UnassignedReason => problem.stopReason[s] ?? 'no-feasible-insertion';
  const best = result.feasible?.child ?? result.overall?.child ?? null;
  if (best === null) return buildPeriodicSolution(problem, new Uint32Array(problem.nStops), [], reason);
  const masks = best.masks.slice();
  const routes = best.routes.map((day) => day.map((r) => r.slice()));
  const reasons = new Map<number, UnassignedReason>();
  if (result.feasible === null) {
    // Nothing feasible: drop what each day cannot carry; a stop dropped on one day is dropped on
    // all of them (a pattern is all or nothing).
    const views = viewsFor(problem, masks);
    views.forEach((view, d) => {
      const repaired = repairRoutes(view, routes[d]!);
      routes[d] = repaired.routes;
      for (const [s, why] of repaired.reasons) if (!reasons.has(s)) reasons.set(s, why);
    });
    for (const s of reasons.keys()) masks[s] = 0;
    for (const day of routes) for (const route of day) for (let k = route.length - 1; k >= 0; k--) if (masks[route[k]!] === 0) route.splice(k, 1);
  }
  const views = viewsFor(problem, masks);
  return buildPeriodicSolution(problem, masks, routes.map((day, d) => routesFromSlots(views[d]!, day)), (s) => reasons.get(s) ?? reason(s));
}

/** One island of the periodic search (the only one without `link`): patterns and routes found. */
export function searchPeriodic(problem: PeriodicProblemData, options: PeriodicSolveOptions, link?: IslandLink<PeriodicStart>): IslandOutcome<PeriodicStart> {
  const timeLimit = islandTimeLimit(options.timeLimit, link);
  const rng = createRandom(islandSeed(options.seed ?? 1, link?.index ?? 0));
  const servable = new Uint8Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) servable[s] = problem.stopReason[s] === null ? 1 : 0;
  const warmStarts: PeriodicStart[] = options.warmStart !== undefined ? [warmStartOf(problem, options.warmStart, servable)] : [];
  return runPeriodicHgs(problem, servable, rng, stopRule({ ...options, timeLimit }, DEFAULT_NO_IMPROVEMENT), {
    warmStarts, timeLimit, island: link,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.params ? { params: options.params } : {}),
  });
}

/** Horizon 1: the daily engine, its result with day 1 on every route. */
function solveOneDay(problem: PeriodicProblemData, options: PeriodicSolveOptions): PeriodicSolutionResult {
  const view = problem.days[0]!;
  const { warmStart, ...rest } = options;
  const daily: SolveOptions = { ...rest };
  if (warmStart !== undefined) daily.warmStart = warmStart.map((r): RouteInput => ({ vehicleType: r.vehicleType, stops: r.stops }));
  const result = solve(view, daily);
  const served = new Set(result.routes.flatMap((r) => r.stops));
  const reasons = new Map(result.unassigned.map((u) => [u.id, u.reason]));
  return {
    horizon: 1,
    cost: result.cost,
    distance: result.distance,
    duration: result.duration,
    vehiclesUsed: result.vehiclesUsed,
    feasible: result.feasible,
    routes: result.routes.map((r) => ({ day: 1, ...r })),
    days: [{ day: 1, cost: result.cost, distance: result.distance, duration: result.duration, vehiclesUsed: result.vehiclesUsed, feasible: result.feasible }],
    visits: problem.stopIds.filter((id) => served.has(id)).map((id) => ({ id, days: [1] })),
    unassigned: problem.stopIds.filter((id) => !served.has(id)).map((id) => ({ id, reason: reasons.get(id) ?? searchReason(view)(view.stopIndexById.get(id)!) })),
    violations: result.violations.map((v) => ({ ...v, day: 1 })),
  };
}

/**
 * A weekly plan → a start for the search: each stop's visited days, made a usable pattern if they
 * are not one (the usable pattern sharing most days; missing visits appended to the day's first
 * route, extra ones dropped), routes per slot of each day (routes beyond a day's fleet ride along
 * with that day's last slot, for the search to sort out).
 */
function warmStartOf(problem: PeriodicProblemData, routes: PeriodicRouteInput[], servable: Uint8Array): PeriodicStart {
  const { masks: visited, perDay } = resolvePeriodicRoutes(problem, routes, 'warmStart');
  const masks = new Uint32Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) {
    if (!servable[s]) continue;
    let best = 0;
    let bestShared = -1;
    for (let q = problem.usableStart[s]!; q < problem.usableStart[s + 1]!; q++) {
      const mask = problem.usable[q]!;
      const shared = mask === visited[s] ? Infinity : popcount(mask & visited[s]!);
      if (shared > bestShared) {
        bestShared = shared;
        best = mask;
      }
    }
    masks[s] = best;
  }
  const slots = problem.days.map((view, d) => {
    const daySlots: number[][] = Array.from({ length: view.totalSlots }, () => []);
    if (view.totalSlots === 0) return daySlots;
    const first: number[] = [];
    let r = 0;
    for (const t of view.vehicleTypes) {
      first.push(r);
      r += t.slots;
    }
    const placed = new Uint8Array(problem.nStops);
    for (const route of perDay[d]!) {
      const t = view.vehicleTypes[route.type]!;
      const slot = t.slots === 0 ? view.totalSlots - 1 : first[route.type]! + Math.min(route.vehicle, t.slots - 1);
      for (const s of route.stops) {
        if (!((masks[s]! >>> d) & 1)) continue;
        daySlots[slot]!.push(s);
        placed[s] = 1;
      }
    }
    for (let s = 0; s < problem.nStops; s++) if ((masks[s]! >>> d) & 1 && !placed[s]) daySlots[0]!.push(s);
    return daySlots;
  });
  return { masks, routes: slots };
}
