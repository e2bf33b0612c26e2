/**
 * A partitioned hierarchy build: the graph is cut into parts by a breadth-first sweep, and each
 * part's interior nodes (those with no arc to another part) are contracted on the part's own
 * subgraph, independently of the other parts, so the parts can run on worker threads. What a
 * part did is then replayed onto the whole graph (its shortcuts, the arcs it made cheaper, its
 * nodes taken out in its order), and the build goes on with the nodes left: the boundaries and
 * each part's last, densest nodes.
 *
 * Why this is exact: a part's witness searches only see the part's own arcs, so they can only
 * miss a witness (and add a shortcut that is not needed, which is always safe); they never see
 * an arc another part changes, because parts share no arc (an arc between two parts joins two
 * boundary nodes, which no part contracts). Replaying part after part is then the same as a
 * sequential build in that order with some witness searches cut short.
 *
 * The parts depend on the graph only, never on the number of threads, so every thread count
 * builds the same hierarchy, bit for bit.
 */
import type { CompiledGraph } from '../graph/compile.js';
import { Contraction, DynamicGraph, IndexedHeap, type ContractionSettings, type EdgeArrays } from './ch-contract.js';

/** One part's subgraph, numbered locally (`nodes[i]` is local node i's number in the whole graph). */
export interface PartInput {
  nodes: Uint32Array;
  /** 1 for the nodes this part contracts (its interior). */
  eligible: Uint8Array;
  /** Interior nodes left uncontracted for the build on the whole graph. */
  keep: number;
  /** The part's arcs (both ends in the part), in the whole graph's edge order: local ends, weights, road arc (`-arc - 1`), and the whole graph's edge id. */
  tail: Uint32Array;
  head: Uint32Array;
  weight: Float64Array;
  weight2: Float64Array;
  first: Int32Array;
  edgeIds: Uint32Array;
}

/** What a part did: its nodes in contraction order and every edge's final state (its own arcs first, then the shortcuts it added), locally numbered. */
export interface PartResult extends EdgeArrays {
  order: Uint32Array;
}

/**
 * Part of each node: the graph's nodes in breadth-first order (arcs either way) from a node
 * far from node 0 (a double sweep, so the cuts run across the graph), cut into `parts` runs of
 * equal size; further components follow in node order.
 */
export function partitionNodes(csr: CompiledGraph, parts: number): Uint16Array {
  const n = csr.nodeCount;
  // Arcs into each node (a counting sort of the arcs by head), so the sweep follows arcs either way.
  const inOffsets = new Uint32Array(n + 1);
  for (let a = 0; a < csr.arcCount; a++) inOffsets[csr.targets[a]! + 1]! += 1;
  for (let v = 0; v < n; v++) inOffsets[v + 1]! += inOffsets[v]!;
  const inTails = new Uint32Array(csr.arcCount);
  const fill = inOffsets.slice(0, n);
  for (let v = 0; v < n; v++) for (let a = csr.offsets[v]!; a < csr.offsets[v + 1]!; a++) inTails[fill[csr.targets[a]!]!++] = v;
  const sweep = new Uint32Array(n);
  const seen = new Uint8Array(n);
  const bfs = (from: number, at: number): number => {
    let next = at;
    let end = at;
    sweep[end++] = from;
    seen[from] = 1;
    const visit = (w: number): void => {
      if (seen[w]) return;
      seen[w] = 1;
      sweep[end++] = w;
    };
    while (next < end) {
      const v = sweep[next++]!;
      for (let a = csr.offsets[v]!, stop = csr.offsets[v + 1]!; a < stop; a++) visit(csr.targets[a]!);
      for (let a = inOffsets[v]!, stop = inOffsets[v + 1]!; a < stop; a++) visit(inTails[a]!);
    }
    return end;
  };
  const label = new Uint16Array(n);
  if (n === 0) return label;
  const far = sweep[bfs(0, 0) - 1]!;
  seen.fill(0);
  let filled = bfs(far, 0);
  for (let v = 0; v < n; v++) if (!seen[v]) filled = bfs(v, filled);
  for (let i = 0; i < n; i++) label[sweep[i]!] = Math.min(parts - 1, Math.floor((i * parts) / n));
  return label;
}

