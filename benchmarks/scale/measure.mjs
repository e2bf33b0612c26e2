/**
 * One measurement in a fresh process (so peak RSS is its own); prints one JSON line. Run by run.mjs.
 *   node measure.mjs '{"task": "read", "reader": "stream"|"whole", "roads": path}'
 *   node measure.mjs '{"task": "matrix", "roads": path, "count": 1000, "dijkstraRows": 100, "peerRows": 2}'
 *   node measure.mjs '{"task": "load", "roads": "county.prn"}'      (loading a prepared network)
 *   node measure.mjs '{"task": "build", "roads": path}'             (the hierarchy build alone: on the machine's threads, then in one)
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import dijkstra from 'graphology-shortest-path/dijkstra.js';
import {
  buildNetwork, buildHierarchy, computeMatrix, readRoadsInput, computeMatrixParallel, createRandom, hierarchyFor, hierarchyOnThreads, planMatrix, readGeoJson, readRoads, runMatrixRows, searchFor, snapPlaces,
} from '@postroute/core';

const config = JSON.parse(process.argv[2]);
const ms = (t) => Math.round(performance.now() - t);
const cpuMs = (c) => { const u = process.cpuUsage(c); return Math.round((u.user + u.system) / 1000); };
const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function load(reader) {
  const t = performance.now();
  // "whole": the file as one string, then the parsed tree; "stream": readRoads as the CLI calls
  // it, which reads large plain-GeoJSON files in 4 MB pieces, feature by feature.
  const roads = reader === 'whole' ? readGeoJson(readFileSync(config.roads, 'utf8'), config.roads) : await readRoads(config.roads, { streamFromBytes: 0 });
  const readMs = ms(t);
  const readRss = peak();
  const heapMB = Math.round(process.memoryUsage().heapUsed / 1e6);
  const t2 = performance.now();
  const network = buildNetwork(roads, { source: config.roads });
  return { network, readMs, buildMs: ms(t2), readPeakMB: readRss, readHeapMB: heapMB };
}

const result = { ...config };
if (config.task === 'load') {
  const t = performance.now();
  const c = process.cpuUsage();
  const prepared = await readRoadsInput(config.roads);
  Object.assign(result, { loadMs: ms(t), loadCpuMs: cpuMs(c), peakRssMB: peak(), nodes: prepared.network.stats.nodes, edges: prepared.network.stats.edges });
} else if (config.task === 'build') {
  const { network } = await load('stream');
  // As the plan builds it (its parts on the machine's threads), then all in this thread: the same hierarchy.
  const threads = config.threads ?? availableParallelism();
  const t = performance.now();
  const c = process.cpuUsage();
  const ch = await hierarchyOnThreads(network, 'time', threads);
  Object.assign(result, { threads, buildMs: ms(t), buildCpuMs: cpuMs(c), shortcuts: ch.shortcuts, coreNodes: ch.coreSize, peakRssMB: peak() });
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const one = buildHierarchy(network.csr, network.csr.arcDuration, network.csr.arcLength);
  if (one.shortcuts !== ch.shortcuts) throw new Error('the in-thread build differs from the threaded one');
  Object.assign(result, { buildOneThreadMs: ms(t1), buildOneThreadCpuMs: cpuMs(c1) });
} else if (config.task === 'read') {
  const { network, readMs, buildMs, readPeakMB, readHeapMB } = await load(config.reader);
  Object.assign(result, { readMs, buildMs, readPeakMB, readHeapMB, edges: network.stats.edges, nodes: network.stats.nodes });
} else if (config.task === 'matrix') {
  const { network } = await load('stream');
  const random = createRandom(config.seed ?? 1);
  const places = Array.from({ length: config.count }, (_, i) => {
    const v = random.int(network.stats.nodes);
    return { id: `n${i}`, lon: network.nodeLon[v] + 0.0003, lat: network.nodeLat[v], properties: {} };
  });
  const { snaps } = snapPlaces(network, places);
  const n = snaps.length;
  // Contraction hierarchy: build, then the query on one thread and on two.
  let t = performance.now(); let c = process.cpuUsage();
  const ch = hierarchyFor(network, 'time');
  Object.assign(result, { chBuildMs: ms(t), chBuildCpuMs: cpuMs(c), shortcuts: ch.shortcuts, coreNodes: ch.coreSize });
  t = performance.now(); c = process.cpuUsage();
  const viaCh = computeMatrix(network, snaps, { method: 'hierarchy' });
  Object.assign(result, { chQueryMs: ms(t), chQueryCpuMs: cpuMs(c) });
  t = performance.now(); c = process.cpuUsage();
  const viaCh2 = await computeMatrixParallel(network, snaps, { method: 'hierarchy', threads: 2 });
  Object.assign(result, { chQuery2Ms: ms(t), chQuery2CpuMs: cpuMs(c) });
  let same = true;
  for (let k = 0; k < n * n; k++) if (!Object.is(viaCh.durations[k], viaCh2.durations[k]) || !Object.is(viaCh.distances[k], viaCh2.distances[k])) { same = false; break; }
  result.twoThreadsIdentical = same;
  // Plain Dijkstra (the matrix's own search, one thread) on every `step`-th row; the whole
  // matrix costs about n / rows times this.
  const step = Math.max(1, Math.round(n / config.dijkstraRows));
  const plan = planMatrix(network, snaps, 'time');
  const search = searchFor(network, 'time');
  search.trackParents = false;
  const primary = new Float64Array(n * n).fill(Number.NaN);
  const secondary = new Float64Array(n * n).fill(Number.NaN);
  let rows = 0;
  t = performance.now(); c = process.cpuUsage();
  runMatrixRows(search, plan, primary, secondary, 0, step, () => { rows++; });
  Object.assign(result, { dijkstraRows: rows, dijkstraMs: ms(t), dijkstraCpuMs: cpuMs(c) });
  // Every pair of those rows, except the diagonal and pairs on one edge (the matrix adds the
  // along-the-edge trip after the searches).
  let worstS = 0; let worstM = 0; let pairs = 0;
  for (let i = 0; i < n; i += step) for (let j = 0; j < n; j++) {
    if (i === j || snaps[i].edge === snaps[j].edge) continue;
    const k = i * n + j;
    pairs++;
    if (primary[k] === Infinity) { if (!Number.isNaN(viaCh.durations[k])) worstS = Infinity; continue; }
    worstS = Math.max(worstS, Math.abs(primary[k] - viaCh.durations[k]));
    worstM = Math.max(worstM, Math.abs(secondary[k] - viaCh.distances[k]));
  }
  Object.assign(result, { pairsCompared: pairs, maxDiffS: worstS, maxDiffM: worstM });
  // graphology-shortest-path on the graphology view, a few rows.
  const graph = network.graph;
  const sources = snaps.map((s) => network.edges[s.edge].from);
  t = performance.now();
  for (let i = 0; i < config.peerRows; i++) dijkstra.singleSource(graph, String(sources[i]), 'duration');
  Object.assign(result, { peerRows: config.peerRows, peerMs: ms(t) });
  result.size = n;
}
result.peakRssMB = peak();
process.stdout.write(`${JSON.stringify(result)}\n`);
