/**
 * The local search's polish of shipment plans (vrp/polish.ts, polishShipments): it never leaves a
 * shipment split or reversed (up to 100 stops its moves keep every pair, so none leaves the plan;
 * over that, such pairs leave the plan), and the search that uses it in VROOM's order (solve with
 * serveMost and a time limit) answers plans that pass the independent checker, at 100 stops or
 * fewer as over.
 */
import { describe, expect, it } from 'vitest';
import { constructPlans } from '../../src/vrp/construct/insertion.js';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemData } from '../../src/vrp/model.js';
import { polishShipments } from '../../src/vrp/polish.js';
import { solve } from '../../src/vrp/solve.js';
import { createRandom } from '../../src/util/random.js';
import { checkSolution } from '../support/check-solution.js';
import { randomProblem } from './construct/random-problem.js';

function activeOf(problem: ProblemData): Uint8Array {
  const active = new Uint8Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) active[s] = problem.stopReason[s] === null ? 1 : 0;
  return active;
}

describe('polishShipments', () => {
  it('leaves every shipment whole (one route, the pick-up first) or out, and adds no shipment\'s stop', () => {
    let pairs = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const problem = createProblem(randomProblem(500 + seed, 40));
      expect(problem.shipmentCount).toBeGreaterThan(0);
      const active = activeOf(problem);
      const plan = constructPlans(problem, active)[0]!;
      const polished = polishShipments(problem, active, plan.routes, createRandom(seed));
      const given = new Set(plan.routes.flat());
      const where = new Map<number, [number, number]>();
      polished.forEach((route, r) => route.forEach((s, k) => where.set(s, [r, k])));
      expect(where.size).toBe(polished.flat().length);
      // The local search may put a plain optional stop in; a shipment's stops only come from the plan.
      for (const s of where.keys()) if (problem.partner[s]! >= 0) expect(given.has(s)).toBe(true);
      for (let s = 0; s < problem.nStops; s++) {
        if (problem.shipmentRole[s] !== 1) continue;
        const p = where.get(s);
        const d = where.get(problem.partner[s]!);
        expect(p === undefined, `seed ${seed}: stop ${s} and its delivery both in or both out`).toBe(d === undefined);
        if (p === undefined || d === undefined) continue;
        pairs++;
        expect(p[0]).toBe(d[0]);
        expect(p[1]).toBeLessThan(d[1]);
      }
    }
    expect(pairs).toBeGreaterThan(20);
  });

  it('up to 100 stops keeps every shipment of the plan (the moves keep pairs), and moves some', () => {
    let moved = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const problem = createProblem(randomProblem(900 + seed, 40));
      const active = activeOf(problem);
      const plan = constructPlans(problem, active)[0]!;
      const polished = polishShipments(problem, active, plan.routes, createRandom(seed));
      const before = new Set(plan.routes.flat().filter((s) => problem.partner[s]! >= 0));
      const after = new Set(polished.flat().filter((s) => problem.partner[s]! >= 0));
      expect([...after].sort((a, b) => a - b)).toEqual([...before].sort((a, b) => a - b));
      const routeOf = (routes: number[][], s: number): string => JSON.stringify(routes.find((r) => r.includes(s)));
      for (const s of before) if (problem.shipmentRole[s] === 1 && routeOf(plan.routes, s) !== routeOf(polished, s)) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('the search in VROOM\'s order with time to polish (over 100 stops) answers plans the independent checker accepts', () => {
    for (const [seed, n] of [[3, 120], [4, 120], [5, 60]] as const) {
      const input = randomProblem(700 + seed, n);
      const problem = createProblem(input);
      expect(problem.shipmentCount).toBeGreaterThan(0);
      const solution = solve(problem, { seed, timeLimit: 1.6, serveMost: true });
      expect(solution.feasible).toBe(true);
      expect(checkSolution(input, solution, { requireAllServed: false }).violations, `seed ${seed}`).toEqual([]);
    }
  });
});
