/**
 * The `province.json` file: a list of counties, each an ordinary plan.json run as its own job.
 * This module only parses and validates it into a `ProvinceSpec`; it never reads the files it
 * names (paths stay relative to province.json; the caller resolves and reads them).
 *
 * A county either brings its own roads (the roads its plan.json names), or is cut from one
 * province-wide roads file by a polygon: `"boundary": "<name>"` picks the feature of that name
 * from the file `boundaries` names, and the county's roads are the ways of its plan's roads file
 * that have a vertex inside that polygon.
 *
 * Every mistake becomes one `InputError` with the dotted field path and the line in
 * province.json where the offending value starts.
 */
import { InputError } from '../errors.js';
import { locateJsonPath } from '../io/json-path.js';
import { parseJson } from '../io/geojson.js';

/** One county of the province. */
export interface CountySpec {
  /** Unique within the province; also the name of the county's folder under `--out`. */
  name: string;
  /** Folder name under `--out`: the name in lower case, letters, digits and dashes only. */
  slug: string;
  /** Path of the county's plan.json as written, relative to province.json. */
  plan: string;
  /** Name of the polygon in the boundaries file that cuts this county's roads, if any. */
  boundary?: string;
  /** Position in the `counties` list, for error messages. */
  index: number;
}

/** The validated content of province.json. */
export interface ProvinceSpec {
  name: string;
  counties: CountySpec[];
  /** GeoJSON file of county polygons (Polygon or MultiPolygon features with a name property). */
  boundaries?: string;
  /** Property of a boundary feature that holds its name; default "name". */
  boundaryNameProperty: string;
  /** Overrides every county plan's `seed` and `timeLimitS` when given. */
  seed?: number;
  timeLimit?: number;
}

const TOP_LEVEL_KEYS = ['name', 'counties', 'boundaries', 'boundaryNameProperty', 'seed', 'timeLimitS'] as const;
const COUNTY_KEYS = ['name', 'plan', 'boundary'] as const;

/** "Upper Valley (north)" → "upper-valley-north": a folder name that is the same on every OS. */
export function countySlug(name: string): string {
  return name.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Parses and validates the text of a province.json file.
 *
 * @example
 * const province = parseProvinceFile(readFileSync('province.json', 'utf8'), 'province.json');
 * for (const county of province.counties) resolve(dirname('province.json'), county.plan);
 */
export function parseProvinceFile(text: string, source = 'province.json'): ProvinceSpec {
  const raw = parseJson(text, source, 'the province as one JSON object with "counties"');
  const fail = (field: string, message: string, hint?: string): never => {
    throw provinceError(text, source, field, message, hint);
  };
  if (!isObject(raw)) return fail('', 'the province must be a JSON object', 'e.g. { "name": "…", "counties": [{ "name": "A", "plan": "a/plan.json" }] }');
  for (const key of Object.keys(raw)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) fail(key, `unknown setting "${key}"`, `allowed here: ${TOP_LEVEL_KEYS.join(', ')}`);
  }
  const name = raw.name === undefined ? 'province' : requireString(raw.name, 'name', fail);
  const boundaries = raw.boundaries === undefined ? undefined : requireString(raw.boundaries, 'boundaries', fail);
  const boundaryNameProperty = raw.boundaryNameProperty === undefined ? 'name' : requireString(raw.boundaryNameProperty, 'boundaryNameProperty', fail);
  if (!Array.isArray(raw.counties) || raw.counties.length === 0) {
    fail('counties', 'is missing or empty', 'list the counties: [{ "name": "A", "plan": "a/plan.json" }]');
  }
  const counties: CountySpec[] = [];
  const bySlug = new Map<string, CountySpec>();
  (raw.counties as unknown[]).forEach((entry, index) => {
    const at = `counties[${index}]`;
    if (!isObject(entry)) return fail(at, 'must be an object', 'e.g. { "name": "A", "plan": "a/plan.json" }');
    for (const key of Object.keys(entry)) {
      if (!(COUNTY_KEYS as readonly string[]).includes(key)) fail(`${at}.${key}`, `unknown setting "${key}"`, `allowed here: ${COUNTY_KEYS.join(', ')}`);
    }
    const countyName = requireString(entry.name, `${at}.name`, fail);
    const slug = countySlug(countyName);
    if (slug === '') fail(`${at}.name`, `"${countyName}" has no letter or digit to name its folder`, 'give the county a name with letters or digits');
    const same = bySlug.get(slug);
    if (same) {
      fail(`${at}.name`, same.name === countyName
        ? `two counties are named "${countyName}" (counties[${same.index}] and counties[${index}])`
        : `"${countyName}" and "${same.name}" (counties[${same.index}]) would share the folder "${slug}"`,
      'give each county its own name');
    }
    const county: CountySpec = { name: countyName, slug, plan: requireString(entry.plan, `${at}.plan`, fail), index };
    if (entry.boundary !== undefined) {
      county.boundary = requireString(entry.boundary, `${at}.boundary`, fail);
      if (boundaries === undefined) fail(`${at}.boundary`, 'names a boundary, but the province has no "boundaries" file', 'add "boundaries": "counties.geojson" at the top');
    }
    bySlug.set(slug, county);
    counties.push(county);
  });
  const spec: ProvinceSpec = { name, counties, boundaryNameProperty };
  if (boundaries !== undefined) spec.boundaries = boundaries;
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'number' || !Number.isInteger(raw.seed) || raw.seed < 0) fail('seed', `must be a whole number ≥ 0, got ${JSON.stringify(raw.seed)}`);
    spec.seed = raw.seed as number;
  }
  if (raw.timeLimitS !== undefined) {
    if (typeof raw.timeLimitS !== 'number' || !(raw.timeLimitS > 0)) fail('timeLimitS', `must be a positive number of seconds, got ${JSON.stringify(raw.timeLimitS)}`);
    spec.timeLimit = raw.timeLimitS as number;
  }
  return spec;
}

/** An `InputError` located at a field of province.json (with its line when the text is at hand). */
export function provinceError(text: string, source: string, field: string, message: string, hint?: string): InputError {
  const line = locateJsonPath(text, field);
  return new InputError(message, { source, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}) }, hint);
}

type Fail = (field: string, message: string, hint?: string) => never;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, value === undefined ? 'is missing' : 'must be a non-empty string');
  return value;
}
