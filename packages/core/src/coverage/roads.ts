/**
 * Demand × site matrices from the road network: both sets of places are snapped onto the roads
 * and measured by the same shortest-path search as every other matrix in postroute.
 */
import { InputError } from '../errors.js';
import { placeLocation, type Place } from '../io/places.js';
import type { RoadNetwork } from '../graph/types.js';
import { snapPlaces, type RejectedPlace, type SnapOptions } from '../graph/snap.js';
import { computeMatrix, type Metric } from '../matrix/matrix.js';
import type { ProgressCallback } from '../util/progress.js';
import type { CoverageMatrix } from './model.js';

/** Options of `roadCoverageMatrix`. */
export interface RoadCoverageMatrixOptions {
  /** `distance` (metres, default) or `time` (seconds): what the paths minimise and what is returned. */
  metric?: Metric;
  /** Snapping options (e.g. `maxDistance`). */
  snap?: SnapOptions;
  onProgress?: ProgressCallback;
}

/** A demand × site matrix on the roads, with the places that could not be snapped. */
export interface RoadCoverageMatrix {
  matrix: CoverageMatrix;
  /** Demand points that could not be snapped: their rows are unreachable (NaN). */
  rejectedDemand: RejectedPlace[];
  /** Sites that could not be snapped: their columns are unreachable (NaN). */
  rejectedSites: RejectedPlace[];
}

/**
 * Road distances (or times) from every demand point to every site. Places that cannot be snapped
 * stay in the matrix with unreachable entries, so the coverage result reports them instead of
 * losing them. A demand point and a site may share an id (sites = demand points).
 *
 * @example
 * const network = buildNetwork(roads);
 * const { matrix } = roadCoverageMatrix(network, villages, villages, { metric: 'distance' });
 * const result = await solveSetCovering(matrix, { radius: 5000 });
 */
export function roadCoverageMatrix(network: RoadNetwork, demand: readonly Place[], sites: readonly Place[], options: RoadCoverageMatrixOptions = {}): RoadCoverageMatrix {
  const metric = options.metric ?? 'distance';
  // Snap both lists under internal ids, so that a place that is both demand and site is fine.
  const places: Place[] = [
    ...demand.map((place, k) => ({ ...place, id: `d${k}` })),
    ...sites.map((place, k) => ({ ...place, id: `s${k}` })),
  ];
  const snapOptions: SnapOptions = { ...options.snap };
  if (options.onProgress) snapOptions.onProgress = options.onProgress;
  const { snaps, rejected } = snapPlaces(network, places, snapOptions);
  const travel = computeMatrix(network, snaps, options.onProgress ? { metric, onProgress: options.onProgress } : { metric });
  const values = metric === 'time' ? travel.durations : travel.distances;
  const n = demand.length;
  const m = sites.length;
  const rowOf = new Int32Array(n).fill(-1);
  const columnOf = new Int32Array(m).fill(-1);
  snaps.forEach((snap, k) => {
    if (snap.placeIndex < n) rowOf[snap.placeIndex] = k;
    else columnOf[snap.placeIndex - n] = k;
  });
  const out = new Float64Array(n * m).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const from = rowOf[i]!;
    if (from < 0) continue;
    for (let j = 0; j < m; j++) {
      const to = columnOf[j]!;
      if (to >= 0) out[i * m + j] = values[from * travel.size + to]!;
    }
  }
  const original = (rejectedPlace: RejectedPlace, list: readonly Place[], offset: number): RejectedPlace => ({
    ...rejectedPlace,
    placeId: list[rejectedPlace.placeIndex - offset]!.id,
    placeIndex: rejectedPlace.placeIndex - offset,
  });
  return {
    matrix: { demandIds: demand.map((place) => place.id), siteIds: sites.map((place) => place.id), values: out },
    rejectedDemand: rejected.filter((r) => r.placeIndex < n).map((r) => original(r, demand, 0)),
    rejectedSites: rejected.filter((r) => r.placeIndex >= n).map((r) => original(r, sites, n)),
  };
}

/**
 * The sites of a coverage problem on roads: existing outlets first, then the candidates; a
 * candidate with an outlet's id is the outlet. Two outlets with one id are bad input.
 *
 * @example
 * coverageSites(outlets, villages, 'outlets.geojson').map((p) => p.id);
 */
export function coverageSites(existing: readonly Place[], candidates: readonly Place[], source: string): Place[] {
  const ids = new Set(existing.map((place) => place.id));
  if (ids.size !== existing.length) throw new InputError('duplicate outlet id', { source }, 'give every outlet a unique id');
  return [...existing, ...candidates.filter((place) => !ids.has(place.id))];
}

/**
 * A number ≥ 0 per place from one of its properties (a weight, an opening cost, a capacity).
 * With `fallback`, a place without the property gets it; otherwise, and for a value that is not
 * such a number, one located `InputError` naming the place (and `fallbackOption`, the option that
 * would give the fallback).
 *
 * @example
 * placeNumbers(villages, 'population', { source: 'villages.geojson', fallback: 50 });
 */
export function placeNumbers(places: readonly Place[], field: string, options: { source: string; fallback?: number | undefined; fallbackOption?: string }): number[] {
  const { source, fallback, fallbackOption } = options;
  return places.map((place, index) => {
    const raw = place.properties[field];
    if (fallback !== undefined && (raw === undefined || raw === null || raw === '')) return fallback;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(value) || value < 0) {
      throw new InputError(`"${place.id}" has no usable ${field} (${JSON.stringify(raw ?? null)})`, placeLocation(place, index, source, field), `give every place a number ≥ 0 in "${field}"${fallbackOption ? `, or set a weight for places without one (${fallbackOption})` : ''}`);
    }
    return value;
  });
}
