/**
 * Li & Lim's PDPTW files: located errors for malformed files, the problem they hold (task
 * numbers as stop ids, pairs as shipments, hierarchical fixed cost), and a solve of a real
 * instance judged by the independent checker and the best-known table beside it.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { findBestKnown, readRoutingInstance, sniffInstanceFormat } from '../../src/io/instance.js';
import { liLimToProblem, parseLiLim } from '../../src/io/lilim.js';
import { createProblem, solve } from '../../src/vrp/index.js';
import { checkSolution } from '../support/check-solution.js';
import { INSTANCES_DIR, readInstance } from '../support/instances.js';
import { existsSync, readFileSync } from 'node:fs';

const small = [
  '3\t50\t1',
  '0\t0\t0\t0\t0\t500\t0\t0\t0',
  '1\t10\t0\t-5\t0\t400\t10\t2\t0',
  '2\t5\t5\t5\t0\t300\t10\t0\t1',
  '3\t0\t10\t7\t0\t300\t10\t0\t4',
  '4\t0\t20\t-7\t0\t400\t10\t3\t0',
].join('\r\n');

const lineError = (text: string): InputError => {
  try {
    parseLiLim(text, { source: 'x.txt' });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error');
};
const replaceLine = (k: number, line: string): string => small.split('\r\n').map((x, i) => (i === k ? line : x)).join('\r\n');

describe('Li & Lim reader', () => {
  it('reads tasks as stops with their numbers as ids, pairs as shipments, and is told apart from the other formats', () => {
    expect(sniffInstanceFormat(small, 'x.txt')).toBe('lilim');
    const { problem, vehicleCost } = liLimToProblem(parseLiLim(small));
    expect(problem.stops.map((s) => s.id)).toEqual(['1', '2', '3', '4']);
    expect(problem.shipments).toEqual([{ pickup: '2', delivery: '1' }, { pickup: '3', delivery: '4' }]);
    expect(problem.stops[0]!.delivery).toEqual([5]);
    expect(problem.vehicleTypes[0]).toMatchObject({ count: 3, capacity: [50], fixedCost: vehicleCost });
    // Above any plan's distance (each arc ≤ via the depot): Σ out and back = 2 (10 + 5√2 + 10 + 20).
    expect(vehicleCost).toBeGreaterThan(2 * (10 + 5 * Math.SQRT2 + 10 + 20));
  });

  it.each([
    [0, '3 50', 1, /three numbers/],
    [2, '1\t10\t0\t-5\t0\t400\t10\t2', 3, /9 numbers/],
    [2, '1\t10\t0\t-5\t0\t400\t10\tx\t0', 3, /"x" is not a number/],
    [3, '3\t5\t5\t5\t0\t300\t10\t0\t1', 4, /out of order/],
    [2, '1\t10\t0\t-6\t0\t400\t10\t2\t0', 3, /not the opposite/],
    [2, '1\t10\t0\t-5\t0\t400\t10\t3\t0', 3, /do not name each other/],
    [2, '1\t10\t0\t-5\t0\t400\t10\t9\t0', 3, /is not a task/],
    [2, '1\t10\t0\t-5\t500\t400\t10\t2\t0', 3, /closes before it opens/],
  ])('a malformed line %i is an error at its line', (k, line, at, message) => {
    const e = lineError(replaceLine(k, line));
    expect(e.location).toMatchObject({ source: 'x.txt', line: at });
    expect(e.message).toMatch(message);
  });

  it('solves lc101 to a plan the independent checker accepts, with the table\'s best known values found', async () => {
    const path = `${INSTANCES_DIR}pdptw/lilim/lc101.txt`;
    const instance = readRoutingInstance(readInstance('pdptw/lilim/lc101.txt'), { path });
    const info = await findBestKnown(instance, path, (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined));
    expect(info).toMatchObject({ format: 'lilim', objective: 'vehicles-then-distance', bks: 828.9369, bksVehicles: 10 });
    const solution = solve(createProblem(instance.input), { seed: 1, maxIterations: 300 });
    expect(checkSolution(instance.input, solution).violations).toEqual([]);
    expect(solution.unassigned).toEqual([]);
    expect(solution.vehiclesUsed).toBeGreaterThanOrEqual(10);
    expect(solution.distance).toBeGreaterThan(828.93);
  });
});
