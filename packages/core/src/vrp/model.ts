/**
 * The validated, immutable routing problem (PyVRP's `ProblemData`): `createProblem` checks a
 * user's `ProblemInput` and compiles it into flat typed arrays that the solver reads.
 *
 * Location space used everywhere in vrp/: `0 … nDepots-1` are the depots, `nDepots …
 * nDepots+nStops-1` the stops (stop `s` is location `nDepots + s`), and the last location is a
 * virtual "sink" at zero distance and duration from everything, which is where open routes end.
 * Every profile's matrices are compiled into this space (`m[from * nLocations + to]`), so that
 * several stops at one place, several depots and open routes need no special case in the search.
 */
import { InputError } from '../errors.js';
import type { InputLocation } from '../errors.js';
import type {
  DepotInput,
  MatrixInput,
  ProblemInput,
  StopInput,
  TimeWindowInput,
  VehicleTypeInput,
} from './input.js';
import type { UnassignedReason } from './solution-types.js';
import { precheckPairs } from './shipment-precheck.js';
import { readShipments } from './shipments.js';
import { readBreaks } from './breaks.js';
import { simulateRoute, withinTolerance } from './evaluate.js';
import type { BreakData } from './breaks.js';
import { readSkills, skillMismatch, skillProfiles } from './skills.js';

/** One road profile's matrices over the compiled location space. */
export interface ProfileData {
  readonly name: string;
  readonly distance: Float64Array;
  readonly duration: Float64Array;
}

/** A vehicle type of a compiled problem. */
export interface VehicleTypeData {
  readonly id: string;
  readonly index: number;
  /** Vehicles of this type, as given. */
  readonly count: number;
  /** Vehicles the solver may use: `min(count, number of stops)`. */
  readonly slots: number;
  readonly capacity: Float64Array;
  readonly startDepot: number;
  /** Depot index, or -1 for an open route. */
  readonly endDepot: number;
  /** Location of the start depot; the end depot's, or the sink for open routes. */
  readonly startLocation: number;
  readonly endLocation: number;
  /** Departure window at the start, return window at the end (depot window ∩ shift). */
  readonly startEarly: number;
  readonly startLate: number;
  readonly endEarly: number;
  readonly endLate: number;
  readonly maxDuration: number;
  readonly maxDistance: number;
  /** Limit on the sum of the route's travel times (Infinity: none). */
  readonly maxTravelTime: number;
  readonly fixedCost: number;
  readonly costPerDistance: number;
  readonly costPerDuration: number;
  readonly costPerTravelTime: number;
  /** Balance objective (ProblemInput.balance): cost per squared duration and per squared stop count. */
  readonly balanceDuration: number;
  readonly balanceStops: number;
  /** Index into `ProblemData.profiles`: the matrices this type drives on (skills.ts). */
  readonly profile: number;
  /** The profile as given, before skills closed arcs (for geometry: neighbours, embeddings). */
  readonly baseProfile: number;
  /** Breaks each used vehicle takes, in order (breaks.ts); empty for most types. */
  readonly breaks: readonly BreakData[];
}

