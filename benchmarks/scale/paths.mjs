/**
 * Drawing routes on the county: `findPath` over the legs of today's routes (hub → stops → hub, as
 * the report draws them), after the matrix built the hierarchy. Prints the CPU time of the paths
 * alone and a hash of every path's line and costs (equal hashes: the same paths, bit for bit).
 *
 *   node benchmarks/scale/paths.mjs DIR   # DIR: a county of run.mjs with roads.prn (part `prepared`)
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { computeMatrixParallel, findPath, networkFromRoads, readRoadsInput, snapPlaces } from '@postroute/core';

const dir = process.argv[2];
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const roads = await readRoadsInput(`${dir}/roads.prn`);
const network = networkFromRoads(roads, { source: 'roads.prn' });
const places = JSON.parse(readFileSync(`${dir}/places.geojson`, 'utf8')).features.map((f) => ({ id: String(f.id), lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], properties: {} }));
const { snaps } = snapPlaces(network, places, { maxDistance: 500 });
const matrix = await computeMatrixParallel(network, snaps, { metric: 'time' });
const snapOf = new Map(snaps.map((s) => [s.placeId, s]));
const routes = new Map();
for (const line of readFileSync(`${dir}/baseline.csv`, 'utf8').trim().split('\n').slice(1)) {
  const [route, , stop] = line.split(',');
  if (!routes.has(route)) routes.set(route, []);
  routes.get(route).push(stop);
}
const legs = [];
for (const stops of routes.values()) {
  const sequence = ['hub', ...stops, 'hub'];
  for (let k = 1; k < sequence.length; k++) legs.push([sequence[k - 1], sequence[k]]);
}
const hash = createHash('sha256');
const column = new Map(matrix.ids.map((id, i) => [id, i]));
let differ = 0;
const started = cpu();
for (const [a, b] of legs) {
  const path = findPath(network, snapOf.get(a), snapOf.get(b), { metric: 'time' });
  hash.update(JSON.stringify(path.geometry.coordinates));
  hash.update(`${path.properties.duration},${path.properties.distance}`);
  if (path.properties.duration !== matrix.durations[column.get(a) * matrix.size + column.get(b)]) differ++;
}
const pathsCpuMs = Math.round(cpu() - started);
console.log(JSON.stringify({ legs: legs.length, pathsCpuMs, durationsNotMatrix: differ, sha256: hash.digest('hex').slice(0, 16) }));
