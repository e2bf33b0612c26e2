/**
 * Location set covering (Toregas et al. 1971): the fewest new stations, or the least total
 * opening cost, so that every demand point that can be covered lies within the radius of an
 * open station. Existing stations count as open and cost nothing.
 */
import { InputError } from '../errors.js';
import type { CoverageMatrix, CoverageOptions, CoverageResult } from './model.js';
import { buildResult, prepareProblem, type CoverageProblem } from './model.js';
import { coverStructure, type CoverStructure } from './reduce.js';
import { createContext, secondsLeft, solveCover, type RunContext } from './run.js';
import { solveCapacitated } from './capacitated.js';
import { formatFigure } from '../io/numbers.js';

export interface SetCoveringOptions extends CoverageOptions {
  /** Coverage radius, in the matrix's units. */
  radius: number;
}

/**
 * Fewest stations (least opening cost) covering every demand point within `radius`.
 * Demand points that no allowed site covers are listed in `uncovered` with the reason.
 *
 * @example
 * const result = await solveSetCovering(
 *   { demandIds: ['a', 'b', 'c'], siteIds: ['s1', 's2'], values: [1, 9, 2, 8, 9, 1] },
 *   { radius: 5 },
 * );
 * result.open; // ['s1', 's2']
 */
export async function solveSetCovering(matrix: CoverageMatrix, options: SetCoveringOptions): Promise<CoverageResult> {
  const problem = prepareProblem(matrix, options);
  const radius = checkRadius(options.radius);
  const context = createContext(options);
  return setCovering(problem, radius, context);
}

export async function setCovering(problem: CoverageProblem, radius: number, context: RunContext): Promise<CoverageResult> {
  if (problem.capacity) return solveCapacitated(problem, { model: 'lscp', radius, p: undefined }, context);
  const structure = coverStructure(problem, radius, { rows: 'drop', columnCosts: true });
  context.onProgress({
    step: 'reduce',
    message: `${structure.before.rows}×${structure.before.columns} → ${structure.cover.rows}×${structure.cover.columnCost.length} rows×sites`,
  });
  checkReach(problem, structure, radius);
  // Forced heuristic: the Lagrangian heuristic may use the whole time; otherwise a short start for the MIP.
  const heuristicSeconds = context.method === 'heuristic' ? secondsLeft(context) : Math.min(2, secondsLeft(context) / 4);
  const solution = await solveCover(context, structure.cover, { heuristicSeconds });
  const open = Uint8Array.from(problem.fixedOpen);
  for (const c of solution.columns) open[structure.columnSite[c]!] = 1;
  return buildResult(problem, 'lscp', { open, objective: solution.objective, bound: solution.bound, proven: solution.proven }, {
    radius,
    method: solution.method,
    solver: solution.solver,
    started: context.started,
  });
}

/** A radius that covers no demand point from any usable site is a mistake in the input. */
export function checkReach(problem: CoverageProblem, structure: CoverStructure, radius: number): void {
  if (structure.cover.rows > 0 || structure.coveredByExisting.length > 0) return;
  let nearest = Infinity;
  for (let i = 0; i < problem.n; i++) {
    for (let j = 0; j < problem.m; j++) {
      if (problem.fixedOpen[j] || problem.allowed[j]) nearest = Math.min(nearest, problem.dist[i * problem.m + j]!);
    }
  }
  throw new InputError(
    `radius ${formatFigure(radius)} reaches no demand point from any usable site`,
    { field: 'radius' },
    Number.isFinite(nearest) ? `the closest demand–site pair is ${formatFigure(nearest)} apart (in the matrix units); check the radius and its units` : 'no demand point can reach any site at all',
  );
}

export function checkRadius(radius: number | undefined): number {
  if (radius === undefined || !Number.isFinite(radius) || radius < 0) {
    throw new InputError(`radius ${String(radius)} is not a distance`, { field: 'radius' }, 'give a finite radius ≥ 0 in the matrix units, e.g. 5000 (metres) or 900 (seconds)');
  }
  return radius;
}
