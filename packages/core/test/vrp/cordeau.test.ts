import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cordeauDays, cordeauToProblem, createProblem, parseCordeau, parseCordeauSolution, solve } from '@postroute/core';
import type { ProblemInput } from '@postroute/core';
import { INSTANCES_DIR } from '../support/instances.js';
import { inputError } from '../support/errors.js';
import { checkSolution, simulateRoute, type CheckProblem } from '../support/check-solution.js';

const read = (file: string): string => readFileSync(`${INSTANCES_DIR}${file}`, 'utf8');

describe('parseCordeau', () => {
  it('reads a periodic instance (type 1): days, limits, depot first, combinations as days', () => {
    const instance = parseCordeau(read('pvrp/instances/p02'), { source: 'p02' });
    expect(instance.type).toBe(1);
    expect(instance.vehicles).toBe(3);
    expect(instance.periods).toBe(5);
    expect(instance.limits).toEqual(Array(5).fill({ maxDuration: 0, capacity: 160 }));
    expect(instance.depots.map((d) => [d.id, d.x, d.y])).toEqual([[0, 30, 40]]);
    expect(instance.customers).toHaveLength(50);
    // " 1 37 52 0  7 1 5 1 2 4 8 16": once, on any one of the five days.
    expect(instance.customers[0]).toMatchObject({ id: 1, x: 37, y: 52, service: 0, demand: 7, frequency: 1, combinations: [1, 2, 4, 8, 16] });
    expect(instance.notes).toEqual([]);
  });

  it('decodes combinations with the leftmost bit as day 1', () => {
    expect(cordeauDays(10, 5)).toEqual([2, 4]);
    expect(cordeauDays(16, 5)).toEqual([1]);
    expect(cordeauDays(31, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(cordeauDays(5, 4)).toEqual([2, 4]);
  });

  it('reads a multi-depot instance (type 2): customers first, then the depots numbered n+1 …', () => {
    const instance = parseCordeau(read('mdvrp/instances/p01'), { source: 'p01' });
    expect(instance.type).toBe(2);
    expect(instance.vehicles).toBe(4);
    expect(instance.customers).toHaveLength(50);
    expect(instance.depots.map((d) => d.id)).toEqual([51, 52, 53, 54]);
    expect(instance.limits[0]).toEqual({ maxDuration: 0, capacity: 80 });
  });

  it('takes the combinations when a frequency is 0 (p11 customer 131) and says so', () => {
    const text = '1 1 2 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 2 0 2 1 2\n2 0 1 0 3 2 1 3\n';
    const instance = parseCordeau(text);
    expect(instance.customers[0]!.frequency).toBe(1);
    expect(instance.notes).toEqual(['customer 1 (line 5) has frequency 0 but lists combinations of 1 day(s): read as frequency 1']);
  });

  it('reports malformed data with its line and field', () => {
    expect(inputError(() => parseCordeau('3 1 1 1\n0 10\n', { source: 'x' }))).toMatchObject({ location: { source: 'x', line: 1, field: 'type' } });
    expect(inputError(() => parseCordeau('1 1 2 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 2 1 1 3\n2 0 1 0 3 2 1 3\n'))).toMatchObject({
      location: { line: 5, field: 'combinations' },
    });
    expect(inputError(() => parseCordeau('1 1 1 2\n0 10\n0 x\n0 0 0 0 0 0 0\n1 1 0 0 2 1 1 2\n'))).toMatchObject({ location: { line: 3, field: 'Q (capacity)' } });
    expect(inputError(() => parseCordeau('1 1 3 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 2 1 1 2\n'))).toMatchObject({ location: { field: 'nodes' } });
    expect(inputError(() => parseCordeau('1 1 1 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 2 1 1 4\n'))).toMatchObject({ location: { line: 5, field: 'combination 1' } });
  });
});

describe('cordeauToProblem', () => {
  it('type 1: one depot, m vehicles a day, the combinations as visit patterns', () => {
    const converted = cordeauToProblem(parseCordeau(read('pvrp/instances/p02')));
    expect(converted.type).toBe(1);
    if (converted.type !== 1) return;
    const p = converted.problem;
    expect(p.horizon).toBe(5);
    expect(p.vehicleTypes).toEqual([{ id: 'vehicle', count: 3, capacity: [160], startDepot: '0' }]);
    expect(p.stops[1]).toMatchObject({ id: '2', location: 2, delivery: [30], visits: 5, patterns: [[1, 2, 3, 4, 5]] });
    expect(p.matrix.size).toBe(51);
  });

  it('type 2: Cordeau\'s own p01 solution recomputes to its stated cost under the built problem', () => {
    const converted = cordeauToProblem(parseCordeau(read('mdvrp/instances/p01')));
    expect(converted.type).toBe(2);
    const problem = converted.problem as ProblemInput;
    expect(problem.vehicleTypes.map((t) => [t.id, t.count, t.startDepot])).toEqual([
      ['depot-51', 4, '51'], ['depot-52', 4, '52'], ['depot-53', 4, '53'], ['depot-54', 4, '54'],
    ]);
    const solution = parseCordeauSolution(read('mdvrp/solutions-cordeau/p01.res'), { depotIds: [51, 52, 53, 54] });
    expect(solution.cost).toBe(576.87);
    let total = 0;
    const served = new Set<string>();
    for (const route of solution.routes) {
      const type = route.period - 1;
      const figures = simulateRoute(problem as CheckProblem, type, route.stops.map(String), 0);
      expect(figures.violations).toEqual([]);
      expect(figures.distance).toBeCloseTo(route.cost, 1);
      total += figures.distance;
      for (const s of route.stops) served.add(String(s));
    }
    expect(served.size).toBe(50);
    expect(total).toBeCloseTo(576.87, 1);
  });

  it('type 2 with a route duration limit: the solver\'s plan passes the independent checker', () => {
    const converted = cordeauToProblem(parseCordeau(read('mdvrp/instances/pr01')));
    const input = converted.problem as ProblemInput;
    expect(input.vehicleTypes[0]).toMatchObject({ count: 1, capacity: [200], maxDuration: 500 });
    const result = solve(createProblem(input), { seed: 1, maxIterations: 20 });
    const report = checkSolution(input as CheckProblem, result);
    expect(report.violations).toEqual([]);
    expect(result.distance).toBeLessThan(861.32 * 1.05);
  });
});
