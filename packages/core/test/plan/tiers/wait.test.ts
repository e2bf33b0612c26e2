/**
 * Collection mode "wait" (the morning truck waits at its office and brings the goods back), on
 * tiny Euclidean cases against brute force: every assignment of the stops to the two offices and
 * every visiting order of each office's van, timed by hand here (trunk arrival, unloading,
 * sorting, the van's round, the truck's wait, loading and drive home within its shift). Then the
 * timing invariants on every result, and the independent checker on every tier.
 */
import { describe, expect, it } from 'vitest';
import { solveTwoTier } from '../../../src/plan/tiers/solve.js';
import type { TwoTierInput } from '../../../src/plan/tiers/model.js';
import { createRandom } from '../../../src/util/random.js';
import { checkSolution, type CheckProblem } from '../../support/check-solution.js';

interface Point { x: number; y: number }
const SERVICE = 5; // unloading and loading at an office
const SORTING = 7;

/**
 * Hub at 0, offices at 1 and 2 with 60 items of their own (a truck carries 100: one truck per
 * office), five stops of 2 items each, each with 1 item to collect; one van per office.
 */
function tinyInput(points: Point[], maxDuration: number): TwoTierInput {
  const size = points.length;
  const distances: number[] = [];
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) distances.push(Math.round(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)));
  const offices = [1, 2].map((k) => ({ id: `o${k}`, location: k, delivery: [60], pickup: [0], serviceTime: SERVICE }));
  const stops = points.slice(3).map((_, k) => ({ id: `s${k + 1}`, location: 3 + k, delivery: [2], pickup: [1], serviceTime: 0 }));
  return {
    dimensions: ['items'],
    hub: { id: 'hub', location: 0 },
    offices, stops,
    matrix: { size, distances, durations: distances },
    trunk: { vehicles: [{ id: 'truck', count: 2, capacity: [100], departure: 0, maxDuration, fixedCost: 0, costPerDistance: 1 }], collection: { mode: 'wait' } },
    delivery: {
      vehicles: offices.map((office) => ({ id: `van@${office.id}`, type: 'van', office: office.id, count: 1, capacity: [100], fixedCost: 0, costPerDistance: 1 })),
      assignment: 'free', tolerance: 0, sorting: SORTING,
    },
  };
}

/** Shortest closed tour from `depot` through `stops` (all orders). */
function bestTour(d: (a: number, b: number) => number, depot: number, stops: number[]): number {
  if (stops.length === 0) return 0;
  let best = Infinity;
  const permute = (rest: number[], at: number, acc: number): void => {
    if (rest.length === 0) {
      best = Math.min(best, acc + d(at, depot));
      return;
    }
    rest.forEach((next, k) => permute([...rest.slice(0, k), ...rest.slice(k + 1)], next, acc + d(at, next)));
  };
  permute(stops, depot, 0);
  return best;
}

/**
 * Every assignment, each van on its shortest tour (with durations = distances, the shortest tour
 * is also the earliest return, so no other order can help the truck). A truck's day: out to its
 * office, unload, wait for the van (it leaves after unloading + sorting), load, drive home.
 * Returns the least total distance among the days within `limit`, and the longest truck day of the
 * least-distance plan without a limit.
 */
function bruteForce(input: TwoTierInput, limit: number): { best: number; longestDayUnlimited: number; shortestLongestDay: number } {
  const d = (a: number, b: number): number => input.matrix.distances[a * input.matrix.size + b] as number;
  const n = input.stops.length;
  let best = Infinity;
  let unlimited = Infinity;
  let longestDayUnlimited = 0;
  let shortestLongestDay = Infinity;
  for (let code = 0; code < 2 ** n; code++) {
    let distance = 0;
    let longestDay = 0;
    for (const o of [1, 2]) {
      const mine = input.stops.filter((_, s) => ((code >> s) & 1) + 1 === o).map((stop) => stop.location);
      const out = d(0, o);
      const tour = bestTour(d, o, mine);
      const unloaded = out + SERVICE;
      const vanBack = mine.length > 0 ? unloaded + SORTING + tour : unloaded;
      // Goods to load only where the van collected some.
      const leaves = mine.length > 0 ? Math.max(unloaded, vanBack) + SERVICE : unloaded;
      const day = leaves + d(o, 0);
      distance += out + tour + d(o, 0);
      longestDay = Math.max(longestDay, day);
    }
    if (distance < unlimited || (distance === unlimited && longestDay < longestDayUnlimited)) {
      unlimited = distance;
      longestDayUnlimited = longestDay;
    }
    shortestLongestDay = Math.min(shortestLongestDay, longestDay);
    if (longestDay <= limit) best = Math.min(best, distance);
  }
  return { best, longestDayUnlimited, shortestLongestDay };
}

