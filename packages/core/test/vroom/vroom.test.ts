/**
 * VROOM's format (issue 20 §2): what is read, what is refused with its place, the rules honoured
 * by the solver (skills, max_tasks, priorities, time windows, costs), and plan mode. Every solution
 * of random inputs is replayed through our own plan mode and must show no violation.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/util/random.js';
import { checkVroom, readVroom, solveVroom } from '../../src/vroom/index.js';
import type { VroomInput, VroomOutput } from '../../src/vroom/index.js';
import { constructPlans } from '../../src/vrp/construct/insertion.js';
import { createProblem } from '../../src/vrp/model.js';
import { inputError } from '../support/errors.js';

function square(n: number, seed: number): number[][] {
  const rng = createRandom(seed);
  const xy = Array.from({ length: n }, () => [rng.int(60), rng.int(60)]);
  return xy.map((a) => xy.map((b) => Math.round(60 * Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
}

/** Random VROOM input with every supported rule: windows (some two), skills, priorities, max_tasks, costs, speed. */
function randomInput(seed: number, jobs: number, vehicles: number): VroomInput {
  const rng = createRandom(seed);
  const durations = square(jobs + 2, seed);
  const distances = durations.map((row) => row.map((d) => d * 11));
  return {
    vehicles: Array.from({ length: vehicles }, (_, k) => ({
      id: 100 + k, start_index: 0, end_index: k % 2 === 0 ? 0 : 1, capacity: [12, 6], skills: k % 2 === 0 ? [1, 2] : [2],
      time_window: [0, 4 * 3600] as [number, number], max_tasks: 3 + rng.int(4),
      costs: { fixed: 50 * (k % 3), per_hour: 3600 + 600 * (k % 2), ...(k % 3 === 2 ? { per_km: 2 } : {}) }, speed_factor: k === 1 ? 1.25 : 1,
      // A lunch break for every other vehicle, travel and distance limits on some.
      ...(k % 2 === 0 ? { breaks: [{ id: 1, time_windows: [[5400, 7200]] as [number, number][], service: 1800, ...(k === 2 ? { max_load: [10, 6] } : {}) }] } : {}),
      ...(k % 3 === 1 ? { max_travel_time: 2 * 3600 } : {}),
      ...(k % 3 === 2 ? { max_distance: 2 * 3600 * 11 } : {}),
    })),
    jobs: Array.from({ length: jobs }, (_, k) => {
      const a = rng.int(3 * 3600);
      return {
        id: k + 1, location_index: k + 2, service: 120 + rng.int(200), delivery: [1 + rng.int(4), rng.int(3)], pickup: [rng.int(2), 0],
        priority: rng.int(3) === 0 ? 10 * rng.int(5) : 0, skills: rng.int(4) === 0 ? [1] : [2],
        ...(rng.int(2) === 0 ? { time_windows: rng.int(2) === 0 ? [[a, a + 1800], [a + 5400, a + 7200]] as [number, number][] : [[a, a + 3600]] as [number, number][] } : {}),
      };
    }),
    matrices: { car: { durations, distances } },
  };
}

/** The input with the output's routes as steps (to replay them in plan mode). */
function asSteps(input: VroomInput, output: VroomOutput): VroomInput {
  const steps = new Map(output.routes.map((r) => [r.vehicle, r.steps.map((s) => (s.type === 'job' || s.type === 'break' ? { type: s.type, id: s.id! } : { type: s.type }))]));
  return { ...input, vehicles: input.vehicles.map((v) => ({ ...v, steps: steps.get(v.id) ?? [] })) };
}

