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
import { Contraction, DynamicGraph, IndexedHeap, type ContractionSettings } from './ch-contract.js';

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
export interface PartResult {
  order: Uint32Array;
  count: number;
  tail: Uint32Array;
  head: Uint32Array;
  weight: Float64Array;
  weight2: Float64Array;
  first: Int32Array;
  second: Int32Array;
  hops: Uint32Array;
}

/**
 * Part of each node: the graph's nodes in breadth-first order (arcs either way) from a node
 * far from node 0 (a double sweep, so the cuts run across the graph), cut into `parts` runs of
 * equal size; further components follow in node order.
 */
export function partitionNodes(g: DynamicGraph, parts: number): Uint16Array {
  const n = g.out.start.length;
  const sweep = new Uint32Array(n);
  const seen = new Uint8Array(n);
  const bfs = (from: number, at: number): number => {
    let head = at;
    let end = at;
    sweep[end++] = from;
    seen[from] = 1;
    while (head < end) {
      const v = sweep[head++]!;
      for (const lists of [g.out, g.in]) {
        const begin = lists.start[v]!;
        for (let i = begin, stop = begin + lists.length[v]!; i < stop; i++) {
          const w = lists.node[i]!;
          if (seen[w]) continue;
          seen[w] = 1;
          sweep[end++] = w;
        }
      }
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
  const g = new DynamicGraph(n, outDegree, inDegree, m * 2);
  for (let e = 0; e < m; e++) g.add(part.tail[e]!, part.head[e]!, part.weight[e]!, part.weight2[e]!, part.first[e]!, -1, 1);
  const contraction = new Contraction(g, settings);
  const queue = new IndexedHeap(n);
  for (let v = 0; v < n; v++) if (part.eligible[v]) queue.push(v, contraction.priorityOf(v));
  const order = new Uint32Array(queue.size);
  let done = 0;
  contraction.run(queue, part.keep, (v) => { order[done++] = v; });
  const count = g.count;
  return {
    order: order.slice(0, done),
    count,
    tail: g.tail.slice(0, count),
    head: g.head.slice(0, count),
    weight: g.weight.slice(0, count),
    weight2: g.weight2.slice(0, count),
    first: g.first.slice(0, count),
    second: g.second.slice(0, count),
    hops: g.hops.slice(0, count),
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
  const tail = new Uint32Array(edges);
  const head = new Uint32Array(edges);
  const weight = new Float64Array(edges);
  const weight2 = new Float64Array(edges);
  const first = new Int32Array(edges);
  const second = new Int32Array(edges);
  const hops = new Uint32Array(edges);
  tail.set(road.tail.subarray(0, roadEdges));
  head.set(road.head.subarray(0, roadEdges));
  weight.set(road.weight.subarray(0, roadEdges));
  weight2.set(road.weight2.subarray(0, roadEdges));
  first.set(road.first.subarray(0, roadEdges));
  second.set(road.second.subarray(0, roadEdges));
  hops.set(road.hops.subarray(0, roadEdges));
  let base = roadEdges;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const result = results[p]!;
    const m = part.tail.length;
    const edgeOf = (local: number): number => (local < 0 ? local : local < m ? part.edgeIds[local]! : base + local - m);
    for (let e = 0; e < result.count; e++) {
      // A road arc's `first` is negative; it is a path through contracted nodes once a cheaper one replaced it.
      if (e < m && result.first[e]! < 0) continue;
      const to = e < m ? part.edgeIds[e]! : base + e - m;
      tail[to] = part.nodes[result.tail[e]!]!;
      head[to] = part.nodes[result.head[e]!]!;
      weight[to] = result.weight[e]!;
      weight2[to] = result.weight2[e]!;
      first[to] = edgeOf(result.first[e]!);
      second[to] = edgeOf(result.second[e]!);
      hops[to] = result.hops[e]!;
    }
    base += result.count - m;
  }
  // Which list each edge belongs to: the out-list of its tail unless the head went first, the
  // in-list of its head unless the tail went first.
  const inOut = (e: number): boolean => { const t = tail[e]!; const h = head[e]!; return !contracted[h] || (contracted[t] === 1 && rank[t]! < rank[h]!); };
  const inIn = (e: number): boolean => { const t = tail[e]!; const h = head[e]!; return !contracted[t] || (contracted[h] === 1 && rank[h]! < rank[t]!); };
  const outDegree = new Uint32Array(n);
  const inDegree = new Uint32Array(n);
  for (let e = 0; e < edges; e++) {
    if (inOut(e)) outDegree[tail[e]!]! += 1;
    if (inIn(e)) inDegree[head[e]!]! += 1;
  }
  // Room for the shortcuts of the nodes left (few: mostly the cuts).
  const g = new DynamicGraph(n, outDegree, inDegree, edges + (edges >> 3));
  for (let e = 0; e < edges; e++) g.addTo(tail[e]!, head[e]!, weight[e]!, weight2[e]!, first[e]!, second[e]!, hops[e]!, inOut(e), inIn(e));
  return { g, order };
}
