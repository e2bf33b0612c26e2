/**
 * The two-tier planner: trunk routes from the hub to the township offices, delivery routes from
 * each office to its villages and stations (with pick-ups on the way back), and the afternoon
 * collection that takes the goods to the hub, planned together (tiers/solve.ts) and compared
 * with today's routes of both tiers, evaluated by the same engine on the same matrices.
 */
import type { BaselineLine, BaselineRoute } from '../io/baseline.js';
import type { Place } from '../io/places.js';
import type { PlanSpec } from './file/plan-file.js';
import { computeSavings, round, totalsOf } from '../report/savings.js';
import type { OfficeMoveReport, OfficeReport, PlanReport, ReportPlace, ReportRoute, Tier, TierSavings, UnassignedStop } from '../report/types.js';
import type { ProgressCallback } from '../util/progress.js';
import type { RouteResult } from '../vrp/index.js';
import type { PreparedNetwork } from './network.js';
import { reportRoads, wordUnassigned } from './steps.js';
import type { PlanPlace } from './places.js';
import { tierReportRoute, type RouteReportContext, type TierRouteContext } from './route-report.js';
import { evaluateTwoTier, solveTwoTier, type TwoTierResult } from './tiers/solve.js';
import type { DeliveryVehicle, TierVehicle, TwoTierInput } from './tiers/model.js';
import { officeTimings } from './tiers/timing.js';
import { legOfWaitVehicle } from './tiers/wait.js';
import { baselineShapeOf, resolveTwoTierBaseline, type TwoTierBaseline } from './two-tier-baseline.js';
import { buildTwoTierInput } from './two-tier-input.js';
import { placeToday } from './stations.js';
import { lessSharedVans, type SharedVans } from './door-to-door-fleet.js';
import type { PlanSources } from './types.js';

export interface TwoTierContext {
  spec: PlanSpec;
  rawPlaces: readonly Place[];
  places: PlanPlace[];
  prepared: PreparedNetwork;
  /** Networks of the vehicle profiles plan.json names, by name. */
  profiles: ReadonlyMap<string, PreparedNetwork>;
  baseline: { routes: BaselineRoute[] } | { lines: BaselineLine[] } | undefined;
  sources: PlanSources;
  seed: number;
  timeLimit: number;
  maxIterationsWithoutImprovement: number;
  /** Worker threads for each route search (islands; the same files for a seed and a thread count). */
  threads?: number;
  progress: ProgressCallback;
  /** Moves a scenario made before planning (villages of a closed office, or of a new one). */
  scenarioMoves?: OfficeMoveReport[];
  /**
   * The places as they are, when stations took villages from the plan's stops (`coverage`):
   * today's network visits those villages, so it is read and evaluated against these.
   */
  todayPlaces?: TodayPlaces;
  /** Offices' vans that go door to door (`doorToDoor.fleet` "office"): not on the delivery tier. */
  sharedVans?: SharedVans[];
}

/** The places today's network is read against, and the villages the new plan serves at a station. */
export interface TodayPlaces {
  rawPlaces: readonly Place[];
  places: PlanPlace[];
  /** Village → the station or office counter where it gets its mail in the new plan. */
  servedVia: ReadonlyMap<string, string>;
  /** The villages the new plan opens as stations (villages today). */
  opened: readonly string[];
}

/**
 * The two-tier input today's network is evaluated on: the plan's own, or, when stations took
 * villages from the plan's stops, one built from the places as they are (same hub, offices,
 * fleets and dimensions; the villages with their own volumes), and every place by id.
 */
export function todayInputOf(context: TwoTierContext, input: TwoTierInput): { input: TwoTierInput; byId: Map<string, PlanPlace> } {
  const today = context.todayPlaces;
  if (today === undefined) return { input, byId: new Map(context.places.map((place) => [place.id, place])) };
  const built = buildTwoTierInput(context.spec, today.rawPlaces, today.places, context.prepared, context.profiles, context.sources);
  return { input: built.input, byId: new Map(today.places.map((place) => [place.id, place])) };
}

