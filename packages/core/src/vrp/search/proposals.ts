/**
 * Proposals and their bounds, between the route store (route-store.ts) and the driver
 * (local-search.ts): what the operators use to price a move before applying it (candidate routes
 * built from stored summaries, lower bounds from distance and load alone), the rule of what counts
 * as a gain, and the bookkeeping of a move (exact re-pricing when summaries are optimistic,
 * counters, the debug check of the predicted cost).
 */
import { EPSILON, excessOver, loadExcessBound, penalisedRouteCost } from '../evaluate.js';
import type { ProfileData } from '../model.js';
import type { Segment } from '../segments.js';
import { RouteStore } from './route-store.js';
import { OPERATOR_NAMES } from './stats.js';
import type { OperatorStats } from './stats.js';

/**
 * Relative part of the smallest gain a move must bring. Under large penalties (the adapted ones
 * reach 1e9 per unit; repair uses ten times that) route costs are ~1e11 and the same cost summed
 * in another order differs by ~1e-4 (`(a + b) - a - b`): an absolute threshold of 1e-7 then
 * accepts rounding noise as a gain and two moves can undo each other forever (seen: vehicle swaps
 * on a 400-stop instance whose fleet is too short, issue 20). 1e-12 is ~5000 ulps.
 */
export const RELATIVE_GAIN = 1e-12;

/** The route store with the pricing and bookkeeping of moves (see the file's comment). */
export class Proposals extends RouteStore {
  /** Per-operator counters, when asked for (null: not kept, no cost). */
  stats: OperatorStats | null = null;
  /**
   * Debug: after every applied move, recompute the routes' cost and compare it with the move's
   * predicted delta (throws on a mismatch). Off in normal runs: it costs O(routes) per move.
   */
  check = false;
  private readonly snapRoutes = new Int32Array(2);
  private snapCount = 0;
  private readonly snapSeq: Int32Array[] = this.exact ? [new Int32Array(this.nStops), new Int32Array(this.nStops)] : [];
  private readonly snapLen = new Int32Array(2);
  private readonly snapModified = new Int32Array(2);
  private snapCost = 0;
  /** The guarded routes' own costs and slacks, restored as they were (no second simulation). */
  private readonly snapRouteCost = new Float64Array(2);
  private readonly snapSlack = new Float64Array(2);

  /** Before applying a move that touches routes ra and rb (rb may equal ra): remember them. */
  guard(ra: number, rb: number): void {
    if (!this.exact) return;
    this.snapCount = ra === rb ? 1 : 2;
    this.snapRoutes[0] = ra;
    this.snapRoutes[1] = rb;
    this.snapCost = 0;
    for (let i = 0; i < this.snapCount; i++) {
      const r = this.snapRoutes[i]!;
      this.snapLen[i] = this.readRoute(r, this.snapSeq[i]!);
      this.snapModified[i] = this.whenModified[r]!;
      this.snapCost += this.routeCost[r]!;
      this.snapRouteCost[i] = this.routeCost[r]!;
      this.snapSlack[i] = this.routeSlack[r]!;
    }
  }

  /**
   * After applying: keep the move if the exact cost (plus `offset`, e.g. a prize given up or
   * earned) dropped, else restore the routes.
   */
  confirm(offset = 0): boolean {
    if (!this.exact) return true;
    let cost = offset;
    for (let i = 0; i < this.snapCount; i++) cost += this.routeCost[this.snapRoutes[i]!]!;
    if (cost < this.snapCost - this.minGain(this.snapCost)) return true;
    for (let i = 0; i < this.snapCount; i++) {
      const r = this.snapRoutes[i]!;
      for (let x = this.next[this.startNode(r)]!; x < this.nStops; x = this.next[x]!) this.route[x] = -1;
    }
    for (let i = 0; i < this.snapCount; i++) {
      const r = this.snapRoutes[i]!;
      this.restoring = true;
      this.setRoute(r, this.snapSeq[i]!, this.snapLen[i]!);
      this.restoring = false;
      this.routeCost[r] = this.snapRouteCost[i]!;
      this.routeSlack[r] = this.snapSlack[i]!;
      this.whenModified[r] = this.snapModified[i]!;
    }
    return false;
  }

