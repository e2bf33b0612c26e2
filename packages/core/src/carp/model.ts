/**
 * The capacitated arc routing problem (CARP): a weighted graph given as edges, a depot node, the
 * edges that must be serviced, vehicle capacity and shift limit. `createCarpProblem` validates
 * the input (located errors), sets aside required edges that no vehicle can ever serve (with a
 * reason) and compiles the rest into the flat arrays the solver reads: one task per edge side,
 * each with two orientations, and shortest deadheading costs between every task end.
 */
import { InputError } from '../errors.js';
import { compileArrays, type CompiledGraph } from '../graph/compile.js';
import { ShortestPathSearch } from '../matrix/dijkstra.js';
import { formatFigure } from '../io/numbers.js';

/** One edge of the graph, between node indices `from` and `to` (0-based). */
export interface CarpEdgeInput {
  from: number;
  to: number;
  /** Cost of driving along the edge once (deadheading), ≥ 0. */
  cost: number;
  /** True when the edge may only be driven from `from` to `to`. Default false. */
  oneway?: boolean;
}

/** An edge that must be serviced. */
export interface CarpRequiredInput {
  /** Index into `edges`. */
  edge: number;
  /** Load taken by servicing it (per side when `sides` is "both"). Default 0. */
  demand?: number;
  /** Cost of the traversal that services it (per side); default the edge's cost. */
  serviceCost?: number;
  /**
   * "either" (default): one traversal in any allowed direction services it (a one-way street only
   * forwards). "both": both sides separately, one traversal each way (two-way edges only).
   */
  sides?: 'either' | 'both';
}

/** An arc routing problem: a graph as edges, the required edges, a depot and the limits. */
export interface CarpInput {
  nodeCount: number;
  edges: CarpEdgeInput[];
  required: CarpRequiredInput[];
  depot: number;
  /** Vehicle capacity (same units as demand). Default: unlimited. */
  capacity?: number;
  /** Shift limit: the largest cost (service + deadheading) of one route. Default: unlimited. */
  maxRouteCost?: number;
  /** Most routes (vehicles). Default: unlimited (the free-fleet convention of the CARP literature). */
  vehicles?: number;
}

/** Why no vehicle can ever serve a required edge. */
export type CarpUnservableReason = 'unreachable' | 'demand-exceeds-capacity' | 'route-limit-exceeded';

/** A required edge set aside before the search, with its reason. */
export interface CarpUnservable {
  /** Index into `required`. */
  required: number;
  reason: CarpUnservableReason;
  /** One line a person can act on. */
  message: string;
  /** With "route-limit-exceeded": the cost of serving it alone (depot, the edge, depot) and the limit. */
  alone?: number;
  limit?: number;
}

