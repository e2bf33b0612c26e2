/**
 * Prepared road networks: the work every run on the same roads repeats (the graph for a profile,
 * its components, the snapping index, the contraction hierarchy), done once and kept in one file
 * (`postroute prepare`), as OSRM extracts and contracts once and then answers many queries.
 * Anything that takes roads takes a prepared network instead and skips that work, with results
 * equal to those on the raw roads, bit for bit.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { InputError } from '../errors.js';
import { buildNetwork, withGraphology, type BuildNetworkOptions } from '../graph/build.js';
import { defaultProfile, type RoadProfile } from '../graph/profile.js';
import { adoptSegmentIndex, segmentIndex } from '../graph/snap.js';
import type { DroppedReport, NetworkStats, RoadNetwork } from '../graph/types.js';
import { adoptHierarchy, hierarchyFor, type Metric } from '../matrix/matrix.js';
import type { ProgressCallback } from '../util/progress.js';
import { encodeRoadsFramed, type RoadsEncodedFramed } from '../report/html/roads-ahead.js';
import { reportRoads } from '../plan/steps.js';
import { decodeEdges, decodeGraph, decodeHierarchy, decodeSegmentIndex, encodeEdges, encodeGraph, encodeHierarchy, encodeSegmentIndex, SectionReader } from './codec.js';
import { decodeContainer, encodeContainer, isPreparedBytes, type SectionArray } from './format.js';

/** How the network was built: a prepared file serves only requests for the same. */
export interface PreparedBuild {
  profile: RoadProfile;
  keep: 'largest-scc' | 'all';
  mergeEndpointsWithin: number;
  nodeCrossings: boolean;
}

/** A prepared road network, made by `prepareRoads` or read from a `.prn` file. */
export interface PreparedRoads {
  kind: 'prepared';
  /** File name for messages. */
  source: string;
  network: RoadNetwork;
  build: PreparedBuild;
  /** The raw roads it was prepared from: their name, size and SHA-256 (hex). */
  roads: { source: string; bytes: number; sha256: string };
  /** True when the roads came from OpenStreetMap (the report then credits it). */
  fromOsm: boolean;
  /** The metrics whose hierarchies the file holds ("time" always; "distance" when asked for). */
  metrics: Metric[];
  /** [west, south, east, north] of the roads. */
  bbox: [number, number, number, number];
  /** The report map's roads, encoded at the scale of their own extent (absent in a network
   *  prepared without them): a plan whose places leave that scale as it is takes them as they are. */
  map?: RoadsEncodedFramed;
}

/** Roads as any command takes them: raw GeoJSON features, or a prepared network. */
export type RoadsInput = FeatureCollection | PreparedRoads;

/**
 * True for a prepared network, false for raw GeoJSON roads.
 *
 * @example
 * if (isPreparedRoads(roads)) roads.network.stats.nodes;
 */
export function isPreparedRoads(roads: RoadsInput): roads is PreparedRoads {
  return (roads as PreparedRoads).kind === 'prepared';
}

/** What `prepareRoads` builds the network with, and the raw file's fingerprint to record. */
export interface PrepareRoadsOptions {
  source: string;
  /** Size and SHA-256 of the raw roads file, recorded in the prepared file. */
  roads: { bytes: number; sha256: string };
  profile?: RoadProfile;
  keep?: 'largest-scc' | 'all';
  mergeEndpointsWithin?: number;
  nodeCrossings?: boolean;
  /** Hierarchies to build and keep: quickest paths ("time", which plans use) always, shortest
   *  paths ("distance", e.g. coverage by road kilometres) too when listed. Default ["time"]. */
  metrics?: Metric[];
  onProgress?: ProgressCallback;
}

/**
 * Builds everything a prepared file holds: the network, its snapping index and its
 * quickest-path hierarchy.
 *
 * @example
 * const prepared = prepareRoads(roads, { source: 'roads.geojson', roads: { bytes, sha256 } });
 * writeChunks('county.prn', encodePrepared(prepared));
 */
export function prepareRoads(roads: FeatureCollection, options: PrepareRoadsOptions): PreparedRoads {
  const build: PreparedBuild = {
    profile: options.profile ?? defaultProfile,
    keep: options.keep ?? 'largest-scc',
    mergeEndpointsWithin: options.mergeEndpointsWithin ?? 0,
    nodeCrossings: options.nodeCrossings ?? false,
  };
  const report = options.onProgress;
  const network = buildNetwork(roads, { ...networkOptions(build), source: options.source, ...(report ? { onProgress: report } : {}) });
  report?.({ step: 'snap index', message: 'indexing road segments for snapping' });
  segmentIndex(network);
  const metrics: Metric[] = options.metrics?.includes('distance') ? ['time', 'distance'] : ['time'];
  for (const metric of metrics) {
    report?.({ step: 'hierarchy', message: metric === 'time' ? 'hierarchy of quickest paths' : 'hierarchy of shortest paths' });
    hierarchyFor(network, metric, report);
  }
  // The map's roads are the same for every plan on these roads (at the roads' own scale): drawn
  // once here, as the graph and hierarchy are built once, rather than on a core each plan's matrix wants.
  report?.({ step: 'map', message: 'encoding the roads for the report map' });
  const map = encodeRoadsFramed(reportRoads(network));
  return {
    kind: 'prepared',
    source: options.source,
    network,
    build,
    roads: { source: options.source, ...options.roads },
    metrics,
    fromOsm: roads.features.some((feature: Feature) => feature.properties?.osm_id !== undefined || String(feature.id ?? '').startsWith('way/')),
    bbox: extent(network),
    map,
  };
}

