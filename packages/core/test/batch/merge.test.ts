import { describe, expect, it } from 'vitest';
import type { CountyDone, CountyOutcome } from '../../src/batch/job.js';
import { mergeProvince, overviews, provinceCsv, type CountyEntry } from '../../src/batch/merge.js';
import { parseProvinceFile } from '../../src/batch/province-file.js';
import { renderProvinceHtml } from '../../src/batch/province-html.js';
import type { PhaseTotals, SavingsSummary } from '../../src/report/types.js';

const province = parseProvinceFile(JSON.stringify({
  name: 'Test province',
  counties: [{ name: 'North', plan: 'n.json' }, { name: 'South', plan: 's.json' }, { name: 'East', plan: 'e.json' }],
}));

function totals(km: number, vehicles: number): PhaseTotals {
  return { routes: vehicles, vehicles, distanceM: km * 1000, km, durationS: km * 90, driverHours: (km * 90) / 3600, stopsServed: 10, mailDelivered: 100, routesWithViolations: 0, violations: 0 };
}

function done(key: string, before: number, after: number, unserved = 0): CountyDone {
  const summary: SavingsSummary = {
    name: key, operatingDaysPerYear: 300, before: totals(before, 3), after: totals(after, 2),
    savedKmPerDay: before - after, savedKmPerYear: (before - after) * 300, optimisationRatePercent: ((before - after) / before) * 100,
    savedDriverHoursPerDay: 0, savedDriverHoursPerYear: 0, vehiclesSaved: 1,
    unassigned: Array.from({ length: unserved }, (_, i) => ({ id: `u${i}`, name: `U${i}`, reason: 'r' })), notServedToday: [], stations: null,
  };
  return { key, status: 'done', summary, overview: { bbox: [11, 50, 11.1, 50.1], hubs: [{ name: 'H', lon: 11, lat: 50 }], routes: [[[11, 50], [11.05, 50.05], [11, 50]]] }, files: [], seconds: 2 };
}

const entries: CountyEntry[] = [
  { county: province.counties[0]!, outcome: done('kn', 100, 80), attempts: 1, source: 'run' },
  { county: province.counties[1]!, outcome: done('ks', 50, 45, 2), attempts: 2, source: 'run' },
  { county: province.counties[2]!, outcome: { key: 'ke', status: 'failed', error: { kind: 'input', message: 'e.json: bad' }, seconds: 0.1 } as CountyOutcome, attempts: 1, source: 'run' },
];

describe('mergeProvince', () => {
  it('lists counties in province order, whatever order they finished in', () => {
    const a = mergeProvince(province, entries);
    const b = mergeProvince(province, [...entries].reverse());
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.counties.map((row) => [row.name, row.status, row.folder])).toEqual([['North', 'done', 'north'], ['South', 'done', 'south'], ['East', 'failed', 'east']]);
    expect(a.timing).toBeUndefined();
  });

  it('sums the finished counties and computes the rate from the sums', () => {
    const { totals: t, counties } = mergeProvince(province, entries);
    expect(t).toMatchObject({ counties: 3, done: 2, failed: 1, kmBefore: 150, kmAfter: 125, savedKmPerDay: 25, savedKmPerYear: 7500, vehiclesBefore: 6, vehiclesAfter: 4, unserved: 2 });
    expect(t.optimisationRatePercent).toBeCloseTo((25 / 150) * 100, 2);
    expect(counties[2]?.error).toEqual({ kind: 'input', message: 'e.json: bad' });
    expect(counties[2]?.kmBefore).toBeNull();
  });

  it('keeps run facts in the timing block only', async () => {
    const timed = mergeProvince(province, entries, { wallSeconds: 9.5, executor: 'pool', workers: 2 });
    expect(timed.timing?.counties.map((c) => [c.name, c.seconds, c.attempts])).toEqual([['North', 2, 1], ['South', 2, 2], ['East', 0.1, 1]]);
    const { timing: _timing, ...rest } = timed;
    expect(rest).toEqual(mergeProvince(province, entries));
    const csv = await provinceCsv(timed);
    expect(csv.split('\n')[0]).toBe('county,status,km_before,km_after,saved_km_per_day,saved_km_per_year,optimisation_rate_percent,vehicles_before,vehicles_after,driver_hours_before,driver_hours_after,unserved,run_seconds,attempts,error');
    expect(csv).toMatch(/\nSouth,done,50,45,5,1500,10,3,2,[\d.]+,[\d.]+,2,2,2,\n/);
    expect(csv).toMatch(/\ntotal,"2 done, 1 failed",150,125,25,7500,16\.67,6,4,/);
    expect(await provinceCsv(mergeProvince(province, entries))).toMatch(/\nSouth,done,50,45,5,1500,10,3,2,[\d.]+,[\d.]+,2,,,\n/);
  });

  it('renders a page that links each county and shows run times only with timing', () => {
    const plain = renderProvinceHtml(mergeProvince(province, entries), overviews(entries));
    expect(plain).toContain('<a href="north/report.html">North</a>');
    expect(plain).toContain('failed (input): e.json: bad');
    expect(plain).not.toMatch(/run time/);
    expect(plain.match(/class="route"/g)?.length).toBe(2);
    const timed = renderProvinceHtml(mergeProvince(province, entries, { wallSeconds: 9.5, executor: 'pool', workers: 2 }), overviews(entries));
    expect(timed).toMatch(/run time, s/);
    expect(timed).toContain('2.0 (2 attempts)');
  });
});
