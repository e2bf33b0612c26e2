/**
 * Field checks shared by the plan.json readers: each failure goes through `fail(field, message,
 * hint)`, which throws one located InputError (the dotted field path, and its line in plan.json).
 */
import type { PlanFileRef, PlanSpec } from './plan-file.js';

export type Fail = (field: string, message: string, hint?: string) => never;

/** Weekdays in order, as plan.json, places and baselines write them. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "Sat", "sat" or "Saturday" → "Sat"; undefined when it names no weekday. */
export function weekdayName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length < 3) return undefined;
  return WEEKDAYS.find((w) => w.toLowerCase() === text.slice(0, 3).toLowerCase());
}

/**
 * A vehicle type's `countPerDay` (weekly plans): weekday → vehicles (per depot) that day, e.g.
 * `{ "Sat": 1 }`; the days it does not name keep `count`. Whether each day is an operating day of
 * the plan's week is checked once the week is known (preflight: a week may come from the places).
 */
export function parseCountPerDay(raw: unknown, at: string, fail: Fail): Record<string, number> {
  if (!isObject(raw) || Object.keys(raw).length === 0) {
    return fail(at, `must be an object of weekday → vehicles that day, got ${JSON.stringify(raw)}`, 'e.g. "countPerDay": { "Sat": 1 } (the days it does not name keep "count")');
  }
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(raw)) {
    const field = `${at}.${key}`;
    const day = weekdayName(key);
    if (day === undefined) fail(field, `"${key}" is not a weekday`, `name the days as the week does: ${WEEKDAYS.join(', ')}`);
    if (out[day!] !== undefined) fail(field, `${day} is given twice`, 'give each day once');
    if (typeof n !== 'number' || !Number.isFinite(n)) fail(field, `must be a number of vehicles, got ${JSON.stringify(n)}`, `e.g. "${day}": 1 (0: none that day)`);
    if (!Number.isInteger(n) || (n as number) < 0) {
      fail(field, `must be a whole number of vehicles, 0 or more, got ${n as number}`, `vehicles come whole: e.g. "${day}": ${Math.max(0, Math.floor(n as number))} (0: none that day)`);
    }
    out[day!] = n as number;
  }
  return out;
}

export interface NumberLimits {
  integer?: boolean;
  min?: number;
  exclusiveMin?: boolean;
  max?: number;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkKeys(object: Record<string, unknown>, allowed: readonly string[], at: string, fail: Fail): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const field = at ? `${at}.${key}` : key;
      fail(field, `unknown setting "${key}"`, `allowed here: ${allowed.join(', ')}`);
    }
  }
}

export function requireString(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, value === undefined ? 'is missing' : 'must be a non-empty string');
  return value;
}

export function requireNumber(value: unknown, field: string, fail: Fail, limits: NumberLimits = {}): number {
  if (value === undefined) return fail(field, 'is missing', 'give a number');
  // JSON.parse reads 1e999 as Infinity, which JSON.stringify would show as "null".
  if (typeof value === 'number' && !Number.isFinite(value)) return fail(field, 'is too large to be a figure', 'give the figure itself');
  if (typeof value !== 'number') return fail(field, `must be a number, got ${JSON.stringify(value)}`);
  if (limits.integer && !Number.isInteger(value)) fail(field, `must be a whole number, got ${value}`);
  if (limits.min !== undefined && (value < limits.min || (limits.exclusiveMin && value === limits.min))) {
    fail(field, `must be ${limits.exclusiveMin ? 'greater than' : 'at least'} ${limits.min}, got ${value}`);
  }
  if (limits.max !== undefined && value > limits.max) fail(field, `must be at most ${limits.max}, got ${value}`);
  return value;
}

/** "07:30" → 27000 seconds after midnight. */
export function clock(value: unknown, field: string, fail: Fail): number {
  const match = typeof value === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(value) : null;
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) return fail(field, `must be a time of day "HH:MM", got ${JSON.stringify(value)}`);
  return hours * 3600 + minutes * 60;
}

export function fileRef<F extends string>(value: unknown, field: string, formats: F[], fail: Fail): { path: string; format: F } {
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
  // OSM downloads: .osm, .osm.pbf, .pbf, .osm.gz (the reader tells PBF from XML by content).
  const osm = (formats as string[]).includes('osm') && /\.(osm|pbf|osm\.gz)$/i.test(path);
  format ??= osm ? 'osm' : extension === 'json' && (formats as string[]).includes('geojson') && !(formats as string[]).includes('json') ? 'geojson' : extension;
  if (!format || !(formats as string[]).includes(format)) {
    fail(typeof value === 'string' ? field : `${field}.format`, `cannot tell the format of "${path}"`,
      `use one of: ${formats.join(', ')} (file extension or "format")`);
  }
  return { path, format: format as F };
}

/**
 * Every `countPerDay` (of the fleets and of the scenarios' fleet changes) names operating days of
 * the plan's week, and a daily plan (week null) has none: a fleet per day needs days.
 */
export function checkCountPerDay(spec: PlanSpec, week: readonly string[] | null, fail: Fail): void {
  const entries: [string, Record<string, number> | undefined][] = spec.tiers
    ? [
      ...spec.tiers.trunk.fleet.map((v, i): [string, Record<string, number> | undefined] => [`tiers.trunk.fleet[${i}].countPerDay`, v.countPerDay]),
      ...spec.tiers.delivery.fleet.map((v, i): [string, Record<string, number> | undefined] => [`tiers.delivery.fleet[${i}].countPerDay`, v.countPerDay]),
    ]
    : spec.fleet.map((v, i): [string, Record<string, number> | undefined] => [`fleet[${i}].countPerDay`, v.countPerDay]);
  // A scenario's fleet of some days (a short fleet on Double-11) names operating days the same way.
  (spec.scenarios ?? []).forEach((scenario, i) => {
    for (const [type, change] of Object.entries(scenario.fleet)) entries.push([`scenarios[${i}].fleet.${type}.countPerDay`, change.countPerDay]);
  });
  for (const [at, perDay] of entries) {
    if (perDay === undefined) continue;
    if (week === null) {
      fail(at, 'a fleet per day belongs to a weekly plan, and this plan is daily (the same vehicles every day)',
        'add "week" to plan.json (e.g. { "days": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] }), or drop "countPerDay" and give one "count"');
    }
    for (const day of Object.keys(perDay)) {
      if (!week!.includes(day)) fail(`${at}.${day}`, `${day} is not an operating day of the plan`, `operating days: ${week!.join(', ')} (plan.json "week"); remove ${day}, or add it to week.days`);
    }
  }
}
