/**
 * VROOM's input format (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md) read into
 * a `ProblemInput`, with what the writer needs to answer in VROOM's terms. Every key VROOM defines
 * that postroute does not honour yet (coordinates without a matrix, ...) is a located error,
 * never ignored.
 *
 * How VROOM's rules map onto the model:
 * - jobs → stops at their `location_index`; vehicles → one vehicle type each (count 1), starting
 *   and ending at a depot per distinct `start_index` / `end_index` (no `end_index`: open route).
 * - `service` + `setup` → service time. VROOM skips the setup when the previous step is at the same
 *   place; that is exact here only if no two places coincide, so setup beside shared locations is
 *   an error.
 * - costs: the travel cost of each arc goes into the model's "distance" (cost per distance 1):
 *   the profile's `costs` matrix if given, else `per_hour` × duration / 3600 + `per_km` × distance
 *   / 1000 (VROOM's defaults: 3600 per hour, 0 per km, so the cost is the travel time); `fixed` →
 *   fixedCost. A vehicle with `max_distance` needs the model's distance to be the distance: its
 *   cost is then per_km / 1000 per metre and per_hour / 3600 per second of travel (the model's
 *   costPerTravelTime); with a costs matrix that split is unknown, so that pair is an error.
 * - `max_travel_time` → maxTravelTime (travel alone, after the speed factor).
 * - `breaks` → the type's breaks (vrp/breaks.ts): id, time_windows (none: any time), service,
 *   max_load (a max_tasks dimension is not limited at a break).
 * - `speed_factor` divides the vehicle's travel times (its own profile).
 * - `max_tasks` → one more load dimension: each job weighs 1, the vehicle carries max_tasks.
 * - `priority` and `skills` → the model's own; every job may stay unassigned (serveMost).
 * - `shipments` → two stops and a model shipment (vrp/shipments.ts): the pick-up (`pickup <id>`,
 *   collects `amount`, the delivery (`delivery <id>`) drops it, each with the shipment's priority
 *   (VROOM counts it on both halves, in its summary as in its objective); with
 *   max_tasks the pick-up weighs 2 in that dimension, loaded at the depot (both tasks).
 */
import { InputError } from '../errors.js';
import type { BreakInput } from '../vrp/breaks.js';
import type { MatrixInput, ProblemInput, StopInput, VehicleTypeInput } from '../vrp/input.js';

/** One of VROOM's jobs, as read (only the keys postroute honours). */
export interface VroomJob {
  id: number;
  description?: string;
  location_index: number;
  setup?: number;
  service?: number;
  delivery?: number[];
  pickup?: number[];
  skills?: number[];
  priority?: number;
  time_windows?: [number, number][];
}

/** A job, or one half of a shipment, as the writer answers for it. */
export interface VroomStopTask extends VroomJob {
  type: 'job' | 'pickup' | 'delivery';
}

/** One of VROOM's shipments, as read. */
export interface VroomShipment {
  amount?: number[];
  skills?: number[];
  priority?: number;
  pickup: VroomJob;
  delivery: VroomJob;
}

/** The model's stop id of a task: a job's id, or `pickup <id>` / `delivery <id>` for a shipment's halves. */
export function taskStopId(type: VroomStopTask['type'], id: number): string {
  return type === 'job' ? String(id) : `${type} ${id}`;
}

/** One step of a vehicle's given route (plan mode). */
export interface VroomStep {
  type: 'start' | 'job' | 'end' | 'break' | 'pickup' | 'delivery';
  id?: number;
  service_at?: number;
  service_after?: number;
  service_before?: number;
}

/** One of VROOM's vehicles, as read. */
export interface VroomVehicle {
  id: number;
  profile?: string;
  description?: string;
  start_index?: number;
  end_index?: number;
  capacity?: number[];
  costs?: { fixed?: number; per_hour?: number; per_km?: number };
  skills?: number[];
  time_window?: [number, number];
  speed_factor?: number;
  max_tasks?: number;
  max_distance?: number;
  max_travel_time?: number;
  breaks?: VroomBreak[];
  steps?: VroomStep[];
}

