import { readFileSync } from 'node:fs';
import { length as turfLength } from '@turf/turf';
import { singleSource as dijkstraSingleSource } from 'graphology-shortest-path/dijkstra';
import { describe, expect, it } from 'vitest';
import {
  InfeasibleError,
  ShortestPathSearch,
  buildNetwork,
  computeMatrix,
  createRandom,
  findPath,
  matrixToCsv,
  matrixToJson,
  readGeoJson,
  readPlaces,
  snapPlaces,
  type Place,
  type RoadNetwork,
  type Snap,
} from '@postroute/core';
import { at, road, roads } from '../graph/fixtures.js';

const place = (id: string, x: number, y: number): Place => {
  const [lon, lat] = at(x, y);
  return { id, lon, lat, properties: {} };
};

/**
 * All-pairs shortest paths by Floyd–Warshall on a graph made independently from the edge table:
 * every snap point becomes a node that splits its edge.
 */
function bruteForce(network: RoadNetwork, snaps: Snap[], metric: 'time' | 'distance'): number[][] {
  const n = network.nodeLon.length;
  const total = n + snaps.length;
  const d = Array.from({ length: total }, (_, i) => Array.from({ length: total }, (_, j) => (i === j ? 0 : Infinity)));
  const arc = (a: number, b: number, w: number): void => { if (w < d[a]![b]!) d[a]![b] = w; };
  network.edges.forEach((edge, e) => {
    const weight = metric === 'time' ? edge.duration : edge.length;
    const stops = [
      { node: edge.from, offset: 0 },
      ...snaps.map((s, i) => ({ node: n + i, offset: s.offset, edge: s.edge })).filter((s) => s.edge === e).sort((a, b) => a.offset - b.offset),
      { node: edge.to, offset: edge.length },
    ];
    for (let k = 1; k < stops.length; k++) {
      const w = edge.length > 0 ? ((stops[k]!.offset - stops[k - 1]!.offset) / edge.length) * weight : 0;
      arc(stops[k - 1]!.node, stops[k]!.node, w);
      // Two stops at the same offset are the same point, whatever the one-way rule.
      if (!edge.oneway || stops[k]!.offset === stops[k - 1]!.offset) arc(stops[k]!.node, stops[k - 1]!.node, w);
    }
  });
  for (let k = 0; k < total; k++) for (let i = 0; i < total; i++) {
    const dik = d[i]![k]!;
    if (dik === Infinity) continue;
    for (let j = 0; j < total; j++) if (dik + d[k]![j]! < d[i]![j]!) d[i]![j] = dik + d[k]![j]!;
  }
  return snaps.map((_a, i) => snaps.map((_b, j) => d[n + i]![n + j]!));
}

function randomNetwork(seed: number): { network: RoadNetwork; snaps: Snap[] } {
  const random = createRandom(seed);
  const size = 4 + random.int(3);
  const features = [];
  const classes = ['residential', 'track', 'primary', 'unclassified'];
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) {
    for (const [dr, dc] of [[0, 1], [1, 0]] as const) {
      if (r + dr >= size || c + dc >= size || random.next() < 0.15) continue;
      const a: [number, number] = [c * 300, r * 300];
      const b: [number, number] = [(c + dc) * 300, (r + dr) * 300];
      const bend: [number, number] = [(a[0] + b[0]) / 2 + random.int(80) - 40, (a[1] + b[1]) / 2 + random.int(80) - 40];
      const oneway = random.next() < 0.25 ? (random.next() < 0.5 ? 'yes' : '-1') : null;
      features.push(road([a, bend, b], { highway: classes[random.int(classes.length)], oneway }));
    }
  }
  const network = buildNetwork(roads(...features), { keep: 'all' });
  const places = Array.from({ length: 9 }, (_, i) => place(`p${i}`, random.int(size * 300), random.int(size * 300)));
  // Two places on the same spot of the same road, to exercise the same-edge case.
  places.push({ ...places[0]!, id: 'twin' });
  return { network, snaps: snapPlaces(network, places).snaps };
}

describe('computeMatrix against brute force on small random networks', () => {
  for (const seed of Array.from({ length: 15 }, (_, i) => i + 1)) {
    for (const metric of ['time', 'distance'] as const) {
      it(`seed ${seed}, ${metric}`, () => {
        const { network, snaps } = randomNetwork(seed);
        const matrix = computeMatrix(network, snaps, { metric });
        const expected = bruteForce(network, snaps, metric);
        const values = metric === 'time' ? matrix.durations : matrix.distances;
        const unreachable: Array<[number, number]> = [];
        for (let i = 0; i < snaps.length; i++) for (let j = 0; j < snaps.length; j++) {
          const want = expected[i]![j]!;
          const got = values[i * snaps.length + j]!;
          if (want === Infinity) {
            expect(got).toBeNaN();
            unreachable.push([i, j]);
          } else {
            expect(Math.abs(got - want)).toBeLessThan(1e-6 * Math.max(1, want));
          }
        }
        expect(matrix.unreachable).toEqual(unreachable);
      });
    }
  }
});

