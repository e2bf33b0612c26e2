#!/usr/bin/env node
/**
 * Periodic VRP benchmark: Cordeau et al. (1997) instances in benchmarks/instances/pvrp/, solved by
 * `solvePeriodic` (the compiled core), every result re-checked by the independent checker
 * (packages/core/test/support/check-solution.ts, `checkPeriodicSolution`) against the instance
 * read here by hand, not through the reader under test; gap to the best known value in bks.csv.
 *
 *   node benchmarks/pvrp/run.mjs [--all | --instances p02,p04] [--time-limit 60] [--max-iterations N]
 *                                [--cpu-limit S] [--seed 1] [--repeat] [--parallel K]
 *                                [--json results.json] [--from results.json] [--core DIR]
 *
 * --all (the default) runs the 21 instances of bks.csv. --repeat runs each instance twice with
 * the same seed and says whether the two plans are identical (meaningful with --max-iterations
 * only: a time limit depends on the machine). --parallel K runs K instances at a time, each in
 * its own process pinned to one core with `taskset -c` (cores 0 … K-1), so that no two searches
 * share a core; without it, one instance at a time in this process. `uptime`'s load, the CPU
 * seconds and the generations of each run are recorded. --cpu-limit S stops each search after S
 * seconds of its process's CPU time instead of wall time (comparisons on a loaded machine).
 * --core DIR solves with another build of the core (a copy of packages/core/dist, for A/B
 * comparisons). --json writes the raw results and, beside them (same name, .md), the table.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChecker } from '../vrp/run.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dir = join(root, 'benchmarks', 'instances', 'pvrp');

function parseArgs(argv) {
  const args = { timeLimit: 60, seed: 1, repeat: false };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--instances') { args.instances = value.split(','); i++; }
    else if (key === '--time-limit') { args.timeLimit = Number(value); i++; }
    else if (key === '--max-iterations') { args.maxIterations = Number(value); i++; }
    else if (key === '--cpu-limit') { args.cpuLimit = Number(value); i++; }
    else if (key === '--seed') { args.seed = Number(value); i++; }
    else if (key === '--json') { args.json = value; i++; }
    else if (key === '--from') { args.from = value; i++; }
    else if (key === '--repeat') args.repeat = true;
    else if (key === '--all') args.instances = undefined;
    else if (key === '--parallel') { args.parallel = Number(value); i++; }
    else if (key === '--core') { args.core = value; i++; }
    else if (key === '--help') {
      process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${key}`);
  }
  return args;
}

function readBks() {
  const lines = readFileSync(join(dir, 'bks.csv'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const out = new Map();
  for (const line of lines.slice(1)) {
    const [instance, n, bks] = line.split(',');
    out.set(instance, { n: Number(n), bks: Number(bks) });
  }
  return out;
}

/** The instance as the checker's problem, read directly from Cordeau's format (type 1). */
function byHand(text) {
  const rows = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((l) => l.split(/\s+/).map(Number));
  const [, m, n, t] = rows[0];
  const limits = rows.slice(1, 1 + t);
  const nodes = rows.slice(1 + t, 2 + t + n);
  const distinct = new Set(limits.map((l) => l.join('/')));
  if (distinct.size > 1) throw new Error('byHand: days with different limits are not handled here');
  const [D, Q] = limits[0];
  return {
    horizon: t,
    depots: [{ id: String(nodes[0][0]), location: 0 }],
    stops: nodes.slice(1).map((r, k) => {
      const codes = r.slice(7, 7 + r[6]);
      const size = (c) => [...c.toString(2)].filter((b) => b === '1').length;
      // Frequency 0 with one-day combinations (p11's customer 131): the combinations decide.
      if (r[5] !== 0 && codes.some((c) => size(c) !== r[5])) throw new Error(`customer ${r[0]}: combination size ≠ frequency`);
      return {
        id: String(r[0]), location: k + 1, delivery: [r[4]], ...(r[3] > 0 ? { serviceTime: r[3] } : {}),
        patterns: codes.map((c) => Array.from({ length: t }, (_, d) => d + 1).filter((d) => (c >> (t - d)) & 1)),
      };
    }),
    vehicleTypes: [{ id: 'vehicle', count: m, capacity: [Q], startDepot: String(nodes[0][0]), ...(D > 0 ? { maxDuration: D } : {}) }],
    matrix: { size: nodes.length, distances: nodes.map((a) => nodes.map((b) => Math.hypot(a[1] - b[1], a[2] - b[2]))) },
  };
}

