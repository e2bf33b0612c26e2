/**
 * Local search for p-median-shaped problems: choose `p` open sites (the fixed ones among them)
 * to minimise Σ_i min_{j open} cost[i·m + j]. p-median uses cost = weight × distance; maximal
 * covering uses cost = weight × [distance > radius] (the uncovered weight).
 *
 * Greedy construction, then Whitaker's fast vertex substitution (the O(n) swap evaluation of
 * Teitz–Bart interchange, with nearest and second-nearest open site per demand point), then a
 * variable neighbourhood search (Hansen & Mladenović 1997) that shakes by k random swaps.
 */
import type { Random } from '../../util/random.js';

export interface LocationInstance {
  n: number;
  m: number;
  /** n × m, finite (callers replace "unreachable" by a large penalty). */
  cost: Float64Array;
  /** Sites that are always open. */
  fixed: Uint8Array;
  /** Sites that may be opened (not fixed, not forbidden). */
  allowed: Uint8Array;
  /** Total number of open sites, fixed ones included. */
  p: number;
}

/** The current solution with, per demand point, its nearest and second-nearest open site. */
export interface LocationState {
  /** Open site indices; the fixed ones first. */
  open: Int32Array;
  isOpen: Uint8Array;
  c1: Int32Array;
  c2: Int32Array;
  total: number;
}

export function createState(instance: LocationInstance, openSites: ArrayLike<number>): LocationState {
  const { n, m } = instance;
  const state: LocationState = {
    open: Int32Array.from(openSites),
    isOpen: new Uint8Array(m),
    c1: new Int32Array(n).fill(-1),
    c2: new Int32Array(n).fill(-1),
    total: 0,
  };
  for (const j of state.open) state.isOpen[j] = 1;
  for (let i = 0; i < n; i++) refreshDemand(instance, state, i);
  state.total = totalCost(instance, state);
  return state;
}

function refreshDemand(instance: LocationInstance, state: LocationState, i: number): void {
  const { m, cost } = instance;
  const row = i * m;
  let b1 = -1, b2 = -1, d1 = Infinity, d2 = Infinity;
  for (let k = 0; k < state.open.length; k++) {
    const j = state.open[k]!;
    const d = cost[row + j]!;
    if (d < d1 || (d === d1 && j < b1)) { b2 = b1; d2 = d1; b1 = j; d1 = d; }
    else if (d < d2 || (d === d2 && j < b2)) { b2 = j; d2 = d; }
  }
  state.c1[i] = b1;
  state.c2[i] = b2;
}

function totalCost(instance: LocationInstance, state: LocationState): number {
  const { n, m, cost } = instance;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = state.c1[i]!;
    if (j >= 0) total += cost[i * m + j]!;
  }
  return total;
}

/** Greedy addition: starts from the fixed sites and adds the site that saves most, p times. */
export function greedy(instance: LocationInstance): Int32Array {
  const { n, m, cost, fixed, allowed, p } = instance;
  const open: number[] = [];
  const best = new Float64Array(n).fill(Infinity);
  const add = (j: number): void => {
    open.push(j);
    for (let i = 0; i < n; i++) {
      const d = cost[i * m + j]!;
      if (d < best[i]!) best[i] = d;
    }
  };
  for (let j = 0; j < m; j++) if (fixed[j]) add(j);
  const isOpen = new Uint8Array(m);
  for (const j of open) isOpen[j] = 1;
  // With nothing open, "saving" is measured against a large finite baseline.
  let baseline = 0;
  for (let k = 0; k < n * m; k++) if (cost[k]! > baseline) baseline = cost[k]!;
  baseline = baseline * 2 + 1;
  while (open.length < p) {
    let chosen = -1;
    let chosenSaving = -Infinity;
    for (let j = 0; j < m; j++) {
      if (!allowed[j] || isOpen[j]) continue;
      let saving = 0;
      for (let i = 0; i < n; i++) {
        const current = best[i] === Infinity ? baseline : best[i]!;
        const d = cost[i * m + j]!;
        if (d < current) saving += current - d;
      }
      if (saving > chosenSaving) { chosenSaving = saving; chosen = j; }
    }
    if (chosen < 0) break;
    isOpen[chosen] = 1;
    add(chosen);
  }
  return Int32Array.from(open);
}

/** Replaces open site `out` by closed site `into`, updating nearest/second-nearest. */
export function applySwap(instance: LocationInstance, state: LocationState, into: number, out: number): void {
  const { n, m, cost } = instance;
  const slot = state.open.indexOf(out);
  state.open[slot] = into;
  state.isOpen[out] = 0;
  state.isOpen[into] = 1;
  for (let i = 0; i < n; i++) {
    const c1 = state.c1[i]!, c2 = state.c2[i]!;
    if (c1 === out || c2 === out) { refreshDemand(instance, state, i); continue; }
    const d = cost[i * m + into]!;
    const d1 = cost[i * m + c1]!;
    if (d < d1 || (d === d1 && into < c1)) { state.c2[i] = c1; state.c1[i] = into; continue; }
    const d2 = c2 >= 0 ? cost[i * m + c2]! : Infinity;
    if (d < d2 || (d === d2 && into < c2)) state.c2[i] = into;
  }
  state.total = totalCost(instance, state);
}

