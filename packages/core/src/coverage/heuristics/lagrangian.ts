/**
 * Lagrangian lower bounds, so that a heuristic answer carries a certified gap.
 *
 * p-median (and maximal covering in its p-median form): relax "each demand point is assigned
 * once" with multipliers λ_i. For fixed λ the problem splits by site: opening j is worth
 * ρ_j = Σ_i min(0, c_ij − λ_i), and the best choice opens the fixed sites and the p − |fixed|
 * allowed sites with the smallest ρ_j. L(λ) = Σ λ_i + Σ_open ρ_j ≤ optimum for every λ;
 * subgradient steps (Held–Wolfe–Crowder, Polyak step toward the incumbent) raise it.
 *
 * Set covering: relax the covering rows with u_i ≥ 0 (Beasley 1990):
 * L(u) = Σ u_i + Σ_j min(0, c_j − Σ_{i covered by j} u_i).
 */
import type { LocationInstance } from './location-search.js';

export interface BoundOptions {
  /** The best known objective (an upper bound), used by the step size. */
  upperBound: number;
  /** Starting multipliers (e.g. each demand point's current assignment cost). */
  start?: Float64Array;
  /** performance.now() value at which to stop. */
  deadline: number;
  maxIterations?: number;
  /** The objective only takes integer values, so the bound may be rounded up. */
  integral: boolean;
}

export interface BoundResult {
  bound: number;
  iterations: number;
}

/** The p-median bound with what reduced-cost fixing needs: the unrounded value and its multipliers. */
export interface LocationBoundResult extends BoundResult {
  /** L(λ) before rounding. */
  value: number;
  /** The multipliers λ that gave it (one per demand point). */
  multipliers: Float64Array;
}

/**
 * A lower bound on the p-median-shaped problem `instance`.
 *
 * Each λ_i is kept at most the cost of i's (K+1)-th cheapest site, which any λ may be (every λ
 * gives a valid bound); then only the K cheapest sites per demand point enter ρ, so an iteration
 * costs O(nK) instead of O(nm) on large instances. K = max(50, ⌈4n/p⌉), all sites when smaller.
 */
export function locationLowerBound(instance: LocationInstance, options: BoundOptions): LocationBoundResult {
  const { n, m, fixed, allowed, p } = instance;
  const near = nearestLists(instance, Math.max(50, Math.ceil((4 * n) / Math.max(1, p))));
  const { K, listSite, listCost, cap } = near;
  const lambda = options.start ? Float64Array.from(options.start) : initialMultipliers(instance);
  for (let i = 0; i < n; i++) if (lambda[i]! > cap[i]!) lambda[i] = cap[i]!;
  const rho = new Float64Array(m);
  const chosen = new Uint8Array(m);
  const order: number[] = [];
  for (let j = 0; j < m; j++) if (allowed[j]) order.push(j);
  let fixedCount = 0;
  for (let j = 0; j < m; j++) if (fixed[j]) fixedCount++;
  const free = Math.max(0, Math.min(p - fixedCount, order.length));
  const subgradient = new Float64Array(n);
  const bestLambda = Float64Array.from(lambda);
  const maxIterations = options.maxIterations ?? 5000;
  let best = -Infinity;
  let theta = 2;
  let sinceImprovement = 0;
  let iterations = 0;
  const round = (value: number): number => (options.integral ? Math.ceil(value - 1e-6) : value);
  for (; iterations < maxIterations; iterations++) {
    // The first iteration always runs, so that there is a bound at all.
    if (iterations > 0 && (iterations & 7) === 0 && performance.now() > options.deadline) break;
    rho.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * K;
      const l = lambda[i]!;
      for (let k = 0; k < K; k++) {
        const r = listCost[row + k]! - l;
        if (r >= 0) break; // lists are sorted by cost
        rho[listSite[row + k]!] = rho[listSite[row + k]!]! + r;
      }
    }
    order.sort((a, b) => rho[a]! - rho[b]! || a - b);
    chosen.fill(0);
    let value = 0;
    for (let i = 0; i < n; i++) value += lambda[i]!;
    for (let j = 0; j < m; j++) if (fixed[j]) { chosen[j] = 1; value += rho[j]!; }
    for (let k = 0; k < free; k++) { const j = order[k]!; chosen[j] = 1; value += rho[j]!; }
    if (best === -Infinity || value > best + 1e-9 * Math.max(1, Math.abs(best))) { best = value; bestLambda.set(lambda); sinceImprovement = 0; }
    else if (++sinceImprovement >= 20) { theta /= 2; sinceImprovement = 0; }
    if (round(best) >= options.upperBound - 1e-9 || theta < 1e-5) break;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const row = i * K;
      const l = lambda[i]!;
      let served = 0;
      for (let k = 0; k < K && listCost[row + k]! < l; k++) if (chosen[listSite[row + k]!]) served++;
      let g = 1 - served;
      if (g > 0 && l >= cap[i]!) g = 0; // projected onto λ_i ≤ cap_i
      subgradient[i] = g;
      norm += g * g;
    }
    if (norm === 0) break; // no projected ascent direction is left
    const step = (theta * Math.max(options.upperBound - value, 1e-9 * Math.max(1, Math.abs(value)))) / norm;
    for (let i = 0; i < n; i++) lambda[i] = Math.min(cap[i]!, lambda[i]! + step * subgradient[i]!);
  }
  return { bound: round(best), iterations, value: best, multipliers: bestLambda };
}

