/**
 * VROOM's two modes on postroute's engine: solve (every job may stay unassigned; the most
 * priority, then the most jobs, then the least cost) and plan mode (`vroom -c`: the routes given
 * as vehicle steps are timed and every violation reported).
 */
import { InputError } from '../errors.js';
import { createProblem } from '../vrp/model.js';
import type { ProblemData } from '../vrp/model.js';
import type { RouteInput } from '../vrp/input.js';
import type { SolutionResult } from '../vrp/solution-types.js';
import { solve } from '../vrp/solve.js';
import type { SolveOptions } from '../vrp/solve.js';
import { evaluatePlan } from '../vrp/solution.js';
import { readVroom } from './read.js';
import { taskStopId } from './types.js';
import type { VroomRead, VroomStopTask } from './types.js';
import { writeVroom } from './write.js';
import type { VroomOutput } from './write.js';

/**
 * Regret constructions that start the genetic search (HgsParams.constructed). n150-jobs and
 * n150-breaks of benchmarks/vroom at VROOM's CPU seconds: 0 → 405736 / 602606, 3 → 393939 /
 * 550575, 6 → 382722 / 527568 (same tasks and priority).
 */
const VROOM_CONSTRUCTED = 6;

/** createProblem on the translated input, with errors located in VROOM's own terms. */
function compile(read: VroomRead, source: string | undefined): ProblemData {
  try {
    return createProblem(read.problem, source === undefined ? {} : { source });
  } catch (error) {
    if (error instanceof InputError && error.location.field !== undefined) {
      // Stops are the jobs, then each shipment's pick-up and delivery (read.ts).
      const jobCount = read.input.jobs?.length ?? 0;
      const task = (k: string): string => {
        const i = Number(k);
        return i < jobCount ? `jobs[${i}]` : `shipments[${(i - jobCount) >> 1}].${(i - jobCount) % 2 === 0 ? 'pickup' : 'delivery'}`;
      };
      const field = error.location.field
        .replace(/^stops\[(\d+)\]\.timeWindows/, (_m, k: string) => `${task(k)}.time_windows`)
        .replace(/^stops\[(\d+)\]\.serviceTime/, (_m, k: string) => `${task(k)}.service`)
        .replace(/^stops\[(\d+)\]/, (_m, k: string) => task(k))
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
export function solveVroom(
  json: unknown, options: Omit<SolveOptions, 'serveMost' | 'warmStart' | 'fixedRoutes'> & { source?: string; lockSteps?: boolean } = {},
): VroomOutput {
  const { source, lockSteps, ...solveOptions } = options;
  // Steps the search starts from ignore service_at / _after / _before, as VROOM's solving does.
  const read = readVroom(json, { ...(source === undefined ? {} : { source }), forcedService: lockSteps === true ? 'refuse' : 'ignore' });
  const problem = compile(read, source);
  // Vehicles' steps are where the search starts (never a worse answer than they are), or, with
  // lockSteps, routes kept as given and only timed (their breaks where the steps put them, if any).
  const given = stepRoutes(read, lockSteps === true ? 'lock' : 'start');
  // The large neighbourhood search (pdptw/alns.ts) unless the caller asks for the genetic one: at
  // VROOM's own budgets (0.4 s CPU for 50 tasks, 8 s for 150) the genetic search has not finished
  // educating its first population, and serves fewer tasks (benchmarks/vroom at VROOM's CPU
  // seconds, seed 1: n050-jobs 39 against 41 tasks, n100-jobs 87 against 89, n150-breaks 132
  // against 133; VROOM 41, 89, 133) and costs more on the same count (n150-jobs 477661 against
  // 436519). With the genetic search, regret constructions start it as VROOM's do
  // (construct/insertion.ts).
  const engine = solveOptions.engine ?? 'alns';
  const params = { constructed: VROOM_CONSTRUCTED, ...solveOptions.params };
  const solution = solve(problem, {
    ...solveOptions, engine, params, serveMost: true, ...(given.length === 0 ? {} : lockSteps ? { fixedRoutes: given } : { warmStart: given }),
  });
  return writeVroom(read, explainLeftOut(read, problem, solution));
}

/**
 * The vehicles' steps as routes (start and end are the vehicle's). Their break steps are where the
 * breaks go: in plan mode (`check`) always, so that steps naming no break miss them all; for a
 * locked route only when the steps name one (else the evaluator places them); as a start, never.
 */
function stepRoutes(read: VroomRead, mode: 'check' | 'lock' | 'start'): RouteInput[] {
  const routes: RouteInput[] = [];
  for (const v of read.input.vehicles) {
    const steps = v.steps ?? [];
    const stops = steps.filter((s) => s.type === 'job' || s.type === 'pickup' || s.type === 'delivery').map((s) => taskStopId(s.type as VroomStopTask['type'], s.id!));
    if (stops.length === 0 && !steps.some((s) => s.type === 'break')) continue;
    const route: RouteInput = { vehicleType: String(v.id), stops };
    const named = steps.some((s) => s.type === 'break');
    if ((mode === 'check' || (mode === 'lock' && named)) && (v.breaks ?? []).length > 0) {
      let jobsBefore = 0;
      route.breaks = [];
      for (const s of steps) {
        if (s.type === 'job' || s.type === 'pickup' || s.type === 'delivery') jobsBefore++;
        else if (s.type === 'break') route.breaks.push({ id: String(s.id), after: jobsBefore });
      }
    }
    routes.push(route);
  }
  return routes;
}

/**
 * Finer reasons, in VROOM's terms, for jobs the search left out only for want of room: `max-tasks`
 * when every vehicle that holds the job's skills makes as many jobs as its max_tasks allows, else
 * `priority` when a vehicle that could serve it serves a job of higher priority instead. Both are
 * plain facts about the answer.
 */
function explainLeftOut(read: VroomRead, problem: ProblemData, solution: SolutionResult): SolutionResult {
  const { vehicles } = read.input as Required<VroomRead['input']>;
  const jobsOf = new Map(solution.routes.map((r) => [r.vehicleType, r.stops.length]));
  // Per vehicle: the highest priority it serves.
  const topOf = new Map(solution.routes.map((r) => [r.vehicleType, Math.max(...r.stops.map((id) => read.tasks[read.taskByStop.get(id)!]!.priority ?? 0))]));
  for (const u of solution.unassigned) {
    if (u.reason !== 'fleet-exhausted' && u.reason !== 'no-feasible-insertion') continue;
    const s = problem.stopIndexById.get(u.id)!;
    const able = vehicles.filter((_, k) => problem.skillMismatch[k]?.[s] !== 1);
    if (able.length > 0 && able.every((v) => v.max_tasks !== undefined && (jobsOf.get(String(v.id)) ?? 0) >= v.max_tasks)) u.reason = 'max-tasks';
    else if (able.some((v) => (topOf.get(String(v.id)) ?? -1) > (read.tasks[read.taskByStop.get(u.id)!]!.priority ?? 0))) u.reason = 'priority';
  }
  return solution;
}

/**
 * Plan mode: the vehicles' `steps` are the routes; they are timed as given and every violation
 * is reported (VROOM's `-c`). Jobs that no steps name are unassigned.
 */
export function checkVroom(json: unknown, options: { source?: string } = {}): VroomOutput {
  const read = readVroom(json, options);
  const problem = compile(read, options.source);
  const routes = stepRoutes(read, 'check');
  return writeVroom(read, evaluatePlan(problem, routes));
}
