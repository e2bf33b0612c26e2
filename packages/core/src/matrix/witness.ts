/**
 * The witness searches of the contraction hierarchy's build (ch.ts): a small Dijkstra from one
 * in-neighbour of the node being contracted, the table row it fills, and the heap it works on
 * (shared with the hierarchy's queries, ch-query.ts).
 */

/** Each node's arcs side by side: `node`/`weight` from `start[v]`, `length[v]` of them. */
export interface ArcLists {
  start: Uint32Array;
  length: Uint32Array;
  node: Uint32Array;
  weight: Float64Array;
}

/** The targets of one search: `size` nodes with the weight of the arc to them from the contracted node. */
export interface TargetList {
  size: number;
  node: Uint32Array;
  weight: Float64Array;
}

/** A small list of arcs (node, weight, edge), reused from node to node. */
export class Scratch {
  size = 0;
  node = new Uint32Array(64);
  weight = new Float64Array(64);
  edge = new Uint32Array(64);

  load(from: ArcLists & { edge: Uint32Array }, v: number): void {
    const begin = from.start[v]!;
    const length = from.length[v]!;
    if (length > this.node.length) this.grow(length);
    // A loop, not set(subarray): a list holds a handful of arcs, and three views per list were
    // a few per cent of a build (allocated and collected twice per contracted node).
    const { node, weight, edge } = this;
    for (let i = 0; i < length; i++) {
      node[i] = from.node[begin + i]!;
      weight[i] = from.weight[begin + i]!;
      edge[i] = from.edge[begin + i]!;
    }
    this.size = length;
  }

  push(node: number, weight: number, edge: number): void {
    if (this.size === this.node.length) this.grow(this.size * 2);
    this.node[this.size] = node;
    this.weight[this.size] = weight;
    this.edge[this.size] = edge;
    this.size++;
  }

  private grow(size: number): void {
    const node = new Uint32Array(size); node.set(this.node); this.node = node;
    const weight = new Float64Array(size); weight.set(this.weight); this.weight = weight;
    const edge = new Uint32Array(size); edge.set(this.edge); this.edge = edge;
  }
}

/** A small Dijkstra from one node in the remaining graph, avoiding the node being contracted. */
export class WitnessSearch {
  private readonly dist: Float64Array;
  private readonly stamp: Int32Array;
  /** `mark` while target w is undecided, with the cost of its path through the contracted node. */
  private readonly isTarget: Int32Array;
  private readonly targetCost: Float64Array;
  private current = 0;
  private heapKey: Float64Array = new Float64Array(256);
  private heapNode: Int32Array = new Int32Array(256);

  constructor(n: number) {
    this.dist = new Float64Array(n);
    this.stamp = new Int32Array(n);
    this.isTarget = new Int32Array(n);
    this.targetCost = new Float64Array(n);
  }

  distanceTo(v: number): number {
    return this.stamp[v] === this.current ? this.dist[v]! : Infinity;
  }

  /**
   * From `source`, avoiding `avoid`, until every target w (other than the source) is decided: a
   * path no dearer than `viaCost` + its weight (u → v → w) is found, or w is settled dearer. A
   * target is decided as soon as a tentative distance witnesses it (each is the cost of a real
   * path, and distances only fall), and the search stops once the cheapest unsettled node is
   * dearer than every undecided target, or `limit` nodes are settled. Later targets therefore
   * get exactly the answer a search run to the end would give them: the cut-offs only skip
   * work that could not change any of them.
   */
  run(out: ArcLists, source: number, avoid: number, targets: TargetList, viaCost: number, limit: number): void {
    const stamp = this.stamp;
    const dist = this.dist;
    const mark = ++this.current;
    const isTarget = this.isTarget;
    const targetCost = this.targetCost;
    const { start, length, node, weight } = out;
    let heapKey = this.heapKey;
    let heapNode = this.heapNode;
    let size = 0;
    // The avoided node counts as reached at -Infinity, so no arc improves on it: it is never
    // queued, with no test of its own per arc. (No search asks for its distance: it is no
    // neighbour of itself.)
    stamp[avoid] = mark;
    dist[avoid] = -Infinity;
    stamp[source] = mark;
    dist[source] = 0;
    // The source's own arcs first: in the dense late graph an arc u → w no dearer than
    // u → v → w is often there already, and then w needs no search at all.
    const from: number = start[source]!;
    for (let i: number = from, end: number = from + length[source]!; i < end; i++) {
      const w: number = node[i]!;
      const c = weight[i]!;
      if (stamp[w] === mark && !(c < dist[w]!)) continue;
      stamp[w] = mark;
      dist[w] = c;
      if (size === heapKey.length) {
        const k = new Float64Array(size * 2); k.set(heapKey); heapKey = this.heapKey = k;
        const nn = new Int32Array(size * 2); nn.set(heapNode); heapNode = this.heapNode = nn;
      }
      siftUp(heapKey, heapNode, size++, w, c);
    }
    let remaining = 0;
    // The dearest undecided target: past it nothing can change an answer.
    let bound = -1;
    for (let k = 0; k < targets.size; k++) {
      const w = targets.node[k]!;
      if (w === source || isTarget[w] === mark) continue;
      const c = viaCost + targets.weight[k]!;
      if (stamp[w] === mark && dist[w]! <= c) continue;
      isTarget[w] = mark;
      targetCost[w] = c;
      remaining++;
      if (c > bound) bound = c;
    }
    if (remaining === 0) return;
    let settled = 1;
    while (size > 0) {
      const d: number = heapKey[0]!;
      const v: number = heapNode[0]!;
      size--;
      if (size > 0) siftDown(heapKey, heapNode, size, heapKey[size]!, heapNode[size]!);
      if (d > dist[v]!) continue;
      if (d > bound || ++settled > limit) break;
      if (isTarget[v] === mark) {
        // Settled dearer than its way through the contracted node (else it was decided when reached).
        isTarget[v] = 0;
        if (--remaining === 0) break;
        if (targetCost[v] === bound) bound = this.dearest(targets, mark);
      }
      const begin: number = start[v]!;
      for (let i: number = begin, end: number = begin + length[v]!; i < end; i++) {
        const c = d + weight[i]!;
        // Past the dearest undecided target nothing can witness anything: never queued, never
        // settled. Tested first: it turns away about half the arcs scanned, unread.
        if (c > bound) continue;
        const w: number = node[i]!;
        if (stamp[w] === mark && !(c < dist[w]!)) continue;
        stamp[w] = mark;
        dist[w] = c;
        if (isTarget[w] === mark && c <= targetCost[w]!) {
          isTarget[w] = 0;
          if (--remaining === 0) return;
          if (targetCost[w] === bound) bound = this.dearest(targets, mark);
        }
        if (size === heapKey.length) {
          const k = new Float64Array(size * 2); k.set(heapKey); heapKey = this.heapKey = k;
          const nn = new Int32Array(size * 2); nn.set(heapNode); heapNode = this.heapNode = nn;
        }
        siftUp(heapKey, heapNode, size++, w, c);
      }
    }
  }