/**
 * Reduced-cost tests from a Lagrangian solution (L, λ): any solution that assigns i to j costs
 * at least L + max(0, c_ij − λ_i), and any that opens a site j outside the relaxed choice at
 * least L + (ρ_j − ρ_last chosen). Pairs and sites that push this above `upperBound` cannot be
 * part of a solution at most that good.
 */
export function locationReducedCosts(instance: LocationInstance, bound: LocationBoundResult): { siteExcess: Float64Array } {
  const { n, m, cost, fixed, allowed, p } = instance;
  const lambda = bound.multipliers;
  const rho = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) {
      const r = cost[row + j]! - lambda[i]!;
      if (r < 0) rho[j] = rho[j]! + r;
    }
  }
  const order: number[] = [];
  let fixedCount = 0;
  for (let j = 0; j < m; j++) {
    if (allowed[j]) order.push(j);
    if (fixed[j]) fixedCount++;
  }
  order.sort((a, b) => rho[a]! - rho[b]! || a - b);
  const free = Math.max(0, Math.min(p - fixedCount, order.length));
  const siteExcess = new Float64Array(m);
  const last = free > 0 ? rho[order[free - 1]!]! : 0;
  for (let k = free; k < order.length; k++) siteExcess[order[k]!] = Math.max(0, rho[order[k]!]! - last);
  return { siteExcess };
}

/** Per demand point its K cheapest sites by cost, and the cap on λ_i (the (K+1)-th cost). */
function nearestLists(instance: LocationInstance, wanted: number): { K: number; listSite: Int32Array; listCost: Float64Array; cap: Float64Array } {
  const { n, m, cost } = instance;
  const K = Math.min(m, wanted);
  const listSite = new Int32Array(n * K);
  const listCost = new Float64Array(n * K);
  const cap = new Float64Array(n).fill(Infinity);
  const sorted = new Float64Array(m);
  const picked: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = i * m;
    // A native numeric sort finds the K-th cost; only the K cheapest are then sorted by index.
    sorted.set(cost.subarray(row, row + m));
    sorted.sort();
    const threshold = sorted[K - 1]!;
    if (K < m) cap[i] = sorted[K]!;
    picked.length = 0;
    for (let j = 0; j < m && picked.length < K; j++) if (cost[row + j]! < threshold) picked.push(j);
    for (let j = 0; j < m && picked.length < K; j++) if (cost[row + j] === threshold) picked.push(j);
    picked.sort((a, b) => cost[row + a]! - cost[row + b]! || a - b);
    for (let k = 0; k < K; k++) {
      listSite[i * K + k] = picked[k]!;
      listCost[i * K + k] = cost[row + picked[k]!]!;
    }
  }
  return { K, listSite, listCost, cap };
}

