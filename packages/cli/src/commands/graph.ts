/**
 * `postroute graph`: build the road network and print what it holds (nodes, edges, km by
 * class, components, what was dropped and why); optionally write the cleaned network as GeoJSON.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  networkToGeoJson,
  parseJson,
  networkFromRoads,
  readRoadsInput,
  readPlaces,
  validateProfile,
  type CsvDelimiter,
  type Place,
  type ProgressCallback,
  type RoadNetwork,
  type RoadProfile,
} from '@postroute/core';
import { createProgress, writeOutput, prepareFile } from '../output.js';
import { readText, warnNote } from '../read-text.js';
import { refuseOverwrite } from '../overwrite.js';

// Reading roads, profile and places; shared with the matrix command.

export interface NetworkArgs {
  roads: string;
  profile?: string;
  keep: 'largest-scc' | 'all';
  mergeEndpoints: number;
  nodeCrossings: boolean;
}

export function loadProfile(path: string | undefined): RoadProfile | undefined {
  if (path === undefined) return undefined;
  return validateProfile(parseJson(readText(path, 'profile'), path, 'a road profile JSON object, e.g. { "speeds": { "primary": 80 } }'), path);
}

export async function loadNetwork(args: NetworkArgs, onProgress: ProgressCallback): Promise<RoadNetwork> {
  const profile = loadProfile(args.profile);
  onProgress({ step: 'read', message: args.roads });
  const roads = await readRoadsInput(args.roads, { onNote: warnNote, onProgress });
  return networkFromRoads(roads, {
    source: args.roads,
    keep: args.keep,
    mergeEndpointsWithin: args.mergeEndpoints,
    nodeCrossings: args.nodeCrossings,
    onProgress,
    ...(profile ? { profile } : {}),
  });
}

export async function loadPlaces(path: string, format: 'geojson' | 'csv' | undefined, delimiter?: CsvDelimiter): Promise<Place[]> {
  return readPlaces(readText(path, 'places'), { source: path, ...(format ? { format } : {}), ...(delimiter ? { delimiter } : {}) });
}

/** yargs options shared by `graph` and `matrix`. */
export const networkOptions = {
  roads: { type: 'string', demandOption: true, describe: 'road network: GeoJSON LineStrings in WGS84 lon/lat, OSM as downloaded (.osm.pbf, .osm, .osm.gz), or a prepared network (postroute prepare)' },
  profile: { type: 'string', describe: 'road profile JSON (speeds per class, one-way and exclusion rules); default: OSM rural car' },
  keep: { choices: ['largest-scc', 'all'] as const, default: 'largest-scc' as const, describe: 'keep only the largest strongly connected component, or every drivable road' },
  'merge-endpoints': { type: 'number', default: 0, describe: 'join dangling road ends to a vertex within this many metres (for non-OSM data)' },
  'node-crossings': { type: 'boolean', default: false, describe: 'add junctions where roads cross on the same layer without a shared vertex (for non-OSM data)' },
} as const;


interface GraphArgs extends NetworkArgs {
  out?: string;
  includeDropped: boolean;
  json: boolean;
  quiet: boolean;
}

const km = (metres: number): string => (metres / 1000).toFixed(1);
const counts = (record: Record<string, number>): string => {
  const entries = Object.entries(record);
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key} ×${n}`).join(', ');
};

/** Human-readable statistics; every figure also appears in the --json output. */
export function statsToText(network: RoadNetwork, source: string): string {
  const { stats, dropped } = network;
  const lines = [
    `${source}: ${stats.features} features, ${stats.featuresUsed} used as roads`,
    `skipped geometries: ${counts(stats.skippedGeometries)}`,
    `not drivable: ${counts(stats.excluded)}`,
    `speed values ignored (class speed used): ${counts(stats.ignoredSpeeds)}`,
    `one-way values not understood (two-way used): ${counts(stats.ignoredOneways)}`,
    `network: ${stats.nodes} nodes, ${stats.edges} edges (${stats.onewayEdges} one-way), ${stats.arcs} arcs, ${km(stats.length)} km`,
    'km by class:',
    ...Object.entries(stats.lengthByClass)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([roadClass, length]) => `  ${roadClass.padEnd(16)}${km(length).padStart(9)}`),
    `components before filtering: ${stats.components.weak} weakly, ${stats.components.strong} strongly connected; the largest strong one has ${stats.components.largestStrongNodes} nodes`,
    `dropped: ${dropped.edges} edges, ${km(dropped.length)} km in ${dropped.pieces.length} pieces` +
      (dropped.pieces.length ? ` (${dropped.pieces.filter((p) => p.reason === 'disconnected').length} disconnected, ${dropped.pieces.filter((p) => p.reason === 'one-way').length} reachable one way only)` : ''),
    ...dropped.pieces.slice(0, 10).map((p, i) => `  ${String(i + 1).padStart(2)}. ${km(p.length)} km, ${p.edges} edge${p.edges === 1 ? '' : 's'}, ${p.reason}, at ${p.at[0].toFixed(5)},${p.at[1].toFixed(5)}`),
    ...(dropped.pieces.length > 10 ? [`  … and ${dropped.pieces.length - 10} more (see --json)`] : []),
    `repairs: ${stats.contractedNodes} degree-2 nodes joined, ${stats.mergedEndpoints} endpoints merged, ${stats.crossingNodes} crossings noded`,
  ];
  return `${lines.join('\n')}\n`;
}

export function statsToJson(network: RoadNetwork): object {
  const { stats, dropped } = network;
  const { timings: _timings, ...rest } = stats;
  return { ...rest, dropped };
}

const command: CommandModule<object, GraphArgs> = {
  command: 'graph',
  describe: 'build the road network from GeoJSON roads and print its statistics',
  builder: (yargs: Argv<object>) =>
    yargs
      .options(networkOptions)
      .option('out', { type: 'string', describe: 'write the cleaned network as GeoJSON to this file' })
      .option('include-dropped', { type: 'boolean', default: false, describe: 'with --out, also write dropped edges (kept: false)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the statistics as JSON' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' })
      .example('$0 graph --roads roads.geojson --out network.geojson', '') as unknown as Argv<GraphArgs>,
  handler: async (args: ArgumentsCamelCase<GraphArgs>) => {
    // A bad --out fails at once, not after the work, and never replaces an input.
    if (args.out !== undefined) {
      refuseOverwrite([{ what: '--roads', path: args.roads }, ...(args.profile !== undefined ? [{ what: '--profile', path: args.profile }] : [])], [{ option: '--out', path: args.out, kind: 'file' }]);
      prepareFile(args.out);
    }
    const progress = createProgress(args.quiet);
    const network = await loadNetwork(args, progress.onProgress);
    progress.done();
    if (args.out !== undefined) writeOutput(JSON.stringify(networkToGeoJson(network, { includeDropped: args.includeDropped })), args.out);
    writeOutput(args.json ? JSON.stringify(statsToJson(network), null, 2) : statsToText(network, args.roads));
  },
};

export default command;
