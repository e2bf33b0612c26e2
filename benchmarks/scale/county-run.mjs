/**
 * One end-to-end run of the county plan in this process, as `postroute plan` does it (the CLI's
 * own file loader, planNetwork, the CLI's report files), timing each step from the progress
 * events (wall time, and the process's CPU time, which counts every thread: worker threads of
 * the matrix included) and recording the route search's trajectory and iterations. Prints one
 * JSON line. Run by run.mjs.
 *
 *   node benchmarks/scale/county-run.mjs DIR [timeLimitSeconds] [plan file in DIR, default plan.json]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planNetwork, planReportFiles } from '@postroute/core';
import { loadPlan } from '../../packages/cli/dist/commands/plan.js';

const [dir, limit, planFile = 'plan.json'] = process.argv.slice(2);
const started = performance.now();
const steps = [];
let current = null;
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const enter = (name) => {
  const now = performance.now();
  if (current?.name === name) return;
  const cpu = cpuNow();
  if (current) { current.ms = now - current.start; current.cpuMs = cpu - current.cpu; }
  current = { name, start: now, cpu };
  steps.push(current);
};
const trajectory = [];
const onProgress = (event) => {
  // Steps as the planner names them; the hierarchy is built inside the matrix step.
  const name = event.step === 'hierarchy' ? 'hierarchy' : event.step === 'build' || event.step === 'graph' ? 'graph' : event.step === 'read' ? 'read' : event.step;
  enter(name);
  // The planner reports the search as seconds done of its limit and the best plan in km.
  if (event.step === 'solve' && event.unit === 's' && typeof event.done === 'number') {
    const km = /best ([\d.]+) km/.exec(event.message ?? '');
    trajectory.push({ t: event.done, best: km ? Number(km[1]) : null });
  }
};
enter('read');
const inputs = await loadPlan(join(dir, planFile), undefined, onProgress);
enter('graph');
// As `postroute plan` does: the parsed roads are dropped once the graph is built, the map's roads
// encoded on a worker meanwhile.
const result = await planNetwork(inputs, { onProgress, releaseRoads: true, encodeMapAhead: true, ...(limit ? { timeLimit: Number(limit) } : {}) });
enter('files');
const files = await planReportFiles(result.report, { osm: false });
const out = join(dir, planFile === 'plan.json' ? 'out' : `out-${planFile.replace(/\.json$/, '')}`);
mkdirSync(out, { recursive: true });
for (const file of files) writeFileSync(join(out, file.name), file.text);
enter('end');
const times = {};
const cpuTimes = {};
for (const step of steps) {
  if (step.ms === undefined) continue;
  times[step.name] = Math.round((times[step.name] ?? 0) + step.ms);
  cpuTimes[step.name] = Math.round((cpuTimes[step.name] ?? 0) + step.cpuMs);
}
const s = result.report.summary;
const firstFeasible = trajectory.find((p) => p.best !== null);
let improvements = 0;
for (let k = 1; k < trajectory.length; k++) if (trajectory[k].best !== null && trajectory[k - 1].best !== null && trajectory[k].best < trajectory[k - 1].best) improvements++;
process.stdout.write(`${JSON.stringify({
  totalMs: Math.round(performance.now() - started),
  cpuMs: Math.round(cpuNow()),
  steps: times,
  cpuSteps: cpuTimes,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  stops: result.solution.routes.reduce((n, r) => n + r.stops.length, 0),
  unassigned: result.solution.unassigned.length,
  vehicles: result.solution.routes.length,
  summary: { beforeKm: s.before?.km, afterKm: s.after?.km, rate: s.optimisationRatePercent },
  search: { iterations: result.solution.search?.iterations ?? 0, seconds: trajectory.at(-1)?.t ?? 0, firstFeasibleS: firstFeasible?.t ?? null, firstBest: firstFeasible?.best ?? null, lastBest: trajectory.at(-1)?.best ?? null, improvementsSeen: improvements },
  network: { nodes: result.network.stats.nodes, edges: result.network.stats.edges },
})}\n`);
