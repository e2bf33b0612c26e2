import { describe, expect, it } from 'vitest';
import { createProblem } from '../../../src/vrp/model.js';
import { LocalSearch } from '../../../src/vrp/search/local-search.js';
import { nearestNeighbours } from '../../../src/vrp/search/neighbours.js';
import { tryInsertOptional, tryRemoveOptional } from '../../../src/vrp/operators/optional.js';
import { createRandom } from '../../../src/util/random.js';

describe('optional stops', () => {
  const problem = createProblem({
    depots: [{ id: 'D', location: 0 }],
    stops: [
      { id: 'base', location: 1 },
      { id: 'worth', location: 2, required: false, prize: 50 },
      { id: 'notWorth', location: 3, required: false, prize: 5 },
    ],
    vehicleTypes: [{ id: 'v', count: 1, capacity: [1], startDepot: 'D' }],
    // worth: a detour of 2 + 2 + ... ; notWorth: a detour of 40.
    matrix: { size: 4, distances: [[0, 10, 11, 30], [10, 0, 2, 30], [11, 2, 0, 30], [30, 30, 30, 0]] },
  });
  const active = new Uint8Array(3).fill(1);
  const pen = { capacity: 1, timeWarp: 1, distance: 1 };

  it('inserts an optional stop whose prize pays for its detour, and not the other', () => {
    const ls = new LocalSearch(problem, active, nearestNeighbours(problem, active, 2), createRandom(1));
    ls.load([[0]]);
    ls.penalties = pen;
    expect(tryInsertOptional(ls, 2)).toBe(false);
    expect(tryInsertOptional(ls, 1)).toBe(true);
    expect(ls.exportRoutes()).toEqual([[0, 1]]);
  });

  it('removes a served optional stop whose detour costs more than its prize', () => {
    const ls = new LocalSearch(problem, active, nearestNeighbours(problem, active, 2), createRandom(1));
    ls.load([[0, 1, 2]]);
    ls.penalties = pen;
    for (let r = 0; r < ls.nRoutes; r++) ls.updateRoute(r);
    expect(tryRemoveOptional(ls, 1)).toBe(false);
    expect(tryRemoveOptional(ls, 2)).toBe(true);
    expect(ls.exportRoutes()).toEqual([[0, 1]]);
    expect(ls.route[2]).toBe(-1);
  });
});
