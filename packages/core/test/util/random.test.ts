import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/util/random.js';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRandom(42), b = createRandom(42), c = createRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.uint32());
    const seqB = Array.from({ length: 20 }, () => b.uint32());
    const seqC = Array.from({ length: 20 }, () => c.uint32());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('draws integers in range, roughly uniformly', () => {
    const rng = createRandom(7);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const k = rng.int(10);
      expect(k >= 0 && k < 10).toBe(true);
      counts[k]!++;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});
