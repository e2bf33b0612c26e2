/**
 * The local search's route store (local-search.ts): the routes as a doubly linked list over nodes
 * in flat typed arrays, each node with the summary of its route from the start up to it (prefix)
 * and from it to the last stop (suffix), each route with its penalised cost under the current
 * penalties, and on vehicles with different matrices each route's suffixes on the others' matrices
 * (computed when first asked for); loading and exporting routes, relinking a route and recomputing
 * its summaries and its sector around the depot (sectors.ts). The operators read it; only
 * `setRoute` and `updateRoute` write it.
 *
 * Node numbering: stops are nodes `0 … nStops-1`; route r's start depot is `nStops + 2r` and its
 * end `nStops + 2r + 1`. Routes are vehicle slots, grouped by type.
 */
import type { Random } from '../../util/random.js';
import type { Penalties } from '../evaluate.js';
import { penalisedRouteCost, simulateRoute, startTime } from '../evaluate.js';
import type { ProblemData, ProfileData, VehicleTypeData } from '../model.js';
import { Segment, SegmentStore } from '../segments.js';
import { RouteSectors } from './sectors.js';

/** A distance matrix as the local search reads it (see `compactDistances`). */
export type DistanceMatrix = Float64Array | Float32Array;

const compacted = new WeakMap<Float64Array, DistanceMatrix>();

/**
 * The matrix as 32-bit floats when every entry converts exactly (integer distances below 2^24,
 * as the rounded X instances'), else the matrix itself. The moves' screens read one or two
 * entries per arc at random: a matrix half the size stays in cache longer, and as each value
 * read is the same number, every sum and every decision is the same. Kept per matrix (a
 * problem's matrices are not changed once built).
 */
export function compactDistances(matrix: Float64Array): DistanceMatrix {
  let compact = compacted.get(matrix);
  if (compact === undefined) {
    compact = matrix;
    let exact = true;
    for (let k = 0; k < matrix.length; k++) {
      const x = matrix[k]!;
      if (Math.fround(x) !== x) {
        exact = false;
        break;
      }
    }
    if (exact) compact = Float32Array.from(matrix);
    compacted.set(matrix, compact);
  }
  return compact;
}