/** A checked routing problem, compiled into the flat arrays the engine reads. */
export interface ProblemData {
  readonly source: string | undefined;
  readonly nDepots: number;
  readonly nStops: number;
  /** Capacity dimensions. */
  readonly nDims: number;
  /** Depots + stops + the sink. */
  readonly nLocations: number;
  readonly sink: number;
  readonly depotIds: readonly string[];
  readonly stopIds: readonly string[];
  readonly stopIndexById: ReadonlyMap<string, number>;
  /** Per stop and dimension: `delivery[s * nDims + d]`. */
  readonly delivery: Float64Array;
  readonly pickup: Float64Array;
  /** Per location: service time and the hull of its windows (depots: their own window). */
  readonly serviceTime: Float64Array;
  readonly early: Float64Array;
  readonly late: Float64Array;
  /** Stop s's windows are `windows[2k], windows[2k+1]` for `k` in `windowStart[s] … windowStart[s+1]-1`. */
  readonly windowStart: Int32Array;
  readonly windows: Float64Array;
  /** Some stop has more than one window (the search then checks routes exactly, see evaluate.ts). */
  readonly multipleWindows: boolean;
  /** Some vehicle type has breaks (the search then also checks routes exactly, see breaks.ts). */
  readonly hasBreaks: boolean;
  readonly required: Uint8Array;
  readonly prize: Float64Array;
  /** Per stop: its priority when not every stop can be served (see `serve-most.ts`). */
  readonly priority: Float64Array;
  readonly vehicleTypes: readonly VehicleTypeData[];
  readonly vehicleTypeIndexById: ReadonlyMap<string, number>;
  readonly profiles: readonly ProfileData[];
  /** Matrix value that stands for "no road"; larger than any real route. */
  readonly unreachable: number;
  /** Every profile's matrices are symmetric. */
  readonly symmetric: boolean;
  /** Per stop: why no vehicle can ever serve it, or null. Found by cheap, exact pre-checks. */
  readonly stopReason: readonly (UnassignedReason | null)[];
  /** Total slots over all types. */
  readonly totalSlots: number;
  /** Per type: 1 for each stop it lacks a skill for, or null when it may serve every stop. */
  readonly skillMismatch: readonly (Uint8Array | null)[];
  /** Per stop: the other stop of its shipment, or -1 (shipments.ts; loads compiled as described there). */
  readonly partner: Int32Array;
  /** Per stop: 1 a shipment's pick-up, 2 its delivery, 0 a plain stop. */
  readonly shipmentRole: Uint8Array;
  /** Number of shipments (pick-up and delivery pairs). */
  readonly shipmentCount: number;
}

/** Options of `createProblem`. */
export interface CreateProblemOptions {
  /** Name of the input (file name), for error messages. */
  source?: string;
}

const DEPOT_FIELDS = new Set(['id', 'location', 'timeWindow']);
const STOP_FIELDS = new Set([
  'id', 'location', 'delivery', 'pickup', 'serviceTime', 'timeWindows', 'required', 'prize', 'priority', 'skills',
]);
const TYPE_FIELDS = new Set([
  'id', 'count', 'capacity', 'startDepot', 'endDepot', 'shift', 'maxDuration', 'maxDistance', 'maxTravelTime',
  'fixedCost', 'costPerDistance', 'costPerDuration', 'costPerTravelTime', 'profile', 'skills', 'breaks',
]);
const MATRIX_FIELDS = new Set(['size', 'distances', 'durations']);
const PROBLEM_FIELDS = new Set(['depots', 'stops', 'vehicleTypes', 'matrix', 'profiles', 'balance', 'shipments']);

/**
 * Validates a routing problem and compiles it for the solver. Throws one `InputError` naming the
 * field (`stops[3].delivery`) for anything the solver cannot honour; stops that are well formed but
 * that no vehicle can ever serve are kept and flagged in `stopReason` (reported as unassigned).
 *
 * @example
 * const problem = createProblem({
 *   depots: [{ id: 'hub', location: 0 }],
 *   stops: [{ id: 'a', location: 1, delivery: [3] }, { id: 'b', location: 2, delivery: [4] }],
 *   vehicleTypes: [{ id: 'van', count: 2, capacity: [10], startDepot: 'hub' }],
 *   matrix: { size: 3, distances: [[0, 5, 7], [5, 0, 4], [7, 4, 0]] },
 * });
 */
