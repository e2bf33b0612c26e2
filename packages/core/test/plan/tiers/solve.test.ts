/**
 * The two-tier solver on tiny Euclidean cases, against brute force (every assignment of stops to
 * offices, every visiting order) and the independent checker (every tier's routes re-simulated
 * from the matrices: loads at every point in every dimension, release times, durations).
 */
import { describe, expect, it } from 'vitest';
import { solveTwoTier } from '../../../src/plan/tiers/solve.js';
import type { TwoTierInput } from '../../../src/plan/tiers/model.js';
import { createRandom } from '../../../src/util/random.js';
import { checkSolution, type CheckProblem } from '../../support/check-solution.js';

interface Point { x: number; y: number }

/** Hub at 0, offices at 1..k, stops after; Euclidean distances rounded to integers, durations = distances. */
function tinyInput(points: Point[], nOffices: number, options: { assignment: 'free' | 'administrative'; office?: (s: number) => string; capacity?: number; demands?: number[] }): TwoTierInput {
  const size = points.length;
  const distances: number[] = [];
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) distances.push(Math.round(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)));
  const offices = Array.from({ length: nOffices }, (_, k) => ({ id: `o${k + 1}`, location: k + 1, delivery: [0], pickup: [0], serviceTime: 0 }));
  const stops = points.slice(1 + nOffices).map((_, k) => {
    const stop: TwoTierInput['stops'][number] = { id: `s${k + 1}`, location: 1 + nOffices + k, delivery: [options.demands?.[k] ?? 1], pickup: [0], serviceTime: 0 };
    if (options.office) stop.office = options.office(k);
    return stop;
  });
  return {
    dimensions: ['items'],
    hub: { id: 'hub', location: 0 },
    offices, stops,
    matrix: { size, distances, durations: distances },
    trunk: { vehicles: [{ id: 'truck', count: 1, capacity: [1000], departure: 0, fixedCost: 0, costPerDistance: 1 }], collection: null },
    delivery: {
      vehicles: offices.map((office) => ({ id: `van@${office.id}`, type: 'van', office: office.id, count: 1, capacity: [options.capacity ?? 1000], fixedCost: 0, costPerDistance: 1 })),
      assignment: options.assignment, tolerance: 0, sorting: 0,
    },
  };
}

function tour(d: (a: number, b: number) => number, depot: number, stops: number[]): number {
  if (stops.length === 0) return 0;
  let best = Infinity;
  const permute = (rest: number[], at: number, acc: number): void => {
    if (acc >= best) return;
    if (rest.length === 0) {
      best = Math.min(best, acc + d(at, depot));
      return;
    }
    rest.forEach((next, k) => permute([...rest.slice(0, k), ...rest.slice(k + 1)], next, acc + d(at, next)));
  };
  permute(stops, depot, 0);
  return best;
}

/** One truck visits every office (all carry mail), one van per office; capacity per van. */
function bruteForce(input: TwoTierInput, capacity: number): number {
  const n = input.stops.length;
  const k = input.offices.length;
  const d = (a: number, b: number): number => input.matrix.distances[a * input.matrix.size + b] as number;
  const trunk = tour(d, 0, input.offices.map((o) => o.location));
  let best = Infinity;
  for (let code = 0; code < k ** n; code++) {
    const groups: number[][] = Array.from({ length: k }, () => []);
    const loads = new Array(k).fill(0);
    let c = code;
    let ok = true;
    for (let s = 0; s < n; s++) {
      const o = c % k;
      c = Math.floor(c / k);
      const stop = input.stops[s]!;
      if (stop.office !== undefined && input.delivery.assignment === 'administrative' && stop.office !== `o${o + 1}`) ok = false;
      groups[o]!.push(stop.location);
      loads[o] += stop.delivery[0]!;
    }
    if (!ok || loads.some((l) => l > capacity)) continue;
    best = Math.min(best, trunk + groups.reduce((sum, g, o) => sum + tour(d, o + 1, g), 0));
  }
  return best;
}

function totalDistance(result: ReturnType<typeof solveTwoTier>): number {
  return [...result.trunk.solution.routes, ...result.delivery.routes].reduce((sum, r) => sum + r.distance, 0);
}