/** The routes of a local search and their summaries (see the file's comment). */
export class RouteStore {
  readonly problem: ProblemData;
  readonly nStops: number;
  readonly nRoutes: number;
  readonly nDims: number;
  readonly n: number;
  readonly routeType: Int32Array;
  readonly typeFirstRoute: Int32Array;
  readonly types: readonly VehicleTypeData[];
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly route: Int32Array;
  readonly pos: Int32Array;
  readonly loc: Int32Array;
  readonly service: Float64Array;
  readonly early: Float64Array;
  readonly late: Float64Array;
  readonly fwd: SegmentStore;
  readonly bwd: SegmentStore;
  /**
   * With vehicles on different matrices (VROOM's speed factors and costs): per profile used by some
   * route, every route's suffixes driven on that profile's matrices, so that another route's tail
   * joins a route in O(1) as it does on one profile (null: that profile is the only one, or unused).
   */
  readonly bwdByProfile: (SegmentStore | null)[];
  /** The profiles used by some route, when there are several (else empty). */
  private readonly otherProfiles: number[];
  /** Bumped at each update of a route; a route's suffixes on profile q are current when suffixVersion[q × routes + r] equals it. */
  private readonly routeVersion: Int32Array;
  private readonly suffixVersion: Int32Array;
  readonly routeLength: Int32Array;
  /**
   * The problem has shipments (a pick-up and its delivery on one route, the pick-up first) and the
   * search keeps them: the moves then keep every pair whole (`pairSafeCut`, `pairFree`) and the pair moves
   * (operators/relocate-shipment.ts) move shipments.
   */
  readonly paired: boolean;
  /**
   * Per node: the shipments picked up on its route up to it and not yet delivered. A route may be
   * cut after a node with none open without splitting a pair (2-opt*); kept by `updateRoute`.
   */
  readonly open: Int32Array;
  /**
   * Per node: the distance from its route's start to it along the route driven backwards arc by
   * arc (the sum of d(x, prev x)): with the forward prefix distance it prices the reversal of any
   * stretch in O(1) on asymmetric matrices (HGS-CVRP's reversal prefix sums).
   */
  readonly reversedDistance: Float64Array;
  /**
   * Per route: distance matrix, cost per distance and fixed cost of its type (for quick bounds
   * and the plain routes' sums). The matrix is a 32-bit copy when every distance fits one exactly
   * (`compactDistances`): the same values, half the cache.
   */
  readonly routeDistance: DistanceMatrix[];
  readonly routeCostPerDistance: Float64Array;
  readonly routeFixedCost: Float64Array;
  readonly routeProfile: Int32Array;
  /** Per route: its type's capacity in the first load dimension (the only one when `plainCost`). */
  readonly routeCapacity: Float64Array;
  readonly routeCost: Float64Array;
  /** Route cost beyond its fixed and distance costs (duration cost and penalties), ≥ 0. */
  readonly routeSlack: Float64Array;
  readonly whenModified: Int32Array;
  readonly whenSwapStar: Int32Array;
  readonly whenTested: Int32Array;
  readonly neighbours: Int32Array[];
  /** The neighbour lists in order of proximity (`neighbours` is reshuffled on every run). */
  readonly nearest: Int32Array[];
  readonly active: Uint8Array;
  penalties: Penalties = { capacity: 1, timeWarp: 1, distance: 1 };
  nbMoves = 0;
  /** Scratch segments for building candidate routes. */
  readonly segA: Segment;
  readonly segB: Segment;
  readonly segC: Segment;
  /** Scratch sequences for applying moves. */
  readonly seqA: Int32Array;
  readonly seqB: Int32Array;
  readonly seqC: Int32Array;
  readonly seqD: Int32Array;
  private readonly seqScratch: Int32Array;
  readonly rng: Random;
  /** SWAP*: which route pairs are listed this pass, and the list. */
  readonly pairSeen: Uint8Array;
  readonly useSwapStar: boolean;
  /**
   * The order of a route's stops changes only its distance (no windows, shifts or duration costs,
   * deliveries only): 2-opt* with reversal (HGS-CVRP's move 8) is then priced in O(1), and so are
   * moves within a route (`reorderedCost`).
   */
  readonly reversible: boolean;
  /**
   * A route's cost does not depend on time (the same conditions as `reversible`): the stored
   * summaries then keep place, distance and load only, their time fields stay neutral
   * (SegmentStore.neutralTime), which spares summarising a route the duration matrix and the
   * time merges.
   */
  readonly timeless: boolean;
  /**
   * Besides `timeless`, one load dimension and no distance limit or balance: a route costs its
   * fixed cost, its distance cost and its capacity penalty only, so the rankings of SWAP* (by
   * distance and load) price its moves exactly.
   */
  readonly plainCost: boolean;
  /** Per route: its summaries have been computed once (an empty slot's then never change). */
  private readonly summarised: Uint8Array;
  /** Symmetric matrices, and every route starts and ends at one place (for O(1) 2-opt* screens). */
  readonly commonDepot: boolean;
  /**
   * Some stop has several windows, or some type breaks: the summaries then see each such stop's
   * hull of windows and no breaks and are optimistic, so route costs are recomputed exactly
   * (forward simulation, breaks placed by breaks.ts) and a move is kept only if the exact cost
   * drops (see `guard` and `confirm`).
   */
  readonly exact: boolean;
  /** While a guarded route is put back (Proposals.confirm): its exact cost is the one remembered. */
  protected restoring = false;
  private readonly multiWindow: Uint8Array;
  /**
   * SWAP* insertion cache (HGS-CVRP): the three best places for stop u in route r, at
   * `(u * nRoutes + r) * 3`, valid while `swapStamp[u * nRoutes + r] > whenModified[r]`.
   * Null when nStops × nRoutes is too large to keep.
   */
  readonly swapTopCost: Float64Array | null;
  readonly swapTopAfter: Int32Array | null;
  readonly swapStamp: Int32Array | null;
  /**
   * Where the routes lie around a common depot (sectors.ts): SWAP* pairs only routes whose polar
   * sectors overlap, as HGS-CVRP, and the giant tour takes the routes in angular order.
   */
  readonly sectors: RouteSectors;
  /** SWAP*'s route pairs of the current pass (neighbourhoods.ts). */
  readonly pairList: Int32Array;

