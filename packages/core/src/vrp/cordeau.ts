/**
 * Reader for Cordeau's instance format (Cordeau, Gendreau & Laporte 1997, "A tabu search
 * heuristic for periodic and multi-depot vehicle routing problems", Networks 30(2)), shared by
 * the periodic (type 1) and multi-depot (type 2) sets, and for its `.res` solution files.
 *
 * Line 1 is `type m n t`; then t lines `D Q` (maximum route duration, 0 = none, and capacity: per
 * day for type 1, per depot for type 2); then node lines `i x y d q f a list…` (service time,
 * demand per visit, visit frequency, number of allowed combinations, the combinations). Type 1
 * gives the depot first (node 0), then the n customers; type 2 gives the n customers, then the t
 * depots (nodes n+1 … n+t). A combination is the decimal value of a t-bit string whose leftmost
 * bit is day 1 (t = 5: 10 = 01010 = days 2 and 4).
 *
 * Conventions of both sets (benchmarks/instances/pvrp and mdvrp): unrounded Euclidean distances,
 * travel time = distance, objective = total distance; service time counts only against D; at most
 * m vehicles per day (type 1) or per depot (type 2), each route back at its own depot.
 *
 * Stop ids are the customer numbers of the file, depot ids the depot numbers ("0" for type 1).
 */
import { InputError } from '../errors.js';
import type { InputLocation } from '../errors.js';
import type { DepotInput, ProblemInput, StopInput, VehicleTypeInput } from './input.js';
import type { PeriodicProblemInput, PeriodicStopInput, PeriodicVehicleTypeInput } from './periodic/input.js';

/** One customer or depot row of a Cordeau file. */
export interface CordeauNode {
  /** Node number in the file. */
  id: number;
  x: number;
  y: number;
  service: number;
  demand: number;
  /** Visits in the horizon (type 1; as written, see `CordeauInstance.notes`). */
  frequency: number;
  /** Allowed combinations as written (decimal codes of t-bit strings, leftmost bit = day 1). */
  combinations: number[];
  /** One-based line in the file. */
  line: number;
}

/** A Cordeau PVRP or MDVRP file as read. */
export interface CordeauInstance {
  /** 1 = periodic VRP, 2 = multi-depot VRP. */
  type: 1 | 2;
  /** Vehicles per day (type 1) or per depot (type 2). */
  vehicles: number;
  /** t: days (type 1) or depots (type 2). */
  periods: number;
  /** Per day (type 1) or per depot (type 2): maximum route duration (0 = none) and capacity. */
  limits: { maxDuration: number; capacity: number }[];
  /** Type 1: the one depot (node 0); type 2: the t depots in file order. */
  depots: CordeauNode[];
  customers: CordeauNode[];
  /** Decisions the reader took on irregular data (e.g. a frequency of 0 with combinations given). */
  notes: string[];
}

/** Options of the Cordeau readers. */
export interface CordeauReadOptions {
  /** Name of the file, for error messages. */
  source?: string;
}

/** The problem built from a Cordeau instance: periodic for type 1, multi-depot for type 2. */
export type CordeauProblem =
  | { type: 1; problem: PeriodicProblemInput; notes: string[] }
  | { type: 2; problem: ProblemInput; notes: string[] };

/** A `.res` route: day (type 1) or depot (type 2) 1-based, vehicle, stated cost and load, customers. */
export interface CordeauSolutionRoute {
  period: number;
  vehicle: number;
  cost: number;
  load: number;
  /** Customer numbers in visiting order, depots left out. */
  stops: number[];
}

/** A Cordeau `.res` solution file: its cost and routes. */
export interface CordeauSolution {
  cost: number;
  routes: CordeauSolutionRoute[];
}

interface Line {
  number: number;
  tokens: string[];
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed !== '') out.push({ number: i + 1, tokens: trimmed.split(/\s+/) });
  });
  return out;
}

function failer(source: string | undefined) {
  return (message: string, line: number | undefined, field: string, hint?: string): never => {
    const location: InputLocation = { field };
    if (source !== undefined) location.source = source;
    if (line !== undefined) location.line = line;
    throw new InputError(message, location, hint);
  };
}

/**
 * Parses a Cordeau instance file (type 1 or 2). Every malformed token is an `InputError` with
 * its line and field.
 *
 * @example
 * const instance = parseCordeau(readFileSync('p02', 'utf8'), { source: 'p02' });
 * instance.type; // 1 (periodic), instance.periods: 5 days
 */
