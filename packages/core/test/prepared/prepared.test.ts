/**
 * Prepared road networks: what comes back from the file equals what was built from the raw
 * roads (graph, snaps, matrices, paths, bit for bit), the same roads give the same bytes, and
 * every way a file can be wrong is refused with its own located error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  buildNetwork,
  computeMatrix,
  decodePrepared,
  defaultProfile,
  encodePrepared,
  encodeRoadsFramed,
  findPath,
  networkFromRoads,
  parseRoadsInput,
  prepareRoads,
  readGeoJson,
  readPlaces,
  snapPlaces,
  type FeatureCollection,
  type PreparedRoads,
} from '@postroute/core';

const roadsPath = new URL('../../../../examples/data/osm/north-bayreuth/roads.geojson', import.meta.url);
const placesPath = new URL('../../../../examples/county/places.geojson', import.meta.url);
const roadsText = readFileSync(roadsPath, 'utf8');
const roads = readGeoJson(roadsText, 'roads.geojson') as FeatureCollection;
const places = await readPlaces(readFileSync(placesPath, 'utf8'), { source: 'places.geojson' });
const fingerprint = { bytes: Buffer.byteLength(roadsText), sha256: createHash('sha256').update(roadsText).digest('hex') };

const concat = (chunks: Uint8Array[]): Buffer => Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
const fileOf = (prepared: PreparedRoads): Buffer => concat(encodePrepared(prepared));
const made = prepareRoads(roads, { source: 'roads.geojson', roads: fingerprint });
const file = fileOf(made);

/** The message of the InputError `fn` throws (fails the test when it throws anything else or nothing). */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).describe();
  }
  throw new Error('no error');
}

/** A copy of the file with `edit` applied to its bytes after the preamble and the checksum made right again. */
function resealed(edit: (bytes: Buffer) => void): Buffer {
  const copy = Buffer.from(file);
  edit(copy);
  createHash('sha256').update(copy.subarray(48)).digest().copy(copy, 16);
  return copy;
}

function sectionOffset(name: string): { offset: number; count: number } {
  const header = JSON.parse(file.toString('utf8', 48, 48 + file.readUInt32LE(12))) as { sections: { name: string; offset: number; count: number }[] };
  return header.sections.find((s) => s.name === name)!;
}

