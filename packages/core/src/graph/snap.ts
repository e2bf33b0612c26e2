/**
 * Places → positions on road edges. Each place is projected perpendicularly onto the nearest
 * drivable segment; the edge is split virtually at that point, so a place in the middle of a
 * long rural road is exactly where it is, and one-way edges are honoured from there.
 */
import Flatbush from 'flatbush';
import type { Place } from '../io/places.js';
import type { ProgressCallback } from '../util/progress.js';
import { haversine, METRES_PER_DEGREE } from './geodesy.js';
import type { RoadEdge, RoadNetwork } from './types.js';
import type { Position } from 'geojson';

/** Where a place meets the road network. */
export interface Snap {
  placeId: string;
  /** Index of the place in the input list. */
  placeIndex: number;
  /** Edge index in `network.edges`. */
  edge: number;
  /** Metres along the edge from its `from` node to the snapped point. */
  offset: number;
  /** offset / edge length (0 when the edge has no length). */
  fraction: number;
  /** The snapped point on the road. */
  lon: number;
  lat: number;
  /** Metres from the place to the snapped point (geodesic). */
  distance: number;
  /** Metres and seconds of the off-road leg added to every trip from/to this place (0 unless
   *  `countOffRoad`). */
  offRoadDistance: number;
  offRoadDuration: number;
  /** Set when a road that is not in the kept network lies nearer than the snapped one: metres
   *  from the place to that road. The place is on the kept network all the same. */
  nearerDroppedRoad?: number;
  /** One line saying so, for the snap report ("a road 6 m away is not connected …"). */
  warning?: string;
}

/** A place that could not be put on the road network, and why. */
export interface RejectedPlace {
  placeId: string;
  placeIndex: number;
  reason: 'too-far' | 'dropped-component' | 'no-road';
  /** Metres to the nearest road (NaN when there is none). */
  distance: number;
  /** With reason "dropped-component": metres to the nearest road of the kept network (NaN when
   *  it has none), which is beyond the limit. */
  keptDistance?: number;
  /** With reason "dropped-component": the nearest road, an index into `network.droppedEdges`
   *  (`droppedPieceOf` finds its piece), and the nearest point of the kept network. */
  droppedEdge?: number;
  keptAt?: [number, number];
  lon: number;
  lat: number;
  message: string;
}

/** The result of `snapPlaces`: the places on the network and the ones rejected. */
export interface SnapResult {
  /** Accepted places, in input order. */
  snaps: Snap[];
  /** Places that were not snapped, in input order, with the reason. */
  rejected: RejectedPlace[];
}

/** Options of `snapPlaces`. */
export interface SnapOptions {
  /** Places farther than this from every road (metres) are rejected; default 5000. */
  maxDistance?: number;
  /** Add the off-road leg (place → road) to distances and durations; default false. */
  countOffRoad?: boolean;
  /** Speed on the off-road leg, km/h, when counted; default 10. */
  offRoadSpeed?: number;
  onProgress?: ProgressCallback;
}

/** The spatial index of every road segment (kept and dropped) that snapping searches. */
export interface SegmentIndex {
  index: Flatbush;
  /** Per segment: edge (kept: e ≥ 0, dropped: -1 - e) and the segment's first vertex. */
  segEdge: Int32Array;
  segVertex: Uint32Array;
  /** x = lon · kx so that degrees are roughly isotropic. */
  kx: number;
  /** Lower bound of (true metres) / (scaled-degree distance × METRES_PER_DEGREE) over the data. */
  metricFactor: number;
}

const indexCache = new WeakMap<RoadNetwork, SegmentIndex>();

/** Hands a network the index it was prepared with (a prepared road network carries it). */
export function adoptSegmentIndex(network: RoadNetwork, index: SegmentIndex): void {
  indexCache.set(network, index);
}

/** The network's segment index, built on first use and kept with the network. */
export function segmentIndex(network: RoadNetwork): SegmentIndex {
  const cached = indexCache.get(network);
  if (cached) return cached;
  let count = 0;
  let latSum = 0;
  let latMin = Infinity;
  let latMax = -Infinity;
  let vertexCount = 0;
  const visit = (edges: RoadEdge[]): void => {
    for (const edge of edges) {
      count += edge.coordinates.length - 1;
      for (const p of edge.coordinates) {
        latSum += p[1]!;
        vertexCount++;
        if (p[1]! < latMin) latMin = p[1]!;
        if (p[1]! > latMax) latMax = p[1]!;
      }
    }
  };
  visit(network.edges);
  visit(network.droppedEdges);
  const kx = Math.cos((latSum / Math.max(1, vertexCount)) * (Math.PI / 180));
  // Away from the mean latitude a degree of longitude is shorter or longer; bound the error.
  const coldest = Math.max(Math.abs(latMin), Math.abs(latMax));
  const metricFactor = Math.min(1, Math.cos(Math.min(89.9, coldest) * (Math.PI / 180)) / kx) * 0.995;
  const index = new Flatbush(Math.max(1, count));
  const segEdge = new Int32Array(count);
  const segVertex = new Uint32Array(count);
  let s = 0;
  const add = (edges: RoadEdge[], code: (e: number) => number): void => {
    edges.forEach((edge, e) => {
      const c = edge.coordinates;
      for (let i = 0; i + 1 < c.length; i++) {
        const ax = c[i]![0]! * kx, ay = c[i]![1]!, bx = c[i + 1]![0]! * kx, by = c[i + 1]![1]!;
        index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
        segEdge[s] = code(e);
        segVertex[s] = i;
        s++;
      }
    });
  };
  add(network.edges, (e) => e);
  add(network.droppedEdges, (e) => -1 - e);
  if (count === 0) index.add(0, 0, 0, 0);
  index.finish();
  const built = { index, segEdge, segVertex, kx, metricFactor };
  indexCache.set(network, built);
  return built;
}

