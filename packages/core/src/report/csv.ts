/**
 * `routes.csv` and `stops.csv`: one row per route and one per visit, both phases, for
 * spreadsheets — one writer for every plan, its columns chosen by what the plan has: `tier`
 * (two tiers), `day` (weekly service), loads per named dimension, and on stops.csv each place's
 * office and days of service. A one-tier daily plan has none of these, and its files are exactly
 * what they were before the tiers and the week existed (test/plan/one-tier.test.ts).
 */
import { writeToString } from 'fast-csv';
import { assembleReport } from './assemble.js';
import { countyTierOf } from './county.js';
import type { PlanReport, ReportPlace, ReportRoute } from './types.js';
import { clock } from './violations.js';

type Cell = string | number;
type Row = Record<string, Cell>;

const ROUTE_COLUMNS = [
  'phase', 'route_id', 'vehicle_type', 'depot', 'stops', 'distance_km', 'duration_min', 'departure', 'return',
  'load', 'capacity', 'violations', 'stop_sequence', 'drawn_line_km',
] as const;

const STOP_COLUMNS = [
  'phase', 'route_id', 'seq', 'stop_id', 'name', 'role', 'mail', 'arrival', 'departure', 'load_after', 'km_from_hub', 'note',
] as const;

/** The keys a plan's rows carry beyond the one-tier daily columns. */
interface Keys {
  /** Two-tier plans: the named load dimensions. */
  dims: readonly string[] | undefined;
  /** Two-tier and door-to-door plans: a `tier` column. */
  tier: boolean;
  /** Weekly plans: a `day` column. */
  day: boolean;
  /** Two-tier, weekly and door-to-door plans: stops.csv says each place's office and days. */
  placeColumns: boolean;
}

function keysOf(report: PlanReport): Keys {
  const routes = [...report.before, ...report.after];
  const day = report.summary.week !== undefined || routes.some((r) => r.day !== undefined) || (report.doorToDoor?.routes.some((r) => r.day !== undefined) ?? false);
  return { dims: report.tiers?.dimensions, tier: report.tiers !== undefined || report.doorToDoor !== undefined, day, placeColumns: report.tiers !== undefined || day };
}

/** `day` right after the phase and tier, when the plan has days. */
function withDay(headers: readonly string[], keys: Keys): string[] {
  if (!keys.day) return [...headers];
  const at = headers.indexOf(keys.tier ? 'tier' : 'phase') + 1;
  return [...headers.slice(0, at), 'day', ...headers.slice(at)];
}

async function write(headers: readonly string[], rows: readonly Row[]): Promise<string> {
  return `${await writeToString(rows.map((row) => headers.map((h) => row[h] ?? '')), { headers: [...headers], writeHeaders: true })}\n`;
}

/**
 * One row per route, today's first, then the door-to-door routes. Violations are joined with
 * "; " so that a route that breaks a rule cannot look clean in a spreadsheet.
 *
 * @example
 * writeFileSync('routes.csv', await routesCsv(report));
 */
export async function routesCsv(report: PlanReport): Promise<string> {
  const keys = keysOf(report);
  const dims = keys.dims;
  // Two-tier plans: the tier, and loads, pick-ups and capacity per named dimension, and cost.
  const headers = withDay(dims
    ? ['phase', 'tier', ...ROUTE_COLUMNS.slice(1, 9), ...dims.flatMap((d) => [`load_${d}`, `pickup_${d}`, `capacity_${d}`]), 'cost', ...ROUTE_COLUMNS.slice(11)]
    : keys.tier ? ['phase', 'tier', ...ROUTE_COLUMNS.slice(1)] : ROUTE_COLUMNS, keys);
  const rows: Row[] = [...report.before, ...report.after].map((route) => {
    // A one-tier route beside door to door is a delivery route from the hub.
    const row: Row = { ...routeRow(route), tier: countyTierOf(route), day: route.day ?? '', cost: route.cost === undefined ? '' : route.cost.toFixed(2) };
    dims?.forEach((d, k) => {
      row[`load_${d}`] = route.loads?.[k] ?? '';
      row[`pickup_${d}`] = route.pickups?.[k] ?? '';
      row[`capacity_${d}`] = route.capacities?.[k] ?? '';
    });
    return row;
  });
  for (const row of doorToDoorRows(report)) rows.push({ ...row, tier: 'door-to-door' });
  return write(headers, rows);
}

/**
 * The door-to-door routes as rows of the new plan: vehicle type "door-to-door", the streets
 * served (stretches) as its stops, no load.
 */
function doorToDoorRows(report: PlanReport): Row[] {
  const d = report.doorToDoor;
  if (!d) return [];
  return d.routes.map((route) => ({
    phase: 'after',
    route_id: route.id,
    day: route.day ?? '',
    vehicle_type: 'door-to-door',
    depot: route.depot ?? d.depot,
    stops: route.stretches.length,
    distance_km: route.km.toFixed(2),
    duration_min: (route.durationS / 60).toFixed(1),
    departure: clock(route.departure),
    return: clock(route.arrival),
    load: '',
    capacity: '',
    violations: route.violations.map((message) => `over-shift: ${message}`).join('; '),
    stop_sequence: route.stretches.map((s) => s.street).join(' > '),
    drawn_line_km: '',
  }));
}

