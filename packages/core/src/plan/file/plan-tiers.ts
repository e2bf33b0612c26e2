/**
 * The two-tier and what-if parts of plan.json: `loads` (named load dimensions and the place
 * properties that fill them), `tiers` (a trunk fleet at the hub serving the township offices,
 * delivery fleets at the offices serving villages and stations, how villages are assigned to
 * offices, and the timing between the tiers), `profiles` (road profiles of vehicle types) and
 * `scenarios` (named changes of the base case). Parsing only; the planner resolves place ids.
 */
import { checkKeys, clock, isObject, parseCountPerDay, requireNumber, requireString, type Fail } from './fields.js';

/** One named load dimension: what a place drops (sum of properties) and what it hands over. */
export interface LoadSpec {
  name: string;
  /** Place properties summed into the delivery of this dimension (e.g. ["mail", "parcels"]). */
  delivery: string[];
  /** Place properties summed into the pickup of this dimension (e.g. ["pickup_items"]). */
  pickup: string[];
}

/** A vehicle type of one tier, in the planner's units. */
export interface TierVehicleSpec {
  id: string;
  /**
   * Trunk: the hub (undefined = the only hub). Delivery: `"each-outlet"` or a list of office ids.
   */
  depot?: string | string[];
  /** Vehicles per depot. */
  count: number;
  /** Vehicles per depot id where they differ from `count` (written `count: { "office": n }`). */
  countByDepot: Record<string, number>;
  /**
   * Weekly plans: weekday ("Sat") → vehicles per depot that day, for every depot, where it
   * differs from `count` / `countByDepot` (written `countPerDay: { "Sat": 1 }`).
   */
  countPerDay?: Record<string, number>;
  /** Capacity per load dimension, in `PlanSpec.loads` order. */
  capacity: number[];
  /** Departure from the hub (trunk), seconds after midnight; delivery vehicles leave at their release. */
  departure?: number;
  /** Longest shift, seconds. */
  maxShift?: number;
  /** Cost per kilometre and per vehicle-day, in the plan's cost unit. */
  costPerKm: number;
  costPerDay: number;
  /** Name in `PlanSpec.profiles`; default: the plan's road profile. */
  profile?: string;
}

/** `tiers.trunk.collection`: a second trunk wave from the hub, or the morning truck waiting (times in seconds after midnight). */
export type CollectionSpec =
  | { mode: 'second-wave'; departure: number; returnBy?: number }
  | { mode: 'wait'; returnBy?: number };

export const COLLECTION_MODES = ['second-wave', 'wait'] as const;

/** `tiers.trunk`: the trucks from the hub to the offices, and how the collected goods come back. */
export interface TrunkTierSpec {
  fleet: TierVehicleSpec[];
  /** How the collected goods reach the hub: a second trunk wave leaving the hub at `departure`
   *  ("second-wave", the default), or the morning truck waiting at its offices ("wait"); back at
   *  the hub by `returnBy`; null when nothing is collected. */
  collection: CollectionSpec | null;
}

/** `tiers.delivery`: the vans at the offices, how villages are assigned to offices, and the sorting time. */
export interface DeliveryTierSpec {
  fleet: TierVehicleSpec[];
  /** "free": the search chooses each village's office; "administrative": the place's `township`. */
  assignment: 'free' | 'administrative';
  /** With "administrative": a village may move to another office if that saves at least this
   *  many metres a day (written `toleranceKm`); 0 = never. */
  tolerance: number;
  /** Minutes (stored as seconds) between the trunk's arrival at an office and the first delivery departure. */
  sorting: number;
}

/** plan.json's `tiers`: the trunk fleet from the hub and the delivery fleet at the offices. */
export interface TiersSpec {
  trunk: TrunkTierSpec;
  delivery: DeliveryTierSpec;
}

