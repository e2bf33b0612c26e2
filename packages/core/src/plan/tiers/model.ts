/**
 * The two-tier problem on matrices, before any road or file: a hub, township offices and the
 * stops (villages, stations, produce bases) over one location space, a trunk fleet at the hub and
 * delivery fleets at the offices. `planNetwork` builds it from roads and places; the 2E-CVRP
 * benchmark builds it from Euclidean instances. Each tier is solved as an ordinary `ProblemInput`
 * by the one routing engine, so that every constraint is judged by its one evaluator.
 */
import type { MatrixInput, ProblemInput, StopInput, VehicleTypeInput } from '../../vrp/index.js';

export interface FlatMatrix extends MatrixInput {
  distances: (number | null)[];
  durations: (number | null)[];
}

/** A stop of either tier: where it is and what it drops and hands over, per dimension. */
export interface TierStop {
  id: string;
  location: number;
  delivery: number[];
  pickup: number[];
  serviceTime: number;
  /** Latest start of service, in the matrices' time unit. */
  latest?: number;
}

export interface TwoTierOffice extends TierStop {
  /** `delivery`/`pickup` here are the office's own counter volumes, on top of its villages'. */
}

export interface TwoTierStop extends TierStop {
  /** The office the administrative list gives it (needed unless assignment is "free"). */
  office?: string;
}

/** A vehicle type of one tier. */
export interface TierVehicle {
  id: string;
  count: number;
  /**
   * A week's plan: the vehicles on each day of the horizon (day k at index k - 1), where the fleet
   * differs by day; `dayInput` turns it into that day's `count`. Absent: `count` every day.
   */
  countPerDay?: number[];
  capacity: number[];
  /** Longest route, departure to return. */
  maxDuration?: number;
  fixedCost: number;
  costPerDistance: number;
  /** Name in `TwoTierInput.profiles`; default: the main matrix. */
  profile?: string;
}

export interface TrunkVehicle extends TierVehicle {
  /** Departure from the hub. */
  departure: number;
}

export interface DeliveryVehicle extends TierVehicle {
  /** The vehicle type as plan.json names it ("van"); `id` is unique per office ("van@harsdorf"). */
  type: string;
  office: string;
}

/**
 * How the goods collected by the delivery routes reach the hub. "second-wave": trunk trucks leave
 * the hub again at `departure` and load at each office once its goods are there. "wait": each
 * morning truck ends its drop-offs at its last office, waits there, and comes back the way it
 * came, loading at each of its offices once that office's delivery routes are back (its day, wait
 * included, within its shift, and home by `returnBy`).
 */
export type TrunkCollection =
  | { mode: 'second-wave'; departure: number; returnBy?: number }
  | { mode: 'wait'; returnBy?: number };

/** A two-tier plan in solver terms: hub, offices, stops, fleets and matrices. */
export interface TwoTierInput {
  dimensions: string[];
  hub: { id: string; location: number };
  offices: TwoTierOffice[];
  stops: TwoTierStop[];
  /** Flat row-major matrices (`values[from * size + to]`; null = no road). */
  matrix: FlatMatrix;
  profiles?: Record<string, FlatMatrix>;
  trunk: {
    vehicles: TrunkVehicle[];
    /** How the collected goods reach the hub; null = nothing collected. */
    collection: TrunkCollection | null;
  };
  delivery: {
    vehicles: DeliveryVehicle[];
    assignment: 'free' | 'administrative';
    /** Administrative with tolerance: a stop moves office if that saves at least this distance. */
    tolerance: number;
    /** Time between the trunk's unloading at an office and the first delivery departure. */
    sorting: number;
  };
}

/** Time far beyond any working day: the open end of a shift. */
export const OPEN_END = 48 * 3600;

export function sumVectors(into: number[], add: readonly number[], factor = 1): void {
  for (let d = 0; d < into.length; d++) into[d] = (into[d] as number) + (add[d] ?? 0) * factor;
}

export function stopInput(stop: TierStop, delivery: number[], pickup: number[], earliest?: number): StopInput {
  const out: StopInput = { id: stop.id, location: stop.location, delivery, pickup, serviceTime: stop.serviceTime };
  // A window that opens after the day's end (goods that are never ready) stays a valid, hopeless window.
  if (stop.latest !== undefined || earliest !== undefined) out.timeWindows = [[earliest ?? 0, Math.max(earliest ?? 0, stop.latest ?? OPEN_END)]];
  return out;
}

function vehicleInput(vehicle: TierVehicle, depot: string, shift: [number, number]): VehicleTypeInput {
  const out: VehicleTypeInput = {
    id: vehicle.id, count: vehicle.count, capacity: [...vehicle.capacity], startDepot: depot, shift,
    fixedCost: vehicle.fixedCost, costPerDistance: vehicle.costPerDistance,
  };
  if (vehicle.maxDuration !== undefined) out.maxDuration = vehicle.maxDuration;
  if (vehicle.profile !== undefined) out.profile = vehicle.profile;
  return out;
}

export function withMatrices(input: TwoTierInput, problem: Omit<ProblemInput, 'matrix'>): ProblemInput {
  const out: ProblemInput = { ...problem, matrix: input.matrix };
  const names = new Set(problem.vehicleTypes.map((t) => t.profile).filter((p): p is string => p !== undefined));
  if (input.profiles && names.size > 0) out.profiles = Object.fromEntries([...names].sort().map((name) => [name, input.profiles![name]!]));
  return out;
}

