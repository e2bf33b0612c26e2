import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import type { Individual } from '../../../src/vrp/search/individual.js';
import { brokenPairsDistance } from '../../../src/vrp/search/individual.js';

/** An individual as brokenPairsDistance reads it: successor and predecessor per stop (depot -1). */
function links(routes: number[][], n: number): Individual {
  const succ = new Int32Array(n).fill(-1);
  const pred = new Int32Array(n).fill(-1);
  for (const r of routes) r.forEach((x, i) => { pred[x] = i > 0 ? r[i - 1]! : -1; succ[x] = i + 1 < r.length ? r[i + 1]! : -1; });
  return { succ, pred } as Individual;
}

/** The definition, one test at a time (HGS-CVRP's brokenPairsDistance). */
function reference(a: Individual, b: Individual, active: Uint8Array): number {
  let differ = 0;
  let count = 0;
  for (let s = 0; s < active.length; s++) {
    if (!active[s]) continue;
    count++;
    if (a.succ[s] !== b.succ[s] && a.succ[s] !== b.pred[s]) differ++;
    if (a.pred[s]! < 0 && b.pred[s]! >= 0 && b.succ[s]! >= 0) differ++;
  }
  return count === 0 ? 0 : differ / count;
}

describe('brokenPairsDistance', () => {
  it('counts as the definition on random routes with inactive stops, and is 0 for a reversed copy', () => {
    const rng = createRandom(3);
    const n = 40;
    const draw = (): number[][] => {
      const order = Array.from({ length: n }, (_, k) => k).filter(() => rng.int(5) > 0);
      const routes: number[][] = [];
      for (let k = 0; k < order.length; ) {
        const length = 1 + rng.int(6);
        routes.push(order.slice(k, k + length));
        k += length;
      }
      return routes;
    };
    const active = Uint8Array.from({ length: n }, () => (rng.int(4) > 0 ? 1 : 0));
    for (let t = 0; t < 50; t++) {
      const a = links(draw(), n);
      const b = links(draw(), n);
      expect(brokenPairsDistance(a, b, active)).toBe(reference(a, b, active));
    }
    const routes = draw();
    expect(brokenPairsDistance(links(routes, n), links(routes.map((r) => [...r].reverse()), n), new Uint8Array(n).fill(1))).toBe(0);
    expect(brokenPairsDistance(links(routes, n), links(routes, n), new Uint8Array(n))).toBe(0);
  });
});
