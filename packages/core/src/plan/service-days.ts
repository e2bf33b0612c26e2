/**
 * Weekly service in the planner (issue 11): villages visited on some days only. Places may carry
 * `visits_per_week` (1–7) and `days` (`Mon,Wed,Fri`, or `any`); plan.json's `week` names the
 * operating days and whether mail waits for the next visit (it accumulates by default). A plan in
 * which no place has these fields and plan.json has no `week` never comes here: today's files give
 * today's daily plan.
 *
 * Patterns: no fields = every operating day; `visits_per_week: k` (any day) = every k operating
 * days spread at least ⌊days / k⌋ apart (3 of Mon–Sat: Mon–Wed–Fri, Tue–Thu–Sat, …); `days` alone =
 * exactly those days; both = k of those days. Today's routes may carry a `day`; a route without one
 * runs every operating day. Both plans are measured over the real week by the same evaluator, and
 * the new plan is also compared with daily service of the same stops (what the frequencies save).
 */
import { InputError } from '../errors.js';
import { placeLocation, type Place } from '../io/places.js';
import type { BaselineRoute } from '../io/baseline.js';
import { countsPerDay, WEEKDAYS, type PlanSpec, type WeekSpec } from './file/plan-file.js';
import { summariseWeek } from '../report/week.js';
import type { ReportRoute, UnassignedStop } from '../report/types.js';
import { createProblem, solve, type ProblemInput } from '../vrp/index.js';
import { createPeriodicProblem, evaluatePeriodicPlan, solvePeriodic } from '../vrp/periodic/index.js';
import type { PeriodicProblemInput, PeriodicRouteInput, PeriodicSolutionResult, PeriodicStopInput, PeriodicVehicleTypeInput } from '../vrp/periodic/index.js';
import { resolveBaseline, weekRouteIds } from './baseline.js';
import type { OneTierContext, OneTierResult } from './one-tier.js';
import { reportRoads, wordUnassigned } from './steps.js';
import type { PlanPlace } from './places.js';
import { buildProblemInput, type ProblemContext } from './problem.js';
import { toReportRoute, type RouteReportContext } from './route-report.js';
import { placeToday, type OpenedStations } from './stations.js';

/** How often each place is served, read from the places file. */
export interface ServiceDays {
  week: WeekSpec;
  /** Place id → visits per week and the allowed days (indices into `week.days`, null = any), and
   *  whether the places file gives them (`given`) or they are the default (every operating day). */
  perPlace: Map<string, { visits: number; allowed: number[] | null; given: boolean }>;
}

/**
 * The weekly service of a plan, or null when neither plan.json's `week` nor any place's
 * `visits_per_week` / `days` asks for one. Every bad value is an InputError at its place and field.
 */
