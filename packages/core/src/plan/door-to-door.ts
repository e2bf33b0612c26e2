/**
 * The planner's door-to-door tier: every drivable street inside the built-up areas (or named in
 * plan.json) must be driven along while the post is delivered, one pass or one per side as the
 * road class says, from the office and back: a capacitated arc routing problem on the road graph
 * (`carp/`), with travel time plus delivery time per km as cost and the shift as route limit.
 *
 * Which edges are served: an edge is inside an area when the middle of its geometry is; an edge
 * is named when its road feature's `name`, id or `osm_id` is listed. Classes in
 * `excludedClasses` are never served (they may still be driven). Two-way edges of a class in
 * `bothSidesClasses` are served once in each direction; all others once, one-way streets
 * forwards only.
 */
import type { FeatureCollection } from 'geojson';
import { createCarpProblem, type CarpRequiredInput, type CarpUnservable } from '../carp/model.js';
import { carpFromNetwork, carpRouteGeometry, traversalCoordinates } from '../carp/road.js';
import { routeOverrun, solveCarp, type CarpRoute } from '../carp/solve.js';
import { InputError } from '../errors.js';
import type { Snap } from '../graph/snap.js';
import type { RoadNetwork } from '../graph/types.js';
import type { DoorToDoorArea, DoorToDoorSpec } from './file/door-to-door-spec.js';
import type { PlanSpec } from './file/plan-file.js';
import type { PlanPlace } from './places.js';
import { formatFigure } from '../io/numbers.js';
import type { DoorToDoorReport, DoorToDoorStretch } from '../report/types.js';
import { overShiftSentence } from '../report/violations.js';
import type { ProgressCallback } from '../util/progress.js';

// The rounds' timing lives in door-to-door-timing.ts; re-exported for the callers that import it from here.
export { doorToDoorOnDays, doorToDoorStart, startAt, timeDoorToDoorByDay } from './door-to-door-timing.js';

/** What the door-to-door tier needs: its spec, the network and roads, the office and the search settings. */
export interface DoorToDoorInputs {
  spec: DoorToDoorSpec;
  network: RoadNetwork;
  roads: FeatureCollection;
  /** Where the tier starts: the office's snap, and its id for the report. */
  depot: { id: string; snap: Snap };
  /** When the routes leave the office (see `doorToDoorStart`). */
  start: { departure: number; startsAfter: string };
  seed: number;
  timeLimit: number;
  maxIterationsWithoutImprovement: number;
  /** Worker threads for each route search (islands; the same files for a seed and a thread count). */
  threads?: number;
  source: string;
  onProgress?: ProgressCallback;
}

/** The edges to serve, in edge order, with the sides rule applied. */
export function doorToDoorEdges(spec: DoorToDoorSpec, network: RoadNetwork, roads: FeatureCollection, source = 'plan.json'): CarpRequiredInput[] {
  const excluded = new Set(spec.excludedClasses);
  const bothSides = new Set(spec.bothSidesClasses);
  const wanted = new Map(spec.streets.map((s, i) => [s, i]));
  const found = new Uint8Array(spec.streets.length);
  const required: CarpRequiredInput[] = [];
  const serviceTime = spec.serviceTimePerKm;
  network.edges.forEach((edge, e) => {
    if (excluded.has(edge.roadClass)) return;
    let take = false;
    if (wanted.size > 0) {
      const feature = roads.features[edge.feature];
      const props = (feature?.properties ?? {}) as Record<string, unknown>;
      for (const key of [props.name, feature?.id, props.osm_id, props.id, props.ref]) {
        if (key === undefined || key === null) continue;
        const index = wanted.get(String(key)) ?? wanted.get(`way/${String(key)}`);
        if (index !== undefined) { found[index] = 1; take = true; }
      }
    }
    if (!take && spec.areas.length > 0) {
      const [lon, lat] = middle(edge.coordinates as [number, number][]);
      take = spec.areas.some((area) => inArea(area, lon, lat));
    }
    if (!take) return;
    const both = !edge.oneway && bothSides.has(edge.roadClass);
    required.push({ edge: e, demand: 0, serviceCost: edge.duration + (serviceTime * edge.length) / 1000, ...(both ? { sides: 'both' as const } : {}) });
  });
  found.forEach((ok, i) => {
    if (!ok) throw new InputError(`no drivable road named or numbered "${spec.streets[i]}" is on the network`, { source, field: `${spec.at ?? 'doorToDoor'}.streets[${i}]` },
      `check the spelling against the roads' "name" or id; excluded classes: ${spec.excludedClasses.join(', ')}`);
  });
  if (required.length === 0) {
    throw new InputError('no drivable street lies inside the door-to-door areas', { source, field: `${spec.at ?? 'doorToDoor'}.areas` }, 'check that the polygons cover the streets ([lon, lat] order)');
  }
  return required;
}

