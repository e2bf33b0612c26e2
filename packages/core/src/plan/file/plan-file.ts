/**
 * The `plan.json` file: which roads, places, fleet and baseline routes make up one planning job.
 * This module only parses and validates it into a `PlanSpec`; it never reads the files it names
 * (paths stay relative to the plan file, the caller resolves and reads them).
 *
 * It lives with the planner (plan/), which owns what a plan is; io/ only reads files.
 *
 * Every mistake becomes one `InputError` with the dotted field path and, when the text is at
 * hand, the line in plan.json where the offending value starts.
 */
import { InputError } from '../../errors.js';
import { csvDelimiterOption, type CsvDelimiter } from '../../io/csv.js';
import { parseJson } from '../../io/geojson.js';
import { locateJsonPath } from '../../io/json-path.js';
import { parseLoads, parseProfiles, parseScenarios, parseTiers } from './plan-tiers.js';
import type { LoadSpec, ProfileSpec, ScenarioSpec, TiersSpec } from './plan-tiers.js';
import { checkCountPerDay, checkKeys, clock, fileRef, isObject, parseCountPerDay, requireNumber, requireString, WEEKDAYS, weekdayName, type Fail, type NumberLimits } from './fields.js';
import { parseDoorToDoorSpecs, type DoorToDoorSpec } from './door-to-door-spec.js';

/** A file named by plan.json, with its format (taken from the extension unless given). */
export interface PlanFileRef {
  /** Path as written in plan.json, relative to the plan file. */
  path: string;
  format: 'geojson' | 'csv' | 'json';
}

/** The roads file: GeoJSON, "osm" — OpenStreetMap as downloaded (.osm.pbf, .osm, .osm.gz) — or
 *  "prn", a prepared network (`postroute prepare`). Readers tell them apart by content. */
export interface RoadsFileRef {
  path: string;
  format: 'geojson' | 'osm' | 'prn';
}

/** One vehicle type of the fleet, in the planner's units (mail items, hours, "HH:MM"). */
export interface FleetSpec {
  id: string;
  /** Vehicles of this type available per day. */
  count: number;
  /** Weekly plans: weekday ("Sat") → vehicles that day, where it differs from `count`. */
  countPerDay?: Record<string, number>;
  /** Mail volume one vehicle carries, in the same unit as the places' `mail`. */
  capacity: number;
  /** Place id of the hub the vehicles start from and return to; default: the only hub. */
  depot?: string;
  /** Departure from the hub, seconds after midnight (written "HH:MM"). */
  departure: number;
  /** Longest shift, in seconds (written as `maxShiftHours`). */
  maxShift?: number;
  /** Cost of using one vehicle for a day, in cost units; default 0. */
  fixedCost: number;
}

/** Optional station choice: open village stations so that every village is near one. */
export interface CoverageSpec {
  /** Road distance, metres (written `radiusKm`), within which a village counts as covered. */
  radius: number;
  /**
   * Only villages of at most this many inhabitants (`population`; none given counts as 0) get
   * their mail at a station; larger villages stay stops of the routes. Absent: every village.
   */
  maxPopulation?: number;
}