/** One of a vehicle's breaks, as read. */
export interface VroomBreak {
  id: number;
  time_windows?: [number, number][];
  service?: number;
  description?: string;
  max_load?: number[];
}

/** One profile's matrices, row by row. */
export interface VroomMatrices {
  durations?: number[][];
  distances?: number[][];
  costs?: number[][];
}

/** VROOM's input, as read and checked. */
export interface VroomInput {
  jobs?: VroomJob[];
  shipments?: VroomShipment[];
  vehicles: VroomVehicle[];
  matrices: Record<string, VroomMatrices>;
}

/** What the writer needs besides the solution: the input, read and checked, and the mapping. */
export interface VroomRead {
  problem: ProblemInput;
  input: VroomInput;
  /** Load dimensions that are the input's own (a max_tasks dimension comes after them). */
  amountDims: number;
  /** Per vehicle: its travel-time and distance matrices (speed factor applied), row-major. */
  travel: { durations: number[]; distances: number[] | null; size: number }[];
  /** Jobs, then each shipment's pick-up and delivery: what each stop of the model stands for. */
  tasks: VroomStopTask[];
  /** Task index by stop id, vehicle index by vehicle type id. */
  taskByStop: Map<string, number>;
  vehicleByType: Map<string, number>;
}

const TOP = new Set(['jobs', 'shipments', 'vehicles', 'matrices']);
const SHIPMENT = new Set(['amount', 'skills', 'priority', 'pickup', 'delivery']);
const SHIPMENT_TASK = new Set(['id', 'description', 'location_index', 'setup', 'service', 'time_windows']);
const TOP_UNSUPPORTED: Record<string, string> = {
  matrix: 'the top-level "matrix" is VROOM\'s old form; give "matrices": { "car": { "durations": [...] } }',
  options: 'options are not supported; leave them out',
};
const JOB = new Set(['id', 'description', 'location_index', 'setup', 'service', 'delivery', 'pickup', 'skills', 'priority', 'time_windows']);
const JOB_UNSUPPORTED: Record<string, string> = {
  location: 'coordinates need a road graph: give location_index into the matrices, or run with --roads',
  amount: '"amount" is VROOM\'s old form; give "delivery" or "pickup"',
};
const VEHICLE = new Set([
  'id', 'profile', 'description', 'start_index', 'end_index', 'capacity', 'costs', 'skills', 'time_window', 'speed_factor', 'max_tasks',
  'max_distance', 'max_travel_time', 'breaks', 'steps',
]);
const BREAK = new Set(['id', 'time_windows', 'service', 'description', 'max_load']);
const VEHICLE_UNSUPPORTED: Record<string, string> = {
  start: 'coordinates need a road graph: give start_index into the matrices, or run with --roads',
  end: 'coordinates need a road graph: give end_index into the matrices, or run with --roads',
};
const COSTS = new Set(['fixed', 'per_hour', 'per_km']);
const MATRICES = new Set(['durations', 'distances', 'costs']);
const STEP = new Set(['type', 'id', 'service_at', 'service_after', 'service_before']);

/**
 * Reads VROOM's input (parsed JSON). Vehicles' `steps` are the routes to check in plan mode, and
 * the routes the search starts from when solving (VROOM's initial routes; not locked).
 *
 * @example
 * const { problem } = readVroom({ jobs: [{ id: 1, location_index: 1 }], vehicles: [{ id: 7, start_index: 0 }],
 *   matrices: { car: { durations: [[0, 60], [60, 0]] } } });
 */
