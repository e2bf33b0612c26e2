/**
 * Regret insertion (construct/insertion.ts): every plan it builds, on random problems that mix
 * every rule (several windows, breaks with a load limit, skills, shipments, priorities, two load
 * dimensions, duration / travel / distance limits, shifts, profiles), passes the independent
 * checker; what it leaves out is what fits nowhere or what a heavier request took the room of; and
 * it is priority-aware and deterministic.
 */
import { describe, expect, it } from 'vitest';
import { constructPlans, DEFAULT_VARIANTS } from '../../../src/vrp/construct/insertion.js';
import type { ConstructedPlan } from '../../../src/vrp/construct/insertion.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemData } from '../../../src/vrp/model.js';
import { buildSolution, routesFromSlots } from '../../../src/vrp/solution.js';
import { routeCost, summariseRoute } from '../../../src/vrp/evaluate.js';
import { makeRequests, RouteSet } from '../../../src/vrp/pdptw/routes.js';
import { Segment } from '../../../src/vrp/segments.js';
import { checkSolution } from '../../support/check-solution.js';
import { randomProblem } from './random-problem.js';

function activeOf(problem: ProblemData): Uint8Array {
  const active = new Uint8Array(problem.nStops);
  for (let s = 0; s < problem.nStops; s++) active[s] = problem.stopReason[s] === null ? 1 : 0;
  return active;
}

function asSolution(problem: ProblemData, plan: ConstructedPlan): ReturnType<typeof buildSolution> {
  return buildSolution(problem, routesFromSlots(problem, plan.routes), () => 'no-feasible-insertion');
}

describe('regret insertion', () => {
  it('every variant builds plans the independent checker finds feasible, on random problems with every rule', () => {
    let served = 0;
    let leftOut = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const input = randomProblem(seed, 8 + (seed % 4) * 6);
      const problem = createProblem(input);
      const active = activeOf(problem);
      const plans = constructPlans(problem, active);
      expect(plans).toHaveLength(DEFAULT_VARIANTS.length);
      for (const plan of plans) {
        const solution = asSolution(problem, plan);
        expect(solution.feasible).toBe(true);
        const report = checkSolution(input, solution, { requireAllServed: false });
        expect(report.violations, `seed ${seed}`).toEqual([]);
        // Every active stop is on a route or among the plan's unserved, never both.
        const onRoute = new Set(plan.routes.flat());
        for (const s of plan.unserved) expect(onRoute.has(s)).toBe(false);
        expect(onRoute.size + plan.unserved.length).toBe(active.reduce((a, b) => a + b, 0));
        served += onRoute.size;
        leftOut += plan.unserved.length;
      }
      // Best first: least weight left out, then least cost.
      for (let k = 1; k < plans.length; k++) {
        const a = plans[k - 1]!;
        const b = plans[k]!;
        expect(a.leftOutWeight < b.leftOutWeight || (a.leftOutWeight === b.leftOutWeight && a.cost <= b.cost)).toBe(true);
      }
    }
    // Not vacuous: the plans serve most stops, and the random fleets are sometimes short.
    expect(served).toBeGreaterThan(4 * leftOut);
    expect(leftOut).toBeGreaterThan(0);
  });

  it('a stop left out fits on no route of the plan as it stands (checked by the independent checker)', () => {
    let tried = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const input = randomProblem(100 + seed, 44);
      const problem = createProblem(input);
      const [best] = constructPlans(problem, activeOf(problem));
      const solution = asSolution(problem, best!);
      for (const s of best!.unserved) {
        if (problem.partner[s]! >= 0) continue; // a pair would need two places; single stops suffice here
        const id = problem.stopIds[s]!;
        for (const route of solution.routes) {
          for (let at = 0; at <= route.stops.length; at++) {
            const stops = [...route.stops.slice(0, at), id, ...route.stops.slice(at)];
            const trial = { ...solution, feasible: undefined, routes: [{ vehicleType: route.vehicleType, vehicle: route.vehicle, stops }] };
            const report = checkSolution(input, trial as never, { requireAllServed: false });
            tried++;
            expect(report.routes[0]!.violations.length, `seed ${seed}: ${id} fits in ${route.vehicleType} at ${at}`).toBeGreaterThan(0);
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(0);
  });

  it('serves the higher priority first when the fleet is short', () => {
    // One van of capacity 2 on a line; four stops of load 1, the far ones of priority 50.
    const input: ProblemInput = {
      depots: [{ id: 'D', location: 0 }],
      stops: [
        { id: 'near1', location: 1, delivery: [1] },
        { id: 'near2', location: 2, delivery: [1] },
        { id: 'far1', location: 3, delivery: [1], priority: 50 },
        { id: 'far2', location: 4, delivery: [1], priority: 50 },
      ],
      vehicleTypes: [{ id: 'van', count: 1, capacity: [2], startDepot: 'D' }],
      matrix: { size: 5, distances: [0, 1, 2, 30, 31].map((a) => [0, 1, 2, 30, 31].map((b) => Math.abs(a - b))) },
    };
    const problem = createProblem(input);
    for (const plan of constructPlans(problem, activeOf(problem))) {
      expect(plan.routes.flat().map((s) => problem.stopIds[s]).sort()).toEqual(['far1', 'far2']);
    }
  });

  it('is deterministic', () => {
    const problem = createProblem(randomProblem(7, 26));
    expect(constructPlans(problem, activeOf(problem))).toEqual(constructPlans(problem, activeOf(problem)));
  });
});

describe('route store: the cost saved by taking a request out', () => {
  it('equals the route priced again without it, on every kind of route (arcs only, or with its schedule)', () => {
    let arcOnly = 0;
    let checked = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const problem = createProblem(randomProblem(300 + seed, 30));
      const active = activeOf(problem);
      const req = makeRequests(problem, active);
      const [best] = constructPlans(problem, active);
      const set = new RouteSet(problem);
      best!.routes.forEach((route, r) => {
        set.routes[r] = route.slice();
        set.refresh(r);
      });
      const seg = new Segment(problem.nDims);
      set.routes.forEach((route, r) => {
        const type = set.slotType[r]!;
        for (const s of route) {
          const q = req.of[s]!;
          if (req.first[q] !== s) continue;
          const rest = route.filter((x) => x !== req.first[q] && x !== req.second[q]);
          summariseRoute(problem, type, rest, rest.length, seg);
          const expected = set.cost[r]! - routeCost(seg, type);
          expect(set.removalGain(r, req.first[q]!, req.second[q]!), `seed ${seed} route ${r}`).toBeCloseTo(expected, 6);
          checked++;
          if (type.costPerDuration === 0) arcOnly++;
        }
      });
    }
    // Both ways of pricing were exercised.
    expect(arcOnly).toBeGreaterThan(20);
    expect(checked - arcOnly).toBeGreaterThan(20);
  });
});
