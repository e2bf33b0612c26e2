/**
 * What the county sees (issue 19 §2): the plan's routes keyed by tier × day × office and summed
 * into kilometres per weekday and per year, vehicles, driver-hours and cost per tier, each
 * office's binding rule per day, door to door per office, and what each part of the plan saves.
 *
 * Everything here is arithmetic over what the pipeline handed over (routes already evaluated and
 * their broken rules already worded, offices' binding rules, the week's figures): it judges no
 * rule and no comparability again. A saving per tier is given only where the plan's own verdict
 * (`summary.savedKmPerDay`, set by compareService) says both sides are the same service.
 */
import { round } from './savings.js';
import type {
  CountyFigures, CountyPart, CountyTier, CountyTierFigures, DoorToDoorRoute, PartCounterfactual, PlanReport, ReportRoute, ScenarioTierRow, TierDayFigures,
} from './types.js';

/** The tiers in the order the county reads them: trunk, delivery, door to door, collection. */
export const COUNTY_TIERS: readonly CountyTier[] = ['trunk', 'delivery', 'door-to-door', 'collection'];

/** The fields of a report the county figures read. */
export type CountyInput = Pick<PlanReport, 'summary' | 'before' | 'after' | 'tiers' | 'doorToDoor'> & Partial<Pick<PlanReport, 'withoutParts'>>;

/** A route's tier as the county reads it: a one-tier route is a delivery route from the hub. */
export function countyTierOf(route: Pick<ReportRoute, 'tier'>): CountyTier {
  return route.tier ?? 'delivery';
}

/**
 * Whether a report has more than one tier, day or office to key its routes by (a two-tier,
 * weekly or door-to-door plan). One-tier daily plans do not: their files stay as they were.
 */
export function isKeyed(report: Pick<PlanReport, 'summary' | 'tiers' | 'doorToDoor' | 'before' | 'after'>): boolean {
  return report.tiers !== undefined || report.summary.week !== undefined || report.doorToDoor !== undefined
    || [...report.before, ...report.after].some((route) => route.tier !== undefined || route.day !== undefined);
}

/** A door-to-door route as a county row: its office (the tier's depot unless it names its own) and day. */
function doorRoutes(report: CountyInput): (DoorToDoorRoute & { office: string })[] {
  const d = report.doorToDoor;
  if (!d) return [];
  return d.routes.map((route) => ({ ...route, office: route.depot ?? d.depot }));
}

/** Whether a route runs on `day` (null = a daily plan's one day; a route without a day runs every day). */
const runsOn = (routeDay: string | undefined, day: string | null): boolean => day === null || routeDay === undefined || routeDay === day;

/**
 * Sums the routes of one tier on one day. Vehicles are routes with a stop, except a waiting
 * truck's way back, which is the morning truck again (as the scenario rows count it).
 */
function dayFigures(routes: readonly ReportRoute[], waits: boolean, costed: boolean): TierDayFigures {
  let distance = 0;
  let duration = 0;
  let cost = 0;
  let vehicles = 0;
  for (const route of routes) {
    distance += route.distance;
    duration += route.duration;
    cost += route.cost ?? 0;
    if (route.stops.length > 0 && !(waits && route.tier === 'collection')) vehicles++;
  }
  return { routes: routes.length, vehicles, km: round(distance / 1000, 2), driverHours: round(duration / 3600, 2), cost: costed ? round(cost, 2) : null };
}

function doorDayFigures(routes: readonly DoorToDoorRoute[]): TierDayFigures {
  const km = routes.reduce((sum, r) => sum + r.km, 0);
  const seconds = routes.reduce((sum, r) => sum + r.durationS, 0);
  return { routes: routes.length, vehicles: routes.length, km: round(km, 2), driverHours: round(seconds / 3600, 2), cost: null };
}

/**
 * The county's figures of a plan report, keyed by tier × day (× office for the binding rules and
 * door to door). A daily plan has one day, `null`; a year is `operatingDaysPerYear` days, or
 * `operatingDaysPerYear / days` weeks in a weekly plan.
 *
 * @example
 * const county = countyFigures(result.report);
 * county.tiers.find((t) => t.tier === 'trunk')?.kmPerYearAfter;
 */
