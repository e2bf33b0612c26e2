import { describe, expect, it } from 'vitest';
import { trySwapStar } from '../../../src/vrp/operators/swap-star.js';
import { freshCost, randomState } from './harness.js';

describe('SWAP*', () => {
  it('only applies exchanges that lower the real cost, keeping every stop once', () => {
    let applied = 0;
    for (const seed of [10, 11, 12, 13]) {
      const ls = randomState(seed, 30);
      for (let round = 0; round < 5; round++) {
        for (let a = 0; a < ls.nRoutes; a++) {
          for (let b = a + 1; b < ls.nRoutes; b++) {
            if (ls.routeLength[a] === 0 || ls.routeLength[b] === 0) continue;
            const before = freshCost(ls);
            if (trySwapStar(ls, a, b)) {
              applied++;
              expect(freshCost(ls)).toBeLessThan(before);
              expect(ls.totalCost()).toBeCloseTo(freshCost(ls), 6);
            }
          }
        }
      }
      expect(ls.exportRoutes().flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    }
    expect(applied).toBeGreaterThan(3);
  });
});
