/**
 * VROOM's input, read and checked (read.ts), translated into postroute's `ProblemInput`.
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
 * - `speed_factor` scales the vehicle's travel times by round(100 / speed_factor) / 100, as VROOM
 *   does, rounded up to whole seconds (its own profile).
 * - `max_tasks` → one more load dimension: each job weighs 1, the vehicle carries max_tasks.
 * - `priority` and `skills` → the model's own; every job may stay unassigned (serveMost).
 * - `shipments` → two stops and a model shipment (vrp/shipments.ts): the pick-up (`pickup <id>`)
 *   collects `amount`, the delivery (`delivery <id>`) drops it, each with the shipment's priority
 *   (VROOM counts it on both halves, in its summary as in its objective); with
 *   max_tasks the pick-up weighs 2 in that dimension, loaded at the depot (both tasks).
 */
import type { BreakInput } from '../vrp/breaks.js';
import type { MatrixInput, ProblemInput, StopInput, VehicleTypeInput } from '../vrp/input.js';
import { taskStopId } from './types.js';
import type { VroomInput, VroomJob, VroomRead, VroomStopTask, VroomVehicle } from './types.js';

/** One profile's matrices as read, row-major (distances and costs when given). */
export interface ProfileMatrices {
  durations: number[];
  distances: number[] | null;
  costs: number[] | null;
}

/** The model's problem for VROOM's input (every matrix `size` × `size`, `dims` amount dimensions). */
export function translateVroom(input: VroomInput, profiles: Map<string, ProfileMatrices>, size: number, dims: number): VroomRead {
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
    // VROOM scales travel times by round(100 / speed_factor) / 100 (its CostWrapper), timed in
    // hundredths of a second: whole seconds rounded up, so that a plan of ours never arrives
    // earlier than VROOM times it (n200-all: 1 / 1.2 instead of 0.83 put one of VROOM's own
    // routes 19 s late in our --check).
    const factor = Math.round(100 / speed);
    const durations = factor === 100 ? p.durations : p.durations.map((d) => Math.ceil((d * factor) / 100));
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
