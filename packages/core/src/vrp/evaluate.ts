/**
 * The one place that knows what a route costs and which constraints it breaks: capacity (per
 * dimension, at every point of the route), time windows and shift (as time warp), maximum
 * duration, maximum travel time, maximum distance, breaks, and a shipment's pick-up before its delivery on one route. Every search move, the split, the savings constructive and the
 * final report ask these functions, so a new constraint is added here once.
 */
import type { ProblemData, VehicleTypeData } from './model.js';
import { scheduleWithBreaks } from './breaks.js';
import type { BreakTimes } from './breaks.js';
import { Segment } from './segments.js';
import { DELIVERY } from './shipments.js';
import type { PlanViolation } from './solution-types.js';

/** Cost per unit of each violation during the search (adapted as it runs; HGS, PyVRP). */
export interface Penalties {
  capacity: number;
  timeWarp: number;
  distance: number;
}

/** Load above capacity, summed over dimensions. */
export function loadExcess(seg: Segment, type: VehicleTypeData): number {
  let excess = 0;
  for (let d = 0; d < seg.nDims; d++) excess += excessOver(seg.load[d]!, type.capacity[d]!);
  return excess;
}

/** How far `load` is above `capacity` in one dimension (0 within it): what every capacity penalty prices. */
export function excessOver(load: number, capacity: number): number {
  const over = load - capacity;
  return over > 0 ? over : 0;
}

/**
 * The least excess of a run in one dimension known only by its totals, `delivery` (on board at
 * its start) and `pickup` (the net change along it): the load on board reaches at least each of
 * them. The operators and Split bound a move's capacity penalty with it before they build the
 * route's summary (a lower bound of `loadExcess` of that route, equal to it without pickups).
 */
export function loadExcessBound(delivery: number, pickup: number, capacity: number): number {
  return excessOver(delivery > pickup ? delivery : pickup, capacity);
}

/** Time warp plus time beyond the maximum route duration and beyond the maximum travel time. */
export function timeExcess(seg: Segment, type: VehicleTypeData): number {
  const over = seg.duration - type.maxDuration;
  const driving = seg.travel - type.maxTravelTime;
  return seg.timeWarp + (over > 0 ? over : 0) + (driving > 0 ? driving : 0);
}

export function distanceExcess(seg: Segment, type: VehicleTypeData): number {
  const over = seg.distance - type.maxDistance;
  return over > 0 ? over : 0;
}

/** Cost without penalties of a complete route (start depot … end); an unused vehicle costs 0. */
export function routeCost(seg: Segment, type: VehicleTypeData): number {
  if (seg.clients === 0) return 0;
  return type.fixedCost + type.costPerDistance * seg.distance + type.costPerDuration * seg.duration + type.costPerTravelTime * seg.travel +
    balanceCost(seg, type);
}

/**
 * The balance objective's share of a route's cost: weight × duration² or weight × stops² (convex,
 * so for a given total it is least when the routes are even; O(1) from the summary).
 */
export function balanceCost(seg: Segment, type: VehicleTypeData): number {
  return type.balanceDuration * seg.duration * seg.duration + type.balanceStops * seg.clients * seg.clients;
}

/** Cost plus penalised violations of a complete route. */
export function penalisedRouteCost(seg: Segment, type: VehicleTypeData, p: Penalties): number {
  if (seg.clients === 0) return 0;
  let cost = type.fixedCost + type.costPerDistance * seg.distance + type.costPerDuration * seg.duration + type.costPerTravelTime * seg.travel +
    balanceCost(seg, type);
  for (let d = 0; d < seg.nDims; d++) {
    const over = excessOver(seg.load[d]!, type.capacity[d]!);
    if (over > 0) cost += p.capacity * over;
  }
  const late = seg.timeWarp + (seg.duration > type.maxDuration ? seg.duration - type.maxDuration : 0) +
    (seg.travel > type.maxTravelTime ? seg.travel - type.maxTravelTime : 0);
  if (late > 0) cost += p.timeWarp * late;
  if (seg.distance > type.maxDistance) cost += p.distance * (seg.distance - type.maxDistance);
  return cost;
}

