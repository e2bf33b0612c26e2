/**
 * Reading GeoJSON with errors that say what is wrong, where, and how to fix it.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { InputError } from '../errors.js';

/**
 * Parses JSON text, turning a syntax error into an `InputError` that names the line and column.
 *
 * @example
 * parseJson('{"type": "FeatureCollection", "features": []}', 'roads.geojson');
 */
export function parseJson(text: string, source: string, expected = 'a GeoJSON FeatureCollection'): unknown {
  // A byte-order mark, as Windows editors save UTF-8, is no part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    if (text.trim() === '') throw new InputError('malformed JSON: the file is empty', { source }, `give ${expected}`);
    refuseBinary(text, source);
    const match = /at position (\d+)/.exec(message);
    // V8 quotes the text around the error, newlines included: keep only its reason.
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/,\s+(\.\.\.)?".*" is not valid JSON$/s, '').replace(/\s+/g, ' ');
    // V8 only sometimes gives the offset ("Unexpected token" does not); find it ourselves then.
    const position = match ? Number(match[1]) : locateJsonError(text);
    if (position !== undefined) {
      const before = text.slice(0, position);
      const line = before.split('\n').length;
      const column = position - before.lastIndexOf('\n');
      const rest = text.slice(position);
      if (rest.startsWith('//') || rest.startsWith('/*')) {
        throw new InputError(`malformed JSON: a comment at column ${column} (JSON has no comments)`, { source, line }, 'remove the comment, or move the note into a "name" or other string value');
      }
      if (/^-?(NaN|Infinity)\b/.test(rest)) {
        throw new InputError(`malformed JSON: ${/^-?(NaN|Infinity)/.exec(rest)![0]} at column ${column} is not a JSON value`, { source, line }, 'write a number, or null, or leave the key out');
      }
      throw new InputError(`malformed JSON (${reason}) at column ${column}`, { source, line }, 'fix the JSON syntax there, or re-export the file');
    }
    throw new InputError(`malformed JSON (${reason})`, { source }, 'fix the JSON syntax, or re-export the file');
  }
}

/**
 * Throws one clear line when text read as UTF-8 is really gzip or other binary data, instead of
 * a JSON or CSV error that echoes its bytes.
 *
 * @example
 * refuseBinary(readFileSync('roads.geojson.gz', 'utf8'), 'roads.geojson.gz'); // throws: this looks like gzip data
 */
export function refuseBinary(text: string, source: string): void {
  if (text.charCodeAt(0) === 0x1f && (text.charCodeAt(1) === 0x8b || text.charCodeAt(1) === 0xfffd)) {
    throw new InputError('this looks like gzip data: a compressed file, not text', { source },
      'unpack it first (gunzip); road files may stay compressed (--roads and plan.json "roads" read .gz, .osm.pbf and .osm)');
  }
  const head = text.slice(0, 1024);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) { odd = head.length; break; }
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) odd++;
  }
  if (odd > 0 && odd * 20 >= head.length) {
    throw new InputError('this looks like binary data, not text', { source },
      'give the text file (GeoJSON or CSV); an OSM .osm.pbf goes to --roads or plan.json "roads" only');
  }
}

/**
 * Offset of the first syntax error in JSON text (a small recursive-descent scan used only after
 * JSON.parse has failed), or undefined when the scan finds none.
 */
function locateJsonError(text: string): number | undefined {
  let i = 0;
  const ws = (): void => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string): void => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(); i += 4; }
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws(); string(); ws();
        if (text[i] !== ':') fail();
        i++; value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (position) {
    return typeof position === 'number' ? Math.min(position, text.length) : undefined;
  }
}

/**
 * Parses and validates a GeoJSON FeatureCollection. Every coordinate is checked: it must be a pair
 * of finite numbers with longitude in [-180, 180] and latitude in [-90, 90] (WGS84, RFC 7946).
 * Coordinates that are clearly projected metres (UTM, Web Mercator, national grids) are refused
 * with a hint to reproject. Features with a `null` geometry are kept; the consumer decides.
 *
 * @example
 * const roads = readGeoJson(readFileSync('roads.geojson', 'utf8'), 'roads.geojson');
 * roads.features.length; // number of features
 */
export function readGeoJson(text: string, source: string): FeatureCollection {
  const value = parseJson(text, source);
  return validateFeatureCollection(value, source);
}

/**
 * Validates an already-parsed value as a WGS84 FeatureCollection (see `readGeoJson`).
 *
 * @example
 * validateFeatureCollection({ type: 'FeatureCollection', features: [] }, 'roads');
 */
