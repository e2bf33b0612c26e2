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
import { matchLineStops } from '../io/baseline.js';
import type { PlanSpec } from '../io/plan-file.js';
import { computeMatrix, findPath } from '../matrix/index.js';
import { solveSetCovering } from '../coverage/index.js';
import { createProblem, evaluatePlan, solve } from '../vrp/index.js';
import type { ProblemInput, RouteInput, SolutionResult, StopInput } from '../vrp/index.js';
import { computeSavings } from '../report/savings.js';
import type { PlanReport, ReportRoute, UnassignedStop } from '../report/types.js';
import { findViolations } from '../report/violations.js';
import type { ProgressCallback } from '../util/progress.js';
import { classifyPlaces, type PlanPlace } from './places.js';

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
  const sources = { roads: inputs.sources?.roads ?? spec.roads.path, places: inputs.sources?.places ?? spec.places.path, baseline: inputs.sources?.baseline ?? spec.baseline?.path ?? 'baseline', plan: inputs.sources?.plan ?? 'plan.json' };
  const seed = options.seed ?? spec.seed;
  const timeLimit = options.timeLimit ?? spec.timeLimit;

  const places = classifyPlaces(inputs.places, sources.places, spec.serviceTime);
  const byId = new Map(places.map((place) => [place.id, place]));
  const hubs = places.filter((place) => place.role === 'hub');
  for (const [index, vehicle] of spec.fleet.entries()) {
    if (vehicle.depot !== undefined) {
      if (byId.get(vehicle.depot)?.role !== 'hub') {
        throw new InputError(`depot "${vehicle.depot}" is not a place with role "hub"`, { source: sources.plan, field: `fleet[${index}].depot` },
          `hubs in ${sources.places}: ${hubs.map((hub) => hub.id).join(', ')}`);
      }
    } else if (hubs.length > 1) {
      throw new InputError(`there are ${hubs.length} hubs; say which one the vehicles start from`, { source: sources.plan, field: `fleet[${index}].depot` },
        `set "depot" to one of: ${hubs.map((hub) => hub.id).join(', ')}`);
    }
  }

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

  // 2. Matrices over every snapped place, so that both plans and the station choice share them.
  progress({ step: 'matrix', message: `${snaps.length} × ${snaps.length} road distances` });
  // Vans take the quickest road, not the shortest farm track; kilometres are those of the quickest paths.
  const matrix = computeMatrix(network, snaps, { metric: 'time', onProgress: progress });
  const index = new Map(matrix.ids.map((id, i) => [id, i]));
  const n = matrix.size;
  const at = (values: Float64Array, from: string, to: string): number => {
    const i = index.get(from);
    const j = index.get(to);
    return i === undefined || j === undefined ? NaN : (values[i * n + j] as number);
  };

  // 3. Stations (optional): villages within the radius of an outlet or station are served there.
  let stationChoice: { opened: string[]; radiusM: number } | null = null;
  const servedVia = new Map<string, string>();
  const uncoveredVillages = new Map<string, string>();
  if (spec.coverage) {
    const demand = places.filter((place) => place.role === 'village' && snapOf.has(place.id));
    const sites = places.filter((place) => (place.role === 'village' || place.role === 'outlet' || place.role === 'station') && snapOf.has(place.id));
    progress({ step: 'stations', message: `covering ${demand.length} villages within ${spec.coverage.radius} m` });
    const values = new Float64Array(demand.length * sites.length);
    demand.forEach((village, i) => sites.forEach((site, j) => { values[i * sites.length + j] = at(matrix.distances, site.id, village.id); }));
    const cover = await solveSetCovering(
      { demandIds: demand.map((p) => p.id), siteIds: sites.map((p) => p.id), values },
      {
        radius: spec.coverage.radius,
        existing: sites.filter((site) => site.role !== 'village').map((site) => site.id),
        weights: demand.map((p) => p.mail),
        seed,
        timeLimit: Math.max(1, timeLimit / 2),
        onProgress: progress,
      },
    );
    const open = new Set(cover.open);
    for (const id of cover.opened) {
      const place = byId.get(id);
      if (place) place.role = 'station';
    }
    for (const assignment of cover.assignments) {
      if (assignment.site !== null && assignment.covered && !open.has(assignment.demand)) servedVia.set(assignment.demand, assignment.site);
    }
    for (const entry of cover.uncovered) uncoveredVillages.set(entry.demand, `no outlet or station within ${spec.coverage.radius} m by road (${entry.reason})`);
    stationChoice = { opened: [...cover.opened], radiusM: spec.coverage.radius };
  }

  // 4. Stops of the new plan: outlets, stations, and the villages no station serves.
  const mailOf = new Map(places.map((place) => [place.id, place.mail]));
  for (const [village, site] of servedVia) mailOf.set(site, (mailOf.get(site) ?? 0) + (mailOf.get(village) ?? 0));
  const isPlanStop = (place: PlanPlace): boolean => place.role !== 'hub' && !servedVia.has(place.id);
  const planStops = places.filter(isPlanStop);
  const unassigned: UnassignedStop[] = [];
  for (const place of planStops) {
    const why = rejectedText.get(place.id);
    if (why) unassigned.push({ id: place.id, name: place.name, reason: why });
  }

  const hubFor = (vehicleType: string): string => {
    const vehicle = spec.fleet.find((v) => v.id === vehicleType);
    return vehicle?.depot ?? (hubs[0] as PlanPlace).id;
  };
  const problemFor = (stopIds: string[], mail: (id: string) => number): ProblemInput => {
    const locations = [...new Set([...hubs.map((hub) => hub.id), ...stopIds])].filter((id) => index.has(id));
    const local = new Map(locations.map((id, i) => [id, i]));
    const size = locations.length;
    const distances: (number | null)[] = new Array(size * size);
    const durations: (number | null)[] = new Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const d = at(matrix.distances, locations[i] as string, locations[j] as string);
        const t = at(matrix.durations, locations[i] as string, locations[j] as string);
        distances[i * size + j] = Number.isFinite(d) ? Math.round(d) : null;
        durations[i * size + j] = Number.isFinite(t) ? Math.round(t) : null;
      }
    }
    const stops: StopInput[] = stopIds.filter((id) => local.has(id)).map((id) => {
      const place = byId.get(id) as PlanPlace;
      const stop: StopInput = { id, location: local.get(id) as number, delivery: [mail(id)], serviceTime: place.serviceTime };
      if (place.latest !== undefined) stop.timeWindows = [[0, place.latest]];
      return stop;
    });
    return {
      depots: hubs.filter((hub) => local.has(hub.id)).map((hub) => ({ id: hub.id, location: local.get(hub.id) as number })),
      stops,
      vehicleTypes: spec.fleet.map((vehicle) => ({
        id: vehicle.id,
        count: vehicle.count,
        capacity: [vehicle.capacity],
        startDepot: hubFor(vehicle.id),
        shift: [vehicle.departure, 48 * 3600] as [number, number],
        ...(vehicle.maxShift !== undefined ? { maxDuration: vehicle.maxShift } : {}),
        fixedCost: vehicle.fixedCost,
        costPerDistance: 1,
      })),
      matrix: { size, distances, durations },
    };
  };

  // 5. Today's routes, checked against the places and evaluated as they are.
  let baselineRoutes: BaselineRoute[] = [];
  if (inputs.baseline && 'lines' in inputs.baseline) {
    const candidates = places.filter((place) => place.role !== 'hub');
    baselineRoutes = inputs.baseline.lines.map((line) => matchLineStops(line, candidates, { maxDistance: spec.baselineMatchDistance }));
  } else if (inputs.baseline) {
    baselineRoutes = inputs.baseline.routes;
  }
  const seen = new Map<string, string>();
  baselineRoutes.forEach((route, routeIndex) => {
    const where = (k?: number): { source: string; index: number; line?: number } => {
      const row = k === undefined ? undefined : route.rows?.[k];
      return row === undefined ? { source: sources.baseline, index: routeIndex } : { source: sources.baseline, index: row, line: row + 2 };
    };
    if (route.stops.length === 0) {
      throw new InputError(`route "${route.id}" serves no place`, { ...where(), field: 'geometry' },
        `no place lies within ${spec.baselineMatchDistance} m of the drawn line; raise baselineMatchDistanceM or check the line`);
    }
    if (route.vehicleType !== undefined && !spec.fleet.some((vehicle) => vehicle.id === route.vehicleType)) {
      throw new InputError(`route "${route.id}" uses vehicle type "${route.vehicleType}", which is not in the fleet`, { ...where(0), field: 'vehicle_type' },
        `fleet types: ${spec.fleet.map((vehicle) => vehicle.id).join(', ')}`);
    }
    route.stops.forEach((stop, k) => {
      const place = byId.get(stop);
      if (!place) throw new InputError(`route "${route.id}" visits "${stop}", which is not in ${sources.places}`, { ...where(k), field: 'stop_id' }, 'use the place ids of the places file');
      if (place.role === 'hub') throw new InputError(`route "${route.id}" lists the hub "${stop}" as a stop`, { ...where(k), field: 'stop_id' }, 'leave the hub out: routes start and end there');
      const other = seen.get(stop);
      if (other !== undefined) throw new InputError(`"${stop}" is visited twice (routes "${other}" and "${route.id}")`, { ...where(k), field: 'stop_id' }, 'visit each place once a day');
      seen.set(stop, route.id);
      if (rejectedText.has(stop)) throw new InfeasibleError(`today's route "${route.id}" visits "${place.name}", which is ${rejectedText.get(stop)}`, 'raise snapDistanceM or fix the place position');
    });
  });
  const defaultType = (spec.fleet[0] as { id: string }).id;
  const baselineInput: RouteInput[] = baselineRoutes.map((route) => ({ vehicleType: route.vehicleType ?? defaultType, stops: route.stops }));
  let baselineSolution: SolutionResult | null = null;
  const before: ReportRoute[] = [];
  if (baselineRoutes.length > 0) {
    progress({ step: 'baseline', message: `evaluating ${baselineRoutes.length} routes in use today` });
    const baselineProblem = createProblem(problemFor([...seen.keys()], (id) => byId.get(id)?.mail ?? 0), { source: sources.baseline });
    baselineSolution = evaluatePlan(baselineProblem, baselineInput);
    const used = new Map<string, number>();
    baselineSolution.routes.forEach((route, i) => {
      const source = baselineRoutes[i] as BaselineRoute;
      const reported = reportRoute('before', source.id, route, source.lineLength);
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
  const planProblem = createProblem(problemFor(planStops.map((p) => p.id), (id) => mailOf.get(id) ?? 0), { source: 'plan' });
  const planStopIds = new Set(planStops.map((place) => place.id));
  const warmStart = baselineInput
    .map((route) => ({ vehicleType: route.vehicleType, stops: route.stops.filter((stop) => planStopIds.has(stop)) }))
    .filter((route) => route.stops.length > 0);
  progress({ step: 'solve', message: `routing ${planStops.length} stops, up to ${timeLimit} s` });
  const solution = solve(planProblem, {
    seed,
    timeLimit,
    maxIterationsWithoutImprovement: options.maxIterationsWithoutImprovement ?? 2000,
    warmStart,
    onProgress: (event) => progress({ ...event, step: 'solve' }),
  });
  const after = solution.routes.map((route, i) => reportRoute('after', `N${i + 1}`, route));
  for (const entry of solution.unassigned) {
    const place = byId.get(entry.id);
    unassigned.push({ id: entry.id, name: place?.name ?? entry.id, reason: UNASSIGNED_TEXT[entry.reason] ?? entry.reason });
  }
  for (const [id, why] of uncoveredVillages) {
    if (!unassigned.some((entry) => entry.id === id)) unassigned.push({ id, name: byId.get(id)?.name ?? id, reason: why });
  }

  function reportRoute(phase: 'before' | 'after', id: string, route: SolutionResult['routes'][number], lineLength?: number): ReportRoute {
    const vehicle = spec.fleet.find((v) => v.id === route.vehicleType) ?? spec.fleet[0];
    const load = route.startLoad[0] ?? 0;
    const visits = route.visits.map((visit) => ({
      id: visit.id, arrival: visit.arrival, start: visit.start, departure: visit.departure, load: visit.load[0] ?? 0, distance: visit.distance,
    }));
    const sequence = [route.startDepot, ...route.stops, route.endDepot ?? route.startDepot];
    const unreachable: string[] = [];
    const geometry: [number, number][] = [];
    for (let k = 1; k < sequence.length; k++) {
      const from = snapOf.get(sequence[k - 1] as string);
      const to = snapOf.get(sequence[k] as string);
      let path = null;
      try {
        if (from && to) path = findPath(network, from, to, { metric: 'time' });
      } catch (error) {
        if (!(error instanceof InfeasibleError)) throw error;
      }
      if (!path) {
        unreachable.push(sequence[k] as string);
        continue;
      }
      for (const position of path.geometry.coordinates) {
        const last = geometry[geometry.length - 1];
        if (!last || last[0] !== position[0] || last[1] !== position[1]) geometry.push([position[0] as number, position[1] as number]);
      }
    }
    const latest = new Map<string, number>();
    for (const stop of route.stops) {
      const deadline = byId.get(stop)?.latest;
      if (deadline !== undefined) latest.set(stop, deadline);
    }
    const capacity = vehicle?.capacity ?? 0;
    const result: ReportRoute = {
      id, phase, vehicleType: route.vehicleType, depot: route.startDepot, stops: [...route.stops], visits,
      departure: route.departure, arrival: route.arrival, distance: route.distance, duration: route.duration,
      load, capacity,
      violations: findViolations({ load, duration: route.duration, visits, stops: route.stops }, {
        capacity, ...(vehicle?.maxShift !== undefined ? { maxShift: vehicle.maxShift } : {}), latest, unreachable,
      }),
      geometry,
    };
    if (vehicle?.maxShift !== undefined) result.maxShift = vehicle.maxShift;
    if (lineLength !== undefined) result.lineLength = lineLength;
    return result;
  }

  // 7. Sum up.
  progress({ step: 'report', message: 'writing the report' });
  const notServedToday = baselineRoutes.length === 0 ? [] : planStops.filter((place) => !seen.has(place.id)).map((place) => place.id);
  const summary = computeSavings(before, after, {
    name: spec.name,
    operatingDaysPerYear: spec.operatingDaysPerYear,
    unassigned,
    notServedToday,
    stations: stationChoice,
  });
  const reportPlaces = places.map((place) => {
    const { serviceTime: _service, latest: _latest, ...rest } = place;
    const out = { ...rest, mail: mailOf.get(place.id) ?? place.mail };
    const via = servedVia.get(place.id);
    return via ? { ...out, servedVia: via } : out;
  });
  const roadsForMap = network.edges.map((edge) => ({ highway: edge.roadClass, coordinates: edge.coordinates.map((p) => [p[0], p[1]] as [number, number]) }));
  const report: PlanReport = {
    summary,
    places: reportPlaces,
    before,
    after,
    roads: roadsForMap,
    run: { seed, timeLimitS: timeLimit, seconds: Math.round((performance.now() - started) / 100) / 10, generatedBy: options.generatedBy ?? 'postroute' },
  };
  return { report, solution, baselineSolution, network, snaps };
}