/** Tolerance for floating-point noise when deciding feasibility (instance units). */
export const FEASIBILITY_TOLERANCE = 1e-6;

/**
 * The smallest cost change a move must bring to count as a gain (besides the relative part,
 * `RELATIVE_GAIN` in search/proposals.ts): below it a difference is floating-point noise. Here,
 * beside the feasibility tolerance, so that the operators and the local search read it from the
 * evaluator and not from each other.
 */
export const EPSILON = 1e-7;

/** True when an excess (load, time or distance, in its own unit) is only floating-point noise. */
export function withinTolerance(excess: number): boolean {
  return excess <= FEASIBILITY_TOLERANCE;
}

/** Load, time and distance excess of a route summary together (0 for a feasible route). */
export function totalExcess(seg: Segment, type: VehicleTypeData): number {
  return loadExcess(seg, type) + timeExcess(seg, type) + distanceExcess(seg, type);
}

/**
 * The one feasibility rule for a route summary, for the search (offspring, Split, savings, repair)
 * and, through `evaluateRoute`, for reports: no excess beyond the tolerance in any of load, time
 * (time warp, shift, maximum duration) and distance.
 */
export function isFeasibleRoute(seg: Segment, type: VehicleTypeData): boolean {
  return withinTolerance(loadExcess(seg, type)) && withinTolerance(timeExcess(seg, type)) && withinTolerance(distanceExcess(seg, type));
}

/**
 * Builds the summary of a whole route (start depot, stops, end) into `out`. With several windows
 * per stop the O(1) summary only knows each stop's hull, so the exact time warp comes from
 * `simulateRoute` instead.
 */
export function summariseRoute(problem: ProblemData, type: VehicleTypeData, stops: ArrayLike<number>, length: number, out: Segment): void {
  const prof = problem.profiles[type.profile]!;
  const n = problem.nLocations;
  out.clear();
  out.push(prof.distance, prof.duration, n, type.startLocation, 0, type.startEarly, type.startLate, null, null, 0, 0);
  let multi = false;
  for (let k = 0; k < length; k++) {
    const s = stops[k]!;
    const loc = problem.nDepots + s;
    out.push(prof.distance, prof.duration, n, loc, problem.serviceTime[loc]!, problem.early[loc]!, problem.late[loc]!,
      problem.delivery, problem.pickup, s * problem.nDims, 1);
    if (problem.windowStart[s + 1]! - problem.windowStart[s]! > 1) multi = true;
  }
  out.push(prof.distance, prof.duration, n, type.endLocation, 0, type.endEarly, type.endLate, null, null, 0, 0);
  if (multi || (type.breaks.length > 0 && length > 0)) {
    const schedule = simulateRoute(problem, type, stops, length, startTime(out, type), null);
    out.timeWarp = schedule.timeWarp;
    out.duration = schedule.duration;
  }
}

/** Departure time that a route summary implies: as early as allowed without needless waiting. */
export function startTime(seg: Segment, type: VehicleTypeData): number {
  let t = seg.early;
  if (t < type.startEarly) t = type.startEarly;
  if (t > type.startLate) t = type.startLate;
  return t;
}

export interface ScheduleTotals {
  /** When the route leaves its start (see simulateRoute). */
  departure: number;
  /** Total lateness: at stops beyond their last window, and at the end beyond the shift. */
  timeWarp: number;
  /** Lateness at the end (return after the end depot / shift closes). */
  endLateness: number;
  /** Travel + service + waiting from departure to the end. */
  duration: number;
  /** Arrival at the end (or last departure for an open route). */
  end: number;
  /** Breaks' lateness and load above their maxLoad (part of `timeWarp`; 0 without breaks). */
  breakExcess: number;
}

/** Per-visit times filled by `simulateRoute` when asked. */
export interface VisitTimes {
  arrival: Float64Array;
  start: Float64Array;
  departure: Float64Array;
  /** Lateness at each visit (beyond its last window). */
  late: Float64Array;
  /** The type's breaks: where and when they are taken (filled for types with breaks). */
  breaks?: BreakTimes;
}

