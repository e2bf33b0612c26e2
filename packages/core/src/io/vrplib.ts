/**
 * Readers for the VRPLIB / CVRPLIB formats: instances (`.vrp`, TSPLIB-style "KEY : value" header
 * followed by sections) and solutions (`.sol`, "Route #i: c1 c2 …" lines and "Cost N").
 *
 * Each benchmark set has its own conventions, and a result is only comparable with the set's
 * best known value when they are honoured (see benchmarks/instances/README.md):
 * - X (Uchoa et al.), A, B, P (Augerat et al.): every arc is rounded to the nearest integer
 *   (TSPLIB `nint`) before summing.
 * - A, B, P fix the fleet at k vehicles (the `-k5` in the name); X does not (k is a lower bound).
 * - CMT (Christofides, Mingozzi & Toth): unrounded distances; `DISTANCE` is a limit on the route
 *   duration and `SERVICE_TIME` the time spent at each customer; the fleet is not limited.
 *
 * The problem built here uses the file's own node numbers as ids (depot "1", customers "2", …),
 * so that a solution printed by postroute reads like the instance.
 */
import { InputError } from '../errors.js';
import type { ProblemInput, RouteInput, StopInput } from '../vrp/input.js';

/** A VRPLIB instance as written in the file, before any convention is applied. */
export interface VrplibInstance {
  name: string;
  comment: string;
  /** `TYPE`, e.g. "CVRP". */
  type: string;
  /** Number of nodes, depot included. */
  dimension: number;
  capacity: number;
  /** `EDGE_WEIGHT_TYPE`: EUC_2D, CEIL_2D, EXACT_2D, FLOOR_2D, or EXPLICIT. */
  edgeWeightType: string;
  /** `EDGE_WEIGHT_FORMAT` for EXPLICIT weights. */
  edgeWeightFormat?: string;
  /** The file's node numbers, in file order (usually 1..dimension). */
  nodeNumbers: number[];
  /** Coordinates by node position (0-based), when the file has a NODE_COORD_SECTION. */
  coordinates?: [number, number][];
  /** Full explicit weight matrix, row-major, when the file has an EDGE_WEIGHT_SECTION. */
  explicitWeights?: number[];
  /** Demand by node position. */
  demands: number[];
  /** Positions (0-based) of the depots. */
  depots: number[];
  /** `VEHICLES`, when given. */
  vehicles?: number;
  /** `DISTANCE`: limit on each route's length (CMT: on its duration, service included). */
  distanceLimit?: number;
  /** `SERVICE_TIME` (one value for all customers) or SERVICE_TIME_SECTION, by node position. */
  serviceTimes?: number[];
  /** TIME_WINDOW_SECTION, by node position. */
  timeWindows?: [number, number][];
}

/** A CVRPLIB solution: customer numbers per route (1..n, the depot being 0) and the stated cost. */
export interface VrplibSolution {
  routes: number[][];
  cost?: number;
}

/** Options of the VRPLIB readers. */
export interface ParseOptions {
  /** Name of the file, for error messages. */
  source?: string;
}

/** How arcs are measured: TSPLIB nearest integer, unrounded, or decided by the set's name. */
export type VrplibRounding = 'nint' | 'exact' | 'auto';

/** How a VRPLIB instance becomes a routing problem. */
export interface VrplibProblemOptions {
  /**
   * Arc rounding. `auto` (default): unrounded for CMT instances, otherwise what the
   * EDGE_WEIGHT_TYPE says (EUC_2D = nearest integer, CEIL_2D = ceiling, EXACT_2D = unrounded).
   */
  rounding?: VrplibRounding;
  /**
   * Fleet size. `auto` (default): fixed at k for the Augerat sets A, B, P (k from the name,
   * the VEHICLES field or the COMMENT), otherwise the VEHICLES field if present, else unlimited
   * (one vehicle per customer). A number fixes it.
   */
  fleet?: 'auto' | 'fixed' | 'unlimited' | number;
  /** Name of the file, for error messages. */
  source?: string;
}

/** The problem built from a VRPLIB instance, with what is needed to report on it. */
export interface VrplibProblem {
  problem: ProblemInput;
  name: string;
  /** Stop or depot id at each matrix location: the file's node numbers as strings. */
  locationIds: string[];
  /** Number of vehicles available and whether that is the set's fixed fleet. */
  fleet: { count: number; fixed: boolean };
  /** How arcs were measured. */
  rounding: 'nint' | 'ceil' | 'exact';
  /** Best known value stated in the COMMENT line ("Optimal value: 784", "Best value: …"), if any. */
  commentBks?: number;
}

