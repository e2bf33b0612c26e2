/**
 * Many-to-many travel matrices and single paths between snapped places. Both use the same
 * search and the same partial-edge arithmetic, so a path's length and time are exactly the
 * matrix entries.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Feature, LineString, Position } from 'geojson';
import { InfeasibleError } from '../errors.js';
import { haversine } from '../graph/geodesy.js';
import type { CompiledGraph } from '../graph/compile.js';
import type { Snap, SnapResult } from '../graph/snap.js';
import type { RoadEdge, RoadNetwork } from '../graph/types.js';
import type { ProgressCallback } from '../util/progress.js';
import { ShortestPathSearch, targetTable, type TargetTable } from './dijkstra.js';
import { buildHierarchy, buildHierarchyOffThread, partCountOf, type ContractionHierarchy } from './ch.js';
import { bucketRows, fillBuckets, type Buckets } from './ch-query.js';
import { PathFinder } from './ch-path.js';

/** What a shortest path minimises: travel time or distance. */
export type Metric = 'time' | 'distance';

/**
 * How a matrix is computed: "dijkstra" runs one search over the whole graph per origin;
 * "hierarchy" builds a contraction hierarchy of the network once (kept with the network for
 * later matrices and paths) and answers from it; "auto" (default) takes the hierarchy when one is
 * already built or when the matrix is large enough that building one costs less than the searches.
 * All give the same matrix (equal costs; where two paths cost exactly the same, the other
 * measure can come from either).
 */
export type MatrixMethod = 'auto' | 'dijkstra' | 'hierarchy';

/** Options of `computeMatrix`. */
export interface MatrixOptions {
  /** What the paths minimise; default "time". Both distances and durations of those paths are returned. */
  metric?: Metric;
  /** Default "auto". */
  method?: MatrixMethod;
  onProgress?: ProgressCallback;
}

/** Row-major matrices: entry `[from * size + to]`. Unreachable entries are NaN and listed. */
export interface TravelMatrix {
  ids: string[];
  size: number;
  /** metres */
  distances: Float64Array;
  /** seconds */
  durations: Float64Array;
  /** [from, to] index pairs with no path, row-major order. */
  unreachable: Array<[number, number]>;
  metric: Metric;
}

interface EdgeCost {
  edge: RoadEdge;
  /** Primary and secondary weight of the whole edge. */
  w: number;
  w2: number;
}

function edgeCost(network: RoadNetwork, snap: Snap, metric: Metric): EdgeCost {
  const edge = network.edges[snap.edge];
  if (!edge) throw new RangeError(`snap for place "${snap.placeId}" refers to edge ${snap.edge}, which this network does not have`);
  return metric === 'time' ? { edge, w: edge.duration, w2: edge.length } : { edge, w: edge.length, w2: edge.duration };
}

function offRoad(snap: Snap, metric: Metric): [number, number] {
  return metric === 'time' ? [snap.offRoadDuration, snap.offRoadDistance] : [snap.offRoadDistance, snap.offRoadDuration];
}

interface Start {
  nodes: number[];
  cost: number[];
  cost2: number[];
}

/** Where a search may start from a snap: ahead along the edge, and back too if it is two-way. */
function startsOf(network: RoadNetwork, snap: Snap, metric: Metric): Start {
  const { edge, w, w2 } = edgeCost(network, snap, metric);
  const [o, o2] = offRoad(snap, metric);
  const f = snap.fraction;
  const start: Start = { nodes: [edge.to], cost: [o + (1 - f) * w], cost2: [o2 + (1 - f) * w2] };
  if (!edge.oneway || f === 0) {
    start.nodes.push(edge.from);
    start.cost.push(o + f * w);
    start.cost2.push(o2 + f * w2);
  }
  return start;
}

