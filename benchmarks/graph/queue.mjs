/**
 * Side by side, in one process, on the same rows of the grid's 1000 × 1000 matrix: the matrix
 * search (a bucket queue in front of a small binary heap, over typed arrays) against the same search
 * on flatqueue with lazy deletion (what postroute used before, kept here as the peer). Rows
 * alternate between the two in small batches so that machine load hits both alike; every row's
 * results must agree bit for bit.
 *
 *   npx tsc -b packages/core packages/cli && node benchmarks/graph/queue.mjs [--rows 200] [--roads file.geojson]
 *
 * Without --roads it uses the grid file that run.mjs writes (run that first, or --roads).
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import FlatQueue from 'flatqueue';
import { buildNetwork, createRandom, planMatrix, readGeoJson, searchFor, snapPlaces } from '@postroute/core';

const here = dirname(fileURLToPath(import.meta.url));


const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rowCount = Number(option('--rows', 200));
const roadsPath = option('--roads', join(tmpdir(), 'postroute-bench-grid-507x500.geojson'));
if (!existsSync(roadsPath)) throw new Error(`${roadsPath} is missing: run benchmarks/graph/run.mjs once (it writes the grid), or pass --roads`);

/** The previous matrix search: flatqueue (plain-array mode) with lazy deletion and run stamps. */
class LazySearch {
  constructor(csr, weight, weight2) {
    Object.assign(this, { csr, weight, weight2 });
    const n = csr.nodeCount;
    this.dist = new Float64Array(n);
    this.dist2 = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.run = 0;
    this.queue = new FlatQueue();
  }

  runFrom(startNodes, startCost, startCost2, targets) {
    const { offsets, targets: heads } = this.csr;
    const { weight, weight2, dist, dist2, stamp, queue } = this;
    const run = ++this.run;
    queue.clear();
    const targetCount = targets.count;
    const best = (this.best = new Float64Array(targetCount).fill(Infinity));
    const best2 = (this.best2 = new Float64Array(targetCount).fill(Infinity));
    let unresolved = targetCount;
    let bound = Infinity;
    for (let i = 0; i < startNodes.length; i++) {
      const v = startNodes[i];
      const c = startCost[i];
      if (stamp[v] !== run || c < dist[v]) {
        stamp[v] = run;
        dist[v] = c;
        dist2[v] = startCost2[i];
        queue.push(v, c);
      }
    }
    while (queue.length > 0) {
      const key = queue.peekValue();
      const v = queue.pop();
      if (key > dist[v]) continue;
      if (unresolved === 0 && key >= bound) {
        bound = 0;
        for (let t = 0; t < targetCount; t++) if (best[t] > bound) bound = best[t];
        if (key >= bound) break;
      }
      const dv = dist[v];
      const dv2 = dist2[v];
      for (let k = targets.offsets[v], end = targets.offsets[v + 1]; k < end; k++) {
        const t = targets.entryTarget[k];
        const c = dv + targets.entryCost[k];
        if (c < best[t]) {
          if (best[t] === Infinity) {
            unresolved--;
            if (unresolved === 0) {
              bound = 0;
              for (let u = 0; u < targetCount; u++) if (best[u] > bound && u !== t) bound = best[u];
              if (c > bound) bound = c;
            }
          }
          best[t] = c;
          best2[t] = dv2 + targets.entryCost2[k];
        }
      }
      for (let a = offsets[v], end = offsets[v + 1]; a < end; a++) {
        const w = heads[a];
        const c = dv + weight[a];
        if (stamp[w] !== run) stamp[w] = run;
        else if (c >= dist[w]) continue;
        dist[w] = c;
        dist2[w] = dv2 + weight2[a];
        queue.push(w, c);
      }
    }
  }
}

const network = buildNetwork(readGeoJson(readFileSync(roadsPath, 'utf8'), roadsPath), { source: roadsPath });
const random = createRandom(7);
const places = Array.from({ length: 1000 }, (_, i) => {
  const v = random.int(network.stats.nodes);
  return { id: `n${i}`, lon: network.nodeLon[v], lat: network.nodeLat[v], properties: {} };
});
const { snaps } = snapPlaces(network, places);
const plan = planMatrix(network, snaps, 'time');
const { csr } = network;
const contenders = [
  { name: 'bucket queue + small heap (postroute)', search: searchFor(network, 'time'), ms: 0 },
  { name: 'flatqueue, lazy deletion (before)', search: new LazySearch(csr, csr.arcDuration, csr.arcLength), ms: 0 },
];
contenders[0].search.trackParents = false;
const rows = Math.min(rowCount, plan.size);
const batch = 5;
let mismatches = 0;
for (let first = 0; first < rows; first += batch) {
  // Alternate which one goes first, so neither always runs on a warmer cache.
  const order = (first / batch) % 2 === 0 ? contenders : [...contenders].reverse();
  const results = new Map();
  for (const c of order) {
    const rowsOut = [];
    const t = performance.now();
    for (let i = first; i < Math.min(rows, first + batch); i++) {
      const a = plan.startOffsets[i];
      const b = plan.startOffsets[i + 1];
      c.search.runFrom(plan.startNodes.subarray(a, b), plan.startCost.subarray(a, b), plan.startCost2.subarray(a, b), plan.targets);
      rowsOut.push([c.search.best.slice(), c.search.best2.slice()]);
    }
    c.ms += performance.now() - t;
    results.set(c, rowsOut);
  }
  const [x, y] = contenders.map((c) => results.get(c));
  for (let r = 0; r < x.length; r++) {
    for (let k = 0; k < 2; k++) for (let j = 0; j < plan.size; j++) if (!Object.is(x[r][k][j], y[r][k][j])) mismatches++;
  }
}
process.stdout.write(`${network.stats.nodes} nodes, ${rows} rows of the 1000 × 1000 time matrix, alternating in batches of ${batch}\n`);
process.stdout.write('| search | total | per row |\n| --- | --- | --- |\n');
for (const c of contenders) process.stdout.write(`| ${c.name} | ${(c.ms / 1000).toFixed(2)} s | ${(c.ms / rows).toFixed(1)} ms |\n`);
process.stdout.write(`entries that differ (primary and secondary, bit for bit): ${mismatches}\n`);
