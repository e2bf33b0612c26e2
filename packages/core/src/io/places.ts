/**
 * Places (villages, post offices, addresses) from GeoJSON Points or CSV with id, lon, lat.
 */
import { InputError } from '../errors.js';
import { describeDelimiter, parseCsv, parseCsvNumber, type CsvDelimiter, type CsvDialect } from './csv.js';
import { checkLonLat, parseJson, validateFeatureCollection } from './geojson.js';
import { decideDecimalMark } from './numbers.js';

/** A named point to snap onto the road network. */
export interface Place {
  id: string;
  lon: number;
  lat: number;
  /** Every other column or GeoJSON property, as given (CSV values and GeoJSON string values stay
   *  strings, but a number written with decimal commas or grouped thousands, such as "12,5" or
   *  "1.300" in a file with decimal commas, is given as JavaScript writes it: "12.5", "1300"). */
  properties: Record<string, unknown>;
  /** For places read from CSV: the one-based line of the row, for error messages. */
  line?: number;
}

/** Options of `readPlaces`. */
export interface ReadPlacesOptions {
  /** File name or label used in error messages; its extension also picks the format. */
  source: string;
  /** Default: "csv" when `source` ends in .csv or .txt, "geojson" when it ends in .json/.geojson,
   *  otherwise guessed from the first character ("{" → GeoJSON). */
  format?: 'geojson' | 'csv';
  /** CSV separator; default: detected (see `parseCsv`). */
  delimiter?: CsvDelimiter;
}

const LON_COLUMNS = ['lon', 'lng', 'longitude', 'x'];
const LAT_COLUMNS = ['lat', 'latitude', 'y'];

/**
 * Reads places from GeoJSON (Point features; id from `feature.id` or `properties.id`) or CSV
 * (columns `id`, `lon`, `lat`, any others kept as string properties; any dialect `parseCsv`
 * reads, decimal commas included). Ids must be unique; coordinates must be WGS84 lon/lat.
 * Every problem is an `InputError` naming the line (CSV) or feature (GeoJSON).
 *
 * @example
 * const places = await readPlaces('id;lon;lat;name\nP1;11,57;50,02;Post\n', { source: 'places.csv' });
 * // [{ id: 'P1', lon: 11.57, lat: 50.02, properties: { name: 'Post' }, line: 2 }]
 */
export async function readPlaces(text: string, options: ReadPlacesOptions): Promise<Place[]> {
  const format = options.format ?? guessFormat(text, options.source);
  const places = format === 'csv' ? await placesFromCsv(text, options.source, options.delimiter) : placesFromGeoJson(text, options.source);
  const first = new Map<string, Place & { index: number }>();
  places.forEach((place, index) => {
    const previous = first.get(place.id);
    if (previous !== undefined) {
      const where = place.line !== undefined ? { line: place.line } : { index };
      const earlier = previous.line !== undefined ? `line ${previous.line}` : `feature ${previous.index}`;
      throw new InputError(`duplicate place id "${place.id}" (also on ${earlier})`, { source: options.source, ...where, field: 'id' }, 'give every place a unique id');
    }
    first.set(place.id, { ...place, index });
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
  // Numbers typed as text ("mail": "1.300") follow the same rules as in a CSV file: the file's
  // string values decide its decimal mark; JSON numbers are numbers already and show nothing.
  const dialect = { decimalMark: decideDecimalMark(collection.features.flatMap((feature) =>
    Object.entries(feature.properties ?? {}).flatMap(([key, value]) => (key !== 'id' && typeof value === 'string' ? [value] : []))),
  ) };
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
    for (const [key, value] of Object.entries(properties)) {
      if (key !== 'id' && typeof value === 'string') properties[key] = plainNumber(value, dialect, { source, index, field: key });
    }
    const rawId = feature.id ?? properties.id;
    if (rawId === undefined || rawId === null || rawId === '') {
      throw new InputError('place has no id', { source, index, field: 'id' }, 'set "id" on the feature or in its properties');
    }
    const [lon, lat] = geometry.coordinates as [number, number];
    return { id: String(rawId), lon, lat, properties };
  });
}