/** The validated content of plan.json. */
export interface PlanSpec {
  name: string;
  roads: RoadsFileRef;
  places: PlanFileRef;
  baseline?: PlanFileRef;
  /** The one-tier fleet at the hub; empty when `tiers` is given. */
  fleet: FleetSpec[];
  /** Two tiers: a trunk fleet at the hub serving the township offices, delivery fleets at the
   *  offices serving villages and stations. Absent for a one-tier plan. */
  tiers?: TiersSpec;
  /** Named load dimensions (two-tier plans); one-tier plans carry `mail` only. */
  loads?: LoadSpec[];
  /** Road profiles that vehicle types may name (two-tier plans). */
  profiles?: Record<string, ProfileSpec>;
  /** Named changes of the base case, each planned beside it. */
  scenarios?: ScenarioSpec[];
  /** Time spent at a stop, seconds, by role; a place's `service_min` property overrides it. */
  serviceTime: { outlet: number; station: number; village: number };
  coverage?: CoverageSpec;
  /** Days a year the routes run; turns km per day into km per year. */
  operatingDaysPerYear: number;
  /** Places further than this from any road (metres) are rejected. */
  snapDistance: number;
  /** Baseline LineStrings: a place within this distance (metres) of the line is a stop of it. */
  baselineMatchDistance: number;
  /** Default search time limit in seconds and seed; the CLI flags override them. */
  timeLimit: number;
  seed: number;
  /** Streets served door to door (arc routing from the office), when given: one block per office
   *  (plan.json's `doorToDoor` object is one block; its list form, one block per entry). */
  doorToDoor?: DoorToDoorSpec[];
  /** Weekly service (issue 11): the operating days and whether mail waits for the next visit. */
  week?: WeekSpec;
  /** Separator of the CSV files the plan names (places, baseline); default: detected per file. */
  csvDelimiter?: CsvDelimiter;
  /** Balanced workloads: even out route durations or stops (weight per hour² or per stop²). */
  balance?: { by: 'duration' | 'stops'; weight: number };
  /** Today's routes (baseline ids) the planner keeps exactly; the rest is planned around them. */
  keepRoutes?: string[];
  /** What the planner measures beyond the plan: `parts` plans the base case again without its
   *  second tier and without door to door from the offices, for what each part saves
   *  (plan/part-savings.ts). Off by default: each costs another search. */
  measure?: { parts: boolean };
}

export { WEEKDAYS } from './fields.js';

/** plan.json's `week`: the operating days of a weekly plan. */
export interface WeekSpec {
  /** The operating days, in week order (e.g. Mon … Sat); the horizon of the weekly plan. */
  days: string[];
  /** A visit carries the mail of every operating day since the previous visit (default true). */
  accumulate: boolean;
}

/** Default values, in plan.json units, of every optional setting. */
export const PLAN_DEFAULTS = {
  serviceMinutes: { outlet: 10, station: 5, village: 3 },
  operatingDaysPerYear: 306,
  snapDistanceM: 500,
  baselineMatchDistanceM: 150,
  timeLimitS: 10,
  seed: 1,
  departure: '08:00',
} as const;

const TOP_LEVEL_KEYS = [
  'name', 'roads', 'places', 'baseline', 'fleet', 'serviceMinutes', 'coverage', 'operatingDaysPerYear',
  'snapDistanceM', 'baselineMatchDistanceM', 'timeLimitS', 'seed', 'tiers', 'loads', 'profiles', 'scenarios', 'doorToDoor', 'week', 'csvDelimiter',
  'balance', 'keepRoutes', 'measure',
] as const;
const FLEET_KEYS = ['id', 'count', 'countPerDay', 'capacity', 'depot', 'departure', 'maxShiftHours', 'fixedCost'] as const;

/**
 * Parses and validates the text of a plan.json file.
 *
 * @example
 * const spec = parsePlanFile(readFileSync('plan.json', 'utf8'), 'plan.json');
 * const roadsPath = resolve(dirname('plan.json'), spec.roads.path);
 */
