/**
 * VROOM's input format (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md) read into
 * a `ProblemInput`, with what the writer needs to answer in VROOM's terms. Every key VROOM defines
 * that postroute does not honour yet (coordinates without a matrix, ...) is a located error,
 * never ignored.
 *
 * This file checks the input key by key (the keys, values, ids and references, each error located
 * by its path in the JSON); translate.ts maps what it read onto the model.
 */
import { InputError } from '../errors.js';
import { translateVroom } from './translate.js';
import type { ProfileMatrices } from './translate.js';
import type { VroomBreak, VroomInput, VroomJob, VroomRead, VroomShipment, VroomStep, VroomVehicle } from './types.js';

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
export function readVroom(json: unknown, options: { source?: string; forcedService?: 'ignore' | 'refuse' } = {}): VroomRead {
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
  const profiles = new Map<string, ProfileMatrices>();
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
        // VROOM uses them only in plan mode; when solving from steps "service_* keys are not used"
        // (its API.md), so they are checked and then ignored there, as VROOM does.
        for (const key of ['service_at', 'service_after', 'service_before'] as const) {
          if (s[key] === undefined) continue;
          if (options.forcedService !== 'ignore')
            fail(`${key} is not supported yet in plan mode (--check) or with locked steps`, `${sf}.${key}`, 'solving from the steps without --lock-steps ignores it, as VROOM does');
          number(s[key], `${sf}.${key}`, { integer: true, min: 0 });
        }
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

  return translateVroom({ jobs, shipments, vehicles, matrices: {} }, profiles, size, dims);
}
