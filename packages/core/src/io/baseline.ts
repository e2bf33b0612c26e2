/**
 * Today's routes (the baseline) as a planner has them: an ordered stop list per route, in CSV
 * (`route_id,seq,stop_id[,vehicle_type]`) or JSON, or drawn lines (GeoJSON LineStrings with a route
 * id) whose stops are found by proximity. Readers only parse and check the shape; whether the stop
 * ids exist is checked against the places by the plan.
 */
// Turf's single-function packages, not @turf/turf: the whole bundle took about two thirds of the
// CLI's start-up, paid by every command, for the few functions used here and in batch/cut.ts.
import { lineString, point } from '@turf/helpers';
import { length as turfLength } from '@turf/length';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import { InputError } from '../errors.js';
import { describeDelimiter, parseCsv, parseCsvNumber, type CsvDelimiter } from './csv.js';
import { parseJson } from './geojson.js';

/** One route in use today. */
export interface BaselineRoute {
  id: string;
  /** Vehicle type id from the fleet; default: the first type. */
  vehicleType?: string;
  /** Two-tier plans: the place the route starts and ends at (the hub for a trunk route, a
   *  township office for a delivery route), and the tier it names, when given. */
  depot?: string;
  tier?: BaselineTier;
  /** Stop ids in visiting order; the hub is implicit at both ends. */
  stops: string[];
  /** For routes read from a drawn line: the line's own length in metres. */
  lineLength?: number;
  /** For routes read from CSV: the zero-based data row of each stop, for error messages. */
  rows?: number[];
  /** For routes read from CSV: the one-based line of each stop's row, for error messages. */
  lines?: number[];
  /** Weekly plans: the weekday the route runs (`Mon` …), as written; without it, every operating day. */
  day?: string;
}

/**
 * The tier of one of today's routes in a two-tier plan: from the hub (`trunk`) or from an office
 * (`delivery`).
 */
export type BaselineTier = 'trunk' | 'delivery';
const TIERS: readonly string[] = ['trunk', 'delivery'];

/** A route drawn as a line, before its stops are matched. */
export interface BaselineLine {
  id: string;
  vehicleType?: string;
  depot?: string;
  tier?: BaselineTier;
  /** [lon, lat] pairs in driving order. */
  coordinates: [number, number][];
  /** Geodesic length of the drawn line, metres. */
  length: number;
}

/** The format of a file of today's routes as ordered stop lists. */
export type BaselineFormat = 'csv' | 'json';

/**
 * Reads ordered stop lists from CSV (`route_id,seq,stop_id`, optional `vehicle_type`) or JSON
 * (`[{ "id": "R1", "vehicleType": "van", "stops": ["a", "b"] }]`, or `{ "routes": [...] }`).
 * Routes keep the order of their first appearance; stops are sorted by `seq` within a route.
 *
 * @example
 * const routes = await readBaselineRoutes('route_id,seq,stop_id\nR1,1,village-3\nR1,2,village-1\n', { source: 'today.csv', format: 'csv' });
 * // [{ id: 'R1', stops: ['village-3', 'village-1'] }]
 */
export async function readBaselineRoutes(
  text: string,
  options: { source?: string; format: BaselineFormat; delimiter?: CsvDelimiter },
): Promise<BaselineRoute[]> {
  const source = options.source ?? (options.format === 'csv' ? 'baseline.csv' : 'baseline.json');
  return options.format === 'csv' ? readCsvRoutes(text, source, options.delimiter) : readJsonRoutes(text, source);
}

