/**
 * Contraction hierarchies (Geisberger et al. 2008) over the compiled road graph: nodes are
 * contracted one by one, least important first, adding a shortcut u → w for every path
 * u → v → w that is the only shortest one; afterwards every shortest path is an "up then down"
 * path in the hierarchy, so a search only ever climbs. Matrices use the bucket many-to-many
 * query (Knopp et al. 2007) on it; single paths unpack their shortcuts back into road arcs.
 *
 * Each hierarchy edge carries both weights: the one minimised (time or distance) and the other
 * one summed along the same arcs, so a matrix gives the distance of the quickest path as plain
 * Dijkstra does, and the unpacked path has exactly that length.
 */
import { Worker } from 'node:worker_threads';
import type { CompiledGraph } from '../graph/compile.js';
import type { ProgressCallback } from '../util/progress.js';
import { Contraction, DynamicGraph, IndexedHeap, progressEvery, type ContractionSettings } from './ch-contract.js';
import { assemble, contractPart, partInputs, partitionNodes, type PartInput, type PartResult } from './ch-partition.js';

/** A built hierarchy. Node numbers are those of the compiled graph. */
export interface ContractionHierarchy {
  nodeCount: number;
  /** Position of each node in the contraction order (0 = contracted first, least important). */
  rank: Uint32Array;
  /** 1 for the nodes left uncontracted (the core, on top): their lists hold all their remaining
   *  edges, so searches inside the core are plain Dijkstra. */
  core: Uint8Array;
  coreSize: number;
  /** Upward arcs out of v (v → u, rank u > rank v): `upHead[upOffsets[v] .. upOffsets[v + 1] - 1]`. */
  upOffsets: Uint32Array;
  upHead: Uint32Array;
  upWeight: Float64Array;
  upWeight2: Float64Array;
  upEdge: Uint32Array;
  /** Upward arcs into v (u → v, rank u > rank v), listed at v with u as head: the backward search's arcs. */
  downOffsets: Uint32Array;
  downHead: Uint32Array;
  downWeight: Float64Array;
  downWeight2: Float64Array;
  downEdge: Uint32Array;
  /** Per hierarchy edge: `edgeFirst[e] < 0` for a road arc (`-edgeFirst[e] - 1`), else the two halves of the shortcut. */
  edgeFirst: Int32Array;
  edgeSecond: Int32Array;
  /** Tail and head node of each hierarchy edge. */
  edgeTail: Uint32Array;
  edgeHead: Uint32Array;
  /** Shortcuts added (edges beyond the road arcs kept). */
  shortcuts: number;
  /** Milliseconds spent building. */
  buildMs: number;
}

/** Options of building a contraction hierarchy. */
export interface HierarchyOptions {
  /** Settled nodes after which a witness search gives up (a shortcut is then added, which is always safe); default 50. */
  witnessLimit?: number;
  /** Settled nodes for the witness searches that estimate a node's priority; default 10. */
  simulateLimit?: number;
  /** "degree" (default): in-degree × out-degree less the edges removed (minimum-degree order),
   *  cheap to keep up to date; "simulated": from simulated contractions (shortcuts added per edge
   *  removed, depth), a few per cent fewer shortcuts for three times the build time on the grid. */
  ordering?: 'simulated' | 'degree';
  /** Leave this fraction of the nodes uncontracted, a core searched by plain Dijkstra: the last
   *  contractions are the costliest (dense, and witness searches there rarely succeed); default
   *  0.05 (a 3 % core on the 500k-edge grid made queries cheaper but the build on 2 threads
   *  6.2 s instead of 5.1 s on a quiet machine, 10.8 s of CPU instead of 8.8 s). */
  coreFraction?: number;
  /** Smallest core, in nodes; default 0. */
  minCore?: number;
  /** Parts contracted independently before the rest (ch-partition.ts), each on its own thread in
   *  `buildHierarchyOnThreads`; default one per `PART_NODES` nodes, at most 8 (1: no parts). It
   *  depends on the graph, never on the threads, so every thread count builds the same hierarchy. */
  parts?: number;
  /** Fraction of each part's interior left for the build on the whole graph; default `coreFraction`
   *  (the parts then contract about what a single build would: the build on the whole graph is
   *  left the cuts between the parts, cheap; leaving more costs more than it saves in shortcuts). */
  partKeep?: number;
  onProgress?: ProgressCallback;
}

