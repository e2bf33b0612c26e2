/**
 * GeoJSON roads → routable network. Lines connect only where they share a coordinate (the OSM
 * convention), at any vertex, not just at endpoints; bridges and tunnels that cross without a
 * shared vertex stay apart. Optional repairs for non-OSM data: merging dangling endpoints and
 * noding true crossings.
 */
import Flatbush from 'flatbush';
import { MultiGraph } from 'graphology';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { InputError } from '../errors.js';
import type { ProgressCallback } from '../util/progress.js';
import { compileArrays } from './compile.js';
import { haversine, METRES_PER_DEGREE } from './geodesy.js';
import { defaultProfile, resolveRoad, type RoadProfile } from './profile.js';
import type { DroppedPiece, DroppedReport, NetworkStats, RoadEdge, RoadNetwork } from './types.js';

/** Options of `buildNetwork`. */
export interface BuildNetworkOptions {
  /** Which roads are drivable and how fast; default `defaultProfile` (OSM, rural car). */
  profile?: RoadProfile;
  /** File name used in error messages; default "roads". */
  source?: string;
  /** "largest-scc" (default) keeps the largest strongly connected component, so every kept
   *  node can reach every other; "all" keeps every drivable edge. */
  keep?: 'largest-scc' | 'all';
  /** Join a dangling line end to the nearest vertex of another line within this many metres
   *  (digitising gaps in non-OSM data). Default 0: off, as OSM data is noded. */
  mergeEndpointsWithin?: number;
  /** Add junctions where lines cross without a shared vertex, unless their layers differ
   *  (`layer`, `bridge`, `tunnel`). Default false: in OSM data a crossing without a shared
   *  vertex is a bridge or tunnel. */
  nodeCrossings?: boolean;
  onProgress?: ProgressCallback;
}

interface Line {
  vertices: number[];
  /** The input positions of `vertices`, reused for edge geometry; dropped when a repair edits the line. */
  positions: Position[] | undefined;
  feature: number;
  roadClass: string;
  speed: number;
  oneway: boolean;
  layer: number;
}

type WorkEdge = RoadEdge;

/**
 * Builds a routable road network from a GeoJSON FeatureCollection of LineStrings and
 * MultiLineStrings (WGS84 lon/lat). Other geometries are skipped and counted in `stats`.
 *
 * @example
 * const roads = readGeoJson(readFileSync('roads.geojson', 'utf8'), 'roads.geojson');
 * const network = buildNetwork(roads, { source: 'roads.geojson' });
 * network.stats.nodes; network.stats.length; network.dropped.pieces;
 */
