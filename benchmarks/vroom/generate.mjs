#!/usr/bin/env node
/**
 * The benchmark set beside VROOM (issue 20 §4): seeded instances in VROOM's JSON with custom
 * matrices (durations and distances), 50 to 500 tasks, that use every rule of the issue.
 *
 * Three families per size:
 * - `jobs`: the rules postroute reads today: several time windows per job, skills, priorities
 *   with a fleet that cannot serve every job, max_tasks, speed_factor, costs (fixed, per_hour,
 *   per_km), two load dimensions (delivery and pickup), setup, max_distance (on vehicles whose
 *   cost is their distance), two depots and a vehicle ending at the other one.
 * - `breaks`: the same plus breaks (one or two windows, some with max_load) and max_travel_time.
 * - `all`: the same plus shipments (a pick-up and its delivery).
 * - `roomy`: every rule of `all`, with a fleet twice as large that can carry 160 % of the load, so
 *   that both usually serve every task and costs compare on the same tasks (the short-fleet
 *   families compare plans that serve different tasks).
 * A task is a place to visit: a job, or a shipment's pick-up or delivery (a shipment is 2 tasks).
 *
 * The fleet is sized to carry about 90 % of the load in a day, so priorities decide whom to leave
 * out. Places lie in villages (clusters) on a 60 × 60 km square; durations are km × 90 s (40 km/h)
 * with ±10 % noise per arc, distances km × 1,250 m (roads 25 % longer than the crow flies), so
 * cost per hour and per km do not order arcs alike.
 *
 *   node benchmarks/vroom/generate.mjs [--sizes 50,100,150,200,300,500] [--families jobs,all] [--seed 1] [--out DIR]
 *
 * writes DIR/n050-jobs.json ... (default DIR benchmarks/vroom/instances, not committed: a 500-task
 * file is 3 MB; the same seed gives the same bytes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const SIZES = [50, 100, 150, 200, 300, 500];
// `roomy` last: the seeds of the others depend on their place in this list.
export const FAMILIES = ['jobs', 'breaks', 'all', 'roomy'];

/** Mulberry32: a small seeded generator (same seed, same instance on every platform). */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
  };
}

const H = 3600;

/** The file name of an instance. */
export function instanceName(size, family) {
  return `n${String(size).padStart(3, '0')}-${family}`;
}

/**
 * One instance: `size` tasks of family `jobs` or `all`, from `seed` (the size and family are
 * mixed into it, so every instance of a set differs).
 */