/**
 * Drives a route forward from `departure`: wait for the next window that can still be met, or
 * record lateness beyond the last one. With `warp` (the search's model, as the O(1) summaries)
 * the clock is set back to the window's end ("time warp"); without it (reports) service starts
 * late and the lateness carries on. Exact for several windows per stop. A type with breaks is
 * timed by breaks.ts, which places them (or, with `breakGaps`, takes them where it says).
 *
 * `departure` is the one a route summary implies (`startTime`), computed on each stop's window
 * hull: with several windows per stop it can be so late that a stop misses a window it would meet
 * by leaving earlier (the hull hides the gap between the windows; seen beside VROOM, which served
 * such routes on time that postroute called late). So when that departure is late somewhere, the
 * route is driven again from the start of the shift, which meets every window that can be met,
 * and the departure with less lateness is kept (`totals.departure`).
 */
export function simulateRoute(
  problem: ProblemData, type: VehicleTypeData, stops: ArrayLike<number>, length: number, departure: number,
  times: VisitTimes | null, warp = true, breakGaps: Int32Array | null = null,
): ScheduleTotals {
  const first = driveFrom(problem, type, stops, length, departure, times, warp, breakGaps);
  if (withinTolerance(first.timeWarp) || departure <= type.startEarly) return first;
  const early = driveFrom(problem, type, stops, length, type.startEarly, null, warp, breakGaps);
  if (!(early.timeWarp < first.timeWarp)) return first;
  return times === null ? early : driveFrom(problem, type, stops, length, type.startEarly, times, warp, breakGaps);
}

function driveFrom(
  problem: ProblemData, type: VehicleTypeData, stops: ArrayLike<number>, length: number, departure: number,
  times: VisitTimes | null, warp: boolean, breakGaps: Int32Array | null,
): ScheduleTotals {
  if (type.breaks.length > 0 && (length > 0 || breakGaps !== null))
    return scheduleWithBreaks(problem, type, stops, length, departure, times, times?.breaks ?? null, warp, breakGaps);
  const prof = problem.profiles[type.profile]!;
  const n = problem.nLocations;
  let t = departure;
  let prev = type.startLocation;
  let timeWarp = 0;
  let duration = 0;
  for (let k = 0; k < length; k++) {
    const s = stops[k]!;
    const loc = problem.nDepots + s;
    const travel = prof.duration[prev * n + loc]!;
    t += travel;
    duration += travel;
    const arrival = t;
    let begin = -1;
    const w0 = problem.windowStart[s]!;
    const w1 = problem.windowStart[s + 1]!;
    for (let w = w0; w < w1; w++) {
      if (t <= problem.windows[2 * w + 1]!) {
        begin = Math.max(t, problem.windows[2 * w]!);
        break;
      }
    }
    let lateness = 0;
    if (begin < 0) {
      const close = problem.windows[2 * (w1 - 1) + 1]!;
      lateness = t - close;
      timeWarp += lateness;
      begin = warp ? close : t;
    } else duration += begin - t;
    const service = problem.serviceTime[loc]!;
    if (times !== null) {
      times.arrival[k] = arrival;
      times.start[k] = begin;
      times.departure[k] = begin + service;
      times.late[k] = lateness;
    }
    t = begin + service;
    duration += service;
    prev = loc;
  }
  const travel = prof.duration[prev * n + type.endLocation]!;
  t += travel;
  duration += travel;
  let endLateness = 0;
  if (t > type.endLate) {
    endLateness = t - type.endLate;
    timeWarp += endLateness;
    if (warp) t = type.endLate;
  } else if (t < type.endEarly) {
    duration += type.endEarly - t;
    t = type.endEarly;
  }
  return { departure, timeWarp, endLateness, duration, end: t, breakExcess: 0 };
}

/** One route evaluated for a report: its schedule, loads, distances, cost and every violation. */
export interface RouteEvaluation {
  departure: number;
  /** Per visit: arrival, start, departure, lateness. */
  times: VisitTimes;
  totals: ScheduleTotals;
  /** Load on board when leaving the start depot, per dimension. */
  startLoad: number[];
  /** Load on board after each visit (visit k at `k * nDims`). */
  loadAfter: Float64Array;
  /** Distance travelled up to each visit. */
  distanceTo: Float64Array;
  distance: number;
  /** Sum of the legs' travel times (driving only). */
  travelTime: number;
  cost: number;
  /** Route-level violations, in visiting order, then capacity, shift, duration, distance, fleet. */
  violations: PlanViolation[];
}

