/**
 * Clarke & Wright (1964) parallel savings: start with one route per stop, then join route ends in
 * order of decreasing saving d(i, depot) + d(depot, j) − d(i, j) as long as the joined route stays
 * feasible (capacity, time windows, shift and limits, checked by the one evaluator). With
 * symmetric matrices a route may be reversed to join. An instant first answer and a baseline.
 */
import { isFeasibleRoute, routeCost, summariseRoute } from '../evaluate.js';
import type { ProblemData, VehicleTypeData } from '../model.js';
import { Segment } from '../segments.js';
import type { SolutionResult, UnassignedReason } from '../solution-types.js';
import { buildSolution } from '../solution.js';
import type { PlannedRoute } from '../solution.js';

/**
 * Builds a plan with the savings heuristic, using the vehicle type with the most vehicles (then the
 * largest capacity) for the joins, then giving each route the cheapest type with a vehicle left.
 *
 * @example
 * const quick = constructSavings(problem);
 * console.log(quick.cost, quick.routes.length);
 */
export function constructSavings(problem: ProblemData): SolutionResult {
  const n = problem.nLocations;
  const seg = new Segment(problem.nDims);
  const types = problem.vehicleTypes.filter((t) => t.slots > 0);
  const reasons = new Map<number, UnassignedReason>();
  if (types.length === 0) {
    return buildSolution(problem, [], (s) => problem.stopReason[s] ?? 'fleet-exhausted');
  }
  const ref = types.reduce((a, b) => (b.slots > a.slots || (b.slots === a.slots && b.capacity[0]! > a.capacity[0]!) ? b : a));
  const prof = problem.profiles[ref.profile]!;
  const feasible = (route: number[], t: VehicleTypeData): boolean => {
    summariseRoute(problem, t, route, route.length, seg);
    return isFeasibleRoute(seg, t);
  };
  const routeOf = new Int32Array(problem.nStops).fill(-1);
  const routes: (number[] | null)[] = [];
  const stops: number[] = [];
  for (let s = 0; s < problem.nStops; s++) {
    if (problem.stopReason[s] !== null) continue;
    if (!feasible([s], ref)) {
      // Only another type can serve it; it gets its own route.
      routeOf[s] = routes.length;
      routes.push([s]);
      continue;
    }
    stops.push(s);
    routeOf[s] = routes.length;
    routes.push([s]);
  }
  const d = (a: number, b: number): number => prof.distance[a * n + b]!;
  // Reversing a route keeps its cost only if it starts and ends at the same place.
  const symmetric = problem.symmetric && ref.startLocation === ref.endLocation;
  const savings: { i: number; j: number; value: number }[] = [];
  for (const i of stops) {
    const li = problem.nDepots + i;
    for (const j of stops) {
      if (i === j || (symmetric && j < i)) continue;
      const lj = problem.nDepots + j;
      const value = d(li, ref.endLocation) + d(ref.startLocation, lj) - d(li, lj);
      if (value > 0) savings.push({ i, j, value });
    }
  }
  savings.sort((a, b) => b.value - a.value || a.i - b.i || a.j - b.j);
  for (const { i, j } of savings) {
    const ri = routeOf[i]!;
    const rj = routeOf[j]!;
    if (ri === rj) continue;
    const A = routes[ri]!;
    const B = routes[rj]!;
    const candidates: number[][] = [];
    if (A[A.length - 1] === i && B[0] === j) candidates.push(A.concat(B));
    if (symmetric) {
      if (A[0] === i && B[B.length - 1] === j) candidates.push(B.concat(A));
      if (A[A.length - 1] === i && B[B.length - 1] === j) candidates.push(A.concat([...B].reverse()));
      if (A[0] === i && B[0] === j) candidates.push([...A].reverse().concat(B));
    }
    for (const merged of candidates) {
      if (!feasible(merged, ref)) continue;
      routes[ri] = merged;
      routes[rj] = null;
      for (const s of merged) routeOf[s] = ri;
      break;
    }
  }
  // Assign routes to vehicles: heaviest first, each to the cheapest type that can run it.
  const list = routes.filter((r): r is number[] => r !== null);
  const weight = (r: number[]): number => r.reduce((sum, s) => sum + problem.delivery[s * problem.nDims]! + problem.pickup[s * problem.nDims]!, 0);
  list.sort((a, b) => weight(b) - weight(a) || a[0]! - b[0]!);
  const used = new Array<number>(problem.vehicleTypes.length).fill(0);
  const planned: PlannedRoute[] = [];
  for (const route of list) {
    let best: VehicleTypeData | null = null;
    let bestCost = Infinity;
    for (const t of types) {
      if (used[t.index]! >= t.slots || !feasible(route, t)) continue;
      const c = routeCost(seg, t);
      if (c < bestCost) {
        bestCost = c;
        best = t;
      }
    }
    if (best === null) {
      for (const s of route) reasons.set(s, types.every((t) => used[t.index]! >= t.slots) ? 'fleet-exhausted' : 'no-feasible-insertion');
      continue;
    }
    planned.push({ type: best.index, vehicle: used[best.index]!, stops: route });
    used[best.index]!++;
  }
  planned.sort((a, b) => a.type - b.type || a.vehicle - b.vehicle);
  return buildSolution(problem, planned, (s) => problem.stopReason[s] ?? reasons.get(s) ?? 'no-feasible-insertion');
}
