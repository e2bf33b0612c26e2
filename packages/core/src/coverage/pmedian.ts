/**
 * p-median (Hakimi 1964; ReVelle & Swain 1970): open p new stations (besides the existing ones)
 * to minimise the total weighted distance from each demand point to its nearest open station.
 *
 * Exact: the assignment formulation with x_ij ≤ y_j, restricted to each demand point's k
 * nearest sites plus one slack column that stands for "any site further away" at the cost of
 * the (k+1)-th nearest (as spopt's KNearestPMedian). That model is a relaxation, so its optimum
 * is a lower bound; when no slack is used it is the optimum, otherwise k grows for the demand
 * points that used it and the model is solved again, warm-started from the best solution.
 */
import { InfeasibleError } from '../errors.js';
import type { CoverageMatrix, CoverageOptions, CoverageResult } from './model.js';
import { buildResult, prepareProblem, type CoverageProblem } from './model.js';
import { allIntegral, backendFits, createContext, secondsLeft, solveMipWith, type RunContext } from './run.js';
import { checkP, heuristicDeadline } from './mclp.js';
import { locationReducedCosts, searchLocation, type LocationBoundResult } from './heuristics/index.js';
import type { LocationInstance } from './heuristics/location-search.js';
import { MipBuilder, type MipModel } from './mip/model.js';
import { solveCapacitated } from './capacitated.js';

export interface PMedianOptions extends CoverageOptions {
  /** Number of new stations (besides the existing ones). */
  p: number;
  /** Nearest sites per demand point in the first exact model. Default max(8, ⌈2n/(p+existing)⌉). */
  nearest?: number;
}

/**
 * Least total weighted distance with `p` new stations.
 *
 * @example
 * const result = await solvePMedian(
 *   { demandIds: ['a', 'b', 'c'], siteIds: ['s1', 's2'], values: [1, 9, 2, 8, 9, 1] },
 *   { p: 1, weights: [1, 1, 5] },
 * );
 * result.open; // ['s2']: 9 + 8 + 5·1 = 22 beats 1 + 2 + 5·9 = 48
 */
export async function solvePMedian(matrix: CoverageMatrix, options: PMedianOptions): Promise<CoverageResult> {
  const problem = prepareProblem(matrix, options);
  const p = checkP(problem, options.p);
  const context = createContext(options);
  return pMedian(problem, p, context, options.nearest);
}

/** Usable sites and served demand points, with weighted costs (Infinity = unreachable). */
interface MedianData {
  demand: Int32Array;
  sites: Int32Array;
  /** demand.length × sites.length weighted costs. */
  cost: Float64Array;
  fixed: Uint8Array;
  integral: boolean;
}

function medianData(problem: CoverageProblem): MedianData {
  const { n, m, dist, weight, fixedOpen, allowed } = problem;
  const sites: number[] = [];
  for (let j = 0; j < m; j++) if (fixedOpen[j] || allowed[j]) sites.push(j);
  const demand: number[] = [];
  for (let i = 0; i < n; i++) if (sites.some((j) => Number.isFinite(dist[i * m + j]!))) demand.push(i);
  const cost = new Float64Array(demand.length * sites.length);
  demand.forEach((i, r) => sites.forEach((j, c) => { cost[r * sites.length + c] = weight[i]! * dist[i * m + j]!; }));
  return {
    demand: Int32Array.from(demand),
    sites: Int32Array.from(sites),
    cost,
    fixed: Uint8Array.from(sites, (j) => fixedOpen[j]!),
    integral: allIntegral(cost),
  };
}