export function buildNetwork(roads: FeatureCollection, options: BuildNetworkOptions = {}): RoadNetwork {
  const profile = options.profile ?? defaultProfile;
  const source = options.source ?? 'roads';
  const keep = options.keep ?? 'largest-scc';
  const report = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round((now - clock) * 10) / 10;
    clock = now;
  };
  const steps = 6;
  report({ step: 'build', done: 0, total: steps, message: 'reading roads' });

  const vertices = new VertexTable(roads.features.length * 4);
  const read = readLines(roads, profile, source, vertices);
  const { lines, stats: readStats } = read;
  if (lines.length === 0) {
    const excluded = Object.entries(readStats.excluded).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ×${v}`);
    const skipped = Object.entries(readStats.skippedGeometries).map(([k, v]) => `${k} ×${v}`);
    throw new InputError(
      `no drivable roads left after filtering ${roads.features.length} features` +
        (excluded.length ? ` (excluded: ${excluded.join(', ')})` : '') +
        (skipped.length ? ` (skipped geometries: ${skipped.join(', ')})` : ''),
      { source },
      `give LineString roads whose "${profile.classField ?? 'highway'}" is one of the profile's classes (${Object.keys(profile.speeds).slice(0, 6).join(', ')}, …)`,
    );
  }
  lap('read');

  let mergedEndpoints = 0;
  if ((options.mergeEndpointsWithin ?? 0) > 0) {
    mergedEndpoints = mergeDanglingEndpoints(lines, vertices, options.mergeEndpointsWithin!);
  }
  let crossingNodes = 0;
  if (options.nodeCrossings) crossingNodes = nodeCrossings(lines, vertices);
  lap('repair');
  report({ step: 'build', done: 1, total: steps, message: 'splitting at shared vertices' });

  const edges = splitLines(lines, vertices);
  const alive = new Uint8Array(edges.length).fill(1);
  lap('split');
  report({ step: 'build', done: 2, total: steps, message: 'joining degree-2 chains' });
  const contractedNodes = contractChains(edges, alive, vertices.count);
  lap('contract');
  report({ step: 'build', done: 3, total: steps, message: 'finding components' });

  // Number the junctions that remain, in order of first use, so the result is deterministic.
  const liveEdges = edges.filter((_edge, e) => alive[e] === 1);
  const nodeOf = new Int32Array(vertices.count).fill(-1);
  let nodeCount = 0;
  for (const edge of liveEdges) {
    if (nodeOf[edge.from] === -1) nodeOf[edge.from] = nodeCount++;
    if (nodeOf[edge.to] === -1) nodeOf[edge.to] = nodeCount++;
  }
  const from = new Uint32Array(liveEdges.length);
  const to = new Uint32Array(liveEdges.length);
  const oneway = new Uint8Array(liveEdges.length);
  liveEdges.forEach((edge, i) => {
    from[i] = nodeOf[edge.from]!;
    to[i] = nodeOf[edge.to]!;
    oneway[i] = edge.oneway ? 1 : 0;
  });
  const strong = stronglyConnectedComponents(nodeCount, from, to, oneway);
  const weak = weaklyConnectedComponents(nodeCount, from, to);
  const largest = largestComponent(strong.component, strong.count, from, to, liveEdges);
  lap('components');
  report({ step: 'build', done: 4, total: steps, message: 'building graph' });

  const keptEdges: RoadEdge[] = [];
  const droppedEdges: RoadEdge[] = [];
  const keptNodeIndex = new Int32Array(nodeCount).fill(-1);
  const nodeLonList: number[] = [];
  const nodeLatList: number[] = [];
  const keepNode = (oldNode: number, vertex: number): number => {
    if (keptNodeIndex[oldNode] === -1) {
      keptNodeIndex[oldNode] = nodeLonList.length;
      nodeLonList.push(vertices.lon[vertex]!);
      nodeLatList.push(vertices.lat[vertex]!);
    }
    return keptNodeIndex[oldNode]!;
  };
  const droppedIndex: number[] = [];
  liveEdges.forEach((edge, i) => {
    const kept = keep === 'all' || (strong.component[from[i]!] === largest && strong.component[to[i]!] === largest);
    const plain = edge;
    if (kept) {
      plain.from = keepNode(from[i]!, edge.from);
      plain.to = keepNode(to[i]!, edge.to);
      keptEdges.push(plain);
    } else {
      plain.from = -1;
      plain.to = -1;
      droppedEdges.push(plain);
      droppedIndex.push(i);
    }
  });
  const dropped = describeDropped(droppedIndex, droppedEdges, from, to, nodeCount, keptNodeIndex);

  const edgeSource = new Uint32Array(keptEdges.length);
  const edgeTarget = new Uint32Array(keptEdges.length);
  const edgeUndirected = new Uint8Array(keptEdges.length);
  const edgeLength = new Float64Array(keptEdges.length);
  const edgeDuration = new Float64Array(keptEdges.length);
  keptEdges.forEach((edge, e) => {
    edgeSource[e] = edge.from;
    edgeTarget[e] = edge.to;
    edgeUndirected[e] = edge.oneway ? 0 : 1;
    edgeLength[e] = edge.length;
    edgeDuration[e] = edge.duration;
  });
  const csr = compileArrays(nodeLonList.length, edgeSource, edgeTarget, edgeUndirected, edgeLength, edgeDuration);
  lap('compile');
  report({ step: 'build', done: steps, total: steps, message: 'done' });

  let length = 0;
  let onewayEdges = 0;
  const lengthByClass: Record<string, number> = {};
  for (const edge of keptEdges) {
    length += edge.length;
    if (edge.oneway) onewayEdges++;
    lengthByClass[edge.roadClass] = (lengthByClass[edge.roadClass] ?? 0) + edge.length;
  }
  const stats: NetworkStats = {
    ...readStats,
    nodes: nodeLonList.length,
    edges: keptEdges.length,
    arcs: csr.arcCount,
    onewayEdges,
    length,
    lengthByClass: sortedRecord(lengthByClass),
    contractedNodes,
    mergedEndpoints,
    crossingNodes,
    components: { weak: weak, strong: strong.count, largestStrongNodes: strong.size[largest] ?? 0 },
    timings,
  };
  const nodeLon = Float64Array.from(nodeLonList);
  const nodeLat = Float64Array.from(nodeLatList);
  return withGraphology({ csr, nodeLon, nodeLat, edges: keptEdges, droppedEdges, dropped, stats, profile });
}

