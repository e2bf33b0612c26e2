/**
 * Road profiles: which roads a vehicle may use, how fast, and in which direction. A profile is
 * plain data (it round-trips through JSON), so users can write their own for OSM or for any
 * other road dataset (e.g. a government layer with `road_class` and `speed_kmh` columns).
 */

import { InputError } from '../errors.js';

/** A rule that forbids roads whose property `field` has one of `values`. */
export interface RoadExclusion {
  field: string;
  values: string[];
}

/** Caps the speed of roads whose `field` has one of `values` (unpaved, bad tracks). */
export interface SpeedCap {
  field: string;
  values: string[];
  /** km/h */
  maxSpeed: number;
}

/** Which roads a vehicle may use, how fast, and in which direction (docs/network.md, "Road profiles"). */
export interface RoadProfile {
  /** Shown in statistics; optional in a profile file. */
  name: string;
  /** Property holding the road class; default "highway". */
  classField?: string;
  /** Speed in km/h for each drivable class. A class not listed here is not drivable. */
  speeds: Record<string, number>;
  /**
   * Property holding a numeric speed in km/h that overrides the class speed (for non-OSM data,
   * e.g. "speed_kmh"). Values that are not positive numbers are ignored and counted.
   */
  speedField?: string;
  /** OSM-style `maxspeed` property ("60", "60 mph", "DE:rural"); null to ignore. Default "maxspeed". */
  maxspeedField?: string | null;
  /** Speeds for symbolic maxspeed values, e.g. { "DE:rural": 100, "none": 130, "walk": 6 }. */
  maxspeedValues?: Record<string, number>;
  /** Travel speed = maxspeed × this factor (traffic, curves); default 1. */
  maxspeedFactor?: number;
  /** Never faster than this (km/h), whatever the tags say; default 130. */
  maxSpeed?: number;
  /** Property holding the one-way tag; default "oneway". Values: yes/true/1, -1/reverse, no/false/0. */
  onewayField?: string;
  /** Classes that are one-way unless tagged otherwise (OSM: motorway). */
  impliedOnewayClasses?: string[];
  /** Property/values that make a road one-way unless tagged otherwise (OSM: junction=roundabout). */
  impliedOneway?: RoadExclusion[];
  /** Roads that are never used, e.g. access=no. */
  exclude?: RoadExclusion[];
  /** Speed caps for bad surfaces. */
  speedCaps?: SpeedCap[];
}

/**
 * A rural car/van profile for OpenStreetMap roads. Speeds are typical travel speeds on rural
 * roads, not legal limits: a track or an unpaved road is slow.
 *
 * @example
 * buildNetwork(roads, { profile: { ...defaultProfile, speeds: { ...defaultProfile.speeds, track: 10 } } });
 */
export const defaultProfile: RoadProfile = {
  name: 'osm-rural-car',
  classField: 'highway',
  speeds: {
    motorway: 110,
    motorway_link: 60,
    trunk: 90,
    trunk_link: 50,
    primary: 80,
    primary_link: 45,
    secondary: 70,
    secondary_link: 40,
    tertiary: 60,
    tertiary_link: 35,
    unclassified: 45,
    road: 40,
    residential: 30,
    living_street: 10,
    service: 20,
    track: 15,
  },
  maxspeedField: 'maxspeed',
  maxspeedValues: {
    'DE:rural': 100,
    'DE:urban': 50,
    'DE:motorway': 120,
    'DE:living_street': 7,
    'FR:rural': 80,
    'FR:urban': 50,
    'AT:rural': 100,
    'AT:urban': 50,
    'CH:rural': 80,
    'CH:urban': 50,
    'ES:rural': 90,
    'ES:urban': 50,
    'AD:rural': 90,
    'AD:urban': 50,
    'RU:rural': 90,
    'RU:urban': 60,
    'CN:rural': 70,
    'CN:urban': 50,
    none: 130,
    walk: 6,
  },
  maxspeedFactor: 1,
  maxSpeed: 130,
  onewayField: 'oneway',
  impliedOnewayClasses: ['motorway'],
  impliedOneway: [{ field: 'junction', values: ['roundabout', 'circular'] }],
  exclude: [
    { field: 'access', values: ['no'] },
    { field: 'vehicle', values: ['no'] },
    { field: 'motor_vehicle', values: ['no', 'agricultural', 'forestry'] },
    { field: 'motorcar', values: ['no', 'agricultural', 'forestry'] },
    { field: 'area', values: ['yes'] },
  ],
  speedCaps: [
    { field: 'surface', values: ['unpaved', 'gravel', 'fine_gravel', 'dirt', 'earth', 'ground', 'grass', 'mud', 'sand', 'compacted'], maxSpeed: 30 },
    { field: 'tracktype', values: ['grade3', 'grade4', 'grade5'], maxSpeed: 10 },
  ],
};