/**
 * Fast vertex substitution to a local optimum: for each closed site (in a seeded random order),
 * find the best open site to drop in O(n + p); apply the first improving swap.
 * Returns the number of swaps made.
 */
export function fastInterchange(instance: LocationInstance, state: LocationState, random: Random, deadline = Infinity): number {
  const { n, m, cost, fixed, allowed } = instance;
  const loss = new Float64Array(m);
  const candidates: number[] = [];
  for (let j = 0; j < m; j++) if (allowed[j]) candidates.push(j);
  let swaps = 0;
  let improved = true;
  let sinceImprovement = 0;
  while (improved) {
    improved = false;
    shuffle(candidates, random);
    for (const into of candidates) {
      if (state.isOpen[into]) continue;
      if ((++sinceImprovement & 63) === 0 && performance.now() > deadline) return swaps;
      let gain = 0;
      for (let k = 0; k < state.open.length; k++) loss[state.open[k]!] = 0;
      for (let i = 0; i < n; i++) {
        const row = i * m;
        const c1 = state.c1[i]!;
        const d1 = cost[row + c1]!;
        const d = cost[row + into]!;
        if (d < d1) gain += d1 - d;
        else {
          const c2 = state.c2[i]!;
          const d2 = c2 >= 0 ? cost[row + c2]! : Infinity;
          loss[c1] = loss[c1]! + (d < d2 ? d : d2) - d1;
        }
      }
      let out = -1;
      let outLoss = Infinity;
      for (let k = 0; k < state.open.length; k++) {
        const j = state.open[k]!;
        if (fixed[j]) continue;
        if (loss[j]! < outLoss) { outLoss = loss[j]!; out = j; }
      }
      if (out >= 0 && outLoss - gain < -1e-9 * Math.max(1, state.total)) {
        applySwap(instance, state, into, out);
        swaps++;
        improved = true;
        sinceImprovement = 0;
      }
    }
  }
  return swaps;
}

export interface SearchOptions {
  random: Random;
  /** performance.now() value at which to stop. */
  deadline: number;
  /** Stop after this many shakes in a row without improvement. */
  maxShakesWithoutImprovement: number;
  /** Stop at once when the cost reaches this (a proven lower bound). */
  target?: number;
  onImprove?: (total: number) => void;
}

/** Variable neighbourhood search from `start`; returns the best state found. */
export function variableNeighbourhoodSearch(instance: LocationInstance, start: LocationState, options: SearchOptions): LocationState {
  const { m, fixed, allowed } = instance;
  const { random, deadline } = options;
  const target = options.target ?? -Infinity;
  let best = start;
  const movable = (state: LocationState): number[] => Array.from(state.open).filter((j) => !fixed[j]);
  const closedCount = (): number => {
    let count = 0;
    for (let j = 0; j < m; j++) if (allowed[j] && !best.isOpen[j]) count++;
    return count;
  };
  const kMax = Math.min(movable(best).length, closedCount(), 10);
  if (kMax === 0) return best;
  let k = 1;
  let shakes = 0;
  let sinceImprovement = 0;
  while (performance.now() < deadline && sinceImprovement < options.maxShakesWithoutImprovement && best.total > target + 1e-9) {
    const trial = copyState(best);
    for (let s = 0; s < k; s++) {
      const out = pick(movable(trial), random);
      const into = pickClosed(instance, trial, random);
      if (out === undefined || into < 0) break;
      applySwap(instance, trial, into, out);
    }
    fastInterchange(instance, trial, random, deadline);
    shakes++;
    if (trial.total < best.total - 1e-9 * Math.max(1, best.total)) {
      best = trial;
      k = 1;
      sinceImprovement = 0;
      options.onImprove?.(best.total);
    } else {
      k = k >= kMax ? 1 : k + 1;
      sinceImprovement++;
    }
  }
  return best;
}

function copyState(state: LocationState): LocationState {
  return { open: state.open.slice(), isOpen: state.isOpen.slice(), c1: state.c1.slice(), c2: state.c2.slice(), total: state.total };
}

function pick(values: number[], random: Random): number | undefined {
  return values.length === 0 ? undefined : values[random.int(values.length)];
}

function pickClosed(instance: LocationInstance, state: LocationState, random: Random): number {
  const { m, allowed } = instance;
  let count = 0;
  for (let j = 0; j < m; j++) if (allowed[j] && !state.isOpen[j]) count++;
  if (count === 0) return -1;
  let target = random.int(count);
  for (let j = 0; j < m; j++) {
    if (allowed[j] && !state.isOpen[j]) {
      if (target === 0) return j;
      target--;
    }
  }
  return -1;
}

function shuffle(values: number[], random: Random): void {
  for (let k = values.length - 1; k > 0; k--) {
    const r = random.int(k + 1);
    const t = values[k]!;
    values[k] = values[r]!;
    values[r] = t;
  }
}
