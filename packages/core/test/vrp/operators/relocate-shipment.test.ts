/**
 * The local search with shipments (route-store.ts `pairFree`, `pairSafeCut`; operators/
 * relocate-shipment.ts): no move splits or reverses a pair, checked by the independent checker
 * on random problems from random starts; the shipment relocation's evaluated change is the real
 * one (`check`); and on a tiny case where it is the only improving move, it reaches the optimum
 * that brute force finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import { constructPlans } from '../../../src/vrp/construct/insertion.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemData } from '../../../src/vrp/model.js';
import { LocalSearch } from '../../../src/vrp/search/local-search.js';
import { nearestNeighbours } from '../../../src/vrp/search/neighbours.js';
import { buildSolution, routesFromSlots } from '../../../src/vrp/solution.js';
import { bruteForce } from '../../support/brute-force.js';
import { checkSolution } from '../../support/check-solution.js';
import { randomProblem } from '../construct/random-problem.js';

/** A local search over `problem` that moves the plain stops alone and the shipments by pairs. */
function searchOf(problem: ProblemData, seed: number): LocalSearch {
  const plain = new Uint8Array(problem.nStops);
  const all = new Uint8Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) {
    if (problem.stopReason[s] !== null) continue;
    all[s] = 1;
    if (problem.partner[s]! < 0) plain[s] = 1;
  }
  return new LocalSearch(problem, plain, nearestNeighbours(problem, all, 8), createRandom(seed));
}

/** The constructed plan with some shipments moved to random routes and places (still whole and in order). */
function scrambled(problem: ProblemData, seed: number): number[][] {
  const active = new Uint8Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) active[s] = problem.stopReason[s] === null ? 1 : 0;
  const routes = constructPlans(problem, active)[0]!.routes.map((r) => r.slice());
  while (routes.length < problem.totalSlots) routes.push([]);
  const rng = createRandom(seed);
  for (let p = 0; p < problem.nStops; p++) {
    if (problem.shipmentRole[p] !== 1 || rng.int(2) === 0) continue;
    const d = problem.partner[p]!;
    const from = routes.findIndex((r) => r.includes(p));
    if (from < 0) continue;
    routes[from] = routes[from]!.filter((s) => s !== p && s !== d);
    const into = routes[rng.int(routes.length)]!;
    const i = rng.int(into.length + 1);
    into.splice(i, 0, p);
    into.splice(i + 1 + rng.int(into.length - i), 0, d);
  }
  return routes;
}

/** Without breaks and with one window per stop: the summaries are exact, so `check` verifies every move. */
function exactInput(input: ProblemInput): ProblemInput {
  return {
    ...input,
    stops: input.stops.map((s) => (s.timeWindows && s.timeWindows.length > 1 ? { ...s, timeWindows: [s.timeWindows[0]!] } : s)),
    vehicleTypes: input.vehicleTypes.map(({ breaks: _, ...t }) => t),
  };
}

describe('local search with shipments', () => {
  it('never splits or reverses a pair, and loses none (independent checker, random problems and starts)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 10, max: 32 }), fc.boolean(), fc.integer({ min: 0, max: 3 }), (seed, n, exact, scale) => {
        const raw = randomProblem(seed, n);
        const input = exact ? exactInput(raw) : raw;
        const problem = createProblem(input);
        const routes = scrambled(problem, seed);
        const ls = searchOf(problem, seed);
        // The exact summaries: every applied move's predicted change must be the real one.
        ls.check = exact;
        ls.load(routes);
        const penalty = 10 ** scale;
        ls.run({ capacity: penalty, timeWarp: penalty, distance: penalty });
        const after = ls.exportRoutes();
        const before = new Set(routes.flat());
        const served = new Set(after.flat());
        for (let s = 0; s < problem.nStops; s++) if (problem.partner[s]! >= 0) expect(served.has(s)).toBe(before.has(s));
        const solution = buildSolution(problem, routesFromSlots(problem, after), () => 'no-feasible-insertion');
        const report = checkSolution(input, solution, { requireAllServed: false });
        expect(report.violations.filter((v) => v.includes('shipment'))).toEqual([]);
      }),
      { numRuns: 60, seed: 20 },
    );
  });

  it('a tiny case where moving the pair is the only improving move: the search reaches the brute-force optimum', () => {
    // Found by a search over random five-stop cases: from the start no move of a plain stop
    // improves, and the shipment relocation (p and d into the empty second route) is optimal.
    const distances = [
      [0, 26, 29, 35, 12, 14], [26, 0, 7, 15, 18, 23], [29, 7, 0, 8, 18, 28], [35, 15, 8, 0, 23, 36],
      [12, 18, 18, 23, 0, 20], [14, 23, 28, 36, 20, 0],
    ];
    const input: ProblemInput = {
      depots: [{ id: 'D', location: 0 }],
      stops: [
        { id: 's0', location: 1, delivery: [1] }, { id: 's1', location: 2, delivery: [1] }, { id: 's2', location: 3, delivery: [1] },
        { id: 'p', location: 4, pickup: [1] }, { id: 'd', location: 5, delivery: [1] },
      ],
      shipments: [{ pickup: 'p', delivery: 'd' }],
      vehicleTypes: [{ id: 'v', count: 2, capacity: [10], startDepot: 'D', costPerDistance: 1 }],
      matrix: { size: 6, distances },
    };
    const problem = createProblem(input);
    const start = [[0, 1, 2, 3, 4], []];
    const penalties = { capacity: 100, timeWarp: 100, distance: 100 };
    const without = searchOf(problem, 1);
    without.shipmentMoves = false;
    without.load(start);
    const startCost = without.totalCost();
    without.run(penalties);
    expect(without.totalCost()).toBe(startCost);
    const ls = searchOf(problem, 1);
    ls.check = true;
    ls.load(start);
    ls.run(penalties);
    const best = bruteForce(input);
    expect(ls.totalCost()).toBeLessThan(startCost);
    expect(ls.totalCost()).toBeCloseTo(best.cost, 9);
    const solution = buildSolution(problem, routesFromSlots(problem, ls.exportRoutes()), () => 'no-feasible-insertion');
    expect(checkSolution(input, solution).violations).toEqual([]);
  });
});
