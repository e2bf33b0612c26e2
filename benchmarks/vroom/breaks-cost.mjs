#!/usr/bin/env node
/**
 * What breaks cost the search (issue 20): the same seeded 200-job VROOM problem (20 vehicles,
 * 8-hour shifts, capacity 15) solved for a fixed number of iterations without and with a lunch
 * break per vehicle ([3 h, 5 h] after the start, 30 min), CPU seconds per run. Breaks are placed
 * by the evaluator and every applied move is confirmed by the exact schedule (vrp/breaks.ts), so
 * the difference is that confirmation. Needs the built core (`npx tsc -b packages/core`).
 *
 *   node benchmarks/vroom/breaks-cost.mjs [--jobs 200] [--iterations 300]
 */
import { parseArgs } from 'node:util';
import { createProblem, readVroom, solve } from '../../packages/core/dist/index.js';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '200' }, iterations: { type: 'string', default: '300' } } });
const n = Number(values.jobs);
const iterations = Number(values.iterations);

function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function instance(withBreaks) {
  const r = random(7);
  const xy = Array.from({ length: n + 1 }, () => [r() * 60, r() * 60]);
  const durations = xy.map((a) => xy.map((b) => Math.round(60 * Math.hypot(a[0] - b[0], a[1] - b[1]))));
  return {
    vehicles: Array.from({ length: Math.ceil(n / 10) }, (_, k) => ({
      id: k, start_index: 0, end_index: 0, capacity: [15], time_window: [0, 8 * 3600],
      ...(withBreaks ? { breaks: [{ id: 1, time_windows: [[3 * 3600, 5 * 3600]], service: 1800 }] } : {}),
    })),
    jobs: Array.from({ length: n }, (_, k) => ({ id: k + 1, location_index: k + 1, service: 300, delivery: [1] })),
    matrices: { car: { durations } },
  };
}

for (const withBreaks of [false, true]) {
  const problem = createProblem(readVroom(instance(withBreaks)).problem);
  const before = process.cpuUsage();
  const result = solve(problem, { seed: 1, maxIterations: iterations, serveMost: true });
  const used = process.cpuUsage(before);
  console.log(`${withBreaks ? 'with breaks   ' : 'without breaks'}  ${iterations} iterations  ${((used.user + used.system) / 1e6).toFixed(2)} s CPU  ` +
    `cost ${result.cost.toFixed(0)}  routes ${result.routes.length}  unassigned ${result.unassigned.length}  feasible ${result.feasible}`);
}
