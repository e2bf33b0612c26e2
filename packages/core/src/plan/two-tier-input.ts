/**
 * From plan.json, places and the prepared road matrices to the two-tier problem: the hub, the
 * township offices (role=outlet), the stops (villages and stations) with their volumes per
 * dimension and administrative office (`township`), and both fleets expanded per office. Every
 * wrong id is one located error.
 */
import { InfeasibleError, InputError } from '../errors.js';
import { placeLocation, type Place } from '../io/places.js';
import type { PlanSpec } from './file/plan-file.js';
import type { TiersSpec } from './file/plan-tiers.js';
import type { TravelMatrix } from '../matrix/index.js';
import { placeLoads } from './loads.js';
import { offNetworkHint, type PreparedNetwork } from './network.js';
import type { PlanPlace } from './places.js';
import type { DeliveryVehicle, FlatMatrix, TrunkVehicle, TwoTierInput, TwoTierStop } from './tiers/model.js';
import type { PlanSources } from './types.js';

export interface TwoTierBuild {
  input: TwoTierInput;
  /** Stops not on the road network, with the reason. */
  rejected: { id: string; reason: string }[];
}

/** The hub, the township offices and each village's office, as plan.json and the places give them. */
export interface TwoTierShape {
  hub: string;
  offices: PlanPlace[];
  /** Village or station id → the office it names (`township`), when it names one. */
  townships: Map<string, string | undefined>;
  loads: ReturnType<typeof placeLoads>;
}

/**
 * Every check of a two-tier plan's places and fleets that needs no road graph, so that it can
 * run before the graph is built: one hub for the trunk, township offices (role=outlet), each
 * village's `township`, the delivery fleet's depots, the volumes.
 */
export function checkTwoTierPlaces(spec: PlanSpec, rawPlaces: readonly Place[], places: readonly PlanPlace[], sources: PlanSources): TwoTierShape {
  const tiers = spec.tiers as TiersSpec;
  const loads = placeLoads(rawPlaces, spec.loads ?? [], sources.places);
  const planError = (field: string, message: string, hint?: string): never => { throw new InputError(message, { source: sources.plan, field }, hint); };
  const hubs = places.filter((place) => place.role === 'hub');
  const hubIds = new Set(hubs.map((hub) => hub.id));
  const named = [...new Set(tiers.trunk.fleet.map((vehicle) => vehicle.depot).filter((d): d is string => typeof d === 'string'))];
  tiers.trunk.fleet.forEach((vehicle, i) => {
    if (typeof vehicle.depot === 'string' && !hubIds.has(vehicle.depot)) planError(`tiers.trunk.fleet[${i}].depot`, `depot "${vehicle.depot}" is not a place with role "hub"`, `hubs: ${[...hubIds].join(', ')}`);
  });
  if (named.length > 1) planError('tiers.trunk.fleet', `the trunk fleet starts from ${named.length} hubs (${named.join(', ')})`, 'a two-tier plan has one county hub; give every trunk vehicle the same depot');
  if (named.length === 0 && hubs.length > 1) planError('tiers.trunk.fleet[0].depot', `there are ${hubs.length} hubs; say which one the trunk starts from`, `set "depot" to one of: ${[...hubIds].join(', ')}`);
  const hub = named[0] ?? (hubs[0] as PlanPlace).id;

  const offices = places.filter((place) => place.role === 'outlet');
  if (offices.length === 0) throw new InputError('a two-tier plan needs township offices, and no place has role "outlet"', { source: sources.places, field: 'role' }, 'mark the township post offices with role=outlet');
  const officeIds = offices.map((office) => office.id);
  const officeSet = new Set(officeIds);
  const indexOf = new Map(rawPlaces.map((place, i) => [place.id, i]));
  const townships = new Map<string, string | undefined>();
  for (const place of places) {
    if (place.role !== 'village' && place.role !== 'station') continue;
    const index = indexOf.get(place.id) as number;
    const raw = rawPlaces[index] as Place;
    const township = raw.properties.township;
    let office: string | undefined;
    if (township !== undefined && township !== null && township !== '') {
      office = String(township).trim();
      if (!officeSet.has(office)) {
        throw new InputError(`township "${office}" of place "${place.id}" is not a township office`, placeLocation(raw, index, sources.places, 'township'),
          `use the id of a place with role=outlet: ${officeIds.join(', ')}`);
      }
    } else if (tiers.delivery.assignment === 'administrative') {
      throw new InputError(`place "${place.id}" has no township`, placeLocation(raw, index, sources.places, 'township'),
        `with "assignment": "administrative" every village names its office (one of ${officeIds.join(', ')}); or use "assignment": "free"`);
    }
    townships.set(place.id, office);
  }
  tiers.delivery.fleet.forEach((vehicle, i) => {
    const at = `tiers.delivery.fleet[${i}]`;
    const depots = vehicle.depot === 'each-outlet' || vehicle.depot === undefined ? officeIds : (vehicle.depot as string[]);
    for (const depot of depots) if (!officeSet.has(depot)) planError(`${at}.depot`, `"${depot}" is not a township office`, `offices (role=outlet): ${officeIds.join(', ')}`);
    for (const depot of Object.keys(vehicle.countByDepot)) if (!officeSet.has(depot)) planError(`${at}.count.${depot}`, `"${depot}" is not a township office`, `offices (role=outlet): ${officeIds.join(', ')}`);
  });
  return { hub, offices, townships, loads };
}

