/**
 * Turning routes (stop indices per vehicle) into the `SolutionResult` users read: per-visit
 * arrival, waiting, start, departure, load and distance, per-route totals and cost, every
 * violated constraint, and unassigned stops with their reasons. Also plan mode (`evaluatePlan`):
 * the same report for routes a user gives, e.g. today's routes, never refusing them.
 */
import { InputError } from '../errors.js';
import type { ProblemData } from './model.js';
import type { RouteInput } from './input.js';
import type {
  BalanceResult,
  BreakResult,
  RouteResult,
  SolutionResult,
  UnassignedReason,
  UnassignedResult,
  PlanViolation,
  VisitResult,
} from './solution-types.js';
import { evaluateRoute } from './evaluate.js';
import { Segment } from './segments.js';

/** Routes per vehicle: `vehicleType` index, vehicle number within the type, stop indices. */
export interface PlannedRoute {
  type: number;
  vehicle: number;
  stops: number[];
  /** Per break of the type: visits before it, -1 when missing; null: the evaluator places them. */
  breakGaps?: Int32Array | null;
}

/** Routes per slot (as the search holds them) → planned routes, empty slots left out. */
export function routesFromSlots(problem: ProblemData, slots: readonly (readonly number[])[]): PlannedRoute[] {
  const out: PlannedRoute[] = [];
  let slot = 0;
  for (const t of problem.vehicleTypes) {
    let vehicle = 0;
    for (let k = 0; k < t.slots; k++, slot++) {
      const stops = slots[slot] ?? [];
      if (stops.length > 0) out.push({ type: t.index, vehicle: vehicle++, stops: [...stops] });
    }
  }
  return out;
}

/**
 * Builds the result. Stops in no route are listed as unassigned with `reasonFor(stop)`.
 */
export function buildSolution(
  problem: ProblemData, routes: readonly PlannedRoute[], reasonFor: (stop: number) => UnassignedReason,
  extraViolations: PlanViolation[] = [],
): SolutionResult {
  const D = problem.nDims;
  const seg = new Segment(D);
  const served = new Uint8Array(problem.nStops);
  const results: RouteResult[] = [];
  let cost = 0;
  let distance = 0;
  let duration = 0;
  const violations: PlanViolation[] = [...extraViolations];
  for (const planned of routes) {
    const t = problem.vehicleTypes[planned.type]!;
    const stops = planned.stops;
    // The evaluator knows the rules; this only shapes its answer for the user.
    const e = evaluateRoute(problem, t, stops, planned.vehicle, seg, planned.breakGaps ?? null);
    const visits: VisitResult[] = stops.map((s, k) => {
      served[s] = 1;
      return {
        id: problem.stopIds[s]!,
        arrival: e.times.arrival[k]!,
        waiting: Math.max(0, e.times.start[k]! - e.times.arrival[k]!),
        start: e.times.start[k]!,
        departure: e.times.departure[k]!,
        load: Array.from(e.loadAfter.subarray(k * D, (k + 1) * D)),
        distance: e.distanceTo[k]!,
      };
    });
    cost += e.cost;
    distance += e.distance;
    duration += e.totals.duration;
    for (const v of e.violations) violations.push({ ...v, vehicleType: t.id, vehicle: planned.vehicle });
    const b = e.times.breaks;
    const breaks: BreakResult[] | undefined = b === undefined ? undefined : t.breaks.map((brk, j) => {
      const after = b.gap[j]!;
      const load = after <= 0 ? e.startLoad : Array.from(e.loadAfter.subarray((after - 1) * D, after * D));
      return after < 0
        ? { id: brk.id, after, arrival: 0, start: 0, end: 0, load: [] }
        : { id: brk.id, after, arrival: b.arrival[j]!, start: b.start[j]!, end: b.start[j]! + brk.service, load };
    });
    results.push({
      vehicleType: t.id,
      vehicle: planned.vehicle,
      stops: stops.map((s) => problem.stopIds[s]!),
      visits,
      startDepot: problem.depotIds[t.startDepot]!,
      endDepot: t.endDepot >= 0 ? problem.depotIds[t.endDepot]! : null,
      departure: e.departure,
      arrival: e.totals.end,
      distance: e.distance,
      duration: e.totals.duration,
      startLoad: e.startLoad,
      cost: e.cost,
      violations: e.violations,
      ...(breaks !== undefined ? { breaks } : {}),
    });
  }
  const unassigned: UnassignedResult[] = [];
  for (let s = 0; s < problem.nStops; s++) {
    if (served[s]) continue;
    if (!problem.required[s]) cost += problem.prize[s]!;
    unassigned.push({ id: problem.stopIds[s]!, reason: reasonFor(s) });
  }
  const solution: SolutionResult = {
    cost,
    distance,
    duration,
    vehiclesUsed: results.length,
    feasible: violations.length === 0,
    routes: results,
    unassigned,
    violations,
  };
  if (problem.vehicleTypes.some((t) => t.balanceDuration > 0 || t.balanceStops > 0)) solution.balance = balanceOf(results);
  return solution;
}

