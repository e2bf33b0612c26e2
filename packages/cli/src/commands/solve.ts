/**
 * `postroute solve`: solve a vehicle-routing problem given as problem.json (the ProblemInput
 * format) or as a benchmark instance file (VRPLIB `.vrp`, Solomon `.txt`, Cordeau, CARPLIB
 * `.dat`), and print the plan.
 *
 * The command reads files, shows progress and writes; the formats, checks and solving are core's.
 */
import { basename } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  InputError,
  createPeriodicProblem,
  createProblem,
  describeUnassignedReason,
  findBestKnown,
  inWarmStartFile,
  instanceJson,
  overrideBestKnown,
  parseProblemFile,
  parseWarmStart,
  periodicSolutionJson,
  periodicSolutionText,
  readRoutingInstance,
  rejectUnservableStops,
  sniffInstanceFormat,
  solutionJson,
  solutionText,
  solve,
  solvePeriodic,
  withJsonLine,
  type InstanceInfo,
  type PeriodicProblemInput,
  type PeriodicSolutionResult,
  type ProblemInput,
  type SolutionResult,
} from '@postroute/core';
import { createProgress, writeOutput, prepareFile } from '../output.js';
import { refuseOverwrite } from '../overwrite.js';
import { registerOutput } from '../interrupt.js';
import { searchProgress } from '../progress.js';
import { readIfExists, readText } from '../read-text.js';
import { solveCarpInstance } from './solve-carp.js';
import { solveVroomFile } from './solve-vroom.js';
import { threadsArg, threadsYargs } from '../threads-option.js';

interface SolveArgs {
  problem?: string;
  instance?: string;
  vroom?: string;
  check: boolean;
  lockSteps: boolean;
  roads?: string;
  timeLimit?: number;
  maxIterations?: number;
  seed: number;
  threads?: number;
  json: boolean;
  bks?: number;
  convention?: 'truncated' | 'unrounded';
  warmStart?: string;
  allowUnassigned: boolean;
  out?: string;
  quiet: boolean;
}

/** What the search minimises, for its progress line: an instance's distance, else the problem's cost. */
function objectiveWord(info: InstanceInfo | undefined): string {
  return info?.objective === 'distance' ? 'distance' : 'cost';
}

/** A periodic instance (Cordeau type 1): patterns and routes per day, the same output shapes. */
function runPeriodic(input: PeriodicProblemInput, info: InstanceInfo, args: SolveArgs): void {
  if (args.warmStart !== undefined)
    throw new InputError('--warm-start is not supported for periodic instances yet', { field: 'warm-start' }, 'use solvePeriodic({ warmStart }) from @postroute/core');
  const problem = createPeriodicProblem(input, { source: info.name });
  const unservable = problem.stopReason.findIndex((r) => r !== null);
  if (unservable >= 0 && !args.allowUnassigned)
    throw new InputError(`stop "${problem.stopIds[unservable]}" can never be served: ${describeUnassignedReason(problem.stopReason[unservable]!)}`, { source: info.name, field: `stops[${unservable}]` },
      'pass --allow-unassigned to plan without it');
  const progress = createProgress(args.quiet);
  let solution: PeriodicSolutionResult;
  try {
    solution = solvePeriodic(problem, {
      seed: args.seed,
      threads: threadsArg(args.threads),
      ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
      ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
      onProgress: searchProgress(progress.onProgress, args, objectiveWord(info)),
    });
  } finally {
    progress.done();
  }
  writeOutput(args.json ? periodicSolutionJson(solution, info) : periodicSolutionText(solution, info), args.out);
  if (args.out !== undefined && !args.quiet) process.stderr.write(`postroute: wrote ${args.out}\n`);
}

