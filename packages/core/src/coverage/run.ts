/**
 * What the four models share when they solve: the time budget, the seeded random source, the
 * backend choice, and the exact and heuristic solution of a (reduced) set covering instance.
 */
import { InputError } from '../errors.js';
import { createRandom, type Random } from '../util/random.js';
import type { ProgressCallback } from '../util/progress.js';
import type { CoverageMethod, CoverageOptions, MipBackend } from './model.js';
import type { CoverInstance } from './heuristics/lagrangian.js';
import { coverLowerBound } from './heuristics/lagrangian.js';
import { greedyCover } from './heuristics/set-cover.js';
import { MipBuilder, estimateMipBytes, HIGHS_MEMORY_BUDGET, type MipBackendAdapter, type MipModel, type MipOptions, type MipResult } from './mip/model.js';
import { HighsFailure, solveWithHighs } from './mip/highs.js';
import { solveWithLpSolver, LP_SOLVER_MAX_COLUMNS } from './mip/lp-solver.js';
import { formatFigure } from '../io/numbers.js';

export interface RunContext {
  method: CoverageMethod;
  backend: MipBackend;
  started: number;
  deadline: number;
  random: Random;
  lagrangian: boolean;
  onProgress: ProgressCallback;
}

export const DEFAULT_TIME_LIMIT = 60;

export function createContext(options: CoverageOptions): RunContext {
  const timeLimit = options.timeLimit ?? DEFAULT_TIME_LIMIT;
  if (!(timeLimit > 0)) throw new InputError(`time limit ${timeLimit} is not positive`, { field: 'timeLimit' }, 'give a number of seconds > 0');
  const started = performance.now();
  return {
    method: options.method ?? 'auto',
    backend: options.solver ?? 'highs',
    started,
    deadline: started + timeLimit * 1000,
    random: createRandom(options.seed ?? 1),
    lagrangian: options.lagrangian ?? true,
    onProgress: options.onProgress ?? (() => {}),
  };
}

export function secondsLeft(context: RunContext): number {
  return Math.max(0, (context.deadline - performance.now()) / 1000);
}

/** Whether a model of this size may go to the chosen backend; throws for a forced impossible choice. */
export function backendFits(context: RunContext, size: { numCols: number; numRows: number; numNonzeros: number }): boolean {
  if (context.backend === 'lp-solver') {
    if (size.numCols <= LP_SOLVER_MAX_COLUMNS) return true;
    if (context.method === 'exact') {
      throw new InputError(
        `the model has ${size.numCols} columns, too many for javascript-lp-solver (at most ${LP_SOLVER_MAX_COLUMNS})`,
        { field: 'solver' },
        'use the default HiGHS backend',
      );
    }
    return false;
  }
  if (estimateMipBytes(size) > HIGHS_MEMORY_BUDGET) {
    context.onProgress({ step: 'mip', message: `model too large for HiGHS' 2 GiB heap (${size.numNonzeros} nonzeros); keeping the heuristic answer` });
    return false;
  }
  if (context.method === 'auto' && size.numNonzeros > AUTO_EXACT_MAX_NONZEROS) {
    context.onProgress({ step: 'mip', message: `model of ${size.numNonzeros} nonzeros is beyond quick proofs; keeping the heuristic answer (use method "exact" to try)` });
    return false;
  }
  return true;
}

/**
 * In `auto` mode larger MIPs are not attempted: measured on OR-Library pmed (n ≤ 400), HiGHS
 * needs up to about a minute at ~200k nonzeros, so beyond this the heuristic's certified gap is
 * the answer.
 */
export const AUTO_EXACT_MAX_NONZEROS = 400_000;

/**
 * Solves with the context's backend. A HiGHS worker that fails (out of memory, crash) gives
 * `no-solution` with the reason in `failure`, so that callers keep their heuristic answer.
 */
export async function solveMipWith(context: RunContext, model: MipModel, options: MipOptions, session?: MipBackendAdapter): Promise<MipResult & { failure?: string }> {
  const withProgress = { onProgress: context.onProgress, ...options };
  if (context.backend === 'lp-solver') return solveWithLpSolver(model, withProgress);
  try {
    return await (session ? session.solve(model, withProgress) : solveWithHighs(model, withProgress));
  } catch (error) {
    if (!(error instanceof HighsFailure)) throw error;
    context.onProgress({ step: 'mip', message: `HiGHS failed (${error.message}); keeping the heuristic answer` });
    return { status: 'no-solution', values: undefined, objective: NaN, bound: model.sense === 'min' ? -Infinity : Infinity, seconds: 0, failure: error.message };
  }
}

/** True when every value is an integer, so bounds may be rounded up. */
export function allIntegral(values: ArrayLike<number>): boolean {
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isFinite(v) && Math.abs(v - Math.round(v)) > 1e-9) return false;
  }
  return true;
}

export interface CoverSolution {
  /** Chosen column indices, ascending. */
  columns: number[];
  objective: number;
  bound: number;
  proven: boolean;
  method: 'exact' | 'heuristic';
  solver: MipBackend | 'heuristic';
}

