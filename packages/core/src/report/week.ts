/**
 * The weekly part of a plan's summary: the savings over the real week turned into the average
 * operating day and the year, vehicles on the busiest day, and `summary.week` (km per week and
 * year, per day, each place's days, and daily service of the same stops: what the frequencies
 * save). Arithmetic only: whether the two weeks are the same service is computeSavings' verdict
 * (compareService), taken as it is.
 */
import { computeSavings, round, type SavingsOptions } from './savings.js';
import type { ReportRoute, SavingsSummary, WeekSummary } from './types.js';

/** What the week's summary needs besides the two weeks' routes. */
export interface WeekOptions extends SavingsOptions {
  operatingDaysPerYear: number;
  /** The operating days, in week order, and whether mail waits for the next visit. */
  days: readonly string[];
  accumulate: boolean;
  /** Metres a day of the same stops served every operating day (the daily planner's plan). */
  dailyServiceM: number;
  /** How the daily plan's search compares with the week's, when it had less (the planner's words). */
  dailyServiceSearch?: string;
  /** Each place's days of service in the plan. */
  visits: WeekSummary['visits'];
}

/**
 * The summary of a weekly plan: `before` and `after` are a whole week's routes, each with its day.
 *
 * @example
 * const summary = summariseWeek(todayWeek, newWeek, { operatingDaysPerYear: 306, days: ['Mon', 'Tue'], accumulate: true, dailyServiceM: 41_000, visits });
 * summary.week.kmPerYearAfter;
 */
export function summariseWeek(before: readonly ReportRoute[], after: readonly ReportRoute[], options: WeekOptions): SavingsSummary & { week: WeekSummary } {
  const { days, accumulate, dailyServiceM, dailyServiceSearch, visits, ...savingsOptions } = options;
  const H = days.length;
  const weeksPerYear = options.operatingDaysPerYear / H;
  const summary = computeSavings(before, after, { ...savingsOptions, period: 'week' });
  // computeSavings summed a whole week: its per-day figures become the average operating day. It
  // gave savings only when both weeks are the same service; that verdict stands.
  const savedM = summary.before.distanceM - summary.after.distanceM;
  const savedS = summary.before.durationS - summary.after.durationS;
  const compare = before.length > 0 && summary.savedKmPerDay !== null;
  summary.savedKmPerDay = compare ? round(savedM / H / 1000, 2) : null;
  summary.savedKmPerYear = compare ? round((savedM * weeksPerYear) / 1000, 0) : null;
  summary.savedDriverHoursPerDay = compare ? round(savedS / H / 3600, 2) : null;
  summary.savedDriverHoursPerYear = compare ? round((savedS * weeksPerYear) / 3600, 0) : null;
  const maxPerDay = (routes: readonly ReportRoute[]): number => Math.max(0, ...days.map((d) => routes.filter((r) => r.day === d).length));
  summary.before.vehicles = maxPerDay(before);
  summary.after.vehicles = maxPerDay(after);
  summary.vehiclesSaved = compare ? summary.before.vehicles - summary.after.vehicles : null;
  const today = before.length > 0;
  const km = (routes: readonly ReportRoute[], day?: string): number => routes.filter((r) => day === undefined || r.day === day).reduce((sum, r) => sum + r.distance, 0) / 1000;
  const week: WeekSummary = {
    days: [...days],
    accumulate,
    weeksPerYear: round(weeksPerYear, 2),
    kmPerWeekBefore: today ? round(km(before), 2) : null,
    kmPerWeekAfter: round(km(after), 2),
    kmPerYearBefore: today ? round(km(before) * weeksPerYear, 0) : null,
    kmPerYearAfter: round(km(after) * weeksPerYear, 0),
    kmPerWeekDailyService: round((dailyServiceM * H) / 1000, 2),
    kmPerYearDailyService: round((dailyServiceM * H * weeksPerYear) / 1000, 0),
    perDay: days.map((day) => ({
      day, routesBefore: before.filter((r) => r.day === day).length, kmBefore: round(km(before, day), 2),
      routesAfter: after.filter((r) => r.day === day).length, kmAfter: round(km(after, day), 2),
    })),
    visits,
  };
  if (dailyServiceSearch !== undefined) week.dailyServiceSearch = dailyServiceSearch;
  return { ...summary, week };
}