const command: CommandModule<object, SolveArgs> = {
  command: 'solve',
  describe: 'solve a vehicle-routing problem (problem.json, or a VRPLIB / Solomon instance)',
  builder: (yargs: Argv<object>) => yargs
    .option('problem', { type: 'string', describe: 'problem JSON file (the ProblemInput format, see docs/routing.md)' })
    .option('instance', { type: 'string', describe: 'benchmark instance: VRPLIB .vrp (X, A, B, P, CMT), Solomon .txt, Cordeau (type 1 periodic, type 2 multi-depot), or CARPLIB .dat (arc routing)' })
    .option('vroom', { type: 'string', describe: 'VROOM\'s JSON input (jobs, vehicles, matrices); prints VROOM\'s JSON output (docs/vroom.md)' })
    .option('check', { type: 'boolean', default: false, describe: 'with --vroom: time the routes given as vehicle steps and report every violation (VROOM\'s plan mode)' })
    .option('roads', { type: 'string', describe: 'with --vroom: road network (as for postroute matrix) for jobs and vehicles given by coordinates ("location", "start", "end"); the matrices come from it' })
    .option('lock-steps', { type: 'boolean', default: false, describe: 'with --vroom: keep the routes given as vehicle steps exactly (only timed) and plan the other jobs with the other vehicles; without it, steps are where the search starts (VROOM\'s way)' })
    .option('time-limit', { type: 'number', describe: 'stop the search after this many seconds (without any limit: after 5000 iterations without improvement)' })
    .option('max-iterations', { type: 'number', describe: 'stop after this many iterations (repeatable, unlike a time limit)' })
    .option('seed', { type: 'number', default: 1, describe: 'random seed; the same input, seed and iteration limit give the same plan' })
    .option('threads', threadsYargs)
    .option('json', { type: 'boolean', default: false, describe: 'print the solution as JSON' })
    .option('bks', { type: 'number', describe: 'best known value, to print the gap (instances only)' })
    .option('convention', { choices: ['truncated', 'unrounded'] as const, describe: 'Solomon arcs: truncated to 0.1 (distance objective) or unrounded (fewest vehicles, then distance)' })
    .option('warm-start', { type: 'string', describe: 'JSON routes to start from: [{vehicleType, stops}] or a previous --json output' })
    .option('allow-unassigned', { type: 'boolean', default: false, describe: 'list stops that no vehicle can ever serve as unassigned instead of failing, and when the fleet cannot serve every stop, serve the most (by priority, then by count)' })
    .option('out', { type: 'string', describe: 'write the solution to this file instead of stdout' })
    // Usage errors are InputErrors: main.ts prints them as one line with exit 2.
    .check((argv) => {
      const a = argv as unknown as Partial<SolveArgs>;
      if ([a.problem, a.instance, a.vroom].filter((x) => x !== undefined).length !== 1) throw new InputError('give exactly one of --problem, --instance or --vroom', {}, 'e.g. `postroute solve --problem problem.json` or `postroute solve --instance A-n32-k5.vrp`');
      if (a.check && a.vroom === undefined) throw new InputError('--check applies to --vroom only', {}, 'e.g. `postroute solve --vroom plan.json --check`');
      if (a.roads !== undefined && a.vroom === undefined) throw new InputError('--roads applies to --vroom only', {}, 'e.g. `postroute solve --vroom jobs.json --roads roads.geojson`');
      if (a.lockSteps && (a.vroom === undefined || a.check)) throw new InputError('--lock-steps applies to --vroom when solving (not with --check)', {}, 'e.g. `postroute solve --vroom dispatch.json --lock-steps`');
      if (a.timeLimit !== undefined && !(a.timeLimit > 0)) throw new InputError('--time-limit must be a positive number of seconds');
      if (a.maxIterations !== undefined && !(Number.isInteger(a.maxIterations) && a.maxIterations > 0)) throw new InputError('--max-iterations must be a positive integer');
      if (!Number.isInteger(a.seed)) throw new InputError('--seed must be an integer');
      threadsArg(a.threads);
      if (a.bks !== undefined && a.instance === undefined) throw new InputError('--bks applies to --instance only');
      if (a.bks !== undefined && !(a.bks > 0)) throw new InputError('--bks must be a positive number');
      return true;
    }) as unknown as Argv<SolveArgs>,
  handler: async (args: ArgumentsCamelCase<SolveArgs>) => {
    // A bad --out fails at once, not after the work, and never replaces an input.
    if (args.out !== undefined) {
      const given = (what: string, path: string | undefined) => (path === undefined ? [] : [{ what, path }]);
      refuseOverwrite([...given('--problem', args.problem), ...given('--instance', args.instance), ...given('--warm-start', args.warmStart), ...given('--vroom', args.vroom), ...given('--roads', args.roads)], [{ option: '--out', path: args.out, kind: 'file' }]);
      prepareFile(args.out);
      registerOutput({ kind: 'file', path: args.out });
    }
    if (args.vroom !== undefined) return solveVroomFile({ ...args, vroom: args.vroom });
    let input: ProblemInput;
    let info: InstanceInfo | undefined;
    let source: string;
    let text: string | undefined;
    if (args.problem !== undefined) {
      source = args.problem;
      text = readText(args.problem, 'problem');
      input = parseProblemFile(text, args.problem);
    } else {
      source = args.instance!;
      const instanceText = readText(source, 'instance');
      // CARPLIB (.dat): arc routing, solved by its own engine.
      if (sniffInstanceFormat(instanceText, source) === 'carplib') return solveCarpInstance({ ...args, instance: source }, instanceText, args);
      const instance = readRoutingInstance(instanceText, { path: source, ...(args.convention !== undefined ? { convention: args.convention } : {}) });
      input = instance.input;
      info = overrideBestKnown(await findBestKnown(instance, source, readIfExists), args.bks);
      // Cordeau type 1: a horizon of days, solved by the periodic engine.
      if (instance.periodic !== undefined) return runPeriodic(instance.periodic, info, args);
    }
    let problem;
    try {
      problem = createProblem(input, { source: args.problem ?? basename(source) });
    } catch (error) {
      throw text !== undefined ? withJsonLine(error, text) : error;
    }
    if (!args.allowUnassigned) rejectUnservableStops(problem, input, args.problem ?? basename(source), text);
    const warmText = args.warmStart !== undefined ? readText(args.warmStart, 'warm-start') : undefined;
    const warmStart = warmText !== undefined ? parseWarmStart(warmText, args.warmStart!) : undefined;
    const progress = createProgress(args.quiet);
    let solution: SolutionResult;
    try {
      solution = solve(problem, {
        seed: args.seed,
        threads: threadsArg(args.threads),
        ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
        ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
        ...(warmStart !== undefined ? { warmStart } : {}),
        ...(args.allowUnassigned ? { serveMost: true } : {}),
        onProgress: searchProgress(progress.onProgress, args, objectiveWord(info)),
      });
    } catch (error) {
      throw warmText !== undefined ? inWarmStartFile(error, args.warmStart!, warmText) : error;
    } finally {
      progress.done();
    }
    if (args.json) {
      const extra = info ? { instance: instanceJson(info, solution.distance) } : {};
      writeOutput(solutionJson(solution, extra, info?.format === 'cordeau' ? 1 : undefined), args.out);
    } else {
      writeOutput(solutionText(solution, info), args.out);
    }
    if (args.out !== undefined && !args.quiet) process.stderr.write(`postroute: wrote ${args.out}\n`);
  },
};

export default command;
