/**
 * `postroute solve --vroom input.json [--check]`: VROOM's JSON in, VROOM's JSON out (stdout or
 * --out). Reading, solving and writing are core's (`solveVroom`, `checkVroom`); this reads the
 * file, shows progress and prints.
 */
import { checkVroom, parseJson, solveVroom, withJsonLine, type VroomOutput } from '@postroute/core';
import { createProgress, writeOutput } from '../output.js';
import { searchProgress } from '../progress.js';
import { readText } from '../read-text.js';

export interface VroomSolveArgs {
  vroom: string;
  check: boolean;
  lockSteps?: boolean;
  timeLimit?: number;
  maxIterations?: number;
  seed: number;
  out?: string;
  quiet: boolean;
}

export function solveVroomFile(args: VroomSolveArgs): void {
  const text = readText(args.vroom, 'VROOM input');
  const json = parseJson(text, args.vroom, 'VROOM\'s input: a JSON object with jobs, vehicles and matrices');
  let output: VroomOutput;
  const progress = createProgress(args.quiet || args.check);
  try {
    output = args.check
      ? checkVroom(json, { source: args.vroom })
      : solveVroom(json, {
        source: args.vroom,
        seed: args.seed,
        lockSteps: args.lockSteps === true,
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