function networkOptions(build: PreparedBuild): BuildNetworkOptions {
  return { profile: build.profile, keep: build.keep, mergeEndpointsWithin: build.mergeEndpointsWithin, nodeCrossings: build.nodeCrossings };
}

function extent(network: RoadNetwork): [number, number, number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const edges of [network.edges, network.droppedEdges]) {
    for (const edge of edges) {
      for (const p of edge.coordinates) {
        if (p[0]! < west) west = p[0]!;
        if (p[0]! > east) east = p[0]!;
        if (p[1]! < south) south = p[1]!;
        if (p[1]! > north) north = p[1]!;
      }
    }
  }
  return [west, south, east, north];
}

/** What the header holds beside the section table. */
interface PreparedHeader {
  kind: 'postroute prepared roads';
  build: PreparedBuild;
  roads: PreparedRoads['roads'];
  fromOsm: boolean;
  bbox: [number, number, number, number];
  nodes: number;
  edges: number;
  droppedEdges: number;
  classes: string[];
  stats: Omit<NetworkStats, 'timings'>;
  dropped: DroppedReport;
  snap: { kx: number; metricFactor: number };
  hierarchies: Partial<Record<Metric, { coreSize: number; shortcuts: number }>> & { time: { coreSize: number; shortcuts: number } };
  /** The map's scale and frame; its encoded lines are the sections map.major, map.minor, map.track. */
  map?: Omit<RoadsEncodedFramed, 'encoded'>;
}

const MAP_CLASSES = ['major', 'minor', 'track'] as const;

/**
 * The prepared network as the byte chunks of its file, in order. The same network always gives
 * the same bytes (no dates, no timings).
 *
 * @example
 * for (const chunk of encodePrepared(prepared)) writeSync(fd, chunk);
 */
export function encodePrepared(prepared: PreparedRoads): Uint8Array[] {
  const { network } = prepared;
  const sections: Record<string, SectionArray> = {};
  encodeGraph(network.csr, network.nodeLon, network.nodeLat, sections);
  const classes = new Map<string, number>();
  encodeEdges('edge', network.edges, classes, sections);
  encodeEdges('dropped', network.droppedEdges, classes, sections);
  const snap = encodeSegmentIndex(segmentIndex(network), sections);
  const hierarchies: PreparedHeader['hierarchies'] = { time: encodeHierarchy('ch.time', hierarchyFor(network, 'time'), sections) };
  if (prepared.metrics.includes('distance')) hierarchies.distance = encodeHierarchy('ch.distance', hierarchyFor(network, 'distance'), sections);
  if (prepared.map) for (const key of MAP_CLASSES) sections[`map.${key}`] = new Uint8Array(Buffer.from(prepared.map.encoded[key], 'latin1'));
  const { timings: _timings, ...stats } = network.stats;
  const header: PreparedHeader = {
    kind: 'postroute prepared roads',
    build: prepared.build,
    roads: prepared.roads,
    fromOsm: prepared.fromOsm,
    bbox: prepared.bbox,
    nodes: network.csr.nodeCount,
    edges: network.edges.length,
    droppedEdges: network.droppedEdges.length,
    classes: [...classes.keys()],
    stats,
    dropped: network.dropped,
    snap,
    hierarchies,
    ...(prepared.map ? { map: { frame: prepared.map.frame, tolerance: prepared.map.tolerance, precision: prepared.map.precision } } : {}),
  };
  return encodeContainer(header as unknown as Record<string, unknown>, sections);
}

const FIX = 'prepare it again: postroute prepare ROADS --out FILE.prn';

/**
 * Reads a prepared network from the bytes of its file, checking the format version, the length,
 * the checksum and every index; the network comes with its snapping index and hierarchy.
 *
 * @example
 * const prepared = decodePrepared(readFileSync('county.prn'), 'county.prn');
 * snapPlaces(prepared.network, places); // no index built
 */
