/**
 * Ctrl-C and SIGTERM during a long plan, solve and batch (issue 24 section 2), through the real
 * CLI: the signal arrives while the route search runs; the command says on stderr that no report
 * was written and that the previous one is unchanged (or that none was made), exits 130 (SIGINT)
 * or 143 (SIGTERM), leaves the previous report byte for byte, no new folder and no temporary
 * folder or file; a second signal ends it at once. Build first (`npx tsc -b packages/core packages/cli`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProvince } from './batch-fixture.js';

const main = resolve(import.meta.dirname, '../dist/main.js');
let dir = '';

interface Interrupted { status: number | null; stderr: string; afterSignalMs: number }

/**
 * Runs the CLI, sends `signals` `delayMs` after stderr shows `ready` (the search has begun), 50 ms
 * apart, and waits for the end.
 */
function interrupt(args: string[], ready: RegExp, signals: NodeJS.Signals[], delayMs = 300): Promise<Interrupted> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: dir });
    let stderr = '';
    let sentAt = 0;
    let scheduled = false;
    const send = (): void => {
      sentAt = Date.now();
      signals.forEach((signal, i) => setTimeout(() => child.kill(signal), 50 * i));
    };
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!scheduled && ready.test(stderr)) {
        scheduled = true;
        setTimeout(send, delayMs);
      }
    });
    child.stdout.resume();
    const guard = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`no end: ${stderr}`)); }, 90_000);
    child.on('close', (status) => {
      clearTimeout(guard);
      done({ status, stderr, afterSignalMs: Date.now() - sentAt });
    });
  });
}

/** Every file under `folder`, with its content. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string, prefix: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(at, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(at, entry.name), 'utf8');
    }
  };
  walk(folder, '');
  return files;
}

const leftovers = (): string[] => readdirSync(dir).filter((name) => name.includes('postroute-') || name.endsWith('.tmp'));

function run(args: string[]): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: dir, stdio: 'ignore' });
    child.on('close', done);
  });
}

/** A solve problem big enough that the search runs until its time limit. */
function problem(stops: number): string {
  let seed = 7;
  const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const points = Array.from({ length: stops + 1 }, () => [random() * 100, random() * 100] as const);
  const distances = points.map(([x1, y1]) => points.map(([x2, y2]) => Math.round(Math.hypot(x1 - x2, y1 - y2))));
  return JSON.stringify({
    depots: [{ id: 'hub', location: 0 }],
    stops: Array.from({ length: stops }, (_, i) => ({ id: `s${i + 1}`, location: i + 1, delivery: [1] })),
    vehicleTypes: [{ id: 'van', capacity: [10], startDepot: 'hub' }],
    matrix: { size: stops + 1, distances },
  });
}

