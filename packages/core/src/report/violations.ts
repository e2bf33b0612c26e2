/**
 * The report's words for the rules a route breaks. It decides nothing: which rules are broken,
 * and by how much, comes from the one evaluator (`evaluateRoute` in vrp/evaluate.ts, through
 * `RouteResult.violations`); this maps its kinds onto the report's and writes the sentences, in
 * the report's order: capacity, shift, lateness (in visiting order), unreachable legs, fleet.
 */
import type { PlanViolation, RouteResult } from '../vrp/solution-types.js';
import type { Violation, ViolationKind } from './types.js';

const KIND: Partial<Record<PlanViolation['kind'], ViolationKind>> = {
  capacity: 'over-capacity',
  shift: 'over-shift',
  'max-duration': 'over-shift',
  'time-window': 'late',
  'unreachable-leg': 'unreachable',
  'fleet-size': 'over-fleet',
};
const ORDER: ViolationKind[] = ['over-capacity', 'over-shift', 'late', 'unreachable', 'over-fleet'];

/**
 * The report's violations of one evaluated route (single-dimension loads, times in seconds).
 * `fleetCount` is the number of vehicles of the route's type (for the over-fleet sentence).
 *
 * @example
 * const plan = evaluatePlan(problem, [{ vehicleType: 'van', stops: ['a', 'b'] }]);
 * reportViolations(plan.routes[0]!, 2);
 * // [{ kind: 'over-capacity', amount: 150, message: 'carries 950, capacity 800 (+150)' }, …]
 */
export function reportViolations(route: Pick<RouteResult, 'violations' | 'visits' | 'duration' | 'vehicle' | 'vehicleType' | 'startLoad'>, fleetCount: number): Violation[] {
  const out: Violation[] = [];
  for (const v of route.violations) {
    const kind = KIND[v.kind];
    // Maximum distance has no place in the postal report (its vans have none); keep the others.
    if (kind === undefined) continue;
    out.push({ kind, ...(v.stop !== undefined && kind !== 'over-fleet' ? { stop: v.stop } : {}), amount: v.amount, message: sentence(kind, v, route, fleetCount) });
  }
  // Stable: within a kind the evaluator's order (visiting order for late arrivals) stays.
  return out.map((v, k) => ({ v, k })).sort((a, b) => ORDER.indexOf(a.v.kind) - ORDER.indexOf(b.v.kind) || a.k - b.k).map((x) => x.v);
}

function sentence(kind: ViolationKind, v: PlanViolation, route: Pick<RouteResult, 'visits' | 'duration' | 'vehicle' | 'vehicleType' | 'startLoad'>, fleetCount: number): string {
  switch (kind) {
    case 'over-capacity': {
      const load = route.startLoad[v.dimension ?? 0] ?? 0;
      return `carries ${fmt(load)}, capacity ${fmt(load - v.amount)} (+${fmt(v.amount)})`;
    }
    case 'over-shift':
      return `takes ${clock(route.duration)}, longest shift ${clock(route.duration - v.amount)} (+${clock(v.amount)})`;
    case 'late': {
      const arrival = route.visits.find((visit) => visit.id === v.stop)?.arrival ?? 0;
      return `arrives at ${v.stop} at ${clock(arrival)}, due by ${clock(arrival - v.amount)} (+${clock(v.amount)})`;
    }
    case 'unreachable':
      return `no road leads to ${v.stop} from the previous stop`;
    case 'over-fleet':
      return `needs van ${route.vehicle + 1} of type ${route.vehicleType}; the fleet has ${fleetCount}`;
    default:
      // The engine has no other kinds that map here (no-trunk is the two-tier planner's own).
      return v.message;
  }
}

/** Seconds as "H:MM". */
export function clock(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
