/**
 * A two-tier county on the 7 × 7 road grid: the hub in the south-west corner, two township
 * offices (east and north), villages with mail, parcels and produce to collect.
 */
import type { Place } from '../../src/io/places.js';
import { parsePlanFile } from '../../src/plan/file/plan-file.js';
import type { PlanSpec } from '../../src/plan/file/plan-file.js';
import { at } from './grid.js';

export function twoTierPlaces(): Place[] {
  return [
    at('hub', 0, 0, { role: 'hub' }),
    at('east', 6, 0, { role: 'outlet', mail: 30, parcels: 5, latest: '10:00' }),
    at('north', 0, 6, { role: 'outlet', mail: 20, parcels: 4, latest: '10:00' }),
    at('e1', 6, 2, { role: 'village', township: 'east', mail: 12, parcels: 3, parcel_kg: 6, pickup_kg: 20 }),
    at('e2', 5, 3, { role: 'village', township: 'east', mail: 10, parcels: 2, parcel_kg: 4 }),
    at('e3', 4, 1, { role: 'village', township: 'east', mail: 8, parcels: 1, parcel_kg: 2, latest: '11:00' }),
    at('n1', 2, 6, { role: 'village', township: 'north', mail: 9, parcels: 2, parcel_kg: 4, pickup_items: 5 }),
    at('n2', 1, 4, { role: 'village', township: 'north', mail: 11, parcels: 1, parcel_kg: 2 }),
    // Administratively north, but nearer the east office by road.
    at('x1', 5, 2, { role: 'station', township: 'north', mail: 7, parcels: 6, parcel_kg: 12, pickup_kg: 40 }),
  ];
}

export function twoTierPlan(overrides: Record<string, unknown> = {}, tierOverrides: { trunk?: Record<string, unknown>; delivery?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    name: 'two-tier grid',
    roads: 'roads.geojson',
    places: 'places.geojson',
    loads: {
      items: { delivery: ['mail', 'parcels'], pickup: ['pickup_items'] },
      kg: { delivery: ['parcel_kg'], pickup: ['pickup_kg'] },
    },
    tiers: {
      trunk: {
        fleet: [{ id: 'truck', count: 1, capacity: { items: 500, kg: 400 }, departure: '07:00', maxShiftHours: 10, costPerKm: 2, costPerDay: 100 }],
        collection: { departure: '13:00', returnBy: '18:00' },
        ...tierOverrides.trunk,
      },
      delivery: {
        fleet: [{ id: 'van', depot: 'each-outlet', count: 2, capacity: { items: 40, kg: 50 }, maxShiftHours: 4, costPerKm: 1, costPerDay: 50 }],
        assignment: 'administrative',
        sortingMinutes: 30,
        ...tierOverrides.delivery,
      },
    },
    serviceMinutes: { outlet: 10, station: 5, village: 3 },
    timeLimitS: 2,
    ...overrides,
  };
}

export function twoTierSpec(overrides: Record<string, unknown> = {}, tierOverrides: Parameters<typeof twoTierPlan>[1] = {}): PlanSpec {
  return parsePlanFile(JSON.stringify(twoTierPlan(overrides, tierOverrides)), 'plan.json');
}
