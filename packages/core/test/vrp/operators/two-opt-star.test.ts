import { describe, expect, it } from 'vitest';
import { applyTwoOptStar, evaluateTwoOptStar } from '../../../src/vrp/operators/two-opt-star.js';
import { Segment } from '../../../src/vrp/segments.js';
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

describe('tails on another vehicle\'s matrices (LocalSearch.suffixStore)', () => {
  it('after moves, every stop\'s stored tail on each other route\'s matrices is the tail driven stop by stop', () => {
    let compared = 0;
    for (const seed of [3, 4]) {
      const ls = randomState(seed);
      // Moves change routes; the tails on other matrices are refreshed when next asked for.
      for (let round = 0; round < 3; round++) {
        checkMoves(ls, 400, (u, v) => evaluateTwoOptStar(ls, u, v), (u, v) => applyTwoOptStar(ls, u, v), seed + round);
        for (let r = 0; r < ls.nRoutes; r++) {
          for (let x = 0; x < ls.nStops; x++) {
            const rx = ls.route[x]!;
            if (rx < 0 || rx === r || ls.routeProfile[rx] === ls.routeProfile[r]) continue;
            const store = ls.suffixStore(r, x);
            const seg = new Segment(ls.nDims);
            for (let y = x; y < ls.nStops; y = ls.next[y]!) ls.pushNode(seg, y, ls.profileOf(r));
            expect(store.distance[x]).toBeCloseTo(seg.distance, 9);
            expect(store.duration[x]).toBeCloseTo(seg.duration, 9);
            expect(store.timeWarp[x]).toBeCloseTo(seg.timeWarp, 9);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
