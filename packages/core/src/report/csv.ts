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
  const rows = [...report.before, ...report.after].map((route) => routeRow(route));
  return `${await writeToString(rows, { headers: [...ROUTE_COLUMNS] })}\n`;
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
