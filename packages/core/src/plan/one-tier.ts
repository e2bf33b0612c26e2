/**
 * The one-tier planner: every stop is served from the hub (or hubs) by one fleet, deliveries
 * only, as plan.json files without `tiers` say. Steps: (optionally) open village stations,
 * evaluate today's routes, solve warm-started from them, draw both on the roads, and sum up.
 */
import { InputError } from '../errors.js';
import type { BaselineLine, BaselineRoute } from '../io/baseline.js';
import type { PlanSpec } from './file/plan-file.js';
import { createProblem, evaluatePlan, solve } from '../vrp/index.js';
import type { RouteInput, SolutionResult } from '../vrp/index.js';
import { computeSavings } from '../report/savings.js';
import { reportRoads, wordUnassigned } from './steps.js';
import type { PlanReport, ReportRoute, UnassignedStop } from '../report/types.js';
import type { ProgressCallback, ProgressEvent } from '../util/progress.js';
import { resolveBaseline } from './baseline.js';
import type { PreparedNetwork } from './network.js';
import type { PlanPlace } from './places.js';
import { buildProblemInput, type ProblemContext } from './problem.js';
import { toReportRoute, type RouteReportContext } from './route-report.js';
import { placeToday, type OpenedStations } from './stations.js';
import type { PlanSources } from './types.js';

export interface OneTierContext {
  spec: PlanSpec;
  places: PlanPlace[];
  prepared: PreparedNetwork;
  baseline: { routes: BaselineRoute[] } | { lines: BaselineLine[] } | undefined;
  sources: PlanSources;
  seed: number;
  timeLimit: number;
  maxIterationsWithoutImprovement: number;
  /** Worker threads for each route search (islands; the same files for a seed and a thread count). */
  threads?: number;
  progress: ProgressCallback;
  /** The stations the pipeline opened before the routes (`coverage`), or null. */
  opened: OpenedStations | null;
}

export interface OneTierResult {
  report: Omit<PlanReport, 'run'>;
  solution: SolutionResult;
  baselineSolution: SolutionResult | null;
}

