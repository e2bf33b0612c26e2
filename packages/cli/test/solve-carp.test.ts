/**
 * `postroute solve --instance FILE.dat` (CARPLIB arc routing) as a user runs it: the compiled CLI
 * in a child process. The --json routes are re-checked by the independent CARP checker.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCarplib } from '@postroute/core';
import { checkCarpServiceOrder } from '../../core/test/support/check-carp.js';

const main = resolve(import.meta.dirname, '../dist/main.js');
const gdb1 = resolve(import.meta.dirname, '../../../benchmarks/instances/carp/gdb/gdb1.dat');
let dir = '';

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, 'solve', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-carp-'));
});

describe('postroute solve --instance FILE.dat', () => {
  it('prints routes as driven edges with the file\'s vertex numbers; the checker agrees with the cost', () => {
    const result = run(['--instance', gdb1, '--json', '--max-iterations', '100', '--seed', '2']);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    const instance = parseCarplib(readFileSync(gdb1, 'utf8'));
    const { edges, required } = instance.input;
    const routes = out.routes.map((r: { edges: [number, number][]; cost: number; load: number }) => ({
      cost: r.cost, load: r.load,
      services: r.edges.map(([a, b]) => ({
        required: required.findIndex((q) => { const e = edges[q.edge]!; return (e.from === a - 1 && e.to === b - 1) || (e.from === b - 1 && e.to === a - 1); }),
        from: a - 1, to: b - 1,
      })),
    }));
    const check = checkCarpServiceOrder(instance.input, routes);
    expect(check.errors).toEqual([]);
    expect(check.cost).toBe(out.cost);
    expect(out.serviceCost + out.deadheadCost).toBe(out.cost);
    expect(out.instance).toMatchObject({ name: 'gdb1', bks: 316, minVehicles: 5 });
    expect(out.routes[0].path[0]).toBe(1);
    // Same seed and iteration limit: byte-identical output.
    expect(run(['--instance', gdb1, '--json', '--max-iterations', '100', '--seed', '2']).stdout).toBe(result.stdout);
  });

  it('rejects a bad file with its line, and an unservable edge with exit 2', () => {
    const text = readFileSync(gdb1, 'utf8');
    const bad = join(dir, 'bad.dat');
    writeFileSync(bad, text.replace('( 1, 2)  coste 13', '( 1, 99)  coste 13'));
    const result = run(['--instance', bad]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/bad\.dat, line 11: vertex 99 is outside 1…12/);
    const heavy = join(dir, 'heavy.dat');
    writeFileSync(heavy, text.replace('( 1, 2)  coste 13 demanda 1', '( 1, 2)  coste 13 demanda 9'));
    const rejected = run(['--instance', heavy]);
    expect(rejected.status).toBe(2);
    expect(rejected.stderr).toMatch(/required edge \(1, 2\) can never be served: edge 0 has demand 9 above the vehicle capacity 5/);
    const allowed = run(['--instance', heavy, '--allow-unassigned', '--json', '--max-iterations', '50']);
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout).unservable).toEqual([{ edge: [1, 2], reason: 'demand-exceeds-capacity', message: 'edge 0 has demand 9 above the vehicle capacity 5' }]);
  });
});