describe('readVroom', () => {
  const base = (): VroomInput => ({
    vehicles: [{ id: 1, start_index: 0, capacity: [4] }],
    jobs: [{ id: 7, location_index: 1, delivery: [1] }],
    matrices: { car: { durations: [[0, 60], [60, 0]] } },
  });

  it.each([
    [(i: Record<string, unknown>) => { i.shipments = [{ pickup: { id: 1, location_index: 1 } }]; }, 'shipments[0]', /needs a pickup and a delivery/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.breaks = [{ id: 1, service: -5 }]; }, 'vehicles[0].breaks[0].service', /≥ 0/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.breaks = [{ id: 1 }, { id: 1 }]; }, 'vehicles[0].breaks[1].id', /duplicate/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.breaks = [{ id: 1, max_load: [1, 2] }]; }, 'vehicles[0].breaks[0].max_load', /dimension/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.breaks = [{ id: 1, length: 5 }]; }, 'vehicles[0].breaks[0].length', /unknown key/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.max_travel_time = 1.5; }, 'vehicles[0].max_travel_time', /whole number/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.max_distance = 10; }, 'vehicles[0].max_distance', /distances matrix/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.steps = [{ type: 'break', id: 3 }]; }, 'vehicles[0].steps[0].id', /no break/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.steps = [{ type: 'pickup', id: 1 }]; }, 'vehicles[0].steps[0].id', /no shipment has a pickup/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.steps = [{ type: 'parcel', id: 1 }]; }, 'vehicles[0].steps[0].type', /not supported/],
    [(i: Record<string, unknown>) => { (i.jobs as Record<string, unknown>[])[0]!.amount = [1]; }, 'jobs[0].amount', /not supported/],
    [(i: Record<string, unknown>) => { (i.jobs as Record<string, unknown>[])[0]!.colour = 'red'; }, 'jobs[0].colour', /unknown key/],
    [(i: Record<string, unknown>) => { (i.jobs as Record<string, unknown>[])[0]!.location_index = 2; }, 'jobs[0].location_index', /≤ 1/],
    [(i: Record<string, unknown>) => { (i.jobs as Record<string, unknown>[])[0]!.delivery = [1, 2]; }, 'vehicles[0].capacity', /dimension/],
    [(i: Record<string, unknown>) => { (i.jobs as Record<string, unknown>[])[0]!.priority = 101; }, 'jobs[0].priority', /≤ 100/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.profile = 'bike'; }, 'vehicles[0].profile', /no matrices/],
    [(i: Record<string, unknown>) => { (i.vehicles as Record<string, unknown>[])[0]!.steps = [{ type: 'job', id: 7 }, { type: 'job', id: 7 }]; }, 'vehicles[0].steps[1].id', /already a step/],
    [(i: Record<string, unknown>) => { (i.jobs as Record<string, unknown>[])[0]!.setup = 30; (i.jobs as Record<string, unknown>[]).push({ id: 8, location_index: 1 }); }, 'jobs[0].setup', /shared/],
  ])('refuses what it would not honour, at its place (%#)', (change, field, message) => {
    const input = base() as unknown as Record<string, unknown>;
    change(input);
    const error = inputError(() => readVroom(input));
    expect(error.location.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('names VROOM\'s fields in errors found by the model', () => {
    const input = base();
    input.jobs![0]!.time_windows = [[0, 100], [50, 200]];
    expect(inputError(() => solveVroom(input, { maxIterations: 1 })).location.field).toBe('jobs[0].time_windows');
  });
});

describe('solveVroom', () => {
  it.each([1, 2, 3])('gives plans that our plan mode replays without a violation, at the same cost (seed %i)', (seed) => {
    const input = randomInput(seed, 14, 3);
    const output = solveVroom(input, { seed, maxIterations: 150 });
    expect(output.code).toBe(0);
    const replay = checkVroom(asSteps(input, output));
    expect(replay.summary.violations).toEqual([]);
    expect(replay.summary.cost).toBe(output.summary.cost);
    expect(replay.unassigned.map((u) => u.id)).toEqual(output.unassigned.map((u) => u.id));
    // The rules, checked from the input directly.
    const jobs = new Map(input.jobs!.map((j) => [j.id, j]));
    for (const route of output.routes) {
      const vehicle = input.vehicles.find((v) => v.id === route.vehicle)!;
      const served = route.steps.filter((s) => s.type === 'job');
      expect(served.length).toBeLessThanOrEqual(vehicle.max_tasks!);
      for (const step of served) for (const skill of jobs.get(step.id!)!.skills ?? []) expect(vehicle.skills).toContain(skill);
      expect(route.priority).toBe(served.reduce((s, x) => s + (jobs.get(x.id!)!.priority ?? 0), 0));
    }
    expect(output.summary.unassigned + output.routes.reduce((s, r) => s + r.steps.filter((x) => x.type === 'job').length, 0)).toBe(14);
  });

  /** The output is replayed without a violation and is no worse than the best regret construction in VROOM's order. */
  function expectConstructionOrBetter(input: VroomInput, output: VroomOutput, jobs: number): void {
    expect(output.code).toBe(0);
    expect(checkVroom(asSteps(input, output)).summary.violations).toEqual([]);
    const problem = createProblem(readVroom(input).problem);
    const active = Uint8Array.from({ length: problem.nStops }, (_, s) => (problem.stopReason[s] === null ? 1 : 0));
    const [best] = constructPlans(problem, active);
    const priority = best!.routes.flat().reduce((sum, s) => sum + problem.priority[s]!, 0);
    // VROOM's order: no less priority, then no fewer jobs, then no higher cost than the construction.
    expect(output.summary.priority).toBeGreaterThanOrEqual(priority);
    if (output.summary.priority === priority) {
      expect(output.summary.unassigned).toBeLessThanOrEqual(best!.unserved.length);
      if (output.summary.unassigned === best!.unserved.length) expect(output.summary.cost).toBeLessThanOrEqual(Math.round(best!.cost) + 1);
    }
    expect(output.summary.unassigned).toBeLessThan(jobs);
  }

  it.each([1, 2])('a search stopped at once answers with the best regret construction or better, replayed without a violation (seed %i)', (seed) => {
    const input = randomInput(seed, 30, 4);
    expectConstructionOrBetter(input, solveVroom(input, { seed, stop: () => true }), 30);
  });

  it('with a time limit (rounds of the search, each polished) answers with the best regret construction or better, replayed without a violation', () => {
    // 2.2 s: past POLISH_MIN_SECONDS once the constructions are paid, so the timed rounds run; the
    // outcome checked holds at any time the rounds stop.
    const input = randomInput(3, 30, 4);
    expectConstructionOrBetter(input, solveVroom(input, { seed: 3, timeLimit: 2.2 }), 30);
  });

  it('gives the same answer for the same input, seed and iteration limit (constructions included)', () => {
    const input = randomInput(9, 24, 3);
    const a = JSON.stringify(solveVroom(input, { seed: 3, maxIterations: 60 }));
    expect(JSON.stringify(solveVroom(structuredClone(input), { seed: 3, maxIterations: 60 }))).toBe(a);
  });

  it('searches with the large neighbourhood search by default, the genetic search on request, and refuses another engine', () => {
    const input = randomInput(3, 20, 3);
    for (const engine of ['alns', 'genetic'] as const) {
      const output = solveVroom(input, { seed: 1, maxIterations: 30, engine });
      expect(checkVroom(asSteps(input, output)).summary.violations).toEqual([]);
    }
    expect(JSON.stringify(solveVroom(input, { seed: 1, maxIterations: 30 }))).toBe(JSON.stringify(solveVroom(input, { seed: 1, maxIterations: 30, engine: 'alns' })));
    expect(() => solveVroom(input, { engine: 'tabu' as 'alns' })).toThrow(/engine must be "genetic" or "alns"/);
  });

  it('scales travel times by a speed factor as VROOM does: round(100 / speed_factor) / 100, whole seconds up', () => {
    // 1193 s at speed 1.2: VROOM's factor is 83 / 100 (990.19 s), not 1 / 1.2 (994.17 s).
    const input: VroomInput = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, speed_factor: 1.2 }],
      jobs: [{ id: 1, location_index: 1 }],
      matrices: { car: { durations: [[0, 1193], [1000, 0]] } },
    };
    const output = solveVroom(input, { maxIterations: 10 });
    expect(output.routes[0]!.steps.map((s) => s.arrival)).toEqual([0, 991, 991 + 830]);
  });

  it('serves the higher priority when the fleet is short, and says why the rest is left out', () => {
    const input: VroomInput = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, time_window: [0, 1000] }],
      jobs: [
        { id: 1, location_index: 1, service: 100 },
        { id: 2, location_index: 2, service: 100, priority: 3 },
        { id: 3, location_index: 3, service: 100, skills: [9] },
      ],
      matrices: { car: { durations: [[0, 300, 300, 10], [300, 0, 900, 300], [300, 900, 0, 300], [10, 300, 300, 0]] } },
    };
    const output = solveVroom(input, { maxIterations: 100 });
    expect(output.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id))).toEqual([2]);
    expect(output.summary.priority).toBe(3);
    expect(output.unassigned.map((u) => [u.id, u.reason])).toEqual([
      [1, 'the fleet is short and stops of higher priority were served first'],
      [3, 'no vehicle has every skill it needs'],
    ]);
    // Travel cost is the travel time by default (per_hour 3600).
    expect(output.summary.cost).toBe(600);
    expect(output.routes[0]!.steps.map((s) => [s.type, s.arrival, s.duration])).toEqual([['start', 0, 0], ['job', 300, 300], ['end', 700, 600]]);
  });
});

