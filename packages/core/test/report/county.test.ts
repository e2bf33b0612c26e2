/**
 * The county's figures (report/county.ts) on hand-made reports whose sums are worked out here by
 * hand: per tier × day, per year, the binding rules per office and day, door to door per office.
 */
import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../src/report/assemble.js';
import { countyFigures, scenarioTiers } from '../../src/report/county.js';
import { formatTiers } from '../../src/report/text-tiers.js';
import { countyReport } from './county-fixture.js';
import { handMadeReport } from './fixture.js';

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
    // No collection on Mondays: 0 km and cost 0 (the tier has costs), not "no figure".
    expect(collection!.perDay.map((d) => [d.day, d.before?.km, d.after.km, d.after.cost])).toEqual([['Mon', 0, 0, 0], ['Tue', 0, 18, 30]]);
    expect(collection!.costPerYearAfter).toBe(30 * 150);
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

  it('prints them: km per weekday today → new and a year per tier, vehicles per day, what binds, door to door, the parts', () => {
    const text = formatTiers(assembleReport(countyReport()));
    expect(text).toContain('The county, per tier: km per weekday (today → new plan) and per year (150 weeks):');
    expect(text).toMatch(/\ntrunk +20\.0 → 18\.0 +20\.0 → 18\.0 +6,000 +5,400 +600 +10\.00 %\n/);
    expect(text).toMatch(/\ndoor-to-door +- → 4\.0 +- → 8\.0 +- +1,800 +- +-\n/);
    expect(text).toMatch(/\ndelivery +1 \(1\) +2 \(1\)\n/);
    expect(text).toContain('  Outlet: Mon deadline; Tue shift, capacity mail');
    expect(text).toContain('  Outlet Tue: 1 route, 2.5 km served, 1.5 km deadheaded');
    expect(text).toContain('  the visit frequencies save 2,850 km a year against daily service of the same stops (13,500 → 10,650 km)');
    expect(formatTiers(assembleReport(handMadeReport()))).toBe('');
  });
});
