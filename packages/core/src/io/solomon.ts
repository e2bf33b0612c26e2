/**
 * Reader for Solomon's VRPTW instance files (Solomon 1987): a name line, `VEHICLE / NUMBER
 * CAPACITY`, then `CUSTOMER` rows `CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE
 * TIME`, customer 0 being the depot. The original files end their lines in CRLF.
 *
 * Two conventions are in use and their values are not comparable
 * (benchmarks/instances/README.md):
 * - `truncated`: each arc is floor(10·d)/10, the same value is the travel time, and the objective
 *   is total distance with any number of vehicles (the exact-method literature, CVRPLIB).
 * - `unrounded`: real Euclidean arcs; the usual objective is hierarchical, fewest vehicles first,
 *   then distance (the SINTEF table). That is modelled with a fixed cost per vehicle larger than
 *   any plan's distance, so one vehicle less always pays.
 *
 * Service starts no earlier than READY TIME (waiting allowed) and no later than DUE DATE; the
 * depot's DUE DATE is the latest return. Ids are the file's customer numbers ("0" is the depot).
 */
import { InputError } from '../errors.js';
import type { ProblemInput, StopInput } from '../vrp/input.js';

/** Arcs truncated to 0.1 (the distance-only literature) or unrounded (the hierarchical one). */
export type SolomonConvention = 'truncated' | 'unrounded';
/** Total distance, or fewest vehicles first and then distance. */
export type SolomonObjective = 'distance' | 'vehicles-then-distance';

/** One row of a Solomon file: position, demand, time window and service time. */
export interface SolomonCustomer {
  number: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
  /** One-based line in the file, for error messages. */
  line: number;
}

/** A Solomon VRPTW file as read. */
export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** The depot first (customer 0), then the customers in file order. */
  customers: SolomonCustomer[];
}

/** How a Solomon instance becomes a routing problem. */
export interface SolomonProblemOptions {
  /** Arc convention. Default `truncated`. */
  convention?: SolomonConvention;
  /** Default: `distance` for truncated, `vehicles-then-distance` for unrounded. */
  objective?: SolomonObjective;
  /** Name of the file, for error messages. */
  source?: string;
}

/** A Solomon instance as a routing problem, with the convention it was built under. */
export interface SolomonProblem {
  problem: ProblemInput;
  name: string;
  convention: SolomonConvention;
  objective: SolomonObjective;
  /** The fixed cost per vehicle used to make the objective hierarchical (0 for `distance`). */
  vehicleCost: number;
  /** Stop or depot id at each matrix location. */
  locationIds: string[];
}

/**
 * Parses a Solomon instance file. Any malformed row is an InputError with its line number.
 *
 * @example
 * const instance = parseSolomon(readFileSync('C101.txt', 'utf8'), { source: 'C101.txt' });
 * instance.customers.length; // 101: the depot and 100 customers
 */
