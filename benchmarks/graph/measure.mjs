/**
 * One measurement in a fresh process (so peak memory is this task's own): prints one JSON line.
 * Usage: node measure.mjs '{"task":"build"|"matrix"|"peer", "roads": path, ...}'
 * Run it through run.mjs, which repeats measurements and takes medians.
 */
import { readFileSync } from 'node:fs';
import dijkstra from 'graphology-shortest-path/dijkstra.js';
import {
  buildNetwork,
  computeMatrix,
  computeMatrixParallel,
  createRandom,
  readGeoJson,
  readPlaces,
  searchFor,
  snapPlaces,
} from '@postroute/core';

const config = JSON.parse(process.argv[2]);
const mb = (bytes) => Math.round(bytes / 1e5) / 10;
const ms = (start) => Math.round((performance.now() - start) * 10) / 10;

function load() {
  let t = performance.now();
  const text = readFileSync(config.roads, 'utf8');
  const roads = readGeoJson(text, config.roads);
  const parseMs = ms(t);
  t = performance.now();
  const cpu = process.cpuUsage();
  const network = buildNetwork(roads, { source: config.roads });
  const used = process.cpuUsage(cpu);
  return { network, parseMs, buildMs: ms(t), buildCpuMs: Math.round((used.user + used.system) / 1000) };
}

/** Origins: the places file, or `count` random graph nodes (as places at the node's position). */
async function origins(network) {
  if (config.places) return readPlaces(readFileSync(config.places, 'utf8'), { source: config.places });
  const random = createRandom(config.seed ?? 1);
  return Array.from({ length: config.count }, (_, i) => {
    const v = random.int(network.stats.nodes);
    return { id: `n${i}`, lon: network.nodeLon[v], lat: network.nodeLat[v], properties: {} };
  });
}

const result = { ...config };
const { network, parseMs, buildMs, buildCpuMs } = load();
if (config.task === 'build') {
  const t = performance.now();
  const graph = network.graph;
  Object.assign(result, {
    parseMs,
    buildMs,
    buildCpuMs,
    graphologyMs: ms(t),
    nodes: network.stats.nodes,
    edges: network.stats.edges,
    arcs: network.stats.arcs,
    km: Math.round(network.stats.length / 100) / 10,
    droppedEdges: network.dropped.edges,
    graphologySize: graph.size,
  });
} else if (config.task === 'matrix') {
  const places = await origins(network);
  let t = performance.now();
  const { snaps } = snapPlaces(network, places);
  result.snapMs = ms(t);
  const rssBefore = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  t = performance.now();
  const matrix = config.threads > 1 ? await computeMatrixParallel(network, snaps, { threads: config.threads, minWork: 0 }) : computeMatrix(network, snaps);
  result.matrixMs = ms(t);
  const cpu = process.cpuUsage(cpuBefore);
  // process.cpuUsage counts every thread of the process, workers included.
  result.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  result.size = matrix.size;
  result.unreachable = matrix.unreachable.length;
  result.rssBeforeMatrixMB = mb(rssBefore);
  let checksum = 0;
  for (const d of matrix.durations) if (!Number.isNaN(d)) checksum += d;
  result.checksum = Math.round(checksum);
} else if (config.task === 'peer') {
  // graphology-shortest-path's Dijkstra on the graphology view of the same network: one
  // single-source search per origin, from the origin's graph node.
  const graph = network.graph;
  const places = await origins(network);
  const { snaps } = snapPlaces(network, places);
  const sources = snaps.map((s) => network.edges[s.edge].from);
  const rows = Math.min(sources.length, config.rows ?? sources.length);
  const t = performance.now();
  let last;
  for (let i = 0; i < rows; i++) last = dijkstra.singleSource(graph, String(sources[i]), 'duration');
  result.peerMs = ms(t);
  result.rows = rows;
  result.size = sources.length;
  result.extrapolatedMs = Math.round((result.peerMs / rows) * sources.length);
  // Cross-check: the peer's path to a few nodes costs what our search says.
  const search = searchFor(network, 'time');
  search.runFrom([sources[rows - 1]], [0], [0], null);
  let worst = 0;
  for (const target of sources.slice(0, 20)) {
    const path = last[String(target)];
    let cost = 0;
    for (let k = 1; k < path.length; k++) {
      let best = Infinity;
      graph.forEachOutboundEdge(path[k - 1], (_e, a, s, tt) => { if ((s === path[k - 1] && tt === path[k]) || (tt === path[k - 1] && s === path[k])) best = Math.min(best, a.duration); });
      cost += best;
    }
    worst = Math.max(worst, Math.abs(cost - search.dist[target]));
  }
  result.maxDifferenceS = worst;
}
result.peakRssMB = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
process.stdout.write(`${JSON.stringify(result)}\n`);