export function readServiceDays(spec: PlanSpec, places: readonly Place[], source: string): ServiceDays | null {
  const asked = places.some((p) => p.properties.visits_per_week !== undefined || p.properties.days !== undefined);
  if (spec.week === undefined && !asked) return null;
  const week: WeekSpec = spec.week ?? { days: WEEKDAYS.slice(0, 6), accumulate: true };
  const H = week.days.length;
  const perPlace = new Map<string, { visits: number; allowed: number[] | null; given: boolean }>();
  places.forEach((place, index) => {
    const at = (field: string): ReturnType<typeof placeLocation> => placeLocation(place, index, source, field);
    const rawVisits = place.properties.visits_per_week;
    const rawDays = place.properties.days;
    let allowed: number[] | null = null;
    if (rawDays !== undefined && rawDays !== null && String(rawDays).trim() !== '' && String(rawDays).trim().toLowerCase() !== 'any') {
      const names = String(rawDays).split(/[,;\s]+/).filter((x) => x !== '');
      allowed = names.map((name) => {
        const k = week.days.findIndex((d) => d.toLowerCase() === name.slice(0, 3).toLowerCase() && name.length >= 3);
        if (k < 0) throw new InputError(`"${name}" is not an operating day of the plan`, at('days'), `operating days: ${week.days.join(', ')} (plan.json "week"); or write "any"`);
        return k;
      });
      allowed = [...new Set(allowed)].sort((a, b) => a - b);
    }
    let visits = allowed?.length ?? H;
    if (rawVisits !== undefined && rawVisits !== null && String(rawVisits).trim() !== '') {
      const value = Number(rawVisits);
      if (!Number.isInteger(value) || value < 1 || value > 7)
        throw new InputError(`visits_per_week must be a whole number 1 … 7, got "${String(rawVisits)}"`, at('visits_per_week'));
      const room = allowed?.length ?? H;
      if (value > room)
        throw new InputError(`visits_per_week ${value} is more than the ${room} day(s) it may be served on`, at('visits_per_week'),
          allowed ? 'allow more days, or lower visits_per_week' : `the plan operates on ${week.days.join(', ')}`);
      visits = value;
    }
    const given = allowed !== null || (rawVisits !== undefined && rawVisits !== null && String(rawVisits).trim() !== '');
    perPlace.set(place.id, { visits, allowed, given });
  });
  return { week, perPlace };
}

/** The periodic fields of a stop: daily, a rule (spread over the week), or fixed days. */
export function patternOf(service: ServiceDays, id: string): Partial<PeriodicStopInput> {
  const H = service.week.days.length;
  const own = service.perPlace.get(id);
  if (own === undefined) return {};
  const days = (own.allowed ?? Array.from({ length: H }, (_, k) => k)).map((k) => k + 1);
  if (own.visits === days.length) return { patterns: [days] };
  if (own.allowed === null) return { visits: own.visits, minGap: Math.max(1, Math.floor(H / own.visits)) };
  return { visits: own.visits, days };
}

/**
 * A station's days: those of the most often served of the villages it serves, itself included
 * when it was a village until opened (the first in place order among equals); a station or
 * outlet of the places file keeps the days the file gives it.
 */
export function stationDays(perPlace: ServiceDays['perPlace'], servedVia: ReadonlyMap<string, string>, places: readonly PlanPlace[], opened: readonly string[]): ServiceDays['perPlace'] {
  const newlyOpened = new Set(opened);
  const out = new Map(perPlace);
  const villagesOf = new Map<string, string[]>();
  for (const place of places) {
    const site = servedVia.get(place.id);
    if (site !== undefined) villagesOf.set(site, [...(villagesOf.get(site) ?? []), place.id]);
  }
  for (const [site, villages] of villagesOf) {
    const own = perPlace.get(site);
    if (own?.given && !newlyOpened.has(site)) continue;
    let best = own;
    for (const id of villages) {
      const days = perPlace.get(id);
      if (days !== undefined && (best === undefined || days.visits > best.visits)) best = days;
    }
    if (best !== undefined) out.set(site, { ...best, given: false });
  }
  return out;
}