/**
 * The morning trunk: from the hub to every office with its delivery load (its own and its
 * villages'), each office due by its `latest`. When the truck waits (collection mode "wait") the
 * morning route ends at its last office (an open route); for the search (`pricing: "day"`) its
 * distance counts twice, since the truck comes back the same way in the afternoon.
 */
export function trunkProblem(input: TwoTierInput, officeLoads: ReadonlyMap<string, number[]>, options: { split?: boolean; pricing?: 'leg' | 'day' } = {}): ProblemInput {
  const zero = input.dimensions.map(() => 0);
  const waits = input.trunk.collection?.mode === 'wait';
  const factor = waits && options.pricing === 'day' ? 2 : 1;
  return withMatrices(input, {
    depots: [{ id: input.hub.id, location: input.hub.location }],
    stops: input.offices.flatMap((office) => pieces(input, office, officeLoads.get(office.id) ?? zero, options.split ?? false)
      .map((share, k) => stopInput({ ...office, id: pieceId(office.id, k) }, share, [...zero]))),
    vehicleTypes: input.trunk.vehicles.map((vehicle) => {
      const type = vehicleInput({ ...vehicle, costPerDistance: vehicle.costPerDistance * factor }, input.hub.id, [vehicle.departure, OPEN_END]);
      if (waits) type.endDepot = null;
      return type;
    }),
  });
}

/** The k-th share of an office's freight on the trunk: the office id, then "office~2", "office~3", … */
export function pieceId(office: string, k: number): string {
  return k === 0 ? office : `${office}~${k + 1}`;
}

/** The office a trunk stop id belongs to. */
export function officeOfPiece(id: string): string {
  const cut = id.lastIndexOf('~');
  return cut > 0 && /^\d+$/.test(id.slice(cut + 1)) ? id.slice(0, cut) : id;
}

/**
 * An office's freight in equal shares that each fit the largest trunk vehicle (split delivery at
 * the office, as two trucks serve a big office); one share when it fits, or when not splitting.
 */
function pieces(input: TwoTierInput, office: TierStop, load: readonly number[], split: boolean): number[][] {
  let n = 1;
  if (split) {
    input.dimensions.forEach((_, d) => {
      const largest = Math.max(0, ...input.trunk.vehicles.map((v) => v.capacity[d] ?? 0));
      if (largest > 0) n = Math.max(n, Math.ceil((load[d] ?? 0) / largest - 1e-9));
    });
  }
  void office;
  return Array.from({ length: n }, () => load.map((x) => x / n));
}

/**
 * The afternoon collection: from the hub to every office that has goods, no earlier than they are
 * ready there (the last delivery route back), and home by `returnBy`.
 */
export function collectionProblem(input: TwoTierInput, officePickups: ReadonlyMap<string, number[]>, ready: ReadonlyMap<string, number>): ProblemInput {
  const zero = input.dimensions.map(() => 0);
  const collection = input.trunk.collection as Extract<TrunkCollection, { mode: 'second-wave' }>;
  const offices = input.offices.filter((office) => (officePickups.get(office.id) ?? zero).some((x) => x > 0));
  return withMatrices(input, {
    depots: [{ id: input.hub.id, location: input.hub.location }],
    // Unloading at the office and the office's deadline are the morning's; in the afternoon the
    // truck only loads, as soon as the goods are there.
    stops: offices.flatMap((office) => pieces(input, office, officePickups.get(office.id) ?? zero, true)
      .map((share, k) => stopInput({ ...office, id: pieceId(office.id, k), latest: undefined } as TierStop, [...zero], share, ready.get(office.id) ?? 0))),
    vehicleTypes: input.trunk.vehicles.map((vehicle) => vehicleInput({ ...vehicle, id: vehicle.id }, input.hub.id, [collection.departure, collection.returnBy ?? OPEN_END])),
  });
}

/**
 * The delivery tier over the given offices: each office's vehicles leave no earlier than its
 * release (trunk unloaded + sorting) and are back by its `returnBy`; the stops are those
 * `stopIds` names (all offices' for a free assignment, one office's for an administrative one).
 */
export function deliveryProblem(
  input: TwoTierInput,
  offices: readonly string[],
  stopIds: readonly string[],
  release: ReadonlyMap<string, number>,
  returnBy: ReadonlyMap<string, number>,
): ProblemInput {
  const officeSet = new Set(offices);
  const byId = new Map(input.stops.map((stop) => [stop.id, stop]));
  return withMatrices(input, {
    depots: input.offices.filter((office) => officeSet.has(office.id)).map((office) => ({ id: office.id, location: office.location })),
    stops: stopIds.map((id) => {
      const stop = byId.get(id) as TwoTierStop;
      return stopInput(stop, [...stop.delivery], [...stop.pickup]);
    }),
    vehicleTypes: input.delivery.vehicles
      // A type with a fleet per day stays with 0 vehicles on a day off: today's route that day is
      // then judged over the fleet by the evaluator, and a day without vans is still a problem.
      .filter((vehicle) => officeSet.has(vehicle.office) && (vehicle.count > 0 || vehicle.countPerDay !== undefined))
      .map((vehicle) => {
        const from = release.get(vehicle.office) ?? OPEN_END;
        const to = Math.max(from, returnBy.get(vehicle.office) ?? OPEN_END);
        return vehicleInput(vehicle, vehicle.office, [from, to]);
      }),
  });
}
