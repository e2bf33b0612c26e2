/**
 * The contraction hierarchy against plain Dijkstra: every pair of every matrix, both metrics,
 * on random graphs, a perturbed grid and the real OSM extracts; paths unpacked from shortcuts
 * against the Dijkstra paths and against the sum of their own road arcs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ShortestPathSearch,
  buildHierarchy,
  buildNetwork,
  computeMatrix,
  createRandom,
  fillBuckets,
  bucketRows,
  findPath,
  hierarchyPath,
  readGeoJson,
  readPlaces,
  snapPlaces,
  targetTable,
  type Place,
  type RoadNetwork,
  type TravelMatrix,
} from '@postroute/core';
import { randomGraph } from './random-graph.js';
import { adoptHierarchy } from '../../src/matrix/matrix.js';
import { perturbedGrid } from '../../../../benchmarks/graph/grid.mjs';

// Parts: the graph cut in 2 or 3, each part's interior contracted on its own subgraph first
// (ch-partition.ts), all of it (keep 0) or leaving a tenth for the whole graph.
const partings = [{}, { parts: 2, partKeep: 0 }, { parts: 3, partKeep: 0.1 }];
describe('buildHierarchy on random graphs, every pair against Dijkstra', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const coreFraction of [0, 0.2]) {
      for (const parting of seed <= 2 ? partings : partings.slice(0, 1)) {
      it(`seed ${seed}, core ${coreFraction}, ${JSON.stringify(parting)}`, () => {
        const n = 40 + seed * 7;
        const csr = randomGraph(seed, n, n * 2);
        const ch = buildHierarchy(csr, csr.arcDuration, csr.arcLength, { coreFraction, ...parting });
        const search = new ShortestPathSearch(csr, csr.arcDuration, csr.arcLength);
        const table = targetTable(n, n, Array.from({ length: n }, (_, j) => ({ node: j, target: j, cost: 0, cost2: 0 })));
        const starts = { size: n, startOffsets: Uint32Array.from({ length: n + 1 }, (_, i) => i), startNodes: Uint32Array.from({ length: n }, (_, i) => i), startCost: new Float64Array(n), startCost2: new Float64Array(n) };
        const primary = new Float64Array(n * n);
        const secondary = new Float64Array(n * n);
        bucketRows(ch, fillBuckets(ch, table), starts, primary, secondary);
        for (let a = 0; a < n; a++) {
          search.runFrom([a], [0], [0], null);
          for (let b = 0; b < n; b++) {
            const want = search.dist[b]!;
            const got = primary[a * n + b]!;
            if (want === Infinity) {
              expect(got).toBe(Infinity);
              expect(hierarchyPath(ch, [a], [0], [0], [b], [0], [0])).toBeUndefined();
              continue;
            }
            expect(Math.abs(got - want)).toBeLessThan(1e-9 * Math.max(1, want));
            const path = hierarchyPath(ch, [a], [0], [0], [b], [0], [0])!;
            expect(Math.abs(path.cost - want)).toBeLessThan(1e-9 * Math.max(1, want));
            // The unpacked arcs form a walk from a to b whose weights add up to both costs.
            let at = a;
            let cost = 0;
            let cost2 = 0;
            for (const arc of path.arcs) {
              expect(arc >= csr.offsets[at]! && arc < csr.offsets[at + 1]!).toBe(true);
              cost += csr.arcDuration[arc]!;
              cost2 += csr.arcLength[arc]!;
              at = csr.targets[arc]!;
            }
            expect(at).toBe(b);
            expect(Math.abs(cost - want)).toBeLessThan(1e-9 * Math.max(1, want));
            expect(Math.abs(cost2 - path.cost2)).toBeLessThan(1e-9 * Math.max(1, cost2));
            expect(Math.abs(secondary[a * n + b]! - path.cost2)).toBeLessThan(1e-9 * Math.max(1, cost2));
          }
        }
      });
      }
    }
  }
});

/** Largest differences between two matrices over every pair (NaN must match NaN). */
function compare(a: TravelMatrix, b: TravelMatrix): { durations: number; distances: number } {
  expect(a.size).toBe(b.size);
  expect(a.unreachable).toEqual(b.unreachable);
  let durations = 0;
  let distances = 0;
  for (let k = 0; k < a.size * a.size; k++) {
    if (Number.isNaN(a.durations[k]!)) {
      expect(b.durations[k]).toBeNaN();
      continue;
    }
    durations = Math.max(durations, Math.abs(a.durations[k]! - b.durations[k]!));
    distances = Math.max(distances, Math.abs(a.distances[k]! - b.distances[k]!));
  }
  return { durations, distances };
}

