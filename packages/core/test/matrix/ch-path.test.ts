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
import { UpwardSearch, backwardSide, forwardSide } from '../../src/matrix/ch-query.js';

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

describe('a forward search through the core skips its stall tests and changes nothing', () => {
  // Why it may (ch-query.ts, Side.noStall): a core node's stall test cannot succeed in a search
  // that expands the core. Compared here with the same search running every test: the nodes
  // settled in the same order, with the same costs, parents and meeting, ties included.
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}`, () => {
      const n = 80 + seed * 13;
      const csr = randomGraph(seed, n, n * 3);
      const ch = buildHierarchy(csr, csr.arcLength, csr.arcDuration, { coreFraction: 0.3, ...(seed % 2 === 0 ? { parts: 2, partKeep: 0 } : {}) });
      expect(ch.coreSize).toBeGreaterThan(10);
      const skipping = forwardSide(ch);
      expect(skipping.noStall).toBe(ch.core);
      const testing = { ...skipping, noStall: null };
      const random = createRandom(seed + 200);
      const backward = new UpwardSearch(n);
      const a = new UpwardSearch(n);
      const b = new UpwardSearch(n);
      for (let k = 0; k < 100; k++) {
        const start = [random.int(n)];
        backward.run(backwardSide(ch), [random.int(n)], [0], [0], 0, 1);
        const meet = k % 2 === 0 ? backward.dist : null;
        a.run(skipping, start, [0], [0], 0, 1, meet);
        b.run(testing, start, [0], [0], 0, 1, meet);
        expect(a.settledCount).toBe(b.settledCount);
        expect([a.best, a.bestNode]).toEqual([b.best, b.bestNode]);
        for (let i = 0; i < a.settledCount; i++) {
          const v = a.settled[i]!;
          expect(v).toBe(b.settled[i]);
          expect([a.dist[v], a.dist2[v], a.parent[v]]).toEqual([b.dist[v], b.dist2[v], b.parent[v]]);
        }
      }
    });
  }
});