/** How a search reaches a snap: from the edge's start, and from its end too if two-way. */
function entriesOf(network: RoadNetwork, snap: Snap, target: number, metric: Metric): Array<{ node: number; target: number; cost: number; cost2: number }> {
  const { edge, w, w2 } = edgeCost(network, snap, metric);
  const [o, o2] = offRoad(snap, metric);
  const f = snap.fraction;
  const entries = [{ node: edge.from, target, cost: o + f * w, cost2: o2 + f * w2 }];
  if (!edge.oneway || f === 1) entries.push({ node: edge.to, target, cost: o + (1 - f) * w, cost2: o2 + (1 - f) * w2 });
  return entries;
}

/** Cost of driving along one edge from snap a to snap b without leaving it, if allowed. */
function direct(network: RoadNetwork, a: Snap, b: Snap, metric: Metric): [number, number] | undefined {
  if (a.edge !== b.edge) return undefined;
  const { edge, w, w2 } = edgeCost(network, a, metric);
  const delta = b.fraction - a.fraction;
  if (delta < 0 && edge.oneway) return undefined;
  const [oa, oa2] = offRoad(a, metric);
  const [ob, ob2] = offRoad(b, metric);
  return [oa + ob + Math.abs(delta) * w, oa2 + ob2 + Math.abs(delta) * w2];
}

/** A search minimising `metric` and carrying the other measure along. */
export function searchFor(network: Pick<RoadNetwork, 'csr'>, metric: Metric): ShortestPathSearch {
  const { csr } = network;
  return metric === 'time' ? new ShortestPathSearch(csr, csr.arcDuration, csr.arcLength) : new ShortestPathSearch(csr, csr.arcLength, csr.arcDuration);
}

/** Everything a row search needs, as flat arrays (shareable with worker threads). */
export interface MatrixPlan {
  metric: Metric;
  size: number;
  targets: TargetTable;
  /** Start nodes of origin i: `startNodes[startOffsets[i] .. startOffsets[i + 1] - 1]`. */
  startOffsets: Uint32Array;
  startNodes: Uint32Array;
  startCost: Float64Array;
  startCost2: Float64Array;
}

/**
 * Prepares the searches of a matrix: where each origin starts and how each destination is reached.
 *
 * @example
 * const plan = planMatrix(network, snaps, 'time');
 */
export function planMatrix(network: RoadNetwork, snaps: Snap[], metric: Metric): MatrixPlan {
  const size = snaps.length;
  const targets = targetTable(network.csr.nodeCount, size, snaps.flatMap((snap, j) => entriesOf(network, snap, j, metric)));
  const starts = snaps.map((snap) => startsOf(network, snap, metric));
  const startOffsets = new Uint32Array(size + 1);
  starts.forEach((start, i) => { startOffsets[i + 1] = startOffsets[i]! + start.nodes.length; });
  return {
    metric,
    size,
    targets,
    startOffsets,
    startNodes: Uint32Array.from(starts.flatMap((s) => s.nodes)),
    startCost: Float64Array.from(starts.flatMap((s) => s.cost)),
    startCost2: Float64Array.from(starts.flatMap((s) => s.cost2)),
  };
}

/**
 * Runs the searches of rows `first, first + step, …` and writes their raw results (Infinity where
 * unreached; no same-edge shortcuts yet) into `primary` and `secondary`.
 */
export function runMatrixRows(
  search: ShortestPathSearch,
  plan: MatrixPlan,
  primary: Float64Array,
  secondary: Float64Array,
  first = 0,
  step = 1,
  onRow?: () => void,
): void {
  const { size, startOffsets } = plan;
  for (let i = first; i < size; i += step) {
    const a = startOffsets[i]!;
    const b = startOffsets[i + 1]!;
    search.runFrom(plan.startNodes.subarray(a, b), plan.startCost.subarray(a, b), plan.startCost2.subarray(a, b), plan.targets);
    primary.set(search.best, i * size);
    secondary.set(search.best2, i * size);
    onRow?.();
  }
}

