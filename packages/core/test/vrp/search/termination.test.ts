/**
 * A local search ends, and a search's time limit holds inside it (issue 20: one local search on a
 * 400-stop instance with too few vehicles ran for eleven minutes past a 192-s limit, vehicle swaps
 * undoing each other on rounding noise under penalties of 1e9 per unit).
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { LocalSearch } from '../../../src/vrp/search/local-search.js';
import { nearestNeighbours } from '../../../src/vrp/search/neighbours.js';
import { solve } from '../../../src/vrp/solve.js';

/**
 * Like the repro, small: clustered stops with windows and two load dimensions, one vehicle
 * per type (so vehicle swaps run), capacities that repeat, and a shift too short for all the work.
 */
function shortFleet(seed: number, n: number, vehicles: number, shift: number): ProblemInput {
  const rng = createRandom(seed);
  const centres = Array.from({ length: 4 }, () => [rng.int(1000), rng.int(1000)]);
  const xy = [[500, 500], ...Array.from({ length: n }, () => {
    const c = centres[rng.int(4)]!;
    return [c[0]! + rng.int(150), c[1]! + rng.int(150)];
  })];
  const d = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!) * 3.7)));
  return {
    depots: [{ id: 'd', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => {
      const a = rng.int(shift - 600);
      return {
        id: `${k + 1}`, location: k + 1, delivery: [1 + rng.int(14), rng.int(6)], serviceTime: 120 + rng.int(180),
        ...(rng.int(3) > 0 ? { timeWindows: [[a, a + 600 + rng.int(1800)] as [number, number]] } : {}),
      };
    }),
    vehicleTypes: Array.from({ length: vehicles }, (_, v) => ({
      id: `v${v + 1}`, count: 1, capacity: [[100, 120, 150][v % 3]!, 30], startDepot: 'd', shift: [0, shift] as [number, number],
    })),
    matrix: { size: n + 1, distances: d },
  };
}

describe('local search termination', () => {
  it('ends under every penalty level, from every start, within a bounded number of passes', () => {
    const problem = createProblem(shortFleet(3, 120, 9, 9000));
    const active = new Uint8Array(problem.nStops).fill(1);
    const rng = createRandom(5);
    const ls = new LocalSearch(problem, active, nearestNeighbours(problem, active, 20), rng);
    const levels = [1e-3, 1, 1e3, 1e6, 1e9, 1e10];
    const routes = (): number[][] => {
      const out: number[][] = Array.from({ length: problem.totalSlots }, () => []);
      for (let s = 0; s < problem.nStops; s++) out[rng.int(problem.totalSlots)]!.push(s);
      return out;
    };
    let maxLoops = 0;
    for (let run = 0; run < 40; run++) {
      // Keep going from the last local optimum under new penalties, as education and repair do.
      const penalties = { capacity: levels[rng.int(6)]!, timeWarp: levels[rng.int(6)]!, distance: levels[rng.int(6)]! };
      ls.penalties = penalties;
      ls.load(run % 4 === 0 ? routes() : ls.exportRoutes());
      const before = ls.objective();
      // A safety net for this test only: a regression fails on `loops` instead of hanging.
      ls.deadline = performance.now() + 10_000;
      ls.run(penalties);
      maxLoops = Math.max(maxLoops, ls.loops);
      expect(ls.outOfTime()).toBe(false);
      expect(ls.objective()).toBeLessThanOrEqual(before);
    }
    expect(maxLoops).toBeLessThan(60);
  });
});

describe('time limit', () => {
  it('stops a local search at its deadline, routes intact', () => {
    const n = 900;
    const rng = createRandom(3);
    const xy = Array.from({ length: n + 1 }, () => [rng.int(1000), rng.int(1000)]);
    const d = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
    const problem = createProblem({
      depots: [{ id: 'd', location: 0 }],
      stops: Array.from({ length: n }, (_, k) => ({ id: `${k}`, location: k + 1, delivery: [1 + rng.int(9)] })),
      vehicleTypes: [{ id: 'v', count: 60, capacity: [100], startDepot: 'd' }],
      matrix: { size: n + 1, distances: d },
    });
    const active = new Uint8Array(n).fill(1);
    const ls = new LocalSearch(problem, active, nearestNeighbours(problem, active, 20), rng);
    const routes: number[][] = Array.from({ length: problem.totalSlots }, () => []);
    for (let s = 0; s < n; s++) routes[rng.int(problem.totalSlots)]!.push(s);
    const penalties = { capacity: 10, timeWarp: 10, distance: 10 };
    ls.load(routes);
    ls.run(penalties);
    const optimum = ls.objective();
    // A deadline already passed: the search stops within its first stops, far from the optimum
    // (a loop that ignored the deadline would reach it).
    ls.load(routes);
    ls.deadline = performance.now();
    let began = performance.now();
    ls.run(penalties);
    expect(performance.now() - began).toBeLessThan(200);
    expect(ls.objective()).toBeGreaterThan(optimum);
    expect(ls.loops).toBe(0);
    // A deadline 30 ms ahead holds too.
    ls.load(routes);
    ls.deadline = performance.now() + 30;
    began = performance.now();
    ls.run(penalties);
    expect(performance.now() - began).toBeLessThan(400);
    expect(ls.exportRoutes().flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, s) => s));
  });

  it('holds inside the local search, the initial population and the clean-up', () => {
    // One local search from a random start on 900 stops takes seconds here; the limit is 0.3 s.
    const problem = createProblem(shortFleet(7, 900, 12, 9000));
    const began = performance.now();
    const cpu = process.cpuUsage();
    const result = solve(problem, { timeLimit: 0.3, seed: 2 });
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const seconds = (performance.now() - began) / 1000;
    // Neighbour lists and Split come before the first check. CPU time, because a busy machine
    // stretches the wall clock (the test files run side by side): the clean-up alone (repair of a
    // plan 720 stops too large) took 7 s of it before it was bounded.
    expect(cpuSeconds).toBeLessThan(2);
    expect(seconds).toBeLessThan(10);
    expect(result.routes.length + result.unassigned.length).toBeGreaterThan(0);
  });
});
