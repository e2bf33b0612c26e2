/**
 * The county's figures (report/county.ts) on hand-made reports whose sums are worked out here by
 * hand: per tier × day, per year, the binding rules per office and day, door to door per office.
 */
import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../src/report/assemble.js';
import { countyFigures, scenarioTiers } from '../../src/report/county.js';
import type { DoorToDoorReport, DoorToDoorRoute, OfficeReport, PlanReport } from '../../src/report/types.js';
import { handMadeReport, route } from './fixture.js';

/** The hand-made report as a weekly two-tier plan with door to door from two offices. */
export function countyReport(): PlanReport {
  const report = handMadeReport();
  report.before = [
    route('before', 'T1', ['o1'], 20_000, 3600, 100, { tier: 'trunk', cost: 50 }), // every day
    route('before', 'D1', ['v1', 'v2'], 10_000, 1800, 35, { tier: 'delivery', depot: 'o1', day: 'Mon', cost: 20 }),
    route('before', 'D2', ['v3'], 6_000, 1800, 25, { tier: 'delivery', depot: 'o1', day: 'Tue', cost: 10 }),
  ];
  report.after = [
    route('after', 'T1', ['o1'], 18_000, 3000, 100, { tier: 'trunk', cost: 40, day: 'Mon' }),
    route('after', 'T1', ['o1'], 18_000, 3000, 100, { tier: 'trunk', cost: 40, day: 'Tue' }),
    route('after', 'o1-1', ['v1', 'v2'], 9_000, 1800, 35, { tier: 'delivery', depot: 'o1', day: 'Mon', cost: 15 }),
    route('after', 'o1-2', ['v3'], 5_000, 1200, 25, { tier: 'delivery', depot: 'o1', day: 'Tue', cost: 8 }),
    route('after', 'o1-3', ['v4'], 3_000, 600, 2, { tier: 'delivery', depot: 'o1', day: 'Tue', cost: 4 }),
    route('after', 'C1', ['o1'], 18_000, 3000, 0, { tier: 'collection', day: 'Tue', cost: 30 }),
  ];
  report.summary.week = {
    days: ['Mon', 'Tue'], accumulate: true, weeksPerYear: 150, kmPerWeekBefore: 56, kmPerWeekAfter: 71, kmPerYearBefore: 8400, kmPerYearAfter: 10650,
    kmPerWeekDailyService: 90, kmPerYearDailyService: 13500, perDay: [],
    visits: [{ id: 'v1', name: 'Village "One"', visitsPerWeek: 1, days: ['Mon'] }, { id: 'v3', name: 'Village Three', visitsPerWeek: 1, days: ['Tue'] }],
  };
  report.summary.operatingDaysPerYear = 300;
  const office = (day: string, binding: string[]): OfficeReport => ({
    id: 'o1', name: 'Outlet', day, stopsBefore: 3, stopsAfter: 4, before: { routes: 1, km: 10, driverHours: 0.5 }, after: { routes: 1, km: 9, driverHours: 0.5 },
    trunkArrival: 27000, release: 28800, firstDeparture: 28800, lastReturn: 36000, collection: null, load: [35], pickup: [0], binding,
  });
  report.tiers = {
    dimensions: ['mail'], assignment: 'administrative', toleranceKm: 0, sortingMinutes: 30, collection: 'second-wave', rounds: 1,
    offices: [office('Mon', ['deadline']), office('Tue', ['shift', 'capacity mail'])], moved: [], binding: [],
  };
  const door = (id: string, depot: string | undefined, day: string | undefined, km: number, served: number): DoorToDoorRoute => ({
    id, ...(depot ? { depot } : {}), ...(day ? { day } : {}), departure: 30000, arrival: 30000 + 3600, startsAfter: 'shift start 08:20', km, kmServiced: served,
    kmDeadheaded: km - served, durationS: 3600, streets: 3, stretches: [], violations: [], geometry: [[11.5, 50], [11.51, 50]], served: [],
  });
  const doorToDoor: DoorToDoorReport = {
    depot: 'o1', streets: 6, sides: 8, streetsServed: 6, sidesServed: 8, serviceMinutesPerKm: 15, kmServiced: 5, kmDeadheaded: 3, km: 8, driverHours: 2,
    vehicles: 2, feasible: true, unservable: [], rule: 'both sides',
    routes: [door('D1', undefined, undefined, 4, 2.5), door('D2', 'hub', 'Tue', 4, 2.5)],
  };
  report.doorToDoor = doorToDoor;
  return report;
}