export function parseCordeau(text: string, options: CordeauReadOptions = {}): CordeauInstance {
  const fail = failer(options.source);
  const all = lines(text);
  const header = all[0];
  if (header === undefined) return fail('the file is empty', undefined, 'header', 'a Cordeau file starts with `type m n t`');
  const number = (line: Line, k: number, field: string, integer = false): number => {
    const token = line.tokens[k];
    if (token === undefined) return fail(`missing ${field}`, line.number, field, `line ${line.number} has only ${line.tokens.length} value(s)`);
    const value = Number(token);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)))
      return fail(`${field} must be ${integer ? 'a whole number' : 'a number'}, got "${token}"`, line.number, field);
    return value;
  };
  const type = number(header, 0, 'type', true);
  if (type !== 1 && type !== 2)
    fail(`type ${type} is not supported`, header.number, 'type', 'this reader knows type 1 (periodic VRP) and type 2 (multi-depot VRP)');
  const vehicles = number(header, 1, 'm (vehicles)', true);
  const n = number(header, 2, 'n (customers)', true);
  const periods = number(header, 3, type === 1 ? 't (days)' : 't (depots)', true);
  if (vehicles < 1) fail(`m must be ≥ 1, got ${vehicles}`, header.number, 'm (vehicles)');
  if (n < 1) fail(`n must be ≥ 1, got ${n}`, header.number, 'n (customers)');
  if (periods < 1 || (type === 1 && periods > 31))
    fail(`t must be ${type === 1 ? '1 … 31 days' : '≥ 1 depot'}, got ${periods}`, header.number, 't');
  const expected = 1 + periods + n + (type === 1 ? 1 : periods);
  if (all.length < expected)
    fail(`the file has ${all.length} non-empty lines, but type ${type} with n = ${n} and t = ${periods} needs ${expected}`,
      all[all.length - 1]!.number, 'nodes', 'check n and t in the header against the node lines');
  const limits: CordeauInstance['limits'] = [];
  for (let k = 0; k < periods; k++) {
    const line = all[1 + k]!;
    const maxDuration = number(line, 0, 'D (maximum duration)');
    const capacity = number(line, 1, 'Q (capacity)');
    if (maxDuration < 0) fail(`D must be ≥ 0 (0 = no limit), got ${maxDuration}`, line.number, 'D (maximum duration)');
    if (capacity <= 0) fail(`Q must be > 0, got ${capacity}`, line.number, 'Q (capacity)');
    limits.push({ maxDuration, capacity });
  }
  const notes: string[] = [];
  const readNode = (line: Line, isDepot: boolean): CordeauNode => {
    const node: CordeauNode = {
      id: number(line, 0, 'i (node number)', true),
      x: number(line, 1, 'x'),
      y: number(line, 2, 'y'),
      service: number(line, 3, 'd (service duration)'),
      demand: number(line, 4, 'q (demand)'),
      frequency: line.tokens.length > 5 ? number(line, 5, 'f (frequency)', true) : 0,
      combinations: [],
      line: line.number,
    };
    if (node.service < 0) fail(`service duration must be ≥ 0, got ${node.service}`, line.number, 'd (service duration)');
    if (node.demand < 0) fail(`demand must be ≥ 0, got ${node.demand}`, line.number, 'q (demand)');
    if (isDepot || type === 2) return node;
    const a = number(line, 6, 'a (number of combinations)', true);
    if (a < 1) fail(`customer ${node.id} lists ${a} combinations`, line.number, 'a (number of combinations)', 'a customer needs at least one allowed combination of days');
    const full = (1 << periods) - 1;
    for (let k = 0; k < a; k++) {
      const code = number(line, 7 + k, `combination ${k + 1}`, true);
      if (code < 1 || code > full)
        fail(`combination ${code} is not a set of days 1 … ${periods} (1 … ${full})`, line.number, `combination ${k + 1}`);
      node.combinations.push(code);
    }
    const sizes = new Set(node.combinations.map(popcount));
    if (node.frequency === 0 && sizes.size === 1) {
      // p11's customer 131: f = 0 with five one-day combinations; Cordeau's own solution visits it
      // once. The combinations decide, and the decision is reported.
      node.frequency = popcount(node.combinations[0]!);
      notes.push(`customer ${node.id} (line ${line.number}) has frequency 0 but lists combinations of ${node.frequency} day(s): read as frequency ${node.frequency}`);
    } else {
      for (const code of node.combinations)
        if (popcount(code) !== node.frequency)
          fail(`combination ${code} has ${popcount(code)} day(s), but customer ${node.id} has frequency ${node.frequency}`,
            line.number, 'combinations', 'every combination must have as many days as the frequency f');
    }
    return node;
  };
  const depots: CordeauNode[] = [];
  const customers: CordeauNode[] = [];
  let at = 1 + periods;
  if (type === 1) depots.push(readNode(all[at++]!, true));
  for (let k = 0; k < n; k++) customers.push(readNode(all[at++]!, false));
  if (type === 2) for (let k = 0; k < periods; k++) depots.push(readNode(all[at++]!, true));
  const ids = new Map<number, number>();
  for (const node of [...depots, ...customers]) {
    const previous = ids.get(node.id);
    if (previous !== undefined) fail(`node number ${node.id} appears twice (also on line ${previous})`, node.line, 'i (node number)');
    ids.set(node.id, node.line);
  }
  return { type: type as 1 | 2, vehicles, periods, limits, depots, customers, notes };
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v > 0; v >>>= 1) c += v & 1;
  return c;
}

