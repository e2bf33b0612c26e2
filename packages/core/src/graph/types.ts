/** The road network's public shapes. */
import type { MultiGraph } from 'graphology';
import type { Position } from 'geojson';
import type { CompiledGraph } from './compile.js';
import type { RoadProfile } from './profile.js';

/** One road edge between two junctions (or dead ends), with its full geometry. */
export interface RoadEdge {
  /** Node index of the first coordinate (-1 for dropped edges, whose nodes are not in the graph). */
  from: number;
  /** Node index of the last coordinate. */
  to: number;
  /** [lon, lat] positions from `from` to `to`, as in the input (reversed for oneway=-1 roads). */
  coordinates: Position[];
  /** Geodesic length in metres. */
  length: number;
  /** Travel time in seconds at `speed`. */
  duration: number;
  /** Road class from the profile's class field (OSM `highway`). */
  roadClass: string;
  /** Travel speed, km/h. */
  speed: number;
  /** True when the edge may only be driven from `from` to `to`. */
  oneway: boolean;
  /** Index of the input feature the edge came from (the first one, for contracted chains). */
  feature: number;
}

/** A piece of the network that was left out because it is not strongly connected to the rest. */
export interface DroppedPiece {
  edges: number;
  /** metres */
  length: number;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
  /** A point on the piece (its first vertex), to find it on a map. */
  at: [number, number];
  /** "disconnected": no road joins it to the kept network; "one-way": reachable only one way. */
  reason: 'disconnected' | 'one-way';
}

/** What `buildNetwork` left out of the kept network. */
export interface DroppedReport {
  /** Pieces (weakly connected groups of dropped edges), longest first. */
  pieces: DroppedPiece[];
  edges: number;
  /** metres */
  length: number;
}

/** What `buildNetwork` read, kept and skipped, with counts. */
export interface NetworkStats {
  features: number;
  /** Features that became at least one edge. */
  featuresUsed: number;
  /** Features skipped for their geometry type ("Point", "Polygon", "null", "empty"), by type. */
  skippedGeometries: Record<string, number>;
  /** Road features the profile does not drive on, by reason ("highway=footway not drivable", "access=no"). */
  excluded: Record<string, number>;
  /** maxspeed/speed values that could not be used (the class speed applied), by raw value. */
  ignoredSpeeds: Record<string, number>;
  /** oneway values that were not understood (treated as two-way), by raw value. */
  ignoredOneways: Record<string, number>;
  /** Nodes and edges of the kept network. */
  nodes: number;
  edges: number;
  /** Directed arcs in the compiled graph (two per two-way edge). */
  arcs: number;
  onewayEdges: number;
  /** metres */
  length: number;
  /** metres of kept road by class */
  lengthByClass: Record<string, number>;
  /** Degree-2 junctions removed by joining their two edges. */
  contractedNodes: number;
  /** Dangling endpoints joined to a vertex within `mergeEndpointsWithin` metres. */
  mergedEndpoints: number;
  /** Junctions added where two roads cross without a shared vertex (`nodeCrossings`). */
  crossingNodes: number;
  /** Over the whole drivable network before filtering. `largestStrongNodes` is the node count of
   *  the strongly connected component with the most road length (the one `largest-scc` keeps). */
  components: { weak: number; strong: number; largestStrongNodes: number };
  /** Wall-clock milliseconds per phase. */
  timings: Record<string, number>;
}

/**
 * A routable road network: a graphology graph for inspection and I/O, the same graph compiled
 * to CSR typed arrays for the hot loops, the edge table with geometry, and what was left out.
 */
export interface RoadNetwork {
  /** Mixed multigraph: node keys "0".."n-1" (attributes lon, lat); edge keys "0".."m-1", two-way
   *  roads as undirected edges and one-way roads as directed ones (attributes as in RoadEdge). */
  graph: MultiGraph;
  csr: CompiledGraph;
  /** Node coordinates by node index. */
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  /** Kept edges by edge index (the same index as the graphology edge key and `csr.arcEdge`). */
  edges: RoadEdge[];
  /** Drivable edges not in the kept component; places that snap to them are rejected. */
  droppedEdges: RoadEdge[];
  dropped: DroppedReport;
  stats: NetworkStats;
  profile: RoadProfile;
}
