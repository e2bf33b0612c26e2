import { computeSavings } from '../../src/report/savings.js';
import { describe, expect, it } from 'vitest';
import { parseString } from 'fast-csv';
import { routesCsv, stopsCsv } from '../../src/report/csv.js';
import { planReportToGeoJson } from '../../src/report/geojson.js';
import { formatSummary } from '../../src/report/text.js';
import { handMadeReport } from './fixture.js';

async function rows(text: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  await new Promise<void>((resolve, reject) => {
    parseString(text, { headers: true }).on('data', (row: Record<string, string>) => out.push(row)).on('error', reject).on('end', () => resolve());
  });
  return out;
}

describe('report writers', () => {
  const report = handMadeReport();

  it('routes.csv has one row per route, violations spelled out', async () => {
    const table = await rows(await routesCsv(report));
    expect(table.map((row) => `${row.phase}/${row.route_id}`)).toEqual(['before/T1', 'before/T2', 'after/N1']);
    expect(table[1]).toMatchObject({ distance_km: '20.00', stops: '2', load: '130', capacity: '100' });
    expect(table[1]?.violations).toContain('over-capacity');
    expect(table[0]?.violations).toBe('');
    expect(table[2]?.stop_sequence).toBe('o1 > v1 > v2 > v3');
  });

  it('stops.csv has one row per visit, with names and quotes escaped', async () => {
    const table = await rows(await stopsCsv(report));
    expect(table).toHaveLength(2 + 2 + 4);
    const v1 = table.find((row) => row.phase === 'after' && row.stop_id === 'v1');
    expect(v1).toMatchObject({ route_id: 'N1', seq: '2', name: 'Village "One"', role: 'village', arrival: '8:20' });
  });

  it('routes.geojson holds a LineString per route and a Point per place', () => {
    const collection = planReportToGeoJson(report);
    const lines = collection.features.filter((feature) => feature.geometry.type === 'LineString');
    const points = collection.features.filter((feature) => feature.geometry.type === 'Point');
    expect(lines).toHaveLength(3);
    expect(points).toHaveLength(report.places.length);
    expect(lines[2]?.properties).toMatchObject({ phase: 'after', route_id: 'N1', distance_km: 41, stops: 4 });
    const lost = points.find((feature) => feature.properties?.id === 'v4');
    expect(lost?.properties).toMatchObject({ status: 'not-a-stop', route_after: null });
    const v3 = points.find((feature) => feature.properties?.id === 'v3');
    expect(v3?.properties).toMatchObject({ status: 'served', route_after: 'N1', seq_after: 4, route_before: 'T2', seq_before: 2 });
    // Valid GeoJSON positions: [lon, lat] within range.
    for (const feature of collection.features) {
      const positions = feature.geometry.type === 'Point' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      for (const [lon, lat] of positions as number[][]) expect(Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90).toBe(true);
    }
  });

  it('prints the summary with before, after, saved and rate', () => {
    const text = formatSummary(report.summary);
    expect(text).toContain('distance, km/day');
    expect(text).toMatch(/50\.0\s+41\.0\s+-9\.0/);
    // Same stops and mail, but today's T2 is over capacity: said first, and the rate is like for like.
    expect(text.split('\n')[1]).toBe("Not comparable: today's routes break 1 rule (T2: carries 130, capacity 100 (+30)), the new plan none");
    expect(text).toContain('Saved (same stops and mail as today): 9.0 km per day, 2,700 km per year (300 operating days); optimisation rate 18.00 %');
    expect(text).toMatch(/routes breaking a rule\s+1\s+0\s+-1/);
  });
});

describe('formatSummary without a baseline', () => {
  it('says there is nothing to compare', () => {
    const report = handMadeReport();
    const summary = computeSavings([], report.after, { name: 'no baseline' });
    expect(formatSummary(summary)).toContain('nothing to compare');
    expect(formatSummary(summary)).not.toContain('Saved:');
  });
});
