/**
 * Reader for Li & Lim's pickup-and-delivery instances (Li & Lim 2003; the SINTEF TOP set):
 * line 1 `K Q S` (vehicles, capacity, speed, unused), then one line per task
 * `id x y demand ready due service pickupIndex deliveryIndex`, task 0 the depot. A pick-up has
 * demand ≥ 0, pickupIndex 0 and deliveryIndex its delivery; a delivery has demand < 0 and
 * pickupIndex its pick-up. The convention (SINTEF) is hierarchical: fewest vehicles, then total
 * distance, unrounded Euclidean, travel time = distance. Stop ids are the task numbers.
 */
import { InputError } from '../errors.js';
import type { ProblemInput, ShipmentInput, StopInput } from '../vrp/input.js';

/** One task line of a Li & Lim file. */
export interface LiLimTask {
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
  pickup: number;
  delivery: number;
  /** One-based line in the file, for error messages. */
  line: number;
}

/** A Li & Lim instance as written. */
export interface LiLimInstance {
  vehicles: number;
  capacity: number;
  /** Task 0 is the depot. */
  tasks: LiLimTask[];
}

/** Tells a Li & Lim file by its first two lines: `K Q S`, then the depot's nine numbers. */
export function looksLikeLiLim(text: string): boolean {
  return /^\s*\d+\s+\d+\s+\d+(\.\d+)?[ \t]*\r?\n\s*0(\s+-?\d+(\.\d+)?){8}[ \t]*(\r?\n|$)/.test(text);
}

/**
 * Parses and checks a Li & Lim file; every mistake is an `InputError` at its line.
 *
 * @example
 * const instance = parseLiLim(readFileSync('lc101.txt', 'utf8'), { source: 'lc101.txt' });
 * instance.tasks.length; // 107: the depot and 106 tasks
 */
export function parseLiLim(text: string, options: { source?: string } = {}): LiLimInstance {
  const source = options.source;
  const fail = (message: string, line: number, hint?: string): never => {
    throw new InputError(message, source === undefined ? { line } : { source, line }, hint);
  };
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').trim().split(/\s+/);
  if (header.length !== 3 || header.some((x) => !/^\d+(\.\d+)?$/.test(x)))
    fail('the first line must be "vehicles capacity speed" (three numbers)', 1, 'e.g. "25 200 1"');
  const vehicles = Number(header[0]);
  const capacity = Number(header[1]);
  if (!Number.isInteger(vehicles) || vehicles < 1) fail(`the vehicle count must be a whole number ≥ 1, got ${header[0]}`, 1);
  const tasks: LiLimTask[] = [];
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k]!.trim();
    if (raw === '') continue;
    const f = raw.split(/\s+/);
    const line = k + 1;
    if (f.length !== 9)
      fail(`a task line needs 9 numbers (id x y demand ready due service pickup delivery), found ${f.length}`, line);
    const v = f.map(Number);
    const bad = v.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) fail(`"${f[bad]}" is not a number`, line);
    const [id, x, y, demand, ready, due, service, pickup, delivery] = v as [number, number, number, number, number, number, number, number, number];
    if (id !== tasks.length) fail(`task ${id} is out of order: expected task ${tasks.length}`, line, 'number the tasks 0, 1, 2, … with the depot first');
    if (ready > due) fail(`task ${id}'s time window [${ready}, ${due}] closes before it opens`, line);
    if (service < 0) fail(`task ${id} has a negative service time`, line);
    tasks.push({ id, x, y, demand, ready, due, service, pickup, delivery, line });
  }
  if (tasks.length < 1) fail('no depot line: the file has no tasks', 2);
  const depot = tasks[0]!;
  if (depot.demand !== 0 || depot.pickup !== 0 || depot.delivery !== 0) fail('task 0 is the depot: demand, pickup and delivery must be 0', depot.line);
  const n = tasks.length;
  for (const t of tasks.slice(1)) {
    const partnerIndex = t.demand < 0 ? t.pickup : t.delivery;
    const other = t.demand < 0 ? t.delivery : t.pickup;
    const role = t.demand < 0 ? 'delivery' : 'pick-up';
    if (!Number.isInteger(partnerIndex) || partnerIndex < 1 || partnerIndex >= n)
      fail(`task ${t.id} is a ${role} whose partner ${partnerIndex} is not a task (1 … ${n - 1})`, t.line,
        'a pick-up (demand ≥ 0) names its delivery in the last column; a delivery (demand < 0) its pick-up in the one before');
    if (other !== 0) fail(`task ${t.id} is a ${role} but names both a pick-up and a delivery`, t.line);
    const partner = tasks[partnerIndex]!;
    const back = partner.demand < 0 ? partner.pickup : partner.delivery;
    if (back !== t.id || (partner.demand < 0) === (t.demand < 0))
      fail(`task ${t.id} and task ${partner.id} do not name each other as pick-up and delivery`, t.line);
    if (partner.demand !== -t.demand)
      fail(`task ${t.id}'s demand ${t.demand} is not the opposite of its partner ${partner.id}'s ${partner.demand}`, t.line,
        'a delivery drops exactly what its pick-up collected');
    if (Math.abs(t.demand) > capacity) fail(`task ${t.id}'s demand ${Math.abs(t.demand)} exceeds the capacity ${capacity}`, t.line);
  }
  return { vehicles, capacity, tasks };
}

/** The problem under the SINTEF convention, and the fixed cost that makes it hierarchical. */
export interface LiLimProblem {
  problem: ProblemInput;
  /** Fixed cost per vehicle, larger than any difference in distance (fewest vehicles first). */
  vehicleCost: number;
}

/**
 * A Li & Lim instance as a routing problem with shipments: unrounded Euclidean distances, travel
 * time = distance, K vehicles of capacity Q, and a fixed cost per vehicle above any difference in
 * distance, so that the one objective is "fewest vehicles, then distance".
 */
export function liLimToProblem(instance: LiLimInstance): LiLimProblem {
  const tasks = instance.tasks;
  const n = tasks.length;
  const distances = new Array<number>(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) distances[a * n + b] = Math.hypot(tasks[a]!.x - tasks[b]!.x, tasks[a]!.y - tasks[b]!.y);
  // Serving each pair alone is no longer than Σ out and back per task; plans differ by less.
  let bound = 0;
  for (let i = 1; i < n; i++) bound += distances[i]! + distances[i * n]!;
  const vehicleCost = 10 ** Math.ceil(Math.log10(Math.max(bound, 1) + 1));
  const stops: StopInput[] = tasks.slice(1).map((t) => ({
    id: String(t.id),
    location: t.id,
    ...(t.demand < 0 ? { delivery: [-t.demand] } : { pickup: [t.demand] }),
    serviceTime: t.service,
    timeWindows: [[t.ready, t.due]],
  }));
  const shipments: ShipmentInput[] = tasks.slice(1).filter((t) => t.demand >= 0).map((t) => ({ pickup: String(t.id), delivery: String(t.delivery) }));
  const depot = tasks[0]!;
  return {
    vehicleCost,
    problem: {
      depots: [{ id: '0', location: 0, timeWindow: [depot.ready, depot.due] }],
      stops,
      vehicleTypes: [{ id: 'vehicle', count: instance.vehicles, capacity: [instance.capacity], startDepot: '0', fixedCost: vehicleCost }],
      matrix: { size: n, distances },
      shipments,
    },
  };
}
