/**
 * The benchmark runner itself (benchmarks/vrp/run.mjs) on one tiny run, as the team runs it:
 * compiled package, worker thread, independent re-check, markdown table.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const runner = join(repo, 'benchmarks/vrp/run.mjs');

describe('benchmarks/vrp/run.mjs', () => {
  it('runs, re-checks and prints markdown tables; --from reprints them', () => {
    if (!existsSync(join(repo, 'packages/core/dist/index.js'))) throw new Error('build first: npx tsc -b packages/core');
    const dir = mkdtempSync(join(tmpdir(), 'postroute-bench-'));
    const json = join(dir, 'runs.json');
    const result = spawnSync(process.execPath, [runner, '--set', 'P,solomon', '--instances', 'P-n16-k8,C101', '--solomon', 'truncated',
      '--max-iterations', '5', '--time-limit', '20', '--seeds', '1', '--parallel', '2', '--json', json], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\| P \| 1 \| [\d.]+ \| [\d.]+ \| 1\/1 \|/);
    expect(result.stdout).toMatch(/\| P-n16-k8 \| 15 \| 450 \| \d+ \| \d+ \| [\d.]+ \| [\d.]+ \| 8 \| 8 \| [\d.]+ \| 5 \| 1\/1 \|/);
    expect(result.stdout).toMatch(/\| C101 \| 100 \| 827\.30 \| [\d.]+ \|/);
    expect(result.stderr).toMatch(/P-n16-k8 seed 1: .* checked/);
    const runs = JSON.parse(readFileSync(json, 'utf8')) as { checked: boolean; instance: string }[];
    expect(runs.map((r) => r.instance).sort()).toEqual(['C101', 'P-n16-k8']);
    expect(runs.every((r) => r.checked)).toBe(true);
    const again = spawnSync(process.execPath, [runner, '--from', json], { cwd: repo, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('| P-n16-k8 | 15 | 450 |');
  });

  it('--peer runs a peer side by side on a CPU-time budget and scores its routes the same way', () => {
    if (!existsSync(join(repo, 'packages/core/dist/index.js'))) throw new Error('build first: npx tsc -b packages/core');
    // A stand-in for the HGS-CVRP binary with its command line and outputs: one route per
    // customer (feasible, far from optimal), 7 iterations in 0.5 s of CPU.
    const dir = mkdtempSync(join(tmpdir(), 'postroute-peer-'));
    const fake = join(dir, 'fake-hgs.mjs');
    writeFileSync(fake, [
      '#!/usr/bin/env node',
      "import { readFileSync, writeFileSync } from 'node:fs';",
      'const [instance, sol] = process.argv.slice(2);',
      "const dim = Number(/DIMENSION\\s*:\\s*(\\d+)/.exec(readFileSync(instance, 'utf8'))[1]);",
      'const lines = [];',
      'for (let c = 1; c < dim; c++) lines.push(`Route #${c}: ${c}`);',
      "writeFileSync(sol, `${lines.join('\\n')}\\nCost 1\\n`);",
      "console.log('----- GENETIC ALGORITHM FINISHED AFTER 7 ITERATIONS. TIME SPENT: 0.5');",
    ].join('\n'));
    chmodSync(fake, 0o755);
    const result = spawnSync(process.execPath, [runner, '--set', 'X', '--instances', 'X-n101-k25', '--time-limit', '1', '--seeds', '1',
      '--peer', `hgs=${fake}`, '--json', join(dir, 'runs.json')], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('of CPU time per run');
    const runs = JSON.parse(readFileSync(join(dir, 'runs.json'), 'utf8')) as { solver?: string; checked: boolean; distance: number; iterations: number; cpuSeconds: number }[];
    const peer = runs.find((r) => r.solver === 'hgs-cvrp')!;
    const ours = runs.find((r) => r.solver === undefined)!;
    expect(peer.iterations).toBe(7);
    expect(peer.checked).toBe(true);
    expect(ours.checked).toBe(true);
    expect(ours.cpuSeconds).toBeGreaterThanOrEqual(1);
    expect(typeof ours.iterations).toBe('number');
    // One route per customer, scored by postroute's evaluator (not the "Cost 1" line).
    expect(peer.distance).toBeGreaterThan(ours.distance);
    expect(result.stdout).toMatch(/\| X-n101-k25 \| 100 \| 27591 \| [\d.]+ \| [\d.]+ \| [\d.-]+ \| [\d.–]+ \| [\d.–]+ \| 14\.0 \| [\d.–]+ \| 1\/1, 1\/1 \|/);
  });

  it('refuses unknown options and sets with exit 2', () => {
    const result = spawnSync(process.execPath, [runner, '--set', 'Q'], { cwd: repo, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown set Q/);
  });
});
