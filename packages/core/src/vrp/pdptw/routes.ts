/**
 * Routes of the shipment search and the moves it is made of: a request (a shipment's pick-up and
 * delivery, or one plain stop) inserted at its cheapest feasible place in a route, or taken out.
 * Each route keeps its prefix and suffix summaries (segments.ts), so a pair insertion at pick-up
 * position i and delivery position j costs O(1) from prefix(i) ⊕ p ⊕ stops[i..j) ⊕ d ⊕ suffix(j),
 * and the pick-up stays before its delivery on one route by construction. Feasibility and cost
 * are the one evaluator's (evaluate.ts).
 */
import type { ProblemData, VehicleTypeData } from '../model.js';
import { isFeasibleRoute, routeCost, summariseRoute, withinTolerance } from '../evaluate.js';
import { Segment } from '../segments.js';

/** The requests of a problem: pairs (first = pick-up, second = delivery) and single stops (second = -1). */
export interface Requests {
  count: number;
  first: Int32Array;
  second: Int32Array;
  /** Per stop: its request, or -1 for a stop the search leaves out (pre-checks). */
  of: Int32Array;
}

/** Groups the active stops into requests: one per shipment, one per plain stop. */
export function makeRequests(problem: ProblemData, active: Uint8Array): Requests {
  const first: number[] = [];
  const second: number[] = [];
  const of = new Int32Array(problem.nStops).fill(-1);
  for (let s = 0; s < problem.nStops; s++) {
    if (!active[s] || problem.shipmentRole[s] === 2) continue;
    const partner = problem.partner[s]!;
    if (partner >= 0 && !active[partner]) continue;
    of[s] = first.length;
    if (partner >= 0) of[partner] = first.length;
    first.push(s);
    second.push(partner);
  }
  return { count: first.length, first: Int32Array.from(first), second: Int32Array.from(second), of };
}

/** Where a request goes in one route: cost change and the positions (-1 when nowhere). */
export interface Insertion {
  delta: number;
  /** Pick-up (or the single stop) goes before index i of the current route, the delivery before index j ≥ i. */
  i: number;
  j: number;
}

/** One route per vehicle slot, with the summaries that make insertions O(1) each. */
export class RouteSet {
  readonly problem: ProblemData;
  readonly slotType: readonly VehicleTypeData[];
  readonly routes: number[][];
  /** Cost of each route (0 when empty). */
  readonly cost: Float64Array;
  private readonly prefix: Segment[][];
  private readonly suffix: Segment[][];
  private readonly a: Segment;
  private readonly b: Segment;
  private readonly scratch: number[] = [];
  private detour = new Float64Array(64);

  constructor(problem: ProblemData) {
    this.problem = problem;
    const types: VehicleTypeData[] = [];
    for (const t of problem.vehicleTypes) for (let k = 0; k < t.slots; k++) types.push(t);
    this.slotType = types;
    this.routes = types.map(() => []);
    this.cost = new Float64Array(types.length);
    const D = problem.nDims;
    this.prefix = types.map(() => []);
    this.suffix = types.map(() => []);
    this.a = new Segment(D);
    this.b = new Segment(D);
    for (let r = 0; r < types.length; r++) this.refresh(r);
  }

  get slots(): number {
    return this.routes.length;
  }

  /** Routes in use. */
  used(): number {
    let n = 0;
    for (const r of this.routes) if (r.length > 0) n++;
    return n;
  }

  total(): number {
    let sum = 0;
    for (let r = 0; r < this.cost.length; r++) sum += this.cost[r]!;
    return sum;
  }

  /** Copies the routes of `o` (same problem). */
  copyFrom(o: RouteSet): void {
    for (let r = 0; r < this.routes.length; r++) {
      const same = this.routes[r]!.length === o.routes[r]!.length && this.routes[r]!.every((s, k) => s === o.routes[r]![k]);
      if (same) continue;
      this.routes[r] = o.routes[r]!.slice();
      this.refresh(r);
    }
  }

  /** Rebuilds route r's summaries and cost after a change. */
  refresh(r: number): void {
    const p = this.problem;
    const type = this.slotType[r]!;
    const route = this.routes[r]!;
    const L = route.length;
    const prof = p.profiles[type.profile]!;
    const n = p.nLocations;
    const pre = this.prefix[r]!;
    const suf = this.suffix[r]!;
    while (pre.length < L + 1) pre.push(new Segment(p.nDims));
    while (suf.length < L + 1) suf.push(new Segment(p.nDims));
    pre[0]!.clear();
    pre[0]!.push(prof.distance, prof.duration, n, type.startLocation, 0, type.startEarly, type.startLate, null, null, 0, 0);
    for (let k = 0; k < L; k++) {
      pre[k + 1]!.copyFrom(pre[k]!);
      this.pushStop(pre[k + 1]!, type, route[k]!);
    }
    suf[L]!.clear();
    suf[L]!.push(prof.distance, prof.duration, n, type.endLocation, 0, type.endEarly, type.endLate, null, null, 0, 0);
    for (let k = L - 1; k >= 0; k--) {
      const s = suf[k]!;
      s.clear();
      this.pushStop(s, type, route[k]!);
      s.append(prof.distance, prof.duration, n, suf[k + 1]!);
    }
    if (L === 0) this.cost[r] = 0;
    else if (this.exact(type)) {
      summariseRoute(p, type, route, L, this.a);
      this.cost[r] = routeCost(this.a, type);
    } else {
      this.a.copyFrom(pre[L]!);
      this.a.append(prof.distance, prof.duration, n, suf[L]!);
      this.cost[r] = routeCost(this.a, type);
    }
  }

