import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/util/random.js';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemInput } from '../../src/vrp/input.js';
import { solve } from '../../src/vrp/solve.js';
import { constructSavings } from '../../src/vrp/construct/savings.js';
import { evaluatePlan } from '../../src/vrp/solution.js';
import type { SolutionResult } from '../../src/vrp/solution-types.js';
import type { SolveProgressEvent } from '../../src/vrp/search/hgs.js';

/** Euclidean (rounded) single-depot problem with optional windows; its own simple semantics below. */
function instance(seed: number, n: number, withWindows: boolean): ProblemInput {
  const rng = createRandom(seed);
  const size = n + 1;
  const xy = Array.from({ length: size }, () => [rng.int(100), rng.int(100)]);
  const d = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
  return {
    depots: [{ id: 'D', location: 0, timeWindow: [0, 400] }],
    stops: Array.from({ length: n }, (_, k) => {
      const a = Math.max(d[0]![k + 1]!, rng.int(200));
      return {
        id: `c${k + 1}`,
        location: k + 1,
        delivery: [1 + rng.int(6)],
        serviceTime: withWindows ? 10 : 0,
        ...(withWindows ? { timeWindows: [[a, a + 60] as [number, number]] } : {}),
      };
    }),
    vehicleTypes: [{ id: 'van', count: n, capacity: [12], startDepot: 'D' }],
    matrix: { size, distances: d },
  };
}

/** Route length if feasible (capacity, windows, depot closing), else Infinity. Independent of the solver. */
function routeLength(input: ProblemInput, route: number[]): number {
  const d = input.matrix.distances as number[][];
  const cap = input.vehicleTypes[0]!.capacity[0]!;
  let load = 0;
  let t = 0;
  let dist = 0;
  let at = 0;
  for (const s of route) {
    const stop = input.stops[s]!;
    load += stop.delivery![0]!;
    dist += d[at]![stop.location]!;
    t += d[at]![stop.location]!;
    const w = stop.timeWindows?.[0];
    if (w) {
      if (t > w[1]) return Infinity;
      t = Math.max(t, w[0]);
    }
    t += stop.serviceTime ?? 0;
    at = stop.location;
  }
  dist += d[at]![0]!;
  t += d[at]![0]!;
  if (load > cap || t > input.depots[0]!.timeWindow![1]) return Infinity;
  return dist;
}

/** Exhaustive optimum: every order of the stops, every way to cut it into routes. */
function enumerate(input: ProblemInput): number {
  const n = input.stops.length;
  let best = Infinity;
  const perm: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const recurse = (): void => {
    if (perm.length === n) {
      for (let mask = 0; mask < 1 << (n - 1); mask++) {
        let total = 0;
        let start = 0;
        for (let k = 1; k <= n && total < best; k++) {
          if (k === n || mask & (1 << (k - 1))) {
            total += routeLength(input, perm.slice(start, k));
            start = k;
          }
        }
        if (total < best) best = total;
      }
      return;
    }
    for (let s = 0; s < n; s++) {
      if (used[s]) continue;
      used[s] = true;
      perm.push(s);
      recurse();
      perm.pop();
      used[s] = false;
    }
  };
  recurse();
  return best;
}

function servedOnce(input: ProblemInput, result: SolutionResult): void {
  const ids = result.routes.flatMap((r) => r.stops).concat(result.unassigned.map((u) => u.id));
  expect(ids.slice().sort()).toEqual(input.stops.map((s) => s.id).sort());
}