export function decodePrepared(bytes: Uint8Array, source: string): PreparedRoads {
  const { header: raw, sections } = decodeContainer(bytes, source, FIX);
  const header = raw as unknown as PreparedHeader;
  const r = new SectionReader(sections, source, FIX);
  if (header.kind !== 'postroute prepared roads' || !header.build || !header.stats || !Array.isArray(header.classes) || !header.hierarchies?.time || !header.snap) {
    r.fail('its header lacks what a prepared road network holds');
  }
  const { csr, nodeLon, nodeLat } = decodeGraph(r, header.nodes, header.edges);
  const edges = decodeEdges(r, 'edge', header.classes, header.nodes, false);
  const droppedEdges = decodeEdges(r, 'dropped', header.classes, header.nodes, true);
  if (edges.length !== header.edges || droppedEdges.length !== header.droppedEdges) r.fail('its edge counts differ from its header');
  const network = withGraphology({
    csr, nodeLon, nodeLat, edges, droppedEdges, dropped: header.dropped,
    stats: { ...header.stats, timings: {} }, profile: header.build.profile,
  });
  adoptSegmentIndex(network, decodeSegmentIndex(r, header.snap, edges, droppedEdges));
  adoptHierarchy(network, 'time', decodeHierarchy(r, 'ch.time', csr, header.hierarchies.time));
  const metrics: Metric[] = ['time'];
  if (header.hierarchies.distance) {
    adoptHierarchy(network, 'distance', decodeHierarchy(r, 'ch.distance', csr, header.hierarchies.distance));
    metrics.push('distance');
  }
  const map = header.map ? decodeMap(r, header.map) : undefined;
  return { kind: 'prepared', source, network, build: header.build, roads: header.roads, metrics, fromOsm: header.fromOsm === true, bbox: header.bbox, ...(map ? { map } : {}) };
}

/** The map's encoded roads: ASCII polyline text (a byte outside it is a damaged file). */
function decodeMap(r: SectionReader, kept: Omit<RoadsEncodedFramed, 'encoded'>): RoadsEncodedFramed {
  const { frame, tolerance, precision } = kept;
  const finite = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
  if (!frame || ![frame.south, frame.west, frame.north, frame.east, tolerance, precision].every(finite)) r.fail('its map header is damaged');
  const encoded = {} as RoadsEncodedFramed['encoded'];
  for (const key of MAP_CLASSES) {
    const bytes = r.get(`map.${key}`, Uint8Array);
    for (let i = 0; i < bytes.length; i++) if (bytes[i]! < 0x20 || bytes[i]! > 0x7e) r.fail(`its map section "map.${key}" holds a byte that is not polyline text`);
    encoded[key] = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  return { frame, tolerance, precision, encoded };
}

/** True when the bytes are a prepared network's (of any version: a wrong one gets its own error). */
export { isPreparedBytes };

/**
 * The road network for a request: built from raw roads, or the prepared one when it was built
 * the same way (profile, kept component, repairs). A prepared network made otherwise is refused
 * with the difference, never used for a request it does not answer.
 *
 * @example
 * const network = networkFromRoads(roads, { source: 'county.prn', profile });
 */
export function networkFromRoads(roads: RoadsInput, options: BuildNetworkOptions & { source: string }): RoadNetwork {
  if (!isPreparedRoads(roads)) return buildNetwork(roads, options);
  const wanted: PreparedBuild = {
    profile: options.profile ?? defaultProfile,
    keep: options.keep ?? 'largest-scc',
    mergeEndpointsWithin: options.mergeEndpointsWithin ?? 0,
    nodeCrossings: options.nodeCrossings ?? false,
  };
  const have = roads.build;
  const differ = (what: string, had: string, asked: string): never => {
    throw new InputError(`prepared with ${what} ${had}, but ${asked} is asked for`, { source: roads.source },
      `prepare it again with the same options as this run (postroute prepare ${roads.roads.source} … --out ${roads.source}), or give the raw roads`);
  };
  if (canonical(have.profile) !== canonical(wanted.profile)) {
    differ('the road profile', `"${have.profile.name}"`, wanted.profile.name === have.profile.name ? `another profile named "${wanted.profile.name}" (different speeds or rules)` : `profile "${wanted.profile.name}"`);
  }
  if (have.keep !== wanted.keep) differ('--keep', have.keep, `--keep ${wanted.keep}`);
  if (have.mergeEndpointsWithin !== wanted.mergeEndpointsWithin) differ('--merge-endpoints', String(have.mergeEndpointsWithin), `--merge-endpoints ${wanted.mergeEndpointsWithin}`);
  if (have.nodeCrossings !== wanted.nodeCrossings) differ('--node-crossings', String(have.nodeCrossings), `--node-crossings ${wanted.nodeCrossings}`);
  options.onProgress?.({ step: 'graph', message: `prepared network: ${roads.network.stats.nodes} nodes, ${roads.network.stats.edges} edges` });
  return roads.network;
}

/** JSON with object keys sorted, so that two equal profiles compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v);
}
