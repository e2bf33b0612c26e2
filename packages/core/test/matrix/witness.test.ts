/**
 * The hierarchy build's witness rows (matrix/witness.ts) against brute force on small random
 * graphs: every answer is the cost of a real path that avoids the contracted node, no witness is
 * missed when the search may settle every node, and a row ruled out whole (-Infinity) has an
 * in-arc that a cheaper way into the node through another in-neighbour beats.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '@postroute/core';
import { Scratch, WitnessSearch, witnessRow, type ArcLists } from '../../src/matrix/witness.js';

/** All-pairs shortest costs without node `avoid` (Floyd–Warshall), sharing no code with the search. */
function allPairs(n: number, arcs: Array<[number, number, number]>, avoid: number): Float64Array {
  const d = new Float64Array(n * n).fill(Infinity);
  for (let v = 0; v < n; v++) d[v * n + v] = 0;
  for (const [v, w, c] of arcs) if (v !== avoid && w !== avoid && c < d[v * n + w]!) d[v * n + w] = c;
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const via = d[i * n + k]! + d[k * n + j]!;
    if (via < d[i * n + j]!) d[i * n + j] = via;
  }
  return d;
}

describe('witnessRow against brute force', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`random graph ${seed}`, () => {
      const random = createRandom(seed);
      const n = 25 + seed;
      // Distinct arcs (one per ordered pair), as the build's lists hold them.
      const cost = new Map<number, number>();
      for (let a = 0; a < n * 4; a++) {
        const v = random.int(n);
        const w = random.int(n);
        if (v !== w) cost.set(v * n + w, 1 + random.int(20));
      }
      const arcs = [...cost].map(([key, c]) => [Math.floor(key / n), key % n, c] as [number, number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const lists: ArcLists = { start: new Uint32Array(n), length: new Uint32Array(n), node: new Uint32Array(arcs.length), weight: new Float64Array(arcs.length) };
      arcs.forEach(([v, w, c], i) => { if (lists.length[v] === 0) lists.start[v] = i; lists.length[v]! += 1; lists.node[i] = w; lists.weight[i] = c; });
      const search = new WitnessSearch(n);
      let witnessed = 0;
      let needed = 0;
      for (let v = 0; v < n; v++) {
        const ins = new Scratch();
        const outs = new Scratch();
        for (const [a, b, c] of arcs) {
          if (b === v) ins.push(a, c, 0);
          if (a === v) outs.push(b, c, 0);
        }
        const found = new Float64Array(ins.size * outs.size);
        for (let i = 0; i < ins.size; i++) witnessRow(search, lists, ins, i, outs, v, n + 1, found);
        const d = allPairs(n, arcs, v);
        for (let i = 0; i < ins.size; i++) {
          const u = ins.node[i]!;
          const row = found.subarray(i * outs.size, (i + 1) * outs.size);
          if (outs.size > 0 && row[0] === -Infinity) {
            expect(Array.from(row).every((x) => x === -Infinity)).toBe(true);
            let beaten = false;
            for (let j = 0; j < ins.size; j++) if (j !== i && d[u * n + ins.node[j]!]! + ins.weight[j]! < ins.weight[i]!) beaten = true;
            expect(beaten).toBe(true);
            continue;
          }
          for (let k = 0; k < outs.size; k++) {
            const w = outs.node[k]!;
            if (w === u) continue;
            const via = ins.weight[i]! + outs.weight[k]!;
            const best = d[u * n + w]!;
            // An answer is a real path avoiding v (never below the true cost), and with no
            // limit on settled nodes it misses no witness.
            expect(row[k]!).toBeGreaterThanOrEqual(best);
            expect(row[k]! <= via).toBe(best <= via);
            if (row[k]! <= via) witnessed++;
            else needed++;
          }
        }
      }
      // Both cases are there (rows ruled out whole: the last test).
      expect(witnessed).toBeGreaterThan(0);
      expect(needed).toBeGreaterThan(0);
    });
  }
  it('rules out a row whose arc into the node is beaten through another in-neighbour', () => {
    // 1 → 0 costs 10, but 1 → 2 → 0 costs 2 + 1; 0 → 3 costs 1. Node 0 is contracted.
    const lists: ArcLists = { start: Uint32Array.from([0, 1, 3, 4]), length: Uint32Array.from([1, 2, 1, 0]), node: Uint32Array.from([3, 0, 2, 0]), weight: Float64Array.from([1, 10, 2, 1]) };
    const ins = new Scratch();
    ins.push(1, 10, 0);
    ins.push(2, 1, 0);
    const outs = new Scratch();
    outs.push(3, 1, 0);
    const found = new Float64Array(2);
    const search = new WitnessSearch(4);
    witnessRow(search, lists, ins, 0, outs, 0, 50, found);
    witnessRow(search, lists, ins, 1, outs, 0, 50, found);
    expect(found[0]).toBe(-Infinity); // 1 → 0 → 3 needs no shortcut: 1 → 2 → 0 → 3 is cheaper
    expect(found[1]).toBe(Infinity); // 2 → 0 → 3 has no witness: the shortcut 2 → 3 goes in
  });
});