export function countyFigures(report: CountyInput): CountyFigures {
  const s = report.summary;
  const days: (string | null)[] = s.week ? [...s.week.days] : [null];
  const perYear = s.week ? s.operatingDaysPerYear / s.week.days.length : s.operatingDaysPerYear;
  const waits = report.tiers?.collection === 'wait';
  const doors = doorRoutes(report);
  const hasToday = report.before.length > 0;
  // The plan's own verdict on like for like (compareService): a saving only when it gave one.
  const likeForLike = s.savedKmPerDay !== null;

  const tiers: CountyTierFigures[] = [];
  // Each tier's km a year before rounding, for the parts' sums (partsOf).
  const exactKmPerYear = new Map<CountyTier, number>();
  for (const tier of COUNTY_TIERS) {
    const of = (routes: readonly ReportRoute[]): ReportRoute[] => routes.filter((r) => countyTierOf(r) === tier);
    const before = of(report.before);
    const after = of(report.after);
    if (tier === 'door-to-door' ? doors.length === 0 && report.doorToDoor === undefined : before.length + after.length === 0) continue;
    // A tier has costs when its vehicles have them (two-tier plans); a day without routes then costs 0.
    const costed = [...before, ...after].some((r) => r.cost !== undefined);
    const perDay = days.map((day) => {
      const a = tier === 'door-to-door' ? doorDayFigures(doors.filter((r) => runsOn(r.day, day))) : dayFigures(after.filter((r) => runsOn(r.day, day)), waits, costed);
      // Today's door-to-door routes are not an input: no today for that tier.
      const b = tier === 'door-to-door' || !hasToday ? null : dayFigures(before.filter((r) => runsOn(r.day, day)), waits, costed);
      return { day, before: b, after: a };
    });
    const sum = (pick: (f: TierDayFigures) => number, side: 'before' | 'after'): number | null => {
      let total = 0;
      for (const entry of perDay) {
        const f = entry[side];
        if (f === null) return null;
        total += pick(f);
      }
      return total;
    };
    // Year figures from the unrounded metres, so that they agree with the plan's own savings.
    const metres = (routes: readonly ReportRoute[]): number => days.reduce((total, day) => total + routes.filter((r) => runsOn(r.day, day)).reduce((m, r) => m + r.distance, 0), 0);
    const kmBefore = perDay.some((e) => e.before === null) ? null : metres(before) / 1000;
    const kmAfter = tier === 'door-to-door' ? (sum((f) => f.km, 'after') as number) : metres(after) / 1000;
    const costOf = (side: 'before' | 'after'): number | null => (perDay.some((e) => e[side]?.cost === null || e[side] === null) ? null : sum((f) => f.cost ?? 0, side));
    const costBefore = costOf('before');
    const costAfter = costOf('after');
    const hoursBefore = sum((f) => f.driverHours, 'before');
    const saved = likeForLike && kmBefore !== null ? kmBefore - kmAfter : null;
    exactKmPerYear.set(tier, kmAfter * perYear);
    tiers.push({
      tier,
      perDay,
      kmPerYearBefore: kmBefore === null ? null : round(kmBefore * perYear, 0),
      kmPerYearAfter: round(kmAfter * perYear, 0),
      driverHoursPerYearBefore: hoursBefore === null ? null : round(hoursBefore * perYear, 0),
      driverHoursPerYearAfter: round((sum((f) => f.driverHours, 'after') as number) * perYear, 0),
      costPerYearBefore: costBefore === null ? null : round(costBefore * perYear, 2),
      costPerYearAfter: costAfter === null ? null : round(costAfter * perYear, 2),
      savedKmPerYear: saved === null ? null : round(saved * perYear, 0),
      optimisationRatePercent: saved === null || kmBefore === null || kmBefore === 0 ? null : round((saved / kmBefore) * 100, 2),
    });
  }

  const names = new Map((report.tiers?.offices ?? []).map((o) => [o.id, o.name]));
  const offices = (report.tiers?.offices ?? []).map((o) => ({ office: o.id, name: o.name, day: o.day ?? null, binding: [...o.binding] }));
  const doorToDoor: CountyFigures['doorToDoor'] = [];
  for (const office of [...new Set(doors.map((r) => r.office))].sort()) {
    for (const day of days) {
      const own = doors.filter((r) => r.office === office && runsOn(r.day, day));
      if (own.length === 0) continue;
      doorToDoor.push({
        office, name: names.get(office) ?? office, day, routes: own.length,
        kmServed: round(own.reduce((sum, r) => sum + r.kmServiced, 0), 2),
        kmDeadheaded: round(own.reduce((sum, r) => sum + r.kmDeadheaded, 0), 2),
      });
    }
  }
  return { days: s.week ? [...s.week.days] : null, yearFactor: round(perYear, 2), tiers, offices, doorToDoor, parts: partsOf(report, exactKmPerYear, perYear) };
}