/** Each part's subgraph and interior, from the whole graph's first `edges` edges (the road arcs). */
export function partInputs(g: DynamicGraph, edges: number, label: Uint16Array, parts: number, keepFraction: number): PartInput[] {
  const n = label.length;
  const boundary = new Uint8Array(n);
  for (let e = 0; e < edges; e++) {
    const t = g.tail[e]!;
    const h = g.head[e]!;
    if (label[t] !== label[h]) boundary[t] = boundary[h] = 1;
  }
  const local = new Uint32Array(n);
  const sizes = new Uint32Array(parts);
  for (let v = 0; v < n; v++) local[v] = sizes[label[v]!]!++;
  const inputs: PartInput[] = [];
  const edgeCounts = new Uint32Array(parts);
  for (let e = 0; e < edges; e++) if (label[g.tail[e]!] === label[g.head[e]!]) edgeCounts[label[g.tail[e]!]!]! += 1;
  for (let p = 0; p < parts; p++) {
    const m = edgeCounts[p]!;
    inputs.push({
      nodes: new Uint32Array(sizes[p]!),
      eligible: new Uint8Array(sizes[p]!),
      keep: 0,
      tail: new Uint32Array(m),
      head: new Uint32Array(m),
      weight: new Float64Array(m),
      weight2: new Float64Array(m),
      first: new Int32Array(m),
      edgeIds: new Uint32Array(m),
    });
  }
  const interior = new Uint32Array(parts);
  for (let v = 0; v < n; v++) {
    const part = inputs[label[v]!]!;
    part.nodes[local[v]!] = v;
    if (!boundary[v]) {
      part.eligible[local[v]!] = 1;
      interior[label[v]!]! += 1;
    }
  }
  for (let p = 0; p < parts; p++) inputs[p]!.keep = Math.round(interior[p]! * keepFraction);
  const filled = new Uint32Array(parts);
  for (let e = 0; e < edges; e++) {
    const p = label[g.tail[e]!]!;
    if (label[g.head[e]!] !== p) continue;
    const part = inputs[p]!;
    const k = filled[p]!++;
    part.tail[k] = local[g.tail[e]!]!;
    part.head[k] = local[g.head[e]!]!;
    part.weight[k] = g.weight[e]!;
    part.weight2[k] = g.weight2[e]!;
    part.first[k] = g.first[e]!;
    part.edgeIds[k] = e;
  }
  return inputs;
}

/** Contracts a part's interior on its own subgraph (on any thread: it reads nothing else). */
export function contractPart(part: PartInput, settings: ContractionSettings): PartResult {
  const n = part.nodes.length;
  const m = part.tail.length;
  const outDegree = new Uint32Array(n);
  const inDegree = new Uint32Array(n);
  for (let e = 0; e < m; e++) {
    outDegree[part.tail[e]!]! += 1;
    inDegree[part.head[e]!]! += 1;
  }
  // Room for the part's shortcuts (about twice its arcs on a road grid) without growing.
  const g = new DynamicGraph(n, outDegree, inDegree, m * 4);
  for (let e = 0; e < m; e++) g.add(part.tail[e]!, part.head[e]!, part.weight[e]!, part.weight2[e]!, part.first[e]!, -1, 1);
  const contraction = new Contraction(g, settings);
  const queue = new IndexedHeap(n);
  for (let v = 0; v < n; v++) if (part.eligible[v]) queue.push(v, contraction.priorityOf(v));
  const order = new Uint32Array(queue.size);
  let done = 0;
  contraction.run(queue, part.keep, (v) => { order[done++] = v; });
  const count = g.count;
  return {
    // Views, not copies: a worker hands the whole buffers over without copying them.
    order: order.subarray(0, done),
    count,
    tail: g.tail.subarray(0, count),
    head: g.head.subarray(0, count),
    weight: g.weight.subarray(0, count),
    weight2: g.weight2.subarray(0, count),
    first: g.first.subarray(0, count),
    second: g.second.subarray(0, count),
    hops: g.hops.subarray(0, count),
  };
}

