/**
 * Covering structure for a radius, and its reduction before solving.
 *
 * Rows are the demand points that still need a station: coverable by some allowed site and not
 * already within the radius of an existing one. Columns are the allowed sites that cover at
 * least one such row. Dominance rules (Toregas & ReVelle 1973):
 * - a row whose site set contains another row's site set is covered whenever that one is: drop it
 *   (for maximal covering, identical rows are merged and their weights added instead);
 * - a column whose rows are a subset of another column's rows, at no lower cost, is never needed.
 */
import type { CoverageProblem } from './model.js';
import type { CoverInstance } from './heuristics/lagrangian.js';

export interface CoverStructure {
  /** The cover instance over kept rows and columns. */
  cover: CoverInstance;
  /** Demand index of each row (the representative when rows were merged). */
  rowDemand: Int32Array;
  /** Row weight (summed over merged rows for maximal covering). */
  rowWeight: Float64Array;
  /** Site index of each column. */
  columnSite: Int32Array;
  /** Demand points within the radius of an existing site. */
  coveredByExisting: number[];
  /** Demand points no usable site covers within the radius. */
  uncoverable: number[];
  /** Rows and columns before the reduction. */
  before: { rows: number; columns: number };
}

export interface ReduceOptions {
  /** `drop` (set covering: dominated rows go) or `merge` (maximal covering: only identical rows merge). */
  rows: 'drop' | 'merge';
  /** Column costs matter (set covering) or not (maximal covering: every column counts 1). */
  columnCosts: boolean;
  /** Skip the pairwise dominance tests above this many word comparisons. Default 4e8. */
  workLimit?: number;
}

export function coverStructure(problem: CoverageProblem, radius: number, options: ReduceOptions): CoverStructure {
  const { n, m, dist, fixedOpen, allowed, weight, openingCost } = problem;
  const coveredByExisting: number[] = [];
  const uncoverable: number[] = [];
  const rowList: number[] = [];
  for (let i = 0; i < n; i++) {
    let byExisting = false;
    let byAllowed = false;
    for (let j = 0; j < m; j++) {
      if (dist[i * m + j]! > radius) continue;
      if (fixedOpen[j]) { byExisting = true; break; }
      if (allowed[j]) byAllowed = true;
    }
    if (byExisting) coveredByExisting.push(i);
    else if (byAllowed) rowList.push(i);
    else uncoverable.push(i);
  }
  const columnList: number[] = [];
  const columnsRows: number[][] = [];
  for (let j = 0; j < m; j++) {
    if (!allowed[j]) continue;
    const rows: number[] = [];
    for (let r = 0; r < rowList.length; r++) if (dist[rowList[r]! * m + j]! <= radius) rows.push(r);
    if (rows.length === 0) continue;
    columnList.push(j);
    columnsRows.push(rows);
  }
  const before = { rows: rowList.length, columns: columnList.length };
  const rowsAlive = new Uint8Array(rowList.length).fill(1);
  const rowWeightFull = Float64Array.from(rowList, (i) => weight[i]!);
  const columnsAlive = new Uint8Array(columnList.length).fill(1);
  const columnCost = Float64Array.from(columnList, (j) => (options.columnCosts ? openingCost[j]! : 1));
  const words = (count: number): number => Math.ceil(count / 32);
  const workLimit = options.workLimit ?? 4e8;
  for (let round = 0; round < 3; round++) {
    let changed = false;
    // Rows as bitsets over columns.
    const rowCount = rowList.length;
    const colCount = columnList.length;
    if (rowCount * rowCount * words(colCount) <= workLimit) {
      const bits = bitsetsOf(rowCount, colCount, (add) => {
        columnsRows.forEach((rows, c) => { if (columnsAlive[c]) for (const r of rows) if (rowsAlive[r]) add(r, c); });
      });
      if (dominateRows(bits, rowsAlive, words(colCount), options.rows === 'merge', rowWeightFull)) changed = true;
    }
    if (colCount * colCount * words(rowCount) <= workLimit) {
      const bits = bitsetsOf(colCount, rowCount, (add) => {
        columnsRows.forEach((rows, c) => { if (columnsAlive[c]) for (const r of rows) if (rowsAlive[r]) add(c, r); });
      });
      // Column a dominates b (b ⊆ a) when a costs no more; identical equal-cost columns keep the first.
      if (dominateColumns(bits, columnsAlive, words(rowCount), columnCost)) changed = true;
    }
    if (!changed) break;
  }
  const keptRows: number[] = [];
  const rowIndexOf = new Int32Array(rowList.length).fill(-1);
  for (let r = 0; r < rowList.length; r++) if (rowsAlive[r]) { rowIndexOf[r] = keptRows.length; keptRows.push(r); }
  const starts: number[] = [0];
  const entries: number[] = [];
  const keptColumns: number[] = [];
  for (let c = 0; c < columnList.length; c++) {
    if (!columnsAlive[c]) continue;
    const rows = columnsRows[c]!.filter((r) => rowsAlive[r]).map((r) => rowIndexOf[r]!);
    if (rows.length === 0) continue;
    keptColumns.push(c);
    entries.push(...rows);
    starts.push(entries.length);
  }
  return {
    cover: {
      rows: keptRows.length,
      columnStarts: Int32Array.from(starts),
      columnRows: Int32Array.from(entries),
      columnCost: Float64Array.from(keptColumns, (c) => columnCost[c]!),
    },
    rowDemand: Int32Array.from(keptRows, (r) => rowList[r]!),
    rowWeight: Float64Array.from(keptRows, (r) => rowWeightFull[r]!),
    columnSite: Int32Array.from(keptColumns, (c) => columnList[c]!),
    coveredByExisting,
    uncoverable,
    before,
  };
}