const SPEC_KEYS = new Set([
  'NAME', 'COMMENT', 'TYPE', 'DIMENSION', 'CAPACITY', 'EDGE_WEIGHT_TYPE', 'EDGE_WEIGHT_FORMAT',
  'NODE_COORD_TYPE', 'DISPLAY_DATA_TYPE', 'VEHICLES', 'DISTANCE', 'SERVICE_TIME', 'EOF',
]);
const SECTIONS = new Set([
  'NODE_COORD_SECTION', 'DEMAND_SECTION', 'DEPOT_SECTION', 'EDGE_WEIGHT_SECTION',
  'SERVICE_TIME_SECTION', 'TIME_WINDOW_SECTION', 'DISPLAY_DATA_SECTION',
]);

interface Line {
  number: number;
  tokens: string[];
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const raw = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < raw.length; i++) {
    const trimmed = (raw[i] ?? '').trim();
    if (trimmed === '') continue;
    lines.push({ number: i + 1, text: trimmed, tokens: trimmed.split(/\s+/) });
  }
  return lines;
}

function parseNumber(token: string | undefined, where: { source?: string; line: number; field: string }): number {
  const value = token === undefined ? Number.NaN : Number(token);
  if (!Number.isFinite(value)) {
    throw new InputError(
      token === undefined ? 'a number is missing' : `"${token}" is not a number`,
      where,
      'each row of a VRPLIB section holds whitespace-separated numbers',
    );
  }
  return value;
}

/**
 * Parses a VRPLIB/TSPLIB instance text (`.vrp`). Throws an InputError with the line number for
 * anything malformed or unsupported, rather than ignoring it.
 *
 * @example
 * const instance = parseVrplib(readFileSync('A-n32-k5.vrp', 'utf8'), { source: 'A-n32-k5.vrp' });
 * instance.dimension; // 32
 */