/** How one road feature is used: not at all (with a reason), or at a speed in some direction(s). */
export type RoadRule =
  | { drivable: false; reason: string }
  | {
      drivable: true;
      roadClass: string;
      /** km/h */
      speed: number;
      /** 0 both ways, 1 only in digitised direction, -1 only against it. */
      direction: 0 | 1 | -1;
      /** Set when a maxspeed/speed value was present but could not be used. */
      ignoredSpeed?: string;
      /** Set when a one-way value was not understood (treated as two-way). */
      ignoredOneway?: string;
    };

const MPH = 1.609344;
const KNOTS = 1.852;

/**
 * Parses an OSM `maxspeed` value to km/h: "60", "60 km/h", "60 mph", "DE:rural" (via the table).
 * Returns undefined for values it cannot use ("signals", "90;30;90", "variable").
 *
 * @example
 * parseMaxspeed('50 mph'); // 80.4672
 * parseMaxspeed('DE:rural', { 'DE:rural': 100 }); // 100
 */
export function parseMaxspeed(value: unknown, table: Record<string, number> = {}): number | undefined {
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (Object.hasOwn(table, text)) return table[text];
  const match = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/i.exec(text);
  if (!match) return undefined;
  const number = Number(match[1]);
  if (!(number > 0)) return undefined;
  const unit = match[2]?.toLowerCase();
  return unit === 'mph' ? number * MPH : unit === 'knots' ? number * KNOTS : number;
}

/**
 * Reads a one-way tag: 1 forward, -1 reverse, 0 two-way, undefined when absent, null when not
 * understood ("reversible", "alternating": treated as two-way and counted).
 *
 * @example
 * parseOneway('yes'); // 1
 * parseOneway('-1');  // -1
 */
export function parseOneway(value: unknown): 1 | -1 | 0 | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 1) return 1;
  if (value === false || value === 0) return 0;
  if (value === -1) return -1;
  const text = String(value).trim().toLowerCase();
  if (text === 'yes' || text === 'true' || text === '1') return 1;
  if (text === '-1' || text === 'reverse') return -1;
  if (text === 'no' || text === 'false' || text === '0') return 0;
  return null;
}

