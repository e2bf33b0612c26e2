/** `postroute solve --vroom` and `--check` through the built CLI (issue 20 §2). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPlaces } from '../../core/test/plan/grid.js';
import { writeGridCounty } from './grid-county.js';

const main = resolve(import.meta.dirname, '../dist/main.js');
const example = resolve(import.meta.dirname, '../../../examples/vroom/post-offices.json');
let dir = '';

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, 'solve', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'postroute-vroom-'));
});

describe('solve --vroom', () => {
  it('prints VROOM\'s output, the same for the same seed, and --check replays it without a violation', () => {
    const first = run(['--vroom', example, '--max-iterations', '200', '--quiet']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const again = run(['--vroom', example, '--max-iterations', '200', '--quiet']);
    expect(again.stdout).toBe(first.stdout);
    const output = JSON.parse(first.stdout) as { code: number; summary: { cost: number; unassigned: number }; routes: { vehicle: number; steps: { type: string; id?: number }[] }[] };
    expect(output.code).toBe(0);
    const input = JSON.parse(readFileSync(example, 'utf8')) as { vehicles: { id: number; steps?: unknown[] }[] };
    for (const v of input.vehicles) {
      const route = output.routes.find((r) => r.vehicle === v.id);
      v.steps = (route?.steps ?? []).map((s) => (s.type === 'job' ? { type: 'job', id: s.id } : { type: s.type }));
    }
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify(input));
    const checked = run(['--vroom', plan, '--check']);
    expect(checked.status).toBe(0);
    const replay = JSON.parse(checked.stdout) as { summary: { cost: number; unassigned: number; violations: unknown[] } };
    expect(replay.summary.violations).toEqual([]);
    expect(replay.summary.cost).toBe(output.summary.cost);
    expect(replay.summary.unassigned).toBe(output.summary.unassigned);
  });

  it('refuses an unsupported key with its place and line, exit 2, nothing on stdout', () => {
    const input = JSON.parse(readFileSync(example, 'utf8')) as { jobs: Record<string, unknown>[] };
    input.jobs[1]!.location = [13.4, 52.5];
    const path = join(dir, 'coords.json');
    writeFileSync(path, JSON.stringify(input, null, 2));
    const result = run(['--vroom', path]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/coords\.json, line \d+, field "jobs\[1\]\.location": "location" is not supported/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('malformed JSON and --check without --vroom are usage errors', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"vehicles": [');
    expect(run(['--vroom', path]).status).toBe(2);
    const check = run(['--problem', example, '--check']);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/--check applies to --vroom only/);
  });
});

describe('solve --vroom --roads', () => {
  it('takes coordinates, computes the matrices on our road graph, and answers in VROOM\'s terms', () => {
    writeGridCounty(dir);
    const places = gridPlaces();
    const hub = places.find((p) => p.properties.role === 'hub')!;
    const input = {
      vehicles: [{ id: 1, start: [hub.lon, hub.lat], end: [hub.lon, hub.lat], max_travel_time: 3 * 3600, breaks: [{ id: 1, service: 600 }] }],
      jobs: places.filter((p) => p !== hub).map((p, k) => ({ id: k + 1, location: [p.lon, p.lat], service: 120 })),
    };
    const path = join(dir, 'coords-jobs.json');
    writeFileSync(path, JSON.stringify(input));
    const result = run(['--vroom', path, '--roads', 'roads.geojson', '--max-iterations', '100', '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as { summary: { unassigned: number; distance: number; duration: number }; routes: { steps: { type: string }[] }[] };
    expect(output.summary.unassigned).toBe(0);
    expect(output.summary.distance).toBeGreaterThan(0);
    expect(output.routes[0]!.steps.filter((s) => s.type === 'break')).toHaveLength(1);
    // A coordinate far from every road is refused at its place.
    input.jobs[0]!.location = [0, 0];
    writeFileSync(path, JSON.stringify(input));
    const far = run(['--vroom', path, '--roads', 'roads.geojson', '--quiet']);
    expect(far.status).toBe(2);
    expect(far.stderr).toMatch(/field "jobs\[0\]\.location": no road/);
  });
});
