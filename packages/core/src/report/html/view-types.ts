/**
 * What report.html and sheets.html show, as one plain object: `buildReportView` assembles it from
 * a plan report, the page and sheet renderers only read it (and the page's script reads it again
 * as JSON), so that the assembly can change without touching the drawing and the other way round.
 *
 * Lines are encoded polylines (see `line-codec.ts`): one string per line, several lines joined by
 * spaces, each line's first point coded relative to the previous line's last one.
 */
import type { DoorToDoorReport, DoorToDoorRoute, PlaceRole, SavingsSummary, Tier, TiersReport } from '../types.js';

/** A rectangle in degrees. */
export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** A place as the map, the stop lists and the sheets show it. */
export interface ViewPlace {
  id: string;
  name: string;
  role: PlaceRole;
  lat: number;
  lon: number;
  population: number;
  mail: number;
  /** Two-tier plans: what it drops and hands over, per dimension. */
  delivery?: number[];
  pickup?: number[];
  /** Two-tier plans: its office in the plan and today, and whether it changes office. */
  office?: string;
  officeToday?: string;
  moved?: boolean;
  /** Weekly plans: its days of service. */
  days?: string[];
  /** For a village covered by a station or outlet: that place's id. */
  servedVia?: string;
  /** Latest arrival, seconds after midnight, when the place has a deadline. */
  latest?: number;
  /** Route keys (indexes into `routes`) that visit it, today and in the plan. */
  today: number[];
  plan: number[];
  /** Why the plan leaves it unserved, when it does. */
  unserved?: string;
  /** Why its position on the network is doubtful, when it is. */
  snapWarning?: string;
}

/** One stop of a route, in order. */
export interface ViewStop {
  id: string;
  /** Seconds after midnight. */
  arrival: number;
  /** Start of service (later than arrival when the vehicle waits). */
  start: number;
  departure: number;
  /** Load on board after the stop (per dimension in two-tier plans). */
  load: number[];
  /** What the stop drops and hands over (per dimension; one-tier plans: mail only). */
  drop: number[];
  pickup: number[];
  /** Km driven from the depot up to the stop. */
  km: number;
  /** A rule this stop breaks (late arrival), in words. */
  note?: string;
}

/** One route of either side, with its style, times, loads, stops and line. */
export interface ViewRoute {
  /** Index in `routes`, unique even where route ids repeat across days or phases. */
  key: number;
  id: string;
  phase: 'before' | 'after';
  tier?: Tier;
  day?: string;
  vehicleType: string;
  depot: string;
  colour: string;
  /** Stroke width in px and dash pattern ('' = solid). */
  width: number;
  dash: string;
  km: number;
  departure: number;
  arrival: number;
  load: number[];
  capacity: number[];
  /** The longest shift allowed, seconds, when the fleet sets one. */
  maxShift?: number;
  violations: string[];
  stops: ViewStop[];
  /** Encoded line on the roads, depot to depot. */
  line: string;
  /** The other phase's route that shares most stops with this one (same day and tier), or null. */
  counterpart: number | null;
}

/** A place too far from the roads to be framed on the map. */
export interface FarOffPlace {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** Metres to the nearest road point. */
  distanceM: number;
  /** True when swapping latitude and longitude puts it on the network. */
  swapped: boolean;
}

/** A township office's timing in a two-tier plan (seconds after midnight, null when absent). */
export interface ViewOffice {
  id: string;
  name: string;
  /** Weekly plans: the day of this timing (one entry per office per day); absent = every day. */
  day?: string;
  trunkArrival: number | null;
  release: number | null;
  firstDeparture: number | null;
  lastReturn: number | null;
  collection: number | null;
  binding: string[];
}

/** Everything report.html and sheets.html show, as one plain object. */
export interface ReportView {
  title: string;
  attribution: string;
  generatedBy: string;
  seed: number;
  timeLimitS: number;
  summary: SavingsSummary;
  /** What the map frames at first: the roads and the places on them. */
  frame: Bounds;
  /** Decimal places of the encoded lines (5 ≈ 1 m, 4 ≈ 10 m). */
  precision: number;
  /** Road lines by drawing class, simplified at the map's scale. */
  roads: { major: string; minor: string; track: string };
  places: ViewPlace[];
  routes: ViewRoute[];
  farOff: FarOffPlace[];
  /** Weekly plans: the operating days, in order; else empty. */
  days: string[];
  /** Two-tier plans: load dimensions (one-tier: ['mail']), offices and their rules. */
  dimensions: string[];
  offices: ViewOffice[];
  sortingMinutes: number | null;
  tiers?: TiersReport;
  doorToDoor?: Omit<DoorToDoorReport, 'routes'> & { routes: ViewDoorRoute[] };
}

/** A door-to-door route as the map, timeline and sheets show it: its lines encoded, its colour. */
export type ViewDoorRoute = Omit<DoorToDoorRoute, 'geometry' | 'served'> & { line: string; served: string; colour: string };