  // ---- Building candidate routes (used by the operators) ----

  /** seg := the route's prefix from its start depot up to and including `node`. */
  beginWith(seg: Segment, node: number): void {
    this.fwd.read(node, seg);
  }

  /** Appends one node using route r's matrices. */
  pushNode(seg: Segment, node: number, prof: ProfileData): void {
    if (node < this.nStops)
      seg.push(prof.distance, prof.duration, this.n, this.loc[node]!, this.service[node]!, this.early[node]!, this.late[node]!, this.problem.delivery, this.problem.pickup, node * this.nDims, 1);
    else seg.push(prof.distance, prof.duration, this.n, this.loc[node]!, 0, this.early[node]!, this.late[node]!, null, null, 0, 0);
  }

  /** Appends nodes from `from` to `to` inclusive along the list (forward). */
  pushRange(seg: Segment, from: number, to: number, prof: ProfileData): void {
    for (let x = from; ; x = this.next[x]!) {
      this.pushNode(seg, x, prof);
      if (x === to) break;
    }
  }

  /** Appends nodes from `to` back to `from` (the range reversed). */
  pushRangeReversed(seg: Segment, from: number, to: number, prof: ProfileData): void {
    for (let x = to; ; x = this.prev[x]!) {
      this.pushNode(seg, x, prof);
      if (x === from) break;
    }
  }

  /**
   * Appends the tail that starts at `x` (a stop, or an end depot for an empty tail) and then the end
   * depot of route `r`, in O(1) (x's suffix stored on r's matrices).
   */
  pushTail(seg: Segment, x: number, r: number): void {
    const prof = this.profileOf(r);
    if (x < this.nStops) {
      seg.appendStored(prof.distance, prof.duration, this.n, this.suffixStore(r, x), x);
    }
    this.pushNode(seg, this.endNode(r), prof);
  }

  /**
   * Lower bound on a route's new cost from its new distance alone (duration costs and penalties
   * are never negative): lets a move be dropped after a few matrix lookups.
   */
  distanceBound(r: number, newDistance: number, newLength: number): number {
    return (newLength > 0 ? this.routeFixedCost[r]! : 0) + this.routeCostPerDistance[r]! * newDistance;
  }

  /**
   * Lower bound on the capacity penalty of route r after removing `outN` stops of `out` and adding
   * `inN` stops of `inRun`: the load on board is at least the total delivery (at the start) and at
   * least the total pickup (at the end).
   */
  loadPenaltyBound(r: number, inRun: Int32Array, inN: number, out: Int32Array, outN: number): number {
    if (this.plainCost) {
      // One dimension, deliveries only: the same sums without the loops over dimensions and pickups.
      const demand = this.problem.delivery;
      let load = this.fwd.delivery[this.endNode(r)]!;
      for (let k = 0; k < inN; k++) load += demand[inRun[k]!]!;
      for (let k = 0; k < outN; k++) load -= demand[out[k]!]!;
      return excessOver(load, this.routeCapacity[r]!) * this.penalties.capacity;
    }
    const D = this.nDims;
    const end = this.endNode(r) * D;
    const cap = this.types[this.routeType[r]!]!.capacity;
    const p = this.problem;
    let excess = 0;
    for (let d = 0; d < D; d++) {
      let del = this.fwd.delivery[end + d]!;
      let pick = this.fwd.pickup[end + d]!;
      for (let k = 0; k < inN; k++) {
        del += p.delivery[inRun[k]! * D + d]!;
        pick += p.pickup[inRun[k]! * D + d]!;
      }
      for (let k = 0; k < outN; k++) {
        del -= p.delivery[out[k]! * D + d]!;
        pick -= p.pickup[out[k]! * D + d]!;
      }
      excess += loadExcessBound(del, pick, cap[d]!);
    }
    return excess * this.penalties.capacity;
  }

