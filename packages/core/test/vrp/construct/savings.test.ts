import { describe, expect, it } from 'vitest';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { constructSavings } from '../../../src/vrp/construct/savings.js';

describe('constructSavings', () => {
  it('joins the pair with the largest saving first, within capacity', () => {
    // Two clusters far from the depot: savings joins each cluster into one route.
    const d = [
      [0, 50, 52, 50, 52],
      [50, 0, 3, 70, 71],
      [52, 3, 0, 71, 70],
      [50, 70, 71, 0, 3],
      [52, 71, 70, 3, 0],
    ];
    const input: ProblemInput = {
      depots: [{ id: 'D', location: 0 }],
      stops: [1, 2, 3, 4].map((k) => ({ id: `s${k}`, location: k, delivery: [5] })),
      vehicleTypes: [{ id: 'v', count: 4, capacity: [10], startDepot: 'D' }],
      matrix: { size: 5, distances: d },
    };
    const result = constructSavings(createProblem(input));
    expect(result.feasible).toBe(true);
    expect(result.routes.map((r) => r.stops.slice().sort())).toEqual(
      expect.arrayContaining([['s1', 's2'], ['s3', 's4']]),
    );
    expect(result.distance).toBe(2 * (50 + 3 + 52));
  });

  it('respects time windows when joining', () => {
    const input: ProblemInput = {
      depots: [{ id: 'D', location: 0 }],
      stops: [
        { id: 'early', location: 1, timeWindows: [[0, 12]] },
        { id: 'alsoEarly', location: 2, timeWindows: [[0, 12]] },
      ],
      vehicleTypes: [{ id: 'v', count: 2, capacity: [0], startDepot: 'D' }],
      matrix: { size: 3, distances: [[0, 10, 10], [10, 0, 5], [10, 5, 0]] },
    };
    const result = constructSavings(createProblem(input));
    expect(result.feasible).toBe(true);
    expect(result.routes).toHaveLength(2); // joined, the second stop would be reached at 15 > 12
  });
});
