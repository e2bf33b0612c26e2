/**
 * Last resort when the search found no feasible plan: drop from each violating route the stops
 * whose removal cuts its violations most until it is feasible, then put each dropped stop back at
 * its cheapest feasible place, if any. What stays out is reported with a reason.
 *
 * Each route keeps the summaries of its prefixes and suffixes, so that a removal or an insertion
 * is priced in O(1) (PyVRP's concatenation); with several windows per stop the summaries only know
 * each stop's hull, and the route is then simulated exactly instead. At 900 stops and 12 vehicles
 * with 720 stops to drop, re-summarising every candidate took 7 s past a 0.3-s time limit.
 */
import { routeCost, summariseRoute, totalExcess, withinTolerance } from '../evaluate.js';
import type { ProblemData, VehicleTypeData } from '../model.js';
import { Segment } from '../segments.js';
import type { UnassignedReason } from '../solution-types.js';

/** A route with the summaries of its prefixes (`prefix[k]`: start … stop k-1) and suffixes (`suffix[k]`: stop k … end). */
class SummarisedRoute {
  readonly prefix: Segment[] = [];
  readonly suffix: Segment[] = [];
  /** Cost without penalties of the route as it is (0 when empty). */
  cost = 0;

  constructor(private readonly problem: ProblemData, readonly type: VehicleTypeData, readonly stops: number[], private readonly scratch: Segment) {
    this.update();
  }

  private segment(k: number, list: Segment[]): Segment {
    while (list.length <= k) list.push(new Segment(this.problem.nDims));
    return list[k]!;
  }

  private pushStop(seg: Segment, s: number): void {
    const p = this.problem;
    const prof = p.profiles[this.type.profile]!;
    const loc = p.nDepots + s;
    seg.push(prof.distance, prof.duration, p.nLocations, loc, p.serviceTime[loc]!, p.early[loc]!, p.late[loc]!, p.delivery, p.pickup, s * p.nDims, 1);
  }

  private pushDepot(seg: Segment, start: boolean): void {
    const p = this.problem;
    const prof = p.profiles[this.type.profile]!;
    const t = this.type;
    if (start) seg.push(prof.distance, prof.duration, p.nLocations, t.startLocation, 0, t.startEarly, t.startLate, null, null, 0, 0);
    else seg.push(prof.distance, prof.duration, p.nLocations, t.endLocation, 0, t.endEarly, t.endLate, null, null, 0, 0);
  }

  /** Recomputes the prefix and suffix summaries after `stops` changed. */
  update(): void {
    const len = this.stops.length;
    const first = this.segment(0, this.prefix);
    first.clear();
    this.pushDepot(first, true);
    for (let k = 0; k < len; k++) {
      const seg = this.segment(k + 1, this.prefix);
      seg.copyFrom(this.prefix[k]!);
      this.pushStop(seg, this.stops[k]!);
    }
    const last = this.segment(len, this.suffix);
    last.clear();
    this.pushDepot(last, false);
    const prof = this.problem.profiles[this.type.profile]!;
    for (let k = len - 1; k >= 0; k--) {
      const seg = this.segment(k, this.suffix);
      seg.clear();
      this.pushStop(seg, this.stops[k]!);
      seg.append(prof.distance, prof.duration, this.problem.nLocations, this.suffix[k + 1]!);
    }
    summariseRoute(this.problem, this.type, this.stops, len, this.scratch);
    this.cost = routeCost(this.scratch, this.type);
  }

  /** The route without stop k (or, with `insert`, with that stop put before position k) into `out`. */
  candidate(out: Segment, k: number, insert = -1): void {
    const p = this.problem;
    const prof = p.profiles[this.type.profile]!;
    if (p.multipleWindows) {
      const list = insert >= 0 ? [...this.stops.slice(0, k), insert, ...this.stops.slice(k)] : [...this.stops.slice(0, k), ...this.stops.slice(k + 1)];
      summariseRoute(p, this.type, list, list.length, out);
      return;
    }
    out.copyFrom(this.prefix[k]!);
    if (insert >= 0) this.pushStop(out, insert);
    out.append(prof.distance, prof.duration, p.nLocations, this.suffix[insert >= 0 ? k : k + 1]!);
  }
}

export function repairRoutes(
  problem: ProblemData, slots: number[][],
): { routes: number[][]; reasons: Map<number, UnassignedReason> } {
  const seg = new Segment(problem.nDims);
  const typeOfSlot: VehicleTypeData[] = [];
  for (const t of problem.vehicleTypes) for (let k = 0; k < t.slots; k++) typeOfSlot.push(t);
  const routes = slots.map((r, i) => new SummarisedRoute(problem, typeOfSlot[i]!, r.slice(), new Segment(problem.nDims)));
  const dropped: number[] = [];
  for (const route of routes) {
    const t = route.type;
    if (route.stops.length === 0) continue;
    summariseRoute(problem, t, route.stops, route.stops.length, seg);
    let v = totalExcess(seg, t);
    while (!withinTolerance(v) && route.stops.length > 0) {
      let best = -1;
      let bestV = Infinity;
      for (let k = 0; k < route.stops.length; k++) {
        route.candidate(seg, k);
        const w = route.stops.length === 1 ? 0 : totalExcess(seg, t);
        if (w < bestV) {
          bestV = w;
          best = k;
        }
      }
      dropped.push(route.stops[best]!);
      route.stops.splice(best, 1);
      route.update();
      v = bestV;
    }
  }
  const reasons = new Map<number, UnassignedReason>();
  dropped.sort((a, b) => a - b);
  for (const s of dropped) {
    let bestCost = Infinity;
    let bestRoute: SummarisedRoute | null = null;
    let bestPos = -1;
    for (const route of routes) {
      const t = route.type;
      for (let k = 0; k <= route.stops.length; k++) {
        route.candidate(seg, k, s);
        if (!withinTolerance(totalExcess(seg, t))) continue;
        const c = routeCost(seg, t) - route.cost;
        if (c < bestCost) {
          bestCost = c;
          bestRoute = route;
          bestPos = k;
        }
      }
    }
    if (bestRoute !== null) {
      bestRoute.stops.splice(bestPos, 0, s);
      bestRoute.update();
    } else reasons.set(s, routes.every((r) => r.stops.length > 0) ? 'fleet-exhausted' : 'no-feasible-insertion');
  }
  return { routes: routes.map((r) => r.stops), reasons };
}
