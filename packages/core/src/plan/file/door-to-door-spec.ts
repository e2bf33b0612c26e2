/**
 * The `doorToDoor` part of plan.json: the built-up areas (inline GeoJSON polygons) and/or street
 * names or ids whose streets are served door to door, and the settings of that tier. Parsed into
 * a `DoorToDoorSpec` with located errors, like the rest of plan.json.
 */

/** Road classes served on both sides in two passes (one each way) when two-way: wide, busy roads
 *  a postman does not cross back and forth. Every other class is served in one pass. */
export const DOOR_TO_DOOR_BOTH_SIDES = ['primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link'] as const;
/** Road classes never served door to door: no letter boxes on motorways and trunk roads, farm
 *  tracks and service ways (driveways, car parks). They can still be driven. */
export const DOOR_TO_DOOR_EXCLUDED = ['motorway', 'motorway_link', 'trunk', 'trunk_link', 'track', 'service'] as const;

/** A named built-up area whose streets are served door to door. */
export interface DoorToDoorArea {
  name: string;
  /** Polygons, each a list of rings (the first the outline, the others holes) of [lon, lat]. */
  polygons: [number, number][][][];
}

/** One block of plan.json's `doorToDoor` (the object, or one entry of the list), checked and resolved. */
export interface DoorToDoorSpec {
  /** Where the block is in plan.json, for located errors: `doorToDoor`, or `doorToDoor[1]` in the list form. */
  at?: string;
  areas: DoorToDoorArea[];
  /** Road names (the `name` property) or ids (feature id, `osm_id`, "way/123") served in full. */
  streets: string[];
  /** Seconds of delivery work per km of street side served (written `serviceMinutesPerKm`). */
  serviceTimePerKm: number;
  /** Hub the tier starts from; default the fleet's depot (or the only hub). */
  depot?: string;
  /** The office the streets belong to (a hub, or a township office of a two-tier plan), written
   *  `office`: the same as `depot`, the word that reads naturally in the list form. One of the two. */
  office?: string;
  /** Most routes (vehicles) of the tier; default as many as needed. */
  vehicles?: number;
  /**
   * Whose vehicles serve the streets (written `fleet`): absent ("own", the default), vehicles of
   * their own, beside the office's fleet; "office", vans of the office's delivery fleet (two-tier
   * plans), which then are not on the delivery tier that day.
   */
  fleet?: 'office';
  /** With `fleet: "office"`: the delivery vehicle type whose vans go door to door; default the office's first. */
  vehicleType?: string;
  /** Longest route, seconds (written `maxShiftHours`); default none. */
  maxShift?: number;
  /** Days of a weekly plan the streets are served on (`["Mon", "Thu"]` or `"Mon,Thu"`); default every operating day. */
  days?: string[];
  bothSidesClasses: string[];
  excludedClasses: string[];
}

/** Defaults of plan.json's `doorToDoor` keys. */
export const DOOR_TO_DOOR_DEFAULTS = { serviceMinutesPerKm: 15 } as const;

/** Throws the located error of one field of plan.json (`doorToDoor.streets[2]`, …); never returns. */
export type SpecFail = (field: string, message: string, hint?: string) => never;

