/**
 * Which rules a route breaks, read off its evaluated visits: capacity, shift length, latest
 * arrival, unreachable legs. Today's routes are reported with every violation, never repaired.
 */
import type { ReportRoute, Violation } from './types.js';

export interface RouteLimits {
  capacity: number;
  /** Longest shift, seconds. */
  maxShift?: number;
  /** Latest arrival per stop id, seconds after midnight. */
  latest?: ReadonlyMap<string, number>;
  /** Stops that no road connects with the previous one on the route. */
  unreachable?: readonly string[];
}

/**
 * Lists the violations of one evaluated route, largest kinds first: capacity, shift, lateness
 * (in visiting order), unreachable legs.
 *
 * @example
 * findViolations({ load: 950, duration: 5 * 3600, visits: [], stops: [] }, { capacity: 800, maxShift: 4 * 3600 });
 * // [{ kind: 'over-capacity', amount: 150, … }, { kind: 'over-shift', amount: 3600, … }]
 */
export function findViolations(
  route: Pick<ReportRoute, 'load' | 'duration' | 'visits' | 'stops'>,
  limits: RouteLimits,
): Violation[] {
  const violations: Violation[] = [];
  if (route.load > limits.capacity) {
    const amount = route.load - limits.capacity;
    violations.push({ kind: 'over-capacity', amount, message: `carries ${fmt(route.load)}, capacity ${fmt(limits.capacity)} (+${fmt(amount)})` });
  }
  if (limits.maxShift !== undefined && route.duration > limits.maxShift) {
    const amount = route.duration - limits.maxShift;
    violations.push({ kind: 'over-shift', amount, message: `takes ${clock(route.duration)}, longest shift ${clock(limits.maxShift)} (+${clock(amount)})` });
  }
  if (limits.latest) {
    for (const visit of route.visits) {
      const latest = limits.latest.get(visit.id);
      if (latest !== undefined && visit.arrival > latest) {
        const amount = visit.arrival - latest;
        violations.push({ kind: 'late', stop: visit.id, amount, message: `arrives at ${visit.id} at ${clock(visit.arrival)}, due by ${clock(latest)} (+${clock(amount)})` });
      }
    }
  }
  for (const stop of limits.unreachable ?? []) {
    violations.push({ kind: 'unreachable', stop, amount: 0, message: `no road leads to ${stop} from the previous stop` });
  }
  return violations;
}

/** Seconds as "H:MM". */
export function clock(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
