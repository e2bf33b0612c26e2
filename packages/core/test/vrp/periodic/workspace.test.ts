import { describe, expect, it } from 'vitest';
import { createPeriodicProblem } from '@postroute/core';
import type { PeriodicProblemInput } from '@postroute/core';
import { createRandom } from '../../../src/util/random.js';
import { DEFAULT_HGS, initialPenalties } from '../../../src/vrp/search/hgs.js';
import { makePeriodicIndividual } from '../../../src/vrp/periodic/individual.js';
import { PERIODIC_DEFAULTS } from '../../../src/vrp/periodic/search.js';
import { Workspace } from '../../../src/vrp/periodic/workspace.js';

/** 40 stops over 5 days, frequencies 1, 2 and 5, three vans a day with little spare capacity. */
function week(seed: number): PeriodicProblemInput {
  const random = createRandom(seed);
  const n = 40;
  const xy = Array.from({ length: n + 1 }, () => [random.int(1000), random.int(1000)] as const);
  return {
    horizon: 5,
    depots: [{ id: 'hub', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => ({ id: `v${k}`, location: k + 1, delivery: [1 + random.int(5)], visits: [1, 2, 5][random.int(3)]! })),
    vehicleTypes: [{ id: 'van', count: 3, capacity: [30], startDepot: 'hub' }],
    matrix: { size: n + 1, distances: xy.map((a) => xy.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1]))) },
  };
}

describe('Workspace.educate', () => {
  it('on a day feasible after education, the local search at ten times the penalties does exactly what it does at the same penalties (what repair relies on to skip it)', () => {
    let feasibleDays = 0;
    let infeasibleDays = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const problem = createPeriodicProblem(week(seed));
      const params = { ...DEFAULT_HGS, ...PERIODIC_DEFAULTS };
      // Two workspaces in lockstep (same seed, same calls): one reruns at p, the other at strict.
      const same = new Workspace(problem, new Uint8Array(problem.nStops).fill(1), createRandom(seed), params);
      const raised = new Workspace(problem, new Uint8Array(problem.nStops).fill(1), createRandom(seed), params);
      const initial = initialPenalties(problem.base, params.initialTimeWarpFactor);
      // Low penalties, so that education leaves some days overloaded.
      const p = { capacity: initial.capacity * 0.3, timeWarp: initial.timeWarp, distance: initial.distance };
      const strict = { capacity: p.capacity * 10, timeWarp: p.timeWarp * 10, distance: p.distance * 10 };
      for (let start = 0; start < 4; start++) {
        const routes = same.educate(same.randomStart(p), p);
        expect(raised.educate(raised.randomStart(p), p)).toEqual(routes);
        const educated = makePeriodicIndividual(same.views, same.masks, routes, same.active, p);
        for (let d = 0; d < problem.horizon; d++) {
          if (!educated.days[d]!.feasible) {
            infeasibleDays++;
            continue;
          }
          feasibleDays++;
          const atSame = same.localSearch(d, routes[d]!.map((r) => r.slice()), p);
          const atStrict = raised.localSearch(d, routes[d]!.map((r) => r.slice()), strict);
          expect(atStrict).toEqual(atSame);
        }
      }
    }
    // Both kinds of day occurred, or the test proves nothing.
    expect(feasibleDays).toBeGreaterThan(10);
    expect(infeasibleDays).toBeGreaterThan(0);
  });
});

describe('Workspace.localSearch from the changed routes only', () => {
  it('ends in a local optimum: from an educated day with stops moved between routes, a full local search afterwards changes nothing', () => {
    let moved = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const problem = createPeriodicProblem(week(seed));
      const params = { ...DEFAULT_HGS, ...PERIODIC_DEFAULTS };
      const ws = new Workspace(problem, new Uint8Array(problem.nStops).fill(1), createRandom(seed), params);
      const p = initialPenalties(problem.base, params.initialTimeWarpFactor);
      const routes = ws.educate(ws.randomStart(p), p);
      const random = createRandom(100 + seed);
      for (let d = 0; d < problem.horizon; d++) {
        const day = routes[d]!.map((r) => r.slice());
        const used = day.map((r, k) => k).filter((k) => day[k]!.length > 1);
        if (used.length < 2) continue;
        // Two stops of one route appended to another: two routes changed, the rest untouched.
        const from = used[random.int(used.length)]!;
        const to = used.filter((k) => k !== from)[random.int(used.length - 1)]!;
        day[to]!.push(...day[from]!.splice(random.int(day[from]!.length - 1), 2));
        const changed = new Uint8Array(day.length);
        changed[from] = 1;
        changed[to] = 1;
        const focused = ws.localSearch(d, day, p, changed);
        expect(focused).not.toEqual(day);
        expect(ws.localSearch(d, focused.map((r) => r.slice()), p)).toEqual(focused);
        // Told that nothing changed, it leaves the perturbed day as it is (it only looks there).
        expect(ws.localSearch(d, day.map((r) => r.slice()), p, new Uint8Array(day.length))).toEqual(day);
        moved++;
      }
    }
    expect(moved).toBeGreaterThan(10);
  });
});

describe('Workspace.localSearch granular lists', () => {
  it('after patterns change a few stops or many at a time, every list is the nearest stops on the day (as built from scratch)', () => {
    const problem = createPeriodicProblem(week(7));
    const params = { ...DEFAULT_HGS, ...PERIODIC_DEFAULTS, granularity: 6 };
    const ws = new Workspace(problem, new Uint8Array(problem.nStops).fill(1), createRandom(7), params);
    const p = initialPenalties(problem.base, params.initialTimeWarpFactor);
    const random = createRandom(77);
    let masks = ws.masks.slice();
    ws.randomStart(p);
    masks = ws.masks.slice();
    let stale = 0;
    for (let round = 0; round < 30; round++) {
      // A few stops (as pattern improvement moves them) or many (a new child) take another pattern.
      const changes = round % 3 === 0 ? problem.nStops : 1 + random.int(3);
      for (let c = 0; c < changes; c++) {
        const s = random.int(problem.nStops);
        const a = problem.usableStart[s]!;
        masks[s] = problem.usable[a + random.int(problem.usableStart[s + 1]! - a)]!;
      }
      ws.setMasks(masks);
      for (let d = 0; d < problem.horizon; d++) {
        const tour = Int32Array.from({ length: problem.nStops }, (_, s) => s).filter((s) => ws.active[d]![s]);
        ws.localSearch(d, ws.split(d, tour, tour.length, p), p);
        const ls = ws.searchOf(d);
        for (let s = 0; s < problem.nStops; s++) {
          const expected = ws.active[d]![s] ? Array.from(ws.ranked[s]!).filter((v) => ws.active[d]![v]).slice(0, params.granularity) : [];
          if (Array.from(ls.nearest[s]!).join() !== expected.join()) stale++;
          // The order of tries is reshuffled by the search, the stops in it are the same.
          expect([...ls.neighbours[s]!].sort((x, y) => x - y), `round ${round}, day ${d}, stop ${s}`).toEqual([...expected].sort((x, y) => x - y));
        }
      }
    }
    expect(stale).toBe(0);
  });
});
