/**
 * The planner's job end to end: roads, places, fleet and today's routes → a new network plan and a
 * mileage-savings report. Both plans are evaluated by the same evaluator on the same road graph
 * and matrices, so that "before" and "after" are measured the same way.
 *
 * Steps (each reported through `onProgress`): build the graph, snap the places, (optionally) open
 * village stations, build the matrices, evaluate today's routes, solve warm-started from them,
 * draw both on the roads, and sum up.
 */
import type { FeatureCollection } from 'geojson';
import { InfeasibleError, InputError } from '../errors.js';
import { buildNetwork } from '../graph/build.js';
import { snapPlaces } from '../graph/snap.js';
import type { Snap } from '../graph/snap.js';
import type { RoadNetwork } from '../graph/types.js';
import type { Place } from '../io/places.js';
import type { BaselineLine, BaselineRoute } from '../io/baseline.js';
import type { PlanSpec } from '../io/plan-file.js';
import { computeMatrix } from '../matrix/index.js';
import { createProblem, evaluatePlan, solve } from '../vrp/index.js';
import type { RouteInput, SolutionResult } from '../vrp/index.js';
import { computeSavings } from '../report/savings.js';
import type { PlanReport, ReportRoute, UnassignedStop } from '../report/types.js';
import type { ProgressCallback } from '../util/progress.js';
import { resolveBaseline } from './baseline.js';
import { classifyPlaces, type PlanPlace } from './places.js';
import { buildProblemInput, type ProblemContext } from './problem.js';
import { toReportRoute, type RouteReportContext } from './route-report.js';
import { chooseStations } from './stations.js';

/** Everything a plan needs, already read from files (the CLI reads them; core does no I/O). */
export interface PlanInputs {
  spec: PlanSpec;
  roads: FeatureCollection;
  places: Place[];
  /** Today's routes as stop lists, or as drawn lines whose stops are matched by proximity. */
  baseline?: { routes: BaselineRoute[] } | { lines: BaselineLine[] };
  /** File names for error messages. */
  sources?: { roads?: string; places?: string; baseline?: string; plan?: string };
}

export interface PlanOptions {
  /** Overrides the plan file's `seed`. */
  seed?: number;
  /** Overrides the plan file's `timeLimitS`, seconds for the route search. */
  timeLimit?: number;
  /** The search also stops after this many iterations without a better plan (default 2000); a run
   *  that stops this way, before the time limit, is repeatable for the same seed. */
  maxIterationsWithoutImprovement?: number;
  onProgress?: ProgressCallback;
  /** Name of the tool for the report footer; default "postroute". */
  generatedBy?: string;
}

export interface PlanResult {
  report: PlanReport;
  /** The raw solver results, for callers who want the full detail. */
  solution: SolutionResult;
  baselineSolution: SolutionResult | null;
  network: RoadNetwork;
  snaps: Snap[];
}

const UNASSIGNED_TEXT: Record<string, string> = {
  'demand-exceeds-capacity': 'its mail exceeds the capacity of every vehicle',
  'time-window-unreachable': 'no vehicle can get there before its deadline and back within the shift',
  unreachable: 'no road connects it with the hub',
  'not-profitable': 'not worth the detour',
  'no-feasible-insertion': 'no room in any route within capacity and shift limits',
  'fleet-exhausted': 'every vehicle is in use',
};

/**
 * Plans a postal network and compares it with today's routes.
 *
 * @example
 * const spec = parsePlanFile(planText, 'plan.json');
 * const result = await planNetwork({ spec, roads, places, baseline: { routes } }, { onProgress: console.error });
 * result.report.summary.optimisationRatePercent;
 */