/**
 * The network with its graphology view. The view costs more than the rest of the build on large
 * inputs and the searches never read it, so it is made on first access (and then kept).
 */
export function withGraphology(network: Omit<RoadNetwork, 'graph'>): RoadNetwork {
  let graph: MultiGraph | undefined;
  Object.defineProperty(network, 'graph', {
    enumerable: true,
    get: () => (graph ??= toGraphology(network.nodeLon, network.nodeLat, network.edges)),
  });
  return network as RoadNetwork;
}

/**
 * The network as a graphology mixed multigraph: node keys "0".."n-1" with lon/lat, edge keys
 * "0".."m-1" in edge order, two-way roads undirected, one-way roads directed from → to.
 */
function toGraphology(nodeLon: Float64Array, nodeLat: Float64Array, edges: RoadEdge[]): MultiGraph {
  const graph = new MultiGraph({ type: 'mixed', allowSelfLoops: true });
  for (let v = 0; v < nodeLon.length; v++) graph.addNode(String(v), { lon: nodeLon[v], lat: nodeLat[v] });
  edges.forEach((edge, e) => {
    const attributes = {
      length: edge.length,
      duration: edge.duration,
      roadClass: edge.roadClass,
      speed: edge.speed,
      oneway: edge.oneway,
      feature: edge.feature,
      coordinates: edge.coordinates,
    };
    if (edge.oneway) graph.addDirectedEdgeWithKey(String(e), String(edge.from), String(edge.to), attributes);
    else graph.addUndirectedEdgeWithKey(String(e), String(edge.from), String(edge.to), attributes);
  });
  return graph;
}

/**
 * Distinct coordinates, identified by exact equality of lon and lat: an open-addressing hash
 * table on the bits of the two doubles (a Map keyed by strings took most of the build time on
 * county-sized inputs).
 */
class VertexTable {
  lon: Float64Array;
  lat: Float64Array;
  count = 0;
  private slots: Int32Array;
  private readonly scratch = new Float64Array(2);
  private readonly bits = new Uint32Array(this.scratch.buffer);

  /** `expected`: a guess of the number of distinct vertices, to avoid regrowing. */
  constructor(expected = 1024) {
    const capacity = Math.max(1024, expected);
    this.lon = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(capacity * 2))).fill(-1);
  }

  private slotOf(lon: number, lat: number): number {
    this.scratch[0] = lon;
    this.scratch[1] = lat;
    const b = this.bits;
    let h = Math.imul(b[0]! ^ Math.imul(b[1]!, 0x9e3779b1), 0x85ebca6b);
    h = Math.imul(h ^ b[2]! ^ Math.imul(b[3]!, 0xc2b2ae35), 0x27d4eb2f);
    h ^= h >>> 15;
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id === -1 || (this.lon[id] === lon && this.lat[id] === lat)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  idOf(lon: number, lat: number): number {
    // -0 and 0 are the same coordinate but not the same bits.
    lon += 0;
    lat += 0;
    const slot = this.slotOf(lon, lat);
    const found = this.slots[slot]!;
    if (found !== -1) return found;
    const id = this.count++;
    if (id === this.lon.length) {
      const grow = (a: Float64Array): Float64Array => { const b = new Float64Array(a.length * 2); b.set(a); return b; };
      this.lon = grow(this.lon);
      this.lat = grow(this.lat);
    }
    this.lon[id] = lon;
    this.lat[id] = lat;
    this.slots[slot] = id;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** A vertex for a computed point (a crossing); equal coordinates still share it. */
  add(lon: number, lat: number): number {
    return this.idOf(lon, lat);
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let id = 0; id < this.count; id++) this.slots[this.slotOf(this.lon[id]!, this.lat[id]!)] = id;
  }
}

type ReadStats = Pick<NetworkStats, 'features' | 'featuresUsed' | 'skippedGeometries' | 'excluded' | 'ignoredSpeeds' | 'ignoredOneways'>;

