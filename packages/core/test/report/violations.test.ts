import { describe, expect, it } from 'vitest';
import { clock, reportViolations } from '../../src/report/violations.js';
import { createProblem, evaluatePlan } from '../../src/vrp/index.js';
import type { ProblemInput } from '../../src/vrp/index.js';

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
    const found = reportViolations(plan.routes[0]!, 1);
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
    expect(reportViolations(plan.routes[0]!, 1)).toEqual([]);
    const second = reportViolations(plan.routes[1]!, 1);
    // No road to b and back (its legs count 0 km; their time is the matrix's sentinel, so the
    // route is also late and over its shift, as the evaluator says).
    expect(second.filter((v) => v.kind === 'unreachable').map((v) => v.stop)).toEqual(['b', 'hub']);
    expect(second[second.length - 1]!.kind).toBe('over-fleet');
    expect(second[second.length - 1]!.message).toBe('needs van 2 of type van; the fleet has 1');
    expect(plan.violations.filter((v) => v.kind === 'fleet-size')).toHaveLength(1);
  });

  it('formats clock times', () => {
    expect(clock(27000)).toBe('7:30');
    expect(clock(59)).toBe('0:01');
  });
});
