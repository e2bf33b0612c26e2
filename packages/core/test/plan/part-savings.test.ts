/**
 * What the second tier and door to door save (plan/part-savings.ts): the plan without the second
 * tier on a case whose answer is known by hand, the weekly form of it, repeatability, and the
 * pipeline's two paths: not measured unless plan.json asks (and then saying how to ask), and
 * measured, with the figures the county prints.
 */
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../src/plan/file/plan-file.js';
import { planNetwork } from '../../src/plan/index.js';
import { HEAD_START, hubDirectProblem, NOT_MEASURED, streetsVerdict, withoutSecondTier } from '../../src/plan/part-savings.js';
import type { DoorToDoorReport } from '../../src/report/types.js';
import { solveTwoTier } from '../../src/plan/tiers/solve.js';
import type { TwoTierInput } from '../../src/plan/tiers/model.js';
import { partWords } from '../../src/report/text-county.js';
import { gridRoads } from './grid.js';
import { twoTierPlaces, twoTierPlan, twoTierSpec } from './two-tier-grid.js';

/**
 * A hub 10 km from its only office, three villages 1 km from the office and 2 km from each other,
 * 10 km from the hub. A van carries one village's mail; the truck carries all of it but its shift
 * (20.5 km at 1 m/s) allows only one 10-km leg out and back. Two tiers: the truck to the office
 * and back (20 km), a van from the office to each village (3 × 2 km): 26 km. From the hub each
 * village needs its own vehicle, out 10 km and back 10 km, and the office lies 1 km off one of
 * those legs: at least 3 × 20 + 1 = 61 km, which a van round hub → office → village → hub reaches.
 */
function farOffice(): TwoTierInput {
  const at = [[0, 0], [10, 0], [10, 1], [11, 0], [10, -1]]; // km; distances set by hand below
  const size = at.length;
  const km = (i: number, j: number): number => {
    if (i === j) return 0;
    if (i === 0 || j === 0) return 10;
    if (i === 1 || j === 1) return 1;
    return 2;
  };
  const distances = Array.from({ length: size * size }, (_, k) => km(Math.floor(k / size), k % size) * 1000);
  const village = (id: string, location: number) => ({ id, location, delivery: [10], pickup: [0], serviceTime: 0, office: 'office' });
  return {
    dimensions: ['items'],
    hub: { id: 'hub', location: 0 },
    offices: [{ id: 'office', location: 1, delivery: [0], pickup: [0], serviceTime: 0 }],
    stops: [village('v1', 2), village('v2', 3), village('v3', 4)],
    matrix: { size, distances, durations: [...distances] },
    trunk: { vehicles: [{ id: 'truck', count: 1, capacity: [30], maxDuration: 20_500, fixedCost: 0, costPerDistance: 1, departure: 6 * 3600 }], collection: null },
    delivery: {
      vehicles: [{ id: 'van@office', type: 'van', office: 'office', count: 3, capacity: [10], fixedCost: 0, costPerDistance: 1 }],
      assignment: 'administrative', tolerance: 0, sorting: 1800,
    },
  };
}

const search = { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 };

