/**
 * Arc routing on the compiled road graph: builds a `CarpInput` from a `RoadNetwork` (every kept
 * edge can be deadheaded, one-way roads only forwards) and turns a solved route back into the
 * line a driver follows, the road geometry of every traversal joined end to end.
 */
import { polylineLength } from '../graph/geodesy.js';
import type { RoadNetwork } from '../graph/types.js';
import type { CarpInput, CarpRequiredInput } from './model.js';
import type { CarpRoute } from './solve.js';

/** How `carpFromNetwork` turns road edges into an arc routing problem. */
export interface RoadCarpOptions {
  /** Edge cost: travel time in seconds (default) or length in metres. */
  metric?: 'time' | 'distance';
  /** Depot node index in the network. */
  depot: number;
  capacity?: number;
  maxRouteCost?: number;
  vehicles?: number;
}

/**
 * A CARP on the road network: edge i is `network.edges[i]`, with its duration (or length) as
 * cost and its one-way flag.
 *
 * @example
 * const input = carpFromNetwork(network, [{ edge: 12, sides: 'both', serviceCost: 95 }], { depot: 0 });
 * const solution = solveCarp(createCarpProblem(input));
 */
export function carpFromNetwork(network: RoadNetwork, required: CarpRequiredInput[], options: RoadCarpOptions): CarpInput {
  const metric = options.metric ?? 'time';
  return {
    nodeCount: network.csr.nodeCount,
    depot: options.depot,
    edges: network.edges.map((e) => ({ from: e.from, to: e.to, cost: metric === 'time' ? e.duration : e.length, ...(e.oneway ? { oneway: true } : {}) })),
    required,
    ...(options.capacity !== undefined ? { capacity: options.capacity } : {}),
    ...(options.maxRouteCost !== undefined ? { maxRouteCost: options.maxRouteCost } : {}),
    ...(options.vehicles !== undefined ? { vehicles: options.vehicles } : {}),
  };
}

/** [lon, lat] positions of one traversal of a road edge, in the direction driven. */
export function traversalCoordinates(network: RoadNetwork, edge: number, from: number): [number, number][] {
  const e = network.edges[edge]!;
  const coordinates = e.coordinates.map((p) => [p[0]!, p[1]!] as [number, number]);
  // A loop (from = to) is driven along its geometry.
  return e.from === from ? coordinates : coordinates.reverse();
}

/**
 * The route as one continuous line (GeoJSON LineString coordinates) from the depot and back, and
 * its geodesic length in metres (= the sum of the road lengths driven).
 *
 * @example
 * const { coordinates, length } = carpRouteGeometry(network, solution.routes[0]);
 * const feature = { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: {} };
 */
export function carpRouteGeometry(network: RoadNetwork, route: CarpRoute): { coordinates: [number, number][]; length: number } {
  const coordinates: [number, number][] = [];
  let length = 0;
  for (const step of route.path) {
    const line = traversalCoordinates(network, step.edge, step.from);
    length += network.edges[step.edge]!.length;
    // Consecutive traversals share their joint: keep it once.
    coordinates.push(...(coordinates.length > 0 ? line.slice(1) : line));
  }
  if (coordinates.length === 1) coordinates.push(coordinates[0]!);
  return { coordinates, length: coordinates.length > 1 ? polylineLength(coordinates) : length };
}
