/**
 * OpenStreetMap files as they are downloaded (`.osm.pbf`, `.osm` XML, `.osm.gz`) → road
 * features, one LineString per way that has a `highway` tag, with the way's tags as properties.
 * The same road profile then applies as to GeoJSON, and the ways are split where they share a
 * node, as for any other input. Parsing is done by packages: osm-pbf-parser-node for PBF,
 * saxes for XML, node:zlib for gzip.
 */
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { OSMTransform } from 'osm-pbf-parser-node';
import { SaxesParser } from 'saxes';
import { InputError } from '../errors.js';

/** What a file holds, told from its first bytes. */
export type RoadFileKind = 'gzip' | 'osm-pbf' | 'osm-xml' | 'json' | 'binary' | 'text';

/**
 * Tells a file's kind from its first bytes: gzip (1f 8b), an OSM PBF (a BlobHeader naming
 * "OSMHeader"), XML, JSON, other binary data (NUL or control bytes), or plain text.
 *
 * @example
 * sniffRoadFile(readFileSync('andorra.osm.pbf')); // 'osm-pbf'
 */
export function sniffRoadFile(bytes: Uint8Array): RoadFileKind {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  // UTF-16 text (Notepad's "Unicode"), by its byte-order mark: decoded by `decodeText`.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'text';
  const head = bytes.subarray(0, 64);
  if (head.length > 8 && Buffer.from(head).toString('latin1').includes('OSMHeader')) return 'osm-pbf';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] === 0x3c) return 'osm-xml';
  if (bytes[i] === 0x7b || bytes[i] === 0x5b) return 'json';
  for (let k = 0; k < Math.min(bytes.length, 512); k++) {
    const b = bytes[k]!;
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return 'binary';
  }
  return 'text';
}

interface OsmCollector {
  nodeIndex: Map<number, number>;
  lon: number[];
  lat: number[];
  ways: Array<{ id: number; refs: number[]; tags: Record<string, string> }>;
}

function collector(): OsmCollector {
  return { nodeIndex: new Map(), lon: [], lat: [], ways: [] };
}

