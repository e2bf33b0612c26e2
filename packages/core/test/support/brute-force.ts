/**
 * Exhaustive optimum for tiny routing problems (n ≤ 8 stops), to check the solver against.
 *
 * It enumerates every subset of stops a route can serve, every visiting order of that subset and
 * every vehicle type, then combines routes over all partitions of the stops (optional stops may be
 * left out for their prize), within each type's vehicle count. Routes are simulated by the
 * independent checker's `simulateRoute`; nothing comes from the solver.
 *
 * The departure time matters only when duration costs or limits meet waiting: the route's
 * duration never grows when the vehicle leaves later, so the best departure is the latest one
 * that keeps the route feasible; it is one of the times at which some arrival hits a window's end
 * (or the return hits the shift's end) with no waiting before it, which are all tried.
 */
import { depotLoad, routeTimeBounds, simulateRoute as simulateOnce, type CheckBreak, type CheckProblem, type RouteFigures } from './check-solution.js';

export interface BruteForceRoute { vehicleType: string; stops: string[]; departure: number; cost: number; breaks?: CheckBreak[] }
export interface BruteForceResult { cost: number; routes: BruteForceRoute[]; skipped: string[] }

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  const result: T[][] = [];
  items.forEach((item, k) => {
    for (const rest of permutations([...items.slice(0, k), ...items.slice(k + 1)])) result.push([item, ...rest]);
  });
  return result;
}

/** Cheapest feasible way for vehicle type `t` to serve exactly `ids`, or undefined. */
/** Every way to place `m` breaks, in order, over the gaps 0 … `gaps` of a route (nondecreasing). */
function placements(m: number, gaps: number): number[][] {
  if (m === 0) return [[]];
  const out: number[][] = [];
  const grow = (chosen: number[]): void => {
    if (chosen.length === m) {
      out.push(chosen.slice());
      return;
    }
    for (let g = chosen.length === 0 ? 0 : chosen[chosen.length - 1]!; g <= gaps; g++) {
      chosen.push(g);
      grow(chosen);
      chosen.pop();
    }
  };
  grow([]);
  return out;
}

export function bestRoute(problem: CheckProblem, t: number, ids: string[]): { stops: string[]; figures: RouteFigures; breaks: CheckBreak[] } | undefined {
  const type = problem.vehicleTypes[t]!;
  const stopById = new Map(problem.stops.map((s) => [s.id, s]));
  // Capacity at departure does not depend on the order.
  for (let k = 0; k < type.capacity.length; k++) {
    const load = ids.reduce((sum, id) => sum + (depotLoad(problem, id)[k] ?? 0), 0);
    if (load > type.capacity[k]!) return undefined;
  }
  const bounds = routeTimeBounds(problem, t);
  const timed = problem.stops.some((s) => (s.timeWindows?.length ?? 0) > 0) || bounds.latestEnd !== Number.POSITIVE_INFINITY;
  const durationMatters = (type.costPerDuration ?? 0) > 0 || type.maxDuration !== undefined || problem.balance?.by === 'duration';
  let best: { stops: string[]; figures: RouteFigures; breaks: CheckBreak[] } | undefined;
  // Every placement of the type's breaks (none for an empty route), each simulated on its own.
  const breakIds = (type.breaks ?? []).map((b) => b.id);
  const ways = ids.length === 0 ? [[]] : placements(breakIds.length, ids.length).map((p) => p.map((after, k) => ({ id: breakIds[k]!, after })));
  const byFigures = new Map<RouteFigures, CheckBreak[]>();
  const simulateRoute = (_p: CheckProblem, _t: number, order: string[], departure: number): RouteFigures[] =>
    ways.map((way) => {
      const f = simulateOnce(problem, t, order, departure, undefined, 1e-6, way);
      byFigures.set(f, way);
      return f;
    });
  for (const order of permutations(ids)) {
    const first = simulateRoute(problem, t, order, bounds.earliest);
    let candidates = first;
    if (timed && durationMatters) {
      // Latest departures worth trying: each arrival meeting a window end with no waiting before.
      const departures = new Set<number>();
      let prefix = 0;
      let location = problem.depots.find((d) => d.id === type.startDepot)!.location;
      const m = type.profile !== undefined ? problem.profiles![type.profile]! : problem.matrix;
      const durations = m.durations ?? m.distances;
      const travel = (a: number, b: number): number => {
        const row = (durations as number[][])[0];
        return Array.isArray(row) ? (durations as number[][])[a]![b]! : (durations as ArrayLike<number>)[a * m.size + b]!;
      };
      for (const id of order) {
        const stop = stopById.get(id)!;
        prefix += travel(location, stop.location);
        for (const w of stop.timeWindows ?? []) departures.add(w[1] - prefix);
        prefix += stop.serviceTime ?? 0;
        location = stop.location;
      }
      const endId = type.endDepot === undefined ? type.startDepot : type.endDepot;
      if (endId !== null) prefix += travel(location, problem.depots.find((d) => d.id === endId)!.location);
      departures.add(bounds.latestEnd - prefix);
      departures.add(bounds.latestDeparture);
      candidates = candidates.concat(
        [...departures].filter((d) => Number.isFinite(d) && d > bounds.earliest && d <= bounds.latestDeparture)
          .flatMap((d) => simulateRoute(problem, t, order, d)),
      );
    }
    for (const figures of candidates) {
      if (figures.violations.length > 0) continue;
      if (!best || figures.cost < best.figures.cost - 1e-9) best = { stops: order, figures, breaks: byFigures.get(figures)! };
    }
  }
  return best;
}

