/**
 * `postroute solve`: solve a vehicle-routing problem given as problem.json (the ProblemInput
 * format) or as a benchmark instance file (VRPLIB `.vrp`, Solomon `.txt`), and print the plan.
 *
 * The command only reads files, converts formats and prints; the solving is `solve` in core.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  InputError,
  createPeriodicProblem,
  createProblem,
  cordeauToProblem,
  describeUnassignedReason,
  locateJsonPath,
  parseCordeau,
  parseCsv,
  parseJson,
  parseSolomon,
  parseVrplib,
  parseVrplibSolution,
  solomonToProblem,
  solve,
  solvePeriodic,
  vrplibToProblem,
  type PeriodicProblemInput,
  type PeriodicSolutionResult,
  type ProblemData,
  type ProblemInput,
  type RouteInput,
  type SolutionResult,
} from '@postroute/core';
import { createProgress, writeOutput, prepareFile } from '../output.js';
import { decodeFile } from '../read-text.js';
import { searchProgress } from '../progress.js';
import { isCarplib, solveCarpInstance } from './solve-carp.js';

interface SolveArgs {
  problem?: string;
  instance?: string;
  timeLimit?: number;
  maxIterations?: number;
  seed: number;
  json: boolean;
  bks?: number;
  convention?: 'truncated' | 'unrounded';
  warmStart?: string;
  allowUnassigned: boolean;
  out?: string;
  quiet: boolean;
}

/** What the instance readers know beyond the problem: its name and best known value. */
interface InstanceInfo {
  name: string;
  format: 'vrplib' | 'solomon' | 'cordeau';
  /** Arc convention, as the set defines it. */
  convention: string;
  objective: 'distance' | 'vehicles-then-distance';
  bks?: number;
  bksVehicles?: number;
  bksSource?: string;
  fleet: { count: number; fixed: boolean };
}

