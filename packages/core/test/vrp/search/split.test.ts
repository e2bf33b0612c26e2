import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { Split } from '../../../src/vrp/search/split.js';
import { penalisedRouteCost, summariseRoute } from '../../../src/vrp/evaluate.js';
import { Segment } from '../../../src/vrp/segments.js';

function cvrp(seed: number, n: number, fleet: number): ProblemInput {
  const rng = createRandom(seed);
  const xy = Array.from({ length: n + 1 }, () => [rng.int(100), rng.int(100)]);
  return {
    depots: [{ id: 'D', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => ({ id: `s${k}`, location: k + 1, delivery: [1 + rng.int(9)] })),
    vehicleTypes: [{ id: 'v', count: fleet, capacity: [25], startDepot: 'D' }],
    matrix: { size: n + 1, distances: xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!)))) },
  };
}

/** Best split by brute force over all cut sets (n ≤ 12). */
function bestSplitCost(input: ProblemInput, tour: number[], pen: { capacity: number; timeWarp: number; distance: number }, maxRoutes: number): number {
  const problem = createProblem(input);
  const seg = new Segment(1);
  const type = problem.vehicleTypes[0]!;
  const n = tour.length;
  let best = Infinity;
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    let routes = 1;
    for (let k = 0; k < n - 1; k++) if (mask & (1 << k)) routes++;
    if (routes > maxRoutes) continue;
    let total = 0;
    let start = 0;
    for (let k = 1; k <= n; k++) {
      if (k === n || mask & (1 << (k - 1))) {
        const part = tour.slice(start, k);
        summariseRoute(problem, type, part, part.length, seg);
        total += penalisedRouteCost(seg, type, pen);
        start = k;
      }
    }
    best = Math.min(best, total);
  }
  return best;
}

describe('Split', () => {
  it.each([1, 2, 3, 4])('linear split is optimal for the giant tour (seed %i)', (seed) => {
    const input = cvrp(seed, 11, 11);
    const problem = createProblem(input);
    const rng = createRandom(seed);
    const tour = Array.from({ length: 11 }, (_, k) => k).sort(() => rng.next() - 0.5);
    const pen = { capacity: 3, timeWarp: 1, distance: 1 };
    const routes = new Split(problem).run(Int32Array.from(tour), 11, pen);
    const seg = new Segment(1);
    let total = 0;
    for (const r of routes) {
      summariseRoute(problem, problem.vehicleTypes[0]!, r, r.length, seg);
      total += penalisedRouteCost(seg, problem.vehicleTypes[0]!, pen);
    }
    expect(routes.flat()).toEqual(tour);
    expect(total).toBeCloseTo(bestSplitCost(input, tour, pen, 11), 9);
  });

  it('with a fixed fleet, uses at most that many routes and is optimal among such splits', () => {
    const input = cvrp(7, 10, 3);
    const problem = createProblem(input);
    const tour = [3, 1, 4, 0, 5, 9, 2, 6, 8, 7];
    const pen = { capacity: 2, timeWarp: 1, distance: 1 };
    const routes = new Split(problem).run(Int32Array.from(tour), 10, pen);
    expect(routes.filter((r) => r.length > 0).length).toBeLessThanOrEqual(3);
    const seg = new Segment(1);
    let total = 0;
    for (const r of routes) {
      summariseRoute(problem, problem.vehicleTypes[0]!, r, r.length, seg);
      total += penalisedRouteCost(seg, problem.vehicleTypes[0]!, pen);
    }
    expect(total).toBeCloseTo(bestSplitCost(input, tour, pen, 3), 9);
  });

  // The fleet-limited split prices each start's routes once and prunes the last vehicle's tails by
  // their load excess: check it against brute force where those shortcuts matter (pickups, a
  // shift limit, heavy and light capacity penalties, fleets of 1 to 4).
  it.each([11, 12, 13, 14, 15, 16])('with a fixed fleet, pickups and a shift limit it is optimal among such splits (seed %i)', (seed) => {
    const base = cvrp(seed, 10, 1 + (seed % 4));
    const rng = createRandom(seed * 31);
    const input: ProblemInput = {
      ...base,
      stops: base.stops.map((stop) => ({ ...stop, pickup: [rng.int(6)], serviceTime: 5 })),
      vehicleTypes: [{ ...base.vehicleTypes[0]!, maxDuration: 150 + rng.int(150) }],
    };
    const problem = createProblem(input);
    const tour = Array.from({ length: 10 }, (_, k) => k).sort(() => rng.next() - 0.5);
    for (const pen of [{ capacity: 0.2, timeWarp: 0.5, distance: 1 }, { capacity: 50, timeWarp: 20, distance: 1 }]) {
      const routes = new Split(problem).run(Int32Array.from(tour), 10, pen);
      expect(routes.flat().sort((a, b) => a - b)).toEqual(tour.slice().sort((a, b) => a - b));
      expect(routes.filter((r) => r.length > 0).length).toBeLessThanOrEqual(input.vehicleTypes[0]!.count!);
      const seg = new Segment(1);
      let total = 0;
      for (const r of routes) {
        summariseRoute(problem, problem.vehicleTypes[0]!, r, r.length, seg);
        total += penalisedRouteCost(seg, problem.vehicleTypes[0]!, pen);
      }
      expect(total).toBeCloseTo(bestSplitCost(input, tour, pen, input.vehicleTypes[0]!.count!), 9);
    }
  });
});
