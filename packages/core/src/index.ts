/**
 * @postroute/core — the public API. Named exports only; each area has its own barrel.
 */
export * from './errors.js';
export * from './util/random.js';
export * from './util/progress.js';