/** Set covering model: min Σ c_j y_j, each row covered at least once, y binary. */
export function coverMip(cover: CoverInstance): MipModel {
  const columns = cover.columnCost.length;
  const builder = new MipBuilder('min');
  for (let j = 0; j < columns; j++) builder.addCol(cover.columnCost[j]!, 0, 1, true);
  const rowColumns: number[][] = Array.from({ length: cover.rows }, () => []);
  for (let j = 0; j < columns; j++) {
    for (let k = cover.columnStarts[j]!; k < cover.columnStarts[j + 1]!; k++) rowColumns[cover.columnRows[k]!]!.push(j);
  }
  for (const cols of rowColumns) builder.addRow(cols, cols.map(() => 1), 1, Infinity);
  return builder.build();
}

export function coverCost(cover: CoverInstance, columns: readonly number[]): number {
  let total = 0;
  for (const j of columns) total += cover.columnCost[j]!;
  return total;
}

/**
 * Solves a set covering instance: greedy and a Lagrangian bound first (often already optimal on
 * reduced instances), then the MIP unless the method is `heuristic`.
 */
export async function solveCover(
  context: RunContext,
  cover: CoverInstance,
  options: { session?: MipBackendAdapter; stopAtObjective?: number; stopWhenBoundBeyond?: number; heuristicSeconds?: number; mipSeconds?: number } = {},
): Promise<CoverSolution> {
  const integral = allIntegral(cover.columnCost);
  if (cover.rows === 0) return { columns: [], objective: 0, bound: 0, proven: true, method: 'exact', solver: 'heuristic' };
  let greedy = greedyCover(cover);
  let greedyCost = coverCost(cover, greedy);
  const boundDeadline = Math.min(context.deadline, performance.now() + 1000 * (options.heuristicSeconds ?? 1));
  // Lagrangian heuristic: columns with negative reduced cost, completed greedily.
  const improve = (reduced: Float64Array): number => {
    const initial: number[] = [];
    for (let j = 0; j < reduced.length; j++) if (reduced[j]! < 0) initial.push(j);
    const candidate = greedyCover(cover, initial);
    const cost = coverCost(cover, candidate);
    if (cost < greedyCost - 1e-9) { greedy = candidate; greedyCost = cost; }
    return greedyCost;
  };
  const { bound } = context.lagrangian ? coverLowerBound(cover, { upperBound: greedyCost, deadline: boundDeadline, integral, improve }) : { bound: 0 };
  const heuristic: CoverSolution = {
    columns: greedy,
    objective: greedyCost,
    bound: Math.min(bound, greedyCost),
    proven: bound >= greedyCost - 1e-9,
    method: 'heuristic',
    solver: 'heuristic',
  };
  context.onProgress({ step: 'heuristic', message: `Lagrangian heuristic cover ${formatFigure(greedyCost)}, bound ${formatFigure(bound)}` });
  if (heuristic.proven || context.method === 'heuristic') return heuristic;
  if (options.stopAtObjective !== undefined && greedyCost <= options.stopAtObjective) return heuristic;
  if (options.stopWhenBoundBeyond !== undefined && bound > options.stopWhenBoundBeyond) return heuristic;
  const model = coverMip(cover);
  const size = { numCols: model.numCols, numRows: model.numRows, numNonzeros: model.rowIndex.length };
  if (!backendFits(context, size)) return heuristic;
  const start = new Float64Array(model.numCols);
  for (const j of greedy) start[j] = 1;
  const mipOptions: MipOptions = {
    timeLimit: Math.max(0.05, Math.min(secondsLeft(context), options.mipSeconds ?? Infinity)),
    start,
    absoluteGap: integral ? 1 - 1e-6 : 1e-6,
  };
  if (options.stopAtObjective !== undefined) mipOptions.stopAtObjective = options.stopAtObjective;
  if (options.stopWhenBoundBeyond !== undefined) mipOptions.stopWhenBoundBeyond = options.stopWhenBoundBeyond;
  const result = await solveMipWith(context, model, mipOptions, options.session);
  if (result.status === 'infeasible') throw new Error('set covering MIP reported infeasible although every row is coverable');
  const mipBound = integral ? Math.ceil(result.bound - 1e-6) : result.bound;
  const bestBound = Math.max(heuristic.bound, Number.isFinite(mipBound) ? mipBound : -Infinity);
  if (result.failure !== undefined) return heuristic;
  if (!result.values || !(result.objective < greedyCost - 1e-9)) {
    return { ...heuristic, bound: bestBound, proven: result.status === 'optimal' || bestBound >= greedyCost - 1e-9, method: 'exact', solver: context.backend };
  }
  const columns: number[] = [];
  for (let j = 0; j < model.numCols; j++) if (result.values[j]! > 0.5) columns.push(j);
  const objective = coverCost(cover, columns);
  return {
    columns,
    objective,
    bound: Math.min(objective, bestBound),
    proven: result.status === 'optimal' || bestBound >= objective - 1e-9,
    method: 'exact',
    solver: context.backend,
  };
}
