/**
 * Public API of the vehicle-routing area.
 *
 * Flow: `createProblem(input)` validates a `ProblemInput` and compiles it into an immutable
 * `ProblemData` (flat typed matrices; per-stop pre-checks); `solve(problem, options)` runs the
 * hybrid genetic search; `constructSavings(problem)` gives an instant Clarke–Wright plan;
 * `evaluatePlan(problem, routes)` reports given routes (e.g. today's) with every violation.
 *
 * Against the agreed contract: the names and shapes are as agreed. Additions:
 * - `SolutionResult.violations` and `RouteResult.violations` (`PlanViolation`: capacity,
 *   time-window, shift, max-duration, max-distance, unreachable-leg, fleet-size). Solver output
 *   has none unless a violation could not be avoided (then `feasible` is false).
 * - Unassigned reasons `route-limit-exceeded` (out and back alone breaks every type's maximum
 *   duration or distance) and `not-in-plan` (evaluatePlan: the given routes skip the stop).
 * - `SolveOptions.stop` (a composable `StopRule`, see stop.ts) and `SolveOptions.params`
 *   (granularity, penalties, population; defaults follow HGS-CVRP).
 * - Progress events are `SolveProgressEvent`s (`iteration`, `elapsedSeconds`, `bestCost`).
 * Semantics worth knowing:
 * - Plan reports never "travel back in time": a late vehicle starts service late and the
 *   lateness carries on (the search itself measures lateness as time warp).
 * - With several windows per stop the O(1) move evaluation sees the hull of the windows; each
 *   offspring is then checked exactly, so reported plans are exact.
 * - Repeatable for a seed with iteration limits; a time limit depends on the machine's speed.
 * - Breaks (`VehicleTypeInput.breaks`) are placed by the evaluator wherever they cost least
 *   (breaks.ts); the O(1) summaries leave them out and each move is confirmed exactly.
 */
export type * from './input.js';
export type * from './solution-types.js';
export { PLAN_VIOLATION_KINDS } from './solution-types.js';
export { createProblem } from './model.js';
export type { CreateProblemOptions, ProblemData, ProfileData, VehicleTypeData } from './model.js';
export type { BreakData, BreakInput } from './breaks.js';
export { solve, DEFAULT_NO_IMPROVEMENT } from './solve.js';
export { openSearchThreads, withSearchThreads } from './search/kernel/index.js';
export type { SearchThreads } from './search/kernel/index.js';
export { MAX_THREADS } from './search/kernel/index.js';
export type { SolveOptions } from './solve.js';
export type { SolveProgressEvent, HgsParams, SearchDebug } from './search/hgs.js';
export { OPERATOR_NAMES } from './search/stats.js';
export type { OperatorName, OperatorCounts } from './search/stats.js';
export { DEFAULT_HGS } from './search/hgs.js';
export { constructSavings } from './construct/savings.js';
export { evaluatePlan } from './solution.js';
export { anyOf, maxIterations, maxRuntime, noImprovement } from './stop.js';
export type { SearchState, StopRule } from './stop.js';
export { Segment } from './segments.js';
export type { SegmentStore } from './segments.js';
export type { Penalties } from './evaluate.js';
export { parseCordeau, cordeauToProblem, parseCordeauSolution, cordeauDays } from './cordeau.js';
export type {
  CordeauInstance, CordeauNode, CordeauProblem, CordeauReadOptions, CordeauSolution, CordeauSolutionRoute,
} from './cordeau.js';
export * from './periodic/index.js';