/** OSM stores 7 decimals; rounding there makes PBF and XML give the very same doubles. */
function degrees(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

function addNode(into: OsmCollector, id: number, lon: number, lat: number): void {
  into.nodeIndex.set(id, into.lon.length);
  into.lon.push(degrees(lon));
  into.lat.push(degrees(lat));
}

/** Ways → features, after every node is known (so the order of a file does not matter). */
function toFeatures(from: OsmCollector, source: string): FeatureCollection {
  const features: Feature<LineString>[] = [];
  for (const way of from.ways) {
    if (way.tags.highway === undefined) continue;
    const coordinates: [number, number][] = [];
    const nodes: number[] = [];
    for (const ref of way.refs) {
      const k = from.nodeIndex.get(ref);
      // Extracts are clipped: a way keeps the nodes inside the extract.
      if (k === undefined) continue;
      coordinates.push([from.lon[k]!, from.lat[k]!]);
      nodes.push(ref);
    }
    if (coordinates.length < 2) continue;
    features.push({
      type: 'Feature',
      id: `way/${way.id}`,
      properties: { osm_id: way.id, ...way.tags },
      geometry: { type: 'LineString', coordinates },
    });
  }
  if (features.length === 0) {
    throw new InputError(`no roads in the OSM file: ${from.ways.length} ways, none with a "highway" tag and two nodes inside the file`, { source },
      'give an extract that holds the roads of the area (ways tagged highway=…)');
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Reads an OSM PBF file into road features (see the module comment).
 *
 * @example
 * const roads = await readOsmPbf(readFileSync('andorra.osm.pbf'), 'andorra.osm.pbf');
 */
export async function readOsmPbf(bytes: Uint8Array, source: string): Promise<FeatureCollection> {
  const into = collector();
  try {
    const stream = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]).pipe(new OSMTransform({ withTags: { node: false, way: true, relation: false }, withInfo: false }));
    for await (const batch of stream as AsyncIterable<unknown[]>) {
      for (const item of batch as Array<{ type?: string; id: number; lat: number; lon: number; refs: number[]; tags?: Record<string, string> }>) {
        if (item.type === 'node') addNode(into, item.id, item.lon, item.lat);
        else if (item.type === 'way') into.ways.push({ id: item.id, refs: item.refs, tags: item.tags ?? {} });
      }
    }
  } catch (error) {
    throw new InputError(`cannot read the OSM PBF file (${error instanceof Error ? error.message : String(error)})`, { source },
      'the file may be truncated or not an .osm.pbf; download it again');
  }
  return toFeatures(into, source);
}

/**
 * Reads OSM XML (`.osm`) into road features (see the module comment).
 *
 * @example
 * const roads = readOsmXml(readFileSync('area.osm', 'utf8'), 'area.osm');
 */
export function readOsmXml(text: string, source: string): FeatureCollection {
  const into = collector();
  const parser = new SaxesParser({ position: true });
  let way: { id: number; refs: number[]; tags: Record<string, string> } | undefined;
  let root = true;
  const attribute = (attributes: Record<string, string>, name: string): string => {
    const value = attributes[name];
    if (value === undefined) throw new InputError(`<${name === 'ref' ? 'nd' : 'element'}> without "${name}"`, { source, line: parser.line }, 'the file is not valid OSM XML');
    return value;
  };
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (root) {
      root = false;
      if (tag.name !== 'osm') throw new InputError(`this XML file is not OSM data: its root element is <${tag.name}>`, { source, line: parser.line }, 'give an OSM XML file (<osm> … </osm>), a .osm.pbf or GeoJSON');
      return;
    }
    if (tag.name === 'node') {
      const lon = Number(attribute(attributes, 'lon'));
      const lat = Number(attribute(attributes, 'lat'));
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new InputError('a node has no valid lon/lat', { source, line: parser.line }, 'the file is not valid OSM XML');
      addNode(into, Number(attribute(attributes, 'id')), lon, lat);
    } else if (tag.name === 'way') {
      way = { id: Number(attribute(attributes, 'id')), refs: [], tags: {} };
    } else if (way && tag.name === 'nd') {
      way.refs.push(Number(attribute(attributes, 'ref')));
    } else if (way && tag.name === 'tag') {
      way.tags[attribute(attributes, 'k')] = attributes.v ?? '';
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'way' && way) {
      into.ways.push(way);
      way = undefined;
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // saxes writes "[file:]line:column: message".
    const match = /^(?:[^:\d][^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
    throw new InputError(`malformed OSM XML (${match ? `${match[3]} at column ${match[2]}` : message})`, match ? { source, line: Number(match[1]) } : { source },
      'the file may be truncated; download it again');
  }
  return toFeatures(into, source);
}

/**
 * An OSM file in any of its download forms, told apart by content: PBF, XML, or either gzipped.
 *
 * @example
 * const roads = await readOsm(readFileSync('north-bayreuth.osm.gz'), 'north-bayreuth.osm.gz');
 */
export async function readOsm(bytes: Uint8Array, source: string): Promise<FeatureCollection> {
  let data = bytes;
  let kind = sniffRoadFile(data);
  if (kind === 'gzip') {
    data = gunzipOrFail(data, source);
    kind = sniffRoadFile(data);
  }
  if (kind === 'osm-pbf') return readOsmPbf(data, source);
  if (kind === 'osm-xml') return readOsmXml(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'), source);
  throw new InputError(`this is not an OSM file (it looks like ${kind === 'json' ? 'JSON' : kind === 'binary' ? 'binary data' : 'text'})`, { source },
    'give an .osm.pbf, .osm or .osm.gz file, or GeoJSON roads');
}

/** gunzip, or one line saying the gzip data is broken. */
export function gunzipOrFail(bytes: Uint8Array, source: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new InputError(`this looks like gzip data, but it does not unpack (${(error as Error).message})`, { source }, 'the file may be truncated; download it again');
  }
}
