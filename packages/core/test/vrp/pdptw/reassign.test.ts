/**
 * Routes to vehicles (pdptw/reassign.ts): on random problems with every rule (several windows,
 * breaks with a load limit, skills, shipments, two load dimensions, duration / travel / distance
 * limits, shifts, profiles, fixed costs), the reassigned plan passes the independent checker,
 * serves the same stops in the same order, and costs what the cheapest of all the ways to give
 * the routes to the vehicles costs (every permutation of the slots tried).
 */
import { describe, expect, it } from 'vitest';
import { constructPlans } from '../../../src/vrp/construct/insertion.js';
import { createProblem } from '../../../src/vrp/model.js';
import { buildSolution, routesFromSlots } from '../../../src/vrp/solution.js';
import { RouteSet } from '../../../src/vrp/pdptw/routes.js';
import { costOn, reassignVehicles, VehiclePrices } from '../../../src/vrp/pdptw/reassign.js';
import { Segment } from '../../../src/vrp/segments.js';
import { checkSolution } from '../../support/check-solution.js';
import { randomProblem } from '../construct/random-problem.js';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]));
}

describe('reassignVehicles', () => {
  it('gives the routes the cheapest feasible vehicles, as every permutation of the slots would, and the checker agrees', () => {
    let changed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const input = randomProblem(300 + seed, 10 + (seed % 3) * 6);
      const problem = createProblem(input);
      const active = new Uint8Array(problem.nStops);
      for (let s = 0; s < problem.nStops; s++) active[s] = problem.stopReason[s] === null ? 1 : 0;
      // A plan that is not the cheapest: the constructions' last variant.
      const plans = constructPlans(problem, active);
      const plan = plans[plans.length - 1]!;
      const set = new RouteSet(problem);
      plan.routes.forEach((r, k) => {
        set.routes[k] = r.slice();
        set.refresh(k);
      });
      const before = set.routes.map((r) => r.slice());
      const n = set.slots;
      const seg = new Segment(problem.nDims);
      let least = Infinity;
      for (const p of permutations(n)) {
        let total = 0;
        for (let r = 0; r < n && total < Infinity; r++) if (before[r]!.length > 0) total += costOn(set, before[r]!, set.slotType[p[r]!]!, seg);
        least = Math.min(least, total);
      }
      const start = set.total();
      const moved = reassignVehicles(set, new VehiclePrices(set));
      if (moved) changed++;
      expect(set.total(), `seed ${seed}`).toBeCloseTo(Math.min(start, least), 6);
      // Same routes, perhaps on other slots.
      expect(set.routes.map((r) => r.join(',')).sort()).toEqual(before.map((r) => r.join(',')).sort());
      const solution = buildSolution(problem, routesFromSlots(problem, set.routes), () => 'no-feasible-insertion');
      const report = checkSolution(input, solution, { requireAllServed: false });
      expect(report.violations, `seed ${seed}`).toEqual([]);
      expect(report.cost).toBeCloseTo(set.total(), 6);
    }
    // Not vacuous: the constructions' plans can often be made cheaper this way.
    expect(changed).toBeGreaterThan(3);
  });
});
