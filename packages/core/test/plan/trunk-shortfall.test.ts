/**
 * A trunk short of trucks (issue 19 §1): an office the trunk does not reach on a day gets no mail,
 * so no van of it runs that day, and every village due there that day is said unserved with the
 * trunk as its reason. Checked on the two-tier grid over trunk fleets from ample to short, daily
 * and across a week with a fleet per day: the rule holds whichever office the search leaves out.
 */
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/index.js';
import type { PlanReport } from '../../src/report/types.js';
import { gridRoads } from './grid.js';
import { twoTierPlaces, twoTierSpec } from './two-tier-grid.js';

const VILLAGES = ['e1', 'e2', 'e3', 'n1', 'n2', 'x1'];
const WEEK = ['Mon', 'Tue', 'Wed'];

function truck(items: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'truck', count: 1, capacity: { items, kg: 400 }, departure: '07:00', maxShiftHours: 10, costPerKm: 2, costPerDay: 100, ...extra };
}

/** The invariants of one day's routes (`day` undefined: a daily plan). */
function checkDay(report: PlanReport, day: string | undefined, due: readonly string[]): void {
  const onDay = report.after.filter((route) => route.day === day);
  const reached = new Set(onDay.filter((route) => route.tier === 'trunk').flatMap((route) => route.stops));
  const served = new Set<string>();
  for (const route of onDay.filter((r) => r.tier === 'delivery')) {
    // No van leaves an office its trunk did not reach that day, and none is timed from nowhere.
    expect(reached.has(route.depot!)).toBe(true);
    expect(route.violations.map((v) => v.kind)).not.toContain('no-trunk');
    for (const stop of route.stops) served.add(stop);
  }
  const lines = report.summary.unassigned.filter((stop) => (day === undefined ? true : stop.day === day || stop.day === undefined));
  for (const id of due) {
    const said = lines.filter((stop) => stop.id === id);
    // Each village due is served, or said once (and never both).
    expect(served.has(id) ? 0 : 1).toBe(said.length);
    if (said.length === 1 && said[0]!.reason.startsWith('the trunk did not reach')) {
      const office = /\(([^)]+)\)/.exec(said[0]!.reason)![1]!;
      expect(reached.has(office)).toBe(false);
      if (day !== undefined) expect(said[0]!.reason).toContain(` on ${day}:`);
    }
  }
}

describe('a short trunk: no van from an office the trunk did not reach, its villages said unserved', () => {
  for (const items of [60, 80, 140]) {
    it(`daily, one truck of ${items} items`, async () => {
      const spec = twoTierSpec({}, { trunk: { fleet: [truck(items)] } });
      const { report } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: 2, timeLimit: 60, maxIterationsWithoutImprovement: 50 });
      checkDay(report, undefined, VILLAGES);
      // With room for both offices' freight, nothing is left for want of a trunk.
      if (items >= 140) expect(report.summary.unassigned.filter((stop) => stop.reason.startsWith('the trunk'))).toEqual([]);
    });
  }

  it('across a week, no truck room on Tue for both offices: every village due on Tue at the office left out is one missed visit', async () => {
    const spec = twoTierSpec({ week: { days: WEEK, accumulate: false } }, { trunk: { fleet: [truck(80, { count: 2, countPerDay: { Tue: 1 } })] } });
    const { report } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 50 });
    const visits = new Map(report.summary.week!.visits.map((v) => [v.id, v.days]));
    for (const day of WEEK) checkDay(report, day, VILLAGES.filter((id) => visits.get(id)?.includes(day)));
    expect(report.summary.unassigned.filter((stop) => stop.day === 'Tue').length).toBeGreaterThan(0);
    for (const day of ['Mon', 'Wed']) expect(report.summary.unassigned.filter((stop) => stop.day === day)).toEqual([]);
  });

  it('across a week with mail waiting for the next visit (accumulate): a missed visit says its mail waits and is left out of the next visit\'s planned load', async () => {
    const spec = twoTierSpec({ week: { days: WEEK, accumulate: true } }, { trunk: { fleet: [truck(80, { count: 2, countPerDay: { Tue: 1 } })] } });
    const { report } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 50 });
    const missed = report.summary.unassigned.filter((stop) => stop.day !== undefined);
    expect(missed.length).toBeGreaterThan(0);
    for (const stop of missed) expect(stop.reason).toMatch(/the visit is not made; its mail waits for the next visit, whose planned load leaves it out$/);
  });

  it('across a week, one truck for both offices every day: each day\'s trunk reaches what it can, the visits it leaves are each said', async () => {
    const spec = twoTierSpec({ week: { days: WEEK, accumulate: false } }, { trunk: { fleet: [truck(80)] } });
    const { report } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: 4, timeLimit: 60, maxIterationsWithoutImprovement: 50 });
    const visits = new Map(report.summary.week!.visits.map((v) => [v.id, v.days]));
    for (const day of WEEK) checkDay(report, day, VILLAGES.filter((id) => visits.get(id)?.includes(day)));
    // An office no day's trunk reaches: its villages are said with the trunk as the reason, once each.
    const reached = new Set(report.after.filter((route) => route.tier === 'trunk').flatMap((route) => route.stops));
    for (const office of ['east', 'north'].filter((id) => !reached.has(id))) {
      for (const id of VILLAGES.filter((v) => report.places.find((place) => place.id === v)?.township === office && !visits.has(v))) {
        expect(report.summary.unassigned.filter((stop) => stop.id === id).map((stop) => stop.reason)).toEqual([expect.stringMatching(new RegExp(`^the trunk did not reach .*\\(${office}\\)`))]);
      }
    }
  });
});
