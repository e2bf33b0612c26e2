#!/usr/bin/env node
/**
 * VRP benchmark runner: solves the CVRPLIB (X, A, B, P) and Solomon instances in
 * benchmarks/instances with a fixed time budget per run and several seeds, re-checks every
 * result with the independent checker (packages/core/test/support/check-solution.ts, which shares
 * no code with the solver), and prints markdown tables of cost, gap to the best known value,
 * time and routes, with the average gap per set.
 *
 * It runs the compiled package (packages/core/dist): build first with
 *   npx tsc -b packages/core
 *
 * Usage:
 *   node benchmarks/vrp/run.mjs --set A --time-limit 5 --seeds 1,2,3
 *   node benchmarks/vrp/run.mjs --set X,A,B,P,solomon --time-limit 60 --seeds 1,2,3 --parallel 2 --out results.md
 *   node benchmarks/vrp/run.mjs --set solomon --instances C101,R101 --time-limit 10 --solomon truncated
 *
 * Options:
 *   --set S[,S…]        X, A, B, P, CMT, solomon (default A)
 *   --instances a,b     only these instance names
 *   --max-n N           only instances with at most N customers
 *   --time-limit s      seconds per run (default 10)
 *   --time-per-customer s  instead: n × s seconds per run (the issue's budget for 400 < n ≤ 1000
 *                       is 0.24)
 *   --max-iterations N  also stop after N iterations (optional)
 *   --seeds 1,2,3       seeds, one run each (default 1,2,3)
 *   --parallel k        runs at once, in worker threads (default 1; timings are per run)
 *   --solomon c[,c]     Solomon conventions: truncated (distance-only BKS), unrounded
 *                       (fewest vehicles then distance) (default both)
 *   --out file.md       also write the tables there
 *   --json file.json    also write every run's figures there
 *   --from a.json[,b.json]  print the tables of earlier --json outputs instead of running
 *   --instances-dir dir another folder laid out like benchmarks/instances (index.csv, same
 *                       columns), e.g. a holdout set; CMT rows use the vrplib/CMT*.vrp copies
 *   --threads N         worker threads per postroute run (islands, default 1). With --peer and
 *                       N > 1 the pair runs one after the other, postroute alone on N cores with a
 *                       wall-clock budget, then HGS-CVRP on one core with the same seconds (equal
 *                       wall time, the issue's "every core" comparison)
 *   --half ours|peer    with --peer and --threads N > 1: run only postroute's runs or only the
 *                       peer's (the two halves run one after the other anyway; the peer's half,
 *                       one thread on core 1, can then run while core 0 does other single-thread
 *                       work); --from ours.json,peer.json prints the table of both
 *   --peer-core k       with --half peer: the core the peer is pinned to (0 or 1, default 1), so that
 *                       two seeds of the peer's half can run at once, one per core
 *   --cpu-time          budget in CPU seconds of the solving process (process.cpuUsage) instead
 *                       of wall-clock seconds; set by --peer. With --threads N (no --peer) the
 *                       process gets N × the budget: each island the CPU seconds of one thread,
 *                       which is equal wall time on N free cores, measurable on a busy machine
 *   --peer hgs=PATH     also run HGS-CVRP (vidalt/HGS-CVRP, built by you from its public sources;
 *                       nothing of it is in this repository) on the same CVRP instances and seeds,
 *                       side by side: postroute pinned to core 0, HGS-CVRP to core 1 (taskset), at
 *                       the same time, both with the same CPU-time budget (HGS-CVRP's -t is CPU
 *                       time; postroute stops when its process has used that much CPU). Runs one
 *                       pair at a time; sets other than X, A, B, P run without the peer. The tables
 *                       then give both gaps, the ratio of gaps and both solvers' iterations per
 *                       CPU second. HGS-CVRP's solutions are re-checked like postroute's.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const defaultInstancesDir = join(root, 'benchmarks', 'instances');
const checkerSource = join(root, 'packages', 'core', 'test', 'support', 'check-solution.ts');

/**
 * The checker is TypeScript without runtime imports; transpile it once to a cached .mjs so that
 * plain node can load it (the benchmark must not depend on the solver for its verdict).
 */
