/**
 * Fleets per day (issue 19 §1, plan.json `countPerDay`): a weekly plan's vehicle type may have
 * fewer (or more) vehicles on some operating days; the periodic engine plans the week with each
 * day's fleet, and today's routes are judged against it.
 */
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/plan.js';
import { countyFigures } from '../../src/report/county.js';
import type { PlanInputs } from '../../src/plan/plan.js';
import type { ReportRoute } from '../../src/report/types.js';
import { gridPlaces, gridRoads, gridSpec } from './grid.js';
import { twoTierPlaces, twoTierSpec } from './two-tier-grid.js';

const WEEK = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** v1…v5 three times a week on any days, v6 on the days given; the outlet (40 items) every day. */
function places(v6Days: string): PlanInputs['places'] {
  return gridPlaces().map((place) => {
    if (place.id === 'v6') return { ...place, properties: { ...place.properties, days: v6Days } };
    if (place.id.startsWith('v')) return { ...place, properties: { ...place.properties, visits_per_week: '3', days: 'any' } };
    return place;
  });
}

/** Three vans (`countPerDay` aside) of `capacity` items; mail does not wait (each visit carries one day's). */
function inputs(countPerDay: Record<string, number> | undefined, v6Days = 'Tue,Fri', capacity = 40): PlanInputs {
  const van = { id: 'van', count: 3, capacity, departure: '08:00', maxShiftHours: 4, ...(countPerDay ? { countPerDay } : {}) };
  return {
    spec: gridSpec({ week: { days: WEEK, accumulate: false }, fleet: [van] }),
    roads: gridRoads(), places: places(v6Days), baseline: { routes: [{ id: 'T1', stops: ['v1', 'v2', 'v4'] }, { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] }] },
  };
}