export function readVroom(json: unknown, options: { source?: string } = {}): VroomRead {
  const fail = (message: string, field: string, hint?: string): never => {
    throw new InputError(message, options.source === undefined ? { field } : { field, source: options.source }, hint);
  };
  const object = (value: unknown, field: string): Record<string, unknown> => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('must be an object', field);
    return value as Record<string, unknown>;
  };
  const keys = (obj: Record<string, unknown>, allowed: Set<string>, unsupported: Record<string, string>, prefix: string): void => {
    for (const key of Object.keys(obj)) {
      const field = prefix ? `${prefix}.${key}` : key;
      if (unsupported[key] !== undefined) fail(`"${key}" is not supported`, field, unsupported[key]);
      if (!allowed.has(key)) fail(`unknown key "${key}"`, field, `known keys: ${[...allowed].join(', ')}`);
    }
  };
  const number = (value: unknown, field: string, opts: { integer?: boolean; min?: number; max?: number; above?: number } = {}): number => {
    const ok = typeof value === 'number' && Number.isFinite(value) && (!opts.integer || Number.isInteger(value));
    if (!ok) fail(`must be a${opts.integer ? ' whole' : ''} number, got ${JSON.stringify(value)}`, field);
    const v = value as number;
    if (opts.min !== undefined && v < opts.min) fail(`must be ≥ ${opts.min}, got ${v}`, field);
    if (opts.max !== undefined && v > opts.max) fail(`must be ≤ ${opts.max}, got ${v}`, field);
    if (opts.above !== undefined && v <= opts.above) fail(`must be > ${opts.above}, got ${v}`, field);
    return v;
  };
  const amounts = (value: unknown, field: string): number[] => {
    if (!Array.isArray(value)) fail('must be an array of whole numbers ≥ 0', field);
    return (value as unknown[]).map((x, k) => number(x, `${field}[${k}]`, { integer: true, min: 0 }));
  };
  const window = (value: unknown, field: string): [number, number] => {
    if (!Array.isArray(value) || value.length !== 2) fail('a time window must be [start, end]', field);
    const a = number((value as unknown[])[0], `${field}[0]`, { min: 0 });
    const b = number((value as unknown[])[1], `${field}[1]`, { min: 0 });
    if (a > b) fail(`time window [${a}, ${b}] ends before it starts`, field);
    return [a, b];
  };

  const top = object(json, '');
  keys(top, TOP, TOP_UNSUPPORTED, '');
  if (!Array.isArray(top.vehicles) || top.vehicles.length === 0) fail('at least one vehicle is required', 'vehicles');
  const jobsRaw = top.jobs === undefined ? [] : top.jobs;
  if (!Array.isArray(jobsRaw)) fail('must be an array', 'jobs');
  const matrices = object(top.matrices, 'matrices');
  if (Object.keys(matrices).length === 0) fail('at least one profile is required', 'matrices', 'e.g. "matrices": { "car": { "durations": [[0, 60], [60, 0]] } }');

  // Matrices per profile, all square and of one size.
  let size = -1;
  const profiles = new Map<string, { durations: number[]; distances: number[] | null; costs: number[] | null }>();
  for (const name of Object.keys(matrices)) {
    const m = object(matrices[name], `matrices.${name}`);
    keys(m, MATRICES, {}, `matrices.${name}`);
    const flat = (key: string): number[] | null => {
      const rows = m[key];
      if (rows === undefined) return null;
      const field = `matrices.${name}.${key}`;
      if (!Array.isArray(rows)) fail('must be an array of rows', field);
      const r = rows as unknown[];
      if (size < 0) size = r.length;
      if (r.length !== size) fail(`has ${r.length} rows, other matrices ${size}`, field, 'every matrix covers the same locations');
      const out: number[] = [];
      r.forEach((row, i) => {
        if (!Array.isArray(row) || row.length !== size) fail(`row ${i} has ${Array.isArray(row) ? row.length : 'no'} values, need ${size}`, `${field}[${i}]`);
        (row as unknown[]).forEach((x, j) => out.push(number(x, `${field}[${i}][${j}]`, { min: 0 })));
      });
      return out;
    };
    const durations = flat('durations');
    if (durations === null) fail('durations are required', `matrices.${name}.durations`);
    profiles.set(name, { durations: durations!, distances: flat('distances'), costs: flat('costs') });
  }
  const index = (value: unknown, field: string): number => number(value, field, { integer: true, min: 0, max: size - 1 });

  // Jobs.
  const jobs: VroomJob[] = [];
  const jobIds = new Set<number>();
  let dims = -1;
  const checkDims = (n: number, field: string): void => {
    if (dims < 0) dims = n;
    else if (n !== dims) fail(`has ${n} amount dimension(s), elsewhere ${dims}`, field, 'every capacity, delivery and pickup has the same dimensions');
  };
  (jobsRaw as unknown[]).forEach((raw, k) => {
    const f = `jobs[${k}]`;
    const j = object(raw, f);
    keys(j, JOB, JOB_UNSUPPORTED, f);
    const id = number(j.id, `${f}.id`, { integer: true, min: 0 });
    if (jobIds.has(id)) fail(`duplicate job id ${id}`, `${f}.id`);
    jobIds.add(id);
    const job: VroomJob = { id, location_index: index(j.location_index, `${f}.location_index`) };
    if (j.description !== undefined) {
      if (typeof j.description !== 'string') fail('must be a string', `${f}.description`);
      job.description = j.description as string;
    }
    if (j.setup !== undefined) job.setup = number(j.setup, `${f}.setup`, { min: 0 });
    if (j.service !== undefined) job.service = number(j.service, `${f}.service`, { min: 0 });
    for (const key of ['delivery', 'pickup'] as const) {
      if (j[key] === undefined) continue;
      job[key] = amounts(j[key], `${f}.${key}`);
      checkDims(job[key]!.length, `${f}.${key}`);
    }
    if (j.skills !== undefined) job.skills = amounts(j.skills, `${f}.skills`);
    if (j.priority !== undefined) job.priority = number(j.priority, `${f}.priority`, { integer: true, min: 0, max: 100 });
    if (j.time_windows !== undefined) {
      if (!Array.isArray(j.time_windows) || j.time_windows.length === 0) fail('must be a non-empty array of [start, end]', `${f}.time_windows`);
      job.time_windows = (j.time_windows as unknown[]).map((w, i) => window(w, `${f}.time_windows[${i}]`));
    }
    jobs.push(job);
  });

  // Shipments: a pick-up and a delivery, each with its own id (pick-ups and deliveries have one id space each).
  const shipmentsRaw = top.shipments === undefined ? [] : top.shipments;
  if (!Array.isArray(shipmentsRaw)) fail('must be an array', 'shipments');
  const shipments: VroomShipment[] = [];
  const halfIds = { pickup: new Set<number>(), delivery: new Set<number>() };
  const half = (raw: unknown, f: string, kind: 'pickup' | 'delivery'): VroomJob => {
    const t = object(raw, f);
    keys(t, SHIPMENT_TASK, JOB_UNSUPPORTED, f);
    const id = number(t.id, `${f}.id`, { integer: true, min: 0 });
    if (halfIds[kind].has(id)) fail(`duplicate ${kind} id ${id}`, `${f}.id`, `each shipment's ${kind} has its own id`);
    halfIds[kind].add(id);
    const task: VroomJob = { id, location_index: index(t.location_index, `${f}.location_index`) };
    if (t.description !== undefined) {
      if (typeof t.description !== 'string') fail('must be a string', `${f}.description`);
      task.description = t.description as string;
    }
    if (t.setup !== undefined) task.setup = number(t.setup, `${f}.setup`, { min: 0 });
    if (t.service !== undefined) task.service = number(t.service, `${f}.service`, { min: 0 });
    if (t.time_windows !== undefined) {
      if (!Array.isArray(t.time_windows) || t.time_windows.length === 0) fail('must be a non-empty array of [start, end]', `${f}.time_windows`);
      task.time_windows = (t.time_windows as unknown[]).map((w, i) => window(w, `${f}.time_windows[${i}]`));
    }
    return task;
  };
  (shipmentsRaw as unknown[]).forEach((raw, k) => {
    const f = `shipments[${k}]`;
    const sh = object(raw, f);
    keys(sh, SHIPMENT, {}, f);
    if (sh.pickup === undefined || sh.delivery === undefined) fail('a shipment needs a pickup and a delivery', f);
    const shipment: VroomShipment = { pickup: half(sh.pickup, `${f}.pickup`, 'pickup'), delivery: half(sh.delivery, `${f}.delivery`, 'delivery') };
    if (sh.amount !== undefined) {
      shipment.amount = amounts(sh.amount, `${f}.amount`);
      checkDims(shipment.amount.length, `${f}.amount`);
    }
    if (sh.skills !== undefined) shipment.skills = amounts(sh.skills, `${f}.skills`);
    if (sh.priority !== undefined) shipment.priority = number(sh.priority, `${f}.priority`, { integer: true, min: 0, max: 100 });
    shipments.push(shipment);
  });

  // Vehicles.
  const vehicles: VroomVehicle[] = [];
  const vehicleIds = new Set<number>();
  const stepOf = new Map<number, string>();
  (top.vehicles as unknown[]).forEach((raw, k) => {
    const f = `vehicles[${k}]`;
    const v = object(raw, f);
    keys(v, VEHICLE, VEHICLE_UNSUPPORTED, f);
    const id = number(v.id, `${f}.id`, { integer: true, min: 0 });
    if (vehicleIds.has(id)) fail(`duplicate vehicle id ${id}`, `${f}.id`);
    vehicleIds.add(id);
    const vehicle: VroomVehicle = { id };
    if (v.profile !== undefined) {
      if (typeof v.profile !== 'string') fail('must be a string', `${f}.profile`);
      vehicle.profile = v.profile as string;
    }
    const profile = vehicle.profile ?? 'car';
    if (!profiles.has(profile)) fail(`no matrices for profile "${profile}"`, `${f}.profile`, `profiles in "matrices": ${[...profiles.keys()].join(', ')}`);
    if (v.description !== undefined) {
      if (typeof v.description !== 'string') fail('must be a string', `${f}.description`);
      vehicle.description = v.description as string;
    }
    if (v.start_index === undefined) fail('a start_index is required (routes that only end somewhere are not supported yet)', `${f}.start_index`);
    vehicle.start_index = index(v.start_index, `${f}.start_index`);
    if (v.end_index !== undefined) vehicle.end_index = index(v.end_index, `${f}.end_index`);
    if (v.capacity !== undefined) {
      vehicle.capacity = amounts(v.capacity, `${f}.capacity`);
      checkDims(vehicle.capacity.length, `${f}.capacity`);
    }
    if (v.costs !== undefined) {
      const c = object(v.costs, `${f}.costs`);
      keys(c, COSTS, {}, `${f}.costs`);
      vehicle.costs = {};
      for (const key of ['fixed', 'per_hour', 'per_km'] as const)
        if (c[key] !== undefined) vehicle.costs[key] = number(c[key], `${f}.costs.${key}`, { min: 0 });
      if (profiles.get(profile)!.costs !== null && (vehicle.costs.per_hour !== undefined || vehicle.costs.per_km !== undefined))
        fail('per_hour and per_km cannot go with a costs matrix', `${f}.costs`, `profile "${profile}" has a costs matrix; leave per_hour and per_km out`);
    }
    if (v.skills !== undefined) vehicle.skills = amounts(v.skills, `${f}.skills`);
    if (v.time_window !== undefined) vehicle.time_window = window(v.time_window, `${f}.time_window`);
    if (v.speed_factor !== undefined) vehicle.speed_factor = number(v.speed_factor, `${f}.speed_factor`, { above: 0, max: 5 });
    if (v.max_tasks !== undefined) vehicle.max_tasks = number(v.max_tasks, `${f}.max_tasks`, { integer: true, min: 0 });
    if (v.max_distance !== undefined) {
      vehicle.max_distance = number(v.max_distance, `${f}.max_distance`, { min: 0 });
      const p = profiles.get(profile)!;
      if (p.distances === null) fail('max_distance needs a distances matrix', `${f}.max_distance`, `add "distances" to matrices.${profile}`);
      if (p.costs !== null)
        fail('max_distance cannot go with a costs matrix yet', `${f}.max_distance`,
          `leave the costs matrix of profile "${profile}" out (give per_hour / per_km), or leave max_distance out`);
    }
    if (v.max_travel_time !== undefined) vehicle.max_travel_time = number(v.max_travel_time, `${f}.max_travel_time`, { integer: true, min: 0 });
    const breakIds = new Set<number>();
    if (v.breaks !== undefined) {
      if (!Array.isArray(v.breaks)) fail('must be an array of breaks', `${f}.breaks`);
      vehicle.breaks = (v.breaks as unknown[]).map((raw2, i) => {
        const bf = `${f}.breaks[${i}]`;
        const b = object(raw2, bf);
        keys(b, BREAK, {}, bf);
        const brk: VroomBreak = { id: number(b.id, `${bf}.id`, { integer: true, min: 0 }) };
        if (breakIds.has(brk.id)) fail(`duplicate break id ${brk.id} for this vehicle`, `${bf}.id`, 'give each break of a vehicle its own id');
        breakIds.add(brk.id);
        if (b.time_windows !== undefined) {
          if (!Array.isArray(b.time_windows) || b.time_windows.length === 0) fail('must be a non-empty array of [start, end]', `${bf}.time_windows`);
          brk.time_windows = (b.time_windows as unknown[]).map((w, j) => window(w, `${bf}.time_windows[${j}]`));
        }
        if (b.service !== undefined) brk.service = number(b.service, `${bf}.service`, { min: 0 });
        if (b.description !== undefined) {
          if (typeof b.description !== 'string') fail('must be a string', `${bf}.description`);
          brk.description = b.description as string;
        }
        if (b.max_load !== undefined) {
          brk.max_load = amounts(b.max_load, `${bf}.max_load`);
          checkDims(brk.max_load.length, `${bf}.max_load`);
        }
        return brk;
      });
    }
    if (v.steps !== undefined) {
      if (!Array.isArray(v.steps)) fail('must be an array of steps', `${f}.steps`);
      const breakSteps = new Set<number>();
      vehicle.steps = (v.steps as unknown[]).map((raw2, i) => {
        const sf = `${f}.steps[${i}]`;
        const s = object(raw2, sf);
        keys(s, STEP, {}, sf);
        if (s.type !== 'start' && s.type !== 'job' && s.type !== 'end' && s.type !== 'break' && s.type !== 'pickup' && s.type !== 'delivery')
          fail(`step type ${JSON.stringify(s.type)} is not supported`, `${sf}.type`, 'steps are "start", "job", "pickup", "delivery", "break" or "end"');
        if (s.service_at !== undefined || s.service_after !== undefined || s.service_before !== undefined)
          fail('service_at, service_after and service_before are not supported yet', sf);
        const step: VroomStep = { type: s.type as VroomStep['type'] };
        if (s.type === 'job') {
          step.id = number(s.id, `${sf}.id`, { integer: true, min: 0 });
          if (!jobIds.has(step.id)) fail(`no job has id ${step.id}`, `${sf}.id`);
          const before = stepOf.get(step.id);
          if (before !== undefined) fail(`job ${step.id} is already a step of ${before}`, `${sf}.id`, 'a job is served once');
          stepOf.set(step.id, `${f}.steps`);
        }
        if (s.type === 'pickup' || s.type === 'delivery') {
          step.id = number(s.id, `${sf}.id`, { integer: true, min: 0 });
          if (!halfIds[s.type].has(step.id)) fail(`no shipment has a ${s.type} with id ${step.id}`, `${sf}.id`);
          const key = -1 - (s.type === 'pickup' ? 2 * step.id : 2 * step.id + 1);
          const before = stepOf.get(key);
          if (before !== undefined) fail(`${s.type} ${step.id} is already a step of ${before}`, `${sf}.id`, 'a task is served once');
          stepOf.set(key, `${f}.steps`);
        }
        if (s.type === 'break') {
          step.id = number(s.id, `${sf}.id`, { integer: true, min: 0 });
          if (!breakIds.has(step.id)) fail(`this vehicle has no break with id ${step.id}`, `${sf}.id`, breakIds.size > 0 ? `its breaks: ${[...breakIds].join(', ')}` : 'give the break under "breaks" first');
          if (breakSteps.has(step.id)) fail(`break ${step.id} is already a step`, `${sf}.id`, 'a break is taken once');
          breakSteps.add(step.id);
        }
        return step;
      });
    }
    vehicles.push(vehicle);
  });
  if (dims < 0) dims = 0;
  vehicles.forEach((v, k) => {
    if (v.capacity === undefined && dims > 0) fail('a capacity is required when jobs have amounts', `vehicles[${k}].capacity`, `give ${dims} number(s), like the jobs' delivery and pickup`);
  });

  // Setup is exact only where VROOM always applies it: no two places coincide.
  const used = new Map<number, number>();
  for (const j of [...jobs, ...shipments.flatMap((sh) => [sh.pickup, sh.delivery])]) used.set(j.location_index, (used.get(j.location_index) ?? 0) + 1);
  for (const v of vehicles) {
    used.set(v.start_index!, (used.get(v.start_index!) ?? 0) + 1);
    if (v.end_index !== undefined && v.end_index !== v.start_index) used.set(v.end_index, (used.get(v.end_index) ?? 0) + 1);
  }
  jobs.forEach((j, k) => {
    if ((j.setup ?? 0) > 0 && used.get(j.location_index)! > 1)
      fail('setup at a place shared with another job or a vehicle start/end is not supported yet', `jobs[${k}].setup`,
        'VROOM then skips the setup for consecutive tasks there; fold it into service, or give the job its own location_index');
  });
  shipments.forEach((sh, k) => {
    for (const kind of ['pickup', 'delivery'] as const) {
      if ((sh[kind].setup ?? 0) > 0 && used.get(sh[kind].location_index)! > 1)
        fail('setup at a place shared with another task or a vehicle start/end is not supported yet', `shipments[${k}].${kind}.setup`,
          'fold it into service, or give the task its own location_index');
    }
  });

  return build({ jobs, shipments, vehicles, matrices: {} }, profiles, size, dims, options.source);
}

