/**
 * The `plan.json` file: which roads, places, fleet and baseline routes make up one planning job.
 * This module only parses and validates it into a `PlanSpec`; it never reads the files it names
 * (paths stay relative to the plan file, the caller resolves and reads them).
 *
 * Every mistake becomes one `InputError` with the dotted field path and, when the text is at
 * hand, the line in plan.json where the offending value starts.
 */
import { InputError } from '../errors.js';

/** A file named by plan.json, with its format (taken from the extension unless given). */
export interface PlanFileRef {
  /** Path as written in plan.json, relative to the plan file. */
  path: string;
  format: 'geojson' | 'csv' | 'json';
}

/** One vehicle type of the fleet, in the planner's units (mail items, hours, "HH:MM"). */
export interface FleetSpec {
  id: string;
  /** Vehicles of this type available per day. */
  count: number;
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
}

/** The validated content of plan.json. */
export interface PlanSpec {
  name: string;
  roads: PlanFileRef;
  places: PlanFileRef;
  baseline?: PlanFileRef;
  fleet: FleetSpec[];
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
  'snapDistanceM', 'baselineMatchDistanceM', 'timeLimitS', 'seed',
] as const;
const FLEET_KEYS = ['id', 'count', 'capacity', 'depot', 'departure', 'maxShiftHours', 'fixedCost'] as const;

/**
 * Parses and validates the text of a plan.json file.
 *
 * @example
 * const spec = parsePlanFile(readFileSync('plan.json', 'utf8'), 'plan.json');
 * const roadsPath = resolve(dirname('plan.json'), spec.roads.path);
 */
export function parsePlanFile(text: string, source = 'plan.json'): PlanSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : undefined;
    throw new InputError(`not valid JSON (${message})`, { source, ...(line !== undefined ? { line } : {}) },
      'check for a missing comma, quote or bracket near that line');
  }
  const fail = (field: string, message: string, hint?: string): never => {
    const line = locateJsonPath(text, field);
    throw new InputError(message, { source, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}) }, hint);
  };
  if (!isObject(raw)) return fail('', 'the plan must be a JSON object', 'see the plan.json example in the README');
  checkKeys(raw, TOP_LEVEL_KEYS, '', fail);

  const name = raw.name === undefined ? 'plan' : requireString(raw.name, 'name', fail);
  const roads = fileRef(raw.roads, 'roads', ['geojson'], fail);
  const places = fileRef(raw.places, 'places', ['geojson', 'csv'], fail);
  const baseline = raw.baseline === undefined ? undefined : fileRef(raw.baseline, 'baseline', ['csv', 'json', 'geojson'], fail);

  if (!Array.isArray(raw.fleet) || raw.fleet.length === 0) {
    fail('fleet', 'is missing or empty', 'list at least one vehicle type: [{ "id": "van", "count": 4, "capacity": 800 }]');
  }
  const fleet: FleetSpec[] = [];
  const fleetIds = new Set<string>();
  (raw.fleet as unknown[]).forEach((entry, i) => {
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
    checkKeys(c, ['radiusKm'], 'coverage', fail);
    const km = requireNumber(c.radiusKm, 'coverage.radiusKm', fail, { min: 0, exclusiveMin: true, max: 100 });
    coverage = { radius: Math.round(km * 1000) };
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
  return spec;
}

type Fail = (field: string, message: string, hint?: string) => never;

interface NumberLimits {
  integer?: boolean;
  min?: number;
  exclusiveMin?: boolean;
  max?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(object: Record<string, unknown>, allowed: readonly string[], at: string, fail: Fail): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const field = at ? `${at}.${key}` : key;
      fail(field, `unknown setting "${key}"`, `allowed here: ${allowed.join(', ')}`);
    }
  }
}

function requireString(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, value === undefined ? 'is missing' : 'must be a non-empty string');
  return value;
}

function requireNumber(value: unknown, field: string, fail: Fail, limits: NumberLimits = {}): number {
  if (value === undefined) return fail(field, 'is missing', 'give a number');
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(field, `must be a number, got ${JSON.stringify(value)}`);
  if (limits.integer && !Number.isInteger(value)) fail(field, `must be a whole number, got ${value}`);
  if (limits.min !== undefined && (value < limits.min || (limits.exclusiveMin && value === limits.min))) {
    fail(field, `must be ${limits.exclusiveMin ? 'greater than' : 'at least'} ${limits.min}, got ${value}`);
  }
  if (limits.max !== undefined && value > limits.max) fail(field, `must be at most ${limits.max}, got ${value}`);
  return value;
}

/** "07:30" → 27000 seconds after midnight. */
function clock(value: unknown, field: string, fail: Fail): number {
  const match = typeof value === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(value) : null;
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) return fail(field, `must be a time of day "HH:MM", got ${JSON.stringify(value)}`);
  return hours * 3600 + minutes * 60;
}

function fileRef(value: unknown, field: string, formats: PlanFileRef['format'][], fail: Fail): PlanFileRef {
  let path: string;
  let format: string | undefined;
  if (typeof value === 'string') {
    path = requireString(value, field, fail);
  } else if (isObject(value)) {
    checkKeys(value, ['path', 'format'], field, fail);
    path = requireString(value.path, `${field}.path`, fail);
    if (value.format !== undefined) format = requireString(value.format, `${field}.format`, fail);
  } else {
    return fail(field, value === undefined ? 'is missing' : 'must be a path or { "path": …, "format": … }',
      `give a file path relative to plan.json, e.g. "${field}.${formats[0]}"`);
  }
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  format ??= extension === 'json' && formats.includes('geojson') && !formats.includes('json') ? 'geojson' : extension;
  if (!format || !(formats as string[]).includes(format)) {
    fail(typeof value === 'string' ? field : `${field}.format`, `cannot tell the format of "${path}"`,
      `use one of: ${formats.join(', ')} (file extension or "format")`);
  }
  return { path, format: format as PlanFileRef['format'] };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The one-based line where the value at a dotted path ("fleet[1].capacity") starts in a JSON text,
 * or, when that value is absent, where its nearest present parent starts. Undefined for invalid JSON.
 */
export function locateJsonPath(text: string, path: string): number | undefined {
  const wanted = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((part) => part !== '');
  const lines = new Map<string, number>();
  let pos = 0;
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const readString = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (key: string): void => {
    skipSpace();
    lines.set(key, lineAt(text, pos));
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      skipSpace();
      while (pos < text.length && text[pos] !== '}') {
        skipSpace();
        const name = readString();
        skipSpace();
        pos++; // ':'
        value(key === '' ? name : `${key}.${name}`);
        skipSpace();
        if (text[pos] === ',') pos++;
        skipSpace();
      }
      pos++;
    } else if (ch === '[') {
      pos++;
      let index = 0;
      skipSpace();
      while (pos < text.length && text[pos] !== ']') {
        value(key === '' ? String(index) : `${key}.${index}`);
        index++;
        skipSpace();
        if (text[pos] === ',') pos++;
        skipSpace();
      }
      pos++;
    } else if (ch === '"') {
      readString();
    } else {
      while (pos < text.length && !/[\s,\]}]/.test(text[pos] as string)) pos++;
    }
  };
  try {
    JSON.parse(text);
    value('');
  } catch {
    return undefined;
  }
  for (let n = wanted.length; n >= 0; n--) {
    const line = lines.get(wanted.slice(0, n).join('.'));
    if (line !== undefined) return line;
  }
  return undefined;
}