function readLines(roads: FeatureCollection, profile: RoadProfile, source: string, vertices: VertexTable): { lines: Line[]; stats: ReadStats } {
  const stats: ReadStats = { features: 0, featuresUsed: 0, skippedGeometries: {}, excluded: {}, ignoredSpeeds: {}, ignoredOneways: {} };
  const lines: Line[] = [];
  const features = roads.features as Array<Feature | null | undefined>;
  stats.features = features.length;
  const count = (record: Record<string, number>, key: string): void => { record[key] = (record[key] ?? 0) + 1; };
  for (let index = 0; index < features.length; index++) {
    const feature = features[index];
    const geometry = feature?.geometry ?? null;
    let parts: Position[][];
    if (geometry === null) { count(stats.skippedGeometries, 'null'); continue; }
    if (geometry.type === 'LineString') parts = [geometry.coordinates];
    else if (geometry.type === 'MultiLineString') parts = geometry.coordinates;
    else { count(stats.skippedGeometries, geometry.type); continue; }
    const rule = resolveRoad(feature!.properties as Record<string, unknown> | null, profile);
    if (!rule.drivable) { count(stats.excluded, rule.reason); continue; }
    if (rule.ignoredSpeed !== undefined) count(stats.ignoredSpeeds, rule.ignoredSpeed);
    if (rule.ignoredOneway !== undefined) count(stats.ignoredOneways, rule.ignoredOneway);
    const layer = layerOf(feature!.properties);
    let used = false;
    parts.forEach((coordinates, part) => {
      if (!Array.isArray(coordinates)) throw new InputError('line coordinates are not an array', { source, index, field: 'geometry.coordinates' }, 'give LineString coordinates as [[lon, lat], ...]');
      const ids: number[] = [];
      const positions: Position[] = [];
      for (let i = 0; i < coordinates.length; i++) {
        const position = coordinates[i];
        const lon = position?.[0];
        const lat = position?.[1];
        if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
          const field = geometry.type === 'LineString' ? `geometry.coordinates[${i}]` : `geometry.coordinates[${part}][${i}]`;
          const projected = typeof lon === 'number' && typeof lat === 'number' && (Math.abs(lon) > 1000 || Math.abs(lat) > 1000);
          throw new InputError(
            projected ? `coordinates [${lon}, ${lat}] look like projected metres, not lon/lat degrees` : `invalid position ${JSON.stringify(position)}`,
            { source, index, field },
            projected ? 'reproject to WGS84 (EPSG:4326), e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`' : 'each position must be [lon, lat] with finite numbers in range',
          );
        }
        const id = vertices.idOf(lon, lat);
        if (ids[ids.length - 1] !== id) {
          ids.push(id);
          positions.push(position!);
        }
      }
      if (ids.length < 2) { count(stats.skippedGeometries, 'degenerate line'); return; }
      if (rule.direction === -1) {
        ids.reverse();
        positions.reverse();
      }
      lines.push({ vertices: ids, positions, feature: index, roadClass: rule.roadClass, speed: rule.speed, oneway: rule.direction !== 0, layer });
      used = true;
    });
    if (used) stats.featuresUsed++;
  }
  stats.skippedGeometries = sortedRecord(stats.skippedGeometries);
  stats.excluded = sortedRecord(stats.excluded);
  stats.ignoredSpeeds = sortedRecord(stats.ignoredSpeeds);
  stats.ignoredOneways = sortedRecord(stats.ignoredOneways);
  return { lines, stats };
}

function layerOf(properties: Record<string, unknown> | null | undefined): number {
  if (!properties) return 0;
  const layer = Number(properties.layer);
  if (properties.layer !== undefined && properties.layer !== null && Number.isFinite(layer)) return layer;
  const yes = (value: unknown): boolean => value !== undefined && value !== null && value !== 'no' && value !== false;
  if (yes(properties.bridge)) return 1;
  if (yes(properties.tunnel)) return -1;
  return 0;
}

/** Local metric frame for a set of longitudes/latitudes: x = lon·kx, y = lat (degrees). */
function longitudeScale(lat: Float64Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += lat[i]!;
  return Math.cos(((sum / Math.max(1, count)) * Math.PI) / 180);
}

