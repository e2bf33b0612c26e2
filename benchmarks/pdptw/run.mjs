#!/usr/bin/env node
/**
 * PDPTW benchmark: Li & Lim's 100-task instances (56 files) under the SINTEF convention: fewest
 * vehicles first, then total distance (unrounded Euclidean, travel time = distance). Each run is
 * one child process pinned to one core (taskset), reading the file the way `postroute solve
 * --instance` does (parseLiLim → liLimToProblem → createProblem → solve). Every solution is
 * re-checked by the independent checker (packages/core/test/support/check-solution.ts: pairing,
 * precedence, load, windows, fleet), and its distance recomputed here from the raw coordinates.
 * The table gives vehicles against the best known count, and the distance gap where they are equal.
 *
 * The instances are not in the repository (two are, for the tests): pass the folder of a copy
 * laid out as `instances/*.txt` with `bks.csv` beside (default ../shared/benchmarks/pdptw-lilim
 * from the repository root). Build first: npx tsc -b packages/core packages/cli
 *
 * Usage:
 *   node benchmarks/pdptw/run.mjs --dir /path/to/pdptw-lilim --time-limit 60 --parallel 2 --out results.md --json raw.json
 *   node benchmarks/pdptw/run.mjs --dir … --instances lc101,lr104 --max-iterations 2000 --time-limit 600
 *
 * Options: --instances a,b (default all in bks.csv), --time-limit s (60), --max-iterations N (none),
 * --cpu-time (the budget counts CPU seconds of the run's process, for a busy machine), --seeds 1,2
 * (1), --parallel k (2; run k is pinned to core k), --out file.md, --json file.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChecker } from '../vrp/run.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]?.startsWith('--') ? 'true' : all[i + 1] ?? 'true']] : pairs), []));

if (args.job !== undefined) {
  // Child: one run; prints the solution as `solve --json` does, with the CPU seconds used.
  const job = JSON.parse(args.job);
  const core = await import(join(root, 'packages', 'core', 'dist', 'index.js'));
  const text = readFileSync(job.path, 'utf8');
  const problem = core.createProblem(core.liLimToProblem(core.parseLiLim(text, { source: job.name })).problem, { source: job.name });
  const cpuStart = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1e6;
  };
  const options = { seed: job.seed };
  if (job.cpuTime) options.stop = () => cpuSeconds() >= job.timeLimit;
  else options.timeLimit = job.timeLimit;
  if (job.maxIterations !== undefined) options.maxIterations = job.maxIterations;
  const solution = core.solve(problem, options);
  solution.cpuSeconds = cpuSeconds();
  process.stdout.write(JSON.stringify(solution));
  process.exit(0);
}

const dir = args.dir ?? join(root, '..', 'shared', 'benchmarks', 'pdptw-lilim');
const table = readFileSync(join(dir, 'bks.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => {
  const [name, n, bks] = line.split(',');
  const vehicles = Number(/(\d+) vehicles/.exec(line)?.[1]);
  return { name, n: Number(n), bks: Number(bks), vehicles };
});
const names = args.instances ? args.instances.split(',') : table.map((row) => row.name);
const timeLimit = Number(args['time-limit'] ?? 60);
const maxIterations = args['max-iterations'] !== undefined ? Number(args['max-iterations']) : undefined;
const seeds = (args.seeds ?? '1').split(',').map(Number);
const parallel = Math.max(1, Math.min(Number(args.parallel ?? 2), availableParallelism()));
const cpuTime = args['cpu-time'] === 'true';

/** The raw file as the convention reads it: coordinates and demands per task, for recomputing. */
function readRaw(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((l) => l.split(/\s+/).map(Number));
  const [K, Q] = lines[0];
  const tasks = new Map(lines.slice(1).map((row) => [String(row[0]), { x: row[1], y: row[2] }]));
  return { K, Q, tasks };
}

