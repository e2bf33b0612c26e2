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

describe('buildHierarchyOnThreads', () => {
  it('builds exactly the hierarchy buildHierarchy builds, its parts on worker threads, for 2 and 3 threads', async () => {
    if (!existsSync(dist)) throw new Error('packages/core/dist is missing: run `npx tsc -b packages/core packages/cli` first');
    const core = (await import(dist)) as typeof import('@postroute/core');
    const { perturbedGrid } = await import('../../../../benchmarks/graph/grid.mjs');
    const network = core.buildNetwork(perturbedGrid({ rows: 50, cols: 50, seed: 4 }));
    const { csr } = network;
    const workerUrl = new URL('../../dist/matrix/ch-part-worker.js', import.meta.url);
    const single = core.buildHierarchy(csr, csr.arcDuration, csr.arcLength, { parts: 3 });
    const strip = ({ buildMs: _ms, ...rest }: import('@postroute/core').ContractionHierarchy) => rest;
    for (const threads of [2, 3]) {
      const events: number[] = [];
      const threaded = await core.buildHierarchyOnThreads(csr, csr.arcDuration, csr.arcLength, { parts: 3, threads, workerUrl, onProgress: (e) => events.push(e.done ?? -1) });
      expect(strip(threaded)).toEqual(strip(single));
      expect(events.at(-1)).toBe(csr.nodeCount);
    }
    // A worker that cannot start is an error, not a hierarchy with a part missing.
    await expect(core.buildHierarchyOnThreads(csr, csr.arcDuration, csr.arcLength, { parts: 2, threads: 2, workerUrl: new URL('file:///nonexistent/ch-part-worker.js') })).rejects.toThrow();
  });

  it('builds the same hierarchy off this thread (buildHierarchyOffThread), both metrics, and reports its progress', async () => {
    if (!existsSync(dist)) throw new Error('packages/core/dist is missing: run `npx tsc -b packages/core packages/cli` first');
    const core = (await import(dist)) as typeof import('@postroute/core');
    const { perturbedGrid } = await import('../../../../benchmarks/graph/grid.mjs');
    const network = core.buildNetwork(perturbedGrid({ rows: 50, cols: 50, seed: 5 }));
    const { csr } = network;
    const workerUrl = new URL('../../dist/matrix/ch-part-worker.js', import.meta.url);
    const strip = ({ buildMs: _ms, ...rest }: import('@postroute/core').ContractionHierarchy) => rest;
    const cases = [{ weight: csr.arcDuration, weight2: csr.arcLength, threads: [2, 3] }, { weight: csr.arcLength, weight2: csr.arcDuration, threads: [2] }];
    for (const { weight, weight2, threads: counts } of cases) {
      const single = core.buildHierarchy(csr, weight, weight2, { parts: 3 });
      for (const threads of counts) {
        const events: number[] = [];
        const off = await core.buildHierarchyOffThread(csr, weight, weight2, { parts: 3, threads, workerUrl, onProgress: (e) => events.push(e.done ?? -1) });
        expect(strip(off)).toEqual(strip(single));
        expect(events[0]).toBe(0);
        expect(events.at(-1)).toBe(csr.nodeCount);
      }
    }
    await expect(core.buildHierarchyOffThread(csr, csr.arcDuration, csr.arcLength, { parts: 2, threads: 2, workerUrl: new URL('file:///nonexistent/ch-part-worker.js') })).rejects.toThrow();
  });
});
