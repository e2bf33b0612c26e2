/**
 * Places (villages, post offices, addresses) from GeoJSON Points or CSV with id, lon, lat.
 */
import { InputError } from '../errors.js';
import { parseCsv } from './csv.js';
import { checkLonLat, parseJson, validateFeatureCollection } from './geojson.js';

/** A named point to snap onto the road network. */
export interface Place {
  id: string;
  lon: number;
  lat: number;
  /** Every other column or GeoJSON property, as given (CSV values stay strings). */
  properties: Record<string, unknown>;
}

export interface ReadPlacesOptions {
  /** File name or label used in error messages; its extension also picks the format. */
  source: string;
  /** Default: "csv" when `source` ends in .csv or .txt, "geojson" when it ends in .json/.geojson,
   *  otherwise guessed from the first character ("{" → GeoJSON). */
  format?: 'geojson' | 'csv';
}

const LON_COLUMNS = ['lon', 'lng', 'longitude', 'x'];
const LAT_COLUMNS = ['lat', 'latitude', 'y'];

/**
 * Reads places from GeoJSON (Point features; id from `feature.id` or `properties.id`) or CSV
 * (columns `id`, `lon`, `lat`, any others kept as string properties). Ids must be unique;
 * coordinates must be WGS84 lon/lat. Every problem is an `InputError` naming the row or feature.
 *
 * @example
 * const places = readPlaces('id,lon,lat,name\nP1,11.57,50.02,Post\n', { source: 'places.csv' });
 * // [{ id: 'P1', lon: 11.57, lat: 50.02, properties: { name: 'Post' } }]
 */
export function readPlaces(text: string, options: ReadPlacesOptions): Place[] {
  const format = options.format ?? guessFormat(text, options.source);
  const places = format === 'csv' ? placesFromCsv(text, options.source) : placesFromGeoJson(text, options.source);
  const firstIndex = new Map<string, number>();
  places.forEach((place, index) => {
    const previous = firstIndex.get(place.id);
    if (previous !== undefined) {
      throw new InputError(
        `duplicate place id "${place.id}" (first used by ${format === 'csv' ? 'row' : 'feature'} ${previous})`,
        { source: options.source, index, field: 'id' },
        'give every place a unique id',
      );
    }
    firstIndex.set(place.id, index);
  });
  return places;
}

function guessFormat(text: string, source: string): 'geojson' | 'csv' {
  if (/\.(csv|txt)$/i.test(source)) return 'csv';
  if (/\.(geo)?json$/i.test(source)) return 'geojson';
  return text.trimStart().startsWith('{') ? 'geojson' : 'csv';
}

function placesFromGeoJson(text: string, source: string): Place[] {
  const collection = validateFeatureCollection(parseJson(text, source), source);
  return collection.features.map((feature, index) => {
    const geometry = feature.geometry;
    if (geometry === null || geometry.type !== 'Point') {
      throw new InputError(
        `place is a ${geometry === null ? 'feature without geometry' : geometry.type}, not a Point`,
        { source, index, field: 'geometry' },
        'give each place as a Point (use a centroid for areas)',
      );
    }
    const properties = { ...(feature.properties ?? {}) } as Record<string, unknown>;
    const rawId = feature.id ?? properties.id;
    if (rawId === undefined || rawId === null || rawId === '') {
      throw new InputError('place has no id', { source, index, field: 'id' }, 'set "id" on the feature or in its properties');
    }
    const [lon, lat] = geometry.coordinates as [number, number];
    return { id: String(rawId), lon, lat, properties };
  });
}

function placesFromCsv(text: string, source: string): Place[] {
  const { header, rows } = parseCsv(text, { source });
  const find = (names: string[]): string | undefined => header.find((column) => names.includes(column.toLowerCase()));
  const idColumn = find(['id']);
  const lonColumn = find(LON_COLUMNS);
  const latColumn = find(LAT_COLUMNS);
  const missing = [idColumn ? undefined : 'id', lonColumn ? undefined : 'lon', latColumn ? undefined : 'lat'].filter(Boolean);
  if (missing.length > 0 || !idColumn || !lonColumn || !latColumn) {
    throw new InputError(`missing column(s) ${missing.join(', ')} (found: ${header.join(', ')})`, { source, line: 1 }, 'the header must include id, lon and lat (WGS84 degrees)');
  }
  return rows.map(({ index, line, values }) => {
    const id = values[idColumn]!;
    if (id === '') throw new InputError('empty id', { source, index, line, field: idColumn }, 'give every place an id');
    const lon = parseCoordinate(values[lonColumn]!, source, index, line, lonColumn);
    const lat = parseCoordinate(values[latColumn]!, source, index, line, latColumn);
    try {
      checkLonLat(lon, lat, source, index, lonColumn);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(error.message, { ...error.location, line }, error.hint);
      throw error;
    }
    const properties: Record<string, unknown> = {};
    for (const column of header) if (column !== idColumn && column !== lonColumn && column !== latColumn) properties[column] = values[column];
    return { id, lon, lat, properties };
  });
}

function parseCoordinate(raw: string, source: string, index: number, line: number, field: string): number {
  const value = raw === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) {
    throw new InputError(`"${raw}" is not a number`, { source, index, line, field }, 'write coordinates as decimal degrees with a dot, e.g. 11.5763');
  }
  return value;
}
