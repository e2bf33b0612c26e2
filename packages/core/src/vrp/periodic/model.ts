/**
 * The validated periodic problem: `createPeriodicProblem` checks the periodic fields (horizon,
 * visits, patterns or rules, fleet per day, accumulation), compiles the daily part once with the
 * daily `createProblem`, and derives one daily view per day (that day's fleet) that shares the
 * matrices. The search and the reports run the daily engine on those views, so there is still one
 * evaluator (evaluate.ts) that knows load, time and limits.
 *
 * Patterns are bit masks over the horizon (bit d-1 = day d). A pattern is usable when every one of
 * its days has a vehicle that can take the visit (its accumulated demand included); a stop with no
 * usable pattern is unassigned with reason `pattern-unmeetable`.
 */
import { InputError } from '../../errors.js';
import type { InputLocation } from '../../errors.js';
import type { ProblemInput, StopInput, VehicleTypeInput } from '../input.js';
import { createProblem } from '../model.js';
import type { CreateProblemOptions, ProblemData, VehicleTypeData } from '../model.js';
import type { UnassignedReason } from '../solution-types.js';
import type { PeriodicProblemInput } from './input.js';
import { accumulationGap, daysMask, MAX_HORIZON, MAX_PATTERNS, patternsFromRule, popcount } from './patterns.js';

/** A checked periodic problem: the daily problem plus each stop's allowed patterns. */
export interface PeriodicProblemData {
  readonly source: string | undefined;
  /** Days in the horizon. */
  readonly horizon: number;
  /** Demand of a visit is multiplied by the days since the previous visit (cyclic). */
  readonly accumulate: boolean;
  /** The daily problem with each type's largest daily fleet (ids, matrices, demands per visit). */
  readonly base: ProblemData;
  /** One daily view per day (0-based): that day's fleet; demands as given (one day's worth). */
  readonly days: readonly ProblemData[];
  readonly nStops: number;
  readonly stopIds: readonly string[];
  /** Visits of each stop in the horizon. */
  readonly visits: Int32Array;
  /** Stop s's allowed patterns (as given or generated) are `patterns[patternStart[s] … patternStart[s+1]-1]`. */
  readonly patternStart: Int32Array;
  readonly patterns: Uint32Array;
  /** The allowed patterns that the fleet can serve (every day has a vehicle that can take the visit). */
  readonly usableStart: Int32Array;
  readonly usable: Uint32Array;
  /** Vehicles per type (by index) on each day: `fleet[day][type]`. */
  readonly fleet: readonly (readonly number[])[];
  /** Why a stop can never be served, or null. */
  readonly stopReason: readonly (UnassignedReason | null)[];
}

const PERIODIC_FIELDS = new Set(['horizon', 'accumulate']);
const STOP_PERIODIC_FIELDS = new Set(['visits', 'patterns', 'days', 'minGap']);

/**
 * Validates a periodic problem and compiles it for the periodic search. Field errors name the
 * field (`stops[3].patterns[1][0]`), as `createProblem` does.
 *
 * @example
 * const problem = createPeriodicProblem({
 *   horizon: 5,
 *   depots: [{ id: 'hub', location: 0 }],
 *   stops: [
 *     { id: 'town', location: 1, delivery: [8] },                       // daily
 *     { id: 'hamlet', location: 2, delivery: [2], visits: 2, minGap: 2 }, // twice, not on consecutive days
 *     { id: 'farm', location: 3, delivery: [1], patterns: [[1, 4], [2, 5]] },
 *   ],
 *   vehicleTypes: [{ id: 'van', count: 1, capacity: [20], startDepot: 'hub' }],
 *   matrix: { size: 4, distances: [[0, 5, 7, 9], [5, 0, 4, 6], [7, 4, 0, 3], [9, 6, 3, 0]] },
 * });
 */