function routeRow(route: ReportRoute): Row {
  return {
    phase: route.phase,
    route_id: route.id,
    vehicle_type: route.vehicleType,
    depot: route.depot,
    stops: route.stops.length,
    distance_km: (route.distance / 1000).toFixed(2),
    duration_min: (route.duration / 60).toFixed(1),
    departure: clock(route.departure),
    return: clock(route.arrival),
    load: route.load,
    capacity: route.capacity,
    violations: route.violations.map((violation) => `${violation.kind}: ${violation.message}`).join('; '),
    stop_sequence: route.stops.join(' > '),
    drawn_line_km: route.lineLength === undefined ? '' : (route.lineLength / 1000).toFixed(2),
  };
}

/**
 * A place's office and days of service, as stops.csv says them (days space-separated, as places
 * files take them): the plan's on the new plan's rows, today's on today's (`todayDays`: the days
 * today's routes visit it).
 */
function placeCells(place: ReportPlace | undefined, route: ReportRoute | undefined, todayDays?: ReadonlyMap<string, string[]>): Row {
  const today = route?.phase === 'before';
  const delivers = route !== undefined && (route.tier === undefined || route.tier === 'delivery');
  // The office that serves it: the plan's (or today's) office in a two-tier plan, else the depot of its delivery route.
  const office = (today ? place?.officeToday : place?.office) ?? (delivers ? route.depot : '');
  // Today's days are those of today's routes, also for a place the plan serves at a station or leaves unserved.
  const days = today ? (delivers && todayDays !== undefined && place !== undefined ? todayDays.get(place.id) : undefined) : place?.days;
  return { office, days: days?.join(' ') ?? '' };
}

/** The days today's routes (one tier, or the delivery tier) visit each place, in week order. */
function daysToday(report: PlanReport): Map<string, string[]> {
  const order = report.summary.week?.days ?? [];
  const days = new Map<string, Set<string>>();
  for (const route of report.before) {
    if (route.day === undefined || (route.tier !== undefined && route.tier !== 'delivery')) continue;
    for (const id of route.stops) days.set(id, (days.get(id) ?? new Set()).add(route.day));
  }
  return new Map([...days].map(([id, set]) => [id, [...set].sort((a, b) => order.indexOf(a) - order.indexOf(b))]));
}

/**
 * One row per visit (both phases, in route order), then one row per stop the new plan leaves
 * unserved, with the reason in `note`.
 *
 * @example
 * writeFileSync('stops.csv', await stopsCsv(report));
 */
export async function stopsCsv(planned: PlanReport): Promise<string> {
  // The places' days of service come with the assembled report.
  const report = assembleReport(planned);
  const keys = keysOf(report);
  const dims = keys.dims;
  const places = new Map(report.places.map((place) => [place.id, place]));
  const placeColumns = [...(keys.placeColumns ? ['office'] : []), ...(keys.day ? ['days'] : [])];
  // Two-tier plans: tier and office of each visit, and volumes and loads per dimension.
  const headers = withDay(dims
    ? ['phase', 'tier', 'route_id', 'depot', 'seq', 'stop_id', 'name', 'role', 'township', ...placeColumns,
      ...dims.flatMap((d) => [`delivery_${d}`, `pickup_${d}`, `load_after_${d}`]), 'arrival', 'departure', 'km_from_depot', 'note']
    : [...STOP_COLUMNS.slice(0, 6), ...placeColumns, ...STOP_COLUMNS.slice(6)], keys);
  const rows: Row[] = [];
  const todayDays = daysToday(report);
  for (const route of [...report.before, ...report.after]) {
    const late = new Map(route.violations.filter((v) => v.kind === 'late' && v.stop).map((v) => [v.stop as string, v.message]));
    // On trunk and collection routes the office's volumes are its villages' too: the load tells.
    const own = route.tier === 'delivery';
    route.visits.forEach((visit, index) => {
      const planned = places.get(visit.id);
      // Today's rows: the place as today's routes serve it (before the plan's stations took villages in).
      const place = planned !== undefined && route.phase === 'before' && planned.today !== undefined ? { ...planned, ...planned.today } : planned;
      const row: Row = {
        phase: route.phase, tier: route.tier ?? '', day: route.day ?? '', route_id: route.id, depot: route.depot, seq: index + 1, stop_id: visit.id,
        name: place?.name ?? '', role: place?.role ?? '', township: place?.township ?? '', mail: place?.mail ?? '',
        ...placeCells(place, route, todayDays),
        arrival: clock(visit.arrival), departure: clock(visit.departure), load_after: visit.load,
        km_from_hub: (visit.distance / 1000).toFixed(2), km_from_depot: (visit.distance / 1000).toFixed(2), note: late.get(visit.id) ?? '',
      };
      dims?.forEach((d, k) => {
        row[`delivery_${d}`] = own ? place?.delivery?.[k] ?? '' : '';
        row[`pickup_${d}`] = own ? place?.pickup?.[k] ?? '' : '';
        row[`load_after_${d}`] = visit.loads?.[k] ?? '';
      });
      rows.push(row);
    });
  }
  for (const stop of report.summary.unassigned) {
    const place = places.get(stop.id);
    rows.push({
      phase: 'after', stop_id: stop.id, name: stop.name, role: place?.role ?? '', mail: place?.mail ?? '', township: place?.township ?? '',
      ...placeCells(place, undefined), note: `unassigned: ${stop.reason}`,
    });
  }
  return write(headers, rows);
}