  /** The cost of the dearest target still undecided. */
  private dearest(targets: TargetList, mark: number): number {
    let bound = -1;
    for (let k = 0; k < targets.size; k++) {
      const w = targets.node[k]!;
      if (this.isTarget[w] === mark && this.targetCost[w]! > bound) bound = this.targetCost[w]!;
    }
    return bound;
  }
}

/**
 * Row `i` of a contraction's witness table: from in-neighbour `ins.node[i]` (arc weight
 * `ins.weight[i]` into `avoid`), the cost of a path to each out-neighbour k no dearer than the
 * way through `avoid`, at `found[i * outs.size + k]` (Infinity: none found, a shortcut is needed).
 *
 * When the search reaches another in-neighbour j so cheaply that u_i → … → u_j → avoid is
 * strictly cheaper than the arc u_i → avoid, that arc is on no shortest path: every pair of the
 * row is witnessed through u_j (whose own pairs get a shortcut or a witness in this same
 * contraction; a chain of such arcs ends, as each step is strictly cheaper), and the row is
 * -Infinity. Rows depend only on the graph before the contraction, never on each other.
 */
export function witnessRow(witness: WitnessSearch, lists: ArcLists, ins: TargetList, i: number, outs: TargetList, avoid: number, limit: number, found: Float64Array): void {
  const width = outs.size;
  const row = i * width;
  const arc = ins.weight[i]!;
  witness.run(lists, ins.node[i]!, avoid, outs, arc, limit);
  for (let j = 0; j < ins.size; j++) {
    if (j !== i && witness.distanceTo(ins.node[j]!) + ins.weight[j]! < arc) {
      found.fill(-Infinity, row, row + width);
      return;
    }
  }
  for (let k = 0; k < width; k++) found[row + k] = witness.distanceTo(outs.node[k]!);
}

/** Adds `node` with `key` to a binary heap of `size` entries (duplicates allowed; stale ones are skipped on pop). */
export function siftUp(heapKey: Float64Array, heapNode: Int32Array, size: number, node: number, key: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const parentKey = heapKey[parent]!;
    if (parentKey <= key) break;
    heapKey[i] = parentKey;
    heapNode[i] = heapNode[parent]!;
    i = parent;
  }
  heapKey[i] = key;
  heapNode[i] = node;
}

/** Puts `node` with `key` in the root slot of a heap of `size` entries and moves it down. */
export function siftDown(heapKey: Float64Array, heapNode: Int32Array, size: number, key: number, node: number): void {
  const half = size >> 1;
  let i = 0;
  while (i < half) {
    let child = 2 * i + 1;
    let childKey = heapKey[child]!;
    const right = child + 1;
    if (right < size && heapKey[right]! < childKey) {
      child = right;
      childKey = heapKey[right]!;
    }
    if (childKey >= key) break;
    heapKey[i] = childKey;
    heapNode[i] = heapNode[child]!;
    i = child;
  }
  heapKey[i] = key;
  heapNode[i] = node;
}