export interface TwoTierPlan {
  report: Omit<PlanReport, 'run'>;
  input: TwoTierInput;
  plan: TwoTierResult;
  today: TwoTierResult | null;
}

export function planTwoTier(context: TwoTierContext): TwoTierPlan {
  const { spec, places, prepared, sources, progress } = context;
  const tiers = spec.tiers!;
  const built = buildTwoTierInput(spec, context.rawPlaces, places, prepared, context.profiles, sources);
  const { rejected } = built;
  // Today's network is read against the places as they are (a village a station takes in the new
  // plan is still a stop of today's routes); byId knows every place, for both sides' routes.
  const { input: todayInput, byId } = todayInputOf(context, built.input);
  // The plan's delivery tier without the vans that go door to door; today's keeps its fleet.
  const input = lessSharedVans(built.input, context.sharedVans, null);

  const baseline = resolveTwoTierBaseline(context.baseline, [...byId.values()], spec, baselineShapeOf(todayInput), sources, prepared.rejected);
  let today: TwoTierResult | null = null;
  if (baseline.trunk.length + baseline.delivery.length > 0) {
    progress({ step: 'baseline', message: `evaluating ${baseline.trunk.length} trunk and ${baseline.delivery.length} delivery routes in use today` });
    today = evaluateTwoTier(todayInput, { trunk: baseline.trunk.map((r) => r.input), delivery: baseline.delivery.map((r) => r.input) });
  }
  progress({ step: 'solve', message: `planning ${input.offices.length} offices and ${input.stops.length} stops in two tiers, up to ${context.timeLimit} s` });
  const plan = solveTwoTier(input, {
    seed: context.seed, timeLimit: context.timeLimit, maxIterationsWithoutImprovement: context.maxIterationsWithoutImprovement,
    ...(context.threads !== undefined ? { threads: context.threads } : {}),
    ...(today ? { warmStart: { trunk: baseline.trunk.map((r) => r.input), delivery: baseline.delivery.map((r) => r.input) } } : {}),
    onProgress: progress,
  });

  const { before, after } = tierRoutes(context, input, byId, plan, today, baseline);

  // Unserved: off the network, no room in the delivery tier, or an office the trunk cannot serve.
  const unassigned: UnassignedStop[] = rejected.map((entry) => ({ id: entry.id, name: byId.get(entry.id)?.name ?? entry.id, reason: entry.reason }));
  unassigned.push(...wordUnassigned(plan.trunk.solution.unassigned, byId, 'the trunk cannot serve this office: '));
  // A stop of an office the trunk did not reach has no mail to deliver: said as that, not as a
  // time window the vans could not make (solveDelivery plans no van from such an office).
  const officeOf = new Map(input.stops.map((stop) => [stop.id, stop.office]));
  const unreached = (id: string): string | undefined => {
    const office = plan.unreached?.get(id) ?? officeOf.get(id);
    return office !== undefined && !plan.release.has(office) ? office : undefined;
  };
  for (const entry of plan.delivery.unassigned) {
    const office = entry.reason === 'time-window-unreachable' ? unreached(entry.id) : undefined;
    unassigned.push(office !== undefined ? noTrunkStop(entry.id, office, undefined, byId) : wordUnassigned([entry], byId)[0]!);
  }
  unassigned.push(...wordUnassigned(plan.collection?.solution.unassigned ?? [], byId, 'the collection cannot take this office\'s goods: '));

  progress({ step: 'report', message: 'writing the report' });
  const todayServed = new Set(today ? [...today.assignment.keys()] : []);
  const notServedToday = today ? input.stops.filter((stop) => !todayServed.has(stop.id)).map((stop) => stop.id) : [];
  const servedVia = context.todayPlaces?.servedVia;
  // A trunk and a delivery route both carry the same mail: count what reaches its destination once
  // (a village at its office's counter is on the trunk only), and judge like for like on that.
  const mailDelivered = { before: delivered(before, todayInput), after: delivered(after, input) };
  const summary = computeSavings(before, after, { name: spec.name, operatingDaysPerYear: spec.operatingDaysPerYear, unassigned, notServedToday, stations: null, mailDelivered, ...(servedVia ? { servedVia } : {}) });
  summary.tiers = (['trunk', 'delivery', 'collection'] as const)
    .filter((tier) => tier !== 'collection' || input.trunk.collection !== null)
    .map((tier): TierSavings => {
      const s = computeSavings(before.filter((r) => r.tier === tier), after.filter((r) => r.tier === tier), { operatingDaysPerYear: spec.operatingDaysPerYear });
      return { tier, before: s.before, after: s.after, savedKmPerDay: today ? s.savedKmPerDay : null, optimisationRatePercent: today ? s.optimisationRatePercent : null };
    });
  if (today) summary.costBefore = round(before.reduce((sum, r) => sum + (r.cost ?? 0), 0), 2);
  summary.costAfter = round(after.reduce((sum, r) => sum + (r.cost ?? 0), 0), 2);

  const offices = officeReports(input, plan, today, before, after, byId);
  const bindingCount = new Map<string, string[]>();
  for (const office of offices) for (const rule of office.binding) bindingCount.set(rule, [...(bindingCount.get(rule) ?? []), office.id]);
  const moved: OfficeMoveReport[] = [
    ...(context.scenarioMoves ?? []),
    ...plan.moved.map((move): OfficeMoveReport => ({
      id: move.id, name: byId.get(move.id)?.name ?? move.id, from: move.from, to: move.to,
      reason: tiers.delivery.assignment === 'free' ? 'free' : 'tolerance', savedKm: move.savedM === null ? null : round(move.savedM / 1000, 2),
    })),
  ];

  const reportPlaces = tierReportPlaces(context, input, todayInput, today?.assignment ?? new Map(), (id) => plan.assignment.get(id));
  return {
    input, plan, today,
    report: {
      summary,
      places: reportPlaces,
      before,
      after,
      roads: reportRoads(prepared.network),
      tiers: {
        dimensions: input.dimensions,
        assignment: tiers.delivery.assignment,
        toleranceKm: tiers.delivery.tolerance / 1000,
        sortingMinutes: tiers.delivery.sorting / 60,
        collection: input.trunk.collection?.mode ?? null,
        rounds: plan.rounds,
        offices,
        moved,
        binding: [...bindingCount].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([constraint, list]) => ({ constraint, offices: list })),
      },
    },
  };
}


