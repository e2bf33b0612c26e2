import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { LocalSearch } from '../../../src/vrp/search/local-search.js';
import { nearestNeighbours } from '../../../src/vrp/search/neighbours.js';
import { penalisedRouteCost, summariseRoute } from '../../../src/vrp/evaluate.js';
import { Segment } from '../../../src/vrp/segments.js';

function problemInput(seed: number, n: number): ProblemInput {
  const rng = createRandom(seed);
  const xy = Array.from({ length: n + 2 }, () => [rng.int(100), rng.int(100)]);
  const d = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))));
  return {
    depots: [{ id: 'A', location: 0, timeWindow: [0, 600] }, { id: 'B', location: 1, timeWindow: [0, 600] }],
    stops: Array.from({ length: n }, (_, k) => {
      const a = rng.int(400);
      return { id: `s${k}`, location: k + 2, delivery: [1 + rng.int(5)], pickup: [rng.int(3)], serviceTime: 5, timeWindows: [[a, a + 100] as [number, number]] };
    }),
    vehicleTypes: [
      { id: 'van', count: 4, capacity: [15], startDepot: 'A', fixedCost: 20 },
      { id: 'bike', count: 3, capacity: [6], startDepot: 'B', endDepot: null, maxDistance: 150, costPerDuration: 0.1 },
    ],
    matrix: { size: n + 2, distances: d },
  };
}

describe('LocalSearch', () => {
  it('with check on, runs clean on a feature-rich problem and catches a move whose prediction is wrong', () => {
    const problem = createProblem(problemInput(4, 30));
    const active = new Uint8Array(problem.nStops).fill(1);
    const ls = new LocalSearch(problem, active, nearestNeighbours(problem, active, 10), createRandom(4));
    ls.check = true;
    const rng = createRandom(14);
    const routes: number[][] = Array.from({ length: problem.totalSlots }, () => []);
    for (let s = 0; s < problem.nStops; s++) routes[rng.int(problem.totalSlots)]!.push(s);
    ls.load(routes);
    expect(() => ls.run({ capacity: 10, timeWarp: 5, distance: 5 })).not.toThrow();
    const total = ls.totalCost();
    expect(() => ls.verify(0, total - 1, 0)).toThrow(/relocate predicted cost/);
    expect(() => ls.verify(0, total - 1, 1)).not.toThrow();
  });

  it.each([1, 2, 3])('keeps its stored route costs equal to a fresh evaluation, and never worsens (seed %i)', (seed) => {
    const problem = createProblem(problemInput(seed, 30));
    const active = new Uint8Array(problem.nStops).fill(1);
    const ls = new LocalSearch(problem, active, nearestNeighbours(problem, active, 10), createRandom(seed));
    const rng = createRandom(seed + 10);
    const routes: number[][] = Array.from({ length: problem.totalSlots }, () => []);
    for (let s = 0; s < problem.nStops; s++) routes[rng.int(problem.totalSlots)]!.push(s);
    const pen = { capacity: 10, timeWarp: 5, distance: 5 };
    ls.load(routes);
    ls.run(pen);
    const before = (() => {
      const seg = new Segment(1);
      let sum = 0;
      routes.forEach((r, k) => {
        const t = problem.vehicleTypes[k < 4 ? 0 : 1]!;
        summariseRoute(problem, t, r, r.length, seg);
        sum += penalisedRouteCost(seg, t, pen);
      });
      return sum;
    })();
    const after = ls.exportRoutes();
    expect(after.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, k) => k));
    const seg = new Segment(1);
    let total = 0;
    after.forEach((r, k) => {
      const t = problem.vehicleTypes[k < 4 ? 0 : 1]!;
      summariseRoute(problem, t, r, r.length, seg);
      const cost = penalisedRouteCost(seg, t, pen);
      expect(ls.routeCost[k]).toBeCloseTo(cost, 6);
      total += cost;
    });
    expect(total).toBeLessThan(before);
  });

  it('lists routes for the giant tour by the polar angle of their barycentres (petals around one depot)', () => {
    // Eight clusters of five stops on a circle around the depot at the centre; one route each,
    // loaded into the slots in a scrambled order.
    const clusters = 8;
    const xy: [number, number][] = [[500, 500]];
    for (let c = 0; c < clusters; c++) {
      const angle = (2 * Math.PI * c) / clusters;
      for (let k = 0; k < 5; k++) xy.push([500 + (300 + 20 * k) * Math.cos(angle + 0.05 * k), 500 + (300 + 20 * k) * Math.sin(angle + 0.05 * k)]);
    }
    const d = xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
    const problem = createProblem({
      depots: [{ id: 'D', location: 0 }],
      stops: Array.from({ length: xy.length - 1 }, (_, k) => ({ id: `s${k}`, location: k + 1, delivery: [1] })),
      vehicleTypes: [{ id: 'van', count: clusters, capacity: [5], startDepot: 'D' }],
      matrix: { size: xy.length, distances: d },
    });
    const active = new Uint8Array(problem.nStops).fill(1);
    const ls = new LocalSearch(problem, active, nearestNeighbours(problem, active, 6), createRandom(1));
    const slotOfCluster = [5, 2, 7, 0, 3, 6, 1, 4];
    const routes: number[][] = Array.from({ length: clusters }, () => []);
    for (let c = 0; c < clusters; c++) routes[slotOfCluster[c]!] = [0, 1, 2, 3, 4].map((k) => 5 * c + k);
    ls.load(routes);
    const order = Array.from(ls.tourOrder()!);
    const clusterOfSlot = order.map((slot) => slotOfCluster.indexOf(slot));
    // The embedding may turn and mirror the plane: the clusters come in circular order, either way.
    const steps = clusterOfSlot.map((c, i) => (clusterOfSlot[(i + 1) % clusters]! - c + clusters) % clusters);
    expect(steps.every((s) => s === 1) || steps.every((s) => s === clusters - 1)).toBe(true);
    // With two depots there is no one centre to turn around: slot order.
    const twoDepots = createProblem(problemInput(4, 20));
    const all = new Uint8Array(twoDepots.nStops).fill(1);
    expect(new LocalSearch(twoDepots, all, nearestNeighbours(twoDepots, all, 6), createRandom(1)).tourOrder()).toBeUndefined();
  });
});