/**
 * Evaluates a route as it is driven (plan mode: a late vehicle starts service late and the
 * lateness carries on) and lists every rule it breaks, with the same tolerance as the search:
 * unreachable legs and late arrivals in visiting order, then capacity (per dimension), a return
 * after the shift, maximum duration and maximum distance. `vehicle` beyond the type's count adds a
 * `fleet-size` violation. The report and `SolutionResult` only format what this returns.
 */
export function evaluateRoute(
  problem: ProblemData, givenType: VehicleTypeData, stops: readonly number[], vehicle = 0, seg = new Segment(problem.nDims),
  breakGaps: Int32Array | null = null,
): RouteEvaluation {
  // A stop the type lacks a skill for is reported as such and timed on the roads as they are.
  const lacks = problem.skillMismatch[givenType.index] ?? null;
  const type = lacks !== null && stops.some((s) => lacks[s]) ? { ...givenType, profile: givenType.baseProfile } : givenType;
  const D = problem.nDims;
  const prof = problem.profiles[type.profile]!;
  const n = problem.nLocations;
  const len = stops.length;
  summariseRoute(problem, type, stops, len, seg);
  const times: VisitTimes = {
    arrival: new Float64Array(len), start: new Float64Array(len), departure: new Float64Array(len), late: new Float64Array(len),
  };
  const m = type.breaks.length;
  if (m > 0) {
    times.breaks = {
      gap: new Int32Array(m).fill(-1), arrival: new Float64Array(m), start: new Float64Array(m), late: new Float64Array(m), overLoad: new Float64Array(m),
    };
  }
  const totals = simulateRoute(problem, type, stops, len, startTime(seg, type), times, false, breakGaps);
  const departure = totals.departure;
  const violations: PlanViolation[] = [];
  const load = new Float64Array(D);
  for (const s of stops) for (let d = 0; d < D; d++) load[d] = load[d]! + problem.delivery[s * D + d]!;
  const startLoad = Array.from(load);
  const maxLoad = Float64Array.from(load);
  const loadAfter = new Float64Array(len * D);
  const distanceTo = new Float64Array(len);
  let travelled = 0;
  let travelTime = 0;
  let prev = type.startLocation;
  const leg = (from: number, to: number, toId: string): number => {
    const d = prof.distance[from * n + to]!;
    if (d < problem.unreachable) travelTime += prof.duration[from * n + to]!;
    const s = to - problem.nDepots;
    if (lacks !== null && s >= 0 && s < problem.nStops && lacks[s])
      violations.push({ kind: 'skills', stop: toId, amount: 1, message: `${type.id} lacks a skill that ${toId} needs` });
    if (d >= problem.unreachable) {
      violations.push({ kind: 'unreachable-leg', stop: toId, amount: 0, message: `no road leads to ${toId} from the previous visit` });
      return 0;
    }
    return d;
  };
  for (let k = 0; k < len; k++) {
    const s = stops[k]!;
    const loc = problem.nDepots + s;
    const id = problem.stopIds[s]!;
    travelled += leg(prev, loc, id);
    distanceTo[k] = travelled;
    for (let d = 0; d < D; d++) {
      load[d] = load[d]! - problem.delivery[s * D + d]! + problem.pickup[s * D + d]!;
      if (load[d]! > maxLoad[d]!) maxLoad[d] = load[d]!;
      loadAfter[k * D + d] = load[d]!;
    }
    const late = times.late[k]!;
    if (!withinTolerance(late))
      violations.push({ kind: 'time-window', stop: id, amount: late, message: `arrives ${fmt(late)} after the last time window of ${id} closes` });
    prev = loc;
  }
  const endId = type.endDepot >= 0 ? problem.depotIds[type.endDepot]! : 'route end';
  travelled += leg(prev, type.endLocation, endId);
  if (problem.shipmentCount > 0) precedenceViolations(problem, stops, violations);
  // A used vehicle takes each of its breaks (plan mode: where the steps put them).
  if (times.breaks !== undefined && (len > 0 || breakGaps !== null)) {
    const b = times.breaks;
    type.breaks.forEach((brk, j) => {
      if (b.gap[j]! < 0)
        violations.push({ kind: 'break', breakId: brk.id, breakCause: 'missing', amount: 1, message: `break ${brk.id} is not taken` });
      else if (!withinTolerance(b.late[j]!))
        violations.push({ kind: 'break', breakId: brk.id, breakCause: 'late', amount: b.late[j]!, message: `break ${brk.id} starts ${fmt(b.late[j]!)} after its last window closes` });
      if (b.gap[j]! >= 0 && !withinTolerance(b.overLoad[j]!))
        violations.push({ kind: 'break', breakId: brk.id, breakCause: 'load', amount: b.overLoad[j]!, message: `load at break ${brk.id} exceeds its maximum by ${fmt(b.overLoad[j]!)}` });
    });
  }
  for (let d = 0; d < D; d++) {
    const over = maxLoad[d]! - type.capacity[d]!;
    if (!withinTolerance(over))
      violations.push({ kind: 'capacity', dimension: d, amount: over, message: `load exceeds capacity ${type.capacity[d]} by ${fmt(over)} in dimension ${d}` });
  }
  if (!withinTolerance(totals.endLateness))
    violations.push({ kind: 'shift', amount: totals.endLateness, message: `returns ${fmt(totals.endLateness)} after the shift ends at ${type.endLate}` });
  if (!withinTolerance(totals.duration - type.maxDuration))
    violations.push({ kind: 'max-duration', amount: totals.duration - type.maxDuration, message: `duration ${fmt(totals.duration)} exceeds the maximum ${type.maxDuration}` });
  if (!withinTolerance(travelTime - type.maxTravelTime))
    violations.push({ kind: 'max-travel-time', amount: travelTime - type.maxTravelTime, message: `travel time ${fmt(travelTime)} exceeds the maximum ${type.maxTravelTime}` });
  if (!withinTolerance(travelled - type.maxDistance))
    violations.push({ kind: 'max-distance', amount: travelled - type.maxDistance, message: `distance ${fmt(travelled)} exceeds the maximum ${type.maxDistance}` });
  if (vehicle >= type.count)
    violations.push({ kind: 'fleet-size', amount: 1, message: `route ${vehicle + 1} of type ${type.id}, which has ${type.count} vehicle(s)` });
  seg.distance = travelled;
  seg.travel = travelTime;
  seg.duration = totals.duration;
  const cost = len === 0 ? 0 : routeCost(seg, type);
  return { departure, times, totals, startLoad, loadAfter, distanceTo, distance: travelled, travelTime, cost, violations };
}

/**
 * A shipment's two stops on one route, the pick-up first: the loads above are right only then
 * (shipments.ts), so a pair split between routes or reversed is reported at its delivery (or at
 * a pick-up whose delivery is elsewhere).
 */
function precedenceViolations(problem: ProblemData, stops: readonly number[], violations: PlanViolation[]): void {
  const position = new Map<number, number>();
  stops.forEach((s, k) => position.set(s, k));
  stops.forEach((s, k) => {
    const other = problem.partner[s]!;
    if (other < 0) return;
    const id = problem.stopIds[s]!;
    const otherId = problem.stopIds[other]!;
    const at = position.get(other);
    if (problem.shipmentRole[s] === DELIVERY) {
      if (at === undefined) violations.push({ kind: 'precedence', stop: id, amount: 1, message: `${id} is delivered on a route that does not pick it up at ${otherId}` });
      else if (at > k) violations.push({ kind: 'precedence', stop: id, amount: 1, message: `${id} is delivered before its pick-up at ${otherId}` });
    } else if (at === undefined)
      violations.push({ kind: 'precedence', stop: id, amount: 1, message: `${id} is picked up on a route that does not deliver it at ${otherId}` });
  });
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
