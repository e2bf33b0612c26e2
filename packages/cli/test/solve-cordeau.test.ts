/**
 * `postroute solve --instance` on Cordeau's format (the compiled CLI in a child process). The
 * JSON is re-checked by the independent checker against the instance read here by hand, not
 * through the reader under test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkPeriodicSolution, checkSolution, type CheckPeriodicProblem, type CheckPeriodicSolution, type CheckProblem, type CheckSolution,
} from '../../core/test/support/check-solution.js';

const main = resolve(import.meta.dirname, '../dist/main.js');
const repo = resolve(import.meta.dirname, '../../..');
const instances = join(repo, 'benchmarks/instances');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, 'solve', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Cordeau type 2 read directly: customers 1…n, then depots n+1…n+t; one vehicle type per depot. */
function multiDepotByHand(text: string): CheckProblem {
  const rows = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((l) => l.split(/\s+/).map(Number));
  const [, m, n, t] = rows[0]!;
  const limits = rows.slice(1, 1 + t!);
  const nodes = rows.slice(1 + t!, 1 + t! + n! + t!);
  const at = (id: number): number => nodes.findIndex((r) => r[0] === id);
  const size = nodes.length;
  const distances: number[][] = nodes.map((a) => nodes.map((b) => Math.hypot(a[1]! - b[1]!, a[2]! - b[2]!)));
  const depots = nodes.slice(n!).map((r) => ({ id: String(r[0]), location: at(r[0]!) }));
  return {
    depots,
    stops: nodes.slice(0, n!).map((r) => ({ id: String(r[0]), location: at(r[0]!), delivery: [r[4]!], ...(r[3]! > 0 ? { serviceTime: r[3]! } : {}) })),
    vehicleTypes: depots.map((d, k) => ({
      id: `depot-${d.id}`, count: m!, capacity: [limits[k]![1]!], startDepot: d.id, ...(limits[k]![0]! > 0 ? { maxDuration: limits[k]![0]! } : {}),
    })),
    matrix: { size, distances },
  };
}

/** Cordeau type 1 read directly: depot 0, then customers with their combinations (leftmost bit = day 1). */
function periodicByHand(text: string): CheckPeriodicProblem {
  const rows = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((l) => l.split(/\s+/).map(Number));
  const [, m, n, t] = rows[0]!;
  const [D, Q] = rows[1]!;
  const nodes = rows.slice(1 + t!, 2 + t! + n!);
  return {
    horizon: t!,
    depots: [{ id: '0', location: 0 }],
    stops: nodes.slice(1).map((r, k) => ({
      id: String(r[0]), location: k + 1, delivery: [r[4]!], ...(r[3]! > 0 ? { serviceTime: r[3]! } : {}),
      patterns: r.slice(7, 7 + r[6]!).map((code) => Array.from({ length: t! }, (_, d) => d + 1).filter((d) => (code >> (t! - d)) & 1)),
    })),
    vehicleTypes: [{ id: 'vehicle', count: m!, capacity: [Q!], startDepot: '0', ...(D! > 0 ? { maxDuration: D! } : {}) }],
    matrix: { size: nodes.length, distances: nodes.map((a) => nodes.map((b) => Math.hypot(a[1]! - b[1]!, a[2]! - b[2]!))) },
  };
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
});

describe('postroute solve --instance (Cordeau)', () => {
  it('multi-depot p01: routes carry day 1 and their depot, stop ids are the customer numbers, the checker agrees', () => {
    const file = join(instances, 'mdvrp/instances/p01');
    const result = run(['--instance', file, '--json', '--max-iterations', '30', '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    const solution = JSON.parse(result.stdout) as CheckSolution & {
      routes: { day: number; startDepot: string; endDepot: string }[]; instance: { format: string; bks: number; fleet: unknown };
    };
    expect(solution.instance).toMatchObject({ format: 'cordeau', bks: 576.87, fleet: { count: 4, fixed: true } });
    expect(solution.routes.every((r) => r.day === 1 && r.startDepot === r.endDepot && ['51', '52', '53', '54'].includes(r.startDepot))).toBe(true);
    const stops = solution.routes.flatMap((r) => (r as unknown as { stops: string[] }).stops).map(Number).sort((a, b) => a - b);
    expect(stops).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    const report = checkSolution(multiDepotByHand(readFileSync(file, 'utf8')), solution);
    expect(report.violations).toEqual([]);
  });

  it('periodic p14: every route carries its day, every customer on one of its combinations, the checker agrees', () => {
    const file = join(instances, 'pvrp/instances/p14');
    const result = run(['--instance', file, '--json', '--max-iterations', '20', '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    const solution = JSON.parse(result.stdout) as CheckPeriodicSolution & { horizon: number; instance: { bks: number } };
    expect(solution.horizon).toBe(4);
    expect(solution.instance.bks).toBe(954.81);
    expect(solution.routes.every((r) => r.day >= 1 && r.day <= 4)).toBe(true);
    expect(solution.visits).toHaveLength(20);
    const report = checkPeriodicSolution(periodicByHand(readFileSync(file, 'utf8')), solution);
    expect(report.violations).toEqual([]);
  });

  it('an option of another format on a Cordeau file: one line, exit 2', () => {
    const result = run(['--instance', join(instances, 'mdvrp/instances/p01'), '--convention', 'truncated']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--convention applies to Solomon instances only/);
  });
});
