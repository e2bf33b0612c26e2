/**
 * Capacitated variants with single assignment: each demand point is served whole by one open
 * station, and the weight a station serves stays within its capacity. One assignment MIP serves
 * set covering, maximal covering and p-median; they are solved exactly only (a nearest-station
 * heuristic would break the capacities).
 */
import { InfeasibleError, InputError } from '../errors.js';
import type { CoverageModel, CoverageResult } from './model.js';
import { buildResult, type CoverageProblem } from './model.js';
import { allIntegral, backendFits, secondsLeft, solveMipWith, type RunContext } from './run.js';
import { MipBuilder } from './mip/model.js';

export interface CapacitatedSpec {
  model: Exclude<CoverageModel, 'pcenter'>;
  radius: number | undefined;
  /** New stations: exactly p for pmedian, at most p for mclp; unused for lscp. */
  p: number | undefined;
}

export async function solveCapacitated(problem: CoverageProblem, spec: CapacitatedSpec, context: RunContext): Promise<CoverageResult> {
  const { n, m, dist, weight, fixedOpen, allowed, openingCost } = problem;
  const capacity = problem.capacity!;
  if (context.method === 'heuristic') {
    throw new InputError('capacities are only handled by the exact solver', { field: 'method' }, 'use method "auto" or "exact", or drop the capacities');
  }
  const radius = spec.radius ?? Infinity;
  const eligible = (i: number, j: number): boolean => (fixedOpen[j] === 1 || allowed[j] === 1) && dist[i * m + j]! <= radius;
  let largestCapacity = 0;
  for (let j = 0; j < m; j++) if (fixedOpen[j] || allowed[j]) largestCapacity = Math.max(largestCapacity, capacity[j]!);
  const builder = new MipBuilder(spec.model === 'mclp' ? 'max' : 'min');
  const siteColumn = new Int32Array(m).fill(-1);
  for (let j = 0; j < m; j++) {
    if (!fixedOpen[j] && !allowed[j]) continue;
    const cost = spec.model === 'lscp' && !fixedOpen[j] ? openingCost[j]! : 0;
    siteColumn[j] = builder.addCol(cost, fixedOpen[j] ? 1 : 0, 1, true);
  }
  const pairs: Array<{ i: number; j: number; column: number }> = [];
  const served: number[] = [];
  const loadRows: Array<{ cols: number[]; values: number[] }> = Array.from({ length: m }, () => ({ cols: [], values: [] }));
  for (let i = 0; i < n; i++) {
    const cols: number[] = [];
    for (let j = 0; j < m; j++) {
      if (!eligible(i, j) || weight[i]! > capacity[j]!) continue;
      const objective = spec.model === 'pmedian' ? weight[i]! * dist[i * m + j]! : spec.model === 'mclp' ? weight[i]! : 0;
      const column = builder.addCol(objective, 0, 1, true);
      pairs.push({ i, j, column });
      cols.push(column);
      builder.addRow([column, siteColumn[j]!], [1, -1], -Infinity, 0);
      loadRows[j]!.cols.push(column);
      loadRows[j]!.values.push(weight[i]!);
    }
    const reachable = Array.from({ length: m }, (_, j) => eligible(i, j)).some(Boolean);
    if (reachable && cols.length === 0) {
      throw new InputError(
        `demand point "${problem.demandIds[i]}" has weight ${weight[i]}, above the capacity of every station that could serve it`,
        { field: 'weights', index: i },
        `raise capacities to at least ${weight[i]} or split the demand point (largest capacity: ${largestCapacity})`,
      );
    }
    if (cols.length === 0) continue;
    served.push(i);
    builder.addRow(cols, cols.map(() => 1), spec.model === 'mclp' ? -Infinity : 1, 1);
  }
  if (served.length === 0 && spec.model !== 'pmedian') {
    throw new InputError(`radius ${radius} reaches no demand point from any usable site`, { field: 'radius' }, 'check the radius and its units');
  }
  for (let j = 0; j < m; j++) {
    const row = loadRows[j]!;
    if (row.cols.length === 0) continue;
    builder.addRow([...row.cols, siteColumn[j]!], [...row.values, -capacity[j]!], -Infinity, 0);
  }
  if (spec.model !== 'lscp') {
    const free: number[] = [];
    for (let j = 0; j < m; j++) if (allowed[j]) free.push(siteColumn[j]!);
    builder.addRow(free, free.map(() => 1), spec.model === 'pmedian' ? spec.p! : -Infinity, spec.p!);
  }
  const model = builder.build();
  if (!backendFits(context, { numCols: model.numCols, numRows: model.numRows, numNonzeros: model.rowIndex.length })) {
    throw new InputError(
      `the capacitated model (${model.numCols} columns, ${model.rowIndex.length} nonzeros) is too large for the solver`,
      { field: 'capacities' },
      'use a radius, fewer candidate sites, or drop the capacities',
    );
  }
  const integral = allIntegral(model.colCost);
  const result = await solveMipWith(context, model, { timeLimit: Math.max(0.05, secondsLeft(context)), absoluteGap: integral ? 1 - 1e-6 : 1e-6 });
  if (result.failure !== undefined) {
    throw new InputError(`the capacitated model could not be solved: ${result.failure}`, { field: 'capacities' }, 'use fewer candidate sites or a radius, or drop the capacities');
  }
  if (result.status === 'infeasible') {
    throw new InfeasibleError('the capacities cannot serve every demand point', 'raise capacities, add candidate sites, or raise p');
  }
  if (!result.values) {
    throw new InfeasibleError('no capacity-feasible plan was found within the time limit', 'raise the time limit');
  }
  const open = new Uint8Array(m);
  for (let j = 0; j < m; j++) if (siteColumn[j]! >= 0 && result.values[siteColumn[j]!]! > 0.5) open[j] = 1;
  const assignment = new Int32Array(n).fill(-1);
  for (const { i, j, column } of pairs) if (result.values[column]! > 0.5) assignment[i] = j;
  let objective = 0;
  if (spec.model === 'lscp') for (let j = 0; j < m; j++) { if (open[j] && !fixedOpen[j]) objective += openingCost[j]!; }
  else for (let i = 0; i < n; i++) {
    const j = assignment[i]!;
    if (j < 0) continue;
    objective += spec.model === 'pmedian' ? weight[i]! * dist[i * m + j]! : weight[i]!;
  }
  let bound = result.bound;
  if (integral && Number.isFinite(bound)) bound = spec.model === 'mclp' ? Math.floor(bound + 1e-6) : Math.ceil(bound - 1e-6);
  const proven = result.status === 'optimal';
  return buildResult(problem, spec.model, { open, assignment, objective, bound, proven }, {
    radius: spec.radius ?? null,
    method: 'exact',
    solver: context.backend,
    started: context.started,
  });
}
