/**
 * serveMost (issue 20): when the fleet cannot serve every stop, the plan serves the most priority,
 * then the most stops, then costs least (VROOM's order), checked against exhaustive search.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/util/random.js';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemInput } from '../../src/vrp/input.js';
import { solve } from '../../src/vrp/solve.js';
import { serveMostView, serviceCostBound } from '../../src/vrp/serve-most.js';
import { bruteForce } from '../support/brute-force.js';
import { tinyProblem } from '../support/tiny-problems.js';

/** A tiny problem whose fleet is too short: one or two vehicles, tight windows, priorities 0–3. */
function shortFleet(seed: number): ProblemInput {
  const input = tinyProblem(seed % 2 === 0 ? 'time-windows' : 'multi-windows', seed, 7);
  const rng = createRandom(seed + 99);
  input.vehicleTypes[0]!.count = 1 + (seed % 2);
  input.vehicleTypes[0]!.capacity = [12];
  for (const stop of input.stops) stop.priority = rng.int(4);
  return input;
}

describe('serveMost', () => {
  it.each([1, 2, 4, 6, 7, 10])('matches the exhaustive optimum in VROOM order: priority, count, cost (seed %i)', (seed) => {
    const input = shortFleet(seed);
    const problem = createProblem(input);
    const result = solve(problem, { seed, serveMost: true, maxIterations: 300 });
    // The exhaustive search knows only prizes: weights of its own that order plans the same way
    // (a unit of priority above any number of stops, a stop above any cost).
    const stopWeight = 1e5;
    const priorityWeight = stopWeight * 10;
    const exhaustive = bruteForce({
      ...input,
      stops: input.stops.map((s) => ({ ...s, required: false, prize: stopWeight + priorityWeight * (s.priority ?? 0) })),
    } as Parameters<typeof bruteForce>[0]);
    const priorityOf = new Map(input.stops.map((s) => [s.id, s.priority ?? 0]));
    const served = (ids: string[]): { priority: number; count: number } =>
      ({ priority: ids.reduce((sum, id) => sum + priorityOf.get(id)!, 0), count: ids.length });
    const ours = served(result.routes.flatMap((r) => r.stops));
    const best = served(exhaustive.routes.flatMap((r) => r.stops));
    expect(exhaustive.skipped.length).toBeGreaterThan(0);
    expect(result.feasible).toBe(true);
    expect(ours).toEqual(best);
    const bestCost = exhaustive.routes.reduce((sum, r) => sum + r.cost, 0);
    expect(result.cost).toBeCloseTo(bestCost, 6);
    for (const u of result.unassigned) expect(['fleet-exhausted', 'no-feasible-insertion', 'time-window-unreachable']).toContain(u.reason);
  });

  it('serves everything, at the same cost, when the fleet suffices', () => {
    const input = tinyProblem('time-windows', 8, 7);
    const problem = createProblem(input);
    const plain = solve(problem, { seed: 1, maxIterations: 300 });
    const most = solve(problem, { seed: 1, maxIterations: 300, serveMost: true });
    expect(most.unassigned).toEqual([]);
    expect(most.cost).toBeCloseTo(plain.cost, 6);
  });

  it('prices a stop above anything serving it can cost, and a unit of priority above all stops', () => {
    const problem = createProblem({ ...shortFleet(1), vehicleTypes: [{ id: 'v', count: 2, capacity: [12], startDepot: 'D0', fixedCost: 500, costPerDuration: 2 }] });
    const view = serveMostView(problem);
    const bound = serviceCostBound(problem);
    expect(bound).toBeGreaterThan(500);
    let base = Infinity;
    for (let s = 0; s < problem.nStops; s++) {
      expect(view.required[s]).toBe(0);
      if (problem.priority[s] === 0) base = Math.min(base, view.prize[s]!);
    }
    expect(base).toBeGreaterThan(bound);
    for (let s = 0; s < problem.nStops; s++)
      if (problem.priority[s]! > 0) expect(view.prize[s]!).toBeGreaterThan(base * (problem.nStops + 1));
  });
});
