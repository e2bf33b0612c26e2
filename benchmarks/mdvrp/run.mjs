#!/usr/bin/env node
/**
 * MDVRP benchmark (Cordeau, Gendreau & Laporte 1997, type 2): each row is one run of
 *   node packages/cli/dist/main.js solve --instance benchmarks/instances/mdvrp/instances/<name> --time-limit <s> --seed <k> --json
 * so anyone can rerun a row. Every solution is re-checked by the independent checker
 * (packages/core/test/support/check-solution.ts) with the set's own per-depot rules (at most m
 * vehicles per depot, each route back at its depot, load ≤ Q and travel + service ≤ D of that
 * depot), read here straight from the instance file; the cost is recomputed here from the raw
 * coordinates too. Build first: npx tsc -b packages/core packages/cli
 *
 * With --cpu-time the budget is CPU seconds of the solving process instead of wall-clock
 * seconds (the machine is shared: a 60 s wall budget under load is far less than a core-minute).
 * Then each row is one child process of this script that reads the instance the way `solve
 * --instance` does (parseCordeau → cordeauToProblem → createProblem) and calls core's solve with
 * the same options the CLI passes (seed, no other limit) plus a stop rule on process.cpuUsage().
 *
 * Usage: node benchmarks/mdvrp/run.mjs [--instances p01,p02] [--time-limit 60] [--cpu-time] [--seeds 1] [--out results.md] [--json results.json]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChecker } from '../vrp/run.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dir = join(root, 'benchmarks', 'instances', 'mdvrp');
const cli = join(root, 'packages', 'cli', 'dist', 'main.js');

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]?.startsWith('--') ? 'true' : all[i + 1] ?? 'true']] : pairs), []));

if (args.job !== undefined) {
  // Child: one run, budget in CPU seconds of this process; the solution as `solve --json` prints it.
  const job = JSON.parse(args.job);
  const core = await import(join(root, 'packages', 'core', 'dist', 'index.js'));
  const text = readFileSync(job.path, 'utf8');
  const problem = core.createProblem(core.cordeauToProblem(core.parseCordeau(text, { source: job.name })).problem, { source: job.name });
  const cpuStart = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1e6;
  };
  const solution = core.solve(problem, { seed: job.seed, stop: () => cpuSeconds() >= job.timeLimit });
  solution.cpuSeconds = cpuSeconds();
  process.stdout.write(JSON.stringify(solution));
  process.exit(0);
}
const bks = new Map(readFileSync(join(dir, 'bks.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [name, n, value] = line.split(',');
  return [name, { n: Number(n), bks: Number(value) }];
}));
const names = args.instances ? args.instances.split(',') : [...bks.keys()];
const timeLimit = Number(args['time-limit'] ?? 60);
const seeds = (args.seeds ?? '1').split(',').map(Number);
const cpuTime = args['cpu-time'] === 'true';

/** The instance file as the convention reads it: m, per-depot (D, Q), node coordinates and demands. */
function readRaw(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((l) => l.split(/\s+/).map(Number));
  const [, m, n, t] = lines[0];
  const limits = lines.slice(1, 1 + t).map(([D, Q]) => ({ D, Q }));
  const nodes = new Map();
  for (const row of lines.slice(1 + t, 1 + t + n + t)) nodes.set(String(row[0]), { x: row[1], y: row[2], demand: row[4] ?? 0, service: row[3] ?? 0 });
  const depotIds = lines.slice(1 + t + n, 1 + t + n + t).map((row) => String(row[0]));
  return { m, n, t, limits, nodes, depotIds };
}

