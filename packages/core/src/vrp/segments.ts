/**
 * Route-segment summaries that concatenate in O(1) (Vidal et al. 2013, "A hybrid genetic
 * algorithm with adaptive diversity management for a large class of vehicle routing problems
 * with time-windows"; PyVRP's `DurationSegment` and `LoadSegment`).
 *
 * A segment (a run of consecutive visits) is summarised by
 * - its first and last location, its travelled distance and its travel time (arcs only, for a
 *   limit or a cost on driving alone: VROOM's max_travel_time and per_hour);
 * - load, per dimension: `delivery`, the load it needs on board at its start (deliveries are
 *   carried from the depot); `pickup`, the net change of the load on board along it (pickups
 *   carried to the end; a shipment's drop counts negative, shipments.ts); `load`, the largest load
 *   on board inside it when it starts with `delivery`. A ⊕ B: delivery and pickup add up, and
 *   load = max(A.load + B.delivery, A.pickup + B.load), exact also for mid-route pick-ups and drops;
 * - time: minimal duration (travel, service, waiting), time warp (lateness that had to be undone
 *   to meet the windows), and the window [early, late] of start times at its first location for
 *   which that duration and time warp hold.
 * Concatenating A ⊕ B needs only the two summaries and the arc from A's last to B's first
 * location, so every move is evaluated from stored prefix and suffix summaries.
 */

/** Summary of one segment; also the accumulator the search uses to build candidate routes. */
export class Segment {
  readonly nDims: number;
  /** Number of stops (depots not counted). */
  clients = 0;
  /** First and last location, -1 when empty. */
  first = -1;
  last = -1;
  distance = 0;
  /** Sum of the arcs' travel times (no service, no waiting). */
  travel = 0;
  duration = 0;
  timeWarp = 0;
  early = 0;
  late = Infinity;
  /** Load needed on board at the segment's start (its deliveries), per dimension. */
  readonly delivery: Float64Array;
  /** Net change of the load on board along the segment (pickups; shipment drops negative). */
  readonly pickup: Float64Array;
  /** Largest load on board within the segment, per dimension. */
  readonly load: Float64Array;

  constructor(nDims: number) {
    this.nDims = nDims;
    this.delivery = new Float64Array(nDims);
    this.pickup = new Float64Array(nDims);
    this.load = new Float64Array(nDims);
  }

  /** Makes this the empty segment. */
  clear(): void {
    this.clients = 0;
    this.first = -1;
    this.last = -1;
    this.distance = 0;
    this.travel = 0;
    this.duration = 0;
    this.timeWarp = 0;
    this.early = 0;
    this.late = Infinity;
    this.delivery.fill(0);
    this.pickup.fill(0);
    this.load.fill(0);
  }

  /** Makes this segment a copy of `o`. */
  copyFrom(o: Segment): void {
    this.clients = o.clients;
    this.first = o.first;
    this.last = o.last;
    this.distance = o.distance;
    this.travel = o.travel;
    this.duration = o.duration;
    this.timeWarp = o.timeWarp;
    this.early = o.early;
    this.late = o.late;
    this.delivery.set(o.delivery);
    this.pickup.set(o.pickup);
    this.load.set(o.load);
  }

  /**
   * Appends one visit: travel from the current last location to `loc`, then `service` time in the
   * window [early, late]. `demand` holds delivery and pickup at `offset` (null for depots).
   */
  push(
    dist: Float64Array, dur: Float64Array, n: number, loc: number, service: number, early: number, late: number,
    delivery: Float64Array | null, pickup: Float64Array | null, offset: number, isClient: number,
  ): void {
    if (this.last < 0) {
      this.first = loc;
      this.last = loc;
      this.clients = isClient;
      this.distance = 0;
      this.travel = 0;
      this.duration = service;
      this.timeWarp = 0;
      this.early = early;
      this.late = late;
      for (let d = 0; d < this.nDims; d++) {
        const del = delivery === null ? 0 : delivery[offset + d]!;
        const pick = pickup === null ? 0 : pickup[offset + d]!;
        this.delivery[d] = del;
        this.pickup[d] = pick;
        this.load[d] = del > pick ? del : pick;
      }
      return;
    }
    const arc = this.last * n + loc;
    this.distance += dist[arc]!;
    this.travel += dur[arc]!;
    this.mergeTime(dur[arc]!, service, 0, early, late);
    for (let d = 0; d < this.nDims; d++) {
      const del = delivery === null ? 0 : delivery[offset + d]!;
      const pick = pickup === null ? 0 : pickup[offset + d]!;
      const own = del > pick ? del : pick;
      const a = this.load[d]! + del;
      const b = own + this.pickup[d]!;
      this.load[d] = a > b ? a : b;
      this.delivery[d] = this.delivery[d]! + del;
      this.pickup[d] = this.pickup[d]! + pick;
    }
    this.last = loc;
    this.clients += isClient;
  }

