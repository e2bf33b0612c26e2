/** Heuristics with certified bounds. */
export type { LocationInstance, LocationState, SearchOptions } from './location-search.js';
export { greedy, fastInterchange, variableNeighbourhoodSearch, createState, applySwap } from './location-search.js';
export type { CoverInstance, BoundOptions, BoundResult } from './lagrangian.js';
export { locationLowerBound, locationReducedCosts, coverLowerBound } from './lagrangian.js';
export type { LocationBoundResult } from './lagrangian.js';
export { greedyCover } from './set-cover.js';

import type { Random } from '../../util/random.js';
import type { ProgressCallback } from '../../util/progress.js';
import { createState, fastInterchange, greedy, variableNeighbourhoodSearch, type LocationInstance } from './location-search.js';
import { locationLowerBound, type LocationBoundResult } from './lagrangian.js';

export interface LocationSearchOptions {
  random: Random;
  /** performance.now() value at which the search must end. */
  deadline: number;
  /** Shakes in a row without improvement before the search stops. Default 300. */
  maxShakesWithoutImprovement?: number;
  /** Costs are integers, so bounds round up. */
  integral: boolean;
  /** Compute the Lagrangian bound (default true); otherwise the bound is the trivial 0. */
  lagrangian?: boolean;
  onProgress?: ProgressCallback;
}

export interface LocationSearchResult {
  open: Int32Array;
  total: number;
  /** Lagrangian lower bound on the total. */
  bound: number;
  /** The Lagrangian solution behind the bound (absent when bounds are off). */
  lagrangian?: LocationBoundResult;
  greedyTotal: number;
  interchangeTotal: number;
}

/**
 * Greedy → fast vertex substitution → Lagrangian bound → variable neighbourhood search (which
 * stops early once it meets the bound). The bound gets a third of the time left, at most 10 s.
 */
export function searchLocation(instance: LocationInstance, options: LocationSearchOptions): LocationSearchResult {
  const report = options.onProgress ?? (() => {});
  const state = createState(instance, greedy(instance));
  const greedyTotal = state.total;
  fastInterchange(instance, state, options.random, options.deadline);
  const interchangeTotal = state.total;
  report({ step: 'heuristic', message: `greedy ${round(greedyTotal)}, interchange ${round(interchangeTotal)}` });
  const now = performance.now();
  const boundDeadline = Math.min(options.deadline, now + Math.min(10_000, (options.deadline - now) / 3));
  const start = new Float64Array(instance.n);
  for (let i = 0; i < instance.n; i++) start[i] = instance.cost[i * instance.m + state.c1[i]!]!;
  const lagrangian = options.lagrangian === false
    ? undefined
    : locationLowerBound(instance, { upperBound: state.total, start, deadline: boundDeadline, integral: options.integral });
  const bound = lagrangian ? lagrangian.bound : 0;
  report({ step: 'bound', message: `Lagrangian bound ${round(bound)}` });
  const best = variableNeighbourhoodSearch(instance, state, {
    random: options.random,
    deadline: options.deadline,
    maxShakesWithoutImprovement: options.maxShakesWithoutImprovement ?? 300,
    target: bound,
    onImprove: (total) => report({ step: 'heuristic', message: `VNS ${round(total)}, bound ${round(bound)}` }),
  });
  const result: LocationSearchResult = { open: Int32Array.from(best.open).sort(), total: best.total, bound: Math.min(bound, best.total), greedyTotal, interchangeTotal };
  if (lagrangian) result.lagrangian = lagrangian;
  return result;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