function propertyText(properties: Record<string, unknown>, field: string): string | undefined {
  const value = properties[field];
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * Applies a profile to one road's properties.
 *
 * @example
 * resolveRoad({ highway: 'track', oneway: null }, defaultProfile); // { drivable: true, roadClass: 'track', speed: 15, direction: 0 }
 */
export function resolveRoad(properties: Record<string, unknown> | null | undefined, profile: RoadProfile): RoadRule {
  const props = properties ?? {};
  const classField = profile.classField ?? 'highway';
  const roadClass = propertyText(props, classField);
  if (roadClass === undefined) return { drivable: false, reason: `no ${classField}` };
  const classSpeed = profile.speeds[roadClass];
  if (classSpeed === undefined || !(classSpeed > 0)) return { drivable: false, reason: `${classField}=${roadClass} not drivable` };
  for (const rule of profile.exclude ?? []) {
    const value = propertyText(props, rule.field);
    if (value !== undefined && rule.values.includes(value)) return { drivable: false, reason: `${rule.field}=${value}` };
  }

  let speed = classSpeed;
  let ignoredSpeed: string | undefined;
  if (profile.speedField) {
    const raw = props[profile.speedField];
    if (raw !== undefined && raw !== null && raw !== '') {
      const parsed = typeof raw === 'number' ? raw : Number(raw);
      if (Number.isFinite(parsed) && parsed > 0) speed = parsed;
      else ignoredSpeed = `${profile.speedField}=${String(raw)}`;
    }
  }
  const maxspeedField = profile.maxspeedField === undefined ? 'maxspeed' : profile.maxspeedField;
  if (maxspeedField !== null && ignoredSpeed === undefined) {
    const raw = props[maxspeedField];
    if (raw !== undefined && raw !== null && raw !== '') {
      const parsed = parseMaxspeed(raw, profile.maxspeedValues);
      if (parsed !== undefined) speed = parsed * (profile.maxspeedFactor ?? 1);
      else ignoredSpeed = `${maxspeedField}=${String(raw)}`;
    }
  }
  for (const cap of profile.speedCaps ?? []) {
    const value = propertyText(props, cap.field);
    if (value !== undefined && cap.values.includes(value)) speed = Math.min(speed, cap.maxSpeed);
  }
  speed = Math.min(speed, profile.maxSpeed ?? 130);

  const onewayField = profile.onewayField ?? 'oneway';
  let direction = parseOneway(props[onewayField]);
  let ignoredOneway: string | undefined;
  if (direction === null) {
    ignoredOneway = `${onewayField}=${String(props[onewayField])}`;
    direction = 0;
  }
  if (direction === undefined) {
    const implied =
      (profile.impliedOnewayClasses ?? []).includes(roadClass) ||
      (profile.impliedOneway ?? []).some((rule) => {
        const value = propertyText(props, rule.field);
        return value !== undefined && rule.values.includes(value);
      });
    direction = implied ? 1 : 0;
  }
  const rule: RoadRule = { drivable: true, roadClass, speed, direction };
  if (ignoredSpeed !== undefined) rule.ignoredSpeed = ignoredSpeed;
  if (ignoredOneway !== undefined) rule.ignoredOneway = ignoredOneway;
  return rule;
}

/** Every key a profile file may hold (`extends` only in files: it is resolved away). */
const PROFILE_KEYS = [
  'extends', 'name', 'classField', 'speeds', 'speedField', 'maxspeedField', 'maxspeedValues', 'maxspeedFactor', 'maxSpeed',
  'onewayField', 'impliedOnewayClasses', 'impliedOneway', 'exclude', 'speedCaps',
] as const;

/**
 * Checks a profile read from JSON and resolves it: a profile starts from `defaultProfile` and
 * each key it names replaces the default's value for that key (a whole `speeds` table, a whole
 * `exclude` list); `"extends": null` starts from nothing instead (then `speeds` is required).
 * So a profile that only changes the speeds still treats untagged roundabouts as one-way.
 * Unknown keys and an empty `speeds` are errors; `name` is optional. Throws one `InputError`
 * listing every problem.
 *
 * @example
 * const profile = validateProfile({ speeds: { primary: 70, track: 10 } }, 'profile.json');
 * profile.impliedOneway; // the default's: junction=roundabout|circular
 */
export function validateProfile(value: unknown, source = 'profile'): RoadProfile {
  const problems: string[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('the road profile must be a JSON object', { source }, 'see "Road profiles" in docs/network.md');
  const profile = value as Record<string, unknown>;
  for (const key of Object.keys(profile)) {
    if (!(PROFILE_KEYS as readonly string[]).includes(key)) problems.push(`unknown key "${key}" (allowed: ${PROFILE_KEYS.join(', ')})`);
  }
  const base = profile.extends === undefined || profile.extends === 'default' ? defaultProfile : profile.extends === null ? undefined : null;
  if (base === null) problems.push('"extends" must be "default" or null');
  if (profile.name !== undefined && typeof profile.name !== 'string') problems.push('"name" must be a string');
  if (profile.speeds === undefined) {
    if (base === undefined) problems.push('"speeds" is required with "extends": null (class → km/h)');
  } else if (profile.speeds === null || typeof profile.speeds !== 'object' || Array.isArray(profile.speeds)) {
    problems.push('"speeds" must be an object of class → km/h');
  } else {
    const entries = Object.entries(profile.speeds);
    if (entries.length === 0) problems.push('"speeds" is empty: no road would be drivable');
    for (const [key, speed] of entries) if (typeof speed !== 'number' || !(speed > 0)) problems.push(`speeds.${key} must be a positive number (km/h)`);
  }
  if (profile.maxspeedValues !== undefined) {
    const table = profile.maxspeedValues;
    if (table === null || typeof table !== 'object' || Array.isArray(table)) problems.push('"maxspeedValues" must be an object of value → km/h');
    else for (const [key, speed] of Object.entries(table)) if (typeof speed !== 'number' || !(speed > 0)) problems.push(`maxspeedValues.${key} must be a positive number (km/h)`);
  }
  for (const key of ['classField', 'speedField', 'onewayField'] as const) if (profile[key] !== undefined && typeof profile[key] !== 'string') problems.push(`"${key}" must be a string`);
  if (profile.maxspeedField !== undefined && profile.maxspeedField !== null && typeof profile.maxspeedField !== 'string') problems.push('"maxspeedField" must be a string or null');
  for (const key of ['maxSpeed', 'maxspeedFactor'] as const) if (profile[key] !== undefined && !(typeof profile[key] === 'number' && (profile[key] as number) > 0)) problems.push(`"${key}" must be a positive number`);
  const classes = profile.impliedOnewayClasses;
  if (classes !== undefined && !(Array.isArray(classes) && classes.every((c) => typeof c === 'string'))) problems.push('"impliedOnewayClasses" must be an array of class names');
  for (const key of ['exclude', 'impliedOneway', 'speedCaps'] as const) {
    const list = profile[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) { problems.push(`"${key}" must be an array`); continue; }
    list.forEach((rule: unknown, i) => {
      const r = rule as Record<string, unknown> | null;
      if (!r || typeof r.field !== 'string' || !Array.isArray(r.values) || !r.values.every((v) => typeof v === 'string')) problems.push(`${key}[${i}] must be { "field": string, "values": [string, ...] }`);
      if (key === 'speedCaps' && !(typeof r?.maxSpeed === 'number' && r.maxSpeed > 0)) problems.push(`${key}[${i}].maxSpeed must be a positive number`);
    });
  }
  if (problems.length > 0) throw new InputError(`invalid road profile: ${problems.join('; ')}`, { source }, 'see "Road profiles" in docs/network.md');
  const { extends: _extends, ...own } = profile;
  const name = typeof own.name === 'string' ? own.name : base ? `${base.name} (customised)` : 'custom';
  return { ...(base ?? {}), ...own, name } as RoadProfile;
}
