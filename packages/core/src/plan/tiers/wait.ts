/**
 * Collection mode "wait": the morning trunk truck does not go home after its last drop-off. It
 * waits at its last office and comes back the way it came, loading at each of its offices (last
 * first) once that office's delivery routes are back and the goods handled; then it drives to the
 * hub. Its day, waiting included, must fit its shift (`maxShiftHours` from its morning departure)
 * and end at the hub by `returnBy`.
 *
 * Two things follow, both judged by the one evaluator:
 * - `waitLimits`: before the delivery tier is planned, the latest moment each office's delivery
 *   routes may be back so that the truck, going back in that order, still makes its shift: worked
 *   backwards from the shift's end along the return leg (travel back, handling at each office).
 *   Offices with no goods are passed without stopping, which with shortest-path matrices is never
 *   later, so a delivery tier that keeps these limits always leaves the truck a feasible return.
 * - `waitCollection`: after the delivery tier, each truck's return leg as one route of its own:
 *   starting at its last office the moment it has unloaded there (the depot's window pins that
 *   moment, so the leg's duration includes every minute of waiting), each office no earlier than
 *   its goods are ready, ending at the hub by the shift's end.
 */
import type { ProblemInput, RouteInput, SolutionResult, StopInput, VehicleTypeInput } from '../../vrp/index.js';
import { officeOfPiece, OPEN_END, type TrunkVehicle, type TwoTierInput, withMatrices } from './model.js';

/** The id of the depot where truck route `k` (0-based) starts its return leg. */
export function waitDepotId(office: string, k: number): string {
  return `${office}@T${k + 1}`;
}

/** The office of a return leg's depot id. */
export function officeOfWaitDepot(id: string): string {
  const cut = id.lastIndexOf('@T');
  return cut > 0 && /^\d+$/.test(id.slice(cut + 2)) ? id.slice(0, cut) : id;
}

/** The engine vehicle type of truck route `k`'s return leg. */
export function waitVehicleId(truck: string, k: number): string {
  return `${truck}#${k + 1}`;
}

/** The truck type and route index (0-based) of a return leg's vehicle type; null for others. */
export function legOfWaitVehicle(id: string): { truck: string; k: number } | null {
  const cut = id.lastIndexOf('#');
  if (cut <= 0 || !/^\d+$/.test(id.slice(cut + 1))) return null;
  return { truck: id.slice(0, cut), k: Number(id.slice(cut + 1)) - 1 };
}

interface Leg {
  k: number;
  vehicle: TrunkVehicle;
  /** Morning visit ids (offices, or shares "office~2") in the order the truck comes back. */
  back: string[];
  /** When the truck has unloaded at its last office. */
  start: number;
  /** When it must be back at the hub: shift end and `returnBy`, whichever comes first. */
  end: number;
}

function legsOf(input: TwoTierInput, trunk: SolutionResult): Leg[] {
  const collection = input.trunk.collection;
  const returnBy = collection?.returnBy ?? OPEN_END;
  const vehicles = new Map(input.trunk.vehicles.map((v) => [v.id, v]));
  const legs: Leg[] = [];
  trunk.routes.forEach((route, k) => {
    const last = route.visits[route.visits.length - 1];
    const vehicle = vehicles.get(route.vehicleType);
    if (!last || !vehicle) return;
    const shiftEnd = vehicle.maxDuration === undefined ? OPEN_END : route.departure + vehicle.maxDuration;
    legs.push({ k, vehicle, back: route.visits.map((v) => v.id).reverse(), start: last.departure, end: Math.min(shiftEnd, returnBy) });
  });
  return legs;
}

function durationBetween(input: TwoTierInput, from: number, to: number): number {
  const value = input.matrix.durations[from * input.matrix.size + to];
  // No road back: the truck can never make it, and every limit worked back from it is hopeless.
  return value === null || value === undefined ? OPEN_END : value;
}

