/**
 * One day's routes with prefix and suffix summaries (segments.ts), for the moves that the daily
 * local search does not know: inserting a visit on a day (completing a pattern after crossover),
 * removing one, and changing the demand of one (accumulated mail under another pattern). Each is
 * priced by the one evaluator (`penalisedRouteCost`) from O(1) concatenations.
 */
import type { Penalties } from '../evaluate.js';
import { penalisedRouteCost } from '../evaluate.js';
import type { ProblemData, VehicleTypeData } from '../model.js';
import { Segment } from '../segments.js';

/** Relative slack of the screen against a caller's limit (bestInsertion). */
const LIMIT_SLACK = 1e-9;

export interface Insertion {
  /** Change in penalised cost. */
  delta: number;
  route: number;
  /** Position in the route: the stop goes before the stop now at this index. */
  position: number;
}

/** Two routes with the same stops in the same order. */
function sameStops(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

export class DayRoutes {
  readonly view: ProblemData;
  readonly routes: number[][] = [];
  /** Route (slot) and position of each stop on this day, -1 when not visited. */
  readonly routeOf: Int32Array;
  readonly positionOf: Int32Array;
  private readonly slotType: VehicleTypeData[] = [];
  /** prefix[r][k]: start depot and the first k stops; suffix[r][k]: stops k… and the end depot. */
  private readonly prefix: Segment[][] = [];
  private readonly suffix: Segment[][] = [];
  private readonly cost: Float64Array;
  /**
   * Per route: its distance and its total delivery and pickup per dimension, for the lower bound
   * that screens insertions before they are priced (`insertionBound`).
   */
  private readonly distance: Float64Array;
  private readonly delivered: Float64Array;
  private readonly picked: Float64Array;
  private readonly scratch: Segment;
  /** The best place so far of the running `bestInsertion`. */
  private readonly found: Insertion = { delta: Infinity, route: -1, position: -1 };
  /** Places the running `bestInsertion` looked at (none: its granular places are not on this day). */
  private considered = 0;
  /** Per route: 1 when it changed since `load` (the local search then starts from those). */
  readonly changed: Uint8Array;
  private penalties: Penalties = { capacity: 1, timeWarp: 1, distance: 1 };

  /**
   * `fixedDemands`: the view's demands never change (no accumulated mail), so that `load` keeps
   * the summaries of a route it already holds unchanged and only prices it again.
   */
  constructor(view: ProblemData, private readonly fixedDemands = false) {
    this.view = view;
    for (const t of view.vehicleTypes) for (let k = 0; k < t.slots; k++) this.slotType.push(t);
    for (let r = 0; r < view.totalSlots; r++) {
      this.routes.push([]);
      this.prefix.push([]);
      this.suffix.push([]);
    }
    this.routeOf = new Int32Array(view.nStops).fill(-1);
    this.positionOf = new Int32Array(view.nStops).fill(-1);
    this.cost = new Float64Array(view.totalSlots);
    this.distance = new Float64Array(view.totalSlots);
    this.delivered = new Float64Array(view.totalSlots * view.nDims);
    this.picked = new Float64Array(view.totalSlots * view.nDims);
    this.scratch = new Segment(view.nDims);
    this.changed = new Uint8Array(view.totalSlots);
  }

  /**
   * Takes a day's routes. With fixed demands, a route equal to the one held keeps its summaries
   * and is only priced at the new penalties: most of a child's days come back from the local
   * search as they were (rebuilding every summary was 5 % of a pr10 run).
   */
  load(routes: readonly (readonly number[])[], penalties: Penalties): void {
    this.penalties = penalties;
    for (let r = 0; r < this.routes.length; r++) {
      const list = this.routes[r]!;
      const next = routes[r] ?? [];
      // (A route never summarised, even empty, has no summaries to keep.)
      if (this.fixedDemands && this.prefix[r]!.length > list.length && sameStops(list, next)) {
        this.price(r);
        continue;
      }
      // A stop of the old route that another route has taken already keeps that route.
      for (const s of list) {
        if (this.routeOf[s] === r) {
          this.routeOf[s] = -1;
          this.positionOf[s] = -1;
        }
      }
      list.length = 0;
      for (const s of next) list.push(s);
      this.update(r);
    }
    this.changed.fill(0);
  }

  export(): number[][] {
    return this.routes.map((r) => r.slice());
  }

  routeCost(r: number): number {
    return this.cost[r]!;
  }

  /** Recomputes positions, summaries and cost of route r (after a change or a demand change). */
  update(r: number): void {
    const v = this.view;
    const t = this.slotType[r]!;
    const prof = v.profiles[t.profile]!;
    const n = v.nLocations;
    const route = this.routes[r]!;
    const len = route.length;
    const pre = this.prefix[r]!;
    const suf = this.suffix[r]!;
    while (pre.length < len + 1) pre.push(new Segment(v.nDims));
    while (suf.length < len + 1) suf.push(new Segment(v.nDims));
    const seg = pre[0]!;
    seg.clear();
    seg.push(prof.distance, prof.duration, n, t.startLocation, 0, t.startEarly, t.startLate, null, null, 0, 0);
    for (let k = 0; k < len; k++) {
      const s = route[k]!;
      this.routeOf[s] = r;
      this.positionOf[s] = k;
      const next = pre[k + 1]!;
      next.copyFrom(pre[k]!);
      const loc = v.nDepots + s;
      next.push(prof.distance, prof.duration, n, loc, v.serviceTime[loc]!, v.early[loc]!, v.late[loc]!, v.delivery, v.pickup, s * v.nDims, 1);
    }
    const end = suf[len]!;
    end.clear();
    end.push(prof.distance, prof.duration, n, t.endLocation, 0, t.endEarly, t.endLate, null, null, 0, 0);
    for (let k = len - 1; k >= 0; k--) {
      const s = route[k]!;
      const here = suf[k]!;
      here.clear();
      const loc = v.nDepots + s;
      here.push(prof.distance, prof.duration, n, loc, v.serviceTime[loc]!, v.early[loc]!, v.late[loc]!, v.delivery, v.pickup, s * v.nDims, 1);
      here.append(prof.distance, prof.duration, n, suf[k + 1]!);
    }
    this.changed[r] = 1;
    this.price(r);
  }

  /** Cost, distance and loads of route r from its summaries (update, or load at new penalties). */
  private price(r: number): void {
    const v = this.view;
    const t = this.slotType[r]!;
    const prof = v.profiles[t.profile]!;
    const n = v.nLocations;
    const len = this.routes[r]!.length;
    const pre = this.prefix[r]!;
    const end = this.suffix[r]![len]!;
    const D = v.nDims;
    if (len === 0) {
      this.cost[r] = 0;
      this.distance[r] = 0;
      this.delivered.fill(0, r * D, r * D + D);
      this.picked.fill(0, r * D, r * D + D);
      return;
    }
    this.scratch.copyFrom(pre[len]!);
    this.scratch.append(prof.distance, prof.duration, n, end);
    this.cost[r] = penalisedRouteCost(this.scratch, t, this.penalties);
    this.distance[r] = this.scratch.distance;
    for (let k = 0; k < D; k++) {
      this.delivered[r * D + k] = this.scratch.delivery[k]!;
      this.picked[r * D + k] = this.scratch.pickup[k]!;
    }
  }

  /**
   * Lower bound on the change in route r's cost when a stop with demand `delivery`/`pickup`
   * joins it and its distance grows by `added`: the fixed and distance cost are exact, the
   * capacity penalty is at least that of the total delivery (on board at the start) or the total
   * pickup (at the end), and duration costs and the other penalties never go below 0. On p13 (417
   * stops, 7 days) pricing every granular place was 38 % of the run; most fail this bound.
   */
  private insertionBound(r: number, t: VehicleTypeData, added: number, delivery: Float64Array, pickup: Float64Array): number {
    const D = this.view.nDims;
    let excess = 0;
    for (let k = 0; k < D; k++) {
      const del = this.delivered[r * D + k]! + delivery[k]!;
      const pick = this.picked[r * D + k]! + pickup[k]!;
      const over = (del > pick ? del : pick) - t.capacity[k]!;
      if (over > 0) excess += over;
    }
    return t.fixedCost + t.costPerDistance * (this.distance[r]! + added) + this.penalties.capacity * excess - this.cost[r]!;
  }

  /** Cost of route r with stop s (demand `delivery`/`pickup` per dimension) put in at `position`, replacing `drop` stops there. */
  private priceWith(r: number, s: number, delivery: Float64Array, pickup: Float64Array, position: number, drop: number): number {
    const v = this.view;
    const t = this.slotType[r]!;
    const prof = v.profiles[t.profile]!;
    const n = v.nLocations;
    const seg = this.scratch;
    seg.copyFrom(this.prefix[r]![position]!);
    const loc = v.nDepots + s;
    seg.push(prof.distance, prof.duration, n, loc, v.serviceTime[loc]!, v.early[loc]!, v.late[loc]!, delivery, pickup, 0, 1);
    seg.append(prof.distance, prof.duration, n, this.suffix[r]![position + drop]!);
    return penalisedRouteCost(seg, t, this.penalties);
  }

  /**
   * Cheapest place for stop s (not on this day yet) with the given demand per visit. `near`, when
   * given, limits the places to both sides of those stops (granular) plus one empty route per type.
   * With a `limit`, only places that change the cost by less than it count: when none does, the
   * answer has route -1 and `delta` = `limit` (a lower bound). Pattern improvement asks with the
   * savings a pattern must beat, so that the screen (`insertionBound`) rejects most places unpriced.
   */
  bestInsertion(s: number, delivery: Float64Array, pickup: Float64Array, near: ArrayLike<number> | null, limit = Infinity): Insertion {
    const best = this.found;
    best.delta = limit;
    best.route = -1;
    best.position = -1;
    this.considered = 0;
    if (near === null) {
      for (let r = 0; r < this.routes.length; r++) {
        const len = this.routes[r]!.length;
        if (len === 0) continue;
        for (let k = 0; k <= len; k++) this.consider(r, k, s, delivery, pickup);
      }
    } else {
      for (let i = 0; i < near.length; i++) {
        const u = near[i]!;
        const r = this.routeOf[u]!;
        if (r < 0) continue;
        const k = this.positionOf[u]!;
        this.consider(r, k, s, delivery, pickup);
        this.consider(r, k + 1, s, delivery, pickup);
      }
    }
    let type = -1;
    for (let r = 0; r < this.routes.length; r++) {
      if (this.routes[r]!.length !== 0 || this.slotType[r]!.index === type) continue;
      type = this.slotType[r]!.index;
      this.consider(r, 0, s, delivery, pickup);
    }
    // None of the near stops is on this day and no route is empty: look everywhere.
    if (this.considered === 0 && near !== null) return this.bestInsertion(s, delivery, pickup, null, limit);
    if (best.route < 0 && limit === Infinity) throw new Error('DayRoutes.bestInsertion: the day has no vehicle');
    return { delta: best.delta, route: best.route, position: best.position };
  }

  /** Prices stop s at `position` of route r into `found` when it beats it (bestInsertion). */
  private consider(r: number, position: number, s: number, delivery: Float64Array, pickup: Float64Array): void {
    const v = this.view;
    const t = this.slotType[r]!;
    const prof = v.profiles[t.profile]!;
    const route = this.routes[r]!;
    const n = v.nLocations;
    const best = this.found;
    this.considered++;
    // Screen first: a lower bound on the change from the added legs and the loads alone.
    const a = position === 0 ? t.startLocation : v.nDepots + route[position - 1]!;
    const b = position === route.length ? t.endLocation : v.nDepots + route[position]!;
    const loc = v.nDepots + s;
    const added = prof.distance[a * n + loc]! + prof.distance[loc * n + b]! - prof.distance[a * n + b]!;
    // Against a caller's limit (nothing found yet) with a little slack: the bound is a sum of other
    // roundings than the price and can exceed it by ~1e-14, which would turn a tie into a miss.
    const screen = best.route < 0 ? best.delta + LIMIT_SLACK * (1 + Math.abs(best.delta)) : best.delta;
    if (this.insertionBound(r, t, added, delivery, pickup) >= screen) return;
    const delta = this.priceWith(r, s, delivery, pickup, position, 0) - this.cost[r]!;
    if (delta < best.delta) {
      best.delta = delta;
      best.route = r;
      best.position = position;
    }
  }

  /** Change in cost if stop s (on this day) left its route. */
  removalDelta(s: number): number {
    const r = this.routeOf[s]!;
    const k = this.positionOf[s]!;
    const route = this.routes[r]!;
    if (route.length === 1) return -this.cost[r]!;
    const t = this.slotType[r]!;
    const prof = this.view.profiles[t.profile]!;
    const seg = this.scratch;
    seg.copyFrom(this.prefix[r]![k]!);
    seg.append(prof.distance, prof.duration, this.view.nLocations, this.suffix[r]![k + 1]!);
    return penalisedRouteCost(seg, t, this.penalties) - this.cost[r]!;
  }

  /** Change in cost if stop s (on this day) carried another demand where it is. */
  demandChangeDelta(s: number, delivery: Float64Array, pickup: Float64Array): number {
    const r = this.routeOf[s]!;
    return this.priceWith(r, s, delivery, pickup, this.positionOf[s]!, 1) - this.cost[r]!;
  }

  /** Change in cost if stop `by` (demand `delivery`/`pickup`) took stop s's place on its route. */
  replacementDelta(s: number, by: number, delivery: Float64Array, pickup: Float64Array): number {
    const r = this.routeOf[s]!;
    return this.priceWith(r, by, delivery, pickup, this.positionOf[s]!, 1) - this.cost[r]!;
  }

  /**
   * Lower bound on `replacementDelta(s, by, …)` with `by`'s demand `delivery`/`pickup` (no
   * accumulated mail: s's own is the view's): the distance change is exact, the capacity penalty
   * at least that of the new totals, the rest never below 0 (as `insertionBound`).
   */
  replacementBound(s: number, by: number, delivery: Float64Array, pickup: Float64Array): number {
    const v = this.view;
    const r = this.routeOf[s]!;
    const k = this.positionOf[s]!;
    const route = this.routes[r]!;
    const t = this.slotType[r]!;
    const dist = v.profiles[t.profile]!.distance;
    const n = v.nLocations;
    const a = k === 0 ? t.startLocation : v.nDepots + route[k - 1]!;
    const b = k === route.length - 1 ? t.endLocation : v.nDepots + route[k + 1]!;
    const ls = v.nDepots + s;
    const lb = v.nDepots + by;
    const added = dist[a * n + lb]! + dist[lb * n + b]! - dist[a * n + ls]! - dist[ls * n + b]!;
    const D = v.nDims;
    let excess = 0;
    for (let d = 0; d < D; d++) {
      const del = this.delivered[r * D + d]! - v.delivery[s * D + d]! + delivery[d]!;
      const pick = this.picked[r * D + d]! - v.pickup[s * D + d]! + pickup[d]!;
      const over = (del > pick ? del : pick) - t.capacity[d]!;
      if (over > 0) excess += over;
    }
    return t.fixedCost + t.costPerDistance * (this.distance[r]! + added) + this.penalties.capacity * excess - this.cost[r]!;
  }

  /** Stop `by` takes stop s's place (s leaves the day). */
  replace(s: number, by: number): void {
    const r = this.routeOf[s]!;
    this.routes[r]![this.positionOf[s]!] = by;
    this.routeOf[s] = -1;
    this.positionOf[s] = -1;
    this.update(r);
  }

  insert(s: number, at: Insertion): void {
    this.routes[at.route]!.splice(at.position, 0, s);
    this.update(at.route);
  }

  remove(s: number): void {
    const r = this.routeOf[s]!;
    this.routes[r]!.splice(this.positionOf[s]!, 1);
    this.routeOf[s] = -1;
    this.positionOf[s] = -1;
    this.update(r);
  }

  /** Total penalised cost of the day's routes. */
  total(): number {
    let sum = 0;
    for (let r = 0; r < this.cost.length; r++) sum += this.cost[r]!;
    return sum;
  }
}
