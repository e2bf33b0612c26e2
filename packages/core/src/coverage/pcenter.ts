/**
 * p-center: open p new stations (besides the existing ones) to minimise the largest distance
 * from a demand point to its nearest open station.
 *
 * Solved as a binary search over set-covering radii (Minieka 1970), not as a minimax MIP
 * (measured on pmed1: 75 s direct, under 5 s by search). The optimum is one of the matrix's
 * distances; radius r is feasible when a set cover at r needs at most p new stations. Each
 * radius is decided by a greedy cover (feasible) or a Lagrangian bound above p (infeasible)
 * when they settle it, else by the set covering MIP, stopped as soon as it decides the
 * question. If time runs out, the result keeps the best feasible radius and, as its bound,
 * the smallest distance above every radius proven infeasible.
 */
import { InputError } from '../errors.js';
import type { CoverageMatrix, CoverageOptions, CoverageResult } from './model.js';
import { buildResult, nearestUsable, prepareProblem, type CoverageProblem } from './model.js';
import { coverStructure } from './reduce.js';
import { createContext, secondsLeft, solveCover, type RunContext } from './run.js';
import { checkP } from './mclp.js';
import { HighsSession } from './mip/highs.js';
import { coverLowerBound } from './heuristics/lagrangian.js';
import { greedyCover } from './heuristics/set-cover.js';

export interface PCenterOptions extends CoverageOptions {
  /** Number of new stations (besides the existing ones). */
  p: number;
}

/**
 * Smallest worst-case distance with `p` new stations. Weights play no part; capacities are not
 * supported for p-center.
 *
 * @example
 * const result = await solvePCenter(
 *   { demandIds: ['a', 'b', 'c'], siteIds: ['s1', 's2'], values: [1, 9, 2, 8, 9, 1] },
 *   { p: 1 },
 * );
 * result.objective; // 9: either site leaves one demand point 9 away
 */
export async function solvePCenter(matrix: CoverageMatrix, options: PCenterOptions): Promise<CoverageResult> {
  if (options.capacities !== undefined) {
    throw new InputError('p-center does not support capacities', { field: 'capacities' }, 'drop the capacities or use pmedian');
  }
  const problem = prepareProblem(matrix, options);
  const p = checkP(problem, options.p);
  const context = createContext(options);
  return pCenter(problem, p, context);
}

export async function pCenter(problem: CoverageProblem, p: number, context: RunContext): Promise<CoverageResult> {
  const { n, m, dist, fixedOpen, allowed } = problem;
  // Demand points that reach no usable site are reported, not part of the search.
  const nearest = nearestUsable(problem);
  let lowest = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(nearest[i]!)) lowest = Math.max(lowest, nearest[i]!);
  const values = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(nearest[i]!)) continue;
    for (let j = 0; j < m; j++) {
      const d = dist[i * m + j]!;
      if ((fixedOpen[j] || allowed[j]) && Number.isFinite(d) && d >= lowest) values.add(d);
    }
  }
  const radii = Float64Array.from(values).sort();
  const session = context.backend === 'highs' && context.method !== 'heuristic' ? new HighsSession() : undefined;
  let bestOpen: Uint8Array | undefined;
  let bestRadius = Infinity;
  let anyExact = false;
  // Search: radii[hi] is feasible; every radius below radii[provenBelow] is proven infeasible.
  let lo = 0;
  let hi = radii.length - 1;
  let provenBelow = 0;
  try {
    // The largest radius (every site covers all it reaches) is feasible whenever p ≥ 1.
    const top = await decide(problem, radii[hi]!, p, context, session);
    if (!top.feasible) throw new Error('p-center: the largest radius is not feasible although p ≥ 1');
    bestOpen = top.open!;
    bestRadius = worstDistance(problem, bestOpen);
    hi = Math.max(0, lowerIndex(radii, bestRadius));
    anyExact ||= top.exact;
    while (lo < hi && secondsLeft(context) > 0.05) {
      const mid = (lo + hi) >>> 1;
      // Each radius gets its share of the time left, so one hard radius cannot stall the search.
      const steps = Math.ceil(Math.log2(hi - lo + 1)) + 1;
      const verdict = await decide(problem, radii[mid]!, p, context, session, Math.max(1, secondsLeft(context) / steps));
      anyExact ||= verdict.exact;
      context.onProgress({ step: 'search', message: `radius ${radii[mid]} ${verdict.feasible ? 'feasible' : verdict.proven ? 'infeasible' : 'undecided'}` });
      if (verdict.feasible) {
        bestOpen = verdict.open!;
        bestRadius = worstDistance(problem, bestOpen);
        hi = Math.min(mid, lowerIndex(radii, bestRadius));
      } else {
        // An undecided radius is searched past (a heuristic answer), but proves nothing.
        if (verdict.proven) provenBelow = Math.max(provenBelow, mid + 1);
        lo = mid + 1;
      }
    }
    // Unproven: raise the bound with Lagrangian tests alone on the radii below the answer.
    let a = provenBelow;
    let b = hi;
    while (a < b && secondsLeft(context) > 0.05) {
      const mid = (a + b) >>> 1;
      if (boundExceeds(problem, radii[mid]!, p, context)) a = mid + 1;
      else b = mid;
    }
    provenBelow = Math.max(provenBelow, a);
  } finally {
    session?.close();
  }
  const bound = radii[provenBelow] ?? bestRadius;
  const proven = bound >= bestRadius;
  return buildResult(problem, 'pcenter', { open: bestOpen!, objective: bestRadius, bound: Math.min(bound, bestRadius), proven }, {
    radius: bestRadius,
    method: anyExact ? 'exact' : 'heuristic',
    solver: anyExact ? context.backend : 'heuristic',
    started: context.started,
  });
}

