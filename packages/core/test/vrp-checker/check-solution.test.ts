/**
 * The independent checker and the brute force must themselves be right before they judge the
 * solver: hand-made problems with hand-computed answers, and every kind of error injected.
 */
import { describe, expect, it } from 'vitest';
import { bruteForce } from '../support/brute-force.js';
import { checkSolution, type CheckProblem, type CheckRoute, type CheckSolution } from '../support/check-solution.js';

// Points on a line at 0, 10, 20, 30, 40; distance = |a − b|, duration = 2 · distance.
const xs = [0, 10, 20, 30, 40];
const line = (scale: number): number[][] => xs.map((a) => xs.map((b) => scale * Math.abs(a - b)));

const problem: CheckProblem = {
  depots: [{ id: 'D', location: 0, timeWindow: [0, 500] }, { id: 'E', location: 4 }],
  stops: [
    { id: 'a', location: 1, delivery: [3], serviceTime: 5, timeWindows: [[40, 60]] },
    { id: 'b', location: 2, delivery: [2], pickup: [5], serviceTime: 5 },
    { id: 'c', location: 3, delivery: [1], timeWindows: [[0, 10], [200, 300]] },
    { id: 'o', location: 3, required: false, prize: 7 },
  ],
  vehicleTypes: [
    { id: 'van', count: 1, capacity: [8], startDepot: 'D', endDepot: 'E', fixedCost: 100, costPerDistance: 2, costPerDuration: 0.5 },
    { id: 'bike', count: 2, capacity: [5], startDepot: 'D', endDepot: null, profile: 'slow', maxDistance: 25, shift: [0, 400] },
  ],
  matrix: { size: 5, distances: line(1).flat(), durations: line(2).flat() },
  profiles: { slow: { size: 5, distances: line(1), durations: line(3) } },
};

// van: D(0) → a → b → c → E. Leaves at 20: arrives a at 40 (20 travel), serves to 45; b at 65,
// serves to 70; c at 90, waits to 200, leaves 200; E at 220. Distance 40, duration 200.
// Loads: leaves with 3+2+1 = 6; after a 3, after b 1 + 5 = 6, after c 5.
const vanRoute = (): CheckRoute => ({
  vehicleType: 'van', vehicle: 0, stops: ['a', 'b', 'c'], departure: 20, arrival: 220, distance: 40, duration: 200,
  startLoad: [6], cost: 100 + 2 * 40 + 0.5 * 200,
  visits: [
    { id: 'a', arrival: 40, waiting: 0, start: 40, departure: 45, load: [3], distance: 10 },
    { id: 'b', arrival: 65, waiting: 0, start: 65, departure: 70, load: [6], distance: 20 },
    { id: 'c', arrival: 90, waiting: 110, start: 200, departure: 200, load: [5], distance: 30 },
  ],
});
const good = (): CheckSolution => ({
  cost: 280 + 7, distance: 40, duration: 200, vehiclesUsed: 1, feasible: true,
  routes: [vanRoute()],
  unassigned: [{ id: 'o', reason: 'not-profitable' }],
});