/** Both phases' routes of one two-tier day as the report shows them (ids T1, office-1, C1 / today's). */
export function tierRoutes(
  context: Pick<TwoTierContext, 'prepared' | 'profiles'>,
  input: TwoTierInput,
  byId: ReadonlyMap<string, PlanPlace>,
  plan: TwoTierResult,
  today: TwoTierResult | null,
  baseline: TwoTierBaseline,
): { before: ReportRoute[]; after: ReportRoute[] } {
  const { prepared } = context;
  // Routes as the report shows them.
  const draw = new Map<string, RouteReportContext>([['', { network: prepared.network, snaps: prepared.snapOf, places: byId, fleet: [] }]]);
  for (const [name, net] of context.profiles) draw.set(name, { network: net.network, snaps: net.snapOf, places: byId, fleet: [] });
  const vehicles = new Map<string, TierVehicle | DeliveryVehicle>([...input.trunk.vehicles, ...input.delivery.vehicles].map((v) => [v.id, v]));
  const routeContext: TierRouteContext = {
    dimensions: input.dimensions,
    draw,
    vehicles,
  };
  // A waiting truck's way back is a vehicle type of its own per truck route ("truck#2"): the truck,
  // without the shift limit (that holds for its whole day, and the leg's end is set by it).
  for (const run of [plan.collection, today?.collection]) {
    for (const type of run?.problem.vehicleTypes ?? []) {
      const leg = legOfWaitVehicle(type.id);
      const truck = leg && input.trunk.vehicles.find((v) => v.id === leg.truck);
      if (truck) {
        const { maxDuration: _shift, ...rest } = truck;
        vehicles.set(type.id, rest);
      }
    }
  }
  const waits = input.trunk.collection?.mode === 'wait';
  const report = (phase: 'before' | 'after', tier: Tier, routes: readonly RouteResult[], id: (route: RouteResult, k: number) => string): ReportRoute[] =>
    routes.map((route, k) => tierReportRoute(routeContext, phase, tier, id(route, k), route));
  const before: ReportRoute[] = [];
  if (today) {
    before.push(...report('before', 'trunk', today.trunk.solution.routes, (_, k) => baseline.trunk[k]!.route.id));
    before.push(...report('before', 'delivery', today.delivery.routes, (_, k) => baseline.delivery[k]!.route.id));
    const collected = today.collection?.problem.stops.map((stop) => stop.id) ?? [];
    const withGoods = baseline.trunk.filter((r) => r.input.stops.some((stop) => collected.includes(stop)));
    before.push(...report('before', 'collection', today.collection?.solution.routes ?? [], (route, k) =>
      `${(waits ? baseline.trunk[legOfWaitVehicle(route.vehicleType)!.k]! : withGoods[k]!).route.id}-pm`));
    baseline.trunk.forEach((r, k) => { if (r.route.lineLength !== undefined) before[k]!.lineLength = r.route.lineLength; });
    flagNoTrunk(before, today);
  }
  const perOffice = new Map<string, number>();
  const after = [
    ...report('after', 'trunk', plan.trunk.solution.routes, (_, k) => `T${k + 1}`),
    ...report('after', 'delivery', plan.delivery.routes, (route) => {
      const n = (perOffice.get(route.startDepot) ?? 0) + 1;
      perOffice.set(route.startDepot, n);
      return `${route.startDepot}-${n}`;
    }),
    ...report('after', 'collection', plan.collection?.solution.routes ?? [], (route, k) => (waits ? `T${legOfWaitVehicle(route.vehicleType)!.k + 1}-pm` : `C${k + 1}`)),
  ];
  // The plan runs no van from an office its trunk does not reach (tiers/week.ts drops that day's,
  // settle drops or keeps the trunk that reaches them, their stops said unserved); should one
  // remain, it is said as today's are, never timed from a release that does not come.
  flagNoTrunk(after, plan);
  return { before, after };
}