export function parseVrplib(text: string, options: ParseOptions = {}): VrplibInstance {
  const { source } = options;
  const lines = splitLines(text);
  const spec = new Map<string, { value: string; line: number }>();
  let i = 0;
  // Header: "KEY : value" until the first section keyword.
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const keyword = line.tokens[0]!.replace(/:$/, '').toUpperCase();
    if (SECTIONS.has(keyword)) break;
    if (keyword === 'EOF') continue;
    const colon = line.text.indexOf(':');
    if (colon < 0) {
      throw new InputError(`expected "KEY : value" or a section name, found "${line.text}"`, { source, line: line.number });
    }
    const key = line.text.slice(0, colon).trim().toUpperCase();
    const value = line.text.slice(colon + 1).trim().replace(/^"(.*)"$/, '$1');
    if (!SPEC_KEYS.has(key)) {
      throw new InputError(`unknown header field "${key}"`, { source, line: line.number, field: key },
        `supported: ${[...SPEC_KEYS].filter((k) => k !== 'EOF').join(', ')}`);
    }
    spec.set(key, { value, line: line.number });
  }

  const specNumber = (key: string, required: boolean): number | undefined => {
    const entry = spec.get(key);
    if (!entry) {
      if (required) throw new InputError(`the header has no ${key}`, { source, field: key }, `add a line "${key} : <value>"`);
      return undefined;
    }
    return parseNumber(entry.value, { source, line: entry.line, field: key });
  };
  const dimension = specNumber('DIMENSION', true)!;
  if (!Number.isInteger(dimension) || dimension < 2) {
    throw new InputError(`DIMENSION must be an integer ≥ 2, got ${dimension}`, { source, line: spec.get('DIMENSION')!.line, field: 'DIMENSION' });
  }
  const capacity = specNumber('CAPACITY', true)!;
  const edgeWeightType = (spec.get('EDGE_WEIGHT_TYPE')?.value ?? '').toUpperCase();
  if (!['EUC_2D', 'CEIL_2D', 'EXACT_2D', 'FLOOR_2D', 'EXPLICIT'].includes(edgeWeightType)) {
    throw new InputError(`unsupported EDGE_WEIGHT_TYPE "${edgeWeightType}"`,
      { source, line: spec.get('EDGE_WEIGHT_TYPE')?.line, field: 'EDGE_WEIGHT_TYPE' },
      'use EUC_2D, CEIL_2D, EXACT_2D, FLOOR_2D or EXPLICIT');
  }
  const edgeWeightFormat = spec.get('EDGE_WEIGHT_FORMAT')?.value.toUpperCase();

  const instance: VrplibInstance = {
    name: spec.get('NAME')?.value ?? '',
    comment: spec.get('COMMENT')?.value ?? '',
    type: spec.get('TYPE')?.value ?? 'CVRP',
    dimension,
    capacity,
    edgeWeightType,
    ...(edgeWeightFormat !== undefined ? { edgeWeightFormat } : {}),
    nodeNumbers: Array.from({ length: dimension }, (_, k) => k + 1),
    demands: new Array<number>(dimension).fill(0),
    depots: [],
  };
  const vehicles = specNumber('VEHICLES', false);
  if (vehicles !== undefined) instance.vehicles = vehicles;
  const distance = specNumber('DISTANCE', false);
  if (distance !== undefined) instance.distanceLimit = distance;
  const serviceTime = specNumber('SERVICE_TIME', false);
  if (serviceTime !== undefined) instance.serviceTimes = new Array<number>(dimension).fill(serviceTime);

  // Sections. Node rows are "number values…"; the number must be one of 1..dimension.
  const seen = new Set<string>();
  const nodePosition = (token: string | undefined, line: Line, section: string): number => {
    const number = parseNumber(token, { source, line: line.number, field: section });
    if (!Number.isInteger(number) || number < 1 || number > dimension) {
      throw new InputError(`node number ${token} is outside 1..${dimension}`, { source, line: line.number, field: section },
        'nodes are numbered 1..DIMENSION');
    }
    return number - 1;
  };
  while (i < lines.length) {
    const header = lines[i]!;
    const section = header.tokens[0]!.replace(/:$/, '').toUpperCase();
    if (section === 'EOF') { i++; continue; }
    if (!SECTIONS.has(section)) {
      throw new InputError(`unexpected "${header.text}"`, { source, line: header.number },
        `expected a section (${[...SECTIONS].join(', ')}) or EOF`);
    }
    if (seen.has(section)) throw new InputError(`${section} appears twice`, { source, line: header.number, field: section });
    seen.add(section);
    i++;
    const rows: Line[] = [];
    while (i < lines.length) {
      const first = lines[i]!.tokens[0]!.replace(/:$/, '').toUpperCase();
      // Any keyword ends the section; an unknown one is then reported rather than read as data.
      if (SECTIONS.has(first) || first === 'EOF' || /^[A-Z][A-Z0-9_]*$/.test(first)) break;
      rows.push(lines[i]!);
      i++;
    }
    const expectRows = (count: number, width: number): void => {
      if (rows.length !== count) {
        throw new InputError(`${section} has ${rows.length} rows, expected ${count} (one per node)`,
          { source, line: rows[Math.min(rows.length, count)]?.number ?? header.number, field: section });
      }
      for (const row of rows) {
        if (row.tokens.length !== width) {
          throw new InputError(`expected ${width} values, found ${row.tokens.length}`, { source, line: row.number, field: section });
        }
      }
    };
    switch (section) {
      case 'NODE_COORD_SECTION': {
        expectRows(dimension, 3);
        const coordinates: [number, number][] = new Array(dimension);
        const filled = new Array<boolean>(dimension).fill(false);
        for (const row of rows) {
          const position = nodePosition(row.tokens[0], row, section);
          if (filled[position]) throw new InputError(`node ${row.tokens[0]} appears twice`, { source, line: row.number, field: section });
          filled[position] = true;
          coordinates[position] = [
            parseNumber(row.tokens[1], { source, line: row.number, field: section }),
            parseNumber(row.tokens[2], { source, line: row.number, field: section }),
          ];
        }
        instance.coordinates = coordinates;
        break;
      }
      case 'DEMAND_SECTION': {
        expectRows(dimension, 2);
        for (const row of rows) {
          const demand = parseNumber(row.tokens[1], { source, line: row.number, field: section });
          if (demand < 0) throw new InputError(`negative demand ${demand}`, { source, line: row.number, field: section }, 'demands must be ≥ 0');
          instance.demands[nodePosition(row.tokens[0], row, section)] = demand;
        }
        break;
      }
      case 'SERVICE_TIME_SECTION': {
        expectRows(dimension, 2);
        const times = new Array<number>(dimension).fill(0);
        for (const row of rows) times[nodePosition(row.tokens[0], row, section)] = parseNumber(row.tokens[1], { source, line: row.number, field: section });
        instance.serviceTimes = times;
        break;
      }
      case 'TIME_WINDOW_SECTION': {
        expectRows(dimension, 3);
        const windows: [number, number][] = new Array(dimension);
        for (const row of rows) {
          windows[nodePosition(row.tokens[0], row, section)] = [
            parseNumber(row.tokens[1], { source, line: row.number, field: section }),
            parseNumber(row.tokens[2], { source, line: row.number, field: section }),
          ];
        }
        instance.timeWindows = windows;
        break;
      }
      case 'DEPOT_SECTION': {
        const tokens = rows.flatMap((row) => row.tokens.map((token) => ({ token, row })));
        for (const { token, row } of tokens) {
          if (token === '-1') break;
          instance.depots.push(nodePosition(token, row, section));
        }
        if (tokens.length === 0 || tokens[tokens.length - 1]!.token !== '-1') {
          throw new InputError('DEPOT_SECTION must end with -1', { source, line: header.number, field: section });
        }
        break;
      }
      case 'EDGE_WEIGHT_SECTION': {
        const values = rows.flatMap((row) => row.tokens.map((token) => parseNumber(token, { source, line: row.number, field: section })));
        instance.explicitWeights = expandExplicit(values, dimension, edgeWeightFormat ?? 'FULL_MATRIX', { source, line: header.number });
        break;
      }
      case 'DISPLAY_DATA_SECTION':
        break; // drawing positions only; they play no part in the problem
    }
  }
  if (instance.depots.length === 0) {
    throw new InputError('no depot: DEPOT_SECTION is missing or empty', { source, field: 'DEPOT_SECTION' }, 'add "DEPOT_SECTION", the depot node number, and -1');
  }
  if (!seen.has('DEMAND_SECTION')) throw new InputError('DEMAND_SECTION is missing', { source, field: 'DEMAND_SECTION' });
  if (edgeWeightType === 'EXPLICIT' ? !instance.explicitWeights : !instance.coordinates) {
    throw new InputError(edgeWeightType === 'EXPLICIT' ? 'EDGE_WEIGHT_SECTION is missing' : 'NODE_COORD_SECTION is missing', { source },
      'the file must give either coordinates or explicit edge weights');
  }
  return instance;
}

