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
      'name', 'comparable', 'notComparable', 'operatingDaysPerYear', 'before', 'after', 'savedKmPerDay', 'savedKmPerYear', 'optimisationRatePercent',
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

describe('computeSavings: a different service is said first, and no rate is quoted for it', () => {
  // Today: 9 stops on two routes. The new plan (an undersized fleet) serves 2 of them.
  const today = [
    route('before', 'A', ['a', 'b', 'c', 'd', 'e'], 40_000, 3 * 3600, 50),
    route('before', 'B', ['f', 'g', 'h', 'i'], 30_000, 2 * 3600, 40),
  ];
  const unassigned = ['c', 'd', 'e', 'f', 'g', 'h', 'i'].map((id) => ({ id, name: id, reason: 'every vehicle is in use' }));

  it('fewer stops: comparable false, "serves 2 of today\'s 9 stops", and every savings figure null', () => {
    const s = computeSavings(today, [route('after', 'N1', ['a', 'b'], 7_000, 1800, 20)], { unassigned });
    expect(s.comparable).toBe(false);
    expect(s.notComparable.map((r) => r.kind)).toEqual(['fewer-stops', 'less-mail']);
    expect(s.notComparable[0]?.message).toBe("the new plan serves 2 of today's 9 stops — see unassigned");
    expect(s.notComparable[1]?.message).toBe("the new plan delivers 20 items a day, today's routes 90");
    expect([s.savedKmPerDay, s.savedKmPerYear, s.optimisationRatePercent, s.savedDriverHoursPerDay, s.savedDriverHoursPerYear, s.vehiclesSaved])
      .toEqual([null, null, null, null, null, null]);
  });

  it('villages served at a station are named as such', () => {
    const s = computeSavings(today.slice(0, 1), [route('after', 'N1', ['a', 'b'], 7_000, 1800, 50)], {
      servedVia: new Map([['c', 'a'], ['d', 'a'], ['e', 'b']]),
    });
    expect(s.notComparable.map((r) => r.message)).toEqual(["the new plan serves 2 of today's 5 stops: 3 villages get their mail at a village station or an outlet's counter instead"]);
    expect(s.optimisationRatePercent).toBeNull();
  });

  it('stops no route serves today are a different service too', () => {
    const s = computeSavings(today.slice(1), [route('after', 'N1', ['f', 'g', 'h', 'i', 'z'], 20_000, 1800, 40)]);
    expect(s.notComparable.map((r) => r.kind)).toEqual(['other-stops']);
    expect(s.notComparable[0]?.message).toContain('1 stop that no route serves today (z)');
    expect(s.savedKmPerDay).toBeNull();
  });

  it('other broken rules only: not comparable, but the rate is like for like (same stops, same mail) and stays', () => {
    const late = { violations: [{ kind: 'late' as const, stop: 'b', amount: 600, message: 'arrives at b at 9:10, due by 9:00 (+0:10)' }] };
    const s = computeSavings(today, [route('after', 'N1', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], 60_000, 5 * 3600, 90, late)]);
    expect(s.comparable).toBe(false);
    expect(s.notComparable).toEqual([{ kind: 'rules', message: "today's routes break none, the new plan 1 rule (N1: arrives at b at 9:10, due by 9:00 (+0:10))" }]);
    expect(s.optimisationRatePercent).toBe(14.29);
  });

  it('the same stops, mail and rules: comparable, nothing to say', () => {
    const s = computeSavings(today, [route('after', 'N1', ['i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'], 60_000, 5 * 3600, 90)]);
    expect(s.comparable).toBe(true);
    expect(s.notComparable).toEqual([]);
    expect(s.optimisationRatePercent).toBe(14.29);
  });
});