export function parseSolomon(text: string, options: { source?: string } = {}): SolomonInstance {
  const { source } = options;
  const lines = text.split(/\r\n|\r|\n/).map((raw, k) => ({ text: raw.trim(), number: k + 1 })).filter((l) => l.text !== '');
  const name = lines[0]?.text ?? '';
  const vehicleAt = lines.findIndex((l) => /^VEHICLE$/i.test(l.text));
  const customerAt = lines.findIndex((l) => /^CUSTOMER$/i.test(l.text));
  if (vehicleAt < 0 || customerAt < 0 || customerAt < vehicleAt) {
    throw new InputError('not a Solomon instance: expected a "VEHICLE" section followed by a "CUSTOMER" section', { source },
      'the file starts with the name, then VEHICLE / NUMBER CAPACITY / <n> <Q>, then CUSTOMER and its rows');
  }
  const fleetLine = lines[vehicleAt + 2];
  const fleet = fleetLine?.text.split(/\s+/).map(Number) ?? [];
  if (!fleetLine || fleet.length !== 2 || !fleet.every((v) => Number.isFinite(v) && v > 0)) {
    throw new InputError('expected the fleet line "<vehicles> <capacity>" after "NUMBER CAPACITY"', { source, line: fleetLine?.number ?? lines[vehicleAt]!.number });
  }
  const customers: SolomonCustomer[] = [];
  // Rows after the column header line ("CUST NO. XCOORD. …").
  for (const row of lines.slice(customerAt + 2)) {
    const values = row.text.split(/\s+/).map(Number);
    if (values.length !== 7 || !values.every(Number.isFinite)) {
      throw new InputError(`expected 7 numbers (number, x, y, demand, ready, due, service), found "${row.text}"`, { source, line: row.number });
    }
    const [number, x, y, demand, ready, due, service] = values as [number, number, number, number, number, number, number];
    if (number !== customers.length) {
      throw new InputError(`customer number ${number} out of sequence, expected ${customers.length}`, { source, line: row.number }, 'customers are numbered 0 (the depot), 1, 2, … in order');
    }
    if (demand < 0) throw new InputError(`negative demand ${demand}`, { source, line: row.number, field: 'DEMAND' });
    if (due < ready) throw new InputError(`DUE DATE ${due} is before READY TIME ${ready}`, { source, line: row.number, field: 'DUE DATE' });
    if (service < 0) throw new InputError(`negative service time ${service}`, { source, line: row.number, field: 'SERVICE TIME' });
    customers.push({ number, x, y, demand, ready, due, service, line: row.number });
  }
  if (customers.length < 2) throw new InputError('the instance has no customers', { source, line: lines[customerAt]!.number });
  return { name, vehicles: fleet[0]!, capacity: fleet[1]!, customers };
}

/** floor(10·d)/10. For integer coordinates 10·d is an integer only when d is, so floor is exact. */
function truncateToTenth(d: number): number {
  return Math.floor(d * 10) / 10;
}

/**
 * Builds the ProblemInput for a Solomon instance under the chosen convention.
 *
 * @example
 * const { problem } = solomonToProblem(parseSolomon(text), { convention: 'truncated' });
 * problem.vehicleTypes[0].count; // 25
 */
export function solomonToProblem(instance: SolomonInstance, options: SolomonProblemOptions = {}): SolomonProblem {
  const convention = options.convention ?? 'truncated';
  const objective = options.objective ?? (convention === 'truncated' ? 'distance' : 'vehicles-then-distance');
  const nodes = instance.customers;
  const n = nodes.length;
  const distances = new Array<number>(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const d = Math.hypot(nodes[a]!.x - nodes[b]!.x, nodes[a]!.y - nodes[b]!.y);
      distances[a * n + b] = convention === 'truncated' ? truncateToTenth(d) : d;
    }
  }
  const depot = nodes[0]!;
  let vehicleCost = 0;
  if (objective === 'vehicles-then-distance') {
    // A plan serving each customer alone is no longer than Σ (d(0,i) + d(i,0)); any two plans
    // differ in distance by less than that, so a vehicle costing more always dominates.
    let bound = 0;
    for (let i = 1; i < n; i++) bound += distances[i]! + distances[i * n]!;
    vehicleCost = 10 ** Math.ceil(Math.log10(Math.max(bound, 1) + 1));
  }
  const stops: StopInput[] = nodes.slice(1).map((c, k) => ({
    id: String(c.number),
    location: k + 1,
    delivery: [c.demand],
    serviceTime: c.service,
    timeWindows: [[c.ready, c.due]],
  }));
  const problem: ProblemInput = {
    depots: [{ id: String(depot.number), location: 0, timeWindow: [depot.ready, depot.due] }],
    stops,
    vehicleTypes: [{
      id: 'vehicle',
      count: instance.vehicles,
      capacity: [instance.capacity],
      startDepot: String(depot.number),
      ...(vehicleCost > 0 ? { fixedCost: vehicleCost } : {}),
    }],
    matrix: { size: n, distances },
  };
  return { problem, name: instance.name, convention, objective, vehicleCost, locationIds: nodes.map((c) => String(c.number)) };
}
