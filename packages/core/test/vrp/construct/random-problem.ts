/**
 * Random problems for the constructions' tests (insertion.test.ts, sequential.test.ts): every rule
 * a construction must respect (several windows, breaks with a load limit, skills, shipments,
 * priorities, two load dimensions, duration / travel / distance limits, shifts, profiles).
 */
import type { ProblemInput } from '../../../src/vrp/input.js';
import { createRandom } from '../../../src/util/random.js';

/** A random problem of `n` places with every rule the construction must respect. */
export function randomProblem(seed: number, n: number): ProblemInput {
  const rng = createRandom(seed);
  const size = n + 1;
  const xy = Array.from({ length: size }, () => [rng.int(101), rng.int(101)]);
  const distances = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
  const slow = distances.map((row) => row.map((x) => Math.round(1.5 * x)));
  const stops: ProblemInput['stops'] = [];
  const shipments: NonNullable<ProblemInput['shipments']> = [];
  const windows = (): [number, number][] | undefined => {
    const k = rng.int(4);
    if (k === 0) return undefined;
    const a = rng.int(300);
    return k === 1 ? [[a, a + 40], [a + 150, a + 220]] : [[a, a + 60 + rng.int(150)]];
  };
  let loc = 1;
  while (loc <= n) {
    const w = windows();
    const base = { serviceTime: rng.int(8), ...(w ? { timeWindows: w } : {}), ...(rng.int(4) === 0 ? { priority: 10 * rng.int(4) } : {}) };
    if (loc < n && rng.int(4) === 0) {
      const amount = 1 + rng.int(5);
      const k = shipments.length;
      stops.push({ id: `p${k}`, location: loc, pickup: [amount, 0], ...base });
      const w2 = windows();
      stops.push({ id: `d${k}`, location: loc + 1, delivery: [amount, 0], serviceTime: rng.int(8), ...(w2 ? { timeWindows: w2 } : {}) });
      shipments.push({ pickup: `p${k}`, delivery: `d${k}` });
      loc += 2;
    } else {
      stops.push({
        id: `s${loc}`, location: loc, delivery: [rng.int(5), 1], ...(rng.int(3) === 0 ? { pickup: [rng.int(4), 0] } : {}),
        ...(rng.int(5) === 0 ? { skills: ['key'] } : {}), ...base,
      });
      loc++;
    }
  }
  const vehicleTypes: ProblemInput['vehicleTypes'] = [
    {
      id: 'van', count: 2, capacity: [14 + rng.int(8), 6], startDepot: 'D', fixedCost: 30, costPerDistance: 1, costPerDuration: 0.2,
      skills: ['key'], breaks: [{ id: 'lunch', timeWindows: [[150, 250]], duration: 20, maxLoad: [12, 6] }],
    },
    {
      id: 'bike', count: 2, capacity: [8, 4], startDepot: 'D', endDepot: null, profile: 'slow', costPerDistance: 2,
      maxDistance: 220, maxTravelTime: 300, shift: [rng.int(40), 450],
    },
  ];
  if (rng.int(2) === 0) vehicleTypes.push({ id: 'car', count: 1, capacity: [10, 3], startDepot: 'D', maxDuration: 350, fixedCost: 60 });
  return {
    depots: [{ id: 'D', location: 0, timeWindow: [0, 600] }],
    stops, vehicleTypes, matrix: { size, distances }, profiles: { slow: { size, distances: slow, durations: slow } }, shipments,
  };
}