/** Nodes per part of a partitioned build (below twice this, no parts): on the 500,000-edge grid two parts halve the build's wall time on two threads. */
export const PART_NODES = 100_000;

/** The build up to the parts: the road arcs in the graph being contracted, and each part's input. */
interface BuildStart {
  started: number;
  g: DynamicGraph;
  roadEdges: number;
  settings: ContractionSettings;
  parts: PartInput[];
  coreFraction: number;
}

/** Parts of a partitioned build of this graph (1: not partitioned). */
export function partCountOf(csr: CompiledGraph, options: HierarchyOptions): number {
  return Math.max(1, Math.min(8, options.parts ?? Math.floor(csr.nodeCount / PART_NODES)));
}

function settingsOf(options: HierarchyOptions): ContractionSettings {
  return {
    witnessLimit: options.witnessLimit ?? 50,
    simulateLimit: options.simulateLimit ?? 10,
    degreeMode: options.ordering !== 'simulated',
  };
}

function startBuild(csr: CompiledGraph, weight: Float64Array, weight2: Float64Array, options: HierarchyOptions): BuildStart {
  const started = performance.now();
  const n = csr.nodeCount;
  const outDegree = new Uint32Array(n);
  const inDegree = new Uint32Array(n);
  for (let v = 0; v < n; v++) outDegree[v] = csr.offsets[v + 1]! - csr.offsets[v]!;
  for (let a = 0; a < csr.arcCount; a++) inDegree[csr.targets[a]!]! += 1;
  const partCount = partCountOf(csr, options);
  const partitioned = partCount > 1;
  // A partitioned build assembles every part's shortcuts in these arrays (ch-partition.ts), about
  // twice the road arcs on a road grid: room for them now spares a copy of it all later. It also
  // lays the adjacency out afresh then, so the road arcs go in no lists here.
  const noLists = { out: () => 0, in: () => 0, slack: 0 };
  const g = new DynamicGraph(n, outDegree, inDegree, csr.arcCount * (partitioned ? 4 : 2), partitioned ? noLists : undefined);
  // Road arcs; self-loops never shorten a path, and parallel arcs keep the cheapest (the first
  // of equals, as Dijkstra takes the first of equal arcs), numbered where the first of them is.
  for (let v = 0; v < n; v++) {
    const begin = csr.offsets[v]!;
    const end = csr.offsets[v + 1]!;
    for (let a = begin; a < end; a++) {
      const w = csr.targets[a]!;
      if (w === v || !(weight[a]! < Infinity)) continue;
      let earlier = false;
      for (let b = begin; b < a && !earlier; b++) earlier = csr.targets[b] === w && weight[b]! < Infinity;
      if (earlier) continue;
      let best = a;
      for (let b = a + 1; b < end; b++) if (csr.targets[b] === w && weight[b]! < weight[best]!) best = b;
      g.addTo(v, w, weight[best]!, weight2[best]!, -best - 1, -1, 1, !partitioned, !partitioned);
    }
  }
  const settings = settingsOf(options);
  const coreFraction = options.coreFraction ?? 0.05;
  const parts = partitioned ? partInputs(g, g.count, partitionNodes(csr, partCount), partCount, options.partKeep ?? coreFraction) : [];
  return { started, g, roadEdges: g.count, settings, parts, coreFraction };
}

