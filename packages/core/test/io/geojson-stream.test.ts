import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, readGeoJson, readGeoJsonChunks, readRoads } from '@postroute/core';

/** The text cut into pieces of `size` bytes (so multi-byte characters are split too). */
function* pieces(text: string, size: number): Generator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('readGeoJsonChunks', () => {
  it('gives what readGeoJson gives on the real extracts, for any chunk size', () => {
    for (const area of ['neudrossenfeld', 'andorra']) {
      const path = `examples/data/osm/${area}/roads.geojson`;
      const text = readFileSync(path, 'utf8');
      const expected = readGeoJson(text, path);
      for (const size of [1 << 20, 4096, 777]) expect(readGeoJsonChunks(pieces(text, size), { source: path })).toEqual(expected);
    }
  });

  it('splits multi-byte characters and escaped quotes across chunks', () => {
    const text = '{"features": [{"type": "Feature", "properties": {"name": "Straße \\"ü\\" {[", "x": "]}"}, "geometry": {"type": "LineString", "coordinates": [[11.5, 50.0], [11.6, 50.1]]}}], "type": "FeatureCollection"}';
    for (const size of [1, 2, 3, 5, 1000]) expect(readGeoJsonChunks(pieces(text, size), { source: 'r' })).toEqual(readGeoJson(text, 'r'));
  });

  it('reports progress in bytes', () => {
    const text = readFileSync('examples/data/osm/andorra/roads.geojson', 'utf8');
    const events: Array<{ done?: number; total?: number }> = [];
    readGeoJsonChunks(pieces(text, 1 << 16), { source: 'r', totalBytes: Buffer.byteLength(text), onProgress: (e) => events.push(e) });
    expect(events.at(-1)).toMatchObject({ done: Buffer.byteLength(text), total: Buffer.byteLength(text) });
  });

  it('locates a syntax error in a feature by feature and line', () => {
    const text = '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "properties": {}, "geometry": null},\n{"type": "Feature", "properties": {"a": 1,}, "geometry": null}\n]}';
    const error = errorOf(() => readGeoJsonChunks(pieces(text, 16), { source: 'roads.geojson' }));
    expect(error.location).toMatchObject({ source: 'roads.geojson', index: 1, line: 3 });
  });

  it('counts the lines of features read together in one parse, for an error in a later piece', () => {
    // Pieces large enough to hold several good features each: they are parsed as one array.
    const good = '{"type": "Feature", "properties": {"name": "a}b"}, "geometry": null}';
    const text = `{"type": "FeatureCollection", "features": [\n${Array(40).fill(good).join(',\n')},\n{"type": "Feature", "properties": {"a": 1,}, "geometry": null}\n]}`;
    for (const size of [16, 200, 1000, 1 << 20]) {
      const error = errorOf(() => readGeoJsonChunks(pieces(text, size), { source: 'r' }));
      expect(error.location).toMatchObject({ source: 'r', index: 40, line: 42 });
    }
    const fine = text.replace('"a": 1,}', '"a": 1}');
    for (const size of [16, 200, 1000, 1 << 20]) expect(readGeoJsonChunks(pieces(fine, size), { source: 'r' })).toEqual(readGeoJson(fine, 'r'));
  });

  it('names the feature whose coordinates are bad, as readGeoJson does', () => {
    const text = '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": null},\n{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[675000, 5540000], [675100, 5540000]]}}]}';
    const whole = errorOf(() => readGeoJson(text, 'r'));
    for (const size of [10, 1 << 20]) {
      const streamed = errorOf(() => readGeoJsonChunks(pieces(text, size), { source: 'r' }));
      expect(streamed.message).toBe(whole.message);
      expect(streamed.location).toEqual(whole.location);
    }
  });

  it('refuses items that are not features, a cut-off file, and a non-collection', () => {
    expect(errorOf(() => readGeoJsonChunks(['{"type": "FeatureCollection", "features": [1]}'], { source: 'r' })).message).toBe('not a GeoJSON Feature');
    expect(errorOf(() => readGeoJsonChunks(['{"type": "FeatureCollection", "features": ["x"]}'], { source: 'r' })).location.index).toBe(0);
    expect(errorOf(() => readGeoJsonChunks(['{"type": "FeatureCollection", "features": [{"type": "Feature", "geom'], { source: 'r' })).message).toMatch(/ends inside feature 0/);
    expect(errorOf(() => readGeoJsonChunks(['{"type": "Feature", "geometry": null}'], { source: 'r' })).message).toMatch(/not a GeoJSON FeatureCollection/);
    expect(errorOf(() => readGeoJsonChunks([''], { source: 'r' })).message).toMatch(/empty/);
  });
});

