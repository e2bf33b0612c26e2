import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVrplib, parseVrplibSolution, vrplibSolutionRoutes, vrplibToProblem } from '../../src/io/vrplib.js';
import { checkSolution } from '../support/check-solution.js';
import { inputError } from '../support/errors.js';
import { INSTANCES_DIR, readIndex, readInstance } from '../support/instances.js';

const index = readIndex();
const cvrpRows = index.filter((row) => row.set.startsWith('CVRP-'));

describe('parseVrplib on the benchmark files', () => {
  it('reads A-n32-k5 with its fixed fleet and nint arcs', () => {
    const instance = parseVrplib(readInstance('cvrp/A/A-n32-k5.vrp'), { source: 'A-n32-k5.vrp' });
    expect(instance.name).toBe('A-n32-k5');
    expect(instance.dimension).toBe(32);
    expect(instance.capacity).toBe(100);
    expect(instance.depots).toEqual([0]);
    expect(instance.coordinates?.[0]).toEqual([82, 76]);
    expect(instance.demands[0]).toBe(0);
    const converted = vrplibToProblem(instance);
    expect(converted.fleet).toEqual({ count: 5, fixed: true });
    expect(converted.rounding).toBe('nint');
    expect(converted.commentBks).toBe(784);
    const { problem } = converted;
    expect(problem.depots).toEqual([{ id: '1', location: 0 }]);
    expect(problem.stops[0]).toMatchObject({ id: '2', location: 1, delivery: [19] });
    // nodes 1 (82,76) and 2 (96,44): sqrt(14² + 32²) = 34.93 → 35
    expect((problem.matrix.distances as number[])[1]).toBe(35);
  });

  it('gives X instances an unlimited fleet', () => {
    const converted = vrplibToProblem(parseVrplib(readInstance('cvrp/X/X-n101-k25.vrp')));
    expect(converted.fleet).toEqual({ count: 100, fixed: false });
    expect(converted.problem.vehicleTypes[0]!.count).toBe(100);
  });

  it('matches index.csv (n, capacity, fleet) for every CVRP instance, and the COMMENT optimum for A, B, P', () => {
    expect(cvrpRows.length).toBe(39 + 27 + 23 + 24);
    for (const row of cvrpRows) {
      const converted = vrplibToProblem(parseVrplib(readInstance(row.file), { source: row.file }));
      expect(converted.problem.stops.length, row.instance).toBe(row.n);
      expect(converted.problem.vehicleTypes[0]!.capacity, row.instance).toEqual([row.capacity]);
      if (row.set === 'CVRP-X') {
        expect(converted.fleet.fixed, row.instance).toBe(false);
      } else {
        expect(converted.fleet, row.instance).toEqual({ count: row.vehicles, fixed: true });
        expect(converted.commentBks, row.instance).toBe(row.bks);
      }
    }
  });
});

describe('X instances: the .sol solutions recomputed with nint arcs reproduce their Cost and index.csv', () => {
  const xRows = cvrpRows.filter((row) => row.set === 'CVRP-X');
  it.each(xRows.map((row) => [row.instance, row] as const))('%s', (_name, row) => {
    const solFile = row.file.replace(/\.vrp$/, '.sol');
    expect(existsSync(`${INSTANCES_DIR}${solFile}`)).toBe(true);
    const instance = parseVrplib(readInstance(row.file));
    const converted = vrplibToProblem(instance);
    const solution = parseVrplibSolution(readInstance(solFile), { source: solFile });
    expect(solution.cost).toBe(row.bks);
    const routes = vrplibSolutionRoutes(solution, converted);
    // Route lengths straight from the coordinates (a third way, independent of the matrix).
    const xy = instance.coordinates!;
    const position = (id: string): number => Number(id) - 1;
    const lengths = routes.map((route) => {
      const path = [0, ...route.stops.map(position), 0];
      let sum = 0;
      for (let k = 1; k < path.length; k++) {
        const [ax, ay] = xy[path[k - 1]!]!;
        const [bx, by] = xy[path[k]!]!;
        sum += Math.round(Math.sqrt((ax - bx) ** 2 + (ay - by) ** 2));
      }
      return sum;
    });
    const report = checkSolution(converted.problem, {
      cost: solution.cost!,
      routes: routes.map((route, k) => ({ ...route, vehicle: k, distance: lengths[k]!, duration: lengths[k]! })),
      unassigned: [],
    });
    expect(report.violations).toEqual([]);
    expect(report.cost).toBe(row.bks);
    const routeCount = /(\d+) routes/.exec(row.notes)?.[1];
    expect(routes.length).toBe(Number(routeCount));
  });
});