describe('a weekly plan with one van on Saturday', () => {
  it('no route on Saturday beyond it, and the villages\' patterns move to other days', async () => {
    // Vans of 60: Saturday's one van takes the outlet's 40 items and two villages at most.
    const { report } = await planNetwork(inputs({ Sat: 1 }, 'Tue,Fri', 60), { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    const saturday = report.after.filter((route) => route.day === 'Sat');
    expect(saturday).toHaveLength(1);
    expect(saturday[0]!.stops).toContain('outlet');
    expect(saturday[0]!.stops.length).toBeLessThanOrEqual(3);
    for (const route of report.after) expect(route.violations).toEqual([]);
    expect(report.summary.unassigned).toEqual([]);
    const visits = new Map(report.summary.week!.visits.map((v) => [v.id, v.days]));
    // Five villages three times a week at least two days apart, two of them at most on Saturday:
    // the others' patterns avoid it, and every village gets its three visits.
    const onSaturday = ['v1', 'v2', 'v3', 'v4', 'v5'].filter((id) => visits.get(id)!.includes('Sat'));
    expect(onSaturday).toEqual(saturday[0]!.stops.filter((id) => id !== 'outlet').sort());
    for (const id of ['v1', 'v2', 'v3', 'v4', 'v5']) expect(visits.get(id)).toHaveLength(3);
    // Today's two routes run every day: on Saturday the second one is beyond the fleet of that day, said once.
    const overFleet = report.before.flatMap((route) => route.violations.filter((v) => v.kind === 'over-fleet').map((v) => [route.id, v.message]));
    expect(overFleet).toEqual([['Sat T2', 'needs vehicle 2 of type van on Sat; the fleet has 1']]);
    // Vehicles per day in the county figures: Saturday's one van.
    const perDay = countyFigures(report).tiers.flatMap((tier) => tier.perDay);
    expect(perDay.find((day) => day.day === 'Sat')?.after.vehicles).toBe(1);
    expect(perDay.find((day) => day.day === 'Sat')?.before?.vehicles).toBe(2);
  });

  it('a village due on Saturday when Saturday\'s van is full: one stop unserved, once, with the engine\'s reason', async () => {
    const { report } = await planNetwork(inputs({ Sat: 1 }, 'Tue,Sat'), { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    expect(report.after.filter((route) => route.day === 'Sat')).toHaveLength(1);
    // The outlet (every day) and v6 (Tue, Sat) cannot share Saturday's van of 40: a pattern is all or nothing.
    const unserved = report.summary.unassigned;
    expect(unserved).toHaveLength(1);
    expect(['outlet', 'v6']).toContain(unserved[0]!.id);
    expect(unserved[0]!.reason).toMatch(/every vehicle is in use|pattern/);
    expect(report.summary.week!.visits.some((v) => v.id === unserved[0]!.id)).toBe(false);
  });

  it('without countPerDay the same week serves v6 on Saturday and every stop (the tests above tell the two apart)', async () => {
    const { report } = await planNetwork(inputs(undefined, 'Tue,Sat'), { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    const visits = new Map(report.summary.week!.visits.map((v) => [v.id, v.days]));
    expect(visits.get('v6')).toEqual(['Tue', 'Sat']);
    expect(report.summary.unassigned).toEqual([]);
    expect(report.before.flatMap((route) => route.violations.filter((v) => v.kind === 'over-fleet'))).toEqual([]);
  });

  it('a day with more vans than `count` may use them, and a day with none has no route', async () => {
    const { report } = await planNetwork(inputs({ Mon: 0, Sat: 4 }), { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    expect(report.after.filter((route) => route.day === 'Mon')).toEqual([]);
    expect(report.after.filter((route) => route.day === 'Sat').length).toBeLessThanOrEqual(4);
    // The outlet is due every day: without a van on Monday it cannot be served all week.
    expect(report.summary.unassigned.map((stop) => stop.id)).toContain('outlet');
  });
});

/** The two-tier grid across the week: e3 twice a week, n1 three times, the rest daily; mail does not wait. */
function twoTierWeek(trunk: Record<string, unknown>, van: Record<string, unknown> = {}): PlanInputs {
  const rules: Record<string, Record<string, unknown>> = { e3: { visits_per_week: 2 }, n1: { visits_per_week: 3 } };
  const spec = twoTierSpec({ week: { days: WEEK, accumulate: false } }, {
    // Trucks of 80 items: east's day (62–71 items) and north's (49–60) need one truck each.
    trunk: { fleet: [{ id: 'truck', count: 2, capacity: { items: 80, kg: 400 }, departure: '07:00', maxShiftHours: 10, costPerKm: 2, costPerDay: 100, ...trunk }] },
    delivery: { fleet: [{ id: 'van', depot: 'each-outlet', count: 2, capacity: { items: 40, kg: 50 }, maxShiftHours: 4, costPerKm: 1, costPerDay: 50, ...van }] },
  });
  const places = twoTierPlaces().map((place) => ({ ...place, properties: { ...place.properties, ...(rules[place.id] ?? {}) } }));
  // Today: one truck to each office every day.
  const today = [
    { id: 'trunk-east', depot: 'hub', vehicleType: 'truck', stops: ['east'] },
    { id: 'trunk-north', depot: 'hub', vehicleType: 'truck', stops: ['north'] },
  ];
  return { spec, roads: gridRoads(7), places, baseline: { routes: today } };
}

describe('a two-tier week with a trunk fleet per day', () => {
  it('Saturday\'s one truck serves one office; the other is said once, with the engine\'s reason, and its villages due that day are missed visits, each said', async () => {
    const { report } = await planNetwork(twoTierWeek({ countPerDay: { Sat: 1 } }), { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    const trunkOn = (day: string): ReportRoute[] => report.after.filter((route) => route.tier === 'trunk' && route.day === day);
    for (const day of WEEK.slice(0, 5)) expect(trunkOn(day)).toHaveLength(2);
    expect(trunkOn('Sat')).toHaveLength(1);
    const reached = trunkOn('Sat')[0]!.stops;
    expect(reached).toHaveLength(1);
    const missed = reached[0] === 'east' ? 'north' : 'east';
    // One line for the office, from the trunk's engine; the afternoon collection does not say it again.
    const lines = report.summary.unassigned.filter((stop) => stop.id === missed);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.reason).toBe('the trunk cannot serve this office (Sat): every vehicle is in use');
    // Its vans stay home on Saturday (no mail came); each of its villages due that day is one
    // missed visit with its day, never planned as served.
    expect(report.after.filter((route) => route.tier === 'delivery' && route.day === 'Sat' && route.depot === missed)).toEqual([]);
    const visits = new Map(report.summary.week!.visits.map((v) => [v.id, v.days]));
    const office = new Map(report.places.map((place) => [place.id, place.office]));
    const due = [...visits].filter(([id, days]) => days.includes('Sat') && office.get(id) === missed && id !== missed).map(([id]) => id).sort();
    expect(due.length).toBeGreaterThan(0);
    const missedVisits = report.summary.unassigned.filter((stop) => stop.day !== undefined);
    expect(missedVisits.map((stop) => stop.id).sort()).toEqual(due);
    for (const stop of missedVisits) {
      expect(stop.day).toBe('Sat');
      expect(stop.reason).toMatch(new RegExp(`^the trunk did not reach .* \\(${missed}\\) on Sat: no mail to deliver from it that day; the visit is not made$`));
    }
    expect(report.summary.unassigned).toHaveLength(1 + due.length);
    // Every route planned keeps every rule.
    for (const route of report.after) expect(route.violations).toEqual([]);
    // Today's second truck on Saturday is beyond that day's fleet: one over-fleet line.
    const overFleet = report.before.flatMap((route) => route.violations.filter((v) => v.kind === 'over-fleet').map((v) => [route.id, v.message]));
    expect(overFleet).toEqual([['Sat trunk-north', 'needs vehicle 2 of type truck; the fleet has 1']]);
    // Vehicles per tier and day: Saturday's one truck.
    const trunk = countyFigures(report).tiers.find((tier) => tier.tier === 'trunk')!;
    expect(trunk.perDay.map((day) => day.after.vehicles)).toEqual([2, 2, 2, 2, 2, 1]);
  });

  it('a day without vans: no delivery route that day, the villages served less often move off it, the daily ones are unserved with the engine\'s reason', async () => {
    const { report } = await planNetwork(twoTierWeek({}, { countPerDay: { Wed: 0 } }), { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    expect(report.after.filter((route) => route.tier === 'delivery' && route.day === 'Wed')).toEqual([]);
    const visits = new Map(report.summary.week!.visits.map((v) => [v.id, v.days]));
    expect(visits.get('e3')).toHaveLength(2);
    expect(visits.get('n1')).toHaveLength(3);
    for (const id of ['e3', 'n1']) expect(visits.get(id)).not.toContain('Wed');
    const unserved = report.summary.unassigned.map((stop) => [stop.id, stop.reason]).sort();
    expect(unserved).toEqual(['e1', 'e2', 'n2', 'x1'].map((id) => [id, 'on some day of every allowed visit pattern no vehicle can take the visit']));
  });
});

describe('a scenario sets the fleet of some days (countPerDay), as plan.json does', () => {
  it('one tier: no van on Monday in the scenario only; the base keeps its vans and serves every stop', async () => {
    const base = inputs(undefined);
    const spec = { ...base.spec, scenarios: [{ name: 'no-monday', volumeFactor: {}, closeOffices: [], openOffices: [], places: {}, visits: [], fleet: { van: { countByDepot: {}, countPerDay: { Mon: 0 } } } }] };
    const { report, scenarios } = await planNetwork({ ...base, spec }, { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    expect(report.summary.unassigned).toEqual([]);
    expect(report.after.some((route) => route.day === 'Mon')).toBe(true);
    const scenario = scenarios.find((entry) => entry.name === 'no-monday')!.report;
    expect(scenario.after.filter((route) => route.day === 'Mon')).toEqual([]);
    expect(scenario.summary.unassigned.map((stop) => stop.id)).toContain('outlet');
    // The scenario row counts what it leaves unserved.
    const row = report.summary.scenarios!.find((entry) => entry.name === 'no-monday')!;
    expect(row.unserved).toBe(scenario.summary.unassigned.length);
  });

  it('two tiers: one truck on Saturday in the scenario, over the base case\'s two; the other days keep the base\'s count', async () => {
    const base = twoTierWeek({});
    const spec = { ...base.spec, scenarios: [{ name: 'short-sat', volumeFactor: {}, closeOffices: [], openOffices: [], places: {}, visits: [], fleet: { truck: { countByDepot: {}, countPerDay: { Sat: 1 } } } }] };
    const { report, scenarios } = await planNetwork({ ...base, spec }, { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    const trunks = (routes: readonly ReportRoute[]): number[] => WEEK.map((day) => routes.filter((route) => route.tier === 'trunk' && route.day === day).length);
    expect(trunks(report.after)).toEqual([2, 2, 2, 2, 2, 2]);
    const scenario = scenarios.find((entry) => entry.name === 'short-sat')!.report;
    expect(trunks(scenario.after)).toEqual([2, 2, 2, 2, 2, 1]);
  });
});
