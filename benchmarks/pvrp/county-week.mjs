#!/usr/bin/env node
/**
 * A county's week at realistic size: a seeded, generated county of 300–400 villages (the
 * county-week example's rules, `examples/county-week/`, scaled up from its 67 villages), planned
 * once as a week with visit frequencies (`solvePeriodic`) and once as daily service of the same
 * villages (`solve`, the same plan every operating day). Reports km and routes per week and the
 * time of each search. No data outside this file: the county is drawn here from the seed.
 *
 *   node benchmarks/pvrp/county-week.mjs [--villages 350] [--seed 1] [--time-limit 60 | --cpu-limit S | --max-iterations N]
 *                                        [--json out.json]
 *
 * --cpu-limit S stops each search after S seconds of this process's CPU time (a loaded machine
 * gives fewer seconds of core than of wall clock). Hours per week: the routes' durations (driving,
 * 2 minutes per stop, waiting), summed over the week.
 *
 * The county (all from the seed): 45 × 35 km, one delivery office at the centre, villages in
 * clusters around 10 township centres plus scattered farms; populations heavy-tailed (20 … 3000);
 * mail per day 0.3 items per inhabitant; road distance = straight line × 1.3, 50 km/h; 2 minutes
 * per stop; vans of 2,500 items, 8-hour shifts, 14 a day. Frequencies as in the example: 250
 * inhabitants or more 5 days a week, 60–249 three (never two days running), under 60 twice; 6
 * operating days; mail waits for the next visit (accumulate).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const args = { villages: 350, seed: 1, timeLimit: 60 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--villages') { args.villages = Number(value); i++; }
    else if (key === '--seed') { args.seed = Number(value); i++; }
    else if (key === '--time-limit') { args.timeLimit = Number(value); i++; }
    else if (key === '--max-iterations') { args.maxIterations = Number(value); i++; }
    else if (key === '--cpu-limit') { args.cpuLimit = Number(value); i++; }
    else if (key === '--json') { args.json = value; i++; }
    else throw new Error(`unknown option ${key}`);
  }
  return args;
}

/** mulberry32: a small seeded generator, so that the county depends on the seed only. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCounty(villages, seed) {
  const rand = generator(seed);
  const W = 45000;
  const H = 35000;
  const centres = Array.from({ length: 10 }, () => [W * (0.1 + 0.8 * rand()), H * (0.1 + 0.8 * rand())]);
  const points = [[W / 2, H / 2]];
  const population = [0];
  for (let k = 0; k < villages; k++) {
    let x;
    let y;
    if (rand() < 0.75) {
      // Around a township centre (a normal spread of ~3 km, Box–Muller).
      const c = centres[Math.floor(rand() * centres.length)];
      const r = 3000 * Math.sqrt(-2 * Math.log(1 - rand()));
      const t = 2 * Math.PI * rand();
      x = Math.min(W, Math.max(0, c[0] + r * Math.cos(t)));
      y = Math.min(H, Math.max(0, c[1] + r * Math.sin(t)));
    } else {
      x = W * rand();
      y = H * rand();
    }
    points.push([x, y]);
    // Heavy tail: most places are hamlets, a few are small towns.
    population.push(Math.round(Math.min(3000, 20 / Math.pow(1 - rand(), 0.9))));
  }
  const size = points.length;
  const distances = new Array(size * size);
  const durations = new Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const d = Math.round(1.3 * Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]));
      distances[i * size + j] = d;
      durations[i * size + j] = Math.round(d / (50 / 3.6));
    }
  }
  const stops = population.slice(1).map((p, k) => {
    const visits = p >= 250 ? 5 : p >= 60 ? 3 : 2;
    return {
      id: `v${k + 1}`, location: k + 1, delivery: [Math.max(1, Math.round(0.3 * p))], serviceTime: 120,
      visits, ...(visits === 3 ? { minGap: 2 } : {}),
    };
  });
  return {
    horizon: 6,
    accumulate: true,
    depots: [{ id: 'office', location: 0 }],
    stops,
    vehicleTypes: [{ id: 'van', capacity: [2500], startDepot: 'office', count: 14, maxDuration: 8 * 3600 }],
    matrix: { size, distances, durations },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const core = await import(join(root, 'packages', 'core', 'dist', 'index.js'));
  const input = generateCounty(args.villages, args.seed);
  const limits = args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : args.cpuLimit !== undefined ? { cpuLimit: args.cpuLimit } : { timeLimit: args.timeLimit };
  // The search's own CPU time, from the start of each search (a stop rule: not in the JSON).
  const options = () => {
    if (args.cpuLimit === undefined) return limits;
    const cpu = process.cpuUsage();
    return { stop: () => { const u = process.cpuUsage(cpu); return (u.user + u.system) / 1e6 >= args.cpuLimit; } };
  };
  const load = loadavg()[0];
  const timed = (f) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = f();
    const used = process.cpuUsage(cpu);
    return { result, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
  const week = timed(() => core.solvePeriodic(core.createPeriodicProblem(input, { source: 'county-week' }), { seed: args.seed, ...options() }));
  // Daily service: every village every operating day, one plan run six times.
  const { horizon, accumulate, ...daily } = input;
  daily.stops = input.stops.map(({ visits, minGap, ...s }) => s);
  const day = timed(() => core.solve(core.createProblem(daily, { source: 'county-daily' }), { seed: args.seed, ...options() }));
  const perDay = week.result.days.map((d) => ({ day: d.day, km: d.distance / 1000, routes: d.vehiclesUsed }));
  const out = {
    command: process.argv.slice(2).join(' '), date: new Date().toISOString(), load, villages: args.villages, seed: args.seed, limits,
    visitsPerWeek: input.stops.reduce((a, s) => a + s.visits, 0),
    weekly: {
      kmPerWeek: week.result.distance / 1000, hoursPerWeek: week.result.duration / 3600, routesPerWeek: week.result.vehiclesUsed, feasible: week.result.feasible,
      unassigned: week.result.unassigned.length, unassignedReasons: [...new Set(week.result.unassigned.map((u) => u.reason))], seconds: week.seconds, cpuSeconds: week.cpuSeconds, perDay,
    },
    daily: {
      kmPerWeek: (6 * day.result.distance) / 1000, hoursPerWeek: (6 * day.result.duration) / 3600, routesPerDay: day.result.vehiclesUsed, feasible: day.result.feasible,
      unassigned: day.result.unassigned.length, seconds: day.seconds, cpuSeconds: day.cpuSeconds,
    },
  };
  out.saving = 1 - out.weekly.kmPerWeek / out.daily.kmPerWeek;
  out.hoursSaving = 1 - out.weekly.hoursPerWeek / out.daily.hoursPerWeek;
  if (args.json) writeFileSync(args.json, `${JSON.stringify(out, null, 2)}\n`);
  const f = (x) => x.toFixed(1);
  process.stdout.write([
    `county of ${args.villages} villages (seed ${args.seed}), ${out.visitsPerWeek} visits a week, load ${f(load)}`,
    `| plan | km per week | hours per week | routes per week | feasible | unassigned | search s | CPU s |`,
    `|---|---:|---:|---:|:---:|---:|---:|---:|`,
    `| daily service (same plan 6 days) | ${f(out.daily.kmPerWeek)} | ${f(out.daily.hoursPerWeek)} | ${6 * out.daily.routesPerDay} | ${out.daily.feasible ? 'yes' : 'NO'} | ${out.daily.unassigned} | ${f(day.seconds)} | ${f(day.cpuSeconds)} |`,
    `| weekly plan with frequencies | ${f(out.weekly.kmPerWeek)} | ${f(out.weekly.hoursPerWeek)} | ${out.weekly.routesPerWeek} | ${out.weekly.feasible ? 'yes' : 'NO'} | ${out.weekly.unassigned} | ${f(week.seconds)} | ${f(week.cpuSeconds)} |`,
    `weekly plan saves ${(100 * out.saving).toFixed(1)} % of the daily plan's km and ${(100 * out.hoursSaving).toFixed(1)} % of its hours; per day: ${perDay.map((d) => `${d.day}: ${f(d.km)} km, ${d.routes} routes`).join('; ')}`,
    '',
  ].join('\n'));
  if (!out.weekly.feasible || !out.daily.feasible) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`pvrp/county-week.mjs: ${error.message}\n`);
  process.exit(2);
});
