import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { matchLineStops, readBaselineLines, readBaselineRoutes } from '../../src/io/baseline.js';

async function csvError(text: string): Promise<InputError> {
  try {
    await readBaselineRoutes(text, { source: 'today.csv', format: 'csv' });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('readBaselineRoutes (CSV)', () => {
  it('groups rows by route in order of first appearance and sorts stops by seq', async () => {
    const text = 'route_id,seq,stop_id,vehicle_type\nB,2,v2,van\nA,10,v9,\nB,1,v1,van\nA,3,v4,\n';
    const routes = await readBaselineRoutes(text, { source: 'today.csv', format: 'csv' });
    expect(routes).toEqual([
      { id: 'B', vehicleType: 'van', stops: ['v1', 'v2'], rows: [2, 0], lines: [4, 2] },
      { id: 'A', stops: ['v4', 'v9'], rows: [3, 1], lines: [5, 3] },
    ]);
  });
  it('accepts columns in any order and header case', async () => {
    const routes = await readBaselineRoutes('Stop_ID,Route_ID,SEQ\nx,R,1\n', { format: 'csv' });
    expect(routes).toEqual([{ id: 'R', stops: ['x'], rows: [0], lines: [2] }]);
  });
  it('names the missing column', async () => {
    const error = await csvError('route,seq,stop_id\nR,1,x\n');
    expect(error.location).toMatchObject({ source: 'today.csv', line: 1, field: 'route_id' });
  });
  it('locates a bad seq by row and line', async () => {
    const error = await csvError('route_id,seq,stop_id\nR,1,x\nR,two,y\n');
    expect(error.location).toMatchObject({ index: 1, line: 3, field: 'seq' });
  });
  it('rejects a repeated seq within a route', async () => {
    const error = await csvError('route_id,seq,stop_id\nR,1,x\nR,1,y\n');
    expect(error.message).toMatch(/seq 1 twice/);
    expect(error.location.line).toBe(3);
  });
  it('rejects an empty stop id and an empty file', async () => {
    expect((await csvError('route_id,seq,stop_id\nR,1,\n')).location.field).toBe('stop_id');
    expect((await csvError('route_id,seq,stop_id\n')).message).toMatch(/no routes/);
  });
});

describe('readBaselineRoutes (JSON)', () => {
  it('reads an array or { routes }', async () => {
    const list = [{ id: 'R1', vehicleType: 'van', stops: ['a', 'b'] }];
    expect(await readBaselineRoutes(JSON.stringify(list), { format: 'json' })).toEqual(list);
    expect(await readBaselineRoutes(JSON.stringify({ routes: list }), { format: 'json' })).toEqual(list);
  });
  it('locates a route without stops', async () => {
    await expect(readBaselineRoutes('[{"id":"R1","stops":["a"]},{"id":"R2","stops":[]}]', { source: 'b.json', format: 'json' }))
      .rejects.toMatchObject({ location: { source: 'b.json', index: 1, field: 'stops' } });
  });
});

describe('readBaselineLines and matchLineStops', () => {
  // A line going east along latitude 50 from lon 11.50 to 11.52 (about 1.43 km).
  const collection = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { route_id: 'R1' }, geometry: { type: 'LineString', coordinates: [[11.5, 50], [11.51, 50], [11.52, 50]] } }],
  };
  it('reads the line and its geodesic length', () => {
    const [line] = readBaselineLines(JSON.stringify(collection));
    expect(line?.id).toBe('R1');
    // 0.02° of longitude at 50°N ≈ 1,429 m.
    expect(line?.length).toBeGreaterThan(1420);
    expect(line?.length).toBeLessThan(1440);
  });
  it('matches places near the line, in the order the line passes them', () => {
    const [line] = readBaselineLines(JSON.stringify(collection));
    const places = [
      { id: 'far', lon: 11.51, lat: 50.01 }, // ~1.1 km north
      { id: 'east', lon: 11.518, lat: 50.0005 }, // ~56 m off, near the end
      { id: 'west', lon: 11.502, lat: 49.9995 }, // ~56 m off, near the start
    ];
    const route = matchLineStops(line!, places, { maxDistance: 100 });
    expect(route.stops).toEqual(['west', 'east']);
    expect(route.lineLength).toBeCloseTo(line!.length);
  });
  it('rejects projected coordinates and lines without ids', () => {
    const projected = { ...collection, features: [{ ...collection.features[0], geometry: { type: 'LineString', coordinates: [[650000, 5540000], [651000, 5540000]] } }] };
    expect(() => readBaselineLines(JSON.stringify(projected), 'today.geojson')).toThrow(/WGS84|bad position/);
    const noId = { ...collection, features: [{ ...collection.features[0], properties: {} }] };
    expect(() => readBaselineLines(JSON.stringify(noId))).toThrow(/route id/);
  });
});
