/**
 * javascript-lp-solver adapter: the pure-JS backend for tiny models, and the independent
 * cross-check of HiGHS in the tests. It runs on the calling thread and ignores time limits
 * (measured: it did not stop a 200 × 200 set covering in 130 s), so `solveCoverage` only sends it
 * models below `LP_SOLVER_MAX_COLUMNS`.
 */
import lpSolverModule from 'javascript-lp-solver';
import type { MipModel, MipOptions, MipResult } from './model.js';
import { mipObjective } from './model.js';

interface LpSolver {
  Solve(model: object): Record<string, number | boolean | undefined> & { feasible: boolean };
}
// The package is CommonJS for TypeScript and ESM at run time; accept either shape of the default.
const lpSolver = ((lpSolverModule as unknown as { default?: LpSolver }).default ?? lpSolverModule) as unknown as LpSolver;

/** Larger models go to HiGHS; javascript-lp-solver is not fast enough for them. */
export const LP_SOLVER_MAX_COLUMNS = 400;

export function solveWithLpSolver(model: MipModel, _options: MipOptions = {}): Promise<MipResult> {
  const started = performance.now();
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const ints: Record<string, 1> = {};
  const name = (j: number): string => `x${j}`;
  for (let j = 0; j < model.numCols; j++) {
    const column: Record<string, number> = { objective: model.colCost[j]! };
    const lo = model.colLower[j]!;
    const hi = model.colUpper[j]!;
    // Variables are ≥ 0 in javascript-lp-solver; other bounds become one-column rows.
    if (lo > 0 || Number.isFinite(hi)) {
      const bound: { min?: number; max?: number; equal?: number } = {};
      if (lo === hi) bound.equal = lo;
      else {
        if (lo > 0) bound.min = lo;
        if (Number.isFinite(hi)) bound.max = hi;
      }
      constraints[`b${j}`] = bound;
      column[`b${j}`] = 1;
    }
    variables[name(j)] = column;
    if (model.integer[j]) ints[name(j)] = 1;
  }
  for (let r = 0; r < model.numRows; r++) {
    const lo = model.rowLower[r]!;
    const hi = model.rowUpper[r]!;
    const bound: { min?: number; max?: number; equal?: number } = {};
    if (lo === hi) bound.equal = lo;
    else {
      if (Number.isFinite(lo)) bound.min = lo;
      if (Number.isFinite(hi)) bound.max = hi;
    }
    constraints[`r${r}`] = bound;
    for (let k = model.rowStarts[r]!; k < model.rowStarts[r + 1]!; k++) {
      variables[name(model.rowIndex[k]!)]![`r${r}`] = model.rowValue[k]!;
    }
  }
  const result = lpSolver.Solve({ optimize: 'objective', opType: model.sense, constraints, variables, ints });
  const seconds = (performance.now() - started) / 1000;
  if (!result.feasible) {
    return Promise.resolve({ status: 'infeasible', values: undefined, objective: NaN, bound: NaN, seconds });
  }
  const values = new Float64Array(model.numCols);
  for (let j = 0; j < model.numCols; j++) {
    const v = result[name(j)];
    values[j] = typeof v === 'number' ? v : 0;
  }
  const objective = mipObjective(model, values);
  return Promise.resolve({ status: 'optimal', values, objective, bound: objective, seconds });
}