/** The weekly counterpart of `planOneTier`: today's week and the new week, measured alike. */
export async function planServiceWeek(context: OneTierContext, weekService: ServiceDays): Promise<OneTierResult> {
  let service = weekService;
  const { spec, places, prepared, sources, seed, timeLimit, progress } = context;
  const { network, snapOf, matrix, row } = prepared;
  const { days, accumulate } = service.week;
  const H = days.length;
  const byId = new Map(places.map((place) => [place.id, place]));
  const hubs = places.filter((place) => place.role === 'hub');
  // Stations before routes: a station is the stop of its villages, with their mail, on the days
  // of the most often served of them unless the places file gives its own.
  let stations: OpenedStations['stations'] | null = null;
  let servedVia = new Map<string, string>();
  if (context.opened) ({ stations, servedVia } = context.opened);
  const mailOf = new Map(places.map((place) => [place.id, place.mail]));
  for (const [village, site] of servedVia) mailOf.set(site, (mailOf.get(site) ?? 0) + (mailOf.get(village) ?? 0));
  if (servedVia.size > 0) service = { ...service, perPlace: stationDays(service.perPlace, servedVia, places, stations?.opened ?? []) };
  const planStops = places.filter((place) => place.role !== 'hub' && !servedVia.has(place.id));
  const unassigned: UnassignedStop[] = [];
  for (const place of planStops) {
    const why = prepared.rejected.get(place.id);
    if (why) unassigned.push({ id: place.id, name: place.name, reason: why });
  }
  const problemContext: ProblemContext = { matrix, row, hubs, places: byId, fleet: spec.fleet };
  const routeContext: RouteReportContext = { network, snaps: snapOf, places: byId, fleet: spec.fleet };
  // Today's routes carry each place's own mail; the plan's stations carry their villages' too.
  const ownMail = (id: string): number => byId.get(id)?.mail ?? 0;
  const mail = (id: string): number => mailOf.get(id) ?? 0;
  const weekly = (ids: readonly string[], fields: (id: string) => Partial<PeriodicStopInput>, mailOfStop = mail): PeriodicProblemInput => {
    const daily = buildProblemInput(problemContext, ids, mailOfStop);
    return { ...daily, horizon: H, accumulate, stops: daily.stops.map((stop) => ({ ...stop, ...fields(stop.id) })), vehicleTypes: fleetOfDays(daily.vehicleTypes) };
  };
  // A type with `countPerDay` gives the periodic engine its fleet of each day (the engine takes
  // either one count or the counts per day).
  const fleetOfDays = (types: ProblemInput['vehicleTypes']): PeriodicVehicleTypeInput[] => types.map((type) => {
    const perDay = spec.fleet.find((vehicle) => vehicle.id === type.id)?.countPerDay;
    if (perDay === undefined) return type;
    const { count, ...rest } = type;
    return { ...rest, countPerDay: countsPerDay(count ?? 1, perDay, days) };
  });
  const defaultType = (spec.fleet[0] as { id: string }).id;

  // Today's week: a route with a day runs that day, one without runs every operating day.
  const baseline = resolveBaseline(context.baseline, places, spec, sources, prepared.rejected);
  const todayWeek: { route: BaselineRoute; day: number }[] = [];
  for (const route of baseline.routes) {
    if (route.day === undefined) {
      for (let d = 0; d < H; d++) todayWeek.push({ route, day: d });
      continue;
    }
    const d = days.findIndex((name) => name.toLowerCase() === route.day!.slice(0, 3).toLowerCase() && route.day!.length >= 3);
    if (d < 0) {
      const first = route.rows?.[0];
      const line = route.lines?.[0];
      throw new InputError(`route "${route.id}" runs on "${route.day}", which is not an operating day`,
        { source: sources.baseline, ...(first !== undefined ? { index: first } : {}), ...(line !== undefined ? { line } : {}), field: 'day' }, `operating days: ${days.join(', ')}`);
    }
    todayWeek.push({ route, day: d });
  }
  todayWeek.sort((a, b) => a.day - b.day);
  const todayInput: PeriodicRouteInput[] = todayWeek.map(({ route, day }) => ({ day: day + 1, vehicleType: route.vehicleType ?? defaultType, stops: route.stops }));
  let baselineSolution: PeriodicSolutionResult | null = null;
  const before: ReportRoute[] = [];
  if (todayInput.length > 0) {
    progress({ step: 'baseline', message: `evaluating today's week: ${todayInput.length} routes over ${H} days` });
    // Today's days are what today's plan does, whatever the new frequencies: no pattern to break.
    const visited = new Map<string, number[]>();
    for (const r of todayInput) for (const s of r.stops) visited.set(s, [...(visited.get(s) ?? []), r.day]);
    const problem = createPeriodicProblem(weekly([...baseline.servedBy.keys()], (id) => ({ patterns: [visited.get(id) ?? [1]] }), ownMail), { source: sources.baseline });
    baselineSolution = evaluatePeriodicPlan(problem, todayInput);
    // A route beyond the day's fleet carries the day's evaluator verdict (fleet-size): worded once.
    // Today's route of one day keeps its own id ("Mon-west-1"); a route of every day gets the day in front.
    const todayId = weekRouteIds(baseline.routes, days);
    baselineSolution.routes.forEach((route, i) => {
      const { route: source } = todayWeek[i]!;
      before.push(toReportRoute(routeContext, 'before', todayId(source.id, days[route.day - 1]!), route, source.lineLength, days[route.day - 1]!));
    });
  }

  // The new week, warm-started from today's.
  const planIds = planStops.map((place) => place.id);
  const problem = createPeriodicProblem(weekly(planIds, (id) => patternOf(service, id)), { source: 'plan' });
  const planIdSet = new Set(planIds);
  const warmStart = todayInput.map((r) => ({ ...r, stops: r.stops.filter((s) => planIdSet.has(s)) })).filter((r) => r.stops.length > 0);
  progress({ step: 'solve', message: `routing ${planStops.length} stops over ${H} days (${days.join(', ')}), up to ${timeLimit} s` });
  const solution = solvePeriodic(problem, {
    seed, timeLimit, maxIterationsWithoutImprovement: context.maxIterationsWithoutImprovement, warmStart,
    ...(context.threads !== undefined ? { threads: context.threads } : {}),
    onProgress: (event) => progress({ ...event, step: 'solve' }),
  });
  const perDayCount = new Array<number>(H).fill(0);
  const after = solution.routes.map((route) => {
    perDayCount[route.day - 1]!++;
    return toReportRoute(routeContext, 'after', `${days[route.day - 1]} N${perDayCount[route.day - 1]}`, route, undefined, days[route.day - 1]!);
  });
  unassigned.push(...wordUnassigned(solution.unassigned, byId));

  // What the frequencies save: the same stops served every operating day by the daily planner.
  progress({ step: 'solve', message: 'daily service of the same stops, for comparison' });
  const dailyProblem = createProblem(buildProblemInput(problemContext, planIds, mail), { source: 'plan' });
  const daily = solve(dailyProblem, {
    seed, timeLimit, maxIterationsWithoutImprovement: context.maxIterationsWithoutImprovement,
    ...(context.threads !== undefined ? { threads: context.threads } : {}),
  });

  progress({ step: 'report', message: 'writing the report' });
  const notServedToday = todayInput.length === 0 ? [] : planStops.filter((place) => !baseline.servedBy.has(place.id)).map((place) => place.id);
  // The week's figures are the report's (report/week.ts).
  const summary = summariseWeek(before, after, {
    name: spec.name, operatingDaysPerYear: spec.operatingDaysPerYear, unassigned, notServedToday, stations, servedVia,
    days, accumulate, dailyServiceM: daily.distance,
    visits: solution.visits.map((v) => ({ id: v.id, name: byId.get(v.id)?.name ?? v.id, visitsPerWeek: v.days.length, days: v.days.map((d) => days[d - 1]!) })),
  });
  // Today's routes serve the places as they are: a new station was a village, with its own mail.
  const opened = new Set(stations?.opened ?? []);
  const reportPlaces = places.map((place) => {
    const { serviceTime: _service, ...rest } = place as PlanPlace;
    const via = servedVia.get(place.id);
    const out = { ...rest, mail: mailOf.get(place.id) ?? place.mail };
    const today = placeToday(place, out, place, opened);
    return { ...out, ...(via ? { servedVia: via } : {}), ...(today ? { today } : {}) };
  });
  const report = {
    summary,
    places: reportPlaces,
    before,
    after,
    roads: reportRoads(network),
  };
  return { report, solution, baselineSolution };
}