function readText(path: string, what: string): string {
  try {
    return decodeFile(readFileSync(path), path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${what} file not found` : `cannot read ${what} file (${code ?? String(error)})`,
      { source: path }, 'check the path');
  }
}

/** Adds the line of the offending field to an InputError raised on a JSON text. */
function withJsonLine(error: unknown, text: string): unknown {
  if (!(error instanceof InputError) || error.location.line !== undefined || error.location.field === undefined) return error;
  // locateJsonPath walks the whole text; skip it on huge files where it would be slow.
  if (text.length > 2_000_000) return error;
  const line = locateJsonPath(text, error.location.field);
  if (line === undefined) return error;
  return new InputError(error.message, { ...error.location, line }, error.hint);
}

function loadProblemFile(path: string): { input: ProblemInput; text: string } {
  const text = readText(path, 'problem');
  const value = parseJson(text, path, 'the problem as a JSON object with depots, stops, vehicleTypes and matrix');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('the problem must be a JSON object with depots, stops, vehicleTypes and matrix', { source: path, line: 1 });
  }
  return { input: value as ProblemInput, text };
}

/** Reads a .vrp or Solomon file, honouring the set's conventions; finds the best known value. */
async function loadInstance(path: string, args: SolveArgs): Promise<{ input: ProblemInput; info: InstanceInfo; periodic?: PeriodicProblemInput }> {
  const text = readText(path, 'instance');
  const source = basename(path);
  if (/^\s*[12]\s+\d+\s+\d+\s+\d+\s*(\r?\n|$)/.test(text)) return loadCordeau(path, text, args);
  const isSolomon = /^\s*\S+\s*\r?\n\s*\r?\n?\s*VEHICLE\b/i.test(text) || (extname(path).toLowerCase() === '.txt' && /\bCUSTOMER\b/.test(text));
  if (isSolomon) {
    const convention = args.convention ?? 'truncated';
    const converted = solomonToProblem(parseSolomon(text, { source }), { convention, source });
    const info: InstanceInfo = {
      name: converted.name, format: 'solomon', convention, objective: converted.objective,
      fleet: { count: converted.problem.vehicleTypes[0]!.count ?? 1, fixed: true },
    };
    // bks.csv beside the Solomon files holds both conventions' best known values.
    const table = join(dirname(path), 'bks.csv');
    if (existsSync(table)) {
      const { header, rows } = await parseCsv(readFileSync(table, 'utf8'), { source: table });
      const row = rows.find((candidate) => candidate.fields[0] === converted.name);
      if (row) {
        const cell = (column: string): number | undefined => {
          const value = header.includes(column) ? row.values[column] : undefined;
          return value === undefined || value === '' ? undefined : Number(value);
        };
        if (convention === 'truncated') {
          info.bks = cell('bks_distance_trunc1');
        } else {
          info.bks = cell('bks_hier_distance_unrounded');
          info.bksVehicles = cell('bks_hier_vehicles');
        }
        if (info.bks !== undefined) info.bksSource = table;
      }
    }
    return { input: converted.problem, info: withBks(info, args) };
  }
  if (args.convention !== undefined) {
    throw new InputError('--convention applies to Solomon instances only', { source, field: 'convention' },
      'VRPLIB files follow their set\'s convention (X, A, B, P: nearest integer; CMT: unrounded)');
  }
  const converted = vrplibToProblem(parseVrplib(text, { source }), { source });
  const info: InstanceInfo = {
    name: converted.name || basename(path, extname(path)), format: 'vrplib', convention: converted.rounding,
    objective: 'distance', fleet: converted.fleet,
  };
  const solPath = path.replace(/\.vrp$/i, '') + '.sol';
  if (solPath !== path && existsSync(solPath)) {
    const solution = parseVrplibSolution(readFileSync(solPath, 'utf8'), { source: basename(solPath) });
    if (solution.cost !== undefined) {
      info.bks = solution.cost;
      info.bksVehicles = solution.routes.length;
      info.bksSource = solPath;
    }
  } else if (converted.commentBks !== undefined) {
    info.bks = converted.commentBks;
    info.bksSource = `${source} COMMENT`;
  }
  return { input: converted.problem, info: withBks(info, args) };
}

/** Cordeau's format: type 2 (multi-depot) is a daily problem; bks.csv beside or above the file. */
function loadCordeau(path: string, text: string, args: SolveArgs): { input: ProblemInput; info: InstanceInfo; periodic?: PeriodicProblemInput } {
  const source = basename(path);
  if (args.convention !== undefined)
    throw new InputError('--convention applies to Solomon instances only', { source, field: 'convention' }, 'Cordeau instances use unrounded Euclidean distances');
  const instance = parseCordeau(text, { source });
  const converted = cordeauToProblem(instance);
  const info: InstanceInfo = {
    name: source, format: 'cordeau', convention: 'exact', objective: 'distance',
    fleet: { count: instance.vehicles, fixed: true },
  };
  for (const dir of [dirname(path), dirname(dirname(path))]) {
    const table = join(dir, 'bks.csv');
    if (!existsSync(table)) continue;
    const rows = readFileSync(table, 'utf8').split(/\r?\n/).map((line) => line.split(','));
    const header = rows[0] ?? [];
    const row = rows.find((cells) => cells[header.indexOf('instance')] === source);
    const value = row?.[header.indexOf('bks')];
    if (value !== undefined && value !== '') {
      info.bks = Number(value);
      info.bksSource = table;
    }
    break;
  }
  if (converted.type === 1) return { input: converted.problem as unknown as ProblemInput, info: withBks(info, args), periodic: converted.problem };
  return { input: converted.problem, info: withBks(info, args) };
}

/** What the search minimises, for its progress line: an instance's distance, else the problem's cost. */
function objectiveWord(info: InstanceInfo | undefined): string {
  return info?.objective === 'distance' ? 'distance' : 'cost';
}

function withBks(info: InstanceInfo, args: SolveArgs): InstanceInfo {
  if (args.bks === undefined) return info;
  const { bksVehicles: _unused, ...rest } = info;
  return { ...rest, bks: args.bks, bksSource: '--bks' };
}

const UNSERVABLE: Partial<Record<string, { field: string; message: string; hint: string }>> = {
  'demand-exceeds-capacity': { field: 'delivery', message: 'its demand is above the capacity of every vehicle type', hint: 'lower the demand, split the stop, or add a larger vehicle type' },
  'time-window-unreachable': { field: 'timeWindows', message: 'no vehicle can reach it within its time windows and the shifts and get back', hint: 'widen the time windows or the shifts' },
  unreachable: { field: 'location', message: 'no road connects it with the depots of any vehicle type', hint: 'check its matrix row and column (null or negative entries mean no road)' },
  'route-limit-exceeded': { field: 'location', message: 'going there and back alone exceeds every vehicle type\'s maxDuration or maxDistance', hint: 'raise the limits or drop the stop' },
};

/**
 * Required stops that no vehicle can ever serve are input errors (one located line, exit 2),
 * unless the user asks to have them listed as unassigned.
 */
function rejectUnservable(problem: ProblemData, input: ProblemInput, source: string, text: string | undefined): void {
  const bad: number[] = [];
  problem.stopReason.forEach((reason, s) => {
    if (reason !== null && UNSERVABLE[reason] !== undefined && input.stops[s]?.required !== false) bad.push(s);
  });
  const first = bad[0];
  if (first === undefined) return;
  const what = UNSERVABLE[problem.stopReason[first]!]!;
  const field = `stops[${first}].${what.field}`;
  const line = text !== undefined && text.length <= 2_000_000 ? locateJsonPath(text, field) : undefined;
  const others = bad.length > 1 ? ` (and ${bad.length - 1} more stop${bad.length > 2 ? 's' : ''})` : '';
  throw new InputError(`stop "${problem.stopIds[first]}" can never be served: ${what.message}${others}`,
    { source, index: first, field, ...(line !== undefined ? { line } : {}) },
    `${what.hint}; or pass --allow-unassigned to plan without it`);
}

/**
 * An error about the warm start (core names it `warmStart[i]…` in the problem) said about the
 * warm-start file: its name, the route's place in that file, and the line.
 */
function inWarmStartFile(error: unknown, warm: { path: string; text: string; wrapped: boolean }): unknown {
  if (!(error instanceof InputError)) return error;
  const match = /^warmStart\[(\d+)\](.*)$/.exec(error.location.field ?? '');
  if (!match) return error;
  const field = `${warm.wrapped ? 'routes' : ''}[${match[1]}]${match[2]}`;
  const line = locateJsonPath(warm.text, field);
  return new InputError(error.message, { source: warm.path, field: field.replace(/^\[/, 'route['), ...(line !== undefined ? { line } : {}) }, error.hint);
}

/** Warm start: an array of routes, `{ routes: [...] }`, or a previous `solve --json` output. */
function loadWarmStart(path: string): RouteInput[] {
  const text = readText(path, 'warm-start');
  const value = parseJson(text, path, 'the warm start as JSON routes: [{ "vehicleType": "van", "stops": ["a", "b"] }]') as unknown;
  const list = Array.isArray(value) ? value : (value as { routes?: unknown } | null)?.routes;
  if (!Array.isArray(list)) {
    throw new InputError('expected an array of routes or an object with "routes"', { source: path, line: 1 },
      'give [{ "vehicleType": "van", "stops": ["a", "b"] }, …] or the output of `postroute solve --json`');
  }
  return list.map((route: unknown, index) => {
    const r = route as { vehicleType?: unknown; stops?: unknown };
    const fail = (message: string, field: string): never => {
      throw new InputError(message, { source: path, index, field, line: locateJsonPath(text, `routes[${index}].${field}`) ?? locateJsonPath(text, `${index}.${field}`) });
    };
    if (r === null || typeof r !== 'object') fail('a route must be an object with vehicleType and stops', '');
    if (typeof r.vehicleType !== 'string') fail('vehicleType must be a string', 'vehicleType');
    if (!Array.isArray(r.stops) || !r.stops.every((s) => typeof s === 'string')) fail('stops must be an array of stop ids (strings)', 'stops');
    return { vehicleType: r.vehicleType as string, stops: (r.stops as string[]).slice() };
  });
}

/** The solution as JSON with a fixed key order, stop ids as in the input. */
export function solutionToJson(solution: SolutionResult, extra: Record<string, unknown> = {}, day?: number): string {
  const ordered = {
    cost: solution.cost,
    distance: solution.distance,
    duration: solution.duration,
    vehiclesUsed: solution.vehiclesUsed,
    feasible: solution.feasible,
    routes: solution.routes.map((route) => ({
      // Day of the horizon (1-based), for formats that have days (Cordeau's) and weekly plans.
      ...((route as { day?: number }).day !== undefined ? { day: (route as { day?: number }).day } : day !== undefined ? { day } : {}),
      vehicleType: route.vehicleType,
      vehicle: route.vehicle,
      startDepot: route.startDepot,
      endDepot: route.endDepot,
      stops: route.stops,
      departure: route.departure,
      arrival: route.arrival,
      distance: route.distance,
      duration: route.duration,
      cost: route.cost,
      startLoad: route.startLoad,
      violations: route.violations,
      visits: route.visits.map((visit) => ({
        id: visit.id,
        arrival: visit.arrival,
        waiting: visit.waiting,
        start: visit.start,
        departure: visit.departure,
        load: visit.load,
        distance: visit.distance,
      })),
    })),
    unassigned: solution.unassigned.map((u) => ({ id: u.id, reason: u.reason })),
    violations: solution.violations,
    ...(solution.search !== undefined ? { iterations: solution.search.iterations } : {}),
    ...extra,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

/** A person's view: totals, one block per route, unassigned stops with reasons, the gap. */
export function solutionToText(solution: SolutionResult, info?: InstanceInfo): string {
  const out: string[] = [];
  const vehicleCost = solution.routes.reduce((sum, r) => sum + (r.cost - r.distance), 0);
  out.push(`cost ${fmt(solution.cost)}   distance ${fmt(solution.distance)}   duration ${fmt(solution.duration)}   vehicles ${solution.vehiclesUsed}   ${solution.feasible ? 'feasible' : 'INFEASIBLE'}`);
  if (info) {
    out.push(`instance ${info.name} (${info.format}, arcs ${info.convention}, fleet ${info.fleet.fixed ? `fixed at ${info.fleet.count}` : 'unlimited'}, objective ${info.objective})`);
    if (info.bks !== undefined) {
      const gap = (solution.distance - info.bks) / info.bks;
      const vehicles = info.bksVehicles !== undefined ? `, best known vehicles ${info.bksVehicles}` : '';
      out.push(`best known distance ${fmt(info.bks)} (${info.bksSource})${vehicles}; gap ${pct(gap)}`);
    }
    if (info.objective === 'vehicles-then-distance' && vehicleCost > 0) {
      out.push('(cost = vehicles × fixed cost + distance: the fixed cost makes fewer vehicles always win)');
    }
  }
  solution.routes.forEach((route, r) => {
    const ends = `${route.startDepot} → ${route.endDepot ?? '(open)'}`;
    out.push('');
    const day = (route as { day?: number }).day;
    out.push(`route ${r + 1}${day !== undefined ? ` (day ${day})` : ''}: ${route.vehicleType} #${route.vehicle}, ${ends}, ${route.stops.length} stops, distance ${fmt(route.distance)}, duration ${fmt(route.duration)}, cost ${fmt(route.cost)}, departs ${fmt(route.departure)}, ends ${fmt(route.arrival)}, leaves with ${route.startLoad.map(fmt).join('/')}`);
    out.push(`  ${['stop', 'arrival', 'waiting', 'start', 'departure', 'load', 'distance'].map((h) => h.padStart(9)).join(' ')}`);
    for (const visit of route.visits) {
      out.push(`  ${[visit.id, fmt(visit.arrival), fmt(visit.waiting), fmt(visit.start), fmt(visit.departure), visit.load.map(fmt).join('/'), fmt(visit.distance)].map((c) => c.padStart(9)).join(' ')}`);
    }
  });
  if (solution.unassigned.length > 0) {
    out.push('');
    out.push(`unassigned (${solution.unassigned.length}):`);
    for (const u of solution.unassigned) out.push(`  ${u.id}: ${describeUnassignedReason(u.reason)}`);
  }
  return `${out.join('\n')}\n`;
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
      ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
      ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
      onProgress: searchProgress(progress.onProgress, args, objectiveWord(info)),
    });
  } finally {
    progress.done();
  }
  const gap = info.bks !== undefined ? (solution.distance - info.bks) / info.bks : null;
  if (args.json) {
    const extra: Record<string, unknown> = {
      horizon: solution.horizon,
      days: solution.days,
      visits: solution.visits,
      instance: { name: info.name, format: info.format, convention: info.convention, objective: info.objective, fleet: info.fleet, bks: info.bks ?? null, bksVehicles: null, gap },
    };
    writeOutput(solutionToJson(solution as unknown as SolutionResult, extra), args.out);
  } else {
    const head = `horizon ${solution.horizon} days; per day: ${solution.days.map((d) => `day ${d.day} ${fmt(d.distance)} (${d.vehiclesUsed} routes)`).join(', ')}\n`;
    writeOutput(head + solutionToText(solution as unknown as SolutionResult, info), args.out);
  }
  if (args.out !== undefined && !args.quiet) process.stderr.write(`postroute: wrote ${args.out}\n`);
}

