/**
 * Stations before routes in a two-tier plan: a village served at a station (or at its office's
 * counter) is no route stop; its volumes in every load dimension go to that station, which the
 * delivery tier serves (the office's own volumes go on the trunk). The places are rewritten
 * before the two-tier problem is built, so that the engine plans an ordinary problem.
 */
import type { Place } from '../io/places.js';
import type { LoadSpec } from './file/plan-tiers.js';
import type { PlanPlace } from './places.js';

/**
 * The places without the villages served via a station, each station carrying their volumes
 * (every property a load dimension sums), and the opened stations marked role "station".
 */
export function moveLoadsToStations(
  rawPlaces: readonly Place[],
  places: readonly PlanPlace[],
  servedVia: ReadonlyMap<string, string>,
  loads: readonly LoadSpec[],
): { rawPlaces: Place[]; places: PlanPlace[] } {
  const fields = [...new Set(loads.flatMap((load) => [...load.delivery, ...load.pickup]))];
  const roleOf = new Map(places.map((place) => [place.id, place.role]));
  const added = new Map<string, Record<string, number>>();
  const byId = new Map(rawPlaces.map((place) => [place.id, place]));
  for (const [village, site] of servedVia) {
    const sums = added.get(site) ?? {};
    for (const field of fields) sums[field] = (sums[field] ?? 0) + figure(byId.get(village)?.properties[field]);
    added.set(site, sums);
  }
  const raw = rawPlaces.filter((place) => !servedVia.has(place.id)).map((place): Place => {
    const sums = added.get(place.id);
    const role = roleOf.get(place.id);
    if (sums === undefined && role === place.properties.role) return place;
    const properties: Record<string, unknown> = { ...place.properties, ...(role !== undefined ? { role } : {}) };
    for (const field of fields) if (sums !== undefined) properties[field] = figure(place.properties[field]) + (sums[field] ?? 0);
    return { ...place, properties };
  });
  return { rawPlaces: raw, places: places.filter((place) => !servedVia.has(place.id)) };
}

/** A volume as the places file gives it (checked by placeLoads before this runs); absent = 0. */
function figure(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return 0;
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  return Number.isFinite(value) ? value : 0;
}
