/**
 * What the map frames: the roads and the places on or near them. A place far outside the road
 * network (a village typed in at 0,0, latitude and longitude swapped) would otherwise stretch the
 * map until the county is a speck; such places are left out of the frame and listed beside the
 * map with their distance to the roads, and with a hint when swapping the two numbers puts the
 * place on the network.
 */
import Flatbush from 'flatbush';
import { haversine } from '../../graph/geodesy.js';
import type { Bounds, FarOffPlace } from './view-types.js';

/** A swapped place counts as "on the network" within this distance of a road point. */
const SWAP_MATCH_M = 2_000;

function boundsOf(points: Iterable<readonly [number, number]>): Bounds | null {
  return boundsOfLines([points]);
}

/** The bounds grown by a share of their size, at least `minDeg` on each side. */
function grow(b: Bounds, share: number, minDeg: number): Bounds {
  const dLat = Math.max((b.north - b.south) * share, minDeg);
  const dLon = Math.max((b.east - b.west) * share, minDeg);
  return { south: b.south - dLat, west: b.west - dLon, north: b.north + dLat, east: b.east + dLon };
}

const inside = (b: Bounds, lon: number, lat: number): boolean => lat >= b.south && lat <= b.north && lon >= b.west && lon <= b.east;

/** The bounds of every point of the lines, read in place (a county's roads are millions of points). */
function boundsOfLines(lines: Iterable<Iterable<readonly [number, number]>>): Bounds | null {
  let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
  for (const line of lines) {
    for (const [lon, lat] of line) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
      if (lon < west) west = lon;
      if (lon > east) east = lon;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
  }
  return Number.isFinite(west) ? { south, west, north, east } : null;
}

/**
 * Frames the roads and the places near them, and lists the places far off (outside the roads'
 * extent grown by a quarter, at least 0.05° ≈ 5 km). The roads are given as their lines, read in
 * place: no array of all their points is made unless some place is far off.
 *
 * @example
 * const { frame, farOff } = frameMap(report.roads.map((road) => road.coordinates), places);
 */
export function frameMap(
  roadLines: readonly (readonly (readonly [number, number])[])[],
  places: readonly { id: string; name: string; lon: number; lat: number }[],
): { frame: Bounds; farOff: FarOffPlace[] } {
  const roads = boundsOfLines(roadLines);
  if (!roads) {
    const all = boundsOf(places.map((p) => [p.lon, p.lat] as const)) ?? { south: 0, west: 0, north: 1, east: 1 };
    return { frame: all, farOff: [] };
  }
  const near = grow(roads, 0.25, 0.05);
  // The index is built only when some place is far off: most plans have none.
  let index: Flatbush | undefined;
  let roadPoints: (readonly [number, number])[] = [];
  const nearestM = (lon: number, lat: number): number => {
    if (!index) {
      roadPoints = roadLines.flat();
      index = new Flatbush(roadPoints.length);
      for (const [x, y] of roadPoints) index.add(x, y, x, y);
      index.finish();
    }
    const [k] = index.neighbors(lon, lat, 1);
    const p = k === undefined ? undefined : roadPoints[k];
    return p ? haversine(lon, lat, p[0], p[1]) : Infinity;
  };
  const farOff: FarOffPlace[] = [];
  const framed: [number, number][] = [];
  for (const place of places) {
    if (Number.isFinite(place.lon) && Number.isFinite(place.lat) && inside(near, place.lon, place.lat)) {
      framed.push([place.lon, place.lat]);
      continue;
    }
    const swapped = inside(near, place.lat, place.lon) && nearestM(place.lat, place.lon) <= SWAP_MATCH_M;
    farOff.push({ id: place.id, name: place.name, lat: place.lat, lon: place.lon, distanceM: Math.round(nearestM(place.lon, place.lat)), swapped });
  }
  const frame = boundsOf([[roads.west, roads.south], [roads.east, roads.north], ...framed])!;
  return { frame, farOff };
}

/**
 * The map's scale: the roads are simplified to about 1/4000 of the framed extent (15 m on a 60 km
 * county, under a pixel at first view), and coded to the decimal place that keeps that detail.
 *
 * @example
 * const { tolerance, precision } = mapScale({ south: 49.9, west: 11.4, north: 50.1, east: 11.7 });
 */
export function mapScale(frame: Bounds): { tolerance: number; precision: number } {
  const cos = Math.cos((((frame.north + frame.south) / 2) * Math.PI) / 180);
  const spanDeg = Math.max(frame.north - frame.south, (frame.east - frame.west) * cos, 1e-4);
  const tolerance = spanDeg / 4000;
  const precision = Math.min(6, Math.max(4, Math.ceil(-Math.log10(tolerance))));
  return { tolerance, precision };
}