function runChild(job, core) {
  return new Promise((resolve) => {
    const command = ['-c', String(core), process.execPath, fileURLToPath(import.meta.url), '--job', JSON.stringify(job)];
    const child = spawn('taskset', command, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('close', (code) => resolve(code === 0 ? { solution: JSON.parse(out) } : { error: `exit ${code}` }));
  });
}

const { checkSolution } = await loadChecker();
const core = await import(join(root, 'packages', 'core', 'dist', 'index.js'));
const jobs = [];
for (const name of names) {
  const row = table.find((r) => r.name === name);
  if (!row) throw new Error(`${name} is not in ${join(dir, 'bks.csv')}`);
  for (const seed of seeds) jobs.push({ name, path: join(dir, 'instances', `${name}.txt`), seed, timeLimit, cpuTime, ...(maxIterations !== undefined ? { maxIterations } : {}), row });
}
process.stderr.write(`${jobs.length} runs, ${timeLimit} s${cpuTime ? ' CPU' : ''}${maxIterations !== undefined ? ` or ${maxIterations} iterations` : ''} each, ${parallel} at a time, load ${loadavg()[0].toFixed(1)}\n`);
const results = [];
let next = 0;
await Promise.all(Array.from({ length: parallel }, async (_, slot) => {
  while (next < jobs.length) {
    const job = jobs[next++];
    const { row, ...childJob } = job;
    const started = Date.now();
    const run = await runChild(childJob, slot);
    const result = { instance: job.name, seed: job.seed, bks: row.bks, bksVehicles: row.vehicles, wallSeconds: (Date.now() - started) / 1000 };
    if (run.error) {
      results.push({ ...result, error: run.error });
      continue;
    }
    const text = readFileSync(job.path, 'utf8');
    const input = core.liLimToProblem(core.parseLiLim(text, { source: job.name })).problem;
    const report = checkSolution(input, run.solution);
    // Distance from the raw coordinates, sharing nothing with the reader.
    const raw = readRaw(text);
    let distance = 0;
    for (const route of run.solution.routes) {
      const path = ['0', ...route.stops, '0'].map((id) => raw.tasks.get(id));
      for (let k = 1; k < path.length; k++) distance += Math.hypot(path[k].x - path[k - 1].x, path[k].y - path[k - 1].y);
    }
    const vehicles = run.solution.routes.length;
    results.push({
      ...result, vehicles, distance, unassigned: run.solution.unassigned.length,
      checked: report.violations.length === 0 && run.solution.unassigned.length === 0 && vehicles <= raw.K, violations: report.violations.slice(0, 3),
      gap: vehicles === row.vehicles ? (100 * (distance - row.bks)) / row.bks : null,
      cpuSeconds: run.solution.cpuSeconds, iterations: run.solution.search?.iterations,
    });
    const last = results[results.length - 1];
    process.stderr.write(`${job.name} seed ${job.seed}: ${vehicles} vehicles (best known ${row.vehicles}), ${distance.toFixed(2)} (${row.bks})${last.gap !== null ? `, gap ${last.gap.toFixed(2)} %` : ''}${last.checked ? '' : ' NOT CHECKED'}\n`);
  }
}));
results.sort((a, b) => a.instance.localeCompare(b.instance) || a.seed - b.seed);

const fmt = (x, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
const lines = [
  `PDPTW Li & Lim (100 tasks), ${timeLimit} s${cpuTime ? ' CPU' : ''}${maxIterations !== undefined ? ` or ${maxIterations} iterations` : ''} per run, seeds ${seeds.join(',')}, ${parallel} at a time (taskset), load at start ${loadavg()[0].toFixed(1)}`,
  '',
  '| instance | seed | vehicles | best known | distance | best known | gap % | checked | CPU s | iterations |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
  ...results.map((r) => (r.error
    ? `| ${r.instance} | ${r.seed} | error: ${r.error} | | | | | | | |`
    : `| ${r.instance} | ${r.seed} | ${r.vehicles} | ${r.bksVehicles} | ${fmt(r.distance)} | ${fmt(r.bks)} | ${fmt(r.gap)} | ${r.checked ? 'yes' : `NO: ${r.violations.join('; ')}`} | ${fmt(r.cpuSeconds, 1)} | ${r.iterations ?? '–'} |`)),
];
const ok = results.filter((r) => !r.error);
const atCount = ok.filter((r) => r.vehicles <= r.bksVehicles);
const equal = ok.filter((r) => r.gap !== null);
const meanGap = equal.length > 0 ? equal.reduce((s, r) => s + r.gap, 0) / equal.length : null;
lines.push('', `Best-known vehicle count (or fewer) on ${atCount.length} of ${results.length} runs (${fmt((100 * atCount.length) / Math.max(1, results.length), 1)} %; target ≥ 90 %); mean distance gap where the count equals: ${fmt(meanGap, 3)} % over ${equal.length} runs (target ≤ 1 %); every run checked: ${ok.every((r) => r.checked) && ok.length === results.length ? 'yes' : 'NO'}.`);
const text = lines.join('\n');
process.stdout.write(`${text}\n`);
if (args.out) {
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${text}\n`);
}
if (args.json) writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
if (ok.length !== results.length || !ok.every((r) => r.checked)) process.exitCode = 1;
