/**
 * One evaluated route as the report shows it, for every pipeline: visits in planner units, every
 * broken rule (judged by the engine's evaluator, worded by report/violations.ts), the path along
 * the roads, and in two-tier plans its tier, loads and pick-ups per dimension and its cost.
 * `reportRoute` is the one builder; `toReportRoute` (one tier, the week) and `tierReportRoute`
 * (two tiers) only say who drives the route.
 */
import { InfeasibleError } from '../errors.js';
import type { Snap } from '../graph/snap.js';
import type { RoadNetwork } from '../graph/types.js';
import type { FleetSpec } from './file/plan-file.js';
import { findPath } from '../matrix/index.js';
import type { ReportRoute, Tier } from '../report/types.js';
import { reportViolations } from '../report/violations.js';
import type { RouteResult } from '../vrp/index.js';
import type { PlanPlace } from './places.js';
import { officeOfPiece, type DeliveryVehicle, type TierVehicle } from './tiers/model.js';
import { officeOfWaitDepot } from './tiers/wait.js';

export interface RouteReportContext {
  network: RoadNetwork;
  snaps: ReadonlyMap<string, Snap>;
  places: ReadonlyMap<string, PlanPlace>;
  fleet: readonly FleetSpec[];
}

/** The road path of hub → stops → hub, and the stops no road leads to from the previous one. */
export function drawRoute(context: RouteReportContext, sequence: readonly string[]): { geometry: [number, number][]; unreachable: string[] } {
  const geometry: [number, number][] = [];
  const unreachable: string[] = [];
  for (let k = 1; k < sequence.length; k++) {
    const from = context.snaps.get(sequence[k - 1] as string);
    const to = context.snaps.get(sequence[k] as string);
    let path = null;
    try {
      // The same quickest paths as the matrices, so that the line is the distance counted.
      if (from && to) path = findPath(context.network, from, to, { metric: 'time' });
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
  return { geometry, unreachable };
}

/** Who drives a route and how the report names it: what `reportRoute` needs besides the evaluated route. */
export interface RouteShape {
  id: string;
  phase: 'before' | 'after';
  /** The vehicle type as plan.json names it, its number of vehicles, capacities and longest shift. */
  typeName: string;
  fleetCount: number;
  capacities: readonly number[] | undefined;
  maxShift: number | undefined;
  lineLength?: number | undefined;
  /** The operating day of a weekly plan's route (it counts its fleet per day). */
  day?: string | undefined;
  /** Two-tier plans: the tier, the load dimensions' names, and the place a depot or stop id stands
   *  for (trunk stops may be shares "east~2", a waiting truck's way back starts at "east@T1"). */
  tier?: { tier: Tier; dimensions: readonly string[]; place: (id: string) => string };
}

/** The one builder of a report route from an evaluated route. */
export function reportRoute(draw: RouteReportContext, route: RouteResult, shape: RouteShape): ReportRoute {
  const tier = shape.tier;
  const place = tier?.place ?? ((id: string): string => id);
  // One tier: back to the start depot. Two tiers: a morning leg before the truck waits ends at its last office.
  const end = route.endDepot === null ? (tier ? [] : [route.startDepot]) : [route.endDepot];
  const { geometry } = drawRoute(draw, [route.startDepot, ...route.stops, ...end].map(place));
  const number = tier ? tidy : (value: number): number => value;
  const depot = place(route.startDepot);
  const reported: ReportRoute = {
    id: shape.id, phase: shape.phase,
    vehicleType: shape.typeName,
    depot,
    stops: [...route.stops],
    visits: route.visits.map((visit) => ({
      id: visit.id, arrival: visit.arrival, start: visit.start, departure: visit.departure, load: number(visit.load[0] ?? 0), distance: visit.distance,
      ...(tier ? { loads: visit.load.map(tidy) } : {}),
    })),
    departure: route.departure, arrival: route.arrival, distance: route.distance, duration: route.duration,
    load: number(route.startLoad[0] ?? 0),
    capacity: shape.capacities?.[0] ?? 0,
    // The evaluator said what the route breaks (RouteResult.violations); the one wording table says it.
    violations: reportViolations(route, {
      route, fleetCount: shape.fleetCount,
      ...(tier ? { typeName: shape.typeName, dimensions: tier.dimensions, ...(tier.tier === 'delivery' ? { depot } : {}) } : {}),
      ...(shape.day !== undefined ? { day: shape.day } : {}),
    }),
    geometry,
  };
  if (tier) {
    // The vehicle leaves with every delivery on board, so what it brings back is what it picked up.
    const last = route.visits[route.visits.length - 1];
    reported.tier = tier.tier;
    reported.loads = route.startLoad.map(tidy);
    reported.pickups = tier.dimensions.map((_, d) => tidy(last?.load[d] ?? 0));
    reported.capacities = shape.capacities ? [...shape.capacities] : tier.dimensions.map(() => 0);
    reported.cost = Math.round(route.cost * 100) / 100;
  }
  if (shape.maxShift !== undefined) reported.maxShift = shape.maxShift;
  if (shape.lineLength !== undefined) reported.lineLength = shape.lineLength;
  if (shape.day !== undefined) reported.day = shape.day;
  return reported;
}

/** A route of a one-tier plan (daily or weekly): its vehicle from plan.json's fleet. */
export function toReportRoute(
  context: RouteReportContext,
  phase: 'before' | 'after',
  id: string,
  route: RouteResult,
  lineLength?: number,
  /** The operating day of a weekly plan's route (it counts its fleet per day). */
  day?: string,
): ReportRoute {
  const vehicle = context.fleet.find((v) => v.id === route.vehicleType) ?? context.fleet[0];
  // A weekly plan's fleet of the route's day (`countPerDay`), else the type's count.
  const fleetCount = (day !== undefined ? vehicle?.countPerDay?.[day] : undefined) ?? vehicle?.count ?? 0;
  return reportRoute(context, route, {
    id, phase, typeName: route.vehicleType, fleetCount,
    capacities: vehicle ? [vehicle.capacity] : undefined, maxShift: vehicle?.maxShift, lineLength, day,
  });
}

/** What a two-tier route's report needs: the dimensions, a drawing context per road profile, the vehicles. */
export interface TierRouteContext {
  dimensions: readonly string[];
  /** Drawing context per road profile name ('' = the plan's own profile). */
  draw: ReadonlyMap<string, RouteReportContext>;
  /** Engine vehicle type id → the vehicle (delivery types carry their plan.json name in `type`). */
  vehicles: ReadonlyMap<string, TierVehicle | DeliveryVehicle>;
}

/** A route of a two-tier plan: its tier, its vehicle from the tiers' fleets, drawn on its profile's roads. */
export function tierReportRoute(context: TierRouteContext, phase: 'before' | 'after', tier: Tier, id: string, route: RouteResult, lineLength?: number): ReportRoute {
  const vehicle = context.vehicles.get(route.vehicleType);
  const draw = context.draw.get(vehicle?.profile ?? '') ?? (context.draw.get('') as RouteReportContext);
  // Delivery types by their plan.json name ("van", not "van@harsdorf"); a waiting truck's way back by its truck's.
  const typeName = vehicle ? ('type' in vehicle ? vehicle.type : vehicle.id) : route.vehicleType;
  return reportRoute(draw, route, {
    id, phase, typeName, fleetCount: vehicle?.count ?? 0, capacities: vehicle?.capacity, maxShift: vehicle?.maxDuration, lineLength,
    tier: { tier, dimensions: context.dimensions, place: (id: string): string => (tier === 'delivery' ? id : officeOfPiece(officeOfWaitDepot(id))) },
  });
}

/** Loads are sums of decimal volumes (kg): drop the binary noise (187.60000000000002) for people. */
function tidy(value: number): number {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? 0 : rounded;
}
