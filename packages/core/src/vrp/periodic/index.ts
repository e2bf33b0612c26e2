/**
 * Public API of the periodic routing engine: a horizon of days, visit patterns per stop (given or
 * from a rule), demand per visit (optionally accumulating), a fleet per day; one set of routes per
 * day. `createPeriodicProblem` validates, `solvePeriodic` searches (Vidal et al. 2012 on the daily
 * engine), `evaluatePeriodicPlan` reports a given weekly plan with every violation.
 */
export type * from './input.js';
export { createPeriodicProblem } from './model.js';
export type { PeriodicProblemData } from './model.js';
export { solvePeriodic } from './solve.js';
export type { PeriodicSolveOptions } from './solve.js';
export { evaluatePeriodicPlan } from './solution.js';
export type { PeriodicDayResult, PeriodicRouteResult, PeriodicSolutionResult, PeriodicViolation } from './solution.js';
export { patternsFromRule } from './patterns.js';