const { checkSolution } = await loadChecker();
const core = await import(join(root, 'packages', 'core', 'dist', 'index.js'));
const rows = [];
for (const name of names) {
  const path = join(dir, 'instances', name);
  const text = readFileSync(path, 'utf8');
  const raw = readRaw(text);
  const problem = core.cordeauToProblem(core.parseCordeau(text, { source: name })).problem;
  const depotLimits = Object.fromEntries(raw.depotIds.map((id, k) => [id, {
    vehicles: raw.m, capacity: [raw.limits[k].Q], ...(raw.limits[k].D > 0 ? { maxDuration: raw.limits[k].D } : {}),
  }]));
  for (const seed of seeds) {
    const load = loadavg()[0];
    const started = performance.now();
    const command = cpuTime
      ? [fileURLToPath(import.meta.url), '--job', JSON.stringify({ name, path, seed, timeLimit })]
      : [cli, 'solve', '--instance', path, '--time-limit', String(timeLimit), '--seed', String(seed), '--json', '--quiet'];
    const run = spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) {
      rows.push({ name, seed, error: run.stderr.trim().split('\n')[0] });
      continue;
    }
    const solution = JSON.parse(run.stdout);
    const check = checkSolution(problem, solution, { depotLimits, tolerance: 1e-6 });
    // The cost once more, from the raw coordinates: a check on the reader as well.
    let own = 0;
    for (const route of solution.routes) {
      const seq = [route.startDepot, ...route.stops, route.endDepot ?? route.startDepot].map((id) => raw.nodes.get(id));
      for (let k = 1; k < seq.length; k++) own += Math.hypot(seq[k].x - seq[k - 1].x, seq[k].y - seq[k - 1].y);
    }
    const best = bks.get(name)?.bks;
    rows.push({
      name, n: raw.n, depots: raw.t, seed, cost: solution.cost, ownCost: own, bks: best, gap: best ? ((solution.cost - best) / best) * 100 : null,
      routes: solution.routes.length, seconds, cpuSeconds: solution.cpuSeconds ?? null, iterations: solution.search?.iterations ?? null, load, loadEnd: loadavg()[0], feasible: solution.feasible, checked: check.ok && Math.abs(own - solution.cost) < 1e-6 * own,
      violations: check.violations.slice(0, 3),
    });
    const r = rows[rows.length - 1];
    process.stderr.write(`${name} seed ${seed}: ${r.cost.toFixed(2)} (bks ${best}, gap ${r.gap?.toFixed(2)} %), ${seconds.toFixed(1)} s wall${r.cpuSeconds !== null ? `, ${r.cpuSeconds.toFixed(1)} s CPU` : ''}, ${r.iterations} it., checked ${r.checked}\n`);
  }
}
const ok = rows.filter((r) => !r.error);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const lines = [
  `| instance | n | depots | seed | cost | BKS | gap % | routes | iterations | wall s | CPU s | load avg | feasible | checked |`,
  `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |`,
  ...rows.map((r) => r.error ? `| ${r.name} | | | ${r.seed} | error: ${r.error} | | | | | | | | | |`
    : `| ${r.name} | ${r.n} | ${r.depots} | ${r.seed} | ${r.cost.toFixed(2)} | ${r.bks} | ${r.gap.toFixed(2)} | ${r.routes} | ${r.iterations ?? ''} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds === null ? '' : r.cpuSeconds.toFixed(1)} | ${r.load.toFixed(2)} | ${r.feasible ? 'yes' : 'no'} | ${r.checked ? 'yes' : `no: ${r.violations.join('; ')}`} |`),
  '',
  `Mean gap ${mean(ok.map((r) => r.gap)).toFixed(2)} % over ${ok.length} runs (${timeLimit} s${cpuTime ? ' of CPU time' : ' wall'} each, seeds ${seeds.join(',')}); feasible and checked: ${ok.filter((r) => r.feasible && r.checked).length}/${rows.length}; load average (1 min) ${Math.min(...ok.map((r) => r.load)).toFixed(2)}–${Math.max(...ok.map((r) => r.load)).toFixed(2)} at the starts, ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end.`,
];
const table = `${lines.join('\n')}\n`;
process.stdout.write(table);
if (args.out) writeFileSync(args.out, table);
if (args.json) writeFileSync(args.json, `${JSON.stringify(rows, null, 2)}\n`);