/**
 * Plans the door-to-door tier.
 *
 * @example
 * const report = planDoorToDoor({ spec: plan.doorToDoor, network, roads, depot: { id: 'office', snap }, seed: 1, timeLimit: 10, maxIterationsWithoutImprovement: 2000, source: 'plan.json' });
 * report.kmServiced; report.kmDeadheaded;
 */
export function planDoorToDoor(inputs: DoorToDoorInputs): DoorToDoorReport {
  const { spec, network, depot } = inputs;
  const required = doorToDoorEdges(spec, network, inputs.roads, inputs.source);
  const snapped = network.edges[depot.snap.edge]!;
  const depotNode = depot.snap.fraction <= 0.5 ? snapped.from : snapped.to;
  const input = carpFromNetwork(network, required, {
    depot: depotNode, metric: 'time',
    ...(spec.maxShift !== undefined ? { maxRouteCost: spec.maxShift } : {}),
    ...(spec.vehicles !== undefined ? { vehicles: spec.vehicles } : {}),
  });
  inputs.onProgress?.({ step: 'door-to-door', message: `${required.length} streets to serve door to door` });
  const problem = createCarpProblem(input, { source: inputs.source });
  const solution = solveCarp(problem, {
    seed: inputs.seed, timeLimit: inputs.timeLimit, noImprovement: inputs.maxIterationsWithoutImprovement,
    ...(inputs.threads !== undefined ? { threads: inputs.threads } : {}),
    ...(inputs.onProgress ? { onProgress: inputs.onProgress } : {}),
  });
  const km = (m: number): number => Math.round(m) / 1000;
  let servedM = 0;
  let deadheadM = 0;
  const { departure, startsAfter } = inputs.start;
  const routes = solution.routes.map((route, r) => {
    let served = 0;
    let deadhead = 0;
    const servedLines: [number, number][][] = [];
    for (const step of route.path) {
      const length = network.edges[step.edge]!.length;
      if (step.service) {
        served += length;
        servedLines.push(traversalCoordinates(network, step.edge, step.from));
      } else {
        deadhead += length;
      }
    }
    servedM += served;
    deadheadM += deadhead;
    const durationS = Math.round(route.cost);
    // The engine's verdict on the shift (carp/solve.ts routeOverrun), worded here, not judged again.
    const over = routeOverrun(problem, route);
    const violations = over > 0 ? [overShiftSentence(durationS, over)] : [];
    return {
      id: `D${r + 1}`,
      departure,
      arrival: departure + durationS,
      startsAfter,
      km: km(served + deadhead),
      kmServiced: km(served),
      kmDeadheaded: km(deadhead),
      durationS,
      streets: route.services.length,
      stretches: stretchesOf(route, network, inputs.roads, departure),
      violations,
      geometry: carpRouteGeometry(network, route).coordinates,
      served: servedLines,
    };
  });
  const sides = required.reduce((n, q) => n + (q.sides === 'both' ? 2 : 1), 0);
  return {
    depot: depot.id,
    streets: required.length,
    sides,
    streetsServed: required.length - solution.unservable.length,
    sidesServed: routes.reduce((n, route) => n + route.streets, 0),
    serviceMinutesPerKm: spec.serviceTimePerKm / 60,
    kmServiced: km(servedM),
    kmDeadheaded: km(deadheadM),
    km: km(servedM + deadheadM),
    driverHours: Math.round(solution.cost / 36) / 100,
    vehicles: routes.length,
    feasible: solution.feasible,
    unservable: solution.unservable.map((u) => {
      const edge = network.edges[required[u.required]!.edge]!;
      const props = (inputs.roads.features[edge.feature]?.properties ?? {}) as Record<string, unknown>;
      return { street: typeof props.name === 'string' ? props.name : `edge ${required[u.required]!.edge}`, reason: u.reason, message: doorToDoorReason(u) };
    }),
    routes,
    rule: `both sides in two passes on two-way ${spec.bothSidesClasses.join('/')} roads; one pass elsewhere (one-way streets forwards); never ${spec.excludedClasses.join('/')}`,
  };
}

/** A road edge's street name for a driver: its name, else its ref, else "unnamed road (living street)". */
function streetName(network: RoadNetwork, roads: FeatureCollection, edge: number): string {
  const e = network.edges[edge]!;
  const props = (roads.features[e.feature]?.properties ?? {}) as Record<string, unknown>;
  for (const key of [props.name, props.ref]) if (typeof key === 'string' && key.trim() !== '') return key.trim();
  return `unnamed road (${e.roadClass.replace(/_/g, ' ')})`;
}

/**
 * The streets a route serves, in order: consecutive served segments of one street and sides
 * make one stretch, with the time delivery on it begins and ends (the path's costs are seconds:
 * driving, plus delivery on served segments) and the km driven empty to reach it.
 */