describe('parseVrplib: other formats and conventions', () => {
  const explicit = [
    'NAME : tiny', 'TYPE : CVRP', 'DIMENSION : 3', 'CAPACITY : 10', 'EDGE_WEIGHT_TYPE : EXPLICIT',
    'EDGE_WEIGHT_FORMAT : LOWER_ROW', 'EDGE_WEIGHT_SECTION', '4', '5 6', 'DEMAND_SECTION', '1 0', '2 3', '3 4',
    'DEPOT_SECTION', '1', '-1', 'EOF',
  ].join('\n');

  it('expands an explicit LOWER_ROW matrix symmetrically', () => {
    const converted = vrplibToProblem(parseVrplib(explicit));
    expect(converted.problem.matrix.distances).toEqual([0, 4, 5, 4, 0, 6, 5, 6, 0]);
    expect(converted.fleet.fixed).toBe(false);
  });

  it('reads CMT files: unrounded arcs, DISTANCE as the duration limit, SERVICE_TIME per customer', () => {
    const text = [
      'NAME : CMT6', 'COMMENT : 555.43', 'TYPE : CVRP', 'DIMENSION : 3', 'EDGE_WEIGHT_TYPE : EUC_2D', 'CAPACITY : 160',
      'DISTANCE : 200', 'SERVICE_TIME : 10', 'NODE_COORD_SECTION', '1 0 0', '2 1 1', '3 3 4',
      'DEMAND_SECTION', '1 0', '2 7', '3 9', 'DEPOT_SECTION', '1', '-1', 'EOF',
    ].join('\r\n');
    const converted = vrplibToProblem(parseVrplib(text));
    expect(converted.rounding).toBe('exact');
    expect(converted.commentBks).toBe(555.43);
    expect(converted.fleet.fixed).toBe(false);
    expect(converted.problem.vehicleTypes[0]!.maxDuration).toBe(200);
    expect(converted.problem.stops.map((s) => s.serviceTime)).toEqual([10, 10]);
    expect((converted.problem.matrix.distances as number[])[1]).toBeCloseTo(Math.SQRT2, 12);
    expect((converted.problem.matrix.distances as number[])[2]).toBe(5);
  });

  it('lets the caller override the conventions', () => {
    const instance = parseVrplib(readInstance('cvrp/A/A-n32-k5.vrp'));
    const converted = vrplibToProblem(instance, { rounding: 'exact', fleet: 'unlimited' });
    expect(converted.fleet).toEqual({ count: 31, fixed: false });
    expect((converted.problem.matrix.distances as number[])[1]).toBeCloseTo(Math.hypot(14, 32), 12);
    expect(vrplibToProblem(instance, { fleet: 7 }).fleet).toEqual({ count: 7, fixed: true });
  });
});

describe('parseVrplib: located errors for bad files', () => {
  const good = ['NAME : t', 'DIMENSION : 3', 'CAPACITY : 10', 'EDGE_WEIGHT_TYPE : EUC_2D', 'NODE_COORD_SECTION', '1 0 0', '2 1 1', '3 2 2',
    'DEMAND_SECTION', '1 0', '2 3', '3 4', 'DEPOT_SECTION', '1', '-1', 'EOF'];
  const withLine = (k: number, line: string): string => good.map((l, j) => (j === k ? line : l)).join('\n');

  it('accepts the well-formed base case', () => {
    expect(parseVrplib(good.join('\n')).dimension).toBe(3);
  });
  it('rejects a non-numeric coordinate with its line', () => {
    const error = inputError(() => parseVrplib(withLine(6, '2 1 x'), { source: 't.vrp' }));
    expect(error.location).toMatchObject({ source: 't.vrp', line: 7, field: 'NODE_COORD_SECTION' });
    expect(error.describe()).toContain('t.vrp, line 7');
  });
  it('rejects a negative demand', () => {
    expect(inputError(() => parseVrplib(withLine(10, '2 -3'))).message).toMatch(/negative demand/);
  });
  it('rejects a missing row', () => {
    const text = good.filter((_, j) => j !== 7).join('\n');
    expect(inputError(() => parseVrplib(text)).message).toMatch(/NODE_COORD_SECTION has 2 rows, expected 3/);
  });
  it('rejects node numbers outside 1..DIMENSION', () => {
    expect(inputError(() => parseVrplib(withLine(11, '4 4'))).message).toMatch(/outside 1\.\.3/);
  });
  it('rejects unknown header fields and sections instead of ignoring them', () => {
    expect(inputError(() => parseVrplib(withLine(0, 'FOO : 1'))).location).toMatchObject({ line: 1, field: 'FOO' });
    expect(inputError(() => parseVrplib(withLine(8, 'PICKUP_SECTION'))).message).toMatch(/unexpected "PICKUP_SECTION"/);
  });
  it('requires a depot, a capacity and the -1 terminator', () => {
    expect(inputError(() => parseVrplib(good.filter((l) => l !== '1' && l !== '-1' && l !== 'DEPOT_SECTION').join('\n'))).message).toMatch(/no depot/);
    expect(inputError(() => parseVrplib(good.filter((l) => !l.startsWith('CAPACITY')).join('\n'))).message).toMatch(/no CAPACITY/);
    expect(inputError(() => parseVrplib(good.filter((l) => l !== '-1').join('\n'))).message).toMatch(/must end with -1/);
  });
  it('rejects unsupported edge weight types', () => {
    expect(inputError(() => parseVrplib(withLine(3, 'EDGE_WEIGHT_TYPE : GEO'))).message).toMatch(/unsupported EDGE_WEIGHT_TYPE/);
  });
});

describe('parseVrplibSolution', () => {
  it('reads routes and cost', () => {
    expect(parseVrplibSolution('Route #1: 1 2\r\nRoute #2: 3\r\nCost 42\r\n')).toEqual({ routes: [[1, 2], [3]], cost: 42 });
  });
  it('rejects junk lines and bad customer numbers with their line', () => {
    expect(inputError(() => parseVrplibSolution('Route #1: 1 2\nhello\n', { source: 'x.sol' })).location).toEqual({ source: 'x.sol', line: 2 });
    expect(inputError(() => parseVrplibSolution('Route #1: 1 0\n')).message).toMatch(/not a positive integer/);
  });
  it('rejects a customer that the instance does not have', () => {
    const converted = vrplibToProblem(parseVrplib(readInstance('cvrp/A/A-n32-k5.vrp')));
    expect(inputError(() => vrplibSolutionRoutes({ routes: [[1, 40]] }, converted)).message).toMatch(/customer 40 does not exist/);
  });
});
