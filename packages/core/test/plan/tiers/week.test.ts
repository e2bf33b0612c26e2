/**
 * Two tiers across a week (tiers/week.ts): brute force on tiny composed cases (2 offices, 2–3 days,
 * up to 6 villages: every allowed day set of every village, every visiting order of every van and
 * the trunk on every day), and properties of random composed cases checked from the matrices alone
 * (visit counts on allowed days, accumulated mail, vans after their truck plus sorting, loads in
 * every dimension, the collection after the vans are back). Nothing here comes from the solver.
 */
import { describe, expect, it } from 'vitest';
import type { TwoTierInput } from '../../../src/plan/tiers/model.js';
import { solveTwoTierWeek, type TwoTierWeek } from '../../../src/plan/tiers/week.js';
import type { PeriodicStopInput } from '../../../src/vrp/periodic/index.js';
import { createRandom } from '../../../src/util/random.js';

interface Point { x: number; y: number }

/** Hub at 0, offices at 1..k, villages after (village k administered by office k mod 2); durations = distances. */
function tinyInput(points: Point[], nOffices: number, demands: number[], vanCapacity: number): TwoTierInput {
  const size = points.length;
  const distances: number[] = [];
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) distances.push(Math.round(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)));
  const offices = Array.from({ length: nOffices }, (_, k) => ({ id: `o${k + 1}`, location: k + 1, delivery: [2], pickup: [0], serviceTime: 0 }));
  const stops = points.slice(1 + nOffices).map((_, k) => ({ id: `s${k + 1}`, location: 1 + nOffices + k, delivery: [demands[k] ?? 1], pickup: [0], serviceTime: 0, office: `o${(k % nOffices) + 1}` }));
  return {
    dimensions: ['items'],
    hub: { id: 'hub', location: 0 },
    offices, stops,
    matrix: { size, distances, durations: distances },
    trunk: { vehicles: [{ id: 'truck', count: 1, capacity: [1000], departure: 0, fixedCost: 0, costPerDistance: 1 }], collection: null },
    delivery: {
      vehicles: offices.map((office) => ({ id: `van@${office.id}`, type: 'van', office: office.id, count: 1, capacity: [vanCapacity], fixedCost: 0, costPerDistance: 1 })),
      assignment: 'administrative', tolerance: 0, sorting: 30,
    },
  };
}

/** Every set of `visits` days out of `allowed`, written out here. */
function daySets(allowed: number[], visits: number): number[][] {
  const out: number[][] = [];
  const grow = (chosen: number[], from: number): void => {
    if (chosen.length === visits) return void out.push(chosen.slice());
    for (let k = from; k < allowed.length; k++) grow([...chosen, allowed[k]!], k + 1);
  };
  grow([], 0);
  return out;
}

/** Mail a visit on `day` carries: the days since the previous visit, cyclically, when it waits. */
function carried(days: number[], horizon: number, day: number, accumulate: boolean): number {
  if (!accumulate) return 1;
  const sorted = [...days].sort((a, b) => a - b);
  const i = sorted.indexOf(day);
  return i > 0 ? day - sorted[i - 1]! : day + horizon - sorted[sorted.length - 1]!;
}

function tour(d: (a: number, b: number) => number, depot: number, stops: number[]): number {
  if (stops.length === 0) return 0;
  let best = Infinity;
  const permute = (rest: number[], at: number, acc: number): void => {
    if (acc >= best) return;
    if (rest.length === 0) return void (best = Math.min(best, acc + d(at, depot)));
    rest.forEach((next, k) => permute([...rest.slice(0, k), ...rest.slice(k + 1)], next, acc + d(at, next)));
  };
  permute(stops, depot, 0);
  return best;
}

/** The composed optimum: every day set of every village; each day the trunk's tour and one van per office within capacity. */
function bruteForceWeek(input: TwoTierInput, horizon: number, accumulate: boolean, rules: { visits: number; allowed: number[] }[], vanCapacity: number): number {
  const d = (a: number, b: number): number => input.matrix.distances[a * input.matrix.size + b] as number;
  const trunk = tour(d, 0, input.offices.map((o) => o.location));
  const options = rules.map((rule) => daySets(rule.allowed, rule.visits));
  let best = Infinity;
  const chosen: number[][] = [];
  const walk = (k: number): void => {
    if (k === options.length) {
      let cost = 0;
      for (let day = 1; day <= horizon; day++) {
        cost += trunk;
        for (const office of input.offices) {
          const mine = input.stops.map((s, i) => ({ s, i })).filter(({ s, i }) => s.office === office.id && chosen[i]!.includes(day));
          const load = mine.reduce((sum, { s, i }) => sum + s.delivery[0]! * carried(chosen[i]!, horizon, day, accumulate), 0);
          if (load > vanCapacity) return;
          cost += tour(d, office.location, mine.map(({ s }) => s.location));
        }
      }
      best = Math.min(best, cost);
      return;
    }
    for (const set of options[k]!) {
      chosen.push(set);
      walk(k + 1);
      chosen.pop();
    }
  };
  walk(0);
  return best;
}

