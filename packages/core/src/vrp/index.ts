/** Public API of the vehicle-routing area. */
export type * from './input.js';
export type * from './solution-types.js';