export function parsePlanFile(text: string, source = 'plan.json'): PlanSpec {
  const raw = parseJson(text, source, 'the plan as one JSON object, see docs/plan.md');
  const fail = (field: string, message: string, hint?: string): never => {
    const line = locateJsonPath(text, field);
    throw new InputError(message, { source, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}) }, hint);
  };
  if (!isObject(raw)) return fail('', 'the plan must be a JSON object', 'see docs/plan.md');
  checkKeys(raw, TOP_LEVEL_KEYS, '', fail);

  const name = raw.name === undefined ? 'plan' : requireString(raw.name, 'name', fail);
  const roads: RoadsFileRef = fileRef(raw.roads, 'roads', ['geojson', 'osm', 'prn'], fail);
  const places = fileRef(raw.places, 'places', ['geojson', 'csv'], fail);
  const baseline = raw.baseline === undefined ? undefined : fileRef(raw.baseline, 'baseline', ['csv', 'json', 'geojson'], fail);

  if (raw.tiers !== undefined && raw.fleet !== undefined) {
    fail('fleet', 'a two-tier plan gives its fleets under "tiers"', 'move the vehicles to tiers.trunk.fleet and tiers.delivery.fleet');
  }
  if (raw.tiers === undefined) {
    for (const key of ['loads', 'profiles'] as const) {
      if (raw[key] !== undefined) fail(key, `applies to two-tier plans (with "tiers") only`, 'one-tier plans carry "mail" in one dimension; add "tiers" or remove it');
    }
  }
  const loads = raw.loads === undefined ? [{ name: 'mail', delivery: ['mail'], pickup: [] }] : parseLoads(raw.loads, fail);
  const tiers = raw.tiers === undefined ? undefined : parseTiers(raw.tiers, loads, fail);
  if (!tiers && (!Array.isArray(raw.fleet) || raw.fleet.length === 0)) {
    if (isObject(raw.fleet)) fail('fleet', 'must be a list of vehicle types, not one object', 'wrap it in brackets: "fleet": [{ "id": "van", "count": 4, "capacity": 800 }]');
    fail('fleet', 'is missing or empty', 'list at least one vehicle type: [{ "id": "van", "count": 4, "capacity": 800 }]');
  }
  const fleet: FleetSpec[] = [];
  const fleetIds = new Set<string>();
  (tiers ? [] : (raw.fleet as unknown[])).forEach((entry, i) => {
    const at = `fleet[${i}]`;
    if (!isObject(entry)) return fail(at, 'must be an object', 'e.g. { "id": "van", "count": 4, "capacity": 800 }');
    checkKeys(entry, FLEET_KEYS, at, fail);
    const id = requireString(entry.id, `${at}.id`, fail);
    if (fleetIds.has(id)) fail(`${at}.id`, `duplicate vehicle type id "${id}"`, 'give each vehicle type its own id');
    fleetIds.add(id);
    const vehicle: FleetSpec = {
      id,
      count: entry.count === undefined ? 1 : requireNumber(entry.count, `${at}.count`, fail, { integer: true, min: 1 }),
      capacity: requireNumber(entry.capacity, `${at}.capacity`, fail, { min: 0, exclusiveMin: true }),
      departure: clock(entry.departure ?? PLAN_DEFAULTS.departure, `${at}.departure`, fail),
      fixedCost: entry.fixedCost === undefined ? 0 : requireNumber(entry.fixedCost, `${at}.fixedCost`, fail, { min: 0 }),
    };
    if (entry.depot !== undefined) vehicle.depot = requireString(entry.depot, `${at}.depot`, fail);
    if (entry.countPerDay !== undefined) vehicle.countPerDay = parseCountPerDay(entry.countPerDay, `${at}.countPerDay`, fail);
    if (entry.maxShiftHours !== undefined) {
      const hours = requireNumber(entry.maxShiftHours, `${at}.maxShiftHours`, fail, { min: 0, exclusiveMin: true, max: 24 });
      vehicle.maxShift = Math.round(hours * 3600);
    }
    fleet.push(vehicle);
  });

  const serviceTime: Record<'outlet' | 'station' | 'village', number> = { ...PLAN_DEFAULTS.serviceMinutes };
  if (raw.serviceMinutes !== undefined) {
    if (!isObject(raw.serviceMinutes)) fail('serviceMinutes', 'must be an object', 'e.g. { "outlet": 10, "station": 5, "village": 3 }');
    const minutes = raw.serviceMinutes as Record<string, unknown>;
    checkKeys(minutes, ['outlet', 'station', 'village'], 'serviceMinutes', fail);
    for (const role of ['outlet', 'station', 'village'] as const) {
      if (minutes[role] !== undefined) serviceTime[role] = requireNumber(minutes[role], `serviceMinutes.${role}`, fail, { min: 0 });
    }
  }

  let coverage: CoverageSpec | undefined;
  if (raw.coverage !== undefined) {
    if (!isObject(raw.coverage)) fail('coverage', 'must be an object', 'e.g. { "radiusKm": 2 }');
    const c = raw.coverage as Record<string, unknown>;
    checkKeys(c, ['radiusKm', 'maxPopulation'], 'coverage', fail);
    const km = requireNumber(c.radiusKm, 'coverage.radiusKm', fail, { min: 0, exclusiveMin: true, max: 100 });
    coverage = { radius: Math.round(km * 1000) };
    if (c.maxPopulation !== undefined) coverage.maxPopulation = requireNumber(c.maxPopulation, 'coverage.maxPopulation', fail, { integer: true, min: 0 });
  }

  const optionalNumber = (key: string, fallback: number, limits: NumberLimits): number =>
    raw[key] === undefined ? fallback : requireNumber(raw[key], key, fail, limits);

  const spec: PlanSpec = {
    name,
    roads,
    places,
    fleet,
    serviceTime: { outlet: serviceTime.outlet * 60, station: serviceTime.station * 60, village: serviceTime.village * 60 },
    operatingDaysPerYear: optionalNumber('operatingDaysPerYear', PLAN_DEFAULTS.operatingDaysPerYear, { integer: true, min: 1, max: 366 }),
    snapDistance: optionalNumber('snapDistanceM', PLAN_DEFAULTS.snapDistanceM, { min: 0, exclusiveMin: true }),
    baselineMatchDistance: optionalNumber('baselineMatchDistanceM', PLAN_DEFAULTS.baselineMatchDistanceM, { min: 0, exclusiveMin: true }),
    timeLimit: optionalNumber('timeLimitS', PLAN_DEFAULTS.timeLimitS, { min: 0, exclusiveMin: true }),
    seed: optionalNumber('seed', PLAN_DEFAULTS.seed, { integer: true, min: 0 }),
  };
  if (baseline) spec.baseline = baseline;
  if (coverage) spec.coverage = coverage;
  if (raw.balance !== undefined) {
    const b = raw.balance;
    if (!isObject(b)) fail('balance', 'balance must be an object { "by": "duration" or "stops", "weight": … }', 'e.g. "balance": { "by": "duration", "weight": 500 }');
    checkKeys(b as Record<string, unknown>, ['by', 'weight'] as const, 'balance', fail);
    const by = requireString((b as Record<string, unknown>).by, 'balance.by', fail);
    if (by !== 'duration' && by !== 'stops') fail('balance.by', `by must be "duration" or "stops", got ${JSON.stringify(by)}`);
    spec.balance = { by: by as 'duration' | 'stops', weight: requireNumber((b as Record<string, unknown>).weight, 'balance.weight', fail, { min: 0 }) };
  }
  if (raw.keepRoutes !== undefined) {
    if (!Array.isArray(raw.keepRoutes)) fail('keepRoutes', 'keepRoutes must be an array of route ids of today\'s routes', 'e.g. "keepRoutes": ["R2"]');
    if (baseline === undefined) fail('keepRoutes', 'keepRoutes needs today\'s routes', 'give "baseline", or leave keepRoutes out');
    spec.keepRoutes = (raw.keepRoutes as unknown[]).map((id, k) => requireString(id, `keepRoutes[${k}]`, fail));
  }
  if (raw.measure !== undefined) {
    const m = raw.measure;
    if (!isObject(m)) fail('measure', 'measure must be an object', 'e.g. "measure": { "parts": true }');
    checkKeys(m as Record<string, unknown>, ['parts'] as const, 'measure', fail);
    const parts = (m as Record<string, unknown>).parts;
    if (parts !== undefined && typeof parts !== 'boolean') fail('measure.parts', 'must be true or false', 'true plans the same stops without the second tier and door to door, for what each part saves');
    spec.measure = { parts: parts === true };
  }
  if (raw.csvDelimiter !== undefined) {
    const written = requireString(raw.csvDelimiter, 'csvDelimiter', fail);
    try {
      spec.csvDelimiter = csvDelimiterOption(written);
    } catch {
      fail('csvDelimiter', `${JSON.stringify(written)} is not a separator postroute reads`, 'give ",", ";" or "tab", or leave it out to detect it');
    }
  }
  if (tiers) {
    spec.tiers = tiers;
    spec.loads = loads;
    spec.profiles = raw.profiles === undefined ? {} : parseProfiles(raw.profiles, fail);
    const vehicles = [...tiers.trunk.fleet, ...tiers.delivery.fleet];
    vehicles.forEach((vehicle) => {
      if (vehicle.profile !== undefined && !(vehicle.profile in (spec.profiles ?? {}))) {
        const tier = tiers.trunk.fleet.includes(vehicle) ? 'trunk' : 'delivery';
        const index = (tier === 'trunk' ? tiers.trunk.fleet : tiers.delivery.fleet).indexOf(vehicle);
        fail(`tiers.${tier}.fleet[${index}].profile`, `unknown profile "${vehicle.profile}"`, `define it under "profiles"${Object.keys(spec.profiles ?? {}).length > 0 ? ` (known: ${Object.keys(spec.profiles ?? {}).join(', ')})` : ''}`);
      }
    });
  }
  if (raw.scenarios !== undefined) {
    spec.scenarios = parseScenarios(raw.scenarios, fail);
    const loadProps = new Set(loads.flatMap((load) => [...load.delivery, ...load.pickup]));
    const typeIds = new Set([...(tiers ? [...tiers.trunk.fleet, ...tiers.delivery.fleet] : fleet).map((vehicle) => vehicle.id)]);
    spec.scenarios.forEach((scenario, i) => {
      for (const prop of Object.keys(scenario.volumeFactor)) {
        if (!loadProps.has(prop)) fail(`scenarios[${i}].volumeFactor.${prop}`, `"${prop}" is not a load of this plan`, `loads come from: ${[...loadProps].join(', ')}`);
      }
      for (const type of Object.keys(scenario.fleet)) {
        if (!typeIds.has(type)) fail(`scenarios[${i}].fleet.${type}`, `no vehicle type "${type}"`, `types: ${[...typeIds].join(', ')}`);
      }
      if (!tiers && (scenario.closeOffices.length > 0 || scenario.openOffices.length > 0)) {
        fail(`scenarios[${i}].${scenario.closeOffices.length > 0 ? 'closeOffices' : 'openOffices'}`, 'offices are depots of two-tier plans only', 'add "tiers", or change the places file');
      }
    });
  }
  if (raw.doorToDoor !== undefined) spec.doorToDoor = parseDoorToDoorSpecs(raw.doorToDoor, fail);
  if (raw.week !== undefined) spec.week = weekSpec(raw.week, fail);
  // With "week" the operating days are known here (and the error gets its line); a week that
  // only the places file asks for is checked by the preflight with the same function.
  if (spec.week !== undefined) checkCountPerDay(spec, spec.week.days, fail);
  return spec;
}


