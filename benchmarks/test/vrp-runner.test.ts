/**
 * The benchmark runner itself (benchmarks/vrp/run.mjs) on one tiny run, as the team runs it:
 * compiled package, worker thread, independent re-check, markdown table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
    expect(result.stdout).toMatch(/\| P-n16-k8 \| 15 \| 450 \| \d+ \| \d+ \| [\d.]+ \| [\d.]+ \| 8 \| 8 \| [\d.]+ \| 1\/1 \|/);
    expect(result.stdout).toMatch(/\| C101 \| 100 \| 827\.30 \| [\d.]+ \|/);
    expect(result.stderr).toMatch(/P-n16-k8 seed 1: .* checked/);
    const runs = JSON.parse(readFileSync(json, 'utf8')) as { checked: boolean; instance: string }[];
    expect(runs.map((r) => r.instance).sort()).toEqual(['C101', 'P-n16-k8']);
    expect(runs.every((r) => r.checked)).toBe(true);
    const again = spawnSync(process.execPath, [runner, '--from', json], { cwd: repo, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('| P-n16-k8 | 15 | 450 |');
  });

  it('refuses unknown options and sets with exit 2', () => {
    const result = spawnSync(process.execPath, [runner, '--set', 'Q'], { cwd: repo, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown set Q/);
  });
});
