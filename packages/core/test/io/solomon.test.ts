import { describe, expect, it } from 'vitest';
import { parseSolomon, solomonToProblem } from '../../src/io/solomon.js';
import { checkSolution, simulateRoute } from '../support/check-solution.js';
import { inputError } from '../support/errors.js';
import { readIndex, readInstance } from '../support/instances.js';

const rows = readIndex().filter((row) => row.set === 'VRPTW-Solomon');

// The well-known 10-route optimum of C101 (828.94 unrounded in the SINTEF table).
const C101_OPTIMUM = [
  [5, 3, 7, 8, 10, 11, 9, 6, 4, 2, 1, 75],
  [13, 17, 18, 19, 15, 16, 14, 12],
  [20, 24, 25, 27, 29, 30, 28, 26, 23, 22, 21],
  [32, 33, 31, 35, 37, 38, 39, 36, 34],
  [43, 42, 41, 40, 44, 46, 45, 48, 51, 50, 52, 49, 47],
  [57, 55, 54, 53, 56, 58, 60, 59],
  [67, 65, 63, 62, 74, 72, 61, 64, 68, 66, 69],
  [81, 78, 76, 71, 70, 73, 77, 79, 80],
  [90, 87, 86, 83, 82, 84, 85, 88, 89, 91],
  [98, 96, 95, 94, 92, 93, 97, 100, 99],
].map((route) => route.map(String));

describe('parseSolomon', () => {
  it('reads every Solomon file in the repository (CRLF) in agreement with index.csv', () => {
    expect(rows.length).toBe(30);
    for (const row of rows) {
      const instance = parseSolomon(readInstance(row.file), { source: row.file });
      expect(instance.name, row.instance).toBe(row.instance);
      expect(instance.customers.length - 1, row.instance).toBe(row.n);
      expect(instance.vehicles, row.instance).toBe(row.vehicles);
      expect(instance.capacity, row.instance).toBe(row.capacity);
    }
  });

  it('builds C101 with the depot window as route end, 25 vehicles and truncated arcs', () => {
    const { problem, vehicleCost } = solomonToProblem(parseSolomon(readInstance('vrptw/solomon/C101.txt')));
    expect(vehicleCost).toBe(0);
    expect(problem.depots).toEqual([{ id: '0', location: 0, timeWindow: [0, 1236] }]);
    expect(problem.vehicleTypes).toEqual([{ id: 'vehicle', count: 25, capacity: [200], startDepot: '0' }]);
    expect(problem.stops[0]).toEqual({ id: '1', location: 1, delivery: [10], serviceTime: 90, timeWindows: [[912, 967]] });
    // depot (40,50) → customer 1 (45,68): sqrt(349) = 18.68… → 18.6
    expect((problem.matrix.distances as number[])[1]).toBe(18.6);
    expect(problem.matrix.durations).toBeUndefined(); // travel time = the same truncated value
  });

  it('unrounded convention: real arcs and a vehicle cost above any plan length', () => {
    const { problem, vehicleCost, objective } = solomonToProblem(parseSolomon(readInstance('vrptw/solomon/C101.txt')), { convention: 'unrounded' });
    expect(objective).toBe('vehicles-then-distance');
    expect((problem.matrix.distances as number[])[1]).toBeCloseTo(Math.sqrt(349), 12);
    const d = problem.matrix.distances as number[];
    let bound = 0;
    for (let i = 1; i < problem.matrix.size; i++) bound += d[i]! + d[i * problem.matrix.size]!;
    expect(vehicleCost).toBeGreaterThan(bound);
    expect(problem.vehicleTypes[0]!.fixedCost).toBe(vehicleCost);
  });

  it('reproduces the C101 best known values under both conventions (827.3 truncated, 828.94 unrounded)', () => {
    const instance = parseSolomon(readInstance('vrptw/solomon/C101.txt'));
    const bks = rows.find((row) => row.instance === 'C101')!;
    for (const convention of ['truncated', 'unrounded'] as const) {
      const { problem } = solomonToProblem(instance, { convention, objective: 'distance' });
      const routes = C101_OPTIMUM.map((stops, vehicle) => {
        const figures = simulateRoute(problem, 0, stops, 0);
        return { vehicleType: 'vehicle', vehicle, stops, distance: figures.distance, duration: figures.duration };
      });
      const total = routes.reduce((sum, r) => sum + r.distance, 0);
      const report = checkSolution(problem, { cost: total, routes, unassigned: [] });
      expect(report.violations, convention).toEqual([]);
      if (convention === 'truncated') expect(total).toBeCloseTo(bks.bks, 6);
      else expect(total.toFixed(2)).toBe('828.94');
    }
  });
});

describe('parseSolomon: located errors', () => {
  const text = readInstance('vrptw/solomon/C101.txt');
  const lines = text.split('\r\n');
  const replaceLine = (k: number, line: string): string => lines.map((l, j) => (j === k ? line : l)).join('\r\n');

  it('rejects a row with a missing value, naming its line', () => {
    const error = inputError(() => parseSolomon(replaceLine(10, '    1      45         68         10        912        967'), { source: 'C101.txt' }));
    expect(error.location).toEqual({ source: 'C101.txt', line: 11 });
    expect(error.message).toMatch(/expected 7 numbers/);
  });
  it('rejects a due date before the ready time', () => {
    expect(inputError(() => parseSolomon(replaceLine(10, '    1      45         68         10        912        900         90'))).location.field).toBe('DUE DATE');
  });
  it('rejects a negative demand', () => {
    expect(inputError(() => parseSolomon(replaceLine(10, '    1      45         68        -10        912        967         90'))).message).toMatch(/negative demand/);
  });
  it('rejects customers out of sequence', () => {
    expect(inputError(() => parseSolomon(replaceLine(10, '    7      45         68         10        912        967         90'))).message).toMatch(/out of sequence/);
  });
  it('rejects a file that is not a Solomon instance', () => {
    expect(inputError(() => parseSolomon('hello\nworld\n')).message).toMatch(/not a Solomon instance/);
  });
});