describe('checkSolution', () => {
  it('accepts a correct solution and recomputes its figures', () => {
    const report = checkSolution(problem, good());
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.cost).toBe(287);
    expect(report.routes[0]!.visits.map((v) => v.waiting)).toEqual([0, 0, 110]);
  });

  it('accepts an open route for the bike profile, ending at its last departure', () => {
    // bike: D → o → ... o is optional. Route D → a: leaves 10, slow duration 3·10 = 30 → arrives 40.
    const solution: CheckSolution = {
      cost: 10 + 7 * 0 + 280 - 280 + 0, // recomputed below
      routes: [{ vehicleType: 'bike', vehicle: 1, stops: ['a'], departure: 10, arrival: 45, distance: 10, duration: 35, visits: [{ id: 'a', arrival: 40, waiting: 0, load: [0] }] }],
      unassigned: [{ id: 'b', reason: 'no-feasible-insertion' }, { id: 'c', reason: 'no-feasible-insertion' }, { id: 'o', reason: 'not-profitable' }],
    };
    solution.cost = 10 + 7;
    const report = checkSolution(problem, solution, { requireAllServed: false });
    expect(report.violations).toEqual([]);
    expect(checkSolution(problem, solution).violations).toEqual(['required stop b is not served', 'required stop c is not served']);
  });

  const broken: [string, (s: CheckSolution) => void, RegExp][] = [
    ['a time window missed', (s) => { s.routes[0]!.stops = ['b', 'a', 'c']; s.routes[0]!.visits = undefined; }, /stop a: service starts at .* outside its time windows/],
    ['capacity exceeded by a pickup', (s) => { s.routes[0]!.stops = ['b', 'a', 'c']; s.routes[0]!.visits = undefined; }, /load 9 exceeds capacity 8/],
    ['a wrong route distance', (s) => { s.routes[0]!.distance = 39; }, /route 0 \(van\) distance: reported 39, recomputed 40/],
    ['a wrong total cost', (s) => { s.cost = 280; }, /total cost: reported 280, recomputed 287/],
    ['a wrong arrival', (s) => { s.routes[0]!.visits![1]!.arrival = 64; }, /stop b arrival: reported 64, recomputed 65/],
    ['a wrong waiting time', (s) => { s.routes[0]!.visits![2]!.waiting = 100; }, /stop c waiting: reported 100, recomputed 110/],
    ['a wrong load', (s) => { s.routes[0]!.visits![0]!.load = [6]; }, /stop a load: reported \[6\], recomputed \[3\]/],
    ['service before arrival', (s) => { s.routes[0]!.visits![2]!.start = 5; }, /service starts at 5 before arrival 90/],
    ['a stop served twice', (s) => { s.routes.push({ ...vanRoute(), vehicle: 0 }); }, /stop a is served 2 times/],
    ['more routes than vehicles', (s) => { s.routes.push({ ...vanRoute(), vehicle: 0 }); }, /van: 2 routes but only 1 vehicles/],
    ['a stop neither served nor unassigned', (s) => { s.unassigned = []; }, /stop o is neither served nor listed/],
    ['a required stop dropped', (s) => { s.routes[0]!.stops = ['a', 'b']; s.routes[0]!.visits = undefined; s.unassigned!.push({ id: 'c', reason: 'no-feasible-insertion' }); }, /required stop c is not served/],
    ['a departure before the depot opens', (s) => { s.routes[0]!.departure = -5; }, /before the shift\/depot opens at 0/],
    ['an unknown stop', (s) => { s.routes[0]!.stops = ['a', 'b', 'c', 'zz']; s.routes[0]!.visits = undefined; }, /stop zz does not exist/],
    ['a false demand-exceeds-capacity reason', (s) => { s.unassigned = [{ id: 'o', reason: 'demand-exceeds-capacity' }]; }, /reason demand-exceeds-capacity, but a vehicle type can carry it/],
    ['a false feasibility claim', (s) => { s.routes[0]!.stops = ['b', 'a', 'c']; s.routes[0]!.visits = undefined; }, /claims to be feasible but breaks a constraint/],
  ];
  it.each(broken)('detects %s', (_name, mutate, expected) => {
    const solution = good();
    mutate(solution);
    const report = checkSolution(problem, solution);
    expect(report.ok).toBe(false);
    expect(report.violations.join('\n')).toMatch(expected);
  });

  it('detects route limits: max distance, shift end, max duration', () => {
    // bike (open, maxDistance 25): D → a → b → c is 30 long.
    const bike: CheckSolution = {
      cost: 30 + 7,
      routes: [{ vehicleType: 'bike', vehicle: 0, stops: ['a', 'b', 'c'], departure: 10, distance: 30, duration: 0 }],
      unassigned: [{ id: 'o', reason: 'not-profitable' }],
    };
    const report = checkSolution({ ...problem, vehicleTypes: problem.vehicleTypes.map((t) => (t.id === 'bike' ? { ...t, capacity: [20], shift: [0, 150] as [number, number], maxDuration: 100 } : t)) }, bike);
    const text = report.violations.join('\n');
    expect(text).toMatch(/distance 30 exceeds maxDistance 25/);
    expect(text).toMatch(/ends at 200, after the shift\/depot closes at 150/);
    expect(text).toMatch(/duration 190 exceeds maxDuration 100/);
  });

  it('reads nested and flat matrices alike, and treats null as no road', () => {
    const p: CheckProblem = {
      depots: [{ id: 'D', location: 0 }],
      stops: [{ id: 'x', location: 1 }],
      vehicleTypes: [{ id: 'v', capacity: [1], startDepot: 'D' }],
      matrix: { size: 2, distances: [[0, 4], [null, 0]] },
    };
    const report = checkSolution(p, { cost: 4, routes: [{ vehicleType: 'v', stops: ['x'], distance: 4, duration: 4 }], unassigned: [] });
    expect(report.violations.join('\n')).toMatch(/no road from location 1 back to depot D/);
  });
});

