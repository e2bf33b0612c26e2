/** Stations before routes (plan/stations.ts): which villages a station may serve. */
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/index.js';
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