const KEYS = ['areas', 'streets', 'serviceMinutesPerKm', 'office', 'depot', 'vehicles', 'fleet', 'vehicleType', 'maxShiftHours', 'days', 'bothSidesClasses', 'excludedClasses'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses `doorToDoor`: one block (the streets of one office), or a list of blocks, each the
 * streets of its own office with its own days and vehicles (issue 19: "a door-to-door area
 * belongs to the office that serves it"). Each block is planned as its own arc-routing problem.
 */
export function parseDoorToDoorSpecs(raw: unknown, fail: SpecFail): DoorToDoorSpec[] {
  if (!Array.isArray(raw)) return [parseDoorToDoorSpec(raw, fail)];
  if (raw.length === 0) return fail('doorToDoor', 'is an empty list', 'give one block per office, e.g. [{ "office": "north", "streets": ["Main Street"] }], or drop "doorToDoor"');
  return raw.map((block, i) => parseDoorToDoorSpec(block, fail, `doorToDoor[${i}]`));
}

/** Parses one `doorToDoor` block found at `at`; `fail` raises the located InputError of plan.json. */
export function parseDoorToDoorSpec(raw: unknown, fail: SpecFail, at = 'doorToDoor'): DoorToDoorSpec {
  if (!isObject(raw)) return fail(at, 'must be an object', 'e.g. { "areas": { "type": "FeatureCollection", … }, "serviceMinutesPerKm": 15 }');
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) fail(`${at}.${key}`, `unknown setting "${key}"`, `allowed here: ${KEYS.join(', ')}`);
  // `zero`: 0 is allowed (at least 0), else the number must be above 0.
  const number = (key: string, zero: boolean, max = Infinity, integer = false): number | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v === 'number' && !Number.isFinite(v)) return fail(`${at}.${key}`, 'is too large to be a figure', 'give the figure itself');
    if (typeof v !== 'number' || (zero ? v < 0 : v <= 0) || v > max || (integer && !Number.isInteger(v))) {
      return fail(`${at}.${key}`, `must be a ${integer ? 'whole ' : ''}number ${zero ? 'of at least 0' : 'above 0'}${max < Infinity ? ` and at most ${max}` : ''}, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const strings = (key: string, fallback: readonly string[]): string[] => {
    const v = raw[key];
    if (v === undefined) return [...fallback];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.trim() !== '')) return fail(`${at}.${key}`, 'must be a list of non-empty strings');
    return v as string[];
  };
  const areas = raw.areas === undefined ? [] : parseAreas(raw.areas, `${at}.areas`, fail);
  const streets = strings('streets', []);
  if (areas.length === 0 && streets.length === 0) {
    fail(at, 'names no area and no street', 'give "areas" (GeoJSON polygons of the built-up areas) or "streets" (road names or ids)');
  }
  const minutes = raw.serviceMinutesPerKm === undefined ? DOOR_TO_DOOR_DEFAULTS.serviceMinutesPerKm : number('serviceMinutesPerKm', true, 600)!;
  const spec: DoorToDoorSpec = {
    at, areas, streets, serviceTimePerKm: minutes * 60,
    bothSidesClasses: strings('bothSidesClasses', DOOR_TO_DOOR_BOTH_SIDES),
    excludedClasses: strings('excludedClasses', DOOR_TO_DOOR_EXCLUDED),
  };
  if (raw.depot !== undefined && raw.office !== undefined) fail(`${at}.office`, 'is given beside "depot", which says the same', 'keep one of "office" and "depot"');
  for (const key of ['depot', 'office'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] !== 'string' || raw[key] === '') fail(`${at}.${key}`, 'must be a place id (string)');
    spec[key] = raw[key] as string;
  }
  const vehicles = number('vehicles', false, Infinity, true);
  if (vehicles !== undefined) spec.vehicles = vehicles;
  if (raw.fleet !== undefined && raw.fleet !== 'own' && raw.fleet !== 'office') {
    fail(`${at}.fleet`, `must be "office" or "own", got ${JSON.stringify(raw.fleet)}`, '"office": vans of the office\'s delivery fleet go door to door; "own" (the default): vehicles of its own');
  }
  if (raw.fleet === 'office') spec.fleet = 'office';
  if (raw.vehicleType !== undefined) {
    if (spec.fleet !== 'office') fail(`${at}.vehicleType`, 'names a type of the office\'s delivery fleet, and this block has vehicles of its own', 'add "fleet": "office", or drop "vehicleType"');
    if (typeof raw.vehicleType !== 'string' || raw.vehicleType === '') fail(`${at}.vehicleType`, 'must be a vehicle type id (string)', 'e.g. "van"');
    spec.vehicleType = raw.vehicleType as string;
  }
  const hours = number('maxShiftHours', false, 24);
  if (hours !== undefined) spec.maxShift = Math.round(hours * 3600);
  if (raw.days !== undefined) {
    // Checked against the plan's operating days by the preflight (plan/preflight.ts), which knows the week.
    const days = typeof raw.days === 'string' ? raw.days.split(/[,\s]+/).filter((d) => d !== '') : raw.days;
    if (!Array.isArray(days) || days.length === 0 || !days.every((d) => typeof d === 'string' && d.trim() !== '')) {
      fail(`${at}.days`, 'must be a list of days', 'e.g. ["Mon", "Thu"] or "Mon,Thu": days of the plan\'s week');
    }
    spec.days = (days as string[]).map((d) => d.trim());
  }
  return spec;
}

/** A FeatureCollection, Feature, Polygon or MultiPolygon, inline. */
function parseAreas(value: unknown, field: string, fail: SpecFail): DoorToDoorArea[] {
  const hint = 'give a GeoJSON FeatureCollection of Polygon or MultiPolygon features, inline';
  if (!isObject(value)) return fail(field, 'must be GeoJSON (an object)', hint);
  const areas: DoorToDoorArea[] = [];
  const ring = (r: unknown, where: string): [number, number][] => {
    if (!Array.isArray(r) || r.length < 4) return fail(where, 'a ring needs at least 4 positions (closed)', hint);
    return r.map((p, i) => {
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        return fail(`${where}[${i}]`, 'must be a [lon, lat] position', hint);
      }
      return [p[0], p[1]] as [number, number];
    });
  };
  const geometry = (g: unknown, where: string, name: string): void => {
    if (!isObject(g)) return fail(where, 'must be a Polygon or MultiPolygon geometry', hint);
    const coords = g.coordinates;
    if (g.type === 'Polygon' && Array.isArray(coords)) {
      areas.push({ name, polygons: [coords.map((r, i) => ring(r, `${where}.coordinates[${i}]`))] });
    } else if (g.type === 'MultiPolygon' && Array.isArray(coords)) {
      areas.push({ name, polygons: coords.map((p, j) => (Array.isArray(p) ? p : fail(`${where}.coordinates[${j}]`, 'must be a list of rings')).map((r: unknown, i: number) => ring(r, `${where}.coordinates[${j}][${i}]`))) });
    } else {
      fail(`${where}.type`, `must be "Polygon" or "MultiPolygon", got ${JSON.stringify(g.type)}`, hint);
    }
  };
  const feature = (f: unknown, where: string, index: number): void => {
    if (!isObject(f)) return fail(where, 'must be a Feature', hint);
    const props = isObject(f.properties) ? f.properties : {};
    const name = typeof props.name === 'string' ? props.name : typeof f.id === 'string' ? f.id : `area ${index + 1}`;
    geometry(f.geometry, `${where}.geometry`, name);
  };
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) return fail(`${field}.features`, 'must be a list', hint);
    value.features.forEach((f, i) => feature(f, `${field}.features[${i}]`, i));
  } else if (value.type === 'Feature') {
    feature(value, field, 0);
  } else {
    geometry(value, field, 'area 1');
  }
  return areas;
}