export function buildTwoTierInput(
  spec: PlanSpec,
  rawPlaces: readonly Place[],
  places: readonly PlanPlace[],
  prepared: PreparedNetwork,
  profiles: ReadonlyMap<string, PreparedNetwork>,
  sources: PlanSources,
): TwoTierBuild {
  const tiers = spec.tiers as TiersSpec;
  const { hub, offices, townships, loads } = checkTwoTierPlaces(spec, rawPlaces, places, sources);
  for (const office of offices) {
    const why = prepared.rejected.get(office.id);
    if (why) throw new InfeasibleError(`the township office "${office.name}" is ${why}`, offNetworkHint(why));
  }
  const officeIds = offices.map((office) => office.id);
  const rejected: { id: string; reason: string }[] = [];
  const stops: TwoTierStop[] = [];
  const ids = [hub, ...officeIds];
  for (const place of places) {
    if (place.role !== 'village' && place.role !== 'station') continue;
    const office = townships.get(place.id);
    const why = prepared.rejected.get(place.id);
    if (why) {
      rejected.push({ id: place.id, reason: why });
      continue;
    }
    const volume = loads.get(place.id) as { delivery: number[]; pickup: number[] };
    const stop: TwoTierStop = { id: place.id, location: ids.length, delivery: volume.delivery, pickup: volume.pickup, serviceTime: place.serviceTime };
    if (place.latest !== undefined) stop.latest = place.latest;
    if (office !== undefined) stop.office = office;
    stops.push(stop);
    ids.push(place.id);
  }
  const flat = (matrix: TravelMatrix, row: ReadonlyMap<string, number>): FlatMatrix => {
    const size = ids.length;
    const distances: (number | null)[] = new Array(size * size);
    const durations: (number | null)[] = new Array(size * size);
    for (let i = 0; i < size; i++) {
      const from = row.get(ids[i] as string);
      for (let j = 0; j < size; j++) {
        const to = row.get(ids[j] as string);
        const d = from === undefined || to === undefined ? Infinity : (matrix.distances[from * matrix.size + to] as number);
        const t = from === undefined || to === undefined ? Infinity : (matrix.durations[from * matrix.size + to] as number);
        // Integer metres and seconds, as in the one-tier planner: exact and the same for both plans.
        distances[i * size + j] = Number.isFinite(d) ? Math.round(d) : null;
        durations[i * size + j] = Number.isFinite(t) ? Math.round(t) : null;
      }
    }
    return { size, distances, durations };
  };

  const trunkVehicles: TrunkVehicle[] = tiers.trunk.fleet.map((vehicle) => {
    const out: TrunkVehicle = {
      id: vehicle.id, count: vehicle.count, capacity: vehicle.capacity, departure: vehicle.departure ?? 0,
      fixedCost: vehicle.costPerDay, costPerDistance: vehicle.costPerKm / 1000,
    };
    if (vehicle.maxShift !== undefined) out.maxDuration = vehicle.maxShift;
    if (vehicle.profile !== undefined) out.profile = vehicle.profile;
    return out;
  });
  const deliveryVehicles: DeliveryVehicle[] = [];
  tiers.delivery.fleet.forEach((vehicle) => {
    const depots = vehicle.depot === 'each-outlet' || vehicle.depot === undefined ? officeIds : (vehicle.depot as string[]);
    for (const office of depots) {
      const out: DeliveryVehicle = {
        id: `${vehicle.id}@${office}`, type: vehicle.id, office, count: vehicle.countByDepot[office] ?? vehicle.count,
        capacity: vehicle.capacity, fixedCost: vehicle.costPerDay, costPerDistance: vehicle.costPerKm / 1000,
      };
      if (vehicle.maxShift !== undefined) out.maxDuration = vehicle.maxShift;
      if (vehicle.profile !== undefined) out.profile = vehicle.profile;
      deliveryVehicles.push(out);
    }
  });

  const input: TwoTierInput = {
    dimensions: (spec.loads ?? []).map((load) => load.name),
    hub: { id: hub, location: 0 },
    offices: offices.map((office, k) => {
      const volume = loads.get(office.id) as { delivery: number[]; pickup: number[] };
      const out = { id: office.id, location: k + 1, delivery: volume.delivery, pickup: volume.pickup, serviceTime: office.serviceTime } as TwoTierInput['offices'][number];
      if (office.latest !== undefined) out.latest = office.latest;
      return out;
    }),
    stops,
    matrix: flat(prepared.matrix, prepared.row),
    trunk: { vehicles: trunkVehicles, collection: tiers.trunk.collection },
    delivery: { vehicles: deliveryVehicles, assignment: tiers.delivery.assignment, tolerance: tiers.delivery.tolerance, sorting: tiers.delivery.sorting },
  };
  if (profiles.size > 0) input.profiles = Object.fromEntries([...profiles].map(([name, net]) => [name, flat(net.matrix, net.row)]));
  return { input, rejected };
}
