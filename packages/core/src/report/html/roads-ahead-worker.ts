/**
 * The worker of `encodeRoadsAhead` (roads-ahead.ts): the roads rebuilt from their points, framed
 * and encoded as `buildReportView` does, posted back with the scale used.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { frameMap, mapScale } from './frame.js';
import { encodeRoads } from './road-lines.js';
import type { RoadsAheadJob, RoadsEncoded } from './roads-ahead.js';

const { points, start, classOf, classes, places } = workerData as RoadsAheadJob;
const roads: { highway: string; coordinates: [number, number][] }[] = [];
for (let k = 0; k + 1 < start.length; k++) {
  const coordinates: [number, number][] = [];
  for (let i = start[k]!; i < start[k + 1]!; i++) coordinates.push([points[2 * i]!, points[2 * i + 1]!]);
  roads.push({ highway: classes[classOf[k]!]!, coordinates });
}
const { frame } = frameMap(roads.map((road) => road.coordinates), places);
const { tolerance, precision } = mapScale(frame);
const result: RoadsEncoded = { tolerance, precision, encoded: encodeRoads(roads, tolerance, precision) };
parentPort!.postMessage(result);
