/** Public API of the plan area: the planner's job end to end. */
export { planNetwork } from './plan.js';
export type { PlanInputs, PlanOptions, PlanResult } from './types.js';
export { classifyPlaces } from './places.js';
export type { PlanPlace } from './places.js';
export { planDoorToDoor, doorToDoorEdges, type DoorToDoorInputs } from './door-to-door.js';