function randomPlaces(network: RoadNetwork, count: number, seed: number): Place[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const v = random.int(network.stats.nodes);
    // Beside a junction, not on it, so that snaps fall part-way along edges.
    return { id: `r${i}`, lon: network.nodeLon[v]! + (random.next() - 0.5) * 0.002, lat: network.nodeLat[v]! + (random.next() - 0.5) * 0.002, properties: {} };
  });
}

function checkNetwork(network: RoadNetwork, places: Place[]): void {
  const { snaps } = snapPlaces(network, places);
  for (const metric of ['time', 'distance'] as const) {
    const plain = computeMatrix(network, snaps, { metric, method: 'dijkstra' });
    const hierarchy = computeMatrix(network, snaps, { metric, method: 'hierarchy' });
    const worst = compare(plain, hierarchy);
    // The minimised cost agrees to rounding; the other one to the metre (the quickest paths are
    // the same paths, summed in another order).
    const [minimised, carried] = metric === 'time' ? [worst.durations, worst.distances] : [worst.distances, worst.durations];
    expect(minimised).toBeLessThan(1e-6);
    expect(carried).toBeLessThan(metric === 'time' ? 0.5 : 0.05);
    // Paths from the hierarchy: same length and time as the Dijkstra path and as the matrix.
    const random = createRandom(7);
    for (let k = 0; k < 25; k++) {
      const i = random.int(snaps.length);
      const j = random.int(snaps.length);
      if (Number.isNaN(plain.durations[i * snaps.length + j]!)) continue;
      const viaDijkstra = findPath(network, snaps[i]!, snaps[j]!, { metric, method: 'dijkstra' });
      const viaHierarchy = findPath(network, snaps[i]!, snaps[j]!, { metric, method: 'hierarchy' });
      expect(Math.abs(viaHierarchy.properties.distance - viaDijkstra.properties.distance)).toBeLessThan(0.5);
      expect(Math.abs(viaHierarchy.properties.duration - viaDijkstra.properties.duration)).toBeLessThan(0.05);
      expect(Math.abs(viaHierarchy.properties.distance - hierarchy.distances[i * snaps.length + j]!)).toBeLessThan(1e-6);
      const edgeLength = viaHierarchy.properties.edges.reduce((sum, e) => sum + network.edges[e]!.length, 0);
      expect(edgeLength).toBeLessThanOrEqual(viaHierarchy.properties.distance + 1e-6);
    }
  }
}

describe('hierarchy matrices equal Dijkstra matrices on the real extracts', () => {
  for (const area of ['neudrossenfeld', 'north-bayreuth', 'andorra']) {
    it(area, async () => {
      const roadsPath = `examples/data/osm/${area}/roads.geojson`;
      const placesPath = `examples/data/osm/${area}/places.geojson`;
      const network = buildNetwork(readGeoJson(readFileSync(roadsPath, 'utf8'), roadsPath), { source: roadsPath });
      const places = await readPlaces(readFileSync(placesPath, 'utf8'), { source: placesPath });
      checkNetwork(network, [...places, ...randomPlaces(network, 120, 3)]);
    });
  }
});

describe('hierarchy matrices equal Dijkstra matrices on a perturbed grid', () => {
  it('60 × 60 grid, 150 places', () => {
    const network = buildNetwork(perturbedGrid({ rows: 60, cols: 60, seed: 2 }));
    checkNetwork(network, randomPlaces(network, 150, 5));
  });
});

describe('partitioned builds (ch-partition.ts) on a perturbed grid, every matrix pair and sampled paths against Dijkstra', () => {
  for (const parts of [2, 4]) {
    it(`60 × 60 grid, ${parts} parts, 150 places`, () => {
      const network = buildNetwork(perturbedGrid({ rows: 60, cols: 60, seed: 3 }));
      const { csr } = network;
      const time = buildHierarchy(csr, csr.arcDuration, csr.arcLength, { parts });
      const distance = buildHierarchy(csr, csr.arcLength, csr.arcDuration, { parts });
      // Most of the grid is contracted inside the parts: only the cuts and a tenth are left.
      const single = buildHierarchy(csr, csr.arcDuration, csr.arcLength);
      expect(time.rank).not.toEqual(single.rank);
      adoptHierarchy(network, 'time', time);
      adoptHierarchy(network, 'distance', distance);
      checkNetwork(network, randomPlaces(network, 150, 5));
    });
  }
});