function mergeDanglingEndpoints(lines: Line[], vertices: VertexTable, within: number): number {
  const uses = new Uint32Array(vertices.count);
  for (const line of lines) for (const v of line.vertices) uses[v]!++;
  const lineOfVertex = new Int32Array(vertices.count).fill(-1);
  lines.forEach((line, i) => { for (const v of line.vertices) if (lineOfVertex[v] === -1) lineOfVertex[v] = i; });
  const kx = longitudeScale(vertices.lat, vertices.count);
  const index = new Flatbush(Math.max(1, vertices.count));
  for (let v = 0; v < vertices.count; v++) index.add(vertices.lon[v]! * kx, vertices.lat[v]!);
  index.finish();
  const target = new Int32Array(vertices.count).fill(-1);
  const radius = (within / METRES_PER_DEGREE) * 1.5;
  let merged = 0;
  lines.forEach((line, lineIndex) => {
    for (const end of [line.vertices[0]!, line.vertices[line.vertices.length - 1]!]) {
      if (uses[end] !== 1 || target[end] !== -1) continue;
      const lon = vertices.lon[end]!;
      const lat = vertices.lat[end]!;
      const candidates = index.neighbors(lon * kx, lat, 16, radius, (v) => v !== end && lineOfVertex[v] !== lineIndex && target[v] === -1);
      let best = -1;
      let bestDistance = within;
      for (const v of candidates) {
        const d = haversine(lon, lat, vertices.lon[v]!, vertices.lat[v]!);
        if (d <= bestDistance) { best = v; bestDistance = d; }
      }
      if (best !== -1) { target[end] = best; merged++; }
    }
  });
  if (merged > 0) {
    for (const line of lines) {
      const out: number[] = [];
      for (const v of line.vertices) {
        const id = target[v] !== -1 ? target[v]! : v;
        if (out[out.length - 1] !== id) out.push(id);
      }
      if (out.length !== line.vertices.length || out.some((v, i) => v !== line.vertices[i])) line.positions = undefined;
      line.vertices = out;
    }
  }
  return merged;
}

function nodeCrossings(lines: Line[], vertices: VertexTable): number {
  const kx = longitudeScale(vertices.lat, vertices.count);
  const segLine: number[] = [];
  const segStart: number[] = [];
  lines.forEach((line, l) => { for (let i = 0; i + 1 < line.vertices.length; i++) { segLine.push(l); segStart.push(i); } });
  const index = new Flatbush(Math.max(1, segLine.length));
  const ends = (s: number): [number, number] => { const line = lines[segLine[s]!]!; return [line.vertices[segStart[s]!]!, line.vertices[segStart[s]! + 1]!]; };
  for (let s = 0; s < segLine.length; s++) {
    const [a, b] = ends(s);
    index.add(Math.min(vertices.lon[a]!, vertices.lon[b]!) * kx, Math.min(vertices.lat[a]!, vertices.lat[b]!), Math.max(vertices.lon[a]!, vertices.lon[b]!) * kx, Math.max(vertices.lat[a]!, vertices.lat[b]!));
  }
  index.finish();
  // Insertions per line: segment index → list of [t, vertex].
  const inserts = new Map<number, Array<[number, number, number]>>();
  let added = 0;
  for (let s = 0; s < segLine.length; s++) {
    const [a, b] = ends(s);
    const ax = vertices.lon[a]! * kx, ay = vertices.lat[a]!, bx = vertices.lon[b]! * kx, by = vertices.lat[b]!;
    const lineA = lines[segLine[s]!]!;
    for (const other of index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      if (other <= s) continue;
      const lineB = lines[segLine[other]!]!;
      if (lineA.layer !== lineB.layer) continue;
      const [c, d] = ends(other);
      if (a === c || a === d || b === c || b === d) continue;
      const cx = vertices.lon[c]! * kx, cy = vertices.lat[c]!, dx = vertices.lon[d]! * kx, dy = vertices.lat[d]!;
      const denominator = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
      if (denominator === 0) continue;
      const t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / denominator;
      const u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / denominator;
      if (t <= 0 || t >= 1 || u <= 0 || u >= 1) continue;
      const vertex = vertices.add((ax + t * (bx - ax)) / kx, ay + t * (by - ay));
      for (const [seg, param] of [[s, t], [other, u]] as const) {
        const key = seg;
        const list = inserts.get(key) ?? [];
        list.push([param, vertex, seg]);
        inserts.set(key, list);
      }
      added++;
    }
  }
  if (added === 0) return 0;
  const bySegment = [...inserts.entries()].sort((x, y) => x[0] - y[0]);
  const perLine = new Map<number, Map<number, number[]>>();
  for (const [seg, list] of bySegment) {
    list.sort((x, y) => x[0] - y[0]);
    const l = segLine[seg]!;
    const map = perLine.get(l) ?? new Map<number, number[]>();
    map.set(segStart[seg]!, list.map((item) => item[1]));
    perLine.set(l, map);
  }
  for (const [l, map] of perLine) {
    const line = lines[l]!;
    const out: number[] = [];
    line.vertices.forEach((v, i) => {
      if (out[out.length - 1] !== v) out.push(v);
      for (const inserted of map.get(i) ?? []) if (out[out.length - 1] !== inserted) out.push(inserted);
    });
    line.vertices = out;
    line.positions = undefined;
  }
  return added;
}

