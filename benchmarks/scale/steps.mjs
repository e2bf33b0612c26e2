/**
 * CPU time (all threads, process.cpuUsage) of the county's steps around the route search that do
 * not depend on the search, each alone in one process, with a hash of what each made (equal
 * hashes: the same arrays, bit for bit): loading the prepared county, snapping, the hierarchy
 * built afresh from its graph on 2 threads (its arrays hashed), the matrix on the prepared
 * hierarchy (its values hashed). For comparing two builds on a loaded machine (wall time is no
 * evidence there); the quiet figures come from run.mjs.
 *
 *   node benchmarks/scale/steps.mjs DIR   # DIR: a county of run.mjs with roads.prn (part `prepared`)
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { buildHierarchyOnThreads, computeMatrixParallel, networkFromRoads, readRoadsInput, snapPlaces } from '@postroute/core';

const dir = process.argv[2];
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const out = {};
let at = cpu();
const lap = (name) => { const now = cpu(); out[name] = Math.round(now - at); at = now; };
const roads = await readRoadsInput(`${dir}/roads.prn`);
const network = networkFromRoads(roads, { source: 'roads.prn' });
lap('loadCpuMs');
const places = JSON.parse(readFileSync(`${dir}/places.geojson`, 'utf8')).features.map((f) => ({ id: String(f.id), lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], properties: {} }));
const { snaps } = snapPlaces(network, places, { maxDistance: 500 });
lap('snapCpuMs');
const csr = network.csr;
const workerUrl = new URL('../../packages/core/dist/matrix/ch-part-worker.js', import.meta.url);
const ch = await buildHierarchyOnThreads(csr, csr.arcDuration, csr.arcLength, { threads: 2, workerUrl });
lap('buildCpuMs');
const hash = (arrays) => { const h = createHash('sha256'); for (const a of arrays) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)); return h.digest('hex').slice(0, 16); };
out.hierarchySha = hash([ch.rank, ch.core, ch.upOffsets, ch.upHead, ch.upWeight, ch.upWeight2, ch.upEdge, ch.downOffsets, ch.downHead, ch.downWeight, ch.downWeight2, ch.downEdge, ch.edgeFirst, ch.edgeSecond]);
at = cpu();
const matrix = await computeMatrixParallel(network, snaps, { metric: 'time', threads: 2 });
lap('matrixCpuMs');
out.matrixSha = hash([matrix.durations, matrix.distances]);
console.log(JSON.stringify(out));