export async function pMedian(problem: CoverageProblem, p: number, context: RunContext, nearest?: number): Promise<CoverageResult> {
  if (problem.capacity) return solveCapacitated(problem, { model: 'pmedian', radius: undefined, p }, context);
  const data = medianData(problem);
  const n = data.demand.length;
  const m = data.sites.length;
  let fixedCount = 0;
  for (let c = 0; c < m; c++) fixedCount += data.fixed[c]!;
  const total = fixedCount + p;
  const finish = (openColumns: ArrayLike<number>, bound: number, proven: boolean, method: 'exact' | 'heuristic', solver: CoverageResult['solver']): CoverageResult => {
    const open = new Uint8Array(problem.m);
    for (let k = 0; k < openColumns.length; k++) open[data.sites[openColumns[k]!]!] = 1;
    const objective = medianObjective(data, openColumns);
    if (!Number.isFinite(objective)) {
      throw new InfeasibleError(
        `no choice of ${p} new stations reaches every demand point by road`,
        'the road network falls apart into pieces; raise p, add candidate sites in each piece, or check the roads',
      );
    }
    return buildResult(problem, 'pmedian', { open, objective, bound: Math.min(bound, objective), proven }, { radius: null, method, solver, started: context.started });
  };
  if (n === 0) {
    return finish(Array.from(data.fixed.keys()).filter((c) => data.fixed[c]).slice(0, total), 0, true, 'exact', 'heuristic');
  }
  // The heuristic needs finite costs: "unreachable" costs more than any feasible total.
  let largest = 0;
  for (const v of data.cost) if (Number.isFinite(v) && v > largest) largest = v;
  const penalty = largest * (n + 1) + 1;
  const instance: LocationInstance = {
    n,
    m,
    cost: data.cost.map((v) => (Number.isFinite(v) ? v : penalty)),
    fixed: data.fixed,
    allowed: Uint8Array.from(data.fixed, (f) => 1 - f),
    p: total,
  };
  const order = nearestOrder(data);
  const k = new Int32Array(n).fill(Math.min(m, nearest ?? Math.max(8, Math.ceil((2 * n) / Math.max(1, total)))));
  let expectedNonzeros = 0;
  for (let r = 0; r < n; r++) expectedNonzeros += 3 * Math.min(k[r]!, order[r]!.length);
  const found = searchLocation(instance, {
    random: context.random,
    deadline: heuristicDeadline(context, expectedNonzeros),
    integral: data.integral,
    lagrangian: context.lagrangian,
    onProgress: context.onProgress,
  });
  let bestOpen = Array.from(found.open);
  let bestValue = medianObjective(data, bestOpen);
  let bound = found.total >= penalty ? -Infinity : found.bound;
  if (bound >= bestValue - 1e-9 || context.method === 'heuristic') {
    return finish(bestOpen, bound, bound >= bestValue - 1e-9, 'heuristic', 'heuristic');
  }
  // Exact: k-nearest assignment model, grown where the slack is used.
  const prune = found.lagrangian ? pruning(instance, found.lagrangian, bestValue) : undefined;
  let proven = false;
  let solver: CoverageResult['solver'] = 'heuristic';
  let method: 'exact' | 'heuristic' = 'heuristic';
  for (let round = 0; round < 20 && secondsLeft(context) > 0.05; round++) {
    const built = kNearestModel(data, order, k, p, prune);
    if (!backendFits(context, { numCols: built.model.numCols, numRows: built.model.numRows, numNonzeros: built.model.rowIndex.length })) break;
    context.onProgress({ step: 'mip', message: `round ${round + 1}: ${built.model.numCols} columns, ${built.model.numRows} rows` });
    const start = startValues(data, order, k, built, bestOpen);
    const result = await solveMipWith(context, built.model, {
      timeLimit: Math.max(0.05, secondsLeft(context)),
      start,
      absoluteGap: data.integral ? 1 - 1e-6 : 1e-6,
    });
    if (result.failure !== undefined) break;
    method = 'exact';
    solver = context.backend;
    if (result.status === 'infeasible' && prune) {
      // Nothing at most as good as the heuristic's answer exists besides it: it is optimal.
      bound = bestValue;
      proven = true;
      break;
    }
    if (result.status === 'infeasible') {
      throw new InfeasibleError(`no choice of ${p} new stations reaches every demand point by road`, 'raise p or add candidate sites');
    }
    if (Number.isFinite(result.bound)) bound = Math.max(bound, data.integral ? Math.ceil(result.bound - 1e-6) : result.bound);
    if (!result.values) break;
    const open: number[] = [];
    for (let c = 0; c < m; c++) if (result.values[c]! > 0.5) open.push(c);
    const value = medianObjective(data, open);
    if (value < bestValue - 1e-9) { bestValue = value; bestOpen = open; }
    if (bound >= bestValue - 1e-9) { proven = true; break; }
    if (result.status !== 'optimal') break; // out of time
    // The relaxation's optimum used slack: give those demand points more sites.
    let grown = false;
    for (let r = 0; r < n; r++) {
      const slack = built.slackColumn[r]!;
      if (slack >= 0 && result.values[slack]! > 1e-6) { k[r] = Math.min(m, k[r]! * 2); grown = true; }
    }
    if (!grown) { proven = true; break; }
  }
  return finish(bestOpen, bound, proven || bound >= bestValue - 1e-9, method, solver);
}

/** Σ_i min over open columns of cost (Infinity when a demand point reaches none). */
function medianObjective(data: MedianData, openColumns: ArrayLike<number>): number {
  const n = data.demand.length;
  const m = data.sites.length;
  let total = 0;
  for (let r = 0; r < n; r++) {
    let best = Infinity;
    for (let k = 0; k < openColumns.length; k++) {
      const v = data.cost[r * m + openColumns[k]!]!;
      if (v < best) best = v;
    }
    total += best;
  }
  return total;
}

