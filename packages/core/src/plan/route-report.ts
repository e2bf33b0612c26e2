/**
 * One evaluated route as the report shows it: visits in planner units, every broken rule, and the
 * path along the roads from hub to hub.
 */
import { InfeasibleError } from '../errors.js';
import type { Snap } from '../graph/snap.js';
import type { RoadNetwork } from '../graph/types.js';
import type { FleetSpec } from './file/plan-file.js';
import { findPath } from '../matrix/index.js';
import type { ReportRoute } from '../report/types.js';
import { reportViolations } from '../report/violations.js';
import type { RouteResult } from '../vrp/index.js';
import type { PlanPlace } from './places.js';

export interface RouteReportContext {
  network: RoadNetwork;
  snaps: ReadonlyMap<string, Snap>;
  places: ReadonlyMap<string, PlanPlace>;
  fleet: readonly FleetSpec[];
}

/** The road path of hub → stops → hub, and the stops no road leads to from the previous one. */
export function drawRoute(context: RouteReportContext, sequence: readonly string[]): { geometry: [number, number][]; unreachable: string[] } {
  const geometry: [number, number][] = [];
  const unreachable: string[] = [];
  for (let k = 1; k < sequence.length; k++) {
    const from = context.snaps.get(sequence[k - 1] as string);
    const to = context.snaps.get(sequence[k] as string);
    let path = null;
    try {
      // The same quickest paths as the matrices, so that the line is the distance counted.
      if (from && to) path = findPath(context.network, from, to, { metric: 'time' });
    } catch (error) {
      if (!(error instanceof InfeasibleError)) throw error;
    }
    if (!path) {
      unreachable.push(sequence[k] as string);
      continue;
    }
    for (const position of path.geometry.coordinates) {
      const last = geometry[geometry.length - 1];
      if (!last || last[0] !== position[0] || last[1] !== position[1]) geometry.push([position[0] as number, position[1] as number]);
    }
  }
  return { geometry, unreachable };
}

export function toReportRoute(
  context: RouteReportContext,
  phase: 'before' | 'after',
  id: string,
  route: RouteResult,
  lineLength?: number,
  /** The operating day of a weekly plan's route (it counts its fleet per day). */
  day?: string,
): ReportRoute {
  const vehicle = context.fleet.find((v) => v.id === route.vehicleType) ?? context.fleet[0];
  const load = route.startLoad[0] ?? 0;
  const visits = route.visits.map((visit) => ({
    id: visit.id, arrival: visit.arrival, start: visit.start, departure: visit.departure, load: visit.load[0] ?? 0, distance: visit.distance,
  }));
  const { geometry } = drawRoute(context, [route.startDepot, ...route.stops, route.endDepot ?? route.startDepot]);
  const capacity = vehicle?.capacity ?? 0;
  const result: ReportRoute = {
    id, phase, vehicleType: route.vehicleType, depot: route.startDepot, stops: [...route.stops], visits,
    departure: route.departure, arrival: route.arrival, distance: route.distance, duration: route.duration,
    load, capacity,
    // The evaluator said what the route breaks (RouteResult.violations); the report words it.
    violations: reportViolations(route, { route, fleetCount: vehicle?.count ?? 0, ...(day !== undefined ? { day } : {}) }),
    geometry,
  };
  if (vehicle?.maxShift !== undefined) result.maxShift = vehicle.maxShift;
  if (lineLength !== undefined) result.lineLength = lineLength;
  if (day !== undefined) result.day = day;
  return result;
}
