/**
 * Road-network benchmark: graph build time, and matrix times and peak memory, for all places and
 * for 1000 × 1000 random nodes, on each OSM area in examples/data/osm and on a generated
 * county-sized perturbed grid (~500,000 edges); postroute side by side with
 * graphology-shortest-path's Dijkstra on the same graph. Each figure is the median of several
 * runs, each in a fresh Node process (so peak RSS is that task's own).
 *
 *   npx tsc -b packages/core packages/cli && node benchmarks/graph/run.mjs [options]
 *
 * Writes benchmarks/graph/results.json and results.md, and prints the table; see --help.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { perturbedGrid } from './grid.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const args = process.argv.slice(2);
if (args.includes('--help')) {
  process.stdout.write(`Usage: node benchmarks/graph/run.mjs [--runs N] [--quick] [--areas a,b] [--tasks t,u]

  --runs N      repetitions per figure, each in a fresh process; medians are reported (default 3)
  --quick       a 100 × 100 grid and 1 run: a smoke test, not for the README
  --areas a,b   only these areas: neudrossenfeld, north-bayreuth, andorra, grid
  --tasks t,u   only these measurements: build, places (all-places matrix and its peer),
                matrix (1000 × 1000 on 1 and 2 threads), peer (graphology 1000 × 1000)

With --areas or --tasks, the new figures replace those of the same area and column in
results.json, the other figures are kept from the earlier run, and results.md says which
columns were measured when. Without them, everything is measured afresh (~12 min).
`);
  process.exit(0);
}
const quick = args.includes('--quick');
const listOption = (name) => (args.includes(name) ? args[args.indexOf(name) + 1].split(',') : null);
const onlyAreas = listOption('--areas');
const onlyTasks = listOption('--tasks');
const partial = Boolean(onlyAreas || onlyTasks);
const wants = (task) => !onlyTasks || onlyTasks.includes(task);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : quick ? 1 : 3;
const gridSize = quick ? { rows: 100, cols: 100 } : { rows: 507, cols: 500 };
const peerGridRows = quick ? 2 : 2;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function measure(config, repeat = runs) {
  const results = [];
  for (let r = 0; r < repeat; r++) {
    const child = spawnSync(process.execPath, ['--max-old-space-size=8192', join(here, 'measure.mjs'), JSON.stringify(config)], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (child.status !== 0) throw new Error(`measurement failed: ${JSON.stringify(config)}\n${child.stderr}`);
    results.push(JSON.parse(child.stdout.trim().split('\n').pop()));
    process.stderr.write('.');
  }
  const summary = { ...results[0] };
  for (const key of Object.keys(summary)) if (typeof summary[key] === 'number' && key !== 'count' && key !== 'seed') summary[key] = median(results.map((x) => x[key]));
  summary.runs = repeat;
  return summary;
}

// The grid is written once as GeoJSON text so that it goes through the same reader as user data.
const gridPath = join(tmpdir(), `postroute-bench-grid-${gridSize.rows}x${gridSize.cols}.geojson`);
if (!existsSync(gridPath)) {
  mkdirSync(dirname(gridPath), { recursive: true });
  writeFileSync(gridPath, JSON.stringify(perturbedGrid({ ...gridSize, seed: 1 })));
}

const areas = [
  { name: 'neudrossenfeld', roads: 'examples/data/osm/neudrossenfeld/roads.geojson', places: 'examples/data/osm/neudrossenfeld/places.geojson' },
  { name: 'north-bayreuth', roads: 'examples/data/osm/north-bayreuth/roads.geojson', places: 'examples/data/osm/north-bayreuth/places.geojson' },
  { name: 'andorra', roads: 'examples/data/osm/andorra/roads.geojson', places: 'examples/data/osm/andorra/places.geojson' },
  { name: `grid ${gridSize.rows}×${gridSize.cols}`, roads: gridPath, grid: true },
];
const threads = Math.min(2, availableParallelism());
const loadBefore = loadavg()[0];
const startedAt = new Date().toISOString();
const previous = partial && existsSync(join(here, 'results.json')) ? JSON.parse(readFileSync(join(here, 'results.json'), 'utf8')) : null;
if (partial && !previous) throw new Error('--areas/--tasks update an earlier full run: run without them first');
if (previous && (previous.quick ?? false) !== quick) throw new Error('results.json comes from a run with a different --quick setting');
const rows = [];
for (const area of areas) {
  const key = area.grid ? 'grid' : area.name;
  const earlier = previous?.rows.find((r) => r.area === area.name);
  if (onlyAreas && !onlyAreas.includes(key)) {
    if (earlier) rows.push(earlier);
    continue;
  }
  process.stderr.write(`${area.name} `);
  const entry = earlier ? { ...earlier } : { area: area.name };
  if (wants('build')) entry.build = measure({ task: 'build', roads: area.roads });
  if (area.places && wants('places')) {
    entry.places = measure({ task: 'matrix', roads: area.roads, places: area.places, threads: 1 }, Math.max(runs, 5));
    entry.placesPeer = measure({ task: 'peer', roads: area.roads, places: area.places }, runs);
  }
  if (wants('matrix')) {
    entry.random1 = measure({ task: 'matrix', roads: area.roads, count: 1000, seed: 7, threads: 1 });
    entry.random2 = measure({ task: 'matrix', roads: area.roads, count: 1000, seed: 7, threads });
  }
  if (wants('peer')) entry.randomPeer = measure({ task: 'peer', roads: area.roads, count: 1000, seed: 7, ...(area.grid ? { rows: peerGridRows } : {}) }, area.grid ? 1 : runs);
  rows.push(entry);
  process.stderr.write('\n');
}

const s = (msValue) => (msValue >= 100_000 ? `${Math.round(msValue / 1000)} s` : msValue >= 1000 ? `${(msValue / 1000).toFixed(2)} s` : `${Math.round(msValue)} ms`);
const loadAfter = loadavg()[0];
const command = `node benchmarks/graph/run.mjs ${args.join(' ')}`.trim();
const thisRun = { date: startedAt, command, runs, loadBefore, loadAfter, areas: onlyAreas ?? 'all', tasks: onlyTasks ?? 'all' };
const base = previous ? previous.base ?? { date: previous.date, command: 'node benchmarks/graph/run.mjs --runs ' + previous.runs, runs: previous.runs, loadBefore: previous.loadBefore, loadAfter: previous.loadAfter } : thisRun;
const updates = previous ? [...(previous.updates ?? []), thisRun] : [];
const describeRun = (r) => `\`${r.command}\` on ${r.date.slice(0, 16).replace('T', ' ')} UTC (1-minute load average ${r.loadBefore.toFixed(1)} at the start, ${r.loadAfter.toFixed(1)} at the end; medians of ${r.runs} runs)`;
const lines = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores (shared with other work), Node ${process.version}; ` +
    `wall-clock medians (5 runs for the small place matrices), each run in a fresh process; CPU = process CPU time (all threads). ` +
    `Measured by ${describeRun(base)}` +
    updates.map((u) => `; then ${u.tasks === 'all' ? 'every column' : u.tasks.map((t) => `"${t}"`).join(', ') + (u.tasks.length > 1 ? ' columns' : ' column')} of ${u.areas === 'all' ? 'every area' : u.areas.join(', ')} again by ${describeRun(u)}`).join('') + '.',
  '',
  '| area | nodes / edges (arcs) | parse + build (build CPU) | graphology view | matrix, all places (n) | peer, all places | 1000 × 1000, 1 thread (CPU) | 1000 × 1000, ' + threads + ' threads (CPU) | peer 1000 × 1000 | peak RSS: build / 1000², 1 thread / peer |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const r of rows) {
  const b = r.build;
  const peer = r.randomPeer.rows < r.randomPeer.size ? `≈ ${s(r.randomPeer.extrapolatedMs)} (${r.randomPeer.rows} rows took ${s(r.randomPeer.peerMs)}, extrapolated)` : s(r.randomPeer.peerMs);
  lines.push(
    `| ${r.area} | ${b.nodes} / ${b.edges} (${b.arcs}) | ${s(b.parseMs)} + ${s(b.buildMs)} (${s(b.buildCpuMs)}) | ${s(b.graphologyMs)} | ` +
      (r.places ? `${s(r.places.matrixMs)} (${r.places.size})` : '—') + ' | ' + (r.placesPeer ? s(r.placesPeer.peerMs) : '—') + ' | ' +
      `${s(r.random1.matrixMs)} (${s(r.random1.cpuMs)}) | ${s(r.random2.matrixMs)} (${s(r.random2.cpuMs)}) | ${peer} | ${b.peakRssMB} / ${r.random1.peakRssMB} / ${r.randomPeer.peakRssMB} MB |`,
  );
}
lines.push('', 'Checks: the peer\'s paths cost what postroute\'s search finds (largest difference over 20 targets per area: ' +
  rows.map((r) => `${r.area} ${r.randomPeer.maxDifferenceS.toExponential(1)} s`).join(', ') + '); the 1-thread and ' + threads + '-thread matrices have the same checksum: ' +
  rows.map((r) => `${r.area} ${r.random1.checksum === r.random2.checksum ? 'yes' : 'NO'}`).join(', ') + '.');
const table = lines.join('\n');
writeFileSync(join(here, 'results.json'), `${JSON.stringify({ quick, base, updates, rows }, null, 2)}\n`);
writeFileSync(join(here, 'results.md'), `${table}\n`);
process.stdout.write(`${table}\n`);