/** A road profile of a vehicle type, derived from the default rural profile. */
export interface ProfileSpec {
  /** Road classes (OSM highway values) this vehicle does not use. */
  exclude: string[];
  /** Road classes it may use that the default profile does not, with their speed (km/h). */
  include: Record<string, number>;
  /** Travel speed = the default speed × this factor. */
  speedFactor: number;
  /** Never faster than this, km/h. */
  maxSpeedKmh?: number;
}

/** A scenario's change of one vehicle type's fleet. */
export interface ScenarioFleetChange {
  /** Vehicles (per depot) every day; absent = the base case's. */
  count?: number;
  /** Vehicles per depot id (delivery types of a two-tier plan). */
  countByDepot: Record<string, number>;
  /** Weekday → vehicles that day (per depot), over the base case's `countPerDay`. */
  countPerDay?: Record<string, number>;
}

/** A named change of the base case. */
export interface ScenarioSpec {
  name: string;
  description?: string;
  /** Place property → factor (e.g. { "mail": 1.5, "parcels": 2.5 }). */
  volumeFactor: Record<string, number>;
  /** Office ids closed: their villages go to other offices, the office becomes a village stop. */
  closeOffices: string[];
  /** Place ids opened as offices (they get the delivery fleets of "each-outlet" types). */
  openOffices: string[];
  /**
   * Vehicle type id → new count (per depot), or counts per depot id, and/or the vehicles on some
   * operating days (`countPerDay`, weekly plans): those days' counts replace the base case's on the
   * days named; the other days keep the base case's.
   */
  fleet: Record<string, ScenarioFleetChange>;
  /** Place id → changed deadline ("HH:MM", or null to drop it) or visit frequency (weekly plans). */
  places: Record<string, { latest?: number | null; visitsPerWeek?: number; days?: string }>;
  /** Weekly plans (issue 11): villages up to `maxPopulation` inhabitants get `visitsPerWeek` (and `days`). */
  visits: { maxPopulation?: number; visitsPerWeek: number; days?: string }[];
}

export const TIER_DEFAULTS = { sortingMinutes: 30, trunkDeparture: '06:00' } as const;

const VEHICLE_KEYS = ['id', 'count', 'countPerDay', 'capacity', 'depot', 'departure', 'maxShiftHours', 'costPerKm', 'costPerDay', 'profile'] as const;

/** `loads`: { "items": { "delivery": ["mail", "parcels"], "pickup": ["pickup_items"] }, … }. */
export function parseLoads(raw: unknown, fail: Fail): LoadSpec[] {
  if (!isObject(raw) || Object.keys(raw).length === 0) {
    return fail('loads', 'must be an object of named dimensions', 'e.g. { "items": { "delivery": ["mail", "parcels"], "pickup": ["pickup_items"] }, "kg": { "delivery": ["parcel_kg"], "pickup": ["pickup_kg"] } }');
  }
  return Object.entries(raw).map(([name, value]) => {
    const at = `loads.${name}`;
    if (!isObject(value)) return fail(at, 'must be an object', 'e.g. { "delivery": ["mail"], "pickup": ["pickup_items"] }');
    checkKeys(value, ['delivery', 'pickup'], at, fail);
    const list = (key: 'delivery' | 'pickup'): string[] => {
      const v = value[key];
      if (v === undefined) return [];
      if (!Array.isArray(v) || v.some((p) => typeof p !== 'string' || p.trim() === '')) {
        return fail(`${at}.${key}`, 'must be a list of place property names', 'e.g. ["mail", "parcels"]');
      }
      return v as string[];
    };
    const load = { name, delivery: list('delivery'), pickup: list('pickup') };
    if (load.delivery.length + load.pickup.length === 0) fail(at, 'names no place property', 'list the properties under "delivery" or "pickup"');
    return load;
  });
}