function table(results) {
  const rows = [
    '| instance | n | days | m/day | BKS | cost | gap % | time s | CPU s | generations | feasible | checked | load | same plan twice |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|:---:|---:|:---:|',
  ];
  const opt = (x, digits) => (x === undefined ? '–' : x.toFixed(digits));
  for (const r of results) {
    rows.push(`| ${r.instance} | ${r.n} | ${r.days} | ${r.vehicles} | ${r.bks.toFixed(2)} | ${r.cost.toFixed(2)} | ${(100 * r.gap).toFixed(2)} | ${r.seconds.toFixed(1)} | ${opt(r.cpuSeconds, 1)} | ${opt(r.iterations, 0)} | ${r.feasible ? 'yes' : 'NO'} | ${r.checked ? 'yes' : 'NO'} | ${r.load.toFixed(1)} | ${r.same === undefined ? '–' : r.same ? 'yes' : 'NO'} |`);
  }
  const gaps = results.map((r) => r.gap);
  const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)];
  rows.push('');
  const worst = results.reduce((w, r) => (w === null || r.gap > w.gap ? r : w), null);
  rows.push(`${results.length} instance(s): mean gap ${(100 * mean).toFixed(2)} %, median ${(100 * median).toFixed(2)} %, ` +
    `largest ${worst === null ? '–' : `${(100 * worst.gap).toFixed(2)} % (${worst.instance})`}, ` +
    `all feasible: ${results.every((r) => r.feasible) ? 'yes' : 'no'}, all checked: ${results.every((r) => r.checked) ? 'yes' : 'no'}`);
  return rows.join('\n');
}

/** One instance per child process, K at a time, child k pinned to its own core. */
async function runPinned(names, args) {
  const scratch = mkdtempSync(join(tmpdir(), 'pvrp-run-'));
  const passed = [];
  if (args.maxIterations !== undefined) passed.push('--max-iterations', String(args.maxIterations));
  if ((args.maxIterations === undefined && args.cpuLimit === undefined) || process.argv.includes('--time-limit')) passed.push('--time-limit', String(args.timeLimit));
  if (args.cpuLimit !== undefined) passed.push('--cpu-limit', String(args.cpuLimit));
  passed.push('--seed', String(args.seed));
  if (args.core !== undefined) passed.push('--core', args.core);
  if (args.repeat) passed.push('--repeat');
  const results = new Array(names.length);
  let next = 0;
  const worker = async (core) => {
    while (next < names.length) {
      const k = next++;
      const out = join(scratch, `${names[k]}.json`);
      const argv = ['-c', String(core), process.execPath, fileURLToPath(import.meta.url), '--instances', names[k], ...passed, '--json', out];
      const code = await new Promise((resolve) => {
        const child = spawn('taskset', argv, { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('error', (error) => { process.stderr.write(`pvrp/run.mjs: taskset: ${error.message}\n`); resolve(2); });
        child.on('exit', (c) => resolve(c));
      });
      if (code === 2) throw new Error(`${names[k]}: the child run failed (exit 2)`);
      results[k] = { ...JSON.parse(readFileSync(out, 'utf8')).results[0], core };
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.parallel, names.length) }, (_, core) => worker(core)));
  rmSync(scratch, { recursive: true, force: true });
  return results;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.from) {
    process.stdout.write(`${table(JSON.parse(readFileSync(args.from, 'utf8')).results)}\n`);
    return;
  }
  const bks = readBks();
  const names = args.instances ?? [...bks.keys()];
  const startLoad = loadavg()[0];
  const results = args.parallel > 1 ? await runPinned(names, args) : await runHere(names, args, bks);
  if (args.json) {
    const raw = { command: process.argv.slice(2).join(' '), date: new Date().toISOString(), loadAtStart: startLoad, loadAtEnd: loadavg()[0], results };
    writeFileSync(args.json, `${JSON.stringify(raw, null, 2)}\n`);
    writeFileSync(args.json.replace(/\.json$/, '') + '.md', `${table(results)}\n`);
  }
  process.stdout.write(`${table(results)}\n`);
  if (results.some((r) => !r.checked || !r.feasible)) process.exitCode = 1;
}