/** Same-edge trips, the diagonal, and unreachable pairs: the part every matrix run shares. */
function finishMatrix(network: RoadNetwork, snaps: Snap[], metric: Metric, primary: Float64Array, secondary: Float64Array): TravelMatrix {
  const size = snaps.length;
  const onEdge = new Map<number, number[]>();
  snaps.forEach((snap, j) => {
    const list = onEdge.get(snap.edge);
    if (list) list.push(j);
    else onEdge.set(snap.edge, [j]);
  });
  const unreachable: Array<[number, number]> = [];
  for (let i = 0; i < size; i++) {
    const snap = snaps[i]!;
    const row = i * size;
    for (const j of onEdge.get(snap.edge)!) {
      const d = direct(network, snap, snaps[j]!, metric);
      if (d && d[0] < primary[row + j]!) {
        primary[row + j] = d[0];
        secondary[row + j] = d[1];
      }
    }
    primary[row + i] = 0;
    secondary[row + i] = 0;
    for (let j = 0; j < size; j++) {
      if (primary[row + j] === Infinity) {
        primary[row + j] = Number.NaN;
        secondary[row + j] = Number.NaN;
        unreachable.push([i, j]);
      }
    }
  }
  const [distances, durations] = metric === 'time' ? [secondary, primary] : [primary, secondary];
  return { ids: snaps.map((snap) => snap.placeId), size, distances, durations, unreachable, metric };
}

/**
 * Distance and time between every pair of snapped places, from one search per origin. Paths
 * minimise `metric` and respect one-way roads from the snap points on.
 *
 * @example
 * const { snaps } = snapPlaces(network, places);
 * const m = computeMatrix(network, snaps, { metric: 'time' });
 * m.durations[i * m.size + j]; // seconds from place i to place j (NaN if unreachable)
 */
export function computeMatrix(network: RoadNetwork, snaps: Snap[], options: MatrixOptions = {}): TravelMatrix {
  const metric = options.metric ?? 'time';
  if (useHierarchy(network, snaps.length, metric, options.method)) return hierarchyMatrix(network, snaps, metric, options.onProgress);
  const size = snaps.length;
  const plan = planMatrix(network, snaps, metric);
  const primary = new Float64Array(size * size);
  const secondary = new Float64Array(size * size);
  const search = searchFor(network, metric);
  search.trackParents = false;
  const report = options.onProgress;
  const every = Math.max(1, Math.floor(size / 100));
  let done = 0;
  report?.({ step: 'matrix', done: 0, total: size });
  runMatrixRows(search, plan, primary, secondary, 0, 1, report ? () => { if (++done % every === 0) report({ step: 'matrix', done, total: size }); } : undefined);
  report?.({ step: 'matrix', done: size, total: size });
  return finishMatrix(network, snaps, metric, primary, secondary);
}

/**
 * Origins above which "auto" builds a hierarchy for a matrix: building one costs about as much as
 * this many whole-graph searches (measured on the 500,000-edge grid and the OSM extracts, see
 * benchmarks/scale/README.md).
 */
export const HIERARCHY_MIN_ORIGINS = 200;

const hierarchies = new WeakMap<RoadNetwork, Partial<Record<Metric, ContractionHierarchy>>>();

/** Hands a network a hierarchy built before (a prepared road network carries one). */
export function adoptHierarchy(network: RoadNetwork, metric: Metric, ch: ContractionHierarchy): void {
  let byMetric = hierarchies.get(network);
  if (!byMetric) hierarchies.set(network, (byMetric = {}));
  byMetric[metric] = ch;
}

function cachedHierarchy(network: RoadNetwork, metric: Metric): ContractionHierarchy | undefined {
  return hierarchies.get(network)?.[metric];
}

/**
 * The contraction hierarchy of a network for one metric, built on first use and kept with the
 * network (matrices and paths on the same network then share it).
 *
 * @example
 * const ch = hierarchyFor(network, 'time');
 * ch.buildMs; ch.shortcuts;
 */
