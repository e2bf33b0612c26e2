import { describe, expect, it } from 'vitest';
import { clock, reportViolations, VIOLATION_WORDING, wordViolation } from '../../src/report/violations.js';
import type { ViolationKind } from '../../src/report/types.js';
import { createProblem, evaluatePlan, PLAN_VIOLATION_KINDS } from '../../src/vrp/index.js';
import type { PlanViolation, ProblemInput, RouteResult } from '../../src/vrp/index.js';

// Hub 0, stops a (1) and b (2); 30 min legs, 5 min service; b due by 09:00, the van leaves at 08:00.
const leg = 1800;
const input: ProblemInput = {
  depots: [{ id: 'hub', location: 0 }],
  stops: [
    { id: 'a', location: 1, delivery: [80], serviceTime: 300 },
    { id: 'b', location: 2, delivery: [50], serviceTime: 300, timeWindows: [[0, 9 * 3600]] },
  ],
  vehicleTypes: [{ id: 'van', count: 1, capacity: [100], startDepot: 'hub', shift: [8 * 3600, 48 * 3600], maxDuration: 3600 }],
  matrix: { size: 3, distances: [[0, 10, 10], [10, 0, 10], [10, 10, 0]], durations: [[0, leg, leg], [leg, 0, leg], [leg, leg, 0]] },
};

describe('reportViolations', () => {
  it('words what the evaluator found, in the report order, with its amounts', () => {
    const plan = evaluatePlan(createProblem(input), [{ vehicleType: 'van', stops: ['a', 'b'] }]);
    const found = reportViolations(plan.routes[0]!, { route: plan.routes[0]!, fleetCount: 1 });
    // load 130 > 100; b reached at 08:00 + 30 + 5 + 30 min = 09:05 (+5 min); duration 1:35 > 1:00
    expect(found.map((v) => [v.kind, v.stop, v.amount])).toEqual([
      ['over-capacity', undefined, 30],
      ['over-shift', undefined, 3 * leg + 600 - 3600],
      ['late', 'b', 300],
    ]);
    expect(found[0]!.message).toBe('carries 130, capacity 100 (+30)');
    expect(found[2]!.message).toBe('arrives at b at 9:05, due by 9:00 (+0:05)');
  });

  it('flags a route beyond the fleet and an unreachable leg, and nothing on a route within its limits', () => {
    const open: ProblemInput = { ...input, matrix: { ...input.matrix, distances: [[0, 10, null], [10, 0, null], [null, null, 0]] as (number | null)[][] } };
    const plan = evaluatePlan(createProblem({ ...open, vehicleTypes: [{ ...input.vehicleTypes[0]!, maxDuration: 7200 }] }), [
      { vehicleType: 'van', stops: ['a'] },
      { vehicleType: 'van', stops: ['b'] },
    ]);
    expect(reportViolations(plan.routes[0]!, { route: plan.routes[0]!, fleetCount: 1 })).toEqual([]);
    const second = reportViolations(plan.routes[1]!, { route: plan.routes[1]!, fleetCount: 1 });
    // No road to b and back (its legs count 0 km; their time is the matrix's sentinel, so the
    // route is also late and over its shift, as the evaluator says).
    expect(second.filter((v) => v.kind === 'unreachable').map((v) => v.stop)).toEqual(['b', 'hub']);
    expect(second[second.length - 1]!.kind).toBe('over-fleet');
    expect(second[second.length - 1]!.message).toBe('needs vehicle 2 of type van; the fleet has 1');
    expect(plan.violations.filter((v) => v.kind === 'fleet-size')).toHaveLength(1);
  });

  it('words a maximum distance (the one-tier report used to drop it) and a late return', () => {
    const limited: ProblemInput = {
      ...input,
      stops: input.stops.map((stop) => ({ ...stop, timeWindows: undefined })),
      vehicleTypes: [{ ...input.vehicleTypes[0]!, capacity: [1000], maxDuration: undefined, maxDistance: 25000, shift: [8 * 3600, 9 * 3600] }],
      matrix: { ...input.matrix, distances: input.matrix.distances.map((row) => row.map((d) => (d === null ? null : d * 1000))) },
    };
    const plan = evaluatePlan(createProblem(limited), [{ vehicleType: 'van', stops: ['a', 'b'] }]);
    const route = plan.routes[0]!;
    // 30 km driven of 25; back at 09:40, due by 09:00.
    expect(reportViolations(route, { route, fleetCount: 1 }).map((v) => [v.kind, v.amount, v.message])).toEqual([
      ['over-shift', 2400, 'back at 9:40, due back by 9:00 (+0:40)'],
      ['over-distance', 5000, 'drives 30.0 km, longest allowed 25.0 km (+5.0 km)'],
    ]);
  });

  it('has a wording for every kind the evaluators declare, each with a kind of its own sentence', () => {
    const route: RouteResult = {
      vehicleType: 'van', vehicle: 2, startDepot: 'hub', endDepot: 'hub', stops: ['a'], departure: 0, arrival: 7200, distance: 12000, duration: 7200,
      cost: 0, startLoad: [120], visits: [{ id: 'a', arrival: 3600, start: 3600, departure: 3700, load: [0], distance: 6000 }], violations: [],
    } as unknown as RouteResult;
    const reportKinds: ViolationKind[] = [];
    for (const kind of PLAN_VIOLATION_KINDS) {
      // A kind added to the evaluators' list without a wording fails here (and at compile time).
      expect(VIOLATION_WORDING[kind], kind).toBeDefined();
      const violation: PlanViolation = { kind, amount: 20, message: 'the evaluator\'s own words', stop: 'a' };
      const worded = wordViolation(violation, { route, fleetCount: 2 });
      expect(worded.message, kind).not.toBe(violation.message);
      expect(worded.message, kind).not.toMatch(/undefined|NaN/);
      reportKinds.push(worded.kind);
    }
    expect(Object.keys(VIOLATION_WORDING).sort()).toEqual([...PLAN_VIOLATION_KINDS].sort());
    // Only the two limits of one shift share a report kind.
    expect(new Set(reportKinds).size).toBe(PLAN_VIOLATION_KINDS.length - 1);
  });

  it('formats clock times', () => {
    expect(clock(27000)).toBe('7:30');
    expect(clock(59)).toBe('0:01');
  });
});
