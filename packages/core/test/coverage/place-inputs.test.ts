/**
 * The inputs of a coverage problem read from the user's files: id lists, numbers from place
 * properties, and the sites (existing outlets first).
 */
import { describe, expect, it } from 'vitest';
import { InputError, coverageSites, placeNumbers, readIdList, type Place } from '@postroute/core';

const place = (id: string, properties: Record<string, unknown> = {}): Place => ({ id, lon: 11, lat: 50, properties });

describe('readIdList', () => {
  it('reads one id per line, a CSV by its id column (else the first), or places', async () => {
    expect(await readIdList('s1\ns2\n\n', { source: 'ids.txt' })).toEqual(['s1', 's2']);
    expect(await readIdList('name;id\nA;s1\nB;s2\n', { source: 'ids.csv' })).toEqual(['s1', 's2']);
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'o1', properties: {}, geometry: { type: 'Point', coordinates: [11, 50] } }] });
    expect(await readIdList(geojson, { source: 'outlets.geojson' })).toEqual(['o1']);
  });
});

describe('placeNumbers', () => {
  const places = [place('a', { population: 120 }), place('b', { population: '35' }), place('c')];
  it('reads numbers and numeric text; a missing value takes the fallback when there is one', () => {
    expect(placeNumbers(places, 'population', { source: 'v.geojson', fallback: 50 })).toEqual([120, 35, 50]);
  });
  it('names the place, the property and the option that would help', () => {
    let error: unknown;
    try { placeNumbers(places, 'population', { source: 'v.geojson', fallbackOption: '--weight-default' }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toBe('v.geojson, item 2, field "population": "c" has no usable population (null) — give every place a number ≥ 0 in "population", or set a weight for places without one (--weight-default)');
    expect(() => placeNumbers([place('d', { population: -1 })], 'population', { source: 'v.geojson' })).toThrow(/"d" has no usable population/);
  });
});

describe('coverageSites', () => {
  it('puts the outlets first and a candidate with an outlet\'s id is the outlet', () => {
    expect(coverageSites([place('o1')], [place('v1'), place('o1'), place('v2')], 'o.geojson').map((p) => p.id)).toEqual(['o1', 'v1', 'v2']);
    expect(() => coverageSites([place('o1'), place('o1')], [], 'o.geojson')).toThrow(/duplicate outlet id/);
  });
});