  /**
   * `keepPairs` false: the moves ignore shipments (a pair they split or reverse is the caller's to
   * mend; the polish over 100 stops works so, polish.ts).
   */
  constructor(problem: ProblemData, active: Uint8Array, neighbours: Int32Array[], rng: Random, useSwapStar = true, keepPairs = true) {
    this.problem = problem;
    this.nStops = problem.nStops;
    this.nDims = problem.nDims;
    this.types = problem.vehicleTypes;
    this.nRoutes = problem.totalSlots;
    this.n = problem.nLocations;
    this.active = active;
    this.neighbours = neighbours;
    this.nearest = neighbours.map((list) => list.slice());
    this.rng = rng;
    const N = this.nStops + 2 * this.nRoutes;
    this.routeType = new Int32Array(this.nRoutes);
    this.typeFirstRoute = new Int32Array(this.types.length + 1);
    let r = 0;
    for (const t of this.types) {
      this.typeFirstRoute[t.index] = r;
      for (let k = 0; k < t.slots; k++) this.routeType[r++] = t.index;
    }
    this.typeFirstRoute[this.types.length] = r;
    this.next = new Int32Array(N);
    this.prev = new Int32Array(N);
    this.route = new Int32Array(N).fill(-1);
    this.pos = new Int32Array(N);
    this.loc = new Int32Array(N);
    this.service = new Float64Array(N);
    this.early = new Float64Array(N);
    this.late = new Float64Array(N);
    for (let s = 0; s < this.nStops; s++) {
      const l = problem.nDepots + s;
      this.loc[s] = l;
      this.service[s] = problem.serviceTime[l]!;
      this.early[s] = problem.early[l]!;
      this.late[s] = problem.late[l]!;
    }
    for (let q = 0; q < this.nRoutes; q++) {
      const t = this.types[this.routeType[q]!]!;
      const a = this.nStops + 2 * q;
      this.loc[a] = t.startLocation;
      this.early[a] = t.startEarly;
      this.late[a] = t.startLate;
      this.loc[a + 1] = t.endLocation;
      this.early[a + 1] = t.endEarly;
      this.late[a + 1] = t.endLate;
      this.route[a] = q;
      this.route[a + 1] = q;
      this.next[a] = a + 1;
      this.prev[a + 1] = a;
    }
    this.fwd = new SegmentStore(N, this.nDims);
    this.bwd = new SegmentStore(N, this.nDims);
    this.routeLength = new Int32Array(this.nRoutes);
    this.paired = keepPairs && problem.shipmentCount > 0;
    this.open = new Int32Array(N);
    this.reversedDistance = new Float64Array(N);
    this.routeDistance = [];
    this.routeCostPerDistance = new Float64Array(this.nRoutes);
    this.routeFixedCost = new Float64Array(this.nRoutes);
    this.routeProfile = new Int32Array(this.nRoutes);
    this.routeCapacity = new Float64Array(this.nRoutes);
    for (let q = 0; q < this.nRoutes; q++) {
      const t = this.types[this.routeType[q]!]!;
      this.routeDistance.push(compactDistances(problem.profiles[t.profile]!.distance));
      this.routeCostPerDistance[q] = t.costPerDistance;
      this.routeFixedCost[q] = t.fixedCost;
      this.routeProfile[q] = t.profile;
      this.routeCapacity[q] = this.nDims > 0 ? t.capacity[0]! : Infinity;
    }
    const used = [...new Set(this.routeProfile)].sort((a, b) => a - b);
    this.otherProfiles = used.length > 1 ? used : [];
    this.routeVersion = new Int32Array(this.nRoutes);
    this.suffixVersion = new Int32Array(this.otherProfiles.length > 0 ? problem.profiles.length * this.nRoutes : 0).fill(-1);
    this.bwdByProfile = problem.profiles.map((_, q) => (this.otherProfiles.includes(q) ? new SegmentStore(N, this.nDims) : null));
    this.routeCost = new Float64Array(this.nRoutes);
    this.routeSlack = new Float64Array(this.nRoutes);
    this.whenModified = new Int32Array(this.nRoutes);
    this.whenSwapStar = new Int32Array(this.nRoutes);
    this.whenTested = new Int32Array(this.nStops);
    this.segA = new Segment(this.nDims);
    this.segB = new Segment(this.nDims);
    this.segC = new Segment(this.nDims);
    this.seqA = new Int32Array(this.nStops + 2);
    this.seqB = new Int32Array(this.nStops + 2);
    this.seqC = new Int32Array(this.nStops + 2);
    this.seqD = new Int32Array(this.nStops + 2);
    this.seqScratch = new Int32Array(this.nStops + 2);
    this.pairSeen = new Uint8Array(this.nRoutes * this.nRoutes);
    this.useSwapStar = useSwapStar;
    this.exact = problem.multipleWindows || problem.hasBreaks;
    this.multiWindow = new Uint8Array(this.nStops);
    for (let q = 0; q < this.nStops; q++) this.multiWindow[q] = problem.windowStart[q + 1]! - problem.windowStart[q]! > 1 ? 1 : 0;
    const cells = this.nStops * this.nRoutes;
    const cache = useSwapStar && cells <= 4_000_000;
    this.swapTopCost = cache ? new Float64Array(cells * 3) : null;
    this.swapTopAfter = cache ? new Int32Array(cells * 3) : null;
    this.swapStamp = cache ? new Int32Array(cells) : null;
    this.pairList = new Int32Array(useSwapStar ? (this.nRoutes * (this.nRoutes - 1)) / 2 + 1 : 0);
    const centre = this.types.length > 0 ? this.types[0]!.startLocation : -1;
    const oneCentre = this.types.every((t) => t.startLocation === centre && t.profile === this.types[0]!.profile);
    // Some stop has a window narrower than the day (no sectors then, see sectors.ts).
    let windows = false;
    for (let q = 0; q < this.nStops && !windows; q++) {
      if (this.early[q]! > this.types[0]!.startEarly || this.late[q]! < this.types[0]!.endLate) windows = true;
    }
    let pickups = false;
    for (let k = 0; k < problem.pickup.length && !pickups; k++) if (problem.pickup[k]! > 0) pickups = true;
    // A reversed stretch would put a delivery before its pick-up: shipments are never reversible.
    this.reversible = !windows && !pickups && !this.paired && !this.exact &&
      this.types.every((t) => t.costPerDuration === 0 && t.maxDuration === Infinity && t.endLate === Infinity &&
        t.costPerTravelTime === 0 && t.maxTravelTime === Infinity && t.balanceDuration === 0);
    this.timeless = this.reversible;
    if (this.timeless) {
      this.fwd.neutralTime();
      this.bwd.neutralTime();
      for (const store of this.bwdByProfile) store?.neutralTime();
    }
    this.summarised = new Uint8Array(this.nRoutes);
    this.plainCost = this.timeless && this.nDims === 1 && this.types.every((t) => t.maxDistance === Infinity && t.balanceStops === 0);
    this.commonDepot = problem.symmetric && oneCentre && this.types.every((t) => t.endLocation === centre);
    this.sectors = new RouteSectors(problem, this.loc, this.nRoutes, useSwapStar, windows);
  }

