import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import { orderCrossover } from '../../../src/vrp/search/crossover.js';

describe('ordered crossover', () => {
  it('gives a permutation that keeps a circular slice of the first parent in place', () => {
    const rng = createRandom(3);
    const n = 12;
    for (let trial = 0; trial < 200; trial++) {
      const a = Int32Array.from({ length: n }, (_, i) => i).sort(() => rng.next() - 0.5);
      const b = Int32Array.from({ length: n }, (_, i) => i).sort(() => rng.next() - 0.5);
      const child = new Int32Array(n);
      orderCrossover(a, b, n, rng, child, new Uint8Array(n));
      expect(Array.from(child).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      const kept = Array.from(child).filter((x, i) => a[i] === x).length;
      expect(kept).toBeGreaterThanOrEqual(2); // the slice has at least two positions
    }
  });

  it('is repeatable for a seed', () => {
    const a = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    const b = Int32Array.from([7, 6, 5, 4, 3, 2, 1, 0]);
    const run = (): number[] => {
      const out = new Int32Array(8);
      orderCrossover(a, b, 8, createRandom(5), out, new Uint8Array(8));
      return Array.from(out);
    };
    expect(run()).toEqual(run());
  });
});
