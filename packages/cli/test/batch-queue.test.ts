/**
 * `postroute batch --queue` and `postroute worker` on a real Redis (Debian's redis-server, which
 * .ci/run starts on loopback and names in POSTROUTE_TEST_REDIS). The fault test: two workers, one
 * SIGKILLed while it plans a county; the job goes back to the queue when its lock expires, the
 * other worker plans it, and the merged report is byte-identical to the embedded pool's.
 *
 * Without POSTROUTE_TEST_REDIS the tests are skipped on a developer's machine, but fail under CI
 * (CI=true), so that a CI whose Redis did not start cannot pass by skipping them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProvince } from './batch-fixture.js';

const main = resolve(import.meta.dirname, '../dist/main.js');
const redisUrl = process.env.POSTROUTE_TEST_REDIS;
const inCi = process.env.CI === 'true' || process.env.CI === '1';

if (!redisUrl && inCi) {
  describe('postroute batch --queue', () => {
    it('has a Redis to test against', () => {
      throw new Error('POSTROUTE_TEST_REDIS is not set under CI: .ci/run must start redis-server and export it');
    });
  });
}

const maybe = redisUrl ? describe : describe.skip;

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', timeout: 180_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A background `postroute …` whose stderr is collected, with a way to wait for a line. */
class Background {
  readonly child: ChildProcess;
  stderr = '';
  stdout = '';
  readonly exited: Promise<number | null>;
  constructor(args: string[], cwd: string) {
    this.child = spawn(process.execPath, [main, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
    this.child.stdout?.on('data', (chunk: Buffer) => { this.stdout += chunk.toString(); });
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
  }
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.stderr);
      if (match) return match;
      if (Date.now() > until || this.child.exitCode !== null) throw new Error(`no ${pattern} in:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Every file of an output folder, by relative path, except the county report.html files. */
function outputs(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      // A county's report.html shows its own run time (as `postroute plan`'s does).
      else if (!(sub !== '' && entry.name === 'report.html')) files.set(path, readFileSync(join(dir, path), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** Removes postroute's keys (and only those) from the test Redis. */
async function clearRedis(url: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'postroute:*', 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

maybe('postroute batch --queue with postroute worker (real Redis)', () => {
  let dir = '';
  const workers: Background[] = [];
  beforeAll(async () => {
    if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
    dir = mkdtempSync(join(tmpdir(), 'postroute-queue-'));
    // Counties big enough (a few seconds each) that a kill lands in the middle of one.
    writeProvince(dir, { size: 6, every: 2 });
    await clearRedis(redisUrl as string);
  });
  afterAll(async () => {
    if (process.env.POSTROUTE_TEST_VERBOSE) for (const worker of workers) process.stderr.write(`--- worker\n${worker.stderr}`);
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
  });

  it('survives a worker killed in the middle of a county: the merged report equals the embedded run\'s', async () => {
    const embedded = run(['batch', 'province.json', '--out', 'embedded', '--deterministic', '--quiet'], dir);
    expect(embedded.stderr).toBe('');
    expect(embedded.status).toBe(0);

    const a = new Background(['worker', '--queue', redisUrl as string, '--concurrency', '1'], dir);
    const b = new Background(['worker', '--queue', redisUrl as string, '--concurrency', '1'], dir);
    workers.push(a, b);
    await a.waitFor(/taking jobs/, 30_000);
    await b.waitFor(/taking jobs/, 30_000);
    const batch = new Background(['batch', 'province.json', '--out', 'queued', '--deterministic', '--queue', redisUrl as string], dir);
    // Kill worker A as soon as it has started a county: mid-job, its lock still held.
    const [, county] = await a.waitFor(/\[worker\] (.+): started \(attempt 1\)/, 60_000);
    a.child.kill('SIGKILL');
    expect(await a.exited).toBeNull();
    const status = await batch.exited;
    expect(batch.stderr).not.toMatch(/internal error/);
    expect(status).toBe(0);
    // Worker B took the killed county over after its lock expired.
    expect(b.stderr).toContain(`[worker] ${county as string}: started (attempt 2)`);
    expect(a.stderr).not.toMatch(new RegExp(`${county as string}: report`));

    const expected = outputs(join(dir, 'embedded'));
    const actual = outputs(join(dir, 'queued'));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, text] of expected) expect(actual.get(path), path).toBe(text);
  }, 170_000);

  it('skips finished counties on a rerun (stored in Redis, none enqueued)', () => {
    const rerun = run(['batch', 'province.json', '--out', 'queued-again', '--deterministic', '--queue', redisUrl as string], dir);
    expect(rerun.status).toBe(0);
    expect(rerun.stderr.match(/\(stored result\)/g)?.length).toBe(3);
    expect(rerun.stderr).not.toMatch(/enqueued/);
    const expected = outputs(join(dir, 'embedded'));
    const actual = outputs(join(dir, 'queued-again'));
    for (const [path, text] of expected) expect(actual.get(path), path).toBe(text);
  }, 120_000);

  // Worker B of the fault test is still taking jobs.
  it('fails a bad county without retrying it, and still finishes the others', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'postroute-queue-broken-'));
    writeProvince(broken, { size: 4 });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(broken, 'alpha', 'today.csv'), 'route_id,seq,stop_id\nT1,1,no-such-village\n');
    const result = run(['batch', 'province.json', '--out', 'out', '--deterministic', '--queue', redisUrl as string], broken);
    expect(result.status).toBe(2);
    const summary = JSON.parse(readFileSync(join(broken, 'out', 'summary.json'), 'utf8'));
    expect(summary.counties.map((row: { status: string }) => row.status)).toEqual(['failed', 'done', 'done']);
    expect(summary.counties[0].error.kind).toBe('input');
    expect(summary.counties[0].error.message).toMatch(/no-such-village/);
    // Not retried: a bad input fails the same way every time.
    expect(result.stderr).toMatch(/Alpha: FAILED \(input\): /);
    expect(result.stderr).not.toMatch(/Alpha: FAILED \(input, after/);
  }, 120_000);
});
