/**
 * Last resort when the search found no feasible plan: drop from each violating route the stops
 * whose removal cuts its violations most until it is feasible, then put each dropped stop back at
 * its cheapest feasible place, if any. What stays out is reported with a reason.
 */
import { routeCost, summariseRoute, totalExcess, withinTolerance } from '../evaluate.js';
import type { ProblemData, VehicleTypeData } from '../model.js';
import { Segment } from '../segments.js';
import type { UnassignedReason } from '../solution-types.js';

export function repairRoutes(
  problem: ProblemData, slots: number[][],
): { routes: number[][]; reasons: Map<number, UnassignedReason> } {
  const seg = new Segment(problem.nDims);
  const typeOfSlot: VehicleTypeData[] = [];
  for (const t of problem.vehicleTypes) for (let k = 0; k < t.slots; k++) typeOfSlot.push(t);
  const routes = slots.map((r) => r.slice());
  const violation = (route: number[], t: VehicleTypeData): number => {
    if (route.length === 0) return 0;
    summariseRoute(problem, t, route, route.length, seg);
    return totalExcess(seg, t);
  };
  const dropped: number[] = [];
  routes.forEach((route, r) => {
    const t = typeOfSlot[r]!;
    let v = violation(route, t);
    while (!withinTolerance(v) && route.length > 0) {
      let best = -1;
      let bestV = Infinity;
      for (let k = 0; k < route.length; k++) {
        const without = route.slice(0, k).concat(route.slice(k + 1));
        const w = violation(without, t);
        if (w < bestV) {
          bestV = w;
          best = k;
        }
      }
      dropped.push(route[best]!);
      route.splice(best, 1);
      v = bestV;
    }
  });
  const reasons = new Map<number, UnassignedReason>();
  dropped.sort((a, b) => a - b);
  for (const s of dropped) {
    let bestCost = Infinity;
    let bestSlot = -1;
    let bestPos = -1;
    routes.forEach((route, r) => {
      const t = typeOfSlot[r]!;
      summariseRoute(problem, t, route, route.length, seg);
      const before = routeCost(seg, t);
      for (let k = 0; k <= route.length; k++) {
        const candidate = route.slice(0, k).concat([s], route.slice(k));
        if (!withinTolerance(violation(candidate, t))) continue;
        const c = routeCost(seg, t) - before;
        if (c < bestCost) {
          bestCost = c;
          bestSlot = r;
          bestPos = k;
        }
      }
    });
    if (bestSlot >= 0) routes[bestSlot]!.splice(bestPos, 0, s);
    else reasons.set(s, routes.every((r) => r.length > 0) ? 'fleet-exhausted' : 'no-feasible-insertion');
  }
  return { routes, reasons };
}
