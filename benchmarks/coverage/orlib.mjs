/**
 * OR-Library p-median instances (Beasley 1985): `n m p`, then m edges `i j cost` on vertices
 * 1..n. Distances are all-pairs shortest paths; when an edge is listed twice the LAST listing
 * wins (benchmarks/instances/README.md: this reproduces the published optima).
 */
import { readFileSync } from 'node:fs';

export function readPmed(path) {
  const numbers = readFileSync(path, 'utf8').trim().split(/\s+/).map(Number);
  const [n, m, p] = numbers;
  const d = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) d[i * n + i] = 0;
  for (let e = 0; e < m; e++) {
    const i = numbers[3 + 3 * e] - 1;
    const j = numbers[4 + 3 * e] - 1;
    const c = numbers[5 + 3 * e];
    d[i * n + j] = c; // last wins, as the README says
    d[j * n + i] = c;
  }
  // Floyd–Warshall.
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k];
      if (dik === Infinity) continue;
      const rowI = i * n;
      for (let j = 0; j < n; j++) {
        const through = dik + d[rowK + j];
        if (through < d[rowI + j]) d[rowI + j] = through;
      }
    }
  }
  const ids = Array.from({ length: n }, (_, i) => String(i + 1));
  return { n, p, matrix: { demandIds: ids, siteIds: ids, values: d } };
}
