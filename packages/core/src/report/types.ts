/**
 * The plain objects a plan report is made of. `planNetwork` fills them; the CSV, GeoJSON, text
 * and HTML writers only read them, so each writer can be tested on a hand-made report.
 *
 * Units: metres, seconds (times of day are seconds after midnight), mail in the places' unit.
 */

/** What a place is in the postal network. */
export type PlaceRole = 'hub' | 'outlet' | 'station' | 'village';

/** A place as the report shows it: role, position, mail, and how it is served before and after. */
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
  /** Weekly plans: the days the plan serves it, in week order. */
  days?: string[];
  /** Latest arrival, seconds after midnight, when the place has a deadline (driver sheets say it). */
  latest?: number;
  /** Two-tier plans: what the place drops and hands over, per load dimension (`tiers.dimensions`). */
  delivery?: number[];
  pickup?: number[];
  /** Two-tier plans: the office of the administrative list, the one serving it today, and in the plan. */
  township?: string;
  officeToday?: string;
  office?: string;
  /**
   * The place as today's network serves it, where the new plan's stations changed it: a village
   * the plan opens as a station (a village today), a station or office counter that takes its
   * villages' volumes in the plan (its own today). Today's rows of stops.csv read it.
   */
  today?: PlaceToday;
}

/** A place's role and volumes as today's routes serve it (ReportPlace.today). */
export interface PlaceToday {
  role: PlaceRole;
  mail: number;
  delivery?: number[];
  pickup?: number[];
}

/** The rules a route can break: the evaluators' kinds as report/violations.ts names them, and the two-tier `no-trunk`. */
export type ViolationKind =
  | 'over-capacity' | 'over-shift' | 'over-distance' | 'over-driving' | 'late' | 'break' | 'unreachable' | 'lacks-skill' | 'out-of-order'
  | 'off-pattern' | 'over-fleet' | 'no-trunk';

/** One broken rule of one route, with the amount it is broken by, in the rule's unit. */
export interface Violation {
  kind: ViolationKind;
  /** The stop concerned (late arrivals, unreachable legs); absent for route-wide limits. */
  stop?: string;
  /** By how much: mail units over capacity, seconds over shift or late, vehicles over the fleet, 0 for unreachable. */
  amount: number;
  message: string;
}

/** One stop of a report route, with its times and the load after it. */
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
  /** Two-tier plans: load on board after the stop, per dimension. */
  loads?: number[];
}

/**
 * One route of the report, today's (`before`) or the new plan's (`after`), with its figures and
 * broken rules.
 */
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
  /** Two-tier plans: the tier (trunk = hub → offices in the morning, delivery = office → villages,
   *  collection = the afternoon trunk wave), the loads on leaving the depot, the pick-ups
   *  collected, and the capacity, per dimension; and the route's cost. */
  tier?: Tier;
  loads?: number[];
  pickups?: number[];
  capacities?: number[];
  cost?: number;
  /** Weekly plans: the weekday of the route (`Mon` …). */
  day?: string;
}

/** The tier a route belongs to in a two-tier plan. */
export type Tier = 'trunk' | 'delivery' | 'collection';