function bitsetsOf(count: number, universe: number, fill: (add: (item: number, member: number) => void) => void): Uint32Array {
  const w = Math.ceil(universe / 32);
  const bits = new Uint32Array(count * w);
  fill((item, member) => { bits[item * w + (member >>> 5)]! |= 1 << (member & 31); });
  return bits;
}

function isSubset(bits: Uint32Array, a: number, b: number, w: number): boolean {
  const oa = a * w, ob = b * w;
  for (let k = 0; k < w; k++) if ((bits[oa + k]! & ~bits[ob + k]!) !== 0) return false;
  return true;
}

/**
 * Rows: if S(a) ⊆ S(b), row b is implied by row a. With `merge`, only identical rows are
 * merged (weights added to the first); otherwise b is dropped.
 */
function dominateRows(bits: Uint32Array, alive: Uint8Array, w: number, merge: boolean, weights: Float64Array): boolean {
  const count = alive.length;
  let changed = false;
  for (let b = 0; b < count; b++) {
    if (!alive[b]) continue;
    for (let a = 0; a < count; a++) {
      if (a === b || !alive[a]) continue;
      if (!isSubset(bits, a, b, w)) continue;
      const identical = isSubset(bits, b, a, w);
      if (merge) {
        if (!identical) continue;
        // Keep the lower index as the representative.
        const keep = Math.min(a, b), drop = Math.max(a, b);
        weights[keep] = weights[keep]! + weights[drop]!;
        alive[drop] = 0;
        changed = true;
        if (drop === b) break;
        continue;
      }
      if (identical && a > b) continue; // the lower index survives among identical rows
      alive[b] = 0;
      changed = true;
      break;
    }
  }
  return changed;
}

function dominateColumns(bits: Uint32Array, alive: Uint8Array, w: number, cost: Float64Array): boolean {
  const count = alive.length;
  let changed = false;
  for (let b = 0; b < count; b++) {
    if (!alive[b]) continue;
    for (let a = 0; a < count; a++) {
      if (a === b || !alive[a]) continue;
      if (cost[a]! > cost[b]!) continue;
      if (!isSubset(bits, b, a, w)) continue; // rows(b) ⊆ rows(a)
      if (cost[a] === cost[b] && isSubset(bits, a, b, w) && a > b) continue; // identical: keep lower index
      alive[b] = 0;
      changed = true;
      break;
    }
  }
  return changed;
}