interface Projection {
  segment: number;
  t: number;
  lon: number;
  lat: number;
  distance: number;
}

/** Perpendicular foot of (lon, lat) on segment a→b, in a local equirectangular frame. */
function project(lon: number, lat: number, a: ArrayLike<number>, b: ArrayLike<number>): { t: number; lon: number; lat: number } {
  const k = Math.cos(lat * (Math.PI / 180));
  const ax = (a[0]! - lon) * k, ay = a[1]! - lat;
  const bx = (b[0]! - lon) * k, by = b[1]! - lat;
  const dx = bx - ax, dy = by - ay;
  const squared = dx * dx + dy * dy;
  let t = squared === 0 ? 0 : -(ax * dx + ay * dy) / squared;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  return { t, lon: a[0]! + t * (b[0]! - a[0]!), lat: a[1]! + t * (b[1]! - a[1]!) };
}

/** The nearest segment within `maxDistance`, of any road or (`keptOnly`) of the kept network. */
function nearestSegment(network: RoadNetwork, idx: SegmentIndex, lon: number, lat: number, maxDistance: number, keptOnly = false): Projection | undefined {
  if (idx.segEdge.length === 0) return undefined;
  const filter = keptOnly ? (s: number): boolean => idx.segEdge[s]! >= 0 : undefined;
  const x = lon * idx.kx;
  const searchRadius = Number.isFinite(maxDistance) ? maxDistance / (METRES_PER_DEGREE * idx.metricFactor) : Infinity;
  let best: Projection | undefined;
  const seen = new Set<number>();
  for (let k = 8; ; k *= 4) {
    const found = idx.index.neighbors(x, lat, k, searchRadius, filter);
    let farthestBox = 0;
    for (const s of found) {
      const edgeCode = idx.segEdge[s]!;
      const edge = edgeCode >= 0 ? network.edges[edgeCode]! : network.droppedEdges[-1 - edgeCode]!;
      const i = idx.segVertex[s]!;
      const a = edge.coordinates[i]!;
      const b = edge.coordinates[i + 1]!;
      const ax = a[0]! * idx.kx, bx = b[0]! * idx.kx;
      const boxDx = Math.max(Math.min(ax, bx) - x, 0, x - Math.max(ax, bx));
      const boxDy = Math.max(Math.min(a[1]!, b[1]!) - lat, 0, lat - Math.max(a[1]!, b[1]!));
      farthestBox = Math.max(farthestBox, Math.hypot(boxDx, boxDy));
      if (seen.has(s)) continue;
      seen.add(s);
      const foot = project(lon, lat, a, b);
      const distance = haversine(lon, lat, foot.lon, foot.lat);
      // Ties go to the lower segment number, so results never depend on search order.
      if (!best || distance < best.distance || (distance === best.distance && s < best.segment)) best = { segment: s, t: foot.t, lon: foot.lon, lat: foot.lat, distance };
    }
    if (found.length < k) return best;
    // Every unseen segment is at least this far away.
    if (best && best.distance <= farthestBox * METRES_PER_DEGREE * idx.metricFactor) return best;
  }
}

/**
 * Snaps places onto the nearest edge of the kept network. A place whose nearest road was dropped
 * (a clipped dual carriageway, a driveway not connected both ways) goes onto the nearest kept
 * road when that is within `maxDistance`, with a warning that gives the dropped road's distance;
 * it is rejected only when the kept network is beyond the limit (the message gives both
 * distances). Places farther than `maxDistance` from every road are rejected too.
 *
 * @example
 * const { snaps, rejected } = snapPlaces(network, places, { maxDistance: 2000 });
 * snaps[0].distance; // metres from the place to the road
 */