describe('solve', () => {
  it.each([1, 2, 3])('finds the enumerated optimum of a 6-stop CVRP (seed %i)', (seed) => {
    const input = instance(seed, 6, false);
    const result = solve(createProblem(input), { seed: 1, maxIterations: 200 });
    expect(result.feasible).toBe(true);
    servedOnce(input, result);
    expect(result.distance).toBe(enumerate(input));
  });

  it.each([4, 5, 6])('finds the enumerated optimum of a 6-stop VRPTW (seed %i)', (seed) => {
    const input = instance(seed, 6, true);
    const optimum = enumerate(input);
    const result = solve(createProblem(input), { seed: 1, maxIterations: 200 });
    if (optimum === Infinity) return;
    expect(result.feasible).toBe(true);
    expect(result.unassigned).toEqual([]);
    expect(result.distance).toBe(optimum);
    for (const route of result.routes) {
      expect(routeLength(input, route.stops.map((id) => Number(id.slice(1)) - 1))).toBe(route.distance);
    }
  });

  it('is deterministic: same seed and iteration limit, same result', () => {
    const problem = createProblem(instance(11, 40, true));
    const a = solve(problem, { seed: 9, maxIterations: 60 });
    const b = solve(problem, { seed: 9, maxIterations: 60 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('reports its iterations; with debug.operatorStats counts every move; debug.check changes nothing', () => {
    const problem = createProblem(instance(13, 40, true));
    const plain = solve(problem, { seed: 4, maxIterations: 30 });
    expect(plain.search).toEqual({ iterations: 30 });
    const counted = solve(problem, { seed: 4, maxIterations: 30, debug: { operatorStats: true, check: true } });
    // The same search: counters and checks only watch.
    expect(counted.cost).toBe(plain.cost);
    expect(counted.routes.map((r) => r.stops)).toEqual(plain.routes.map((r) => r.stops));
    const ops = counted.search!.operators!;
    expect(Object.keys(ops)).toContain('swap-star');
    for (const name of ['relocate', 'swap', 'two-opt-star', 'swap-star']) {
      expect(ops[name]!.evaluated).toBeGreaterThan(0);
      expect(ops[name]!.applied).toBeLessThanOrEqual(ops[name]!.evaluated);
    }
    expect(Object.values(ops).reduce((a, o) => a + o.applied, 0)).toBeGreaterThan(0);
  });

  it('reports progress with the best cost, never increasing', () => {
    const events: SolveProgressEvent[] = [];
    solve(createProblem(instance(12, 30, false)), {
      maxIterations: 50,
      onProgress: (e) => events.push(e as SolveProgressEvent),
    });
    expect(events.length).toBeGreaterThan(0);
    const costs = events.map((e) => e.bestCost).filter((c): c is number => c !== null);
    for (let k = 1; k < costs.length; k++) expect(costs[k]!).toBeLessThanOrEqual(costs[k - 1]!);
    expect(events.every((e) => e.step === 'solve')).toBe(true);
  });

  it('stops on no improvement when no limit is given, and on the first of composed limits', () => {
    const problem = createProblem(instance(13, 12, false));
    const t0 = Date.now();
    const result = solve(problem, { maxIterationsWithoutImprovement: 30, maxIterations: 1_000_000 });
    expect(result.feasible).toBe(true);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('is never worse than savings, and savings is feasible', () => {
    for (const seed of [21, 22]) {
      const input = instance(seed, 35, seed === 22);
      const problem = createProblem(input);
      const savings = constructSavings(problem);
      expect(savings.feasible).toBe(true);
      servedOnce(input, savings);
      const result = solve(problem, { maxIterations: 40 });
      expect(result.cost).toBeLessThanOrEqual(savings.cost + 1e-9);
    }
  });

  it('never returns worse than a feasible warm start', () => {
    const input = instance(31, 25, true);
    const problem = createProblem(input);
    const start = constructSavings(problem);
    const warmStart = start.routes.map((r) => ({ vehicleType: r.vehicleType, stops: r.stops }));
    const result = solve(problem, { warmStart, maxIterations: 1 });
    expect(result.feasible).toBe(true);
    expect(result.cost).toBeLessThanOrEqual(start.cost + 1e-9);
    // The warm start re-evaluated in plan mode costs what savings reported.
    expect(evaluatePlan(problem, warmStart).cost).toBeCloseTo(start.cost, 9);
  });

  it('reports stops no vehicle can serve as unassigned with their reason, and routes the rest', () => {
    const input = instance(41, 8, false);
    input.stops[2]!.delivery = [99];
    const result = solve(createProblem(input), { maxIterations: 30 });
    expect(result.unassigned).toEqual([{ id: 'c3', reason: 'demand-exceeds-capacity' }]);
    expect(result.feasible).toBe(true);
    expect(result.routes.flatMap((r) => r.stops)).toHaveLength(7);
  });

  it('never uses more vehicles than a type has, leaving what does not fit unassigned', () => {
    const input = instance(42, 10, false);
    input.vehicleTypes[0]!.count = 1;
    input.vehicleTypes[0]!.capacity = [20];
    const result = solve(createProblem(input), { maxIterations: 50 });
    expect(result.routes.length).toBe(1);
    expect(result.feasible).toBe(true);
    expect(result.unassigned.length).toBeGreaterThan(0);
    for (const u of result.unassigned) expect(['no-feasible-insertion', 'fleet-exhausted']).toContain(u.reason);
    servedOnce(input, result);
  });

  it('drops optional stops whose prize does not pay for the detour, serves the ones that do', () => {
    const input: ProblemInput = {
      depots: [{ id: 'D', location: 0 }],
      stops: [
        { id: 'near', location: 1, delivery: [1] },
        { id: 'cheap', location: 2, delivery: [1], required: false, prize: 5 },
        { id: 'valuable', location: 3, delivery: [1], required: false, prize: 500 },
      ],
      vehicleTypes: [{ id: 'v', count: 2, capacity: [10], startDepot: 'D' }],
      matrix: { size: 4, distances: [[0, 10, 100, 60], [10, 0, 100, 60], [100, 100, 0, 150], [60, 60, 150, 0]] },
    };
    const result = solve(createProblem(input), { maxIterations: 20 });
    expect(result.unassigned).toEqual([{ id: 'cheap', reason: 'not-profitable' }]);
    expect(result.routes.flatMap((r) => r.stops).sort()).toEqual(['near', 'valuable']);
    expect(result.cost).toBe(10 + 60 + 60 + 5); // D→near→valuable→D, plus the skipped prize
  });

  it('handles open routes, pickups and two depots with their own vehicle types', () => {
    const input: ProblemInput = {
      depots: [{ id: 'west', location: 0 }, { id: 'east', location: 5 }],
      stops: [
        { id: 'w1', location: 1, delivery: [2], pickup: [3] },
        { id: 'w2', location: 2, delivery: [2], pickup: [3] },
        { id: 'e1', location: 3, delivery: [4] },
        { id: 'e2', location: 4, delivery: [4] },
      ],
      vehicleTypes: [
        { id: 'westVan', count: 1, capacity: [6], startDepot: 'west', endDepot: null },
        { id: 'eastVan', count: 1, capacity: [8], startDepot: 'east' },
      ],
      matrix: {
        size: 6,
        distances: [
          [0, 1, 2, 50, 51, 60],
          [1, 0, 1, 49, 50, 59],
          [2, 1, 0, 48, 49, 58],
          [50, 49, 48, 0, 1, 10],
          [51, 50, 49, 1, 0, 9],
          [60, 59, 58, 10, 9, 0],
        ],
      },
    };
    const result = solve(createProblem(input), { maxIterations: 30 });
    expect(result.feasible).toBe(true);
    const byType = Object.fromEntries(result.routes.map((r) => [r.vehicleType, r]));
    expect(byType.westVan!.stops).toEqual(['w1', 'w2']);
    expect(byType.westVan!.endDepot).toBeNull();
    expect(byType.westVan!.distance).toBe(2); // open: no way back
    expect(byType.westVan!.startLoad).toEqual([4]);
    expect(byType.westVan!.visits.map((v) => v.load)).toEqual([[5], [6]]);
    expect(byType.eastVan!.stops.slice().sort()).toEqual(['e1', 'e2']);
    expect(byType.eastVan!.distance).toBe(20);
    expect(result.cost).toBe(22);
  });

  it('serves a stop in its second window, waiting for it', () => {
    const input: ProblemInput = {
      depots: [{ id: 'D', location: 0 }],
      stops: [{ id: 'a', location: 1, timeWindows: [[0, 5], [100, 120]], serviceTime: 3 }],
      vehicleTypes: [{ id: 'v', count: 1, capacity: [1], startDepot: 'D', shift: [20, 500] }],
      matrix: { size: 2, distances: [[0, 10], [10, 0]] },
    };
    const result = solve(createProblem(input), { maxIterations: 5 });
    expect(result.feasible).toBe(true);
    const visit = result.routes[0]!.visits[0]!;
    expect(visit.start).toBe(100);
    expect(visit.departure).toBe(103);
    expect(result.routes[0]!.arrival).toBe(113);
  });

  it('rejects meaningless options with one clear error', () => {
    const problem = createProblem(instance(51, 5, false));
    expect(() => solve(problem, { timeLimit: -1 })).toThrow(/timeLimit must be a number of seconds > 0/);
    expect(() => solve(problem, { seed: 1.5 })).toThrow(/seed must be a whole number/);
    expect(() => solve(problem, { maxIterations: Number.NaN })).toThrow(/maxIterations/);
  });
});
