/**
 * The solution as the API and `postroute solve --json` return it: plain objects, stop ids as in
 * the input, so that anyone can re-check a plan without postroute.
 */

/** Why a stop was left out. Cheap, exact pre-checks come first; the rest is the search's verdict. */
export type UnassignedReason =
  | 'demand-exceeds-capacity' // no vehicle type can ever carry it
  | 'time-window-unreachable' // no vehicle type can reach it within its window and shift and get back
  | 'unreachable' // no road (matrix entry) connects it with a depot of any vehicle type
  | 'route-limit-exceeded' // out and back alone exceeds every type's maximum route duration or distance
  | 'not-profitable' // optional stop whose prize does not pay for the detour
  | 'no-feasible-insertion' // feasible alone, but no room was found in the plan
  | 'fleet-exhausted' // every vehicle is in use
  | 'not-in-plan' // evaluatePlan: the given routes do not visit it
  | 'skills' // no vehicle type holds every skill it needs
  | 'shipment-pair' // its shipment's pick-up then delivery fits no vehicle, or its partner cannot be served
  | 'break' // it fits alone on a route of some vehicle, but not beside that vehicle's breaks
  | 'max-tasks' // every vehicle that could serve it makes as many stops as it may (VROOM's max_tasks)
  | 'priority' // the fleet is short: stops of higher priority were served instead
  | 'pattern-unmeetable'; // periodic: on some day of each allowed visit pattern no vehicle can take the visit

/**
 * What a plan breaks, every kind the evaluators (vrp/evaluate.ts, vrp/periodic/solution.ts) can
 * report. Amounts are in the constraint's own unit (load, time, distance, vehicles). A list, so
 * that whoever words them (report/violations.ts) can be checked to word every one.
 */
export const PLAN_VIOLATION_KINDS = [
  'capacity', // load on board exceeds capacity somewhere on the route (per dimension)
  'time-window', // service starts after the stop's last window closes
  'shift', // the vehicle returns (or, for open routes, finishes) after its shift / depot closes
  'max-duration', // route duration above the type's maximum
  'max-distance', // route distance above the type's maximum
  'max-travel-time', // the route's travel time (driving only) above the type's maximum
  'break', // a break of the vehicle not taken, started after its windows, or with too much load on board
  'unreachable-leg', // no road between two consecutive visits (the leg is counted as 0)
  'skills', // the vehicle lacks a skill the stop needs
  'fleet-size', // more routes of a type than it has vehicles
  'precedence', // a shipment's delivery before its pick-up, or the two on different routes
  'visit-pattern', // periodic: the days a stop is visited are not one of its allowed patterns
] as const;
/** One of `PLAN_VIOLATION_KINDS`. */
export type PlanViolationKind = (typeof PLAN_VIOLATION_KINDS)[number];

/** One broken constraint of a plan, with the amount it is broken by. */
export interface PlanViolation {
  kind: PlanViolationKind;
  /** How much the limit is exceeded by. */
  amount: number;
  message: string;
  /** Set for route-level violations in `SolutionResult.violations`. */
  vehicleType?: string;
  vehicle?: number;
  /** Stop id for stop-level violations (time-window, unreachable-leg). */
  stop?: string;
  /** Capacity dimension for capacity violations. */
  dimension?: number;
  /** Break violations: which break, and whether it is missing, late or carries too much load. */
  breakId?: string;
  breakCause?: 'missing' | 'late' | 'load';
}

/** One visit of a route: its times, the load after it and the distance so far. */
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

/** One route of a solution, with its visits and totals. */
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
  /** Constraints this route breaks (empty for solver output unless it could not be avoided). */
  violations: PlanViolation[];
  /** The vehicle type's breaks, where and when taken (only for types with breaks). */
  breaks?: BreakResult[];
}

/** A break of a route: after which visit, and when. */
export interface BreakResult {
  id: string;
  /** Visits before it: 0 = right after leaving the start depot; -1 = not taken (plan mode). */
  after: number;
  /** When the vehicle stopped for it (it drives on towards the next visit while the break's window is not open). */
  arrival: number;
  start: number;
  /** Start + the break's duration. */
  end: number;
  /** Load on board during the break, per dimension. */
  load: number[];
}

/** Longest and shortest of the used routes, by duration and by stops, and their spreads. */
export interface BalanceResult {
  longestDuration: number;
  shortestDuration: number;
  durationSpread: number;
  mostStops: number;
  fewestStops: number;
  stopsSpread: number;
}

/** A stop the solution leaves out, and why. */
export interface UnassignedResult {
  id: string;
  reason: UnassignedReason;
}

/** A solution (the JSON of `postroute solve --json`): totals, routes, unassigned stops and violations. */
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
  /** Every violation in the plan (route violations carry their vehicle); empty when feasible. */
  violations: PlanViolation[];
  /** With a balance objective (ProblemInput.balance): how even the used routes came out. */
  balance?: BalanceResult;
  /** How the search went (only on `solve` results). */
  search?: SearchSummary;
}

/**
 * What `solve` did: offspring generated (repeatable for a seed under an iteration limit, so no
 * timings here) and, only when asked for, per-operator counters.
 */
export interface SearchSummary {
  /** Iterations (offspring after the initial population), as HGS-CVRP counts them. */
  iterations: number;
  /** Per local-search move (with `debug.operatorStats`): evaluated, applied, seconds (not repeatable). */
  operators?: Record<string, { evaluated: number; applied: number; seconds: number }>;
}