/**
 * What each part of the plan saves against the same stops served without it: the frequencies
 * against daily service of the same stops (`summary.week`), the second tier and door to door
 * against the planner's plans without them (`withoutParts`, plan/part-savings.ts). A saving is
 * given only when the planner found both plans the same service; otherwise the km of both are
 * given with the reason, and a part nothing was planned without says why (its `against`).
 */
function partsOf(report: CountyInput, exactKmPerYear: ReadonlyMap<CountyTier, number>, perYear: number): CountyPart[] {
  const s = report.summary;
  const parts: CountyPart[] = [];
  if (s.week) {
    parts.push({
      part: 'frequencies', kmPerYear: s.week.kmPerYearAfter, kmPerYearWithout: s.week.kmPerYearDailyService,
      savedKmPerYear: round(s.week.kmPerYearDailyService - s.week.kmPerYearAfter, 0),
      against: `daily service of the same stops${s.week.dailyServiceSearch === undefined ? '' : `, ${s.week.dailyServiceSearch}`}`,
    });
  }
  // Summed before rounding, so that the part says the figure the tiers' total and the week say.
  const kmOf = (...names: CountyTier[]): number => names.reduce((sum, name) => sum + (exactKmPerYear.get(name) ?? 0), 0);
  const measured = (part: PartCounterfactual['part'], withKm: number, notMeasured: string): CountyPart => {
    const without = report.withoutParts?.find((p) => p.part === part);
    const kmPerYear = round(withKm, 0);
    if (without === undefined || without.perDay === null) return { part, kmPerYear, kmPerYearWithout: null, savedKmPerYear: null, against: without?.against ?? notMeasured };
    const withoutKm = without.perDay.reduce((sum, day) => sum + day.km, 0) * perYear;
    const out: CountyPart = { part, kmPerYear, kmPerYearWithout: round(withoutKm, 0), savedKmPerYear: without.notComparable === null ? round(withoutKm - withKm, 0) : null, against: without.against };
    if (without.notComparable !== null) out.notComparable = without.notComparable;
    return out;
  };
  if (report.tiers) parts.push(measured('second-tier', kmOf('trunk', 'delivery', 'collection'), 'not measured: no one-tier plan of the same stops was made'));
  if (report.doorToDoor) parts.push(measured('door-to-door', kmOf('door-to-door'), 'not measured: no other service of the same streets was planned'));
  return parts;
}

/**
 * The report with `summary.county` filled when its routes are keyed by tier, day or office; a
 * one-tier daily report is returned as it is (its summary.json stays byte for byte what it was).
 *
 * @example
 * const report = withCountyFigures(planned.report);
 */
export function withCountyFigures<R extends CountyInput>(report: R): R {
  if (!isKeyed(report)) return report;
  return { ...report, summary: { ...report.summary, county: countyFigures(report) } };
}

/**
 * A scenario row's per-tier figures: km per average operating day and per year, vehicles on the
 * busiest day, driver-hours and cost per average day; absent for a one-tier daily plan.
 *
 * @example
 * row.tiers = scenarioTiers(scenarioReport);
 */
export function scenarioTiers(report: CountyInput): ScenarioTierRow[] | undefined {
  if (!isKeyed(report)) return undefined;
  const county = report.summary.county ?? countyFigures(report);
  const n = county.days?.length ?? 1;
  return county.tiers.map((t) => {
    const costs = t.perDay.map((d) => d.after.cost);
    return {
      tier: t.tier,
      kmPerDay: round(t.perDay.reduce((sum, d) => sum + d.after.km, 0) / n, 2),
      kmPerYear: t.kmPerYearAfter,
      vehicles: Math.max(0, ...t.perDay.map((d) => d.after.vehicles)),
      driverHours: round(t.perDay.reduce((sum, d) => sum + d.after.driverHours, 0) / n, 2),
      cost: costs.some((c) => c === null) ? null : round(costs.reduce((sum: number, c) => sum + (c ?? 0), 0) / n, 2),
    };
  });
}