interface Verdict {
  feasible: boolean;
  /** For infeasible verdicts: whether infeasibility is proven. */
  proven: boolean;
  open?: Uint8Array;
  exact: boolean;
}

/** Whether p new stations can cover every reachable demand point within `radius`. */
async function decide(problem: CoverageProblem, radius: number, p: number, context: RunContext, session: HighsSession | undefined, mipSeconds?: number): Promise<Verdict> {
  const structure = coverStructure(problem, radius, { rows: 'drop', columnCosts: false });
  // Rows that are unreachable at every radius are ignored; others out of reach make r infeasible.
  for (const i of structure.uncoverable) {
    let reachable = false;
    for (let j = 0; j < problem.m; j++) {
      if ((problem.fixedOpen[j] || problem.allowed[j]) && Number.isFinite(problem.dist[i * problem.m + j]!)) { reachable = true; break; }
    }
    if (reachable) return { feasible: false, proven: true, exact: false };
  }
  const solution = await solveCover(context, structure.cover, {
    session,
    stopAtObjective: p,
    stopWhenBoundBeyond: p + 1e-6,
    heuristicSeconds: 0.3,
    ...(mipSeconds !== undefined ? { mipSeconds } : {}),
  });
  const exact = solution.method === 'exact';
  if (solution.objective <= p + 1e-9) {
    const open = Uint8Array.from(problem.fixedOpen);
    for (const c of solution.columns) open[structure.columnSite[c]!] = 1;
    // This cover may use fewer than p new stations; smaller radii are tried by the search itself.
    return { feasible: true, proven: true, open, exact };
  }
  return { feasible: false, proven: solution.bound > p + 1e-9, exact };
}

/** Whether the Lagrangian set-covering bound alone proves that radius r needs more than p new stations. */
function boundExceeds(problem: CoverageProblem, radius: number, p: number, context: RunContext): boolean {
  const structure = coverStructure(problem, radius, { rows: 'drop', columnCosts: false });
  for (const i of structure.uncoverable) {
    for (let j = 0; j < problem.m; j++) {
      if ((problem.fixedOpen[j] || problem.allowed[j]) && Number.isFinite(problem.dist[i * problem.m + j]!)) return true;
    }
  }
  if (structure.cover.rows === 0) return false;
  const greedy = greedyCover(structure.cover).length;
  if (greedy <= p) return false;
  const deadline = Math.min(context.deadline, performance.now() + 300);
  return coverLowerBound(structure.cover, { upperBound: greedy, deadline, integral: true }).bound > p;
}

/** The largest distance from a reachable demand point to its nearest open site. */
function worstDistance(problem: CoverageProblem, open: Uint8Array): number {
  const { n, m, dist } = problem;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < m; j++) if (open[j] && dist[i * m + j]! < best) best = dist[i * m + j]!;
    if (Number.isFinite(best)) worst = Math.max(worst, best);
  }
  return worst;
}

/** Index of the largest radius ≤ value. */
function lowerIndex(radii: Float64Array, value: number): number {
  let lo = 0, hi = radii.length - 1, answer = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (radii[mid]! <= value) { answer = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return answer;
}