describe('readRoads on large GeoJSON files (read in pieces)', () => {
  it('gives what the whole-text reader gives, with progress up to the file size', async () => {
    const path = 'examples/data/osm/andorra/roads.geojson';
    const events: Array<{ step: string; done?: number; total?: number }> = [];
    const streamed = await readRoads(path, { streamFromBytes: 0, onProgress: (e) => events.push(e) });
    expect(streamed).toEqual(readGeoJson(readFileSync(path, 'utf8'), path));
    const size = statSync(path).size;
    expect(events.at(-1)).toMatchObject({ step: 'read', done: size, total: size });
    // Below the threshold the file is read whole, and reports nothing.
    const quiet: unknown[] = [];
    expect(await readRoads(path, { onProgress: (e) => quiet.push(e) })).toEqual(streamed);
    expect(quiet).toEqual([]);
  });

  it('keeps the located errors and the missing-file message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postroute-stream-'));
    const bad = join(dir, 'roads.geojson');
    writeFileSync(bad, '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "properties": {}, "geometry": null},\n{"type": "Feature", "properties": {"a": 1,}, "geometry": null}\n]}');
    const error = await readRoads(bad, { streamFromBytes: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toMatchObject({ index: 1, line: 3 });
    const missing = await readRoads(join(dir, 'nope.geojson'), { streamFromBytes: 0 }).catch((e: unknown) => e);
    expect((missing as InputError).message).toBe('roads file not found');
  });

  it('decodes as a whole file is decoded: Windows-1252 read again with one note, UTF-16 by its mark, UTF-8 split across pieces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postroute-stream-'));
    const feature = (name: string) => `{"type": "Feature", "properties": {"name": "${name}"}, "geometry": {"type": "LineString", "coordinates": [[11.5, 50.0], [11.6, 50.1]]}}`;
    // The first non-ASCII byte comes after the first pieces, so the UTF-8 reading has begun.
    const text = `{"type": "FeatureCollection", "features": [\n${['Hauptstrasse', 'Carrer d\'Aixàs', 'Enc€mp'].map(feature).join(',\n')}\n]}`;
    const expected = readGeoJson(text, 'r');
    const whole = { latin: join(dir, 'latin.geojson'), utf16: join(dir, 'utf16.geojson'), utf16be: join(dir, 'utf16be.geojson'), utf8: join(dir, 'utf8.geojson'), utf8plain: join(dir, 'utf8-plain.geojson') };
    // Windows-1252 writes € as 0x80, à as 0xE0.
    writeFileSync(whole.latin, Buffer.from(text.replace('€', '\x80'), 'latin1'));
    writeFileSync(whole.utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(whole.utf16be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    writeFileSync(whole.utf8, `\uFEFF${text}`);
    // Without a mark the first pieces are ASCII (taken as they are), then à and € are split across pieces.
    writeFileSync(whole.utf8plain, text);
    for (const pieceBytes of [7, 64, 1 << 20]) {
      const notes: string[] = [];
      const streamed = await readRoads(whole.latin, { streamFromBytes: 0, pieceBytes, onNote: (note) => notes.push(note) });
      expect(streamed).toEqual(expected);
      expect(notes).toEqual([`${whole.latin} is not UTF-8: read as Windows-1252 (Latin-1), e.g. "Aixàs"; save it as UTF-8 to be sure`]);
      // The same note as the whole-file reader gives.
      const small: string[] = [];
      expect(await readRoads(whole.latin, { onNote: (note) => small.push(note) })).toEqual(streamed);
      expect(small).toEqual(notes);
      for (const path of [whole.utf16, whole.utf16be, whole.utf8, whole.utf8plain]) {
        const silent: string[] = [];
        expect(await readRoads(path, { streamFromBytes: 0, pieceBytes, onNote: (note) => silent.push(note) })).toEqual(expected);
        expect(silent).toEqual([]);
      }
    }
  });
});
