/**
 * Cutting one province-wide roads file into counties by their boundary polygons. A way belongs to
 * a county when at least one of its vertices is inside the polygon, and it is kept whole: cutting
 * it at the border would end it at a point that is no junction, and a road that leaves the county
 * should still reach the next junction beyond the border (vans do drive through the neighbour).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { InputError } from '../errors.js';

/** The polygon named `name` in a boundaries FeatureCollection, or a located error. */
export function findBoundary(boundaries: FeatureCollection, name: string, options: { source: string; nameProperty?: string }): Polygon | MultiPolygon {
  const property = options.nameProperty ?? 'name';
  const names: string[] = [];
  for (const [index, feature] of boundaries.features.entries()) {
    const value = feature.properties?.[property];
    if (typeof value === 'string') names.push(value);
    if (value !== name) continue;
    const geometry = feature.geometry;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') {
      throw new InputError(`the boundary "${name}" is a ${geometry?.type ?? 'feature without geometry'}, not a Polygon or MultiPolygon`, { source: options.source, index, field: 'geometry' });
    }
    return geometry;
  }
  throw new InputError(`no boundary named "${name}" (property "${property}")`, { source: options.source },
    `boundaries in the file: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}`);
}

/**
 * The roads with at least one vertex inside the polygon, whole, in their original order.
 *
 * @example
 * const west = cutRoads(roads, findBoundary(counties, 'West', { source: 'counties.geojson' }));
 */
export function cutRoads(roads: FeatureCollection, boundary: Polygon | MultiPolygon): FeatureCollection {
  const [west, south, east, north] = bbox(boundary);
  const inside = (point: Position): boolean => {
    const [x = NaN, y = NaN] = point;
    return x >= west && x <= east && y >= south && y <= north && booleanPointInPolygon([x, y], boundary);
  };
  const features = roads.features.filter((feature: Feature) => {
    const geometry = feature.geometry;
    const lines = geometry?.type === 'LineString' ? [geometry.coordinates] : geometry?.type === 'MultiLineString' ? geometry.coordinates : [];
    return lines.some((line) => line.some(inside));
  });
  return { ...roads, features };
}
