/**
 * VROOM's `shipments`: read with located errors, solved with each pick-up before its delivery on
 * one route (steps of type pickup / delivery), replayed through plan mode without a violation,
 * `precedence` reported in plan mode, and pairs that no vehicle can carry unassigned as such.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/util/random.js';
import { checkVroom, solveVroom } from '../../src/vroom/index.js';
import type { VroomInput, VroomOutput } from '../../src/vroom/index.js';
import { inputError } from '../support/errors.js';

/** Jobs and shipments on a random square, with max_tasks, windows and priorities. */
function input(seed: number, jobs: number, shipments: number, vehicles: number): VroomInput {
  const rng = createRandom(seed);
  const n = 1 + jobs + 2 * shipments;
  const xy = Array.from({ length: n }, () => [rng.int(60), rng.int(60)]);
  const durations = xy.map((a) => xy.map((b) => Math.round(60 * Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
  const window = (): [number, number][] => {
    const a = rng.int(2 * 3600);
    return [[a, a + 3600]];
  };
  return {
    vehicles: Array.from({ length: vehicles }, (_, k) => ({
      id: 10 + k, start_index: 0, end_index: 0, capacity: [8], time_window: [0, 5 * 3600] as [number, number], max_tasks: 8,
    })),
    jobs: Array.from({ length: jobs }, (_, k) => ({ id: k + 1, location_index: 1 + k, service: 120, delivery: [1 + rng.int(3)] })),
    shipments: Array.from({ length: shipments }, (_, k) => ({
      amount: [1 + rng.int(4)],
      ...(k % 3 === 0 ? { priority: 20 } : {}),
      pickup: { id: k + 1, location_index: 1 + jobs + 2 * k, service: 60, ...(k % 2 === 0 ? { time_windows: window() } : {}) },
      delivery: { id: k + 1, location_index: 2 + jobs + 2 * k, service: 60 },
    })),
    matrices: { car: { durations } },
  };
}

/** The input with the output's routes as steps, to replay in plan mode. */
function asSteps(given: VroomInput, output: VroomOutput): VroomInput {
  const steps = new Map(output.routes.map((r) => [r.vehicle, r.steps.map((s) => (s.type === 'start' || s.type === 'end' ? { type: s.type } : { type: s.type, id: s.id! }))]));
  return { ...given, vehicles: given.vehicles.map((v) => ({ ...v, steps: steps.get(v.id) ?? [] })) };
}

describe('VROOM shipments', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: pick-up before delivery on one route, replayed by plan mode without a violation', (seed) => {
    const given = input(seed, 6, 5, 3);
    const output = solveVroom(given, { seed, maxIterations: 300 });
    for (const route of output.routes) {
      const at = new Map(route.steps.map((s, k) => [`${s.type} ${s.id}`, k]));
      for (const step of route.steps) {
        if (step.type === 'pickup') expect(at.get(`delivery ${step.id}`)).toBeGreaterThan(at.get(`pickup ${step.id}`)!);
        if (step.type === 'delivery') expect(at.has(`pickup ${step.id}`)).toBe(true);
      }
      // max_tasks counts both halves of a shipment.
      expect(route.steps.filter((s) => s.type !== 'start' && s.type !== 'end').length).toBeLessThanOrEqual(8);
      expect(Math.max(...route.steps.map((s) => s.load[0]!))).toBeLessThanOrEqual(8);
    }
    const served = output.routes.flatMap((r) => r.steps.filter((s) => s.type === 'pickup' || s.type === 'delivery'));
    const left = output.unassigned.filter((u) => u.type !== 'job');
    expect(served.length + left.length).toBe(10);
    const replay = checkVroom(asSteps(given, output));
    expect(replay.summary.violations).toEqual([]);
    expect(replay.summary.cost).toBe(output.summary.cost);
  });

  it('plan mode reports a delivery before its pick-up as precedence', () => {
    const given = input(7, 0, 2, 1);
    given.vehicles[0]!.steps = [{ type: 'start' }, { type: 'delivery', id: 1 }, { type: 'pickup', id: 1 }, { type: 'pickup', id: 2 }, { type: 'delivery', id: 2 }, { type: 'end' }];
    const output = checkVroom(given);
    expect(output.summary.violations.map((v) => v.cause)).toContain('precedence');
    expect(output.routes[0]!.steps[1]!.violations.map((v) => v.cause)).toContain('precedence');
    expect(output.routes[0]!.steps.map((s) => s.type)).toEqual(['start', 'delivery', 'pickup', 'pickup', 'delivery', 'end']);
  });

  it('a shipment no vehicle can carry is unassigned, both halves, with the shipment-pair reason', () => {
    const given = input(8, 2, 2, 1);
    given.shipments![1]!.amount = [5];
    given.shipments![1]!.pickup.time_windows = [[4 * 3600, 4 * 3600 + 60]];
    given.shipments![1]!.delivery.time_windows = [[0, 600]];
    const output = solveVroom(given, { seed: 1, maxIterations: 100 });
    expect(output.unassigned.map((u) => [u.type, u.id])).toEqual([['pickup', 2], ['delivery', 2]]);
    expect(output.unassigned[0]!.reason).toMatch(/collect it and drop it off on one route/);
  });

  it('names the place of a bad shipment', () => {
    const bad = input(9, 1, 1, 1);
    (bad.shipments![0]!.pickup as { location_index: number }).location_index = 99;
    expect(inputError(() => solveVroom(bad)).location.field).toBe('shipments[0].pickup.location_index');
    const missing = input(9, 1, 1, 1);
    delete (missing.shipments![0] as { delivery?: unknown }).delivery;
    expect(inputError(() => solveVroom(missing)).message).toMatch(/needs a pickup and a delivery/);
    const step = input(9, 1, 1, 1);
    step.vehicles[0]!.steps = [{ type: 'pickup', id: 5 }];
    expect(inputError(() => checkVroom(step)).location.field).toBe('vehicles[0].steps[0].id');
  });

  // VROOM's order is total priority, then tasks served, then cost; a shipment is two tasks and
  // its priority counts on both (VROOM 1.15's summary of the same plan says so). Places on a line:
  // the depot at 0, one job at 1, the shipment at 2 and 3; max_tasks 2 leaves room for one of them.
  const line = (jobPriority: number, shipmentPriority: number): VroomInput => ({
    vehicles: [{ id: 1, start_index: 0, end_index: 0, max_tasks: 2 }],
    jobs: [{ id: 1, location_index: 1, priority: jobPriority }],
    shipments: [{ priority: shipmentPriority, pickup: { id: 1, location_index: 2 }, delivery: { id: 1, location_index: 3 } }],
    matrices: { car: { durations: [0, 1, 2, 3].map((a) => [0, 1, 2, 3].map((b) => 100 * Math.abs(a - b))) } },
  });
  const served = (output: VroomOutput): string[] => output.routes.flatMap((r) => r.steps.filter((s) => s.type !== 'start' && s.type !== 'end').map((s) => `${s.type} ${s.id}`));

  it('counts a shipment\'s priority on both halves, in the summary as in the choice', () => {
    // 2 × 10 = 20 beats the job's 15 (counted once, the shipment would lose).
    const output = solveVroom(line(15, 10), { seed: 1, maxIterations: 50 });
    expect(served(output)).toEqual(['pickup 1', 'delivery 1']);
    expect(output.summary.priority).toBe(20);
    expect(output.routes[0]!.priority).toBe(20);
    // 2 × 10 = 20 loses to the job's 25.
    expect(served(solveVroom(line(25, 10), { seed: 1, maxIterations: 50 }))).toEqual(['job 1']);
  });

  it('serves the shipment\'s two tasks before one cheaper job at equal priority', () => {
    const output = solveVroom(line(0, 0), { seed: 1, maxIterations: 50 });
    expect(served(output)).toEqual(['pickup 1', 'delivery 1']);
    expect(output.unassigned.map((u) => [u.type, u.id])).toEqual([['job', 1]]);
  });
});
