/**
 * `postroute batch` on the embedded thread pool, as a user runs it: the compiled CLI in a child
 * process on a small province written to a temporary folder. Build first (`npx tsc -b
 * packages/core packages/cli`; the test script does it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeProvince } from './batch-fixture.js';

const main = resolve(import.meta.dirname, '../dist/main.js');
const COMPARED = ['summary.json', 'routes.csv', 'stops.csv', 'routes.geojson'];

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string; seconds: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: (Date.now() - started) / 1000 };
}
const read = (...parts: string[]): string => readFileSync(join(...parts), 'utf8');

let dir = '';
beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-batch-'));
  writeProvince(dir);
});

describe('postroute batch (thread pool)', () => {
  let first: ReturnType<typeof run>;
  beforeAll(() => {
    first = run(['batch', 'province.json', '--out', 'out', '--deterministic', '--workers', '2'], dir);
  });

  it('writes each county\'s report, equal to `postroute plan` on that county alone', () => {
    expect(first.stderr).not.toMatch(/internal error/);
    expect(first.status).toBe(0);
    for (const [folder, plan] of [['alpha', 'alpha/plan.json'], ['beta', 'beta/plan.json'], ['gamma', 'gamma/plan.json']] as const) {
      // Gamma ran on its roads cut from the province file; alone it runs on its own grid's file.
      const alone = run(['plan', plan, '--out', `alone-${folder}`, '--quiet'], dir);
      expect(alone.status).toBe(0);
      for (const file of [...COMPARED, 'report.html']) expect(existsSync(join(dir, 'out', folder, file))).toBe(true);
      for (const file of COMPARED) expect(read(dir, 'out', folder, file), `${folder}/${file}`).toBe(read(dir, `alone-${folder}`, file));
    }
  });

  it('merges them in province order with totals, and prints the table', () => {
    const summary = JSON.parse(read(dir, 'out', 'summary.json'));
    expect(summary.counties.map((row: { name: string; status: string }) => `${row.name}:${row.status}`)).toEqual(['Alpha:done', 'Beta:done', 'Gamma:done']);
    expect(summary.timing).toBeUndefined();
    const counties = ['alpha', 'beta', 'gamma'].map((folder) => JSON.parse(read(dir, 'out', folder, 'summary.json')));
    const sum = (pick: (s: { before: { distanceM: number }; after: { distanceM: number } }) => number): number => counties.reduce((total, s) => total + pick(s), 0);
    expect(summary.totals.kmBefore).toBeCloseTo(sum((s) => s.before.distanceM) / 1000, 2);
    expect(summary.totals.kmAfter).toBeCloseTo(sum((s) => s.after.distanceM) / 1000, 2);
    expect(summary.counties[0].kmAfter).toBe(counties[0].after.km);
    const csv = read(dir, 'out', 'summary.csv').trim().split('\n');
    expect(csv.map((line) => line.split(',')[0])).toEqual(['county', 'Alpha', 'Beta', 'Gamma', 'total']);
    const html = read(dir, 'out', 'report.html');
    for (const folder of ['alpha', 'beta', 'gamma']) expect(html).toContain(`href="${folder}/report.html"`);
    expect(html).not.toMatch(/run time/);
    expect(first.stdout).toMatch(/^Province: Test province/);
    expect(first.stdout).toMatch(/\ntotal +[\d.]+ +[\d.]+ +[\d.]+ +\d+ → \d+ +0 +3 done, 0 failed/);
    expect(first.stderr).toMatch(/3 counties on 2 worker threads/);
  });

  it('skips finished counties on a rerun, and a fresh run gives byte-identical files', () => {
    const again = run(['batch', 'province.json', '--out', 'out', '--deterministic', '--json'], dir);
    expect(again.status).toBe(0);
    expect(again.stderr.match(/\(stored result\)/g)?.length).toBe(3);
    expect(again.stderr).not.toMatch(/started/);
    expect(again.stdout).toBe(read(dir, 'out', 'summary.json'));
    const fresh = run(['batch', 'province.json', '--out', 'fresh', '--deterministic', '--fresh', '--workers', '1'], dir);
    expect(fresh.status).toBe(0);
    for (const file of ['summary.json', 'summary.csv', 'report.html']) expect(read(dir, 'fresh', file), file).toBe(read(dir, 'out', file));
    for (const folder of ['alpha', 'beta', 'gamma']) {
      for (const file of [...COMPARED, 'job.json']) expect(read(dir, 'fresh', folder, file)).toBe(read(dir, 'out', folder, file));
    }
  });

  it('reports run times in a timing block without --deterministic', () => {
    const timed = run(['batch', 'province.json', '--out', 'out', '--json', '--quiet'], dir);
    expect(timed.status).toBe(0);
    const summary = JSON.parse(timed.stdout);
    expect(summary.timing.executor).toBe('pool');
    expect(summary.timing.counties.map((c: { source: string }) => c.source)).toEqual(['stored', 'stored', 'stored']);
    expect(timed.stderr).toBe('');
  });

  it('reports a broken county as failed and still finishes the others (exit 2)', () => {
    const broken = mkdtempSync(join(tmpdir(), 'postroute-batch-broken-'));
    writeProvince(broken);
    writeFileSync(join(broken, 'beta', 'places.geojson'), '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}');
    const result = run(['batch', 'province.json', '--out', 'out', '--deterministic'], broken);
    expect(result.status).toBe(2);
    const summary = JSON.parse(read(broken, 'out', 'summary.json'));
    expect(summary.counties.map((row: { status: string }) => row.status)).toEqual(['done', 'failed', 'done']);
    expect(summary.counties[1].error.kind).toBe('input');
    expect(summary.counties[1].error.message).toMatch(/beta\/places\.geojson/);
    expect(result.stderr).toMatch(/Beta: FAILED \(input\)/);
    expect(JSON.parse(read(broken, 'out', 'beta', 'job.json')).status).toBe('failed');
  });
});

describe('postroute batch: bad batch files fail at once with a located error (exit 2)', () => {
  const province = (counties: unknown[]): string => `${JSON.stringify({ name: 'Bad', counties }, null, 2)}\n`;

  it('a county whose plan.json does not exist', () => {
    writeFileSync(join(dir, 'missing.json'), province([{ name: 'Alpha', plan: 'alpha/plan.json' }, { name: 'Nowhere', plan: 'nowhere/plan.json' }]));
    const result = run(['batch', 'missing.json', '--out', 'bad-out'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^postroute: error: missing\.json, line 10, field "counties\[1\]\.plan": plan file of county "Nowhere" not found: nowhere\/plan\.json/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'bad-out', 'summary.json'))).toBe(false);
    expect(existsSync(join(dir, 'bad-out', 'alpha'))).toBe(false);
  });

  it('a county whose plan names a roads file that does not exist', () => {
    const plan = JSON.parse(read(dir, 'alpha', 'plan.json'));
    writeFileSync(join(dir, 'alpha', 'plan-noroads.json'), JSON.stringify({ ...plan, roads: 'nope.geojson' }));
    writeFileSync(join(dir, 'noroads.json'), province([{ name: 'Alpha', plan: 'alpha/plan-noroads.json' }]));
    const result = run(['batch', 'noroads.json', '--out', 'bad-out'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^postroute: error: alpha\/plan-noroads\.json, field "roads": roads file not found: alpha\/nope\.geojson/);
  });

  it('two counties with the same name', () => {
    writeFileSync(join(dir, 'twice.json'), province([{ name: 'Alpha', plan: 'alpha/plan.json' }, { name: 'Alpha', plan: 'beta/plan.json' }]));
    const result = run(['batch', 'twice.json', '--out', 'bad-out'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^postroute: error: twice\.json, line 9, field "counties\[1\]\.name": two counties are named "Alpha" \(counties\[0\] and counties\[1\]\) — give each county its own name\n$/);
  });

  it('an unreachable Redis', () => {
    const result = run(['batch', 'province.json', '--out', 'bad-out', '--queue', 'redis://127.0.0.1:1'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^postroute: error: field "--queue": cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED.*\) — start redis-server/);
    expect(result.seconds).toBeLessThan(15);
    const worker = run(['worker', '--queue', 'redis://127.0.0.1:1'], dir);
    expect(worker.status).toBe(2);
    expect(worker.stderr).toMatch(/cannot reach Redis/);
    const notUrl = run(['worker', '--queue', 'localhost:6379'], dir);
    expect(notUrl.status).toBe(2);
    expect(notUrl.stderr).toMatch(/is not a redis:\/\/ or rediss:\/\/ address/);
  });
});
