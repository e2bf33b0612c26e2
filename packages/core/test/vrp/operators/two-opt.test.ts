import { describe, expect, it } from 'vitest';
import { applyTwoOpt, evaluateTwoOpt } from '../../../src/vrp/operators/two-opt.js';
import { checkMoves, randomState } from './harness.js';

describe('2-opt within a route', () => {
  it('the evaluated change is the real change', () => {
    let checked = 0;
    for (const seed of [4, 5, 6]) {
      const ls = randomState(seed, 30);
      checked += checkMoves(ls, 4000, (u, v) => (ls.isClient(v) ? evaluateTwoOpt(ls, u, v) : Infinity), (u, v) => applyTwoOpt(ls, u, v), seed);
    }
    expect(checked).toBeGreaterThan(3);
  });
});
