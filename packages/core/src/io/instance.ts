/**
 * Benchmark instance files for `postroute solve --instance`: which format a file is (by its
 * content), the routing problem it holds under its set's conventions, and its best known value
 * from the files the benchmark copies keep beside it (a VRPLIB `.sol`, a `bks.csv`).
 */
import { basename, dirname, extname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { PeriodicProblemInput } from '../vrp/periodic/input.js';
import type { ProblemInput } from '../vrp/input.js';
import { cordeauToProblem, parseCordeau } from '../vrp/cordeau.js';
import { parseCsv } from './csv.js';
import { liLimToProblem, looksLikeLiLim, parseLiLim } from './lilim.js';
import { parseSolomon, solomonToProblem, type SolomonConvention } from './solomon.js';
import { parseVrplib, parseVrplibSolution, vrplibToProblem } from './vrplib.js';

/** The instance formats `solve --instance` reads. */
export type InstanceFormat = 'vrplib' | 'solomon' | 'cordeau' | 'carplib' | 'lilim';

/** What an instance file says beyond the problem: its name, conventions and best known value. */
export interface InstanceInfo {
  name: string;
  format: 'vrplib' | 'solomon' | 'cordeau' | 'lilim';
  /** Arc convention, as the set defines it. */
  convention: string;
  objective: 'distance' | 'vehicles-then-distance';
  /** Best known value of the objective's distance, when known. */
  bks?: number;
  /** Vehicles of the best known solution, when known. */
  bksVehicles?: number;
  /** Where the best known value comes from (a file, or `--bks`). */
  bksSource?: string;
  fleet: { count: number; fixed: boolean };
}

/** A node-routing instance as a problem: daily, or periodic for Cordeau's type 1. */
export interface RoutingInstance {
  input: ProblemInput;
  info: InstanceInfo;
  /** Cordeau type 1: the weekly problem (then `input` is the same object, seen as daily). */
  periodic?: PeriodicProblemInput;
  /** VRPLIB: the optimum the COMMENT line states, used when no `.sol` lies beside the file. */
  commentBks?: number;
}

/** Reads a file when it exists (undefined when it does not): how core sees the files beside an instance. */
export type ReadIfExists = (path: string) => string | undefined;

/**
 * Tells the formats apart by content: CARPLIB by its `LISTA_ARISTAS_REQ` section, Cordeau by its
 * first line (type, vehicles, customers, days or depots), Li & Lim by its `K Q S` line and the
 * depot's nine numbers, Solomon by its `VEHICLE` block (or a
 * `.txt` with `CUSTOMER`); anything else is read as VRPLIB.
 *
 * @example
 * sniffInstanceFormat(readFileSync('C101.txt', 'utf8'), 'C101.txt'); // 'solomon'
 */
export function sniffInstanceFormat(text: string, path: string): InstanceFormat {
  if (/^\s*LISTA_ARISTAS_REQ\s*:/m.test(text)) return 'carplib';
  if (/^\s*[12]\s+\d+\s+\d+\s+\d+\s*(\r?\n|$)/.test(text)) return 'cordeau';
  if (looksLikeLiLim(text)) return 'lilim';
  if (/^\s*\S+\s*\r?\n\s*\r?\n?\s*VEHICLE\b/i.test(text) || (extname(path).toLowerCase() === '.txt' && /\bCUSTOMER\b/.test(text))) return 'solomon';
  return 'vrplib';
}

/**
 * Reads a VRPLIB, Solomon or Cordeau instance under its set's conventions (Solomon: `convention`,
 * default `truncated`; the others refuse a convention). The best known value is added by
 * `findBestKnown`.
 *
 * @example
 * const { input, info } = readRoutingInstance(text, { path: 'benchmarks/instances/cvrp/A/A-n32-k5.vrp' });
 */
export function readRoutingInstance(text: string, options: { path: string; convention?: SolomonConvention }): RoutingInstance {
  const { path, convention } = options;
  const source = basename(path);
  const format = sniffInstanceFormat(text, path);
  if (format === 'carplib') throw new InputError('a CARPLIB file is an arc routing instance', { source }, 'read it with parseCarplib');
  if (format === 'cordeau') {
    if (convention !== undefined)
      throw new InputError('--convention applies to Solomon instances only', { source, field: 'convention' }, 'Cordeau instances use unrounded Euclidean distances');
    const instance = parseCordeau(text, { source });
    const converted = cordeauToProblem(instance);
    const info: InstanceInfo = {
      name: source, format: 'cordeau', convention: 'exact', objective: 'distance',
      fleet: { count: instance.vehicles, fixed: true },
    };
    if (converted.type === 1) return { input: converted.problem as unknown as ProblemInput, info, periodic: converted.problem };
    return { input: converted.problem, info };
  }
  if (format === 'lilim') {
    if (convention !== undefined)
      throw new InputError('--convention applies to Solomon instances only', { source, field: 'convention' }, 'Li & Lim instances use unrounded Euclidean distances');
    const instance = parseLiLim(text, { source });
    const info: InstanceInfo = {
      name: basename(path, extname(path)), format: 'lilim', convention: 'exact', objective: 'vehicles-then-distance',
      fleet: { count: instance.vehicles, fixed: true },
    };
    return { input: liLimToProblem(instance).problem, info };
  }
  if (format === 'solomon') {
    const solomon = convention ?? 'truncated';
    const converted = solomonToProblem(parseSolomon(text, { source }), { convention: solomon, source });
    const info: InstanceInfo = {
      name: converted.name, format: 'solomon', convention: solomon, objective: converted.objective,
      fleet: { count: converted.problem.vehicleTypes[0]!.count ?? 1, fixed: true },
    };
    return { input: converted.problem, info };
  }
  if (convention !== undefined) {
    throw new InputError('--convention applies to Solomon instances only', { source, field: 'convention' },
      'VRPLIB files follow their set\'s convention (X, A, B, P: nearest integer; CMT: unrounded)');
  }
  const converted = vrplibToProblem(parseVrplib(text, { source }), { source });
  const info: InstanceInfo = {
    name: converted.name || basename(path, extname(path)), format: 'vrplib', convention: converted.rounding,
    objective: 'distance', fleet: converted.fleet,
  };
  return { input: converted.problem, info, ...(converted.commentBks !== undefined ? { commentBks: converted.commentBks } : {}) };
}

/**
 * A `bks.csv` of the benchmark copies: the first column names the instance, the others hold its
 * best known values. Returns the row of `key` by column name, or undefined.
 */
async function bestKnownRow(text: string, source: string, key: string): Promise<Record<string, string> | undefined> {
  const { rows } = await parseCsv(text, { source });
  return rows.find((row) => row.fields[0] === key)?.values;
}

const number = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Adds the best known value from the files beside the instance at `path`: a VRPLIB `.sol` (its
 * cost and routes; without one the COMMENT line's optimum), Solomon's `bks.csv` beside the files
 * (the column of the convention), Cordeau's `bks.csv` beside or one folder up. `readIfExists`
 * reads those files (core reads no files itself).
 *
 * @example
 * const info = await findBestKnown(instance, path, (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined));
 */
export async function findBestKnown(instance: RoutingInstance, path: string, readIfExists: ReadIfExists): Promise<InstanceInfo> {
  const info: InstanceInfo = { ...instance.info };
  if (info.format === 'vrplib') {
    const solPath = path.replace(/\.vrp$/i, '') + '.sol';
    const solText = solPath !== path ? readIfExists(solPath) : undefined;
    if (solText !== undefined) {
      const solution = parseVrplibSolution(solText, { source: basename(solPath) });
      if (solution.cost !== undefined) {
        info.bks = solution.cost;
        info.bksVehicles = solution.routes.length;
        info.bksSource = solPath;
      }
    } else if (instance.commentBks !== undefined) {
      info.bks = instance.commentBks;
      info.bksSource = `${basename(path)} COMMENT`;
    }
    return info;
  }
  if (info.format === 'solomon') {
    const table = join(dirname(path), 'bks.csv');
    const text = readIfExists(table);
    const row = text !== undefined ? await bestKnownRow(text, table, info.name) : undefined;
    if (row !== undefined) {
      if (info.convention === 'truncated') {
        info.bks = number(row.bks_distance_trunc1);
      } else {
        info.bks = number(row.bks_hier_distance_unrounded);
        info.bksVehicles = number(row.bks_hier_vehicles);
      }
      if (info.bks !== undefined) info.bksSource = table;
    }
    return info;
  }
  for (const dir of [dirname(path), dirname(dirname(path))]) {
    const table = join(dir, 'bks.csv');
    const text = readIfExists(table);
    if (text === undefined) continue;
    const row = await bestKnownRow(text, table, info.name);
    const bks = number(row?.bks);
    if (bks !== undefined) {
      info.bks = bks;
      info.bksSource = table;
      // Li & Lim's table gives the vehicles of the best known plan in its notes ("10 vehicles first").
      const vehicles = /(\d+) vehicles/.exec(row?.notes ?? '');
      if (info.format === 'lilim' && vehicles) info.bksVehicles = Number(vehicles[1]);
    }
    break;
  }
  return info;
}

/**
 * The best known value of a CARPLIB instance: the `bks.csv` one folder up (the benchmark copy's
 * layout, keyed "set/name"), or undefined.
 *
 * @example
 * await findCarpBestKnown('benchmarks/instances/carp/gdb/gdb1.dat', readIfExists);
 * // { bks: 316, source: 'benchmarks/instances/carp/bks.csv (gdb/gdb1)' }
 */
export async function findCarpBestKnown(path: string, readIfExists: ReadIfExists): Promise<{ bks: number; source: string } | undefined> {
  const table = join(dirname(dirname(path)), 'bks.csv');
  const text = readIfExists(table);
  if (text === undefined) return undefined;
  const key = `${basename(dirname(path))}/${basename(path, extname(path))}`;
  const bks = number((await bestKnownRow(text, table, key))?.bks);
  return bks === undefined ? undefined : { bks, source: `${table} (${key})` };
}

/**
 * The best known value given by the user (`--bks`) in place of the files': the vehicles of the
 * files' solution no longer apply.
 *
 * @example
 * overrideBestKnown(info, 27591).bksSource; // '--bks'
 */
export function overrideBestKnown(info: InstanceInfo, bks: number | undefined): InstanceInfo {
  if (bks === undefined) return info;
  const { bksVehicles: _unused, ...rest } = info;
  return { ...rest, bks, bksSource: '--bks' };
}
