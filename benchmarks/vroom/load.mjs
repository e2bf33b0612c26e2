#!/usr/bin/env node
/**
 * Load benchmark of `postroute serve` (issue 20 §4): a 50-job VROOM problem (generated here,
 * seeded: windows, skills, priorities, two load dimensions, 5 vehicles), solved at a 1-s time
 * limit per request, by 1, 2, 4 and 8 clients that each send one request after another for a
 * while; prints requests per second and latency percentiles per client count, and every answer's
 * status (non-200s are counted, not hidden).
 *
 * It starts the built CLI (packages/cli/dist): build first with
 *   npx tsc -b packages/core packages/cli
 *
 * Usage (a quiet machine; --threads is the server's solving threads):
 *   node benchmarks/vroom/load.mjs --clients 1,2,4,8 --seconds 30 --threads 2
 *   node benchmarks/vroom/load.mjs --clients 1,2 --seconds 3 --time-limit 0.2   # a quick check
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1,2,4,8' },
    seconds: { type: 'string', default: '30' },
    threads: { type: 'string', default: '2' },
    'time-limit': { type: 'string', default: '1' },
    jobs: { type: 'string', default: '50' },
  },
});
const clients = values.clients.split(',').map(Number);
const seconds = Number(values.seconds);
const timeLimit = Number(values['time-limit']);
const main = fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url));

/** A seeded 50-job problem with every rule the format supports. */
function problem(n) {
  let state = 12345;
  const rnd = (k) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * k);
  };
  const xy = Array.from({ length: n + 1 }, () => [rnd(60), rnd(60)]);
  const durations = xy.map((a) => xy.map((b) => Math.round(60 * Math.hypot(a[0] - b[0], a[1] - b[1]))));
  const distances = durations.map((row) => row.map((d) => d * 12));
  const jobs = Array.from({ length: n }, (_, k) => {
    const a = 8 * 3600 + rnd(6 * 3600);
    return {
      id: k + 1, location_index: k + 1, service: 180, delivery: [1 + rnd(5), rnd(3)],
      ...(k % 3 === 0 ? { time_windows: [[a, a + 3600]] } : {}),
      ...(k % 7 === 0 ? { skills: [1] } : {}),
      ...(k % 5 === 0 ? { priority: 10 } : {}),
    };
  });
  const vehicles = Array.from({ length: 5 }, (_, v) => ({
    id: v + 1, start_index: 0, end_index: 0, capacity: [30, 10], time_window: [7 * 3600, 17 * 3600],
    ...(v < 2 ? { skills: [1] } : {}), max_tasks: 14,
  }));
  return JSON.stringify({ jobs, vehicles, matrices: { car: { durations, distances } } });
}

const body = problem(Number(values.jobs));
const server = spawn(process.execPath, [main, 'serve', '--port', '0', '--threads', values.threads, '--queue', '64', '--time-limit', String(timeLimit)], { stdio: ['ignore', 'ignore', 'pipe'] });
const address = await new Promise((done, fail) => {
  let text = '';
  server.stderr.on('data', (chunk) => {
    text += chunk;
    const found = /on (http:\/\/[\d.]+:\d+)/.exec(text);
    if (found) done(found[1]);
  });
  server.on('exit', () => fail(new Error(text)));
});
const exited = new Promise((done) => server.on('exit', done));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
console.log(`postroute serve, ${values.jobs} jobs, time_limit ${timeLimit} s, ${values.threads} thread(s), ${seconds} s per row`);
console.log('| clients | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-200 |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const c of clients) {
  const latencies = [];
  const statuses = new Map();
  const until = Date.now() + seconds * 1000;
  const began = Date.now();
  await Promise.all(Array.from({ length: c }, async () => {
    while (Date.now() < until) {
      const t = performance.now();
      const answer = await fetch(`${address}/?time_limit=${timeLimit}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await answer.arrayBuffer();
      latencies.push(performance.now() - t);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
  }));
  const elapsed = (Date.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const bad = [...statuses].filter(([s]) => s !== 200).map(([s, k]) => `${k}×${s}`).join(' ') || '0';
  const ms = (x) => Math.round(x);
  console.log(`| ${c} | ${latencies.length} | ${(latencies.length / elapsed).toFixed(2)} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 90))} | ${ms(percentile(latencies, 99))} | ${ms(latencies.at(-1))} | ${bad} |`);
}
server.kill('SIGTERM');
await exited;
