import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { cutRoads, findBoundary } from '../../src/batch/cut.js';
import { inputError } from '../support/errors.js';
import { gridRoadsAt } from './counties.js';

const box = (w: number, s: number, e: number, n: number): number[][] => [[w, s], [e, s], [e, n], [w, n], [w, s]];

const boundaries: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    // West: the two western columns of a 5 × 5 grid at 11.50…11.54, 50.00…50.04.
    { type: 'Feature', properties: { name: 'West' }, geometry: { type: 'Polygon', coordinates: [box(11.495, 49.995, 11.515, 50.045)] } },
    // A ring round the middle with a hole over it: no vertex of the middle column is inside.
    { type: 'Feature', properties: { name: 'Ring' }, geometry: { type: 'Polygon', coordinates: [box(11.515, 50.015, 11.525, 50.025), box(11.518, 50.018, 11.522, 50.022)] } },
    { type: 'Feature', properties: { name: 'Dot' }, geometry: { type: 'Point', coordinates: [11.5, 50] } },
  ],
};

describe('cutRoads', () => {
  const roads = gridRoadsAt(5, 11.5, 50);

  it('keeps every way with a vertex inside, whole, in order', () => {
    const west = cutRoads(roads, findBoundary(boundaries, 'West', { source: 'b.geojson' }));
    // All 5 east-west rows cross the western columns; of the north-south columns, the first two.
    const ids = west.features.map((f) => f.properties?.osm_id);
    expect(ids).toEqual([1000, 2000, 1001, 2001, 1002, 1003, 1004]);
    expect(west.features[0]?.geometry).toEqual(roads.features[0]?.geometry);
  });

  it('leaves out what only lies in a hole', () => {
    const ring = cutRoads(roads, findBoundary(boundaries, 'Ring', { source: 'b.geojson' }));
    expect(ring.features).toEqual([]);
  });

  it('says which boundaries exist when the name is wrong, and rejects a non-polygon', () => {
    expect(inputError(() => findBoundary(boundaries, 'East', { source: 'b.geojson' })).describe()).toMatch(/^b\.geojson: no boundary named "East".*West, Ring, Dot/);
    expect(inputError(() => findBoundary(boundaries, 'Dot', { source: 'b.geojson' })).location).toEqual({ source: 'b.geojson', index: 2, field: 'geometry' });
  });
});
