import { describe, expect, it } from 'vitest';
import { createPeriodicProblem } from '@postroute/core';
import type { PeriodicProblemInput } from '@postroute/core';
import { createRandom } from '../../../src/util/random.js';
import { DEFAULT_HGS, initialPenalties } from '../../../src/vrp/search/hgs.js';
import { crossover } from '../../../src/vrp/periodic/crossover.js';
import { makePeriodicIndividual } from '../../../src/vrp/periodic/individual.js';
import { PERIODIC_DEFAULTS } from '../../../src/vrp/periodic/search.js';
import { Workspace } from '../../../src/vrp/periodic/workspace.js';

/** 30 stops over 5 days, frequencies 1, 2 and 5, three vans a day. */
function week(seed: number, accumulate: boolean): PeriodicProblemInput {
  const random = createRandom(seed);
  const n = 30;
  const xy = Array.from({ length: n + 1 }, () => [random.int(1000), random.int(1000)] as const);
  return {
    horizon: 5, ...(accumulate ? { accumulate: true } : {}),
    depots: [{ id: 'hub', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => ({ id: `v${k}`, location: k + 1, delivery: [1 + random.int(3)], visits: [1, 2, 5][random.int(3)]! })),
    vehicleTypes: [{ id: 'van', count: 3, capacity: [40], startDepot: 'hub' }],
    matrix: { size: n + 1, distances: xy.map((a) => xy.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1]))) },
  };
}

describe('PIX crossover', () => {
  it('a day it calls clean holds parent A\'s routes, unchanged but for the routes it flags (A\'s route with stops inserted); every stop gets one of its patterns', () => {
    for (const accumulate of [false, true]) {
      const problem = createPeriodicProblem(week(3, accumulate));
      const params = { ...DEFAULT_HGS, ...PERIODIC_DEFAULTS };
      const servable = new Uint8Array(problem.nStops).fill(1);
      const ws = new Workspace(problem, servable, createRandom(7), params);
      const p = initialPenalties(problem.base, params.initialTimeWarpFactor);
      const parent = () => {
        const routes = ws.educate(ws.randomStart(p), p);
        return makePeriodicIndividual(ws.views, ws.masks, routes, ws.active, p);
      };
      const a = parent();
      const b = parent();
      let cleanDays = 0;
      let flagged = 0;
      for (let trial = 0; trial < 40; trial++) {
        const { routes, clean, changed } = crossover(ws, a, b, p);
        for (let s = 0; s < problem.nStops; s++) expect(ws.isPattern(s, ws.masks[s]!)).toBe(true);
        for (let d = 0; d < problem.horizon; d++) {
          const visiting = routes[d]!.flat().sort((x, y) => x - y);
          const expected = Array.from({ length: problem.nStops }, (_, s) => s).filter((s) => (ws.masks[s]! >>> d) & 1);
          expect(visiting).toEqual(expected);
          if (!((clean >>> d) & 1)) continue;
          cleanDays++;
          routes[d]!.forEach((route, r) => {
            const before = a.days[d]!.routes[r]!;
            if (!changed[d]![r]) {
              expect(route).toEqual(before);
              return;
            }
            flagged++;
            expect(route.filter((s) => before.includes(s))).toEqual(before);
          });
        }
      }
      // Mail that accumulates makes a day's demands depend on every pattern: nothing is clean.
      if (accumulate) expect(cleanDays).toBe(0);
      else {
        expect(cleanDays).toBeGreaterThan(0);
        expect(flagged).toBeGreaterThan(0);
      }
    }
  });
});
