import { describe, expect, it } from 'vitest';
import { InfeasibleError, InputError } from '../../src/errors.js';
import { readCoverageMatrixCsv, readWeightsCsv, solveCoverage, solvePMedian, solveSetCovering } from '../../src/coverage/index.js';
import { bruteCapacitatedPMedian } from './brute-force.js';
import { asMatrix, tinyInstance } from './tiny.js';

const matrix = { demandIds: ['a', 'b', 'c'], siteIds: ['s1', 's2'], values: [1, 9, 2, 8, 9, 1] };

async function inputError(promise: Promise<unknown>, pattern: RegExp): Promise<InputError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).describe()).toMatch(pattern);
  return error as InputError;
}

describe('bad input gets one clear error', () => {
  it('a radius no site reaches', async () => {
    const error = await inputError(solveSetCovering(matrix, { radius: 0.5 }), /radius 0.5 reaches no demand point/);
    expect(error.hint).toMatch(/closest demand–site pair is 1 apart/);
    await inputError(solveCoverage(matrix, { model: 'mclp', radius: 0.5, p: 1 }), /reaches no demand point/);
  });
  it('a missing or negative radius', async () => {
    await inputError(solveCoverage(matrix, { model: 'lscp' }), /radius undefined/);
    await inputError(solveSetCovering(matrix, { radius: -1 }), /radius -1/);
  });
  it('p larger than the number of sites', async () => {
    await inputError(solvePMedian(matrix, { p: 3 }), /p = 3 is larger than the number of sites that may be opened \(2\)/);
    await inputError(solvePMedian(matrix, { p: 2, forbidden: ['s1'] }), /larger than the number of sites that may be opened \(1\)/);
    await inputError(solveCoverage(matrix, { model: 'pcenter', p: 1.5 }), /p = 1.5/);
  });
  it('a matrix of the wrong shape', async () => {
    await inputError(solvePMedian({ ...matrix, values: [1, 2, 3, 4, 5] }, { p: 1 }), /5 values, but 3 demand points × 2 sites need 6/);
    await inputError(solvePMedian({ ...matrix, siteIds: ['s1', 's1'] }, { p: 1 }), /duplicate id "s1"/);
  });
  it('weights, existing and forbidden ids that do not fit', async () => {
    await inputError(solvePMedian(matrix, { p: 1, weights: [1, 2] }), /weights has 2 values for 3 items/);
    await inputError(solvePMedian(matrix, { p: 1, weights: [1, -2, 1] }), /weights of "b" is -2/);
    await inputError(solvePMedian(matrix, { p: 1, existing: ['x'] }), /existing site "x" is not a candidate site/);
    await inputError(solvePMedian(matrix, { p: 1, existing: ['s1'], forbidden: ['s1'] }), /both existing and forbidden/);
  });
  it('capacities on p-center', async () => {
    await inputError(solveCoverage(matrix, { model: 'pcenter', p: 1, capacities: [5, 5] }), /p-center does not support capacities/);
  });
  it('an unknown model', async () => {
    await inputError(solveCoverage(matrix, { model: 'nope' as 'lscp' }), /unknown coverage model "nope"/);
  });
  it('demand above every capacity', async () => {
    await inputError(solvePMedian(matrix, { p: 1, weights: [1, 1, 50], capacities: [10, 10] }), /demand point "c" has weight 50, above the capacity/);
  });
  it('capacities that cannot serve everyone', async () => {
    const error = await solvePMedian(matrix, { p: 1, weights: [5, 5, 5], capacities: [10, 10] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfeasibleError);
  });
  it('p stations that cannot reach a separate part of the network', async () => {
    const split = { demandIds: ['a', 'b'], siteIds: ['s1', 's2'], values: [1, NaN, NaN, 1] };
    const error = await solvePMedian(split, { p: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfeasibleError);
  });
});

describe('demand points are reported, not dropped', () => {
  it('lists unreachable and out-of-radius demand with the reason', async () => {
    const values = [1, 9, NaN, NaN, 20, 30, 1, 2];
    const result = await solveSetCovering({ demandIds: ['a', 'b', 'c', 'd'], siteIds: ['s1', 's2'], values }, { radius: 5 });
    expect(result.status).toBe('optimal');
    expect(result.open).toEqual(['s1']);
    expect(result.uncovered).toEqual([
      { demand: 'b', reason: 'unreachable', nearestDistance: null },
      { demand: 'c', reason: 'no-site-within-radius', nearestDistance: 20 },
    ]);
    expect(result.assignments[2]).toEqual({ demand: 'c', site: 's1', distance: 20, covered: false });
    expect(result.coverage).toMatchObject({ count: 2, total: 4, share: 0.5 });
  });
});

describe('capacities with single assignment', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('p-median seed %i matches enumeration', async (seed) => {
    const inst = tinyInstance(seed + 500, { n: 6, m: 4 });
    const capacity = Array.from({ length: inst.m }, (_, j) => 12 + ((seed + j) % 3) * 4);
    const p = 2;
    const expected = bruteCapacitatedPMedian({ ...inst, capacity }, p);
    const solving = solvePMedian(asMatrix(inst), { p, weights: inst.w, capacities: capacity, timeLimit: 20 });
    if (expected === Infinity) {
      await expect(solving).rejects.toBeInstanceOf(InfeasibleError);
      return;
    }
    const result = await solving;
    expect(result.status).toBe('optimal');
    expect(result.objective).toBe(expected);
    // The assignment respects the capacities and the objective adds up.
    const load = new Map<string, number>();
    let total = 0;
    result.assignments.forEach((a, i) => {
      expect(result.open).toContain(a.site);
      load.set(a.site!, (load.get(a.site!) ?? 0) + inst.w[i]!);
      total += inst.w[i]! * a.distance!;
      expect(a.distance).toBe(inst.d[i * inst.m + Number(a.site!.slice(1))]);
    });
    for (const [site, used] of load) expect(used).toBeLessThanOrEqual(capacity[Number(site.slice(1))]!);
    expect(total).toBe(result.objective);
  });
});

async function described(fn: () => Promise<unknown>): Promise<string> {
  try { await fn(); } catch (error) { return error instanceof InputError ? error.describe() : String(error); }
  return 'no error';
}

describe('matrix and weights CSV', () => {
  it('reads a matrix with an empty corner and unreachable cells', async () => {
    const m = await readCoverageMatrixCsv(',s1,s2\na,100,250\nb,300,\n', { source: 'm.csv' });
    expect(m.demandIds).toEqual(['a', 'b']);
    expect(m.siteIds).toEqual(['s1', 's2']);
    expect(Array.from(m.values)).toEqual([100, 250, 300, NaN]);
  });
  it('reads the same matrix written by a German spreadsheet: semicolons, decimal commas, BOM, CRLF', async () => {
    const m = await readCoverageMatrixCsv('\uFEFF;s1;s2\r\na;100,5;250\r\nb;300;\r\n', { source: 'm.csv' });
    expect(m.siteIds).toEqual(['s1', 's2']);
    expect(Array.from(m.values)).toEqual([100.5, 250, 300, NaN]);
  });
  it('reads the long form that `postroute matrix --format csv` writes', async () => {
    const text = 'from,to,distance_m,duration_s\na,a,0,0\na,b,1200.5,90\nb,a,1300,95\nb,b,0,0\nc,a,,\n';
    const m = await readCoverageMatrixCsv(text, { source: 'm.csv' });
    expect(m.demandIds).toEqual(['a', 'b', 'c']);
    expect(m.siteIds).toEqual(['a', 'b']);
    expect(Array.from(m.values)).toEqual([0, 1200.5, 1300, 0, NaN, NaN]);
    const times = await readCoverageMatrixCsv(text, { source: 'm.csv', metric: 'time' });
    expect(Array.from(times.values)).toEqual([0, 90, 95, 0, NaN, NaN]);
    expect(await described(() => readCoverageMatrixCsv('from,to,distance_m\na,b,1\na,b,2\n', { source: 'm.csv' }))).toMatch(/m.csv, line 3: the pair "a" → "b" appears twice/);
  });
  it('names the line of a row of the wrong length, and the separator it split at', async () => {
    expect(await described(() => readCoverageMatrixCsv('demand,s1,s2\na,1,2\nb,3\n', { source: 'm.csv' }))).toMatch(/m.csv, line 3: the row has 2 fields but the header has 3 \(split at comma ","\)/);
  });
  it('names the cell that is not a number', async () => {
    expect(await described(() => readCoverageMatrixCsv('demand,s1\na,x\n', { source: 'm.csv' }))).toMatch(/line 2.*field "s1".*distance "x" from "a" to "s1"/);
  });
  it('reads weights with or without a header, and checks them against the demand ids', async () => {
    expect(Array.from(await readWeightsCsv('id,weight\na,3\nb,4\n', ['b', 'a'], { source: 'w.csv' }))).toEqual([4, 3]);
    expect(Array.from(await readWeightsCsv('a,3\nb,4\n', ['a', 'b'], { source: 'w.csv' }))).toEqual([3, 4]);
    expect(Array.from(await readWeightsCsv('id;weight\na;3,5\nb;4\n', ['a', 'b'], { source: 'w.csv' }))).toEqual([3.5, 4]);
    await expect(readWeightsCsv('a,3\n', ['a', 'b'], { source: 'w.csv' })).rejects.toThrow(/1 demand point\(s\) have no weight, e.g. "b"/);
    expect(await described(() => readWeightsCsv('a,3\nz,1\n', ['a'], { source: 'w.csv' }))).toMatch(/w.csv, line 2.*"z" is not a demand point/);
  });
});

describe('a failing HiGHS leaves the heuristic answer', () => {
  it('falls back with the heuristic result and says so', async () => {
    const inst = tinyInstance(901, { n: 8, m: 6 });
    const messages: string[] = [];
    process.env['POSTROUTE_HIGHS_OPTIONS'] = '{"no_such_option": 1}';
    try {
      const result = await solvePMedian(asMatrix(inst), { p: 2, weights: inst.w, method: 'exact', lagrangian: false, onProgress: (e) => { if (e.message) messages.push(e.message); } });
      expect(result.solver).toBe('heuristic');
      expect(result.opened).toHaveLength(2);
      expect(messages.some((m) => m.startsWith('HiGHS failed'))).toBe(true);
    } finally {
      delete process.env['POSTROUTE_HIGHS_OPTIONS'];
    }
  });
});