/** The parts replayed in order, the rest contracted on the whole graph down to the core, and the hierarchy's arrays. */
function finishBuild(build: BuildStart, results: PartResult[], options: HierarchyOptions): ContractionHierarchy {
  const { parts } = build;
  const n = build.g.out.start.length;
  const report = options.onProgress;
  const rank = new Uint32Array(n);
  let g = build.g;
  let contracted: Uint32Array = new Uint32Array(0);
  if (parts.length > 0) ({ g, order: contracted } = assemble(build.g, build.roadEdges, parts, results, rank));
  const contraction = new Contraction(g, build.settings);
  // The parts' nodes are out of their neighbours' lists already; this keeps the neighbours' depth and deleted counts.
  for (let i = 0; i < contracted.length; i++) contraction.remove(contracted[i]!, true);
  let order = contracted.length;
  report?.({ step: 'hierarchy', done: order, total: n });
  const queue = new IndexedHeap(n);
  for (let v = 0; v < n; v++) if (!contraction.contracted[v]) queue.push(v, contraction.priorityOf(v));
  const coreSize = Math.min(queue.size, Math.max(options.minCore ?? 0, Math.round(n * build.coreFraction)));
  const progress = progressEvery(n, report);
  contraction.run(queue, coreSize, (v) => {
    rank[v] = order++;
    progress(order);
  });
  // The core: nodes left uncontracted, on top of the order, joined by the remaining edges.
  const core = new Uint8Array(n);
  while (queue.size > 0) {
    const v = queue.pop();
    core[v] = 1;
    rank[v] = order++;
  }
  report?.({ step: 'hierarchy', done: n, total: n });

  // What is left in each node's lists are its edges to nodes contracted later: the upward graph.
  const up = g.toCsr(g.out);
  const down = g.toCsr(g.in);
  return {
    nodeCount: n,
    rank,
    core,
    coreSize,
    upOffsets: up.offsets,
    upHead: up.heads,
    upWeight: up.weights,
    upWeight2: up.weights2,
    upEdge: up.edges,
    downOffsets: down.offsets,
    downHead: down.heads,
    downWeight: down.weights,
    downWeight2: down.weights2,
    downEdge: down.edges,
    edgeFirst: g.first.slice(0, g.count),
    edgeSecond: g.second.slice(0, g.count),
    edgeTail: g.tail.slice(0, g.count),
    edgeHead: g.head.slice(0, g.count),
    shortcuts: g.count - build.roadEdges,
    buildMs: Math.round((performance.now() - build.started) * 10) / 10,
  };
}

/**
 * Builds a contraction hierarchy minimising `weight` and carrying `weight2` along, in this thread.
 *
 * @example
 * const ch = buildHierarchy(network.csr, network.csr.arcDuration, network.csr.arcLength);
 * ch.shortcuts; // shortcuts added
 */
export function buildHierarchy(csr: CompiledGraph, weight: Float64Array, weight2: Float64Array, options: HierarchyOptions = {}): ContractionHierarchy {
  const build = startBuild(csr, weight, weight2, options);
  options.onProgress?.({ step: 'hierarchy', done: 0, total: csr.nodeCount });
  const results = build.parts.map((part) => contractPart(part, build.settings));
  return finishBuild(build, results, options);
}

/** Options of `buildHierarchyOnThreads`. */
export interface ThreadedHierarchyOptions extends HierarchyOptions {
  /** Threads, this one included; the parts are dealt out to them in turn. */
  threads: number;
  /** The compiled part worker (`ch-part-worker.js`). */
  workerUrl: URL;
}

/**
 * `buildHierarchy` with the parts contracted on worker threads and this one: the same
 * hierarchy, bit for bit, for any number of threads.
 *
 * @example
 * const ch = await buildHierarchyOnThreads(csr, csr.arcDuration, csr.arcLength, { threads: 2, workerUrl });
 */
export async function buildHierarchyOnThreads(csr: CompiledGraph, weight: Float64Array, weight2: Float64Array, options: ThreadedHierarchyOptions): Promise<ContractionHierarchy> {
  const partCount = partCountOf(csr, options);
  const threads = Math.max(1, Math.min(options.threads, partCount));
  const settings = settingsOf(options);
  // Worker k (1 … threads - 1) takes parts k, k + threads, …; this thread takes the others. The
  // workers start (load their modules) while this thread cuts the graph into parts.
  const workers = Array.from({ length: threads - 1 }, () => startPartWorker(options.workerUrl, settings));
  const build = startBuild(csr, weight, weight2, options);
  options.onProgress?.({ step: 'hierarchy', done: 0, total: csr.nodeCount });
  const results: PartResult[] = new Array(build.parts.length);
  const running = workers.map((worker, k) => {
    const mine = build.parts.map((_, p) => p).filter((p) => p % threads === k + 1);
    return worker(mine.map((p) => build.parts[p]!)).then((done) => {
      mine.forEach((p, i) => { results[p] = done[i]!; });
    });
  });
  // Keep this thread's rejection-free while it works: a failed worker is reported after.
  const settled = Promise.allSettled(running);
  for (let p = 0; p < build.parts.length; p += threads) results[p] = contractPart(build.parts[p]!, build.settings);
  for (const outcome of await settled) if (outcome.status === 'rejected') throw outcome.reason;
  return finishBuild(build, results, options);
}

