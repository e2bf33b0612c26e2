/**
 * polish.ts: a plan of the large neighbourhood search polished by the local search, in VROOM's
 * order (priority served, then stops served, then cost): never worse than the plan it was given,
 * every route feasible, and better than a plan whose routes are driven backwards.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/util/random.js';
import { constructPlans } from '../../src/vrp/construct/insertion.js';
import { isFeasibleRoute, routeCost, summariseRoute } from '../../src/vrp/evaluate.js';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemData } from '../../src/vrp/model.js';
import { polishServeMost } from '../../src/vrp/polish.js';
import { Segment } from '../../src/vrp/segments.js';
import type { ProblemInput } from '../../src/vrp/input.js';

function randomProblem(seed: number, n: number): ProblemData {
  const rng = createRandom(seed);
  const xy = Array.from({ length: n + 1 }, () => [rng.int(100), rng.int(100)]);
  const distances = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
  const input: ProblemInput = {
    depots: [{ id: 'd', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => ({
      id: `s${k}`, location: k + 1, delivery: [1 + rng.int(5)], serviceTime: 5,
      ...(rng.int(3) === 0 ? { timeWindows: [[rng.int(200), 400]] as [number, number][] } : {}),
      ...(rng.int(4) === 0 ? { priority: 10 } : {}),
    })),
    // A short fleet of two kinds, one paying per distance four times the other.
    vehicleTypes: [
      { id: 'cheap', count: 2, capacity: [15], startDepot: 'd', endDepot: 'd', shift: [0, 500] },
      { id: 'dear', count: 1, capacity: [15], startDepot: 'd', endDepot: 'd', shift: [0, 500], costPerDistance: 4, fixedCost: 20 },
    ],
    matrix: { size: n + 1, distances, durations: distances },
  };
  return createProblem(input);
}

/** (priority served, stops served, −cost) of routes per slot, or null if a route breaks a rule. */
function key(problem: ProblemData, routes: number[][]): [number, number, number] | null {
  const seg = new Segment(problem.nDims);
  let priority = 0;
  let served = 0;
  let cost = 0;
  let slot = 0;
  for (const t of problem.vehicleTypes) {
    for (let v = 0; v < t.slots; v++, slot++) {
      const r = routes[slot]!;
      if (r.length === 0) continue;
      summariseRoute(problem, t, r, r.length, seg);
      if (!isFeasibleRoute(seg, t)) return null;
      cost += routeCost(seg, t);
      served += r.length;
      for (const s of r) priority += problem.priority[s]!;
    }
  }
  return [priority, served, -cost];
}

const noWorse = (a: [number, number, number], b: [number, number, number]): boolean =>
  a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] >= b[2] - 1e-6)));

describe('polishServeMost', () => {
  it.each([1, 2, 3, 4])('is never worse than the plan it is given, and keeps every rule (seed %i)', (seed) => {
    const problem = randomProblem(seed, 30);
    const active = new Uint8Array(problem.nStops).fill(1);
    for (const plan of constructPlans(problem, active).slice(0, 3)) {
      const given = key(problem, plan.routes)!;
      const polished = key(problem, polishServeMost(problem, active, plan.routes, createRandom(seed)));
      expect(polished).not.toBeNull();
      expect(noWorse(polished!, given)).toBe(true);
    }
  });

  it('improves routes driven backwards, and the same seed gives the same routes', () => {
    const problem = randomProblem(7, 30);
    const active = new Uint8Array(problem.nStops).fill(1);
    const [best] = constructPlans(problem, active);
    const reversed = best!.routes.map((r) => r.slice().reverse());
    // Reversed routes may break a time window: the polish then starts from a plan that is not
    // feasible, and must end with one that is and serves no fewer stops than the reversed one.
    const start = key(problem, reversed);
    const routes = polishServeMost(problem, active, reversed, createRandom(1));
    const polished = key(problem, routes);
    expect(polished).not.toBeNull();
    if (start !== null) expect(polished![2]).toBeGreaterThan(start[2]);
    else expect(polished![1]).toBeGreaterThan(0);
    expect(polishServeMost(problem, active, reversed, createRandom(1))).toEqual(routes);
  });
});