export async function planNetwork(inputs: PlanInputs, options: PlanOptions = {}): Promise<PlanResult> {
  const started = performance.now();
  const { spec } = inputs;
  const progress = options.onProgress ?? (() => {});
  const sources = {
    roads: inputs.sources?.roads ?? spec.roads.path,
    places: inputs.sources?.places ?? spec.places.path,
    baseline: inputs.sources?.baseline ?? spec.baseline?.path ?? 'baseline',
    plan: inputs.sources?.plan ?? 'plan.json',
  };
  const seed = options.seed ?? spec.seed;
  const timeLimit = options.timeLimit ?? spec.timeLimit;

  const places = classifyPlaces(inputs.places, sources.places, spec.serviceTime);
  const byId = new Map(places.map((place) => [place.id, place]));
  const hubs = places.filter((place) => place.role === 'hub');
  checkDepots(spec, hubs, byId, sources);

  // 1. Graph and snapping.
  progress({ step: 'graph', message: 'building the road graph' });
  const network = buildNetwork(inputs.roads, { source: sources.roads, onProgress: progress });
  progress({ step: 'snap', message: `snapping ${places.length} places` });
  const { snaps, rejected } = snapPlaces(network, inputs.places, { maxDistance: spec.snapDistance });
  const snapOf = new Map(snaps.map((snap) => [snap.placeId, snap]));
  for (const hub of hubs) {
    const reason = rejected.find((entry) => entry.placeId === hub.id);
    if (reason) throw new InfeasibleError(`the hub "${hub.name}" cannot be placed on the road network: ${reason.message}`, 'move the hub onto a road, or raise snapDistanceM');
  }
  const rejectedText = new Map(rejected.map((entry) => [entry.placeId, `not on the road network: ${entry.message}`]));

  // 2. Matrices over every snapped place, shared by both plans and the station choice. Vans take
  //    the quickest road, not the shortest farm track; kilometres are those of the quickest paths.
  progress({ step: 'matrix', message: `${snaps.length} × ${snaps.length} road distances` });
  const matrix = computeMatrix(network, snaps, { metric: 'time', onProgress: progress });
  const row = new Map(matrix.ids.map((id, i) => [id, i]));

  // 3. Stations (optional): villages within the radius of an outlet or station get their mail there.
  let stations: { opened: string[]; radiusM: number } | null = null;
  let servedVia = new Map<string, string>();
  if (spec.coverage) {
    progress({ step: 'stations', message: `every village within ${spec.coverage.radius} m of an outlet or station` });
    const choice = await chooseStations(places.filter((place) => snapOf.has(place.id)), matrix, row, spec.coverage.radius, {
      seed, timeLimit: Math.max(1, timeLimit / 2), onProgress: progress,
    });
    for (const id of choice.opened) (byId.get(id) as PlanPlace).role = 'station';
    servedVia = choice.servedVia;
    stations = { opened: choice.opened, radiusM: spec.coverage.radius };
  }

  // 4. Stops of the new plan: outlets, stations, and the villages no station serves; a station
  //    carries its covered villages' mail.
  const mailOf = new Map(places.map((place) => [place.id, place.mail]));
  for (const [village, site] of servedVia) mailOf.set(site, (mailOf.get(site) ?? 0) + (mailOf.get(village) ?? 0));
  const planStops = places.filter((place) => place.role !== 'hub' && !servedVia.has(place.id));
  const unassigned: UnassignedStop[] = [];
  for (const place of planStops) {
    const why = rejectedText.get(place.id);
    if (why) unassigned.push({ id: place.id, name: place.name, reason: why });
  }
  const problemContext: ProblemContext = { matrix, row, hubs, places: byId, fleet: spec.fleet };
  const routeContext: RouteReportContext = { network, snaps: snapOf, places: byId, fleet: spec.fleet };

  // 5. Today's routes, checked against the places and evaluated as they are.
  const baseline = resolveBaseline(inputs.baseline, places, spec, sources, rejectedText);
  const defaultType = (spec.fleet[0] as { id: string }).id;
  const baselineInput: RouteInput[] = baseline.routes.map((route) => ({ vehicleType: route.vehicleType ?? defaultType, stops: route.stops }));
  let baselineSolution: SolutionResult | null = null;
  const before: ReportRoute[] = [];
  if (baseline.routes.length > 0) {
    progress({ step: 'baseline', message: `evaluating ${baseline.routes.length} routes in use today` });
    const problem = createProblem(buildProblemInput(problemContext, [...baseline.servedBy.keys()], (id) => byId.get(id)?.mail ?? 0), { source: sources.baseline });
    baselineSolution = evaluatePlan(problem, baselineInput);
    const used = new Map<string, number>();
    baselineSolution.routes.forEach((route, i) => {
      const source = baseline.routes[i] as BaselineRoute;
      const reported = toReportRoute(routeContext, 'before', source.id, route, source.lineLength);
      // Today's plan may need more vans than the fleet has: say which routes have none.
      const nth = (used.get(route.vehicleType) ?? 0) + 1;
      used.set(route.vehicleType, nth);
      const count = spec.fleet.find((vehicle) => vehicle.id === route.vehicleType)?.count ?? 0;
      if (nth > count) {
        reported.violations.push({ kind: 'over-fleet', amount: 1, message: `needs van ${nth} of type ${route.vehicleType}; the fleet has ${count}` });
      }
      before.push(reported);
    });
  }

  // 6. The new plan, warm-started from today's routes restricted to the new stops.
  const problem = createProblem(buildProblemInput(problemContext, planStops.map((place) => place.id), (id) => mailOf.get(id) ?? 0), { source: 'plan' });
  const planStopIds = new Set(planStops.map((place) => place.id));
  const warmStart = baselineInput
    .map((route) => ({ vehicleType: route.vehicleType, stops: route.stops.filter((stop) => planStopIds.has(stop)) }))
    .filter((route) => route.stops.length > 0);
  progress({ step: 'solve', message: `routing ${planStops.length} stops, up to ${timeLimit} s` });
  const solution = solve(problem, {
    seed,
    timeLimit,
    maxIterationsWithoutImprovement: options.maxIterationsWithoutImprovement ?? 2000,
    warmStart,
    onProgress: (event) => progress({ ...event, step: 'solve' }),
  });
  const after = solution.routes.map((route, i) => toReportRoute(routeContext, 'after', `N${i + 1}`, route));
  for (const entry of solution.unassigned) {
    const place = byId.get(entry.id);
    unassigned.push({ id: entry.id, name: place?.name ?? entry.id, reason: UNASSIGNED_TEXT[entry.reason] ?? entry.reason });
  }

  // 7. Sum up.
  progress({ step: 'report', message: 'writing the report' });
  const notServedToday = baseline.routes.length === 0 ? [] : planStops.filter((place) => !baseline.servedBy.has(place.id)).map((place) => place.id);
  const summary = computeSavings(before, after, {
    name: spec.name,
    operatingDaysPerYear: spec.operatingDaysPerYear,
    unassigned,
    notServedToday,
    stations,
  });
  const reportPlaces = places.map((place) => {
    const { serviceTime: _service, latest: _latest, ...rest } = place;
    const out = { ...rest, mail: mailOf.get(place.id) ?? place.mail };
    const via = servedVia.get(place.id);
    return via ? { ...out, servedVia: via } : out;
  });
  const report: PlanReport = {
    summary,
    places: reportPlaces,
    before,
    after,
    roads: network.edges.map((edge) => ({ highway: edge.roadClass, coordinates: edge.coordinates.map((p) => [p[0], p[1]] as [number, number]) })),
    run: { seed, timeLimitS: timeLimit, seconds: Math.round((performance.now() - started) / 100) / 10, generatedBy: options.generatedBy ?? 'postroute' },
  };
  return { report, solution, baselineSolution, network, snaps };
}

/** Every vehicle type starts from a hub: the one it names, or the only one. */
function checkDepots(spec: PlanSpec, hubs: readonly PlanPlace[], byId: ReadonlyMap<string, PlanPlace>, sources: { plan: string; places: string }): void {
  const hubList = hubs.map((hub) => hub.id).join(', ');
  for (const [index, vehicle] of spec.fleet.entries()) {
    const field = `fleet[${index}].depot`;
    if (vehicle.depot !== undefined) {
      if (byId.get(vehicle.depot)?.role !== 'hub') {
        throw new InputError(`depot "${vehicle.depot}" is not a place with role "hub"`, { source: sources.plan, field }, `hubs in ${sources.places}: ${hubList}`);
      }
    } else if (hubs.length > 1) {
      throw new InputError(`there are ${hubs.length} hubs; say which one the vehicles start from`, { source: sources.plan, field }, `set "depot" to one of: ${hubList}`);
    }
  }
}
