#!/usr/bin/env node
/**
 * Two builds of postroute side by side on the VROOM set, under load: for each instance and seed,
 * the old and the new build run at the same time (solve-cpu.mjs, the same CPU-second budget each,
 * which of the two starts first alternating), so that a busy machine slows both alike. One run
 * moves by ±10 % between seeds on 50-100 tasks at VROOM's budgets, so a change is judged on the
 * mean over several seeds and on the fewest tasks and least priority any seed served (the targets
 * are per instance: never fewer tasks or less priority than VROOM).
 *
 *   node benchmarks/vroom/compare-builds.mjs --old OLD/packages/core/dist/index.js \
 *     [--new packages/core/dist/index.js] --budgets n100-jobs=2.8,n100-breaks=2.7 [--seeds 1,2,3,4,5]
 *
 * A budget is CPU seconds (VROOM's own at `-x 5 -t 1`: its `--budget` column in side-by-side's
 * tables). Instances are generated first if missing (generate.mjs). Costs are postroute's own
 * (its evaluator agrees with VROOM's replay, `vroom -c`, within 0.02 %). Copy the old build's
 * packages/core/dist beside the new one (e.g. packages/core/dist-old) so that it finds the same
 * node_modules. Timings under load are not evidence of speed; the costs at equal CPU are.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';

const { values } = parseArgs({
  options: {
    old: { type: 'string' },
    new: { type: 'string', default: fileURLToPath(new URL('../../packages/core/dist/index.js', import.meta.url)) },
    budgets: { type: 'string' },
    seeds: { type: 'string', default: '1,2,3,4,5' },
  },
});
const fail = (message) => {
  console.error(`compare-builds: ${message}`);
  process.exit(2);
};
if (!values.old || !existsSync(values.old)) fail('give the old build\'s core index with --old path/to/dist/index.js');
if (!existsSync(values.new)) fail(`no new build at ${values.new}: npx tsc -b packages/core`);
if (!values.budgets) fail('give --budgets name=cpu-seconds,... (e.g. n100-jobs=2.8)');
const budgets = values.budgets.split(',').map((entry) => {
  const [name, seconds] = entry.split('=');
  if (!/^n\d{3}-[a-z]+$/.test(name ?? '') || !(Number(seconds) > 0)) fail(`--budgets: "${entry}" is not name=seconds`);
  return { name, seconds: Number(seconds) };
});
const seeds = values.seeds.split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s))) fail(`--seeds: "${values.seeds}" is not a list of whole numbers`);

const here = fileURLToPath(new URL('.', import.meta.url));
const instances = join(here, 'instances');
const work = join(here, 'results', 'tmp');
mkdirSync(work, { recursive: true });
for (const { name } of budgets) {
  if (existsSync(join(instances, `${name}.json`))) continue;
  const [, size, family] = /^n(\d+)-(.+)$/.exec(name);
  mkdirSync(instances, { recursive: true });
  writeFileSync(join(instances, `${name}.json`), JSON.stringify(generate(Number(size), family)));
}

/** One run of solve-cpu.mjs; resolves with its cost, tasks and priority (or its error). */
function solveOnce(core, file, seconds, seed, out) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, 'solve-cpu.mjs'), core, file, String(seconds), String(seed), out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      if (code !== 0) return resolve({ error: stderr.trim().split('\n').pop() });
      const solution = JSON.parse(readFileSync(out, 'utf8'));
      let tasks = 0;
      for (const r of solution.routes) for (const s of r.steps) if (s.type === 'job' || s.type === 'pickup' || s.type === 'delivery') tasks++;
      resolve({ cost: solution.summary.cost, tasks, priority: solution.summary.priority });
    });
  });
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const lines = ['| instance | budget s (CPU) | old mean cost | new mean cost | change | old fewest tasks / least priority | new fewest tasks / least priority | per seed: old cost (tasks) → new |', '|---|---:|---:|---:|---:|---:|---:|---|'];
for (const { name, seconds } of budgets) {
  const file = join(instances, `${name}.json`);
  const runs = { old: [], new: [] };
  for (const [k, seed] of seeds.entries()) {
    const pair = [['old', values.old], ['new', values.new]];
    if (k % 2 === 1) pair.reverse();
    const done = await Promise.all(pair.map(([which, core]) => solveOnce(core, file, seconds, seed, join(work, `compare-${which}-${name}-${seed}.json`)).then((r) => [which, r])));
    for (const [which, r] of done) {
      if (r.error !== undefined) fail(`${which} build on ${name} seed ${seed}: ${r.error}`);
      runs[which].push(r);
    }
    console.error(`${name} seed ${seed}: old ${runs.old.at(-1).cost} (${runs.old.at(-1).tasks} tasks), new ${runs.new.at(-1).cost} (${runs.new.at(-1).tasks} tasks)`);
  }
  const o = mean(runs.old.map((r) => r.cost));
  const n = mean(runs.new.map((r) => r.cost));
  const least = (rs) => `${Math.min(...rs.map((r) => r.tasks))} / ${Math.min(...rs.map((r) => r.priority))}`;
  const perSeed = seeds.map((s, k) => `${s}: ${runs.old[k].cost} (${runs.old[k].tasks}) → ${runs.new[k].cost} (${runs.new[k].tasks})`).join(', ');
  lines.push(`| ${name} | ${seconds} | ${Math.round(o)} | ${Math.round(n)} | ${((100 * (n - o)) / o).toFixed(1)} % | ${least(runs.old)} | ${least(runs.new)} | ${perSeed} |`);
}
lines.push('', `Load average at the end: ${readFileSync('/proc/loadavg', 'utf8').trim()} (timings under load are not evidence).`);
console.log(lines.join('\n'));
