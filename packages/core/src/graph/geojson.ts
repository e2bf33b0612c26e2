/** The cleaned network back out as GeoJSON, for maps and for checking what the graph holds. */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { RoadNetwork } from './types.js';

/** The properties of one edge in `networkToGeoJson`. */
export interface NetworkEdgeProperties {
  edge: number;
  from: number;
  to: number;
  roadClass: string;
  /** metres */
  length: number;
  /** seconds */
  duration: number;
  /** km/h */
  speed: number;
  oneway: boolean;
  /** Index of the input feature it came from. */
  feature: number;
  /** false for edges that were dropped (not in the kept component). */
  kept: boolean;
}

/**
 * One LineString per edge, in edge order, digitised in the allowed direction for one-ways.
 * Dropped edges are appended with `kept: false` when `includeDropped` is set.
 *
 * @example
 * writeFileSync('network.geojson', JSON.stringify(networkToGeoJson(network)));
 */
export function networkToGeoJson(network: RoadNetwork, options: { includeDropped?: boolean } = {}): FeatureCollection<LineString, NetworkEdgeProperties> {
  const features: Array<Feature<LineString, NetworkEdgeProperties>> = network.edges.map((edge, index) => ({
    type: 'Feature',
    properties: {
      edge: index,
      from: edge.from,
      to: edge.to,
      roadClass: edge.roadClass,
      length: round(edge.length, 2),
      duration: round(edge.duration, 2),
      speed: round(edge.speed, 2),
      oneway: edge.oneway,
      feature: edge.feature,
      kept: true,
    },
    geometry: { type: 'LineString', coordinates: edge.coordinates },
  }));
  if (options.includeDropped) {
    network.droppedEdges.forEach((edge, index) => {
      features.push({
        type: 'Feature',
        properties: { edge: -1 - index, from: -1, to: -1, roadClass: edge.roadClass, length: round(edge.length, 2), duration: round(edge.duration, 2), speed: round(edge.speed, 2), oneway: edge.oneway, feature: edge.feature, kept: false },
        geometry: { type: 'LineString', coordinates: edge.coordinates },
      });
    });
  }
  return { type: 'FeatureCollection', features };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