  startNode(r: number): number {
    return this.nStops + 2 * r;
  }

  endNode(r: number): number {
    return this.nStops + 2 * r + 1;
  }

  isClient(node: number): boolean {
    return node < this.nStops;
  }

  /** A route may be cut right after `node` (a stop or a start depot) without splitting a shipment. */
  pairSafeCut(node: number): boolean {
    return !this.paired || this.open[node] === 0;
  }

  /** Stop `s` is no shipment's: moving it alone keeps every pair whole. */
  pairFree(s: number): boolean {
    return !this.paired || this.problem.partner[s]! < 0;
  }

  typeOf(r: number): VehicleTypeData {
    return this.types[this.routeType[r]!]!;
  }

  profileOf(r: number): ProfileData {
    return this.problem.profiles[this.types[this.routeType[r]!]!.profile]!;
  }

  /** Loads routes (stop indices per slot); stops not listed are unrouted. */
  load(routes: readonly (readonly number[])[]): void {
    this.route.fill(-1, 0, this.nStops);
    // Move stamps only grow (the SWAP* cache compares them across runs).
    this.nbMoves++;
    for (let r = 0; r < this.nRoutes; r++) {
      const list = routes[r] ?? [];
      // An empty slot that stays empty keeps its summaries and cost (X instances have a slot per
      // stop, most of them empty).
      if (list.length === 0 && this.routeLength[r] === 0 && this.summarised[r]) {
        this.whenModified[r] = this.nbMoves;
        continue;
      }
      for (let k = 0; k < list.length; k++) this.seqA[k] = list[k]!;
      this.setRoute(r, this.seqA, list.length);
    }
  }