describe('solveTwoTier against brute force', () => {
  const rng = createRandom(7);
  const cases = Array.from({ length: 6 }, (_, trial) => {
    const points: Point[] = [{ x: 50, y: 50 }, { x: 10, y: 10 }, { x: 90, y: 20 }];
    for (let s = 0; s < 5; s++) points.push({ x: rng.int(100), y: rng.int(100) });
    return { trial, points };
  });
  for (const { trial, points } of cases) {
    it(`free assignment, case ${trial}`, () => {
      const demands = [3, 2, 4, 1, 2];
      const capacity = trial % 2 === 0 ? 1000 : 7; // odd cases: the vans' capacity limits the split
      const input = tinyInput(points, 2, { assignment: 'free', capacity, demands });
      const result = solveTwoTier(input, { seed: 1, timeLimit: 5, maxIterationsWithoutImprovement: 200 });
      expect(result.delivery.unassigned).toEqual([]);
      expect(totalDistance(result)).toBe(bruteForce(input, capacity));
    });
    it(`administrative assignment, case ${trial}`, () => {
      const input = tinyInput(points, 2, { assignment: 'administrative', office: (s) => (s % 2 === 0 ? 'o1' : 'o2') });
      const result = solveTwoTier(input, { seed: 1, timeLimit: 5, maxIterationsWithoutImprovement: 200 });
      expect(totalDistance(result)).toBe(bruteForce(input, 1000));
      for (const stop of input.stops) expect(result.assignment.get(stop.id)).toBe(stop.office);
    });
  }
});

describe('solveTwoTier: every tier passes the independent checker', () => {
  it('with pickups in two dimensions, release times, a collection wave and shift limits', () => {
    const rng = createRandom(11);
    const points: Point[] = [{ x: 0, y: 0 }, { x: 600, y: 0 }, { x: 0, y: 600 }, { x: 600, y: 600 }];
    for (let s = 0; s < 18; s++) points.push({ x: rng.int(800), y: rng.int(800) });
    const input = tinyInput(points, 3, { assignment: 'free' });
    input.dimensions = ['items', 'kg'];
    for (const office of input.offices) {
      office.delivery = [20, 5];
      office.pickup = [0, 0];
      office.serviceTime = 60;
      office.latest = 1500;
    }
    input.stops.forEach((stop, k) => {
      stop.delivery = [5 + (k % 4), 2 * (k % 3)];
      stop.pickup = [k % 2, k % 5 === 0 ? 25 : 3];
      stop.serviceTime = 30;
      if (k % 4 === 0) stop.latest = 2500;
    });
    input.trunk.vehicles = [{ id: 'truck', count: 2, capacity: [300, 200], departure: 100, fixedCost: 100, costPerDistance: 1 }];
    input.trunk.collection = { mode: 'second-wave', departure: 3000, returnBy: 9000 };
    input.delivery.vehicles = input.offices.map((office) => ({ id: `van@${office.id}`, type: 'van', office: office.id, count: 3, capacity: [30, 40], maxDuration: 2500, fixedCost: 50, costPerDistance: 1 }));
    input.delivery.sorting = 120;
    const result = solveTwoTier(input, { seed: 2, timeLimit: 5, maxIterationsWithoutImprovement: 300 });
    expect(result.delivery.unassigned).toEqual([]);
    const runs = [result.trunk, ...result.delivery.runs, result.collection!];
    for (const run of runs) {
      const report = checkSolution(run.problem as CheckProblem, run.solution);
      expect(report.violations).toEqual([]);
    }
    // Loads fit at every point of every route, in both dimensions (on leaving, and after each stop).
    for (const run of runs) {
      for (const route of run.solution.routes) {
        const capacity = run.problem.vehicleTypes.find((t) => t.id === route.vehicleType)!.capacity;
        for (const load of [route.startLoad, ...route.visits.map((v) => v.load)]) load.forEach((x, d) => expect(x).toBeLessThanOrEqual(capacity[d]!));
      }
    }
    // No delivery route leaves before its office's trunk has unloaded and the mail is sorted.
    const unloaded = new Map(result.trunk.solution.routes.flatMap((route) => route.visits.map((v) => [v.id, v.departure] as const)));
    for (const route of result.delivery.routes) expect(route.departure).toBeGreaterThanOrEqual(unloaded.get(route.startDepot)! + 120);
    // The collection loads at an office only once its delivery routes are back, and carries every pick-up home.
    const back = new Map<string, number>();
    for (const route of result.delivery.routes) back.set(route.startDepot, Math.max(back.get(route.startDepot) ?? 0, route.arrival));
    for (const route of result.collection!.solution.routes) for (const visit of route.visits) expect(visit.start).toBeGreaterThanOrEqual(back.get(visit.id) ?? 0);
    const picked = input.stops.reduce((sum, s) => sum + s.pickup[1]!, 0);
    const home = result.collection!.solution.routes.reduce((sum, r) => sum + r.visits[r.visits.length - 1]!.load[1]!, 0);
    expect(home).toBe(picked);
  });
});
