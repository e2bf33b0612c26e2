/**
 * The shared ground of every plan: the road graph, the places snapped onto it, and the travel
 * matrices over all snapped places. Built once per plan.json and reused by today's routes, the
 * new plan, both tiers and every scenario, so that all are measured the same way.
 */
import { InfeasibleError } from '../errors.js';
import { defaultProfile, type RoadProfile } from '../graph/profile.js';
import type { ProfileSpec } from './file/plan-tiers.js';
import { droppedPieceOf, snapPlaces } from '../graph/snap.js';
import type { RejectedPlace, Snap } from '../graph/snap.js';
import type { RoadNetwork } from '../graph/types.js';
import type { Place } from '../io/places.js';
import { computeMatrixParallel } from '../matrix/index.js';
import type { TravelMatrix } from '../matrix/index.js';
import { isPreparedRoads, networkFromRoads, type RoadsInput } from '../prepared/prepare.js';
import { formatFigure } from '../io/numbers.js';
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

type NetworkOptions = { source: string; snapDistance: number; onProgress: ProgressCallback; profile?: RoadProfile; threads?: number };

/**
 * Builds the road graph, snaps the places and computes the matrices, on worker threads where the
 * matrix is large (the same matrix, bit for bit, as on one thread).
 *
 * @param hubs the hubs must be on the network: a plan without its depot is infeasible
 * @example
 * const prepared = await prepareNetwork(roads, places, hubs, { source: 'roads.geojson', snapDistance: 500, onProgress: () => {} });
 */
export async function prepareNetwork(roads: RoadsInput, rawPlaces: readonly Place[], hubs: readonly PlanPlace[], options: NetworkOptions): Promise<PreparedNetwork> {
  return matrixOver(placeOnNetwork(roads, rawPlaces, hubs, options), options);
}

/**
 * The first half of `prepareNetwork`: the road graph and the places snapped onto it, the hubs
 * checked. After it nothing reads the roads, so a caller may drop them before the matrix.
 * `afterGraph` is told the graph as soon as it is built, before the places are snapped.
 */
export function placeOnNetwork(roads: RoadsInput, rawPlaces: readonly Place[], hubs: readonly PlanPlace[], options: NetworkOptions & { afterGraph?: (network: RoadNetwork) => void }): PlacedNetwork {
  const progress = options.onProgress;
  progress({ step: 'graph', message: `building the road graph${options.profile ? ` (${options.profile.name})` : ''}` });
  const network = networkFromRoads(roads, { source: options.source, onProgress: progress, ...(options.profile ? { profile: options.profile } : {}) });
  options.afterGraph?.(network);
  progress({ step: 'snap', message: `snapping ${rawPlaces.length} places` });
  const { snaps, rejected } = snapPlaces(network, [...rawPlaces], { maxDistance: options.snapDistance });
  for (const hub of hubs) {
    const reason = rejected.find((entry) => entry.placeId === hub.id);
    if (reason?.reason === 'dropped-component' && reason.droppedEdge !== undefined) throw hubOnDroppedPiece(hub, reason, network, roads);
    if (reason) throw new InfeasibleError(`the hub "${hub.name}" cannot be placed on the road network: ${reason.message}`, 'move the hub onto a road, or raise snapDistanceM');
  }
  return { network, snaps, rejected };
}

/** The graph and snaps of `placeOnNetwork`, before the matrix. */
export interface PlacedNetwork {
  network: RoadNetwork;
  snaps: Snap[];
  rejected: RejectedPlace[];
}

/** The second half of `prepareNetwork`: the matrices over the snapped places. */
export async function matrixOver(placed: PlacedNetwork, options: Pick<NetworkOptions, 'onProgress' | 'threads'>): Promise<PreparedNetwork> {
  const { network, snaps, rejected } = placed;
  const progress = options.onProgress;
  // Vans take the quickest road, not the shortest farm track; kilometres are those of the quickest paths.
  progress({ step: 'matrix', message: `${snaps.length} × ${snaps.length} road distances` });
  const matrix = await computeMatrixParallel(network, snaps, { metric: 'time', onProgress: progress, ...(options.threads !== undefined ? { threads: options.threads } : {}) });
  return {
    network,
    snaps,
    snapOf: new Map(snaps.map((snap) => [snap.placeId, snap])),
    rejected: new Map(rejected.map((entry) => [entry.placeId, `not on the road network: ${entry.message}`])),
    matrix,
    row: new Map(matrix.ids.map((id, i) => [id, i])),
  };
}

