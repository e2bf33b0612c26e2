#!/usr/bin/env node
/**
 * Beyond quick proofs: seeded random Euclidean instances (every point a demand point and a site,
 * distances rounded to whole metres) solved with the default `auto` method. Above the size for
 * quick MIP proofs the answer is the heuristic's, and the table shows its certified gap.
 *
 *   npx tsc -b packages/core && node benchmarks/coverage/scale.mjs [--time-limit 30] [--out benchmarks/coverage/results]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { solveCoverage } from '../../packages/core/dist/coverage/index.js';
import { createRandom } from '../../packages/core/dist/util/random.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const timeLimit = Number(flag('--time-limit', '30'));
const outDir = flag('--out', join(here, 'results'));

function instance(n, seed) {
  const random = createRandom(seed);
  const points = Array.from({ length: n }, () => [random.next() * 50_000, random.next() * 50_000]);
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = Math.round(Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]));
  const ids = points.map((_, i) => `v${i}`);
  return { demandIds: ids, siteIds: ids, values };
}

const cases = [
  { n: 1000, model: 'pmedian', p: 10 },
  { n: 1000, model: 'pmedian', p: 50 },
  { n: 2000, model: 'pmedian', p: 20 },
  { n: 2000, model: 'mclp', p: 20, radius: 3000 },
  { n: 2000, model: 'lscp', radius: 5000 },
  { n: 2000, model: 'pcenter', p: 20 },
];
const lines = [
  `Random Euclidean instances in a 50 km square (seed 1), method auto, time limit ${timeLimit} s, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores, shared machine.`,
  '',
  '| n | model | objective | bound | certified gap | status | solver | time (s) |',
  '|---:|---|---:|---:|---:|---|---|---:|',
];
const matrices = new Map();
for (const c of cases) {
  if (!matrices.has(c.n)) matrices.set(c.n, instance(c.n, 1));
  const r = await solveCoverage(matrices.get(c.n), { model: c.model, p: c.p, radius: c.radius, timeLimit });
  const label = `${c.model}${c.p !== undefined ? `, p = ${c.p}` : ''}${c.radius !== undefined ? `, radius ${c.radius / 1000} km` : ''}`;
  lines.push(`| ${c.n} | ${label} | ${r.objective} | ${r.bound} | ${(100 * r.gap).toFixed(3)} % | ${r.status} | ${r.solver} | ${r.seconds.toFixed(1)} |`);
  process.stderr.write(`${lines.at(-1)}\n`);
}
const table = lines.join('\n');
process.stdout.write(`${table}\n`);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'scale.md'), `${table}\n`);
