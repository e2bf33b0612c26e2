/**
 * computeMatrixParallel runs its workers from the compiled `worker.js`, so this test uses the
 * built package (the test script runs `tsc -b` first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../../dist/index.js');

describe('computeMatrixParallel', () => {
  it('gives exactly the single-thread matrix, on worker threads', async () => {
    if (!existsSync(dist)) throw new Error('packages/core/dist is missing: run `npx tsc -b packages/core packages/cli` first');
    const core = (await import(dist)) as typeof import('@postroute/core');
    const path = 'examples/data/osm/north-bayreuth/roads.geojson';
    const network = core.buildNetwork(core.readGeoJson(readFileSync(path, 'utf8'), path));
    const places = await core.readPlaces(readFileSync('examples/data/osm/north-bayreuth/places.geojson', 'utf8'), { source: 'places.geojson' });
    const { snaps } = core.snapPlaces(network, places);
    for (const metric of ['time', 'distance'] as const) {
      const single = core.computeMatrix(network, snaps, { metric });
      const events: number[] = [];
      const parallel = await core.computeMatrixParallel(network, snaps, { metric, threads: 3, minWork: 0, onProgress: (e) => events.push(e.done ?? -1) });
      expect(parallel.durations).toEqual(single.durations);
      expect(parallel.distances).toEqual(single.distances);
      expect(parallel.unreachable).toEqual(single.unreachable);
      expect(events.at(-1)).toBe(snaps.length);
    }
  });
});

describe('computeMatrixParallel with a contraction hierarchy', () => {
  it('gives exactly the single-thread hierarchy matrix, on worker threads', async () => {
    if (!existsSync(dist)) throw new Error('packages/core/dist is missing: run `npx tsc -b packages/core packages/cli` first');
    const core = (await import(dist)) as typeof import('@postroute/core');
    const path = 'examples/data/osm/andorra/roads.geojson';
    const network = core.buildNetwork(core.readGeoJson(readFileSync(path, 'utf8'), path));
    const random = core.createRandom(4);
    const places = Array.from({ length: 300 }, (_, i) => {
      const v = random.int(network.stats.nodes);
      return { id: `p${i}`, lon: network.nodeLon[v]! + 0.0003, lat: network.nodeLat[v]!, properties: {} };
    });
    const { snaps } = core.snapPlaces(network, places);
    for (const metric of ['time', 'distance'] as const) {
      const single = core.computeMatrix(network, snaps, { metric, method: 'hierarchy' });
      const events: number[] = [];
      const parallel = await core.computeMatrixParallel(network, snaps, { metric, method: 'hierarchy', threads: 2, onProgress: (e) => { if (e.step === 'matrix') events.push(e.done ?? -1); } });
      expect(parallel.durations).toEqual(single.durations);
      expect(parallel.distances).toEqual(single.distances);
      expect(parallel.unreachable).toEqual(single.unreachable);
      expect(events.at(-1)).toBe(snaps.length);
    }
  });
});
