/**
 * Sequential construction (construct/sequential.ts, VROOM's `basic`): its plans keep every rule
 * (the independent checker, on the random problems of insertion.test.ts with every rule), the
 * vehicles are filled in turn, and the regret to the vehicles still to come sends a request to
 * the vehicle for which it is cheap compared with the others.
 */
import { describe, expect, it } from 'vitest';
import { constructPlans } from '../../../src/vrp/construct/insertion.js';
import type { InsertionVariant } from '../../../src/vrp/construct/insertion.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemData } from '../../../src/vrp/model.js';
import { buildSolution, routesFromSlots } from '../../../src/vrp/solution.js';
import { checkSolution } from '../../support/check-solution.js';
import { randomProblem } from './random-problem.js';

const VARIANTS: InsertionVariant[] = (['availability', 'cost'] as const).flatMap((order) =>
  [0, 1].map((lambda) => ({ regret: 2, seeding: 'none' as const, sequential: { order, lambda } })));

function activeOf(problem: ProblemData): Uint8Array {
  const active = new Uint8Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) active[s] = problem.stopReason[s] === null ? 1 : 0;
  return active;
}

/** Stops on a line: the depot at 0, two near it (1, 2) and two far (40, 41); one unit each. */
function line(types: ProblemInput['vehicleTypes'], far = 40): ProblemInput {
  const at = [0, 1, 2, far, far + 1];
  return {
    depots: [{ id: 'D', location: 0 }],
    stops: [1, 2, 3, 4].map((k) => ({ id: `s${at[k]}`, location: k, delivery: [1] })),
    vehicleTypes: types,
    matrix: { size: 5, distances: at.map((a) => at.map((b) => Math.abs(a - b))) },
  };
}

describe('sequential construction', () => {
  it('builds plans the independent checker finds feasible, on random problems with every rule', () => {
    let served = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const input = randomProblem(seed, 8 + (seed % 4) * 6);
      const problem = createProblem(input);
      const active = activeOf(problem);
      for (const plan of constructPlans(problem, active, VARIANTS)) {
        const solution = buildSolution(problem, routesFromSlots(problem, plan.routes), () => 'no-feasible-insertion');
        expect(solution.feasible).toBe(true);
        expect(checkSolution(input, solution, { requireAllServed: false }).violations, `seed ${seed}`).toEqual([]);
        const onRoute = new Set(plan.routes.flat());
        expect(onRoute.size + plan.unserved.length).toBe(active.reduce((a, b) => a + b, 0));
        served += onRoute.size;
      }
    }
    expect(served).toBeGreaterThan(0);
  });

  it('fills the vehicles in turn: the roomiest first until nothing more fits in it', () => {
    const problem = createProblem(line([
      { id: 'small', count: 1, capacity: [2], startDepot: 'D' },
      { id: 'big', count: 1, capacity: [3], startDepot: 'D' },
    ]));
    const [plan] = constructPlans(problem, activeOf(problem), [{ regret: 2, seeding: 'none', sequential: { order: 'availability', lambda: 0 } }]);
    // Slots follow the types: 0 small, 1 big. The big one is filled first, with 3 stops.
    expect(plan!.routes[1]).toHaveLength(3);
    expect(plan!.routes[0]).toHaveLength(1);
  });

  it('with regret, the vehicle filled first leaves to a dear one still to come what is cheap for it too', () => {
    // A cheap van (1 per unit of distance, filled first: no fixed cost) and a dear one (20 per unit).
    const input = line([
      { id: 'cheap', count: 1, capacity: [2], startDepot: 'D', costPerDistance: 1, fixedCost: 0 },
      { id: 'dear', count: 1, capacity: [2], startDepot: 'D', costPerDistance: 20, fixedCost: 10 },
    ]);
    const problem = createProblem(input);
    const active = activeOf(problem);
    const plan = (lambda: number): { cheap: string[]; cost: number } => {
      const [p] = constructPlans(problem, active, [{ regret: 2, seeding: 'none', sequential: { order: 'cost', lambda } }]);
      expect(p!.unserved).toEqual([]);
      return { cheap: p!.routes[0]!.map((s) => problem.stopIds[s]!).sort(), cost: p!.cost };
    };
    // Without regret the cheap van takes what is cheapest for it, the near stops, and the dear one
    // drives far (4 + 10 + 20 × 82); with it the cheap van goes far (82 + 10 + 20 × 4).
    expect(plan(0)).toEqual({ cheap: ['s1', 's2'], cost: 1654 });
    expect(plan(1)).toEqual({ cheap: ['s40', 's41'], cost: 172 });
  });
});