export function hierarchyFor(network: RoadNetwork, metric: Metric, onProgress?: ProgressCallback): ContractionHierarchy {
  let byMetric = hierarchies.get(network);
  if (!byMetric) hierarchies.set(network, (byMetric = {}));
  const { csr } = network;
  return (byMetric[metric] ??= metric === 'time'
    ? buildHierarchy(csr, csr.arcDuration, csr.arcLength, onProgress ? { onProgress } : {})
    : buildHierarchy(csr, csr.arcLength, csr.arcDuration, onProgress ? { onProgress } : {}));
}

/**
 * `hierarchyFor` with a partitioned build on worker threads, its parts on `threads` of them
 * (ch.ts, `buildHierarchyOffThread`): the same hierarchy as `hierarchyFor` builds, sooner. In
 * this thread when the graph is too small to be cut into parts, or when run from TypeScript
 * sources (the worker is the compiled `ch-part-worker.js`).
 *
 * @example
 * const ch = await hierarchyOnThreads(network, 'time', 2);
 */
export async function hierarchyOnThreads(network: RoadNetwork, metric: Metric, threads: number, onProgress?: ProgressCallback): Promise<ContractionHierarchy> {
  const built = cachedHierarchy(network, metric);
  if (built) return built;
  const workerUrl = new URL('./ch-part-worker.js', import.meta.url);
  const { csr } = network;
  if (threads <= 1 || partCountOf(csr, {}) <= 1 || !existsSync(fileURLToPath(workerUrl))) return hierarchyFor(network, metric, onProgress);
  const [weight, weight2] = metric === 'time' ? [csr.arcDuration, csr.arcLength] : [csr.arcLength, csr.arcDuration];
  const ch = await buildHierarchyOffThread(csr, weight, weight2, { threads, workerUrl, ...(onProgress ? { onProgress } : {}) });
  adoptHierarchy(network, metric, ch);
  return ch;
}

function useHierarchy(network: RoadNetwork, origins: number, metric: Metric, method: MatrixMethod | undefined): boolean {
  if (method === 'dijkstra') return false;
  if (method === 'hierarchy' || cachedHierarchy(network, metric)) return true;
  return origins >= HIERARCHY_MIN_ORIGINS;
}

function hierarchyMatrix(network: RoadNetwork, snaps: Snap[], metric: Metric, report: ProgressCallback | undefined): TravelMatrix {
  const size = snaps.length;
  const ch = hierarchyFor(network, metric, report);
  const plan = planMatrix(network, snaps, metric);
  report?.({ step: 'matrix', done: 0, total: size });
  const buckets = fillBuckets(ch, plan.targets);
  const primary = new Float64Array(size * size);
  const secondary = new Float64Array(size * size);
  const every = Math.max(1, Math.floor(size / 100));
  let done = 0;
  bucketRows(ch, buckets, plan, primary, secondary, 0, 1, report ? () => { if (++done % every === 0) report({ step: 'matrix', done, total: size }); } : undefined);
  report?.({ step: 'matrix', done: size, total: size });
  return finishMatrix(network, snaps, metric, primary, secondary);
}

/** The hierarchy's arrays moved into shared memory (once per hierarchy) for worker threads. */
const sharedHierarchies = new WeakSet<ContractionHierarchy>();

function shareHierarchy(ch: ContractionHierarchy): ContractionHierarchy {
  if (sharedHierarchies.has(ch)) return ch;
  const fields = ['upOffsets', 'upHead', 'upWeight', 'upWeight2', 'upEdge', 'downOffsets', 'downHead', 'downWeight', 'downWeight2', 'downEdge', 'core'] as const;
  const target = ch as unknown as Record<string, Uint32Array | Float64Array | Uint8Array>;
  for (const field of fields) target[field] = shared(target[field]!);
  sharedHierarchies.add(ch);
  return ch;
}