/** Per demand point, its reachable sites by increasing cost (ties by index); fixed ones cut the list. */
function nearestOrder(data: MedianData): Int32Array[] {
  const n = data.demand.length;
  const m = data.sites.length;
  const lists: Int32Array[] = [];
  for (let r = 0; r < n; r++) {
    const row = r * m;
    const reachable: number[] = [];
    for (let c = 0; c < m; c++) if (Number.isFinite(data.cost[row + c]!)) reachable.push(c);
    reachable.sort((a, b) => data.cost[row + a]! - data.cost[row + b]! || a - b);
    // Beyond the nearest existing (always open) station no assignment is ever better.
    const firstFixed = reachable.findIndex((c) => data.fixed[c]);
    lists.push(Int32Array.from(firstFixed >= 0 ? reachable.slice(0, firstFixed + 1) : reachable));
  }
  return lists;
}

interface KNearestModel {
  model: MipModel;
  /** Per demand point, the x column of each position in its nearest list (−1 when pruned). */
  xColumns: Int32Array[];
  /** Slack column per demand point, −1 when its list is complete. */
  slackColumn: Int32Array;
}

/**
 * Lagrangian reduced-cost pruning: every solution that assigns demand point r to site c costs at
 * least value + siteExcess[c] + max(0, cost − λ_r); pairs (and the slack) that cannot be part of a
 * solution at most `limit` are left out of the model.
 */
interface Pruning {
  value: number;
  lambda: Float64Array;
  siteExcess: Float64Array;
  limit: number;
}

function pruning(instance: LocationInstance, lagrangian: LocationBoundResult, limit: number): Pruning {
  const { siteExcess } = locationReducedCosts(instance, lagrangian);
  return { value: lagrangian.value, lambda: lagrangian.multipliers, siteExcess, limit: limit + 1e-7 * Math.max(1, Math.abs(limit)) };
}

/** Columns: y (one per site), then per demand point its x columns and maybe a slack. */
function kNearestModel(data: MedianData, order: Int32Array[], k: Int32Array, p: number, prune?: Pruning): KNearestModel {
  const n = data.demand.length;
  const m = data.sites.length;
  const builder = new MipBuilder('min');
  const siteOpenable = (c: number): boolean => !prune || data.fixed[c] === 1 || prune.value + prune.siteExcess[c]! <= prune.limit;
  for (let c = 0; c < m; c++) builder.addCol(0, data.fixed[c] ? 1 : 0, siteOpenable(c) ? 1 : 0, true);
  const xColumns: Int32Array[] = [];
  const slackColumn = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    const list = order[r]!;
    const size = Math.min(k[r]!, list.length);
    const keep = (c: number): boolean =>
      !prune || prune.value + prune.siteExcess[c]! + Math.max(0, data.cost[r * m + c]! - prune.lambda[r]!) <= prune.limit;
    let any = false;
    for (let t = 0; t < size && !any; t++) any = keep(list[t]!);
    const cols: number[] = [];
    const positions = new Int32Array(size).fill(-1);
    for (let t = 0; t < size; t++) {
      const c = list[t]!;
      if (any && !keep(c)) continue;
      const x = builder.addCol(data.cost[r * m + c]!, 0, 1, false);
      positions[t] = x;
      cols.push(x);
      builder.addRow([x, c], [1, -1], -Infinity, 0);
    }
    xColumns.push(positions);
    const slackNeeded = size < list.length
      && (!prune || !any || prune.value + Math.max(0, data.cost[r * m + list[size]!]! - prune.lambda[r]!) <= prune.limit);
    if (slackNeeded) {
      const slack = builder.addCol(data.cost[r * m + list[size]!]!, 0, 1, false);
      slackColumn[r] = slack;
      cols.push(slack);
    }
    builder.addRow(cols, cols.map(() => 1), 1, 1);
  }
  const free: number[] = [];
  for (let c = 0; c < m; c++) if (!data.fixed[c]) free.push(c);
  builder.addRow(free, free.map(() => 1), p, p);
  return { model: builder.build(), xColumns, slackColumn };
}

/** The start for the relaxed model: nearest open site, or the slack when it lies beyond k. */
function startValues(data: MedianData, order: Int32Array[], k: Int32Array, built: KNearestModel, openColumns: readonly number[]): Float64Array {
  const values = new Float64Array(built.model.numCols);
  const isOpen = new Uint8Array(data.sites.length);
  for (const c of openColumns) { isOpen[c] = 1; values[c] = 1; }
  for (let r = 0; r < data.demand.length; r++) {
    const list = order[r]!;
    const size = Math.min(k[r]!, list.length);
    let placed = false;
    for (let t = 0; t < size && !placed; t++) {
      const x = built.xColumns[r]![t]!;
      if (isOpen[list[t]!] && x >= 0) { values[x] = 1; placed = true; }
    }
    if (!placed && built.slackColumn[r]! >= 0) values[built.slackColumn[r]!] = 1;
  }
  return values;
}
