/**
 * The vehicle-routing problem as a user writes it: plain, JSON-friendly objects.
 * `createProblem` (model.ts) validates this and compiles it into the immutable `ProblemData`
 * that the solver reads. The same shape is the `--problem problem.json` file format.
 *
 * Units: distances in metres (or the instance's own unit), times in seconds (or the instance's
 * own unit), demands in any unit per dimension; all must be consistent within one problem.
 * Every location is an index into the matrices (row = from, column = to).
 */
import type { BreakInput } from './breaks.js';

/** A square travel matrix over the problem's locations, row-major: `values[from * size + to]`. */
export interface MatrixInput {
  /** Number of locations (rows = columns). */
  size: number;
  /** Distances, `size * size` entries; `null` or a negative value marks an unreachable pair. */
  distances: ArrayLike<number | null> | (number | null)[][];
  /** Durations, same layout; when omitted, durations equal distances (benchmark convention). */
  durations?: ArrayLike<number | null> | (number | null)[][];
}

/** [earliest, latest] start of service (or of the shift), in the problem's time unit. */
export type TimeWindowInput = [number, number];

/** A depot of the problem JSON. */
export interface DepotInput {
  id: string;
  /** Index into the matrices. */
  location: number;
  /** When the depot is open; vehicles leave and return within it. Default: always. */
  timeWindow?: TimeWindowInput;
}

/** A stop of the problem JSON: where it is, what is dropped and picked up, when. */
export interface StopInput {
  id: string;
  /** Index into the matrices. */
  location: number;
  /** Amount dropped off here, per capacity dimension. Default: zeros. */
  delivery?: number[];
  /** Amount picked up here and carried to the route's end, per dimension. Default: zeros. */
  pickup?: number[];
  /** Time spent at the stop. Default 0. */
  serviceTime?: number;
  /** One or several windows for the start of service; waiting is allowed. Default: always. */
  timeWindows?: TimeWindowInput[];
  /** Required stops are always served when feasible (default true). */
  required?: boolean;
  /** For optional stops: the value earned by serving it, in cost units. */
  prize?: number;
  /**
   * When the fleet cannot serve every stop (`solve` with `serveMost`), stops of higher priority
   * are served first (VROOM's objective: total priority served, then stops served, then cost).
   * ≥ 0; default 0.
   */
  priority?: number;
  /** Skills a vehicle needs to serve this stop (all of them; see skills.ts). */
  skills?: (string | number)[];
}

/**
 * A vehicle type of the problem JSON: how many, how much they carry, where and when they drive,
 * what they cost.
 */
export interface VehicleTypeInput {
  id: string;
  /** How many vehicles of this type are available. Default 1. Use a large number for "unlimited". */
  count?: number;
  /** Capacity per dimension; must have as many entries as the stops' demand vectors. */
  capacity: number[];
  /** Depot id where routes start. */
  startDepot: string;
  /** Depot id where routes end; default = startDepot; `null` for open routes (end at last stop). */
  endDepot?: string | null;
  /** Shift window: earliest departure, latest return. Default: the depots' windows. */
  shift?: TimeWindowInput;
  /** Maximum route duration: travel + service + waiting, from departure to return. */
  maxDuration?: number;
  /** Maximum travelled distance per route. */
  maxDistance?: number;
  /** Maximum travel time per route: driving only, without service and waiting (VROOM's max_travel_time). */
  maxTravelTime?: number;
  /** Cost per vehicle used. Default 0. */
  fixedCost?: number;
  /** Cost per unit of distance. Default 1. */
  costPerDistance?: number;
  /** Cost per unit of duration. Default 0. */
  costPerDuration?: number;
  /** Cost per unit of travel time (driving only, as VROOM's per_hour). Default 0. */
  costPerTravelTime?: number;
  /** Name of a matrix in `ProblemInput.profiles`; default: the main `matrix`. */
  profile?: string;
  /** Skills this type's vehicles hold. */
  skills?: (string | number)[];
  /** Breaks each vehicle of this type takes when it is used (see vrp/breaks.ts). */
  breaks?: BreakInput[];
}

/**
 * The routing problem as JSON (`postroute solve --problem`); `createProblem` checks it and names
 * every mistake.
 */
export interface ProblemInput {
  depots: DepotInput[];
  stops: StopInput[];
  vehicleTypes: VehicleTypeInput[];
  /** The main travel matrix over all locations. */
  matrix: MatrixInput;
  /** Extra matrices for vehicle types with another road profile (e.g. motorbikes). */
  profiles?: Record<string, MatrixInput>;
  /**
   * Balanced workloads (beyond VROOM): each used route adds `weight × x²` to the cost, x its
   * duration or its number of stops. For a given total the sum of squares is least when the routes
   * are even, so the search trades cost for evenness at the rate the weight sets.
   */
  balance?: BalanceInput;
  /**
   * Pick-up-and-delivery pairs: each names two stops that one route serves, the pick-up first,
   * its load on board in between (the pick-up stop's `pickup` equals the delivery stop's `delivery`).
   */
  shipments?: ShipmentInput[];
}

/** The balance objective: what to even out between routes, and how much a unit² of it costs. */
export interface BalanceInput {
  by: 'duration' | 'stops';
  weight: number;
}

/** A shipment: collected at one stop and dropped at another by the same vehicle. */
export interface ShipmentInput {
  /** Id of the stop where the load is collected; its `pickup` is the amount. */
  pickup: string;
  /** Id of the stop where it is dropped; its `delivery` is the same amount. */
  delivery: string;
}

/** A route given by the user, e.g. today's plan, as a warm start or to evaluate. */
export interface RouteInput {
  vehicleType: string;
  /** Stop ids in visiting order (depots excluded). */
  stops: string[];
  /**
   * Plan mode, for a type with breaks: where each break is taken (`after`: visits before it).
   * A break not listed is missing. Left out, the evaluator places the breaks itself.
   */
  breaks?: { id: string; after: number }[];
}