/** A stop no route serves, with the reason in words. */
export interface UnassignedStop {
  id: string;
  name: string;
  /** A weekly plan's one visit not made (the trunk did not reach the stop's office that day): its day. Absent: the stop is not served at all. */
  day?: string;
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

/** One way in which the new plan is not the same service as today's routes, in words. */
export interface NotComparableReason {
  kind: 'fewer-stops' | 'other-stops' | 'less-mail' | 'more-mail' | 'rules' | 'streets-not-served' | 'door-to-door-rules';
  message: string;
}

/** The headline figures; the key order here is the order of `summary.json`. */
export interface SavingsSummary {
  name: string;
  /**
   * False when the new plan serves other stops, delivers other mail, or breaks other rules than
   * today's routes; `notComparable` then says how, and the headline says it first.
   */
  comparable: boolean;
  notComparable: NotComparableReason[];
  operatingDaysPerYear: number;
  before: PhaseTotals;
  after: PhaseTotals;
  /**
   * The savings figures are like for like: null when no baseline was given, and null when the two
   * sides do not serve the same stops with the same mail (a rate would compare different services).
   */
  savedKmPerDay: number | null;
  savedKmPerYear: number | null;
  /** Saved distance as a share of today's distance, in % (China Post's "optimisation rate"). */
  optimisationRatePercent: number | null;
  savedDriverHoursPerDay: number | null;
  savedDriverHoursPerYear: number | null;
  vehiclesSaved: number | null;
  /** Stops the new plan could not serve, with the reason in words. */
  unassigned: UnassignedStop[];
  /** Stops of the new plan that no route visits today. */
  notServedToday: string[];
  stations: { opened: string[]; radiusM: number; maxPopulation?: number } | null;
  /** Two-tier plans: the same figures per tier, and the total cost of each side (cost units). */
  tiers?: TierSavings[];
  costBefore?: number;
  costAfter?: number;
  /** With scenarios: the base case and each scenario side by side. */
  scenarios?: ScenarioRow[];
  /** Weekly plans only: figures over the real week (the totals above are then per week). */
  week?: WeekSummary;
  /** Places put on the kept road network although a road that is not connected both ways to it
   *  lies nearer (present only when there are such places). */
  snapWarnings?: SnapWarning[];
  /** Plans with a door-to-door tier: its routes, kilometres and the streets it does not serve. */
  doorToDoor?: DoorToDoorSummary;
  /** Two-tier, weekly and door-to-door plans: the figures keyed by tier × day (report/county.ts). */
  county?: CountyFigures;
}

/** The tiers of the county's figures: the two-tier plan's three and door to door. */
export type CountyTier = 'trunk' | 'delivery' | 'door-to-door' | 'collection';

/** One tier's routes on one day, summed. */
export interface TierDayFigures {
  routes: number;
  /** Vehicles on the road (routes with a stop; a waiting truck's way back is not another). */
  vehicles: number;
  km: number;
  driverHours: number;
  /** Cost of the routes (plans whose vehicles have costs), else null. */
  cost: number | null;
}

/** One tier of the county: per operating day today and in the plan, and per year. */
export interface CountyTierFigures {
  tier: CountyTier;
  /** Each operating day of a weekly plan, or one entry with day null for a daily plan. `before`
   *  is null without today's routes of this tier. */
  perDay: { day: string | null; before: TierDayFigures | null; after: TierDayFigures }[];
  kmPerYearBefore: number | null;
  kmPerYearAfter: number;
  driverHoursPerYearBefore: number | null;
  driverHoursPerYearAfter: number;
  costPerYearBefore: number | null;
  costPerYearAfter: number | null;
  /** Like for like only (the plan's savings figures are given): km saved a year, and as a rate. */
  savedKmPerYear: number | null;
  optimisationRatePercent: number | null;
}

/** What one part of the plan saves against the same stops served without it. */
export interface CountyPart {
  part: 'frequencies' | 'second-tier' | 'door-to-door';
  /** Km a year with the part, and without it (null when no such plan was made). */
  kmPerYear: number;
  kmPerYearWithout: number | null;
  /** Null when no plan without the part was made, or when the two are not the same service. */
  savedKmPerYear: number | null;
  /** What "without it" is, in words, or why there is no figure. */
  against: string;
  /** Why the plan without the part is not the same service as the plan (then no saving is given). */
  notComparable?: string;
}

/**
 * The planner's plan of the same case without one part (plan/part-savings.ts), or why it made
 * none: the county's figures (report/county.ts) turn it into a `CountyPart`.
 */
export interface PartCounterfactual {
  part: 'second-tier' | 'door-to-door';
  /** Km driven on each operating day (day null: a daily plan's one day) without the part; null when no such plan was made. */
  perDay: { day: string | null; km: number }[] | null;
  /** What the plan without the part is, in words, or why none was made. */
  against: string;
  /** Why the two plans are not the same service (stops or streets one leaves unserved, rules one breaks); null when they are. */
  notComparable: string | null;
}

/** The county's figures keyed by tier × day (× office), for summary.json, the printed summary and report.html. */
export interface CountyFigures {
  /** The operating days of a weekly plan, in order; null for a daily plan. */
  days: string[] | null;
  /** Days (daily plan) or weeks (weekly plan) a year. */
  yearFactor: number;
  tiers: CountyTierFigures[];
  /** Each office's binding rules, per day in a weekly plan (day null: every day). */
  offices: { office: string; name: string; day: string | null; binding: string[] }[];
  /** Door to door per office and day: km served (delivering) and deadheaded (driving empty). */
  doorToDoor: { office: string; name: string; day: string | null; routes: number; kmServed: number; kmDeadheaded: number }[];
  parts: CountyPart[];
}

/** The door-to-door tier's figures in summary.json, as the printed summary gives them. */
export interface DoorToDoorSummary {
  /** Place id of the office the routes start from. */
  depot: string;
  /** The days of a weekly plan the streets are served on, when plan.json names them (`doorToDoor.days`). */
  days?: string[];
  routes: number;
  /** Street segments (road edges) asked for, and served. */
  streets: number;
  streetsServed: number;
  /** Street sides asked for, and served (a segment served on both sides counts twice). */
  sides: number;
  sidesServed: number;
  kmServiced: number;
  kmDeadheaded: number;
  km: number;
  driverHours: number;
  /** False when the routes break the shift or the vehicle limit. */
  feasible: boolean;
  /** Streets no route serves, with the reason in words. */
  notServed: { street: string; reason: string; message: string }[];
  /** The offices' delivery vans that go door to door (`doorToDoor.fleet` "office"), on each day it runs. */
  officeVans?: OfficeVansReport[];
}

/**
 * Vans of an office's delivery fleet that serve its streets door to door (`fleet: "office"`):
 * `vans` of `vehicleType` each day the streets are served (`days`; absent: every day), of the
 * `available` the office has on its leanest such day; the delivery tier has that many fewer.
 */
export interface OfficeVansReport {
  office: string;
  vehicleType: string;
  vans: number;
  available: number;
  days?: string[];
}

/** A place snapped to the kept network past a nearer, disconnected road. */
export interface SnapWarning {
  id: string;
  name: string;
  /** Metres from the place to where it was placed on the kept network. */
  distanceM: number;
  /** Metres from the place to the nearer road that was dropped. */
  nearerDroppedRoadM: number;
  message: string;
}

/** One township office in a two-tier plan: its tier timing, volumes and what limits it. */
export interface OfficeReport {
  id: string;
  name: string;
  /** Weekly two-tier plans: the day this entry is about (one entry per office per day); absent = every day. */
  day?: string;
  /** Stops its delivery routes serve today and in the plan. */
  stopsBefore: number;
  stopsAfter: number;
  before: { routes: number; km: number; driverHours: number };
  after: { routes: number; km: number; driverHours: number };
  /** Plan times, seconds after midnight: trunk unloaded, first possible and actual delivery
   *  departure, last delivery return, afternoon collection at the office; null when absent. */
  trunkArrival: number | null;
  release: number | null;
  firstDeparture: number | null;
  lastReturn: number | null;
  collection: number | null;
  /** Delivery load (own and villages') and pick-ups handed to the trunk, per dimension. */
  load: number[];
  pickup: number[];
  /** The constraints that limit this office's plan, tightest first (e.g. "deadline", "shift"). */
  binding: string[];
}

/** A stop served from another office than the administrative list says. */
export interface OfficeMoveReport {
  id: string;
  name: string;
  from: string;
  to: string;
  /** Why: "tolerance" (saves at least the tolerance), "free" (the search chose), "office closed"/"office opened". */
  reason: 'tolerance' | 'free' | 'office closed' | 'office opened';
  /** Kilometres a day the move saves (tolerance moves), else null. */
  savedKm: number | null;
}

/** The two-tier part of a report. */
export interface TiersReport {
  dimensions: string[];
  assignment: 'free' | 'administrative';
  toleranceKm: number;
  sortingMinutes: number;
  /** How the collected goods reach the hub: a second trunk wave, the morning truck waiting at its
   *  offices, or nothing to collect. */
  collection: 'second-wave' | 'wait' | null;
  /** Trunk ↔ delivery rounds until loads and release times settled. */
  rounds: number;
  offices: OfficeReport[];
  moved: OfficeMoveReport[];
  /** Per constraint, the offices where it binds (constraints in order of how many offices). */
  binding: { constraint: string; offices: string[] }[];
}

/** Totals of one tier on both sides. */
export interface TierSavings {
  tier: Tier;
  before: PhaseTotals;
  after: PhaseTotals;
  savedKmPerDay: number | null;
  optimisationRatePercent: number | null;
}

/** One row of the scenario comparison: the base case first. */
export interface ScenarioRow {
  name: string;
  description: string;
  kmPerDay: number;
  kmPerYear: number;
  /** Vehicles per day, per tier (one-tier plans: `delivery` only). */
  vehicles: { trunk: number; delivery: number; collection: number; 'door-to-door'?: number };
  driverHours: number;
  /** Total cost of the plan's routes (two-tier plans; null for one-tier plans, which have no costs). */
  cost: number | null;
  unserved: number;
  /** What changed against the base plan, in words. */
  changes: string[];
  /** Two-tier, weekly and door-to-door plans: the same figures per tier (report/county.ts). */
  tiers?: ScenarioTierRow[];
}

/** One tier of a scenario row: km per (average operating) day and per year, vehicles on the busiest day, driver-hours and cost a day. */
export interface ScenarioTierRow {
  tier: CountyTier;
  kmPerDay: number;
  kmPerYear: number;
  vehicles: number;
  driverHours: number;
  cost: number | null;
}

/** A weekly plan's figures: km per week and per year, routes per day, visits per village. */
export interface WeekSummary {
  days: string[];
  accumulate: boolean;
  weeksPerYear: number;
  kmPerWeekBefore: number | null;
  kmPerWeekAfter: number;
  kmPerYearBefore: number | null;
  kmPerYearAfter: number;
  /** The same stops served every operating day by the daily planner: what the frequencies save. */
  kmPerWeekDailyService: number;
  kmPerYearDailyService: number;
  /** When the daily plan's search had less than the week's: how much, in words (the frequencies may then look better than they are). */
  dailyServiceSearch?: string;
  perDay: { day: string; routesBefore: number; kmBefore: number; routesAfter: number; kmAfter: number }[];
  visits: { id: string; name: string; visitsPerWeek: number; days: string[] }[];
}

/** Everything the writers need: figures, places, both sets of routes, and the roads to draw. */
export interface PlanReport {
  summary: SavingsSummary;
  places: ReportPlace[];
  before: ReportRoute[];
  after: ReportRoute[];
  /** Road lines for the map, [lon, lat] pairs, with their OSM highway class when known. */
  roads: { highway: string; coordinates: [number, number][] }[];
  /** Two-tier plans only. */
  tiers?: TiersReport;
  /** The door-to-door tier (streets served along their length), when plan.json asks for one. */
  doorToDoor?: DoorToDoorReport;
  /** The same case planned without its second tier and without door to door from the offices
   *  (plan.json `measure.parts`), or why not; read by the county's figures, not written as such. */
  withoutParts?: PartCounterfactual[];
  /** Run facts: seed, time limit, seconds taken, solver iterations, tool version. */
  run: { seed: number; timeLimitS: number; seconds: number; generatedBy: string };
}

/** The door-to-door tier: arc routes from the office along every street served. */
export interface DoorToDoorReport {
  /** Place id of the office the routes start from. */
  depot: string;
  /** The days of a weekly plan the streets are served on, when plan.json names them (`doorToDoor.days`). */
  days?: string[];
  /** Road edges asked for, and street sides (an edge served on both sides counts twice). */
  streets: number;
  sides: number;
  /** Road edges and sides the routes serve (the others are in `unservable`). */
  streetsServed: number;
  sidesServed: number;
  serviceMinutesPerKm: number;
  kmServiced: number;
  kmDeadheaded: number;
  km: number;
  /** Driving plus delivery time, hours. */
  driverHours: number;
  vehicles: number;
  feasible: boolean;
  unservable: { street: string; reason: string; message: string }[];
  routes: DoorToDoorRoute[];
  /** The sides rule applied, in words. */
  rule: string;
  /** Offices whose own delivery vans serve the streets (`doorToDoor.fleet` "office"). */
  officeVans?: OfficeVansReport[];
}

/** One door-to-door route: its times, kilometres, the streets it serves in order, and its lines. */
export interface DoorToDoorRoute {
  id: string;
  /** The office it leaves from, when not the door-to-door tier's `depot` (several offices). */
  depot?: string;
  /** The day it runs in a weekly plan; absent = every operating day. */
  day?: string;
  /** Leaves the office and is back, seconds after midnight. */
  departure: number;
  arrival: number;
  /** What sets the departure, in words ("shift start 08:00", "trunk at Office A 07:10, sorted by 07:40"). */
  startsAfter: string;
  km: number;
  kmServiced: number;
  kmDeadheaded: number;
  durationS: number;
  /** Street sides served. */
  streets: number;
  /** The streets served, in the order driven. */
  stretches: DoorToDoorStretch[];
  /** Broken rules of this route (a shift over the limit), in words. */
  violations: string[];
  /** The whole drive, depot to depot, [lon, lat]. */
  geometry: [number, number][];
  /** The served traversals, each as a line in the direction driven. */
  served: [number, number][][];
}

/**
 * A stretch of one street served without a break: consecutive served road segments of the same
 * street name and sides.
 */
export interface DoorToDoorStretch {
  /** The road's name, else its ref, else "unnamed road (<class>)". */
  street: string;
  /** "both": one pass serves both sides; "kerb": one side, the kerb side as driven (wide roads get one pass each way). */
  sides: 'both' | 'kerb';
  /** Road segments (edges) in the stretch. */
  segments: number;
  /** Length served, km. */
  km: number;
  /** Km driven without delivering from the previous stretch (or the office) to this one. */
  kmBefore: number;
  /** Delivery begins and ends, seconds after midnight. */
  start: number;
  end: number;
}
