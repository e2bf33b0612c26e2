/**
 * Public API of the vehicle-routing area.
 *
 * Deviations from the agreed contract: none in names. Additions: `SolutionResult.violations` and
 * `RouteResult.violations` (plan mode and unavoidable violations), unassigned reasons
 * `route-limit-exceeded` (out and back alone breaks every type's maximum duration or distance)
 * and `not-in-plan` (evaluatePlan: the given routes skip the stop), `SolveOptions.stop` and
 * `SolveOptions.params`. Time-limited runs are not repeatable (the iteration count depends on the
 * machine); iteration limits are.
 */
export type * from './input.js';
export type * from './solution-types.js';
export { createProblem } from './model.js';
export type { CreateProblemOptions, ProblemData, ProfileData, VehicleTypeData } from './model.js';
export { solve, DEFAULT_NO_IMPROVEMENT } from './solve.js';
export type { SolveOptions } from './solve.js';
export type { SolveProgressEvent, HgsParams } from './search/hgs.js';
export { constructSavings } from './construct/savings.js';
export { evaluatePlan } from './solution.js';
export { anyOf, maxIterations, maxRuntime, noImprovement } from './stop.js';
export type { SearchState, StopRule } from './stop.js';
export { Segment } from './segments.js';
export type { Penalties } from './evaluate.js';
