/**
 * The shared ground of every plan: the road graph, the places snapped onto it, and the travel
 * matrices over all snapped places. Built once per plan.json and reused by today's routes, the
 * new plan, both tiers and every scenario, so that all are measured the same way.
 */
import type { FeatureCollection } from 'geojson';
import { InfeasibleError } from '../errors.js';
import { buildNetwork } from '../graph/build.js';
import { snapPlaces } from '../graph/snap.js';
import type { Snap } from '../graph/snap.js';
import type { RoadNetwork } from '../graph/types.js';
import type { Place } from '../io/places.js';
import { computeMatrix } from '../matrix/index.js';
import type { TravelMatrix } from '../matrix/index.js';
import type { ProgressCallback } from '../util/progress.js';
import type { PlanPlace } from './places.js';

export interface PreparedNetwork {
  network: RoadNetwork;
  snaps: Snap[];
  snapOf: ReadonlyMap<string, Snap>;
  /** Place id → why it is not on the road network ("not on the road network: …"). */
  rejected: ReadonlyMap<string, string>;
  /** Quickest-path matrices over every snapped place (metres, seconds). */
  matrix: TravelMatrix;
  /** Row of each place id in `matrix`. */
  row: ReadonlyMap<string, number>;
}

/**
 * @param hubs the hubs must be on the network: a plan without its depot is infeasible
 */
export function prepareNetwork(
  roads: FeatureCollection,
  rawPlaces: readonly Place[],
  hubs: readonly PlanPlace[],
  options: { source: string; snapDistance: number; onProgress: ProgressCallback },
): PreparedNetwork {
  const progress = options.onProgress;
  progress({ step: 'graph', message: 'building the road graph' });
  const network = buildNetwork(roads, { source: options.source, onProgress: progress });
  progress({ step: 'snap', message: `snapping ${rawPlaces.length} places` });
  const { snaps, rejected } = snapPlaces(network, [...rawPlaces], { maxDistance: options.snapDistance });
  for (const hub of hubs) {
    const reason = rejected.find((entry) => entry.placeId === hub.id);
    if (reason) throw new InfeasibleError(`the hub "${hub.name}" cannot be placed on the road network: ${reason.message}`, 'move the hub onto a road, or raise snapDistanceM');
  }
  // Vans take the quickest road, not the shortest farm track; kilometres are those of the quickest paths.
  progress({ step: 'matrix', message: `${snaps.length} × ${snaps.length} road distances` });
  const matrix = computeMatrix(network, snaps, { metric: 'time', onProgress: progress });
  return {
    network,
    snaps,
    snapOf: new Map(snaps.map((snap) => [snap.placeId, snap])),
    rejected: new Map(rejected.map((entry) => [entry.placeId, `not on the road network: ${entry.message}`])),
    matrix,
    row: new Map(matrix.ids.map((id, i) => [id, i])),
  };
}
