import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
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

describe('repairRoutes on crowded routes', () => {
  it.each([false, true])('leaves every route feasible and every stop routed once or given a reason (several windows: %s)', (multi) => {
    const rng = createRandom(multi ? 11 : 12);
    const n = 60;
    const xy = Array.from({ length: n + 1 }, () => [rng.int(100), rng.int(100)]);
    const d = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
    const problem = createProblem({
      depots: [{ id: 'D', location: 0 }],
      stops: Array.from({ length: n }, (_, k) => {
        const a = rng.int(300);
        const windows: [number, number][] = multi && k % 2 === 0 ? [[a, a + 40], [a + 100, a + 160]] : [[a, a + 80]];
        return { id: `s${k}`, location: k + 1, delivery: [1 + rng.int(5)], serviceTime: 5, timeWindows: windows };
      }),
      vehicleTypes: [{ id: 'v', count: 3, capacity: [40], startDepot: 'D', shift: [0, 500] }],
      matrix: { size: n + 1, distances: d },
    });
    const slots: number[][] = [[], [], []];
    for (let s = 0; s < n; s++) slots[rng.int(2)]!.push(s);
    const { routes, reasons } = repairRoutes(problem, slots);
    const plan = evaluatePlan(problem, routes.filter((r) => r.length > 0).map((r) => ({ vehicleType: 'v', stops: r.map((s) => problem.stopIds[s]!) })));
    expect(plan.feasible).toBe(true);
    const seen = routes.flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length + reasons.size).toBe(n);
    for (const s of reasons.keys()) expect(seen).not.toContain(s);
  });
});
