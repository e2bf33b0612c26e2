import { describe, expect, it } from 'vitest';
import { compactDistances } from '../../../src/vrp/search/route-store.js';

describe('compactDistances', () => {
  it('copies a matrix to 32 bits only when every distance converts exactly, with the same values', () => {
    const integers = Float64Array.from([0, 17, 2 ** 24, 3.5, Infinity, 12]);
    const compact = compactDistances(integers);
    expect(compact).toBeInstanceOf(Float32Array);
    expect(Array.from(compact)).toEqual(Array.from(integers));
    // Kept per matrix: the same copy the second time.
    expect(compactDistances(integers)).toBe(compact);
    // 0.1 and 2^24 + 1 have no exact 32-bit float: the matrix itself is used.
    for (const odd of [0.1, 2 ** 24 + 1]) {
      const matrix = Float64Array.from([0, 17, odd]);
      expect(compactDistances(matrix)).toBe(matrix);
    }
  });
});