  /** Several windows per stop, or breaks: the summaries are a relaxation, the exact schedule decides. */
  private exact(type: VehicleTypeData): boolean {
    return this.problem.multipleWindows || type.breaks.length > 0;
  }

  private pushStop(seg: Segment, type: VehicleTypeData, s: number): void {
    const p = this.problem;
    const prof = p.profiles[type.profile]!;
    const loc = p.nDepots + s;
    seg.push(prof.distance, prof.duration, p.nLocations, loc, p.serviceTime[loc]!, p.early[loc]!, p.late[loc]!,
      p.delivery, p.pickup, s * p.nDims, 1);
  }

  /**
   * The cheapest feasible place for the request (`first`, `second`; second -1 for a single stop)
   * in route r, into `out`; `out.i` is -1 when none fits. With several windows per stop or breaks
   * the summaries are a relaxation, so a better candidate is confirmed on the exact schedule.
   */
  bestInsertion(r: number, first: number, second: number, out: Insertion): void {
    out.delta = Infinity;
    out.i = -1;
    out.j = -1;
    const p = this.problem;
    const type = this.slotType[r]!;
    const lacks = p.skillMismatch[type.index];
    if (lacks && (lacks[first] || (second >= 0 && lacks[second]))) return;
    const route = this.routes[r]!;
    const L = route.length;
    const prof = p.profiles[type.profile]!;
    const n = p.nLocations;
    const pre = this.prefix[r]!;
    const suf = this.suffix[r]!;
    const old = this.cost[r]!;
    const a = this.a;
    const b = this.b;
    // Distance and travel time of an insertion are exact sums of arc detours; when the route's
    // duration costs nothing they price a candidate before its summary is built (most are dropped).
    const priced = type.costPerDuration === 0;
    const D = prof.distance;
    const T = prof.duration;
    const locAt = (k: number): number => (k < 0 ? type.startLocation : k >= L ? type.endLocation : p.nDepots + route[k]!);
    const fixed = L === 0 ? type.fixedCost : 0;
    if (this.detour.length < 2 * (L + 2)) this.detour = new Float64Array(4 * (L + 2));
    const detour = this.detour;
    // detour[j]: the delivery's cost before index j; detour[L + 1 + j]: the least of detour[j…L].
    const least = L + 1;
    const locSecond = second >= 0 ? p.nDepots + second : -1;
    if (priced && second >= 0) {
      for (let j = 0; j <= L; j++) {
        const u = locAt(j - 1);
        const v = locAt(j);
        detour[j] = type.costPerDistance * (D[u * n + locSecond]! + D[locSecond * n + v]! - D[u * n + v]!)
          + type.costPerTravelTime * (T[u * n + locSecond]! + T[locSecond * n + v]! - T[u * n + v]!);
      }
      detour[least + L + 1] = Infinity;
      for (let j = L; j >= 0; j--) detour[least + j] = Math.min(detour[j]!, detour[least + j + 1]!);
    }
    const locFirst = p.nDepots + first;
    for (let i = 0; i <= L; i++) {
      const u = locAt(i - 1);
      const v = locAt(i);
      const firstDetour = priced
        ? type.costPerDistance * (D[u * n + locFirst]! + D[locFirst * n + v]! - D[u * n + v]!)
          + type.costPerTravelTime * (T[u * n + locFirst]! + T[locFirst * n + v]! - T[u * n + v]!)
        : 0;
      if (priced && second < 0 && fixed + firstDetour >= out.delta) continue;
      const adjacent = priced && second >= 0
        ? fixed + type.costPerDistance * (D[u * n + locFirst]! + D[locFirst * n + locSecond]! + D[locSecond * n + v]! - D[u * n + v]!)
          + type.costPerTravelTime * (T[u * n + locFirst]! + T[locFirst * n + locSecond]! + T[locSecond * n + v]! - T[u * n + v]!)
        : -Infinity;
      // No delivery place after this pick-up place can beat the best found: next pick-up place.
      if (priced && second >= 0 && adjacent >= out.delta && fixed + firstDetour + detour[least + i + 1]! >= out.delta) continue;
      a.copyFrom(pre[i]!);
      this.pushStop(a, type, first);
      if (second < 0) {
        a.append(prof.distance, prof.duration, n, suf[i]!);
        this.consider(r, a, type, old, i, i, first, second, out);
        continue;
      }
      if (!withinTolerance(a.timeWarp) || !loadFits(a, type)) continue;
      for (let j = i; j <= L; j++) {
        const bound = !priced ? -Infinity : j > i ? fixed + firstDetour + detour[j]! : adjacent;
        if (bound < out.delta) {
          b.copyFrom(a);
          this.pushStop(b, type, second);
          b.append(prof.distance, prof.duration, n, suf[j]!);
          this.consider(r, b, type, old, i, j, first, second, out);
        }
        if (j === L || (priced && fixed + firstDetour + detour[least + j + 1]! >= out.delta)) break;
        this.pushStop(a, type, route[j]!);
        // Stops added between the pair only add lateness and load: nothing later fits either.
        if (!withinTolerance(a.timeWarp) || !loadFits(a, type)) break;
      }
    }
  }

