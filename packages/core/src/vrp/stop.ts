/**
 * Composable stopping rules (PyVRP's `stop` module): each looks at the search state and says
 * whether to stop; `anyOf` stops as soon as one of them does.
 */

export interface SearchState {
  /** Iterations (offspring) done so far. */
  iterations: number;
  /** Iterations since the best solution last improved. */
  iterationsWithoutImprovement: number;
  /** Seconds since the search started. */
  elapsedSeconds: number;
}

/** Decides from the state of the search whether it stops now. */
export type StopRule = (state: SearchState) => boolean;

/** Stops after `n` iterations. */
export function maxIterations(n: number): StopRule {
  return (s) => s.iterations >= n;
}

/** Stops after `n` iterations in a row without a better solution. */
export function noImprovement(n: number): StopRule {
  return (s) => s.iterationsWithoutImprovement >= n;
}

/** Stops after `seconds` of wall-clock time. */
export function maxRuntime(seconds: number): StopRule {
  return (s) => s.elapsedSeconds >= seconds;
}

/** Stops when any of the rules does. */
export function anyOf(...rules: StopRule[]): StopRule {
  return (s) => rules.some((rule) => rule(s));
}
