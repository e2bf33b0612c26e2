/**
 * @postroute/core — the public API. Named exports only; each area has its own barrel.
 */
export * from './errors.js';
export * from './util/random.js';
export * from './util/progress.js';
export * from './io/index.js';
export * from './graph/index.js';
export * from './matrix/index.js';
export * from './coverage/index.js';
export * from './vrp/index.js';
export * from './carp/index.js';
export * from './report/index.js';
export * from './plan/index.js';
export * from './batch/index.js';
export * from './prepared/index.js';
export * from './vroom/index.js';