export function createProblem(input: ProblemInput, options: CreateProblemOptions = {}): ProblemData {
  const source = options.source;
  const fail = (message: string, field: string, hint?: string, index?: number): never => {
    const location: InputLocation = { field };
    if (source !== undefined) location.source = source;
    if (index !== undefined) location.index = index;
    throw new InputError(message, location, hint);
  };
  if (input === null || typeof input !== 'object') fail('the problem must be an object', '');
  rejectUnknown(input as unknown as Record<string, unknown>, PROBLEM_FIELDS, '', fail);
  if (!Array.isArray(input.depots) || input.depots.length === 0)
    fail('at least one depot is required', 'depots', 'add a depot with an id and a matrix location');
  if (!Array.isArray(input.stops)) fail('stops must be an array', 'stops');
  if (!Array.isArray(input.vehicleTypes) || input.vehicleTypes.length === 0)
    fail('at least one vehicle type is required', 'vehicleTypes', 'add a vehicle type with a capacity and a start depot');

  // Matrices first: every location index is checked against their size.
  const mainMatrix = readMatrix(input.matrix, 'matrix', fail);
  const size = mainMatrix.size;
  const profileNames = ['default'];
  const rawProfiles = [mainMatrix];
  if (input.profiles !== undefined) {
    if (input.profiles === null || typeof input.profiles !== 'object')
      fail('profiles must be an object of named matrices', 'profiles');
    for (const name of Object.keys(input.profiles).sort()) {
      const m = readMatrix(input.profiles[name]!, `profiles.${name}`, fail);
      if (m.size !== size)
        fail(`profile matrix has size ${m.size} but the main matrix has size ${size}`, `profiles.${name}.size`,
          'every profile must cover the same locations as the main matrix');
      profileNames.push(name);
      rawProfiles.push(m);
    }
  }

  const nDepots = input.depots.length;
  const nStops = input.stops.length;
  const nLocations = nDepots + nStops + 1;
  const sink = nLocations - 1;
  const locationOf = new Int32Array(nLocations);

  const checkLocation = (value: unknown, field: string): number => {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) >= size)
      fail(`location ${String(value)} is not a matrix index (0 … ${size - 1})`, field,
        'a location is a row of the matrix; check the matrix size and the index');
    return value as number;
  };
  const checkWindow = (value: unknown, field: string): TimeWindowInput => {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((x) => typeof x === 'number' && !Number.isNaN(x)))
      fail('a time window must be [earliest, latest] with two numbers', field);
    const [a, b] = value as [number, number];
    if (a > b) fail(`time window [${a}, ${b}] closes before it opens`, field, 'give [earliest, latest] with earliest ≤ latest');
    return [a, b];
  };
  const checkNumber = (value: unknown, field: string, min: number, what = 'a number'): number => {
    if (typeof value !== 'number' || Number.isNaN(value) || value < min)
      fail(`${field.split('.').pop()} must be ${what}${min === 0 ? ' ≥ 0' : ''}, got ${String(value)}`, field);
    return value as number;
  };

  // Depots.
  const depotIds: string[] = [];
  const depotIndexById = new Map<string, number>();
  const early = new Float64Array(nLocations);
  const late = new Float64Array(nLocations).fill(Infinity);
  const serviceTime = new Float64Array(nLocations);
  input.depots.forEach((depot: DepotInput, i) => {
    const f = `depots[${i}]`;
    if (depot === null || typeof depot !== 'object') fail('a depot must be an object', f);
    rejectUnknown(depot as unknown as Record<string, unknown>, DEPOT_FIELDS, f, fail);
    if (typeof depot.id !== 'string' || depot.id === '') fail('depot id must be a non-empty string', `${f}.id`);
    if (depotIndexById.has(depot.id)) fail(`duplicate depot id "${depot.id}"`, `${f}.id`, 'give each depot its own id');
    depotIndexById.set(depot.id, i);
    depotIds.push(depot.id);
    locationOf[i] = checkLocation(depot.location, `${f}.location`);
    if (depot.timeWindow !== undefined) {
      const [a, b] = checkWindow(depot.timeWindow, `${f}.timeWindow`);
      early[i] = a;
      late[i] = b;
    }
  });

  // Capacity dimensions come from the vehicle types; every demand vector must match.
  const firstCapacity = input.vehicleTypes[0]?.capacity;
  if (!Array.isArray(firstCapacity) || firstCapacity.length === 0)
    fail('capacity must be a non-empty array of numbers, one per dimension', 'vehicleTypes[0].capacity', 'e.g. "capacity": [1000] for 1000 kg');
  const nDims = (firstCapacity as number[]).length;

  // Stops.
  const stopIds: string[] = [];
  const stopIndexById = new Map<string, number>();
  const delivery = new Float64Array(nStops * nDims);
  const pickup = new Float64Array(nStops * nDims);
  const required = new Uint8Array(nStops);
  const prize = new Float64Array(nStops);
  const priority = new Float64Array(nStops);
  const needs: (Set<string> | null)[] = [];
  const windowStart = new Int32Array(nStops + 1);
  const windowList: number[] = [];
  let multipleWindows = false;
  input.stops.forEach((stop: StopInput, s) => {
    const f = `stops[${s}]`;
    if (stop === null || typeof stop !== 'object') fail('a stop must be an object', f);
    rejectUnknown(stop as unknown as Record<string, unknown>, STOP_FIELDS, f, fail);
    if (typeof stop.id !== 'string' || stop.id === '') fail('stop id must be a non-empty string', `${f}.id`);
    if (stopIndexById.has(stop.id)) fail(`duplicate stop id "${stop.id}"`, `${f}.id`, 'give each stop its own id');
    // Routes and warm starts name stops and depots by id: one id for both would be ambiguous.
    if (depotIndexById.has(stop.id)) fail(`stop id "${stop.id}" is also the id of a depot`, `${f}.id`, 'give stops and depots different ids');
    stopIndexById.set(stop.id, s);
    stopIds.push(stop.id);
    const loc = nDepots + s;
    locationOf[loc] = checkLocation(stop.location, `${f}.location`);
    for (const [key, target] of [['delivery', delivery], ['pickup', pickup]] as const) {
      const vector = stop[key];
      if (vector === undefined) continue;
      if (!Array.isArray(vector) || vector.length !== nDims)
        fail(`${key} must be an array of ${nDims} number(s), one per capacity dimension`, `${f}.${key}`,
          `the vehicle capacities have ${nDims} dimension(s)`);
      vector.forEach((amount, d) => {
        if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)
          fail(`${key} must be finite and ≥ 0, got ${String(amount)}`, `${f}.${key}[${d}]`, 'demands cannot be negative; use pickup for goods collected');
        target[s * nDims + d] = amount;
      });
    }
    if (stop.serviceTime !== undefined) {
      serviceTime[loc] = checkNumber(stop.serviceTime, `${f}.serviceTime`, 0, 'a finite number');
      if (!Number.isFinite(serviceTime[loc]!)) fail('serviceTime must be finite', `${f}.serviceTime`);
    }
    windowStart[s] = windowList.length / 2;
    if (stop.timeWindows !== undefined) {
      if (!Array.isArray(stop.timeWindows) || stop.timeWindows.length === 0)
        fail('timeWindows must be a non-empty array of [earliest, latest] pairs', `${f}.timeWindows`, 'leave it out for "any time"');
      const ws = stop.timeWindows.map((w, k) => checkWindow(w, `${f}.timeWindows[${k}]`)).sort((a, b) => a[0] - b[0]);
      for (let k = 1; k < ws.length; k++)
        if (ws[k]![0] <= ws[k - 1]![1])
          fail('time windows overlap', `${f}.timeWindows`, 'merge overlapping windows into one');
      if (ws.length > 1) multipleWindows = true;
      for (const [a, b] of ws) windowList.push(a, b);
      early[loc] = ws[0]![0];
      late[loc] = ws[ws.length - 1]![1];
    } else {
      windowList.push(0, Infinity);
      early[loc] = 0;
      late[loc] = Infinity;
    }
    if (stop.required !== undefined && typeof stop.required !== 'boolean')
      fail('required must be true or false', `${f}.required`);
    required[s] = stop.required === false ? 0 : 1;
    if (stop.prize !== undefined) {
      if (required[s]) fail('prize is only used for optional stops', `${f}.prize`, 'set "required": false, or remove the prize');
      prize[s] = checkNumber(stop.prize, `${f}.prize`, 0, 'a finite number');
      if (!Number.isFinite(prize[s]!)) fail('prize must be finite', `${f}.prize`);
    }
    needs.push(stop.skills === undefined ? null : readSkills(stop.skills, `${f}.skills`, fail));
    if (stop.priority !== undefined) {
      priority[s] = checkNumber(stop.priority, `${f}.priority`, 0, 'a finite number');
      if (!Number.isFinite(priority[s]!)) fail('priority must be finite', `${f}.priority`);
    }
  });
  windowStart[nStops] = windowList.length / 2;
  locationOf[sink] = -1;
  const shipments = readShipments(input.shipments, stopIndexById, nStops, nDims, delivery, pickup, required, fail);

  // Balance: a weight per squared duration or per squared stop count, on every type's routes.
  let balanceDuration = 0;
  let balanceStops = 0;
  if (input.balance !== undefined) {
    const b = input.balance as unknown as Record<string, unknown>;
    if (b === null || typeof b !== 'object') fail('balance must be an object { by, weight }', 'balance');
    rejectUnknown(b, new Set(['by', 'weight']), 'balance', fail);
    if (b.by !== 'duration' && b.by !== 'stops') fail(`by must be "duration" or "stops", got ${JSON.stringify(b.by)}`, 'balance.by');
    const weight = checkNumber(b.weight, 'balance.weight', 0, 'a finite number');
    if (!Number.isFinite(weight)) fail('weight must be finite', 'balance.weight');
    if (b.by === 'duration') balanceDuration = weight;
    else balanceStops = weight;
  }

  // Vehicle types.
  const vehicleTypeIndexById = new Map<string, number>();
  const types: VehicleTypeData[] = [];
  const holds: Set<string>[] = [];
  input.vehicleTypes.forEach((t: VehicleTypeInput, i) => {
    const f = `vehicleTypes[${i}]`;
    if (t === null || typeof t !== 'object') fail('a vehicle type must be an object', f);
    rejectUnknown(t as unknown as Record<string, unknown>, TYPE_FIELDS, f, fail);
    holds.push(t.skills === undefined ? new Set() : readSkills(t.skills, `${f}.skills`, fail));
    if (typeof t.id !== 'string' || t.id === '') fail('vehicle type id must be a non-empty string', `${f}.id`);
    if (vehicleTypeIndexById.has(t.id)) fail(`duplicate vehicle type id "${t.id}"`, `${f}.id`);
    vehicleTypeIndexById.set(t.id, i);
    const count = t.count === undefined ? 1 : t.count;
    if (!Number.isInteger(count) || count < 0)
      fail(`count must be a whole number ≥ 0, got ${String(t.count)}`, `${f}.count`);
    if (!Array.isArray(t.capacity) || t.capacity.length !== nDims)
      fail(`capacity must have ${nDims} entr${nDims === 1 ? 'y' : 'ies'} like the other vehicle types`, `${f}.capacity`);
    const capacity = new Float64Array(nDims);
    t.capacity.forEach((c, d) => {
      if (typeof c !== 'number' || Number.isNaN(c) || c < 0)
        fail(`capacity must be ≥ 0, got ${String(c)}`, `${f}.capacity[${d}]`);
      capacity[d] = c;
    });
    const startDepot = depotIndexById.get(t.startDepot);
    if (startDepot === undefined)
      fail(`unknown depot "${String(t.startDepot)}"`, `${f}.startDepot`, `known depots: ${depotIds.join(', ')}`);
    let endDepot = startDepot!;
    if (t.endDepot === null) endDepot = -1;
    else if (t.endDepot !== undefined) {
      const e = depotIndexById.get(t.endDepot);
      if (e === undefined) fail(`unknown depot "${String(t.endDepot)}"`, `${f}.endDepot`, `known depots: ${depotIds.join(', ')}; null for an open route`);
      endDepot = e!;
    }
    let shiftEarly = -Infinity;
    let shiftLate = Infinity;
    if (t.shift !== undefined) [shiftEarly, shiftLate] = checkWindow(t.shift, `${f}.shift`);
    const optionalLimit = (value: number | undefined, field: string): number =>
      value === undefined ? Infinity : checkNumber(value, `${f}.${field}`, 0);
    const maxDuration = optionalLimit(t.maxDuration, 'maxDuration');
    const maxDistance = optionalLimit(t.maxDistance, 'maxDistance');
    const maxTravelTime = optionalLimit(t.maxTravelTime, 'maxTravelTime');
    const money = (value: number | undefined, field: string, fallback: number): number => {
      if (value === undefined) return fallback;
      const v = checkNumber(value, `${f}.${field}`, 0, 'a finite number');
      if (!Number.isFinite(v)) fail(`${field} must be finite`, `${f}.${field}`);
      return v;
    };
    let profile = 0;
    if (t.profile !== undefined) {
      profile = profileNames.indexOf(t.profile);
      if (profile <= 0)
        fail(`unknown profile "${String(t.profile)}"`, `${f}.profile`,
          profileNames.length > 1 ? `known profiles: ${profileNames.slice(1).join(', ')}` : 'add it under "profiles", or remove the field');
    }
    const startEarly = Math.max(early[startDepot!]!, shiftEarly);
    const startLate = Math.min(late[startDepot!]!, shiftLate);
    const endEarly = endDepot >= 0 ? Math.max(early[endDepot]!, shiftEarly) : Math.max(shiftEarly, startEarly);
    const endLate = endDepot >= 0 ? Math.min(late[endDepot]!, shiftLate) : shiftLate;
    if (startEarly > startLate || endEarly > endLate)
      fail('the shift does not overlap the depot opening hours', `${f}.shift`, 'widen the shift or the depot time window');
    types.push({
      id: t.id,
      index: i,
      count,
      slots: Math.min(count, nStops),
      capacity,
      startDepot: startDepot!,
      endDepot,
      startLocation: startDepot!,
      endLocation: endDepot >= 0 ? endDepot : sink,
      startEarly: Number.isFinite(startEarly) ? startEarly : 0,
      startLate,
      endEarly: Number.isFinite(endEarly) ? endEarly : 0,
      endLate,
      maxDuration,
      maxDistance,
      maxTravelTime,
      fixedCost: money(t.fixedCost, 'fixedCost', 0),
      costPerDistance: money(t.costPerDistance, 'costPerDistance', 1),
      costPerDuration: money(t.costPerDuration, 'costPerDuration', 0),
      costPerTravelTime: money(t.costPerTravelTime, 'costPerTravelTime', 0),
      balanceDuration,
      balanceStops,
      profile,
      baseProfile: profile,
      breaks: t.breaks === undefined ? [] : readBreaks(t.breaks, nDims, `${f}.breaks`, fail),
    });
  });

  // Compile each profile into the location space; "no road" becomes a large finite value so that
  // the search's arithmetic stays finite and such arcs lose every comparison.
  let maxFinite = 0;
  for (const m of rawProfiles) {
    for (let k = 0; k < m.distances.length; k++) if (m.distances[k]! > maxFinite) maxFinite = m.distances[k]!;
    for (let k = 0; k < m.durations.length; k++) if (m.durations[k]! > maxFinite) maxFinite = m.durations[k]!;
  }
  const unreachable = Math.max(1, maxFinite) * (nLocations + 1) * 1000;
  let symmetric = true;
  const profiles: ProfileData[] = rawProfiles.map((m, p) => {
    const distance = new Float64Array(nLocations * nLocations);
    const duration = new Float64Array(nLocations * nLocations);
    for (let a = 0; a < sink; a++) {
      const la = locationOf[a]!;
      for (let b = 0; b < sink; b++) {
        const lb = locationOf[b]!;
        const dv = m.distances[la * size + lb]!;
        const tv = m.durations[la * size + lb]!;
        const unreachableArc = dv < 0 || tv < 0;
        distance[a * nLocations + b] = unreachableArc ? unreachable : dv;
        duration[a * nLocations + b] = unreachableArc ? unreachable : tv;
      }
    }
    for (let a = 0; a < sink && symmetric; a++)
      for (let b = a + 1; b < sink; b++)
        if (distance[a * nLocations + b] !== distance[b * nLocations + a] || duration[a * nLocations + b] !== duration[b * nLocations + a]) {
          symmetric = false;
          break;
        }
    return { name: profileNames[p]!, distance, duration };
  });
  const mismatch = skillMismatch(needs, holds);
  const typeProfiles = skillProfiles(profiles, types.map((t) => t.profile), mismatch, nLocations, (s) => nDepots + s, unreachable);
  types.forEach((t, i) => {
    (t as { profile: number }).profile = typeProfiles[i]!;
  });
  // Arcs closed into some stops only: those matrices are not symmetric.
  if (profiles.length > rawProfiles.length) symmetric = false;

  const problem: ProblemData = {
    source,
    nDepots,
    nStops,
    nDims,
    nLocations,
    sink,
    depotIds,
    stopIds,
    stopIndexById,
    delivery,
    pickup,
    serviceTime,
    early,
    late,
    windowStart,
    windows: Float64Array.from(windowList),
    multipleWindows,
    hasBreaks: types.some((t) => t.breaks.length > 0),
    required,
    prize,
    priority,
    vehicleTypes: types,
    vehicleTypeIndexById,
    profiles,
    unreachable,
    symmetric,
    stopReason: [],
    totalSlots: types.reduce((sum, t) => sum + t.slots, 0),
    skillMismatch: mismatch,
    partner: shipments.partner,
    shipmentRole: shipments.role,
    shipmentCount: shipments.count,
  };
  const reasons = precheckStops(problem);
  precheckPairs(problem, reasons);
  (problem as unknown as { stopReason: (UnassignedReason | null)[] }).stopReason = reasons;
  return Object.freeze(problem);
}