describe('a prepared network round-trips', () => {
  const loaded = decodePrepared(file, 'county.prn');
  const raw = buildNetwork(roads, { source: 'roads.geojson' });

  it('holds the same graph, edges, dropped roads and statistics', () => {
    const a = raw;
    const b = loaded.network;
    for (const key of ['offsets', 'targets', 'arcEdge', 'arcForward', 'arcLength', 'arcDuration'] as const) expect(Buffer.from(b.csr[key].buffer, b.csr[key].byteOffset, b.csr[key].byteLength).equals(Buffer.from(a.csr[key].buffer, a.csr[key].byteOffset, a.csr[key].byteLength))).toBe(true);
    expect(b.csr.nodeCount).toBe(a.csr.nodeCount);
    expect([...b.nodeLon]).toEqual([...a.nodeLon]);
    expect([...b.nodeLat]).toEqual([...a.nodeLat]);
    expect(b.edges).toEqual(a.edges);
    expect(b.droppedEdges).toEqual(a.droppedEdges);
    expect(b.dropped).toEqual(a.dropped);
    const { timings: _t, ...statsA } = a.stats;
    const { timings: _u, ...statsB } = b.stats;
    expect(statsB).toEqual(statsA);
    expect(b.profile).toEqual(defaultProfile);
    expect(b.graph.size).toBe(a.graph.size);
    expect(loaded.roads).toEqual({ source: 'roads.geojson', ...fingerprint });
    expect(loaded.fromOsm).toBe(true);
  });

  it('keeps the report map\'s roads as the raw network\'s roads encode', () => {
    const edges = raw.edges.map((edge) => ({ highway: edge.roadClass, coordinates: edge.coordinates as [number, number][] }));
    expect(loaded.map).toEqual(encodeRoadsFramed(edges));
    expect(loaded.map!.encoded.minor.length).toBeGreaterThan(1000);
  });

  it('snaps, matrices (both metrics, hierarchy and Dijkstra) and paths are the same, bit for bit', () => {
    const snapsA = snapPlaces(raw, places, { maxDistance: 500 });
    const snapsB = snapPlaces(loaded.network, places, { maxDistance: 500 });
    expect(snapsB).toEqual(snapsA);
    expect(snapsA.snaps.length).toBeGreaterThan(60);
    for (const metric of ['time', 'distance'] as const) {
      for (const method of ['hierarchy', 'dijkstra'] as const) {
        const a = computeMatrix(raw, snapsA.snaps, { metric, method });
        const b = computeMatrix(loaded.network, snapsB.snaps, { metric, method });
        expect(Buffer.from(b.durations.buffer).equals(Buffer.from(a.durations.buffer))).toBe(true);
        expect(Buffer.from(b.distances.buffer).equals(Buffer.from(a.distances.buffer))).toBe(true);
      }
    }
    for (let k = 0; k + 1 < snapsA.snaps.length; k += 7) {
      const a = findPath(raw, snapsA.snaps[k]!, snapsA.snaps[k + 1]!, { metric: 'time', method: 'hierarchy' });
      const b = findPath(loaded.network, snapsB.snaps[k]!, snapsB.snaps[k + 1]!, { metric: 'time', method: 'hierarchy' });
      expect(b).toEqual(a);
    }
  });

  it('gives the same bytes for the same roads, and is told from raw roads by its content', async () => {
    expect(fileOf(prepareRoads(roads, { source: 'roads.geojson', roads: fingerprint })).equals(file)).toBe(true);
    const read = await parseRoadsInput(file, 'county.prn');
    expect((read as PreparedRoads).kind).toBe('prepared');
    const rawRead = await parseRoadsInput(Buffer.from(roadsText), 'roads.geojson');
    expect((rawRead as FeatureCollection).features.length).toBe(roads.features.length);
  });

  it('keeps the hierarchy of shortest paths too when asked, and its matrices equal the raw ones', () => {
    const both = decodePrepared(fileOf(prepareRoads(roads, { source: 'roads.geojson', roads: fingerprint, metrics: ['time', 'distance'] })), 'both.prn');
    expect(both.metrics).toEqual(['time', 'distance']);
    expect(loaded.metrics).toEqual(['time']);
    const snaps = snapPlaces(raw, places, { maxDistance: 500 }).snaps;
    const a = computeMatrix(raw, snaps, { metric: 'distance', method: 'hierarchy' });
    const b = computeMatrix(both.network, snaps, { metric: 'distance', method: 'hierarchy' });
    expect(Buffer.from(b.distances.buffer).equals(Buffer.from(a.distances.buffer))).toBe(true);
    expect(Buffer.from(b.durations.buffer).equals(Buffer.from(a.durations.buffer))).toBe(true);
  });

  it('serves only requests built the same way', () => {
    expect(networkFromRoads(loaded, { source: 'county.prn' })).toBe(loaded.network);
    expect(networkFromRoads(loaded, { source: 'county.prn', profile: JSON.parse(JSON.stringify(defaultProfile)) })).toBe(loaded.network);
    const slower = { ...defaultProfile, name: 'truck', speeds: { ...defaultProfile.speeds, track: 5 } };
    expect(errorOf(() => networkFromRoads(loaded, { source: 'county.prn', profile: slower }))).toMatch(/^county\.prn: prepared with the road profile "osm-rural-car", but profile "truck" is asked for — prepare it again/);
    const renamed = { ...defaultProfile, speeds: { ...defaultProfile.speeds, track: 5 } };
    expect(errorOf(() => networkFromRoads(loaded, { source: 'county.prn', profile: renamed }))).toMatch(/another profile named "osm-rural-car"/);
    expect(errorOf(() => networkFromRoads(loaded, { source: 'county.prn', keep: 'all' }))).toMatch(/prepared with --keep largest-scc, but --keep all is asked for/);
    expect(errorOf(() => networkFromRoads(loaded, { source: 'county.prn', nodeCrossings: true }))).toMatch(/--node-crossings/);
  });
});

