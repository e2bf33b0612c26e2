/**
 * The stopping rules of every genetic search, built one way from the limits a caller gives
 * (seconds, iterations, iterations without improvement, a rule of its own): the search stops as
 * soon as any of them says so, and runs until it stalls when none is given.
 */
import type { SearchState, StopRule } from '../../stop.js';
import { anyOf, maxIterations, maxRuntime, noImprovement } from '../../stop.js';

/** The limits a genetic search stops on; any one of them stops it. */
export interface StopLimits {
  /** Seconds of wall-clock time. */
  timeLimit?: number | undefined;
  /** Iterations (offspring). */
  maxIterations?: number | undefined;
  /** Iterations in a row without a better solution. */
  maxIterationsWithoutImprovement?: number | undefined;
  /** A further rule of the caller's (e.g. CPU time in a benchmark). */
  stop?: StopRule | undefined;
}

/**
 * Iterations without improvement after which a search stops when the caller gives no limit at all
 * (and the arc search's stall by default): every engine's default.
 */
export const DEFAULT_STALL = 5000;

/**
 * A stopping rule that also says which of its parts make a run unrepeatable: the clock (seconds)
 * and a caller's own rule. Islands on threads (islands.ts) all stop when one stops on those, but
 * not when one stops on its iterations, which the others reach by themselves.
 */
export type LimitRule = StopRule & { readonly clock: StopRule | null };

/**
 * The rule that stops a search at the first of `limits`; with no limit at all, after
 * `stallAfter` iterations without improvement (a search must end).
 */
export function stopRule(limits: StopLimits, stallAfter = DEFAULT_STALL): LimitRule {
  const clock: StopRule[] = [];
  if (limits.timeLimit !== undefined) clock.push(maxRuntime(limits.timeLimit));
  if (limits.stop !== undefined) clock.push(limits.stop);
  const rules: StopRule[] = [];
  if (limits.timeLimit !== undefined) rules.push(maxRuntime(limits.timeLimit));
  if (limits.maxIterations !== undefined) rules.push(maxIterations(limits.maxIterations));
  if (limits.maxIterationsWithoutImprovement !== undefined) rules.push(noImprovement(limits.maxIterationsWithoutImprovement));
  if (limits.stop !== undefined) rules.push(limits.stop);
  if (rules.length === 0) rules.push(noImprovement(stallAfter));
  const rule = rules.length === 1 ? rules[0]! : anyOf(...rules);
  return Object.assign((state: SearchState) => rule(state), { clock: clock.length === 0 ? null : clock.length === 1 ? clock[0]! : anyOf(...clock) });
}