/** Each office's day: its stops, routes, trunk timing, loads and binding rule. */
export function officeReports(input: TwoTierInput, plan: TwoTierResult, today: TwoTierResult | null, before: readonly ReportRoute[], after: readonly ReportRoute[], byId: ReadonlyMap<string, PlanPlace>): OfficeReport[] {
  const timings = officeTimings(input, plan);
  return input.offices.map((office, k) => {
    const timing = timings[k]!;
    const side = (routes: readonly ReportRoute[]): OfficeReport['after'] => {
      const own = routes.filter((r) => r.tier === 'delivery' && r.depot === office.id);
      const totals = totalsOf(own);
      return { routes: totals.routes, km: totals.km, driverHours: totals.driverHours };
    };
    const count = (assignment: ReadonlyMap<string, string> | undefined): number => [...(assignment ?? new Map<string, string>()).values()].filter((o) => o === office.id).length;
    return {
      id: office.id, name: byId.get(office.id)?.name ?? office.id,
      stopsBefore: count(today?.assignment), stopsAfter: count(plan.assignment),
      before: side(before), after: side(after),
      trunkArrival: timing.trunkArrival, release: timing.release, firstDeparture: timing.firstDeparture, lastReturn: timing.lastReturn, collection: timing.collection,
      load: plan.officeLoads.get(office.id) ?? [], pickup: plan.officePickups.get(office.id) ?? [],
      binding: timing.binding,
    };
  });
}

/**
 * Delivery routes from an office no trunk route reaches (today's, or a weekly plan's on a day its
 * trucks are too few): the two-tier evaluation found no release for it (`release`, from the
 * evaluated trunk). Worded here because no single tier's
 * evaluator can say it; every other rule (the fleet too) is the evaluator's verdict, worded once.
 * Such a route was timed from the end of the day (model.ts OPEN_END: no release), so the evaluator's
 * times on it (back at 48:16, late everywhere) say only that: the no-trunk line stands for them.
 */
