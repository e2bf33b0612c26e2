/**
 * Coverage on road distances: a hand-made network where the road and the straight line
 * disagree, and set covering on the real OSM extracts in the repo.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { buildNetwork } from '../../src/graph/build.js';
import { haversine } from '../../src/graph/geodesy.js';
import { readGeoJson } from '../../src/io/geojson.js';
import { readPlaces, type Place } from '../../src/io/places.js';
import { roadCoverageMatrix, solvePMedian, solveSetCovering, type CoverageMatrix } from '../../src/coverage/index.js';

// A river along latitude 50.000 with one bridge at its east end (lon 11.60). Village V sits on
// the north bank; site A is just across the river (1.1 km as the crow flies, 15 km by road),
// site B is 2.1 km east along the north bank road.
const line = (id: string, coordinates: number[][]): FeatureCollection['features'][number] => ({
  type: 'Feature',
  id,
  properties: { highway: 'unclassified' },
  geometry: { type: 'LineString', coordinates },
});
const roads: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    line('north', [[11.5, 50.005], [11.53, 50.005], [11.6, 50.005]]),
    line('bridge', [[11.6, 50.005], [11.6, 49.995]]),
    line('south', [[11.6, 49.995], [11.5, 49.995]]),
  ],
};
const place = (id: string, lon: number, lat: number): Place => ({ id, lon, lat, properties: {} });
const village = [place('V', 11.5, 50.005)];
const sites = [place('A', 11.5, 49.995), place('B', 11.53, 50.005)];

function straightLine(demand: Place[], candidates: Place[]): CoverageMatrix {
  return {
    demandIds: demand.map((p) => p.id),
    siteIds: candidates.map((p) => p.id),
    values: demand.flatMap((d) => candidates.map((s) => haversine(d.lon, d.lat, s.lon, s.lat))),
  };
}

describe('road distance versus straight line', () => {
  const network = buildNetwork(roads);
  const { matrix, rejectedDemand, rejectedSites } = roadCoverageMatrix(network, village, sites, { metric: 'distance' });

  it('measures along the roads', () => {
    expect(rejectedDemand).toEqual([]);
    expect(rejectedSites).toEqual([]);
    const toA = matrix.values[0]!;
    const toB = matrix.values[1]!;
    // 2 × 7.15 km along the banks + 1.1 km over the bridge, against 1.1 km straight.
    expect(toA).toBeGreaterThan(15_000);
    expect(toA).toBeLessThan(15_800);
    expect(toB).toBeCloseTo(haversine(11.5, 50.005, 11.53, 50.005), -1);
  });

  it('p-median picks the other site', async () => {
    const byRoad = await solvePMedian(matrix, { p: 1 });
    const byAir = await solvePMedian(straightLine(village, sites), { p: 1 });
    expect(byRoad.open).toEqual(['B']);
    expect(byAir.open).toEqual(['A']);
  });

  it('set covering within 1.5 km: covered by air, reported as out of reach by road', async () => {
    const byAir = await solveSetCovering(straightLine(village, sites), { radius: 1500 });
    expect(byAir.open).toEqual(['A']);
    expect(byAir.uncovered).toEqual([]);
    const byRoad = await solveSetCovering({ ...matrix, demandIds: ['V', 'W'], values: [...matrix.values, 1000, 1000] }, { radius: 1500 });
    expect(byRoad.uncovered).toEqual([{ demand: 'V', reason: 'no-site-within-radius', nearestDistance: matrix.values[1] }]);
  });
});

describe('set covering on the real OSM extracts', () => {
  for (const area of ['north-bayreuth', 'andorra']) {
    it(`${area}: villages within 3 km by road of an outlet, proven optimal, cross-checked by both backends`, async () => {
      const base = new URL(`../../../../examples/data/osm/${area}/`, import.meta.url);
      const network = buildNetwork(readGeoJson(readFileSync(new URL('roads.geojson', base), 'utf8'), 'roads.geojson'));
      const places = await readPlaces(readFileSync(new URL('places.geojson', base), 'utf8'), { source: 'places.geojson' });
      const villages = places.filter((p) => p.properties['kind'] === 'place');
      const outlets = places.filter((p) => p.properties['kind'] === 'post_office');
      expect(villages.length).toBeGreaterThan(50);
      const { matrix } = roadCoverageMatrix(network, villages, [...outlets, ...villages], { metric: 'distance' });
      const existing = outlets.map((p) => p.id);
      const radius = 3000;
      const highs = await solveSetCovering(matrix, { radius, existing, method: 'exact', lagrangian: false, timeLimit: 30 });
      const pure = await solveSetCovering(matrix, { radius, existing, method: 'exact', solver: 'lp-solver', lagrangian: false });
      const auto = await solveSetCovering(matrix, { radius, existing, timeLimit: 30 });
      expect(highs.status).toBe('optimal');
      expect(pure.status).toBe('optimal');
      expect(auto.status).toBe('optimal');
      expect(pure.objective).toBe(highs.objective);
      expect(auto.objective).toBe(highs.objective);
      expect(highs.objective).toBe(highs.opened.length);
      // Independent check on the matrix: every village some site reaches within 3 km is covered.
      const m = matrix.siteIds.length;
      const open = new Set(highs.open);
      matrix.demandIds.forEach((id, i) => {
        let coverable = false;
        let covered = false;
        matrix.siteIds.forEach((site, j) => {
          const d = matrix.values[i * m + j]!;
          if (d <= radius) { coverable = true; if (open.has(site)) covered = true; }
        });
        expect(covered).toBe(coverable);
        expect(highs.uncovered.some((u) => u.demand === id)).toBe(!coverable);
      });
      for (const id of existing) expect(highs.open).toContain(id);
    });
  }
});