function parseVehicle(entry: unknown, at: string, tier: 'trunk' | 'delivery', loads: readonly LoadSpec[], fail: Fail): TierVehicleSpec {
  if (!isObject(entry)) return fail(at, 'must be an object', 'e.g. { "id": "van", "count": 2, "capacity": { "items": 1500 } }');
  checkKeys(entry, VEHICLE_KEYS, at, fail);
  const id = requireString(entry.id, `${at}.id`, fail);
  const vehicle: TierVehicleSpec = {
    id, count: 1, countByDepot: {}, capacity: parseCapacity(entry.capacity, `${at}.capacity`, loads, fail),
    costPerKm: entry.costPerKm === undefined ? 1 : requireNumber(entry.costPerKm, `${at}.costPerKm`, fail, { min: 0 }),
    costPerDay: entry.costPerDay === undefined ? 0 : requireNumber(entry.costPerDay, `${at}.costPerDay`, fail, { min: 0 }),
  };
  if (tier === 'trunk') {
    if (entry.depot !== undefined) vehicle.depot = requireString(entry.depot, `${at}.depot`, fail);
    vehicle.departure = clock(entry.departure ?? TIER_DEFAULTS.trunkDeparture, `${at}.departure`, fail);
  } else {
    const depot = entry.depot ?? 'each-outlet';
    if (depot === 'each-outlet') vehicle.depot = 'each-outlet';
    else if (Array.isArray(depot) && depot.length > 0 && depot.every((d) => typeof d === 'string' && d !== '')) vehicle.depot = [...(depot as string[])];
    else fail(`${at}.depot`, `must be "each-outlet" or a list of office ids, got ${JSON.stringify(depot)}`, 'e.g. "each-outlet" or ["harsdorf", "altenplos"]');
    if (entry.departure !== undefined) fail(`${at}.departure`, 'delivery vehicles leave when the trunk has arrived and the mail is sorted', 'remove it; set tiers.delivery.sortingMinutes instead');
  }
  const counts = parseCount(entry.count, `${at}.count`, fail);
  vehicle.count = counts.count;
  vehicle.countByDepot = counts.countByDepot;
  if (tier === 'trunk' && Object.keys(vehicle.countByDepot).length > 0) fail(`${at}.count`, 'trunk vehicles all start at the hub: give one number', 'e.g. "count": 2');
  if (Array.isArray(vehicle.depot)) {
    for (const office of Object.keys(vehicle.countByDepot)) {
      if (!vehicle.depot.includes(office)) fail(`${at}.count.${office}`, `"${office}" is not in this type's depot list`, `depots: ${vehicle.depot.join(', ')}`);
    }
  }
  if (entry.countPerDay !== undefined) vehicle.countPerDay = parseCountPerDay(entry.countPerDay, `${at}.countPerDay`, fail);
  if (entry.maxShiftHours !== undefined) vehicle.maxShift = Math.round(requireNumber(entry.maxShiftHours, `${at}.maxShiftHours`, fail, { min: 0, exclusiveMin: true, max: 24 }) * 3600);
  if (entry.profile !== undefined) vehicle.profile = requireString(entry.profile, `${at}.profile`, fail);
  return vehicle;
}

/**
 * A scenario's change of one type: a number (vehicles per depot), or an object of depot id →
 * vehicles, with `count` (every day) and `countPerDay` (weekday → vehicles) as reserved keys, e.g.
 * `{ "countPerDay": { "Sat": 1 } }` or `{ "harsdorf": 2, "countPerDay": { "Sat": 0 } }`.
 */