function splitLines(lines: Line[], vertices: VertexTable): WorkEdge[] {
  // A vertex is a junction when two line positions use it (two roads, or one road passing twice)
  // or when it ends a line.
  const uses = new Uint32Array(vertices.count);
  for (const line of lines) for (const v of line.vertices) uses[v]!++;
  for (const line of lines) {
    uses[line.vertices[0]!]! += 2;
    uses[line.vertices[line.vertices.length - 1]!]! += 2;
  }
  const edges: WorkEdge[] = [];
  const { lon, lat } = vertices;
  for (const line of lines) {
    const ids = line.vertices;
    let start = 0;
    const positions = line.positions;
    const at = (i: number): Position => positions ? positions[i]! : [lon[ids[i]!]!, lat[ids[i]!]!];
    let coordinates: Position[] = [at(0)];
    let length = 0;
    for (let i = 1; i < ids.length; i++) {
      const a = ids[i - 1]!;
      const b = ids[i]!;
      length += haversine(lon[a]!, lat[a]!, lon[b]!, lat[b]!);
      coordinates.push(at(i));
      if (uses[b]! >= 2) {
        edges.push({
          from: ids[start]!,
          to: b,
          coordinates,
          length,
          duration: length / (line.speed / 3.6),
          roadClass: line.roadClass,
          speed: line.speed,
          oneway: line.oneway,
          feature: line.feature,
        });
        start = i;
        coordinates = [at(i)];
        length = 0;
      }
    }
  }
  return edges;
}

/**
 * Joins the two edges at every junction that only they touch, when they are alike (class,
 * speed, one-way sense), so that the shortest-path searches see fewer nodes. The geometry and
 * length of the joined edge are the concatenation, so nothing is lost.
 */
function contractChains(edges: WorkEdge[], alive: Uint8Array, vertexCount: number): number {
  const degree = new Uint32Array(vertexCount);
  for (const edge of edges) { degree[edge.from]!++; degree[edge.to]!++; }
  const start = new Uint32Array(vertexCount + 1);
  for (let v = 0; v < vertexCount; v++) start[v + 1] = start[v]! + degree[v]!;
  const incident = new Int32Array(start[vertexCount]!);
  const fill = start.slice(0, vertexCount);
  edges.forEach((edge, e) => { incident[fill[edge.from]!++] = e; incident[fill[edge.to]!++] = e; });

  let contracted = 0;
  for (let v = 0; v < vertexCount; v++) {
    if (degree[v] !== 2) continue;
    const ia = incident[start[v]!]!;
    const ib = incident[start[v]! + 1]!;
    if (ia === ib) continue;
    const a = edges[ia]!;
    const b = edges[ib]!;
    if (a.roadClass !== b.roadClass || a.speed !== b.speed || a.oneway !== b.oneway) continue;
    let first: WorkEdge;
    let second: WorkEdge;
    let secondIndex: number;
    let firstIndex: number;
    if (a.oneway) {
      if (a.to === v && b.from === v) { first = a; second = b; firstIndex = ia; secondIndex = ib; }
      else if (b.to === v && a.from === v) { first = b; second = a; firstIndex = ib; secondIndex = ia; }
      else continue; // two one-ways meeting head to head: a dead end, keep the node
    } else {
      first = a; second = b; firstIndex = ia; secondIndex = ib;
      if (first.to !== v) reverseEdge(first);
      if (second.from !== v) reverseEdge(second);
    }
    if (first.from === v || second.to === v) continue; // defensive: a loop through v
    for (let i = 1; i < second.coordinates.length; i++) first.coordinates.push(second.coordinates[i]!);
    first.to = second.to;
    first.length += second.length;
    first.duration += second.duration;
    alive[secondIndex] = 0;
    // The far end of `second` now belongs to `first`.
    const w = second.to;
    for (let k = start[w]!; k < start[w + 1]!; k++) if (incident[k] === secondIndex) { incident[k] = firstIndex; break; }
    degree[v] = 0;
    contracted++;
  }
  return contracted;
}

