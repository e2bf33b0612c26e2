#!/usr/bin/env node
/**
 * Where the search spends its time: solves one instance with per-operator counters on
 * (`debug.operatorStats`) and prints, per local-search move, how often it was evaluated, applied
 * and the seconds spent in it, with the search's iterations per second. For the function-level
 * picture run it under node's profiler:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof benchmarks/vrp/profile.mjs benchmarks/instances/cvrp/X/X-n101-k25.vrp --max-iterations 1000
 *   node benchmarks/vrp/profile.mjs --top /tmp/prof        # self time per function, top 25
 *
 * It runs the compiled package (packages/core/dist): build first with `npx tsc -b packages/core`.
 *
 * Options: --max-iterations N (default 1000), --seed s (default 1), --check (verify every applied
 * move's predicted cost), --no-counters (for --cpu-prof: the counters' clock calls off), --json (machine output), --top DIR [--limit k].
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

function parseArgs(argv) {
  const args = { file: undefined, maxIterations: 1000, seed: 1, check: false, counters: true, json: false, top: undefined, limit: 25 };
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    const value = () => {
      const v = argv[++k];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--max-iterations') args.maxIterations = Number(value());
    else if (flag === '--seed') args.seed = Number(value());
    else if (flag === '--check') args.check = true;
    else if (flag === '--no-counters') args.counters = false;
    else if (flag === '--json') args.json = true;
    else if (flag === '--top') args.top = value();
    else if (flag === '--limit') args.limit = Number(value());
    else if (flag.startsWith('--')) throw new Error(`unknown option ${flag}`);
    else args.file = flag;
  }
  return args;
}

/** Self time per function of the newest .cpuprofile in `dir`. */
function topFunctions(dir, limit) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, files[files.length - 1]), 'utf8'));
  const time = new Map();
  profile.samples.forEach((id, k) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const self = new Map();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (time.get(node.id) ?? 0));
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return ['| self % | function |', '|---:|---|', ...rows.map(([k, v]) => `| ${((100 * v) / total).toFixed(1)} | \`${k}\` |`)].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.top) {
    process.stdout.write(`${topFunctions(args.top, args.limit)}\n`);
    return;
  }
  if (!args.file) throw new Error('give an instance file (.vrp or Solomon .txt)');
  const core = await import('@postroute/core');
  const text = readFileSync(args.file, 'utf8');
  const source = basename(args.file);
  const input = args.file.endsWith('.vrp')
    ? core.vrplibToProblem(core.parseVrplib(text, { source })).problem
    : core.solomonToProblem(core.parseSolomon(text, { source }), { convention: 'truncated' }).problem;
  const problem = core.createProblem(input, { source });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const solution = core.solve(problem, { seed: args.seed, maxIterations: args.maxIterations, debug: { operatorStats: args.counters, check: args.check } });
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (used.user + used.system) / 1e6;
  const ops = solution.search.operators ?? {};
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ instance: source, seed: args.seed, iterations: solution.search.iterations, seconds, cpuSeconds, cost: solution.cost, operators: ops }, null, 2)}\n`);
    return;
  }
  const inOps = Object.values(ops).reduce((a, o) => a + o.seconds, 0);
  const lines = [
    `${source}: ${solution.search.iterations} iterations in ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} s CPU), ${(solution.search.iterations / cpuSeconds).toFixed(1)} iterations per CPU second, cost ${solution.cost}`,
    '',
    '| operator | evaluated | applied | applied % | seconds | µs per evaluation | share of operator time % |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, o] of Object.entries(ops)) {
    if (o.evaluated === 0) continue;
    lines.push(`| ${name} | ${o.evaluated} | ${o.applied} | ${((100 * o.applied) / o.evaluated).toFixed(2)} | ${o.seconds.toFixed(2)} | ${((1e6 * o.seconds) / o.evaluated).toFixed(2)} | ${((100 * o.seconds) / inOps).toFixed(1)} |`);
  }
  lines.push('', `time inside the operators: ${inOps.toFixed(2)} s of ${seconds.toFixed(2)} s (the rest: the local search's loops and screens, Split, crossover, population)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`profile.mjs: ${error.message}\n`);
  process.exit(2);
});
