import { describe, expect, it } from 'vitest';
import { applyTwoOptStar, evaluateTwoOptStar } from '../../../src/vrp/operators/two-opt-star.js';
import { checkMoves, plainState, randomState } from './harness.js';

describe('2-opt* between routes', () => {
  it('the evaluated change is the real change, also between types with other matrices and an open route', () => {
    let checked = 0;
    for (const seed of [7, 8, 9]) {
      const ls = randomState(seed);
      checked += checkMoves(ls, 3000, (u, v) => evaluateTwoOptStar(ls, u, v), (u, v) => applyTwoOptStar(ls, u, v), seed);
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('on plain problems (also one-way streets): the evaluated change is the real change', () => {
    let checked = 0;
    for (const seed of [7, 8, 9]) {
      for (const asymmetric of [false, true]) {
        const ls = plainState(seed, 24, asymmetric);
        checked += checkMoves(ls, 3000, (u, v) => evaluateTwoOptStar(ls, u, v), (u, v) => applyTwoOptStar(ls, u, v), seed);
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});
