#!/usr/bin/env node
/**
 * Coverage models on the real OSM extracts in the repo: villages and hamlets are the demand
 * points and the candidate sites, the post offices are existing outlets. Each model is solved
 * by HiGHS alone (Lagrangian bounds off), by the default pipeline (auto), and, for set
 * covering, by javascript-lp-solver, side by side; times are medians of --runs runs.
 *
 *   npx tsc -b packages/core && node benchmarks/coverage/real-data.mjs [--runs 5] [--out benchmarks/coverage/results]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { buildNetwork } from '../../packages/core/dist/graph/index.js';
import { readGeoJson, readPlaces } from '../../packages/core/dist/io/index.js';
import { roadCoverageMatrix, solveCoverage } from '../../packages/core/dist/coverage/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(flag('--runs', '5'));
const outDir = flag('--out', join(here, 'results'));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const cases = [
  { model: 'lscp', radius: 2000, label: 'lscp 2 km' },
  { model: 'lscp', radius: 3000, label: 'lscp 3 km' },
  { model: 'lscp', radius: 5000, label: 'lscp 5 km' },
  { model: 'lscp', radius: 300, label: 'lscp 5 min', metric: 'time' },
  { model: 'mclp', radius: 2000, p: 3, label: 'mclp 2 km, p = 3', weighted: true },
  { model: 'pmedian', p: 5, label: 'pmedian p = 5', weighted: true },
  { model: 'pcenter', p: 5, label: 'pcenter p = 5' },
];

const lines = [];
lines.push(`Real OSM extracts, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores. Demand and candidate sites: every village/hamlet/town; existing: the post offices. Weights (mclp, pmedian): OSM population where tagged, else 50. Times: median of ${runs} runs, solve only (matrix excluded).`);
lines.push('');
lines.push('| area | demand × sites | model | objective | HiGHS alone | time (s) | auto (default) | time (s) | javascript-lp-solver | time (s) |');
lines.push('|---|---|---|---:|---|---:|---|---:|---|---:|');
const raw = [];
for (const area of ['neudrossenfeld', 'north-bayreuth', 'andorra']) {
  const base = join(here, '../../examples/data/osm', area);
  const started = performance.now();
  const network = buildNetwork(readGeoJson(readFileSync(join(base, 'roads.geojson'), 'utf8'), 'roads.geojson'));
  const places = await readPlaces(readFileSync(join(base, 'places.geojson'), 'utf8'), { source: 'places.geojson' });
  const villages = places.filter((p) => p.properties.kind === 'place');
  const outlets = places.filter((p) => p.properties.kind === 'post_office');
  const sites = [...outlets, ...villages];
  const matrices = {
    distance: roadCoverageMatrix(network, villages, sites, { metric: 'distance' }).matrix,
    time: roadCoverageMatrix(network, villages, sites, { metric: 'time' }).matrix,
  };
  const matrixSeconds = (performance.now() - started) / 1000;
  const weights = villages.map((p) => (typeof p.properties.population === 'number' ? p.properties.population : 50));
  const existing = outlets.map((p) => p.id);
  for (const c of cases) {
    const matrix = matrices[c.metric ?? 'distance'];
    const options = { model: c.model, radius: c.radius, p: c.p, existing, timeLimit: 60, ...(c.weighted ? { weights } : {}) };
    const variants = [
      ['highs', { ...options, method: 'exact', lagrangian: false }],
      ['auto', { ...options }],
      ...(c.model === 'lscp' ? [['lp-solver', { ...options, method: 'exact', solver: 'lp-solver', lagrangian: false }]] : []),
    ];
    const cells = {};
    for (const [name, variant] of variants) {
      const times = [];
      let last;
      for (let r = 0; r < runs; r++) {
        last = await solveCoverage(matrix, variant);
        times.push(last.seconds);
      }
      cells[name] = { objective: last.objective, status: last.status, bound: last.bound, solver: last.solver, seconds: median(times), opened: last.opened.length };
      raw.push({ area, case: c.label, variant: name, ...cells[name] });
    }
    const show = (cell) => (cell ? `${cell.status === 'optimal' ? 'optimal' : `feasible (bound ${cell.bound})`} [${cell.solver}]` : '–');
    const time = (cell) => (cell ? cell.seconds.toFixed(2) : '–');
    const objective = Number.isInteger(cells.highs.objective) ? cells.highs.objective : cells.highs.objective.toFixed(1);
    const agree = Object.values(cells).every((cell) => Math.abs(cell.objective - cells.highs.objective) < 1e-6) ? '' : ' (DISAGREE)';
    lines.push(`| ${area} | ${villages.length} × ${sites.length} | ${c.label} | ${objective}${agree} | ${show(cells.highs)} | ${time(cells.highs)} | ${show(cells.auto)} | ${time(cells.auto)} | ${show(cells['lp-solver'])} | ${time(cells['lp-solver'])} |`);
    process.stderr.write(`${lines.at(-1)}\n`);
  }
  process.stderr.write(`${area}: network + matrices ${matrixSeconds.toFixed(1)} s\n`);
}
const table = lines.join('\n');
process.stdout.write(`${table}\n`);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'real-data.md'), `${table}\n`);
writeFileSync(join(outDir, 'real-data.json'), `${JSON.stringify(raw, null, 2)}\n`);
