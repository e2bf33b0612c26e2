/**
 * Roads from a file in any form postroute reads: GeoJSON (also gzipped), or OpenStreetMap as it is
 * downloaded (`.osm.pbf`, `.osm`, `.osm.gz`). The format is told from the content, so a file with
 * the wrong extension still reads; binary data that is none of these gets one clear line.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { InputError } from '../errors.js';
import { readGeoJson } from './geojson.js';
import { gunzipOrFail, readOsm, sniffRoadFile } from './osm.js';

export interface ReadRoadsOptions {
  /** Name used in messages; default: the path. */
  source?: string;
  /** Added to the "file not found" message (e.g. "paths in plan.json are relative to it"). */
  notFoundHint?: string;
}

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
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('roads file not found', { source }, options.notFoundHint ?? 'check the path');
    if (code === 'EISDIR') throw new InputError('the roads path is a folder, not a file', { source }, 'give the roads file itself');
    throw new InputError(`cannot read the roads file (${code ?? String(error)})`, { source }, 'check the path and its permissions');
  }
  return parseRoads(bytes, source);
}

/**
 * The same for bytes already in memory.
 *
 * @example
 * const roads = await parseRoads(readFileSync('roads.geojson.gz'), 'roads.geojson.gz');
 */
export async function parseRoads(bytes: Uint8Array, source: string): Promise<FeatureCollection> {
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
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return readGeoJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, source);
}
