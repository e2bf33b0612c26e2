#!/usr/bin/env node
/**
 * OR-Library p-median benchmark, against the optimum in benchmarks/instances/index.csv. Each
 * instance is solved
 * - exactly by the default pipeline (`method: 'exact'`: heuristic start, Lagrangian bound, then
 *   HiGHS only if the bound has not already proven the heuristic's answer optimal);
 * - by HiGHS alone proving optimality (`lagrangian: false`; the heuristic still gives the start);
 * - heuristically (greedy + fast interchange + VNS with its Lagrangian bound), over several seeds.
 *
 *   npx tsc -b packages/core && node benchmarks/coverage/pmedian.mjs [pmed1 pmed2 …]
 *     [--exact-limit 60] [--heuristic-limit 5] [--seeds 1,2,3] [--no-exact] [--out benchmarks/coverage/results]
 *
 * Prints a Markdown table and writes it (and the raw runs as JSON) to --out.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { solvePMedian } from '../../packages/core/dist/coverage/index.js';
import { readPmed } from './orlib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const instancesDir = join(here, '../instances');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const k = args.indexOf(name);
  if (k < 0) return fallback;
  const value = args[k + 1];
  args.splice(k, 2);
  return value;
};
const exactLimit = Number(flag('--exact-limit', '60'));
const heuristicLimit = Number(flag('--heuristic-limit', '5'));
const seeds = flag('--seeds', '1,2,3').split(',').map(Number);
const outDir = flag('--out', join(here, 'results'));
const noExact = args.includes('--no-exact');
const names = args.filter((a) => !a.startsWith('--'));

// Optima from the repo's instance index (OR-Library pmedopt).
const optimum = new Map();
for (const line of readFileSync(join(instancesDir, 'index.csv'), 'utf8').split('\n')) {
  const cells = line.split(',');
  if (cells[0] === 'PMED-ORLib') optimum.set(cells[1], Number(cells[6]));
}
const list = names.length > 0 ? names : [...optimum.keys()];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const pct = (value) => `${(100 * value).toFixed(3)} %`;

const rows = [];
for (const name of list) {
  const { n, p, matrix } = readPmed(join(instancesDir, 'pmedian', `${name}.txt`));
  const opt = optimum.get(name);
  const row = { name, n, p, optimum: opt, exact: null, highs: null, heuristic: [] };
  if (!noExact) {
    for (const [key, lagrangian] of [['exact', true], ['highs', false]]) {
      const r = await solvePMedian(matrix, { p, method: 'exact', lagrangian, timeLimit: exactLimit });
      row[key] = { objective: r.objective, bound: r.bound, status: r.status, seconds: r.seconds, solver: r.solver };
      process.stderr.write(`${name} ${key} ${r.objective} ${r.status} bound ${r.bound} ${r.seconds.toFixed(1)} s [${r.solver}]\n`);
    }
  }
  for (const seed of seeds) {
    const r = await solvePMedian(matrix, { p, method: 'heuristic', seed, timeLimit: heuristicLimit });
    row.heuristic.push({ seed, objective: r.objective, bound: r.bound, gap: r.gap, status: r.status, seconds: r.seconds });
    process.stderr.write(`${name} heuristic seed ${seed}: ${r.objective} bound ${r.bound} ${r.seconds.toFixed(2)} s\n`);
  }
  rows.push(row);
}

const lines = [];
lines.push(`OR-Library pmed, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}).`);
lines.push(`Exact: the default exact pipeline (proof by the Lagrangian bound or by HiGHS, [who proved it]) and HiGHS alone (Lagrangian bounds off), time limit ${exactLimit} s each. Heuristic: time limit ${heuristicLimit} s, seeds ${seeds.join(', ')} (objective and time: median over seeds; "above opt." worst over seeds). Times are wall-clock on a shared machine.`);
lines.push('');
lines.push('| instance | n | p | optimum | exact objective | exact status | exact time (s) | HiGHS alone | HiGHS time (s) | heuristic objective | above opt. (worst) | certified gap (median) | heuristic time (s) |');
lines.push('|---|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---:|');
const above = [];
const worstAbove = [];
let provenCount = 0;
let exactMax = 0;
let heuristicMax = 0;
let highsProven = 0;
let highsMax = 0;
for (const row of rows) {
  const h = row.heuristic;
  const objectives = h.map((r) => r.objective);
  const rel = objectives.map((v) => (v - row.optimum) / row.optimum);
  above.push(...rel);
  worstAbove.push(Math.max(...rel));
  heuristicMax = Math.max(heuristicMax, ...h.map((r) => r.seconds));
  const e = row.exact;
  const x = row.highs;
  if (e) {
    exactMax = Math.max(exactMax, e.seconds);
    if (e.status === 'optimal' && e.objective === row.optimum) provenCount++;
  }
  if (x) {
    highsMax = Math.max(highsMax, x.seconds);
    if (x.status === 'optimal' && x.objective === row.optimum) highsProven++;
  }
  const status = (r) => (r.status === 'optimal' ? 'proven optimal' : `feasible, bound ${r.bound}`);
  lines.push(`| ${row.name} | ${row.n} | ${row.p} | ${row.optimum} | ${e ? e.objective : '–'} | ${e ? `${status(e)} [${e.solver === 'highs' ? 'HiGHS' : 'Lagrangian'}]` : '–'} | ${e ? e.seconds.toFixed(1) : '–'} | ${x ? `${x.objective}, ${status(x)}` : '–'} | ${x ? x.seconds.toFixed(1) : '–'} | ${median(objectives)} | ${pct(Math.max(...rel))} | ${pct(median(h.map((r) => r.gap)))} | ${median(h.map((r) => r.seconds)).toFixed(2)} |`);
}
lines.push('');
if (!noExact) {
  lines.push(`Exact pipeline: ${provenCount}/${rows.length} proven optimal at the published optimum; slowest ${exactMax.toFixed(1)} s.`);
  lines.push(`HiGHS alone: ${highsProven}/${rows.length} proven optimal at the published optimum; slowest ${highsMax.toFixed(1)} s.`);
}
lines.push(`Heuristic: ${pct(above.reduce((s, v) => s + v, 0) / above.length)} above the optimum on average over all runs, ${pct(Math.max(...worstAbove))} at worst; slowest run ${heuristicMax.toFixed(2)} s.`);
const table = lines.join('\n');
process.stdout.write(`${table}\n`);
mkdirSync(outDir, { recursive: true });
const tag = names.length > 0 ? names.join('-') : 'pmed1-20';
writeFileSync(join(outDir, `pmedian-${tag}.md`), `${table}\n`);
writeFileSync(join(outDir, `pmedian-${tag}.json`), `${JSON.stringify(rows, null, 2)}\n`);
