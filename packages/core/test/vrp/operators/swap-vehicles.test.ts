import { describe, expect, it } from 'vitest';
import { trySwapVehicles } from '../../../src/vrp/operators/swap-vehicles.js';
import { freshCost, randomState } from './harness.js';

describe('vehicle exchange between types', () => {
  it('moves whole routes to another type only when that is cheaper', () => {
    let applied = 0;
    for (const seed of [14, 15, 16, 17]) {
      const ls = randomState(seed, 16);
      for (let a = 0; a < ls.nRoutes; a++) {
        for (let b = 0; b < ls.nRoutes; b++) {
          const before = freshCost(ls);
          const sizes = [ls.routeLength[a], ls.routeLength[b]];
          if (trySwapVehicles(ls, a, b)) {
            applied++;
            expect(ls.typeOf(a).id).not.toBe(ls.typeOf(b).id);
            expect([ls.routeLength[b], ls.routeLength[a]]).toEqual(sizes);
            expect(freshCost(ls)).toBeLessThan(before);
          }
        }
      }
    }
    expect(applied).toBeGreaterThan(0);
  });
});