async function runHere(names, args, bks) {
  const core = await import(args.core !== undefined ? resolve(args.core, 'index.js') : join(root, 'packages', 'core', 'dist', 'index.js'));
  const checker = await loadChecker();
  const results = [];
  for (const name of names) {
    const text = readFileSync(join(dir, 'instances', name), 'utf8');
    const converted = core.cordeauToProblem(core.parseCordeau(text, { source: name }));
    const options = { seed: args.seed };
    if (args.maxIterations !== undefined) options.maxIterations = args.maxIterations;
    if ((args.maxIterations === undefined && args.cpuLimit === undefined) || process.argv.includes('--time-limit')) options.timeLimit = args.timeLimit;
    const load = loadavg()[0];
    let iterations = 0;
    const cpu = process.cpuUsage();
    if (args.cpuLimit !== undefined) {
      // The search's own CPU time, not the wall clock: a loaded machine gives fewer seconds of core.
      const spent = () => { const u = process.cpuUsage(cpu); return (u.user + u.system) / 1e6; };
      options.stop = () => spent() >= args.cpuLimit;
    }
    const start = performance.now();
    const solution = core.solvePeriodic(core.createPeriodicProblem(converted.problem, { source: name }), {
      ...options, onProgress: (event) => { iterations = Math.max(iterations, event.iteration ?? 0); },
    });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const report = checker.checkPeriodicSolution(byHand(text), solution);
    const known = bks.get(name);
    const result = {
      instance: name, n: converted.problem.stops.length, days: converted.problem.horizon, vehicles: converted.problem.vehicleTypes[0].count,
      bks: known.bks, cost: solution.distance, gap: (solution.distance - known.bks) / known.bks, seconds, feasible: solution.feasible,
      checked: report.ok, violations: report.violations.slice(0, 5), load, cpuSeconds, iterations, seed: args.seed,
      // The plan's fingerprint: A/B runs at an iteration limit (--core) show a change of code that
      // must not change behaviour (same fingerprint) without storing the plans.
      sha256: createHash('sha256').update(JSON.stringify(solution)).digest('hex'),
      options: { ...options, ...(args.cpuLimit !== undefined ? { stop: undefined, cpuLimit: args.cpuLimit } : {}) },
    };
    if (args.repeat) {
      const again = core.solvePeriodic(core.createPeriodicProblem(converted.problem, { source: name }), options);
      result.same = JSON.stringify(again) === JSON.stringify(solution);
    }
    results.push(result);
    process.stderr.write(`${name}: ${solution.distance.toFixed(2)} (bks ${known.bks}, gap ${(100 * result.gap).toFixed(2)} %) in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} CPU s, ${iterations} generations), ${report.ok ? 'checked' : `CHECK FAILED: ${report.violations[0]}`}, load ${load.toFixed(1)}\n`);
  }
  return results;
}

main().catch((error) => {
  process.stderr.write(`pvrp/run.mjs: ${error.message}\n`);
  process.exit(2);
});
