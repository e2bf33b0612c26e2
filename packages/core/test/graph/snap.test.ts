import { readFileSync } from 'node:fs';
import { nearestPointOnLine, point, pointToLineDistance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { buildNetwork, droppedPieceOf, readGeoJson, readPlaces, snapPlaces, type Place } from '@postroute/core';
import { at, road, roads } from './fixtures.js';
import { gridRoads } from '../plan/grid.js';

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
    // Both distances: the dropped road's and the kept network's (the end of the road north, at (2000, 1000)).
    expect(rejected[1]!.keptDistance).toBeCloseTo(Math.hypot(3050, 4010), -1);
    expect(rejected[1]!.message).toMatch(/^nearest road \(10 m\) is not connected both ways to the main network, and the main network is 5037 m away \(limit 5000 m\)$/);
    expect(snapPlaces(network, [place('far', 1000, -6000)], { maxDistance: 7000 }).snaps).toHaveLength(1);
  });

  it('places a point whose nearest road was dropped on the kept network when that is within the limit, with a warning', () => {
    // The hub case: 30 m from a stub that is not connected both ways, 200 m from the main road.
    const withStub = buildNetwork(roads(road([[0, 0], [2000, 0]]), road([[0, 0], [0, 1000]]), road([[1000, 230], [1400, 230]], { oneway: 'yes' })));
    expect(withStub.droppedEdges).toHaveLength(1);
    const hub = place('hub', 1200, 200);
    const { snaps, rejected } = snapPlaces(withStub, [hub], { maxDistance: 500 });
    expect(rejected).toEqual([]);
    const snap = snaps[0]!;
    expect(snap.distance).toBeCloseTo(200, 0);
    expect(snap.nearerDroppedRoad).toBeCloseTo(30, 0);
    expect(snap.warning).toBe('placed on the main network 200 m away; a road 30 m away is nearer but not connected both ways to it');
    expect([snap.lon, snap.lat]).toEqual([expect.closeTo(at(1200, 0)[0], 7), expect.closeTo(at(1200, 0)[1], 7)]);
    // Beyond the limit it is rejected with both distances; raising the limit then helps.
    const tight = snapPlaces(withStub, [hub], { maxDistance: 100 });
    expect(tight.rejected[0]).toMatchObject({ reason: 'dropped-component', message: 'nearest road (30 m) is not connected both ways to the main network, and the main network is 200 m away (limit 100 m)' });
    expect(tight.rejected[0]!.keptDistance).toBeCloseTo(200, 0);
    // A place nearest to the kept network gets no warning.
    expect(snapPlaces(withStub, [place('plain', 500, 20)]).snaps[0]!.warning).toBeUndefined();
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
    const lines = (edges: typeof andorra.edges) => edges.map((e) => {
      const xs = e.coordinates.map((c) => c[0]!);
      const ys = e.coordinates.map((c) => c[1]!);
      return { box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], feature: { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: e.coordinates } } };
    });
    const kept = lines(andorra.edges);
    const dropped = lines(andorra.droppedEdges);
    // Turf on every line, skipping only lines whose bounding box is surely farther than the best
    // so far (a degree of latitude is over 110 km; of longitude over 80 km at Andorra's 42.5°N).
    const nearest = (set: ReturnType<typeof lines>, lon: number, lat: number): number => {
      const gap = ({ box }: (typeof set)[number]): number => Math.hypot(80_000 * Math.max(box[0]! - lon, 0, lon - box[2]!), 110_000 * Math.max(box[1]! - lat, 0, lat - box[3]!));
      let best = Infinity;
      for (const line of [...set].sort((a, b) => gap(a) - gap(b))) {
        if (gap(line) > best) break;
        best = Math.min(best, nearestPointOnLine(line.feature, [lon, lat], { units: 'meters' }).properties.dist);
      }
      return best;
    };
    // Turf measures along great circles, we project in a local plane: they agree to centimetres.
    const agree = (ours: number, theirs: number): void => {
      expect(ours).toBeLessThan(theirs + 0.05);
      expect(ours).toBeGreaterThan(theirs - 0.05);
    };
    // Every third place keeps the brute force quick.
    for (const snap of snaps.filter((_s, i) => i % 3 === 0)) {
      const p = places[snap.placeIndex]!;
      agree(snap.distance, nearest(kept, p.lon, p.lat));
      if (snap.nearerDroppedRoad !== undefined) agree(snap.nearerDroppedRoad, nearest(dropped, p.lon, p.lat));
    }
    // Points beside dropped roads (3–11 m off a vertex of a dropped edge): each goes on the kept
    // network with the dropped road's distance, or is rejected with both, exactly as brute force says.
    const beside: Place[] = andorra.droppedEdges.filter((_e, i) => i % 5 === 0).slice(0, 10).map((edge, k) => {
      const [lon, lat] = edge.coordinates[Math.floor(edge.coordinates.length / 2)]!;
      const offset = (3 + (k % 5) * 2) / 111_195;
      return { id: `b${k}`, lon: lon! + (k % 2 ? offset : -offset) / Math.cos((lat! * Math.PI) / 180), lat: lat! + (k % 3 ? offset : -offset), properties: {} };
    });
    const limit = 300;
    const near = snapPlaces(andorra, beside, { maxDistance: limit });
    let warned = 0;
    for (const snap of near.snaps) {
      const p = beside[snap.placeIndex]!;
      const toKept = nearest(kept, p.lon, p.lat);
      const toDropped = nearest(dropped, p.lon, p.lat);
      agree(snap.distance, toKept);
      if (toDropped < toKept - 0.05) {
        warned++;
        agree(snap.nearerDroppedRoad!, toDropped);
      }
    }
    for (const r of near.rejected) {
      const p = beside[r.placeIndex]!;
      expect(r.reason).toBe('dropped-component');
      agree(r.distance, nearest(dropped, p.lon, p.lat));
      agree(r.keptDistance!, nearest(kept, p.lon, p.lat));
      expect(r.keptDistance!).toBeGreaterThan(limit);
    }
    expect(warned).toBeGreaterThan(3);
    expect(near.snaps.length + near.rejected.length).toBe(beside.length);
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

