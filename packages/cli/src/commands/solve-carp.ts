/**
 * `postroute solve --instance FILE.dat`: a CARPLIB arc-routing instance (gdb, val, kshs, egl,
 * Beullens sets). Reads the file, solves with `solveCarp`, prints the routes with the file's
 * vertex numbers; the best known value comes from a `bks.csv` one folder up (the benchmark
 * copy's layout, keyed "set/name") or from --bks.
 */
import { basename } from 'node:path';
import {
  InputError, carpSolutionJson, carpSolutionText, createCarpProblem, findCarpBestKnown, parseCarplib, rejectUnservableEdges, solveCarp,
  type CarpSolution,
} from '@postroute/core';
import { readIfExists } from '../read-text.js';
import { searchProgress } from '../progress.js';
import { createProgress, writeOutput } from '../output.js';
import { threadsArg } from '../threads-option.js';

export interface CarpSolveArgs {
  instance: string;
  timeLimit?: number;
  maxIterations?: number;
  seed: number;
  threads?: number;
  json: boolean;
  bks?: number;
  allowUnassigned: boolean;
  out?: string;
  quiet: boolean;
}

export async function solveCarpInstance(args: CarpSolveArgs, text: string, extra: { warmStart?: string; convention?: string }): Promise<void> {
  const source = basename(args.instance);
  if (extra.warmStart !== undefined) throw new InputError('--warm-start applies to node-routing problems only', { source, field: 'warm-start' });
  if (extra.convention !== undefined) throw new InputError('--convention applies to Solomon instances only', { source, field: 'convention' });
  const instance = parseCarplib(text, { source });
  const problem = createCarpProblem(instance.input, { source });
  if (!args.allowUnassigned) rejectUnservableEdges(instance, problem, source);
  const known = args.bks !== undefined ? { bks: args.bks, source: '--bks' } : await findCarpBestKnown(args.instance, readIfExists);
  const progress = createProgress(args.quiet);
  let solution: CarpSolution;
  try {
    solution = solveCarp(problem, {
      seed: args.seed,
      threads: threadsArg(args.threads),
      ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
      ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
      onProgress: searchProgress(progress.onProgress, args),
    });
  } finally {
    progress.done();
  }
  writeOutput((args.json ? carpSolutionJson : carpSolutionText)(solution, instance, problem, known), args.out);
  if (args.out !== undefined && !args.quiet) process.stderr.write(`postroute: wrote ${args.out}\n`);
}