function reverseEdge(edge: WorkEdge): void {
  const from = edge.from;
  edge.from = edge.to;
  edge.to = from;
  edge.coordinates.reverse();
}

/** Tarjan's algorithm, iterative (road graphs are deep enough to overflow a recursive one). */
function stronglyConnectedComponents(n: number, from: Uint32Array, to: Uint32Array, oneway: Uint8Array): { component: Int32Array; count: number; size: number[] } {
  const outDegree = new Uint32Array(n);
  for (let e = 0; e < from.length; e++) { outDegree[from[e]!]!++; if (!oneway[e]) outDegree[to[e]!]!++; }
  const offsets = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + outDegree[v]!;
  const heads = new Uint32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let e = 0; e < from.length; e++) {
    heads[fill[from[e]!]!++] = to[e]!;
    if (!oneway[e]) heads[fill[to[e]!]!++] = from[e]!;
  }
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callArc = new Uint32Array(n);
  const size: number[] = [];
  let stackTop = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callArc[0] = offsets[root]!;
    index[root] = low[root] = counter++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      if (callArc[depth]! < offsets[v + 1]!) {
        const w = heads[callArc[depth]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[stackTop++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callArc[depth] = offsets[w]!;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      if (low[v] === index[v]) {
        let members = 0;
        let w: number;
        do {
          w = stack[--stackTop]!;
          onStack[w] = 0;
          component[w] = count;
          members++;
        } while (w !== v);
        size.push(members);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
    }
  }
  return { component, count, size };
}

/** The component holding the most road length (node counts mislead after chain contraction). */
function largestComponent(component: Int32Array, count: number, from: Uint32Array, to: Uint32Array, edges: RoadEdge[]): number {
  const length = new Float64Array(count);
  for (let e = 0; e < from.length; e++) {
    const c = component[from[e]!]!;
    if (c === component[to[e]!]) length[c]! += edges[e]!.length;
  }
  let best = 0;
  for (let c = 1; c < count; c++) if (length[c]! > length[best]!) best = c;
  return best;
}

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

function weaklyConnectedComponents(n: number, from: Uint32Array, to: Uint32Array): number {
  const sets = new UnionFind(n);
  let count = n;
  for (let e = 0; e < from.length; e++) if (sets.union(from[e]!, to[e]!)) count--;
  return count;
}

function describeDropped(droppedIndex: number[], droppedEdges: RoadEdge[], from: Uint32Array, to: Uint32Array, nodeCount: number, keptNodeIndex: Int32Array): DroppedReport {
  const sets = new UnionFind(nodeCount);
  for (const i of droppedIndex) sets.union(from[i]!, to[i]!);
  const pieces = new Map<number, DroppedPiece & { touchesKept: boolean }>();
  let total = 0;
  droppedIndex.forEach((i, k) => {
    const edge = droppedEdges[k]!;
    total += edge.length;
    const root = sets.find(from[i]!);
    let piece = pieces.get(root);
    const first = edge.coordinates[0]!;
    if (!piece) {
      piece = { edges: 0, length: 0, bbox: [Infinity, Infinity, -Infinity, -Infinity], at: [first[0]!, first[1]!], reason: 'disconnected', touchesKept: false };
      pieces.set(root, piece);
    }
    piece.edges++;
    piece.length += edge.length;
    for (const [x, y] of edge.coordinates as Array<[number, number]>) {
      if (x < piece.bbox[0]) piece.bbox[0] = x;
      if (y < piece.bbox[1]) piece.bbox[1] = y;
      if (x > piece.bbox[2]) piece.bbox[2] = x;
      if (y > piece.bbox[3]) piece.bbox[3] = y;
    }
    if (keptNodeIndex[from[i]!] !== -1 || keptNodeIndex[to[i]!] !== -1) piece.touchesKept = true;
  });
  const list: DroppedPiece[] = [...pieces.values()].map(({ touchesKept, ...piece }) => ({ ...piece, reason: touchesKept ? 'one-way' : 'disconnected' }));
  list.sort((a, b) => b.length - a.length || a.at[0] - b.at[0] || a.at[1] - b.at[1]);
  return { pieces: list, edges: droppedEdges.length, length: total };
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}
