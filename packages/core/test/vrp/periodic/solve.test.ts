import { describe, expect, it } from 'vitest';
import {
  createPeriodicProblem, createProblem, evaluatePeriodicPlan, solve, solvePeriodic,
} from '@postroute/core';
import type { PeriodicProblemInput, PeriodicRouteInput } from '@postroute/core';
import { createRandom } from '../../../src/util/random.js';
import { checkPeriodicSolution, type CheckPeriodicProblem } from '../../support/check-solution.js';
import { bruteForcePeriodic } from '../../support/brute-force-periodic.js';
import { inputError } from '../../support/errors.js';

type Variant = 'plain' | 'accumulate' | 'fleet-per-day' | 'duration';

/** Tiny seeded periodic problem: 5 stops, 3 days, frequencies 1–3, integer distances. */
function tinyPeriodic(seed: number, variant: Variant, n = 5, horizon = 3): PeriodicProblemInput {
  const random = createRandom(seed * 97 + ['plain', 'accumulate', 'fleet-per-day', 'duration'].indexOf(variant));
  const size = n + 1;
  const xy = Array.from({ length: size }, () => [random.int(101), random.int(101)] as const);
  const distances = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
  const stops: PeriodicProblemInput['stops'] = Array.from({ length: n }, (_, k) => {
    const visits = 1 + random.int(horizon);
    const stop: PeriodicProblemInput['stops'][number] = { id: `s${k + 1}`, location: k + 1, delivery: [1 + random.int(4)], visits };
    if (random.next() < 0.4 && visits < horizon) {
      const closed = 1 + random.int(horizon);
      stop.days = [1, 2, 3].filter((d) => d !== closed);
    }
    if (variant === 'duration') stop.serviceTime = 5;
    return stop;
  });
  const van: PeriodicProblemInput['vehicleTypes'][number] = { id: 'van', capacity: [variant === 'accumulate' ? 14 : 8], startDepot: 'hub', count: 2 };
  if (variant === 'fleet-per-day') {
    delete van.count;
    van.countPerDay = [2, 1, 2];
  }
  if (variant === 'duration') van.maxDuration = 260;
  return {
    horizon, ...(variant === 'accumulate' ? { accumulate: true } : {}),
    depots: [{ id: 'hub', location: 0 }], stops, vehicleTypes: [van], matrix: { size, distances },
  };
}

describe('solvePeriodic against brute force over patterns', () => {
  const variants: Variant[] = ['plain', 'accumulate', 'fleet-per-day', 'duration'];
  for (const variant of variants) {
    it(`${variant}: the optimum on 3 seeds, every plan confirmed by the checker`, () => {
      for (let seed = 1; seed <= 3; seed++) {
        const input = tinyPeriodic(seed, variant);
        const exact = bruteForcePeriodic(input as CheckPeriodicProblem);
        const result = solvePeriodic(createPeriodicProblem(input), { seed, maxIterations: 1000 });
        const report = checkPeriodicSolution(input as CheckPeriodicProblem, result);
        expect(report.violations, `${variant} seed ${seed}`).toEqual([]);
        if (exact.cost === Infinity) {
          expect(result.feasible).toBe(false);
          continue;
        }
        expect(result.feasible).toBe(true);
        expect(result.cost, `${variant} seed ${seed}`).toBeCloseTo(exact.cost, 6);
      }
    });
  }
});