export function validateFeatureCollection(value: unknown, source: string): FeatureCollection {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('not a GeoJSON FeatureCollection: the top level is not an object', { source }, 'give a file whose top level is {"type": "FeatureCollection", "features": [...]}');
  }
  const object = value as Record<string, unknown>;
  if (object.type !== 'FeatureCollection') {
    const what = typeof object.type === 'string' ? `a GeoJSON ${object.type}` : 'an object without "type"';
    throw new InputError(`not a GeoJSON FeatureCollection: found ${what}`, { source, field: 'type' }, 'wrap the features as {"type": "FeatureCollection", "features": [...]}');
  }
  checkCrs(object.crs, source);
  if (!Array.isArray(object.features)) {
    throw new InputError('"features" is missing or not an array', { source, field: 'features' }, 'a FeatureCollection needs "features": [...]');
  }
  object.features.forEach((feature: unknown, index: number) => {
    if (feature === null || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
      throw new InputError('not a GeoJSON Feature', { source, index, field: 'type' }, 'each item of "features" must be {"type": "Feature", "geometry": ..., "properties": ...}');
    }
    const { geometry, properties } = feature as { geometry?: unknown; properties?: unknown };
    if (properties !== undefined && properties !== null && (typeof properties !== 'object' || Array.isArray(properties))) {
      throw new InputError('"properties" is not an object', { source, index, field: 'properties' }, 'use an object or null');
    }
    if (geometry === undefined) throw new InputError('feature has no "geometry" member', { source, index, field: 'geometry' }, 'add a geometry, or "geometry": null to skip it');
    if (geometry !== null) validateGeometry(geometry, source, index, 'geometry');
  });
  return value as FeatureCollection;
}

function checkCrs(crs: unknown, source: string): void {
  if (crs === undefined || crs === null || typeof crs !== 'object') return;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return;
  if (/CRS84|EPSG:+4326|EPSG::4326/i.test(name)) return;
  throw new InputError(`coordinates are in ${name}, not WGS84 lon/lat`, { source, field: 'crs' }, 'reproject to EPSG:4326, e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`');
}

const POSITION_DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function validateGeometry(geometry: unknown, source: string, index: number, field: string): void {
  if (typeof geometry !== 'object' || geometry === null) {
    throw new InputError('geometry is not an object', { source, index, field }, 'use a GeoJSON geometry or null');
  }
  const { type, coordinates, geometries } = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (type === 'GeometryCollection') {
    if (!Array.isArray(geometries)) throw new InputError('GeometryCollection without "geometries" array', { source, index, field: `${field}.geometries` }, 'add "geometries": [...]');
    geometries.forEach((inner: unknown, i: number) => validateGeometry(inner, source, index, `${field}.geometries[${i}]`));
    return;
  }
  const depth = typeof type === 'string' ? POSITION_DEPTH[type] : undefined;
  if (depth === undefined) {
    throw new InputError(`unknown geometry type ${JSON.stringify(type)}`, { source, index, field: `${field}.type` }, 'use one of Point, LineString, Polygon and their Multi forms');
  }
  validatePositions(coordinates, depth, source, index, `${field}.coordinates`);
}

function validatePositions(value: unknown, depth: number, source: string, index: number, field: string): void {
  if (depth > 0) {
    if (!Array.isArray(value)) throw new InputError('coordinates are not an array', { source, index, field }, 'nest coordinates as the geometry type requires');
    for (let i = 0; i < value.length; i++) validatePositions(value[i], depth - 1, source, index, `${field}[${i}]`);
    return;
  }
  if (!Array.isArray(value) || value.length < 2) {
    throw new InputError('a position must be [lon, lat]', { source, index, field }, 'write each position as [longitude, latitude]');
  }
  const lon = value[0] as unknown;
  const lat = value[1] as unknown;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new InputError(`position ${JSON.stringify(value)} is not a pair of finite numbers`, { source, index, field }, 'remove or fix this vertex (NaN, null or text coordinates are not allowed)');
  }
  checkLonLat(lon, lat, source, index, field);
}

/**
 * Throws a located `InputError` unless (lon, lat) is a plausible WGS84 position.
 *
 * @example
 * checkLonLat(11.6, 50.0, 'places.csv', 3, 'lon'); // fine
 * checkLonLat(675000, 5540000, 'places.csv', 3, 'lon'); // throws: projected metres
 */
export function checkLonLat(lon: number, lat: number, source: string, index: number, field: string): void {
  if (Math.abs(lon) <= 180 && Math.abs(lat) <= 90) return;
  if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000) {
    throw new InputError(
      `coordinates [${lon}, ${lat}] look like projected metres (UTM, Web Mercator or a national grid), not lon/lat degrees`,
      { source, index, field },
      'reproject to WGS84 (EPSG:4326), e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`',
    );
  }
  if (Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
    throw new InputError(`latitude ${lat} is out of range [-90, 90]`, { source, index, field }, 'are longitude and latitude swapped? GeoJSON order is [lon, lat]');
  }
  throw new InputError(`coordinates [${lon}, ${lat}] are out of range (lon -180…180, lat -90…90)`, { source, index, field }, 'give WGS84 longitude/latitude in degrees');
}