describe('a prepared file that is wrong is refused', () => {
  const refuse = (bytes: Uint8Array): string => errorOf(() => decodePrepared(bytes, 'county.prn'));

  it('a foreign file', () => {
    expect(refuse(Buffer.from(roadsText.slice(0, 1000)))).toMatch(/^county\.prn: not a prepared road network .* — prepare it again: postroute prepare ROADS --out FILE\.prn$/);
  });
  it('another format version', () => {
    const other = Buffer.from(file);
    other.writeUInt32LE(99, 8);
    expect(refuse(other)).toMatch(/prepared with format version 99; this postroute reads version 2 — prepare it again/);
  });
  it('a truncated file, at any length', () => {
    for (const length of [8, 40, 48, 200, file.length >> 1, file.length - 1]) expect(refuse(file.subarray(0, length))).toMatch(/cut short/);
  });
  it('bytes added at the end', () => {
    expect(refuse(Buffer.concat([file, Buffer.alloc(8)]))).toMatch(/8 bytes too many/);
  });
  it('a changed byte (the checksum)', () => {
    const damaged = Buffer.from(file);
    damaged[file.length - 100] ^= 1;
    expect(refuse(damaged)).toMatch(/damaged \(its checksum does not match its content\)/);
  });
  it('an index out of bounds, even with a right checksum', () => {
    const targets = sectionOffset('csr.targets');
    expect(refuse(resealed((b) => b.writeUInt32LE(10_000_000, targets.offset + 4 * 3)))).toMatch(/inconsistent: csr\.targets\[3\] = 10000000 is out of bounds/);
    const first = sectionOffset('ch.time.edgeFirst');
    expect(refuse(resealed((b) => b.writeInt32LE(first.count + 5, first.offset)))).toMatch(/ch\.time\.edgeFirst\[0\] = \d+ is out of bounds/);
    const seg = sectionOffset('snap.segEdge');
    expect(refuse(resealed((b) => b.writeInt32LE(-1_000_000, seg.offset)))).toMatch(/snap\.segEdge\[0\] = -1000000 is out of bounds/);
    const coords = sectionOffset('edge.coordStart');
    expect(refuse(resealed((b) => b.writeUInt32LE(0, coords.offset + 4 * 2)))).toMatch(/edge\.coordStart decrease|fewer than two vertices/);
  });
  it('a map section that is not polyline text, even with a right checksum', () => {
    const minor = sectionOffset('map.minor');
    expect(minor.count).toBeGreaterThan(0);
    expect(refuse(resealed((b) => { b[minor.offset] = 0x0a; }))).toMatch(/map section "map\.minor" holds a byte that is not polyline text/);
  });
  it('a shortcut that contains itself', () => {
    const first = sectionOffset('ch.time.edgeFirst');
    const second = sectionOffset('ch.time.edgeSecond');
    const header = JSON.parse(file.toString('utf8', 48, 48 + file.readUInt32LE(12))) as { hierarchies: { time: { shortcuts: number } } };
    const e = first.count - 1; // the last edge is a shortcut
    expect(header.hierarchies.time.shortcuts).toBeGreaterThan(0);
    expect(refuse(resealed((b) => { b.writeInt32LE(e, first.offset + 4 * e); b.writeInt32LE(e, second.offset + 4 * e); }))).toMatch(/shortcut \d+ contains itself/);
  });
});
