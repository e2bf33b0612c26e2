/**
 * One county job: the texts of a county's plan.json and of the files it names go in, the county's
 * usual report (the same five files `postroute plan` writes) and its headline figures come out.
 * A job is plain data both ways, so that a worker thread or a machine on the other side of a
 * queue can run it without the files on its own disk.
 */
import type { FeatureCollection } from 'geojson';
import { InfeasibleError, InputError } from '../errors.js';
import { readBaselineLines, readBaselineRoutes } from '../io/baseline.js';
import { readGeoJson } from '../io/geojson.js';
import { readPlaces } from '../io/places.js';
import { parsePlanFile } from '../plan/file/plan-file.js';
import { planNetwork } from '../plan/plan.js';
import { isPreparedRoads, type RoadsInput } from '../prepared/prepare.js';
import { parseRoadsInput } from '../prepared/read.js';
import type { PlanInputs } from '../plan/types.js';
import { planReportFiles, roadsFromOsm, type ReportFile } from '../report/files.js';
import type { PlanReport, SavingsSummary } from '../report/types.js';
import type { ProgressCallback } from '../util/progress.js';

/** A file of the job: the name to show in messages and its whole text. */
export interface JobFile {
  path: string;
  /** The content: text, or the bytes in base64 for a binary file (`encoding: 'base64'`). */
  text: string;
  /** Roads as downloaded (.osm.pbf, .osm.gz, .geojson.gz) travel as base64, still plain data. */
  encoding?: 'base64';
}

/**
 * The roads of a job, read the way `postroute plan` reads a roads file (`parseRoads`: GeoJSON,
 * OSM PBF or XML, gzipped or not).
 *
 * @example
 * const roads = await readJobRoads({ path: 'roads.osm.pbf', text: bytes.toString('base64'), encoding: 'base64' });
 */
export async function readJobRoads(file: JobFile): Promise<RoadsInput> {
  return file.encoding === 'base64' ? parseRoadsInput(Buffer.from(file.text, 'base64'), file.path) : readGeoJson(file.text, file.path);
}

/** Everything one county's plan needs, as texts. */
export interface CountyJob {
  /** The job key (see `countyJobKey`): the same inputs always have the same key. */
  key: string;
  plan: JobFile;
  roads: JobFile;
  places: JobFile;
  baseline?: JobFile;
  /** Override the plan file's seed and time limit (province.json's or the command line's). */
  seed?: number;
  timeLimit?: number;
}

/** Small picture of a county for the province map: its extent, hubs and new routes. */
export interface CountyOverview {
  /** [west, south, east, north] of the county's roads. */
  bbox: [number, number, number, number];
  hubs: { name: string; lon: number; lat: number }[];
  /** The new plan's routes, thinned to a vertex every ~100 m. */
  routes: [number, number][][];
}

/** Why a job failed: input (exit 2), infeasible (exit 3) or internal (exit 1), and the one line. */
export interface JobError {
  kind: 'input' | 'infeasible' | 'internal';
  message: string;
}

/** A finished county: its figures, its map picture and its report files. */
export interface CountyDone {
  key: string;
  status: 'done';
  summary: SavingsSummary;
  overview: CountyOverview;
  files: ReportFile[];
  /** Run time of the plan, seconds (the report's own figure). */
  seconds: number;
}

/** A county job that failed, with its error. */
export interface CountyFailed {
  key: string;
  status: 'failed';
  error: JobError;
  seconds: number;
}

/** How a county job ended: its result, or its error. */
export type CountyOutcome = CountyDone | CountyFailed;

/**
 * Reads the job's texts into the planner's inputs, with the same readers `postroute plan` uses.
 *
 * @example
 * const inputs = await readCountyInputs(job);
 * inputs.spec.fleet.length;
 */
