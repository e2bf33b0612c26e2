import { readFileSync } from 'node:fs';
import { length as turfLength } from '@turf/turf';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { InputError, buildNetwork, compileGraph, defaultProfile, networkToGeoJson, readGeoJson, resolveRoad } from '@postroute/core';
import { at, road, roads } from './fixtures.js';

const key = (p: ArrayLike<number>): string => `${p[0]},${p[1]}`;

describe('buildNetwork on small networks', () => {
  it('splits a way at a junction in its middle, not only at its ends', () => {
    const network = buildNetwork(roads(road([[0, 0], [100, 0], [200, 0]]), road([[100, 0], [100, 100]])), { keep: 'all' });
    expect(network.stats.nodes).toBe(4);
    expect(network.stats.edges).toBe(3);
    expect(network.stats.length).toBeCloseTo(300, 0);
  });

  it('keeps a bridge unconnected to the road it crosses without a shared vertex', () => {
    const crossing = roads(road([[0, 0], [200, 0]]), road([[100, -100], [100, 100]], { bridge: 'yes' }));
    const network = buildNetwork(crossing, { keep: 'all' });
    expect(network.stats.components.weak).toBe(2);
    expect(network.stats.nodes).toBe(4);
    // Even when crossings are noded, a bridge is on another layer.
    expect(buildNetwork(crossing, { keep: 'all', nodeCrossings: true }).stats.crossingNodes).toBe(0);
  });

  it('nodes true crossings on the same layer only when asked', () => {
    const crossing = roads(road([[0, 0], [200, 0]]), road([[100, -100], [100, 100]]));
    expect(buildNetwork(crossing, { keep: 'all' }).stats.components.weak).toBe(2);
    const noded = buildNetwork(crossing, { keep: 'all', nodeCrossings: true });
    expect(noded.stats.crossingNodes).toBe(1);
    expect(noded.stats.components.weak).toBe(1);
    expect(noded.stats.edges).toBe(4);
    expect(noded.stats.length).toBeCloseTo(400, 0);
  });

  it('merges a dangling end within the given distance only when asked', () => {
    const gap = roads(road([[0, 0], [100, 0], [200, 0]]), road([[100, 100], [100, 1.5]]));
    expect(buildNetwork(gap, { keep: 'all' }).stats.components.weak).toBe(2);
    const merged = buildNetwork(gap, { keep: 'all', mergeEndpointsWithin: 2 });
    expect(merged.stats.mergedEndpoints).toBe(1);
    expect(merged.stats.components.weak).toBe(1);
    expect(buildNetwork(gap, { keep: 'all', mergeEndpointsWithin: 1 }).stats.mergedEndpoints).toBe(0);
  });

  it('reverses oneway=-1 roads and makes untagged roundabouts one-way', () => {
    const network = buildNetwork(roads(road([[0, 0], [100, 0]], { oneway: '-1' })), { keep: 'all' });
    const edge = network.edges[0]!;
    expect(edge.oneway).toBe(true);
    expect(edge.coordinates[0]).toEqual(at(100, 0));
    expect(network.csr.arcCount).toBe(1);
    const ring = roads(
      road([[0, 0], [50, 50], [0, 100], [-50, 50], [0, 0]], { junction: 'roundabout' }),
      road([[0, 0], [0, -100]]),
      road([[0, 100], [0, 200]]),
    );
    const roundabout = buildNetwork(ring);
    expect(roundabout.stats.onewayEdges).toBe(2);
    expect(roundabout.stats.edges).toBe(4);
    expect(roundabout.dropped.edges).toBe(0);
  });

  it('treats a way that passes a vertex twice as a junction there', () => {
    // A lollipop: the way runs out, around a loop and back through its own vertex.
    const network = buildNetwork(roads(road([[0, 0], [100, 0], [150, 50], [200, 0], [150, -50], [100, 0]])), { keep: 'all' });
    expect(network.stats.nodes).toBe(2);
    expect(network.stats.edges).toBe(2);
    expect(network.edges.some((e) => e.from === e.to)).toBe(true);
  });

  it('joins degree-2 chains of like roads without losing geometry or length', () => {
    const chain = roads(road([[0, 0], [100, 0]]), road([[100, 0], [200, 10], [300, 0]]), road([[0, 0], [0, 100]]), road([[0, 0], [-100, 0]]));
    const network = buildNetwork(chain, { keep: 'all' });
    const joined = network.edges.find((e) => e.coordinates.length === 4)!;
    expect(joined.coordinates.map(key)).toEqual([at(0, 0), at(100, 0), at(200, 10), at(300, 0)].map(key));
    expect(network.stats.contractedNodes).toBe(1);
    const total = chain.features.reduce((sum, f) => sum + turfLength(f as Feature<LineString>, { units: 'meters' }), 0);
    expect(network.stats.length).toBeCloseTo(total, 6);
    // Unlike roads (another class) keep their junction.
    const mixed = roads(road([[0, 0], [100, 0]]), road([[100, 0], [200, 0]], { highway: 'track' }));
    expect(buildNetwork(mixed, { keep: 'all' }).stats.contractedNodes).toBe(0);
  });

  it('keeps the largest strongly connected component and reports what it dropped and why', () => {
    const network = buildNetwork(
      roads(
        road([[0, 0], [100, 0], [200, 0], [200, 100], [0, 100], [0, 0]]),
        road([[0, 0], [-100, 0]]),
        road([[200, 100], [300, 200]], { oneway: 'yes' }), // a one-way stub out: reachable, no way back
        road([[1000, 1000], [1100, 1000]]), // an island
      ),
    );
    expect(network.dropped.edges).toBe(2);
    expect(network.dropped.pieces.map((p) => p.reason).sort()).toEqual(['disconnected', 'one-way']);
    const island = network.dropped.pieces.find((p) => p.reason === 'disconnected')!;
    expect(island.length).toBeCloseTo(100, 0);
    expect(island.at).toEqual(at(1000, 1000));
    expect(network.stats.length + network.dropped.length).toBeCloseTo(200 + 100 + 200 + 100 + 100 + Math.hypot(100, 100) + 100, 0);
  });

  it('counts skipped geometries and refuses an empty network with one clear error', () => {
    const mixed: FeatureCollection = roads(
      road([[0, 0], [100, 0]]),
      { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'Point', coordinates: at(0, 0) } },
      { type: 'Feature', properties: {}, geometry: null as unknown as LineString },
      road([[0, 0], [0, 0]]),
    );
    const stats = buildNetwork(mixed).stats;
    expect(stats.skippedGeometries).toEqual({ 'degenerate line': 1, Point: 1, null: 1 });
    try {
      buildNetwork(roads(road([[0, 0], [100, 0]], { highway: 'footway' }), road([[0, 0], [0, 100]], { highway: 'path' })), { source: 'paths.geojson' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).describe()).toMatch(/^paths\.geojson: no drivable roads left after filtering 2 features \(excluded: highway=footway not drivable ×1, highway=path not drivable ×1\)/);
    }
  });

  it('refuses projected coordinates handed straight to the builder', () => {
    const projected = roads({ type: 'Feature', properties: { highway: 'primary' }, geometry: { type: 'LineString', coordinates: [[675000, 5540000], [675100, 5540000]] } });
    expect(() => buildNetwork(projected, { source: 'r' })).toThrow(/projected metres/);
  });
});