/**
 * The whole graph after the parts, built afresh rather than by replaying each contraction: the
 * road arcs (as the parts left them) and every part's shortcuts, numbered part after part, each
 * put in the one list a sequential build would have left it in (an arc in its tail's out-list
 * when the tail went first, in its head's in-list when the head did, in both while neither has);
 * the parts' nodes ranked part after part in their order. Returns the graph and the contracted
 * nodes in order.
 */
export function assemble(road: DynamicGraph, roadEdges: number, parts: PartInput[], results: PartResult[], rank: Uint32Array): { g: DynamicGraph; order: Uint32Array } {
  const n = rank.length;
  const contracted = new Uint8Array(n);
  let ranked = 0;
  for (let p = 0; p < parts.length; p++) ranked += results[p]!.order.length;
  const order = new Uint32Array(ranked);
  let next = 0;
  let edges = roadEdges;
  for (let p = 0; p < parts.length; p++) {
    const { nodes } = parts[p]!;
    const result = results[p]!;
    for (let i = 0; i < result.order.length; i++) {
      const v = nodes[result.order[i]!]!;
      contracted[v] = 1;
      order[next] = v;
      rank[v] = next++;
    }
    edges += result.count - parts[p]!.tail.length;
  }
  // The road graph's edge arrays were made with room for every part's shortcuts (startBuild):
  // the parts' edges are written into them, and the adjacency is laid out afresh.
  road.reserve(edges + (edges >> 3));
  const { tail, head, weight, weight2, first, second, hops } = road;
  let base = roadEdges;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const result = results[p]!;
    const m = part.tail.length;
    const { nodes, edgeIds } = part;
    const edgeOf = (local: number): number => (local < 0 ? local : local < m ? edgeIds[local]! : base + local - m);
    for (let e = 0; e < result.count; e++) {
      // A road arc's `first` is negative; it is a path through contracted nodes once a cheaper one replaced it.
      if (e < m && result.first[e]! < 0) continue;
      const to = e < m ? edgeIds[e]! : base + e - m;
      tail[to] = nodes[result.tail[e]!]!;
      head[to] = nodes[result.head[e]!]!;
      weight[to] = result.weight[e]!;
      weight2[to] = result.weight2[e]!;
      first[to] = edgeOf(result.first[e]!);
      second[to] = edgeOf(result.second[e]!);
      hops[to] = result.hops[e]!;
    }
    base += result.count - m;
  }
  // Which lists each edge is in (1: its tail's out-list, 2: its head's in-list): the out-list
  // unless the head went first, the in-list unless the tail went first.
  const lists = new Uint8Array(edges);
  const outDegree = new Uint32Array(n);
  const inDegree = new Uint32Array(n);
  for (let e = 0; e < edges; e++) {
    const t = tail[e]!;
    const h = head[e]!;
    const tailFirst = contracted[t] === 1 && (contracted[h] === 0 || rank[t]! < rank[h]!);
    const headFirst = contracted[h] === 1 && (contracted[t] === 0 || rank[h]! < rank[t]!);
    if (!headFirst) { lists[e] = 1; outDegree[t]! += 1; }
    if (!tailFirst) { lists[e]! |= 2; inDegree[h]! += 1; }
  }
  // Each node's lists exactly as long as they are, but the lists of the nodes left, which the
  // build on the whole graph extends.
  const g = new DynamicGraph(n, outDegree, inDegree, 16, {
    out: (v) => (contracted[v] ? outDegree[v]! : Math.max(4, outDegree[v]! * 2)),
    in: (v) => (contracted[v] ? inDegree[v]! : Math.max(4, inDegree[v]! * 2)),
    slack: 0.25,
  });
  Object.assign(g, { tail, head, weight, weight2, first, second, hops, count: edges });
  for (let e = 0; e < edges; e++) {
    const which = lists[e]!;
    if (which & 1) g.out.push(tail[e]!, head[e]!, weight[e]!, e);
    if (which & 2) g.in.push(head[e]!, tail[e]!, weight[e]!, e);
  }
  return { g, order };
}
