/**
 * Properties over random small problems that mix every feature at once: the engine's evaluator
 * and the independent checker must agree on any plan (feasible or not), whatever the solver
 * returns must pass the checker, and a feasible warm start is never made worse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProblem, evaluatePlan, solve } from '../../src/vrp/index.js';
import type { ProblemInput, RouteInput } from '../../src/vrp/input.js';
import { checkSolution } from '../support/check-solution.js';

/** A random problem: 1-2 depots, 2-7 stops, 1-3 vehicle types, windows, pickups, limits, profiles. */
const problemArbitrary: fc.Arbitrary<ProblemInput> = fc
  .record({
    depots: fc.integer({ min: 1, max: 2 }),
    points: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })), { minLength: 4, maxLength: 9 }),
    seedValues: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 80, maxLength: 80 }),
    types: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ depots, points, seedValues, types }) => {
    let k = 0;
    const next = (n: number): number => seedValues[k++ % seedValues.length]! % n;
    const size = points.length;
    const nDepots = Math.min(depots, size - 2);
    const d = points.map(([ax, ay]) => points.map(([bx, by]) => Math.round(Math.hypot(ax - bx, ay - by))));
    const slow = d.map((row) => row.map((x) => 2 * x));
    const input: ProblemInput = {
      depots: Array.from({ length: nDepots }, (_, i) => ({ id: `D${i}`, location: i, ...(next(3) === 0 ? { timeWindow: [0, 300 + next(300)] as [number, number] } : {}) })),
      stops: Array.from({ length: size - nDepots }, (_, i) => {
        const stop: ProblemInput['stops'][number] = { id: `s${i}`, location: nDepots + i, delivery: [next(5), next(3)] };
        if (next(3) === 0) stop.pickup = [next(4), next(2)];
        if (next(2) === 0) stop.serviceTime = next(10);
        if (next(3) === 0) {
          const a = next(200);
          stop.timeWindows = next(3) === 0 ? [[a, a + 40], [a + 100, a + 160]] : [[a, a + 80 + next(100)]];
        }
        if (next(5) === 0) {
          stop.required = false;
          stop.prize = next(100);
        }
        return stop;
      }),
      vehicleTypes: Array.from({ length: types }, (_, t) => {
        const open = next(4) === 0;
        const type: ProblemInput['vehicleTypes'][number] = {
          id: `T${t}`, count: 1 + next(3), capacity: [8 + next(10), 3 + next(4)], startDepot: `D${next(nDepots)}`,
          fixedCost: next(50), costPerDistance: 1 + next(2), costPerDuration: next(2) / 2,
        };
        if (open) type.endDepot = null;
        else if (nDepots > 1 && next(2) === 0) type.endDepot = `D${next(nDepots)}`;
        if (next(3) === 0) type.maxDuration = 150 + next(200);
        if (next(3) === 0) type.maxDistance = 100 + next(150);
        if (next(3) === 0) type.shift = [next(50), 400 + next(200)];
        if (next(3) === 0) type.profile = 'slow';
        return type;
      }),
      matrix: { size, distances: d },
      profiles: { slow: { size, distances: d, durations: slow } },
    };
    return input;
  });

/** Random plan for a problem: every stop to a random route (or left out), random order. */
function randomPlan(input: ProblemInput, picks: number[]): RouteInput[] {
  let k = 0;
  const pick = (n: number): number => picks[k++ % picks.length]! % n;
  const routes: RouteInput[] = input.vehicleTypes.flatMap((type) => Array.from({ length: type.count ?? 1 }, () => ({ vehicleType: type.id, stops: [] as string[] })));
  for (const stop of input.stops) {
    const r = pick(routes.length + 1);
    if (r < routes.length) routes[r]!.stops.splice(pick(routes[r]!.stops.length + 1), 0, stop.id);
  }
  return routes.filter((r) => r.stops.length > 0);
}

describe('engine and independent checker agree', () => {
  it('on random plans: same feasibility verdict, same figures', () => {
    fc.assert(
      fc.property(problemArbitrary, fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (input, picks) => {
        const plan = evaluatePlan(createProblem(input), randomPlan(input, picks));
        const report = checkSolution(input, plan, { requireAllServed: false });
        const figureMismatches = report.violations.filter((v) => /reported|missing|recomputed/.test(v));
        expect(figureMismatches).toEqual([]);
        const checkerSeesBreach = report.routes.some((r) => r.violations.length > 0) || report.violations.some((v) => /routes but only/.test(v));
        expect(checkerSeesBreach).toBe(!plan.feasible);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('on solver results: feasible or explained, every figure right', () => {
    fc.assert(
      fc.property(problemArbitrary, fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        const solution = solve(createProblem(input), { seed, maxIterations: 40, debug: { check: true } });
        const report = checkSolution(input, solution, { requireAllServed: false });
        expect(report.violations).toEqual([]);
        expect(solution.feasible).toBe(true);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('warm start', () => {
  it('the solver never returns worse than a feasible, complete warm start', () => {
    let used = 0;
    fc.assert(
      fc.property(problemArbitrary, fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (input, picks) => {
        const routes = randomPlan(input, picks);
        const plan = evaluatePlan(createProblem(input), routes);
        const required = new Set(input.stops.filter((s) => s.required !== false).map((s) => s.id));
        if (!plan.feasible || plan.unassigned.some((u) => required.has(u.id))) return;
        used++;
        const solution = solve(createProblem(input), { seed: 1, maxIterations: 5, warmStart: routes, debug: { check: true } });
        expect(checkSolution(input, solution, { requireAllServed: false }).violations).toEqual([]);
        expect(solution.cost).toBeLessThanOrEqual(plan.cost + 1e-6);
      }),
      { numRuns: 400, seed: 99 },
    );
    expect(used).toBeGreaterThan(50); // the property was exercised, not vacuously true
  });
});
