import { describe, expect, it } from 'vitest';
import { createProblem } from '../../../src/vrp/model.js';
import { LocalSearch } from '../../../src/vrp/search/local-search.js';
import { nearestNeighbours } from '../../../src/vrp/search/neighbours.js';
import { tryInsertOptional, tryRemoveOptional, trySwapOptional } from '../../../src/vrp/operators/optional.js';
import { createRandom } from '../../../src/util/random.js';
import { serveMostView } from '../../../src/vrp/serve-most.js';
import { summariseRoute, totalExcess } from '../../../src/vrp/evaluate.js';
import { Segment } from '../../../src/vrp/segments.js';
import type { ProblemInput } from '../../../src/vrp/input.js';

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

describe('optional stops when the fleet is short (serve-most view)', () => {
  // One vehicle that carries one stop. near and far weigh alike; urgent has priority.
  const input: ProblemInput = {
    depots: [{ id: 'D', location: 0 }],
    stops: [
      { id: 'far', location: 1, delivery: [1] },
      { id: 'near', location: 2, delivery: [1] },
      { id: 'urgent', location: 3, delivery: [1], priority: 1 },
    ],
    vehicleTypes: [{ id: 'v', count: 1, capacity: [1], startDepot: 'D' }],
    matrix: { size: 4, distances: [[0, 50, 5, 60], [50, 0, 45, 20], [5, 45, 0, 58], [60, 20, 58, 0]] },
  };
  const pen = { capacity: 1, timeWarp: 1, distance: 1 };
  const state = (routes: number[][]): LocalSearch => {
    const view = serveMostView(createProblem(input));
    const active = new Uint8Array(3).fill(1);
    const ls = new LocalSearch(view, active, nearestNeighbours(view, active, 2), createRandom(1));
    ls.load(routes);
    ls.penalties = pen;
    for (let r = 0; r < ls.nRoutes; r++) ls.updateRoute(r);
    return ls;
  };

  it('does not buy a violation with a prize: a stop that overloads the vehicle stays out', () => {
    const ls = state([[1]]);
    // Priced as usual the prize would pay for the excess load many times over.
    expect(ls.problem.prize[0]!).toBeGreaterThan(100 * pen.capacity);
    // far overloads the vehicle, and in near's place it would cost more: it stays out.
    expect(tryInsertOptional(ls, 0)).toBe(false);
    expect(ls.exportRoutes()).toEqual([[1]]);
  });

  it('swaps an unserved stop in for a served one of no more prize that costs more', () => {
    const ls = state([[0]]);
    expect(trySwapOptional(ls, 1)).toBe(true);
    expect(ls.exportRoutes()).toEqual([[1]]);
    expect(ls.route[0]).toBe(-1);
    // Back is dearer, and urgent is worth more than near whatever the detour.
    expect(trySwapOptional(ls, 0)).toBe(false);
    expect(tryInsertOptional(ls, 2)).toBe(true);
    expect(ls.exportRoutes()).toEqual([[2]]);
    expect(trySwapOptional(ls, 1)).toBe(false);
  });

  it('on random states: never lets violations grow, and lowers cost plus the prizes left out', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = createRandom(seed);
      const n = 14;
      const xy = Array.from({ length: n + 1 }, () => [rng.int(100), rng.int(100)]);
      const d = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
      const problem = createProblem({
        depots: [{ id: 'D', location: 0, timeWindow: [0, 400] }],
        stops: Array.from({ length: n }, (_, k) => {
          const a = rng.int(300);
          return {
            id: `s${k}`, location: k + 1, delivery: [1 + rng.int(4)], serviceTime: 5, priority: rng.int(3),
            timeWindows: rng.int(2) === 0 ? [[a, a + 60], [a + 150, a + 200]] as [number, number][] : [[a, a + 90]] as [number, number][],
          };
        }),
        vehicleTypes: [{ id: 'v', count: 2, capacity: [12], startDepot: 'D', fixedCost: 10 }],
        matrix: { size: n + 1, distances: d },
      });
      const view = serveMostView(problem);
      const active = new Uint8Array(n).fill(1);
      const ls = new LocalSearch(view, active, nearestNeighbours(view, active, 6), createRandom(seed));
      const routes: number[][] = [[], []];
      for (let s = 0; s < n; s++) if (rng.int(3) > 0) routes[rng.int(2)]!.push(s);
      ls.load(routes);
      ls.penalties = { capacity: 3, timeWarp: 2, distance: 1 };
      for (let r = 0; r < ls.nRoutes; r++) ls.updateRoute(r);
      const seg = new Segment(ls.nDims);
      const excess = (): number[] => ls.exportRoutes().map((route, r) => {
        summariseRoute(view, ls.typeOf(r), route, route.length, seg);
        return totalExcess(seg, ls.typeOf(r));
      });
      for (let k = 0; k < 40; k++) {
        const u = rng.int(n);
        if (ls.route[u]! >= 0) continue;
        const before = excess();
        const objective = ls.objective();
        const moved = rng.int(2) === 0 ? tryInsertOptional(ls, u) : trySwapOptional(ls, u);
        const after = excess();
        after.forEach((x, r) => expect(x).toBeLessThanOrEqual(before[r]! + 1e-6));
        if (moved) expect(ls.objective()).toBeLessThan(objective);
        else expect(ls.objective()).toBeCloseTo(objective, 6);
      }
    }
  });
});
