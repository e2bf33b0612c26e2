/**
 * Two tiers across the week (issue 19 §1): the weekly counterpart of `planTwoTier`. The villages'
 * days and the delivery routes are chosen together per office by the periodic engine, each day's
 * trunk carries that day's loads and releases that day's vans (tiers/week.ts). Today's network is
 * read with its `tier`, `depot` and `day` columns together (a route without a day runs every
 * operating day) and each day is evaluated by the same evaluator as the plan's days.
 */
import { InputError } from '../errors.js';
import { computeSavings, round } from '../report/savings.js';
import type { OfficeReport, PlanReport, ReportPlace, ReportRoute, SavingsSummary, TierSavings, UnassignedStop, WeekSummary } from '../report/types.js';
import { summariseWeek } from '../report/week.js';
import type { PlanPlace } from './places.js';
import type { ServiceDays } from './service-days.js';
import { patternOf, stationDays } from './service-days.js';
import { reportRoads, wordUnassigned } from './steps.js';
import { evaluateTwoTier, solveTwoTier, type TwoTierResult } from './tiers/solve.js';
import { dayInput, solveTwoTierWeek } from './tiers/week.js';
import { delivered, noTrunkStop, officeReports, tierReportPlaces, tierRoutes, todayInputOf, type TwoTierContext } from './two-tier.js';
import { weekRouteIds } from './baseline.js';
import { baselineShapeOf, resolveTwoTierBaseline, type TwoTierBaseline } from './two-tier-baseline.js';
import { buildTwoTierInput } from './two-tier-input.js';
import { lessSharedVans } from './door-to-door-fleet.js';
import { countsPerDay } from './file/plan-file.js';
import type { TiersSpec } from './file/plan-tiers.js';
import { officeOfPiece, type TierVehicle, type TwoTierInput } from './tiers/model.js';
import type { PeriodicStopInput } from '../vrp/periodic/index.js';

/** A weekly two-tier plan: the report, and each day's tiers as planned and as today runs them. */
export interface TwoTierWeekPlan {
  report: Omit<PlanReport, 'run'>;
  days: TwoTierResult[];
  today: (TwoTierResult | null)[];
  /** The week's problem as planned (each stop's visit rule in `patterns`) and the time limit its
   *  search had: what the plan without the second tier is planned on (part-savings.ts). */
  input: TwoTierInput;
  patterns: Map<string, Partial<PeriodicStopInput>>;
  timeLimit: number;
}

/**
 * Plans two tiers across the week. `stations` (village → station, the newly opened stations and
 * the places before the villages moved to them) give a station the days of the most often served
 * of its villages.
 */
