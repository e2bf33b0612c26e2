/**
 * Shipments (pick-up and delivery pairs): the model's checks, the load summaries with mid-route
 * pick-ups and drops, precedence in plan mode, and the solver against exhaustive enumeration on
 * tiny problems, judged by the independent checker.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createRandom } from '../../src/util/random.js';
import { createProblem, evaluatePlan, solve } from '../../src/vrp/index.js';
import type { ProblemInput } from '../../src/vrp/input.js';
import { Segment } from '../../src/vrp/segments.js';
import { summariseRoute } from '../../src/vrp/evaluate.js';
import { bruteForce } from '../support/brute-force.js';
import { checkSolution } from '../support/check-solution.js';

/** `pairs` shipments and `singles` plain deliveries on a 100 × 100 square, integer distances. */
function tinyPdp(seed: number, pairs: number, singles: number, windows: boolean): ProblemInput {
  const rng = createRandom(seed);
  const n = 2 * pairs + singles;
  const size = n + 1;
  const xy = Array.from({ length: size }, () => [rng.int(101), rng.int(101)]);
  const distances = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
  const stops: ProblemInput['stops'] = [];
  const shipments: NonNullable<ProblemInput['shipments']> = [];
  const window = (): [number, number][] | undefined => {
    if (!windows) return undefined;
    const a = rng.int(250);
    return [[a, a + 60 + rng.int(120)]];
  };
  for (let k = 0; k < pairs; k++) {
    const amount = 1 + rng.int(6);
    stops.push({ id: `p${k}`, location: 1 + 2 * k, pickup: [amount], serviceTime: 5, ...(windows ? { timeWindows: window()! } : {}) });
    stops.push({ id: `d${k}`, location: 2 + 2 * k, delivery: [amount], serviceTime: 5, ...(windows ? { timeWindows: window()! } : {}) });
    shipments.push({ pickup: `p${k}`, delivery: `d${k}` });
  }
  for (let k = 0; k < singles; k++) stops.push({ id: `s${k}`, location: 1 + 2 * pairs + k, delivery: [1 + rng.int(4)], serviceTime: 5 });
  return {
    depots: [{ id: 'D', location: 0, timeWindow: [0, 600] }],
    stops,
    vehicleTypes: [{ id: 'van', count: 3, capacity: [8], startDepot: 'D', fixedCost: 20 }],
    matrix: { size, distances },
    shipments,
  };
}

const errorOf = (f: () => unknown): InputError => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('shipments in the model', () => {
  const base = (): ProblemInput => tinyPdp(1, 2, 1, false);

  it('names the field of a bad shipment', () => {
    const unknown = base();
    unknown.shipments![1] = { pickup: 'p1', delivery: 'nowhere' };
    expect(errorOf(() => createProblem(unknown)).location.field).toBe('shipments[1].delivery');
    const twice = base();
    twice.shipments!.push({ pickup: 'p0', delivery: 's0' });
    expect(errorOf(() => createProblem(twice)).message).toMatch(/already in a shipment/);
    const amounts = base();
    amounts.stops[1]!.delivery = [99];
    const e = errorOf(() => createProblem(amounts));
    expect(e.location.field).toBe('shipments[0]');
    expect(e.message).toMatch(/differs from the pickup/);
    const optional = base();
    optional.stops[0]!.required = false;
    expect(errorOf(() => createProblem(optional)).message).toMatch(/must be required/);
    const extra = base();
    (extra.shipments![0] as unknown as Record<string, unknown>).amount = 3;
    expect(errorOf(() => createProblem(extra)).location.field).toBe('shipments[0].amount');
  });

  it('flags a pair no vehicle can carry as shipment-pair, for both stops', () => {
    const input = base();
    // Each reachable alone, but the delivery closes before the pick-up opens.
    input.stops[0]!.timeWindows = [[400, 410]];
    input.stops[1]!.timeWindows = [[150, 160]];
    const problem = createProblem(input);
    expect(problem.stopReason).toEqual(['shipment-pair', 'shipment-pair', null, null, null]);
  });
});