/** How even the used routes are (the spread a balance objective achieved). */
export function balanceOf(routes: readonly RouteResult[]): BalanceResult {
  const durations = routes.map((r) => r.duration);
  const stops = routes.map((r) => r.stops.length);
  const longestDuration = durations.length > 0 ? Math.max(...durations) : 0;
  const shortestDuration = durations.length > 0 ? Math.min(...durations) : 0;
  const mostStops = stops.length > 0 ? Math.max(...stops) : 0;
  const fewestStops = stops.length > 0 ? Math.min(...stops) : 0;
  return {
    longestDuration, shortestDuration, durationSpread: longestDuration - shortestDuration,
    mostStops, fewestStops, stopsSpread: mostStops - fewestStops,
  };
}

/** Default reason for a stop left out by the search. */
export function searchReason(problem: ProblemData): (s: number) => UnassignedReason {
  return (s) => problem.stopReason[s] ?? (problem.required[s] ? 'no-feasible-insertion' : 'not-profitable');
}

/**
 * Resolves user routes (ids) to stop indices per vehicle. Unknown or repeated ids are input errors;
 * more routes than a type has vehicles are reported as a `fleet-size` violation.
 */
export function resolveRoutes(
  problem: ProblemData, routes: readonly RouteInput[], field: string,
): { planned: PlannedRoute[]; violations: PlanViolation[] } {
  const seen = new Map<number, string>();
  const perType = new Array<number>(problem.vehicleTypes.length).fill(0);
  const planned: PlannedRoute[] = [];
  const where = (f: string): { field: string; source?: string } =>
    problem.source === undefined ? { field: f } : { field: f, source: problem.source };
  if (!Array.isArray(routes)) throw new InputError('routes must be an array', where(field));
  routes.forEach((route, r) => {
    const f = `${field}[${r}]`;
    if (route === null || typeof route !== 'object') throw new InputError('a route must be an object { vehicleType, stops }', where(f));
    const type = problem.vehicleTypeIndexById.get(route.vehicleType);
    if (type === undefined)
      throw new InputError(`unknown vehicle type "${String(route.vehicleType)}"`, where(`${f}.vehicleType`),
        `known types: ${problem.vehicleTypes.map((t) => t.id).join(', ')}`);
    if (!Array.isArray(route.stops)) throw new InputError('stops must be an array of stop ids', where(`${f}.stops`));
    const stops = (route.stops as string[]).map((id: string, k: number) => {
      const s = problem.stopIndexById.get(id);
      if (s === undefined) throw new InputError(`unknown stop id "${String(id)}"`, where(`${f}.stops[${k}]`), 'use the ids of the problem\'s stops');
      if (seen.has(s)) throw new InputError(`stop "${id}" is visited twice (also in ${seen.get(s)})`, where(`${f}.stops[${k}]`), 'visit each stop at most once');
      seen.set(s, f);
      return s;
    });
    const breakGaps = route.breaks === undefined ? null : resolveBreaks(problem, type, route.breaks, stops.length, `${f}.breaks`, where);
    if (stops.length === 0 && breakGaps === null) return;
    planned.push({ type, vehicle: perType[type]!, stops, breakGaps });
    perType[type]!++;
  });
  // Routes beyond a type's vehicles are flagged one by one by the evaluator (`fleet-size`).
  const violations: PlanViolation[] = [];
  return { planned, violations };
}

/** A route's given breaks (plan mode) → visits before each break of the type, -1 for those not given. */
function resolveBreaks(
  problem: ProblemData, type: number, breaks: unknown, length: number, field: string,
  where: (f: string) => { field: string; source?: string },
): Int32Array {
  const t = problem.vehicleTypes[type]!;
  if (!Array.isArray(breaks)) throw new InputError('breaks must be an array of { id, after }', where(field));
  const gaps = new Int32Array(t.breaks.length).fill(-1);
  breaks.forEach((raw: unknown, k) => {
    const b = raw as { id?: unknown; after?: unknown } | null;
    const j = t.breaks.findIndex((x) => x.id === b?.id);
    if (j < 0) throw new InputError(`unknown break "${String(b?.id)}" of vehicle type ${t.id}`, where(`${field}[${k}].id`),
      t.breaks.length > 0 ? `its breaks: ${t.breaks.map((x) => x.id).join(', ')}` : 'this type has no breaks');
    if (gaps[j]! >= 0) throw new InputError(`break "${t.breaks[j]!.id}" is given twice`, where(`${field}[${k}].id`));
    if (!Number.isInteger(b!.after) || (b!.after as number) < 0 || (b!.after as number) > length)
      throw new InputError(`after must be a whole number of visits, 0 … ${length}, got ${String(b!.after)}`, where(`${field}[${k}].after`));
    gaps[j] = b!.after as number;
  });
  return gaps;
}

/**
 * Plan mode: evaluates given routes (e.g. today's routes) as they are, listing every violation
 * (over capacity, late at a stop, shift exceeded, over maximum duration or distance, too many
 * vehicles) instead of refusing them. Stops the plan does not visit are unassigned ("not-in-plan").
 *
 * @example
 * const today = evaluatePlan(problem, [{ vehicleType: 'van', stops: ['a', 'b'] }]);
 * today.violations; // [] when the plan is feasible
 */
export function evaluatePlan(problem: ProblemData, routes: RouteInput[]): SolutionResult {
  const { planned, violations } = resolveRoutes(problem, routes, 'routes');
  return buildSolution(problem, planned, () => 'not-in-plan', violations);
}
