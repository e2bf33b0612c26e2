/**
 * Door to door within the office's fleet (issue 19 §1, `doorToDoor.fleet: "office"`): the vans
 * that serve the streets are vans of the office's delivery fleet, so on each day the streets are
 * served the office's delivery routes plus its door-to-door routes never exceed its vans that
 * day; the door-to-door routes leave after the office's trunk and sorting and keep the van's
 * shift; streets no van is left for are said, never dropped.
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork, doorToDoorEdges, planNetwork } from '@postroute/core';
import type { PlanReport } from '../../src/report/types.js';
import { checkPlanInputs } from '../../src/plan/preflight.js';
import { inputError } from '../support/errors.js';
import { gridRoads } from './grid.js';
import { twoTierPlaces, twoTierSpec } from './two-tier-grid.js';

const VAN_SHIFT_S = 4 * 3600;

function van(count: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'van', depot: 'each-outlet', count, capacity: { items: 40, kg: 50 }, maxShiftHours: 4, costPerKm: 1, costPerDay: 50, ...extra };
}

/** On `day` (undefined: a daily plan): east's delivery routes + its door-to-door routes ≤ `vans`, and every door-to-door rule. */
function checkEast(report: PlanReport, day: string | undefined, vans: number): void {
  const delivery = report.after.filter((route) => route.tier === 'delivery' && route.depot === 'east' && route.day === day);
  const door = report.doorToDoor!.routes.filter((route) => route.day === undefined || route.day === day);
  expect(delivery.length + door.length, `east ${day ?? ''}`).toBeLessThanOrEqual(vans);
  const office = report.tiers!.offices.find((o) => o.id === 'east' && o.day === day)!;
  for (const route of door) {
    expect(route.departure).toBeGreaterThanOrEqual(office.release!);
    expect(route.durationS).toBeLessThanOrEqual(VAN_SHIFT_S);
    expect(route.violations).toEqual([]);
  }
}

describe('door to door within the office\'s fleet', () => {
  for (const count of [1, 2, 3]) {
    it(`daily, ${count} van${count === 1 ? '' : 's'} at each office: door to door and delivery share east's vans; every street side served or said`, async () => {
      const spec = twoTierSpec({ doorToDoor: { office: 'east', streets: ['205', '206'], fleet: 'office', maxShiftHours: 3 } }, { delivery: { fleet: [van(count)] } });
      const roads = gridRoads(7);
      const { report } = await planNetwork({ spec, roads, places: twoTierPlaces() }, { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 60 });
      checkEast(report, undefined, count);
      const d = report.summary.doorToDoor!;
      expect(d.officeVans).toEqual([{ office: 'east', vehicleType: 'van', vans: report.doorToDoor!.routes.length, available: count }]);
      expect(report.doorToDoor!.routes.length).toBeGreaterThan(0);
      // Every required side is served, or its street is said with a reason.
      const required = doorToDoorEdges(spec.doorToDoor![0]!, buildNetwork(roads), roads);
      const sides = required.reduce((n, q) => n + (q.sides === 'both' ? 2 : 1), 0);
      const served = report.doorToDoor!.routes.reduce((n, route) => n + route.streets, 0);
      if (served < sides) expect(d.notServed.length).toBeGreaterThan(0);
      else expect(served).toBe(sides);
      // The villages east cannot serve with the vans left are said, not dropped.
      const onRoutes = new Set(report.after.flatMap((route) => route.stops));
      for (const id of ['e1', 'e2', 'e3']) {
        if (!onRoutes.has(id)) expect(report.summary.unassigned.map((stop) => stop.id)).toContain(id);
      }
    });
  }

  it('no van left for a round: its streets are said unserved with why, and east\'s delivery tier has none that day', async () => {
    // One van at east, and rounds of at most 20 minutes: the streets need more than one round.
    const spec = twoTierSpec({ doorToDoor: { office: 'east', streets: ['205', '206'], fleet: 'office', maxShiftHours: 0.4 } }, { delivery: { fleet: [van(1)] } });
    const { report } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 60 });
    expect(report.doorToDoor!.routes).toHaveLength(1);
    const short = report.summary.doorToDoor!.notServed.filter((street) => street.reason === 'office-fleet-short');
    expect(short.length).toBeGreaterThan(0);
    expect(short[0]!.message).toMatch(/^no van of east is left for it: the office has 1 van on its leanest day and the streets need \d+ rounds$/);
    expect(report.summary.comparable).toBe(false);
    checkEast(report, undefined, 1);
  });

  it('across a week with one van fewer on Tue: each day east\'s delivery and door-to-door routes fit that day\'s vans', async () => {
    const week = { days: ['Mon', 'Tue', 'Wed'], accumulate: false };
    const spec = twoTierSpec({ week, doorToDoor: { office: 'east', streets: ['205', '206'], fleet: 'office', maxShiftHours: 4, vehicles: 1 } }, { delivery: { fleet: [van(3, { countPerDay: { Tue: 2 } })] } });
    const { report } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 60 });
    expect(report.summary.doorToDoor!.officeVans).toEqual([{ office: 'east', vehicleType: 'van', vans: 1, available: 2 }]);
    for (const [day, vans] of [['Mon', 3], ['Tue', 2], ['Wed', 3]] as const) checkEast(report, day, vans);
  });
});