/** The vehicles of a type on each operating day: `countPerDay` where it names the day, else `count`. */
export function countsPerDay(count: number, perDay: Readonly<Record<string, number>> | undefined, week: readonly string[]): number[] {
  return week.map((day) => perDay?.[day] ?? count);
}

/** `week: { "days": ["Mon", …, "Sat"], "accumulate": true }`; days default Mon–Sat. */
function weekSpec(value: unknown, fail: Fail): WeekSpec {
  if (!isObject(value)) return fail('week', 'must be an object', 'e.g. { "days": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], "accumulate": true }');
  checkKeys(value, ['days', 'accumulate'], 'week', fail);
  let days: string[] = WEEKDAYS.slice(0, 6);
  if (value.days !== undefined) {
    if (!Array.isArray(value.days) || value.days.length === 0) fail('week.days', 'must be a non-empty list of weekdays', `use ${WEEKDAYS.join(', ')}`);
    days = (value.days as unknown[]).map((day, k) => {
      const name = weekdayName(day);
      if (name === undefined) fail(`week.days[${k}]`, `"${String(day)}" is not a weekday`, `use ${WEEKDAYS.join(', ')}`);
      return name!;
    });
    const order = days.map((d) => WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number]));
    for (let k = 1; k < order.length; k++)
      if (order[k]! <= order[k - 1]!) fail(`week.days[${k}]`, 'days must be listed once each, in week order', 'e.g. ["Mon", "Wed", "Fri"]');
  }
  if (value.accumulate !== undefined && typeof value.accumulate !== 'boolean') fail('week.accumulate', 'must be true or false');
  return { days, accumulate: value.accumulate !== false };
}
