/**
 * The map's roads encoded ahead, on a worker thread, while the planner still works: snapping,
 * the hierarchy's serial finish and today's routes leave a core free, and the encoding (joining,
 * simplifying and encoding every road: about a second on a county) is then ready when the report
 * is written. The text is `encodeRoads` on the same points at the same scale: the worker frames
 * the same roads with the places it is given (`frameMap`, `mapScale`), and the view takes its
 * text only when its own scale is the same; otherwise, or when the worker failed, the view
 * encodes the roads itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PlanReport } from '../types.js';
import { frameMap, mapScale } from './frame.js';
import { encodeRoads } from './road-lines.js';
import type { Bounds } from './view-types.js';

/** The roads encoded at one scale. */
export interface RoadsEncoded {
  tolerance: number;
  precision: number;
  /** One encoded string per drawing class, as `encodeRoads` gives them. */
  encoded: { major: string; minor: string; track: string };
}

/** What the worker is given: every road's points in one array, and the places' positions. */
export interface RoadsAheadJob {
  /** lon, lat of every point, road after road. */
  points: Float64Array;
  /** Road k's points are `points[2·start[k] …, 2·start[k + 1])`. */
  start: Uint32Array;
  /** Road k's class is `classes[classOf[k]]`. */
  classOf: Uint16Array;
  classes: string[];
  places: { id: string; name: string; lon: number; lat: number }[];
}

/** The roads encoded at the scale of their own extent, with that extent: what a prepared file keeps. */
export interface RoadsEncodedFramed extends RoadsEncoded {
  frame: Bounds;
}

type Roads = PlanReport['roads'];

/** Encodings started or handed over, by the roads' array (a handed-over one has no worker). */
const pending = new WeakMap<Roads, { result: Promise<RoadsEncoded | undefined>; worker: Worker | null }>();

/** The compiled worker, next to this module or, from the TypeScript sources, in dist (null: not built). */
function workerUrl(): URL | null {
  const here = new URL('./roads-ahead-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../../dist/report/html/roads-ahead-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : null;
}

/**
 * Starts encoding `roads` on a worker thread, framed with `places` as the report will frame
 * them; `roadsEncodedAhead(roads)` gives the result. Does nothing for roads with points of more
 * than two values (the view's own encoding is then the one), or when the worker is not built.
 * The worker does not keep the process alive unless someone waits for it.
 *
 * @example
 * encodeRoadsAhead(reportRoads(network), places);
 * const ahead = await roadsEncodedAhead(report.roads); // undefined when not started or failed
 */
export function encodeRoadsAhead(roads: Roads, places: readonly { id: string; lon: number; lat: number }[]): void {
  if (pending.has(roads)) return;
  const url = workerUrl();
  if (url === null) return;
  let count = 0;
  for (const road of roads) {
    for (const p of road.coordinates) if (p.length !== 2) return;
    count += road.coordinates.length;
  }
  const points = new Float64Array(2 * count);
  const start = new Uint32Array(roads.length + 1);
  const classOf = new Uint16Array(roads.length);
  const classes: string[] = [];
  const classIndex = new Map<string, number>();
  let at = 0;
  roads.forEach((road, k) => {
    let c = classIndex.get(road.highway);
    if (c === undefined) { c = classes.length; classes.push(road.highway); classIndex.set(road.highway, c); }
    classOf[k] = c;
    start[k] = at;
    for (const p of road.coordinates) { points[2 * at] = p[0]; points[2 * at + 1] = p[1]; at++; }
  });
  start[roads.length] = at;
  const job: RoadsAheadJob = { points, start, classOf, classes, places: places.map((p) => ({ id: p.id, name: p.id, lon: p.lon, lat: p.lat })) };
  const worker = new Worker(url, { workerData: job, transferList: [points.buffer, start.buffer, classOf.buffer] as ArrayBuffer[] });
  worker.unref();
  const result = new Promise<RoadsEncoded | undefined>((resolve) => {
    let done: RoadsEncoded | undefined;
    worker.once('message', (message: RoadsEncoded) => { done = message; });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(done));
  });
  pending.set(roads, { result, worker });
}

/**
 * The roads encoded at the scale of their own extent (the frame of a plan whose places all lie
 * on or near them), as `postroute prepare` keeps them: every plan on a prepared network would
 * otherwise encode the same roads again, on a core the matrix wants.
 *
 * @example
 * const framed = encodeRoadsFramed(reportRoads(network)); // framed.frame, framed.encoded.minor
 */
export function encodeRoadsFramed(roads: Roads): RoadsEncodedFramed {
  const { frame } = frameMap(roads.map((road) => road.coordinates), []);
  const { tolerance, precision } = mapScale(frame);
  return { frame, tolerance, precision, encoded: encodeRoads(roads, tolerance, precision) };
}

/**
 * Hands roads encoded before (a prepared file's) to the report of these roads, when the places
 * leave the map at the same scale (they do not widen the roads' frame); `roadsEncodedAhead(roads)`
 * then gives them. False, with nothing handed over, when the scale differs.
 *
 * @example
 * if (!adoptRoadsEncoded(roads, places, prepared.map)) encodeRoadsAhead(roads, places);
 */
export function adoptRoadsEncoded(roads: Roads, places: readonly { id: string; lon: number; lat: number }[], kept: RoadsEncodedFramed): boolean {
  // The frame depends on the roads only through their bounds: its corners stand in for them.
  const { south, west, north, east } = kept.frame;
  const corners: (readonly [number, number])[] = [[west, south], [east, north]];
  const { frame } = frameMap([corners], places.map((p) => ({ id: p.id, name: p.id, lon: p.lon, lat: p.lat })));
  const { tolerance, precision } = mapScale(frame);
  if (tolerance !== kept.tolerance || precision !== kept.precision) return false;
  pending.set(roads, { result: Promise.resolve({ tolerance, precision, encoded: kept.encoded }), worker: null });
  return true;
}

/** The encoding `encodeRoadsAhead` started (or `adoptRoadsEncoded` handed over) for these roads (the same array), or undefined. */
export async function roadsEncodedAhead(roads: Roads): Promise<RoadsEncoded | undefined> {
  const entry = pending.get(roads);
  if (entry === undefined) return undefined;
  // Waited for: the worker now keeps the process alive until it answers.
  entry.worker?.ref();
  return entry.result;
}
