/**
 * Routes of a two-tier plan as the report shows them: the engine's evaluated route in planner
 * units, its tier, loads and pick-ups per dimension, every broken rule (judged by the engine's
 * evaluator, worded here), and its path on the roads of its vehicle's profile.
 */
import type { PlanViolation, RouteResult } from '../vrp/index.js';
import type { ReportRoute, Tier, Violation } from '../report/types.js';
import { clock } from '../report/violations.js';
import { drawRoute, type RouteReportContext } from './route-report.js';
import { officeOfPiece, type DeliveryVehicle, type TierVehicle } from './tiers/model.js';
import { officeOfWaitDepot } from './tiers/wait.js';

export interface TierRouteContext {
  dimensions: readonly string[];
  /** Drawing context per road profile name ('' = the plan's own profile). */
  draw: ReadonlyMap<string, RouteReportContext>;
  /** Engine vehicle type id → the vehicle (delivery types carry their plan.json name in `type`). */
  vehicles: ReadonlyMap<string, TierVehicle | DeliveryVehicle>;
  /** Stop id → latest start of service. */
  latestOf: ReadonlyMap<string, number>;
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
  const reported: ReportRoute = {
    id, phase,
    // Delivery types by their plan.json name ("van", not "van@harsdorf"); a waiting truck's way back by its truck's.
    vehicleType: vehicle ? ('type' in vehicle ? vehicle.type : vehicle.id) : route.vehicleType,
    depot: place(route.startDepot),
    stops: [...route.stops],
    visits: route.visits.map((visit) => ({
      id: visit.id, arrival: visit.arrival, start: visit.start, departure: visit.departure, load: tidy(visit.load[0] ?? 0), distance: visit.distance, loads: visit.load.map(tidy),
    })),
    departure: route.departure, arrival: route.arrival, distance: route.distance, duration: route.duration,
    load: tidy(route.startLoad[0] ?? 0),
    capacity: capacities[0] ?? 0,
    violations: route.violations.map((violation) => reportViolation(context, violation, route, vehicle)),
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

/** The engine's verdict in the planner's words and units. */
function reportViolation(context: TierRouteContext, violation: PlanViolation, route: RouteResult, vehicle: TierVehicle | undefined): Violation {
  const amount = violation.amount;
  switch (violation.kind) {
    case 'capacity': {
      const d = violation.dimension ?? 0;
      const name = context.dimensions[d] ?? `dimension ${d}`;
      return { kind: 'over-capacity', amount, message: `${name}: on board up to ${fmt((vehicle?.capacity[d] ?? 0) + amount)}, capacity ${fmt(vehicle?.capacity[d] ?? 0)} (+${fmt(amount)})` };
    }
    case 'time-window': {
      const stop = violation.stop as string;
      const visit = route.visits.find((v) => v.id === stop);
      const due = context.latestOf.get(stop);
      return {
        kind: 'late', stop, amount,
        message: due !== undefined && visit ? `arrives at ${stop} at ${clock(visit.start)}, due by ${clock(due)} (+${clock(amount)})` : `arrives at ${stop} ${clock(amount)} late`,
      };
    }
    case 'max-duration':
      return { kind: 'over-shift', amount, message: `takes ${clock(route.duration)}, longest shift ${clock(vehicle?.maxDuration ?? 0)} (+${clock(amount)})` };
    case 'shift':
      return { kind: 'over-shift', amount, message: `back at ${clock(route.arrival)}, ${clock(amount)} after it must be back` };
    case 'max-distance':
      return { kind: 'over-shift', amount, message: `drives ${fmt(amount / 1000)} km more than allowed` };
    case 'unreachable-leg':
      return { kind: 'unreachable', stop: violation.stop as string, amount: 0, message: `no road leads to ${violation.stop as string} from the previous stop` };
    case 'fleet-size':
      return { kind: 'over-fleet', amount, message: violation.message };
    default:
      // Other engines' kinds (visit patterns of the periodic engine) cannot arise in a daily plan.
      throw new Error(`unexpected violation kind ${violation.kind} in a two-tier plan`);
  }
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Loads are sums of decimal volumes (kg): drop the binary noise (187.60000000000002) for people. */
function tidy(value: number): number {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? 0 : rounded;
}