  /** this ⊕ arc ⊕ a stored segment (see SegmentStore). */
  appendStored(dist: Float64Array, dur: Float64Array, n: number, store: SegmentStore, node: number): void {
    const D = this.nDims;
    if (this.last < 0) {
      store.read(node, this);
      return;
    }
    const arc = this.last * n + store.first[node]!;
    this.distance += dist[arc]! + store.distance[node]!;
    this.travel += dur[arc]! + store.travel[node]!;
    this.mergeTime(dur[arc]!, store.duration[node]!, store.timeWarp[node]!, store.early[node]!, store.late[node]!);
    const base = node * D;
    for (let d = 0; d < D; d++) {
      const a = this.load[d]! + store.delivery[base + d]!;
      const b = store.load[base + d]! + this.pickup[d]!;
      this.load[d] = a > b ? a : b;
      this.delivery[d] = this.delivery[d]! + store.delivery[base + d]!;
      this.pickup[d] = this.pickup[d]! + store.pickup[base + d]!;
    }
    this.last = store.last[node]!;
    this.clients += store.clients[node]!;
  }

  /** this ⊕ arc ⊕ other. */
  append(dist: Float64Array, dur: Float64Array, n: number, o: Segment): void {
    if (o.last < 0) return;
    if (this.last < 0) {
      this.copyFrom(o);
      return;
    }
    const arc = this.last * n + o.first;
    this.distance += dist[arc]! + o.distance;
    this.travel += dur[arc]! + o.travel;
    this.mergeTime(dur[arc]!, o.duration, o.timeWarp, o.early, o.late);
    for (let d = 0; d < this.nDims; d++) {
      const a = this.load[d]! + o.delivery[d]!;
      const b = o.load[d]! + this.pickup[d]!;
      this.load[d] = a > b ? a : b;
      this.delivery[d] = this.delivery[d]! + o.delivery[d]!;
      this.pickup[d] = this.pickup[d]! + o.pickup[d]!;
    }
    this.last = o.last;
    this.clients += o.clients;
  }

  /** The time part of A ⊕ B, as PyVRP's DurationSegment::merge. */
  private mergeTime(arcDuration: number, bDuration: number, bTimeWarp: number, bEarly: number, bLate: number): void {
    const atB = this.duration - this.timeWarp + arcDuration;
    let wait = bEarly - atB - this.late;
    if (wait < 0) wait = 0;
    let warp = this.early + atB - bLate;
    if (warp < 0) warp = 0;
    const early = bEarly - atB > this.early ? bEarly - atB : this.early;
    const late = bLate - atB < this.late ? bLate - atB : this.late;
    this.duration = this.duration + bDuration + arcDuration + wait;
    this.timeWarp = this.timeWarp + bTimeWarp + warp;
    this.early = early - wait;
    this.late = late + warp;
  }
}

/** Segment summaries for many nodes at once, in flat typed arrays (the search's prefix/suffix data). */
export class SegmentStore {
  readonly nDims: number;
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly clients: Int32Array;
  readonly distance: Float64Array;
  readonly travel: Float64Array;
  readonly duration: Float64Array;
  readonly timeWarp: Float64Array;
  readonly early: Float64Array;
  readonly late: Float64Array;
  readonly delivery: Float64Array;
  readonly pickup: Float64Array;
  readonly load: Float64Array;

  constructor(size: number, nDims: number) {
    this.nDims = nDims;
    this.first = new Int32Array(size).fill(-1);
    this.last = new Int32Array(size).fill(-1);
    this.clients = new Int32Array(size);
    this.distance = new Float64Array(size);
    this.travel = new Float64Array(size);
    this.duration = new Float64Array(size);
    this.timeWarp = new Float64Array(size);
    this.early = new Float64Array(size);
    this.late = new Float64Array(size);
    this.delivery = new Float64Array(size * nDims);
    this.pickup = new Float64Array(size * nDims);
    this.load = new Float64Array(size * nDims);
  }