function initialMultipliers(instance: LocationInstance): Float64Array {
  const { n, m, cost } = instance;
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lowest = Infinity;
    for (let j = 0; j < m; j++) if (cost[i * m + j]! < lowest) lowest = cost[i * m + j]!;
    lambda[i] = lowest;
  }
  return lambda;
}

/** Rows (demand points to cover) and, per allowed site, the rows it covers. */
export interface CoverInstance {
  rows: number;
  /** CSR by column: columnStarts[j]..columnStarts[j+1] in columnRows. */
  columnStarts: Int32Array;
  columnRows: Int32Array;
  columnCost: Float64Array;
}

/**
 * A lower bound on the cost of covering every row. With `improve`, every tenth iteration hands
 * the reduced costs to a primal heuristic (Beasley 1990), which returns the cost of the cover it
 * built; a better cover lowers the upper bound that steers the step size.
 */
export function coverLowerBound(
  instance: CoverInstance,
  options: BoundOptions & { improve?: (reduced: Float64Array) => number },
): BoundResult {
  const { rows, columnStarts, columnRows, columnCost } = instance;
  const columns = columnCost.length;
  const u = new Float64Array(rows);
  if (options.start) u.set(options.start);
  else {
    // u_i = the cheapest cost per row among the columns covering i.
    u.fill(Infinity);
    for (let j = 0; j < columns; j++) {
      const size = columnStarts[j + 1]! - columnStarts[j]!;
      for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) {
        const i = columnRows[k]!;
        u[i] = Math.min(u[i]!, columnCost[j]! / size);
      }
    }
    for (let i = 0; i < rows; i++) if (!Number.isFinite(u[i]!)) u[i] = 0;
  }
  const reduced = new Float64Array(columns);
  const coverCount = new Float64Array(rows);
  const maxIterations = options.maxIterations ?? 5000;
  let best = -Infinity;
  let theta = 2;
  let sinceImprovement = 0;
  let iterations = 0;
  let upperBound = options.upperBound;
  const round = (value: number): number => (options.integral ? Math.ceil(value - 1e-6) : value);
  for (; iterations < maxIterations; iterations++) {
    if (iterations > 0 && (iterations & 7) === 0 && performance.now() > options.deadline) break;
    let value = 0;
    for (let i = 0; i < rows; i++) value += u[i]!;
    coverCount.fill(0);
    for (let j = 0; j < columns; j++) {
      let r = columnCost[j]!;
      for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) r -= u[columnRows[k]!]!;
      reduced[j] = r;
      if (r < 0) {
        value += r;
        for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) coverCount[columnRows[k]!]!++;
      }
    }
    if (best === -Infinity || value > best + 1e-9 * Math.max(1, Math.abs(best))) { best = value; sinceImprovement = 0; }
    else if (++sinceImprovement >= 20) { theta /= 2; sinceImprovement = 0; }
    if (options.improve && iterations % 10 === 0) upperBound = Math.min(upperBound, options.improve(reduced));
    if (round(best) >= upperBound - 1e-9 || theta < 1e-5) break;
    let norm = 0;
    for (let i = 0; i < rows; i++) {
      let g = 1 - coverCount[i]!;
      if (g < 0 && u[i]! <= 0) g = 0; // the projection keeps u ≥ 0
      coverCount[i] = g;
      norm += g * g;
    }
    if (norm === 0) break;
    const step = (theta * Math.max(upperBound - value, 1e-9 * Math.max(1, Math.abs(value)))) / norm;
    for (let i = 0; i < rows; i++) u[i] = Math.max(0, u[i]! + step * coverCount[i]!);
  }
  return { bound: Math.max(0, round(best)), iterations };
}
