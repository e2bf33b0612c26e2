/**
 * VROOM's JSON (the interface of vroom-express, openrouteservice and pyvroom) on postroute's
 * engine: `readVroom` translates the input into a `ProblemInput`, `solveVroom` and `checkVroom`
 * answer in VROOM's output format (`writeVroom`).
 */
export { readVroom } from './read.js';
export type { VroomInput, VroomJob, VroomShipment, VroomStopTask, VroomVehicle, VroomBreak, VroomStep, VroomMatrices, VroomRead } from './types.js';
export { writeVroom } from './write.js';
export type { VroomOutput, VroomOutputRoute, VroomOutputStep, VroomViolation } from './write.js';
export { solveVroom, checkVroom } from './solve.js';
export { vroomPoints, withPointMatrix } from './coordinates.js';
export type { PointMatrix, VroomPoints } from './coordinates.js';
export { createVroomPool } from './pool.js';
export type { VroomPool } from './pool.js';
export type { VroomTask, VroomAnswer } from './thread.js';
