import { readFileSync } from 'node:fs';
import { nearestPointOnLine, point, pointToLineDistance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { buildNetwork, readGeoJson, readPlaces, snapPlaces, type Place } from '@postroute/core';
import { at, road, roads } from './fixtures.js';

const place = (id: string, x: number, y: number): Place => {
  const [lon, lat] = at(x, y);
  return { id, lon, lat, properties: {} };
};

describe('snapPlaces', () => {
  const network = buildNetwork(roads(road([[0, 0], [2000, 0]]), road([[2000, 0], [2000, 1000]]), road([[2000, 0], [3000, 0]]), road([[5000, 5000], [5100, 5000]])));

  it('projects a place onto the middle of a long edge, exactly where it is', () => {
    const { snaps, rejected } = snapPlaces(network, [place('mid', 700, 30)]);
    expect(rejected).toEqual([]);
    const snap = snaps[0]!;
    const edge = network.edges[snap.edge]!;
    const along = edge.coordinates[0]![0] === at(0, 0)[0] ? 700 : 1300;
    expect(snap.offset).toBeCloseTo(along, 0);
    expect(snap.fraction).toBeCloseTo(along / 2000, 3);
    expect(snap.distance).toBeCloseTo(30, 1);
    const line = { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: edge.coordinates } };
    // Turf's point-to-line distance is an approximation of its own; it agrees to a decimetre.
    expect(Math.abs(snap.distance - pointToLineDistance(point(at(700, 30)), line, { units: 'meters' }))).toBeLessThan(0.2);
    expect([snap.lon, snap.lat]).toEqual([expect.closeTo(at(700, 0)[0], 7), expect.closeTo(at(700, 0)[1], 7)]);
  });

  it('rejects places too far from any road, and places nearest to a dropped piece, with the distance', () => {
    const { snaps, rejected } = snapPlaces(network, [place('far', 1000, -6000), place('island', 5050, 5010), place('ok', 10, 10)]);
    expect(snaps.map((s) => s.placeId)).toEqual(['ok']);
    expect(rejected.map((r) => [r.placeId, r.reason])).toEqual([['far', 'too-far'], ['island', 'dropped-component']]);
    expect(rejected[0]!.distance).toBeCloseTo(6000, -1);
    expect(rejected[1]!.distance).toBeCloseTo(10, 0);
    expect(snapPlaces(network, [place('far', 1000, -6000)], { maxDistance: 7000 }).snaps).toHaveLength(1);
  });

  it('counts the off-road leg only when asked', () => {
    expect(snapPlaces(network, [place('a', 700, 30)]).snaps[0]!.offRoadDistance).toBe(0);
    const snap = snapPlaces(network, [place('a', 700, 30)], { countOffRoad: true, offRoadSpeed: 18 }).snaps[0]!;
    expect(snap.offRoadDistance).toBeCloseTo(snap.distance, 9);
    expect(snap.offRoadDuration).toBeCloseTo(snap.distance / 5, 9);
  });

  it('finds the same nearest road as a brute-force search with Turf on the real Andorra extract', async () => {
    const path = 'examples/data/osm/andorra/roads.geojson';
    const andorra = buildNetwork(readGeoJson(readFileSync(path, 'utf8'), path));
    const places = await readPlaces(readFileSync('examples/data/osm/andorra/places.geojson', 'utf8'), { source: 'places.geojson' });
    const { snaps, rejected } = snapPlaces(andorra, places);
    expect(snaps.length + rejected.length).toBe(places.length);
    const all = [...andorra.edges, ...andorra.droppedEdges].map((e) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: e.coordinates } }));
    // Every third place keeps the brute force quick.
    for (const snap of snaps.filter((_s, i) => i % 3 === 0)) {
      const p = places[snap.placeIndex]!;
      let best = Infinity;
      for (const line of all) best = Math.min(best, nearestPointOnLine(line, [p.lon, p.lat], { units: 'meters' }).properties.dist);
      // Turf measures along great circles, we project in a local plane: they agree to centimetres.
      expect(snap.distance).toBeLessThan(best + 0.05);
      expect(snap.distance).toBeGreaterThan(best - 0.05);
    }
    // The README's figure: places up to about 180 m from the nearest road.
    expect(Math.max(...snaps.map((s) => s.distance))).toBeGreaterThan(150);
    expect(Math.max(...snaps.map((s) => s.distance))).toBeLessThan(200);
  });
});

describe('geodesy', () => {
  it('uses the same earth radius and distances as Turf', async () => {
    const turf = await import('@turf/turf');
    const { EARTH_RADIUS, haversine } = await import('@postroute/core');
    expect(EARTH_RADIUS).toBe(turf.earthRadius);
    expect(haversine(11.5, 50, 11.6, 50.05)).toBeCloseTo(turf.distance([11.5, 50], [11.6, 50.05], { units: 'meters' }), 6);
  });
});
