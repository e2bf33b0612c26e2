/**
 * A place's volumes in the plan's named load dimensions: the sum of the properties each dimension
 * lists, read from the places file with one located error per bad value.
 */
import { InputError } from '../errors.js';
import { placeLocation, type Place } from '../io/places.js';
import type { LoadSpec } from './file/plan-tiers.js';

export interface PlaceLoads {
  delivery: number[];
  pickup: number[];
}

/**
 * @example
 * placeLoads(places, [{ name: 'items', delivery: ['mail', 'parcels'], pickup: ['pickup_items'] }], 'places.geojson');
 * // Map { 'theta' => { delivery: [17], pickup: [3] }, … }
 */
export function placeLoads(places: readonly Place[], loads: readonly LoadSpec[], source: string): Map<string, PlaceLoads> {
  const out = new Map<string, PlaceLoads>();
  places.forEach((place, index) => {
    const value = (field: string): number => {
      const raw = place.properties[field];
      if (raw === undefined || raw === null || raw === '') return 0;
      const parsed = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (parsed === Infinity) throw new InputError(`${field} of place "${place.id}" is too large to be a figure (${String(raw)})`, placeLocation(place, index, source, field), 'give the figure itself');
      if (!Number.isFinite(parsed) || parsed < 0) {
        throw new InputError(`${field} of place "${place.id}" must be a number ≥ 0, got ${JSON.stringify(raw)}`, placeLocation(place, index, source, field));
      }
      return parsed;
    };
    out.set(place.id, {
      delivery: loads.map((load) => load.delivery.reduce((sum, field) => sum + value(field), 0)),
      pickup: loads.map((load) => load.pickup.reduce((sum, field) => sum + value(field), 0)),
    });
  });
  return out;
}
