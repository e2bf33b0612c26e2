#!/usr/bin/env node
/**
 * postroute on VROOM's JSON with a budget in CPU seconds of this process (as VROOM's own run is
 * measured by side-by-side.mjs), so that on a shared machine both get the same work done and not
 * the same share of the clock. One thread, as `postroute solve --vroom`.
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
const output = core.solveVroom(json, { source: file, seed: Number(seed), stop: () => cpu() >= limit });
writeFileSync(out, JSON.stringify(output));
console.error(`cpu ${cpu().toFixed(2)} s`);
