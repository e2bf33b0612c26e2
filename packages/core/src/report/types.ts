/**
 * The plain objects a plan report is made of. `planNetwork` fills them; the CSV, GeoJSON, text
 * and HTML writers only read them, so each writer can be tested on a hand-made report.
 *
 * Units: metres, seconds (times of day are seconds after midnight), mail in the places' unit.
 */

/** What a place is in the postal network. */
export type PlaceRole = 'hub' | 'outlet' | 'station' | 'village';

export interface ReportPlace {
  id: string;
  name: string;
  role: PlaceRole;
  lon: number;
  lat: number;
  population: number;
  /** Daily mail volume dropped here (for a station: its own plus its covered villages'). */
  mail: number;
  /** For a village covered by a station or outlet: that place's id. */
  servedVia?: string;
}

export type ViolationKind = 'over-capacity' | 'over-shift' | 'late' | 'unreachable' | 'over-fleet';

/** One broken rule of one route, with the amount it is broken by, in the rule's unit. */
export interface Violation {
  kind: ViolationKind;
  /** The stop concerned (late arrivals, unreachable legs); absent for route-wide limits. */
  stop?: string;
  /** By how much: mail units over capacity, seconds over shift or late, vehicles over the fleet, 0 for unreachable. */
  amount: number;
  message: string;
}

export interface ReportVisit {
  id: string;
  /** Arrival and start of service, seconds after midnight. */
  arrival: number;
  start: number;
  departure: number;
  /** Mail still on board after the drop. */
  load: number;
  /** Distance driven from the hub up to this stop, metres. */
  distance: number;
}

export interface ReportRoute {
  id: string;
  /** `before` = today's route, `after` = the new plan's. */
  phase: 'before' | 'after';
  vehicleType: string;
  depot: string;
  stops: string[];
  visits: ReportVisit[];
  departure: number;
  arrival: number;
  /** Road distance, metres, measured on the same graph for both phases. */
  distance: number;
  /** Departure to return, seconds, including service and waiting. */
  duration: number;
  /** Mail loaded at the hub. */
  load: number;
  capacity: number;
  maxShift?: number;
  violations: Violation[];
  /** The route on the roads, [lon, lat] pairs, hub to hub. */
  geometry: [number, number][];
  /** For a drawn baseline line: the drawn line's own length, metres. */
  lineLength?: number;
}

export interface UnassignedStop {
  id: string;
  name: string;
  reason: string;
}

/** Totals for one side of the comparison. */
export interface PhaseTotals {
  routes: number;
  /** Vehicles on the road per day (one per route). */
  vehicles: number;
  distanceM: number;
  km: number;
  durationS: number;
  driverHours: number;
  stopsServed: number;
  mailDelivered: number;
  /** Routes that break at least one rule. */
  routesWithViolations: number;
  violations: number;
}

/** The headline figures; the key order here is the order of `summary.json`. */
export interface SavingsSummary {
  name: string;
  operatingDaysPerYear: number;
  before: PhaseTotals;
  after: PhaseTotals;
  /** The savings figures are null when no baseline was given: there is nothing to compare. */
  savedKmPerDay: number | null;
  savedKmPerYear: number | null;
  /** Saved distance as a share of today's distance, in % (China Post's "optimisation rate"). */
  optimisationRatePercent: number | null;
  savedDriverHoursPerDay: number | null;
  savedDriverHoursPerYear: number | null;
  vehiclesSaved: number | null;
  /** Stops the new plan could not serve, with the solver's reason. */
  unassigned: UnassignedStop[];
  /** Stops of the new plan that no route visits today. */
  notServedToday: string[];
  stations: { opened: string[]; radiusM: number } | null;
}

/** Everything the writers need: figures, places, both sets of routes, and the roads to draw. */
export interface PlanReport {
  summary: SavingsSummary;
  places: ReportPlace[];
  before: ReportRoute[];
  after: ReportRoute[];
  /** Road lines for the map, [lon, lat] pairs, with their OSM highway class when known. */
  roads: { highway: string; coordinates: [number, number][] }[];
  /** Run facts: seed, time limit, seconds taken, solver iterations, tool version. */
  run: { seed: number; timeLimitS: number; seconds: number; generatedBy: string };
}