export async function loadChecker() {
  const text = readFileSync(checkerSource, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'postroute-bench');
  const file = join(dir, `check-solution-${hash}.mjs`);
  if (!existsSync(file)) {
    const ts = (await import('typescript')).default;
    const output = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: 'check-solution.ts',
    }).outputText;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.tmp${process.pid}`, output);
    // rename is atomic: parallel workers never read a half-written file
    (await import('node:fs')).renameSync(`${file}.tmp${process.pid}`, file);
  }
  return import(pathToFileURL(file).href);
}

function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') { cell += '"'; k++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}

function readCsv(path) {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((line) => Object.fromEntries(parseCsvLine(line).map((v, k) => [header[k], v])));
}

// ---------------------------------------------------------------------------------------------
// Worker: one run = read, convert, solve, check.

async function runJob(job, core, checker) {
  const text = readFileSync(join(job.dir, job.file), 'utf8');
  let converted;
  if (job.format === 'solomon') {
    converted = core.solomonToProblem(core.parseSolomon(text, { source: basename(job.file) }), { convention: job.convention });
  } else if (job.file.toLowerCase().endsWith('.vrp')) {
    converted = core.vrplibToProblem(core.parseVrplib(text, { source: basename(job.file) }));
  } else {
    throw new Error(`${job.file}: only VRPLIB .vrp files are read for CVRP sets`);
  }
  const input = converted.problem;
  const problem = core.createProblem(input, { source: basename(job.file) });
  const options = { seed: job.seed, threads: job.threads ?? 1 };
  const cpuStart = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1e6;
  };
  // CPU time of this process, as HGS-CVRP's -t (clock()) counts it; on N threads N times the
  // budget, so that each island has the seconds one thread has (equal wall time on N free cores).
  if (job.cpuTime) options.stop = () => cpuSeconds() >= job.timeLimit * (job.threads ?? 1);
  else options.timeLimit = job.timeLimit;
  if (job.maxIterations !== undefined) options.maxIterations = job.maxIterations;
  const started = process.hrtime.bigint();
  const solution = core.solve(problem, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuSeconds();
  const report = checker.checkSolution(input, solution);
  return {
    ...job,
    cost: solution.cost,
    distance: solution.distance,
    routes: solution.routes.length,
    unassigned: solution.unassigned.length,
    feasible: solution.feasible,
    checked: report.ok,
    violations: report.violations.slice(0, 5),
    seconds,
    cpuSeconds: cpu,
    iterations: solution.search?.iterations,
  };
}

/** The problem of a CVRP job as postroute reads it (for scoring the peer's routes the same way). */
function readProblem(job, core) {
  const text = readFileSync(join(job.dir, job.file), 'utf8');
  return core.vrplibToProblem(core.parseVrplib(text, { source: basename(job.file) })).problem;
}

/**
 * One HGS-CVRP run pinned to `cpu`: its routes (customers 1…n = VRPLIB node ids 2…n+1, the depot
 * being node 1) are re-evaluated by postroute's plan evaluator and re-checked by the independent
 * checker, so both solvers are scored by the same rules.
 */
async function runPeer(job, peer, cpu, core, checker) {
  const { spawn } = await import('node:child_process');
  const solFile = join(tmpdir(), `postroute-peer-${process.pid}-${job.order}.sol`);
  const args = ['-c', String(cpu), peer.path, join(job.dir, job.file), solFile, '-t', String(job.timeLimit), '-seed', String(job.seed), '-round', '1', '-log', '1'];
  if (job.fixedFleet !== undefined) args.push('-veh', String(job.fixedFleet));
  const started = process.hrtime.bigint();
  const stdout = await new Promise((resolve, reject) => {
    const child = spawn('taskset', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => { text += chunk; });
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const finished = /FINISHED AFTER (\d+) ITERATIONS\. TIME SPENT: ([\d.]+)/.exec(stdout);
  if (!existsSync(solFile)) return { ...job, solver: peer.name, error: `no solution file (${stdout.split('\n').filter((l) => /EXCEPTION|ERROR/i.test(l))[0] ?? 'see its output'})` };
  const text = readFileSync(solFile, 'utf8');
  (await import('node:fs')).unlinkSync(solFile);
  const routes = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^Route #\d+:(.*)$/.exec(line);
    if (m) routes.push({ vehicleType: 'vehicle', stops: m[1].trim().split(/\s+/).filter(Boolean).map((c) => String(Number(c) + 1)) });
  }
  const input = readProblem(job, core);
  const evaluated = core.evaluatePlan(core.createProblem(input), routes);
  const report = checker.checkSolution(input, evaluated);
  return {
    ...job,
    solver: peer.name,
    cost: evaluated.cost,
    distance: evaluated.distance,
    routes: evaluated.routes.length,
    unassigned: evaluated.unassigned.length,
    feasible: evaluated.feasible,
    checked: report.ok,
    violations: report.violations.slice(0, 5),
    seconds,
    cpuSeconds: finished ? Number(finished[2]) : undefined,
    iterations: finished ? Number(finished[1]) : undefined,
    reportedCost: Number(/Cost\s+([\d.]+)/.exec(text)?.[1]),
  };
}

/** postroute in a child process pinned to `cpu` (worker threads cannot be pinned). */
async function runPinned(job, cpu) {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn('taskset', ['-c', String(cpu), process.execPath, fileURLToPath(import.meta.url), '--job', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => { text += chunk; });
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve({ ...job, error: `postroute run exited with code ${code}` });
      }
    });
  });
}

/** Side by side: each job's postroute and peer runs start together, one pair at a time. */
async function runSideBySide(jobs, peer, half, peerCore = 1) {
  const core = await import('@postroute/core');
  const checker = await loadChecker();
  const results = [];
  const started = Date.now();
  for (const job of jobs) {
    const peerJob = PEER_SETS.has(job.set);
    // On several threads postroute needs the cores to itself: the pair runs one after the other.
    const [ours, theirs] = job.threads > 1
      ? [half === 'peer' ? undefined : await runPinned(job, `0-${job.threads - 1}`), peerJob && half !== 'ours' ? await runPeer(job, peer, peerCore, core, checker) : undefined]
      : await Promise.all([runPinned(job, 0), peerJob ? runPeer(job, peer, 1, core, checker) : undefined]);
    for (const r of [ours, theirs]) {
      if (r === undefined) continue;
      results.push(r);
      const line = r.error
        ? `ERROR ${r.error}`
        : `distance ${fmt(r.distance)} gap ${fmtPct(gapOf(r))} ${r.iterations ?? '?'} it. in ${fmt(r.cpuSeconds)} s CPU (${r.seconds.toFixed(1)} s wall) ${r.checked ? 'checked' : `CHECK FAILED: ${r.violations.join('; ')}`}`;
      process.stderr.write(`[${results.length}, ${((Date.now() - started) / 1000).toFixed(0)} s] ${r.solver ?? 'postroute'} ${r.instance} seed ${r.seed}: ${line}\n`);
    }
  }
  return results;
}

const PEER_SETS = new Set(['X', 'A', 'B', 'P']);

async function workerMain() {
  const core = await import('@postroute/core');
  const checker = await loadChecker();
  parentPort.on('message', async (job) => {
    try {
      parentPort.postMessage({ ok: true, result: await runJob(job, core, checker) });
    } catch (error) {
      parentPort.postMessage({ ok: false, job, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Main: choose instances, run the pool, print tables.

function parseArgs(argv) {
  const args = {
    set: ['A'], instances: undefined, maxN: Infinity, timeLimit: 10, maxIterations: undefined, seeds: [1, 2, 3],
    parallel: 1, solomon: ['truncated', 'unrounded'], out: undefined, json: undefined, from: undefined,
    instancesDir: defaultInstancesDir, cpuTime: false, peer: undefined, job: undefined, threads: 1, half: undefined, peerCore: 1,
  };
  const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    const value = argv[k + 1];
    const need = () => {
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
      k++;
      return value;
    };
    const positive = (v, name) => {
      const x = Number(v);
      if (!(x > 0)) throw new Error(`${name} must be a positive number, got ${v}`);
      return x;
    };
    switch (flag) {
      case '--set': args.set = list(need()); break;
      case '--instances': args.instances = new Set(list(need())); break;
      case '--max-n': args.maxN = positive(need(), flag); break;
      case '--time-limit': args.timeLimit = positive(need(), flag); break;
      case '--time-per-customer': args.timePerCustomer = positive(need(), flag); break;
      case '--max-iterations': args.maxIterations = positive(need(), flag); break;
      case '--seeds': args.seeds = list(need()).map((s) => { if (!/^\d+$/.test(s)) throw new Error(`bad seed ${s}`); return Number(s); }); break;
      case '--parallel': args.parallel = Math.floor(positive(need(), flag)); break;
      case '--solomon': args.solomon = list(need()); break;
      case '--out': args.out = need(); break;
      case '--json': args.json = need(); break;
      case '--from': args.from = list(need()); break;
      case '--instances-dir': args.instancesDir = need(); break;
      case '--cpu-time': args.cpuTime = true; break;
      case '--threads': args.threads = Math.floor(positive(need(), flag)); break;
      case '--peer-core': args.peerCore = Number(need()); if (![0, 1].includes(args.peerCore)) throw new Error(`--peer-core is 0 or 1, got ${args.peerCore}`); break;
      case '--half': args.half = need(); if (!['ours', 'peer'].includes(args.half)) throw new Error(`--half is ours or peer, got ${args.half}`); break;
      case '--peer': {
        const m = /^(hgs)=(.+)$/.exec(need());
        if (!m) throw new Error('--peer takes hgs=PATH (a built HGS-CVRP binary)');
        if (!existsSync(m[2])) throw new Error(`--peer: no file ${m[2]}`);
        args.peer = { name: 'hgs-cvrp', path: m[2] };
        args.cpuTime = true;
        break;
      }
      case '--job': args.job = JSON.parse(need()); break;
      case '--help': case '-h':
        process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0].replace(/^#!.*\n\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (args.half !== undefined && !(args.peer && args.threads > 1)) throw new Error('--half needs --peer and --threads N > 1 (the halves of the every-core comparison)');
  if (args.peerCore !== 1 && args.half !== 'peer') throw new Error('--peer-core needs --half peer (side by side, the peer takes core 1 and postroute core 0)');
  for (const s of args.set) {
    if (!['X', 'A', 'B', 'P', 'CMT', 'solomon'].includes(s)) throw new Error(`unknown set ${s} (X, A, B, P, CMT, solomon)`);
  }
  for (const c of args.solomon) {
    if (!['truncated', 'unrounded'].includes(c)) throw new Error(`unknown Solomon convention ${c} (truncated, unrounded)`);
  }
  return args;
}

const SET_OF = { 'CVRP-X': 'X', 'CVRP-A': 'A', 'CVRP-B': 'B', 'CVRP-P': 'P', 'CVRP-CMT': 'CMT', 'VRPTW-Solomon': 'solomon' };

function selectJobs(args) {
  const instancesDir = args.instancesDir;
  const index = readCsv(join(instancesDir, 'index.csv'));
  const bksTable = join(instancesDir, 'vrptw', 'solomon', 'bks.csv');
  const solomonBks = new Map(existsSync(bksTable) ? readCsv(bksTable).map((r) => [r.instance, r]) : []);
  const rows = index.filter((r) => args.set.includes(SET_OF[r.set]) && Number(r.n) <= args.maxN && (!args.instances || args.instances.has(r.instance)));
  if (args.instances) {
    for (const name of args.instances) if (!rows.some((r) => r.instance === name)) throw new Error(`instance ${name} is not in the selected sets`);
  }
  const jobs = [];
  for (const row of rows) {
    const set = SET_OF[row.set];
    const conventions = set === 'solomon' ? args.solomon : ['nint'];
    for (const convention of conventions) {
      const table = set === 'solomon' ? `solomon-${convention}` : set;
      let bks = Number(row.bks);
      let bksVehicles;
      const notes = /BKS solution has (\d+) routes/.exec(row.notes ?? '');
      if (notes) bksVehicles = Number(notes[1]);
      if (set === 'solomon') {
        const b = solomonBks.get(row.instance);
        if (!b) throw new Error(`${row.instance}: no row in ${bksTable}`);
        if (convention === 'unrounded') {
          bks = Number(b.bks_hier_distance_unrounded);
          bksVehicles = Number(b.bks_hier_vehicles);
        } else if (b.routes_in_trunc1_bks !== '') bksVehicles = Number(b.routes_in_trunc1_bks);
      } else if (set !== 'X') {
        bksVehicles = Number(row.vehicles_or_p);
      }
      // CMT: vrpnc*.txt rows point at the OR-Library format; read the VRPLIB copy instead.
      let file = row.file;
      if (set === 'CMT' && !file.endsWith('.vrp')) {
        const number = /vrpnc(\d+)/.exec(file)?.[1];
        const copy = number ? join(dirname(dirname(file)), 'vrplib', `CMT${number}.vrp`) : undefined;
        if (!copy || !existsSync(join(instancesDir, copy))) throw new Error(`${row.instance}: ${file} is not a VRPLIB file and no vrplib/CMT copy was found`);
        file = copy;
      }
      for (const seed of args.seeds) {
        jobs.push({
          order: jobs.length, table, set, instance: row.instance, dir: instancesDir, file, n: Number(row.n), format: set === 'solomon' ? 'solomon' : 'vrplib',
          convention, bks, bksVehicles, seed, timeLimit: args.timePerCustomer ? Math.round(Number(row.n) * args.timePerCustomer * 100) / 100 : args.timeLimit, maxIterations: args.maxIterations, cpuTime: args.cpuTime && !(args.peer && args.threads > 1), threads: args.threads,
          // A, B, P: the fleet is fixed at k (postroute reads it from the name; HGS-CVRP is told).
          fixedFleet: ['A', 'B', 'P'].includes(set) ? Number(row.vehicles_or_p) : undefined,
        });
      }
    }
  }
  return jobs;
}

function runPool(jobs, parallel) {
  return new Promise((resolve) => {
    const results = [];
    let next = 0;
    let running = 0;
    const total = jobs.length;
    const started = Date.now();
    if (total === 0) { resolve(results); return; }
    const record = (r) => {
      results.push(r);
      const elapsed = ((Date.now() - started) / 1000).toFixed(0);
      const line = r.error
        ? `ERROR ${r.error}`
        : `cost ${fmt(r.cost)} distance ${fmt(r.distance)} routes ${r.routes} gap ${fmtPct(gapOf(r))} ${r.seconds.toFixed(1)} s ${r.checked ? 'checked' : `CHECK FAILED: ${r.violations.join('; ')}`}`;
      process.stderr.write(`[${results.length}/${total}, ${elapsed} s] ${r.table} ${r.instance} seed ${r.seed}: ${line}\n`);
    };
    const feed = (worker, state) => {
      if (next >= total) {
        state.job = undefined;
        worker.terminate();
        if (running === 0) resolve(results);
        return;
      }
      state.job = jobs[next++];
      running++;
      worker.postMessage(state.job);
    };
    // A worker that dies (out of memory, a crash in native code) costs its one run, not the table.
    const start = () => {
      const worker = new Worker(fileURLToPath(import.meta.url), { argv: ['--worker'] });
      const state = { job: undefined };
      worker.on('message', (message) => {
        running--;
        record(message.ok ? message.result : { ...message.job, error: message.error });
        feed(worker, state);
      });
      const died = (reason) => {
        if (state.job === undefined) return;
        running--;
        record({ ...state.job, error: `worker died: ${reason}` });
        state.job = undefined;
        if (next < total) start();
        else if (running === 0) resolve(results);
      };
      worker.on('error', (error) => died(error.message ?? String(error)));
      worker.on('exit', (code) => died(`exit code ${code}`));
      feed(worker, state);
    };
    for (let w = 0; w < Math.min(parallel, total); w++) start();
  });
}

const fmt = (x) => (x === undefined || x === null || Number.isNaN(x) ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(2));
const fmtPct = (x) => (x === undefined || Number.isNaN(x) ? "–" : (100 * x).toFixed(2).replace(/^-(0\.00)$/, "$1"));
const gapOf = (r) => (r.distance - r.bks) / r.bks;
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

const TITLES = {
  X: 'CVRP-X (Uchoa et al. 2017): arcs rounded to the nearest integer, unlimited fleet; BKS from the .sol files',
  A: 'CVRP-A (Augerat et al. 1995): nint arcs, fleet fixed at k; BKS = proven optimum',
  B: 'CVRP-B (Augerat et al. 1995): nint arcs, fleet fixed at k; BKS = proven optimum',
  P: 'CVRP-P (Augerat et al. 1995): nint arcs, fleet fixed at k; BKS = proven optimum',
  CMT: 'CVRP-CMT (Christofides, Mingozzi & Toth 1979): unrounded arcs, unlimited fleet, route duration limit and service times',
  'solomon-truncated': 'VRPTW Solomon, distance-only: arcs truncated to 0.1, any number of vehicles (25 available); BKS = `bks` of index.csv',
  'solomon-unrounded': 'VRPTW Solomon, hierarchical: fewest vehicles, then unrounded distance; BKS = SINTEF table (bks.csv)',
};

const itPerSecond = (r) => (r.iterations !== undefined && r.cpuSeconds > 0 ? r.iterations / r.cpuSeconds : NaN);
const fmtRate = (x) => (Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

/**
 * postroute beside the peer, per instance: median gap over the seeds of each, their difference
 * and ratio, and iterations per CPU second of each (both ran at the same time on their own core).
 */
function sideBySide(results, peerName) {
  const ours = results.filter((r) => !r.solver && PEER_SETS.has(r.set));
  const theirs = results.filter((r) => r.solver === peerName);
  if (theirs.length === 0) return [];
  const threads = Math.max(1, ...ours.map((r) => r.threads ?? 1));
  const ok = (r) => !r.error && r.checked && r.feasible && r.unassigned === 0;
  const out = [
    threads > 1
      ? `### Every core against ${peerName}: postroute on ${threads} threads (cores 0-${threads - 1}, wall-clock budget), then ${peerName} alone on core 1 for the same seconds (its -t), one after the other`
      : `### Side by side with ${peerName} (same instances, seeds and CPU-time budget, each pinned to its own core, run at the same time)`,
    '',
    '| instance | n | BKS | postroute gap % (median) | HGS-CVRP gap % (median) | difference (pp) | ratio | postroute it/s | HGS-CVRP it/s | it/s ratio | runs ok |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  const diffs = [];
  const gapsOurs = [];
  const gapsTheirs = [];
  const names = [...new Set(ours.map((r) => `${r.table}\u0000${r.instance}`))];
  for (const key of names) {
    const [table, name] = key.split('\u0000');
    const a = ours.filter((r) => r.table === table && r.instance === name);
    const b = theirs.filter((r) => r.table === table && r.instance === name);
    const aOk = a.filter(ok);
    const bOk = b.filter(ok);
    const ga = aOk.length ? median(aOk.map(gapOf)) : NaN;
    const gb = bOk.length ? median(bOk.map(gapOf)) : NaN;
    const ra = median(a.map(itPerSecond).filter((x) => !Number.isNaN(x)));
    const rb = median(b.map(itPerSecond).filter((x) => !Number.isNaN(x)));
    if (!Number.isNaN(ga) && !Number.isNaN(gb)) {
      diffs.push(ga - gb);
      gapsOurs.push(ga);
      gapsTheirs.push(gb);
    }
    const ratio = gb > 0 ? (ga / gb).toFixed(2) : '–';
    out.push(`| ${name} | ${a[0].n} | ${fmt(a[0].bks)} | ${fmtPct(ga)} | ${fmtPct(gb)} | ${Number.isNaN(ga - gb) ? '–' : (100 * (ga - gb)).toFixed(2)} | ${ratio} | ${fmtRate(ra)} | ${fmtRate(rb)} | ${rb > 0 && ra > 0 ? (rb / ra).toFixed(2) : '–'} | ${aOk.length}/${a.length}, ${bOk.length}/${b.length} |`);
  }
  out.push('');
  if (diffs.length) {
    out.push(`**side by side**: mean of the median gaps over ${diffs.length} instances: postroute ${fmtPct(mean(gapsOurs))} %, ${peerName} ${fmtPct(mean(gapsTheirs))} %; postroute above ${peerName} by ${(100 * mean(diffs)).toFixed(2)} percentage points on average. "it/s ratio" = ${peerName}'s iterations per CPU second ÷ postroute's.`, '');
  }
  return out;
}

