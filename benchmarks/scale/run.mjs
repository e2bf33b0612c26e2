/**
 * Scale benchmark: the county case end to end, the 1000 × 1000 matrix on the 500,000-edge grid
 * before (plain Dijkstra) and after (contraction hierarchy) beside graphology-shortest-path, and
 * the roads reader's time and memory. Every figure comes from a fresh Node process.
 *
 *   npx tsc -b packages/core packages/cli && node benchmarks/scale/run.mjs [--runs 3] [--only county,matrix,read] [--time-limit 20]
 *
 * Parts: county (end to end from the raw roads), prepared (`postroute prepare` once, then the
 * county end to end from the .prn), load (loading the .prn alone), build (the hierarchy build
 * alone), matrix, read. Default: county,matrix,read.
 *
 * Writes benchmarks/scale/results.json and prints the tables (Markdown).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COUNTY, writeCounty } from './county-case.mjs';
import { perturbedGrid } from '../graph/grid.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 3));
const only = option('--only', 'county,matrix,read').split(',');
const timeLimit = Number(option('--time-limit', 20));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const load = () => loadavg()[0].toFixed(1);

function child(script, argv) {
  const out = spawnSync(process.execPath, ['--max-old-space-size=6144', join(here, script), ...argv], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`${script} ${argv.join(' ')} failed:\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop());
}

// --small: a 60 × 60 county of 100 places, to check that the scripts run (its figures mean nothing).
const small = args.includes('--small');
const resultsFile = join(here, small ? 'results-small.json' : 'results.json');
const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const countyDir = join(tmpdir(), small ? 'postroute-scale-county-small' : 'postroute-scale-county');
writeCounty(countyDir, small ? { rows: 60, cols: 60, places: 100, offices: 5, stations: 3, seed: 1 } : COUNTY, { timeLimit });
const roads = join(countyDir, 'roads.geojson');
const preparedRoads = join(countyDir, 'roads.prn');

function countyRuns(planFile) {
  const started = { at: new Date().toISOString(), load: load() };
  const all = [];
  for (let r = 0; r < runs; r++) { all.push(child('county-run.mjs', [countyDir, String(timeLimit), planFile])); process.stderr.write('.'); }
  const steps = {};
  const cpuSteps = {};
  for (const name of Object.keys(all[0].steps)) {
    steps[name] = median(all.map((x) => x.steps[name] ?? 0));
    cpuSteps[name] = median(all.map((x) => x.cpuSteps?.[name] ?? 0));
  }
  return { ...started, loadEnd: load(), runs, timeLimit, totalMs: median(all.map((x) => x.totalMs)), cpuMs: median(all.map((x) => x.cpuMs ?? 0)), peakRssMB: median(all.map((x) => x.peakRssMB)), steps, cpuSteps, each: all };
}

if (only.includes('county')) results.county = countyRuns('plan.json');
if (only.includes('prepared') || only.includes('load')) {
  // Prepared once, as a planner would before many runs: the CLI itself, its time, CPU and memory.
  const started = { at: new Date().toISOString(), load: load() };
  const t = performance.now();
  const timed = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, join(repo, 'packages/cli/dist/main.js'), 'prepare', roads, '--out', preparedRoads, '--quiet', '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (timed.status !== 0) throw new Error(`postroute prepare failed:\n${timed.stderr}`);
  const wallMs = Math.round(performance.now() - t);
  const facts = JSON.parse(timed.stdout);
  // GNU time's last line: user and system seconds, peak RSS in KB.
  const [user, system, rssKB] = timed.stderr.trim().split('\n').pop().split(' ').map(Number);
  results.prepare = { ...started, wallMs, cpuMs: Math.round((user + system) * 1000), peakRssMB: Math.round(rssKB / 1024), bytes: facts.bytes, shortcuts: facts.hierarchy.shortcuts, coreNodes: facts.hierarchy.coreSize };
  const plan = JSON.parse(readFileSync(join(countyDir, 'plan.json'), 'utf8'));
  writeFileSync(join(countyDir, 'plan-prepared.json'), JSON.stringify({ ...plan, roads: 'roads.prn' }, null, 2));
}
if (only.includes('prepared')) results.countyPrepared = countyRuns('plan-prepared.json');
if (only.includes('load')) {
  const started = { at: new Date().toISOString(), load: load() };
  const all = Array.from({ length: runs }, () => child('measure.mjs', [JSON.stringify({ task: 'load', roads: preparedRoads })]));
  results.load = { ...started, loadEnd: load(), runs, loadMs: median(all.map((x) => x.loadMs)), loadCpuMs: median(all.map((x) => x.loadCpuMs)), peakRssMB: median(all.map((x) => x.peakRssMB)), each: all };
}
if (only.includes('build')) {
  const started = { at: new Date().toISOString(), load: load() };
  const all = Array.from({ length: runs }, () => child('measure.mjs', [JSON.stringify({ task: 'build', roads })]));
  results.build = { ...started, loadEnd: load(), runs, threads: all[0].threads, buildMs: median(all.map((x) => x.buildMs)), buildCpuMs: median(all.map((x) => x.buildCpuMs)), buildOneThreadMs: median(all.map((x) => x.buildOneThreadMs)), buildOneThreadCpuMs: median(all.map((x) => x.buildOneThreadCpuMs)), shortcuts: all[0].shortcuts, coreNodes: all[0].coreNodes, each: all };
}
if (only.includes('matrix')) {
  const started = { at: new Date().toISOString(), load: load() };
  const all = [];
  for (let r = 0; r < runs; r++) { all.push(child('measure.mjs', [JSON.stringify({ task: 'matrix', roads, count: 1000, dijkstraRows: 100, peerRows: 1 })])); process.stderr.write('.'); }
  const summary = { ...all[0] };
  for (const key of Object.keys(summary)) if (typeof summary[key] === 'number' && !['count', 'size', 'peerRows', 'dijkstraRows'].includes(key)) summary[key] = median(all.map((x) => x[key]));
  results.matrix = { ...started, loadEnd: load(), runs, ...summary };
}
if (only.includes('read')) {
  // The full grid and a quarter of it, with each reader: memory against edges.
  const quarter = join(tmpdir(), 'postroute-scale-grid-254x250.geojson');
  if (!existsSync(quarter)) writeFileSync(quarter, JSON.stringify(perturbedGrid({ rows: 254, cols: 250, seed: 1 })));
  const started = { at: new Date().toISOString(), load: load() };
  const rows = [];
  for (const [label, path] of [['grid 254×250', quarter], ['grid 507×500', roads]]) {
    for (const reader of ['whole', 'stream']) {
      const all = Array.from({ length: runs }, () => child('measure.mjs', [JSON.stringify({ task: 'read', reader, roads: path })]));
      rows.push({ label, reader, megabytes: Math.round(readFileSync(path).length / 1e5) / 10, edges: all[0].edges, readMs: median(all.map((x) => x.readMs)), buildMs: median(all.map((x) => x.buildMs)), readPeakMB: median(all.map((x) => x.readPeakMB)), readHeapMB: median(all.map((x) => x.readHeapMB)), peakRssMB: median(all.map((x) => x.peakRssMB)) });
      process.stderr.write('.');
    }
  }
  results.read = { ...started, loadEnd: load(), runs, rows };
}
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
process.stderr.write('\n');

const s = (msValue) => (msValue === undefined ? '—' : `${(msValue / 1000).toFixed(1)} s`);
if (results.county) {
  const c = results.county;
  console.log(`County (${c.runs} runs, medians; route search limit ${c.timeLimit} s; load ${c.load} → ${c.loadEnd}; ${c.at})\n`);
  console.log('| step | wall | CPU (all threads) |');
  console.log('| --- | ---: | ---: |');
  for (const name of Object.keys(c.steps)) console.log(`| ${name} | ${s(c.steps[name])} | ${s(c.cpuSteps?.[name])} |`);
  console.log(`| **total** | **${s(c.totalMs)}** | **${s(c.cpuMs)}** |\n`);
  console.log(`Peak RSS ${c.peakRssMB} MB.\n`);
  for (const run of c.each) console.log(`- run: ${s(run.totalMs)} wall, ${s(run.cpuMs)} CPU, ${run.peakRssMB} MB; route search ${run.search.iterations} iterations in ${run.search.seconds.toFixed(1)} s, best ${run.search.firstBest} km at its first report → ${run.search.lastBest} km at its last, ${run.search.improvementsSeen} improvements seen; ${run.vehicles} vans, ${run.unassigned} unassigned; ${run.summary.beforeKm} → ${run.summary.afterKm} km (${run.summary.rate} %)`);
  console.log('');
}
if (results.prepare) {
  const p = results.prepare;
  console.log(`Prepare (once; load ${p.load}; ${p.at}): ${s(p.wallMs)} wall, ${s(p.cpuMs)} CPU, peak RSS ${p.peakRssMB} MB; ${(p.bytes / 1e6).toFixed(1)} MB file, ${p.shortcuts} shortcuts, core ${p.coreNodes} nodes\n`);
}
if (results.countyPrepared) {
  const c = results.countyPrepared;
  console.log(`County from the prepared file (${c.runs} runs, medians; route search limit ${c.timeLimit} s; load ${c.load} → ${c.loadEnd}; ${c.at})\n`);
  console.log('| step | wall | CPU (all threads) |');
  console.log('| --- | ---: | ---: |');
  for (const name of Object.keys(c.steps)) console.log(`| ${name} | ${s(c.steps[name])} | ${s(c.cpuSteps?.[name])} |`);
  console.log(`| **total** | **${s(c.totalMs)}** | **${s(c.cpuMs)}** |\n`);
  console.log(`Peak RSS ${c.peakRssMB} MB.\n`);
  for (const run of c.each) console.log(`- run: ${s(run.totalMs)} wall, ${s(run.cpuMs)} CPU, ${run.peakRssMB} MB; route search ${run.search.iterations} iterations; ${run.vehicles} vans, ${run.unassigned} unassigned; ${run.summary.beforeKm} → ${run.summary.afterKm} km (${run.summary.rate} %)`);
  console.log('');
}
if (results.load) console.log(`Loading the prepared county (${results.load.runs} runs, median; load ${results.load.load} → ${results.load.loadEnd}): ${s(results.load.loadMs)} wall, ${s(results.load.loadCpuMs)} CPU, peak RSS ${results.load.peakRssMB} MB\n`);
if (results.build) console.log(`Hierarchy build alone (${results.build.runs} runs, median; load ${results.build.load} → ${results.build.loadEnd}): on ${results.build.threads} threads ${s(results.build.buildMs)} wall, ${s(results.build.buildCpuMs)} CPU; in one thread ${s(results.build.buildOneThreadMs)} wall, ${s(results.build.buildOneThreadCpuMs)} CPU; ${results.build.shortcuts} shortcuts, core ${results.build.coreNodes} nodes\n`);
if (results.matrix) {
  const m = results.matrix;
  const full = (x) => (x / m.dijkstraRows) * m.size;
  console.log(`Matrix ${m.size} × ${m.size} on the grid (${m.runs} runs, medians; load ${m.load} → ${m.loadEnd}; ${m.at})\n`);
  console.log('| method | wall | CPU |');
  console.log('| --- | --- | --- |');
  console.log(`| plain Dijkstra, 1 thread (${m.dijkstraRows} rows measured, × ${(m.size / m.dijkstraRows).toFixed(0)}) | ${s(full(m.dijkstraMs))} | ${s(full(m.dijkstraCpuMs))} |`);
  console.log(`| graphology-shortest-path (${m.peerRows} rows measured, × ${(m.size / m.peerRows).toFixed(0)}) | ${s((m.peerMs / m.peerRows) * m.size)} | — |`);
  console.log(`| hierarchy build (${m.shortcuts} shortcuts, core ${m.coreNodes} nodes) | ${s(m.chBuildMs)} | ${s(m.chBuildCpuMs)} |`);
  console.log(`| hierarchy query, 1 thread | ${s(m.chQueryMs)} | ${s(m.chQueryCpuMs)} |`);
  console.log(`| hierarchy query, 2 threads | ${s(m.chQuery2Ms)} | ${s(m.chQuery2CpuMs)} |`);
  console.log(`\nEquality: ${m.pairsCompared} pairs against plain Dijkstra, largest difference ${m.maxDiffS} s and ${m.maxDiffM} m; 2-thread matrix identical: ${m.twoThreadsIdentical}; peak RSS ${m.peakRssMB} MB.\n`);
}
if (results.read) {
  const r = results.read;
  console.log(`Reading roads (${r.runs} runs, medians; load ${r.load} → ${r.loadEnd}; ${r.at})\n`);
  console.log('| file | MB | edges | reader | read | build | heap after read | peak RSS after read | peak RSS after build |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of r.rows) console.log(`| ${row.label} | ${row.megabytes} | ${row.edges} | ${row.reader === 'whole' ? 'readFileSync + readGeoJson' : 'readRoads (4 MB pieces)'} | ${s(row.readMs)} | ${s(row.buildMs)} | ${row.readHeapMB} MB | ${row.readPeakMB} MB | ${row.peakRssMB} MB |`);
}