export function snapPlaces(network: RoadNetwork, places: Place[], options: SnapOptions = {}): SnapResult {
  const maxDistance = options.maxDistance ?? 5000;
  const offRoadSpeed = (options.offRoadSpeed ?? 10) / 3.6;
  const idx = segmentIndex(network);
  const snaps: Snap[] = [];
  const rejected: RejectedPlace[] = [];
  const report = options.onProgress;
  places.forEach((place, placeIndex) => {
    if (report && placeIndex % 1000 === 0) report({ step: 'snap', done: placeIndex, total: places.length });
    // Past the limit, search on anyway so that the rejection can say how far the road is.
    const found = nearestSegment(network, idx, place.lon, place.lat, maxDistance) ?? nearestSegment(network, idx, place.lon, place.lat, Infinity);
    const base = { placeId: place.id, placeIndex, lon: place.lon, lat: place.lat };
    if (!found) {
      rejected.push({ ...base, reason: 'no-road', distance: Number.NaN, message: 'the network has no roads' });
      return;
    }
    if (found.distance > maxDistance) {
      rejected.push({ ...base, reason: 'too-far', distance: found.distance, message: `nearest road is ${Math.round(found.distance)} m away (limit ${maxDistance} m)` });
      return;
    }
    let chosen = found;
    let nearerDroppedRoad: number | undefined;
    if (idx.segEdge[found.segment]! < 0) {
      const kept = nearestSegment(network, idx, place.lon, place.lat, maxDistance, true);
      if (!kept) {
        const beyond = nearestSegment(network, idx, place.lon, place.lat, Infinity, true);
        const keptDistance = beyond ? beyond.distance : Number.NaN;
        rejected.push({
          ...base,
          reason: 'dropped-component',
          distance: found.distance,
          keptDistance,
          droppedEdge: -1 - idx.segEdge[found.segment]!,
          ...(beyond ? { keptAt: [beyond.lon, beyond.lat] as [number, number] } : {}),
          message: `nearest road (${Math.round(found.distance)} m) is not connected both ways to the main network, ` +
            (beyond ? `and the main network is ${Math.round(keptDistance)} m away (limit ${maxDistance} m)` : 'and the main network has no roads'),
        });
        return;
      }
      chosen = kept;
      nearerDroppedRoad = found.distance;
    }
    const edgeCode = idx.segEdge[chosen.segment]!;
    const edge = network.edges[edgeCode]!;
    const vertex = idx.segVertex[chosen.segment]!;
    let offset = 0;
    const c = edge.coordinates;
    for (let i = 0; i < vertex; i++) offset += haversine(c[i]![0]!, c[i]![1]!, c[i + 1]![0]!, c[i + 1]![1]!);
    offset += chosen.t * haversine(c[vertex]![0]!, c[vertex]![1]!, c[vertex + 1]![0]!, c[vertex + 1]![1]!);
    offset = Math.min(offset, edge.length);
    const counted = options.countOffRoad ? chosen.distance : 0;
    const snap: Snap = {
      placeId: place.id,
      placeIndex,
      edge: edgeCode,
      offset,
      fraction: edge.length > 0 ? offset / edge.length : 0,
      lon: chosen.lon,
      lat: chosen.lat,
      distance: chosen.distance,
      offRoadDistance: counted,
      offRoadDuration: counted / offRoadSpeed,
    };
    if (nearerDroppedRoad !== undefined) {
      snap.nearerDroppedRoad = nearerDroppedRoad;
      snap.warning = `placed on the main network ${Math.round(chosen.distance)} m away; a road ${Math.round(nearerDroppedRoad)} m away is nearer but not connected both ways to it`;
    }
    snaps.push(snap);
  });
  report?.({ step: 'snap', done: places.length, total: places.length });
  return { snaps, rejected };
}

/** A piece of road left out of the kept network: its dropped edges, their length, where it lies. */
export interface DroppedPieceAround {
  /** Indexes into `network.droppedEdges`. */
  edges: number[];
  /** metres */
  length: number;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
}

/**
 * The piece of dropped road that `droppedEdge` belongs to: every dropped edge joined to it through
 * shared end points (dropped edges have no graph nodes, so their end positions join them).
 *
 * @example
 * const piece = droppedPieceOf(network, rejected.droppedEdge!); // { edges: [4, 9, 12], length: 2310, bbox }
 */
export function droppedPieceOf(network: RoadNetwork, droppedEdge: number): DroppedPieceAround {
  const key = (p: Position): string => `${p[0]},${p[1]}`;
  const atEnd = new Map<string, number[]>();
  network.droppedEdges.forEach((edge, e) => {
    for (const end of [edge.coordinates[0]!, edge.coordinates[edge.coordinates.length - 1]!]) {
      const list = atEnd.get(key(end));
      if (list) list.push(e);
      else atEnd.set(key(end), [e]);
    }
  });
  const seen = new Set([droppedEdge]);
  const queue = [droppedEdge];
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let length = 0;
  while (queue.length > 0) {
    const edge = network.droppedEdges[queue.pop()!]!;
    length += edge.length;
    for (const [x, y] of edge.coordinates as [number, number][]) {
      bbox[0] = Math.min(bbox[0], x); bbox[1] = Math.min(bbox[1], y);
      bbox[2] = Math.max(bbox[2], x); bbox[3] = Math.max(bbox[3], y);
    }
    for (const end of [edge.coordinates[0]!, edge.coordinates[edge.coordinates.length - 1]!]) {
      for (const next of atEnd.get(key(end)) ?? []) if (!seen.has(next)) { seen.add(next); queue.push(next); }
    }
  }
  return { edges: [...seen].sort((a, b) => a - b), length, bbox };
}