describe('solveVroom from initial routes (vehicles\' steps)', () => {
  it('ignores service_at / service_after / service_before when solving from the steps, as VROOM does, and refuses them at their place in plan mode and with locked steps', () => {
    const input = randomInput(4, 20, 3);
    const start = asSteps(input, solveVroom(input, { seed: 4, maxIterations: 30 }));
    const forced = structuredClone(start);
    const steps = forced.vehicles.find((v) => (v.steps ?? []).some((st) => st.type === 'job'))!.steps!;
    const k = steps.findIndex((st) => st.type === 'job');
    Object.assign(steps[k]!, { service_at: 3600, service_after: 0, service_before: 7200 });
    expect(JSON.stringify(solveVroom(forced, { seed: 5, maxIterations: 20 }))).toBe(JSON.stringify(solveVroom(start, { seed: 5, maxIterations: 20 })));
    const v = forced.vehicles.indexOf(forced.vehicles.find((x) => x.steps === steps)!);
    for (const run of [() => checkVroom(forced), () => solveVroom(forced, { maxIterations: 1, lockSteps: true })])
      expect(inputError(run).location.field).toBe(`vehicles[${v}].steps[${k}].service_at`);
    Object.assign(steps[k]!, { service_at: -1 });
    expect(inputError(() => solveVroom(forced, { maxIterations: 1 })).location.field).toBe(`vehicles[${v}].steps[${k}].service_at`);
  });

  it.each([4, 5])('starts from them and answers no worse: priority, then jobs, then cost (seed %i)', (seed) => {
    const input = randomInput(seed, 30, 4);
    const good = solveVroom(input, { seed, maxIterations: 300 });
    const start = asSteps(input, good);
    const given = checkVroom(start);
    expect(given.summary.violations).toEqual([]);
    // No generation: one educated random plan besides the start, which must win.
    const output = solveVroom(start, { seed: seed + 1, maxIterations: 0 });
    const key = (o: VroomOutput): [number, number, number] => [o.summary.priority, -o.summary.unassigned, -o.summary.cost];
    const [p1, n1, c1] = key(output);
    const [p0, n0, c0] = key(given);
    expect(p1 > p0 || (p1 === p0 && (n1 > n0 || (n1 === n0 && c1 >= c0)))).toBe(true);
  });
});