function parseFleetChange(raw: unknown, at: string, fail: Fail): ScenarioFleetChange {
  if (!isObject(raw)) {
    if (raw === undefined) return fail(at, 'is missing', 'give a count, e.g. 3');
    return { count: requireNumber(raw, at, fail, { integer: true, min: 0 }), countByDepot: {} };
  }
  const { count, countPerDay, ...depots } = raw;
  if (count === undefined && countPerDay === undefined && Object.keys(depots).length === 0) {
    return fail(at, 'changes nothing', 'give a count (3), counts per office ({ "harsdorf": 3 }) or counts per day ({ "countPerDay": { "Sat": 1 } })');
  }
  const change: ScenarioFleetChange = { countByDepot: {} };
  if (count !== undefined) {
    if (Object.keys(depots).length > 0) fail(`${at}.count`, 'is given beside counts per office, which replace it', 'keep "count" or the offices\' counts');
    change.count = requireNumber(count, `${at}.count`, fail, { integer: true, min: 0 });
  }
  for (const [depot, n] of Object.entries(depots)) change.countByDepot[depot] = requireNumber(n, `${at}.${depot}`, fail, { integer: true, min: 0 });
  if (countPerDay !== undefined) change.countPerDay = parseCountPerDay(countPerDay, `${at}.countPerDay`, fail);
  return change;
}

/** A number (vehicles per depot) or { depotId: number }. */
function parseCount(raw: unknown, at: string, fail: Fail): { count: number; countByDepot: Record<string, number> } {
  if (raw === undefined) return { count: 1, countByDepot: {} };
  if (isObject(raw)) {
    const countByDepot: Record<string, number> = {};
    for (const [depot, n] of Object.entries(raw)) countByDepot[depot] = requireNumber(n, `${at}.${depot}`, fail, { integer: true, min: 0 });
    return { count: 0, countByDepot };
  }
  return { count: requireNumber(raw, at, fail, { integer: true, min: 0 }), countByDepot: {} };
}

/** A number when there is one dimension, else { dimension: number } with every dimension given. */
function parseCapacity(raw: unknown, at: string, loads: readonly LoadSpec[], fail: Fail): number[] {
  const names = loads.map((load) => load.name);
  if (typeof raw === 'number' && loads.length === 1) return [requireNumber(raw, at, fail, { min: 0, exclusiveMin: true })];
  if (!isObject(raw)) {
    return fail(at, raw === undefined ? 'is missing' : `must be an object with a number per load dimension, got ${JSON.stringify(raw)}`,
      `e.g. { ${names.map((name) => `"${name}": 1000`).join(', ')} }`);
  }
  checkKeys(raw, names, at, fail);
  return names.map((name) => {
    if (raw[name] === undefined) return fail(`${at}.${name}`, 'is missing', `give the capacity in every load dimension (${names.join(', ')})`);
    return requireNumber(raw[name], `${at}.${name}`, fail, { min: 0, exclusiveMin: true });
  });
}

function parseFleet(raw: unknown, at: string, tier: 'trunk' | 'delivery', loads: readonly LoadSpec[], fail: Fail, ids: Set<string>): TierVehicleSpec[] {
  if (!Array.isArray(raw) || raw.length === 0) return fail(at, 'is missing or empty', 'list at least one vehicle type: [{ "id": "truck", "count": 1, "capacity": { … } }]');
  return raw.map((entry, i) => {
    const vehicle = parseVehicle(entry, `${at}[${i}]`, tier, loads, fail);
    if (ids.has(vehicle.id)) fail(`${at}[${i}].id`, `duplicate vehicle type id "${vehicle.id}"`, 'give each vehicle type of both tiers its own id');
    ids.add(vehicle.id);
    return vehicle;
  });
}

