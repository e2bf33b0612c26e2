/** Small hand-made road networks for the graph and matrix tests. */
import type { Feature, FeatureCollection, LineString } from 'geojson';

/** Metres → degrees near (11°E, 50°N), so fixtures can be drawn on a metre grid. */
export const ORIGIN: [number, number] = [11, 50];
const DEG_LAT = 1 / 111_195;
const DEG_LON = DEG_LAT / Math.cos((50 * Math.PI) / 180);

/** [lon, lat] of a point x metres east and y metres north of ORIGIN (rounded to 1e-9°). */
export function at(x: number, y: number): [number, number] {
  const round = (v: number): number => Math.round(v * 1e9) / 1e9;
  return [round(ORIGIN[0] + x * DEG_LON), round(ORIGIN[1] + y * DEG_LAT)];
}

export function road(points: Array<[number, number]>, properties: Record<string, unknown> = {}): Feature<LineString> {
  return { type: 'Feature', properties: { highway: 'residential', ...properties }, geometry: { type: 'LineString', coordinates: points.map(([x, y]) => at(x, y)) } };
}

export function roads(...features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}