  /** The current routes, per slot. */
  exportRoutes(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.nRoutes; r++) {
      const list: number[] = [];
      for (let x = this.next[this.startNode(r)]!; x < this.nStops; x = this.next[x]!) list.push(x);
      out.push(list);
    }
    return out;
  }

  /** The order in which the routes enter an individual's giant tour (sectors.ts), or undefined (slot order). */
  tourOrder(): Int32Array | undefined {
    return this.sectors.tourOrder(this);
  }

  /** Writes the clients of route r into `into` (from index 0); returns the count. */
  readRoute(r: number, into: Int32Array): number {
    let k = 0;
    for (let x = this.next[this.startNode(r)]!; x < this.nStops; x = this.next[x]!) into[k++] = x;
    return k;
  }

  /** Replaces route r by the given clients, relinks and recomputes its summaries. */
  setRoute(r: number, clients: Int32Array, length: number): void {
    let p = this.startNode(r);
    for (let k = 0; k < length; k++) {
      const x = clients[k]!;
      this.next[p] = x;
      this.prev[x] = p;
      this.route[x] = r;
      p = x;
    }
    const end = this.endNode(r);
    this.next[p] = end;
    this.prev[end] = p;
    this.updateRoute(r);
  }

  /** Marks a stop as not served (after its route was rebuilt without it). */
  unroute(u: number): void {
    this.route[u] = -1;
  }

  /**
   * Recomputes positions, prefix and suffix summaries and the cost of route r: one pass forward
   * and one backward, each visit merged straight into the stores (no copies).
   */
  updateRoute(r: number): void {
    if (this.plainCost) {
      this.updatePlainRoute(r);
      return;
    }
    const prof = this.profileOf(r);
    const dist = prof.distance;
    const dur = prof.duration;
    const p = this.problem;
    const n = this.n;
    const D = this.nDims;
    const nStops = this.nStops;
    const fwd = this.fwd;
    const start = this.startNode(r);
    const end = this.endNode(r);
    const timeless = this.timeless;
    this.summarised[r] = 1;
    if (timeless) fwd.singleTimeless(start, this.loc[start]!, null, null, 0, 0);
    else fwd.single(start, this.loc[start]!, 0, this.early[start]!, this.late[start]!, null, null, 0, 0);
    this.pos[start] = 0;
    let k = 1;
    let prev = start;
    const reversed = this.reversedDistance;
    reversed[start] = 0;
    const role = p.shipmentRole;
    const open = this.open;
    open[start] = 0;
    for (let x = this.next[start]!; ; x = this.next[x]!) {
      this.pos[x] = k++;
      this.route[x] = r;
      open[x] = open[prev]! + (x < nStops ? (role[x] === 1 ? 1 : role[x] === 2 ? -1 : 0) : 0);
      reversed[x] = reversed[prev]! + dist[this.loc[x]! * n + this.loc[prev]!]!;
      if (timeless) fwd.extendTimeless(x, prev, dist, n, this.loc[x]!, x < nStops ? p.delivery : null, x < nStops ? p.pickup : null, x * D, x < nStops ? 1 : 0);
      else if (x < nStops) fwd.extend(x, prev, dist, dur, n, this.loc[x]!, this.service[x]!, this.early[x]!, this.late[x]!, p.delivery, p.pickup, x * D, 1);
      else fwd.extend(x, prev, dist, dur, n, this.loc[x]!, 0, this.early[x]!, this.late[x]!, null, null, 0, 0);
      if (x === end) break;
      prev = x;
    }
    this.routeLength[r] = k - 2;
    if (this.sectors.stopAngle !== null) this.sectors.update(this, r);
    // Suffixes from each stop to the last stop (the end depot is added by whoever uses them): on
    // the route's own matrices now, another profile's when first asked for (suffixStore).
    this.storeSuffixes(this.bwd, r, dist, dur);
    this.routeVersion[r]!++;
    this.whenModified[r] = this.nbMoves;
    this.updateCost(r);
  }

  /**
   * `updateRoute` where a route costs only distance and load (`plainCost`: one dimension, no
   * pickups, time fields neutral): the same summaries, summed in the same order, with the running
   * distance and load in locals rather than read back from the previous node's summary.
   */
  private updatePlainRoute(r: number): void {
    const dist = this.routeDistance[r]!;
    const n = this.n;
    const nStops = this.nStops;
    const loc = this.loc;
    const next = this.next;
    const prev = this.prev;
    const pos = this.pos;
    const route = this.route;
    const reversed = this.reversedDistance;
    const demand = this.problem.delivery;
    const symmetric = this.problem.symmetric;
    const { first: fFirst, last: fLast, clients: fClients, distance: fDistance, delivery: fDelivery, load: fLoad } = this.fwd;
    const start = this.startNode(r);
    const end = this.endNode(r);
    this.summarised[r] = 1;
    const startLoc = loc[start]!;
    fFirst[start] = startLoc;
    fLast[start] = startLoc;
    fClients[start] = 0;
    fDistance[start] = 0;
    fDelivery[start] = 0;
    fLoad[start] = 0;
    pos[start] = 0;
    reversed[start] = 0;
    let k = 1;
    let prevNode = start;
    let prevLoc = startLoc;
    let distance = 0;
    let back = 0;
    let load = 0;
    let clients = 0;
    for (let x = next[start]!; ; x = next[x]!) {
      const lx = loc[x]!;
      const arc = dist[prevLoc * n + lx]!;
      distance += arc;
      // Between two stops a symmetric matrix drives the arc back at the same length.
      back += symmetric && x < nStops && prevNode < nStops ? arc : dist[lx * n + prevLoc]!;
      pos[x] = k++;
      route[x] = r;
      reversed[x] = back;
      if (x < nStops) {
        load += demand[x]!;
        clients++;
      }
      fFirst[x] = startLoc;
      fLast[x] = lx;
      fClients[x] = clients;
      fDistance[x] = distance;
      fDelivery[x] = load;
      fLoad[x] = load;
      if (x === end) break;
      prevNode = x;
      prevLoc = lx;
    }
    this.routeLength[r] = k - 2;
    if (this.sectors.stopAngle !== null) this.sectors.update(this, r);
    // Suffixes from each stop to the last stop, summed backwards as `prependTimeless` does.
    const { first: bFirst, last: bLast, clients: bClients, distance: bDistance, delivery: bDelivery, load: bLoad } = this.bwd;
    bFirst[end] = -1;
    bLast[end] = -1;
    const last = prev[end]!;
    if (last < nStops) {
      const lastLoc = loc[last]!;
      let suffix = 0;
      let suffixLoad = 0;
      let count = 0;
      let nextLoc = lastLoc;
      for (let x = last; x < nStops; x = prev[x]!) {
        const lx = loc[x]!;
        if (count > 0) suffix = dist[lx * n + nextLoc]! + suffix;
        suffixLoad = demand[x]! + suffixLoad;
        count++;
        bFirst[x] = lx;
        bLast[x] = lastLoc;
        bClients[x] = count;
        bDistance[x] = suffix;
        bDelivery[x] = suffixLoad;
        bLoad[x] = suffixLoad;
        nextLoc = lx;
      }
    }
    this.routeVersion[r]!++;
    this.whenModified[r] = this.nbMoves;
    this.updateCost(r);
  }

  /** Route r's suffixes into `bwd`, driven on the matrices `dist` and `dur`. */
  private storeSuffixes(bwd: SegmentStore, r: number, dist: Float64Array, dur: Float64Array): void {
    const p = this.problem;
    const n = this.n;
    const D = this.nDims;
    const nStops = this.nStops;
    const end = this.endNode(r);
    bwd.first[end] = -1;
    bwd.last[end] = -1;
    const last = this.prev[end]!;
    if (last < nStops && this.timeless) {
      bwd.singleTimeless(last, this.loc[last]!, p.delivery, p.pickup, last * D, 1);
      for (let x = this.prev[last]!; x < nStops; x = this.prev[x]!) {
        bwd.prependTimeless(x, this.next[x]!, dist, n, this.loc[x]!, p.delivery, p.pickup, x * D);
      }
    } else if (last < nStops) {
      bwd.single(last, this.loc[last]!, this.service[last]!, this.early[last]!, this.late[last]!, p.delivery, p.pickup, last * D, 1);
      for (let x = this.prev[last]!; x < nStops; x = this.prev[x]!) {
        bwd.prepend(x, this.next[x]!, dist, dur, n, this.loc[x]!, this.service[x]!, this.early[x]!, this.late[x]!, p.delivery, p.pickup, x * D);
      }
    }
  }

  /** The store holding stop x's suffix (x to its route's last stop) driven on route r's matrices. */
  suffixStore(r: number, x: number): SegmentStore {
    const rx = this.route[x]!;
    const q = this.routeProfile[r]!;
    if (rx === r || this.routeProfile[rx] === q) return this.bwd;
    const store = this.bwdByProfile[q]!;
    const k = q * this.nRoutes + rx;
    if (this.suffixVersion[k] !== this.routeVersion[rx]) {
      const prof = this.problem.profiles[q]!;
      this.storeSuffixes(store, rx, prof.distance, prof.duration);
      this.suffixVersion[k] = this.routeVersion[rx]!;
    }
    return store;
  }

  /** Route r's penalised cost and slack from its stored summary, under the current penalties. */
  protected updateCost(r: number): void {
    const seg = this.segC;
    const end = this.endNode(r);
    this.fwd.read(end, seg);
    if (this.exact && !this.restoring) this.exactTimes(r, seg);
    this.routeCost[r] = penalisedRouteCost(seg, this.typeOf(r), this.penalties);
    this.routeSlack[r] = this.routeLength[r]! > 0
      ? Math.max(0, this.routeCost[r]! - this.routeFixedCost[r]! - this.routeCostPerDistance[r]! * seg.distance)
      : 0;
  }

  /** Replaces the summary's time warp and duration by an exact simulation if the route needs it. */
  private exactTimes(r: number, seg: Segment): void {
    const t = this.typeOf(r);
    let any = t.breaks.length > 0;
    let len = 0;
    for (let x = this.next[this.startNode(r)]!; x < this.nStops; x = this.next[x]!) {
      if (this.multiWindow[x]) any = true;
      this.seqScratch[len++] = x;
    }
    if (!any || len === 0) return;
    const sim = simulateRoute(this.problem, t, this.seqScratch, len, startTime(seg, t), null, true);
    seg.timeWarp = sim.timeWarp;
    seg.duration = sim.duration;
  }

  /** First empty slot of each type, or -1. */
  emptyRoute(type: number): number {
    for (let r = this.typeFirstRoute[type]!; r < this.typeFirstRoute[type + 1]!; r++) if (this.routeLength[r] === 0) return r;
    return -1;
  }

  /** Total penalised cost of the current routes (prizes not included). */
  totalCost(): number {
    let sum = 0;
    for (let r = 0; r < this.nRoutes; r++) sum += this.routeCost[r]!;
    return sum;
  }
}
