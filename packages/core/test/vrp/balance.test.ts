/**
 * Balanced workloads (issue 20, beyond VROOM): weight × duration² or × stops² per route, against
 * exhaustive enumeration (the independent checker prices the same objective), and the spread it buys.
 */
import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemInput } from '../../src/vrp/input.js';
import { solve } from '../../src/vrp/solve.js';
import { bruteForce } from '../support/brute-force.js';
import { checkSolution } from '../support/check-solution.js';
import type { CheckProblem, CheckSolution } from '../support/check-solution.js';
import { inputError } from '../support/errors.js';
import { tinyProblem } from '../support/tiny-problems.js';

function balanced(seed: number, by: 'duration' | 'stops'): ProblemInput {
  const input = tinyProblem(by === 'duration' ? 'time-windows' : 'cvrp', seed, 7);
  input.vehicleTypes = [{ id: 'van', count: 3, capacity: [30], startDepot: 'D0', fixedCost: 40 }];
  input.balance = { by, weight: by === 'duration' ? 0.01 : 30 };
  return input;
}

describe('balance', () => {
  it.each([
    [1, 'stops'], [2, 'stops'], [3, 'stops'], [1, 'duration'], [2, 'duration'], [3, 'duration'],
  ] as const)('matches the exhaustive optimum of the balanced objective (seed %i, by %s)', (seed, by) => {
    const input = balanced(seed, by);
    const result = solve(createProblem(input), { seed, maxIterations: 300 });
    const exhaustive = bruteForce(input as CheckProblem);
    expect(result.cost).toBeCloseTo(exhaustive.cost, 6);
    expect(checkSolution(input as CheckProblem, result as unknown as CheckSolution).violations).toEqual([]);
    const stops = result.routes.map((r) => r.stops.length);
    expect(result.balance!.stopsSpread).toBe(Math.max(...stops) - Math.min(...stops));
  });

  it('evens the routes out at some cost in distance', () => {
    let evener = 0;
    for (const seed of [1, 2, 3, 4]) {
      const input = balanced(seed, 'stops');
      const { balance: _, ...plain } = input;
      const on = solve(createProblem(input), { seed, maxIterations: 300 });
      const off = solve(createProblem(plain), { seed, maxIterations: 300 });
      // The fullest route is never fuller (the spread among used routes may grow when a vehicle more is used).
      expect(on.balance!.mostStops).toBeLessThanOrEqual(Math.max(...off.routes.map((r) => r.stops.length)));
      expect(on.distance).toBeGreaterThanOrEqual(off.distance - 1e-9);
      if (on.routes.length > off.routes.length || on.distance > off.distance) evener++;
    }
    expect(evener).toBeGreaterThan(0);
  });

  it('rejects a bad balance with its place', () => {
    const input = balanced(1, 'stops');
    input.balance = { by: 'km' as never, weight: 1 };
    expect(inputError(() => createProblem(input)).location.field).toBe('balance.by');
    input.balance = { by: 'stops', weight: -1 };
    expect(inputError(() => createProblem(input)).location.field).toBe('balance.weight');
  });
});
