import { describe, expect, it } from 'vitest';
import { applyTwoOptStarReversed, evaluateTwoOptStarReversed } from '../../../src/vrp/operators/two-opt-star-reversed.js';
import { checkMoves, plainState, randomState } from './harness.js';

describe('2-opt* with reversal between routes', () => {
  for (const asymmetric of [false, true]) {
    it(`the evaluated change is the real change (two depots, an open route, a distance limit${asymmetric ? ', one-way streets' : ''})`, () => {
      let checked = 0;
      for (const seed of [3, 4, 5, 6]) {
        const ls = plainState(seed, 24, asymmetric);
        expect(ls.reversible).toBe(true);
        checked += checkMoves(ls, 4000, (u, v) => evaluateTwoOptStarReversed(ls, u, v), (u, v) => applyTwoOptStarReversed(ls, u, v), seed);
      }
      expect(checked).toBeGreaterThan(10);
    });
  }

  it('is not offered where reversing a stretch changes its times or loads', () => {
    expect(randomState(7).reversible).toBe(false);
  });
});
