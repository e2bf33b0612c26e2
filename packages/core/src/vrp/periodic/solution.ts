/**
 * Weekly plans as users read them: each day's routes reported by the daily `buildSolution` on that
 * day's view (fleet of the day, demands per visit as the plan's days imply), plus the days each
 * stop is visited and the violations only a horizon has (a visit pattern that is not allowed).
 * Also plan mode for a given weekly plan (`evaluatePeriodicPlan`), which never refuses it.
 */
import { InputError } from '../../errors.js';
import type { InputLocation } from '../../errors.js';
import type { ProblemData } from '../model.js';
import type { PlannedRoute } from '../solution.js';
import { buildSolution } from '../solution.js';
import type { PlanViolation, RouteResult, UnassignedReason, UnassignedResult } from '../solution-types.js';
import type { PeriodicRouteInput } from './input.js';
import type { PeriodicProblemData } from './model.js';
import { dayView, fillDayDemand } from './model.js';
import { maskDays } from './patterns.js';

/** A route of a weekly plan, with its day. */
export interface PeriodicRouteResult extends RouteResult {
  /** Day of the horizon, 1-based. */
  day: number;
}

/** A broken constraint of a weekly plan, with its day. */
export interface PeriodicViolation extends PlanViolation {
  /** Day (1-based) of a route-level violation. */
  day?: number;
}

/** The totals of one day of a weekly plan. */
export interface PeriodicDayResult {
  day: number;
  cost: number;
  distance: number;
  duration: number;
  vehiclesUsed: number;
  feasible: boolean;
}

/** A weekly plan: routes per day, the days of every stop, totals per day and in all. */
export interface PeriodicSolutionResult {
  horizon: number;
  /** Totals over all days of the horizon. */
  cost: number;
  distance: number;
  duration: number;
  /** Routes over all days (a vehicle used on 5 days counts 5 times). */
  vehiclesUsed: number;
  /** No constraint of any day broken and every served stop on one of its allowed patterns. */
  feasible: boolean;
  /** All routes, by day, then as each day's report lists them. */
  routes: PeriodicRouteResult[];
  days: PeriodicDayResult[];
  /** Every served stop with the days (1-based) it is visited. */
  visits: { id: string; days: number[] }[];
  unassigned: UnassignedResult[];
  violations: PeriodicViolation[];
}

/** Daily views whose demands per visit follow `masks` (accumulated mail), sharing the matrices. */
export function viewsFor(problem: PeriodicProblemData, masks: ArrayLike<number>): ProblemData[] {
  if (!problem.accumulate) return problem.days.slice();
  return problem.days.map((_, d) => {
    const delivery = new Float64Array(problem.base.delivery.length);
    const pickup = new Float64Array(problem.base.pickup.length);
    fillDayDemand(problem, d, masks, delivery, pickup);
    return dayView(problem.base, problem.fleet[d]!, delivery, pickup);
  });
}

/**
 * Builds the weekly result. `masks[s]` is the set of days stop s is visited (0 = not served);
 * unserved stops are unassigned with `reasonFor(s)`.
 */
export function buildPeriodicSolution(
  problem: PeriodicProblemData, masks: Uint32Array, routesPerDay: readonly (readonly PlannedRoute[])[],
  reasonFor: (stop: number) => UnassignedReason, extraViolations: PeriodicViolation[] = [],
): PeriodicSolutionResult {
  const views = viewsFor(problem, masks);
  const routes: PeriodicRouteResult[] = [];
  const days: PeriodicDayResult[] = [];
  const violations: PeriodicViolation[] = [...extraViolations];
  let cost = 0;
  let distance = 0;
  let duration = 0;
  views.forEach((view, d) => {
    const result = buildSolution(view, routesPerDay[d] ?? [], () => 'not-in-plan');
    for (const route of result.routes) routes.push({ day: d + 1, ...route });
    // The day's evaluator flags each route beyond the fleet; where the weekly count already said
    // so for this day (with the type and how many), that one line stands for them.
    const fleetCounted = extraViolations.some((e) => e.kind === 'fleet-size' && e.day === d + 1);
    for (const v of result.violations) {
      if (v.kind === 'fleet-size' && fleetCounted) continue;
      violations.push({ ...v, day: d + 1 });
    }
    days.push({ day: d + 1, cost: result.cost, distance: result.distance, duration: result.duration, vehiclesUsed: result.vehiclesUsed, feasible: result.feasible });
    cost += result.cost;
    distance += result.distance;
    duration += result.duration;
  });
  const visits: { id: string; days: number[] }[] = [];
  const unassigned: UnassignedResult[] = [];
  for (let s = 0; s < problem.nStops; s++) {
    if (masks[s] === 0) unassigned.push({ id: problem.stopIds[s]!, reason: reasonFor(s) });
    else visits.push({ id: problem.stopIds[s]!, days: maskDays(masks[s]!, problem.horizon) });
  }
  return {
    horizon: problem.horizon,
    cost,
    distance,
    duration,
    vehiclesUsed: routes.length,
    feasible: violations.length === 0,
    routes,
    days,
    visits,
    unassigned,
    violations,
  };
}