describe('checkVroom', () => {
  it('times the given steps and names each violation as VROOM does', () => {
    const input: VroomInput = {
      vehicles: [
        { id: 1, start_index: 0, end_index: 0, capacity: [2], max_tasks: 2, skills: [], time_window: [0, 2000],
          steps: [{ type: 'start' }, { type: 'job', id: 1 }, { type: 'job', id: 2 }, { type: 'job', id: 3 }, { type: 'end' }] },
      ],
      jobs: [
        { id: 1, location_index: 1, delivery: [1], time_windows: [[0, 100]] },
        { id: 2, location_index: 2, delivery: [1], skills: [4] },
        { id: 3, location_index: 1, delivery: [1] },
        { id: 4, location_index: 2, delivery: [0] },
      ],
      matrices: { car: { durations: [[0, 300, 500], [300, 0, 400], [500, 400, 0]] } },
    };
    const output = checkVroom(input);
    const causes = output.routes[0]!.violations.map((v) => v.cause).sort();
    expect(causes).toEqual(['delay', 'load', 'max_tasks', 'skills']);
    const delay = output.routes[0]!.violations.find((v) => v.cause === 'delay')!;
    expect(delay.duration).toBe(200);
    expect(output.routes[0]!.steps[1]!.violations).toEqual([{ cause: 'delay', duration: 200 }]);
    expect(output.unassigned.map((u) => u.id)).toEqual([4]);
    expect(output.summary.violations.map((v) => v.cause).sort()).toEqual(causes);
  });
});

