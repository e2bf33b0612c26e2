#!/usr/bin/env node
/**
 * postroute on VROOM's JSON with a budget in CPU seconds of this process (as VROOM's own run is
 * measured by side-by-side.mjs), so that on a shared machine both get the same work done and not
 * the same share of the clock. One thread, as `postroute solve --vroom`.
 *
 * The search is told its budget, as `--time-limit` tells it (the limit sizes the genetic search's
 * initial population and sets the shipment search's phases and cooling): its clock,
 * `performance.now`, is replaced by this process's CPU time before it starts, and the budget is
 * its `timeLimit`. On a quiet machine that is `postroute solve --vroom --time-limit <s>` (one
 * thread: CPU time and wall time advance together); on a busy one it gives the search the same
 * work as there. (Until 2026-12-06 the budget was only a stop rule the search could not see: it
 * then cooled and phased as if it had no limit; n150-roomy 288122 → 274173, n150-all 638980 →
 * 575998 at the same CPU seconds.)
 *
 *   node benchmarks/vroom/solve-cpu.mjs CORE_INDEX_JS input.json cpu-seconds seed out.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [coreIndex, file, budget, seed, out] = process.argv.slice(2);
const core = await import(pathToFileURL(coreIndex).href);
const started = process.cpuUsage();
const cpu = () => {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
};
const json = JSON.parse(readFileSync(file, 'utf8'));
const limit = Number(budget);
performance.now = () => cpu() * 1000;
const output = core.solveVroom(json, { source: file, seed: Number(seed), timeLimit: limit });
writeFileSync(out, JSON.stringify(output));
console.error(`cpu ${cpu().toFixed(2)} s`);
