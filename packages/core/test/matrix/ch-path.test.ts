/**
 * PathFinder keeps the forward search of a start used often and answers later paths from it: the
 * same paths as hierarchyPath, bit for bit (meeting node, both costs, arcs, slots), ties
 * included; random graphs with integer lengths have many paths of equal cost.
 */
import { describe, expect, it } from 'vitest';
import { buildHierarchy, createRandom, hierarchyPath } from '@postroute/core';
import { compileArrays } from '../../src/graph/compile.js';
import { randomGraph as randomGraphOf } from './random-graph.js';
import { PathFinder } from '../../src/matrix/ch-path.js';

function randomGraph(seed: number, n: number, m: number): ReturnType<typeof compileArrays> {
  // Few distinct lengths: many shortest paths of exactly equal length.
  return randomGraphOf(seed, n, m, 5);
}

describe('PathFinder gives the paths of hierarchyPath', () => {
  for (const seed of [1, 2, 3, 4]) {
    for (const coreFraction of [0, 0.3]) {
      for (const metric of ['length', 'duration'] as const) {
        it(`seed ${seed}, core ${coreFraction}, ${metric}`, () => {
          const n = 60 + seed * 11;
          const csr = randomGraph(seed, n, n * 3);
          const [weight, weight2] = metric === 'length' ? [csr.arcLength, csr.arcDuration] : [csr.arcDuration, csr.arcLength];
          const ch = buildHierarchy(csr, weight, weight2, { coreFraction, ...(seed % 2 === 0 ? { parts: 2, partKeep: 0 } : {}) });
          const finder = new PathFinder(ch);
          const random = createRandom(seed + 100);
          // A few depots used over and over (their searches are kept, and one replaces another),
          // two-node starts with costs as a snap on an edge gives them, and one-off starts.
          const depots = [0, 1, 2].map(() => random.int(n));
          let compared = 0;
          for (let k = 0; k < 600; k++) {
            const pick = random.next();
            const a = pick < 0.6 ? depots[k % (k < 300 ? 2 : 3)]! : random.int(n);
            const b = random.int(n);
            const twoStarts = pick > 0.9;
            const starts = twoStarts ? [a, (a + 1) % n] : [a];
            const cost = twoStarts ? [0.5, 1.5] : [0];
            const cost2 = twoStarts ? [2, 3] : [0];
            const targets = [b, (b + 3) % n];
            const want = hierarchyPath(ch, starts, cost, cost2, targets, [0, 1], [0, 2]);
            const got = finder.path(starts, cost, cost2, targets, [0, 1], [0, 2]);
            expect(got).toEqual(want);
            if (want) compared++;
          }
          expect(compared).toBeGreaterThan(300);
        });
      }
    }
  }
});
