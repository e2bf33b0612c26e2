/**
 * `routes.csv` and `stops.csv`: one row per route and one per visit, both phases, for spreadsheets.
 */
import { writeToString } from 'fast-csv';
import type { PlanReport, ReportRoute } from './types.js';
import { clock } from './violations.js';

const ROUTE_COLUMNS = [
  'phase', 'route_id', 'vehicle_type', 'depot', 'stops', 'distance_km', 'duration_min', 'departure', 'return',
  'load', 'capacity', 'violations', 'stop_sequence', 'drawn_line_km',
] as const;

const STOP_COLUMNS = [
  'phase', 'route_id', 'seq', 'stop_id', 'name', 'role', 'mail', 'arrival', 'departure', 'load_after', 'km_from_hub', 'note',
] as const;

/**
 * One row per route, today's first. Violations are joined with "; " so that a route that breaks
 * a rule cannot look clean in a spreadsheet.
 *
 * @example
 * writeFileSync('routes.csv', await routesCsv(report));
 */
export async function routesCsv(report: PlanReport): Promise<string> {
  const dims = report.tiers?.dimensions;
  if (!dims) {
    const rows = [...[...report.before, ...report.after].map((route) => routeRow(route)), ...doorToDoorRows(report)];
    return `${await writeToString(rows, { headers: [...ROUTE_COLUMNS] })}\n`;
  }
  // Two-tier plans: the tier, and loads, pick-ups and capacity per named dimension, and cost.
  const headers = ['phase', 'tier', ...ROUTE_COLUMNS.slice(1, 9), ...dims.flatMap((d) => [`load_${d}`, `pickup_${d}`, `capacity_${d}`]), 'cost', ...ROUTE_COLUMNS.slice(11)];
  const rows = [...report.before, ...report.after].map((route) => {
    const base = routeRow(route) as Record<string, string | number>;
    const row: Record<string, string | number> = { ...base, tier: route.tier ?? '', cost: route.cost === undefined ? '' : route.cost.toFixed(2) };
    dims.forEach((d, k) => {
      row[`load_${d}`] = route.loads?.[k] ?? '';
      row[`pickup_${d}`] = route.pickups?.[k] ?? '';
      row[`capacity_${d}`] = route.capacities?.[k] ?? '';
    });
    return headers.map((h) => row[h] ?? '');
  });
  for (const row of doorToDoorRows(report)) rows.push(headers.map((h) => (h === 'tier' ? 'door-to-door' : (row as Record<string, string | number>)[h] ?? '')));
  return `${await writeToString(rows, { headers, writeHeaders: true })}\n`;
}

/**
 * The door-to-door routes as rows of the new plan: vehicle type "door-to-door", the streets
 * served (stretches) as its stops, no load.
 */
function doorToDoorRows(report: PlanReport): Record<(typeof ROUTE_COLUMNS)[number], string | number>[] {
  const d = report.doorToDoor;
  if (!d) return [];
  return d.routes.map((route) => ({
    phase: 'after',
    route_id: route.id,
    vehicle_type: 'door-to-door',
    depot: d.depot,
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

function routeRow(route: ReportRoute): Record<(typeof ROUTE_COLUMNS)[number], string | number> {
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
 * One row per visit (both phases, in route order), then one row per stop the new plan leaves
 * unserved, with the reason in `note`.
 */
export async function stopsCsv(report: PlanReport): Promise<string> {
  const places = new Map(report.places.map((place) => [place.id, place]));
  const dims = report.tiers?.dimensions;
  if (dims) return tierStopsCsv(report, dims);
  const rows: Record<(typeof STOP_COLUMNS)[number], string | number>[] = [];
  for (const route of [...report.before, ...report.after]) {
    const late = new Map(route.violations.filter((v) => v.kind === 'late' && v.stop).map((v) => [v.stop as string, v.message]));
    route.visits.forEach((visit, index) => {
      const place = places.get(visit.id);
      rows.push({
        phase: route.phase,
        route_id: route.id,
        seq: index + 1,
        stop_id: visit.id,
        name: place?.name ?? '',
        role: place?.role ?? '',
        mail: place?.mail ?? '',
        arrival: clock(visit.arrival),
        departure: clock(visit.departure),
        load_after: visit.load,
        km_from_hub: (visit.distance / 1000).toFixed(2),
        note: late.get(visit.id) ?? '',
      });
    });
  }
  for (const stop of report.summary.unassigned) {
    const place = places.get(stop.id);
    rows.push({
      phase: 'after', route_id: '', seq: '', stop_id: stop.id, name: stop.name, role: place?.role ?? '', mail: place?.mail ?? '',
      arrival: '', departure: '', load_after: '', km_from_hub: '', note: `unassigned: ${stop.reason}`,
    });
  }
  return `${await writeToString(rows, { headers: [...STOP_COLUMNS] })}\n`;
}

/** stops.csv of a two-tier plan: tier and office of each visit, and volumes and loads per dimension. */
async function tierStopsCsv(report: PlanReport, dims: readonly string[]): Promise<string> {
  const places = new Map(report.places.map((place) => [place.id, place]));
  const headers = [
    'phase', 'tier', 'route_id', 'depot', 'seq', 'stop_id', 'name', 'role', 'township',
    ...dims.flatMap((d) => [`delivery_${d}`, `pickup_${d}`, `load_after_${d}`]), 'arrival', 'departure', 'km_from_depot', 'note',
  ];
  const rows: (string | number)[][] = [];
  for (const route of [...report.before, ...report.after]) {
    const late = new Map(route.violations.filter((v) => v.kind === 'late' && v.stop).map((v) => [v.stop as string, v.message]));
    route.visits.forEach((visit, index) => {
      const place = places.get(visit.id);
      // On trunk and collection routes the office's volumes are its villages' too: the load tells.
      const own = route.tier === 'delivery';
      rows.push([
        route.phase, route.tier ?? '', route.id, route.depot, index + 1, visit.id, place?.name ?? '', place?.role ?? '', place?.township ?? '',
        ...dims.flatMap((_, k) => [own ? place?.delivery?.[k] ?? '' : '', own ? place?.pickup?.[k] ?? '' : '', visit.loads?.[k] ?? '']),
        clock(visit.arrival), clock(visit.departure), (visit.distance / 1000).toFixed(2), late.get(visit.id) ?? '',
      ]);
    });
  }
  for (const stop of report.summary.unassigned) {
    const place = places.get(stop.id);
    rows.push(['after', '', '', '', '', stop.id, stop.name, place?.role ?? '', place?.township ?? '', ...dims.flatMap(() => ['', '', '']), '', '', '', `unassigned: ${stop.reason}`]);
  }
  return `${await writeToString(rows, { headers, writeHeaders: true })}\n`;
}
