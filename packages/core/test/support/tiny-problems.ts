/**
 * Seeded generator of tiny routing problems (n ≤ 8) covering one feature each, for exhaustive
 * comparison with the solver. Integer matrices keep the comparison exact.
 */
import { createRandom } from '../../src/util/random.js';
import type { ProblemInput } from '../../src/vrp/input.js';

export type TinyVariant =
  | 'cvrp' | 'fixed-fleet' | 'time-windows' | 'mixed-fleet-two-depots' | 'open-pickups'
  | 'optional-prizes' | 'duration-limits' | 'multi-windows';

export const TINY_VARIANTS: TinyVariant[] = [
  'cvrp', 'fixed-fleet', 'time-windows', 'mixed-fleet-two-depots', 'open-pickups',
  'optional-prizes', 'duration-limits', 'multi-windows',
];

/** Problem with `n` stops of the given variant; the same seed always gives the same problem. */
export function tinyProblem(variant: TinyVariant, seed: number, n = 7): ProblemInput {
  const random = createRandom(seed * 1000 + TINY_VARIANTS.indexOf(variant));
  const depots = variant === 'mixed-fleet-two-depots' ? 2 : 1;
  const size = depots + n;
  const xy = Array.from({ length: size }, () => [random.int(101), random.int(101)] as const);
  const euclid = (a: number, b: number): number => Math.round(Math.hypot(xy[a]![0] - xy[b]![0], xy[a]![1] - xy[b]![1]));
  const distances = Array.from({ length: size }, (_, a) => Array.from({ length: size }, (_, b) => euclid(a, b)));
  const problem: ProblemInput = {
    depots: Array.from({ length: depots }, (_, k) => ({ id: `D${k}`, location: k })),
    stops: Array.from({ length: n }, (_, k) => ({ id: `s${k + 1}`, location: depots + k, delivery: [1 + random.int(5)] })),
    vehicleTypes: [{ id: 'truck', count: n, capacity: [10], startDepot: 'D0' }],
    matrix: { size, distances },
  };
  const stops = problem.stops;
  switch (variant) {
    case 'cvrp':
      break;
    case 'fixed-fleet':
      problem.vehicleTypes[0]!.count = 3;
      problem.vehicleTypes[0]!.capacity = [Math.ceil(stops.reduce((s, x) => s + x.delivery![0]!, 0) / 3) + 2];
      break;
    case 'time-windows': {
      problem.depots[0]!.timeWindow = [0, 400];
      for (const stop of stops) {
        const a = Math.max(random.int(250), distances[0]![stop.location]!);
        stop.timeWindows = [[a, a + 40 + random.int(60)]];
        stop.serviceTime = 5 + random.int(10);
      }
      break;
    }
    case 'multi-windows': {
      problem.depots[0]!.timeWindow = [0, 500];
      for (const stop of stops) {
        const a = Math.max(random.int(150), distances[0]![stop.location]!);
        const b = a + 150 + random.int(100);
        stop.timeWindows = random.int(2) === 0 ? [[a, a + 30], [b, b + 30]] : [[a, a + 60]];
        stop.serviceTime = 5;
      }
      break;
    }
    case 'mixed-fleet-two-depots': {
      const slow = distances.map((row) => row.map((d) => 2 * d));
      problem.profiles = { slow: { size, distances, durations: slow } };
      problem.vehicleTypes = [
        { id: 'van', count: 2, capacity: [8], startDepot: 'D0', fixedCost: 60, costPerDistance: 1 },
        { id: 'bike', count: 2, capacity: [5], startDepot: 'D1', fixedCost: 10, costPerDistance: 0.5, costPerDuration: 0.25, profile: 'slow', maxDuration: 300 },
        { id: 'shuttle', count: 1, capacity: [12], startDepot: 'D0', endDepot: 'D1', fixedCost: 30, costPerDistance: 1.5 },
      ];
      break;
    }
    case 'open-pickups': {
      for (const stop of stops) {
        if (random.int(2) === 0) stop.pickup = [1 + random.int(4)];
        if (random.int(3) === 0) stop.delivery = [0];
      }
      problem.vehicleTypes = [{ id: 'open', count: n, capacity: [8], startDepot: 'D0', endDepot: null, fixedCost: 15 }];
      break;
    }
    case 'optional-prizes': {
      stops.forEach((stop, k) => {
        if (k % 2 === 1) {
          stop.required = false;
          stop.prize = 10 + random.int(80);
        }
      });
      problem.vehicleTypes[0]!.count = 2;
      break;
    }
    case 'duration-limits': {
      problem.depots[0]!.timeWindow = [0, 1000];
      for (const stop of stops) {
        stop.serviceTime = 10;
        if (random.int(2) === 0) {
          const a = 50 + random.int(200);
          stop.timeWindows = [[a, a + 50]];
        }
      }
      problem.vehicleTypes = [{
        id: 'truck', count: n, capacity: [12], startDepot: 'D0', maxDuration: 260, maxDistance: 220,
        fixedCost: 20, costPerDistance: 1, costPerDuration: 0.5, shift: [0, 600],
      }];
      break;
    }
  }
  return problem;
}