function patternsOf(rules: { visits: number; allowed: number[] }[], input: TwoTierInput): TwoTierWeek['patterns'] {
  return new Map(input.stops.map((stop, k): [string, Partial<PeriodicStopInput>] => [stop.id, { visits: rules[k]!.visits, days: rules[k]!.allowed }]));
}

describe('solveTwoTierWeek against exhaustive enumeration', () => {
  const rng = createRandom(19);
  for (let trial = 0; trial < 8; trial++) {
    const horizon = 2 + (trial % 2);
    const n = 4 + (trial % 3);
    const points: Point[] = [{ x: 50, y: 50 }, { x: 15, y: 20 }, { x: 85, y: 30 }];
    for (let s = 0; s < n; s++) points.push({ x: rng.int(100), y: rng.int(100) });
    const demands = Array.from({ length: n }, () => 1 + rng.int(3));
    const rules = Array.from({ length: n }, () => {
      const allowed = Array.from({ length: horizon }, (_, k) => k + 1).filter(() => rng.int(4) > 0);
      const days = allowed.length > 0 ? allowed : [1];
      return { visits: 1 + rng.int(days.length), allowed: days };
    });
    const accumulate = trial % 4 < 2;
    // Odd trials: the van's capacity binds on a day that carries waited mail.
    const vanCapacity = trial % 2 === 1 ? 7 : 1000;
    it(`case ${trial}: ${horizon} days, ${n} villages, ${accumulate ? 'mail waits' : 'no waiting'}, van capacity ${vanCapacity}`, () => {
      const input = tinyInput(points, 2, demands, vanCapacity);
      const optimum = bruteForceWeek(input, horizon, accumulate, rules, vanCapacity);
      const week = solveTwoTierWeek(input, { horizon, accumulate, patterns: patternsOf(rules, input) }, { seed: 1, timeLimit: 600, maxIterationsWithoutImprovement: 300 });
      if (!Number.isFinite(optimum)) {
        expect(week.unassigned.length).toBeGreaterThan(0);
        return;
      }
      expect(week.unassigned).toEqual([]);
      const total = week.days.reduce((sum, day) => sum + [...day.trunk.solution.routes, ...day.delivery.routes].reduce((a, r) => a + r.distance, 0), 0);
      expect(total).toBe(optimum);
    });
  }
});

