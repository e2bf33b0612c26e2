/**
 * Breaks, maximum travel time and travel-time costs (issue 20) in the one evaluator, checked
 * against exhaustive enumeration (every partition, order and break placement, simulated by the
 * independent checker) and by the checker on the solver's own output.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/util/random.js';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemInput } from '../../src/vrp/input.js';
import { solve } from '../../src/vrp/solve.js';
import { evaluatePlan } from '../../src/vrp/solution.js';
import { bruteForce } from '../support/brute-force.js';
import { checkSolution } from '../support/check-solution.js';
import type { CheckProblem, CheckSolution } from '../support/check-solution.js';
import { inputError } from '../support/errors.js';
import { tinyProblem } from '../support/tiny-problems.js';

/** Tiny problems with windows and service, a shift, and one or two breaks per vehicle. */
function withBreaks(seed: number, n = 6): ProblemInput {
  const input = tinyProblem('time-windows', seed, n);
  const rng = createRandom(seed + 7);
  input.depots[0]!.timeWindow = [0, 600];
  const lunch = 100 + rng.int(150);
  input.vehicleTypes = [{
    id: 'van', count: 2 + (seed % 2), capacity: [14], startDepot: 'D0',
    breaks: [
      { id: 'lunch', timeWindows: [[lunch, lunch + 20 + rng.int(30)]], duration: 40 + rng.int(40) },
      ...(seed % 3 === 0 ? [{ id: 'tea', timeWindows: [[lunch + 150, lunch + 260] as [number, number]], duration: 10, maxLoad: [6] }] : []),
    ],
  }];
  return input;
}

describe('breaks', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('match the exhaustive optimum, every break taken in its window (seed %i)', (seed) => {
    const input = withBreaks(seed);
    const result = solve(createProblem(input), { seed, maxIterations: 400 });
    const exhaustive = bruteForce(input as CheckProblem);
    // Some seeds have no plan at all (the breaks leave no room): the solver must not claim one.
    expect(result.feasible).toBe(Number.isFinite(exhaustive.cost));
    if (!result.feasible) return;
    expect(result.cost).toBeCloseTo(exhaustive.cost, 6);
    const report = checkSolution(input as CheckProblem, result as unknown as CheckSolution);
    expect(report.violations).toEqual([]);
    for (const route of result.routes) expect(route.breaks!.map((b) => b.id)).toEqual(input.vehicleTypes[0]!.breaks!.map((b) => b.id));
  });

  it('cost more than the same problem without breaks when they get in the way, never less', () => {
    let dearer = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const input = withBreaks(seed);
      const none = { ...input, vehicleTypes: input.vehicleTypes.map((t) => ({ ...t, breaks: [] })) };
      const a = bruteForce(input as CheckProblem).cost;
      const b = bruteForce(none as CheckProblem).cost;
      expect(a).toBeGreaterThanOrEqual(b - 1e-9);
      if (a > b + 1e-9) dearer++;
    }
    // Otherwise the breaks of these tests would never bind and prove nothing.
    expect(dearer).toBeGreaterThan(0);
  });

  it('lets the vehicle drive on while waiting for the break, as VROOM does', () => {
    // Depot 0, one stop 100 s away; the break opens at 60 and lasts 30: arrival 100 + 30 = 130
    // (60 s driven, the break, 40 s more), not 60 + 30 + 100.
    const input: ProblemInput = {
      depots: [{ id: 'd', location: 0 }],
      stops: [{ id: 'a', location: 1 }],
      vehicleTypes: [{ id: 'v', capacity: [1], startDepot: 'd', shift: [0, 1000], breaks: [{ id: 'b', timeWindows: [[60, 70]], duration: 30 }] }],
      matrix: { size: 2, distances: [[0, 100], [100, 0]] },
    };
    const result = solve(createProblem(input), { seed: 1, maxIterations: 10 });
    const route = result.routes[0]!;
    expect(route.visits[0]!.arrival).toBe(130);
    expect(route.breaks).toEqual([{ id: 'b', after: 0, arrival: 60, start: 60, end: 90, load: [0] }]);
    expect(checkSolution(input as CheckProblem, result as unknown as CheckSolution).violations).toEqual([]);
  });

  it('gives the reason "break" to a stop that fits alone but not beside the break', () => {
    const input: ProblemInput = {
      depots: [{ id: 'd', location: 0, timeWindow: [0, 300] }],
      stops: [{ id: 'a', location: 1, timeWindows: [[100, 120]], serviceTime: 100 }, { id: 'b', location: 1 }],
      // The break must start in [130, 140] and last 100: the stop's service runs over it.
      vehicleTypes: [{ id: 'v', count: 2, capacity: [5], startDepot: 'd', breaks: [{ id: 'x', timeWindows: [[130, 140]], duration: 100 }] }],
      matrix: { size: 2, distances: [[0, 50], [50, 0]] },
    };
    const problem = createProblem(input);
    expect(problem.stopReason).toEqual(['break', null]);
    const result = solve(problem, { seed: 1, maxIterations: 50, serveMost: true });
    expect(result.unassigned).toEqual([{ id: 'a', reason: 'break' }]);
    expect(result.feasible).toBe(true);
  });

  it('are checked where the plan puts them, and a missing break is a violation (plan mode)', () => {
    const input = withBreaks(3);
    const problem = createProblem(input);
    const ids = input.stops.map((s) => s.id);
    const missing = evaluatePlan(problem, [{ vehicleType: 'van', stops: ids.slice(0, 2), breaks: [{ id: 'lunch', after: 1 }] }]);
    expect(missing.violations.filter((v) => v.kind === 'break').map((v) => [v.breakId, v.breakCause])).toContainEqual(['tea', 'missing']);
    const placed = evaluatePlan(problem, [{ vehicleType: 'van', stops: ids.slice(0, 2), breaks: [{ id: 'lunch', after: 1 }, { id: 'tea', after: 2 }] }]);
    expect(placed.routes[0]!.breaks!.map((b) => b.after)).toEqual([1, 2]);
    // The checker, told the same placement, agrees on every violation count and figure.
    const check = checkSolution(input as CheckProblem, placed as unknown as CheckSolution, { requireAllServed: false });
    expect(check.routes[0]!.violations.length > 0).toBe(placed.violations.length > 0);
    expect(check.routes[0]!.end).toBeCloseTo(placed.routes[0]!.arrival, 6);
  });

  it('reject bad values with a located error', () => {
    const base = withBreaks(1);
    const bad = (b: unknown): ProblemInput => ({ ...base, vehicleTypes: [{ ...base.vehicleTypes[0]!, breaks: b as never }] });
    expect(inputError(() => createProblem(bad([{ id: 'x', timeWindows: [[50, 10]] }])))).toMatchObject({ location: { field: 'vehicleTypes[0].breaks[0].timeWindows[0]' } });
    expect(inputError(() => createProblem(bad([{ id: 'x', timeWindows: [[0, 10]], duration: -1 }])))).toMatchObject({ location: { field: 'vehicleTypes[0].breaks[0].duration' } });
    expect(inputError(() => createProblem(bad([{ id: 'x', timeWindows: [[0, 10]], maxLoad: [1, 2] }])))).toMatchObject({ location: { field: 'vehicleTypes[0].breaks[0].maxLoad' } });
    expect(inputError(() => createProblem(bad([{ id: 'x', timeWindows: [[0, 10]] }, { id: 'x', timeWindows: [[20, 30]] }])))).toMatchObject({ location: { field: 'vehicleTypes[0].breaks[1].id' } });
    expect(inputError(() => createProblem(bad([{ id: 'x', timeWindows: [[100, 200]], duration: 50 }, { id: 'y', timeWindows: [[0, 120]] }])))).toMatchObject({ location: { field: 'vehicleTypes[0].breaks[1].timeWindows' } });
    expect(inputError(() => createProblem(bad([{ id: 'x', timeWindows: [[0, 10]], lenght: 5 }])))).toMatchObject({ location: { field: 'vehicleTypes[0].breaks[0].lenght' } });
  });
});

