import { describe, expect, it } from 'vitest';
import { createProblem } from '../../../src/vrp/model.js';
import { repairRoutes } from '../../../src/vrp/search/repair.js';
import { evaluatePlan } from '../../../src/vrp/solution.js';

describe('repairRoutes', () => {
  it('drops what breaks a route, puts back what fits elsewhere and gives a reason for the rest', () => {
    const problem = createProblem({
      depots: [{ id: 'D', location: 0 }],
      stops: [
        { id: 'a', location: 1, delivery: [6] },
        { id: 'b', location: 1, delivery: [6] },
        { id: 'c', location: 1, delivery: [6] },
      ],
      vehicleTypes: [{ id: 'v', count: 2, capacity: [10], startDepot: 'D' }],
      matrix: { size: 2, distances: [[0, 5], [5, 0]] },
    });
    // All three on one vehicle: 18 > 10. One can move to the empty vehicle, one cannot be served.
    const { routes, reasons } = repairRoutes(problem, [[0, 1, 2], []]);
    const plan = evaluatePlan(problem, routes.filter((r) => r.length > 0).map((r) => ({ vehicleType: 'v', stops: r.map((s) => problem.stopIds[s]!) })));
    expect(plan.feasible).toBe(true);
    expect(routes.flat()).toHaveLength(2);
    expect([...reasons.values()]).toEqual(['fleet-exhausted']);
  });
});
