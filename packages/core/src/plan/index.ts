/** Public API of the plan area: the planner's job end to end, and plan.json, which it owns. */
export * from './file/plan-file.js';
export type { CollectionSpec, DeliveryTierSpec, LoadSpec, ProfileSpec, ScenarioFleetChange, ScenarioSpec, TierVehicleSpec, TiersSpec, TrunkTierSpec } from './file/plan-tiers.js';
export * from './file/door-to-door-spec.js';
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
