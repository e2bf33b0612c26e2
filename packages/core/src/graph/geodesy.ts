/**
 * Distances on the WGS84 sphere (haversine, the same model and radius as Turf and OSMnx's
 * great-circle lengths), written out because they run once per road vertex.
 */
/** Mean earth radius in metres: Turf's `earthRadius` (a test checks they agree). Not imported
 *  from Turf so that matrix worker threads start without loading all of it. */
export const EARTH_RADIUS = 6371008.8;
const earthRadius = EARTH_RADIUS;

const RADIANS = Math.PI / 180;

/** Metres per degree of latitude on the sphere. */
export const METRES_PER_DEGREE = earthRadius * RADIANS;

/**
 * Great-circle distance in metres between two lon/lat points.
 *
 * @example
 * haversine(11.5, 50.0, 11.6, 50.0); // ≈ 7148
 */
export function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RADIANS;
  const dLon = (lon2 - lon1) * RADIANS;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RADIANS) * Math.cos(lat2 * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadius * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

/** Length in metres of a polyline of [lon, lat] positions. */
export function polylineLength(coordinates: ReadonlyArray<ReadonlyArray<number>>): number {
  let length = 0;
  for (let i = 1; i < coordinates.length; i++) {
    const a = coordinates[i - 1]!;
    const b = coordinates[i]!;
    length += haversine(a[0]!, a[1]!, b[0]!, b[1]!);
  }
  return length;
}
