/**
 * `postroute serve` through real HTTP on loopback (issue 20 §3): concurrent requests all answered
 * and valid, the oversize body, malformed JSON and bad values, the full queue, SIGTERM while
 * solving. The server is the built CLI (its solving threads load core's compiled dist/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkVroom, type VroomOutput } from '@postroute/core';

const main = resolve(import.meta.dirname, '../dist/main.js');
const example = readFileSync(resolve(import.meta.dirname, '../../../examples/vroom/post-offices.json'), 'utf8');

const post = (base: string, body: string, query = ''): Promise<Response> =>
  fetch(`${base}/${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/** The input with the output's routes as steps: our plan mode must find no violation. */
function replay(output: VroomOutput): VroomOutput {
  const input = JSON.parse(example) as { vehicles: { id: number; steps?: unknown[] }[] };
  for (const v of input.vehicles) {
    const route = output.routes.find((r) => r.vehicle === v.id);
    v.steps = (route?.steps ?? []).map((s) => (s.type === 'job' ? { type: 'job', id: s.id } : { type: s.type }));
  }
  return checkVroom(input);
}

interface Running {
  address: string;
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the built CLI's server on a free loopback port. */
async function startServer(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [main, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const address = await new Promise<string>((done, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (found) done(found[1]!);
    });
    void exited.then(() => fail(new Error(`the server exited: ${stderr}`)));
  });
  return { address, child, stderr: () => stderr, exited };
}

describe('serve', () => {
  let server: Running;
  let base = '';
  beforeAll(async () => {
    server = await startServer(['--time-limit', '1', '--threads', '2', '--queue', '2', '--body-limit', '0.0625']);
    base = server.address;
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('answers concurrent requests, each a valid plan, and one log line each', async () => {
    const answers = await Promise.all([0, 1, 2, 3].map(() => post(base, example, '?time_limit=0.3')));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const output = (await answer.json()) as VroomOutput;
      expect(output.code).toBe(0);
      expect(output.routes.length).toBeGreaterThan(0);
      expect(replay(output).summary.violations).toEqual([]);
    }
    const health = await fetch(`${base}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', threads: 2, running: 0, queued: 0 });
    await new Promise((r) => setTimeout(r, 100));
    expect(server.stderr().split('\n').filter((l) => /^POST \/\?time_limit=0\.3 \d+ B 200 \d+ ms$/.test(l))).toHaveLength(4);
  });

  it('413 for a body over the limit, 400 with the line for malformed JSON, 400 with the key for a bad value', async () => {
    const big = await post(base, JSON.stringify({ vehicles: [], pad: 'x'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/larger than the limit of 65536 bytes/);
    const malformed = await post(base, '{\n"vehicles": [\n');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(/line \d/);
    const input = JSON.parse(example) as { vehicles: Record<string, unknown>[] };
    input.vehicles[0]!.breaks = [{ id: 1, service: -5 }];
    const bad = await post(base, JSON.stringify(input, null, 1));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 2, error: expect.stringMatching(/body, line \d+, field "vehicles\[0\]\.breaks\[0\]\.service"/) });
    const tooLong = await post(base, example, '?time_limit=9');
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: string }).error).toMatch(/above this server's maximum of 1 s/);
  });

  it('past the queue: 503 with Retry-After, and the others still answered', async () => {
    // 2 threads + 2 waiting, each solve 1 s: the fifth and sixth are turned away at once.
    const answers = await Promise.all([0, 1, 2, 3, 4, 5].map(() => post(base, example, '?time_limit=1')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 503, 503]);
    const busy = answers.find((a) => a.status === 503)!;
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('serve (the CLI)', () => {
  it('on SIGTERM finishes the request being solved, then exits 0', async () => {
    const { address, child, stderr, exited } = await startServer(['--time-limit', '2', '--threads', '1']);
    const started = Date.now();
    const answer = post(address, example, '?time_limit=1.5');
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGTERM');
    const response = await answer;
    expect(response.status).toBe(200);
    expect(((await response.json()) as VroomOutput).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(1400);
    expect(await exited).toBe(0);
    expect(stderr()).toMatch(/SIGTERM: finishing the requests in progress/);
    expect(stderr()).toMatch(/POST \/\?time_limit=1\.5 \d+ B 200 \d+ ms/);
  });
});
