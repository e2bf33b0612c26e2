/**
 * Why a stop or demand point is left out, in words: every output a person reads (the summary,
 * the CSV notes, the map, `solve` and `cover` text) says the sentence, never the code.
 */
import type { UncoveredReason } from '../coverage/model.js';
import type { UnassignedReason } from '../vrp/solution-types.js';

/** The words for what is carried and where vehicles start: "mail" and "hub" in a county plan. */
export interface ReasonWords {
  load?: string;
  depot?: string;
}

const UNASSIGNED: Record<UnassignedReason, (w: Required<ReasonWords>) => string> = {
  'demand-exceeds-capacity': (w) => `its ${w.load} exceeds the capacity of every vehicle`,
  'time-window-unreachable': () => 'no vehicle can get there before its deadline and back within the shift',
  unreachable: (w) => `no road connects it with the ${w.depot}`,
  'route-limit-exceeded': (w) => `the trip from the ${w.depot} and back alone is longer than every vehicle's longest shift or distance`,
  'not-profitable': () => 'not worth the detour',
  'no-feasible-insertion': () => 'no room in any route within capacity and shift limits',
  'fleet-exhausted': () => 'every vehicle is in use',
  'not-in-plan': () => 'none of the given routes visits it',
  skills: () => 'no vehicle has every skill it needs',
  'shipment-pair': () => 'no vehicle can collect it and drop it off on one route, or the other half of its shipment cannot be served',
  break: () => 'it fits a route alone, but not beside the drivers\' breaks',
  'max-tasks': () => 'every vehicle that could take it already makes as many stops as it may',
  priority: () => 'the fleet is short and stops of higher priority were served first',
  'pattern-unmeetable': () => 'on some day of every allowed visit pattern no vehicle can take the visit',
};

/**
 * @example
 * describeUnassignedReason('route-limit-exceeded', { depot: 'hub' });
 * // "the trip from the hub and back alone is longer than every vehicle's longest shift or distance"
 */
export function describeUnassignedReason(reason: UnassignedReason, words: ReasonWords = {}): string {
  const text = UNASSIGNED[reason];
  return text ? text({ load: words.load ?? 'demand', depot: words.depot ?? 'depot' }) : `left out (${String(reason).replace(/-/g, ' ')})`;
}

const UNCOVERED: Record<UncoveredReason, string> = {
  unreachable: 'no road leads to any allowed site',
  'no-site-within-radius': 'no allowed site is within the radius',
  'not-chosen': 'a site within the radius could cover it, but none of the chosen ones does',
};

/**
 * @example
 * describeUncoveredReason('no-site-within-radius'); // "no allowed site is within the radius"
 */
export function describeUncoveredReason(reason: UncoveredReason): string {
  return UNCOVERED[reason] ?? String(reason).replace(/-/g, ' ');
}

/** What a problem JSON says wrong about a stop that no vehicle can ever serve: the field to fix, the sentence and the fix. */
export interface UnservableStopWords {
  /** The stop's field the message is about (`delivery`, `timeWindows`, `location`). */
  field: string;
  message: string;
  hint: string;
}

const UNSERVABLE: Partial<Record<UnassignedReason, UnservableStopWords>> = {
  'demand-exceeds-capacity': { field: 'delivery', message: 'its demand is above the capacity of every vehicle type', hint: 'lower the demand, split the stop, or add a larger vehicle type' },
  'time-window-unreachable': { field: 'timeWindows', message: 'no vehicle can reach it within its time windows and the shifts and get back', hint: 'widen the time windows or the shifts' },
  unreachable: { field: 'location', message: 'no road connects it with the depots of any vehicle type', hint: 'check its matrix row and column (null or negative entries mean no road)' },
  'route-limit-exceeded': { field: 'location', message: 'going there and back alone exceeds every vehicle type\'s maxDuration or maxDistance', hint: 'raise the limits or drop the stop' },
};

/**
 * Why a stop of a routing problem can never be served, in the words of an input error (the
 * reasons known before any search); undefined for the reasons that only a search finds.
 *
 * @example
 * describeUnservableStop('demand-exceeds-capacity')?.message;
 * // "its demand is above the capacity of every vehicle type"
 */
export function describeUnservableStop(reason: UnassignedReason): UnservableStopWords | undefined {
  return UNSERVABLE[reason];
}
