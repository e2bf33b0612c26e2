import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlaces } from '@postroute/core';
import { rejectedInput } from '../support/errors.js';

describe('readPlaces', () => {
  it('reads CSV with id, lon, lat and keeps other columns as string properties', async () => {
    const places = await readPlaces('name,id,lon,lat,postcode\n"Hof, Ober",P1,11.57,50.02,09999\n', { source: 'p.csv' });
    expect(places).toEqual([{ id: 'P1', lon: 11.57, lat: 50.02, properties: { name: 'Hof, Ober', postcode: '09999' }, line: 2 }]);
  });

  it('reads the file a German spreadsheet writes: semicolons, decimal commas, BOM, CRLF', async () => {
    const text = '\uFEFFid;name;lon;lat;mail\r\nP1;"Hof; Ober";11,57;50,02;12,5\r\nP2;Mitte;11.6;50.1;3\r\n';
    const places = await readPlaces(text, { source: 'p.csv' });
    expect(places).toEqual([
      { id: 'P1', lon: 11.57, lat: 50.02, properties: { name: 'Hof; Ober', mail: '12.5' }, line: 2 },
      { id: 'P2', lon: 11.6, lat: 50.1, properties: { name: 'Mitte', mail: '3' }, line: 3 },
    ]);
    const tab = await readPlaces('id\tlon\tlat\nP1\t11.57\t50.02\n', { source: 'p.csv' });
    expect(tab[0]).toMatchObject({ id: 'P1', lon: 11.57, lat: 50.02 });
  });

  it('says which separator it split at when a column is missing', async () => {
    const error = await rejectedInput(() => readPlaces('id|lon|lat\nA|1|2\n', { source: 'p.csv' }));
    expect(error.describe()).toMatch(/^p\.csv, line 1: missing columns id, lon, lat: the header split at comma "," gives 1 column \("id\|lon\|lat"\) — .*--csv-delimiter/);
    const given = await rejectedInput(() => readPlaces('id;lon;lat\nA;1;2\n', { source: 'p.csv', delimiter: '\t' }));
    expect(given.message).toMatch(/split at tab gives 1 column/);
  });

  it('reads the real OSM places (GeoJSON, id from feature.id)', async () => {
    const text = readFileSync('examples/data/osm/andorra/places.geojson', 'utf8');
    const places = await readPlaces(text, { source: 'places.geojson' });
    expect(places).toHaveLength(60);
    expect(places[0]).toMatchObject({ id: 'node/1999150911', properties: { amenity: 'post_office' } });
  });

  it('takes the id from properties.id when the feature has none', async () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 7 }, geometry: { type: 'Point', coordinates: [1, 2] } }] });
    expect((await readPlaces(text, { source: 'p.geojson' }))[0]!.id).toBe('7');
  });

  it('refuses duplicate ids, naming both lines', async () => {
    const error = await rejectedInput(() => readPlaces('id,lon,lat\nA,1,2\nB,1,2\nA,3,4\n', { source: 'p.csv' }));
    expect(error.describe()).toMatch(/^p\.csv, line 4, field "id": duplicate place id "A" \(also on line 2\)/);
    const json = JSON.stringify({ type: 'FeatureCollection', features: [0, 1].map(() => ({ type: 'Feature', id: 'a', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } })) });
    expect((await rejectedInput(() => readPlaces(json, { source: 'p.geojson' }))).describe()).toMatch(/p\.geojson, item 1, field "id": duplicate place id "a" \(also on feature 0\)/);
  });

  it('reads numbers written as GeoJSON strings by the CSV rules; JSON numbers stay as they are', async () => {
    const geojson = (properties: Record<string, unknown>[]) => JSON.stringify({
      type: 'FeatureCollection',
      features: properties.map((props, k) => ({ type: 'Feature', id: `p${k}`, properties: props, geometry: { type: 'Point', coordinates: [11 + k / 10, 50] } })),
    });
    // "12,5" shows decimal commas, so "1.300" is one thousand three hundred, as in a ';' CSV file.
    const comma = await readPlaces(geojson([{ mail: '1.300', name: 'Hof' }, { mail: '12,5', postcode: '09999', population: 1.3 }]), { source: 'p.geojson' });
    expect(comma.map((place) => place.properties)).toEqual([{ mail: '1300', name: 'Hof' }, { mail: '12.5', postcode: '09999', population: 1.3 }]);
    // "0.5" shows a decimal point: "1.300" is 1.3.
    const point = await readPlaces(geojson([{ mail: '1.300' }, { mail: '0.5' }]), { source: 'p.geojson' });
    expect(point.map((place) => place.properties.mail)).toEqual(['1.300', '0.5']);
    // Nothing shows the mark: the same located error as a CSV file gives; a JSON number 1.3 is no string and shows nothing.
    const ambiguous = await rejectedInput(() => readPlaces(geojson([{ mail: 2, weight: 1.3 }, { mail: '1.300' }]), { source: 'p.geojson' }));
    expect(ambiguous.describe()).toBe('p.geojson, item 1, field "mail": "1.300" can be read as 1300 (with "." between thousands) or as 1.3 (with a decimal point), and the file\'s other numbers do not show which — write 1300 or 1.3');
    // An id in the properties is a name, never a number to rewrite.
    expect((await readPlaces(geojson([{ id: '1.300', mail: '2' }]), { source: 'p.geojson' }))[0]!.properties.id).toBe('1.300');
  });

  it('refuses missing columns, bad numbers, projected coordinates and non-Point features', async () => {
    expect((await rejectedInput(() => readPlaces('id,x_coord,lat\nA,1,2\n', { source: 'p.csv' }))).message).toMatch(/missing column lon/);
    const bad = await rejectedInput(() => readPlaces('id,lon,lat\nA,1,2\nB,eleven,2\n', { source: 'p.csv' }));
    expect(bad.location).toMatchObject({ line: 3, index: 1, field: 'lon' });
    expect(bad.describe()).toMatch(/^p\.csv, line 3, field "lon": "eleven" is not a number/);
    expect((await rejectedInput(() => readPlaces('id,lon,lat\nA,"11;5",50\n', { source: 'p.csv' }))).message).toMatch(/"11;5" is not a number/);
    expect((await rejectedInput(() => readPlaces('id,lon,lat\nA,675000,5540000\n', { source: 'p.csv' }))).message).toMatch(/projected/);
    const line = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', properties: {}, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } }] });
    expect((await rejectedInput(() => readPlaces(line, { source: 'p.geojson' }))).message).toMatch(/not a Point/);
  });

  it('property: places written in any CSV dialect read back the same', async () => {
    const place = fc.record({
      id: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() === s && s.trim() !== '' && !/^[\uFEFF]/.test(s)),
      lon: fc.double({ min: -180, max: 180, noNaN: true, noDefaultInfinity: true }),
      lat: fc.double({ min: -90, max: 90, noNaN: true, noDefaultInfinity: true }),
    });
    const dialect = fc.record({ delimiter: fc.constantFrom(',', ';', '\t'), eol: fc.constantFrom('\n', '\r\n'), bom: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(place, { selector: (p) => p.id, minLength: 1, maxLength: 10 }), dialect, async (places, d) => {
        const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
        // A ";" spreadsheet writes decimal commas; the others a point.
        const number = (x: number): string => (d.delimiter === ';' ? String(x).replace('.', ',') : String(x));
        const rows = places.map((p) => [quote(p.id), number(p.lon), number(p.lat)].join(d.delimiter));
        const text = `${d.bom ? '\uFEFF' : ''}${['id', 'lon', 'lat'].join(d.delimiter)}${d.eol}${rows.join(d.eol)}${d.eol}`;
        const read = await readPlaces(text, { source: 'p.csv' });
        expect(read.map((p) => [p.id, p.lon, p.lat])).toEqual(places.map((p) => [p.id, p.lon + 0, p.lat + 0]));
      }),
      { numRuns: 200 },
    );
  });
});
