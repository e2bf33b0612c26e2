/**
 * The solution as the API and `postroute solve --json` return it: plain objects, stop ids as in
 * the input, so that anyone can re-check a plan without postroute.
 */

/** Why a stop was left out. Cheap, exact pre-checks come first; the rest is the search's verdict. */
export type UnassignedReason =
  | 'demand-exceeds-capacity' // no vehicle type can ever carry it
  | 'time-window-unreachable' // no vehicle type can reach it within its window and shift and get back
  | 'unreachable' // no road (matrix entry) connects it with a depot of any vehicle type
  | 'not-profitable' // optional stop whose prize does not pay for the detour
  | 'no-feasible-insertion' // feasible alone, but no room was found in the plan
  | 'fleet-exhausted'; // every vehicle is in use

export interface VisitResult {
  id: string;
  /** Arrival time at the stop. */
  arrival: number;
  /** Time spent waiting for the window to open. */
  waiting: number;
  /** Start of service. */
  start: number;
  /** Departure after service. */
  departure: number;
  /** Load on board after this stop, per dimension. */
  load: number[];
  /** Distance driven from the route's start up to this stop. */
  distance: number;
}

export interface RouteResult {
  vehicleType: string;
  /** Index of the vehicle within its type (0-based). */
  vehicle: number;
  /** Stop ids in visiting order. */
  stops: string[];
  visits: VisitResult[];
  startDepot: string;
  /** null for an open route. */
  endDepot: string | null;
  departure: number;
  /** Return to the end depot, or the last departure for an open route. */
  arrival: number;
  distance: number;
  /** Travel + service + waiting, from departure to arrival. */
  duration: number;
  /** Load on board when leaving the depot, per dimension. */
  startLoad: number[];
  cost: number;
}

export interface UnassignedResult {
  id: string;
  reason: UnassignedReason;
}

export interface SolutionResult {
  /** Total cost: fixed vehicle costs + distance and duration costs + prizes of skipped optional stops. */
  cost: number;
  distance: number;
  duration: number;
  vehiclesUsed: number;
  /** True when no capacity, time or length limit is violated. */
  feasible: boolean;
  routes: RouteResult[];
  unassigned: UnassignedResult[];
}
