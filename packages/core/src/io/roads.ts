/**
 * Roads from a file in any form postroute reads: GeoJSON (also gzipped), or OpenStreetMap as it is
 * downloaded (`.osm.pbf`, `.osm`, `.osm.gz`). The format is told from the content, so a file with
 * the wrong extension still reads; binary data that is none of these gets one clear line.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { InputError } from '../errors.js';
import type { ProgressCallback } from '../util/progress.js';
import { readGeoJson } from './geojson.js';
import { readGeoJsonChunks } from './geojson-stream.js';
import { gunzipOrFail, readOsm, sniffRoadFile } from './osm.js';
import { decodeText, decodePieces, NotUtf8 } from './text.js';

/** Options of `readRoads`. */
export interface ReadRoadsOptions {
  /** Name used in messages; default: the path. */
  source?: string;
  /** Added to the "file not found" message (e.g. "paths in plan.json are relative to it"). */
  notFoundHint?: string;
  /** Plain GeoJSON files of at least this many bytes are read in pieces, feature by feature
   *  (`readGeoJsonChunks`): neither the file's bytes nor its text is ever held whole beside the
   *  parsed roads. Default 32 MB. */
  streamFromBytes?: number;
  /** Size of each piece of a file read in pieces; default 4 MB (tests use small pieces). */
  pieceBytes?: number;
  /** Bytes read so far, for the files read in pieces (`step: "read"`). */
  onProgress?: ProgressCallback;
  /** Told when the file is not UTF-8 and was read as Windows-1252 (`decodeText`). */
  onNote?: (note: string) => void;
}

/** Default size from which plain GeoJSON roads are read in pieces. */
export const STREAM_ROADS_FROM_BYTES = 32 * 1024 * 1024;
const PIECE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a roads file: GeoJSON (plain or gzipped) or OSM (PBF, XML, gzipped XML), chosen by its
 * content. OSM ways with a `highway` tag become LineString features with their tags as
 * properties, so `buildNetwork` applies the same profile to either.
 *
 * @example
 * const roads = await readRoads('examples/data/osm/andorra/andorra.osm.pbf');
 * const network = buildNetwork(roads, { source: 'andorra.osm.pbf' });
 */
export async function readRoads(path: string, options: ReadRoadsOptions = {}): Promise<FeatureCollection> {
  const source = options.source ?? path;
  let bytes: Uint8Array;
  try {
    const streamed = readLargeGeoJson(path, source, options);
    if (streamed) return streamed;
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('roads file not found', { source }, options.notFoundHint ?? 'check the path');
    if (code === 'EISDIR') throw new InputError('the roads path is a folder, not a file', { source }, 'give the roads file itself');
    throw new InputError(`cannot read the roads file (${code ?? String(error)})`, { source }, 'check the path and its permissions');
  }
  return parseRoads(bytes, source, options.onNote);
}

/**
 * A large plain-GeoJSON file read in pieces; undefined when the file is small or another kind.
 * Decoded as `decodeText` decodes a whole file: UTF-16 by its byte-order mark, else UTF-8, and a
 * file that turns out not to be UTF-8 is read again from the start as Windows-1252, with the note.
 */
function readLargeGeoJson(path: string, source: string, options: ReadRoadsOptions): FeatureCollection | undefined {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < (options.streamFromBytes ?? STREAM_ROADS_FROM_BYTES)) return undefined;
    const head = Buffer.alloc(Math.min(size, 1 << 16));
    readSync(fd, head, 0, head.length, 0);
    const kind = sniffRoadFile(head);
    // sniffRoadFile calls a file with a UTF-16 byte-order mark text: read in pieces when it is JSON.
    const utf16 = kind === 'text' && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
      && decodePieces(source).decode(head.subarray(0, 64)).trimStart().startsWith('{');
    if (kind !== 'json' && !utf16) return undefined;
    const buffer = Buffer.allocUnsafe(options.pieceBytes ?? PIECE_BYTES);
    const read = (fallback?: 'windows-1252'): FeatureCollection => {
      const decoder = decodePieces(source, fallback);
      let told = false;
      function* pieces(): Generator<string> {
        let position = 0;
        for (;;) {
          const n = readSync(fd, buffer, 0, buffer.length, position);
          if (n === 0) return;
          position += n;
          const text = decoder.decode(buffer.subarray(0, n));
          if (!told && decoder.note !== undefined) {
            told = true;
            options.onNote?.(decoder.note);
          }
          yield text;
        }
      }
      return readGeoJsonChunks(pieces(), { source, totalBytes: size, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    };
    try {
      return read();
    } catch (error) {
      if (!(error instanceof NotUtf8)) throw error;
      return read('windows-1252');
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The same for bytes already in memory.
 *
 * @example
 * const roads = await parseRoads(readFileSync('roads.geojson.gz'), 'roads.geojson.gz');
 */
export async function parseRoads(bytes: Uint8Array, source: string, onNote?: (note: string) => void): Promise<FeatureCollection> {
  let data = bytes;
  let kind = sniffRoadFile(data);
  if (kind === 'gzip') {
    const unpacked = gunzipOrFail(data, source);
    if (sniffRoadFile(unpacked) === 'json') {
      data = unpacked;
      kind = 'json';
    }
  }
  if (kind === 'gzip' || kind === 'osm-pbf' || kind === 'osm-xml') return readOsm(data, source);
  if (kind === 'binary') {
    throw new InputError('this looks like binary data, not GeoJSON or OSM roads', { source },
      'give GeoJSON roads (a FeatureCollection of LineStrings) or an OSM file (.osm.pbf, .osm, .osm.gz)');
  }
  const decoded = decodeText(data, source);
  if (decoded.note !== undefined) onNote?.(decoded.note);
  return readGeoJson(decoded.text, source);
}
