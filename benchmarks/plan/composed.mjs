#!/usr/bin/env node
/**
 * The composed county example (issue 19 §3): `postroute plan` on examples/county-composed/plan.json
 * (two tiers across the week, village stations, door to door from an office, produce bases, today's
 * network, three scenarios; --plan examples/county-composed/plan-daily.json for the daily form) run
 * several times through the real CLI, each in its own child process. Reports every run's wall and
 * CPU seconds (the child's user + system time) and the median wall time, and checks that the runs
 * wrote byte-identical output folders (the run's own "seconds" aside): exit 1 when they did not,
 * naming the first file that differs.
 *
 *   node benchmarks/plan/composed.mjs [--plan examples/county-composed/plan.json] [--runs 3] [--threads 2] [--time-limit S] [--stall-iterations N] [--measure-parts] [--json out.json] [--keep]
 *
 * --measure-parts also plans the base case without its second tier and without door to door from
 * the office (`postroute plan --measure-parts`: what each part saves), two more searches.
 *
 * plan.json stops each search after `timeLimitS` (4 s) of wall clock, so on a busy machine two runs
 * may differ; with `--time-limit 1000 --stall-iterations N` every search ends by its iteration rule
 * and the runs repeat byte for byte (what examples/test/county-composed.test.ts checks with N = 5).
 *
 * Needs the built CLI (npx tsc -b packages/core packages/cli). Wall times on a busy machine are
 * not evidence (the searches stop on a wall-clock limit): the figure that counts is the lead's, on
 * a quiet machine. The target is a median of at most 60 s on a 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const args = { plan: 'examples/county-composed/plan.json', runs: 3, threads: 2, json: undefined, keep: false, search: [] };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--plan') { args.plan = value; i++; }
    else if (key === '--runs') { args.runs = Number(value); i++; }
    else if (key === '--threads') { args.threads = Number(value); i++; }
    else if (key === '--json') { args.json = value; i++; }
    else if (key === '--keep') args.keep = true;
    else if (key === '--measure-parts') args.search.push(key);
    // Handed to `postroute plan` as they are (a run stopped by --stall-iterations, not the clock, repeats byte for byte).
    else if (key === '--time-limit' || key === '--stall-iterations') { args.search.push(key, String(value)); i++; }
    else { console.error(`composed.mjs: unknown argument "${key}" — allowed: --plan FILE, --runs N, --threads N, --time-limit S, --stall-iterations N, --measure-parts, --json FILE, --keep`); process.exit(2); }
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) { console.error('composed.mjs: --runs must be a whole number of at least 1'); process.exit(2); }
  return args;
}

/** Every file of an output folder, its run seconds blanked (the one figure that may differ). */
function folderFiles(dir) {
  const found = new Map();
  const walk = (sub) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = join(sub, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.set(path, readFileSync(join(dir, path), 'utf8').replace(/"seconds":\s*[\d.]+/g, '"seconds":0'));
    }
  };
  walk('');
  return found;
}

/** The files that differ between two folders (missing on one side counts), sorted. */
function differences(a, b) {
  return [...new Set([...a.keys(), ...b.keys()])].sort().filter((name) => a.get(name) !== b.get(name));
}

/**
 * The new plan's km on an average operating day, routes of the stops (door to door aside): a
 * weekly plan's `after.km` is the whole week's, so it is divided by the operating days.
 */
function kmPerDay(summary) {
  const km = summary.after?.km;
  if (typeof km !== 'number') return null;
  const days = summary.week?.days?.length ?? 1;
  return Math.round((km / days) * 100) / 100;
}

const args = parseArgs(process.argv.slice(2));
const cli = join(root, 'packages', 'cli', 'dist', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'postroute-composed-'));
const runs = [];
try {
  for (let k = 1; k <= args.runs; k++) {
    const out = join(work, `run-${k}`);
    const load = loadavg()[0];
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['-e', `
      const { spawnSync } = require('node:child_process');
      const r = spawnSync(process.execPath, ${JSON.stringify([cli, 'plan', join(root, args.plan), '--out', out, '--quiet', '--threads', String(args.threads), ...args.search])}, { stdio: ['ignore', 'ignore', 'inherit'] });
      // The waited-for child's CPU time (Linux: cutime + cstime in /proc/self/stat, clock ticks).
      let cpu = null;
      try {
        const fields = require('node:fs').readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
        cpu = (Number(fields[13]) + Number(fields[14])) / 100;
      } catch {}
      process.stdout.write(JSON.stringify({ status: r.status, cpu }));
    `], { encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const { status, cpu } = JSON.parse(child.stdout || '{"status":null,"cpu":null}');
    if (status !== 0) { console.error(`run ${k}: postroute plan exited ${status}`); process.exit(1); }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    runs.push({ run: k, wallS: Math.round(wall * 100) / 100, cpuS: cpu, loadAverage: Math.round(load * 100) / 100, kmPerDay: kmPerDay(summary), out });
    console.error(`run ${k}: ${wall.toFixed(1)} s wall, ${cpu ?? '?'} s CPU (load average ${load.toFixed(2)} at start)`);
  }
  const walls = runs.map((r) => r.wallS).sort((a, b) => a - b);
  const median = walls[Math.floor((walls.length - 1) / 2)];
  const first = folderFiles(runs[0].out);
  let identical = true;
  let differs = [];
  for (const r of runs.slice(1)) {
    differs = differences(first, folderFiles(r.out));
    if (differs.length > 0) { identical = false; break; }
  }
  const result = { plan: args.plan, threads: args.threads, runs: runs.map(({ out: _out, ...r }) => r), medianWallS: median, files: first.size, identical, ...(identical ? {} : { differ: differs }) };
  console.log(JSON.stringify(result, null, 2));
  if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  if (!identical) { console.error(`runs differ: ${differs.join(', ')} (first run vs a later one${args.keep ? `; folders kept in ${work}` : ''})`); process.exitCode = 1; }
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}
