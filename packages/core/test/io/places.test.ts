import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlaces } from '@postroute/core';
import { inputError } from '../support/errors.js';

describe('readPlaces', () => {
  it('reads CSV with id, lon, lat and keeps other columns as string properties', () => {
    const places = readPlaces('name,id,lon,lat,postcode\n"Hof, Ober",P1,11.57,50.02,09999\n', { source: 'p.csv' });
    expect(places).toEqual([{ id: 'P1', lon: 11.57, lat: 50.02, properties: { name: 'Hof, Ober', postcode: '09999' } }]);
  });

  it('reads the real OSM places (GeoJSON, id from feature.id)', () => {
    const text = readFileSync('examples/data/osm/andorra/places.geojson', 'utf8');
    const places = readPlaces(text, { source: 'places.geojson' });
    expect(places).toHaveLength(60);
    expect(places[0]).toMatchObject({ id: 'node/1999150911', properties: { amenity: 'post_office' } });
  });

  it('takes the id from properties.id when the feature has none', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 7 }, geometry: { type: 'Point', coordinates: [1, 2] } }] });
    expect(readPlaces(text, { source: 'p.geojson' })[0]!.id).toBe('7');
  });

  it('refuses duplicate ids, naming both rows', () => {
    const error = inputError(() => readPlaces('id,lon,lat\nA,1,2\nB,1,2\nA,3,4\n', { source: 'p.csv' }));
    expect(error.message).toMatch(/duplicate place id "A" \(first used by row 0\)/);
    expect(error.location).toMatchObject({ index: 2, field: 'id' });
  });

  it('refuses missing columns, bad numbers, projected coordinates and non-Point features', () => {
    expect(inputError(() => readPlaces('id,x_coord,lat\nA,1,2\n', { source: 'p.csv' })).message).toMatch(/missing column\(s\) lon/);
    const bad = inputError(() => readPlaces('id,lon,lat\nA,1,2\nB,eleven,2\n', { source: 'p.csv' }));
    expect(bad.location).toMatchObject({ line: 3, index: 1, field: 'lon' });
    expect(inputError(() => readPlaces('id,lon,lat\nA,675000,5540000\n', { source: 'p.csv' })).message).toMatch(/projected/);
    const line = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', properties: {}, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } }] });
    expect(inputError(() => readPlaces(line, { source: 'p.geojson' })).message).toMatch(/not a Point/);
  });

  it('property: CSV written from any places reads back the same', () => {
    const place = fc.record({
      id: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() === s && s.trim() !== '' && !/^[\uFEFF]/.test(s)),
      lon: fc.double({ min: -180, max: 180, noNaN: true, noDefaultInfinity: true }),
      lat: fc.double({ min: -90, max: 90, noNaN: true, noDefaultInfinity: true }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(place, { selector: (p) => p.id, minLength: 1, maxLength: 10 }), (places) => {
        const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
        const text = `id,lon,lat\n${places.map((p) => `${quote(p.id)},${p.lon},${p.lat}`).join('\n')}\n`;
        const read = readPlaces(text, { source: 'p.csv' });
        expect(read.map((p) => [p.id, p.lon, p.lat])).toEqual(places.map((p) => [p.id, p.lon + 0, p.lat + 0]));
      }),
      { numRuns: 200 },
    );
  });
});