function tables(results, args) {
  const peerName = args.peer?.name ?? [...new Set(results.map((r) => r.solver).filter(Boolean))][0];
  const peerResults = results;
  results = results.filter((r) => !r.solver);
  const out = [];
  const order = ['X', 'A', 'B', 'P', 'CMT', 'solomon-truncated', 'solomon-unrounded'];
  const summary = [];
  for (const table of order) {
    // Index order, whatever order the runs finished in.
    const rows = results.filter((r) => r.table === table).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    if (rows.length === 0) continue;
    const hier = table === 'solomon-unrounded';
    out.push(`### ${TITLES[table]}`, '');
    out.push(hier
      ? '| instance | n | BKS veh. | BKS dist. | best veh. | best dist. | mean veh. | mean dist. | gap best % | gap mean % | time s (median) | feasible & checked |'
      : '| instance | n | BKS | best | mean | gap best % | gap mean % | routes (best) | BKS routes | time s (median) | iterations (median) | feasible & checked |');
    out.push(hier ? '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|' : '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    const names = [...new Set(rows.map((r) => r.instance))];
    const gapsBest = [];
    const gapsMean = [];
    const excluded = [];
    let good = 0;
    let runs = 0;
    for (const name of names) {
      const runsOf = rows.filter((r) => r.instance === name).sort((a, b) => a.seed - b.seed);
      const ok = runsOf.filter((r) => !r.error && r.checked && r.feasible && r.unassigned === 0);
      runs += runsOf.length;
      good += ok.length;
      const first = runsOf[0];
      const errors = runsOf.filter((r) => r.error).map((r) => r.error);
      if (ok.length === 0) {
        out.push(`| ${name} | ${first.n} | ${hier ? `${first.bksVehicles} | ` : ''}${fmt(first.bks)} | ${hier ? '– | – | – | – | – | – |' : '– | – | – | – | – | –'} | – | 0/${runsOf.length}${errors.length ? ` (${errors[0]})` : ''} |`);
        continue;
      }
      // Hierarchical: best = fewest vehicles, then distance. Otherwise: least distance.
      const best = ok.slice().sort((a, b) => (hier ? a.routes - b.routes : 0) || a.distance - b.distance)[0];
      const gBest = gapOf(best);
      const gMean = mean(ok.map(gapOf));
      // A, B, P: the BKS is the optimum with exactly k routes; a plan with fewer routes (e.g.
      // P-n55-k8 in 7 routes) solves an easier problem and is left out of the average.
      const fewerRoutes = ['A', 'B', 'P'].includes(table) && ok.some((r) => r.routes < first.bksVehicles);
      // Hierarchical: distances compare only at the BKS vehicle count.
      const otherVehicles = hier && best.routes !== first.bksVehicles;
      if (fewerRoutes) {
        excluded.push(`${name} (a run uses ${Math.min(...ok.map((r) => r.routes))} routes, fewer than k = ${first.bksVehicles}: not comparable with the k-route optimum)`);
      } else if (otherVehicles) {
        excluded.push(`${name} (${best.routes} vehicles, BKS ${first.bksVehicles})`);
      } else {
        gapsBest.push(gBest);
        gapsMean.push(gMean);
      }
      const time = median(runsOf.filter((r) => !r.error).map((r) => r.seconds));
      const check = `${ok.length}/${runsOf.length}`;
      if (hier) {
        const mark = otherVehicles ? ' ¹' : '';
        out.push(`| ${name} | ${first.n} | ${first.bksVehicles} | ${fmt(first.bks)} | ${best.routes} | ${fmt(best.distance)} | ${fmt(mean(ok.map((r) => r.routes)))} | ${fmt(mean(ok.map((r) => r.distance)))} | ${fmtPct(gBest)}${mark} | ${fmtPct(gMean)}${mark} | ${time.toFixed(1)} | ${check} |`);
      } else {
        const its = runsOf.filter((r) => r.iterations !== undefined).map((r) => r.iterations);
        out.push(`| ${name} | ${first.n} | ${fmt(first.bks)} | ${fmt(best.distance)} | ${fmt(mean(ok.map((r) => r.distance)))} | ${fmtPct(gBest)}${fewerRoutes ? ' ¹' : ''} | ${fmtPct(gMean)}${fewerRoutes ? ' ¹' : ''} | ${best.routes} | ${first.bksVehicles ?? '–'} | ${time.toFixed(1)} | ${its.length ? median(its) : '–'} | ${check} |`);
      }
    }
    out.push('');
    const line = `average gap${hier ? ' (instances solved with the BKS vehicle count)' : ''}: best ${fmtPct(gapsBest.length ? mean(gapsBest) : NaN)} %, mean ${fmtPct(gapsMean.length ? mean(gapsMean) : NaN)} % over ${gapsBest.length} instances; ${good}/${runs} runs feasible, complete and confirmed by the independent checker`;
    out.push(`**${table}**: ${line}`, '');
    if (excluded.length > 0) out.push(`¹ Left out of the average: ${excluded.join('; ')}.`, '');
    if (hier) {
      const veh = names.map((name) => {
        const ok = rows.filter((r) => r.instance === name && !r.error && r.checked && r.feasible && r.unassigned === 0);
        if (ok.length === 0) return undefined;
        return Math.min(...ok.map((r) => r.routes)) - ok[0].bksVehicles;
      }).filter((x) => x !== undefined);
      out.push(`vehicles above the BKS (best run): total ${veh.reduce((a, b) => a + b, 0)} over ${veh.length} instances; the distance gap is only comparable where the vehicle counts are equal.`, '');
    }
    summary.push(`| ${table} | ${gapsBest.length} | ${fmtPct(gapsBest.length ? mean(gapsBest) : NaN)} | ${fmtPct(gapsMean.length ? mean(gapsMean) : NaN)} | ${good}/${runs} |`);
  }
  if (peerName) out.push(...sideBySide(peerResults, peerName));
  const cpuBudget = args.cpuTime || results.some((r) => r.cpuTime);
  const threads = Math.max(1, ...results.map((r) => r.threads ?? 1));
  const head = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node benchmarks/vrp/run.mjs ${process.argv.slice(2).join(' ')}\``,
    `(budget ${args.timePerCustomer ? `n × ${args.timePerCustomer}` : args.timeLimit} s${cpuBudget ? ' of CPU time' : ''} per run${args.maxIterations ? ` or ${args.maxIterations} iterations` : ''}, seeds ${args.seeds.join(',')}, ${args.peer ? (threads > 1 ? `postroute on ${threads} threads (cores 0-${threads - 1}, wall clock), then the peer alone on core 1` : 'postroute pinned to core 0 beside the peer on core 1') : `${args.parallel} run(s) at once`}; node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')}).`,
    'Gap = (distance − BKS) / BKS in %, best and mean over the seeds; time = median wall-clock seconds of `solve`; iterations = offspring after the initial population; "feasible & checked" counts the runs that serve every customer and pass the independent checker.',
    '',
    '| table | instances | avg gap best % | avg gap mean % | runs ok |',
    '|---|---:|---:|---:|---:|',
    ...summary,
    '',
  ];
  return [...head, ...out].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.job) {
    // One pinned run for --peer: the result as one JSON line on stdout.
    const core = await import('@postroute/core');
    const checker = await loadChecker();
    process.stdout.write(`${JSON.stringify(await runJob(args.job, core, checker))}\n`);
    return;
  }
  if (args.from) {
    const results = args.from.flatMap((file) => JSON.parse(readFileSync(file, 'utf8')));
    const budgets = [...new Set(results.map((r) => r.timeLimit))];
    const seeds = [...new Set(results.map((r) => r.seed))].sort((a, b) => a - b);
    const text = tables(results, { ...args, timeLimit: budgets.join('/'), seeds, cpuTime: results.some((r) => r.cpuTime) });
    process.stdout.write(`${text}\n`);
    if (args.out) writeFileSync(args.out, `${text}\n`);
    return;
  }
  const jobs = selectJobs(args);
  const parallel = args.peer ? 1 : Math.max(1, Math.min(args.parallel, availableParallelism()));
  const budgetTotal = jobs.reduce((sum, job) => sum + job.timeLimit, 0);
  // On several threads the peer runs after postroute, not beside it: twice the budget per pair.
  // With --half, one of the two only.
  const pairs = args.peer && args.threads > 1 && args.half === undefined ? 2 : 1;
  const company = args.half === 'ours' ? ', postroute only' : args.half === 'peer' ? `, ${args.peer.name} only` : args.peer ? `, ${pairs > 1 ? 'then' : 'side by side with'} ${args.peer.name}` : '';
  process.stderr.write(`${jobs.length} runs, ${args.timePerCustomer ? `n × ${args.timePerCustomer}` : args.timeLimit} s${args.cpuTime ? ' CPU' : ''} each, ${parallel} at a time${company}: about ${Math.ceil((budgetTotal * pairs * (args.cpuTime ? 1.1 : 1)) / parallel / 60)} min\n`);
  const results = args.peer ? await runSideBySide(jobs, args.peer, args.half, args.peerCore) : await runPool(jobs, parallel);
  const text = tables(results, args);
  process.stdout.write(`${text}\n`);
  if (args.out) {
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, `${text}\n`);
  }
  if (args.json) writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
  const failures = results.filter((r) => r.error || !r.checked);
  if (failures.length > 0) {
    process.stderr.write(`${failures.length} run(s) failed or did not pass the checker\n`);
    process.exitCode = 1;
  }
}

if (!isMainThread) {
  await workerMain();
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    process.stderr.write(`run.mjs: ${error.message}\n`);
    process.exit(2);
  });
}
