#!/usr/bin/env node
/**
 * 2E-CVRP benchmark (Perboli, Tadei & Vigo 2011, Set 2): each instance planned as a two-tier plan
 * by postroute's tier solver (`solveTwoTier`, the same code `postroute plan` runs for tiers):
 * trunk = 1st level (depot → satellites, L1 fleet), delivery = 2nd level (satellite → customers,
 * free assignment of customers to satellites). The set's convention: unrounded Euclidean, cost =
 * distance of both levels, fixed fleets (L1FLEET trucks, L2FLEET city freighters in total), a
 * satellite's freight may be split over trucks (postroute does not split: one truck per satellite).
 *
 * The solver's objective is distance plus 1000 per 2nd-level vehicle (so that it uses as few as
 * the fleet allows); the reported cost is distance only, recomputed here from the raw coordinates,
 * with every rule checked here too (served once, capacities, fleet sizes, satellite loads).
 * Build first: npx tsc -b packages/core
 *
 * Usage: node benchmarks/2e/run.mjs [--instances E-n22-k4-s10-14,…] [--time-limit 10] [--seed 1] [--out results.md] [--json results.json]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dir = join(root, 'benchmarks', 'instances', '2e');
const core = await import(join(root, 'packages', 'core', 'dist', 'index.js'));

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const timeLimit = Number(args['time-limit'] ?? 10);
const seed = Number(args.seed ?? 1);
const known = new Map(readFileSync(join(dir, 'bks.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [name, n, bks] = line.split(',');
  const ub = /UB ([\d.]+)/.exec(line)?.[1];
  const lb = /LB ([\d.]+)/.exec(line)?.[1];
  return [name.replace('Set2/', ''), { n: Number(n), bks: bks === '' ? null : Number(bks), ub: ub ? Number(ub) : null, lb: lb ? Number(lb) : null }];
}));
const names = args.instances ? args.instances.split(',') : readdirSync(join(dir, 'Set2')).filter((f) => f.endsWith('.dat')).map((f) => f.replace(/\.dat$/, '')).sort();

/** The Set 1–3 format: key : value lines, then NODE_COORD, SATELLITE, DEMAND sections. */
function readInstance(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const value = (key) => Number(lines.find((l) => l.replace(/\s/g, '').startsWith(`${key}:`))?.split(':')[1]);
  const section = (name) => {
    const start = lines.indexOf(name);
    const out = [];
    for (let k = start + 1; k < lines.length && /^-?\d/.test(lines[k]); k++) out.push(lines[k].split(/\s+/).map(Number));
    return out;
  };
  const coords = new Map(section('NODE_COORD_SECTION').map(([id, x, y]) => [id, { x, y }]));
  const satellites = section('SATELLITE_SECTION').map(([id, x, y]) => ({ id, x, y }));
  const demand = new Map(section('DEMAND_SECTION').map(([id, d]) => [id, d]));
  // DEPOT_SECTION says 0, but the E-n51 files number their nodes from 1: there the depot is the
  // node with demand 0 (node 1), as the files' own description says ("the depot has demand 0").
  const listed = section('DEPOT_SECTION')[0]?.[0];
  const depot = coords.has(listed) ? listed : [...coords.keys()].find((id) => (demand.get(id) ?? 0) === 0);
  return { L1: value('L1CAPACITY'), L2: value('L2CAPACITY'), F1: value('L1FLEET'), F2: value('L2FLEET'), coords, satellites, demand, depot };
}