/**
 * A vehicle's road profile from plan.json: the default rural profile without the excluded road
 * classes, with the included ones, every speed times `speedFactor` and capped at `maxSpeedKmh`.
 *
 * @example
 * roadProfile('truck', { exclude: ['track'], include: {}, speedFactor: 0.9 });
 */
export function roadProfile(name: string, spec: ProfileSpec): RoadProfile {
  const speeds: Record<string, number> = {};
  for (const [roadClass, speed] of Object.entries({ ...defaultProfile.speeds, ...spec.include })) {
    if (!spec.exclude.includes(roadClass)) speeds[roadClass] = speed * spec.speedFactor;
  }
  const maxSpeed = Math.min((defaultProfile.maxSpeed ?? 130) * spec.speedFactor, spec.maxSpeedKmh ?? Infinity);
  return { ...defaultProfile, name, speeds, maxSpeed, maxspeedFactor: (defaultProfile.maxspeedFactor ?? 1) * spec.speedFactor };
}

/**
 * A hub whose road is on a piece of network left out (not connected both ways to the rest): a
 * larger snapDistanceM would only move it kilometres onto another road, so the error names the
 * piece (its roads, size and place) and the nearest point of the kept network instead.
 */
function hubOnDroppedPiece(hub: PlanPlace, rejected: RejectedPlace, network: RoadNetwork, roads: RoadsInput): InfeasibleError {
  const piece = droppedPieceOf(network, rejected.droppedEdge!);
  const names = new Set<string>();
  if (!isPreparedRoads(roads)) {
    for (const e of piece.edges) {
      const name = roads.features[network.droppedEdges[e]!.feature]?.properties?.name;
      if (typeof name === 'string' && name.trim() !== '') names.add(name.trim());
    }
  }
  const named = [...names].sort();
  const roadsText = named.length === 0 ? '' : `: ${named.slice(0, 3).map((name) => `"${name}"`).join(', ')}${named.length > 3 ? ', …' : ''}`;
  const at = (lon: number, lat: number): string => `${lon.toFixed(5)},${lat.toFixed(5)}`;
  const [x0, y0, x1, y1] = piece.bbox;
  const size = `${piece.edges.length} road segment${piece.edges.length === 1 ? '' : 's'}, ${formatFigure(piece.length / 1000, 1)} km, around ${at((x0 + x1) / 2, (y0 + y1) / 2)}`;
  const kept = rejected.keptAt
    ? `the nearest point of the kept network is ${formatFigure((rejected.keptDistance ?? 0) / 1000, 1)} km away at ${at(rejected.keptAt[0], rejected.keptAt[1])}`
    : 'the kept network has no roads';
  return new InfeasibleError(
    `the hub "${hub.name}" is on a piece of road network that is not connected both ways to the rest (${size}${roadsText}), so that piece was left out; ${kept}`,
    'check the roads between them (a missing link, a bridge, a oneway tag the wrong way) so that the piece joins the network, or move the hub onto the kept network; a larger snapDistanceM would only move it onto another road',
  );
}

/**
 * The fix for a place that is not on the road network: a larger snapDistanceM when roads are
 * merely far, but not when its road is on a dropped piece (that would move it onto another road).
 *
 * @example
 * offNetworkHint('not on the road network: nearest road is 900 m away (limit 500 m)'); // 'move it onto a road, or raise snapDistanceM'
 */
export function offNetworkHint(why: string): string {
  return why.includes('not connected both ways')
    ? 'check the roads there so that its piece joins the network (a missing link, a bridge, a oneway tag), or move it onto the kept network; a larger snapDistanceM would only move it onto another road'
    : 'move it onto a road, or raise snapDistanceM';
}