describe('paths and matrices on small networks', () => {
  it('honours a one-way edge from the snap point on', () => {
    // A square block: the south side is one-way eastbound.
    const network = buildNetwork(roads(road([[0, 0], [1000, 0]], { oneway: 'yes' }), road([[1000, 0], [1000, 500], [0, 500], [0, 0]])));
    const { snaps } = snapPlaces(network, [place('west', 200, 0), place('east', 700, 0)]);
    const m = computeMatrix(network, snaps, { metric: 'distance' });
    expect(m.distances[0 * 2 + 1]).toBeCloseTo(500, 1);
    expect(m.distances[1 * 2 + 0]).toBeCloseTo(300 + 500 + 1000 + 500 + 200, 0);
    const back = findPath(network, snaps[1]!, snaps[0]!, { metric: 'distance' });
    expect(back.properties.distance).toBe(m.distances[1 * 2 + 0]);
    expect(turfLength(back, { units: 'meters' })).toBeCloseTo(back.properties.distance, 0);
    expect(back.geometry.coordinates[0]).toEqual([snaps[1]!.lon, snaps[1]!.lat]);
    expect(back.geometry.coordinates.at(-1)).toEqual([snaps[0]!.lon, snaps[0]!.lat]);
  });

  it('reports unreachable pairs explicitly: NaN in the arrays, listed, null in JSON, empty in CSV', () => {
    const network = buildNetwork(roads(road([[0, 0], [100, 0]]), road([[1000, 0], [1100, 0]])), { keep: 'all' });
    const snapping = snapPlaces(network, [place('a', 50, 5), place('b', 1050, 5)]);
    const m = computeMatrix(network, snapping.snaps);
    expect(m.unreachable).toEqual([[0, 1], [1, 0]]);
    expect(m.durations[1]).toBeNaN();
    const json = matrixToJson(m, snapping);
    expect(Object.keys(json)).toEqual(['ids', 'distances', 'durations', 'snaps', 'unreachable', 'rejected']);
    expect(json.distances).toEqual([[0, null], [null, 0]]);
    expect(json.unreachable).toEqual([{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }]);
    expect(matrixToCsv(m).split('\n')[2]).toBe('a,b,,');
    expect(() => findPath(network, snapping.snaps[0]!, snapping.snaps[1]!)).toThrow(InfeasibleError);
  });
});

const andorraPlaces = await readPlaces(readFileSync('examples/data/osm/andorra/places.geojson', 'utf8'), { source: 'places.geojson' });

describe('on the real Andorra extract', () => {
  const path = 'examples/data/osm/andorra/roads.geojson';
  const network = buildNetwork(readGeoJson(readFileSync(path, 'utf8'), path));
  const places = andorraPlaces;
  const { snaps } = snapPlaces(network, places);
  const matrix = computeMatrix(network, snaps);
  const n = matrix.size;

  it('reaches every pair of places on the kept component', () => {
    expect(n).toBe(places.length);
    expect(matrix.unreachable).toEqual([]);
  });

  it('gives paths whose length and time equal the matrix entries and follow the roads', () => {
    for (let i = 0; i < n; i += 4) for (let j = 1; j < n; j += 5) {
      const feature = findPath(network, snaps[i]!, snaps[j]!);
      expect(feature.properties.duration).toBe(matrix.durations[i * n + j]);
      expect(feature.properties.distance).toBe(matrix.distances[i * n + j]);
      expect(Math.abs(turfLength(feature, { units: 'meters' }) - feature.properties.distance)).toBeLessThan(0.5);
    }
  });

  it('satisfies the triangle inequality on the optimised metric', () => {
    const d = matrix.durations;
    let violations = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) {
      if (d[i * n + k]! > d[i * n + j]! + d[j * n + k]! + 1e-6) violations++;
    }
    expect(violations).toBe(0);
  });

  it('is asymmetric where one-way streets are (Andorra la Vella)', () => {
    let asymmetric = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (Math.abs(matrix.durations[i * n + j]! - matrix.durations[j * n + i]!) > 1) asymmetric++;
    expect(asymmetric).toBeGreaterThan(0);
  });

  it('agrees with graphology-shortest-path Dijkstra between nodes', () => {
    const search = new ShortestPathSearch(network.csr, network.csr.arcDuration, network.csr.arcLength);
    for (const source of [0, 777]) {
      const reference = dijkstraSingleSource(network.graph, String(source), 'duration') as unknown as Record<string, string[]>;
      search.runFrom([source], [0], [0], null);
      let reached = 0;
      for (let v = 0; v < network.stats.nodes; v++) {
        const nodes = reference[String(v)];
        expect(search.reached(v)).toBe(true);
        if (!nodes) continue;
        // graphology returns the node sequence; sum the cheapest edge between each pair.
        let cost = 0;
        for (let k = 1; k < nodes.length; k++) {
          let best = Infinity;
          network.graph.forEachOutboundEdge(nodes[k - 1]!, (_e, attributes, s, t) => {
            if ((s === nodes[k - 1] && t === nodes[k]) || (t === nodes[k - 1] && s === nodes[k])) best = Math.min(best, attributes.duration as number);
          });
          cost += best;
        }
        expect(search.dist[v]).toBeCloseTo(cost, 6);
        reached++;
      }
      expect(reached).toBe(network.stats.nodes);
    }
  });

  it('is deterministic', () => {
    const again = computeMatrix(network, snaps);
    expect(again.durations).toEqual(matrix.durations);
    expect(again.distances).toEqual(matrix.distances);
  });
});