  /** Stores `s` as the summary of `node`. */
  write(node: number, s: Segment): void {
    this.first[node] = s.first;
    this.last[node] = s.last;
    this.clients[node] = s.clients;
    this.distance[node] = s.distance;
    this.travel[node] = s.travel;
    this.duration[node] = s.duration;
    this.timeWarp[node] = s.timeWarp;
    this.early[node] = s.early;
    this.late[node] = s.late;
    const base = node * this.nDims;
    for (let d = 0; d < this.nDims; d++) {
      this.delivery[base + d] = s.delivery[d]!;
      this.pickup[base + d] = s.pickup[d]!;
      this.load[base + d] = s.load[d]!;
    }
  }

  /** Loads the summary stored for `node` into `s`. */
  read(node: number, s: Segment): void {
    s.first = this.first[node]!;
    s.last = this.last[node]!;
    s.clients = this.clients[node]!;
    s.distance = this.distance[node]!;
    s.travel = this.travel[node]!;
    s.duration = this.duration[node]!;
    s.timeWarp = this.timeWarp[node]!;
    s.early = this.early[node]!;
    s.late = this.late[node]!;
    const base = node * this.nDims;
    for (let d = 0; d < this.nDims; d++) {
      s.delivery[d] = this.delivery[base + d]!;
      s.pickup[d] = this.pickup[base + d]!;
      s.load[d] = this.load[base + d]!;
    }
  }

  /**
   * node := the stored segment at `prevNode` ⊕ the visit `loc` (a stop's data at `offset` of
   * `delivery`/`pickup`, or a depot when `delivery` is null). The same merge as `Segment.push`,
   * written for the store so that summarising a route copies nothing.
   */
  extend(
    node: number, prevNode: number, dist: Float64Array, dur: Float64Array, n: number, loc: number, service: number,
    early: number, late: number, delivery: Float64Array | null, pickup: Float64Array | null, offset: number, isClient: number,
  ): void {
    const arc = this.last[prevNode]! * n + loc;
    // Place, distance and load as without time; then the time fields.
    this.extendTimeless(node, prevNode, dist, n, loc, delivery, pickup, offset, isClient);
    this.travel[node] = this.travel[prevNode]! + dur[arc]!;
    // Time: A = the stored prefix, B = the single visit (duration = service, no time warp).
    const aDuration = this.duration[prevNode]!;
    const aWarp = this.timeWarp[prevNode]!;
    const aEarly = this.early[prevNode]!;
    const aLate = this.late[prevNode]!;
    const travel = dur[arc]!;
    const atB = aDuration - aWarp + travel;
    let wait = early - atB - aLate;
    if (wait < 0) wait = 0;
    let warp = aEarly + atB - late;
    if (warp < 0) warp = 0;
    const e = early - atB > aEarly ? early - atB : aEarly;
    const l = late - atB < aLate ? late - atB : aLate;
    this.duration[node] = aDuration + service + travel + wait;
    this.timeWarp[node] = aWarp + warp;
    this.early[node] = e - wait;
    this.late[node] = l + warp;
  }

  /**
   * Makes every stored time summary neutral (no travel, duration or time warp, start window
   * [0, ∞)) for a search whose routes' cost does not depend on time (`RouteStore.timeless`): the
   * `…Timeless` writers then leave those fields alone, and reading a summary gives the same cost.
   */
  neutralTime(): void {
    this.travel.fill(0);
    this.duration.fill(0);
    this.timeWarp.fill(0);
    this.early.fill(0);
    this.late.fill(Infinity);
  }

  /** `extend` without the time fields (see `neutralTime`): place, distance and load only. */
  extendTimeless(
    node: number, prevNode: number, dist: Float64Array, n: number, loc: number,
    delivery: Float64Array | null, pickup: Float64Array | null, offset: number, isClient: number,
  ): void {
    this.first[node] = this.first[prevNode]!;
    this.last[node] = loc;
    this.clients[node] = this.clients[prevNode]! + isClient;
    this.distance[node] = this.distance[prevNode]! + dist[this.last[prevNode]! * n + loc]!;
    const D = this.nDims;
    const base = node * D;
    const pb = prevNode * D;
    for (let d = 0; d < D; d++) {
      const del = delivery === null ? 0 : delivery[offset + d]!;
      const pick = pickup === null ? 0 : pickup[offset + d]!;
      const own = del > pick ? del : pick;
      const a = this.load[pb + d]! + del;
      const b = own + this.pickup[pb + d]!;
      this.load[base + d] = a > b ? a : b;
      this.delivery[base + d] = this.delivery[pb + d]! + del;
      this.pickup[base + d] = this.pickup[pb + d]! + pick;
    }
  }