/**
 * The exact optimum of a tiny problem by exhaustive enumeration.
 *
 * @example
 * bruteForce(problem).cost; // the least total cost over all feasible plans
 */
export function bruteForce(problem: CheckProblem): BruteForceResult {
  const n = problem.stops.length;
  if (n > 10) throw new Error(`brute force is for tiny problems, got ${n} stops`);
  const types = problem.vehicleTypes;
  const full = (1 << n) - 1;
  // Best route per (subset, type).
  const routeCost: (ReturnType<typeof bestRoute>)[][] = [];
  for (let mask = 1; mask <= full; mask++) {
    const ids = problem.stops.filter((_, k) => mask & (1 << k)).map((s) => s.id);
    routeCost[mask] = types.map((_, t) => bestRoute(problem, t, ids));
  }
  const memo = new Map<string, BruteForceResult>();
  const impossible: BruteForceResult = { cost: Number.POSITIVE_INFINITY, routes: [], skipped: [] };
  const solveRest = (mask: number, left: number[]): BruteForceResult => {
    if (mask === 0) return { cost: 0, routes: [], skipped: [] };
    const key = `${mask}/${left.join(',')}`;
    const cached = memo.get(key);
    if (cached) return cached;
    let best = impossible;
    const lowest = Math.log2(mask & -mask);
    const stop = problem.stops[lowest]!;
    if (stop.required === false) {
      const rest = solveRest(mask & ~(1 << lowest), left);
      const cost = rest.cost + (stop.prize ?? 0);
      if (cost < best.cost) best = { cost, routes: rest.routes, skipped: [stop.id, ...rest.skipped] };
    }
    // Every block containing the lowest stop, with every vehicle type that has a vehicle left.
    const others = mask & ~(1 << lowest);
    for (let sub = others; ; sub = (sub - 1) & others) {
      const block = sub | (1 << lowest);
      types.forEach((type, t) => {
        const route = routeCost[block]![t];
        if (!route || left[t]! <= 0) return;
        const nextLeft = left.slice();
        nextLeft[t]! -= 1;
        const rest = solveRest(mask & ~block, nextLeft);
        const cost = route.figures.cost + rest.cost;
        if (cost < best.cost - 1e-9) {
          best = {
            cost,
            routes: [{ vehicleType: type.id, stops: route.stops, departure: route.figures.departure, cost: route.figures.cost, breaks: route.breaks }, ...rest.routes],
            skipped: rest.skipped,
          };
        }
      });
      if (sub === 0) break;
    }
    memo.set(key, best);
    return best;
  };
  return solveRest(full, types.map((t) => Math.min(t.count ?? 1, n)));
}