  /**
   * With `reversible`: the penalised cost of route r with its stops in another order that is
   * `distance` long. Order changes nothing else there (no windows or durations, deliveries only),
   * so moves within a route are priced in O(1) rather than by re-summarising the stretch between
   * their ends: on X-n120-k6, 20 stops a route, those stretches are long.
   */
  reorderedCost(r: number, distance: number): number {
    if (this.plainCost) return this.plainRouteCost(r, this.routeLength[r]!, distance, this.fwd.delivery[this.endNode(r)]!);
    const seg = this.segC;
    this.fwd.read(this.endNode(r), seg);
    seg.distance = distance;
    return this.costOf(seg, r);
  }

  /**
   * With `plainCost`: the penalised cost of route r with `clients` stops, `distance` long and
   * `load` on board, the value `costOf` gives for its summary (time and balance terms are zero).
   */
  plainRouteCost(r: number, clients: number, distance: number, load: number): number {
    if (clients === 0) return 0;
    const cost = this.routeFixedCost[r]! + this.routeCostPerDistance[r]! * distance;
    const over = excessOver(load, this.routeCapacity[r]!);
    return over > 0 ? cost + this.penalties.capacity * over : cost;
  }

  /** Penalised cost of a complete candidate route for slot r. */
  costOf(seg: Segment, r: number): number {
    return penalisedRouteCost(seg, this.typeOf(r), this.penalties);
  }

  /**
   * The end of every two-stop move (`tryX`): if the evaluated change `delta` (from `started`,
   * `clock()`) improves, applies the move between u and v, keeps it if the exact cost agrees
   * (several windows per stop), and does the bookkeeping either way.
   */
  keepIfImproving(op: number, started: number, delta: number, u: number, v: number, apply: (ls: this, u: number, v: number) => void): boolean {
    let kept = false;
    let before = 0;
    if (this.improves(delta, this.route[u]!, this.route[v]!)) {
      before = this.costBefore();
      this.guard(this.route[u]!, this.route[v]!);
      apply(this, u, v);
      kept = this.confirm();
    }
    this.afterMove(op, started, kept, before, delta);
    return kept;
  }

  /** Operator bookkeeping before a move is applied: the total cost when checking, else 0. */
  costBefore(): number {
    return this.check && !this.exact ? this.totalCost() : 0;
  }

  /**
   * Operator bookkeeping after a move was evaluated (and perhaps applied): counters, and with
   * `check` the test that the routes now cost `before + delta`. With several windows per stop
   * the predicted delta is the summaries' (hull) estimate, so only the exact `confirm` counts.
   */
  afterMove(op: number, started: number, kept: boolean, before: number, delta: number): void {
    if (this.stats !== null) this.stats.record(op, started, kept);
    if (this.check && kept) this.verify(op, before, delta);
  }

  /** With `check`: throws unless the routes now cost `before + delta`. */
  verify(op: number, before: number, delta: number): void {
    if (!this.check || this.exact) return;
    const after = this.totalCost();
    const expected = before + delta;
    if (Math.abs(after - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
      throw new Error(`local search check: ${OPERATOR_NAMES[op]} predicted cost ${expected}, routes cost ${after}`);
    }
  }

  /**
   * The smallest change in penalised cost that counts as a gain for routes that cost `scale`
   * together: strict, and above the rounding noise of sums of that size (see RELATIVE_GAIN).
   */
  minGain(scale: number): number {
    return EPSILON + RELATIVE_GAIN * Math.abs(scale);
  }

  /** True when `delta`, a change of routes ra and rb (ra may equal rb), is a real gain. */
  improves(delta: number, ra: number, rb: number): boolean {
    const scale = ra === rb ? this.routeCost[ra]! : this.routeCost[ra]! + this.routeCost[rb]!;
    return delta < -this.minGain(scale);
  }

  /** Penalised cost of the routes plus the prizes of the optional stops they leave out. */
  objective(): number {
    let sum = this.totalCost();
    const p = this.problem;
    for (let s = 0; s < this.nStops; s++) if (this.active[s] && !p.required[s] && this.route[s]! < 0) sum += p.prize[s]!;
    return sum;
  }

  /** Start time for the counters (0 when they are off). */
  clock(): number {
    return this.stats !== null ? performance.now() : 0;
  }
}