describe('solveTwoTierWeek: properties of random composed cases, checked from the matrices', () => {
  for (const seed of [3, 5, 8]) {
    it(`seed ${seed}: 3 offices, 6 days, 15 villages, two dimensions, sorting, time windows, a collection wave`, () => {
      const rng = createRandom(seed);
      const H = 6;
      const points: Point[] = [{ x: 400, y: 400 }, { x: 100, y: 100 }, { x: 700, y: 150 }, { x: 400, y: 750 }];
      for (let s = 0; s < 15; s++) points.push({ x: rng.int(800), y: rng.int(800) });
      const input = tinyInput(points, 3, [], 1000);
      input.dimensions = ['mail', 'parcels'];
      for (const office of input.offices) Object.assign(office, { delivery: [10, 2], pickup: [0, 0], serviceTime: 60, latest: 2000 });
      const rules = input.stops.map((stop, k) => {
        Object.assign(stop, { delivery: [3 + rng.int(5), rng.int(3)], pickup: [0, k % 3 === 0 ? 4 : 0], serviceTime: 20 });
        if (k % 5 === 0) stop.latest = 3500;
        const visits = [6, 5, 3, 2, 2][k % 5]!;
        const allowed = k % 7 === 3 ? [1, 4] : [1, 2, 3, 4, 5, 6];
        return { visits: Math.min(visits, allowed.length), allowed };
      });
      input.trunk.vehicles = [{ id: 'truck', count: 2, capacity: [200, 40], departure: 100, fixedCost: 100, costPerDistance: 1 }];
      input.trunk.collection = { mode: 'second-wave', departure: 2500, returnBy: 20000 };
      input.delivery.vehicles = input.offices.map((office) => ({ id: `van@${office.id}`, type: 'van', office: office.id, count: 2, capacity: [40, 12], maxDuration: 4000, fixedCost: 50, costPerDistance: 1 }));
      input.delivery.sorting = 300;
      const accumulate = seed !== 5;
      const week = solveTwoTierWeek(input, { horizon: H, accumulate, patterns: patternsOf(rules, input) }, { seed, timeLimit: 600, maxIterationsWithoutImprovement: 200 });
      expect(week.unassigned).toEqual([]);
      const dur = (a: number, b: number): number => input.matrix.durations[a * input.matrix.size + b] as number;
      const where = new Map([...input.offices, ...input.stops].map((p) => [p.id, p]));
      const base = (id: string): string => id.replace(/~\d+$/, '');
      // Served on exactly its visit count, on allowed days.
      const servedDays = new Map<string, number[]>();
      week.days.forEach((day, k) => { for (const route of day.delivery.routes) for (const stop of route.stops) servedDays.set(stop, [...(servedDays.get(stop) ?? []), k + 1]); });
      input.stops.forEach((stop, k) => {
        const days = servedDays.get(stop.id) ?? [];
        expect(days.length, stop.id).toBe(rules[k]!.visits);
        expect(new Set(days).size).toBe(days.length);
        for (const d of days) expect(rules[k]!.allowed).toContain(d);
      });
      week.days.forEach((day, k) => {
        const d = k + 1;
        const own = (id: string, dim: number, kind: 'delivery' | 'pickup'): number => {
          const stop = input.stops.find((s) => s.id === id)!;
          return stop[kind][dim]! * carried(servedDays.get(id)!, H, d, accumulate);
        };
        // The trunk re-simulated: each office's mail arrives, unloaded, then sorted.
        const released = new Map<string, number>();
        let trunkCarried = [0, 0];
        for (const route of day.trunk.solution.routes) {
          const truck = input.trunk.vehicles[0]!;
          let t = truck.departure;
          let at = 0;
          for (const visit of route.visits) {
            const office = where.get(base(visit.id))!;
            t += dur(at, office.location);
            at = office.location;
            t += office.serviceTime;
            released.set(office.id, Math.max(released.get(office.id) ?? 0, t + input.delivery.sorting));
          }
          route.startLoad.forEach((x, dim) => expect(x).toBeLessThanOrEqual(truck.capacity[dim]! + 1e-9));
          trunkCarried = trunkCarried.map((x, dim) => x + route.startLoad[dim]!);
        }
        // The trunk carries each office's own mail plus that day's villages' (with waited mail).
        for (let dim = 0; dim < 2; dim++) {
          const expected = input.offices.reduce((sum, o) => sum + o.delivery[dim]!, 0)
            + input.stops.filter((s) => servedDays.get(s.id)?.includes(d)).reduce((sum, s) => sum + own(s.id, dim, 'delivery'), 0);
          expect(trunkCarried[dim]).toBeCloseTo(expected, 6);
        }
        const back = new Map<string, number>();
        for (const route of day.delivery.routes) {
          const office = route.startDepot;
          // No van leaves before its truck's arrival that day plus unloading and sorting.
          expect(route.departure, `day ${d} ${office}`).toBeGreaterThanOrEqual(released.get(office)!);
          const van = input.delivery.vehicles.find((v) => v.id === route.vehicleType)!;
          expect(van.office).toBe(office);
          // Loads in every dimension at every point: leaving with all the mail, then stop by stop.
          const load = [0, 1].map((dim) => route.stops.reduce((sum, id) => sum + own(id, dim, 'delivery'), 0));
          load.forEach((x, dim) => expect(x).toBeLessThanOrEqual(van.capacity[dim]! + 1e-9));
          let t = route.departure;
          let at = where.get(office)!.location;
          for (const id of route.stops) {
            const stop = where.get(id)!;
            t += dur(at, stop.location);
            at = stop.location;
            t += stop.serviceTime;
            for (let dim = 0; dim < 2; dim++) {
              load[dim] = load[dim]! - own(id, dim, 'delivery') + own(id, dim, 'pickup');
              expect(load[dim]).toBeLessThanOrEqual(van.capacity[dim]! + 1e-9);
            }
          }
          t += dur(at, where.get(office)!.location);
          expect(route.arrival).toBe(t);
          back.set(office, Math.max(back.get(office) ?? 0, t));
        }
        // The collection loads an office only once that office's vans are back that day.
        for (const route of day.collection?.solution.routes ?? []) {
          for (const visit of route.visits) {
            const office = base(visit.id);
            expect(visit.start, `day ${d} collection at ${office}`).toBeGreaterThanOrEqual(back.get(office) ?? 0);
          }
        }
        // Every violation of the day (none expected here) would be in the evaluator's routes.
        for (const route of [...day.trunk.solution.routes, ...day.delivery.routes]) expect(route.violations).toEqual([]);
      });
    });
  }
});