function expandExplicit(values: number[], n: number, format: string, where: { source?: string; line: number }): number[] {
  const matrix = new Array<number>(n * n).fill(0);
  let k = 0;
  const take = (): number => {
    if (k >= values.length) throw new InputError(`EDGE_WEIGHT_SECTION is too short for ${format} with ${n} nodes`, { ...where, field: 'EDGE_WEIGHT_SECTION' });
    return values[k++]!;
  };
  const setBoth = (a: number, b: number, v: number): void => { matrix[a * n + b] = v; matrix[b * n + a] = v; };
  switch (format) {
    case 'FULL_MATRIX':
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) matrix[a * n + b] = take();
      break;
    case 'LOWER_ROW':
      for (let a = 1; a < n; a++) for (let b = 0; b < a; b++) setBoth(a, b, take());
      break;
    case 'LOWER_DIAG_ROW':
      for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) setBoth(a, b, take());
      break;
    case 'UPPER_ROW':
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) setBoth(a, b, take());
      break;
    case 'UPPER_DIAG_ROW':
      for (let a = 0; a < n; a++) for (let b = a; b < n; b++) setBoth(a, b, take());
      break;
    default:
      throw new InputError(`unsupported EDGE_WEIGHT_FORMAT "${format}"`, { ...where, field: 'EDGE_WEIGHT_FORMAT' },
        'use FULL_MATRIX, LOWER_ROW, LOWER_DIAG_ROW, UPPER_ROW or UPPER_DIAG_ROW');
  }
  if (k !== values.length) {
    throw new InputError(`EDGE_WEIGHT_SECTION has ${values.length - k} values too many for ${format} with ${n} nodes`, { ...where, field: 'EDGE_WEIGHT_SECTION' });
  }
  return matrix;
}

