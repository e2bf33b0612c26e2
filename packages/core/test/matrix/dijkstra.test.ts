/**
 * The search on its own, against an independent Bellman–Ford on random compiled graphs: costs
 * must agree exactly (both take the cheapest sum of arc weights added in path order), also
 * with zero-weight arcs, weights of very different sizes, several start nodes whose costs
 * differ by more than any arc, and one search object reused across many runs. The early stop
 * (all targets final) must give what a full search gives.
 */
import { describe, expect, it } from 'vitest';
import { ShortestPathSearch, createRandom, targetTable } from '@postroute/core';
import { compileArrays, type CompiledGraph } from '../../src/graph/compile.js';

function randomGraph(seed: number, nodeCount: number, edgeCount: number): CompiledGraph {
  const random = createRandom(seed);
  const source = new Uint32Array(edgeCount);
  const target = new Uint32Array(edgeCount);
  const undirected = new Uint8Array(edgeCount);
  const length = new Float64Array(edgeCount);
  const duration = new Float64Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    // Mostly local edges (as on roads), a few long ones.
    const s = random.int(nodeCount);
    source[e] = s;
    target[e] = random.next() < 0.9 ? (s + 1 + random.int(20)) % nodeCount : random.int(nodeCount);
    undirected[e] = random.next() < 0.7 ? 1 : 0;
    const kind = random.next();
    duration[e] = kind < 0.05 ? 0 : kind < 0.1 ? 5000 * random.next() : kind < 0.2 ? 1e-3 * random.next() : 3 + 40 * random.next();
    length[e] = duration[e]! * (5 + 20 * random.next());
  }
  return compileArrays(nodeCount, source, target, undirected, length, duration);
}

/** Least costs from the starts by relaxing every arc until nothing changes. */
function bellmanFord(csr: CompiledGraph, starts: number[], costs: number[]): Float64Array {
  const d = new Float64Array(csr.nodeCount).fill(Infinity);
  starts.forEach((v, i) => { d[v] = Math.min(d[v]!, costs[i]!); });
  for (let changed = true; changed; ) {
    changed = false;
    for (let v = 0; v < csr.nodeCount; v++) {
      if (d[v] === Infinity) continue;
      for (let a = csr.offsets[v]!; a < csr.offsets[v + 1]!; a++) {
        const c = d[v]! + csr.arcDuration[a]!;
        if (c < d[csr.targets[a]!]!) { d[csr.targets[a]!] = c; changed = true; }
      }
    }
  }
  return d;
}

describe('ShortestPathSearch against Bellman–Ford', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`gives the same costs on random graph ${seed}, reusing one search object`, () => {
      const csr = randomGraph(seed, 700, 2500);
      const search = new ShortestPathSearch(csr, csr.arcDuration, csr.arcLength);
      const random = createRandom(100 + seed);
      for (let run = 0; run < 12; run++) {
        // Two starts whose costs differ by far more than any arc weight.
        const starts = [random.int(csr.nodeCount), random.int(csr.nodeCount)];
        const costs = [random.next() * 10, run % 2 ? 1e5 * random.next() : random.next()];
        search.runFrom(starts, costs, [0, 0], null);
        const expected = bellmanFord(csr, starts, costs);
        for (let v = 0; v < csr.nodeCount; v++) {
          expect(search.dist[v]).toBe(expected[v]);
          expect(search.reached(v)).toBe(expected[v] !== Infinity);
        }
      }
    });
  }

  it('follows the recorded arcs back to a start at exactly the reported cost', () => {
    const csr = randomGraph(9, 500, 1800);
    const search = new ShortestPathSearch(csr, csr.arcDuration, csr.arcLength);
    search.runFrom([0], [0], [0], null);
    let checked = 0;
    for (let v = 0; v < csr.nodeCount; v++) {
      if (!search.reached(v)) continue;
      let cost = 0;
      let secondary = 0;
      for (const a of search.arcsTo(v)) { cost += csr.arcDuration[a]!; secondary += csr.arcLength[a]!; }
      expect(cost).toBe(search.dist[v]);
      expect(secondary).toBe(search.dist2[v]);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('stopping once every target is final', () => {
  it('gives the same values as a full search when all targets are near the start', () => {
    const csr = randomGraph(5, 3000, 9000);
    const search = new ShortestPathSearch(csr, csr.arcDuration, csr.arcLength);
    const random = createRandom(55);
    let stoppedEarly = 0;
    for (let run = 0; run < 40; run++) {
      // Two starts, in half the runs with costs further apart than any arc.
      const starts = [random.int(csr.nodeCount), random.int(csr.nodeCount)];
      const costs = [0, run % 2 ? 2e4 * random.next() : 20 * random.next()];
      search.runFrom(starts, costs, [0, 0], null);
      const full = search.dist.slice();
      const full2 = search.dist2.slice();
      const fullSettled = search.settled;
      // Targets among the 60 nodes reached first, each reachable from two of them.
      const order = Array.from(full.keys()).filter((v) => full[v]! < Infinity).sort((a, b) => full[a]! - full[b]!);
      const near = order.slice(0, 60);
      const entries = near.flatMap((node, j) => [
        { node, target: j, cost: 2 * random.next(), cost2: 3 * random.next() },
        { node: near[random.int(near.length)]!, target: j, cost: 2 * random.next(), cost2: 3 * random.next() },
      ]);
      search.runFrom(starts, costs, [0, 0], targetTable(csr.nodeCount, near.length, entries));
      if (search.settled < fullSettled) stoppedEarly++;
      for (let j = 0; j < near.length; j++) {
        let want = Infinity;
        let want2 = Infinity;
        for (const e of entries) {
          if (e.target !== j) continue;
          const c = full[e.node]! + e.cost;
          if (c < want) { want = c; want2 = full2[e.node]! + e.cost2; }
        }
        expect(search.best[j]).toBe(want);
        expect(search.best2[j]).toBe(want2);
      }
    }
    // The rule must actually have cut searches short, or this test checks nothing.
    expect(stoppedEarly).toBeGreaterThan(20);
  });
});

describe('arcs that cannot be driven', () => {
  it('never takes an arc of cost NaN or Infinity, and still finishes', () => {
    // 0 → 1 costs NaN, 0 → 2 costs Infinity, 0 → 3 → 1 and 3 → 2 are fine.
    const csr = compileArrays(4, Uint32Array.of(0, 0, 0, 3, 3), Uint32Array.of(1, 2, 3, 1, 2), new Uint8Array(5),
      Float64Array.of(1, 1, 1, 1, 1), Float64Array.of(Number.NaN, Infinity, 2, 3, 4));
    const search = new ShortestPathSearch(csr, csr.arcDuration, csr.arcLength);
    search.runFrom([0], [0], [0], null);
    expect(Array.from(search.dist)).toEqual([0, 5, 6, 2]);
    expect(search.arcsTo(1).map((a) => csr.targets[a])).toEqual([3, 1]);
  });
});