/** `tiers`: { "trunk": { "fleet": […], "collection": { "departure": "15:30" } }, "delivery": { "fleet": […], "assignment": …, "sortingMinutes": 30 } }. */
export function parseTiers(raw: unknown, loads: readonly LoadSpec[], fail: Fail): TiersSpec {
  if (!isObject(raw)) return fail('tiers', 'must be an object', 'e.g. { "trunk": { "fleet": [...] }, "delivery": { "fleet": [...] } }');
  checkKeys(raw, ['trunk', 'delivery'], 'tiers', fail);
  const ids = new Set<string>();
  const trunkRaw = raw.trunk;
  if (!isObject(trunkRaw)) return fail('tiers.trunk', trunkRaw === undefined ? 'is missing' : 'must be an object', 'e.g. { "fleet": [{ "id": "truck", "count": 1, "capacity": 8000 }] }');
  checkKeys(trunkRaw, ['fleet', 'collection'], 'tiers.trunk', fail);
  const trunkFleet = parseFleet(trunkRaw.fleet, 'tiers.trunk.fleet', 'trunk', loads, fail, ids);
  let collection: TrunkTierSpec['collection'] = null;
  if (trunkRaw.collection !== undefined) {
    const c = trunkRaw.collection;
    if (!isObject(c)) return fail('tiers.trunk.collection', 'must be an object', 'e.g. { "departure": "15:30", "returnBy": "19:00" } or { "mode": "wait" }');
    checkKeys(c, ['mode', 'departure', 'returnBy'], 'tiers.trunk.collection', fail);
    const mode = c.mode ?? 'second-wave';
    if (!(COLLECTION_MODES as readonly unknown[]).includes(mode)) {
      fail('tiers.trunk.collection.mode', `must be "second-wave" or "wait", got ${JSON.stringify(mode)}`,
        '"second-wave": trucks leave the hub again at "departure"; "wait": the morning truck waits at its offices and brings the goods back');
    }
    if (mode === 'wait') {
      if (c.departure !== undefined) fail('tiers.trunk.collection.departure', 'the truck that waits leaves each office when its goods are ready, not at a set time', 'remove "departure", or use "mode": "second-wave"');
      collection = { mode: 'wait' };
      if (c.returnBy !== undefined) collection.returnBy = clock(c.returnBy, 'tiers.trunk.collection.returnBy', fail);
    } else {
      if (c.departure === undefined) fail('tiers.trunk.collection.departure', 'is missing: the second wave needs its departure from the hub', 'e.g. "departure": "15:30", or "mode": "wait" for the morning truck to wait');
      const wave: CollectionSpec = { mode: 'second-wave', departure: clock(c.departure, 'tiers.trunk.collection.departure', fail) };
      if (c.returnBy !== undefined) {
        wave.returnBy = clock(c.returnBy, 'tiers.trunk.collection.returnBy', fail);
        if (wave.returnBy <= wave.departure) fail('tiers.trunk.collection.returnBy', 'must be after the collection departure');
      }
      collection = wave;
    }
  } else if (loads.some((load) => load.pickup.length > 0)) {
    fail('tiers.trunk.collection', 'is missing: the loads have pickups, and a trunk must take them to the hub', 'add "collection": { "departure": "15:30" } (a second wave), or { "mode": "wait" } (the morning truck waits)');
  }
  const deliveryRaw = raw.delivery;
  if (!isObject(deliveryRaw)) return fail('tiers.delivery', deliveryRaw === undefined ? 'is missing' : 'must be an object', 'e.g. { "fleet": [{ "id": "van", "depot": "each-outlet", "count": 1, "capacity": 1500 }] }');
  checkKeys(deliveryRaw, ['fleet', 'assignment', 'toleranceKm', 'sortingMinutes'], 'tiers.delivery', fail);
  const deliveryFleet = parseFleet(deliveryRaw.fleet, 'tiers.delivery.fleet', 'delivery', loads, fail, ids);
  const assignment = deliveryRaw.assignment ?? 'administrative';
  if (assignment !== 'free' && assignment !== 'administrative') {
    fail('tiers.delivery.assignment', `must be "free" or "administrative", got ${JSON.stringify(assignment)}`, '"administrative" keeps each place\'s township office; add "toleranceKm" to let villages move');
  }
  let tolerance = 0;
  if (deliveryRaw.toleranceKm !== undefined) {
    if (assignment !== 'administrative') fail('tiers.delivery.toleranceKm', 'applies to "administrative" assignment only', 'remove it, or set "assignment": "administrative"');
    tolerance = Math.round(requireNumber(deliveryRaw.toleranceKm, 'tiers.delivery.toleranceKm', fail, { min: 0, exclusiveMin: true }) * 1000);
  }
  const sortingMinutes = deliveryRaw.sortingMinutes === undefined ? TIER_DEFAULTS.sortingMinutes
    : requireNumber(deliveryRaw.sortingMinutes, 'tiers.delivery.sortingMinutes', fail, { min: 0, max: 600 });
  return {
    trunk: { fleet: trunkFleet, collection },
    delivery: { fleet: deliveryFleet, assignment: assignment as 'free' | 'administrative', tolerance, sorting: Math.round(sortingMinutes * 60) },
  };
}

