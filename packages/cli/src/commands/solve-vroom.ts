/**
 * `postroute solve --vroom input.json [--check]`: VROOM's JSON in, VROOM's JSON out (stdout or
 * --out). Reading, solving and writing are core's (`solveVroom`, `checkVroom`); this reads the
 * file, shows progress and prints.
 */
import {
  checkVroom, computeMatrixParallel, InputError, parseJson, snapPlaces, solveVroom, vroomPoints, withJsonLine, withPointMatrix,
  type VroomOutput,
} from '@postroute/core';
import { loadNetwork } from './graph.js';
import { createProgress, writeOutput } from '../output.js';
import { searchProgress } from '../progress.js';
import { readText } from '../read-text.js';
import { threadsArg } from '../threads-option.js';

export interface VroomSolveArgs {
  vroom: string;
  check: boolean;
  lockSteps?: boolean;
  /** Road network for inputs with coordinates: the matrices come from it. */
  roads?: string;
  timeLimit?: number;
  maxIterations?: number;
  seed: number;
  threads?: number;
  out?: string;
  quiet: boolean;
}

export async function solveVroomFile(args: VroomSolveArgs): Promise<void> {
  const text = readText(args.vroom, 'VROOM input');
  let json = parseJson(text, args.vroom, 'VROOM\'s input: a JSON object with jobs, vehicles and matrices');
  let output: VroomOutput;
  const progress = createProgress(args.quiet || args.check);
  try {
    if (args.roads !== undefined) json = await roadMatrices(json, args.vroom, args.roads, progress.onProgress);
    output = args.check
      ? checkVroom(json, { source: args.vroom })
      : solveVroom(json, {
        source: args.vroom,
        seed: args.seed,
        lockSteps: args.lockSteps === true,
        threads: threadsArg(args.threads),
        ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
        ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
        onProgress: searchProgress(progress.onProgress, args),
      });
  } catch (error) {
    throw withJsonLine(error, text);
  } finally {
    progress.done();
  }
  writeOutput(JSON.stringify(output), args.out);
  if (args.out !== undefined && !args.quiet) process.stderr.write(`postroute: wrote ${args.out}\n`);
}

/**
 * Coordinates → matrices on our road graph (as `postroute matrix`): each place snapped to the
 * nearest road (500 m at most), travel times and distances by the default car profile. A place
 * with no road near it, or none leading to another place, is a located error.
 */
async function roadMatrices(json: unknown, source: string, roads: string, onProgress: Parameters<typeof loadNetwork>[1]): Promise<unknown> {
  const { points, fields } = vroomPoints(json, source);
  const network = await loadNetwork({ roads, keep: 'largest-scc', mergeEndpoints: 0, nodeCrossings: false }, onProgress);
  const places = points.map(([lon, lat], k) => ({ id: String(k), lon, lat, properties: {} }));
  const snapping = snapPlaces(network, places, { maxDistance: 500 });
  const rejected = snapping.rejected[0];
  if (rejected !== undefined)
    throw new InputError(`no road of ${roads} near [${points[rejected.placeIndex]!.join(', ')}]: ${rejected.message}`, { source, field: fields[rejected.placeIndex]! },
      'check that the coordinates are [lon, lat] and that the roads cover them');
  const matrix = await computeMatrixParallel(network, snapping.snaps, { onProgress });
  const pair = matrix.unreachable[0];
  if (pair !== undefined)
    throw new InputError(`no road leads from [${points[pair[0]]!.join(', ')}] to [${points[pair[1]]!.join(', ')}] on ${roads}`, { source, field: fields[pair[0]]! },
      'the places must be on one connected road network');
  const rows = (values: Float64Array): number[][] => points.map((_, i) => points.map((__, j) => values[i * matrix.size + j]!));
  return withPointMatrix(json, { durations: rows(matrix.durations), distances: rows(matrix.distances) });
}
