/**
 * The periodic routing problem as a user writes it: a daily `ProblemInput` plus a horizon of days,
 * visit frequencies per stop and a fleet per day. `createPeriodicProblem` (model.ts) validates it.
 *
 * Days are numbered 1 … horizon everywhere in the API (day 1 is the first day of the horizon).
 * A stop without any of the periodic fields is served every day, so a horizon of 1 (the default)
 * is exactly today's daily problem.
 */
import type { ProblemInput, RouteInput, StopInput, VehicleTypeInput } from '../input.js';

/** A stop of a weekly problem: a daily stop plus how many visits and on which days. */
export interface PeriodicStopInput extends StopInput {
  /**
   * Visits in the horizon. Default: one on each allowed day (`days`, or every day), i.e. daily
   * service. With `patterns` it must equal the size of every pattern.
   */
  visits?: number;
  /**
   * Allowed visit patterns, each a list of distinct days (1-based), e.g. `[[1, 3, 5], [2, 4, 6]]`.
   * The stop is served on exactly the days of one of them. Leave it out to use the rule
   * (`visits`, `days`, `minGap`).
   */
  patterns?: number[][];
  /** Rule: the days on which a visit may fall (1-based). Default: every day of the horizon. */
  days?: number[];
  /**
   * Rule: consecutive visits at least this many days apart within the horizon (default 1: any
   * two different days). E.g. `visits: 3, minGap: 2` on a 6-day week gives Mon–Wed–Fri,
   * Tue–Thu–Sat, Mon–Wed–Sat, Mon–Thu–Sat.
   */
  minGap?: number;
}

/** A vehicle type of a weekly problem, with its fleet per day. */
export interface PeriodicVehicleTypeInput extends VehicleTypeInput {
  /** Vehicles available on each day (one entry per day of the horizon). Default: `count` every day. */
  countPerDay?: number[];
}

/** A periodic (weekly) routing problem: the problem JSON plus the horizon and visit patterns. */
export interface PeriodicProblemInput extends Omit<ProblemInput, 'stops' | 'vehicleTypes'> {
  /** Days in the horizon (1 … 31). Default 1: the daily problem. */
  horizon?: number;
  /**
   * Demand accumulates between visits (mail that waits): a visit carries the stop's `delivery`
   * and `pickup` times the number of days since the previous visit of its pattern, counted
   * cyclically over the horizon (the week repeats: the first visit of the week also carries the
   * days after the last visit of the previous week). Default false: every visit carries the
   * stop's demand as given.
   */
  accumulate?: boolean;
  stops: PeriodicStopInput[];
  vehicleTypes: PeriodicVehicleTypeInput[];
}

/** A route of a weekly plan (e.g. today's): its day (1-based), vehicle type and stops in order. */
export interface PeriodicRouteInput extends RouteInput {
  day: number;
}