function flagNoTrunk(before: ReportRoute[], today: TwoTierResult): void {
  for (const route of before) {
    if (route.tier === 'delivery' && !today.release.has(route.depot)) {
      route.violations = route.violations.filter((v) => v.kind !== 'over-shift' && v.kind !== 'late');
      route.violations.push({ kind: 'no-trunk', amount: 0, message: `no trunk route brings the mail to ${route.depot}` });
    }
  }
}

/**
 * A stop (or, in a weekly plan, one visit on `day`) not served because the trunk did not reach
 * its office: no mail came, so no van leaves from there. E.g. "the trunk did not reach Harsdorf
 * (harsdorf) on Sat: no mail to deliver from it that day; the visit is not made". The office's
 * own line (the trunk's engine's reason) says why the trunk did not reach it. When mail waits for
 * the next visit (`accumulate`), that visit's planned load leaves the missed day's mail out, and
 * the line says so rather than let the next visit's load look complete.
 */
export function noTrunkStop(id: string, office: string, day: string | undefined, byId: ReadonlyMap<string, { name: string }>, accumulate = false): UnassignedStop {
  const where = `${byId.get(office)?.name ?? office} (${office})`;
  const waits = accumulate ? '; its mail waits for the next visit, whose planned load leaves it out' : '';
  return {
    id, name: byId.get(id)?.name ?? id, ...(day !== undefined ? { day } : {}),
    reason: day !== undefined
      ? `the trunk did not reach ${where} on ${day}: no mail to deliver from it that day; the visit is not made${waits}`
      : `the trunk did not reach ${where}: no mail to deliver from it; the stop is not served`,
  };
}

/** Mail (first dimension) that reaches its destination: delivery routes' loads plus offices' own mail on the trunk. */
export function delivered(routes: readonly ReportRoute[], input: TwoTierInput): number {
  const own = new Map(input.offices.map((office) => [office.id, office.delivery[0] ?? 0]));
  let total = 0;
  for (const route of routes) {
    if (route.tier === 'delivery') total += route.load;
    if (route.tier === 'trunk') for (const stop of route.stops) total += own.get(stop) ?? 0;
  }
  return total;
}

/**
 * The report's places of a two-tier plan (a day or the week): each with its volumes per load
 * dimension, its township, the office serving it today and in the plan. When stations took
 * villages from the plan's stops, every place as it is, the villages at a station too (with their
 * own volumes), and where the plan changed a place, how today's network serves it
 * (ReportPlace.today: a new station was a village; a station or office counter had its own volumes).
 */
export function tierReportPlaces(
  context: TwoTierContext,
  input: TwoTierInput,
  todayInput: TwoTierInput,
  officeToday: ReadonlyMap<string, string>,
  officeNow: (id: string) => string | undefined,
): ReportPlace[] {
  const stations = context.todayPlaces;
  const volumes = new Map([...input.offices, ...input.stops].map((p) => [p.id, p]));
  const todayVolumes = new Map([...todayInput.offices, ...todayInput.stops].map((p) => [p.id, p]));
  const township = new Map(todayInput.stops.filter((s) => s.office !== undefined).map((s) => [s.id, s.office as string]));
  const opened = new Set(stations?.opened ?? []);
  return (stations?.places ?? context.places).map((place) => {
    const { serviceTime: _service, ...rest } = place;
    const out: ReportPlace = { ...rest };
    const volume = volumes.get(place.id) ?? todayVolumes.get(place.id);
    if (volume) {
      out.delivery = [...volume.delivery];
      out.pickup = [...volume.pickup];
    }
    const t = township.get(place.id);
    if (t !== undefined) out.township = t;
    const was = officeToday.get(place.id);
    if (was !== undefined) out.officeToday = was;
    const now = officeNow(place.id);
    if (now !== undefined) out.office = now;
    if (stations !== undefined) {
      const then = todayVolumes.get(place.id);
      const today = placeToday(place, out, { mail: place.mail, ...(then ? { delivery: then.delivery, pickup: then.pickup } : {}) }, opened);
      if (today !== undefined) out.today = today;
    }
    return out;
  });
}