describe('the plan without the second tier', () => {
  it('serves the same stops from the hub with the county\'s vehicles there, leaving after the sorting', () => {
    const problem = hubDirectProblem(farOffice());
    expect(problem.depots).toEqual([{ id: 'hub', location: 0 }]);
    expect(problem.stops.map((stop) => stop.id)).toEqual(['office', 'v1', 'v2', 'v3']);
    expect(problem.vehicleTypes.map((t) => [t.id, t.count, t.startDepot, t.shift?.[0]])).toEqual([
      ['truck', 1, 'hub', 6 * 3600 + 1800], ['van', 3, 'hub', 6 * 3600 + 1800],
    ]);
  });

  it('is the 61 km worked out by hand, against the two tiers\' 26 km', () => {
    const input = farOffice();
    const twoTiers = solveTwoTier(input, search);
    const metres = [twoTiers.trunk.solution, ...twoTiers.delivery.runs.map((run) => run.solution)].reduce((sum, s) => sum + s.distance, 0);
    expect(metres).toBe(26_000);
    const without = withoutSecondTier(input, null, [], [], search);
    expect(without.perDay).toEqual([{ day: null, km: 61 }]);
    expect(without.notComparable).toBeNull();
    expect(without.against).toMatch(/^one tier straight from the hub: the same 4 stops .*\(1 truck, 3 van\)/);
  });

  it('across the week: every day\'s routes, the same for a seed', () => {
    const week = { days: ['Mon', 'Tue'], accumulate: false, patterns: new Map() };
    const first = withoutSecondTier(farOffice(), week, [], [], search);
    expect(first.perDay).toEqual([{ day: 'Mon', km: 61 }, { day: 'Tue', km: 61 }]);
    expect(withoutSecondTier(farOffice(), week, [], [], search)).toEqual(first);
    // A fleet per day (plan.json countPerDay) is the week's: the same vans every day here.
    const perDay = farOffice();
    perDay.delivery.vehicles = perDay.delivery.vehicles.map((van) => ({ ...van, countPerDay: [3, 3] }));
    expect(withoutSecondTier(perDay, week, [], [], search).perDay).toEqual(first.perDay);
    expect(withoutSecondTier(perDay, null, [], [], search).perDay).toEqual([{ day: null, km: 61 }]);
  });

  it('says when the two are not the same service: a stop only one of them serves', () => {
    // The plan left v2 unserved: its km would lack a village the plan from the hub drives to.
    const without = withoutSecondTier(farOffice(), null, [], [{ id: 'v2', name: 'v2', reason: 'no room' }], search);
    expect(without.notComparable).toBe('the plan leaves 1 stop unserved that the one-tier plan serves (v2)');
  });
});

