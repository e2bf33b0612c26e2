/**
 * VROOM's input with coordinates (`jobs[].location`, `vehicles[].start` / `end`, [lon, lat])
 * instead of matrices: the places are gathered, one matrix over them is asked of the caller (the
 * CLI computes it on our own road graph, `--roads`), and the input is rewritten with
 * `location_index`, `start_index`, `end_index` and `matrices` so that `readVroom` takes it as
 * any other. Nothing is decided here beyond that translation.
 */
import { InputError } from '../errors.js';

/** Travel times (s) and distances (m) between the given points, row by row; null = no road. */
export interface PointMatrix {
  durations: (number | null)[][];
  distances: (number | null)[][];
}

/** The places of an input with coordinates, in index order, each with where it was given. */
export interface VroomPoints {
  points: [number, number][];
  /** Per point: the first field that named it (for a located error, e.g. no road near it). */
  fields: string[];
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * The distinct coordinates of a VROOM input, for the matrix. Throws a located error for a place
 * given as an index (with coordinates every place is a coordinate) or for `matrices`.
 */
export function vroomPoints(json: unknown, source?: string): VroomPoints {
  const fail = (message: string, field: string, hint?: string): never => {
    throw new InputError(message, source === undefined ? { field } : { field, source }, hint);
  };
  if (!isObject(json)) return fail('must be an object', '');
  if (json.matrices !== undefined) fail('with --roads the matrices come from the road graph', 'matrices', 'leave "matrices" out, or leave --roads out');
  const points: [number, number][] = [];
  const fields: string[] = [];
  const index = new Map<string, number>();
  const add = (value: unknown, field: string): void => {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((x) => typeof x === 'number' && Number.isFinite(x)))
      fail('a location is [longitude, latitude]', field);
    const [lon, lat] = value as [number, number];
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) fail(`[${lon}, ${lat}] is not a longitude and latitude`, field, 'VROOM gives [lon, lat], longitude first');
    const key = `${lon},${lat}`;
    if (!index.has(key)) {
      index.set(key, points.length);
      points.push([lon, lat]);
      fields.push(field);
    }
  };
  const jobs = Array.isArray(json.jobs) ? json.jobs : [];
  jobs.forEach((job, k) => {
    if (!isObject(job)) return;
    if (job.location_index !== undefined) fail('with --roads, give coordinates ("location"), not matrix indices', `jobs[${k}].location_index`);
    if (job.location === undefined) fail('a location [lon, lat] is required with --roads', `jobs[${k}].location`);
    add(job.location, `jobs[${k}].location`);
  });
  const vehicles = Array.isArray(json.vehicles) ? json.vehicles : [];
  vehicles.forEach((v, k) => {
    if (!isObject(v)) return;
    for (const [key, indexKey] of [['start', 'start_index'], ['end', 'end_index']] as const) {
      if (v[indexKey] !== undefined) fail('with --roads, give coordinates, not matrix indices', `vehicles[${k}].${indexKey}`, `give "${key}": [lon, lat]`);
      if (v[key] !== undefined) add(v[key], `vehicles[${k}].${key}`);
    }
  });
  return { points, fields };
}

/**
 * The input rewritten onto the points' matrix: coordinates become indices into `matrix` (which
 * covers `vroomPoints(json).points` in order), the same matrix for every profile the vehicles name.
 */
export function withPointMatrix(json: unknown, matrix: PointMatrix): Record<string, unknown> {
  const { points } = vroomPoints(json);
  const index = new Map(points.map((p, k) => [`${p[0]},${p[1]}`, k]));
  const at = (value: unknown): number => index.get(`${(value as number[])[0]},${(value as number[])[1]}`)!;
  const input = json as Record<string, unknown>;
  const jobs = Array.isArray(input.jobs) ? input.jobs.map((job: Record<string, unknown>) => {
    const { location, ...rest } = job;
    return { ...rest, location_index: at(location) };
  }) : input.jobs;
  const profiles = new Set<string>(['car']);
  const vehicles = Array.isArray(input.vehicles) ? input.vehicles.map((v: Record<string, unknown>) => {
    const { start, end, ...rest } = v;
    if (typeof v.profile === 'string') profiles.add(v.profile);
    return { ...rest, ...(start !== undefined ? { start_index: at(start) } : {}), ...(end !== undefined ? { end_index: at(end) } : {}) };
  }) : input.vehicles;
  // Whole seconds and metres, as VROOM's matrices; a pair without a road is the caller's error.
  const fill = (rows: (number | null)[][]): number[][] => rows.map((row, i) => row.map((x, j) => {
    if (x === null || !Number.isFinite(x)) throw new Error(`no road from point ${i} to point ${j}: the caller must refuse it`);
    return Math.round(x);
  }));
  const matrices = Object.fromEntries([...profiles].map((name) => [name, { durations: fill(matrix.durations), distances: fill(matrix.distances) }]));
  return { ...input, jobs, vehicles, matrices };
}
