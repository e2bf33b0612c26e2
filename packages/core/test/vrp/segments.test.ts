import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/util/random.js';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemInput } from '../../src/vrp/input.js';
import { Segment } from '../../src/vrp/segments.js';
import { simulateRoute, startTime, summariseRoute } from '../../src/vrp/evaluate.js';

/** A random problem with windows, service times, pickups and two dimensions. */
function randomProblem(seed: number, n: number): ProblemInput {
  const rng = createRandom(seed);
  const size = n + 1;
  const xy = Array.from({ length: size }, () => [rng.int(100), rng.int(100)]);
  const d = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
  return {
    depots: [{ id: 'D', location: 0, timeWindow: [0, 1000] }],
    stops: Array.from({ length: n }, (_, k) => {
      const a = rng.int(600);
      return {
        id: `s${k}`,
        location: k + 1,
        delivery: [rng.int(10), rng.int(3)],
        pickup: [rng.int(10), rng.int(3)],
        serviceTime: rng.int(20),
        timeWindows: [[a, a + 20 + rng.int(200)] as [number, number]],
      };
    }),
    vehicleTypes: [{ id: 'v', count: n, capacity: [30, 10], startDepot: 'D' }],
    matrix: { size, distances: d },
  };
}

describe('Segment', () => {
  it('concatenating summaries equals summarising the whole route, for any cut', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const problem = createProblem(randomProblem(seed, 9));
      const type = problem.vehicleTypes[0]!;
      const prof = problem.profiles[0]!;
      const n = problem.nLocations;
      const route = [0, 1, 2, 3, 4, 5, 6, 7, 8].sort(() => 0).map((x) => (x * (seed + 2)) % 9);
      const whole = new Segment(2);
      summariseRoute(problem, type, route, route.length, whole);
      const push = (seg: Segment, s: number): void => {
        const loc = problem.nDepots + s;
        seg.push(prof.distance, prof.duration, n, loc, problem.serviceTime[loc]!, problem.early[loc]!, problem.late[loc]!, problem.delivery, problem.pickup, s * 2, 1);
      };
      for (let cut = 0; cut <= route.length; cut++) {
        const left = new Segment(2);
        left.push(prof.distance, prof.duration, n, type.startLocation, 0, type.startEarly, type.startLate, null, null, 0, 0);
        for (const s of route.slice(0, cut)) push(left, s);
        const right = new Segment(2);
        for (const s of route.slice(cut)) push(right, s);
        right.push(prof.distance, prof.duration, n, type.endLocation, 0, type.endEarly, type.endLate, null, null, 0, 0);
        left.append(prof.distance, prof.duration, n, right);
        expect(left.distance).toBeCloseTo(whole.distance, 9);
        expect(left.duration).toBeCloseTo(whole.duration, 9);
        expect(left.timeWarp).toBeCloseTo(whole.timeWarp, 9);
        expect(Array.from(left.load)).toEqual(Array.from(whole.load));
        expect(left.clients).toBe(9);
      }
    }
  });

  it('agrees with a forward simulation on time warp, duration and peak load', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const input = randomProblem(100 + seed, 7);
      const problem = createProblem(input);
      const type = problem.vehicleTypes[0]!;
      const route = [6, 2, 4, 0, 1, 5, 3];
      const seg = new Segment(2);
      summariseRoute(problem, type, route, route.length, seg);
      const sim = simulateRoute(problem, type, route, route.length, startTime(seg, type), null, true);
      expect(seg.timeWarp).toBeCloseTo(sim.timeWarp, 9);
      expect(seg.duration).toBeCloseTo(sim.duration, 9);
      // Peak load: deliveries on board at the start, then drop and pick up stop by stop.
      for (let d = 0; d < 2; d++) {
        let load = route.reduce((sum, s) => sum + input.stops[s]!.delivery![d]!, 0);
        let peak = load;
        for (const s of route) {
          load += input.stops[s]!.pickup![d]! - input.stops[s]!.delivery![d]!;
          peak = Math.max(peak, load);
        }
        expect(seg.load[d]).toBe(peak);
      }
    }
  });
});