export function createPeriodicProblem(input: PeriodicProblemInput, options: CreateProblemOptions = {}): PeriodicProblemData {
  const source = options.source;
  const fail = (message: string, field: string, hint?: string): never => {
    const location: InputLocation = { field };
    if (source !== undefined) location.source = source;
    throw new InputError(message, location, hint);
  };
  if (input === null || typeof input !== 'object') fail('the problem must be an object', '');
  const horizon = input.horizon ?? 1;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON)
    fail(`horizon must be a whole number of days 1 … ${MAX_HORIZON}, got ${String(input.horizon)}`, 'horizon', 'e.g. "horizon": 6 for Monday to Saturday');
  if (input.accumulate !== undefined && typeof input.accumulate !== 'boolean') fail('accumulate must be true or false', 'accumulate');
  const accumulate = input.accumulate === true;
  const checkDay = (value: unknown, field: string): number => {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > horizon)
      fail(`day ${String(value)} is not a day of the horizon (1 … ${horizon})`, field, 'days are numbered from 1');
    return value as number;
  };

  // The daily part: strip the periodic fields, give each type its largest daily fleet.
  const daily: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!PERIODIC_FIELDS.has(key)) daily[key] = value;
  const fleetPerType: number[][] = [];
  if (Array.isArray(input.vehicleTypes)) {
    daily.vehicleTypes = input.vehicleTypes.map((t, i) => {
      if (t === null || typeof t !== 'object' || t.countPerDay === undefined) {
        const count = t !== null && typeof t === 'object' ? t.count ?? 1 : 1;
        fleetPerType.push(Array.from({ length: horizon }, () => (Number.isInteger(count) && count >= 0 ? count : 0)));
        return t;
      }
      const f = `vehicleTypes[${i}].countPerDay`;
      if (!Array.isArray(t.countPerDay) || t.countPerDay.length !== horizon)
        fail(`countPerDay must list the vehicles of each of the ${horizon} day(s)`, f, `e.g. [${Array.from({ length: horizon }, () => 2).join(', ')}]`);
      t.countPerDay.forEach((c, d) => {
        if (!Number.isInteger(c) || c < 0) fail(`vehicles per day must be whole numbers ≥ 0, got ${String(c)}`, `${f}[${d}]`);
      });
      if (t.count !== undefined) fail('give either count or countPerDay, not both', `vehicleTypes[${i}].count`);
      fleetPerType.push(t.countPerDay.slice());
      const { countPerDay: _perDay, ...rest } = t;
      return { ...rest, count: Math.max(0, ...t.countPerDay) } as VehicleTypeInput;
    });
  }
  if (Array.isArray(input.stops)) {
    daily.stops = input.stops.map((s) => {
      if (s === null || typeof s !== 'object') return s;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(s)) if (!STOP_PERIODIC_FIELDS.has(key)) out[key] = value;
      return out as unknown as StopInput;
    });
  }
  const base = createProblem(daily as unknown as ProblemInput, options);
  const nStops = base.nStops;

  // Patterns per stop.
  const all = (1 << horizon) - 1;
  const patternStart = new Int32Array(nStops + 1);
  const patternList: number[] = [];
  const visits = new Int32Array(nStops);
  input.stops.forEach((stop, s) => {
    const f = `stops[${s}]`;
    patternStart[s] = patternList.length;
    if (horizon > 1 && stop.required === false)
      fail('optional stops are not supported over a horizon of several days', `${f}.required`, 'make the stop required, or plan it with a one-day horizon');
    let k: number | undefined;
    if (stop.visits !== undefined) {
      if (!Number.isInteger(stop.visits) || stop.visits < 1 || stop.visits > horizon)
        fail(`visits must be a whole number 1 … ${horizon} (the horizon), got ${String(stop.visits)}`, `${f}.visits`);
      k = stop.visits;
    }
    if (stop.patterns !== undefined) {
      if (stop.days !== undefined || stop.minGap !== undefined)
        fail('give either patterns or a rule (days, minGap), not both', `${f}.${stop.days !== undefined ? 'days' : 'minGap'}`);
      if (!Array.isArray(stop.patterns) || stop.patterns.length === 0)
        fail('patterns must be a non-empty list of day lists, e.g. [[1, 3, 5], [2, 4, 6]]', `${f}.patterns`);
      const seen = new Set<number>();
      stop.patterns.forEach((pattern, p) => {
        if (!Array.isArray(pattern) || pattern.length === 0) fail('a pattern must be a non-empty list of days', `${f}.patterns[${p}]`);
        const days = pattern.map((d, j) => checkDay(d, `${f}.patterns[${p}][${j}]`));
        const mask = daysMask(days);
        if (popcount(mask) !== days.length) fail('a pattern lists a day twice', `${f}.patterns[${p}]`);
        if (k === undefined) k = days.length;
        if (days.length !== k)
          fail(`pattern has ${days.length} day(s) but the stop has ${k} visit(s)`, `${f}.patterns[${p}]`, 'every pattern must have exactly `visits` days');
        if (!seen.has(mask)) patternList.push(mask);
        seen.add(mask);
      });
    } else {
      let allowed = all;
      if (stop.days !== undefined) {
        if (!Array.isArray(stop.days) || stop.days.length === 0) fail('days must be a non-empty list of days', `${f}.days`);
        allowed = daysMask(stop.days.map((d, j) => checkDay(d, `${f}.days[${j}]`)));
      }
      let gap = 1;
      if (stop.minGap !== undefined) {
        if (!Number.isInteger(stop.minGap) || stop.minGap < 1 || stop.minGap > horizon)
          fail(`minGap must be a whole number of days 1 … ${horizon}, got ${String(stop.minGap)}`, `${f}.minGap`);
        gap = stop.minGap;
      }
      if (k === undefined) k = popcount(allowed);
      const generated = patternsFromRule(horizon, k, allowed, gap);
      if (generated.length === 0)
        fail(`no ${k} day(s) among the allowed days are at least ${gap} day(s) apart`, `${f}.${stop.minGap !== undefined ? 'minGap' : 'visits'}`,
          'allow more days, or ask for fewer visits or a smaller minGap');
      if (generated.length > MAX_PATTERNS)
        fail(`the rule allows more than ${MAX_PATTERNS} patterns`, `${f}.visits`, 'restrict the days or give the patterns');
      patternList.push(...generated);
    }
    visits[s] = k!;
  });
  patternStart[nStops] = patternList.length;
  const patterns = Uint32Array.from(patternList);

  // One view per day: that day's fleet, the same matrices and stops.
  const days: ProblemData[] = [];
  for (let d = 0; d < horizon; d++) {
    const counts = fleetPerType.map((perDay) => perDay[d]!);
    days.push(dayView(base, counts));
  }
  const fleet = Array.from({ length: horizon }, (_, d) => fleetPerType.map((perDay) => perDay[d]!));

  // Usable patterns: every day has a vehicle type that can take the visit's (accumulated) demand.
  const D = base.nDims;
  const usableStart = new Int32Array(nStops + 1);
  const usableList: number[] = [];
  const stopReason: (UnassignedReason | null)[] = [];
  for (let s = 0; s < nStops; s++) {
    usableStart[s] = usableList.length;
    if (base.stopReason[s] !== null) {
      stopReason.push(base.stopReason[s]!);
      continue;
    }
    for (let p = patternStart[s]!; p < patternStart[s + 1]!; p++) {
      const mask = patterns[p]!;
      let ok = true;
      for (let d = 0; d < horizon && ok; d++) {
        if (!((mask >>> d) & 1)) continue;
        const gap = accumulate ? accumulationGap(mask, d, horizon) : 1;
        ok = days[d]!.vehicleTypes.some((t) => {
          if (t.slots === 0) return false;
          for (let k = 0; k < D; k++)
            if (base.delivery[s * D + k]! * gap > t.capacity[k]! || base.pickup[s * D + k]! * gap > t.capacity[k]!) return false;
          return true;
        });
      }
      if (ok) usableList.push(mask);
    }
    stopReason.push(usableList.length > usableStart[s]! ? null : 'pattern-unmeetable');
  }
  usableStart[nStops] = usableList.length;

  return Object.freeze({
    source,
    horizon,
    accumulate,
    base,
    days,
    nStops,
    stopIds: base.stopIds,
    visits,
    patternStart,
    patterns,
    usableStart,
    usable: Uint32Array.from(usableList),
    fleet,
    stopReason,
  });
}

