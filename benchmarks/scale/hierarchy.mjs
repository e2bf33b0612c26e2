// The hierarchy build alone on the county's grid, in CPU time (per thread, from /proc, Linux)
// with a hash of every hierarchy array, so two builds can be compared array for array:
//   node benchmarks/scale/hierarchy.mjs ['{"coreFraction":0.05}']   (the options, as JSON)
// The grid's compiled graph is cached in /tmp/postroute-hierarchy (GRID=rows,cols for another grid). Then a
// K × K hierarchy matrix (K=1000) with ROWS=5 of its rows checked against a Dijkstra of its own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildNetwork, buildHierarchy, readRoads, targetTable, fillBuckets, bucketRows, createRandom } from '@postroute/core';
import { writeCounty, COUNTY } from './county-case.mjs';
const dir = '/tmp/postroute-scale-county';
const GRID = process.env.GRID;
const cache = '/tmp/postroute-hierarchy';
const dump = GRID ? `${cache}/csr-${GRID}.bin` : `${cache}/csr.bin`;

if (!existsSync(dump)) {
  mkdirSync(cache, { recursive: true });
  let roads;
  if (GRID) { const [rows, cols] = GRID.split(',').map(Number); roads = (await import('../graph/grid.mjs')).perturbedGrid({ rows, cols, seed: 1 }); }
  else { writeCounty(dir, COUNTY, { timeLimit: 30 }); roads = await readRoads(dir + '/roads.geojson'); }
  const net = buildNetwork(roads, { source: 'x' });
  const c = net.csr;
  const header = new Uint32Array([c.nodeCount, c.arcCount]);
  writeFileSync(dump, Buffer.concat([Buffer.from(header.buffer), Buffer.from(c.offsets.buffer, c.offsets.byteOffset, c.offsets.byteLength), Buffer.from(c.targets.buffer, c.targets.byteOffset, c.targets.byteLength), Buffer.from(c.arcDuration.buffer, c.arcDuration.byteOffset, c.arcDuration.byteLength), Buffer.from(c.arcLength.buffer, c.arcLength.byteOffset, c.arcLength.byteLength)]));
}
const buf = readFileSync(dump);
const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
const [n, m] = new Uint32Array(ab, 0, 2);
let off = 8;
const take = (C, len) => { const a = new C(ab.slice(off, off + len * C.BYTES_PER_ELEMENT)); off += len * C.BYTES_PER_ELEMENT; return a; };
const csr = { nodeCount: n, arcCount: m, offsets: take(Uint32Array, n + 1), targets: take(Uint32Array, m), arcDuration: take(Float64Array, m), arcLength: take(Float64Array, m) };
const opts = process.argv[2] ? JSON.parse(process.argv[2]) : {};
import { readdirSync } from 'node:fs';
const threadTicks = () => Object.fromEntries(readdirSync('/proc/self/task').map((t) => { try { const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' '); return [t, Number(f[11]) + Number(f[12])]; } catch { return [t, 0]; } }));
const t0 = threadTicks();
const w0 = performance.now();
const c0 = process.cpuUsage();
const ch = buildHierarchy(csr, csr.arcDuration, csr.arcLength, opts);
const u = process.cpuUsage(c0);
const wallMs = Math.round(performance.now() - w0);
const t1 = threadTicks();
const perThread = Object.entries(t1).map(([t, v]) => [t, (v - (t0[t] ?? 0)) * 10]).filter(([, v]) => v >= 100);
console.log(JSON.stringify({ wallMs, perThreadCpuMs: perThread }));
const cpu = (u.user + u.system) / 1000;
let up = 0; for (let v = 0; v < n; v++) up += ch.upOffsets[v + 1] - ch.upOffsets[v];
const h = createHash('sha1'); for (const a of [ch.rank, ch.core, ch.upOffsets, ch.upHead, ch.upWeight, ch.upWeight2, ch.upEdge, ch.downOffsets, ch.downHead, ch.downWeight, ch.downEdge, ch.edgeFirst, ch.edgeSecond, ch.edgeTail, ch.edgeHead]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
console.log(JSON.stringify({ hash: h.digest('hex').slice(0, 12), n, m, cpuMs: Math.round(cpu), shortcuts: ch.shortcuts, core: ch.coreSize, upArcs: up, downArcs: ch.downOffsets[n] }));

// Query: 1000 random nodes both ways, one thread; a few rows checked against a plain Dijkstra of this script's own.
const random = createRandom(7);
const K = Number(process.env.K ?? 1000);
const nodes = Array.from({ length: K }, () => random.int(n));
const table = targetTable(n, K, nodes.map((v, j) => ({ node: v, target: j, cost: 0, cost2: 0 })));
const starts = { size: K, startOffsets: Uint32Array.from({ length: K + 1 }, (_, i) => i), startNodes: Uint32Array.from(nodes), startCost: new Float64Array(K), startCost2: new Float64Array(K) };
const primary = new Float64Array(K * K), secondary = new Float64Array(K * K);
const q0 = process.cpuUsage();
const buckets = fillBuckets(ch, table);
bucketRows(ch, buckets, starts, primary, secondary);
const q = process.cpuUsage(q0);
let coreArcs = 0; for (let v = 0; v < n; v++) if (ch.core[v]) coreArcs += ch.upOffsets[v + 1] - ch.upOffsets[v];
function dijkstra(s) {
  const d = new Float64Array(n).fill(Infinity); const done = new Uint8Array(n); d[s] = 0;
  const heap = [[0, s]];
  const push = (x) => { heap.push(x); let i = heap.length - 1; while (i > 0) { const p = (i - 1) >> 1; if (heap[p][0] <= heap[i][0]) break; [heap[p], heap[i]] = [heap[i], heap[p]]; i = p; } };
  const pop = () => { const top = heap[0]; const last = heap.pop(); if (heap.length) { heap[0] = last; let i = 0; for (;;) { let c = 2 * i + 1; if (c >= heap.length) break; if (c + 1 < heap.length && heap[c + 1][0] < heap[c][0]) c++; if (heap[c][0] >= heap[i][0]) break; [heap[c], heap[i]] = [heap[i], heap[c]]; i = c; } } return top; };
  while (heap.length) { const [dv, v] = pop(); if (done[v]) continue; done[v] = 1; for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) { const w = csr.targets[a]; const c = dv + csr.arcDuration[a]; if (c < d[w]) { d[w] = c; push([c, w]); } } }
  return d;
}
let worst = 0, checked = 0;
const rows = Number(process.env.ROWS ?? 5);
for (let i = 0; i < rows; i++) { const d = dijkstra(nodes[i]); for (let j = 0; j < K; j++) { const a = d[nodes[j]], b = primary[i * K + j]; const diff = a === b ? 0 : Math.abs(a - b) / Math.max(1, a); if (!(diff <= worst)) worst = diff; checked++; } }
console.log(JSON.stringify({ queryCpuMs: Math.round((q.user + q.system) / 1000), coreArcs, checked, worstRelDiff: worst }));