export async function readCountyInputs(job: CountyJob): Promise<PlanInputs> {
  const spec = parsePlanFile(job.plan.text, job.plan.path);
  const roads = await readJobRoads(job.roads);
  const csv = spec.csvDelimiter !== undefined ? { delimiter: spec.csvDelimiter } : {};
  const places = await readPlaces(job.places.text, { source: job.places.path, format: spec.places.format === 'csv' ? 'csv' : 'geojson', ...csv });
  const inputs: PlanInputs = { spec, roads, places, sources: { roads: job.roads.path, places: job.places.path, plan: job.plan.path } };
  if (spec.baseline) {
    if (!job.baseline) throw new InputError('the plan names a baseline file, but the job has none', { source: job.plan.path, field: 'baseline' });
    inputs.baseline = spec.baseline.format === 'geojson'
      ? { lines: readBaselineLines(job.baseline.text, job.baseline.path) }
      : { routes: await readBaselineRoutes(job.baseline.text, { source: job.baseline.path, format: spec.baseline.format, ...csv }) };
    inputs.sources = { ...inputs.sources, baseline: job.baseline.path };
  }
  return inputs;
}

/**
 * Runs one county: the plan pipeline and the report writers of `postroute plan`, nothing else.
 * Never throws for the county's own problems: a bad input or an infeasible county comes back as
 * a failed outcome with its one-line error, so that one county cannot stop the others.
 *
 * @example
 * const outcome = await runCountyJob(job);
 * if (outcome.status === 'done') outcome.summary.optimisationRatePercent;
 */
export async function runCountyJob(job: CountyJob, options: { onProgress?: ProgressCallback; generatedBy?: string } = {}): Promise<CountyOutcome> {
  const started = performance.now();
  try {
    const inputs = await readCountyInputs(job);
    const { report } = await planNetwork(inputs, {
      ...(job.seed !== undefined ? { seed: job.seed } : {}),
      ...(job.timeLimit !== undefined ? { timeLimit: job.timeLimit } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      generatedBy: options.generatedBy ?? 'postroute batch',
    });
    const files = await planReportFiles(report, { osm: roadsFromOsm(inputs.roads) });
    return { key: job.key, status: 'done', summary: report.summary, overview: countyOverview(report, inputs.roads), files, seconds: report.run.seconds };
  } catch (error) {
    return { key: job.key, status: 'failed', error: jobError(error), seconds: Math.round((performance.now() - started) / 100) / 10 };
  }
}

/** The error as a kind and one line, the way the CLI would print it. */
export function jobError(error: unknown): JobError {
  if (error instanceof InputError) return { kind: 'input', message: error.describe() };
  if (error instanceof InfeasibleError) return { kind: 'infeasible', message: error.describe() };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function countyOverview(report: PlanReport, roads: RoadsInput): CountyOverview {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const road of report.roads) {
    for (const [lon, lat] of road.coordinates) {
      if (lon < west) west = lon;
      if (lon > east) east = lon;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
  }
  if (!Number.isFinite(west)) [west, south, east, north] = isPreparedRoads(roads) ? roads.bbox : bboxOfFeatures(roads);
  const hubs = report.places.filter((place) => place.role === 'hub').map((place) => ({ name: place.name, lon: place.lon, lat: place.lat }));
  return { bbox: [west, south, east, north], hubs, routes: report.after.map((route) => thin(route.geometry, 100)) };
}

function bboxOfFeatures(roads: FeatureCollection): [number, number, number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const feature of roads.features) {
    const geometry = feature.geometry;
    const lines = geometry?.type === 'LineString' ? [geometry.coordinates] : geometry?.type === 'MultiLineString' ? geometry.coordinates : [];
    for (const line of lines) {
      for (const [lon = 0, lat = 0] of line) {
        west = Math.min(west, lon); east = Math.max(east, lon); south = Math.min(south, lat); north = Math.max(north, lat);
      }
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : [0, 0, 0, 0];
}

/** Keeps the ends and every vertex at least `metres` from the last one kept. */
function thin(line: [number, number][], metres: number): [number, number][] {
  if (line.length <= 2) return line.map(([lon, lat]) => [lon, lat]);
  const first = line[0] as [number, number];
  const kx = 111_320 * Math.cos((first[1] * Math.PI) / 180);
  const out: [number, number][] = [[first[0], first[1]]];
  let [lastLon, lastLat] = first;
  for (let i = 1; i < line.length - 1; i++) {
    const [lon, lat] = line[i] as [number, number];
    if (Math.hypot((lon - lastLon) * kx, (lat - lastLat) * 110_570) >= metres) {
      out.push([lon, lat]);
      lastLon = lon;
      lastLat = lat;
    }
  }
  const last = line[line.length - 1] as [number, number];
  out.push([last[0], last[1]]);
  return out;
}