describe('door to door within the office\'s fleet: a located error, and a scenario', () => {
  const bike = { id: 'bike', depot: ['north'], count: 1, capacity: { items: 20, kg: 20 }, maxShiftHours: 4 };
  it('a vehicleType with no vans at the block\'s office, before the graph', () => {
    const spec = twoTierSpec({ doorToDoor: { office: 'east', streets: ['205'], fleet: 'office', vehicleType: 'bike' } }, { delivery: { fleet: [van(2), bike] } });
    expect(inputError(() => checkPlanInputs({ spec, roads: gridRoads(7), places: twoTierPlaces() }, {})).describe())
      .toMatch(/field "doorToDoor\.vehicleType": delivery vehicle type "bike" has no vans at office "east" — its offices: north/);
  });

  it('a scenario that closes the office: the streets go to the nearest open one and take its vans', async () => {
    const spec = twoTierSpec({
      doorToDoor: { office: 'north', streets: ['106'], fleet: 'office', maxShiftHours: 3 },
      scenarios: [{ name: 'close-north', closeOffices: ['north'] }],
    }, { delivery: { fleet: [van(3)] } });
    const { report, scenarios } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 40 });
    expect(report.summary.doorToDoor!.officeVans!.map((v) => [v.office, v.available])).toEqual([['north', 3]]);
    const closed = scenarios.find((entry) => entry.name === 'close-north')!.report;
    const lent = closed.summary.doorToDoor!.officeVans!;
    expect(lent.map((v) => [v.office, v.vehicleType, v.available])).toEqual([['east', 'van', 3]]);
    expect(lent[0]!.vans).toBe(closed.doorToDoor!.routes.length);
    checkEast(closed, undefined, 3);
  });
});

describe('door to door within the office\'s fleet, random weeks (seeded)', () => {
  // A small LCG (its high bits: the low ones cycle): the cases are the same on every run.
  let state = 19;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % n;
  };
  const DAYS = ['Mon', 'Tue', 'Wed'];
  for (let k = 0; k < 3; k++) {
    const count = 1 + next(3);
    const perDay = Object.fromEntries(DAYS.filter(() => next(2) === 0).map((day) => [day, next(count + 1)]));
    const days = next(2) === 0 ? undefined : DAYS.filter((_, i) => i !== next(3));
    it(`case ${k + 1}: ${count} vans, countPerDay ${JSON.stringify(perDay)}, door to door ${days?.join(',') ?? 'every day'}: each day east's rounds fit its vans`, async () => {
      const spec = twoTierSpec(
        { week: { days: DAYS, accumulate: false }, doorToDoor: { office: 'east', streets: ['205', '206'], fleet: 'office', ...(days ? { days } : {}) } },
        { delivery: { fleet: [van(count, Object.keys(perDay).length > 0 ? { countPerDay: perDay } : {})] } },
      );
      const { report } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: k + 1, timeLimit: 60, maxIterationsWithoutImprovement: 40 });
      const lent = report.summary.doorToDoor!.officeVans![0]!;
      // The rounds take no more vans than the leanest serving day has.
      const serving = days ?? DAYS;
      expect(lent.available).toBe(Math.min(...serving.map((day) => perDay[day] ?? count)));
      expect(lent.vans).toBeLessThanOrEqual(lent.available);
      for (const day of DAYS) {
        checkEast(report, day, perDay[day] ?? count);
        if (!serving.includes(day)) expect(report.doorToDoor!.routes.filter((route) => route.day === day)).toEqual([]);
      }
    });
  }
});
