/**
 * The coverage problem: demand points × candidate sites, with distances (or times) between
 * them, demand weights, fixed-open and forbidden sites, opening costs and capacities.
 *
 * `prepareProblem` validates the user's input once and turns it into flat typed arrays that every
 * model and solver reads; `buildResult` turns a set of open sites back into the plain result the
 * API returns. Both are shared by the four models so that they report in exactly the same way.
 */
import { InputError } from '../errors.js';
import type { ProgressCallback } from '../util/progress.js';

/** A demand × site matrix of distances or travel times. */
export interface CoverageMatrix {
  /** Demand point ids (rows), unique. */
  demandIds: readonly string[];
  /** Candidate site ids (columns), unique. */
  siteIds: readonly string[];
  /**
   * Row-major values, `values[i * siteIds.length + j]` from demand i to site j, in the user's
   * units (metres, seconds, …). NaN, Infinity or a negative value means "unreachable".
   */
  values: ArrayLike<number>;
}

export type CoverageModel = 'lscp' | 'mclp' | 'pmedian' | 'pcenter';

/** How to solve: `auto` (exact when it is expected to prove optimality quickly), or forced. */
export type CoverageMethod = 'auto' | 'exact' | 'heuristic';

/** MIP backend: HiGHS (WebAssembly, default) or the pure-JS javascript-lp-solver (tiny models). */
export type MipBackend = 'highs' | 'lp-solver';

/** Options shared by every model. */
export interface CoverageOptions {
  /** Weight (population, mail volume) per demand point, in demand order. Default 1 each. */
  weights?: ArrayLike<number>;
  /** Site ids that are open already and stay open (the township outlets). Default none. */
  existing?: readonly string[];
  /** Site ids that may not be opened. Default none. */
  forbidden?: readonly string[];
  /**
   * Cost of opening each site, in site order (set covering minimises their sum). Default 1 each.
   * Existing sites cost nothing: they are open already.
   */
  openingCosts?: ArrayLike<number>;
  /**
   * Capacity per site, in site order, in the units of `weights` (each demand point is served by
   * one station whole). Default: no capacities. Capacitated models are solved exactly only.
   */
  capacities?: ArrayLike<number>;
  /** `auto` (default), `exact` or `heuristic`. */
  method?: CoverageMethod;
  /** MIP backend for exact solves. Default `highs`. */
  solver?: MipBackend;
  /** Wall-clock limit in seconds for the whole solve. Default 60. */
  timeLimit?: number;
  /**
   * Compute Lagrangian lower bounds (default true). They certify the heuristic's gap and often
   * prove optimality without a MIP; `false` leaves the proof to the MIP (tests use it to exercise
   * the MIP on tiny instances), and a heuristic result then carries the trivial bound 0.
   */
  lagrangian?: boolean;
  /** Seed of the heuristic's random choices. Default 1. */
  seed?: number;
  /** Progress reports ("reduce", "heuristic", "bound", "mip"). */
  onProgress?: ProgressCallback;
}

/** Why a demand point is not served, or not covered. */
export type UncoveredReason =
  /** No road leads from the demand point to any allowed site. */
  | 'unreachable'
  /** Some sites are reachable, but none within the radius. */
  | 'no-site-within-radius'
  /** A site could cover it, but it was not among the p chosen (maximal covering). */
  | 'not-chosen';

export interface DemandAssignment {
  demand: string;
  /** The station serving this demand point (its nearest open site, or the capacity-feasible one). */
  site: string | null;
  /** Distance (in matrix units) to that station; null when none is reachable. */
  distance: number | null;
  /** Whether the station lies within the radius (always true for p-median and p-center). */
  covered: boolean;
}

export interface UncoveredDemand {
  demand: string;
  reason: UncoveredReason;
  /** Distance to the nearest allowed site, when one is reachable. */
  nearestDistance: number | null;
}

export type CoverageStatus = 'optimal' | 'feasible';

