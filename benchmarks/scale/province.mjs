#!/usr/bin/env node
/**
 * The province batch on one machine: wall-clock time and throughput (counties per minute) of
 * `postroute batch` with 1, 2 and 4 pool threads, and on the Redis queue with 2 workers of one
 * thread each, side by side in the same run, each repeated --runs times (median reported).
 *
 * The province: the three counties of examples/province/ (north-bayreuth, Andorra, the small
 * Neudrossenfeld extract), each twice with seeds 1 and 2, so six jobs of three sizes. Every run
 * uses --fresh so that nothing is reused, and --deterministic; all runs must give the same merged
 * summary (checked). The queue runs start a private redis-server on loopback (Debian's, port
 * 6393 unless --redis-port) and stop it at the end. With --prepared, each county's roads are first
 * prepared once (`postroute prepare`, timed apart) and the counties' plans name the .prn files, so
 * the batch loads each county's network instead of building it (the merged summary must be the
 * same as on the raw roads: run both and compare the tables).
 *
 *   npx -y pnpm@10 run build && node benchmarks/scale/province.mjs [--runs 3] [--modes pool1,pool2,pool4,queue2] [--prepared]
 *
 * Writes benchmarks/scale/province-results.json (province-prepared-results.json with --prepared)
 * and prints a Markdown table.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const main = join(root, 'packages/cli/dist/main.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
if (process.argv.includes('--help')) {
  process.stdout.write('node benchmarks/scale/province.mjs [--runs 3] [--modes pool1,pool2,pool4,queue2] [--redis-port 6393] [--prepared]\n');
  process.exit(0);
}
const runs = Number(arg('runs', '3'));
const modes = arg('modes', 'pool1,pool2,pool4,queue2').split(',');
const redisPort = Number(arg('redis-port', '6393'));
const usePrepared = process.argv.includes('--prepared');

// The benchmark province: each example county twice, seeds 1 and 2, with absolute paths.
const dir = mkdtempSync(join(tmpdir(), 'postroute-province-bench-'));
const sources = [
  ['Neudrossenfeld county', join(root, 'examples/county/plan.json')],
  ['Andorra', join(root, 'examples/province/andorra/plan.json')],
  ['Neudrossenfeld village', join(root, 'examples/province/neudrossenfeld/plan.json')],
];
const counties = [];
// Each distinct roads file prepared once, before anything is timed: roads path -> .prn path.
const prepared = new Map();
const prepareTimes = [];
function preparedRoads(roads) {
  if (!prepared.has(roads)) {
    const out = join(dir, `roads-${prepared.size}.prn`);
    const started = performance.now();
    const result = spawnSync(process.execPath, [main, 'prepare', roads, '--out', out, '--quiet', '--json'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`prepare ${roads}: exit ${result.status}\n${result.stderr}`);
    const facts = JSON.parse(result.stdout);
    prepareTimes.push({ roads, seconds: Math.round((performance.now() - started) / 100) / 10, bytes: facts.bytes, nodes: facts.nodes, edges: facts.edges });
    prepared.set(roads, out);
  }
  return prepared.get(roads);
}
for (const seed of [1, 2]) {
  for (const [name, planPath] of sources) {
    const plan = JSON.parse(readFileSync(planPath, 'utf8'));
    for (const key of ['roads', 'places', 'baseline']) plan[key] = resolve(dirname(planPath), plan[key]);
    if (usePrepared) plan.roads = preparedRoads(plan.roads);
    const file = join(dir, `${name.toLowerCase().replace(/ /g, '-')}-seed${seed}.json`);
    writeFileSync(file, JSON.stringify({ ...plan, seed }, null, 2));
    counties.push({ name: `${name} (seed ${seed})`, plan: file });
  }
}
writeFileSync(join(dir, 'province.json'), JSON.stringify({ name: 'Benchmark province (examples × seeds 1, 2)', counties }, null, 2));

function batch(args, label) {
  const out = join(dir, `out-${label}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [main, 'batch', 'province.json', '--out', out, '--fresh', '--deterministic', '--quiet', ...args], { cwd: dir, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${label}: exit ${result.status}\n${result.stderr}`);
  return { seconds, summary: readFileSync(join(out, 'summary.json'), 'utf8') };
}

let redis;
async function startRedis() {
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start (apt-get install -y redis-server)');
}

async function queueRun(workerCount, label) {
  spawnSync('redis-cli', ['-p', String(redisPort), 'flushall']);
  const url = `redis://127.0.0.1:${redisPort}`;
  const workers = [];
  for (let i = 0; i < workerCount; i++) {
    const child = spawn(process.execPath, [main, 'worker', '--queue', url, '--concurrency', '1'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    await new Promise((done) => child.stderr.on('data', (chunk) => { log += chunk; if (/taking jobs/.test(log)) done(); }));
    workers.push(child);
  }
  // Timed from the enqueue: the workers are already waiting, as they would be on their machines.
  const result = batch(['--queue', url], label);
  for (const child of workers) child.kill('SIGTERM');
  await Promise.all(workers.map((child) => new Promise((done) => (child.exitCode !== null ? done() : child.on('exit', done)))));
  return result;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '' }, counties: counties.length, runs, prepared: usePrepared ? prepareTimes : false, loadStart: loadavg(), modes: {} };
let reference;
try {
  if (modes.some((mode) => mode.startsWith('queue'))) await startRedis();
  for (let run = 0; run < runs; run++) {
    // Modes interleaved within each round, so that load changes hit them all alike.
    for (const mode of modes) {
      const n = Number(mode.replace(/^\D+/, ''));
      const label = `${mode}-${run}`;
      const load = loadavg()[0];
      const { seconds, summary } = mode.startsWith('queue') ? await queueRun(n, label) : batch(['--workers', String(n)], label);
      reference ??= summary;
      if (summary !== reference) throw new Error(`${label}: the merged summary differs from the first run's`);
      (results.modes[mode] ??= { seconds: [], load: [] }).seconds.push(Math.round(seconds * 10) / 10);
      results.modes[mode].load.push(Math.round(load * 100) / 100);
      process.stderr.write(`${label}: ${seconds.toFixed(1)} s (load ${load.toFixed(2)})\n`);
    }
  }
} finally {
  redis?.kill('SIGTERM');
}
results.loadEnd = loadavg();
const base = median(results.modes.pool1?.seconds ?? [NaN]);
const lines = [
  `| executor | runs (s) | median wall s | counties/min | ratio to 1 thread | load (1 min) at start of each run |`,
  '| --- | --- | ---: | ---: | ---: | --- |',
];
for (const [mode, { seconds, load }] of Object.entries(results.modes)) {
  const m = median(seconds);
  const name = mode.startsWith('queue') ? `Redis queue, ${mode.replace(/^\D+/, '')} workers × 1 thread` : `pool, ${mode.replace(/^\D+/, '')} thread${mode === 'pool1' ? '' : 's'}`;
  results.modes[mode].median = m;
  lines.push(`| ${name} | ${seconds.join(', ')} | ${m.toFixed(1)} | ${((counties.length / m) * 60).toFixed(1)} | ${(base / m).toFixed(2)} | ${load.join(', ')} |`);
}
mkdirSync(here, { recursive: true });
writeFileSync(join(here, usePrepared ? 'province-prepared-results.json' : 'province-results.json'), `${JSON.stringify(results, null, 2)}\n`);
if (usePrepared) lines.push('', ...prepareTimes.map((p) => `prepared once: ${p.roads} (${p.nodes} nodes, ${p.edges} edges) in ${p.seconds} s, ${(p.bytes / 1e6).toFixed(1)} MB`));
process.stdout.write(`${lines.join('\n')}\n`);