interface RawMatrix {
  size: number;
  distances: Float64Array;
  durations: Float64Array;
}

type Fail = (message: string, field: string, hint?: string, index?: number) => never;

function rejectUnknown(obj: Record<string, unknown>, allowed: Set<string>, prefix: string, fail: Fail): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) {
      const field = prefix ? `${prefix}.${key}` : key;
      fail(`unknown field "${key}": the solver would ignore it`, field, `allowed fields: ${[...allowed].join(', ')}`);
    }
  }
}

function readMatrix(matrix: MatrixInput, field: string, fail: Fail): RawMatrix {
  if (matrix === null || typeof matrix !== 'object') fail('a matrix must be an object { size, distances, durations? }', field);
  rejectUnknown(matrix as unknown as Record<string, unknown>, MATRIX_FIELDS, field, fail);
  const size = matrix.size;
  if (!Number.isInteger(size) || size < 1) fail(`size must be a whole number ≥ 1, got ${String(size)}`, `${field}.size`);
  const flatten = (values: MatrixInput['distances'] | undefined, name: string): Float64Array => {
    const out = new Float64Array(size * size);
    if (values === undefined || values === null || typeof values !== 'object' || typeof (values as { length?: unknown }).length !== 'number')
      fail(`${name} must be an array`, `${field}.${name}`);
    if (values instanceof Float64Array && values.length === size * size) {
      // The planner's matrices (a million pairs on a county): copied at once, then checked and
      // clamped as `cell` does, without boxing each value.
      out.set(values);
      for (let k = 0; k < out.length; k++) {
        const x = out[k] as number;
        if (Number.isNaN(x) || x === Infinity) cell(x, `${field}.${name}[${Math.floor(k / size)}][${k % size}]`);
        else if (x < 0) out[k] = -1;
      }
      return out;
    }
    const v = values as ArrayLike<unknown>;
    const nested = v.length > 0 && Array.isArray(v[0]);
    if (nested) {
      if (v.length !== size) fail(`${name} has ${v.length} rows but size is ${size}`, `${field}.${name}`, 'the matrix must be square: size rows of size values');
      for (let i = 0; i < size; i++) {
        const row = v[i];
        if (!Array.isArray(row) || row.length !== size)
          fail(`row ${i} of ${name} has ${Array.isArray(row) ? row.length : 'no'} values but size is ${size}`, `${field}.${name}[${i}]`);
        for (let j = 0; j < size; j++) out[i * size + j] = cell((row as unknown[])[j], `${field}.${name}[${i}][${j}]`);
      }
    } else {
      if (v.length !== size * size)
        fail(`${name} has ${v.length} values but a ${size}×${size} matrix needs ${size * size}`, `${field}.${name}`,
          'give size × size values, row-major, or one array per row');
      for (let k = 0; k < size * size; k++)
        out[k] = cell(v[k], `${field}.${name}[${Math.floor(k / size)}][${k % size}]`);
    }
    return out;
  };
  const cell = (x: unknown, at: string): number => {
    if (x === null) return -1;
    if (typeof x !== 'number' || Number.isNaN(x) || x === Infinity) {
      fail(`matrix entry ${String(x)} is not a number`, at, 'use null or a negative value for "no road"');
    }
    return (x as number) < 0 ? -1 : (x as number);
  };
  const distances = flatten(matrix.distances, 'distances');
  const durations = matrix.durations === undefined ? distances : flatten(matrix.durations, 'durations');
  return { size, distances, durations };
}