/** True when `mask` is one of stop s's allowed patterns (as given or generated, usable or not). */
export function isAllowedPattern(problem: PeriodicProblemData, s: number, mask: number): boolean {
  for (let p = problem.patternStart[s]!; p < problem.patternStart[s + 1]!; p++) if (problem.patterns[p] === mask) return true;
  return false;
}

/**
 * Resolves weekly routes (ids, days 1-based) to stop indices per day and vehicle. Unknown ids,
 * days outside the horizon and a stop twice on one day are input errors (located at
 * `field[i]…`); more routes of a type on a day than it has vehicles that day are `fleet-size`
 * violations of that day.
 */
export function resolvePeriodicRoutes(
  problem: PeriodicProblemData, routes: readonly PeriodicRouteInput[], field: string,
): { masks: Uint32Array; perDay: PlannedRoute[][]; violations: PeriodicViolation[] } {
  const where = (f: string): InputLocation => (problem.source === undefined ? { field: f } : { field: f, source: problem.source });
  if (!Array.isArray(routes)) throw new InputError('routes must be an array', where(field));
  const base = problem.base;
  const T = problem.horizon;
  const masks = new Uint32Array(problem.nStops);
  const perDay: PlannedRoute[][] = Array.from({ length: T }, () => []);
  const perTypeDay: number[][] = Array.from({ length: T }, () => new Array<number>(base.vehicleTypes.length).fill(0));
  const seen: Map<number, string>[] = Array.from({ length: T }, () => new Map());
  routes.forEach((route, r) => {
    const f = `${field}[${r}]`;
    if (route === null || typeof route !== 'object') throw new InputError('a route must be an object { day, vehicleType, stops }', where(f));
    const day = route.day ?? (T === 1 ? 1 : undefined);
    if (!Number.isInteger(day) || day! < 1 || day! > T)
      throw new InputError(`day must be a day of the horizon (1 … ${T}), got ${String(route.day)}`, where(`${f}.day`), 'days are numbered from 1');
    const d = day! - 1;
    const type = base.vehicleTypeIndexById.get(route.vehicleType);
    if (type === undefined)
      throw new InputError(`unknown vehicle type "${String(route.vehicleType)}"`, where(`${f}.vehicleType`),
        `known types: ${base.vehicleTypes.map((t) => t.id).join(', ')}`);
    if (!Array.isArray(route.stops)) throw new InputError('stops must be an array of stop ids', where(`${f}.stops`));
    const stops = (route.stops as string[]).map((id: string, k: number) => {
      const s = base.stopIndexById.get(id);
      if (s === undefined) throw new InputError(`unknown stop id "${String(id)}"`, where(`${f}.stops[${k}]`), 'use the ids of the problem\'s stops');
      const other = seen[d]!.get(s);
      if (other !== undefined)
        throw new InputError(`stop "${id}" is visited twice on day ${day} (also in ${other})`, where(`${f}.stops[${k}]`), 'visit each stop at most once a day');
      seen[d]!.set(s, f);
      masks[s] = (masks[s]! | (1 << d)) >>> 0;
      return s;
    });
    if (stops.length === 0) return;
    perDay[d]!.push({ type, vehicle: perTypeDay[d]![type]!, stops });
    perTypeDay[d]![type]!++;
  });
  const violations: PeriodicViolation[] = [];
  for (let d = 0; d < T; d++) {
    base.vehicleTypes.forEach((t, i) => {
      const used = perTypeDay[d]![i]!;
      const available = problem.fleet[d]![i]!;
      if (used > available)
        violations.push({ kind: 'fleet-size', vehicleType: t.id, day: d + 1, amount: used - available, message: `${used} routes use type ${t.id} on day ${d + 1}, which has ${available} vehicle(s) that day` });
    });
  }
  return { masks, perDay, violations };
}

/**
 * Plan mode for a weekly plan (e.g. today's routes per weekday): reports it as it is, with every
 * violation of every day (capacity, windows, shift, limits, fleet of the day) and a
 * `visit-pattern` violation for each stop whose days are not one of its allowed patterns. Stops
 * the plan never visits are unassigned (`not-in-plan`). With accumulation, a visit carries the
 * demand of the days since the previous visit the plan actually makes.
 *
 * @example
 * const week = evaluatePeriodicPlan(problem, [
 *   { day: 1, vehicleType: 'van', stops: ['town', 'hamlet'] },
 *   { day: 3, vehicleType: 'van', stops: ['town', 'hamlet'] },
 * ]);
 * week.violations.filter((v) => v.kind === 'visit-pattern');
 */
export function evaluatePeriodicPlan(problem: PeriodicProblemData, routes: PeriodicRouteInput[]): PeriodicSolutionResult {
  const { masks, perDay, violations } = resolvePeriodicRoutes(problem, routes, 'routes');
  for (let s = 0; s < problem.nStops; s++) {
    const mask = masks[s]!;
    if (mask === 0 || isAllowedPattern(problem, s, mask)) continue;
    const id = problem.stopIds[s]!;
    const days = maskDays(mask, problem.horizon);
    violations.push({
      kind: 'visit-pattern', stop: id, amount: Math.abs(days.length - problem.visits[s]!),
      message: `${id} is visited on day(s) ${days.join(', ')}, which is not one of its allowed patterns (${problem.visits[s]} visit(s))`,
    });
  }
  return buildPeriodicSolution(problem, masks, perDay, () => 'not-in-plan', violations);
}
