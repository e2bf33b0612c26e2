/**
 * A province's counties made ready to run: province.json and each county's plan.json read once,
 * every file a plan names read into its job (roads as text or base64 bytes), boundaries cut, and
 * each job's key computed. Files are read through the caller's `ProvinceReader`.
 */
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readGeoJson } from '../io/geojson.js';
import { parsePlanFile } from '../plan/file/plan-file.js';
import { isPreparedBytes } from '../prepared/format.js';
import { isPreparedRoads } from '../prepared/prepare.js';
import { cutRoads, findBoundary } from './cut.js';
import { readJobRoads, type CountyJob, type JobFile } from './job.js';
import { countyJobKey } from './key.js';
import { parseProvinceFile, provinceError, type CountySpec, type ProvinceSpec } from './province-file.js';

/** How a province's files are read: the CLI's readers, with its messages for a missing file. */
export interface ProvinceReader {
  /** The text of a file; `notFound` makes the error for a file that is not there. */
  text(path: string, notFound: () => InputError): string;
  /** A roads file as a job carries it: plain GeoJSON as text, anything else as base64 bytes; `planSource` names the plan in the error for a missing file. */
  roads(path: string, planSource: string): JobFile;
  /** A path as messages and jobs show it (e.g. relative to the working folder). */
  show(path: string): string;
}

/** One county ready to run: where it came from, its job (texts and key), and whether its data is OpenStreetMap's (for the attribution). */
export interface PreparedCounty {
  county: CountySpec;
  job: CountyJob;
  osm: boolean;
}

/**
 * Reads province.json and every file its counties need (through `reader`: core reads no files),
 * cuts a county's roads by its boundary, and computes each county's job key. Any missing file,
 * bad plan.json or bad boundary is an `InputError` here, before any county runs.
 *
 * @example
 * const { spec, counties } = await prepareProvince('province.json', {}, reader);
 * await runOnPool(counties.map((c) => c.job), pool, { onOutcome });
 */
export async function prepareProvince(provincePath: string, overrides: { seed?: number; timeLimit?: number }, reader: ProvinceReader): Promise<{ spec: ProvinceSpec; counties: PreparedCounty[] }> {
  const { show } = reader;
  const provinceText = reader.text(provincePath, () => new InputError(`province file not found: ${provincePath}`, {}, 'give the path of a province.json'));
  const source = show(provincePath);
  const spec = parseProvinceFile(provinceText, source);
  const base = dirname(provincePath);
  let boundaries: ReturnType<typeof readGeoJson> | undefined;
  if (spec.boundaries !== undefined) {
    const path = resolve(base, spec.boundaries);
    const text = reader.text(path, () => provinceError(provinceText, source, 'boundaries', `boundaries file not found: ${show(path)}`, 'paths in province.json are relative to it'));
    boundaries = readGeoJson(text, show(path));
  }
  const seed = overrides.seed ?? spec.seed;
  const timeLimit = overrides.timeLimit ?? spec.timeLimit;
  const counties: PreparedCounty[] = [];
  for (const county of spec.counties) {
    const planPath = resolve(base, county.plan);
    const planText = reader.text(planPath, () => provinceError(provinceText, source, `counties[${county.index}].plan`,
      `plan file of county "${county.name}" not found: ${show(planPath)}`, 'paths in province.json are relative to it'));
    const planSource = show(planPath);
    const plan = parsePlanFile(planText, planSource);
    const planDir = dirname(planPath);
    const named = (what: 'roads' | 'places' | 'baseline', ref: { path: string }): JobFile => {
      const path = resolve(planDir, ref.path);
      const text = reader.text(path, () => new InputError(`${what} file not found: ${show(path)}`, { source: planSource, field: what }, 'paths in plan.json are relative to the plan file'));
      return { path: show(path), text };
    };
    // Roads as plan reads them: GeoJSON as text, OSM downloads (.osm.pbf, .osm.gz …) as their bytes.
    let roads = reader.roads(resolve(planDir, plan.roads.path), planSource);
    if (county.boundary !== undefined && boundaries) {
      const polygon = findBoundary(boundaries, county.boundary, { source: show(resolve(base, spec.boundaries as string)), nameProperty: spec.boundaryNameProperty });
      const whole = await readJobRoads(roads);
      if (isPreparedRoads(whole)) {
        throw provinceError(provinceText, source, `counties[${county.index}].boundary`, `${roads.path} is a prepared network; a county cut by a boundary is cut from raw roads`,
          'name the raw roads file in the plan, or prepare each county\'s roads and drop "boundary"');
      }
      const cut = cutRoads(whole, polygon);
      if (cut.features.length === 0) {
        throw provinceError(provinceText, source, `counties[${county.index}].boundary`, `no road of ${roads.path} lies inside the boundary "${county.boundary}"`, 'check that the boundary and the roads cover the same area');
      }
      roads = { path: `${roads.path} (cut by boundary "${county.boundary}")`, text: JSON.stringify(cut) };
    }
    const fields = {
      plan: { path: planSource, text: planText },
      roads,
      places: named('places', plan.places),
      ...(plan.baseline ? { baseline: named('baseline', plan.baseline) } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(timeLimit !== undefined ? { timeLimit } : {}),
    };
    const prepared = roads.encoding === 'base64' && isPreparedBytes(Buffer.from(roads.text.slice(0, 12), 'base64'));
    const osm = plan.roads.format === 'osm' || (roads.encoding === 'base64' && !prepared) || /"osm_id"\s*:|"id"\s*:\s*"way\//.test(roads.text);
    counties.push({ county, job: { key: countyJobKey(fields), ...fields }, osm });
  }
  return { spec, counties };
}
