/** MIP layer: one model representation, one adapter per backend. */
export type { MipModel, MipOptions, MipResult, MipStatus, MipBackendAdapter } from './model.js';
export { MipBuilder, mipObjective, estimateMipBytes, HIGHS_MEMORY_BUDGET } from './model.js';
export { HighsSession, HighsFailure, solveWithHighs } from './highs.js';
export { solveWithLpSolver, LP_SOLVER_MAX_COLUMNS } from './lp-solver.js';

import type { MipBackend } from '../model.js';
import type { MipModel, MipOptions, MipResult } from './model.js';
import { solveWithHighs } from './highs.js';
import { solveWithLpSolver } from './lp-solver.js';

/** Solves with the named backend. */
export function solveMip(model: MipModel, backend: MipBackend, options: MipOptions = {}): Promise<MipResult> {
  return backend === 'lp-solver' ? solveWithLpSolver(model, options) : solveWithHighs(model, options);
}