beforeAll(async () => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-interrupt-'));
  writeProvince(dir, { size: 6, every: 1 });
  writeFileSync(join(dir, 'problem.json'), problem(120));
  // The previous outputs that an interrupted run must leave as they are.
  expect(await run(['plan', 'alpha/plan.json', '--out', 'plan-out', '--time-limit', '1', '--quiet'])).toBe(0);
  expect(await run(['solve', '--problem', 'problem.json', '--out', 'solution.json', '--max-iterations', '50', '--quiet'])).toBe(0);
  expect(await run(['batch', 'province.json', '--out', 'province-out', '--time-limit', '1', '--quiet'])).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEARCHING = /\[solve\]/;

describe('an interrupted command writes nothing and says so', () => {
  it.each([
    ['plan', 'SIGINT', 130, ['plan', 'alpha/plan.json', '--out', 'plan-out', '--time-limit', '60'], 'plan-out', SEARCHING],
    ['plan', 'SIGTERM', 143, ['plan', 'alpha/plan.json', '--out', 'plan-out', '--time-limit', '60'], 'plan-out', SEARCHING],
    ['batch', 'SIGTERM', 143, ['batch', 'province.json', '--out', 'province-out', '--time-limit', '60', '--fresh'], 'province-out', /started/],
  ] as const)('%s, %s: exit %i, the previous report unchanged', async (_name, signal, code, args, out, ready) => {
    const before = snapshot(join(dir, out));
    const result = await interrupt([...args], ready, [signal]);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`interrupted: no report written (the previous report in ${out}/ is unchanged)`);
    expect(result.status).toBe(code);
    expect(result.afterSignalMs).toBeLessThan(5_000);
    expect(snapshot(join(dir, out))).toEqual(before);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it.each([
    ['plan', 'SIGINT', 130, ['plan', 'alpha/plan.json', '--out', 'new/plan-out', '--time-limit', '60'], 'new/plan-out', SEARCHING],
    ['batch', 'SIGINT', 130, ['batch', 'province.json', '--out', 'new-province', '--time-limit', '60'], 'new-province', /started/],
  ] as const)('%s, %s, into a new folder: exit %i, no folder made', async (_name, signal, code, args, out, ready) => {
    const result = await interrupt([...args], ready, [signal]);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`interrupted: no report written (${out}/ was not created)`);
    expect(result.status).toBe(code);
    expect(existsSync(join(dir, out.split('/')[0] as string))).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('solve, SIGINT and SIGTERM: the previous solution file unchanged, no new file', async () => {
    const before = readFileSync(join(dir, 'solution.json'), 'utf8');
    const kept = await interrupt(['solve', '--problem', 'problem.json', '--out', 'solution.json', '--time-limit', '60'], SEARCHING, ['SIGINT']);
    expect(kept.stderr.trimEnd().split('\n').at(-1)).toBe('interrupted: nothing written (the previous solution.json is unchanged)');
    expect(kept.status).toBe(130);
    expect(readFileSync(join(dir, 'solution.json'), 'utf8')).toBe(before);
    const fresh = await interrupt(['solve', '--problem', 'problem.json', '--out', 'fresh.json', '--time-limit', '60'], SEARCHING, ['SIGTERM']);
    expect(fresh.stderr.trimEnd().split('\n').at(-1)).toBe('interrupted: nothing written (fresh.json was not created)');
    expect(fresh.status).toBe(143);
    expect(existsSync(join(dir, 'fresh.json'))).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('solve on three threads, SIGINT: the search threads end with it, at once, nothing written', async () => {
    const result = await interrupt(['solve', '--problem', 'problem.json', '--out', 'threads.json', '--time-limit', '60', '--threads', '3'], SEARCHING, ['SIGINT']);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('interrupted: nothing written (threads.json was not created)');
    expect(result.status).toBe(130);
    expect(result.afterSignalMs).toBeLessThan(5_000);
    expect(existsSync(join(dir, 'threads.json'))).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('batch: the counties finished before the signal are kept, and the next run takes them up', async () => {
    const args = ['batch', 'province.json', '--out', 'resumed', '--time-limit', '2', '--workers', '1'];
    const result = await interrupt(args, /1\/3 \w+: done/, ['SIGTERM'], 0);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('interrupted: no report written (resumed/ was not created; the finished county is kept for the next run)');
    expect(result.status).toBe(143);
    const finished = /1\/3 (\w+): done/.exec(result.stderr)?.[1];
    expect(existsSync(join(dir, 'resumed'))).toBe(false);
    expect(leftovers()).toHaveLength(1);
    const rerun = await new Promise<string>((done) => {
      const child = spawn(process.execPath, [main, ...args], { cwd: dir });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      child.on('close', (status) => done(`${status}\n${stderr}`));
    });
    expect(rerun.split('\n')[0]).toBe('0');
    expect(rerun).toContain(`${finished}: done (stored result)`);
    expect(rerun).toMatch(/2 counties on 1 worker thread \(1 stored\)/);
    expect(readdirSync(join(dir, 'resumed')).sort()).toEqual(['alpha', 'beta', 'gamma', 'report.html', 'summary.csv', 'summary.json']);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('a second signal right after the first: the same exit, at once, nothing left behind', async () => {
    const result = await interrupt(['plan', 'alpha/plan.json', '--out', 'plan-out', '--time-limit', '60'], SEARCHING, ['SIGTERM', 'SIGTERM']);
    expect([130, 143]).toContain(result.status);
    expect(result.afterSignalMs).toBeLessThan(5_000);
    expect(existsSync(join(dir, 'plan-out', 'summary.json'))).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 120_000);
});