async function placesFromCsv(text: string, source: string, delimiter: CsvDelimiter | undefined): Promise<Place[]> {
  const { header, rows, dialect } = await parseCsv(text, delimiter ? { source, delimiter } : { source });
  const find = (names: string[]): string | undefined => header.find((column) => names.includes(column.toLowerCase()));
  const idColumn = find(['id']);
  const lonColumn = find(LON_COLUMNS);
  const latColumn = find(LAT_COLUMNS);
  const missing = [idColumn ? undefined : 'id', lonColumn ? undefined : 'lon', latColumn ? undefined : 'lat'].filter(Boolean);
  if (missing.length > 0 || !idColumn || !lonColumn || !latColumn) {
    throw new InputError(
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: the header split at ${describeDelimiter(dialect.delimiter)} gives ${header.length} column${header.length === 1 ? '' : 's'} (${header.map((name) => JSON.stringify(name)).join(', ')})`,
      { source, line: 1 },
      header.length <= 1
        ? 'the header must include id, lon and lat, separated by commas, semicolons or tabs (or say which separator: --csv-delimiter)'
        : 'the header must include id, lon and lat (WGS84 degrees)',
    );
  }
  return rows.map(({ index, line, values }) => {
    const id = values[idColumn]!;
    if (id === '') throw new InputError('empty id', { source, index, line, field: idColumn }, 'give every place an id');
    const lon = parseCoordinate(values[lonColumn]!, dialect, { source, index, line, field: lonColumn });
    const lat = parseCoordinate(values[latColumn]!, dialect, { source, index, line, field: latColumn });
    try {
      checkLonLat(lon, lat, source, index, lonColumn);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(error.message, { ...error.location, line }, error.hint);
      throw error;
    }
    const properties: Record<string, unknown> = {};
    for (const column of header) {
      if (column === idColumn || column === lonColumn || column === latColumn) continue;
      properties[column] = plainNumber(values[column]!, dialect, { source, index, line, field: column });
    }
    return { id, lon, lat, properties, line };
  });
}

/**
 * A number written the file's way ("12,5", "1.300", "12.500,5") as JavaScript writes it ("12.5",
 * "1300", "12500.5"), so that every later reader of the property sees one way of writing numbers;
 * other text as it is. A value the file's decimal mark does not settle is an error here.
 */
function plainNumber(value: string, dialect: Pick<CsvDialect, 'decimalMark'>, at: { source: string; index: number; line?: number; field: string }): string {
  const number = parseCsvNumber(value, dialect, at);
  return Number.isNaN(number) || Number(value) === number ? value : String(number);
}

function parseCoordinate(raw: string, dialect: CsvDialect, at: { source: string; index: number; line: number; field: string }): number {
  const value = parseCsvNumber(raw, dialect, at);
  if (!Number.isFinite(value)) {
    throw new InputError(`"${raw}" is not a number`, at,
      dialect.decimalMark === ',' ? 'write coordinates as decimal degrees, e.g. 11,5763' : 'write coordinates as decimal degrees, e.g. 11.5763');
  }
  return value;
}

/**
 * Where a place is in its file, for a message about one of its fields: its line in a CSV file (as
 * a spreadsheet counts it, the header is line 1), its feature index in GeoJSON. Every check that
 * names a place's row uses this, so the same place is the same line in every message.
 *
 * @example
 * placeLocation(place, 15, 'places.csv', 'mail'); // { source: 'places.csv', index: 15, line: 17, field: 'mail' }
 */
export function placeLocation(place: Place, index: number, source: string, field: string): { source: string; index: number; line?: number; field: string } {
  return { source, index, ...(place.line !== undefined ? { line: place.line } : {}), field };
}
