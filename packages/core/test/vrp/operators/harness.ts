/**
 * A local-search state on a random problem with every feature the operators must respect (time
 * windows, pickups, two vehicle types with different matrices and depots, an open route), and a
 * check that a move's evaluated change equals the change in the stored route costs once applied.
 */
import { expect } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { LocalSearch } from '../../../src/vrp/search/local-search.js';
import { nearestNeighbours } from '../../../src/vrp/search/neighbours.js';
import { penalisedRouteCost, summariseRoute } from '../../../src/vrp/evaluate.js';
import { Segment } from '../../../src/vrp/segments.js';

/** With `asymmetric`, one direction of each pair is longer (one-way streets). */
export function randomState(seed: number, n = 24, asymmetric = false): LocalSearch {
  const rng = createRandom(seed);
  const size = n + 2;
  const d = randomMatrix(rng, size, asymmetric);
  const slow = d.map((row) => row.map((x) => 2 * x + 1));
  const input: ProblemInput = {
    depots: [{ id: 'A', location: 0, timeWindow: [0, 800] }, { id: 'B', location: 1 }],
    stops: Array.from({ length: n }, (_, k) => {
      const a = rng.int(500);
      return {
        id: `s${k}`, location: k + 2, delivery: [1 + rng.int(5)], pickup: [rng.int(4)], serviceTime: 3,
        timeWindows: [[a, a + 80 + rng.int(200)] as [number, number]],
      };
    }),
    vehicleTypes: [
      { id: 'van', count: 3, capacity: [14], startDepot: 'A', fixedCost: 30, maxDuration: 500 },
      { id: 'bike', count: 3, capacity: [7], startDepot: 'B', endDepot: null, profile: 'slow', costPerDistance: 0.5, costPerDuration: 0.2 },
    ],
    matrix: { size, distances: d },
    profiles: { slow: { size, distances: d, durations: slow } },
  };
  return randomlyRouted(input, seed, rng);
}

/** Sum of route costs recomputed from scratch, independently of the stored summaries. */
export function freshCost(ls: LocalSearch): number {
  const seg = new Segment(ls.nDims);
  let total = 0;
  ls.exportRoutes().forEach((route, r) => {
    const t = ls.typeOf(r);
    summariseRoute(ls.problem, t, route, route.length, seg);
    total += penalisedRouteCost(seg, t, ls.penalties);
  });
  return total;
}

/**
 * Tries `evaluate` on many (u, v) pairs; whenever it returns a change (the quick bounds return
 * Infinity for moves that cannot improve), applies the move and checks
 * the real change. Returns how many moves were checked.
 */
export function checkMoves(
  ls: LocalSearch, pairs: number, evaluate: (u: number, v: number) => number, apply: (u: number, v: number) => void, seed = 1,
): number {
  const rng = createRandom(seed);
  let checked = 0;
  for (let k = 0; k < pairs; k++) {
    const u = rng.int(ls.nStops);
    const v = rng.next() < 0.15 ? ls.startNode(rng.int(ls.nRoutes)) : rng.int(ls.nStops);
    if (u === v) continue;
    const delta = evaluate(u, v);
    if (!Number.isFinite(delta)) continue;
    const before = freshCost(ls);
    expect(ls.totalCost()).toBeCloseTo(before, 6);
    apply(u, v);
    const after = freshCost(ls);
    expect(after - before).toBeCloseTo(delta, 6);
    const served = ls.exportRoutes().flat().sort((a, b) => a - b);
    expect(served).toEqual(Array.from({ length: ls.nStops }, (_, i) => i));
    checked++;
  }
  return checked;
}

/**
 * A state where driving a stretch backwards changes only its distance (the condition of 2-opt*
 * with reversal): deliveries only, no windows or shifts, but two depots, an open route, a
 * distance limit and, with `asymmetric`, one-way streets.
 */
export function plainState(seed: number, n = 24, asymmetric = false): LocalSearch {
  const rng = createRandom(seed);
  const size = n + 2;
  const d = randomMatrix(rng, size, asymmetric);
  const input: ProblemInput = {
    depots: [{ id: 'A', location: 0 }, { id: 'B', location: 1 }],
    stops: Array.from({ length: n }, (_, k) => ({ id: `s${k}`, location: k + 2, delivery: [1 + rng.int(5), rng.int(3)] })),
    vehicleTypes: [
      { id: 'van', count: 3, capacity: [14, 5], startDepot: 'A', fixedCost: 30, maxDistance: 220 },
      { id: 'open', count: 2, capacity: [10, 4], startDepot: 'B', endDepot: null },
    ],
    matrix: { size, distances: d },
  };
  return randomlyRouted(input, seed, rng);
}

/** Rounded distances between random points; with `asymmetric`, one direction of each pair is longer. */
function randomMatrix(rng: ReturnType<typeof createRandom>, size: number, asymmetric: boolean): number[][] {
  const xy = Array.from({ length: size }, () => [rng.int(100), rng.int(100)]);
  return xy.map((a, i) => xy.map((b, j) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!)) + (asymmetric && i < j ? rng.int(25) : 0)));
}

/** A local search on the problem with every stop put on a random route (the last slot left empty). */
function randomlyRouted(input: ProblemInput, seed: number, rng: ReturnType<typeof createRandom>): LocalSearch {
  const problem = createProblem(input);
  const active = new Uint8Array(problem.nStops).fill(1);
  const ls = new LocalSearch(problem, active, nearestNeighbours(problem, active, 8), createRandom(seed));
  const routes: number[][] = Array.from({ length: problem.totalSlots }, () => []);
  for (let s = 0; s < problem.nStops; s++) routes[rng.int(problem.totalSlots - 1)]!.push(s);
  ls.load(routes);
  ls.penalties = { capacity: 4, timeWarp: 2, distance: 1 };
  for (let r = 0; r < ls.nRoutes; r++) ls.updateRoute(r);
  return ls;
}
