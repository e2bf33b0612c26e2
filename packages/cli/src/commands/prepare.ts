/**
 * `postroute prepare ROADS --out county.prn`: build the road network for a profile, its snapping
 * index and its contraction hierarchy once, and keep them in one file that every command taking
 * roads reads instead (`--roads county.prn`, `"roads": "county.prn"` in plan.json).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError, encodePrepared, hierarchyFor, isPreparedBytes, prepareRoads, readRoads } from '@postroute/core';
import { createProgress, prepareFile, writeChunksAtomic, writeOutput } from '../output.js';
import { refuseOverwrite } from '../overwrite.js';
import { loadProfile, networkOptions, statsToJson, statsToText, type NetworkArgs } from './graph.js';
import { warnNote } from '../read-text.js';

interface PrepareArgs extends NetworkArgs {
  out: string;
  distance: boolean;
  json: boolean;
  quiet: boolean;
}

/** Size and SHA-256 of a file, read in pieces; and whether it is a prepared network already. */
function fingerprint(path: string): { bytes: number; sha256: string; prepared: boolean } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { bytes: 0, sha256: '', prepared: false }; // readRoads says what is wrong
  }
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 22);
    let bytes = 0;
    let prepared = false;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, bytes);
      if (n === 0) break;
      if (bytes === 0) prepared = isPreparedBytes(buffer.subarray(0, n));
      hash.update(buffer.subarray(0, n));
      bytes += n;
    }
    return { bytes, sha256: hash.digest('hex'), prepared };
  } catch {
    return { bytes: 0, sha256: '', prepared: false };
  } finally {
    closeSync(fd);
  }
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

const command: CommandModule<object, PrepareArgs> = {
  command: 'prepare <roads>',
  describe: 'build the road network, its snapping index and its hierarchy once, into a file every command reads as --roads',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('roads', { type: 'string', demandOption: true, describe: 'road network: GeoJSON (also gzipped) or OSM as downloaded (.osm.pbf, .osm, .osm.gz)' })
      .options({ profile: networkOptions.profile, keep: networkOptions.keep, 'merge-endpoints': networkOptions['merge-endpoints'], 'node-crossings': networkOptions['node-crossings'] })
      .option('out', { type: 'string', demandOption: true, describe: 'the prepared network to write, e.g. county.prn' })
      .option('distance', { type: 'boolean', default: false, describe: 'also keep the hierarchy of shortest paths (road kilometres, e.g. for cover --metric distance); quickest paths are always kept' })
      .option('json', { type: 'boolean', default: false, describe: 'print what was kept and dropped as JSON' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' })
      .example('$0 prepare roads.osm.pbf --out county.prn', 'then: postroute plan plan.json with "roads": "county.prn"') as unknown as Argv<PrepareArgs>,
  handler: async (args: ArgumentsCamelCase<PrepareArgs>) => {
    // A bad --out fails at once, and never replaces an input.
    refuseOverwrite([{ what: 'roads file', path: args.roads }, ...(args.profile !== undefined ? [{ what: '--profile', path: args.profile }] : [])], [{ option: '--out', path: args.out, kind: 'file' }]);
    prepareFile(args.out);
    const profile = loadProfile(args.profile);
    const progress = createProgress(args.quiet);
    const source = fingerprint(args.roads);
    if (source.prepared) throw new InputError('this is a prepared network already', { source: args.roads }, 'give the raw roads (GeoJSON or OSM) to prepare');
    progress.onProgress({ step: 'read', message: args.roads });
    const roads = await readRoads(args.roads, { onNote: warnNote, onProgress: progress.onProgress });
    const prepared = prepareRoads(roads, {
      source: args.roads,
      roads: { bytes: source.bytes, sha256: source.sha256 },
      keep: args.keep,
      mergeEndpointsWithin: args.mergeEndpoints,
      nodeCrossings: args.nodeCrossings,
      metrics: args.distance ? ['time', 'distance'] : ['time'],
      onProgress: progress.onProgress,
      ...(profile ? { profile } : {}),
    });
    progress.onProgress({ step: 'write', message: args.out });
    const chunks = encodePrepared(prepared);
    writeChunksAtomic(args.out, chunks);
    progress.done();
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const { network } = prepared;
    const hierarchies = prepared.metrics.map((metric) => ({ metric, shortcuts: hierarchyFor(network, metric).shortcuts, coreSize: hierarchyFor(network, metric).coreSize }));
    if (args.json) {
      writeOutput(JSON.stringify({ out: args.out, bytes, profile: prepared.build.profile.name, roads: prepared.roads, hierarchy: hierarchies[0], hierarchies, ...statsToJson(network) }, null, 2));
    } else {
      const lines = hierarchies.map((h) => `hierarchy (${h.metric === 'time' ? 'quickest' : 'shortest'} paths): ${h.shortcuts} shortcuts, ${h.coreSize} core nodes\n`).join('');
      writeOutput(`${statsToText(network, args.roads)}${lines}` +
        `wrote ${args.out}: ${megabytes(bytes)} (profile "${prepared.build.profile.name}", roads sha256 ${prepared.roads.sha256.slice(0, 12)}…)`);
    }
  },
};

export default command;
