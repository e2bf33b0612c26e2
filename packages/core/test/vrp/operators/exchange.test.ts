import { describe, expect, it } from 'vitest';
import { applyExchange, evaluateExchange } from '../../../src/vrp/operators/exchange.js';
import { checkMoves, plainState, randomState } from './harness.js';

describe('(N, M)-exchange', () => {
  it.each([[1, 0], [2, 0], [1, 1], [2, 1], [2, 2], [3, 0]] as const)(
    '(%i, %i): the evaluated change is the real change, within and between routes',
    (N, M) => {
      let checked = 0;
      for (const seed of [1, 2, 3]) {
        const ls = randomState(seed);
        checked += checkMoves(ls, 3000, (u, v) => (M > 0 && !ls.isClient(v) ? Infinity : evaluateExchange(ls, u, N, v, M)), (u, v) => applyExchange(ls, u, N, v, M), seed);
      }
      expect(checked).toBeGreaterThan(5);
    },
  );

  it.each([[1, 0], [2, 0], [1, 1], [2, 1], [2, 2]] as const)(
    '(%i, %i) on plain problems (deliveries only, no windows; also one-way streets): the evaluated change is the real change',
    (N, M) => {
      let checked = 0;
      for (const seed of [1, 2]) {
        for (const asymmetric of [false, true]) {
          const ls = plainState(seed, 24, asymmetric);
          expect(ls.reversible).toBe(true);
          checked += checkMoves(ls, 3000, (u, v) => (M > 0 && !ls.isClient(v) ? Infinity : evaluateExchange(ls, u, N, v, M)), (u, v) => applyExchange(ls, u, N, v, M), seed);
        }
      }
      expect(checked).toBeGreaterThan(5);
    },
  );
});
