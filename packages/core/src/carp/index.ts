export * from './model.js';
export * from './carplib.js';
export { routeCost, penalisedRouteCost, type CarpPenalties } from './route-cost.js';
export { DEFAULT_CARP_SEARCH, type CarpSearchParams, type CarpSearchProgress } from './search.js';
export * from './solve.js';
export * from './road.js';
