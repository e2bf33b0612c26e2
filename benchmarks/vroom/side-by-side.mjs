#!/usr/bin/env node
/**
 * postroute beside VROOM (issue 20 §4) on the seeded set of generate.mjs. For each instance:
 * 1. VROOM solves it: `vroom -i file -x 5 -t 1`, its wall and CPU time measured;
 * 2. postroute solves it with the same budget, one thread, seed 1: by default VROOM's CPU seconds
 *    (solve-cpu.mjs: solveVroom with that time limit on a clock of this process's CPU time, so
 *    that a shared machine gives both the same work and not the same share of the clock); with --budget wall,
 *    `postroute solve --vroom file --time-limit <VROOM's wall time>` as the issue words it, which
 *    is the same on a quiet machine;
 * 3. postroute's routes are replayed by VROOM's own plan mode (`vroom -c`, the routes given as
 *    vehicle steps): its violations are counted, and its cost is the one compared (both costs in
 *    VROOM's own arithmetic);
 * 4. VROOM's routes are checked by postroute's plan mode (`postroute solve --vroom --check`), which
 *    must find no violation either (the two evaluators agree on both plans).
 * An instance with a key postroute does not read yet (breaks, shipments, max_travel_time until
 * they land) is reported "unsupported" with postroute's located message, and VROOM is not run on
 * it unless --vroom-always.
 *
 * Raw results go to results/<name>.json and a markdown table to results/<name>.md.
 *
 *   npx tsc -b packages/core packages/cli     # the CLI is run from packages/cli/dist
 *   nice -n 19 node benchmarks/vroom/side-by-side.mjs --vroom /path/to/vroom [--sizes 50,100] \
 *     [--families jobs,all] [--seed 1] [--explore 5] [--name side-by-side] [--vroom-always] \
 *     [--budget cpu|wall] [--postroute packages/cli/dist/main.js]
 * VROOM's path may also come from VROOM_BIN. Nothing of VROOM is part of this repository.
 * `--seed` is the instance set's (generate.mjs: another seed, other instances of the same
 * families, written over instances/<name>.json); postroute always runs with seed 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FAMILIES, SIZES, generate, instanceName } from './generate.mjs';

const { values } = parseArgs({
  options: {
    vroom: { type: 'string', default: process.env.VROOM_BIN },
    sizes: { type: 'string', default: SIZES.join(',') },
    families: { type: 'string', default: FAMILIES.join(',') },
    seed: { type: 'string', default: '1' },
    explore: { type: 'string', default: '5' },
    name: { type: 'string', default: 'side-by-side' },
    'vroom-always': { type: 'boolean', default: false },
    'min-time': { type: 'string', default: '0' },
    budget: { type: 'string', default: 'cpu' },
    postroute: { type: 'string', default: fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url)) },
  },
});
if (!values.vroom || !existsSync(values.vroom)) {
  console.error('side-by-side: give VROOM\'s binary with --vroom /path/to/vroom or VROOM_BIN (it is built outside this repository)');
  process.exit(2);
}
const here = fileURLToPath(new URL('.', import.meta.url));
const cli = values.postroute;
// The core library beside that CLI (the same build), for the CPU-time budget (solve-cpu.mjs).
const coreIndex = cli.replace(/packages\/cli\/dist\/main\.js$/, 'packages/core/dist/index.js');
if (values.budget !== 'cpu' && values.budget !== 'wall') {
  console.error('side-by-side: --budget is cpu (VROOM\'s CPU seconds, the default) or wall (its wall-clock seconds)');
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error('side-by-side: build the CLI first: npx tsc -b packages/core packages/cli');
  process.exit(2);
}
const instances = join(here, 'instances');
const work = join(here, 'results', 'tmp');
const results = join(here, 'results');
mkdirSync(instances, { recursive: true });
mkdirSync(work, { recursive: true });

/** Runs a command under /usr/bin/time; wall time from the clock, CPU from the kernel's count. */
function run(command, args) {
  const started = process.hrtime.bigint();
  const out = spawnSync('/usr/bin/time', ['-f', '@@cpu %U %S', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const found = /@@cpu ([\d.]+) ([\d.]+)\s*$/.exec(out.stderr);
  const cpu = found ? Number(found[1]) + Number(found[2]) : null;
  const stderr = found ? out.stderr.slice(0, found.index) : out.stderr;
  return { status: out.status, stdout: out.stdout, stderr: stderr.trim(), wall, cpu };
}

/** The input with a solution's routes as vehicle steps (start, its tasks and breaks, end). */
function withSteps(input, solution) {
  const copy = structuredClone(input);
  const byVehicle = new Map(solution.routes.map((r) => [r.vehicle, r]));
  for (const v of copy.vehicles) {
    const route = byVehicle.get(v.id);
    if (route === undefined) delete v.steps;
    else v.steps = route.steps.map((s) => (s.type === 'start' || s.type === 'end' ? { type: s.type } : { type: s.type, id: s.id }));
  }
  return copy;
}

/** Every violation VROOM or postroute lists in a solution: summary, routes and steps. */
function violations(solution) {
  const all = [];
  for (const r of solution.routes ?? []) {
    for (const v of r.violations ?? []) all.push({ vehicle: r.vehicle, ...v });
  }
  return all;
}

/** Tasks served: jobs, and a shipment's pick-up and delivery each. */
function tasks(solution) {
  let n = 0;
  for (const r of solution.routes ?? []) for (const s of r.steps) if (s.type === 'job' || s.type === 'pickup' || s.type === 'delivery') n++;
  return n;
}

function servedSet(solution) {
  const ids = [];
  for (const r of solution.routes ?? []) for (const s of r.steps) if (s.type === 'job' || s.type === 'pickup' || s.type === 'delivery') ids.push(`${s.type === 'job' ? 'j' : 's'}${s.id}${s.type === 'delivery' ? 'd' : ''}`);
  return ids.sort().join(',');
}

const rows = [];
for (const size of values.sizes.split(',').map(Number)) {
  for (const family of values.families.split(',')) {
    const name = instanceName(size, family);
    const file = join(instances, `${name}.json`);
    const input = generate(size, family, Number(values.seed));
    writeFileSync(file, JSON.stringify(input));
    const row = { instance: name, tasks: size, family, seed: Number(values.seed) };
    rows.push(row);
    console.error(`${name}: ...`);

    // Does postroute read it? (A located error for an unsupported key, exit 2.)
    const probe = run(process.execPath, [cli, 'solve', '--vroom', file, '--max-iterations', '1', '--quiet']);
    if (probe.status !== 0) {
      row.postroute = { status: 'unsupported', error: probe.stderr.split('\n')[0].replace(/^postroute: error: /, '').replace(`${file}, `, '') };
      console.error(`  postroute: ${row.postroute.error}`);
      if (!values['vroom-always']) continue;
    }

    const vroomOut = join(work, `${name}.vroom.json`);
    const v = run(values.vroom, ['-i', file, '-x', values.explore, '-t', '1', '-o', vroomOut]);
    if (v.status !== 0) {
      row.vroom = { status: 'error', error: v.stderr || v.stdout };
      continue;
    }
    const vs = JSON.parse(readFileSync(vroomOut, 'utf8'));
    row.vroom = {
      status: 'ok', wall: v.wall, cpu: v.cpu, cost: vs.summary.cost, tasks: tasks(vs), priority: vs.summary.priority,
      unassigned: vs.summary.unassigned, routes: vs.summary.routes, violations: violations(vs).length,
    };
    console.error(`  vroom: ${JSON.stringify(row.vroom)}`);
    if (row.postroute?.status === 'unsupported') continue;

    const timeLimit = Math.max(Number(values['min-time']), Math.round((values.budget === 'cpu' ? v.cpu : v.wall) * 100) / 100);
    const prOut = join(work, `${name}.postroute.json`);
    const p = values.budget === 'cpu'
      ? run(process.execPath, [join(here, 'solve-cpu.mjs'), coreIndex, file, String(timeLimit), '1', prOut])
      : run(process.execPath, [cli, 'solve', '--vroom', file, '--time-limit', String(timeLimit), '--seed', '1', '--quiet', '--out', prOut]);
    if (p.status !== 0) {
      row.postroute = { status: 'error', error: p.stderr.split('\n')[0] };
      continue;
    }
    const ps = JSON.parse(readFileSync(prOut, 'utf8'));
    row.postroute = {
      status: 'ok', timeLimit, wall: p.wall, cpu: p.cpu, ownCost: ps.summary.cost, tasks: tasks(ps), priority: ps.summary.priority,
      unassigned: ps.summary.unassigned, routes: ps.summary.routes, ownViolations: violations(ps).length,
    };

    // VROOM's plan mode on postroute's routes.
    const replayIn = join(work, `${name}.postroute-steps.json`);
    writeFileSync(replayIn, JSON.stringify(withSteps(input, ps)));
    const replayOut = join(work, `${name}.replay.json`);
    const r = run(values.vroom, ['-c', '-i', replayIn, '-t', '1', '-o', replayOut]);
    if (r.status !== 0) row.replay = { status: 'error', error: (r.stderr || r.stdout).slice(0, 500) };
    else {
      const rs = JSON.parse(readFileSync(replayOut, 'utf8'));
      const list = violations(rs);
      row.replay = {
        status: 'ok', cost: rs.summary.cost, tasks: tasks(rs), priority: rs.summary.priority, violations: list.length,
        causes: [...new Set(list.map((x) => x.cause))], sameTasks: servedSet(rs) === servedSet(ps),
      };
    }

    // postroute's plan mode on VROOM's routes.
    const checkIn = join(work, `${name}.vroom-steps.json`);
    writeFileSync(checkIn, JSON.stringify(withSteps(input, vs)));
    const c = run(process.execPath, [cli, 'solve', '--vroom', checkIn, '--check', '--quiet']);
    if (c.status !== 0) row.check = { status: 'error', error: c.stderr.split('\n')[0] };
    else {
      const cs = JSON.parse(c.stdout);
      const list = violations(cs);
      row.check = { status: 'ok', cost: cs.summary.cost, violations: list.length, causes: [...new Set(list.map((x) => x.cause))] };
    }
    row.sameTasks = servedSet(vs) === servedSet(ps);
    if (row.replay?.status === 'ok') row.costGap = row.replay.cost / row.vroom.cost - 1;
    // A VROOM built without GLPK has no plan mode: postroute's own cost then stands in (our --check
    // of VROOM's plans agreed with VROOM's cost within 0.02 % where both ran, quiet-98b0588).
    else if (row.postroute?.status === 'ok') {
      row.costGap = row.postroute.ownCost / row.vroom.cost - 1;
      row.gapFromOwnCost = true;
    }
    console.error(`  postroute: ${JSON.stringify(row.postroute)}\n  replay: ${JSON.stringify(row.replay)}\n  check: ${JSON.stringify(row.check)}`);
    writeResults(); // after every instance, so that a long run that is stopped keeps what it did
  }
}

function writeResults() {
  // Targets (issue 20 §4).
  const compared = rows.filter((r) => r.replay?.status === 'ok' || r.gapFromOwnCost);
  const replayed = rows.filter((r) => r.replay?.status === 'ok');
  const targets = {
    noViolation: replayed.length === 0 ? null : replayed.every((r) => r.replay.violations === 0),
    noFewerTasks: compared.every((r) => r.postroute.tasks >= r.vroom.tasks),
    noLessPriority: compared.every((r) => r.postroute.priority >= r.vroom.priority),
    // "Where both serve the same tasks": the same number of tasks and the same priority (the sets
    // themselves may differ; the column "same set" says when they do not).
    costNoHigherOnSameTasks: compared.filter((r) => r.postroute.tasks === r.vroom.tasks && r.postroute.priority === r.vroom.priority)
      .every((r) => (r.gapFromOwnCost ? r.postroute.ownCost : r.replay.cost) <= r.vroom.cost),
  };
  const large = compared.filter((r) => r.tasks >= 150 && r.postroute.tasks === r.vroom.tasks && r.postroute.priority === r.vroom.priority);
  targets.meanGapLarge = large.length > 0 ? large.reduce((a, r) => a + r.costGap, 0) / large.length : null;
  targets.meanGapLargeMet = targets.meanGapLarge !== null && targets.meanGapLarge <= -0.02;
  targets.unsupported = rows.filter((r) => r.postroute?.status === 'unsupported').map((r) => r.instance);

  mkdirSync(results, { recursive: true });
  const meta = { date: new Date().toISOString(), budget: values.budget, explore: Number(values.explore), seed: Number(values.seed), load: readFileSync('/proc/loadavg', 'utf8').trim() };
  writeFileSync(join(results, `${values.name}.json`), JSON.stringify({ meta, targets, rows }, null, 1) + '\n');

  const pct = (x) => (x === undefined || x === null ? '' : `${x > 0 ? '+' : ''}${(100 * x).toFixed(1)} %`);
  const secs = (x) => (x === null || x === undefined ? '' : x.toFixed(1));
  const lines = [
    `| instance | VROOM tasks / priority | postroute tasks / priority | VROOM cost | postroute cost (vroom -c) | gap | same set | violations (vroom -c / --check) | VROOM s wall (CPU) | postroute budget s (CPU) |`,
    '|---|---:|---:|---:|---:|---:|:-:|:-:|---:|---:|',
  ];
  for (const r of rows) {
    if (r.postroute?.status === 'unsupported' && r.vroom === undefined) {
      lines.push(`| ${r.instance} | unsupported: ${r.postroute.error.replace(/\|/g, '\\|')} |||||||||`);
      continue;
    }
    const v = r.vroom ?? {};
    const p = r.postroute ?? {};
    if (p.status !== 'ok') {
      lines.push(`| ${r.instance} | ${v.tasks ?? ''} / ${v.priority ?? ''} | ${p.status}: ${(p.error ?? '').replace(/\|/g, '\\|')} | ${v.cost ?? ''} ||||||${secs(v.wall)} (${secs(v.cpu)}) ||`);
      continue;
    }
    lines.push(`| ${r.instance} | ${v.tasks} / ${v.priority} | ${p.tasks} / ${p.priority} | ${v.cost} | ${r.replay?.cost ?? (r.gapFromOwnCost ? `${r.postroute.ownCost} (own)` : r.replay?.status)} | ${pct(r.costGap)} | ${r.sameTasks ? 'yes' : 'no'} | ${r.replay?.violations ?? '?'} / ${r.check?.violations ?? r.check?.status} | ${secs(v.wall)} (${secs(v.cpu)}) | ${p.timeLimit} (${secs(p.cpu)}) |`);
  }
  lines.push('');
  lines.push(`Targets: no violation in VROOM's replay: ${targets.noViolation === null ? 'not judged (no vroom -c: VROOM built without GLPK; "(own)" costs are postroute\'s)' : targets.noViolation ? 'met' : 'MISSED'}; no fewer tasks: ${targets.noFewerTasks ? 'met' : 'MISSED'}; no less priority: ${targets.noLessPriority ? 'met' : 'MISSED'}; cost no higher where both serve as many tasks and as much priority: ${targets.costNoHigherOnSameTasks ? 'met' : 'MISSED'}; mean gap on 150+ tasks (same count and priority, ${large.length} instances): ${pct(targets.meanGapLarge)} (target ≤ -2 %: ${targets.meanGapLarge === null ? 'no instance to judge' : targets.meanGapLargeMet ? 'met' : 'MISSED'}).`);
  if (targets.unsupported.length > 0) lines.push(`Unsupported by postroute yet: ${targets.unsupported.join(', ')}.`);
  lines.push(`Run ${meta.date}, load average ${meta.load} (timings under load are not evidence).`);
  writeFileSync(join(results, `${values.name}.md`), lines.join('\n') + '\n');
  return lines;
}

console.log(writeResults().join('\n'));