/** `profiles`: { "motorbike": { "include": { "path": 15 }, "speedFactor": 0.8 }, "truck": { "exclude": ["track"] } }. */
export function parseProfiles(raw: unknown, fail: Fail): Record<string, ProfileSpec> {
  if (!isObject(raw)) return fail('profiles', 'must be an object of named profiles', 'e.g. { "truck": { "exclude": ["track"] } }');
  const profiles: Record<string, ProfileSpec> = {};
  for (const [name, value] of Object.entries(raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const at = `profiles.${name}`;
    if (!isObject(value)) return fail(at, 'must be an object', 'e.g. { "exclude": ["track"], "speedFactor": 0.9 }');
    checkKeys(value, ['exclude', 'include', 'speedFactor', 'maxSpeedKmh'], at, fail);
    const exclude = value.exclude ?? [];
    if (!Array.isArray(exclude) || exclude.some((c) => typeof c !== 'string')) fail(`${at}.exclude`, 'must be a list of road classes', 'e.g. ["track", "service"]');
    const include: Record<string, number> = {};
    if (value.include !== undefined) {
      if (!isObject(value.include)) fail(`${at}.include`, 'must be an object of road class → km/h', 'e.g. { "path": 15 }');
      for (const [cls, kmh] of Object.entries(value.include as Record<string, unknown>)) include[cls] = requireNumber(kmh, `${at}.include.${cls}`, fail, { min: 0, exclusiveMin: true, max: 200 });
    }
    const profile: ProfileSpec = {
      exclude: [...(exclude as string[])],
      include,
      speedFactor: value.speedFactor === undefined ? 1 : requireNumber(value.speedFactor, `${at}.speedFactor`, fail, { min: 0, exclusiveMin: true, max: 3 }),
    };
    if (value.maxSpeedKmh !== undefined) profile.maxSpeedKmh = requireNumber(value.maxSpeedKmh, `${at}.maxSpeedKmh`, fail, { min: 0, exclusiveMin: true, max: 200 });
    profiles[name] = profile;
  }
  return profiles;
}

/** `scenarios`: [{ "name": "double-11", "volumeFactor": { "mail": 1.5, "parcels": 2.5 } }, { "name": "close-x", "closeOffices": ["x"] }]. */
export function parseScenarios(raw: unknown, fail: Fail): ScenarioSpec[] {
  if (!Array.isArray(raw)) return fail('scenarios', 'must be a list', 'e.g. [{ "name": "double-11", "volumeFactor": { "mail": 1.5, "parcels": 2.5 } }]');
  const names = new Set<string>();
  return raw.map((entry, i): ScenarioSpec => {
    const at = `scenarios[${i}]`;
    if (!isObject(entry)) return fail(at, 'must be an object', 'e.g. { "name": "double-11", "volumeFactor": { "mail": 1.5 } }');
    checkKeys(entry, ['name', 'description', 'volumeFactor', 'closeOffices', 'openOffices', 'fleet', 'places', 'visits'], at, fail);
    const name = requireString(entry.name, `${at}.name`, fail);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) fail(`${at}.name`, `"${name}" cannot name an output folder`, 'use letters, digits, "-", "_" and "."');
    if (names.has(name)) fail(`${at}.name`, `duplicate scenario name "${name}"`, 'give each scenario its own name');
    names.add(name);
    const scenario: ScenarioSpec = { name, volumeFactor: {}, closeOffices: [], openOffices: [], fleet: {}, places: {}, visits: [] };
    if (entry.description !== undefined) scenario.description = requireString(entry.description, `${at}.description`, fail);
    if (entry.volumeFactor !== undefined) {
      if (!isObject(entry.volumeFactor)) fail(`${at}.volumeFactor`, 'must be an object of place property → factor', 'e.g. { "mail": 1.5, "parcels": 2.5 }');
      for (const [prop, f] of Object.entries(entry.volumeFactor as Record<string, unknown>)) {
        scenario.volumeFactor[prop] = requireNumber(f, `${at}.volumeFactor.${prop}`, fail, { min: 0, max: 100 });
      }
    }
    for (const key of ['closeOffices', 'openOffices'] as const) {
      const list = entry[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.some((id) => typeof id !== 'string' || id === '')) fail(`${at}.${key}`, 'must be a list of place ids', 'e.g. ["altenplos"]');
      scenario[key] = [...(list as string[])];
    }
    if (entry.fleet !== undefined) {
      if (!isObject(entry.fleet)) fail(`${at}.fleet`, 'must be an object of vehicle type id → count', 'e.g. { "van": 3 }, { "van": { "harsdorf": 3 } } or { "truck": { "countPerDay": { "Sat": 1 } } }');
      for (const [type, count] of Object.entries(entry.fleet as Record<string, unknown>)) {
        scenario.fleet[type] = parseFleetChange(count, `${at}.fleet.${type}`, fail);
      }
    }
    if (entry.places !== undefined) {
      if (!isObject(entry.places)) fail(`${at}.places`, 'must be an object of place id → changes', 'e.g. { "theta": { "latest": "11:00" } }');
      for (const [id, change] of Object.entries(entry.places as Record<string, unknown>)) {
        const field = `${at}.places.${id}`;
        if (!isObject(change)) fail(field, 'must be an object', 'e.g. { "latest": "11:00" }');
        checkKeys(change as Record<string, unknown>, ['latest', 'visits_per_week', 'days'], field, fail);
        const { latest, visits_per_week: visits, days } = change as Record<string, unknown>;
        const parsed: ScenarioSpec['places'][string] = latest === undefined ? {} : { latest: latest === null ? null : clock(latest, `${field}.latest`, fail) };
        if (visits !== undefined) parsed.visitsPerWeek = requireNumber(visits, `${field}.visits_per_week`, fail, { integer: true, min: 1, max: 7 });
        if (days !== undefined) parsed.days = requireString(days, `${field}.days`, fail);
        scenario.places[id] = parsed;
      }
    }
    if (entry.visits !== undefined) {
      if (!Array.isArray(entry.visits)) fail(`${at}.visits`, 'must be a list of frequency rules', 'e.g. [{ "maxPopulation": 99, "visitsPerWeek": 3 }]');
      (entry.visits as unknown[]).forEach((rule, k) => {
        const field = `${at}.visits[${k}]`;
        if (!isObject(rule)) fail(field, 'must be an object', 'e.g. { "maxPopulation": 99, "visitsPerWeek": 3 }');
        checkKeys(rule as Record<string, unknown>, ['maxPopulation', 'visitsPerWeek', 'days'], field, fail);
        const r = rule as Record<string, unknown>;
        const parsed: ScenarioSpec['visits'][number] = { visitsPerWeek: requireNumber(r.visitsPerWeek, `${field}.visitsPerWeek`, fail, { integer: true, min: 1, max: 7 }) };
        if (r.maxPopulation !== undefined) parsed.maxPopulation = requireNumber(r.maxPopulation, `${field}.maxPopulation`, fail, { min: 0 });
        if (r.days !== undefined) parsed.days = requireString(r.days, `${field}.days`, fail);
        scenario.visits.push(parsed);
      });
    }
    return scenario;
  });
}
