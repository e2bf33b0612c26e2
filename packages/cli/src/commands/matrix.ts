/**
 * `postroute matrix`: snap places to the road network and write their distance (m) and travel
 * time (s) matrices as JSON or CSV (row = from, column = to).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { availableParallelism } from 'node:os';
import { InfeasibleError, computeMatrixParallel, matrixToCsv, matrixToJson, snapPlaces } from '@postroute/core';
import { createProgress, writeOutput, prepareFile } from '../output.js';
import { refuseOverwrite } from '../overwrite.js';
import { loadNetwork, loadPlaces, networkOptions, type NetworkArgs } from './graph.js';
import { csvDelimiterArg, csvDelimiterYargs } from '../csv-option.js';

interface MatrixArgs extends NetworkArgs {
  places: string;
  placesFormat?: 'geojson' | 'csv';
  metric: 'time' | 'distance';
  format: 'json' | 'csv';
  maxSnap: number;
  countOffRoad: boolean;
  threads: number;
  out?: string;
  csvDelimiter?: string;
  quiet: boolean;
}

const command: CommandModule<object, MatrixArgs> = {
  command: 'matrix',
  describe: 'distance and travel-time matrices between places over the road network',
  builder: (yargs: Argv<object>) =>
    yargs
      .options(networkOptions)
      .option('places', { type: 'string', demandOption: true, describe: 'places: GeoJSON Points (id from feature id or properties.id) or CSV with id,lon,lat' })
      .option('places-format', { choices: ['geojson', 'csv'] as const, describe: 'format of --places (default: from the file extension)' })
      .option('csv-delimiter', { ...csvDelimiterYargs, describe: `with CSV --places: ${csvDelimiterYargs.describe}` })
      .option('metric', { choices: ['time', 'distance'] as const, default: 'time' as const, describe: 'what the paths minimise' })
      .option('format', { choices: ['json', 'csv'] as const, default: 'json' as const, describe: 'output format' })
      .option('max-snap', { type: 'number', default: 5000, describe: 'reject places farther than this many metres from a road' })
      .option('count-off-road', { type: 'boolean', default: false, describe: 'add the straight leg from each place to its road (at 10 km/h) to distances and times' })
      .option('threads', { type: 'number', default: availableParallelism(), describe: 'worker threads for the searches (same results for any number)' })
      .option('out', { type: 'string', describe: 'output file (default: stdout)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress or summary on stderr' })
      .check((argv) => {
        if (!(typeof argv.maxSnap === 'number' && argv.maxSnap > 0)) throw new Error('--max-snap must be a positive number of metres');
        if (!(Number.isInteger(argv.threads) && argv.threads >= 1)) throw new Error('--threads must be a positive integer');
        if (!(typeof argv.mergeEndpoints === 'number' && argv.mergeEndpoints >= 0)) throw new Error('--merge-endpoints must be a number of metres ≥ 0');
        return true;
      })
      .example('$0 matrix --roads roads.geojson --places places.csv --out m.json', '') as unknown as Argv<MatrixArgs>,
  handler: async (args: ArgumentsCamelCase<MatrixArgs>) => {
    // A bad --out fails at once, not after the work, and never replaces an input.
    if (args.out !== undefined) {
      refuseOverwrite([{ what: '--roads', path: args.roads }, { what: '--places', path: args.places }, ...(args.profile !== undefined ? [{ what: '--profile', path: args.profile }] : [])], [{ option: '--out', path: args.out, kind: 'file' }]);
      prepareFile(args.out);
    }
    const started = Date.now();
    const progress = createProgress(args.quiet);
    const log = (line: string): void => { if (!args.quiet) process.stderr.write(`${line}\n`); };
    // Read the places first: a bad places file should fail before a long network build.
    const places = await loadPlaces(args.places, args.placesFormat, csvDelimiterArg(args.csvDelimiter));
    const network = await loadNetwork(args, progress.onProgress);
    const snapping = snapPlaces(network, places, { maxDistance: args.maxSnap, countOffRoad: args.countOffRoad, onProgress: progress.onProgress });
    for (const snap of snapping.snaps) if (snap.warning) log(`postroute: warning: place "${snap.placeId}": ${snap.warning}`);
    for (const rejected of snapping.rejected) {
      // Where the place is in its file: the spreadsheet's line of a CSV, the feature of GeoJSON.
      const line = places[rejected.placeIndex]?.line;
      log(`postroute: warning: place "${rejected.placeId}" (${args.places}, ${line !== undefined ? `line ${line}` : `item ${rejected.placeIndex}`}) not used: ${rejected.message}`);
    }
    if (snapping.snaps.length === 0) {
      progress.done();
      throw new InfeasibleError(`none of the ${places.length} places could be snapped to the road network`, 'check that places and roads cover the same area, or raise --max-snap');
    }
    const matrix = await computeMatrixParallel(network, snapping.snaps, { metric: args.metric, threads: args.threads, onProgress: progress.onProgress });
    progress.done();
    writeOutput(args.format === 'csv' ? matrixToCsv(matrix) : JSON.stringify(matrixToJson(matrix, snapping)), args.out);
    log(
      `matrix: ${matrix.size} places (${snapping.rejected.length} rejected), ${matrix.size * matrix.size} pairs, ${matrix.unreachable.length} unreachable; ` +
        `network ${network.stats.nodes} nodes, ${network.stats.edges} edges; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  },
};

export default command;