describe('bruteForce', () => {
  it('finds the hand-computed optimum of a tiny CVRP', () => {
    // Depot at 0, stops at 10, 20, 30 (demands 2, 2, 2), capacity 4, unlimited vehicles:
    // {10,20} + {30} costs 40 + 60 = 100; {10} + {20,30} costs 20 + 60 = 80; one route is over capacity.
    const p: CheckProblem = {
      depots: [{ id: 'D', location: 0 }],
      stops: [1, 2, 3].map((k) => ({ id: `s${k}`, location: k, delivery: [2] })),
      vehicleTypes: [{ id: 'v', count: 3, capacity: [4], startDepot: 'D' }],
      matrix: { size: 5, distances: line(1).flat() },
    };
    const result = bruteForce(p);
    expect(result.cost).toBe(80);
    expect(result.routes.map((r) => r.stops.slice().sort())).toEqual(expect.arrayContaining([['s1'], ['s2', 's3']]));
    // The brute-force plan is itself feasible by the checker.
    const check = checkSolution(p, {
      cost: result.cost,
      routes: result.routes.map((r, k) => ({ vehicleType: r.vehicleType, vehicle: k, stops: r.stops, departure: r.departure, distance: r.cost, duration: r.cost })),
      unassigned: [],
    });
    expect(check.violations).toEqual([]);
  });

  it('skips an optional stop whose prize does not pay and respects the fleet count', () => {
    const p: CheckProblem = {
      depots: [{ id: 'D', location: 0 }],
      stops: [
        { id: 'near', location: 1, delivery: [1] },
        { id: 'far', location: 4, delivery: [1], required: false, prize: 50 }, // detour 60 > 50
        { id: 'mid', location: 2, delivery: [1] },
      ],
      vehicleTypes: [{ id: 'v', count: 1, capacity: [1], startDepot: 'D' }],
      matrix: { size: 5, distances: line(1).flat() },
    };
    // One vehicle of capacity 1 cannot serve both required stops.
    expect(bruteForce(p).cost).toBe(Number.POSITIVE_INFINITY);
    const two = { ...p, vehicleTypes: [{ ...p.vehicleTypes[0]!, count: 2, capacity: [2] }] };
    const result = bruteForce(two);
    expect(result.cost).toBe(40 + 50);
    expect(result.skipped).toEqual(['far']);
  });

  it('departs late when duration costs money and windows force waiting', () => {
    // One stop at 10 (travel 10) with window [100, 100]: leaving at 90 gives duration 20, not 110.
    const p: CheckProblem = {
      depots: [{ id: 'D', location: 0 }],
      stops: [{ id: 'x', location: 1, timeWindows: [[100, 100]] }],
      vehicleTypes: [{ id: 'v', capacity: [1], startDepot: 'D', costPerDistance: 0, costPerDuration: 1 }],
      matrix: { size: 2, distances: [[0, 10], [10, 0]] },
    };
    const result = bruteForce(p);
    expect(result.cost).toBe(20);
    expect(result.routes[0]!.departure).toBe(90);
  });
});

describe('checkSolution: per-depot limits (multi-depot conventions)', () => {
  // Two depots on a line, one stop next to each; one vehicle type per depot.
  const problem = {
    depots: [{ id: 'A', location: 0 }, { id: 'B', location: 3 }],
    stops: [{ id: 'a1', location: 1, delivery: [5] }, { id: 'a2', location: 2, delivery: [5] }, { id: 'b1', location: 4, delivery: [5] }],
    vehicleTypes: [
      { id: 'at-A', count: 2, capacity: [10], startDepot: 'A' },
      { id: 'at-B', count: 2, capacity: [10], startDepot: 'B' },
    ],
    matrix: { size: 5, distances: Array.from({ length: 25 }, (_, k) => Math.abs(Math.floor(k / 5) - (k % 5))) },
  };
  const route = (vehicleType: string, vehicle: number, stops: string[], distance: number) => ({ vehicleType, vehicle, stops, distance, duration: distance });
  it('counts routes per depot and checks each depot\'s duration limit', () => {
    const solution = { cost: 8, routes: [route('at-A', 0, ['a1'], 2), route('at-A', 1, ['a2'], 4), route('at-B', 0, ['b1'], 2)] };
    expect(checkSolution(problem, solution).ok).toBe(true);
    const strict = checkSolution(problem, solution, { depotLimits: { A: { vehicles: 1, maxDuration: 3 }, B: { vehicles: 1 } } });
    expect(strict.ok).toBe(false);
    expect(strict.violations.some((v) => v.includes('depot A: 2 routes but at most 1'))).toBe(true);
    expect(strict.violations.some((v) => v.includes("above depot A's limit 3"))).toBe(true);
    expect(strict.violations.some((v) => v.includes('depot B'))).toBe(false);
  });
  it('rejects a route that reports another depot than its type\'s', () => {
    const solution = { cost: 2, routes: [{ ...route('at-A', 0, ['a1', 'a2'], 4), startDepot: 'B', endDepot: 'B' }, route('at-B', 0, ['b1'], 2)] };
    const report = checkSolution(problem, solution);
    expect(report.violations.some((v) => v.includes('starts at B'))).toBe(true);
    expect(report.violations.some((v) => v.includes('ends at B'))).toBe(true);
  });
});