const command: CommandModule<object, SolveArgs> = {
  command: 'solve',
  describe: 'solve a vehicle-routing problem (problem.json, or a VRPLIB / Solomon instance)',
  builder: (yargs: Argv<object>) => yargs
    .option('problem', { type: 'string', describe: 'problem JSON file (the ProblemInput format, see docs/routing.md)' })
    .option('instance', { type: 'string', describe: 'benchmark instance: VRPLIB .vrp (X, A, B, P, CMT), Solomon .txt, Cordeau (type 1 periodic, type 2 multi-depot), or CARPLIB .dat (arc routing)' })
    .option('time-limit', { type: 'number', describe: 'stop the search after this many seconds (without any limit: after 5000 iterations without improvement)' })
    .option('max-iterations', { type: 'number', describe: 'stop after this many iterations (repeatable, unlike a time limit)' })
    .option('seed', { type: 'number', default: 1, describe: 'random seed; the same input, seed and iteration limit give the same plan' })
    .option('json', { type: 'boolean', default: false, describe: 'print the solution as JSON' })
    .option('bks', { type: 'number', describe: 'best known value, to print the gap (instances only)' })
    .option('convention', { choices: ['truncated', 'unrounded'] as const, describe: 'Solomon arcs: truncated to 0.1 (distance objective) or unrounded (fewest vehicles, then distance)' })
    .option('warm-start', { type: 'string', describe: 'JSON routes to start from: [{vehicleType, stops}] or a previous --json output' })
    .option('allow-unassigned', { type: 'boolean', default: false, describe: 'list stops that no vehicle can ever serve as unassigned instead of failing, and when the fleet cannot serve every stop, serve the most (by priority, then by count)' })
    .option('out', { type: 'string', describe: 'write the solution to this file instead of stdout' })
    // Usage errors are InputErrors: main.ts prints them as one line with exit 2.
    .check((argv) => {
      const a = argv as unknown as Partial<SolveArgs>;
      if ((a.problem === undefined) === (a.instance === undefined)) throw new InputError('give exactly one of --problem or --instance', {}, 'e.g. `postroute solve --problem problem.json` or `postroute solve --instance A-n32-k5.vrp`');
      if (a.timeLimit !== undefined && !(a.timeLimit > 0)) throw new InputError('--time-limit must be a positive number of seconds');
      if (a.maxIterations !== undefined && !(Number.isInteger(a.maxIterations) && a.maxIterations > 0)) throw new InputError('--max-iterations must be a positive integer');
      if (!Number.isInteger(a.seed)) throw new InputError('--seed must be an integer');
      if (a.bks !== undefined && a.instance === undefined) throw new InputError('--bks applies to --instance only');
      if (a.bks !== undefined && !(a.bks > 0)) throw new InputError('--bks must be a positive number');
      return true;
    }) as unknown as Argv<SolveArgs>,
  handler: async (args: ArgumentsCamelCase<SolveArgs>) => {
    // A bad --out fails at once, not after the work.
    if (args.out !== undefined) prepareFile(args.out);
    let input: ProblemInput;
    let info: InstanceInfo | undefined;
    let source: string;
    let text: string | undefined;
    if (args.problem !== undefined) {
      source = args.problem;
      ({ input, text } = loadProblemFile(args.problem));
    } else {
      source = args.instance!;
      const instanceText = readText(source, 'instance');
      // CARPLIB (.dat): arc routing, solved by its own engine.
      if (isCarplib(source, instanceText)) return solveCarpInstance({ ...args, instance: source }, instanceText, args);
      let periodic: PeriodicProblemInput | undefined;
      ({ input, info, periodic } = await loadInstance(args.instance!, args));
      // Cordeau type 1: a horizon of days, solved by the periodic engine.
      if (periodic !== undefined) return runPeriodic(periodic, info, args);
    }
    let problem;
    try {
      problem = createProblem(input, { source: args.problem ?? basename(source) });
    } catch (error) {
      throw text !== undefined ? withJsonLine(error, text) : error;
    }
    if (!args.allowUnassigned) rejectUnservable(problem, input, args.problem ?? basename(source), text);
    const warmStart = args.warmStart !== undefined ? loadWarmStart(args.warmStart) : undefined;
    const warmText = args.warmStart !== undefined ? readText(args.warmStart, 'warm-start') : '';
    const warm = { path: args.warmStart ?? '', text: warmText, wrapped: !warmText.trimStart().startsWith('[') };
    const progress = createProgress(args.quiet);
    let solution: SolutionResult;
    try {
      solution = solve(problem, {
        seed: args.seed,
        ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
        ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
        ...(warmStart !== undefined ? { warmStart } : {}),
        ...(args.allowUnassigned ? { serveMost: true } : {}),
        onProgress: searchProgress(progress.onProgress, args, objectiveWord(info)),
      });
    } catch (error) {
      throw warmStart !== undefined ? inWarmStartFile(error, warm) : error;
    } finally {
      progress.done();
    }
    if (args.json) {
      const extra: Record<string, unknown> = {};
      if (info) {
        extra.instance = {
          name: info.name,
          format: info.format,
          convention: info.convention,
          objective: info.objective,
          fleet: info.fleet,
          bks: info.bks ?? null,
          bksVehicles: info.bksVehicles ?? null,
          gap: info.bks !== undefined ? (solution.distance - info.bks) / info.bks : null,
        };
      }
      writeOutput(solutionToJson(solution, extra, info?.format === 'cordeau' ? 1 : undefined), args.out);
    } else {
      writeOutput(solutionToText(solution, info), args.out);
    }
    if (args.out !== undefined && !args.quiet) process.stderr.write(`postroute: wrote ${args.out}\n`);
  },
};

export default command;
