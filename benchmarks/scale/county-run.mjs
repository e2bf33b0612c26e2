/**
 * One end-to-end run of the county plan in this process, as `postroute plan` does it (the CLI's
 * own file loader, planNetwork, the CLI's report files), timing each step from the progress
 * events and recording the route search's trajectory. Prints one JSON line. Run by county.mjs.
 *
 *   node benchmarks/scale/county-run.mjs DIR [timeLimitSeconds]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planNetwork, planReportFiles } from '@postroute/core';
import { loadPlan } from '../../packages/cli/dist/commands/plan.js';

const [dir, limit] = process.argv.slice(2);
const started = performance.now();
const steps = [];
let current = null;
const enter = (name) => {
  const now = performance.now();
  if (current?.name === name) return;
  if (current) current.ms = now - current.start;
  current = { name, start: now };
  steps.push(current);
};
const trajectory = [];
const onProgress = (event) => {
  // Steps as the planner names them; the hierarchy is built inside the matrix step.
  const name = event.step === 'hierarchy' ? 'hierarchy' : event.step === 'build' || event.step === 'graph' ? 'graph' : event.step === 'read' ? 'read' : event.step;
  enter(name);
  if (event.step === 'solve' && event.elapsedSeconds !== undefined) trajectory.push({ t: event.elapsedSeconds, iterations: event.iteration, best: event.bestCost });
};
enter('read');
const inputs = await loadPlan(join(dir, 'plan.json'), onProgress);
enter('graph');
const result = await planNetwork(inputs, { onProgress, ...(limit ? { timeLimit: Number(limit) } : {}) });
enter('files');
const files = await planReportFiles(result.report, { osm: false });
const out = join(dir, 'out');
mkdirSync(out, { recursive: true });
for (const file of files) writeFileSync(join(out, file.name), file.text);
enter('end');
const times = {};
for (const step of steps) if (step.ms !== undefined) times[step.name] = Math.round((times[step.name] ?? 0) + step.ms);
const s = result.report.summary;
const firstFeasible = trajectory.find((p) => p.best !== null);
let improvements = 0;
for (let k = 1; k < trajectory.length; k++) if (trajectory[k].best !== null && trajectory[k - 1].best !== null && trajectory[k].best < trajectory[k - 1].best) improvements++;
process.stdout.write(`${JSON.stringify({
  totalMs: Math.round(performance.now() - started),
  steps: times,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  stops: result.solution.routes.reduce((n, r) => n + r.stops.length, 0),
  unassigned: result.solution.unassigned.length,
  vehicles: result.solution.routes.length,
  summary: { beforeKm: s.before?.distanceKm ?? s.beforeKm, afterKm: s.after?.distanceKm ?? s.afterKm, rate: s.optimisationRatePercent },
  search: { iterations: trajectory.at(-1)?.iterations ?? 0, seconds: trajectory.at(-1)?.t ?? 0, firstFeasibleS: firstFeasible?.t ?? null, firstBest: firstFeasible?.best ?? null, lastBest: trajectory.at(-1)?.best ?? null, improvementsSeen: improvements },
  network: { nodes: result.network.stats.nodes, edges: result.network.stats.edges },
})}\n`);
