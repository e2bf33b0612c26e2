import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemInput } from '../../src/vrp/input.js';
import { evaluatePlan } from '../../src/vrp/solution.js';

const input: ProblemInput = {
  depots: [{ id: 'D', location: 0, timeWindow: [0, 100] }],
  stops: [
    { id: 'a', location: 1, delivery: [6], serviceTime: 5, timeWindows: [[0, 20]] },
    { id: 'b', location: 2, delivery: [6], serviceTime: 5, timeWindows: [[10, 15]] },
    { id: 'c', location: 3, delivery: [1] },
  ],
  vehicleTypes: [{ id: 'van', count: 1, capacity: [10], startDepot: 'D', maxDistance: 30, maxDuration: 50, fixedCost: 7 }],
  matrix: { size: 4, distances: [[0, 10, 20, 5], [10, 0, 12, 5], [20, 12, 0, 5], [5, 5, 5, 0]] },
};

describe('evaluatePlan', () => {
  it('reports a feasible plan with times, loads and costs', () => {
    const result = evaluatePlan(createProblem(input), [{ vehicleType: 'van', stops: ['c', 'a'] }]);
    expect(result.feasible).toBe(true);
    expect(result.violations).toEqual([]);
    const route = result.routes[0]!;
    expect(route.startLoad).toEqual([7]);
    expect(route.visits.map((v) => [v.id, v.arrival, v.start, v.departure, v.load[0], v.distance])).toEqual([
      ['c', 5, 5, 5, 6, 5],
      ['a', 10, 10, 15, 0, 10],
    ]);
    expect(route.distance).toBe(20);
    expect(route.arrival).toBe(25);
    expect(route.cost).toBe(27);
    expect(result.unassigned).toEqual([{ id: 'b', reason: 'not-in-plan' }]);
  });

  it('lists every violation instead of refusing the plan', () => {
    const result = evaluatePlan(createProblem(input), [
      { vehicleType: 'van', stops: ['a', 'b', 'c'] },
      { vehicleType: 'van', stops: [] },
    ]);
    expect(result.feasible).toBe(false);
    const kinds = result.violations.map((v) => v.kind).sort();
    // load 13 > 10; b reached at 27 > 15; distance 37 > 30
    expect(kinds).toEqual(['capacity', 'max-distance', 'time-window']);
    const late = result.violations.find((v) => v.kind === 'time-window')!;
    expect(late.stop).toBe('b');
    expect(late.amount).toBe(12);
    expect(result.routes[0]!.violations).toHaveLength(3);
  });

  it('flags more routes than vehicles, late returns and long shifts', () => {
    const tight: ProblemInput = { ...input, vehicleTypes: [{ ...input.vehicleTypes[0]!, maxDistance: 100, maxDuration: 20, shift: [0, 22] }] };
    const result = evaluatePlan(createProblem(tight), [
      { vehicleType: 'van', stops: ['a'] },
      { vehicleType: 'van', stops: ['c'] },
    ]);
    const kinds = result.violations.map((v) => v.kind).sort();
    expect(kinds).toEqual(['fleet-size', 'max-duration', 'shift']);
  });

  it('rejects unknown stops and repeated visits as input errors', () => {
    const problem = createProblem(input);
    expect(() => evaluatePlan(problem, [{ vehicleType: 'van', stops: ['zz'] }])).toThrow(InputError);
    expect(() => evaluatePlan(problem, [{ vehicleType: 'van', stops: ['a', 'a'] }])).toThrow(/visited twice/);
    expect(() => evaluatePlan(problem, [{ vehicleType: 'bus', stops: ['a'] }])).toThrow(/unknown vehicle type/);
  });
});

describe('evaluatePlan with several windows per stop', () => {
  // x opens 0–10 and 500–600, y 100–110. On the windows' hulls (x: 0–600) the latest start that
  // avoids waiting is 75, which reaches x at 80, after its first window: leaving at 0 meets both.
  const twoWindows: ProblemInput = {
    depots: [{ id: 'D', location: 0, timeWindow: [0, 1000] }],
    stops: [
      { id: 'x', location: 1, delivery: [1], timeWindows: [[0, 10], [500, 600]] },
      { id: 'y', location: 2, delivery: [1], timeWindows: [[100, 110]] },
    ],
    vehicleTypes: [{ id: 'van', count: 1, capacity: [10], startDepot: 'D' }],
    matrix: { size: 3, distances: [[0, 5, 25], [5, 0, 20], [25, 20, 0]] },
  };

  it('leaves early enough to meet a first window that a start on the hulls would miss', () => {
    const result = evaluatePlan(createProblem(twoWindows), [{ vehicleType: 'van', stops: ['x', 'y'] }]);
    expect(result.violations).toEqual([]);
    expect(result.feasible).toBe(true);
    const route = result.routes[0]!;
    expect(route.departure).toBe(0);
    expect(route.visits.map((v) => [v.id, v.arrival, v.start])).toEqual([['x', 5, 5], ['y', 25, 100]]);
  });

  it('still reports the lateness of a route that no departure makes punctual', () => {
    const late = { ...twoWindows, stops: [twoWindows.stops[0]!, { ...twoWindows.stops[1]!, timeWindows: [[0, 20]] as [number, number][] }] };
    const result = evaluatePlan(createProblem(late), [{ vehicleType: 'van', stops: ['x', 'y'] }]);
    expect(result.feasible).toBe(false);
    expect(result.violations.map((v) => v.kind)).toEqual(['time-window']);
    expect(result.routes[0]!.visits[1]!.arrival).toBe(25);
  });
});