/**
 * Parses a CVRPLIB solution (`.sol`): "Route #1: 31 46 35" lines, customers numbered 1..n with the
 * depot as 0, then "Cost 27591".
 *
 * @example
 * parseVrplibSolution('Route #1: 1 2\nRoute #2: 3\nCost 42\n'); // { routes: [[1, 2], [3]], cost: 42 }
 */
export function parseVrplibSolution(text: string, options: ParseOptions = {}): VrplibSolution {
  const { source } = options;
  const solution: VrplibSolution = { routes: [] };
  for (const line of splitLines(text)) {
    const route = /^Route\s*#?\s*\d+\s*:(.*)$/i.exec(line.text);
    if (route) {
      const customers = route[1]!.trim() === '' ? [] : route[1]!.trim().split(/\s+/).map((token) => {
        const value = parseNumber(token, { source, line: line.number, field: 'Route' });
        if (!Number.isInteger(value) || value < 1) {
          throw new InputError(`customer number ${token} is not a positive integer`, { source, line: line.number, field: 'Route' });
        }
        return value;
      });
      solution.routes.push(customers);
      continue;
    }
    const cost = /^Cost\s*:?\s*(\S+)\s*$/i.exec(line.text);
    if (cost) {
      solution.cost = parseNumber(cost[1], { source, line: line.number, field: 'Cost' });
      continue;
    }
    throw new InputError(`unexpected line "${line.text}"`, { source, line: line.number }, 'expected "Route #i: c1 c2 …" or "Cost N"');
  }
  return solution;
}

/** Which Augerat-style or CMT set the instance belongs to, from its name. */
function setOf(name: string): 'X' | 'A' | 'B' | 'P' | 'CMT' | 'E' | 'F' | 'M' | 'other' {
  const match = /^(X|A|B|P|E|F|M)-n\d+/i.exec(name);
  if (match) return match[1]!.toUpperCase() as 'X' | 'A' | 'B' | 'P' | 'E' | 'F' | 'M';
  if (/^CMT\d+/i.test(name)) return 'CMT';
  return 'other';
}

/** k from "-k5" in the name, "No of trucks: 5" in the comment, or VEHICLES. */
function vehiclesOf(instance: VrplibInstance): number | undefined {
  if (instance.vehicles !== undefined) return instance.vehicles;
  const fromName = /-k(\d+)/i.exec(instance.name);
  if (fromName) return Number(fromName[1]);
  const fromComment = /trucks:\s*(\d+)/i.exec(instance.comment);
  if (fromComment) return Number(fromComment[1]);
  return undefined;
}

/** "Optimal value: 784", "Best value: 1073", or CMT's bare number. */
function bksFromComment(instance: VrplibInstance): number | undefined {
  const labelled = /(?:optimal|best)\s*(?:known)?\s*(?:value|solution)?\s*:\s*([0-9.]+)/i.exec(instance.comment);
  if (labelled) return Number(labelled[1]);
  if (setOf(instance.name) === 'CMT') {
    const bare = /^\s*\(?\s*([0-9]+(?:\.[0-9]+)?)\s*\)?\s*$/.exec(instance.comment);
    if (bare) return Number(bare[1]);
  }
  return undefined;
}

/** TSPLIB nint: round half away from zero (distances are ≥ 0, so half up). */
function nint(x: number): number {
  return Math.floor(x + 0.5);
}

/**
 * Turns a parsed VRPLIB instance into a ProblemInput under its set's conventions (see the module
 * comment). Ids are the file's node numbers.
 *
 * @example
 * const { problem, fleet } = vrplibToProblem(parseVrplib(text));
 * // A-n32-k5: fleet = { count: 5, fixed: true }, arcs rounded to the nearest integer
 */