async function hierarchyMatrixParallel(network: RoadNetwork, snaps: Snap[], metric: Metric, threads: number, workerUrl: URL, report: ProgressCallback | undefined): Promise<TravelMatrix> {
  const size = snaps.length;
  const ch = shareHierarchy(await hierarchyOnThreads(network, metric, threads, report));
  const plan = planMatrix(network, snaps, metric);
  report?.({ step: 'matrix', done: 0, total: size });
  const filled = fillBuckets(ch, plan.targets);
  const buckets = Object.fromEntries(Object.entries(filled).map(([key, array]) => [key, shared(array)])) as unknown as Buckets;
  const starts = { size, startOffsets: shared(plan.startOffsets), startNodes: shared(plan.startNodes), startCost: shared(plan.startCost), startCost2: shared(plan.startCost2) };
  const primary = new Float64Array(new SharedArrayBuffer(size * size * 8));
  const secondary = new Float64Array(new SharedArrayBuffer(size * size * 8));
  // Workers get only the arrays the forward searches read.
  const { edgeFirst: _first, edgeSecond: _second, edgeTail: _tail, edgeHead: _head, rank: _rank, ...searchable } = ch;
  await runRowWorkers(workerUrl, threads, size, report, (first) => ({ ch: searchable, buckets, starts, primary, secondary, first, step: threads }));
  return finishMatrix(network, snaps, metric, primary, secondary);
}

/** Options of `computeMatrixParallel`. */
export interface ParallelMatrixOptions extends MatrixOptions {
  /** Worker threads; default `os.availableParallelism()`. 1 runs in this thread. */
  threads?: number;
  /** Below this many (origins × graph nodes) the matrix runs in this thread, as starting
   *  workers would cost more than they save; default 20,000,000 (0 always uses workers). */
  minWork?: number;
}

const sharedGraphs = new WeakMap<RoadNetwork, CompiledGraph>();

function shared<T extends Uint32Array | Int32Array | Uint8Array | Float64Array>(array: T): T {
  // Built in shared memory already (the hierarchy's arrays, a prepared file read into it).
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Constructor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Constructor(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/**
 * `computeMatrix` with the rows spread over worker threads (same results, bit for bit). Falls
 * back to this thread for small jobs (`minWork`), one thread, or when run from TypeScript
 * sources (the worker is the compiled `worker.js`).
 *
 * @example
 * const m = await computeMatrixParallel(network, snaps, { threads: 2 });
 */
export async function computeMatrixParallel(network: RoadNetwork, snaps: Snap[], options: ParallelMatrixOptions = {}): Promise<TravelMatrix> {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), snaps.length >> 4));
  if (useHierarchy(network, snaps.length, options.metric ?? 'time', options.method)) {
    const chWorker = new URL('./ch-worker.js', import.meta.url);
    if (threads <= 1 || !existsSync(fileURLToPath(chWorker))) return computeMatrix(network, snaps, options);
    return hierarchyMatrixParallel(network, snaps, options.metric ?? 'time', threads, chWorker, options.onProgress);
  }
  const workerUrl = new URL('./worker.js', import.meta.url);
  const small = snaps.length * network.csr.nodeCount < (options.minWork ?? 20_000_000);
  if (threads <= 1 || small || !existsSync(fileURLToPath(workerUrl))) return computeMatrix(network, snaps, options);
  const metric = options.metric ?? 'time';
  const size = snaps.length;
  const plan = planMatrix(network, snaps, metric);
  let csr = sharedGraphs.get(network);
  if (!csr) {
    const c = network.csr;
    csr = { ...c, offsets: shared(c.offsets), targets: shared(c.targets), arcEdge: shared(c.arcEdge), arcForward: shared(c.arcForward), arcLength: shared(c.arcLength), arcDuration: shared(c.arcDuration) };
    sharedGraphs.set(network, csr);
  }
  const sharedPlan: MatrixPlan = {
    ...plan,
    targets: { ...plan.targets, offsets: shared(plan.targets.offsets), entryTarget: shared(plan.targets.entryTarget), entryCost: shared(plan.targets.entryCost), entryCost2: shared(plan.targets.entryCost2) },
    startOffsets: shared(plan.startOffsets),
    startNodes: shared(plan.startNodes),
    startCost: shared(plan.startCost),
    startCost2: shared(plan.startCost2),
  };
  const primary = new Float64Array(new SharedArrayBuffer(size * size * 8));
  const secondary = new Float64Array(new SharedArrayBuffer(size * size * 8));
  const report = options.onProgress;
  report?.({ step: 'matrix', done: 0, total: size });
  await runRowWorkers(workerUrl, threads, size, report, (first) => ({ csr, plan: sharedPlan, primary, secondary, first, step: threads }));
  return finishMatrix(network, snaps, metric, primary, secondary);
}

