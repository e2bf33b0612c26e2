/**
 * When the fleet cannot serve every stop (a peak day, a short shift): the search's view of the
 * problem in which every required stop becomes optional with a prize larger than anything serving
 * it can cost, weighted by its priority, so that the search's own objective (cost plus the prizes
 * of the stops left out) orders plans as VROOM does: total priority served first, then the number
 * of stops served, then cost. The search then works on feasible plans that leave stops out rather
 * than on infeasible ones that keep them all (issue 20: a 400-stop instance that 30 vehicles cannot
 * serve had no feasible plan for a whole minute, and a repair at the end chose what to drop).
 */
import type { ProblemData } from './model.js';

/**
 * An upper bound on what serving one more stop can add to a plan's cost: a new vehicle's fixed
 * cost, a detour of at most two of the longest arcs, and, for a cost per time, the longest route a
 * vehicle may drive (waiting included).
 */
export function serviceCostBound(problem: ProblemData): number {
  const n = problem.nLocations;
  let maxService = 0;
  let latestOpen = 0;
  for (let l = problem.nDepots; l < problem.nDepots + problem.nStops; l++) {
    maxService = Math.max(maxService, problem.serviceTime[l]!);
    latestOpen = Math.max(latestOpen, problem.early[l]!);
  }
  let bound = 0;
  for (const t of problem.vehicleTypes) {
    if (t.slots === 0) continue;
    const prof = problem.profiles[t.profile]!;
    let maxDistance = 0;
    let maxDuration = 0;
    for (let k = 0; k < n * n; k++) {
      const d = prof.distance[k]!;
      const du = prof.duration[k]!;
      if (d < problem.unreachable && d > maxDistance) maxDistance = d;
      if (du < problem.unreachable && du > maxDuration) maxDuration = du;
    }
    let time = 2 * maxDuration + maxService + Math.max(0, latestOpen - t.startEarly);
    if (Number.isFinite(t.maxDuration)) time = Math.min(time, t.maxDuration);
    if (Number.isFinite(t.endLate)) time = Math.min(time, t.endLate - t.startEarly);
    bound = Math.max(bound, t.fixedCost + t.costPerDistance * 2 * maxDistance + t.costPerDuration * time +
      t.costPerTravelTime * 2 * maxDuration +
      // The balance term grows with the route: bound it by the longest and fullest route possible.
      t.balanceDuration * time * time + t.balanceStops * problem.nStops * problem.nStops);
  }
  return bound;
}

/**
 * The problem as the search sees it when it may leave required stops out: each becomes optional
 * with prize `B × (1 + (m + 1) × priority)`, B above `serviceCostBound` and m the number of such
 * stops, so that one more unit of priority outweighs any number of stops, and one more stop any
 * cost. Optional stops keep their own prize. Stop indices are unchanged, so routes found on the
 * view are routes of `problem`.
 */
export function serveMostView(problem: ProblemData): ProblemData {
  const base = 2 * serviceCostBound(problem) + 1;
  let m = 0;
  for (let s = 0; s < problem.nStops; s++) if (problem.required[s]) m++;
  const prize = Float64Array.from(problem.prize);
  for (let s = 0; s < problem.nStops; s++) {
    if (problem.required[s]) prize[s] = base * (1 + (m + 1) * problem.priority[s]!);
  }
  const view = Object.freeze({ ...problem, required: new Uint8Array(problem.nStops), prize });
  views.add(view);
  return view;
}

/** The views made by `serveMostView`, whose prizes outweigh any violation (see operators/optional.ts). */
const views = new WeakSet<ProblemData>();

/** Whether `problem` is a serve-most view: its optional stops may not be bought in with a violation. */
export function isServeMostView(problem: ProblemData): boolean {
  return views.has(problem);
}