export function vrplibToProblem(instance: VrplibInstance, options: VrplibProblemOptions = {}): VrplibProblem {
  const n = instance.dimension;
  const { source } = options;
  const set = setOf(instance.name);
  if (instance.depots.length !== 1) {
    throw new InputError(`${instance.depots.length} depots; only single-depot VRPLIB instances are supported`, { source, field: 'DEPOT_SECTION' });
  }
  const depot = instance.depots[0]!;

  let rounding: VrplibProblem['rounding'];
  const requested = options.rounding ?? 'auto';
  if (requested === 'nint') rounding = 'nint';
  else if (requested === 'exact') rounding = 'exact';
  else if (set === 'CMT' || instance.edgeWeightType === 'EXACT_2D') rounding = 'exact';
  else if (instance.edgeWeightType === 'CEIL_2D') rounding = 'ceil';
  else rounding = 'nint';

  const distances = new Array<number>(n * n);
  if (instance.explicitWeights) {
    for (let k = 0; k < n * n; k++) distances[k] = instance.explicitWeights[k]!;
  } else {
    const xy = instance.coordinates!;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const d = Math.hypot(xy[a]![0] - xy[b]![0], xy[a]![1] - xy[b]![1]);
        distances[a * n + b] = rounding === 'nint' ? nint(d) : rounding === 'ceil' ? Math.ceil(d) : d;
      }
    }
  }

  const customers = instance.nodeNumbers.map((_, k) => k).filter((k) => k !== depot);
  const k = vehiclesOf(instance);
  const fleetOption = options.fleet ?? 'auto';
  let fleet: VrplibProblem['fleet'];
  if (typeof fleetOption === 'number') fleet = { count: fleetOption, fixed: true };
  else if (fleetOption === 'unlimited') fleet = { count: customers.length, fixed: false };
  else if (fleetOption === 'fixed' || (fleetOption === 'auto' && (set === 'A' || set === 'B' || set === 'P' || (set === 'other' && instance.vehicles !== undefined)))) {
    if (k === undefined) {
      throw new InputError('the fleet size is unknown', { source, field: 'VEHICLES' }, 'add "VEHICLES : k" or a "-k<count>" suffix to NAME, or choose an unlimited fleet');
    }
    fleet = { count: k, fixed: true };
  } else {
    fleet = { count: customers.length, fixed: false };
  }

  const ids = instance.nodeNumbers.map(String);
  const depotId = ids[depot]!;
  const stops: StopInput[] = customers.map((position) => {
    const stop: StopInput = { id: ids[position]!, location: position, delivery: [instance.demands[position]!] };
    const service = instance.serviceTimes?.[position];
    if (service !== undefined && service !== 0) stop.serviceTime = service;
    const window = instance.timeWindows?.[position];
    if (window) stop.timeWindows = [[window[0], window[1]]];
    return stop;
  });
  const depotWindow = instance.timeWindows?.[depot];
  const problem: ProblemInput = {
    depots: [{ id: depotId, location: depot, ...(depotWindow ? { timeWindow: [depotWindow[0], depotWindow[1]] as [number, number] } : {}) }],
    stops,
    vehicleTypes: [{
      id: 'vehicle',
      count: fleet.count,
      capacity: [instance.capacity],
      startDepot: depotId,
      // CMT's DISTANCE bounds the route's duration, service times included; with travel time
      // equal to distance and no service time it is simply a length limit.
      ...(instance.distanceLimit !== undefined ? { maxDuration: instance.distanceLimit } : {}),
    }],
    matrix: { size: n, distances },
  };
  const commentBks = bksFromComment(instance);
  return {
    problem,
    name: instance.name,
    locationIds: ids,
    fleet,
    rounding,
    ...(commentBks !== undefined ? { commentBks } : {}),
  };
}

/**
 * Converts a CVRPLIB solution's routes (customers 1..n, depot 0) into routes over the problem's
 * stop ids (the file's node numbers; for the usual depot-first files customer c is node c + 1).
 *
 * @example
 * vrplibSolutionRoutes({ routes: [[1, 2]] }, converted); // [{ vehicleType: 'vehicle', stops: ['2', '3'] }]
 */
export function vrplibSolutionRoutes(solution: VrplibSolution, converted: VrplibProblem, options: ParseOptions = {}): RouteInput[] {
  const customerIds = converted.problem.stops.map((stop) => stop.id);
  const vehicleType = converted.problem.vehicleTypes[0]!.id;
  return solution.routes.map((route, r) => ({
    vehicleType,
    stops: route.map((customer) => {
      const id = customerIds[customer - 1];
      if (id === undefined) {
        throw new InputError(`customer ${customer} does not exist (the instance has ${customerIds.length})`, { source: options.source, index: r, field: 'Route' });
      }
      return id;
    }),
  }));
}