describe('a place on a dropped piece of road (issue 24 §4)', () => {
  it('says which dropped road is nearest and where the kept network is; droppedPieceOf finds the piece', () => {
    const roads = gridRoads();
    // A T of roads 4 km east of the grid: one piece of three edges, left out of the kept network;
    // another piece farther east is no part of it.
    roads.features.push({ type: 'Feature', properties: { highway: 'unclassified', name: 'Inselweg' }, geometry: { type: 'LineString', coordinates: [[11.6, 50.0], [11.605, 50.0], [11.61, 50.0]] } });
    roads.features.push({ type: 'Feature', properties: { highway: 'unclassified', name: 'Inselweg' }, geometry: { type: 'LineString', coordinates: [[11.605, 50.0], [11.605, 50.005]] } });
    roads.features.push({ type: 'Feature', properties: { highway: 'unclassified' }, geometry: { type: 'LineString', coordinates: [[11.62, 50.02], [11.625, 50.02]] } });
    const network = buildNetwork(roads);
    const { rejected } = snapPlaces(network, [{ id: 'hub', lon: 11.6025, lat: 50.0003, properties: {} }], { maxDistance: 500 });
    const [place] = rejected;
    expect(place).toMatchObject({ reason: 'dropped-component', keptAt: [11.54, expect.closeTo(50.0003, 6)] });
    expect(place!.keptDistance).toBeCloseTo(0.0625 * 71_470, -2); // 0.0625° of longitude at 50° N
    const piece = droppedPieceOf(network, place!.droppedEdge!);
    expect(piece.edges).toHaveLength(3);
    expect(piece.length).toBeCloseTo(piece.edges.reduce((m, e) => m + network.droppedEdges[e]!.length, 0), 6);
    expect(piece.bbox).toEqual([11.6, 50.0, 11.61, 50.005]);
    expect(network.droppedEdges).toHaveLength(4);
  });
});