describe('solvePeriodic', () => {
  it('a one-day horizon gives exactly the daily engine\'s result for the same seed', () => {
    const input = tinyPeriodic(4, 'plain', 7, 1);
    for (const s of input.stops) delete s.visits, delete s.days;
    const periodic = solvePeriodic(createPeriodicProblem(input), { seed: 5, maxIterations: 200 });
    const { horizon: _h, ...daily } = input;
    const plain = solve(createProblem(daily as never), { seed: 5, maxIterations: 200 });
    expect(periodic.cost).toBe(plain.cost);
    expect(periodic.routes.map(({ day, ...r }) => { expect(day).toBe(1); return r; })).toEqual(plain.routes);
    expect(periodic.unassigned).toEqual(plain.unassigned);
  });

  it('patterns are always honoured on larger random problems (rules, accumulation, fleet per day)', () => {
    for (let seed = 1; seed <= 2; seed++) {
      const random = createRandom(seed);
      const n = 24;
      const xy = Array.from({ length: n + 1 }, () => [random.int(1000), random.int(1000)] as const);
      const input: PeriodicProblemInput = {
        horizon: 6,
        accumulate: seed !== 2,
        depots: [{ id: 'hub', location: 0 }],
        stops: Array.from({ length: n }, (_, k) => {
          const visits = [1, 2, 3, 6][random.int(4)]!;
          return { id: `v${k}`, location: k + 1, delivery: [1 + random.int(3)], visits, ...(visits === 3 ? { minGap: 2 } : {}), ...(visits === 1 ? { days: [2, 4, 6] } : {}) };
        }),
        vehicleTypes: [{ id: 'van', countPerDay: [3, 3, 3, 3, 3, 2], capacity: [30], startDepot: 'hub' }],
        matrix: { size: n + 1, distances: xy.map((a) => xy.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1]))) },
      };
      const result = solvePeriodic(createPeriodicProblem(input), { seed, maxIterations: 15 });
      const report = checkPeriodicSolution(input as CheckPeriodicProblem, result);
      expect(report.violations).toEqual([]);
      expect(result.visits).toHaveLength(n);
    }
  });

  it('accumulated demand: a visit carries the days since the previous one, cyclically', () => {
    const input: PeriodicProblemInput = {
      horizon: 5, accumulate: true,
      depots: [{ id: 'hub', location: 0 }],
      stops: [{ id: 'farm', location: 1, delivery: [2], pickup: [1], patterns: [[1, 4]] }],
      vehicleTypes: [{ id: 'van', count: 1, capacity: [10], startDepot: 'hub' }],
      matrix: { size: 2, distances: [[0, 3], [3, 0]] },
    };
    const result = solvePeriodic(createPeriodicProblem(input), { maxIterations: 5 });
    // Day 1 follows day 4 of the previous week: days 5 and 1, 2 × 2 = 4; day 4: days 2, 3, 4 = 6.
    expect(result.routes.map((r) => [r.day, r.startLoad[0], r.visits[0]!.load[0]])).toEqual([[1, 4, 2], [4, 6, 3]]);
    expect(result.visits).toEqual([{ id: 'farm', days: [1, 4] }]);
  });

  it('a stop whose patterns cannot be met gets its own reason; the rest is planned', () => {
    const input = tinyPeriodic(2, 'plain');
    input.vehicleTypes[0] = { ...input.vehicleTypes[0]!, count: undefined, countPerDay: [2, 0, 2] } as never;
    delete (input.vehicleTypes[0] as { count?: number }).count;
    input.stops.forEach((stop) => { stop.visits = 1; delete stop.days; });
    input.stops[0] = { ...input.stops[0]!, visits: 1, days: [2] };
    const result = solvePeriodic(createPeriodicProblem(input), { maxIterations: 50 });
    expect(result.unassigned).toEqual([{ id: 's1', reason: 'pattern-unmeetable' }]);
    expect(result.routes.every((r) => r.day !== 2)).toBe(true);
  });

  it('is repeatable for a seed under an iteration limit', () => {
    const input = tinyPeriodic(3, 'accumulate', 8);
    const a = solvePeriodic(createPeriodicProblem(input), { seed: 9, maxIterations: 60 });
    const b = solvePeriodic(createPeriodicProblem(input), { seed: 9, maxIterations: 60 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('a feasible warm start (a weekly plan) is never made worse', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const input = tinyPeriodic(seed, 'fleet-per-day', 7);
      input.vehicleTypes[0]!.capacity = [20];
      const problem = createPeriodicProblem(input);
      const good = solvePeriodic(problem, { seed, maxIterations: 200 });
      expect(good.unassigned).toEqual([]);
      const plan: PeriodicRouteInput[] = good.routes.map((r) => ({ day: r.day, vehicleType: r.vehicleType, stops: r.stops }));
      const again = solvePeriodic(problem, { seed: seed + 1, maxIterations: 0, warmStart: plan });
      expect(again.cost).toBeLessThanOrEqual(good.cost + 1e-9);
      expect(checkPeriodicSolution(input as CheckPeriodicProblem, again).violations, JSON.stringify(again.routes.map((r) => [r.day, r.stops]))).toEqual([]);
    }
  });
});

describe('evaluatePeriodicPlan', () => {
  const input = (): PeriodicProblemInput => ({
    horizon: 3,
    depots: [{ id: 'hub', location: 0 }],
    stops: [
      { id: 'town', location: 1, delivery: [4] },
      { id: 'hamlet', location: 2, delivery: [3], visits: 2, minGap: 2 },
      { id: 'farm', location: 3, delivery: [1], visits: 1 },
    ],
    vehicleTypes: [{ id: 'van', countPerDay: [1, 1, 0], capacity: [10], startDepot: 'hub' }],
    matrix: { size: 4, distances: [[0, 5, 7, 9], [5, 0, 4, 6], [7, 4, 0, 3], [9, 6, 3, 0]] },
  });

  it('reports a wrong pattern, the fleet of the day and stops not in the plan; the checker agrees on figures', () => {
    const problem = createPeriodicProblem(input());
    const week = evaluatePeriodicPlan(problem, [
      { day: 1, vehicleType: 'van', stops: ['town', 'hamlet'] },
      { day: 2, vehicleType: 'van', stops: ['town', 'hamlet'] },
      { day: 3, vehicleType: 'van', stops: ['town'] },
    ]);
    expect(week.feasible).toBe(false);
    expect(week.violations.map((v) => [v.kind, v.stop ?? v.vehicleType, v.day])).toEqual([
      ['fleet-size', 'van', 3],
      ['visit-pattern', 'hamlet', undefined],
    ]);
    expect(week.unassigned).toEqual([{ id: 'farm', reason: 'not-in-plan' }]);
    const report = checkPeriodicSolution(input() as CheckPeriodicProblem, week, { requireAllServed: false });
    // The checker sees the same two faults and recomputes every figure the same.
    expect(report.violations.filter((v) => !/only 0 vehicles|not an allowed pattern|vehicle index 0 not in|claims/.test(v))).toEqual([]);
    expect(report.violations.some((v) => /hamlet is visited on days 1,2, not an allowed pattern/.test(v))).toBe(true);
  });

  it('bad weekly routes are located input errors', () => {
    const problem = createPeriodicProblem(input());
    expect(inputError(() => evaluatePeriodicPlan(problem, [{ day: 4, vehicleType: 'van', stops: ['town'] }])).location.field).toBe('routes[0].day');
    expect(inputError(() => evaluatePeriodicPlan(problem, [{ day: 1, vehicleType: 'bus', stops: ['town'] }])).location.field).toBe('routes[0].vehicleType');
    expect(inputError(() => evaluatePeriodicPlan(problem, [{ day: 1, vehicleType: 'van', stops: ['nowhere'] }])).location.field).toBe('routes[0].stops[0]');
    expect(inputError(() => evaluatePeriodicPlan(problem, [
      { day: 1, vehicleType: 'van', stops: ['town'] }, { day: 1, vehicleType: 'van', stops: ['town'] },
    ])).location.field).toBe('routes[1].stops[0]');
  });
});