function build(
  input: VroomInput, profiles: Map<string, { durations: number[]; distances: number[] | null; costs: number[] | null }>,
  size: number, dims: number, source: string | undefined,
): VroomRead {
  const { jobs, vehicles } = input as { jobs: VroomJob[]; vehicles: VroomVehicle[] };
  const shipments = input.shipments ?? [];
  const tasks: VroomStopTask[] = jobs.map((j) => ({ ...j, type: 'job' as const }));
  for (const sh of shipments) {
    const extra = { ...(sh.skills !== undefined ? { skills: sh.skills } : {}) };
    tasks.push({ ...sh.pickup, ...extra, type: 'pickup', ...(sh.amount !== undefined ? { pickup: sh.amount } : {}), ...(sh.priority !== undefined ? { priority: sh.priority } : {}) });
    // VROOM gives both halves the shipment's priority (its summary counts it twice), as here.
    tasks.push({ ...sh.delivery, ...extra, type: 'delivery', ...(sh.amount !== undefined ? { delivery: sh.amount } : {}), ...(sh.priority !== undefined ? { priority: sh.priority } : {}) });
  }
  const taskDim = vehicles.some((v) => v.max_tasks !== undefined);
  const nDims = Math.max(1, dims) + (taskDim ? 1 : 0);
  const amountDims = dims;
  const vector = (values: number[] | undefined, extra: number | null): number[] => {
    const out = Array.from({ length: Math.max(1, dims) }, (_, d) => values?.[d] ?? 0);
    if (taskDim) out.push(extra ?? 0);
    return out;
  };
  const depotAt = (index: number): string => `@${index}`;
  const depotIndices = new Set<number>();
  for (const v of vehicles) {
    depotIndices.add(v.start_index!);
    if (v.end_index !== undefined) depotIndices.add(v.end_index);
  }
  const stops: StopInput[] = tasks.map((j) => {
    const stop: StopInput = {
      id: taskStopId(j.type, j.id),
      location: j.location_index,
      // A shipment counts two tasks, both at its pick-up; its amount is carried only between its stops.
      delivery: vector(j.type === 'pickup' ? undefined : j.delivery, j.type === 'job' ? 1 : j.type === 'pickup' ? 2 : 0),
      pickup: vector(j.type === 'delivery' ? undefined : j.pickup, 0),
      serviceTime: (j.setup ?? 0) + (j.service ?? 0),
    };
    if (j.time_windows !== undefined) stop.timeWindows = j.time_windows.map((w) => [w[0], w[1]] as [number, number]);
    if (j.priority !== undefined) stop.priority = j.priority;
    if (j.skills !== undefined) stop.skills = j.skills;
    return stop;
  });
  // One matrix pair per distinct (profile, speed factor, cost), named after them.
  const matrixFor = new Map<string, MatrixInput>();
  const travel: VroomRead['travel'] = [];
  const types: VehicleTypeInput[] = vehicles.map((v) => {
    const name = v.profile ?? 'car';
    const p = profiles.get(name)!;
    const speed = v.speed_factor ?? 1;
    const perHour = v.costs?.per_hour ?? 3600;
    const perKm = v.costs?.per_km ?? 0;
    // With a distance limit the model's distance is the distance itself and the cost is split
    // into per metre and per second of travel; else the arcs' cost is the model's distance.
    const split = v.max_distance !== undefined;
    const key = split ? `${name} x${speed} distance` : p.costs !== null ? `${name} x${speed} costs` : `${name} x${speed} ${perHour}/h ${perKm}/km`;
    // VROOM rounds travel times after the speed factor.
    const durations = speed === 1 ? p.durations : p.durations.map((d) => Math.round(d / speed));
    if (split && !matrixFor.has(key)) matrixFor.set(key, { size, distances: p.distances!, durations });
    if (!matrixFor.has(key)) {
      const cost = p.costs !== null
        ? p.costs
        : durations.map((d, k) => (perHour * d) / 3600 + (perKm * (p.distances?.[k] ?? 0)) / 1000);
      matrixFor.set(key, { size, distances: cost, durations });
    }
    travel.push({ durations, distances: p.distances, size });
    const type: VehicleTypeInput = {
      id: String(v.id),
      count: 1,
      capacity: [...(v.capacity ?? [Infinity]), ...(taskDim ? [v.max_tasks ?? Infinity] : [])],
      startDepot: depotAt(v.start_index!),
      endDepot: v.end_index === undefined ? null : depotAt(v.end_index),
      profile: key,
    };
    if (v.time_window !== undefined) type.shift = [v.time_window[0], v.time_window[1]];
    if (v.costs?.fixed !== undefined) type.fixedCost = v.costs.fixed;
    if (split) {
      type.maxDistance = v.max_distance!;
      type.costPerDistance = perKm / 1000;
      type.costPerTravelTime = perHour / 3600;
    }
    if (v.max_travel_time !== undefined) type.maxTravelTime = v.max_travel_time;
    if (v.breaks !== undefined && v.breaks.length > 0) {
      type.breaks = v.breaks.map((b) => {
        const out: BreakInput = { id: String(b.id), timeWindows: (b.time_windows ?? [[0, Number.MAX_SAFE_INTEGER]]).map((w) => [w[0], w[1]] as [number, number]) };
        if (b.service !== undefined) out.duration = b.service;
        if (b.max_load !== undefined) out.maxLoad = vector(b.max_load, Infinity);
        return out;
      });
    }
    if (v.skills !== undefined) type.skills = v.skills;
    return type;
  });
  const names = [...matrixFor.keys()];
  const problem: ProblemInput = {
    depots: [...depotIndices].sort((a, b) => a - b).map((index) => ({ id: depotAt(index), location: index })),
    stops,
    vehicleTypes: types,
    // The model's main matrix is unused by the types (each names its profile) but must exist.
    matrix: matrixFor.get(names[0]!)!,
    profiles: Object.fromEntries(names.map((n) => [n, matrixFor.get(n)!])),
  };
  if (shipments.length > 0)
    problem.shipments = shipments.map((sh) => ({ pickup: taskStopId('pickup', sh.pickup.id), delivery: taskStopId('delivery', sh.delivery.id) }));
  void source;
  return {
    problem,
    input,
    amountDims,
    travel,
    tasks,
    taskByStop: new Map(tasks.map((t, k) => [taskStopId(t.type, t.id), k])),
    vehicleByType: new Map(vehicles.map((v, k) => [String(v.id), k])),
  };
}
