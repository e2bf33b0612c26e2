import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, readGeoJson } from '@postroute/core';
import { inputError } from '../support/errors.js';

const line = (coordinates: unknown): object => ({ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates } });
const collection = (...features: object[]): string => JSON.stringify({ type: 'FeatureCollection', features });

describe('readGeoJson', () => {
  it('reads a valid FeatureCollection as is', () => {
    const text = collection(line([[11.5, 50.0], [11.6, 50.1]]));
    expect(readGeoJson(text, 'roads.geojson')).toEqual(JSON.parse(text));
  });

  it('names the line and column of malformed JSON', () => {
    const error = inputError(() => readGeoJson('{"type": "FeatureCollection",\n "features": [,]}', 'roads.geojson'));
    expect(error.location).toMatchObject({ source: 'roads.geojson', line: 2 });
    expect(error.describe()).toMatch(/roads\.geojson, line 2: malformed JSON/);
  });

  it('says when the file is empty', () => {
    expect(inputError(() => readGeoJson('', 'roads.geojson')).describe()).toMatch(/malformed JSON.*empty/);
  });

  it('refuses a bare Feature or an array, and says how to wrap it', () => {
    const feature = inputError(() => readGeoJson(JSON.stringify(line([[1, 2], [3, 4]])), 'r.json'));
    expect(feature.message).toMatch(/not a GeoJSON FeatureCollection: found a GeoJSON Feature/);
    expect(feature.hint).toMatch(/FeatureCollection/);
    expect(inputError(() => readGeoJson('[]', 'r.json')).message).toMatch(/top level is not an object/);
    expect(inputError(() => readGeoJson('{"type":"FeatureCollection"}', 'r.json')).location.field).toBe('features');
  });

  it('locates a non-numeric or null coordinate by feature index and field', () => {
    const error = inputError(() => readGeoJson(collection(line([[1, 2], [3, 4]]), line([[1, 2], [null, 4]])), 'roads.geojson'));
    expect(error.location).toEqual({ source: 'roads.geojson', index: 1, field: 'geometry.coordinates[1]' });
    expect(error.message).toMatch(/not a pair of finite numbers/);
    const text = inputError(() => readGeoJson(collection(line([[1, 2], ['NaN', 4]])), 'r'));
    expect(text.location.index).toBe(0);
  });

  it('refuses out-of-range and projected coordinates with a hint to reproject', () => {
    const range = inputError(() => readGeoJson(collection(line([[1, 2], [200, 4]])), 'r'));
    expect(range.message).toMatch(/out of range/);
    const utm = inputError(() => readGeoJson(collection(line([[675123.5, 5540321.2], [675200, 5540400]])), 'r'));
    expect(utm.message).toMatch(/projected metres/);
    expect(utm.hint).toMatch(/EPSG:4326/);
    const swapped = inputError(() => readGeoJson(collection(line([[42.5, 120.1], [42.6, 120.2]])), 'r'));
    expect(swapped.hint).toMatch(/swapped/);
  });

  it('refuses a declared non-WGS84 crs', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } }, features: [] });
    expect(inputError(() => readGeoJson(text, 'r')).message).toMatch(/EPSG::3857/);
  });

  it('keeps features whose geometry is null (the network builder counts them)', () => {
    const text = collection({ type: 'Feature', properties: {}, geometry: null });
    expect(readGeoJson(text, 'r').features).toHaveLength(1);
  });

  const position = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }));
  const lineFeature = fc.record({
    type: fc.constant('Feature' as const),
    properties: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxKeys: 4 }),
    geometry: fc.record({ type: fc.constant('LineString' as const), coordinates: fc.array(position, { minLength: 2, maxLength: 6 }) }),
  });

  it('property: any valid collection of lines reads back unchanged', () => {
    fc.assert(
      fc.property(fc.array(lineFeature, { maxLength: 8 }), (features) => {
        const text = JSON.stringify({ type: 'FeatureCollection', features });
        expect(readGeoJson(text, 'r')).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it('property: one bad coordinate anywhere is reported at its feature and vertex', () => {
    const bad = fc.oneof(
      fc.constant(null),
      fc.constant('12.5'),
      fc.double({ min: 1000, max: 1e7, noNaN: true }),
      fc.double({ min: 180.001, max: 999, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(lineFeature, { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), bad, fc.boolean(), (features, f, v, value, inLat) => {
        const index = f % features.length;
        const coords = features[index]!.geometry.coordinates;
        const vertex = v % coords.length;
        const corrupted = structuredClone(features) as Array<{ geometry: { coordinates: unknown[][] } }>;
        corrupted[index]!.geometry.coordinates[vertex]![inLat ? 1 : 0] = value;
        const error = inputError(() => readGeoJson(JSON.stringify({ type: 'FeatureCollection', features: corrupted }), 'r'));
        expect(error.location.index).toBe(index);
        expect(error.location.field).toBe(`geometry.coordinates[${vertex}]`);
      }),
      { numRuns: 200 },
    );
  });

  it('property: arbitrary text never crashes, it parses or raises an InputError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          readGeoJson(text, 'r');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
