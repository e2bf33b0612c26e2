/**
 * Today's routes, resolved against the places: drawn lines matched to stops, every stop id checked,
 * each error located in the baseline file (CSV line and row, or route index).
 */
import { InputError } from '../errors.js';
import type { BaselineLine, BaselineRoute } from '../io/baseline.js';
import { matchLineStops } from '../io/baseline.js';
import type { PlanSpec } from './file/plan-file.js';
import type { PlanPlace } from './places.js';

export interface ResolvedBaseline {
  routes: BaselineRoute[];
  /** Stop id → the route that serves it today. */
  servedBy: Map<string, string>;
  /**
   * Stops of today's routes that are not on the road network: left out of the route (which is
   * measured without them) and reported like any other unserved stop.
   */
  offNetwork: { route: string; stop: string; why: string }[];
}

/**
 * @param rejected place id → why it is not on the road network (from snapping)
 */
export function resolveBaseline(
  baseline: { routes: BaselineRoute[] } | { lines: BaselineLine[] } | undefined,
  places: readonly PlanPlace[],
  spec: PlanSpec,
  sources: { baseline: string; places: string },
  rejected: ReadonlyMap<string, string>,
): ResolvedBaseline {
  let routes: BaselineRoute[] = [];
  if (baseline && 'lines' in baseline) {
    const candidates = places.filter((place) => place.role !== 'hub');
    routes = baseline.lines.map((line) => matchLineStops(line, candidates, { maxDistance: spec.baselineMatchDistance }));
  } else if (baseline) {
    routes = baseline.routes;
  }
  const byId = new Map(places.map((place) => [place.id, place]));
  const servedBy = new Map<string, string>();
  const offNetwork: { route: string; stop: string; why: string }[] = [];
  const visits = new Map<string, { route: string; day: string | undefined }[]>();
  routes.forEach((route, routeIndex) => {
    const where = (k?: number): { source: string; index: number; line?: number } => {
      const row = k === undefined ? undefined : route.rows?.[k];
      const line = k === undefined ? undefined : route.lines?.[k];
      if (row === undefined) return { source: sources.baseline, index: routeIndex };
      return line === undefined ? { source: sources.baseline, index: row } : { source: sources.baseline, index: row, line };
    };
    if (route.stops.length === 0) {
      throw new InputError(`route "${route.id}" serves no place`, { ...where(), field: 'geometry' },
        `no place lies within ${spec.baselineMatchDistance} m of the drawn line; raise baselineMatchDistanceM or check the line`);
    }
    if (route.vehicleType !== undefined && !spec.fleet.some((vehicle) => vehicle.id === route.vehicleType)) {
      throw new InputError(`route "${route.id}" uses vehicle type "${route.vehicleType}", which is not in the fleet`, { ...where(0), field: 'vehicle_type' },
        `fleet types: ${spec.fleet.map((vehicle) => vehicle.id).join(', ')}`);
    }
    route.stops.forEach((stop, k) => {
      const place = byId.get(stop);
      if (!place) throw new InputError(`route "${route.id}" visits "${stop}", which is not in ${sources.places}`, { ...where(k), field: 'stop_id' }, 'use the place ids of the places file');
      if (place.role === 'hub') throw new InputError(`route "${route.id}" lists the hub "${stop}" as a stop`, { ...where(k), field: 'stop_id' }, 'leave the hub out: routes start and end there');
      // A route without a day runs every day; routes of different weekdays may share stops.
      const other = (visits.get(stop) ?? []).find((v) => v.day === undefined || route.day === undefined || v.day === route.day);
      if (other !== undefined) throw new InputError(`"${stop}" is visited twice (routes "${other.route}" and "${route.id}")`, { ...where(k), field: 'stop_id' }, 'visit each place once a day');
      visits.set(stop, [...(visits.get(stop) ?? []), { route: route.id, day: route.day }]);
      if (!servedBy.has(stop)) servedBy.set(stop, route.id);
      const why = rejected.get(stop);
      if (why !== undefined) offNetwork.push({ route: route.id, stop, why });
    });
  });
  const off = new Set(offNetwork.map((entry) => entry.stop));
  const measured = off.size === 0 ? routes : routes.map((route) => ({ ...route, stops: route.stops.filter((stop) => !off.has(stop)) }));
  return { routes: measured, servedBy, offNetwork };
}

/**
 * How a weekly report names today's routes: a route that runs on one day keeps its own id when no
 * other route of today's network has it (a county's ids often carry the day already:
 * "Mon-harsdorf-1", not "Mon Mon-harsdorf-1"); a route of every operating day, or an id used on
 * several days, gets the day in front ("Mon T1"), as the plan's routes. `suffixes` are the names
 * derived from a route's id (the afternoon collection's "-pm"), kept clear of clashes too.
 *
 * @example
 * const name = weekRouteIds([{ id: 'T1' }, { id: 'Mon-east-1', day: 'Mon' }], ['Mon', 'Tue']);
 * name('T1', 'Tue'); // 'Tue T1'
 * name('Mon-east-1', 'Mon'); // 'Mon-east-1'
 */
export function weekRouteIds(routes: readonly { id: string; day?: string }[], days: readonly string[], suffixes: readonly string[] = []): (id: string, day: string) => string {
  const count = new Map<string, number>();
  for (const route of routes) count.set(route.id, (count.get(route.id) ?? 0) + 1);
  const own = (route: { id: string; day?: string }): boolean => route.day !== undefined && count.get(route.id) === 1;
  // Every name a prefixed route takes, so that a kept id can never equal one of them.
  const prefixed = new Set(routes.filter((route) => !own(route)).flatMap((route) => days.flatMap((day) => ['', ...suffixes].map((end) => `${day} ${route.id}${end}`))));
  const kept = new Set(routes.filter((route) => own(route) && ['', ...suffixes].every((end) => !prefixed.has(`${route.id}${end}`))).map((route) => route.id));
  return (id, day) => (kept.has(id) ? id : `${day} ${id}`);
}