export interface CoverageResult {
  model: CoverageModel;
  /** `optimal` when proven; `feasible` otherwise, with `bound` and `gap`. */
  status: CoverageStatus;
  /**
   * Objective value: lscp total opening cost of the new sites (their count with unit costs),
   * mclp covered weight, pmedian total weighted distance, pcenter the largest distance.
   */
  objective: number;
  /**
   * The best proven bound on the objective: a lower bound for lscp, pmedian and pcenter,
   * an upper bound for mclp (which maximises).
   */
  bound: number;
  /** Relative gap |objective − bound| / |objective| (0 when proven optimal). */
  gap: number;
  /** Open site ids, existing ones included, in the matrix's site order. */
  open: string[];
  /** The newly opened site ids (open minus existing), in site order. */
  opened: string[];
  /** One entry per demand point, in demand order. */
  assignments: DemandAssignment[];
  /** Demand points not covered (or not served at all), with the reason, in demand order. */
  uncovered: UncoveredDemand[];
  coverage: {
    /** Demand points covered (within the radius; served, for pmedian and pcenter). */
    count: number;
    total: number;
    share: number;
    weight: number;
    totalWeight: number;
    weightShare: number;
  };
  /** The radius used (lscp, mclp) or found (pcenter); null for pmedian. */
  radius: number | null;
  /** How the result was obtained. */
  method: 'exact' | 'heuristic';
  /** `highs`, `lp-solver`, or `heuristic` (greedy + interchange + VNS with a Lagrangian bound). */
  solver: MipBackend | 'heuristic';
  /** Wall-clock seconds spent. */
  seconds: number;
}

/**
 * A validated problem in flat arrays: n demand points, m sites (forbidden ones stay in the arrays
 * but can never open, so indices always match the user's matrix).
 */
export interface CoverageProblem {
  n: number;
  m: number;
  demandIds: readonly string[];
  siteIds: readonly string[];
  /** n × m, Infinity where unreachable. */
  dist: Float64Array;
  weight: Float64Array;
  /** 1 for existing sites, which are always open. */
  fixedOpen: Uint8Array;
  /** 1 for sites that may be opened (neither forbidden nor already open). */
  allowed: Uint8Array;
  openingCost: Float64Array;
  capacity: Float64Array | undefined;
}

/**
 * Validates the input once, with one clear error per problem.
 *
 * @example
 * const problem = prepareProblem({ demandIds: ['a', 'b'], siteIds: ['s'], values: [1, 2] }, {});
 */
export function prepareProblem(matrix: CoverageMatrix, options: CoverageOptions = {}): CoverageProblem {
  const { demandIds, siteIds, values } = matrix;
  const n = demandIds.length;
  const m = siteIds.length;
  if (n === 0) throw new InputError('there are no demand points', { field: 'demandIds' }, 'give at least one demand point');
  if (m === 0) throw new InputError('there are no candidate sites', { field: 'siteIds' }, 'give at least one candidate site');
  checkUnique(demandIds, 'demandIds');
  checkUnique(siteIds, 'siteIds');
  if (values.length !== n * m) {
    throw new InputError(
      `the matrix has ${values.length} values, but ${n} demand points × ${m} sites need ${n * m}`,
      { field: 'values' },
      'give one row per demand point and one column per site, row-major',
    );
  }
  const dist = new Float64Array(n * m);
  for (let k = 0; k < n * m; k++) {
    const v = Number(values[k]);
    dist[k] = Number.isFinite(v) && v >= 0 ? v : Infinity;
  }
  const weight = perItem(options.weights, n, 1, 'weights', demandIds);
  const openingCost = perItem(options.openingCosts, m, 1, 'openingCosts', siteIds);
  const capacity = options.capacities === undefined ? undefined : perItem(options.capacities, m, 0, 'capacities', siteIds);
  const siteIndex = new Map<string, number>();
  siteIds.forEach((id, j) => siteIndex.set(id, j));
  const fixedOpen = new Uint8Array(m);
  const allowed = new Uint8Array(m).fill(1);
  for (const [k, id] of (options.forbidden ?? []).entries()) {
    const j = siteIndex.get(id);
    if (j === undefined) throw new InputError(`forbidden site "${id}" is not a candidate site`, { field: 'forbidden', index: k }, 'use ids from the site list');
    allowed[j] = 0;
  }
  for (const [k, id] of (options.existing ?? []).entries()) {
    const j = siteIndex.get(id);
    if (j === undefined) throw new InputError(`existing site "${id}" is not a candidate site`, { field: 'existing', index: k }, 'add the existing outlets to the site list (the matrix needs their column)');
    if (!allowed[j] && !fixedOpen[j]) throw new InputError(`site "${id}" is both existing and forbidden`, { field: 'existing', index: k }, 'remove it from one of the two lists');
    fixedOpen[j] = 1;
    allowed[j] = 0;
  }
  return { n, m, demandIds, siteIds, dist, weight, fixedOpen, allowed, openingCost, capacity };
}

function checkUnique(ids: readonly string[], field: string): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) throw new InputError(`duplicate id "${id}"`, { field, index }, 'give every demand point and site a unique id');
    seen.add(id);
  });
}