function points(seed: number): Point[] {
  const rng = createRandom(seed);
  const out: Point[] = [{ x: 50, y: 50 }, { x: 10, y: 20 }, { x: 90, y: 70 }];
  for (let s = 0; s < 5; s++) out.push({ x: rng.int(100), y: rng.int(100) });
  return out;
}

/** Timing invariants of a wait-mode result, from its routes alone. */
function expectWaitInvariants(input: TwoTierInput, result: ReturnType<typeof solveTwoTier>): void {
  const trunkRoutes = result.trunk.solution.routes;
  const unloaded = new Map(trunkRoutes.flatMap((route) => route.visits.map((v) => [v.id, v.departure] as const)));
  // No delivery route leaves before its trunk has unloaded plus the sorting.
  for (const route of result.delivery.routes) expect(route.departure).toBeGreaterThanOrEqual(unloaded.get(route.startDepot)! + input.delivery.sorting);
  const back = new Map<string, number>();
  for (const route of result.delivery.routes) back.set(route.startDepot, Math.max(back.get(route.startDepot) ?? 0, route.arrival));
  const legs = result.collection!.solution.routes;
  expect(legs).toHaveLength(trunkRoutes.length);
  legs.forEach((leg, k) => {
    const morning = trunkRoutes[k]!;
    // The same truck: its way back starts where and when its morning ends.
    expect(morning.endDepot).toBeNull();
    expect(leg.startDepot.startsWith(`${morning.stops[morning.stops.length - 1]}@`)).toBe(true);
    expect(leg.departure).toBe(morning.visits[morning.visits.length - 1]!.departure);
    expect(leg.endDepot).toBe('hub');
    // The goods are at the office before the truck loads them and leaves.
    for (const visit of leg.visits) expect(visit.start).toBeGreaterThanOrEqual(back.get(visit.id) ?? 0);
    // Its day includes the wait: morning + way back = hub to hub, within the shift.
    expect(morning.duration + leg.duration).toBe(leg.arrival - morning.departure);
    const waited = leg.visits.reduce((sum, v) => sum + (v.start - v.arrival), 0);
    expect(leg.duration).toBeGreaterThanOrEqual(waited + leg.visits.reduce((sum, v) => sum + (v.departure - v.start), 0));
    const shift = input.trunk.vehicles[0]!.maxDuration!;
    expect(leg.arrival - morning.departure).toBeLessThanOrEqual(shift);
  });
}

describe('collection mode "wait" against brute force', () => {
  let binding = 0;
  for (const seed of [3, 5, 8, 13, 21, 34]) {
    it(`case ${seed}`, () => {
      const pts = points(seed);
      const probe = bruteForce(tinyInput(pts, 1e9), 1e9);
      // A shift between the least possible longest day and the unlimited optimum's: it binds.
      const limit = probe.longestDayUnlimited > probe.shortestLongestDay ? Math.floor((probe.shortestLongestDay + probe.longestDayUnlimited) / 2) : probe.longestDayUnlimited;
      if (limit < probe.longestDayUnlimited) binding++;
      const input = tinyInput(pts, limit);
      const expected = bruteForce(input, limit).best;
      const result = solveTwoTier(input, { seed: 1, timeLimit: 5, maxIterationsWithoutImprovement: 300 });
      expect(result.delivery.unassigned).toEqual([]);
      const total = [...result.trunk.solution.routes, ...result.delivery.routes, ...result.collection!.solution.routes].reduce((sum, r) => sum + r.distance, 0);
      expect(total).toBe(expected);
      expect(result.collection!.solution.violations).toEqual([]);
      expectWaitInvariants(input, result);
      for (const run of [result.trunk, ...result.delivery.runs, result.collection!]) expect(checkSolution(run.problem as CheckProblem, run.solution).violations).toEqual([]);
    });
  }
  it('the shift binds in most of these cases (so that they test it)', () => {
    expect(binding).toBeGreaterThanOrEqual(3);
  });
});

describe('collection mode "wait": a shift too short is reported, not hidden', () => {
  it('the way back that cannot make the shift is a violation of the truck, and its office\'s villages stay unserved', () => {
    const input = tinyInput(points(3), 1e9);
    // Time to drive out and back and unload, but not to deliver anything.
    const d = (a: number, b: number): number => input.matrix.distances[a * input.matrix.size + b] as number;
    input.trunk.vehicles[0]!.maxDuration = Math.max(d(0, 1) + d(1, 0), d(0, 2) + d(2, 0)) + SERVICE + 1;
    const result = solveTwoTier(input, { seed: 1, timeLimit: 2, maxIterationsWithoutImprovement: 200 });
    expect(result.delivery.routes).toEqual([]);
    expect(result.delivery.unassigned.map((u) => u.id).sort()).toEqual(['s1', 's2', 's3', 's4', 's5']);
    // The trucks still come home, within their shift.
    expect(result.collection!.solution.routes).toHaveLength(2);
    expect(result.collection!.solution.violations).toEqual([]);
  });
});
