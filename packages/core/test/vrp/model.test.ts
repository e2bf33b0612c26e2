import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemInput } from '../../src/vrp/input.js';

function base(): ProblemInput {
  return {
    depots: [{ id: 'hub', location: 0 }],
    stops: [
      { id: 'a', location: 1, delivery: [3] },
      { id: 'b', location: 2, delivery: [4] },
    ],
    vehicleTypes: [{ id: 'van', count: 2, capacity: [10], startDepot: 'hub' }],
    matrix: { size: 3, distances: [[0, 5, 7], [5, 0, 4], [7, 4, 0]] },
  };
}

function errorOf(input: unknown): InputError {
  try {
    createProblem(input as ProblemInput, { source: 'p.json' });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('createProblem', () => {
  it('reads a Float64Array matrix as the same numbers and nulls (negative for no road), and names a bad entry', () => {
    const nested = { ...base(), matrix: { size: 3, distances: [[0, 5, null], [5, 0, 4], [7, null, 0]] } };
    const typed = { ...base(), matrix: { size: 3, distances: Float64Array.of(0, 5, -3, 5, 0, 4, 7, -1, 0) } };
    const a = createProblem(nested);
    const b = createProblem(typed);
    expect(Array.from(b.profiles[0]!.distance)).toEqual(Array.from(a.profiles[0]!.distance));
    expect(b.stopReason).toEqual(a.stopReason);
    const bad = errorOf({ ...base(), matrix: { size: 3, distances: Float64Array.of(0, 5, 7, 5, 0, NaN, 7, 4, 0) } });
    expect(bad.message).toMatch(/matrix entry NaN is not a number/);
    expect(bad.location.field).toBe('matrix.distances[1][2]');
  });

  it('compiles locations: depots, then stops, then a sink at zero distance', () => {
    const p = createProblem(base());
    expect(p.nLocations).toBe(4);
    const d = p.profiles[0]!.distance;
    expect(d[0 * 4 + 1]).toBe(5); // hub → a
    expect(d[1 * 4 + 2]).toBe(4); // a (matrix row 1) → b (matrix column 2)
    expect(d[2 * 4 + 3]).toBe(0); // a → sink
    expect(p.symmetric).toBe(true);
    expect(p.stopReason).toEqual([null, null]);
    expect(Object.isFrozen(p)).toBe(true);
  });

  it('rejects a matrix of the wrong size with the field and a hint', () => {
    const input = base();
    input.matrix = { size: 3, distances: [0, 1, 2, 3] };
    const e = errorOf(input);
    expect(e.location.field).toBe('matrix.distances');
    expect(e.message).toMatch(/4 values but a 3×3 matrix needs 9/);
    expect(e.location.source).toBe('p.json');
  });

  it('rejects a negative demand at its exact field', () => {
    const input = base();
    input.stops[1]!.delivery = [-2];
    expect(errorOf(input).location.field).toBe('stops[1].delivery[0]');
  });

  it('rejects fields the solver would ignore', () => {
    const input = base() as unknown as { stops: Record<string, unknown>[] };
    input.stops[0]!.skill = 3;
    const e = errorOf(input);
    expect(e.location.field).toBe('stops[0].skill');
    expect(e.message).toMatch(/unknown field/);
  });

  it('reads a priority ≥ 0 and rejects a negative one', () => {
    const good = base();
    good.stops[0]!.priority = 3;
    expect(createProblem(good).priority[0]).toBe(3);
    const bad = base();
    bad.stops[0]!.priority = -1;
    expect(errorOf(bad).location.field).toBe('stops[0].priority');
  });

  it('rejects a prize on a required stop, unknown depots and profiles, mismatched dimensions', () => {
    const withPrize = base();
    withPrize.stops[0]!.prize = 5;
    expect(errorOf(withPrize).location.field).toBe('stops[0].prize');
    const badDepot = base();
    badDepot.vehicleTypes[0]!.startDepot = 'nowhere';
    expect(errorOf(badDepot).location.field).toBe('vehicleTypes[0].startDepot');
    const badProfile = base();
    badProfile.vehicleTypes[0]!.profile = 'bike';
    expect(errorOf(badProfile).location.field).toBe('vehicleTypes[0].profile');
    const dims = base();
    dims.stops[0]!.delivery = [1, 2];
    expect(errorOf(dims).location.field).toBe('stops[0].delivery');
    const window = base();
    window.stops[0]!.timeWindows = [[10, 5]];
    expect(errorOf(window).location.field).toBe('stops[0].timeWindows[0]');
    const location = base();
    location.stops[1]!.location = 3;
    expect(errorOf(location).location.field).toBe('stops[1].location');
    const dup = base();
    dup.stops[1]!.id = 'a';
    expect(errorOf(dup).message).toMatch(/duplicate stop id/);
  });

  it('flags per stop what no vehicle can ever serve, instead of failing', () => {
    const input: ProblemInput = {
      depots: [{ id: 'hub', location: 0, timeWindow: [0, 100] }],
      stops: [
        { id: 'heavy', location: 1, delivery: [50] },
        { id: 'island', location: 2, delivery: [1] },
        { id: 'late', location: 3, delivery: [1], timeWindows: [[0, 5]] },
        { id: 'far', location: 4, delivery: [1] },
        { id: 'fine', location: 1, delivery: [1] },
      ],
      vehicleTypes: [{ id: 'van', count: 3, capacity: [10], startDepot: 'hub', maxDistance: 60 }],
      matrix: {
        size: 5,
        distances: [
          [0, 5, null, 10, 40],
          [5, 0, null, 5, 40],
          [null, null, 0, null, null],
          [10, 5, null, 0, 40],
          [40, 40, null, 40, 0],
        ],
      },
    };
    const p = createProblem(input);
    expect(p.stopReason).toEqual(['demand-exceeds-capacity', 'unreachable', 'time-window-unreachable', 'route-limit-exceeded', null]);
  });

  it('keeps a stop that only one of several vehicle types can serve', () => {
    const input = base();
    input.stops[0]!.delivery = [15];
    input.vehicleTypes.push({ id: 'truck', count: 1, capacity: [20], startDepot: 'hub' });
    expect(createProblem(input).stopReason).toEqual([null, null]);
  });

  it('reports every stop as fleet-exhausted when no vehicle is available', () => {
    const input = base();
    input.vehicleTypes[0]!.count = 0;
    expect(createProblem(input).stopReason).toEqual(['fleet-exhausted', 'fleet-exhausted']);
  });
});
