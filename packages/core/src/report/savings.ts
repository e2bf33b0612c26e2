/**
 * The savings arithmetic: totals per side, kilometres saved per day and per year, and the
 * optimisation rate, the share of today's kilometres that the new plan no longer drives.
 * China Post's "18.36 % optimisation rate" is this figure: saved km ÷ km before × 100.
 */
import { compareService } from './comparable.js';
import type { PhaseTotals, ReportRoute, SavingsSummary, UnassignedStop } from './types.js';

/** Totals of one side (today's routes or the new plan). Figures are rounded for people only at the end. */
export function totalsOf(routes: readonly ReportRoute[]): PhaseTotals {
  let distanceM = 0;
  let durationS = 0;
  let mailDelivered = 0;
  let violations = 0;
  let routesWithViolations = 0;
  const served = new Set<string>();
  for (const route of routes) {
    distanceM += route.distance;
    durationS += route.duration;
    mailDelivered += route.load;
    violations += route.violations.length;
    if (route.violations.length > 0) routesWithViolations++;
    for (const stop of route.stops) served.add(stop);
  }
  return {
    routes: routes.length,
    vehicles: routes.filter((route) => route.stops.length > 0).length,
    distanceM,
    km: round(distanceM / 1000, 2),
    durationS,
    driverHours: round(durationS / 3600, 2),
    stopsServed: served.size,
    mailDelivered,
    routesWithViolations,
    violations,
  };
}

/** Options of `computeSavings`. */
export interface SavingsOptions {
  name?: string;
  /** Days a year the routes run. Default 306 (six days a week, less public holidays). */
  operatingDaysPerYear?: number;
  unassigned?: UnassignedStop[];
  notServedToday?: string[];
  stations?: { opened: string[]; radiusM: number; maxPopulation?: number } | null;
  /** Village → the station or outlet where it gets its mail in the new plan. */
  servedVia?: ReadonlyMap<string, string>;
  /**
   * Mail that reaches its destination on each side, when the routes' loads count an item more
   * than once (two tiers: the trunk carries what the vans deliver); default: the routes' loads.
   */
  mailDelivered?: { before: number; after: number };
  /** What the routes are: one day (default) or a week of a weekly plan (for the wording). */
  period?: 'day' | 'week';
}

/**
 * Compares today's routes with the new plan. Without today's routes (`before` empty) the savings
 * figures are null rather than a misleading negative saving; when the two do not serve the same
 * stops with the same mail they are null too, and `comparable: false` says why.
 *
 * @example
 * const summary = computeSavings(todayRoutes, newRoutes, { operatingDaysPerYear: 306 });
 * summary.optimisationRatePercent; // e.g. 18.36
 */
export function computeSavings(
  before: readonly ReportRoute[],
  after: readonly ReportRoute[],
  options: SavingsOptions = {},
): SavingsSummary {
  const days = options.operatingDaysPerYear ?? 306;
  const b = totalsOf(before);
  const a = totalsOf(after);
  if (options.mailDelivered) {
    b.mailDelivered = options.mailDelivered.before;
    a.mailDelivered = options.mailDelivered.after;
  }
  const savedM = b.distanceM - a.distanceM;
  const savedS = b.durationS - a.durationS;
  const service = compareService({ before, after, beforeTotals: b, afterTotals: a, ...(options.servedVia ? { servedVia: options.servedVia } : {}), ...(options.period ? { period: options.period } : {}) });
  const compare = before.length > 0 && service.sameService;
  return {
    name: options.name ?? 'plan',
    comparable: service.comparable,
    notComparable: service.reasons,
    operatingDaysPerYear: days,
    before: b,
    after: a,
    savedKmPerDay: compare ? round(savedM / 1000, 2) : null,
    savedKmPerYear: compare ? round((savedM * days) / 1000, 0) : null,
    optimisationRatePercent: compare && b.distanceM > 0 ? round((savedM / b.distanceM) * 100, 2) : null,
    savedDriverHoursPerDay: compare ? round(savedS / 3600, 2) : null,
    savedDriverHoursPerYear: compare ? round((savedS * days) / 3600, 0) : null,
    vehiclesSaved: compare ? b.vehicles - a.vehicles : null,
    unassigned: options.unassigned ?? [],
    notServedToday: options.notServedToday ?? [],
    stations: options.stations ?? null,
  };
}

/** Rounds half away from zero to `digits` decimals (so that -0.005 and 0.005 mirror each other). */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}
