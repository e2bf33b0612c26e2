/**
 * A hand-made county on a 5 × 5 road grid (0.01° apart, about 715 m east-west and 1,112 m
 * north-south at 50° N): a hub in the south-west corner, one outlet, and villages on grid nodes.
 */
import type { FeatureCollection } from 'geojson';
import type { Place } from '../../src/io/places.js';
import { parsePlanFile } from '../../src/plan/file/plan-file.js';
import type { PlanSpec } from '../../src/plan/file/plan-file.js';

export const LON0 = 11.5;
export const LAT0 = 50.0;
export const STEP = 0.01;

export function gridRoads(size = 5): FeatureCollection {
  const features: FeatureCollection['features'] = [];
  for (let k = 0; k < size; k++) {
    const row = Array.from({ length: size }, (_, i) => [LON0 + i * STEP, LAT0 + k * STEP]);
    const column = Array.from({ length: size }, (_, i) => [LON0 + k * STEP, LAT0 + i * STEP]);
    features.push({ type: 'Feature', properties: { highway: 'unclassified', osm_id: 100 + k }, geometry: { type: 'LineString', coordinates: row } });
    features.push({ type: 'Feature', properties: { highway: 'unclassified', osm_id: 200 + k }, geometry: { type: 'LineString', coordinates: column } });
  }
  return { type: 'FeatureCollection', features };
}

/** A place on grid node (i, j): i east, j north. */
export function at(id: string, i: number, j: number, properties: Record<string, unknown>): Place {
  return { id, lon: LON0 + i * STEP, lat: LAT0 + j * STEP, properties: { name: id, ...properties } };
}

export function gridPlaces(): Place[] {
  return [
    at('hub', 0, 0, { role: 'hub' }),
    at('outlet', 4, 4, { role: 'outlet', mail: 40, population: 900, latest: '10:00' }),
    at('v1', 4, 0, { role: 'village', mail: 10, population: 200 }),
    at('v2', 0, 4, { role: 'village', mail: 10, population: 200 }),
    at('v3', 2, 2, { role: 'village', mail: 10, population: 200 }),
    at('v4', 4, 2, { role: 'village', mail: 10, population: 200 }),
    at('v5', 2, 4, { role: 'village', mail: 10, population: 200 }),
    at('v6', 1, 1, { role: 'village', mail: 10, population: 200 }),
  ];
}

export function gridSpec(overrides: Record<string, unknown> = {}): PlanSpec {
  return parsePlanFile(JSON.stringify({
    name: 'grid county',
    roads: 'roads.geojson',
    places: 'places.geojson',
    baseline: 'today.csv',
    fleet: [{ id: 'van', count: 3, capacity: 100, departure: '08:00', maxShiftHours: 4 }],
    serviceMinutes: { outlet: 10, village: 3 },
    operatingDaysPerYear: 300,
    timeLimitS: 1,
    ...overrides,
  }), 'plan.json');
}