/**
 * Office id → the latest return of its delivery routes that lets its truck wait, load and still
 * be home in time (offices no truck reaches keep the open end: their villages go unserved anyway).
 */
export function waitLimits(input: TwoTierInput, trunk: SolutionResult): Map<string, number> {
  const location = new Map(input.offices.map((office) => [office.id, office]));
  const limits = new Map(input.offices.map((office) => [office.id, OPEN_END]));
  for (const leg of legsOf(input, trunk)) {
    let latestLeave = leg.end;
    let next = input.hub.location;
    for (let i = leg.back.length - 1; i >= 0; i--) {
      const office = location.get(officeOfPiece(leg.back[i] as string));
      if (!office) continue;
      latestLeave -= durationBetween(input, office.location, next);
      const latestStart = latestLeave - office.serviceTime;
      limits.set(office.id, Math.min(limits.get(office.id) ?? OPEN_END, latestStart));
      latestLeave = latestStart;
      next = office.location;
    }
  }
  return limits;
}

/**
 * Every truck's return leg as a problem and its fixed routes (the order is the rule, not a
 * choice): one vehicle type per truck route, starting at its last office when it has unloaded;
 * each office's goods shared among the trucks that served it in the morning.
 */
export function waitCollection(
  input: TwoTierInput,
  trunk: SolutionResult,
  officePickups: ReadonlyMap<string, number[]>,
  ready: ReadonlyMap<string, number>,
): { problem: ProblemInput; routes: RouteInput[] } {
  const zero = input.dimensions.map(() => 0);
  const offices = new Map(input.offices.map((office) => [office.id, office]));
  const shares = new Map<string, number>();
  for (const route of trunk.routes) for (const visit of route.visits) shares.set(officeOfPiece(visit.id), (shares.get(officeOfPiece(visit.id)) ?? 0) + 1);
  const depots: ProblemInput['depots'] = [{ id: input.hub.id, location: input.hub.location }];
  const stops: StopInput[] = [];
  const vehicleTypes: VehicleTypeInput[] = [];
  const routes: RouteInput[] = [];
  for (const leg of legsOf(input, trunk)) {
    const first = offices.get(officeOfPiece(leg.back[0] as string));
    if (!first) continue;
    const depot = waitDepotId(first.id, leg.k);
    depots.push({ id: depot, location: first.location, timeWindow: [leg.start, leg.start] });
    const type: VehicleTypeInput = {
      id: waitVehicleId(leg.vehicle.id, leg.k), count: 1, capacity: [...leg.vehicle.capacity], startDepot: depot, endDepot: input.hub.id,
      // The truck's day cost was counted with its morning route; here only the kilometres.
      shift: [leg.start, Math.max(leg.start, leg.end)], fixedCost: 0, costPerDistance: leg.vehicle.costPerDistance,
    };
    if (leg.vehicle.profile !== undefined) type.profile = leg.vehicle.profile;
    vehicleTypes.push(type);
    const visit: string[] = [];
    for (const id of leg.back) {
      const office = offices.get(officeOfPiece(id));
      if (!office) continue;
      const goods = (officePickups.get(office.id) ?? zero).map((x) => x / (shares.get(office.id) ?? 1));
      // An office with nothing to load is driven through, not stopped at.
      if (!goods.some((x) => x > 0)) continue;
      stops.push({ id, location: office.location, delivery: [...zero], pickup: goods, serviceTime: office.serviceTime, timeWindows: [[ready.get(office.id) ?? 0, OPEN_END]] });
      visit.push(id);
    }
    if (visit.length === 0) {
      // Nothing to collect on this route: the truck drives straight home from its last office (a
      // stop without goods or handling, so that the leg and its kilometres are still counted).
      const id = leg.back[0] as string;
      stops.push({ id, location: first.location, delivery: [...zero], pickup: [...zero], serviceTime: 0 });
      visit.push(id);
    }
    routes.push({ vehicleType: type.id, stops: visit });
  }
  return { problem: withMatrices(input, { depots, stops, vehicleTypes }), routes };
}