const rows = [];
for (const name of names) {
  const raw = readInstance(readFileSync(join(dir, 'Set2', `${name}.dat`), 'utf8'));
  const depot = raw.coords.get(raw.depot);
  const customers = [...raw.coords.keys()].filter((id) => id !== raw.depot);
  const points = [depot, ...raw.satellites, ...customers.map((id) => raw.coords.get(id))];
  const size = points.length;
  const distances = [];
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) distances.push(Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y));
  const input = {
    dimensions: ['demand'],
    hub: { id: 'depot', location: 0 },
    offices: raw.satellites.map((s, k) => ({ id: `sat${k + 1}`, location: k + 1, delivery: [0], pickup: [0], serviceTime: 0 })),
    stops: customers.map((id, k) => ({ id: `c${id}`, location: 1 + raw.satellites.length + k, delivery: [raw.demand.get(id)], pickup: [0], serviceTime: 0 })),
    matrix: { size, distances, durations: distances },
    trunk: { vehicles: [{ id: 'truck', count: raw.F1, capacity: [raw.L1], departure: 0, fixedCost: 0, costPerDistance: 1 }], collection: null },
    delivery: {
      vehicles: raw.satellites.map((_, k) => ({ id: `freighter@sat${k + 1}`, type: 'freighter', office: `sat${k + 1}`, count: raw.F2, capacity: [raw.L2], fixedCost: 1000, costPerDistance: 1 })),
      assignment: 'free', tolerance: 0, sorting: 0,
    },
  };
  const load = loadavg()[0];
  const started = performance.now();
  const result = core.solveTwoTier(input, { seed, timeLimit, maxIterationsWithoutImprovement: 5000 });
  const seconds = (performance.now() - started) / 1000;

  // The verdict, from the raw coordinates and the set's rules only.
  const where = new Map([['depot', depot], ...raw.satellites.map((s, k) => [`sat${k + 1}`, s]), ...customers.map((id) => [`c${id}`, raw.coords.get(id)])]);
  const length = (ids) => ids.slice(1).reduce((sum, id, k) => sum + Math.hypot(where.get(id).x - where.get(ids[k]).x, where.get(id).y - where.get(ids[k]).y), 0);
  const problems = [];
  const served = new Map();
  const satLoad = new Map();
  let l2 = 0;
  for (const route of result.delivery.routes) {
    const demand = route.stops.reduce((sum, id) => sum + raw.demand.get(Number(id.slice(1))), 0);
    if (demand > raw.L2) problems.push(`${route.startDepot} route carries ${demand} > ${raw.L2}`);
    satLoad.set(route.startDepot, (satLoad.get(route.startDepot) ?? 0) + demand);
    for (const id of route.stops) served.set(id, (served.get(id) ?? 0) + 1);
    l2 += length([route.startDepot, ...route.stops, route.startDepot]);
  }
  for (const id of customers) if (served.get(`c${id}`) !== 1) problems.push(`customer ${id} served ${served.get(`c${id}`) ?? 0} times`);
  if (result.delivery.routes.length > raw.F2) problems.push(`${result.delivery.routes.length} 2nd-level routes > L2FLEET ${raw.F2}`);
  if (result.trunk.solution.routes.length > raw.F1) problems.push(`${result.trunk.solution.routes.length} 1st-level routes > L1FLEET ${raw.F1}`);
  let l1 = 0;
  const delivered = new Map();
  // A satellite's freight may be split over trucks ("sat1~2" is a second share of sat1): what a
  // truck drops at a stop is the fall of its load there; the drops must add up per satellite.
  const satOf = (id) => id.replace(/~\d+$/, '');
  for (const route of result.trunk.solution.routes) {
    let onBoard = route.startLoad[0];
    if (onBoard > raw.L1 + 1e-6) problems.push(`truck carries ${onBoard} > ${raw.L1}`);
    for (const visit of route.visits) {
      delivered.set(satOf(visit.id), (delivered.get(satOf(visit.id)) ?? 0) + onBoard - visit.load[0]);
      onBoard = visit.load[0];
    }
    if (Math.abs(onBoard) > 1e-6) problems.push('a truck comes back loaded');
    l1 += length(['depot', ...route.stops.map(satOf), 'depot']);
  }
  for (const [sat, amount] of satLoad) if (amount > 0 && Math.abs((delivered.get(sat) ?? 0) - amount) > 1e-6) problems.push(`satellite ${sat} needs ${amount}, trucks bring ${delivered.get(sat) ?? 0}`);
  const cost = l1 + l2;
  const ref = known.get(name) ?? {};
  rows.push({ name, n: customers.length, satellites: raw.satellites.length, cost, l1, l2, trucks: result.trunk.solution.routes.length, freighters: result.delivery.routes.length, rounds: result.rounds, bks: ref.bks ?? null, ub2011: ref.ub ?? null, lb2011: ref.lb ?? null, gap: ref.bks ? ((cost - ref.bks) / ref.bks) * 100 : null, seconds, load, ok: problems.length === 0, problems });
  process.stderr.write(`${name}: ${cost.toFixed(2)} (${ref.bks ?? `UB ${ref.ub}`}), ${seconds.toFixed(1)} s, ${problems.length === 0 ? 'checked' : problems.join('; ')}\n`);
}
const proven = rows.filter((r) => r.gap !== null);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const f = (x, d = 2) => (x === null ? '' : x.toFixed(d));
const table = [
  '| instance | n | sat. | cost | 1st level | 2nd level | trucks | freighters | optimum | gap % | 2011 UB | 2011 LB | vs 2011 UB % | time s | load avg | checked |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.name} | ${r.n} | ${r.satellites} | ${f(r.cost)} | ${f(r.l1)} | ${f(r.l2)} | ${r.trucks} | ${r.freighters} | ${f(r.bks)} | ${f(r.gap)} | ${f(r.ub2011)} | ${f(r.lb2011)} | ${r.ub2011 ? f(((r.cost - r.ub2011) / r.ub2011) * 100) : ''} | ${f(r.seconds, 1)} | ${f(r.load)} | ${r.ok ? 'yes' : `no: ${r.problems.slice(0, 2).join('; ')}`} |`),
  '',
  `Proven optima (E-n22, 6 instances): mean gap ${f(mean(proven.map((r) => r.gap)))} %. Checked: ${rows.filter((r) => r.ok).length}/${rows.length}. ${timeLimit} s per instance, seed ${seed}.`,
].join('\n');
process.stdout.write(`${table}\n`);
if (args.out) writeFileSync(args.out, `${table}\n`);
if (args.json) writeFileSync(args.json, `${JSON.stringify(rows, null, 2)}\n`);