async function readCsvRoutes(text: string, source: string, delimiter: CsvDelimiter | undefined): Promise<BaselineRoute[]> {
  const table = await parseCsv(text, delimiter ? { source, delimiter } : { source });
  const headers = table.header.map((name) => name.toLowerCase());
  for (const column of ['route_id', 'seq', 'stop_id']) {
    if (!headers.includes(column)) {
      throw new InputError(
        `missing column "${column}": the header split at ${describeDelimiter(table.dialect.delimiter)} gives ${table.header.map((name) => JSON.stringify(name)).join(', ')}`,
        { source, line: 1, field: column },
        'the header must be route_id,seq,stop_id (vehicle_type, depot, tier and day optional)');
    }
  }
  const rows = table.rows.map((row) => {
    const values: Record<string, string> = {};
    table.header.forEach((name, k) => { values[name.toLowerCase()] = row.fields[k]!; });
    return values;
  });
  const byRoute = new Map<string, { vehicleType?: string; depot?: string; tier?: string; day?: string; entries: { seq: number; stop: string; index: number; line: number }[] }>();
  rows.forEach((row, index) => {
    const line = table.rows[index]!.line;
    const at = { source, index, line };
    const routeId = row.route_id ?? '';
    const stop = row.stop_id ?? '';
    const seqText = row.seq ?? '';
    if (routeId === '') throw new InputError('empty route_id', { ...at, field: 'route_id' }, 'every row needs the id of its route');
    if (stop === '') throw new InputError('empty stop_id', { ...at, field: 'stop_id' }, 'every row needs a place id');
    const seq = parseCsvNumber(seqText, table.dialect, { ...at, field: 'seq' });
    if (seqText === '' || !Number.isInteger(seq)) {
      throw new InputError(`seq must be a whole number, got "${seqText}"`, { ...at, field: 'seq' }, 'number the stops of a route 1, 2, 3, …');
    }
    let route = byRoute.get(routeId);
    if (!route) {
      route = { entries: [] };
      byRoute.set(routeId, route);
    }
    const vehicleType = row.vehicle_type ?? '';
    if (vehicleType !== '') {
      if (route.vehicleType !== undefined && route.vehicleType !== vehicleType) {
        throw new InputError(`route "${routeId}" has two vehicle types ("${route.vehicleType}" and "${vehicleType}")`,
          { ...at, field: 'vehicle_type' }, 'one route is driven by one vehicle');
      }
      route.vehicleType = vehicleType;
    }
    const depot = row.depot ?? '';
    if (depot !== '') {
      if (route.depot !== undefined && route.depot !== depot) {
        throw new InputError(`route "${routeId}" has two depots ("${route.depot}" and "${depot}")`, { ...at, field: 'depot' },
          'a route starts and ends at one place: the hub (trunk) or its township office (delivery)');
      }
      route.depot = depot;
    }
    const tier = (row.tier ?? '').toLowerCase();
    if (tier !== '') {
      if (!TIERS.includes(tier)) throw new InputError(`tier must be "trunk" or "delivery", got "${row.tier}"`, { ...at, field: 'tier' });
      if (route.tier !== undefined && route.tier !== tier) {
        throw new InputError(`route "${routeId}" is in two tiers ("${route.tier}" and "${tier}")`, { ...at, field: 'tier' }, 'give every row of a route the same tier');
      }
      route.tier = tier;
    }
    const day = row.day ?? '';
    if (day !== '') {
      if (route.day !== undefined && route.day !== day) {
        throw new InputError(`route "${routeId}" has two days ("${route.day}" and "${day}")`, { ...at, field: 'day' },
          'a route runs on one day; give the same route on another day its own route_id');
      }
      route.day = day;
    }
    const clash = route.entries.find((entry) => entry.seq === seq);
    if (clash) {
      throw new InputError(`route "${routeId}" has seq ${seq} twice (also on line ${clash.line})`, { ...at, field: 'seq' },
        'give every stop of a route its own seq');
    }
    route.entries.push({ seq, stop, index, line });
  });
  if (byRoute.size === 0) throw new InputError('no routes in the file', { source }, 'add one row per stop: route_id,seq,stop_id');
  return [...byRoute].map(([id, route]) => {
    const entries = route.entries.sort((a, b) => a.seq - b.seq);
    const result: BaselineRoute = { id, stops: entries.map((entry) => entry.stop), rows: entries.map((entry) => entry.index), lines: entries.map((entry) => entry.line) };
    if (route.vehicleType !== undefined) result.vehicleType = route.vehicleType;
    if (route.depot !== undefined) result.depot = route.depot;
    if (route.tier !== undefined) result.tier = route.tier as BaselineTier;
    if (route.day !== undefined) result.day = route.day;
    return result;
  });
}

function readJsonRoutes(text: string, source: string): BaselineRoute[] {
  const raw = parseJson(text, source, 'today\'s routes as [{ "id": "R1", "stops": ["a", "b"] }]');
  const list = Array.isArray(raw) ? raw : (raw as { routes?: unknown } | null)?.routes;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InputError('expected a non-empty array of routes', { source },
      'write [{ "id": "R1", "stops": ["a", "b"] }] or { "routes": [...] }');
  }
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const at = { source, index };
    if (typeof entry !== 'object' || entry === null) throw new InputError('a route must be an object', at, 'e.g. { "id": "R1", "stops": ["a"] }');
    const { id, stops, vehicleType, depot, tier, day } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') throw new InputError('route id is missing', { ...at, field: 'id' }, 'give each route a string id');
    if (seen.has(id)) throw new InputError(`duplicate route id "${id}"`, { ...at, field: 'id' });
    seen.add(id);
    if (!Array.isArray(stops) || stops.length === 0 || stops.some((stop) => typeof stop !== 'string' || stop === '')) {
      throw new InputError('stops must be a non-empty array of place ids', { ...at, field: 'stops' });
    }
    const route: BaselineRoute = { id, stops: [...(stops as string[])] };
    if (vehicleType !== undefined) {
      if (typeof vehicleType !== 'string') throw new InputError('vehicleType must be a string', { ...at, field: 'vehicleType' });
      route.vehicleType = vehicleType;
    }
    if (depot !== undefined) {
      if (typeof depot !== 'string' || depot === '') throw new InputError('depot must be a place id', { ...at, field: 'depot' }, 'the hub for a trunk route, its township office for a delivery route');
      route.depot = depot;
    }
    if (tier !== undefined) {
      if (typeof tier !== 'string' || !TIERS.includes(tier)) throw new InputError(`tier must be "trunk" or "delivery", got ${JSON.stringify(tier)}`, { ...at, field: 'tier' });
      route.tier = tier as BaselineTier;
    }
    if (day !== undefined) {
      if (typeof day !== 'string') throw new InputError('day must be a weekday such as "Mon"', { ...at, field: 'day' });
      route.day = day;
    }
    return route;
  });
}

