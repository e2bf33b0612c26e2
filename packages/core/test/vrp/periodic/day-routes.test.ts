import { describe, expect, it } from 'vitest';
import { createProblem } from '@postroute/core';
import type { ProblemInput } from '@postroute/core';
import { DayRoutes } from '../../../src/vrp/periodic/day-routes.js';
import { createRandom } from '../../../src/util/random.js';

/** A random day: 12 stops, 3 vans, tight capacity, optionally a duration limit and windows. */
function day(seed: number, timed: boolean): ProblemInput {
  const random = createRandom(seed);
  const n = 12;
  const xy = Array.from({ length: n + 1 }, () => [random.int(101), random.int(101)] as const);
  const distances = xy.map((a) => xy.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
  return {
    depots: [{ id: 'hub', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => ({
      id: `s${k}`, location: k + 1, delivery: [1 + random.int(5)], ...(timed ? { serviceTime: 10, timeWindows: [[0, 200 + random.int(300)]] as [number, number][] } : {}),
    })),
    vehicleTypes: [{ id: 'van', capacity: [9], startDepot: 'hub', count: 3, ...(timed ? { maxDuration: 250 } : {}) }],
    matrix: { size: n + 1, distances },
  };
}

describe('DayRoutes.bestInsertion', () => {
  // The screen (a lower bound from distance and loads) must never hide the cheapest place: the
  // result equals the best of every place priced by inserting, re-summarising and removing.
  for (const timed of [false, true]) {
    it(`finds the cheapest place of every stop (${timed ? 'windows and duration' : 'capacity only'}), 20 seeds`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const view = createProblem(day(seed, timed));
        const random = createRandom(seed + 1000);
        const routes: number[][] = [[], [], []];
        const out = random.int(view.nStops);
        for (let s = 0; s < view.nStops; s++) if (s !== out) routes[random.int(3)]!.push(s);
        const penalties = { capacity: 10 + random.int(100), timeWarp: 1 + random.int(50), distance: 1 };
        const dr = new DayRoutes(view);
        dr.load(routes, penalties);
        const delivery = Float64Array.from([view.delivery[out]!]);
        const pickup = new Float64Array(1);
        const found = dr.bestInsertion(out, delivery, pickup, null);
        const before = dr.total();
        let best = Infinity;
        for (let r = 0; r < 3; r++) {
          for (let k = 0; k <= dr.routes[r]!.length; k++) {
            dr.insert(out, { delta: 0, route: r, position: k });
            best = Math.min(best, dr.total() - before);
            dr.remove(out);
          }
        }
        expect(found.delta, `seed ${seed}`).toBeCloseTo(best, 9);
      }
    });
  }
});

describe('DayRoutes.bestInsertion with a limit', () => {
  // Pattern improvement asks only for places below the savings a pattern must beat: below the
  // limit the answer is the cheapest place itself, at or above it none (route -1, delta = limit).
  for (const timed of [false, true]) {
    it(`answers the cheapest place when it is below the limit, none otherwise (${timed ? 'windows and duration' : 'capacity only'}), 20 seeds`, () => {
      let below = 0;
      let above = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const view = createProblem(day(seed, timed));
        const random = createRandom(seed + 3000);
        const routes: number[][] = [[], [], []];
        const out = random.int(view.nStops);
        for (let s = 0; s < view.nStops; s++) if (s !== out) routes[random.int(3)]!.push(s);
        const dr = new DayRoutes(view);
        dr.load(routes, { capacity: 10 + random.int(100), timeWarp: 1 + random.int(50), distance: 1 });
        const delivery = Float64Array.from([view.delivery[out]!]);
        const pickup = new Float64Array(1);
        const cheapest = dr.bestInsertion(out, delivery, pickup, null);
        for (const factor of [0.5, 0.999, 1.001, 2]) {
          // Limits on both sides of the cheapest change (which may be negative).
          const limit = cheapest.delta + (factor - 1) * (1 + Math.abs(cheapest.delta));
          const found = dr.bestInsertion(out, delivery, pickup, null, limit);
          if (limit > cheapest.delta) {
            below++;
            expect(found, `seed ${seed}, limit ${limit}`).toEqual(cheapest);
          } else {
            above++;
            expect(found, `seed ${seed}, limit ${limit}`).toEqual({ delta: limit, route: -1, position: -1 });
          }
        }
      }
      expect(below).toBeGreaterThan(0);
      expect(above).toBeGreaterThan(0);
    });
  }
});