describe('what each part saves, in the plan', () => {
  const options = { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 100 };
  const inputs = (measure: boolean) => ({
    spec: twoTierSpec({
      doorToDoor: { streets: ['103', '205', '206'], depot: 'east', serviceMinutesPerKm: 15, maxShiftHours: 2 },
      scenarios: [{ name: 'peak', volumeFactor: { mail: 1.5 } }],
      ...(measure ? { measure: { parts: true } } : {}),
    }),
    roads: gridRoads(7), places: twoTierPlaces(),
  });

  it('is not measured unless plan.json asks, and says how to ask', async () => {
    const { report, scenarios } = await planNetwork(inputs(false), options);
    const parts = report.summary.county!.parts;
    expect(parts.map((p) => [p.part, p.kmPerYearWithout, p.savedKmPerYear, p.against])).toEqual([
      ['second-tier', null, null, NOT_MEASURED.off['second-tier']],
      ['door-to-door', null, null, NOT_MEASURED.off['door-to-door']],
    ]);
    expect(partWords(parts[0]!)).toMatch(/^the second tier: [\d,]+ km a year; saving not measured: plan\.json "measure": \{ "parts": true \}/);
    expect(scenarios[0]!.report.summary.county!.parts.map((p) => p.against)).toEqual([NOT_MEASURED.scenario, NOT_MEASURED.scenario]);
  });

  it('measured: the km without each part beside the plan\'s, the saving their difference, a scenario still not', async () => {
    const { report, scenarios } = await planNetwork(inputs(true), options);
    const county = report.summary.county!;
    const [tier, door] = county.parts;
    if (process.env.SHOW_PARTS === '1') console.log(county.parts.map(partWords).join('\n'));
    const kmOf = (...names: string[]): number => county.tiers.filter((t) => names.includes(t.tier)).reduce((sum, t) => sum + t.kmPerYearAfter, 0);
    expect(tier!.part).toBe('second-tier');
    expect(Math.abs(tier!.kmPerYear - kmOf('trunk', 'delivery', 'collection'))).toBeLessThanOrEqual(2);
    expect(tier!.kmPerYearWithout).toBeGreaterThan(0);
    if (tier!.notComparable === undefined) expect(tier!.savedKmPerYear).toBe(tier!.kmPerYearWithout! - tier!.kmPerYear);
    else expect(tier!.savedKmPerYear).toBeNull();
    // No today here, so neither search had a head start.
    expect(tier!.against).not.toContain(HEAD_START);
    expect(door!.part).toBe('door-to-door');
    expect(door!.kmPerYear).toBe(kmOf('door-to-door'));
    // From the hub in the south-west corner the streets by the east office are further away.
    expect(door!.kmPerYearWithout).toBeGreaterThan(door!.kmPerYear);
    expect(door!.against).toBe('the same streets door to door from the hub (hub) instead of from the office, with the same search budget');
    expect(scenarios[0]!.report.summary.county!.parts.every((p) => p.against === NOT_MEASURED.scenario)).toBe(true);
    // Planned again with the seed (searches ending by their no-improvement rule), asked for by the
    // option instead of plan.json (postroute plan --measure-parts): the same figures.
    expect((await planNetwork(inputs(false), { ...options, measureParts: true })).report.summary.county!.parts).toEqual(county.parts);
  });

  it('a daily plan whose search started from today\'s routes says so beside the second tier (the plan from the hub starts from scratch)', async () => {
    const today = [
      { id: 'trunk', depot: 'hub', vehicleType: 'truck', stops: ['north', 'east'] },
      { id: 'east-van', depot: 'east', vehicleType: 'van', stops: ['e3', 'e1', 'e2'] },
      { id: 'north-van', depot: 'north', vehicleType: 'van', stops: ['x1', 'n1', 'n2'] },
    ];
    const { report } = await planNetwork({ spec: twoTierSpec({ measure: { parts: true } }), roads: gridRoads(7), places: twoTierPlaces(), baseline: { routes: today } }, options);
    const tier = report.summary.county!.parts.find((p) => p.part === 'second-tier');
    expect(tier!.kmPerYearWithout).toBeGreaterThan(0);
    expect(tier!.against.endsWith(HEAD_START)).toBe(true);
  });

  it('plan.json: measure.parts is true or false, and nothing else', () => {
    expect(parsePlanFile(JSON.stringify(twoTierPlan({ measure: { parts: true } }))).measure).toEqual({ parts: true });
    expect(() => parsePlanFile(JSON.stringify(twoTierPlan({ measure: { parts: 1 } })))).toThrow(expect.objectContaining({ message: 'must be true or false', location: expect.objectContaining({ field: 'measure.parts' }) }));
  });
});

describe('door to door from the hub against from the office', () => {
  const report = (over: Partial<DoorToDoorReport> = {}): DoorToDoorReport => ({
    depot: 'east', streets: 3, sides: 4, streetsServed: 3, sidesServed: 4, serviceMinutesPerKm: 15, kmServiced: 2, kmDeadheaded: 1, km: 3,
    driverHours: 1, vehicles: 1, feasible: true, unservable: [], rule: '', ...over,
    routes: [{ id: 'D1', departure: 0, arrival: 3600, startsAfter: '', km: 3, kmServiced: 2, kmDeadheaded: 1, durationS: 3600, streets: 4, stretches: [], violations: [], geometry: [], served: [] }],
  });
  it('the same sides served, nothing said unserved, no rule broken: the same service', () => {
    expect(streetsVerdict(report({ depot: 'hub' }), report())).toBeNull();
  });
  it('a day the trunk did not reach the office leaves its streets unserved that day: not the same service', () => {
    const noTrunk = { street: 'every street on Sat', reason: 'no-trunk', message: 'the trunk did not reach East (east) on Sat: no mail to deliver door to door that day' };
    expect(streetsVerdict(report({ depot: 'hub' }), report({ unservable: [noTrunk] })))
      .toBe('the plan leaves unserved what the routes from the hub serve (the trunk did not reach East (east) on Sat: no mail to deliver door to door that day)');
  });
  it('fewer sides served from the hub: not the same service', () => {
    expect(streetsVerdict(report({ depot: 'hub', sidesServed: 3 }), report())).toBe('from the hub 3 of 4 street sides are served, from the offices 4');
  });
});