describe('breaks, travel time and distance limits (VROOM)', () => {
  const lunch = (): VroomInput => ({
    vehicles: [{ id: 1, start_index: 0, end_index: 0, time_window: [0, 10000], breaks: [{ id: 5, time_windows: [[1000, 1200]], service: 600, description: 'lunch' }] }],
    jobs: [1, 2, 3].map((k) => ({ id: k, location_index: k, service: 300 })),
    matrices: { car: { durations: [[0, 400, 500, 600], [400, 0, 300, 400], [500, 300, 0, 300], [600, 400, 300, 0]] } },
  });

  it('places the break in the route, as a step of its own, and plan mode replays it without a violation', () => {
    const output = solveVroom(lunch(), { maxIterations: 100 });
    const steps = output.routes[0]!.steps;
    const brk = steps.find((s) => s.type === 'break')!;
    expect(brk).toMatchObject({ id: 5, service: 600, description: 'lunch' });
    expect(brk.arrival + brk.waiting_time).toBeGreaterThanOrEqual(1000);
    expect(brk.arrival + brk.waiting_time).toBeLessThanOrEqual(1200);
    expect(output.routes[0]!.service).toBe(3 * 300 + 600);
    const replay = checkVroom(asSteps(lunch(), output));
    expect(replay.summary.violations).toEqual([]);
    expect(replay.routes[0]!.steps.map((s) => [s.type, s.arrival])).toEqual(steps.map((s) => [s.type, s.arrival]));
  });

  it('reports a break left out of the steps as missing_break, and one out of its window as a delay', () => {
    const input = lunch();
    input.vehicles[0]!.steps = [{ type: 'start' }, { type: 'job', id: 1 }, { type: 'job', id: 2 }, { type: 'job', id: 3 }, { type: 'end' }];
    expect(checkVroom(input).routes[0]!.violations).toEqual([{ cause: 'missing_break' }]);
    input.vehicles[0]!.steps = [{ type: 'start' }, { type: 'job', id: 1 }, { type: 'job', id: 2 }, { type: 'job', id: 3 }, { type: 'break', id: 5 }, { type: 'end' }];
    const late = checkVroom(input).routes[0]!;
    expect(late.violations.map((v) => v.cause)).toEqual(['delay']);
    expect(late.steps.find((s) => s.type === 'break')!.violations[0]!.cause).toBe('delay');
  });

  it('keeps max_travel_time apart from service and waiting, and max_distance with a time cost', () => {
    const input = lunch();
    input.vehicles = [
      { id: 1, start_index: 0, end_index: 0, max_travel_time: 1800 },
      { id: 2, start_index: 0, end_index: 0, max_distance: 1000, costs: { per_hour: 3600, per_km: 1000 } },
    ];
    input.matrices.car!.distances = input.matrices.car!.durations!.map((row) => row.map((d) => d * 2));
    const output = solveVroom(input, { maxIterations: 200 });
    for (const route of output.routes) {
      if (route.vehicle === 1) expect(route.duration).toBeLessThanOrEqual(1800);
      if (route.vehicle === 2) expect(route.distance!).toBeLessThanOrEqual(1000);
      // Cost: travel time (per_hour 3600) and, for vehicle 2, per_km 1000 on metres.
      expect(route.cost).toBe(route.duration + (route.vehicle === 2 ? route.distance! : 0));
    }
    expect(checkVroom(asSteps(input, output)).summary.violations).toEqual([]);
    input.vehicles[0]!.steps = [{ type: 'job', id: 1 }, { type: 'job', id: 3 }];
    input.vehicles[0]!.max_travel_time = 1000;
    expect(checkVroom(input).routes[0]!.violations.map((v) => v.cause)).toEqual(['max_travel_time']);
  });

  it('says max-tasks when every vehicle able to take a job is full', () => {
    const input = lunch();
    input.vehicles = [{ id: 1, start_index: 0, end_index: 0, max_tasks: 2 }];
    const output = solveVroom(input, { maxIterations: 50 });
    expect(output.unassigned.map((u) => u.reason)).toEqual(['every vehicle that could take it already makes as many stops as it may']);
  });
});

describe('locked routes (--lock-steps)', () => {
  it.each([6, 7])('keeps the given routes exactly and plans the other jobs with the other vehicles (seed %i)', (seed) => {
    const input = randomInput(seed, 16, 4);
    // Lock a poor route for the first vehicle: two jobs it may serve, in the order given.
    const mine = input.jobs!.filter((j) => (j.skills ?? []).every((s) => input.vehicles[0]!.skills!.includes(s))).slice(0, 2);
    input.vehicles[0]!.steps = [{ type: 'start' }, ...mine.map((j) => ({ type: 'job' as const, id: j.id })), { type: 'end' }];
    const output = solveVroom(input, { seed, maxIterations: 200, lockSteps: true });
    const first = output.routes.find((r) => r.vehicle === input.vehicles[0]!.id)!;
    expect(first.steps.filter((s) => s.type === 'job').map((s) => s.id)).toEqual(mine.map((j) => j.id));
    expect(checkVroom(asSteps(input, output)).summary.violations).toEqual([]);
    const served = output.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id!));
    expect(new Set(served).size).toBe(served.length);
    expect(served.length + output.unassigned.length).toBe(16);
  });
});