/** Days (1-based) of a combination code: bit t-1 (leftmost) is day 1. */
export function cordeauDays(code: number, days: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= days; d++) if ((code >>> (days - d)) & 1) out.push(d);
  return out;
}

/**
 * Builds the problem under the sets' conventions: the Euclidean matrix over depots and customers
 * (unrounded), travel time = distance, distance cost 1. Type 1: one depot, m vehicles each day with
 * that day's D and Q, the customers' combinations as visit patterns, the same demand at every
 * visit. Type 2: one vehicle type per depot with m vehicles and that depot's D and Q.
 *
 * @example
 * const { problem } = cordeauToProblem(parseCordeau(text));
 * // type 1: solvePeriodic(createPeriodicProblem(problem)); type 2: solve(createProblem(problem))
 */
export function cordeauToProblem(instance: CordeauInstance): CordeauProblem {
  const nodes = [...instance.depots, ...instance.customers];
  const size = nodes.length;
  const distances = new Array<number>(size * size);
  for (let a = 0; a < size; a++)
    for (let b = 0; b < size; b++)
      distances[a * size + b] = Math.hypot(nodes[a]!.x - nodes[b]!.x, nodes[a]!.y - nodes[b]!.y);
  const matrix = { size, distances };
  const depots: DepotInput[] = instance.depots.map((d, k) => ({ id: String(d.id), location: k }));
  const nDepots = instance.depots.length;
  const stopOf = (c: CordeauNode, k: number): StopInput => {
    const stop: StopInput = { id: String(c.id), location: nDepots + k, delivery: [c.demand] };
    if (c.service > 0) stop.serviceTime = c.service;
    return stop;
  };
  if (instance.type === 2) {
    const vehicleTypes: VehicleTypeInput[] = instance.depots.map((d, k) => {
      const limit = instance.limits[k]!;
      const type: VehicleTypeInput = { id: `depot-${d.id}`, count: instance.vehicles, capacity: [limit.capacity], startDepot: String(d.id) };
      if (limit.maxDuration > 0) type.maxDuration = limit.maxDuration;
      return type;
    });
    return { type: 2, problem: { depots, stops: instance.customers.map(stopOf), vehicleTypes, matrix }, notes: instance.notes };
  }
  const T = instance.periods;
  // One vehicle type per distinct (D, Q), available on the days that have it.
  const groups = new Map<string, number[]>();
  instance.limits.forEach((limit, day) => {
    const key = `${limit.maxDuration}/${limit.capacity}`;
    groups.set(key, [...(groups.get(key) ?? []), day]);
  });
  const vehicleTypes: PeriodicVehicleTypeInput[] = [];
  for (const [key, days] of groups) {
    const limit = instance.limits[days[0]!]!;
    const type: PeriodicVehicleTypeInput = {
      id: groups.size === 1 ? 'vehicle' : `vehicle-${key.replace('/', '-')}`,
      count: instance.vehicles,
      capacity: [limit.capacity],
      startDepot: depots[0]!.id,
    };
    if (groups.size > 1) type.countPerDay = Array.from({ length: T }, (_, d) => (days.includes(d) ? instance.vehicles : 0));
    if (limit.maxDuration > 0) type.maxDuration = limit.maxDuration;
    vehicleTypes.push(type);
  }
  const stops: PeriodicStopInput[] = instance.customers.map((c, k) => ({
    ...stopOf(c, k),
    visits: c.frequency,
    patterns: c.combinations.map((code) => cordeauDays(code, T)),
  }));
  return { type: 1, problem: { horizon: T, depots, stops, vehicleTypes, matrix }, notes: instance.notes };
}

/**
 * Parses a `.res` solution: line 1 the total cost, then one line per route `period vehicle cost
 * load n0 c1 … n0` where n0 is 0 (p-files) or the depot's number (pr-files of type 2).
 * `depotIds` (type 2) are the depot numbers, so that they can be dropped from the routes.
 */
export function parseCordeauSolution(text: string, options: CordeauReadOptions & { depotIds?: number[] } = {}): CordeauSolution {
  const fail = failer(options.source);
  const all = lines(text);
  const first = all[0];
  if (first === undefined) return fail('the solution file is empty', undefined, 'cost');
  const cost = Number(first.tokens[0]);
  if (!Number.isFinite(cost)) fail(`the first line must be the total cost, got "${first.tokens[0]}"`, first.number, 'cost');
  const depots = new Set([0, ...(options.depotIds ?? [])]);
  const routes: CordeauSolutionRoute[] = all.slice(1).map((line) => {
    const values = line.tokens.map(Number);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) fail(`"${line.tokens[bad]}" is not a number`, line.number, `value ${bad + 1}`);
    if (values.length < 4) fail('a route line needs `period vehicle cost load` and its nodes', line.number, 'route');
    return {
      period: values[0]!, vehicle: values[1]!, cost: values[2]!, load: values[3]!,
      stops: values.slice(4).filter((v) => !depots.has(v)),
    };
  });
  return { cost, routes };
}
