/**
 * Today's routes of a two-tier network: trunk routes from the hub to the offices and delivery
 * routes from each office, told apart by their `depot` (or `tier`), each stop and vehicle type
 * checked against the places and that tier's fleet, each error located in the baseline file.
 */
import { InfeasibleError, InputError } from '../errors.js';
import type { BaselineLine, BaselineRoute } from '../io/baseline.js';
import { matchLineStops } from '../io/baseline.js';
import type { PlanSpec } from './file/plan-file.js';
import type { TiersSpec } from './file/plan-tiers.js';
import type { RouteInput } from '../vrp/index.js';
import { offNetworkHint } from './network.js';
import type { PlanPlace } from './places.js';
import type { TwoTierInput } from './tiers/model.js';
import type { PlanSources } from './types.js';

export interface TwoTierBaseline {
  trunk: { route: BaselineRoute; input: RouteInput }[];
  delivery: { route: BaselineRoute; input: RouteInput; office: string }[];
}

/** What today's routes are checked against: the hub, the offices, the delivery vehicles (`type@office`). */
export interface TwoTierBaselineShape {
  hub: string;
  offices: readonly string[];
  deliveryVehicles: readonly string[];
}

/** The shape of a built two-tier input. */
export function baselineShapeOf(input: TwoTierInput): TwoTierBaselineShape {
  return { hub: input.hub.id, offices: input.offices.map((office) => office.id), deliveryVehicles: input.delivery.vehicles.map((vehicle) => vehicle.id) };
}

export function resolveTwoTierBaseline(
  baseline: { routes: BaselineRoute[] } | { lines: BaselineLine[] } | undefined,
  places: readonly PlanPlace[],
  spec: PlanSpec,
  shape: TwoTierBaselineShape,
  sources: PlanSources,
  rejected: ReadonlyMap<string, string>,
): TwoTierBaseline {
  const out: TwoTierBaseline = { trunk: [], delivery: [] };
  if (!baseline) return out;
  const tiers = spec.tiers as TiersSpec;
  const byId = new Map(places.map((place) => [place.id, place]));
  const offices = new Set(shape.offices);
  const hub = shape.hub;
  let routes: BaselineRoute[];
  if ('lines' in baseline) {
    const officeCandidates = places.filter((place) => offices.has(place.id));
    const stopCandidates = places.filter((place) => place.role === 'village' || place.role === 'station');
    routes = baseline.lines.map((line) => matchLineStops(line, (line.tier === 'trunk' || line.depot === hub) ? officeCandidates : stopCandidates, { maxDistance: spec.baselineMatchDistance }));
  } else {
    routes = baseline.routes;
  }
  const seen = { trunk: new Map<string, string>(), delivery: new Map<string, string>() };
  routes.forEach((route, routeIndex) => {
    const where = (k?: number, field = 'stop_id'): { source: string; index: number; line?: number; field: string } => {
      const row = k === undefined ? route.rows?.[0] : route.rows?.[k];
      // The file's own line (blank lines and Excel's sep= line counted as the reader counts them).
      const line = k === undefined ? route.lines?.[0] : route.lines?.[k];
      if (row === undefined) return { source: sources.baseline, index: routeIndex, field };
      return line === undefined ? { source: sources.baseline, index: row, field } : { source: sources.baseline, index: row, line, field };
    };
    if (route.stops.length === 0) throw new InputError(`route "${route.id}" serves no place`, where(undefined, 'geometry'), `no place lies within ${spec.baselineMatchDistance} m of the drawn line; raise baselineMatchDistanceM or check the line`);
    // Which tier: the depot says it; without one, a route that visits only offices is a trunk route.
    let tier = route.tier ?? (route.depot === undefined ? (route.stops.every((stop) => offices.has(stop)) ? 'trunk' : undefined) : route.depot === hub ? 'trunk' : 'delivery');
    if (tier === undefined) {
      throw new InputError(`route "${route.id}" has no depot`, where(0, 'depot'), `give the township office it starts from (a depot column), or "${hub}" for a trunk route`);
    }
    const depot = route.depot ?? (tier === 'trunk' ? hub : undefined);
    if (tier === 'trunk' && depot !== hub) throw new InputError(`trunk route "${route.id}" starts at "${depot}", not at the hub "${hub}"`, where(0, 'depot'), `trunk routes start at the hub; delivery routes at an office`);
    if (tier === 'delivery' && (depot === undefined || !offices.has(depot))) {
      throw new InputError(`delivery route "${route.id}" starts at "${depot ?? ''}", which is not a township office`, where(0, 'depot'), `offices: ${[...offices].join(', ')}`);
    }
    tier = tier as 'trunk' | 'delivery';
    const fleet = tier === 'trunk' ? tiers.trunk.fleet : tiers.delivery.fleet;
    const type = route.vehicleType ?? (fleet[0] as { id: string }).id;
    const vehicle = fleet.find((v) => v.id === type);
    if (!vehicle) throw new InputError(`route "${route.id}" uses vehicle type "${type}", which is not in the ${tier} fleet`, where(0, 'vehicle_type'), `${tier} fleet types: ${fleet.map((v) => v.id).join(', ')}`);
    route.stops.forEach((stop, k) => {
      const place = byId.get(stop);
      if (!place) throw new InputError(`route "${route.id}" visits "${stop}", which is not in ${sources.places}`, where(k), 'use the place ids of the places file');
      if (tier === 'trunk' && !offices.has(stop)) throw new InputError(`trunk route "${route.id}" visits "${stop}", which is not a township office`, where(k), 'trunk routes serve the offices; villages belong on the delivery routes');
      if (tier === 'delivery' && place.role !== 'village' && place.role !== 'station') {
        throw new InputError(`delivery route "${route.id}" visits the ${place.role} "${stop}"`, where(k), 'delivery routes serve villages and stations from their office');
      }
      // Once a day per tier: a weekly network's routes of different days may visit the same place.
      const key = `${route.day ?? ''}\u0000${stop}`;
      const other = seen[tier as 'trunk' | 'delivery'].get(key);
      if (other !== undefined) throw new InputError(`"${stop}" is visited twice (routes "${other}" and "${route.id}")`, where(k), 'visit each place once a day per tier');
      seen[tier as 'trunk' | 'delivery'].set(key, route.id);
      const why = rejected.get(stop);
      if (why !== undefined) throw new InfeasibleError(`today's route "${route.id}" visits "${place.name}", which is ${why}`, offNetworkHint(why));
    });
    if (tier === 'trunk') {
      out.trunk.push({ route, input: { vehicleType: type, stops: [...route.stops] } });
    } else {
      const engineType = `${type}@${depot as string}`;
      if (!shape.deliveryVehicles.includes(engineType)) {
        throw new InputError(`route "${route.id}" uses a ${type} at "${depot as string}", but plan.json bases no ${type} there`, where(0, 'vehicle_type'),
          `add "${depot as string}" to the depots of "${type}" in tiers.delivery.fleet`);
      }
      out.delivery.push({ route, input: { vehicleType: engineType, stops: [...route.stops] }, office: depot as string });
    }
  });
  return out;
}