/** The daily problem with other vehicle counts (and optionally other demands per visit); matrices shared. */
export function dayView(base: ProblemData, counts: readonly number[], delivery?: Float64Array, pickup?: Float64Array): ProblemData {
  const vehicleTypes: VehicleTypeData[] = base.vehicleTypes.map((t, i) => ({ ...t, count: counts[i]!, slots: Math.min(counts[i]!, base.nStops) }));
  const totalSlots = vehicleTypes.reduce((sum, t) => sum + t.slots, 0);
  const anySlots = totalSlots > 0;
  return Object.freeze({
    ...base,
    vehicleTypes,
    totalSlots,
    delivery: delivery ?? base.delivery,
    pickup: pickup ?? base.pickup,
    stopReason: base.stopReason.map((r) => r ?? (anySlots ? null : 'fleet-exhausted')),
  });
}

/**
 * Demand per visit on `day` (0-based) when each stop s follows `masks[s]` (0 = not served):
 * the stop's demand, times the days since the previous visit when mail accumulates.
 */
export function fillDayDemand(problem: PeriodicProblemData, day: number, masks: ArrayLike<number>, delivery: Float64Array, pickup: Float64Array): void {
  const { base, horizon } = problem;
  const D = base.nDims;
  for (let s = 0; s < problem.nStops; s++) {
    const gap = problem.accumulate ? Math.max(1, accumulationGap(masks[s]!, day, horizon)) : 1;
    for (let k = 0; k < D; k++) {
      delivery[s * D + k] = base.delivery[s * D + k]! * gap;
      pickup[s * D + k] = base.pickup[s * D + k]! * gap;
    }
  }
}
