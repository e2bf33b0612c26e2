import { describe, expect, it } from 'vitest';
import { createPeriodicProblem } from '@postroute/core';
import type { PeriodicProblemInput } from '@postroute/core';
import { createRandom } from '../../../src/util/random.js';
import { DEFAULT_HGS, initialPenalties } from '../../../src/vrp/search/hgs.js';
import { CROSSED_DAYS, CROSSED_DAYS_FROM_VISITS, crossover } from '../../../src/vrp/periodic/crossover.js';
import { makePeriodicIndividual } from '../../../src/vrp/periodic/individual.js';
import { PERIODIC_DEFAULTS } from '../../../src/vrp/periodic/search.js';
import { Workspace } from '../../../src/vrp/periodic/workspace.js';

/** n stops (30 unless told) over 5 days, frequencies 1, 2 and 5, three vans a day. */
function week(seed: number, accumulate: boolean, n = 30): PeriodicProblemInput {
  const random = createRandom(seed);
  const xy = Array.from({ length: n + 1 }, () => [random.int(1000), random.int(1000)] as const);
  return {
    horizon: 5, ...(accumulate ? { accumulate: true } : {}),
    depots: [{ id: 'hub', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => ({ id: `v${k}`, location: k + 1, delivery: [1 + random.int(3)], visits: [1, 2, 5][random.int(3)]! })),
    vehicleTypes: [{ id: 'van', count: n <= 30 ? 3 : Math.ceil(n / 8), capacity: [40], startDepot: 'hub' }],
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

  it('crosses every day of a small week, at most CROSSED_DAYS of a large one, every day with accumulated mail', () => {
    const params = { ...DEFAULT_HGS, ...PERIODIC_DEFAULTS };
    const visitsOf = (input: PeriodicProblemInput) => input.stops.reduce((sum, s) => sum + s.visits!, 0);
    const small = week(3, false);
    const large = week(5, false, 300);
    expect(visitsOf(small)).toBeLessThan(CROSSED_DAYS_FROM_VISITS);
    expect(visitsOf(large)).toBeGreaterThanOrEqual(CROSSED_DAYS_FROM_VISITS);
    const workspace = (input: PeriodicProblemInput) => {
      const problem = createPeriodicProblem(input);
      return new Workspace(problem, new Uint8Array(problem.nStops).fill(1), createRandom(7), params);
    };
    expect(workspace(small).crossedDays).toBe(5);
    expect(workspace(week(5, true, 300)).crossedDays).toBe(5);
    const ws = workspace(large);
    expect(ws.crossedDays).toBe(CROSSED_DAYS);
    const p = initialPenalties(ws.problem.base, params.initialTimeWarpFactor);
    const parent = () => makePeriodicIndividual(ws.views, ws.masks, ws.randomStart(p), ws.active, p);
    const a = parent();
    const b = parent();
    const popcount = (x: number) => { let c = 0; for (; x; x &= x - 1) c++; return c; };
    for (let trial = 0; trial < 20; trial++) {
      // Every day of this week has visits: all but CROSSED_DAYS of them are A's routes.
      const { clean } = crossover(ws, a, b, p);
      expect(popcount(clean)).toBeGreaterThanOrEqual(5 - CROSSED_DAYS);
    }
    // The small week's children are half new on average (PIX's uniform bounds): some cross 3+ days.
    const wsSmall = workspace(small);
    const ps = initialPenalties(wsSmall.problem.base, params.initialTimeWarpFactor);
    const pa = makePeriodicIndividual(wsSmall.views, wsSmall.masks, wsSmall.randomStart(ps), wsSmall.active, ps);
    const pb = makePeriodicIndividual(wsSmall.views, wsSmall.masks, wsSmall.randomStart(ps), wsSmall.active, ps);
    let wide = 0;
    for (let trial = 0; trial < 40; trial++) if (popcount(crossover(wsSmall, pa, pb, ps).clean) <= 2) wide++;
    expect(wide).toBeGreaterThan(0);
  });
});
