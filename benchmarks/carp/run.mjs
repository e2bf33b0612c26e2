#!/usr/bin/env node
/**
 * CARP benchmark runner: solves the CARPLIB instances in benchmarks/instances/carp (gdb, val,
 * kshs) with a time budget and a no-improvement rule per run, re-checks every solution with the
 * independent checker (packages/core/test/support/check-carp.ts, which shares no code with the
 * solver) and prints a markdown table: instance, best known value, found, gap, time, checker.
 *
 * It runs the compiled package (packages/core/dist): build first with
 *   npx tsc -b packages/core
 *
 * Usage:
 *   node benchmarks/carp/run.mjs --set gdb --time-limit 60
 *   node benchmarks/carp/run.mjs --set gdb,val,kshs --time-limit 60 --no-improvement 3000 --out benchmarks/carp/results/results.md
 *
 * Options:
 *   --set S[,S…]          gdb, val, kshs, C, E (default gdb)
 *   --instances a,b       only these instance names (file names without .dat, e.g. gdb1,5D)
 *   --time-limit s        seconds per run (default 60)
 *   --wall                count the budget in wall-clock seconds; by default it is the CPU time of
 *                         this process (process.cpuUsage), so a loaded machine does not shorten runs
 *   --no-improvement N    stop after N iterations without a better solution (default 3000)
 *   --seeds 1,2           seeds, one run each (default 1)
 *   --out file.md         also write the table there
 *   --json file.json      also write every run's figures there
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const instancesDir = join(root, 'benchmarks', 'instances', 'carp');
const checkerSource = join(root, 'packages', 'core', 'test', 'support', 'check-carp.ts');

/** The checker is TypeScript without runtime imports: transpile it once to a cached .mjs. */
async function loadChecker() {
  const text = readFileSync(checkerSource, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'postroute-bench');
  const file = join(dir, `check-carp-${hash}.mjs`);
  if (!existsSync(file)) {
    const ts = (await import('typescript')).default;
    const output = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: 'check-carp.ts',
    }).outputText;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.tmp${process.pid}`, output);
    renameSync(`${file}.tmp${process.pid}`, file);
  }
  return import(pathToFileURL(file).href);
}

function parseArgs(argv) {
  const args = { set: ['gdb'], instances: null, timeLimit: 60, wall: false, noImprovement: 3000, seeds: [1], out: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--set') args.set = next().split(',');
    else if (a === '--instances') args.instances = new Set(next().split(','));
    else if (a === '--time-limit') args.timeLimit = Number(next());
    else if (a === '--wall') args.wall = true;
    else if (a === '--no-improvement') args.noImprovement = Number(next());
    else if (a === '--seeds') args.seeds = next().split(',').map(Number);
    else if (a === '--out') args.out = next();
    else if (a === '--json') args.json = next();
    else if (a === '--help' || a === '-h') {
      process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0].replace(/^#!.*\n\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  for (const s of args.set) if (!['gdb', 'val', 'kshs', 'C', 'E'].includes(s)) throw new Error(`unknown set ${s}: gdb, val, kshs, C or E`);
  return args;
}

function readBks() {
  const map = new Map();
  const lines = readFileSync(join(instancesDir, 'bks.csv'), 'utf8').split(/\r?\n/).slice(1);
  for (const line of lines) {
    const [key, , bks] = line.split(',');
    if (key && bks) map.set(key, Number(bks));
  }
  return map;
}

const natural = (a, b) => a.localeCompare(b, 'en', { numeric: true });

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const core = await import(pathToFileURL(join(root, 'packages', 'core', 'dist', 'index.js')).href);
  const { checkCarpSolution } = await loadChecker();
  const bks = readBks();
  const started = new Date().toISOString();
  const loadStart = loadavg();
  const rows = [];
  for (const set of args.set) {
    const files = readdirSync(join(instancesDir, set)).filter((f) => f.endsWith('.dat')).sort(natural);
    for (const file of files) {
      const name = file.replace(/\.dat$/, '');
      if (args.instances && !args.instances.has(name)) continue;
      const text = readFileSync(join(instancesDir, set, file), 'utf8');
      const instance = core.parseCarplib(text, { source: file });
      const problem = core.createCarpProblem(instance.input, { source: file });
      for (const seed of args.seeds) {
        const cpu0 = process.cpuUsage();
        const wall0 = performance.now();
        const cpuSeconds = () => { const c = process.cpuUsage(cpu0); return (c.user + c.system) / 1e6; };
        let bestAt = 0;
        let bestCost = null;
        const stop = args.wall ? undefined : () => cpuSeconds() >= args.timeLimit;
        const solution = core.solveCarp(problem, {
          seed, noImprovement: args.noImprovement,
          ...(args.wall ? { timeLimit: args.timeLimit } : { stop }),
          onProgress: (e) => { if (e.bestCost !== null && e.bestCost !== bestCost) { bestCost = e.bestCost; bestAt = args.wall ? e.elapsedSeconds : cpuSeconds(); } },
        });
        const seconds = args.wall ? (performance.now() - wall0) / 1000 : cpuSeconds();
        const errors = checkCarpSolution(instance.input, solution);
        const known = bks.get(`${set}/${name}`) ?? null;
        const row = {
          set, instance: instance.name || name, file: `${set}/${file}`, seed, tasks: problem.taskCount,
          bks: known, cost: solution.cost, gap: known ? (solution.cost - known) / known : null,
          routes: solution.routes.length, minVehicles: instance.vehicles, seconds, bestAt, iterations: solution.iterations,
          stoppedBy: seconds >= args.timeLimit - 1e-3 ? 'time' : 'no-improvement',
          checker: errors.length === 0 ? 'ok' : errors.slice(0, 3).join('; '),
        };
        rows.push(row);
        process.stderr.write(`${row.file} seed ${seed}: ${row.cost} (bks ${known}, gap ${row.gap === null ? '-' : (100 * row.gap).toFixed(2)} %) ${seconds.toFixed(1)} s, best at ${bestAt.toFixed(1)} s, ${row.iterations} it, checker ${row.checker}\n`);
      }
    }
  }
  const pct = (x) => (x === null ? '–' : `${(100 * x).toFixed(2)} %`);
  const lines = [];
  lines.push(`CARP benchmark, ${args.seeds.length} seed(s) (${args.seeds.join(', ')}), budget ${args.timeLimit} s ${args.wall ? 'wall-clock' : 'CPU'} per run, stop after ${args.noImprovement} iterations without improvement; ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}; load average at start ${loadStart.map((x) => x.toFixed(2)).join(' ')}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}; started ${started}.`);
  lines.push('');
  lines.push('| instance | tasks | BKS | found | gap | routes (VEHICULOS) | time s | best at s | iterations | stopped by | checker |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const r of rows) {
    lines.push(`| ${r.file}${args.seeds.length > 1 ? ` (seed ${r.seed})` : ''} | ${r.tasks} | ${r.bks ?? '–'} | ${r.cost} | ${pct(r.gap)} | ${r.routes} (${r.minVehicles}) | ${r.seconds.toFixed(1)} | ${r.bestAt.toFixed(1)} | ${r.iterations} | ${r.stoppedBy} | ${r.checker} |`);
  }
  lines.push('');
  lines.push('| set | runs | at BKS | mean gap | max gap | mean time s | checker ok |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const set of args.set) {
    const rs = rows.filter((r) => r.set === set && r.gap !== null);
    if (rs.length === 0) continue;
    const mean = rs.reduce((s, r) => s + r.gap, 0) / rs.length;
    const max = Math.max(...rs.map((r) => r.gap));
    const atBks = rs.filter((r) => r.gap <= 1e-9).length;
    const time = rs.reduce((s, r) => s + r.seconds, 0) / rs.length;
    lines.push(`| ${set} | ${rs.length} | ${atBks} | ${pct(mean)} | ${pct(max)} | ${time.toFixed(1)} | ${rs.filter((r) => r.checker === 'ok').length} |`);
  }
  const table = `${lines.join('\n')}\n`;
  process.stdout.write(table);
  if (args.out) writeFileSync(args.out, table);
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ args: { ...args, instances: args.instances ? [...args.instances] : null }, started, loadStart, loadEnd: loadavg(), rows }, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`carp benchmark: ${error.message}\n`);
  process.exit(1);
});