/** The validated, compiled problem. Treat as immutable. */
export interface CarpProblem {
  input: CarpInput;
  nodeCount: number;
  depot: number;
  capacity: number;
  maxRouteCost: number;
  maxVehicles: number;
  /** Graph as CSR, arc weights = edge costs; `csr.arcEdge` maps arcs back to `input.edges`. */
  csr: CompiledGraph;
  /** Tasks: one per serviceable edge side. */
  taskCount: number;
  /** Index into `input.required` of each task. */
  taskRequired: Int32Array;
  /** 0: either side; 1: the forward side (from → to) of a "both"; 2: the backward side. */
  taskSide: Uint8Array;
  taskEdge: Int32Array;
  taskDemand: Float64Array;
  /** Per orientation `2t + o` (o = 0: driven from → to; o = 1: to → from): where it is entered
   *  and left (indices of `nodeOf`), and its service cost (Infinity when not allowed). */
  entry: Int32Array;
  exit: Int32Array;
  service: Float64Array;
  /** The "terminal" nodes the solver knows: index 0 is the depot, then every task end. */
  nodeOf: Int32Array;
  terminalCount: number;
  /** Shortest deadheading cost between terminals, `dist[a * terminalCount + b]` (Infinity: no path). */
  dist: Float64Array;
  /** True when every edge is two-way and every task may be served either way (reversals are free). */
  symmetric: boolean;
  unservable: CarpUnservable[];
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isCost = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/**
 * Validates and compiles a CARP. Throws an `InputError` naming the offending field
 * (`edges[3].cost`, `required[0].edge`, …); required edges that cannot be served are listed in
 * `unservable` and left out of the tasks.
 *
 * @example
 * const problem = createCarpProblem({
 *   nodeCount: 3, depot: 0, capacity: 10,
 *   edges: [{ from: 0, to: 1, cost: 5 }, { from: 1, to: 2, cost: 4, oneway: true }, { from: 2, to: 0, cost: 3 }],
 *   required: [{ edge: 1, demand: 2 }, { edge: 2, demand: 1, sides: 'both' }],
 * });
 */
export function createCarpProblem(input: CarpInput, options: { source?: string } = {}): CarpProblem {
  const source = options.source ?? 'carp problem';
  const fail = (message: string, field: string, hint?: string, index?: number): never => {
    throw new InputError(message, { source, field, ...(index !== undefined ? { index } : {}) }, hint);
  };
  if (!isCount(input.nodeCount) || input.nodeCount < 1) fail('nodeCount must be a positive integer', 'nodeCount');
  const n = input.nodeCount;
  if (!isCount(input.depot) || input.depot >= n) fail(`depot must be a node index in 0…${n - 1}`, 'depot');
  if (!Array.isArray(input.edges)) fail('edges must be an array', 'edges');
  if (!Array.isArray(input.required)) fail('required must be an array', 'required');
  const capacity = input.capacity ?? Infinity;
  if (!(typeof capacity === 'number' && capacity > 0)) fail('capacity must be a positive number', 'capacity');
  const maxRouteCost = input.maxRouteCost ?? Infinity;
  if (!(typeof maxRouteCost === 'number' && maxRouteCost > 0)) fail('maxRouteCost must be a positive number', 'maxRouteCost');
  const maxVehicles = input.vehicles ?? Infinity;
  if (!(maxVehicles === Infinity || (Number.isInteger(maxVehicles) && maxVehicles >= 1))) fail('vehicles must be a positive integer', 'vehicles');

  const m = input.edges.length;
  const edgeSource = new Uint32Array(m);
  const edgeTarget = new Uint32Array(m);
  const edgeUndirected = new Uint8Array(m);
  const edgeCost = new Float64Array(m);
  let symmetric = true;
  input.edges.forEach((edge, e) => {
    if (edge === null || typeof edge !== 'object') fail('an edge must be an object { from, to, cost }', `edges[${e}]`, undefined, e);
    if (!isCount(edge.from) || edge.from >= n) fail(`from must be a node index in 0…${n - 1}`, `edges[${e}].from`, undefined, e);
    if (!isCount(edge.to) || edge.to >= n) fail(`to must be a node index in 0…${n - 1}`, `edges[${e}].to`, undefined, e);
    if (!isCost(edge.cost)) fail('cost must be a finite number ≥ 0', `edges[${e}].cost`, undefined, e);
    edgeSource[e] = edge.from;
    edgeTarget[e] = edge.to;
    edgeUndirected[e] = edge.oneway === true ? 0 : 1;
    if (edge.oneway === true) symmetric = false;
    edgeCost[e] = edge.cost;
  });
  const csr = compileArrays(n, edgeSource, edgeTarget, edgeUndirected, edgeCost, edgeCost);

  // Tasks, before reachability: one per side.
  const seen = new Int32Array(m).fill(-1);
  const sides: Array<{ required: number; side: 0 | 1 | 2 }> = [];
  input.required.forEach((req, r) => {
    const at = `required[${r}]`;
    if (req === null || typeof req !== 'object') fail('a required edge must be an object { edge, demand }', at, undefined, r);
    if (!isCount(req.edge) || req.edge >= m) fail(`edge must be an edge index in 0…${m - 1}`, `${at}.edge`, undefined, r);
    if (seen[req.edge]! >= 0) fail(`edge ${req.edge} is already required by required[${seen[req.edge]}]`, `${at}.edge`, 'list each edge once; use sides: "both" for both sides of a street', r);
    seen[req.edge] = r;
    if (req.demand !== undefined && !isCost(req.demand)) fail('demand must be a finite number ≥ 0', `${at}.demand`, undefined, r);
    if (req.serviceCost !== undefined && !isCost(req.serviceCost)) fail('serviceCost must be a finite number ≥ 0', `${at}.serviceCost`, undefined, r);
    const mode = req.sides ?? 'either';
    if (mode !== 'either' && mode !== 'both') fail('sides must be "either" or "both"', `${at}.sides`, undefined, r);
    if (mode === 'both') {
      if (input.edges[req.edge]!.oneway === true) fail(`edge ${req.edge} is one-way, so its two sides cannot be served in opposite directions`, `${at}.sides`, 'use sides: "either" (served forwards once)', r);
      sides.push({ required: r, side: 1 }, { required: r, side: 2 });
      symmetric = false;
    } else {
      sides.push({ required: r, side: 0 });
    }
  });

  // Terminals: the depot and every task end; shortest paths from each.
  const terminalOfNode = new Int32Array(n).fill(-1);
  const terminals: number[] = [input.depot];
  terminalOfNode[input.depot] = 0;
  const addTerminal = (v: number): number => {
    if (terminalOfNode[v]! < 0) {
      terminalOfNode[v] = terminals.length;
      terminals.push(v);
    }
    return terminalOfNode[v]!;
  };
  for (const s of sides) {
    const edge = input.edges[input.required[s.required]!.edge]!;
    addTerminal(edge.from);
    addTerminal(edge.to);
  }
  const k = terminals.length;
  const dist = new Float64Array(k * k);
  const search = new ShortestPathSearch(csr, csr.arcLength, csr.arcLength);
  search.trackParents = false;
  for (let a = 0; a < k; a++) {
    search.runFrom([terminals[a]!], [0], [0], null);
    for (let b = 0; b < k; b++) dist[a * k + b] = search.dist[terminals[b]!]!;
  }

  // Keep the sides some vehicle can serve; set aside whole required edges otherwise.
  const unservable: CarpUnservable[] = [];
  const bad = new Uint8Array(input.required.length);
  const orient = (s: { required: number; side: number }, o: number): { entry: number; exit: number; service: number } => {
    const req = input.required[s.required]!;
    const edge = input.edges[req.edge]!;
    const forward = o === 0;
    const allowed = s.side === 0 ? forward || edge.oneway !== true : s.side === 1 ? forward : !forward;
    const u = terminalOfNode[edge.from]!;
    const v = terminalOfNode[edge.to]!;
    return { entry: forward ? u : v, exit: forward ? v : u, service: allowed ? (req.serviceCost ?? edge.cost) : Infinity };
  };
  for (const s of sides) {
    if (bad[s.required]) continue;
    const req = input.required[s.required]!;
    let best = Infinity;
    for (let o = 0; o < 2; o++) {
      const t = orient(s, o);
      best = Math.min(best, dist[t.entry]! + t.service + dist[t.exit * k]!);
    }
    const demand = req.demand ?? 0;
    let reason: CarpUnservableReason | null = null;
    let message = '';
    if (best === Infinity) {
      reason = 'unreachable';
      message = `edge ${req.edge} cannot be reached from the depot and left back to it in an allowed direction`;
    } else if (demand > capacity) {
      reason = 'demand-exceeds-capacity';
      message = `edge ${req.edge} has demand ${formatFigure(demand)} above the vehicle capacity ${formatFigure(capacity)}`;
    } else if (best > maxRouteCost) {
      reason = 'route-limit-exceeded';
      message = `serving edge ${req.edge} alone costs ${formatFigure(best)}, above maxRouteCost ${formatFigure(maxRouteCost)}`;
    }
    if (reason !== null) {
      bad[s.required] = 1;
      unservable.push({ required: s.required, reason, message, ...(reason === 'route-limit-exceeded' ? { alone: best, limit: maxRouteCost } : {}) });
    }
  }
  unservable.sort((a, b) => a.required - b.required);
  const kept = sides.filter((s) => !bad[s.required]);
  const taskCount = kept.length;
  const taskRequired = new Int32Array(taskCount);
  const taskSide = new Uint8Array(taskCount);
  const taskEdge = new Int32Array(taskCount);
  const taskDemand = new Float64Array(taskCount);
  const entry = new Int32Array(2 * taskCount);
  const exit = new Int32Array(2 * taskCount);
  const service = new Float64Array(2 * taskCount);
  kept.forEach((s, t) => {
    const req = input.required[s.required]!;
    taskRequired[t] = s.required;
    taskSide[t] = s.side;
    taskEdge[t] = req.edge;
    taskDemand[t] = req.demand ?? 0;
    for (let o = 0; o < 2; o++) {
      const x = orient(s, o);
      // An orientation that cannot be reached or left counts as not allowed.
      const reachable = dist[x.entry]! < Infinity && dist[x.exit * k]! < Infinity;
      entry[2 * t + o] = x.entry;
      exit[2 * t + o] = x.exit;
      service[2 * t + o] = reachable ? x.service : Infinity;
    }
    if (service[2 * t + 1] === Infinity && s.side === 0) symmetric = false;
  });

  return {
    input, nodeCount: n, depot: input.depot, capacity, maxRouteCost, maxVehicles, csr,
    taskCount, taskRequired, taskSide, taskEdge, taskDemand, entry, exit, service,
    nodeOf: Int32Array.from(terminals), terminalCount: k, dist, symmetric, unservable,
  };
}