function perItem(values: ArrayLike<number> | undefined, count: number, fallback: number, field: string, ids: readonly string[]): Float64Array {
  const out = new Float64Array(count).fill(fallback);
  if (values === undefined) return out;
  if (values.length !== count) {
    throw new InputError(`${field} has ${values.length} values for ${count} items`, { field }, `give one value per item, in the same order as the ids`);
  }
  for (let k = 0; k < count; k++) {
    const v = Number(values[k]);
    if (!Number.isFinite(v) || v < 0) {
      throw new InputError(`${field} of "${ids[k]}" is ${String(values[k])}`, { field, index: k }, 'use a finite number ≥ 0');
    }
    out[k] = v;
  }
  return out;
}

/** Whether site j may be open in a solution (existing or allowed). */
export function usable(problem: CoverageProblem, j: number): boolean {
  return problem.fixedOpen[j] === 1 || problem.allowed[j] === 1;
}

/** For each demand point: the distance to its nearest usable site (Infinity if none). */
export function nearestUsable(problem: CoverageProblem): Float64Array {
  const { n, m, dist } = problem;
  const out = new Float64Array(n).fill(Infinity);
  for (let j = 0; j < m; j++) {
    if (!usable(problem, j)) continue;
    for (let i = 0; i < n; i++) {
      const d = dist[i * m + j]!;
      if (d < out[i]!) out[i] = d;
    }
  }
  return out;
}

export interface RawSolution {
  open: Uint8Array;
  /** Optional explicit assignment (site index per demand, −1 = none), for capacitated models. */
  assignment?: Int32Array;
  objective: number;
  bound: number;
  proven: boolean;
}

/**
 * Builds the public result from a set of open sites: each demand point goes to its nearest open
 * site unless an explicit (capacitated) assignment is given.
 */
export function buildResult(
  problem: CoverageProblem,
  model: CoverageModel,
  solution: RawSolution,
  extra: { radius: number | null; method: 'exact' | 'heuristic'; solver: MipBackend | 'heuristic'; started: number },
): CoverageResult {
  const { n, m, dist, weight, demandIds, siteIds, fixedOpen } = problem;
  const { radius } = extra;
  const nearestAny = nearestUsable(problem);
  const assignments: DemandAssignment[] = [];
  const uncovered: UncoveredDemand[] = [];
  let count = 0;
  let coveredWeight = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestD = Infinity;
    if (solution.assignment) {
      best = solution.assignment[i]!;
      bestD = best >= 0 ? dist[i * m + best]! : Infinity;
    } else {
      for (let j = 0; j < m; j++) {
        if (!solution.open[j]) continue;
        const d = dist[i * m + j]!;
        if (d < bestD) { bestD = d; best = j; }
      }
    }
    const reachable = best >= 0 && Number.isFinite(bestD);
    const covered = reachable && (radius === null || model === 'pcenter' || bestD <= radius);
    assignments.push({
      demand: demandIds[i]!,
      site: reachable ? siteIds[best]! : null,
      distance: reachable ? bestD : null,
      covered,
    });
    totalWeight += weight[i]!;
    if (covered) { count++; coveredWeight += weight[i]!; continue; }
    const nearest = nearestAny[i]!;
    const reason: UncoveredReason = !Number.isFinite(nearest)
      ? 'unreachable'
      : radius !== null && model !== 'pcenter' && nearest > radius ? 'no-site-within-radius' : 'not-chosen';
    uncovered.push({ demand: demandIds[i]!, reason, nearestDistance: Number.isFinite(nearest) ? nearest : null });
  }
  const open: string[] = [];
  const opened: string[] = [];
  for (let j = 0; j < m; j++) {
    if (!solution.open[j]) continue;
    open.push(siteIds[j]!);
    if (!fixedOpen[j]) opened.push(siteIds[j]!);
  }
  const objective = solution.objective;
  const bound = solution.proven ? objective : solution.bound;
  const gap = solution.proven ? 0 : relativeGap(objective, bound);
  return {
    model,
    status: solution.proven || gap <= 1e-9 ? 'optimal' : 'feasible',
    objective,
    bound,
    gap,
    open,
    opened,
    assignments,
    uncovered,
    coverage: {
      count,
      total: n,
      share: n > 0 ? count / n : 0,
      weight: coveredWeight,
      totalWeight,
      weightShare: totalWeight > 0 ? coveredWeight / totalWeight : 0,
    },
    radius,
    method: extra.method,
    solver: extra.solver,
    seconds: (performance.now() - extra.started) / 1000,
  };
}

/** |objective − bound| / max(|objective|, tiny). */
export function relativeGap(objective: number, bound: number): number {
  if (!Number.isFinite(bound)) return Infinity;
  const diff = Math.abs(objective - bound);
  if (diff <= 1e-9 * Math.max(1, Math.abs(objective))) return 0;
  return diff / Math.max(Math.abs(objective), 1e-9);
}