/** Properties of a path feature. */
export interface PathProperties {
  from: string;
  to: string;
  /** metres */
  distance: number;
  /** seconds */
  duration: number;
  /** Edge indices driven through, in order (not counting the edges of the two snaps). */
  edges: number[];
}

/**
 * The best path between two snapped places as a LineString along the road geometry, from the
 * first snap point to the second. Its `distance` and `duration` equal the matrix entries.
 * Throws `InfeasibleError` when the second place cannot be reached from the first.
 *
 * @example
 * const path = findPath(network, snaps[0], snaps[1], { metric: 'time' });
 * path.properties.duration; // seconds, same as matrix.durations[0 * size + 1]
 */
export function findPath(network: RoadNetwork, from: Snap, to: Snap, options: { metric?: Metric; method?: MatrixMethod } = {}): Feature<LineString, PathProperties> {
  const metric = options.metric ?? 'time';
  const start = startsOf(network, from, metric);
  const entries = entriesOf(network, to, 0, metric);
  // A hierarchy already built for this network (by a matrix) answers paths in far less time
  // than a search over the whole graph, and gives the same paths as its matrix.
  const ch = options.method === 'dijkstra' ? undefined : options.method === 'hierarchy' ? hierarchyFor(network, metric) : cachedHierarchy(network, metric);
  const found = ch ? pathByHierarchy(ch, start, entries) : pathByDijkstra(network, metric, from, to, start, entries);
  let cost = found ? found.cost : Infinity;
  let cost2 = found ? found.cost2 : Infinity;
  const directCost = from === to || (from.edge === to.edge && from.fraction === to.fraction && from.offRoadDistance === 0 && to.offRoadDistance === 0) ? ([0, 0] as [number, number]) : direct(network, from, to, metric);
  let coordinates: Position[];
  const edges: number[] = [];
  if (directCost && directCost[0] <= cost) {
    cost = directCost[0];
    cost2 = directCost[1];
    coordinates = sliceEdge(network.edges[from.edge]!, from.offset, to.offset);
  } else if (!found) {
    throw new InfeasibleError(`no path from "${from.placeId}" to "${to.placeId}" (one-way roads or a disconnected network)`, 'check the one-way tags near both places, or keep only the largest strongly connected component');
  } else {
    const { csr } = network;
    const fromEdge = network.edges[from.edge]!;
    const toEdge = network.edges[to.edge]!;
    coordinates = sliceEdge(fromEdge, from.offset, found.startsForward ? fromEdge.length : 0);
    for (const a of found.arcs) {
      const e = csr.arcEdge[a]!;
      edges.push(e);
      const c = network.edges[e]!.coordinates;
      append(coordinates, csr.arcForward[a] ? c : [...c].reverse());
    }
    append(coordinates, sliceEdge(toEdge, found.entersFromStart ? 0 : toEdge.length, to.offset));
  }
  if (coordinates.length === 1) coordinates.push([...coordinates[0]!]);
  const [distance, duration] = metric === 'time' ? [cost2, cost] : [cost, cost2];
  return {
    type: 'Feature',
    properties: { from: from.placeId, to: to.placeId, distance, duration, edges },
    geometry: { type: 'LineString', coordinates },
  };
}