export async function planOneTier(context: OneTierContext): Promise<OneTierResult> {
  const { spec, places, prepared, sources, seed, timeLimit, progress } = context;
  const { network, snapOf, matrix, row } = prepared;
  const rejectedText = prepared.rejected;
  const byId = new Map(places.map((place) => [place.id, place]));
  const hubs = places.filter((place) => place.role === 'hub');

  // Stations (optional): villages within the radius of an outlet or station get their mail there.
  let stations: { opened: string[]; radiusM: number; maxPopulation?: number } | null = null;
  let servedVia = new Map<string, string>();
  if (context.opened) ({ stations, servedVia } = context.opened);

  // Stops of the new plan: outlets, stations, and the villages no station serves; a station
  // carries its covered villages' mail.
  const mailOf = new Map(places.map((place) => [place.id, place.mail]));
  for (const [village, site] of servedVia) mailOf.set(site, (mailOf.get(site) ?? 0) + (mailOf.get(village) ?? 0));
  const planStops = places.filter((place) => place.role !== 'hub' && !servedVia.has(place.id));
  const unassigned: UnassignedStop[] = [];
  for (const place of planStops) {
    const why = rejectedText.get(place.id);
    if (why) unassigned.push({ id: place.id, name: place.name, reason: why });
  }
  const problemContext: ProblemContext = { matrix, row, hubs, places: byId, fleet: spec.fleet, ...(spec.balance !== undefined ? { balance: spec.balance } : {}) };
  const routeContext: RouteReportContext = { network, snaps: snapOf, places: byId, fleet: spec.fleet };

  // Today's routes, checked against the places and evaluated as they are.
  const baseline = resolveBaseline(context.baseline, places, spec, sources, rejectedText);
  const defaultType = (spec.fleet[0] as { id: string }).id;
  const baselineInput: RouteInput[] = baseline.routes.map((route) => ({ vehicleType: route.vehicleType ?? defaultType, stops: route.stops }));
  let baselineSolution: SolutionResult | null = null;
  const before: ReportRoute[] = [];
  if (baseline.routes.length > 0) {
    progress({ step: 'baseline', message: `evaluating ${baseline.routes.length} routes in use today` });
    const problem = createProblem(buildProblemInput(problemContext, [...baseline.servedBy.keys()], (id) => byId.get(id)?.mail ?? 0), { source: sources.baseline });
    baselineSolution = evaluatePlan(problem, baselineInput);
    baselineSolution.routes.forEach((route, i) => {
      const source = baseline.routes[i] as BaselineRoute;
      // Routes beyond the fleet carry the evaluator's fleet-size violation (over-fleet here).
      const reported = toReportRoute(routeContext, 'before', source.id, route, source.lineLength);
      for (const off of baseline.offNetwork.filter((entry) => entry.route === source.id)) {
        reported.violations.push({ kind: 'unreachable', stop: off.stop, amount: 0, message: `visits ${byId.get(off.stop)?.name ?? off.stop}, which is ${off.why}; measured without it` });
      }
      before.push(reported);
    });
  }

  // The new plan, warm-started from today's routes restricted to the new stops.
  const problem = createProblem(buildProblemInput(problemContext, planStops.map((place) => place.id), (id) => mailOf.get(id) ?? 0), { source: 'plan' });
  const planStopIds = new Set(planStops.map((place) => place.id));
  // Today's routes the planner keeps (plan.json keepRoutes) are locked; the others start the search.
  const kept = new Set(spec.keepRoutes ?? []);
  (spec.keepRoutes ?? []).forEach((id, k) => {
    if (!baseline.routes.some((route) => route.id === id))
      throw new InputError(`no route of today's routes is called "${id}"`, { source: sources.plan, field: `keepRoutes[${k}]` },
        `today's routes: ${baseline.routes.map((route) => route.id).join(', ')}`);
  });
  const restricted = baselineInput
    .map((route, i) => ({ id: (baseline.routes[i] as BaselineRoute).id, vehicleType: route.vehicleType, stops: route.stops.filter((stop) => planStopIds.has(stop)) }))
    .filter((route) => route.stops.length > 0);
  const fixedRoutes = restricted.filter((route) => kept.has(route.id)).map(({ id: _, ...route }) => route);
  const warmStart = restricted.filter((route) => !kept.has(route.id)).map(({ id: _, ...route }) => route);
  progress({ step: 'solve', message: `routing ${planStops.length} stops, up to ${timeLimit} s` });
  const solution = solve(problem, {
    seed,
    timeLimit,
    maxIterationsWithoutImprovement: context.maxIterationsWithoutImprovement,
    ...(context.threads !== undefined ? { threads: context.threads } : {}),
    warmStart,
    ...(fixedRoutes.length > 0 ? { fixedRoutes } : {}),
    onProgress: (event) => progress(solveProgress(event, timeLimit, spec.fleet.some((vehicle) => vehicle.fixedCost > 0))),
  });
  const after = solution.routes.map((route, i) => toReportRoute(routeContext, 'after', `N${i + 1}`, route));
  unassigned.push(...wordUnassigned(solution.unassigned, byId));

  // Sum up.
  progress({ step: 'report', message: 'writing the report' });
  const notServedToday = baseline.routes.length === 0 ? [] : planStops.filter((place) => !baseline.servedBy.has(place.id)).map((place) => place.id);
  const summary = computeSavings(before, after, {
    name: spec.name,
    operatingDaysPerYear: spec.operatingDaysPerYear,
    unassigned,
    notServedToday,
    stations,
    servedVia,
  });
  // Today's routes serve the places as they are: a new station was a village, with its own mail.
  const opened = new Set(stations?.opened ?? []);
  const reportPlaces = places.map((place) => {
    const { serviceTime: _service, ...rest } = place;
    const out = { ...rest, mail: mailOf.get(place.id) ?? place.mail };
    const today = placeToday(place, out, place, opened);
    const via = servedVia.get(place.id);
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

/** The search's progress in the planner's units: seconds of the time limit, the best plan in km. */
function solveProgress(event: ProgressEvent, timeLimit: number, fixedCosts: boolean): ProgressEvent {
  const { elapsedSeconds, bestCost } = event as ProgressEvent & { elapsedSeconds?: number; bestCost?: number | null };
  const best = bestCost === undefined || bestCost === null ? 'no feasible plan yet'
    : fixedCosts ? `best cost ${Math.round(bestCost).toLocaleString('en-US')} (metres + fixed costs)` : `best ${(bestCost / 1000).toFixed(1)} km`;
  return { step: 'solve', done: Math.min(timeLimit, elapsedSeconds ?? 0), total: timeLimit, unit: 's', message: best };
}
