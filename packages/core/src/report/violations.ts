/**
 * The report's words for the rules a route breaks: the one wording table, used by every plan
 * (one tier, weekly, two tiers). It decides nothing: which rules are broken, and by how much,
 * comes from the evaluators (`evaluateRoute` in vrp/evaluate.ts, the periodic one in
 * vrp/periodic/solution.ts, through `RouteResult.violations`); this names each of their kinds
 * (`PLAN_VIOLATION_KINDS`) in the report's terms and writes the sentence, in the report's order:
 * capacity, shift, distance, lateness (in visiting order), unreachable legs, skills, shipment order, visit days, fleet.
 */
import type { PlanViolation, PlanViolationKind, RouteResult } from '../vrp/solution-types.js';
import type { Violation, ViolationKind } from './types.js';

/** What a sentence may need besides the evaluator's verdict: the route and who drives it. */
export interface WordingContext {
  /** The evaluated route (single-dimension or multi-dimension loads, times in seconds, metres). */
  route: Pick<RouteResult, 'visits' | 'duration' | 'distance' | 'arrival' | 'vehicle' | 'vehicleType' | 'startLoad'>;
  /** Vehicles of the route's type (for the over-fleet sentence). */
  fleetCount: number;
  /** The type as the user named it (plan.json), when not the engine's id ("van", not "van@east"). */
  typeName?: string;
  /** Where the fleet is counted (an office) and on which day, for the over-fleet sentence. */
  depot?: string;
  day?: string;
  /** Names of the load dimensions, when there are several (capacity sentences then name theirs). */
  dimensions?: readonly string[];
}

type Wording = { kind: ViolationKind; sentence: (v: PlanViolation, c: WordingContext) => string };

/** Every kind the evaluators report, with its report kind and sentence. */
export const VIOLATION_WORDING: Readonly<Record<PlanViolationKind, Wording>> = {
  capacity: {
    kind: 'over-capacity',
    sentence: (v, c) => {
      const d = v.dimension ?? 0;
      // The evaluator's amount is the peak on board above capacity; the peak is the route's own load.
      const peak = Math.max(c.route.startLoad[d] ?? 0, ...c.route.visits.map((visit) => visit.load[d] ?? 0));
      const name = c.dimensions !== undefined && c.dimensions.length > 1 ? `${c.dimensions[d] ?? `dimension ${d}`}: ` : '';
      return `${name}carries ${fmt(peak)}, capacity ${fmt(peak - v.amount)} (+${fmt(v.amount)})`;
    },
  },
  'max-duration': {
    kind: 'over-shift',
    sentence: (v, c) => overShiftSentence(c.route.duration, v.amount),
  },
  shift: {
    kind: 'over-shift',
    sentence: (v, c) => `back at ${clock(c.route.arrival)}, due back by ${clock(c.route.arrival - v.amount)} (+${clock(v.amount)})`,
  },
  'max-distance': {
    kind: 'over-distance',
    sentence: (v, c) => `drives ${km(c.route.distance)} km, longest allowed ${km(c.route.distance - v.amount)} km (+${km(v.amount)} km)`,
  },
  'max-travel-time': {
    kind: 'over-driving',
    sentence: (v) => `drives ${clock(v.amount)} longer than allowed`,
  },
  break: {
    kind: 'break',
    sentence: (v) => {
      const name = v.breakId !== undefined ? `the break ${v.breakId}` : 'a break';
      if (v.breakCause === 'missing') return `no time for ${name}`;
      if (v.breakCause === 'load') return `too much on board at ${name} (+${fmt(v.amount)})`;
      return `${name} starts late (+${clock(v.amount)})`;
    },
  },
  'time-window': {
    kind: 'late',
    sentence: (v, c) => {
      const arrival = c.route.visits.find((visit) => visit.id === v.stop)?.arrival ?? 0;
      return `arrives at ${v.stop} at ${clock(arrival)}, due by ${clock(arrival - v.amount)} (+${clock(v.amount)})`;
    },
  },
  'unreachable-leg': {
    kind: 'unreachable',
    sentence: (v) => `no road leads to ${v.stop} from the previous stop`,
  },
  skills: {
    kind: 'lacks-skill',
    sentence: (v, c) => `${c.typeName ?? c.route.vehicleType} lacks a skill that ${v.stop} needs`,
  },
  precedence: {
    kind: 'out-of-order',
    sentence: (v) => `${v.stop} is not on one route after the pick-up of its shipment`,
  },
  'visit-pattern': {
    kind: 'off-pattern',
    sentence: (v) => `${v.stop} is visited on days that are not one of its allowed patterns`,
  },
  'fleet-size': {
    kind: 'over-fleet',
    sentence: (_v, c) => `needs vehicle ${c.route.vehicle + 1} of type ${c.typeName ?? c.route.vehicleType}${c.depot !== undefined ? ` at ${c.depot}` : ''}${c.day !== undefined ? ` on ${c.day}` : ''}; the fleet has ${c.fleetCount}`,
  },
};

const ORDER: ViolationKind[] = [
  'over-capacity', 'over-shift', 'over-distance', 'over-driving', 'late', 'break', 'unreachable', 'lacks-skill', 'out-of-order', 'off-pattern',
  'over-fleet', 'no-trunk',
];

/**
 * A route longer than its longest shift, by `amount` seconds. Also the door-to-door routes' words,
 * whose solver (carp/) judges their shift itself.
 */
export function overShiftSentence(duration: number, amount: number): string {
  return `takes ${clock(duration)}, longest shift ${clock(duration - amount)} (+${clock(amount)})`;
}

/** One verdict in the report's words. */
export function wordViolation(violation: PlanViolation, context: WordingContext): Violation {
  const wording = VIOLATION_WORDING[violation.kind];
  const perStop = violation.stop !== undefined && violation.kind !== 'fleet-size';
  return { kind: wording.kind, ...(perStop ? { stop: violation.stop } : {}), amount: violation.amount, message: wording.sentence(violation, context) };
}

/**
 * The report's violations of one evaluated route, in the report's order.
 *
 * @example
 * const plan = evaluatePlan(problem, [{ vehicleType: 'van', stops: ['a', 'b'] }]);
 * reportViolations(plan.routes[0]!, { route: plan.routes[0]!, fleetCount: 2 });
 * // [{ kind: 'over-capacity', amount: 150, message: 'carries 950, capacity 800 (+150)' }, …]
 */
export function reportViolations(route: Pick<RouteResult, 'violations'>, context: WordingContext): Violation[] {
  return sortViolations(route.violations.map((v) => wordViolation(v, context)));
}

/** Stable: within a kind the evaluator's order (visiting order for late arrivals) stays. */
export function sortViolations(violations: readonly Violation[]): Violation[] {
  return violations.map((v, k) => ({ v, k })).sort((a, b) => ORDER.indexOf(a.v.kind) - ORDER.indexOf(b.v.kind) || a.k - b.k).map((x) => x.v);
}

/** Seconds as "H:MM". */
export function clock(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Metres as km with one decimal. */
function km(metres: number): string {
  return (metres / 1000).toFixed(1);
}