/** A best path between two snaps: its costs, road arcs, and how it leaves the first snap's edge and enters the second's. */
interface FoundPath {
  cost: number;
  cost2: number;
  arcs: number[];
  /** Leaves the first snap towards its edge's end (`to`). */
  startsForward: boolean;
  /** Enters the second snap's edge from its start (`from`). */
  entersFromStart: boolean;
}

type Entry = { node: number; target: number; cost: number; cost2: number };

function pathByDijkstra(network: RoadNetwork, metric: Metric, from: Snap, to: Snap, start: Start, entries: Entry[]): FoundPath | undefined {
  const search = searchFor(network, metric);
  const table: TargetTable = targetTable(network.csr.nodeCount, 1, entries);
  search.runFrom(start.nodes, start.cost, start.cost2, table);
  if (search.bestEntry[0] === -1) return undefined;
  const entry = search.bestEntry[0]!;
  let node = -1;
  for (const candidate of entries) if (entry >= table.offsets[candidate.node]! && entry < table.offsets[candidate.node + 1]!) { node = candidate.node; break; }
  const arcs = search.arcsTo(node);
  const { csr } = network;
  // The node the search started from fixes which way the first partial edge is driven.
  let root = node;
  if (arcs.length > 0) {
    const firstArc = arcs[0]!;
    const firstEdge = network.edges[csr.arcEdge[firstArc]!]!;
    root = csr.arcForward[firstArc] ? firstEdge.from : firstEdge.to;
  }
  const fromEdge = network.edges[from.edge]!;
  const toEdge = network.edges[to.edge]!;
  // On a loop edge both ends are the same node; the search kept the cheaper start.
  const startsForward = root === fromEdge.to && (fromEdge.from !== fromEdge.to || start.cost[1] === undefined || start.cost[0]! <= start.cost[1]);
  // Entries of one snap were added start-of-edge first, so on a loop edge the slot tells which.
  const entersFromStart = node === toEdge.from && (toEdge.from !== toEdge.to || entry === table.offsets[node]);
  return { cost: search.best[0]!, cost2: search.best2[0]!, arcs, startsForward, entersFromStart };
}

const pathFinders = new WeakMap<ContractionHierarchy, PathFinder>();

function pathByHierarchy(ch: ContractionHierarchy, start: Start, entries: Entry[]): FoundPath | undefined {
  let finder = pathFinders.get(ch);
  if (!finder) pathFinders.set(ch, (finder = new PathFinder(ch)));
  const path = finder.path(
    start.nodes, start.cost, start.cost2,
    entries.map((e) => e.node), entries.map((e) => e.cost), entries.map((e) => e.cost2),
  );
  if (!path) return undefined;
  // Slot 0 of a start is the edge's end (driving forward), slot 0 of an entry the edge's start.
  return { cost: path.cost, cost2: path.cost2, arcs: path.arcs, startsForward: path.startSlot === 0, entersFromStart: path.targetSlot === 0 };
}

function append(target: Position[], part: Position[]): void {
  for (let i = 0; i < part.length; i++) {
    const last = target[target.length - 1];
    const p = part[i]!;
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    target.push(p);
  }
}

/**
 * The part of an edge's geometry between two offsets (metres from its start), in travel order:
 * reversed when `toOffset < fromOffset`.
 *
 * @example
 * sliceEdge(network.edges[snap.edge], snap.offset, network.edges[snap.edge].length);
 */
export function sliceEdge(edge: RoadEdge, fromOffset: number, toOffset: number): Position[] {
  if (toOffset < fromOffset) return sliceEdge(edge, toOffset, fromOffset).reverse();
  const c = edge.coordinates;
  const out: Position[] = [];
  let travelled = 0;
  for (let i = 0; i + 1 < c.length; i++) {
    const a = c[i]!;
    const b = c[i + 1]!;
    const length = haversine(a[0]!, a[1]!, b[0]!, b[1]!);
    const segEnd = travelled + length;
    const at = (offset: number): Position => {
      const t = length > 0 ? Math.min(1, Math.max(0, (offset - travelled) / length)) : 0;
      return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
    };
    if (out.length === 0 && fromOffset <= segEnd) out.push(at(fromOffset));
    if (out.length > 0) {
      if (toOffset <= segEnd) {
        const end = at(toOffset);
        const last = out[out.length - 1]!;
        if (end[0] !== last[0] || end[1] !== last[1]) out.push(end);
        return out;
      }
      out.push([b[0]!, b[1]!]);
    }
    travelled = segEnd;
  }
  if (out.length === 0) out.push([...c[c.length - 1]!]);
  return out;
}

