/**
 * The one internal MIP representation that every backend adapter reads: columns with cost,
 * bounds and integrality, rows in compressed sparse row form with lower and upper activity
 * bounds. Models are built row by row with `MipBuilder`.
 */
import type { ProgressCallback } from '../../util/progress.js';

export interface MipModel {
  sense: 'min' | 'max';
  numCols: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 = integer column. */
  integer: Uint8Array;
  numRows: number;
  rowStarts: Int32Array;
  rowIndex: Int32Array;
  rowValue: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
}

export interface MipOptions {
  /** Seconds. */
  timeLimit?: number;
  /** Stop when the relative gap is at most this. Default 1e-6 (HiGHS' own default is 1e-4). */
  relativeGap?: number;
  /** Absolute gap; integer objectives can use 1 − ε. Default 1e-6. */
  absoluteGap?: number;
  /** A known feasible solution (column values) to start from. */
  start?: Float64Array;
  /** Stop as soon as an incumbent at least this good is found (min: ≤, max: ≥). */
  stopAtObjective?: number;
  /** Stop as soon as the proven bound shows no solution can reach this value (min: bound > it). */
  stopWhenBoundBeyond?: number;
  /** Extra HiGHS options by their HiGHS names (e.g. `{ mip_heuristic_effort: 0.01 }`). */
  highs?: Record<string, number | string | boolean>;
  onProgress?: ProgressCallback;
}

export type MipStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-solution';

export interface MipResult {
  /** `feasible`: a limit or a stop rule ended the solve with an incumbent; `no-solution`: without one. */
  status: MipStatus;
  values: Float64Array | undefined;
  objective: number;
  /** Best proven bound (lower for min, upper for max); ±Infinity when unknown. */
  bound: number;
  seconds: number;
}

export interface MipBackendAdapter {
  solve(model: MipModel, options: MipOptions): Promise<MipResult>;
}

/** Builds a model row by row. */
export class MipBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly integer: number[] = [];
  private readonly starts: number[] = [0];
  private readonly index: number[] = [];
  private readonly value: number[] = [];
  private readonly rowLo: number[] = [];
  private readonly rowHi: number[] = [];

  constructor(readonly sense: 'min' | 'max') {}

  get numCols(): number { return this.cost.length; }
  get numRows(): number { return this.rowLo.length; }
  get numNonzeros(): number { return this.index.length; }

  /** Adds a column and returns its index. */
  addCol(cost: number, lower: number, upper: number, integer: boolean): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  /** Adds `lower ≤ Σ values[k]·x[cols[k]] ≤ upper`; columns must be distinct. */
  addRow(cols: readonly number[], values: readonly number[], lower: number, upper: number): void {
    for (let k = 0; k < cols.length; k++) {
      this.index.push(cols[k]!);
      this.value.push(values[k]!);
    }
    this.starts.push(this.index.length);
    this.rowLo.push(lower);
    this.rowHi.push(upper);
  }

  build(): MipModel {
    return {
      sense: this.sense,
      numCols: this.cost.length,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      integer: Uint8Array.from(this.integer),
      numRows: this.rowLo.length,
      rowStarts: Int32Array.from(this.starts),
      rowIndex: Int32Array.from(this.index),
      rowValue: Float64Array.from(this.value),
      rowLower: Float64Array.from(this.rowLo),
      rowUpper: Float64Array.from(this.rowHi),
    };
  }
}

/** Objective value of `values` in `model`. */
export function mipObjective(model: MipModel, values: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < model.numCols; j++) total += model.colCost[j]! * values[j]!;
  return total;
}

/**
 * A rough upper estimate of the bytes HiGHS needs for a model: the presolved copy, the LP
 * factorisation and the MIP search each hold the matrix, so a generous multiple of its size.
 * The WebAssembly heap stops at 2 GiB; callers compare against `HIGHS_MEMORY_BUDGET`.
 */
export function estimateMipBytes(model: { numCols: number; numRows: number; numNonzeros: number }): number {
  return 400 * model.numNonzeros + 600 * (model.numCols + model.numRows);
}

/** The part of HiGHS' 2 GiB WebAssembly heap we allow one model to claim. */
export const HIGHS_MEMORY_BUDGET = 1.2 * 1024 ** 3;
