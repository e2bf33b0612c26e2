/**
 * Maximal covering (Church & ReVelle 1974): open at most p new stations to cover the most demand
 * weight within the radius. Existing stations are open besides the p.
 *
 * The heuristic treats it as a p-median whose cost is the uncovered weight (w_i when the site is
 * beyond the radius, 0 within), so the same search and Lagrangian bound apply.
 */
import { InputError } from '../errors.js';
import type { CoverageMatrix, CoverageOptions, CoverageResult } from './model.js';
import { buildResult, prepareProblem, type CoverageProblem } from './model.js';
import { coverStructure, type CoverStructure } from './reduce.js';
import { AUTO_EXACT_MAX_NONZEROS, allIntegral, backendFits, createContext, secondsLeft, solveMipWith, type RunContext } from './run.js';
import { checkRadius, checkReach } from './lscp.js';
import { searchLocation } from './heuristics/index.js';
import type { LocationInstance } from './heuristics/location-search.js';
import { MipBuilder } from './mip/model.js';
import { solveCapacitated } from './capacitated.js';

export interface MaximalCoveringOptions extends CoverageOptions {
  /** Coverage radius, in the matrix's units. */
  radius: number;
  /** Number of new stations (besides the existing ones). */
  p: number;
}

/**
 * Most demand weight within `radius` with at most `p` new stations.
 *
 * @example
 * const result = await solveMaximalCovering(
 *   { demandIds: ['a', 'b', 'c'], siteIds: ['s1', 's2'], values: [1, 9, 2, 8, 9, 1] },
 *   { radius: 5, p: 1, weights: [10, 10, 30] },
 * );
 * result.objective; // 30 (s2 covers c)
 */
export async function solveMaximalCovering(matrix: CoverageMatrix, options: MaximalCoveringOptions): Promise<CoverageResult> {
  const problem = prepareProblem(matrix, options);
  const radius = checkRadius(options.radius);
  const p = checkP(problem, options.p);
  const context = createContext(options);
  return maximalCovering(problem, radius, p, context);
}

export async function maximalCovering(problem: CoverageProblem, radius: number, p: number, context: RunContext): Promise<CoverageResult> {
  if (problem.capacity) return solveCapacitated(problem, { model: 'mclp', radius, p }, context);
  const structure = coverStructure(problem, radius, { rows: 'merge', columnCosts: false });
  checkReach(problem, structure, radius);
  const { cover, rowWeight } = structure;
  const rows = cover.rows;
  const columns = cover.columnCost.length;
  context.onProgress({ step: 'reduce', message: `${structure.before.rows}×${structure.before.columns} → ${rows}×${columns} rows×sites` });
  let existingWeight = 0;
  for (const i of structure.coveredByExisting) existingWeight += problem.weight[i]!;
  let rowTotal = 0;
  for (let r = 0; r < rows; r++) rowTotal += rowWeight[r]!;
  const integral = allIntegral(rowWeight);

  let chosen: number[];
  let uncoveredBound: number;
  let proven: boolean;
  let method: 'exact' | 'heuristic' = 'heuristic';
  let solver: CoverageResult['solver'] = 'heuristic';
  if (rows === 0 || p >= columns) {
    chosen = Array.from({ length: columns }, (_, c) => c);
    uncoveredBound = 0;
    proven = true;
  } else {
    const instance = uncoveredInstance(structure, p);
    const found = searchLocation(instance, {
      random: context.random,
      deadline: heuristicDeadline(context, 2 * structure.cover.columnRows.length + rows + columns),
      integral,
      lagrangian: context.lagrangian,
      onProgress: context.onProgress,
    });
    chosen = Array.from(found.open);
    uncoveredBound = found.bound;
    let uncovered = found.total;
    proven = uncoveredBound >= uncovered - 1e-9;
    if (!proven && context.method !== 'heuristic') {
      const model = mclpMip(structure, p);
      if (backendFits(context, { numCols: model.numCols, numRows: model.numRows, numNonzeros: model.rowIndex.length })) {
        const start = new Float64Array(model.numCols);
        for (const c of chosen) start[c] = 1;
        const covers = coveredRows(structure, chosen);
        for (let r = 0; r < rows; r++) if (covers[r]) start[columns + r] = 1;
        const result = await solveMipWith(context, model, { timeLimit: Math.max(0.05, secondsLeft(context)), start, absoluteGap: integral ? 1 - 1e-6 : 1e-6 });
        if (result.failure === undefined) {
          method = 'exact';
          solver = context.backend;
        }
        if (result.values && rowTotal - result.objective < uncovered - 1e-9) {
          chosen = [];
          for (let c = 0; c < columns; c++) if (result.values[c]! > 0.5) chosen.push(c);
          uncovered = uncoveredWeight(structure, chosen);
        }
        if (Number.isFinite(result.bound)) {
          const mipUncoveredBound = rowTotal - result.bound;
          uncoveredBound = Math.max(uncoveredBound, integral ? Math.ceil(mipUncoveredBound - 1e-6) : mipUncoveredBound);
        }
        proven = result.status === 'optimal' || uncoveredBound >= uncovered - 1e-9;
      }
    }
  }
  chosen = dropRedundant(structure, chosen);
  const covered = existingWeight + rowTotal - uncoveredWeight(structure, chosen);
  const open = Uint8Array.from(problem.fixedOpen);
  for (const c of chosen) open[structure.columnSite[c]!] = 1;
  const bound = proven ? covered : existingWeight + rowTotal - uncoveredBound;
  return buildResult(problem, 'mclp', { open, objective: covered, bound, proven }, { radius, method, solver, started: context.started });
}

