/**
 * Routes of a two-tier plan as the report shows them: the engine's evaluated route in planner
 * units, its tier, loads and pick-ups per dimension, every broken rule (judged by the engine's
 * evaluator, worded by report/violations.ts), and its path on the roads of its vehicle's profile.
 */
import type { RouteResult } from '../vrp/index.js';
import type { ReportRoute, Tier } from '../report/types.js';
import { reportViolations } from '../report/violations.js';
import { drawRoute, type RouteReportContext } from './route-report.js';
import { officeOfPiece, type DeliveryVehicle, type TierVehicle } from './tiers/model.js';
import { officeOfWaitDepot } from './tiers/wait.js';

export interface TierRouteContext {
  dimensions: readonly string[];
  /** Drawing context per road profile name ('' = the plan's own profile). */
  draw: ReadonlyMap<string, RouteReportContext>;
  /** Engine vehicle type id → the vehicle (delivery types carry their plan.json name in `type`). */
  vehicles: ReadonlyMap<string, TierVehicle | DeliveryVehicle>;
}

export function tierReportRoute(context: TierRouteContext, phase: 'before' | 'after', tier: Tier, id: string, route: RouteResult, lineLength?: number): ReportRoute {
  const vehicle = context.vehicles.get(route.vehicleType);
  const draw = context.draw.get(vehicle?.profile ?? '') ?? (context.draw.get('') as RouteReportContext);
  // Trunk stops may be shares of an office ("east~2"), and a waiting truck's way back starts at an
  // office ("east@T1"): the places they are. A morning leg before the truck waits ends at its last office.
  const place = (id: string): string => (tier === 'delivery' ? id : officeOfPiece(officeOfWaitDepot(id)));
  const { geometry } = drawRoute(draw, [route.startDepot, ...route.stops, ...(route.endDepot === null ? [] : [route.endDepot])].map(place));
  // The vehicle leaves with every delivery on board, so what it brings back is what it picked up.
  const last = route.visits[route.visits.length - 1];
  const pickups = context.dimensions.map((_, d) => tidy(last?.load[d] ?? 0));
  const capacities = vehicle ? [...vehicle.capacity] : context.dimensions.map(() => 0);
  // Delivery types by their plan.json name ("van", not "van@harsdorf"); a waiting truck's way back by its truck's.
  const typeName = vehicle ? ('type' in vehicle ? vehicle.type : vehicle.id) : route.vehicleType;
  const reported: ReportRoute = {
    id, phase,
    vehicleType: typeName,
    depot: place(route.startDepot),
    stops: [...route.stops],
    visits: route.visits.map((visit) => ({
      id: visit.id, arrival: visit.arrival, start: visit.start, departure: visit.departure, load: tidy(visit.load[0] ?? 0), distance: visit.distance, loads: visit.load.map(tidy),
    })),
    departure: route.departure, arrival: route.arrival, distance: route.distance, duration: route.duration,
    load: tidy(route.startLoad[0] ?? 0),
    capacity: capacities[0] ?? 0,
    // The evaluator said what the route breaks; the one wording table says it (a delivery fleet is an office's).
    violations: reportViolations(route, {
      route, fleetCount: vehicle?.count ?? 0, typeName, dimensions: context.dimensions, ...(tier === 'delivery' ? { depot: place(route.startDepot) } : {}),
    }),
    geometry,
    tier,
    loads: route.startLoad.map(tidy),
    pickups,
    capacities,
    cost: Math.round(route.cost * 100) / 100,
  };
  if (vehicle?.maxDuration !== undefined) reported.maxShift = vehicle.maxDuration;
  if (lineLength !== undefined) reported.lineLength = lineLength;
  return reported;
}

/** Loads are sums of decimal volumes (kg): drop the binary noise (187.60000000000002) for people. */
function tidy(value: number): number {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? 0 : rounded;
}