describe('maximum travel time and travel-time costs', () => {
  /** Service and waiting count in the duration but not in the travel time: the two limits differ. */
  function driving(seed: number): ProblemInput {
    const input = tinyProblem('time-windows', seed, 6);
    const travel = (input.matrix.distances as number[][]);
    const far = Math.max(...input.stops.map((s) => travel[0]![s.location]!));
    input.vehicleTypes = [{
      id: 'van', count: 6, capacity: [14], startDepot: 'D0', costPerDistance: 0, costPerTravelTime: 2, fixedCost: 10,
      maxTravelTime: 2 * far + 40 + (seed % 3) * 30,
    }];
    return input;
  }

  it.each([1, 2, 3, 4, 5, 6])('match the exhaustive optimum (seed %i)', (seed) => {
    const input = driving(seed);
    const result = solve(createProblem(input), { seed, maxIterations: 400 });
    const exhaustive = bruteForce(input as CheckProblem);
    expect(result.feasible).toBe(true);
    expect(result.cost).toBeCloseTo(exhaustive.cost, 6);
    expect(checkSolution(input as CheckProblem, result as unknown as CheckSolution).violations).toEqual([]);
  });

  it('binds: without the limit the optimum is cheaper on some seeds', () => {
    let binds = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const input = driving(seed);
      const free = { ...input, vehicleTypes: input.vehicleTypes.map(({ maxTravelTime: _, ...t }) => t) };
      if (bruteForce(free as CheckProblem).cost < bruteForce(input as CheckProblem).cost - 1e-9) binds++;
    }
    expect(binds).toBeGreaterThan(0);
  });

  it('is reported in plan mode and rejected when negative', () => {
    const input = driving(1);
    input.vehicleTypes[0]!.maxTravelTime = 10;
    const plan = evaluatePlan(createProblem(input), [{ vehicleType: 'van', stops: [input.stops[0]!.id] }]);
    expect(plan.violations.map((v) => v.kind)).toContain('max-travel-time');
    input.vehicleTypes[0]!.maxTravelTime = -1;
    expect(inputError(() => createProblem(input))).toMatchObject({ location: { field: 'vehicleTypes[0].maxTravelTime' } });
  });
});
