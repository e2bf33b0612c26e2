/**
 * VROOM's two modes on postroute's engine: solve (every job may stay unassigned; the most
 * priority, then the most jobs, then the least cost) and plan mode (`vroom -c`: the routes given
 * as vehicle steps are timed and every violation reported).
 */
import { InputError } from '../errors.js';
import { createProblem } from '../vrp/model.js';
import type { ProblemData } from '../vrp/model.js';
import type { RouteInput } from '../vrp/input.js';
import { solve } from '../vrp/solve.js';
import type { SolveOptions } from '../vrp/solve.js';
import { evaluatePlan } from '../vrp/solution.js';
import { readVroom } from './read.js';
import type { VroomRead } from './read.js';
import { writeVroom } from './write.js';
import type { VroomOutput } from './write.js';

/** createProblem on the translated input, with errors located in VROOM's own terms. */
function compile(read: VroomRead, source: string | undefined): ProblemData {
  try {
    return createProblem(read.problem, source === undefined ? {} : { source });
  } catch (error) {
    if (error instanceof InputError && error.location.field !== undefined) {
      const field = error.location.field
        .replace(/^stops\[(\d+)\]\.timeWindows/, 'jobs[$1].time_windows')
        .replace(/^stops\[(\d+)\]\.serviceTime/, 'jobs[$1].service')
        .replace(/^stops\[(\d+)\]/, 'jobs[$1]')
        .replace(/^vehicleTypes\[(\d+)\]\.shift/, 'vehicles[$1].time_window')
        .replace(/^vehicleTypes\[(\d+)\]/, 'vehicles[$1]');
      throw new InputError(error.message, { ...error.location, field }, error.hint);
    }
    throw error;
  }
}

/**
 * Solves VROOM's input (parsed JSON) and answers in VROOM's output format.
 *
 * @example
 * const output = solveVroom(JSON.parse(text), { timeLimit: 5, seed: 1 });
 * console.log(output.summary.cost, output.unassigned.length);
 */
export function solveVroom(json: unknown, options: Omit<SolveOptions, 'serveMost' | 'warmStart'> & { source?: string } = {}): VroomOutput {
  const { source, ...solveOptions } = options;
  const read = readVroom(json, source === undefined ? {} : { source });
  const problem = compile(read, source);
  // Vehicles' steps are where the search starts (never a worse answer than they are).
  const initial = stepRoutes(read);
  return writeVroom(read, solve(problem, { ...solveOptions, serveMost: true, ...(initial.length > 0 ? { warmStart: initial } : {}) }));
}

/** The vehicles' steps as routes (jobs only; start and end are the vehicle's). */
function stepRoutes(read: VroomRead): RouteInput[] {
  const routes: RouteInput[] = [];
  for (const v of read.input.vehicles) {
    const stops = (v.steps ?? []).filter((s) => s.type === 'job').map((s) => String(s.id));
    if (stops.length > 0) routes.push({ vehicleType: String(v.id), stops });
  }
  return routes;
}

/**
 * Plan mode: the vehicles' `steps` are the routes; they are timed as given and every violation
 * is reported (VROOM's `-c`). Jobs that no steps name are unassigned.
 */
export function checkVroom(json: unknown, options: { source?: string } = {}): VroomOutput {
  const read = readVroom(json, options);
  const problem = compile(read, options.source);
  const routes = stepRoutes(read);
  return writeVroom(read, evaluatePlan(problem, routes));
}