describe('countyFigures', () => {
  it('sums each tier per weekday and per year (weeks a year = 300 / 2 days)', () => {
    const county = countyFigures(countyReport());
    expect(county.days).toEqual(['Mon', 'Tue']);
    expect(county.yearFactor).toBe(150);
    expect(county.tiers.map((t) => t.tier)).toEqual(['trunk', 'delivery', 'door-to-door', 'collection']);
    const [trunk, delivery, door, collection] = county.tiers;
    // Today's trunk runs every day (no day): 20 km on Mon and on Tue.
    expect(trunk!.perDay.map((d) => [d.day, d.before?.km, d.after.km, d.after.vehicles, d.after.cost])).toEqual([['Mon', 20, 18, 1, 40], ['Tue', 20, 18, 1, 40]]);
    expect(trunk!.kmPerYearBefore).toBe(40 * 150);
    expect(trunk!.kmPerYearAfter).toBe(36 * 150);
    expect(trunk!.costPerYearBefore).toBe(100 * 150);
    expect(delivery!.perDay.map((d) => [d.day, d.before?.km, d.after.km, d.after.vehicles, d.after.driverHours])).toEqual([['Mon', 10, 9, 1, 0.5], ['Tue', 6, 8, 2, 0.5]]);
    expect(delivery!.kmPerYearAfter).toBe(17 * 150);
    expect(collection!.perDay.map((d) => [d.day, d.before?.km, d.after.km])).toEqual([['Mon', 0, 0], ['Tue', 0, 18]]);
    // Door to door: no today; D1 runs every day, D2 on Tuesdays.
    expect(door!.perDay.map((d) => [d.day, d.before, d.after.km, d.after.vehicles])).toEqual([['Mon', null, 4, 1], ['Tue', null, 8, 2]]);
    expect(door!.kmPerYearAfter).toBe(12 * 150);
    expect(door!.savedKmPerYear).toBeNull();
  });

  it('gives a saving per tier only when the plan gave one (like for like), never judging again', () => {
    const report = countyReport();
    report.summary.savedKmPerDay = null;
    expect(countyFigures(report).tiers.every((t) => t.savedKmPerYear === null && t.optimisationRatePercent === null)).toBe(true);
    report.summary.savedKmPerDay = 1;
    const trunk = countyFigures(report).tiers[0]!;
    expect(trunk.savedKmPerYear).toBe(4 * 150);
    expect(trunk.optimisationRatePercent).toBe(10);
  });

  it('says each office\'s binding rules per day, door to door per office and day, and what each part saves', () => {
    const county = countyFigures(countyReport());
    expect(county.offices).toEqual([
      { office: 'o1', name: 'Outlet', day: 'Mon', binding: ['deadline'] },
      { office: 'o1', name: 'Outlet', day: 'Tue', binding: ['shift', 'capacity mail'] },
    ]);
    expect(county.doorToDoor).toEqual([
      { office: 'hub', name: 'hub', day: 'Tue', routes: 1, kmServed: 2.5, kmDeadheaded: 1.5 },
      { office: 'o1', name: 'Outlet', day: 'Mon', routes: 1, kmServed: 2.5, kmDeadheaded: 1.5 },
      { office: 'o1', name: 'Outlet', day: 'Tue', routes: 1, kmServed: 2.5, kmDeadheaded: 1.5 },
    ]);
    expect(county.parts).toEqual([
      { part: 'frequencies', kmPerYear: 10650, kmPerYearWithout: 13500, savedKmPerYear: 2850, against: 'daily service of the same stops' },
      { part: 'second-tier', kmPerYear: (36 + 17 + 18) * 150, kmPerYearWithout: null, savedKmPerYear: null, against: 'not measured: no one-tier plan of the same stops was made' },
      { part: 'door-to-door', kmPerYear: 12 * 150, kmPerYearWithout: null, savedKmPerYear: null, against: 'not measured: no other service of the same streets was planned' },
    ]);
  });

  it('leaves a one-tier daily report as it is, and fills the county and the places\' days otherwise', () => {
    const daily = handMadeReport();
    expect(assembleReport(daily)).toBe(daily);
    const assembled = assembleReport(countyReport());
    expect(assembled.summary.county?.tiers).toHaveLength(4);
    expect(assembled.places.find((p) => p.id === 'v1')?.days).toEqual(['Mon']);
    expect(assembleReport(assembled)).toEqual(assembled);
  });

  it('gives scenario rows every tier: km a day on average, vehicles on the busiest day', () => {
    expect(scenarioTiers(handMadeReport())).toBeUndefined();
    const rows = scenarioTiers(countyReport())!;
    expect(rows.find((r) => r.tier === 'delivery')).toEqual({ tier: 'delivery', kmPerDay: 8.5, kmPerYear: 2550, vehicles: 2, driverHours: 0.5, cost: 13.5 });
  });
});
