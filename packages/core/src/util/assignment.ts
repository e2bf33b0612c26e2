/**
 * The linear assignment problem: n rows to n columns, one each, at least total cost (the
 * Hungarian method with potentials, O(n³); Kuhn 1955, Munkres 1957, as in Jonker & Volgenant's
 * shortest augmenting paths). Forbidden pairs are given a cost above any sum of allowed ones.
 */

/**
 * The column of each row in a cheapest assignment of the n × n matrix `cost` (row-major, finite
 * values). Deterministic: ties go to the lowest column found first.
 */
export function minCostAssignment(n: number, cost: ArrayLike<number>): Int32Array {
  // 1-based arrays with a dummy column 0, as in the textbook presentation.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const rowOf = new Int32Array(n + 1); // column j's row (0: none)
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = cost[(i0 - 1) * n + (j - 1)]! - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[rowOf[j]!] = u[rowOf[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOf = new Int32Array(n);
  for (let j = 1; j <= n; j++) colOf[rowOf[j]! - 1] = j - 1;
  return colOf;
}