  private consider(r: number, seg: Segment, type: VehicleTypeData, old: number, i: number, j: number, first: number, second: number, out: Insertion): void {
    if (!isFeasibleRoute(seg, type)) return;
    let delta = routeCost(seg, type) - old;
    if (delta >= out.delta) return;
    if (this.exact(type)) {
      const route = this.withInserted(r, first, second, i, j);
      summariseRoute(this.problem, type, route, route.length, this.b);
      if (!isFeasibleRoute(this.b, type)) return;
      delta = routeCost(this.b, type) - old;
      if (delta >= out.delta) return;
    }
    out.delta = delta;
    out.i = i;
    out.j = j;
  }

  private withInserted(r: number, first: number, second: number, i: number, j: number): number[] {
    const route = this.routes[r]!;
    const out = this.scratch;
    out.length = 0;
    for (let k = 0; k <= route.length; k++) {
      if (k === i) out.push(first);
      if (second >= 0 && k === j) out.push(second);
      if (k < route.length) out.push(route[k]!);
    }
    return out;
  }

  /** Inserts the request at the positions `bestInsertion` found. */
  insert(r: number, first: number, second: number, at: Insertion): void {
    this.routes[r] = this.withInserted(r, first, second, at.i, at.j).slice();
    this.refresh(r);
  }

  /** Takes the stops of a request out of route r (without refreshing; call `refresh`). */
  takeOut(r: number, first: number, second: number): void {
    const route = this.routes[r]!;
    let w = 0;
    for (let k = 0; k < route.length; k++) {
      const s = route[k]!;
      if (s !== first && s !== second) route[w++] = s;
    }
    route.length = w;
  }

  /**
   * removalGain of an arc-priced route in O(route length) arithmetic over the arcs, without the
   * schedule: the worst removal asks it for every request of the plan at every step, and on
   * routes with breaks or several windows a schedule each was 15 % of the search (n100-all).
   */
  private arcRemovalGain(r: number, first: number, second: number): number {
    const p = this.problem;
    const type = this.slotType[r]!;
    const route = this.routes[r]!;
    const L = route.length;
    let left = 0;
    for (const s of route) if (s !== first && s !== second) left++;
    if (left === 0) return this.cost[r]!;
    const prof = p.profiles[type.profile]!;
    const n = p.nLocations;
    const D = prof.distance;
    const T = prof.duration;
    // Per run of removed stops: the arcs driven through it less the arc that replaces it.
    let delta = 0;
    let kept = type.startLocation;
    let last = type.startLocation;
    let runD = 0;
    let runT = 0;
    for (let k = 0; k <= L; k++) {
      const s = k < L ? route[k]! : -1;
      const loc = k < L ? p.nDepots + s : type.endLocation;
      runD += D[last * n + loc]!;
      runT += T[last * n + loc]!;
      last = loc;
      if (k < L && (s === first || s === second)) continue;
      delta += type.costPerDistance * (runD - D[kept * n + loc]!) + type.costPerTravelTime * (runT - T[kept * n + loc]!);
      kept = loc;
      runD = 0;
      runT = 0;
    }
    return delta;
  }

  /** Cost saved by taking the request out of route r (the route's summaries stay untouched). */
  removalGain(r: number, first: number, second: number): number {
    const p = this.problem;
    const type = this.slotType[r]!;
    const route = this.routes[r]!;
    if (arcPriced(type)) return this.arcRemovalGain(r, first, second);
    const out = this.scratch;
    out.length = 0;
    for (const s of route) if (s !== first && s !== second) out.push(s);
    if (out.length === 0) return this.cost[r]!;
    summariseRoute(p, type, out, out.length, this.b);
    return this.cost[r]! - routeCost(this.b, type);
  }
}

/**
 * A route of this type costs its fixed cost plus a sum over its arcs (distance and travel time,
 * no duration or balance term): taking stops out changes the cost by arc detours alone, whatever
 * the schedule (waiting, breaks) becomes.
 */
function arcPriced(type: VehicleTypeData): boolean {
  return type.costPerDuration === 0 && type.balanceDuration === 0 && type.balanceStops === 0;
}

function loadFits(seg: Segment, type: VehicleTypeData): boolean {
  for (let d = 0; d < seg.nDims; d++) if (!withinTolerance(seg.load[d]! - type.capacity[d]!)) return false;
  return true;
}
