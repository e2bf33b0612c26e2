/**
 * Greedy set covering (Chvátal: cheapest cost per newly covered row), then removal of redundant
 * columns, most expensive first.
 */
import type { CoverInstance } from './lagrangian.js';

/**
 * Column indices of a cover of every coverable row (rows no column covers stay uncovered),
 * starting from the columns in `initial` (e.g. those with negative Lagrangian reduced cost).
 */
export function greedyCover(instance: CoverInstance, initial: readonly number[] = []): number[] {
  const { rows, columnStarts, columnRows, columnCost } = instance;
  const columns = columnCost.length;
  const covered = new Int32Array(rows);
  const coverable = new Uint8Array(rows);
  for (let k = 0; k < columnRows.length; k++) coverable[columnRows[k]!] = 1;
  let remaining = 0;
  for (let i = 0; i < rows; i++) if (coverable[i]) remaining++;
  const chosen: number[] = [];
  const taken = new Uint8Array(columns);
  for (const j of initial) {
    if (taken[j]) continue;
    taken[j] = 1;
    chosen.push(j);
    for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) {
      const i = columnRows[k]!;
      if (covered[i] === 0) remaining--;
      covered[i] = covered[i]! + 1;
    }
  }
  while (remaining > 0) {
    let pickIndex = -1;
    let pickRatio = Infinity;
    let pickNew = 0;
    for (let j = 0; j < columns; j++) {
      if (taken[j]) continue;
      let fresh = 0;
      for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) if (!covered[columnRows[k]!]) fresh++;
      if (fresh === 0) continue;
      const ratio = columnCost[j]! / fresh;
      if (ratio < pickRatio || (ratio === pickRatio && fresh > pickNew)) { pickRatio = ratio; pickIndex = j; pickNew = fresh; }
    }
    if (pickIndex < 0) break;
    taken[pickIndex] = 1;
    chosen.push(pickIndex);
    for (let k = columnStarts[pickIndex]!; k < columnStarts[pickIndex + 1]!; k++) {
      const i = columnRows[k]!;
      if (covered[i] === 0) remaining--;
      covered[i] = covered[i]! + 1;
    }
  }
  // Drop columns whose rows are all covered twice or more, the most expensive first.
  const byCost = [...chosen].sort((a, b) => columnCost[b]! - columnCost[a]! || b - a);
  for (const j of byCost) {
    let redundant = true;
    for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) if (covered[columnRows[k]!]! < 2) { redundant = false; break; }
    if (!redundant) continue;
    taken[j] = 0;
    for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) covered[columnRows[k]!] = covered[columnRows[k]!]! - 1;
  }
  return chosen.filter((j) => taken[j]).sort((a, b) => a - b);
}