  /** `single` without the time fields (see `neutralTime`). */
  singleTimeless(node: number, loc: number, delivery: Float64Array | null, pickup: Float64Array | null, offset: number, isClient: number): void {
    this.first[node] = loc;
    this.last[node] = loc;
    this.clients[node] = isClient;
    this.distance[node] = 0;
    const D = this.nDims;
    const base = node * D;
    for (let d = 0; d < D; d++) {
      const del = delivery === null ? 0 : delivery[offset + d]!;
      const pick = pickup === null ? 0 : pickup[offset + d]!;
      this.delivery[base + d] = del;
      this.pickup[base + d] = pick;
      this.load[base + d] = del > pick ? del : pick;
    }
  }

  /** `prepend` without the time fields (see `neutralTime`). */
  prependTimeless(node: number, nextNode: number, dist: Float64Array, n: number, loc: number, delivery: Float64Array, pickup: Float64Array, offset: number): void {
    this.first[node] = loc;
    this.last[node] = this.last[nextNode]!;
    this.clients[node] = this.clients[nextNode]! + 1;
    this.distance[node] = dist[loc * n + this.first[nextNode]!]! + this.distance[nextNode]!;
    const D = this.nDims;
    const base = node * D;
    const nb = nextNode * D;
    for (let d = 0; d < D; d++) {
      const del = delivery[offset + d]!;
      const pick = pickup[offset + d]!;
      const own = del > pick ? del : pick;
      const a = own + this.delivery[nb + d]!;
      const b = this.load[nb + d]! + pick;
      this.load[base + d] = a > b ? a : b;
      this.delivery[base + d] = del + this.delivery[nb + d]!;
      this.pickup[base + d] = pick + this.pickup[nb + d]!;
    }
  }

  /** node := the single visit `loc` (the first of a prefix or the last of a suffix). */
  single(
    node: number, loc: number, service: number, early: number, late: number,
    delivery: Float64Array | null, pickup: Float64Array | null, offset: number, isClient: number,
  ): void {
    const D = this.nDims;
    const base = node * D;
    this.first[node] = loc;
    this.last[node] = loc;
    this.clients[node] = isClient;
    this.distance[node] = 0;
    this.travel[node] = 0;
    this.duration[node] = service;
    this.timeWarp[node] = 0;
    this.early[node] = early;
    this.late[node] = late;
    for (let d = 0; d < D; d++) {
      const del = delivery === null ? 0 : delivery[offset + d]!;
      const pick = pickup === null ? 0 : pickup[offset + d]!;
      this.delivery[base + d] = del;
      this.pickup[base + d] = pick;
      this.load[base + d] = del > pick ? del : pick;
    }
  }

  /**
   * node := the visit of stop `loc` ⊕ the stored segment at `nextNode` (suffixes, built from the
   * end of a route backwards). Same merge as `Segment.append` with A a single visit.
   */
  prepend(
    node: number, nextNode: number, dist: Float64Array, dur: Float64Array, n: number, loc: number, service: number,
    early: number, late: number, delivery: Float64Array, pickup: Float64Array, offset: number,
  ): void {
    const D = this.nDims;
    const base = node * D;
    const nb = nextNode * D;
    const arc = loc * n + this.first[nextNode]!;
    this.first[node] = loc;
    this.last[node] = this.last[nextNode]!;
    this.clients[node] = this.clients[nextNode]! + 1;
    this.distance[node] = dist[arc]! + this.distance[nextNode]!;
    const travel = dur[arc]!;
    this.travel[node] = travel + this.travel[nextNode]!;
    const bEarly = this.early[nextNode]!;
    const bLate = this.late[nextNode]!;
    const atB = service + travel;
    let wait = bEarly - atB - late;
    if (wait < 0) wait = 0;
    let warp = early + atB - bLate;
    if (warp < 0) warp = 0;
    const e = bEarly - atB > early ? bEarly - atB : early;
    const l = bLate - atB < late ? bLate - atB : late;
    this.duration[node] = service + this.duration[nextNode]! + travel + wait;
    this.timeWarp[node] = this.timeWarp[nextNode]! + warp;
    this.early[node] = e - wait;
    this.late[node] = l + warp;
    for (let d = 0; d < D; d++) {
      const del = delivery[offset + d]!;
      const pick = pickup[offset + d]!;
      const own = del > pick ? del : pick;
      const a = own + this.delivery[nb + d]!;
      const b = this.load[nb + d]! + pick;
      this.load[base + d] = a > b ? a : b;
      this.delivery[base + d] = del + this.delivery[nb + d]!;
      this.pickup[base + d] = pick + this.pickup[nb + d]!;
    }
  }
}