describe('load summaries with pick-ups and drops mid-route', () => {
  it('concatenating at every cut gives the largest load on board, recomputed stop by stop', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const input = tinyPdp(seed, 3, 2, false);
      input.stops[6]!.pickup = [2]; // a plain stop with both a delivery and a pickup
      const problem = createProblem(input);
      const type = problem.vehicleTypes[0]!;
      const prof = problem.profiles[0]!;
      const n = problem.nLocations;
      const rng = createRandom(seed);
      // A random order that keeps each pick-up before its delivery.
      const route: number[] = [];
      const pending = [0, 2, 4, 6, 7];
      while (pending.length > 0) {
        const k = rng.int(pending.length);
        const s = pending[k]!;
        route.push(s);
        pending.splice(k, 1);
        if (problem.partner[s]! >= 0 && problem.shipmentRole[s] === 1) pending.push(problem.partner[s]!);
      }
      // Independent load: deliveries of plain stops from the depot, pick-ups on, drops off.
      let onBoard = input.stops.filter((x, k) => x.delivery && !k.toString().match(/^[135]$/) && route.includes(k)).reduce((a, x) => a + x.delivery![0]!, 0);
      let peak = onBoard;
      for (const s of route) {
        const stop = input.stops[s]!;
        onBoard += (stop.pickup?.[0] ?? 0) - (stop.delivery?.[0] ?? 0);
        peak = Math.max(peak, onBoard);
      }
      const whole = new Segment(1);
      summariseRoute(problem, type, route, route.length, whole);
      expect(whole.load[0]).toBe(peak);
      const push = (seg: Segment, s: number): void => {
        const loc = problem.nDepots + s;
        seg.push(prof.distance, prof.duration, n, loc, problem.serviceTime[loc]!, problem.early[loc]!, problem.late[loc]!, problem.delivery, problem.pickup, s, 1);
      };
      for (let cut = 0; cut <= route.length; cut++) {
        const left = new Segment(1);
        left.push(prof.distance, prof.duration, n, type.startLocation, 0, type.startEarly, type.startLate, null, null, 0, 0);
        for (const s of route.slice(0, cut)) push(left, s);
        const right = new Segment(1);
        for (const s of route.slice(cut)) push(right, s);
        right.push(prof.distance, prof.duration, n, type.endLocation, 0, type.endEarly, type.endLate, null, null, 0, 0);
        left.append(prof.distance, prof.duration, n, right);
        expect(left.load[0]).toBe(peak);
        expect(left.distance).toBe(whole.distance);
      }
    }
  });
});

describe('precedence in plan mode', () => {
  it('reports a reversed pair and a split pair; the checker agrees', () => {
    const input = tinyPdp(3, 2, 0, false);
    const problem = createProblem(input);
    const good = evaluatePlan(problem, [{ vehicleType: 'van', stops: ['p0', 'd0', 'p1', 'd1'] }]);
    expect(good.violations).toEqual([]);
    expect(good.routes[0]!.startLoad).toEqual([0]);
    expect(checkSolution(input, good).violations).toEqual([]);
    const reversed = evaluatePlan(problem, [{ vehicleType: 'van', stops: ['d0', 'p0', 'p1', 'd1'] }]);
    expect(reversed.violations.map((v) => [v.kind, v.stop])).toEqual([['precedence', 'd0']]);
    expect(checkSolution(input, reversed).violations.join()).toMatch(/delivered before it is picked up/);
    const split = evaluatePlan(problem, [{ vehicleType: 'van', stops: ['p0', 'p1', 'd1'] }, { vehicleType: 'van', stops: ['d0'] }]);
    expect(split.violations.filter((v) => v.kind === 'precedence').map((v) => [v.kind, v.stop])).toEqual([['precedence', 'p0'], ['precedence', 'd0']]);
    expect(checkSolution(input, split).violations.join()).toMatch(/only the pick-up is on this route/);
  });
});

describe('the shipment search against exhaustive enumeration', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('tiny problem %i (3 pairs and a plain stop, windows): the optimum, checked independently', (seed) => {
    const input = tinyPdp(seed, 3, 1, seed % 2 === 0);
    const optimum = bruteForce(input);
    const solution = solve(createProblem(input), { seed, maxIterations: 2000 });
    if (optimum.cost === Infinity) {
      expect(solution.unassigned.length).toBeGreaterThan(0);
      return;
    }
    expect(checkSolution(input, solution).violations).toEqual([]);
    expect(solution.cost).toBeCloseTo(optimum.cost, 6);
  });

  it('is repeatable for a seed and an iteration limit', () => {
    const input = tinyPdp(11, 4, 2, true);
    const a = solve(createProblem(input), { seed: 5, maxIterations: 200 });
    const b = solve(createProblem(input), { seed: 5, maxIterations: 200 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