function stretchesOf(route: CarpRoute, network: RoadNetwork, roads: FeatureCollection, departure: number): DoorToDoorStretch[] {
  const stretches: DoorToDoorStretch[] = [];
  let time = departure;
  let emptyM = 0;
  let service = 0;
  let open: (DoorToDoorStretch & { metres: number }) | null = null;
  const close = (): void => {
    if (!open) return;
    const { metres, ...stretch } = open;
    stretches.push({ ...stretch, km: Math.round(metres) / 1000 });
    open = null;
  };
  for (const step of route.path) {
    const length = network.edges[step.edge]!.length;
    if (!step.service) {
      close();
      emptyM += length;
      time += step.cost;
      continue;
    }
    // Services are listed in the order of the path's served steps.
    const sides = route.services[service++]!.side === 'either' ? 'both' : 'kerb';
    const street = streetName(network, roads, step.edge);
    if (open === null || open.street !== street || open.sides !== sides) {
      close();
      open = { street, sides, segments: 0, km: 0, metres: 0, kmBefore: Math.round(emptyM) / 1000, start: Math.round(time), end: 0 };
      emptyM = 0;
    }
    time += step.cost;
    open.segments++;
    open.metres += length;
    open.end = Math.round(time);
  }
  close();
  return stretches;
}

/**
 * The office a door-to-door block's routes start from: its `office` or `depot`, else the first
 * vehicle type's depot, else the first hub. A hub, or in a two-tier plan also a township office
 * (role "outlet"), whose routes then leave once the trunk has brought its mail.
 */
export function doorToDoorDepot(spec: PlanSpec, block: DoorToDoorSpec, places: readonly PlanPlace[], source: string): PlanPlace {
  const hubs = places.filter((place) => place.role === 'hub');
  const allowed = spec.tiers ? places.filter((place) => place.role === 'hub' || place.role === 'outlet') : hubs;
  const id = block.office ?? block.depot ?? spec.fleet[0]?.depot ?? hubs[0]?.id;
  const depot = allowed.find((place) => place.id === id);
  if (id === undefined || depot === undefined) {
    const field = `${block.at ?? 'doorToDoor'}.${block.office !== undefined ? 'office' : 'depot'}`;
    throw new InputError(`door-to-door ${block.office !== undefined ? 'office' : 'depot'} "${id ?? ''}" is not a place with role "hub"${spec.tiers ? ' or a township office (role "outlet")' : ''}`, { source, field },
      `${spec.tiers ? 'hubs and offices' : 'hubs'}: ${allowed.map((h) => h.id).join(', ')}`);
  }
  return depot;
}

/**
 * The township office a two-tier plan's door-to-door streets belong to when plan.json names no
 * `doorToDoor.depot`: the one nearest, in a straight line, to the middle of the streets served
 * (the mean of their midpoints; ties to the first office in place order). Straight-line, because
 * the office is chosen once, before any routing, and the streets of a town lie around its office.
 */
export function nearestOffice(required: readonly CarpRequiredInput[], network: RoadNetwork, offices: readonly PlanPlace[]): PlanPlace | undefined {
  if (required.length === 0 || offices.length === 0) return undefined;
  let lon = 0;
  let lat = 0;
  for (const task of required) {
    const [x, y] = middle(network.edges[task.edge]!.coordinates as [number, number][]);
    lon += x;
    lat += y;
  }
  lon /= required.length;
  lat /= required.length;
  // Degrees of longitude shrink with the latitude: scale them so that the distance is fair.
  const scale = Math.cos((lat * Math.PI) / 180);
  let best: PlanPlace | undefined;
  let bestD = Infinity;
  for (const office of offices) {
    const d = Math.hypot((office.lon - lon) * scale, office.lat - lat);
    if (d < bestD) {
      best = office;
      bestD = d;
    }
  }
  return best;
}


/** The point halfway along a line (by planar length, which is exact enough for one street). */
function middle(line: [number, number][]): [number, number] {
  if (line.length === 1) return line[0]!;
  let total = 0;
  for (let i = 1; i < line.length; i++) total += Math.hypot(line[i]![0] - line[i - 1]![0], line[i]![1] - line[i - 1]![1]);
  let rest = total / 2;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (d >= rest && d > 0) return [a[0] + ((b[0] - a[0]) * rest) / d, a[1] + ((b[1] - a[1]) * rest) / d];
    rest -= d;
  }
  return line[line.length - 1]!;
}

/** Even-odd rule over all rings of each polygon (holes excluded). */
function inArea(area: DoorToDoorArea, lon: number, lat: number): boolean {
  return area.polygons.some((rings) => {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  });
}

/** Why a street is not served, in the tier's units: minutes of a shift, not the model's cost. */
function doorToDoorReason(u: CarpUnservable): string {
  if (u.reason === 'route-limit-exceeded' && u.alone !== undefined && u.limit !== undefined) {
    return `serving it alone takes ${formatFigure(u.alone / 60, 1)} min (from the office and back), longer than the ${formatFigure(u.limit / 60, 1)} min shift`;
  }
  if (u.reason === 'unreachable') return 'it cannot be reached from the office and left back to it in an allowed direction';
  return u.message;
}