/**
 * Time for the heuristic: all of it when forced or when no MIP will follow (`auto` beyond the
 * size for quick proofs), else a quarter of the limit (at most 5 s).
 */
export function heuristicDeadline(context: RunContext, mipNonzeros = 0): number {
  if (context.method === 'heuristic') return context.deadline;
  if (context.method === 'auto' && mipNonzeros > AUTO_EXACT_MAX_NONZEROS) return context.deadline;
  const now = performance.now();
  return Math.min(context.deadline, now + Math.min(5000, (context.deadline - now) / 4));
}

export function checkP(problem: CoverageProblem, p: number | undefined): number {
  let allowedCount = 0;
  let existingCount = 0;
  for (let j = 0; j < problem.m; j++) {
    if (problem.allowed[j]) allowedCount++;
    if (problem.fixedOpen[j]) existingCount++;
  }
  if (p === undefined || !Number.isInteger(p) || p < 0) {
    throw new InputError(`p = ${String(p)} is not a number of stations`, { field: 'p' }, 'give a whole number ≥ 1 of new stations');
  }
  if (p === 0 && existingCount === 0) throw new InputError('p = 0 with no existing stations opens nothing', { field: 'p' }, 'give p ≥ 1');
  if (p > allowedCount) {
    throw new InputError(
      `p = ${p} is larger than the number of sites that may be opened (${allowedCount})`,
      { field: 'p' },
      `give p ≤ ${allowedCount}, or add candidate sites`,
    );
  }
  return p;
}

function uncoveredInstance(structure: CoverStructure, p: number): LocationInstance {
  const { cover, rowWeight } = structure;
  const n = cover.rows;
  const m = cover.columnCost.length;
  const cost = new Float64Array(n * m);
  for (let i = 0; i < n; i++) cost.fill(rowWeight[i]!, i * m, (i + 1) * m);
  for (let c = 0; c < m; c++) {
    for (let k = cover.columnStarts[c]!; k < cover.columnStarts[c + 1]!; k++) cost[cover.columnRows[k]! * m + c] = 0;
  }
  return { n, m, cost, fixed: new Uint8Array(m), allowed: new Uint8Array(m).fill(1), p };
}

/** max Σ w_r z_r, z_r ≤ Σ_{c covers r} y_c, Σ y_c ≤ p; columns first, then z. */
function mclpMip(structure: CoverStructure, p: number): ReturnType<MipBuilder['build']> {
  const { cover, rowWeight } = structure;
  const columns = cover.columnCost.length;
  const builder = new MipBuilder('max');
  for (let c = 0; c < columns; c++) builder.addCol(0, 0, 1, true);
  for (let r = 0; r < cover.rows; r++) builder.addCol(rowWeight[r]!, 0, 1, false);
  const rowColumns: number[][] = Array.from({ length: cover.rows }, () => []);
  for (let c = 0; c < columns; c++) {
    for (let k = cover.columnStarts[c]!; k < cover.columnStarts[c + 1]!; k++) rowColumns[cover.columnRows[k]!]!.push(c);
  }
  rowColumns.forEach((cols, r) => builder.addRow([columns + r, ...cols], [1, ...cols.map(() => -1)], -Infinity, 0));
  const all = Array.from({ length: columns }, (_, c) => c);
  builder.addRow(all, all.map(() => 1), -Infinity, p);
  return builder.build();
}

function coveredRows(structure: CoverStructure, chosen: readonly number[]): Int32Array {
  const { cover } = structure;
  const count = new Int32Array(cover.rows);
  for (const c of chosen) for (let k = cover.columnStarts[c]!; k < cover.columnStarts[c + 1]!; k++) count[cover.columnRows[k]!]!++;
  return count;
}

function uncoveredWeight(structure: CoverStructure, chosen: readonly number[]): number {
  const count = coveredRows(structure, chosen);
  let total = 0;
  for (let r = 0; r < count.length; r++) if (!count[r]) total += structure.rowWeight[r]!;
  return total;
}

/** Drops chosen sites that add no covered weight, so "at most p" opens no useless station. */
function dropRedundant(structure: CoverStructure, chosen: number[]): number[] {
  const { cover } = structure;
  const count = coveredRows(structure, chosen);
  const kept: number[] = [];
  for (const c of [...chosen].sort((a, b) => b - a)) {
    let needed = false;
    for (let k = cover.columnStarts[c]!; k < cover.columnStarts[c + 1]!; k++) if (count[cover.columnRows[k]!] === 1) { needed = true; break; }
    if (needed) kept.push(c);
    else for (let k = cover.columnStarts[c]!; k < cover.columnStarts[c + 1]!; k++) count[cover.columnRows[k]!]!--;
  }
  return kept.sort((a, b) => a - b);
}
