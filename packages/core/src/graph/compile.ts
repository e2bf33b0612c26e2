/**
 * graphology → CSR. The shortest-path loops read these typed arrays only: arcs out of node `v`
 * are `offsets[v] .. offsets[v + 1] - 1`.
 */
import type { AbstractGraph } from 'graphology-types';

/** A graph in compressed sparse rows: the typed arrays the shortest-path searches run on. */
export interface CompiledGraph {
  nodeCount: number;
  arcCount: number;
  /** Length nodeCount + 1. */
  offsets: Uint32Array;
  /** Head node of each arc. */
  targets: Uint32Array;
  /** Index of the graph edge (in `graph.edges()` order) each arc comes from. */
  arcEdge: Uint32Array;
  /** 1 when the arc runs along the edge's geometry (source → target), 0 when against it. */
  arcForward: Uint8Array;
  /** metres */
  arcLength: Float64Array;
  /** seconds */
  arcDuration: Float64Array;
}

/** Options of `compileGraph`. */
export interface CompileOptions {
  /** Edge attribute with the length in metres; default "length". */
  lengthAttribute?: string;
  /** Edge attribute with the travel time in seconds; default "duration". */
  durationAttribute?: string;
}

/**
 * Compiles any graphology graph (directed, undirected or mixed, multi or not) to CSR. Nodes are
 * numbered in `graph.nodes()` order, edges in `graph.edges()` order; an undirected edge gives two
 * arcs. Arcs of a node keep edge order, so results do not depend on hash order.
 *
 * @example
 * const csr = compileGraph(network.graph);
 * for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) visit(csr.targets[a], csr.arcDuration[a]);
 */
export function compileGraph(graph: AbstractGraph, options: CompileOptions = {}): CompiledGraph {
  const lengthKey = options.lengthAttribute ?? 'length';
  const durationKey = options.durationAttribute ?? 'duration';
  const nodeCount = graph.order;
  const nodeIndex = new Map<string, number>();
  let next = 0;
  graph.forEachNode((key) => { nodeIndex.set(key, next++); });

  const edgeCount = graph.size;
  const edgeSource = new Uint32Array(edgeCount);
  const edgeTarget = new Uint32Array(edgeCount);
  const edgeUndirected = new Uint8Array(edgeCount);
  const edgeLength = new Float64Array(edgeCount);
  const edgeDuration = new Float64Array(edgeCount);
  let e = 0;
  graph.forEachEdge((_key, attributes, source, target, _sa, _ta, undirected) => {
    const s = nodeIndex.get(source)!;
    const t = nodeIndex.get(target)!;
    edgeSource[e] = s;
    edgeTarget[e] = t;
    edgeUndirected[e] = undirected ? 1 : 0;
    edgeLength[e] = Number(attributes[lengthKey] ?? 1);
    edgeDuration[e] = Number(attributes[durationKey] ?? 1);
    e++;
  });

  return compileArrays(nodeCount, edgeSource, edgeTarget, edgeUndirected, edgeLength, edgeDuration);
}

/**
 * CSR from flat edge arrays (the same arc order as `compileGraph` gives for a graph whose edges
 * were added in this order).
 *
 * @example
 * const csr = compileArrays(2, Uint32Array.of(0), Uint32Array.of(1), Uint8Array.of(1), Float64Array.of(100), Float64Array.of(9));
 */
export function compileArrays(
  nodeCount: number,
  edgeSource: Uint32Array,
  edgeTarget: Uint32Array,
  edgeUndirected: Uint8Array,
  edgeLength: Float64Array,
  edgeDuration: Float64Array,
): CompiledGraph {
  const edgeCount = edgeSource.length;
  const outDegree = new Uint32Array(nodeCount);
  for (let i = 0; i < edgeCount; i++) {
    outDegree[edgeSource[i]!]! += 1;
    if (edgeUndirected[i]) outDegree[edgeTarget[i]!]! += 1;
  }
  const offsets = new Uint32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) offsets[v + 1] = offsets[v]! + outDegree[v]!;
  const arcCount = offsets[nodeCount]!;
  const targets = new Uint32Array(arcCount);
  const arcEdge = new Uint32Array(arcCount);
  const arcForward = new Uint8Array(arcCount);
  const arcLength = new Float64Array(arcCount);
  const arcDuration = new Float64Array(arcCount);
  const fill = offsets.slice(0, nodeCount);
  for (let i = 0; i < edgeCount; i++) {
    const s = edgeSource[i]!;
    const t = edgeTarget[i]!;
    let a = fill[s]!++;
    targets[a] = t;
    arcEdge[a] = i;
    arcForward[a] = 1;
    arcLength[a] = edgeLength[i]!;
    arcDuration[a] = edgeDuration[i]!;
    if (edgeUndirected[i]) {
      a = fill[t]!++;
      targets[a] = s;
      arcEdge[a] = i;
      arcForward[a] = 0;
      arcLength[a] = edgeLength[i]!;
      arcDuration[a] = edgeDuration[i]!;
    }
  }
  return { nodeCount, arcCount, offsets, targets, arcEdge, arcForward, arcLength, arcDuration };
}
