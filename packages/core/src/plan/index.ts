/** Public API of the plan area: the planner's job end to end. */
export { planNetwork } from './plan.js';
export { checkPlanInputs } from './preflight.js';
export type { CheckedPlan } from './preflight.js';
export type { PlanInputs, PlanOptions, PlanResult, PlanSources } from './types.js';
export { classifyPlaces } from './places.js';
export type { PlanPlace } from './places.js';
export { planDoorToDoor, doorToDoorEdges, type DoorToDoorInputs } from './door-to-door.js';
export { solveTwoTier, evaluateTwoTier } from './tiers/solve.js';
export type { TwoTierResult, TwoTierSolveOptions, TierRun, DeliveryRun } from './tiers/solve.js';
export type { TwoTierInput, TwoTierStop, TwoTierOffice, TierStop, TierVehicle, TrunkVehicle, DeliveryVehicle, FlatMatrix, TrunkCollection } from './tiers/model.js';
export type { OfficeMove } from './tiers/assignment.js';