/**
 * Reads today's routes drawn as GeoJSON LineStrings (a FeatureCollection; MultiLineStrings are
 * joined in order). The route id comes from `properties.route_id`, else `properties.id`, else the
 * feature id; `properties.vehicle_type` is optional.
 */
export function readBaselineLines(text: string, source = 'baseline.geojson'): BaselineLine[] {
  const raw = parseJson(text, source, 'today\'s routes as a FeatureCollection of LineStrings');
  const collection = raw as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new InputError('expected a GeoJSON FeatureCollection', { source }, 'export the routes as a FeatureCollection of LineStrings');
  }
  const seen = new Set<string>();
  return collection.features.map((feature: unknown, index: number): BaselineLine => {
    const at = { source, index };
    const { geometry, properties, id: featureId } = (feature ?? {}) as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null; id?: unknown };
    const props = properties ?? {};
    const idValue = props.route_id ?? props.id ?? featureId;
    if (idValue === undefined || idValue === null || idValue === '') {
      throw new InputError('the line has no route id', { ...at, field: 'properties.route_id' }, 'set properties.route_id on every line');
    }
    const id = String(idValue);
    if (seen.has(id)) throw new InputError(`duplicate route id "${id}"`, { ...at, field: 'properties.route_id' });
    seen.add(id);
    let parts: unknown[];
    if (geometry?.type === 'LineString') parts = [geometry.coordinates];
    else if (geometry?.type === 'MultiLineString' && Array.isArray(geometry.coordinates)) parts = geometry.coordinates;
    else throw new InputError(`expected a LineString, got ${geometry?.type ?? 'no geometry'}`, { ...at, field: 'geometry' });
    const coordinates: [number, number][] = [];
    for (const part of parts) {
      if (!Array.isArray(part)) throw new InputError('coordinates must be an array of [lon, lat]', { ...at, field: 'geometry.coordinates' });
      for (const position of part) {
        const [lon, lat] = Array.isArray(position) ? (position as unknown[]) : [];
        if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
          throw new InputError(`bad position ${JSON.stringify(position)}`, { ...at, field: 'geometry.coordinates' },
            'use WGS84 [longitude, latitude] in degrees, not projected coordinates');
        }
        coordinates.push([lon, lat]);
      }
    }
    if (coordinates.length < 2) throw new InputError('a line needs at least two positions', { ...at, field: 'geometry.coordinates' });
    const line: BaselineLine = { id, coordinates, length: turfLength(lineString(coordinates), { units: 'kilometers' }) * 1000 };
    const vehicleType = props.vehicle_type;
    if (typeof vehicleType === 'string' && vehicleType !== '') line.vehicleType = vehicleType;
    if (typeof props.depot === 'string' && props.depot !== '') line.depot = props.depot;
    if (props.tier !== undefined && props.tier !== null && props.tier !== '') {
      if (typeof props.tier !== 'string' || !TIERS.includes(props.tier)) throw new InputError(`tier must be "trunk" or "delivery", got ${JSON.stringify(props.tier)}`, { ...at, field: 'properties.tier' });
      line.tier = props.tier as BaselineTier;
    }
    return line;
  });
}

/** A candidate stop for line matching. */
export interface MatchCandidate {
  id: string;
  lon: number;
  lat: number;
}

/**
 * The stops a drawn route serves: every candidate within `maxDistance` metres of the line, in the
 * order the line passes them (by distance along the line to the nearest point). A place the line
 * passes twice counts once, at its nearest pass.
 *
 * @example
 * const stops = matchLineStops(line, villages, { maxDistance: 150 }); // ['v3', 'v1']
 */
export function matchLineStops(line: BaselineLine, candidates: MatchCandidate[], options: { maxDistance: number }): BaselineRoute {
  const feature = lineString(line.coordinates);
  const hits: { id: string; along: number; order: number }[] = [];
  candidates.forEach((candidate, order) => {
    const nearest = nearestPointOnLine(feature, point([candidate.lon, candidate.lat]), { units: 'meters' });
    if (nearest.properties.pointDistance <= options.maxDistance) {
      hits.push({ id: candidate.id, along: nearest.properties.totalDistance, order });
    }
  });
  hits.sort((a, b) => a.along - b.along || a.order - b.order);
  const route: BaselineRoute = { id: line.id, stops: hits.map((hit) => hit.id), lineLength: line.length };
  if (line.vehicleType !== undefined) route.vehicleType = line.vehicleType;
  if (line.depot !== undefined) route.depot = line.depot;
  if (line.tier !== undefined) route.tier = line.tier;
  return route;
}