export function generate(size, family, seed = 1) {
  if (!FAMILIES.includes(family)) throw new Error(`family must be one of ${FAMILIES.join(', ')}`);
  const rnd = random(seed * 1000003 + size * 31 + FAMILIES.indexOf(family) * 7);
  const withBreaks = family !== 'jobs';
  const withShipments = family === 'all' || family === 'roomy';
  const roomy = family === 'roomy';

  // Tasks: shipments take 2 each (about 12 % of the tasks are shipment ends in family `all`).
  const nShipments = withShipments ? Math.round((size * 0.12) / 2) : 0;
  const nJobs = size - 2 * nShipments;
  const nDepots = size >= 150 ? 2 : 1;

  // Places: depots first, then one place per task (no two tasks share one, so setup is exact).
  const villages = Array.from({ length: Math.max(4, Math.round(size / 12)) }, () => [rnd.next() * 60, rnd.next() * 60]);
  const xy = [];
  for (let d = 0; d < nDepots; d++) xy.push(d === 0 ? [30, 30] : [12 + rnd.next() * 6, 42 + rnd.next() * 6]);
  for (let t = 0; t < size; t++) {
    if (rnd.chance(0.2)) xy.push([rnd.next() * 60, rnd.next() * 60]);
    else {
      const [cx, cy] = villages[rnd.int(0, villages.length - 1)];
      xy.push([Math.min(60, Math.max(0, cx + (rnd.next() - 0.5) * 5)), Math.min(60, Math.max(0, cy + (rnd.next() - 0.5) * 5))]);
    }
  }
  const n = xy.length;
  const durations = [];
  const distances = [];
  for (let i = 0; i < n; i++) {
    const dr = [];
    const sr = [];
    for (let j = 0; j < n; j++) {
      const km = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]);
      dr.push(i === j ? 0 : Math.round(km * 90 * (0.9 + 0.2 * rnd.next())) + 30);
      sr.push(i === j ? 0 : Math.round(km * 1250) + 200);
    }
    durations.push(dr);
    distances.push(sr);
  }

  // Time windows: post-office counters open 8–10 and 14–16 (two windows), or one window of 2–3 h.
  const windows = () => {
    const r = rnd.next();
    if (r < 0.2) {
      const shift = rnd.int(0, 2) * 1800;
      return [[8 * H + shift, 10 * H + shift], [14 * H + shift, 16 * H + shift]];
    }
    if (r < 0.55) {
      const start = 8 * H + rnd.int(0, 14) * 1800;
      return [[start, start + rnd.int(4, 6) * 1800]];
    }
    return undefined;
  };
  const jobSkills = () => {
    const r = rnd.next();
    if (r < 0.08) return [1]; // a key held by some drivers
    if (r < 0.16) return [2]; // narrow roads: the small vans only
    if (r < 0.18) return [1, 2];
    return undefined;
  };
  const jobPriority = () => {
    const r = rnd.next();
    if (r < 0.12) return 100; // express
    if (r < 0.3) return 30; // registered
    return undefined;
  };

  let taskLoad = 0;
  const jobs = [];
  for (let k = 0; k < nJobs; k++) {
    const delivery = [rnd.int(1, 10), rnd.int(0, 3)];
    const job = { id: k + 1, location_index: nDepots + k, service: rnd.int(3, 6) * 60, delivery };
    taskLoad += delivery[0];
    if (rnd.chance(0.3)) job.setup = rnd.int(1, 3) * 60;
    if (rnd.chance(0.2)) job.pickup = [rnd.int(1, 4), 0];
    const tw = windows();
    if (tw) job.time_windows = tw;
    const skills = jobSkills();
    if (skills) job.skills = skills;
    const priority = jobPriority();
    if (priority) job.priority = priority;
    jobs.push(job);
  }
  const shipments = [];
  for (let k = 0; k < nShipments; k++) {
    const amount = [rnd.int(2, 8), rnd.int(0, 2)];
    taskLoad += amount[0];
    const at = nDepots + nJobs + 2 * k;
    const pickup = { id: 1001 + k, location_index: at, service: rnd.int(2, 5) * 60 };
    const delivery = { id: 1001 + k, location_index: at + 1, service: rnd.int(2, 5) * 60 };
    if (rnd.chance(0.4)) pickup.time_windows = [[8 * H, 11 * H]];
    if (rnd.chance(0.4)) delivery.time_windows = [[12 * H, 17 * H]];
    const s = { amount, pickup, delivery };
    const skills = rnd.chance(0.2) ? [1] : undefined;
    if (skills) s.skills = skills;
    const priority = jobPriority();
    if (priority) s.priority = priority;
    shipments.push(s);
  }

  // The fleet: four kinds of vehicle in turn; their capacity carries about 90 % of the load.
  const nVehicles = (roomy ? 2 : 1) * Math.max(3, Math.round(size / 13));
  const kinds = [
    { skills: [1, 2], share: 1.3, costs: { fixed: 3000, per_hour: 3600, per_km: 200 } },
    { skills: [2], share: 0.6, speed_factor: 1.2, max_tasks: 10, costs: { fixed: 1500, per_hour: 3000 } },
    { skills: [1], share: 1.1, speed_factor: 0.9, costs: { fixed: 2500, per_hour: 3600, per_km: 100 } },
    { share: 1.0, max_tasks: 16, costs: { fixed: 2000, per_hour: 0, per_km: 1000 }, max_distance: 160000 },
  ];
  let shares = 0;
  for (let v = 0; v < nVehicles; v++) shares += kinds[v % kinds.length].share;
  const perShare = ((roomy ? 1.6 : 0.9) * taskLoad) / shares;
  const vehicles = [];
  for (let v = 0; v < nVehicles; v++) {
    const kind = kinds[v % kinds.length];
    const depot = v % nDepots;
    const start = 7 * H + rnd.int(0, 2) * 1800;
    const vehicle = {
      id: v + 1,
      start_index: depot,
      end_index: nDepots > 1 && v === nVehicles - 1 ? 1 - depot : depot,
      capacity: [Math.max(10, Math.round(kind.share * perShare)), Math.round(kind.share * 14)],
      time_window: [start, start + (rnd.chance(0.5) ? 8 : 9) * H],
      costs: { ...kind.costs },
    };
    if (kind.skills) vehicle.skills = kind.skills;
    if (kind.speed_factor) vehicle.speed_factor = kind.speed_factor;
    if (kind.max_tasks) vehicle.max_tasks = kind.max_tasks;
    if (kind.max_distance) vehicle.max_distance = kind.max_distance;
    if (withBreaks) {
      const twoWindows = v % 3 === 1;
      vehicle.breaks = [{
        id: v + 1,
        time_windows: twoWindows ? [[11 * H, 12 * H], [13 * H, 14 * H]] : [[11 * H + 1800, 13 * H + 1800]],
        service: 1800,
        ...(v % 5 === 2 ? { max_load: [Math.round(vehicle.capacity[0] / 2), vehicle.capacity[1]] } : {}),
      }];
      if (v % 4 === 2) vehicle.max_travel_time = 4 * H;
    }
    vehicles.push(vehicle);
  }

  const input = { vehicles, jobs };
  if (shipments.length > 0) input.shipments = shipments;
  input.matrices = { car: { durations, distances } };
  return input;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: SIZES.join(',') },
      families: { type: 'string', default: FAMILIES.join(',') },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: fileURLToPath(new URL('instances', import.meta.url)) },
    },
  });
  mkdirSync(values.out, { recursive: true });
  for (const size of values.sizes.split(',').map(Number)) {
    for (const family of values.families.split(',')) {
      const file = join(values.out, `${instanceName(size, family)}.json`);
      writeFileSync(file, JSON.stringify(generate(size, family, Number(values.seed))));
      console.log(file);
    }
  }
}
