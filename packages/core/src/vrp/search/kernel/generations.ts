import type { SearchState } from '../../stop.js';

/** What one kind of hybrid genetic search supplies to the shared generation loop. */
export interface Generations<T> {
  /** One parent, by binary tournament on biased fitness. */
  select(): T;
  /** Crossover, Split and education of one child; true when it improved the best found. */
  breed(a: T, b: T): boolean;
  /** A fresh population around the best found, after too many generations without improvement. */
  restart(): void;
  report(final: boolean): void;
  /** After each iteration: take in other islands' best (kernel/islands.ts); true when that improved the best found. */
  migrate?(iterations: number): boolean;
}

/**
 * The HGS generation loop (Vidal et al. 2012), shared by the daily, periodic and arc-routing
 * searches: breed until the stopping rule says stop, count generations without improvement (the
 * stopping rules read them from `state`), and restart after `restartAfter` of them in a row.
 */
export function runGenerations<T>(state: SearchState, tick: () => boolean, restartAfter: number, search: Generations<T>): void {
  let sinceRestart = 0;
  while (!tick()) {
    const a = search.select();
    const b = search.select();
    let improved = search.breed(a, b);
    state.iterations++;
    if (search.migrate?.(state.iterations)) improved = true;
    if (improved) {
      state.iterationsWithoutImprovement = 0;
      sinceRestart = 0;
    } else {
      state.iterationsWithoutImprovement++;
      sinceRestart++;
    }
    if (sinceRestart >= restartAfter) {
      search.restart();
      sinceRestart = 0;
    }
    search.report(false);
  }
  search.report(true);
}
