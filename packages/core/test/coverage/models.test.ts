import { describe, expect, it } from 'vitest';
import { solveMaximalCovering, solvePCenter, solvePMedian, solveSetCovering, type CoverageResult } from '../../src/coverage/index.js';
import { createRandom } from '../../src/util/random.js';
import { bruteLscp, bruteMclp, brutePCenter, brutePMedian } from './brute-force.js';
import { asMatrix, asOptions, evaluateOpen, tinyInstance } from './tiny.js';

/** Checks that hold for every result, computed from the instance, not from the solver's numbers. */
function checkShape(result: CoverageResult, inst: ReturnType<typeof tinyInstance>): void {
  const { nearest } = evaluateOpen(inst, result.open);
  for (const id of inst.existing) expect(result.open).toContain(`s${id}`);
  for (const id of inst.forbidden) expect(result.open).not.toContain(`s${id}`);
  expect(result.assignments).toHaveLength(inst.n);
  result.assignments.forEach((a, i) => {
    if (Number.isFinite(nearest[i]!)) expect(a.distance).toBe(nearest[i]);
    else expect(a.site).toBeNull();
  });
  expect(result.bound).toBeLessThanOrEqual(result.model === 'mclp' ? Infinity : result.objective + 1e-9);
  if (result.model === 'mclp') expect(result.bound).toBeGreaterThanOrEqual(result.objective - 1e-9);
}

const seeds = Array.from({ length: 12 }, (_, k) => k + 1);

describe('set covering matches exhaustive enumeration', () => {
  it.each(seeds)('seed %i', async (seed) => {
    const inst = tinyInstance(seed, { extras: seed % 2 === 0, unreachable: seed % 3 === 0 });
    const radius = 8 + (seed % 5);
    const expected = bruteLscp(inst, radius);
    for (const method of ['auto', 'heuristic'] as const) {
      const result = await solveSetCovering(asMatrix(inst), { ...asOptions(inst), radius, method, timeLimit: 20 });
      checkShape(result, inst);
      if (method === 'auto') {
        expect(result.status).toBe('optimal');
        expect(result.objective).toBe(expected);
      } else {
        expect(result.objective).toBeGreaterThanOrEqual(expected);
        expect(result.bound).toBeLessThanOrEqual(expected);
      }
      const opened = result.opened.reduce((s, id) => s + inst.cost[Number(id.slice(1))]!, 0);
      expect(opened).toBe(result.objective);
      // Every demand point some usable site reaches within the radius is covered; the others are listed.
      const { nearest } = evaluateOpen(inst, result.open);
      for (let i = 0; i < inst.n; i++) {
        const listed = result.uncovered.some((u) => u.demand === `d${i}`);
        expect(listed).toBe(!(nearest[i]! <= radius));
      }
    }
  });
});

describe('maximal covering matches exhaustive enumeration', () => {
  it.each(seeds)('seed %i', async (seed) => {
    const inst = tinyInstance(seed + 100, { extras: seed % 2 === 1, unreachable: seed % 4 === 0 });
    const radius = 7 + (seed % 4);
    const p = 1 + (seed % 2);
    const expected = bruteMclp(inst, radius, p);
    const result = await solveMaximalCovering(asMatrix(inst), { ...asOptions(inst), radius, p, timeLimit: 20 });
    checkShape(result, inst);
    expect(result.status).toBe('optimal');
    expect(result.objective).toBe(expected);
    expect(result.opened.length).toBeLessThanOrEqual(p);
    expect(result.coverage.weight).toBe(expected);
  });
});

describe('p-median matches exhaustive enumeration', () => {
  it.each(seeds)('seed %i', async (seed) => {
    const inst = tinyInstance(seed + 200, { extras: seed % 2 === 0, unreachable: seed % 5 === 0 });
    const p = 1 + (seed % 3);
    const expected = brutePMedian(inst, p);
    for (const method of ['exact', 'heuristic'] as const) {
      const result = await solvePMedian(asMatrix(inst), { ...asOptions(inst), p, method, timeLimit: 20 });
      checkShape(result, inst);
      expect(result.opened).toHaveLength(p);
      if (method === 'exact') {
        expect(result.status).toBe('optimal');
        expect(result.objective).toBe(expected);
      } else {
        expect(result.objective).toBeGreaterThanOrEqual(expected);
        expect(result.bound).toBeLessThanOrEqual(expected + 1e-9);
      }
      const { nearest } = evaluateOpen(inst, result.open);
      const recomputed = nearest.reduce((s, d, i) => (Number.isFinite(d) ? s + inst.w[i]! * d : s), 0);
      expect(recomputed).toBe(result.objective);
    }
  });
});

