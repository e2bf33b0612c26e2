/**
 * One entry point for the four models, for callers that pick the model at run time (the CLI,
 * the planning workflow).
 */
import { InputError } from '../errors.js';
import type { CoverageMatrix, CoverageModel, CoverageOptions, CoverageResult } from './model.js';
import { prepareProblem } from './model.js';
import { createContext } from './run.js';
import { checkRadius, setCovering } from './lscp.js';
import { checkP, maximalCovering } from './mclp.js';
import { pMedian } from './pmedian.js';
import { pCenter } from './pcenter.js';

export interface SolveCoverageOptions extends CoverageOptions {
  model: CoverageModel;
  /** Coverage radius in matrix units: required for lscp and mclp. */
  radius?: number;
  /** New stations: required for mclp, pmedian and pcenter. */
  p?: number;
}

/**
 * Solves a coverage model on a demand × site matrix.
 *
 * @example
 * const matrix = { demandIds: ['a', 'b', 'c'], siteIds: ['s1', 's2'], values: [1, 9, 2, 8, 9, 1] };
 * const lscp = await solveCoverage(matrix, { model: 'lscp', radius: 5 });
 * lscp.open;   // ['s1', 's2']
 * const median = await solveCoverage(matrix, { model: 'pmedian', p: 1, timeLimit: 10 });
 * median.status; // 'optimal'
 */
export async function solveCoverage(matrix: CoverageMatrix, options: SolveCoverageOptions): Promise<CoverageResult> {
  const { model } = options;
  if (!['lscp', 'mclp', 'pmedian', 'pcenter'].includes(model)) {
    throw new InputError(`unknown coverage model "${String(model)}"`, { field: 'model' }, 'use lscp, mclp, pmedian or pcenter');
  }
  if (model === 'pcenter' && options.capacities !== undefined) {
    throw new InputError('p-center does not support capacities', { field: 'capacities' }, 'drop the capacities or use pmedian');
  }
  const problem = prepareProblem(matrix, options);
  switch (model) {
    case 'lscp': {
      const radius = checkRadius(options.radius);
      return setCovering(problem, radius, createContext(options));
    }
    case 'mclp': {
      const radius = checkRadius(options.radius);
      const p = checkP(problem, options.p);
      return maximalCovering(problem, radius, p, createContext(options));
    }
    case 'pmedian':
      return pMedian(problem, checkP(problem, options.p), createContext(options));
    case 'pcenter':
      return pCenter(problem, checkP(problem, options.p), createContext(options));
  }
}
