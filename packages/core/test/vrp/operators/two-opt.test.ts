import { describe, expect, it } from 'vitest';
import { applyTwoOpt, evaluateTwoOpt } from '../../../src/vrp/operators/two-opt.js';
import { checkMoves, freshCost, plainState, randomState } from './harness.js';

describe('2-opt within a route', () => {
  it('the evaluated change is the real change', () => {
    let checked = 0;
    for (const seed of [4, 5, 6]) {
      const ls = randomState(seed, 30);
      checked += checkMoves(ls, 4000, (u, v) => (ls.isClient(v) ? evaluateTwoOpt(ls, u, v) : Infinity), (u, v) => applyTwoOpt(ls, u, v), seed);
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('on plain problems (also one-way streets): the evaluated change is the real change', () => {
    let checked = 0;
    for (const seed of [4, 5, 6]) {
      for (const asymmetric of [false, true]) {
        const ls = plainState(seed, 30, asymmetric);
        checked += checkMoves(ls, 4000, (u, v) => (ls.isClient(v) ? evaluateTwoOpt(ls, u, v) : Infinity), (u, v) => applyTwoOpt(ls, u, v), seed);
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('on asymmetric matrices the O(1) distance screen lets every improving reversal through', () => {
    let improving = 0;
    for (const seed of [4, 5, 6]) {
      const ls = randomState(seed, 30, true);
      expect(ls.problem.symmetric).toBe(false);
      const routes = ls.exportRoutes();
      const before = freshCost(ls);
      for (let r = 0; r < routes.length; r++) {
        const route = routes[r]!;
        for (let i = 0; i < route.length; i++) {
          for (let j = i + 2; j < route.length; j++) {
            const delta = evaluateTwoOpt(ls, route[i]!, route[j]!);
            applyTwoOpt(ls, route[i]!, route[j]!);
            const real = freshCost(ls) - before;
            ls.load(routes);
            if (real < -1e-6) {
              improving++;
              expect(delta).toBeCloseTo(real, 6);
            }
          }
        }
      }
    }
    expect(improving).toBeGreaterThan(3);
  });
});
