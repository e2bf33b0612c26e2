import { describe, expect, it } from 'vitest';
import { classifyPlaces } from '../../src/plan/places.js';
import { moveLoadsToStations } from '../../src/plan/station-loads.js';
import { twoTierPlaces } from './two-tier-grid.js';

describe('moveLoadsToStations (two tiers with coverage)', () => {
  it('drops the villages served at a station and adds their volumes, every load property, to the station', () => {
    const raw = twoTierPlaces();
    const places = classifyPlaces(raw, 'places.geojson', { outlet: 600, station: 300, village: 180 }, { mailRequired: false });
    // e2 becomes a station serving e1 and e3; n1 is served at the north office's counter.
    places.find((p) => p.id === 'e2')!.role = 'station';
    const servedVia = new Map([['e1', 'e2'], ['e3', 'e2'], ['n1', 'north']]);
    const loads = [{ name: 'items', delivery: ['mail', 'parcels'], pickup: ['pickup_items'] }, { name: 'kg', delivery: ['parcel_kg'], pickup: ['pickup_kg'] }];
    const out = moveLoadsToStations(raw, places, servedVia, loads);
    expect(out.rawPlaces.map((p) => p.id)).toEqual(['hub', 'east', 'north', 'e2', 'n2', 'x1']);
    expect(out.places.map((p) => p.id)).toEqual(['hub', 'east', 'north', 'e2', 'n2', 'x1']);
    const e2 = out.rawPlaces.find((p) => p.id === 'e2')!.properties;
    // e1 12 mail, 3 parcels, 6 kg, 20 kg pickup; e2 10, 2, 4; e3 8, 1, 2.
    expect([e2.role, e2.mail, e2.parcels, e2.parcel_kg, e2.pickup_kg, e2.pickup_items]).toEqual(['station', 30, 6, 12, 20, 0]);
    const north = out.rawPlaces.find((p) => p.id === 'north')!.properties;
    expect([north.mail, north.parcels, north.parcel_kg, north.pickup_items]).toEqual([29, 6, 4, 5]);
    // The input is not changed.
    expect(raw.find((p) => p.id === 'e2')!.properties.mail).toBe(10);
    expect(out.rawPlaces.find((p) => p.id === 'x1')).toBe(raw.find((p) => p.id === 'x1'));
  });
});

describe('two tiers with stations (coverage) in the planner', () => {
  it('stations before routes: a covered village is no stop of any tier, its station carries its volumes', async () => {
    const { planNetwork } = await import('../../src/plan/plan.js');
    const { gridRoads } = await import('./grid.js');
    const { twoTierSpec } = await import('./two-tier-grid.js');
    const { report } = await planNetwork({ spec: twoTierSpec({ coverage: { radiusKm: 1.5 } }), roads: gridRoads(7), places: twoTierPlaces() }, { seed: 1, timeLimit: 1 });
    const servedVia = new Map(report.places.flatMap((p) => (p.servedVia ? [[p.id, p.servedVia] as const] : [])));
    expect(servedVia.size).toBeGreaterThan(0);
    expect(report.summary.stations?.radiusM).toBe(1500);
    expect(report.places.map((p) => p.id)).toEqual(twoTierPlaces().map((p) => p.id));
    const stops = new Set(report.after.flatMap((r) => r.stops));
    for (const village of servedVia.keys()) expect(stops.has(village), village).toBe(false);
    // Items (mail + parcels) of each station or office that serves villages: its own plus theirs.
    const items = new Map(twoTierPlaces().map((p) => [p.id, Number(p.properties.mail ?? 0) + Number(p.properties.parcels ?? 0)]));
    for (const site of new Set(servedVia.values())) {
      const place = report.places.find((p) => p.id === site)!;
      const expected = items.get(site)! + [...servedVia].filter(([, s]) => s === site).reduce((sum, [v]) => sum + items.get(v)!, 0);
      expect(place.delivery?.[0], site).toBe(expected);
    }
  });
});