/** A part worker, started now; given its parts, it contracts them and resolves with what each did. */
function startPartWorker(workerUrl: URL, settings: ContractionSettings): (parts: PartInput[]) => Promise<PartResult[]> {
  const worker = new Worker(workerUrl, { workerData: { role: 'parts', settings } satisfies WorkerInput });
  const outcome = new Promise<PartResult[]>((resolve, reject) => {
    let results: PartResult[] | undefined;
    worker.once('message', (message: PartResult[]) => { results = message; });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 && results ? resolve(results) : reject(new Error(`hierarchy worker stopped with exit code ${code}`))));
  });
  // Not yet awaited while this thread cuts the graph: a worker that fails early is reported when its parts are sent.
  outcome.catch(() => {});
  return (parts) => {
    worker.postMessage(parts);
    return outcome;
  };
}

/** What ch-part-worker.ts is given: parts to contract (sent to it after it starts), or the whole build. */
export type WorkerInput =
  | { role: 'parts'; settings: ContractionSettings }
  | { role: 'build'; csr: CompiledGraph; weight: Float64Array; weight2: Float64Array; options: Omit<ThreadedHierarchyOptions, 'onProgress'> };

/**
 * `buildHierarchyOnThreads` with none of the build in this thread: a worker builds it, its
 * parts on further workers, and hands the hierarchy over without copying its large arrays.
 * The same hierarchy, bit for bit. Why: the build allocates about 0.6 GB of arrays, and each
 * time a thread's new arrays pass V8's external-memory limit it collects that thread's whole
 * heap; after reading the roads that heap holds 0.3 GB (the 500k-edge grid), marked three or
 * four times during a build in the calling thread (about 1.5 s of CPU on helper threads,
 * competing with the build for two cores), where a worker's heap is a few megabytes.
 *
 * @example
 * const ch = await buildHierarchyOffThread(csr, csr.arcDuration, csr.arcLength, { threads: 2, workerUrl });
 */
export function buildHierarchyOffThread(csr: CompiledGraph, weight: Float64Array, weight2: Float64Array, options: ThreadedHierarchyOptions): Promise<ContractionHierarchy> {
  const started = performance.now();
  const { onProgress, ...rest } = options;
  // Only the arrays the build reads are copied to the worker.
  const graph = { nodeCount: csr.nodeCount, arcCount: csr.arcCount, offsets: csr.offsets, targets: csr.targets } as CompiledGraph;
  const input: WorkerInput = { role: 'build', csr: graph, weight, weight2, options: rest };
  return new Promise((resolve, reject) => {
    const worker = new Worker(options.workerUrl, { workerData: input });
    let built: ContractionHierarchy | undefined;
    worker.on('message', (message: BuildMessage) => {
      if (message.progress) onProgress?.(message.progress);
      if (message.hierarchy) built = message.hierarchy;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code === 0 && built) resolve({ ...built, buildMs: Math.round((performance.now() - started) * 10) / 10 });
      else reject(new Error(`hierarchy worker stopped with exit code ${code}`));
    });
  });
}

/** What the build worker posts: progress, then the hierarchy. */
export interface BuildMessage {
  progress?: Parameters<ProgressCallback>[0];
  hierarchy?: ContractionHierarchy;
}

/**
 * The road arcs of hierarchy edge `e`, in driving order, appended to `out`.
 *
 * @example
 * const arcs: number[] = [];
 * unpackEdge(ch, e, arcs);
 */
export function unpackEdge(ch: ContractionHierarchy, e: number, out: number[]): void {
  const stack = [e];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const first = ch.edgeFirst[top]!;
    if (first < 0) out.push(-first - 1);
    else {
      stack.push(ch.edgeSecond[top]!);
      stack.push(first);
    }
  }
}