describe('DayRoutes.replacementDelta', () => {
  // The pattern swap prices "v takes u's place" from the summaries; re-summarising the route after
  // the replacement must give the same change.
  for (const timed of [false, true]) {
    it(`equals the change after replacing (${timed ? 'windows and duration' : 'capacity only'}), 20 seeds`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const view = createProblem(day(seed, timed));
        const random = createRandom(seed + 2000);
        const routes: number[][] = [[], [], []];
        const out = random.int(view.nStops);
        for (let s = 0; s < view.nStops; s++) if (s !== out) routes[random.int(3)]!.push(s);
        const dr = new DayRoutes(view);
        dr.load(routes, { capacity: 10 + random.int(100), timeWarp: 1 + random.int(50), distance: 1 });
        let u = random.int(view.nStops);
        if (u === out) u = (u + 1) % view.nStops;
        const predicted = dr.replacementDelta(u, out, Float64Array.from([view.delivery[out]!]), new Float64Array(1));
        const before = dr.total();
        dr.replace(u, out);
        expect(dr.total() - before, `seed ${seed}`).toBeCloseTo(predicted, 9);
        expect(dr.routeOf[u]).toBe(-1);
        expect(dr.routeOf[out]).toBeGreaterThanOrEqual(0);
      }
    });
  }
});

describe('DayRoutes.replacementBound', () => {
  // The pattern swap skips swaps whose summed bounds cannot beat the best move: each bound must
  // be at most the exact change, and equal to it where only distance and loads are priced.
  for (const timed of [false, true]) {
    it(`is at most the change after replacing (${timed ? 'windows and duration' : 'capacity only'}), 20 seeds`, () => {
      let equal = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const view = createProblem(day(seed, timed));
        const random = createRandom(seed + 4000);
        const routes: number[][] = [[], [], []];
        const out = random.int(view.nStops);
        for (let s = 0; s < view.nStops; s++) if (s !== out) routes[random.int(3)]!.push(s);
        const dr = new DayRoutes(view, true);
        dr.load(routes, { capacity: 10 + random.int(100), timeWarp: 1 + random.int(50), distance: 1 });
        for (let u = 0; u < view.nStops; u++) {
          if (u === out) continue;
          const delivery = Float64Array.from([view.delivery[out]!]);
          const bound = dr.replacementBound(u, out, delivery, new Float64Array(1));
          const exact = dr.replacementDelta(u, out, delivery, new Float64Array(1));
          expect(bound, `seed ${seed}, stop ${u}`).toBeLessThanOrEqual(exact + 1e-9);
          if (Math.abs(bound - exact) < 1e-9) equal++;
        }
      }
      if (!timed) expect(equal).toBeGreaterThan(0);
    });
  }
});

describe('DayRoutes.load with fixed demands', () => {
  // A route equal to the one held keeps its summaries: after a sequence of loads, moves and
  // loads at other penalties, every price equals that of a DayRoutes loaded once from scratch.
  for (const timed of [false, true]) {
    it(`prices as a fresh load after routes and penalties change (${timed ? 'windows and duration' : 'capacity only'}), 20 seeds`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const view = createProblem(day(seed, timed));
        const random = createRandom(seed + 5000);
        const kept = new DayRoutes(view, true);
        for (let round = 0; round < 6; round++) {
          const routes: number[][] = [[], [], []];
          const out = random.int(view.nStops);
          for (let s = 0; s < view.nStops; s++) if (s !== out) routes[random.int(3)]!.push(s);
          const penalties = { capacity: 10 + random.int(100), timeWarp: 1 + random.int(50), distance: 1 };
          kept.load(routes, penalties);
          // Some rounds change one route only, or none, so that most routes are kept.
          const again = routes.map((r) => r.slice());
          if (round % 2 === 0 && again[0]!.length > 1) again[0]!.reverse();
          kept.load(again, round % 3 === 0 ? penalties : { ...penalties, capacity: penalties.capacity * 10 });
          const fresh = new DayRoutes(view);
          fresh.load(again, round % 3 === 0 ? penalties : { ...penalties, capacity: penalties.capacity * 10 });
          expect(kept.total(), `seed ${seed}, round ${round}`).toBeCloseTo(fresh.total(), 9);
          expect(Array.from(kept.routeOf)).toEqual(Array.from(fresh.routeOf));
          expect(Array.from(kept.positionOf)).toEqual(Array.from(fresh.positionOf));
          const delivery = Float64Array.from([view.delivery[out]!]);
          expect(kept.bestInsertion(out, delivery, new Float64Array(1), null)).toEqual(fresh.bestInsertion(out, delivery, new Float64Array(1), null));
          for (let s = 0; s < view.nStops; s++) if (s !== out) expect(kept.removalDelta(s)).toBeCloseTo(fresh.removalDelta(s), 9);
        }
      }
    });
  }
});
