/** The assignment problem (util/assignment.ts) against every permutation of small matrices. */
import { describe, expect, it } from 'vitest';
import { minCostAssignment } from '../../src/util/assignment.js';
import { createRandom } from '../../src/util/random.js';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]));
}

describe('minCostAssignment', () => {
  it('finds the cheapest permutation of random matrices up to 6 × 6 (ties and large entries included)', () => {
    const rng = createRandom(5);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + (trial % 6);
      // Few distinct values make ties; some entries stand for forbidden pairs.
      const cost = Array.from({ length: n * n }, () => (rng.int(8) === 0 ? 1e9 : rng.int(trial % 2 === 0 ? 4 : 1000)));
      const col = minCostAssignment(n, cost);
      expect([...col].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, k) => k));
      const total = (p: ArrayLike<number>): number => Array.from({ length: n }, (_, r) => cost[r * n + p[r]!]!).reduce((a, b) => a + b, 0);
      const least = Math.min(...permutations(n).map(total));
      expect(total(col), `trial ${trial}`).toBe(least);
    }
  });
});
