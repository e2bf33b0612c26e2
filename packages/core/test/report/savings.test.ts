import { describe, expect, it } from 'vitest';
import { computeSavings, round, totalsOf } from '../../src/report/savings.js';
import { route } from './fixture.js';

describe('computeSavings', () => {
  // Today: 3 routes, 120 + 80 + 50 = 250 km, 4 h + 3 h + 2 h = 9 h. New: 2 routes, 110 + 94 = 204 km, 4.5 h + 3.5 h.
  const before = [
    route('before', 'A', ['a', 'b'], 120_000, 4 * 3600, 50),
    route('before', 'B', ['c'], 80_000, 3 * 3600, 30),
    route('before', 'C', ['d', 'e'], 50_000, 2 * 3600, 20),
  ];
  const after = [
    route('after', 'N1', ['a', 'b', 'c'], 110_000, 4.5 * 3600, 80),
    route('after', 'N2', ['d', 'e'], 94_000, 3.5 * 3600, 20),
  ];
  const summary = computeSavings(before, after, { name: 'hand', operatingDaysPerYear: 300 });

  it('totals each side', () => {
    expect(summary.before).toMatchObject({ routes: 3, vehicles: 3, km: 250, driverHours: 9, stopsServed: 5, mailDelivered: 100 });
    expect(summary.after).toMatchObject({ routes: 2, vehicles: 2, km: 204, driverHours: 8, stopsServed: 5, mailDelivered: 100 });
  });
  it('saves 46 km a day, 13,800 km a year and 18.4 %', () => {
    expect(summary.savedKmPerDay).toBe(46);
    expect(summary.savedKmPerYear).toBe(13_800);
    expect(summary.optimisationRatePercent).toBe(18.4);
    expect(summary.savedDriverHoursPerDay).toBe(1);
    expect(summary.savedDriverHoursPerYear).toBe(300);
    expect(summary.vehiclesSaved).toBe(1);
  });
  it("reproduces China Post's published rate from its own figures", () => {
    // 17,000 km saved at 18.36 % means about 92,593 km before; the arithmetic must give 18.36 back.
    const km = 17_000 / 0.1836;
    const s = computeSavings([route('before', 'X', ['a'], km * 1000, 0, 0)], [route('after', 'Y', ['a'], (km - 17_000) * 1000, 0, 0)]);
    expect(s.optimisationRatePercent).toBe(18.36);
    expect(s.savedKmPerDay).toBe(17_000);
  });
  it('reports a worse plan as negative savings, not as zero', () => {
    const s = computeSavings(after, before);
    expect(s.savedKmPerDay).toBe(-46);
    expect(s.optimisationRatePercent).toBe(-22.55);
  });
  it('keeps the key order of summary.json stable', () => {
    expect(Object.keys(summary)).toEqual([
      'name', 'operatingDaysPerYear', 'before', 'after', 'savedKmPerDay', 'savedKmPerYear', 'optimisationRatePercent',
      'savedDriverHoursPerDay', 'savedDriverHoursPerYear', 'vehiclesSaved', 'unassigned', 'notServedToday', 'stations',
    ]);
  });
  it('counts violations per side and empty routes as no vehicle', () => {
    const t = totalsOf([
      route('before', 'A', ['a'], 1000, 60, 1, { violations: [{ kind: 'late', stop: 'a', amount: 60, message: 'late' }, { kind: 'over-shift', amount: 5, message: 'long' }] }),
      route('before', 'B', [], 0, 0, 0),
    ]);
    expect(t).toMatchObject({ routes: 2, vehicles: 1, violations: 2, routesWithViolations: 1 });
  });
});

describe('round', () => {
  it('rounds half away from zero symmetrically', () => {
    expect(round(0.125, 2)).toBe(0.13);
    expect(round(-0.125, 2)).toBe(-0.13);
    expect(round(-0.001, 2)).toBe(0);
  });
});

describe('computeSavings without a baseline', () => {
  it('leaves the savings null instead of reporting the whole plan as a negative saving', () => {
    const s = computeSavings([], [route('after', 'N1', ['a'], 5000, 600, 10)]);
    expect(s.after.km).toBe(5);
    expect([s.savedKmPerDay, s.savedKmPerYear, s.optimisationRatePercent, s.savedDriverHoursPerDay, s.vehiclesSaved]).toEqual([null, null, null, null, null]);
  });
});
