/**
 * Quick CI subset of the VRP benchmark (benchmarks/vrp/run.mjs runs the full sets): a few small
 * instances with an iteration limit (repeatable, unlike a time limit), each result re-checked by
 * the independent checker and held to a gap bound that a regression would break. The bounds
 * leave room above what the solver reaches at these limits (A, B: optimum; X-n101-k25: 1.6 %;
 * R101: 1.0 %, measured 2026-11-23), and a value below a proven optimum would show that a
 * convention (rounding, fleet) is read wrongly.
 */
import { describe, expect, it } from 'vitest';
import { createProblem, parseSolomon, parseVrplib, solomonToProblem, solve, vrplibToProblem } from '@postroute/core';
import { checkSolution } from '../../packages/core/test/support/check-solution.js';
import { readIndex, readInstance } from '../../packages/core/test/support/instances.js';

const index = readIndex();

const cases = [
  // instance, iterations, max gap, BKS proven optimal
  ['A-n32-k5', 300, 0.02, true],
  ['B-n31-k5', 200, 0.02, true],
  ['P-n16-k8', 100, 0.01, true],
  ['X-n101-k25', 100, 0.04, false],
  ['C101', 100, 0.01, true],
  ['R101', 100, 0.03, true],
] as const;

describe('VRP benchmark quick subset (seed 1, iteration limit)', () => {
  it.each(cases)('%s: %i iterations, gap ≤ %f', (name, iterations, maxGap, optimal) => {
    const row = index.find((r) => r.instance === name)!;
    const text = readInstance(row.file);
    const input = row.set === 'VRPTW-Solomon'
      ? solomonToProblem(parseSolomon(text), { convention: 'truncated' }).problem
      : vrplibToProblem(parseVrplib(text)).problem;
    const solution = solve(createProblem(input), { seed: 1, maxIterations: iterations });
    const report = checkSolution(input, solution);
    expect(report.violations).toEqual([]);
    expect(solution.feasible).toBe(true);
    expect(solution.unassigned).toEqual([]);
    if (row.set === 'CVRP-A' || row.set === 'CVRP-B' || row.set === 'CVRP-P') expect(solution.routes.length).toBeLessThanOrEqual(row.vehicles);
    const gap = (report.distance - row.bks) / row.bks;
    expect(gap).toBeLessThanOrEqual(maxGap);
    if (optimal) expect(gap).toBeGreaterThanOrEqual(-1e-9);
  });
});
