import { describe, expect, it } from 'vitest';
import type { RoadNetwork } from '../../src/graph/types.js';
import { tierReportRoute, toReportRoute, type RouteReportContext, type TierRouteContext } from '../../src/plan/route-report.js';
import type { PlanViolation, RouteResult } from '../../src/vrp/index.js';

// One evaluated route (as the engine returns it) breaking a rule of every route-level kind; the
// one-tier and the two-tier report routes (route-report.ts, one builder) word it.
function evaluated(violations: PlanViolation[]): RouteResult {
  return {
    vehicleType: 'van', vehicle: 1, startDepot: 'hub', endDepot: 'hub', stops: ['a'],
    departure: 8 * 3600, arrival: 11 * 3600, distance: 130_000, duration: 3 * 3600, cost: 0,
    startLoad: [120], visits: [{ id: 'a', arrival: 9 * 3600, start: 9 * 3600, departure: 9 * 3600 + 300, load: [0], distance: 65_000 }],
    violations,
  } as unknown as RouteResult;
}

// No snapped places: nothing is drawn, only the words are compared.
const draw: RouteReportContext = { network: {} as RoadNetwork, snaps: new Map(), places: new Map(), fleet: [{ id: 'van', count: 1, capacity: 100, departure: 8 * 3600 }] };
const oneTier = (route: RouteResult) => toReportRoute(draw, 'before', 'R1', route).violations;
const tier: TierRouteContext = {
  dimensions: ['mail'], draw: new Map([['', draw]]),
  vehicles: new Map([['van', { id: 'van', count: 1, capacity: [100], fixedCost: 0, costPerDistance: 0, departure: 8 * 3600 }]]),
};
const twoTier = (route: RouteResult) => tierReportRoute(tier, 'before', 'trunk', 'T1', route).violations;

describe('one wording for both reports', () => {
  it('a max-distance violation is worded the same in one-tier and two-tier reports (one dropped it, the other called it over-shift)', () => {
    const route = evaluated([{ kind: 'max-distance', amount: 30_000, message: 'distance 130000 exceeds the maximum 100000' }]);
    const expected = [{ kind: 'over-distance', amount: 30_000, message: 'drives 130.0 km, longest allowed 100.0 km (+30.0 km)' }];
    expect(oneTier(route)).toEqual(expected);
    expect(twoTier(route)).toEqual(expected);
  });

  it('every route-level kind is worded the same by both, in the same order', () => {
    const route = evaluated([
      { kind: 'fleet-size', amount: 1, message: 'route 2 of type van, which has 1 vehicle(s)' },
      { kind: 'time-window', stop: 'a', amount: 600, message: 'late' },
      { kind: 'capacity', dimension: 0, amount: 20, message: 'over' },
      { kind: 'shift', amount: 1800, message: 'late back' },
      { kind: 'max-duration', amount: 3600, message: 'long' },
      { kind: 'unreachable-leg', stop: 'a', amount: 0, message: 'no road' },
      { kind: 'skills', stop: 'a', amount: 1, message: 'no skill' },
    ]);
    const words = oneTier(route);
    expect(twoTier(route)).toEqual(words);
    expect(words.map((v) => v.kind)).toEqual(['over-capacity', 'over-shift', 'over-shift', 'late', 'unreachable', 'lacks-skill', 'over-fleet']);
    expect(words.find((v) => v.kind === 'over-fleet')!.message).toBe('needs vehicle 2 of type van; the fleet has 1');
  });
});
