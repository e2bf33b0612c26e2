/** Stations before routes (plan/stations.ts): which villages a station may serve. */
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/index.js';
import { withoutLoneStations } from '../../src/plan/stations.js';
import { stopsCsv } from '../../src/report/csv.js';
import { gridPlaces, gridRoads, gridSpec } from './grid.js';

// v5 (1.4 km from the outlet by road) and v6 are hamlets of 40 inhabitants; the other villages have 200.
const places = () => gridPlaces().map((place) => (place.id === 'v5' || place.id === 'v6' ? { ...place, properties: { ...place.properties, population: 40 } } : place));
const run = async (coverage: Record<string, unknown>) => {
  const { report } = await planNetwork({ spec: gridSpec({ coverage }), roads: gridRoads(), places: places() }, { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
  return report;
};

describe('coverage.maxPopulation', () => {
  it('lets only the small villages get their mail at a station; the larger ones stay stops', async () => {
    const every = await run({ radiusKm: 1.6 });
    const atStationEvery = every.places.filter((place) => place.servedVia !== undefined).map((place) => place.id);
    // Without the rule some village of 200 inhabitants goes to a station: the rule has something to change.
    expect(atStationEvery.some((id) => id !== 'v5' && id !== 'v6')).toBe(true);

    const small = await run({ radiusKm: 1.6, maxPopulation: 59 });
    const atStation = small.places.filter((place) => place.servedVia !== undefined).map((place) => place.id);
    expect(atStation.length).toBeGreaterThan(0);
    expect(atStation.every((id) => id === 'v5' || id === 'v6')).toBe(true);
    // Every larger village is a stop of the new routes.
    const routed = new Set(small.after.flatMap((route) => route.stops));
    for (const id of ['v1', 'v2', 'v3', 'v4']) expect(routed.has(id), id).toBe(true);
    expect(small.summary.stations).toMatchObject({ radiusM: 1600, maxPopulation: 59 });
  });
});

describe('a station serves some village besides its own', () => {
  // Distances by road, village → site, in metres; the radius is 1000.
  const roads: Record<string, number> = { 'a>b': 800, 'b>a': 800, 'c>office': 600, 'd>b': 900, 'd>office': 400 };
  const distance = (village: string, site: string) => (village === site ? 0 : roads[`${village}>${site}`] ?? Infinity);

  it('does not open a village that serves only itself, which stays a stop', () => {
    // "e" lies beyond the radius of every other site: the cover opened it for itself alone.
    const choice = withoutLoneStations(['b', 'e'], new Set(['office', 'b', 'e']), new Map([['a', 'b'], ['c', 'office']]), distance, 1000);
    expect(choice.opened).toEqual(['b']);
    expect([...choice.servedVia]).toEqual([['a', 'b'], ['c', 'office']]);
  });

  it('gives a lone station\'s village to an open site within the radius, nearest first', () => {
    // "d" was opened for itself although the office (400 m) and b (900 m) reach it.
    const choice = withoutLoneStations(['b', 'd'], new Set(['office', 'b', 'd']), new Map([['a', 'b']]), distance, 1000);
    expect(choice.opened).toEqual(['b']);
    expect(choice.servedVia.get('d')).toBe('office');
  });

  it('keeps one of two lone stations that reach each other: the later one then serves the earlier', () => {
    const choice = withoutLoneStations(['a', 'b'], new Set(['office', 'a', 'b']), new Map(), distance, 1000);
    expect(choice.opened).toEqual(['b']);
    expect([...choice.servedVia]).toEqual([['a', 'b']]);
  });

  it('opens no station for itself on the grid county, end to end', async () => {
    const report = await run({ radiusKm: 1.6 });
    const opened = report.summary.stations?.opened ?? [];
    expect(opened.length).toBeGreaterThan(0);
    for (const station of opened) expect(report.places.some((place) => place.servedVia === station), station).toBe(true);
    // A village that is not a station and not at one is a stop of the routes, with the role it had.
    const routed = new Set(report.after.flatMap((route) => route.stops));
    for (const place of report.places.filter((p) => p.role === 'village' && p.servedVia === undefined)) expect(routed.has(place.id), place.id).toBe(true);
  });
});

describe("today's rows of stops.csv show the place as today's routes serve it", () => {
  it('a new station was a village with its own mail; a counter that takes villages in had its own', async () => {
    const baseline = { routes: [{ id: 'T1', stops: ['v1', 'v2', 'v4'] }, { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] }] };
    const { report } = await planNetwork({ spec: gridSpec({ coverage: { radiusKm: 1.6 } }), roads: gridRoads(), places: places(), baseline },
      { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 200 });
    const station = report.summary.stations?.opened[0];
    expect(station).toBeDefined();
    const own = (id: string) => places().find((place) => place.id === id)!.properties.mail as number;
    const lines = (await stopsCsv(report)).trim().split('\n').map((line) => line.split(','));
    const [header, ...rows] = lines as [string[], ...string[][]];
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    for (const id of [station!, 'outlet']) {
      const atIt = report.places.filter((place) => place.servedVia === id).map((place) => own(place.id));
      expect(atIt.length, id).toBeGreaterThan(0);
      const today = rows.filter((row) => cell(row, 'phase') === 'before' && cell(row, 'stop_id') === id);
      const planned = rows.filter((row) => cell(row, 'phase') === 'after' && cell(row, 'stop_id') === id);
      expect(today.length, id).toBeGreaterThan(0);
      for (const row of today) {
        expect(cell(row, 'role'), id).toBe(id === 'outlet' ? 'outlet' : 'village');
        expect(Number(cell(row, 'mail')), id).toBe(own(id));
      }
      for (const row of planned) {
        expect(cell(row, 'role'), id).toBe(id === 'outlet' ? 'outlet' : 'station');
        expect(Number(cell(row, 'mail')), id).toBe(own(id) + atIt.reduce((a, b) => a + b, 0));
      }
    }
  });
});