/**
 * Cheap, exact checks per stop: can some vehicle type carry it, reach it and come back, and serve it
 * within its window, the shift and the route limits, on a route that visits only this stop?
 * A stop that fails for every type can never be served, whatever the rest of the plan.
 */
function precheckStops(problem: ProblemData): (UnassignedReason | null)[] {
  const { nStops, nDims, nDepots, nLocations, vehicleTypes, profiles, unreachable } = problem;
  const reasons: (UnassignedReason | null)[] = [];
  const rank: Record<string, number> = { 'demand-exceeds-capacity': 0, unreachable: 1, 'time-window-unreachable': 2, 'route-limit-exceeded': 3, break: 4 };
  const alone = new Int32Array(1);
  for (let s = 0; s < nStops; s++) {
    const loc = nDepots + s;
    const usable = vehicleTypes.filter((t) => t.slots > 0);
    if (usable.length === 0) {
      reasons.push('fleet-exhausted');
      continue;
    }
    if (usable.every((t) => problem.skillMismatch[t.index]?.[s] === 1)) {
      reasons.push('skills');
      continue;
    }
    let best: UnassignedReason | null = 'demand-exceeds-capacity';
    for (const t of usable) {
      if (problem.skillMismatch[t.index]?.[s] === 1) continue;
      let reason: UnassignedReason | null = null;
      for (let d = 0; d < nDims; d++) {
        const cap = t.capacity[d]!;
        if (problem.delivery[s * nDims + d]! > cap || problem.pickup[s * nDims + d]! > cap) reason = 'demand-exceeds-capacity';
      }
      const prof = profiles[t.profile]!;
      const out = t.startLocation * nLocations + loc;
      const back = loc * nLocations + t.endLocation;
      if (reason === null && (prof.distance[out]! >= unreachable || prof.distance[back]! >= unreachable)) reason = 'unreachable';
      if (reason === null) {
        const travelOut = prof.duration[out]!;
        const travelBack = prof.duration[back]!;
        // Leave as early as allowed, serve in the first window that can still be met.
        const arrival = t.startEarly + travelOut;
        let startService = Infinity;
        for (let k = problem.windowStart[s]!; k < problem.windowStart[s + 1]!; k++) {
          const a = problem.windows[2 * k]!;
          const b = problem.windows[2 * k + 1]!;
          const begin = Math.max(arrival, a);
          if (begin <= b && begin + problem.serviceTime[loc]! + travelBack <= t.endLate) {
            startService = begin;
            break;
          }
        }
        if (startService === Infinity) reason = 'time-window-unreachable';
        else {
          // Minimal duration: leave as late as the depot allows, then wait only what remains.
          const wait = Math.max(0, startService - (t.startLate + travelOut));
          const duration = travelOut + wait + problem.serviceTime[loc]! + travelBack;
          const distance = prof.distance[out]! + prof.distance[back]!;
          if (duration > t.maxDuration || distance > t.maxDistance || travelOut + travelBack > t.maxTravelTime) reason = 'route-limit-exceeded';
        }
      }
      if (reason === null && t.breaks.length > 0) {
        // Alone on the route, leaving as early as allowed, with the breaks placed where they fit.
        alone[0] = s;
        if (!withinTolerance(simulateRoute(problem, t, alone, 1, t.startEarly, null, true).timeWarp)) reason = 'break';
      }
      if (reason === null) {
        best = null;
        break;
      }
      if (rank[reason]! > rank[best!]!) best = reason;
    }
    reasons.push(best);
  }
  return reasons;
}