describe('p-center matches exhaustive enumeration', () => {
  it.each(seeds)('seed %i', async (seed) => {
    const inst = tinyInstance(seed + 300, { extras: seed % 2 === 1 });
    const p = 1 + (seed % 3);
    const expected = brutePCenter(inst, p);
    for (const method of ['auto', 'heuristic'] as const) {
      const result = await solvePCenter(asMatrix(inst), { ...asOptions(inst), p, method, timeLimit: 20 });
      checkShape(result, inst);
      const { nearest } = evaluateOpen(inst, result.open);
      expect(Math.max(...nearest)).toBe(result.objective);
      if (method === 'auto') {
        expect(result.status).toBe('optimal');
        expect(result.objective).toBe(expected);
      } else {
        expect(result.objective).toBeGreaterThanOrEqual(expected);
        expect(result.bound).toBeLessThanOrEqual(expected);
      }
    }
  });
});

describe('the MIP proves the same optima with either backend (Lagrangian bounds off)', () => {
  const mipSeeds = seeds.slice(0, 6);
  it.each(mipSeeds)('seed %i', async (seed) => {
    const inst = tinyInstance(seed + 400, { extras: seed % 2 === 0, unreachable: seed % 3 === 0 });
    const radius = 8 + (seed % 5);
    const p = 1 + (seed % 3);
    const expected = {
      lscp: bruteLscp(inst, radius),
      mclp: bruteMclp(inst, radius, p),
      pmedian: brutePMedian(inst, p),
      pcenter: brutePCenter(inst, p),
    };
    for (const solver of ['highs', 'lp-solver'] as const) {
      const common = { ...asOptions(inst), solver, method: 'exact' as const, lagrangian: false, timeLimit: 20 };
      const lscp = await solveSetCovering(asMatrix(inst), { ...common, radius });
      const mclp = await solveMaximalCovering(asMatrix(inst), { ...common, radius, p });
      const pmedian = await solvePMedian(asMatrix(inst), { ...common, p, nearest: 2 });
      const pcenter = await solvePCenter(asMatrix(inst), { ...common, p });
      for (const result of [lscp, mclp, pmedian, pcenter]) {
        checkShape(result, inst);
        expect(result.status).toBe('optimal');
        expect(result.objective).toBe(expected[result.model]);
      }
    }
  });
});

describe('p-median with Lagrangian pruning of the MIP matches enumeration', () => {
  it('on medium random instances where the bound alone does not prove optimality', async () => {
    let usedMip = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const inst = tinyInstance(seed + 700, { n: 30, m: 12, extras: seed % 3 === 0 });
      const p = 2 + (seed % 3);
      const expected = brutePMedian(inst, p);
      const result = await solvePMedian(asMatrix(inst), { ...asOptions(inst), p, method: 'exact', timeLimit: 20, nearest: 3 });
      expect(result.status).toBe('optimal');
      expect(result.objective).toBe(expected);
      if (result.solver === 'highs') usedMip++;
    }
    expect(usedMip).toBeGreaterThan(0);
  });
});

describe('the Lagrangian bound with capped multipliers (K nearest sites < all sites)', () => {
  it('stays at or below the optimum that HiGHS proves', async () => {
    // 150 random points, p = 12: the bound keeps only max(50, ⌈4n/p⌉) = 50 sites per point.
    const random = createRandom(11);
    const n = 150;
    const points = Array.from({ length: n }, () => [random.int(1000), random.int(1000)] as const);
    const values = points.flatMap(([x1, y1]) => points.map(([x2, y2]) => Math.round(Math.hypot(x1 - x2, y1 - y2))));
    const ids = points.map((_, i) => `v${i}`);
    const matrix = { demandIds: ids, siteIds: ids, values };
    const exact = await solvePMedian(matrix, { p: 12, method: 'exact', lagrangian: false, timeLimit: 40 });
    expect(exact.status).toBe('optimal');
    const heuristic = await solvePMedian(matrix, { p: 12, method: 'heuristic', timeLimit: 10 });
    expect(heuristic.bound).toBeLessThanOrEqual(exact.objective);
    expect(heuristic.bound).toBeGreaterThan(0.95 * exact.objective);
    expect(heuristic.objective).toBeGreaterThanOrEqual(exact.objective);
  });
});