interface OsmRoad { type: 'Feature'; properties: Record<string, unknown> & { nodes: number[] }; geometry: LineString }

function loadArea(area: string): { roads: FeatureCollection; network: ReturnType<typeof buildNetwork> } {
  const path = `examples/data/osm/${area}/roads.geojson`;
  const roadsFc = readGeoJson(readFileSync(path, 'utf8'), path);
  return { roads: roadsFc, network: buildNetwork(roadsFc, { source: path }) };
}

describe.each(['andorra', 'north-bayreuth'])('buildNetwork on the real %s extract', (area) => {
  const { roads: input, network } = loadArea(area);
  const features = input.features as unknown as OsmRoad[];

  it('has plausible statistics', () => {
    const { stats } = network;
    expect(stats.nodes).toBeGreaterThan(1000);
    expect(stats.nodes).toBeLessThan(5000);
    expect(stats.length / 1000).toBeGreaterThan(400);
    expect(stats.length / 1000).toBeLessThan(700);
    expect(stats.components.weak).toBeGreaterThan(1); // the extracts are clipped
    expect(stats.components.largestStrongNodes).toBe(stats.nodes);
    expect(network.dropped.length / stats.length).toBeLessThan(0.1);
    expect(stats.onewayEdges).toBeGreaterThan(0);
  });

  it('loses no road length: kept + dropped = every drivable way (measured with Turf)', () => {
    let drivable = 0;
    for (const feature of features) if (resolveRoad(feature.properties, defaultProfile).drivable) drivable += turfLength(feature, { units: 'meters' });
    expect(network.stats.length + network.dropped.length).toBeCloseTo(drivable, 3);
  });

  it('puts nodes only at OSM junctions (cross-checked with the OSM node ids)', () => {
    const uses = new Map<number, number>();
    const coordinateOf = new Map<string, number>();
    for (const feature of features) {
      const ids = feature.properties.nodes;
      ids.forEach((id, i) => {
        uses.set(id, (uses.get(id) ?? 0) + (i === 0 || i === ids.length - 1 ? 2 : 1));
        coordinateOf.set(key(feature.geometry.coordinates[i]!), id);
      });
    }
    for (let v = 0; v < network.stats.nodes; v++) {
      const id = coordinateOf.get(key([network.nodeLon[v]!, network.nodeLat[v]!]));
      expect(id).toBeDefined();
      expect(uses.get(id!)).toBeGreaterThanOrEqual(2);
    }
    // Coordinate identity is node identity in these files, so no two OSM nodes were merged.
    expect(coordinateOf.size).toBe(uses.size);
  });

  it('drives oneway=-1 ways against their digitised direction', () => {
    for (const edge of network.edges) {
      const feature = features[edge.feature]!;
      const position = (p: ArrayLike<number>): number => feature.geometry.coordinates.findIndex((q) => q[0] === p[0] && q[1] === p[1]);
      const first = position(edge.coordinates[0]!);
      const second = position(edge.coordinates[1]!);
      if (feature.properties.oneway === '-1') {
        expect(edge.oneway).toBe(true);
        expect(second).toBeLessThan(first);
      }
    }
  });

  it('compiles the graphology view to the same CSR, and builds deterministically', () => {
    const again = compileGraph(network.graph);
    expect(again.offsets).toEqual(network.csr.offsets);
    expect(again.targets).toEqual(network.csr.targets);
    expect(again.arcDuration).toEqual(network.csr.arcDuration);
    expect(network.graph.order).toBe(network.stats.nodes);
    expect(network.graph.size).toBe(network.stats.edges);
    const rebuilt = buildNetwork(input);
    expect(rebuilt.csr.targets).toEqual(network.csr.targets);
    expect(rebuilt.dropped).toEqual(network.dropped);
  });

  it('writes the cleaned network as GeoJSON', () => {
    const out = networkToGeoJson(network, { includeDropped: true });
    expect(out.features).toHaveLength(network.stats.edges + network.dropped.edges);
    expect(out.features.filter((f) => !f.properties.kept)).toHaveLength(network.dropped.edges);
    expect(out.features[0]!.properties.length).toBeCloseTo(turfLength(out.features[0]!, { units: 'meters' }), 1);
  });
});
