/**
 * Per-operator counters of the local search (how often each move was evaluated, how often it was
 * applied and kept, and the time spent in it), kept only when asked for: they exist to show where
 * the search spends its time (benchmarks/vrp/profile.mjs), not to steer it.
 */

/** The local-search moves, in the order the counters are kept. */
export const OPERATOR_NAMES = [
  'relocate', 'relocate-pair', 'swap', 'swap-2-1', 'swap-2-2', 'two-opt', 'two-opt-star', 'two-opt-star-reversed', 'swap-star',
  'swap-vehicles', 'insert-optional', 'remove-optional', 'relocate-shipment',
] as const;

/** The local-search operators, by name (for the per-operator counters). */
export type OperatorName = (typeof OPERATOR_NAMES)[number];

/** Counters of one operator over a whole search. */
export interface OperatorCounts {
  /** Candidate moves evaluated (after the cheap distance screens that reject most of them). */
  evaluated: number;
  /** Moves applied and kept. */
  applied: number;
  /** Seconds spent evaluating and applying. */
  seconds: number;
}

export const OP = {
  relocate: 0, relocatePair: 1, swap: 2, swap21: 3, swap22: 4, twoOpt: 5, twoOptStar: 6, twoOptStarReversed: 7, swapStar: 8,
  swapVehicles: 9, insertOptional: 10, removeOptional: 11, relocateShipment: 12,
} as const;

/** Index of the (N, M)-exchange counter. */
export function exchangeOp(N: number, M: number): number {
  if (M === 0) return N === 1 ? OP.relocate : OP.relocatePair;
  if (N === 1) return OP.swap;
  return M === 1 ? OP.swap21 : OP.swap22;
}

export class OperatorStats {
  readonly evaluated = new Float64Array(OPERATOR_NAMES.length);
  readonly applied = new Float64Array(OPERATOR_NAMES.length);
  readonly seconds = new Float64Array(OPERATOR_NAMES.length);

  /** Records one evaluation of `op` that started at `started` (performance.now()). */
  record(op: number, started: number, applied: boolean): void {
    this.evaluated[op] = this.evaluated[op]! + 1;
    if (applied) this.applied[op] = this.applied[op]! + 1;
    this.seconds[op] = this.seconds[op]! + (performance.now() - started) / 1000;
  }

  toJSON(): Record<OperatorName, OperatorCounts> {
    const out = {} as Record<OperatorName, OperatorCounts>;
    OPERATOR_NAMES.forEach((name, k) => {
      out[name] = { evaluated: this.evaluated[k]!, applied: this.applied[k]!, seconds: Math.round(this.seconds[k]! * 1e6) / 1e6 };
    });
    return out;
  }
}