export function planTwoTierWeek(context: TwoTierContext, service: ServiceDays, stations: { servedVia: ReadonlyMap<string, string>; opened: readonly string[]; places: readonly PlanPlace[] } | null): TwoTierWeekPlan {
  const { spec, places, prepared, sources, progress } = context;
  const tiers = spec.tiers!;
  const { days: names, accumulate } = service.week;
  const H = names.length;
  const built = buildTwoTierInput(spec, context.rawPlaces, places, prepared, context.profiles, sources);
  const { rejected } = built;
  const full = withFleetOfDays(built.input, tiers, names);
  // Today's week is read against the places as they are (a village a station takes in the new
  // plan is still a stop of today's routes); byId knows every place, for both sides' routes.
  const today0 = todayInputOf(context, full);
  const { byId } = today0;
  // Today's routes are judged against the same fleet of each day as the plan's.
  const todayInput = today0.input === full ? full : withFleetOfDays(today0.input, tiers, names);
  // The plan's delivery tier without the vans that go door to door on their days; today's keeps its fleet.
  const input = lessSharedVans(full, context.sharedVans, names);
  const perPlace = stations === null || stations.servedVia.size === 0 ? service.perPlace : stationDays(service.perPlace, stations.servedVia, stations.places, stations.opened);
  const patterns = new Map(input.stops.map((stop) => [stop.id, patternOf({ ...service, perPlace }, stop.id)]));

  // Today's week: each route on its day, or every operating day when it has none.
  const baseline = resolveTwoTierBaseline(context.baseline, [...byId.values()], spec, baselineShapeOf(todayInput), sources, prepared.rejected);
  const dayOf = (route: TwoTierBaseline['trunk'][number]['route']): number | null => {
    if (route.day === undefined) return null;
    const d = names.findIndex((name) => name.toLowerCase() === route.day!.slice(0, 3).toLowerCase() && route.day!.length >= 3);
    if (d < 0) {
      const first = route.rows?.[0];
      const line = route.lines?.[0];
      throw new InputError(`route "${route.id}" runs on "${route.day}", which is not an operating day`,
        { source: sources.baseline, ...(first !== undefined ? { index: first } : {}), ...(line !== undefined ? { line } : {}), field: 'day' }, `operating days: ${names.join(', ')}`);
    }
    return d + 1;
  };
  const runsOn = (route: TwoTierBaseline['trunk'][number]['route'], d: number): boolean => { const at = dayOf(route); return at === null || at === d; };
  const baselineOfDay = (d: number): TwoTierBaseline => ({ trunk: baseline.trunk.filter((r) => runsOn(r.route, d)), delivery: baseline.delivery.filter((r) => runsOn(r.route, d)) });
  const todayVisits = new Map<string, number[]>();
  for (let d = 1; d <= H; d++) for (const r of baselineOfDay(d).delivery) for (const stop of r.input.stops) todayVisits.set(stop, [...(todayVisits.get(stop) ?? []), d]);
  const today: (TwoTierResult | null)[] = [];
  const hasToday = baseline.trunk.length + baseline.delivery.length > 0;
  if (hasToday) progress({ step: 'baseline', message: `evaluating today's week: ${baseline.trunk.length} trunk and ${baseline.delivery.length} delivery routes over ${H} days` });
  for (let d = 1; d <= H; d++) {
    const b = baselineOfDay(d);
    // Each day as an ordinary two-tier day, with the mail each of today's visits carries that day.
    today.push(!hasToday ? null : evaluateTwoTier(dayInput(todayInput, todayVisits, d, H, accumulate), { trunk: b.trunk.map((r) => r.input), delivery: b.delivery.map((r) => r.input) }));
  }

  progress({ step: 'solve', message: `planning ${input.offices.length} offices and ${input.stops.length} stops in two tiers over ${H} days (${names.join(', ')}), up to ${context.timeLimit} s` });
  const search = { seed: context.seed, maxIterationsWithoutImprovement: context.maxIterationsWithoutImprovement, ...(context.threads !== undefined ? { threads: context.threads } : {}), onProgress: progress };
  const weekTimeLimit = context.timeLimit * 0.8;
  const week = solveTwoTierWeek(input, { horizon: H, accumulate, patterns }, { ...search, timeLimit: weekTimeLimit });
  // What the frequencies save: the same stops served every operating day by the daily two-tier planner.
  progress({ step: 'solve', message: 'daily two-tier service of the same stops, for comparison' });
  const dailyTimeLimit = context.timeLimit * 0.2;
  const everyDay = solveTwoTier(input, { ...search, timeLimit: dailyTimeLimit });

  const before: ReportRoute[] = [];
  const after: ReportRoute[] = [];
  const offices: OfficeReport[] = [];
  // Today's route of one day keeps its own id ("Mon-harsdorf-1"); a route of every day gets the day in front.
  const todayId = weekRouteIds([...baseline.trunk, ...baseline.delivery].map((r) => r.route), names, ['-pm']);
  for (let d = 1; d <= H; d++) {
    const name = names[d - 1]!;
    const day = dayInput(input, week.visits, d, H, accumulate);
    const routes = tierRoutes(context, day, byId, week.days[d - 1]!, today[d - 1]!, baselineOfDay(d));
    for (const route of routes.before) {
      route.day = name;
      // The afternoon collection is named after its morning trunk route ("<trunk id>-pm").
      route.id = route.tier === 'collection' && route.id.endsWith('-pm') ? `${todayId(route.id.slice(0, -3), name)}-pm` : todayId(route.id, name);
    }
    for (const route of routes.after) {
      route.day = name;
      route.id = `${name} ${route.id}`;
    }
    before.push(...routes.before);
    after.push(...routes.after);
    offices.push(...officeReports(day, week.days[d - 1]!, today[d - 1]!, routes.before, routes.after, byId).map((office) => ({ ...office, day: name })));
  }

  // Unserved: off the network, no room in the week, or an office the trunk cannot serve some day.
  const unassigned: UnassignedStop[] = rejected.map((entry) => ({ id: entry.id, name: byId.get(entry.id)?.name ?? entry.id, reason: entry.reason }));
  // A village whose office no day's trunk reached was not planned for the week: said as that.
  for (const entry of week.unassigned) {
    const office = week.assignment.get(entry.id);
    const noTrunk = entry.reason === 'time-window-unreachable' && office !== undefined && !week.plannedRelease.has(office);
    unassigned.push(noTrunk ? noTrunkStop(entry.id, office, undefined, byId) : wordUnassigned([entry], byId)[0]!);
  }
  week.days.forEach((planned, k) => {
    const on = ` (${names[k]})`;
    unassigned.push(...wordUnassigned(planned.trunk.solution.unassigned, byId, `the trunk cannot serve this office${on}: `));
    // An office the trunk cannot serve that day has no vans back in time to collect from: the
    // trunk's line says why, once.
    const noTrunk = new Set(planned.trunk.solution.unassigned.map((stop) => officeOfPiece(stop.id)));
    const collection = (planned.collection?.solution.unassigned ?? []).filter((stop) => !noTrunk.has(officeOfPiece(stop.id)));
    unassigned.push(...wordUnassigned(collection, byId, `the collection cannot take this office's goods${on}: `));
  });
  // Visits of a day whose trunk did not reach their office: each said with its day, after the
  // office's own trunk line that says why (tiers/week.ts `missed`).
  for (const visit of week.missed) unassigned.push(noTrunkStop(visit.id, visit.office, names[visit.day - 1]!, byId, accumulate));

  progress({ step: 'report', message: 'writing the report' });
  const notServedToday = hasToday ? input.stops.filter((stop) => !todayVisits.has(stop.id)).map((stop) => stop.id) : [];
  const dailyServiceM = [everyDay.trunk.solution, ...everyDay.delivery.runs.map((run) => run.solution), ...(everyDay.collection ? [everyDay.collection.solution] : [])]
    .reduce((sum, s) => sum + s.routes.reduce((a, r) => a + r.distance, 0), 0);
  // A trunk and a delivery route both carry the same mail: count what reaches its destination once
  // (a village at its office's counter is on the trunk only), and judge like for like on that.
  const mailDelivered = {
    before: week.days.reduce((sum, _, k) => sum + delivered(before.filter((r) => r.day === names[k]), dayInput(todayInput, todayVisits, k + 1, H, accumulate)), 0),
    after: week.days.reduce((sum, _, k) => sum + delivered(after.filter((r) => r.day === names[k]), dayInput(input, week.visits, k + 1, H, accumulate)), 0),
  };
  // The week's figures are the report's (report/week.ts); its like-for-like verdict stands.
  const { week: weekSummary, ...summary }: SavingsSummary & { week: WeekSummary } = summariseWeek(before, after, {
    name: spec.name, operatingDaysPerYear: spec.operatingDaysPerYear, unassigned, notServedToday, stations: null, mailDelivered,
    ...(context.todayPlaces ? { servedVia: context.todayPlaces.servedVia } : {}),
    days: names, accumulate, dailyServiceM,
    // A weaker search of daily service makes the frequencies look better than they are: said.
    ...(dailyTimeLimit < weekTimeLimit ? { dailyServiceSearch: `planned with ${Math.round((100 * dailyTimeLimit) / weekTimeLimit)} % of the week plan's search time, so the frequencies may look better than they are` } : {}),
    visits: input.stops.filter((stop) => week.visits.has(stop.id)).map((stop) => {
      const days = week.visits.get(stop.id)!;
      return { id: stop.id, name: byId.get(stop.id)?.name ?? stop.id, visitsPerWeek: days.length, days: days.map((d) => names[d - 1]!) };
    }),
  });
  const compare = summary.savedKmPerDay !== null;
  // Vehicles: the busiest day of each tier (a truck of the morning also drives the collection).
  const busiest = (routes: readonly ReportRoute[], tier: string): number => Math.max(0, ...names.map((d) => routes.filter((r) => r.day === d && r.tier === tier).length));
  summary.before.vehicles = busiest(before, 'trunk') + busiest(before, 'delivery');
  summary.after.vehicles = busiest(after, 'trunk') + busiest(after, 'delivery');
  summary.vehiclesSaved = compare ? summary.before.vehicles - summary.after.vehicles : null;
  summary.tiers = (['trunk', 'delivery', 'collection'] as const)
    .filter((tier) => tier !== 'collection' || input.trunk.collection !== null)
    .map((tier): TierSavings => {
      const s = computeSavings(before.filter((r) => r.tier === tier), after.filter((r) => r.tier === tier), { operatingDaysPerYear: spec.operatingDaysPerYear });
      const saved = (s.before.distanceM - s.after.distanceM) / H / 1000;
      return { tier, before: s.before, after: s.after, savedKmPerDay: compare ? round(saved, 2) : null, optimisationRatePercent: compare ? s.optimisationRatePercent : null };
    });
  if (hasToday) summary.costBefore = round(before.reduce((sum, r) => sum + (r.cost ?? 0), 0) / H, 2);
  summary.costAfter = round(after.reduce((sum, r) => sum + (r.cost ?? 0), 0) / H, 2);
  // The week last, as in every weekly summary.json.
  (summary as SavingsSummary).week = weekSummary;

  const bindingCount = new Map<string, string[]>();
  for (const office of offices) for (const rule of office.binding) {
    const list = bindingCount.get(rule) ?? [];
    if (!list.includes(office.id)) list.push(office.id);
    bindingCount.set(rule, list);
  }
  const todayOffice = new Map<string, string>();
  for (const t of today) for (const [stop, office] of t?.assignment ?? []) todayOffice.set(stop, office);
  const reportPlaces = tierReportPlaces(context, input, todayInput, todayOffice, (id) => (week.visits.has(id) ? week.assignment.get(id) : undefined));
  return {
    days: week.days, today, input, patterns, timeLimit: weekTimeLimit,
    report: {
      summary, places: reportPlaces, before, after, roads: reportRoads(prepared.network),
      tiers: {
        dimensions: input.dimensions, assignment: tiers.delivery.assignment, toleranceKm: tiers.delivery.tolerance / 1000,
        sortingMinutes: tiers.delivery.sorting / 60, collection: input.trunk.collection?.mode ?? null, rounds: week.rounds,
        offices, moved: [...(context.scenarioMoves ?? [])],
        binding: [...bindingCount].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([constraint, list]) => ({ constraint, offices: list })),
      },
    },
  };
}

/**
 * The fleets of each operating day (plan.json's `countPerDay`, days by name) on the vehicles of a
 * two-tier input, as `TierVehicle.countPerDay` (by day of the horizon); `dayInput` takes each day's.
 */
function withFleetOfDays(input: TwoTierInput, tiers: TiersSpec, names: readonly string[]): TwoTierInput {
  const perDayOf = new Map([...tiers.trunk.fleet, ...tiers.delivery.fleet].map((vehicle) => [vehicle.id, vehicle.countPerDay]));
  if ([...perDayOf.values()].every((perDay) => perDay === undefined)) return input;
  const withDays = <V extends TierVehicle>(vehicle: V, type: string): V => {
    const perDay = perDayOf.get(type);
    return perDay === undefined ? vehicle : { ...vehicle, countPerDay: countsPerDay(vehicle.count, perDay, names) };
  };
  return {
    ...input,
    trunk: { ...input.trunk, vehicles: input.trunk.vehicles.map((vehicle) => withDays(vehicle, vehicle.id)) },
    delivery: { ...input.delivery, vehicles: input.delivery.vehicles.map((vehicle) => withDays(vehicle, vehicle.type)) },
  };
}