/** JSON-ready matrix: nested arrays, null for unreachable, rounded to 0.1 m / 0.1 s. */
export interface MatrixJson {
  ids: string[];
  distances: Array<Array<number | null>>;
  durations: Array<Array<number | null>>;
  snaps: Array<{ id: string; lon: number; lat: number; snapDistance: number; edge: number; offset: number }>;
  unreachable: Array<{ from: string; to: string }>;
  rejected: Array<{ id: string; reason: string; distance: number | null; message: string }>;
}

/**
 * Turns a `TravelMatrix` (and the snapping it came from) into plain JSON with a stable key
 * order; row = from, column = to.
 *
 * @example
 * writeFileSync('m.json', JSON.stringify(matrixToJson(matrix, snapResult)));
 */
export function matrixToJson(matrix: TravelMatrix, snapping?: SnapResult): MatrixJson {
  const n = matrix.size;
  const nested = (values: Float64Array): Array<Array<number | null>> =>
    Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * n, i * n + n), (v) => (Number.isNaN(v) ? null : Math.round(v * 10) / 10)));
  return {
    ids: [...matrix.ids],
    distances: nested(matrix.distances),
    durations: nested(matrix.durations),
    snaps: (snapping?.snaps ?? []).map((s) => ({ id: s.placeId, lon: s.lon, lat: s.lat, snapDistance: Math.round(s.distance * 10) / 10, edge: s.edge, offset: Math.round(s.offset * 10) / 10 })),
    unreachable: matrix.unreachable.map(([i, j]) => ({ from: matrix.ids[i]!, to: matrix.ids[j]! })),
    rejected: (snapping?.rejected ?? []).map((r) => ({ id: r.placeId, reason: r.reason, distance: Number.isNaN(r.distance) ? null : Math.round(r.distance * 10) / 10, message: r.message })),
  };
}

/**
 * The matrix as CSV in long form: one line per ordered pair, `from,to,distance_m,duration_s`,
 * empty cells for unreachable pairs.
 *
 * @example
 * writeFileSync('m.csv', matrixToCsv(matrix));
 */
export function matrixToCsv(matrix: TravelMatrix): string {
  const n = matrix.size;
  const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const cell = (v: number): string => (Number.isNaN(v) ? '' : String(Math.round(v * 10) / 10));
  const lines = ['from,to,distance_m,duration_s'];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      lines.push(`${quote(matrix.ids[i]!)},${quote(matrix.ids[j]!)},${cell(matrix.distances[i * n + j]!)},${cell(matrix.durations[i * n + j]!)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `threads` matrix workers, worker k taking rows k, k + threads, …; each posts how many rows
 * it finished, and progress is reported at every hundredth of the `size` rows.
 */
function runRowWorkers(
  workerUrl: URL, threads: number, size: number, report: ProgressCallback | undefined, workerData: (first: number) => unknown,
): Promise<void> {
  let done = 0;
  let lastReported = 0;
  return Promise.all(
    Array.from({ length: threads }, (_, first) =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerUrl, { workerData: workerData(first) });
        worker.on('message', (rows: number) => {
          done += rows;
          if (report && (done - lastReported >= size / 100 || done === size)) {
            lastReported = done;
            report({ step: 'matrix', done, total: size });
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`matrix worker stopped with exit code ${code}`))));
      }),
    ),
  ).then(() => undefined);
}
