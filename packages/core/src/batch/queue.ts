/**
 * County jobs across machines: a Redis-backed BullMQ queue. The machine that runs
 * `postroute batch --queue` (the enqueuer) puts each county's input texts into Redis under their
 * content hashes and one job per county on the queue, with the job key as BullMQ's job id.
 * `postroute worker --queue` on any number of machines takes jobs, runs each on its own thread
 * pool, and stores the county's whole result (report files included) in Redis under the job key.
 * The enqueuer collects the results from Redis and writes them to its `--out`: workers need no
 * shared disk, only the Redis address.
 *
 * Idempotent by construction: the result is one Redis value written with SET NX, so a retried
 * or duplicated job never writes twice, and a job whose result is already there returns at
 * once; a rerun of the batch finds the stored results and enqueues nothing for those counties.
 *
 * Redis keys (prefix `postroute:`): `blob:<sha256>` gzipped input texts (7 days), `result:<key>`
 * gzipped results (30 days), and BullMQ's own keys under `postroute:bull:postroute-counties:`.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { InputError } from '../errors.js';
import { contentHash, countyJobKey } from './key.js';
import type { CountyDone, CountyJob, CountyOutcome, JobError, JobFile } from './job.js';
import { createCountyPool, type BatchEvent } from './pool.js';

// BullMQ and ioredis load only when a queue is used, so that every other command starts fast.
const bullmq = async (): Promise<typeof import('bullmq')> => import('bullmq');
const ioredis = async (): Promise<typeof import('ioredis')> => import('ioredis');

/** The BullMQ queue that holds county jobs. */
export const QUEUE_NAME = 'postroute-counties';
const PREFIX = 'postroute';
const BULL_PREFIX = `${PREFIX}:bull`;
const BLOB_TTL_S = 7 * 86_400;
const RESULT_TTL_S = 30 * 86_400;
const blobKey = (sha256: string): string => `${PREFIX}:blob:${sha256}`;
const resultKey = (key: string): string => `${PREFIX}:result:${key}`;

/**
 * BullMQ's stalled-job settings, kept short so that a job whose worker died (SIGKILL, power loss)
 * is taken by another worker within seconds rather than BullMQ's default 30 s: the lock lasts
 * `lockDurationMs` and the live worker renews it every half of that; every worker checks for
 * expired locks every `stalledIntervalMs`; a job found stalled more than `maxStalledCount` times
 * fails. The plan runs on a pool thread, so the worker's own event loop is always free to renew.
 */
export const QUEUE_SETTINGS = { lockDurationMs: 6000, stalledIntervalMs: 3000, maxStalledCount: 2 } as const;

/** What a queued job carries: the county's file names and content hashes, no texts. */
export interface QueuedCounty {
  key: string;
  /** County name, for workers' log lines only (the result does not depend on it). */
  name: string;
  files: { plan: FileRef; roads: FileRef; places: FileRef; baseline?: FileRef };
  seed?: number;
  timeLimit?: number;
}

/** An input file of a queued county: its name and the SHA-256 of its content, stored in Redis. */
export interface FileRef {
  path: string;
  sha256: string;
  /** Binary roads (OSM downloads, prepared networks) travel as base64 and must be read as such. */
  encoding?: 'base64';
}

/** What a worker stores under `result:<key>`. */
interface StoredResult {
  outcome: CountyDone;
  /** Times the job had been started when this result was written. */
  attempts: number;
}

/** Checks that a --queue address is a redis:// or rediss:// URL. */
export function checkRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`"${url}" is not a URL`, { field: '--queue' }, 'give the Redis address as redis://host:6379');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InputError(`"${url}" is not a redis:// or rediss:// address`, { field: '--queue' }, 'give the Redis address as redis://host:6379');
  }
  return url;
}

/**
 * Opens a Redis connection for the queue after checking, within `timeoutMs`, that Redis answers;
 * an unreachable Redis is an `InputError` at once (exit 2), not a hang. The connection returned
 * reconnects by itself for as long as it takes when Redis restarts later.
 */
export async function connectRedis(url: string, options: { timeoutMs?: number; onEvent?: (event: BatchEvent) => void } = {}): Promise<Redis> {
  checkRedisUrl(url);
  const timeoutMs = options.timeoutMs ?? 3000;
  const { Redis } = await ioredis();
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  let lastError = '';
  probe.on('error', (error: Error) => { lastError = error.message; });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const message = error instanceof Error && error.message !== 'Connection is closed.' ? error.message : lastError || String(error);
    throw new InputError(`cannot reach Redis at ${url} (${message})`, { field: '--queue' },
      'start redis-server there (Debian: apt-get install redis-server) or fix the host and port');
  } finally {
    probe.disconnect();
  }
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  let lastReport = 0;
  redis.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastReport > 5000) {
      lastReport = now;
      options.onEvent?.({ type: 'status', message: `Redis: ${error.message}; reconnecting` });
    }
  });
  return redis;
}

const pack = (value: string): Buffer => gzipSync(Buffer.from(value, 'utf8'));
const unpack = (buffer: Buffer): string => gunzipSync(buffer).toString('utf8');

function jobFiles(job: CountyJob): [keyof QueuedCounty['files'], JobFile][] {
  const files: [keyof QueuedCounty['files'], JobFile][] = [['plan', job.plan], ['roads', job.roads], ['places', job.places]];
  if (job.baseline) files.push(['baseline', job.baseline]);
  return files;
}

function queuedCounty(job: CountyJob, name: string): QueuedCounty {
  const files = Object.fromEntries(jobFiles(job).map(([role, file]) => [role, { path: file.path, sha256: contentHash(file.text), ...(file.encoding ? { encoding: file.encoding } : {}) }])) as unknown as QueuedCounty['files'];
  return {
    key: job.key,
    name,
    files,
    ...(job.seed !== undefined ? { seed: job.seed } : {}),
    ...(job.timeLimit !== undefined ? { timeLimit: job.timeLimit } : {}),
  };
}

/** Puts the job's input texts into Redis under their hashes (once; later calls renew the expiry). */
async function uploadInputs(redis: Redis, job: CountyJob): Promise<void> {
  for (const [, file] of jobFiles(job)) {
    const key = blobKey(contentHash(file.text));
    if ((await redis.expire(key, BLOB_TTL_S)) === 0) await redis.set(key, pack(file.text), 'EX', BLOB_TTL_S, 'NX');
  }
}

async function readStored(redis: Redis, key: string): Promise<StoredResult | null> {
  const buffer = await redis.getBuffer(resultKey(key));
  return buffer ? (JSON.parse(unpack(buffer)) as StoredResult) : null;
}

/** "input: plan.json, field …": the kind back from a failed job's reason. */
function failedError(reason: string | undefined): JobError {
  const match = /^(input|infeasible|internal): ([\s\S]*)$/.exec(reason ?? '');
  if (match) return { kind: match[1] as JobError['kind'], message: match[2] as string };
  return { kind: 'internal', message: reason || 'the job failed without a reason' };
}

/** Options of `runOnQueue`. */
export interface QueueRunOptions {
  /** Attempts per job in all (the first run and its retries); default 3. */
  attempts?: number;
  /** Ignore and replace results stored by earlier runs. */
  fresh?: boolean;
  /** How often to look for finished jobs, ms; default 500. */
  pollMs?: number;
  /** County names by job key, for progress lines. */
  names?: ReadonlyMap<string, string>;
  /** Called once per county with its outcome, the attempts it took, and whether it ran now or was stored. */
  onOutcome: (outcome: CountyOutcome, attempts: number, source: 'run' | 'stored') => void | Promise<void>;
  /** Progress: a job started (with its attempt), a county's own progress, a retry, a status line. */
  onEvent?: (event: BatchEvent) => void;
}

/**
 * Enqueues the jobs and waits until each has a result or has failed for good. Results already
 * stored by an earlier run come back at once as "stored". A job that vanished from the queue
 * (Redis restarted without persistence) is enqueued again with its inputs.
 *
 * @example
 * await runOnQueue('redis://127.0.0.1:6379', jobs, { onOutcome: (outcome) => write(outcome) });
 */
export async function runOnQueue(url: string, jobs: readonly CountyJob[], options: QueueRunOptions): Promise<void> {
  const onEvent = options.onEvent ?? (() => {});
  const attempts = Math.max(1, options.attempts ?? 3);
  const redis = await connectRedis(url, { onEvent });
  const { Queue } = await bullmq();
  const queue = new Queue<QueuedCounty>(QUEUE_NAME, { connection: redis, prefix: BULL_PREFIX });
  const nameOf = (key: string): string => options.names?.get(key) ?? key.slice(0, 12);
  const submit = async (job: CountyJob): Promise<void> => {
    await uploadInputs(redis, job);
    const existing = await queue.getJob(job.key);
    if (existing) {
      const state = await existing.getState();
      // Waiting, delayed or running (another batch, or an earlier run of this one, enqueued it): wait for it.
      if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return;
      // Failed in an earlier batch, or finished without a stored result: run it again.
      await existing.remove().catch(() => {});
    }
    await queue.add('county', queuedCounty(job, nameOf(job.key)), {
      jobId: job.key,
      attempts,
      backoff: { type: 'fixed', delay: 500 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * 86_400 },
    });
  };
  try {
    const pending = new Map<string, CountyJob>();
    for (const job of jobs) {
      if (options.fresh) await redis.del(resultKey(job.key));
      const stored = options.fresh ? null : await readStored(redis, job.key);
      if (stored) {
        await options.onOutcome(stored.outcome, 0, 'stored');
        continue;
      }
      await submit(job);
      pending.set(job.key, job);
    }
    if (pending.size > 0) onEvent({ type: 'status', message: `queue: ${pending.size} count${pending.size === 1 ? 'y' : 'ies'} enqueued at ${url}; waiting for workers` });
    let round = 0;
    let lastStatus = '';
    while (pending.size > 0) {
      for (const key of [...pending.keys()]) {
        const stored = await readStored(redis, key);
        if (stored) {
          pending.delete(key);
          await options.onOutcome(stored.outcome, stored.attempts, 'run');
        }
      }
      // Job states less often than results: failures and vanished jobs are rare.
      if (pending.size > 0 && round % 4 === 0) {
        const states = new Map<string, number>();
        for (const [key, job] of [...pending]) {
          const queued = await queue.getJob(key);
          if (!queued) {
            if (await redis.exists(resultKey(key))) continue;
            onEvent({ type: 'status', message: `queue: the job for ${nameOf(key)} is gone (did Redis restart?); enqueuing it again` });
            await submit(job);
            continue;
          }
          const state = await queued.getState();
          if (state === 'failed') {
            pending.delete(key);
            await options.onOutcome({ key, status: 'failed', error: failedError(queued.failedReason), seconds: 0 }, queued.attemptsStarted || queued.attemptsMade, 'run');
            continue;
          }
          states.set(state, (states.get(state) ?? 0) + 1);
        }
        const status = [...states].map(([state, count]) => `${count} ${state}`).join(', ');
        if (status !== lastStatus && status !== '') onEvent({ type: 'status', message: `queue: ${status}` });
        lastStatus = status;
      }
      round++;
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    }
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

/** Options of `startQueueWorker`. */
export interface QueueWorkerOptions {
  /** Jobs this worker runs at once, each on its own thread; default: one per core. */
  concurrency?: number;
  settings?: Partial<typeof QUEUE_SETTINGS>;
  /** Progress of this worker: a job started (with its attempt), a county's own progress, a retry, a status line. */
  onEvent?: (event: BatchEvent & { name?: string }) => void;
}

/** A running queue worker; `close()` lets running jobs finish, then stops. */
export interface QueueWorker {
  readonly concurrency: number;
  /** Stops taking jobs, lets the running ones finish, and disconnects. */
  close(): Promise<void>;
}

/**
 * Starts a worker that takes county jobs from the queue at `url` until closed.
 *
 * @example
 * const worker = await startQueueWorker('redis://127.0.0.1:6379', { concurrency: 2 });
 * process.on('SIGTERM', () => worker.close());
 */
export async function startQueueWorker(url: string, options: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const onEvent = options.onEvent ?? (() => {});
  const settings = { ...QUEUE_SETTINGS, ...options.settings };
  const redis = await connectRedis(url, { onEvent });
  const { UnrecoverableError, Worker } = await bullmq();
  const pool = createCountyPool({ ...(options.concurrency !== undefined ? { threads: options.concurrency } : {}), generatedBy: 'postroute batch' });
  const fetchText = async (ref: FileRef): Promise<JobFile> => {
    const buffer = await redis.getBuffer(blobKey(ref.sha256));
    if (!buffer) throw new Error(`the input ${ref.path} (${ref.sha256.slice(0, 12)}…) is not in Redis any more; run the batch again to upload it`);
    return { path: ref.path, text: unpack(buffer), ...(ref.encoding ? { encoding: ref.encoding } : {}) };
  };
  const processJob = async (job: Job<QueuedCounty>): Promise<{ key: string; stored: boolean }> => {
    const data = job.data;
    // An earlier attempt (or a duplicate job) already finished: nothing to run, nothing to write.
    if (await redis.exists(resultKey(data.key))) return { key: data.key, stored: true };
    const county: CountyJob = {
      key: data.key,
      plan: await fetchText(data.files.plan),
      roads: await fetchText(data.files.roads),
      places: await fetchText(data.files.places),
      ...(data.files.baseline ? { baseline: await fetchText(data.files.baseline) } : {}),
      ...(data.seed !== undefined ? { seed: data.seed } : {}),
      ...(data.timeLimit !== undefined ? { timeLimit: data.timeLimit } : {}),
    };
    // The key says which engine version planned it: a worker of another version must not answer.
    let key: string;
    try {
      key = countyJobKey(county);
    } catch (error) {
      throw new UnrecoverableError(`input: ${error instanceof InputError ? error.describe() : String(error)}`);
    }
    if (key !== data.key) {
      throw new UnrecoverableError('internal: this worker computes another key for the job: it runs a different postroute version than the batch, or the inputs changed in Redis');
    }
    onEvent({ type: 'start', key: data.key, attempt: job.attemptsStarted || 1, name: data.name });
    const outcome = await pool.run(county, (event) => {
      if (event.step !== 'start') onEvent({ type: 'progress', key: data.key, event, name: data.name });
    });
    if (outcome.status === 'failed') {
      const reason = `${outcome.error.kind}: ${outcome.error.message}`;
      // A bad input or an infeasible county fails the same way every time: no retry.
      throw outcome.error.kind === 'internal' ? new Error(reason) : new UnrecoverableError(reason);
    }
    const stored: StoredResult = { outcome, attempts: job.attemptsStarted || 1 };
    await redis.set(resultKey(data.key), pack(JSON.stringify(stored)), 'EX', RESULT_TTL_S, 'NX');
    return { key: data.key, stored: false };
  };
  const worker = new Worker<QueuedCounty>(QUEUE_NAME, processJob, {
    connection: redis,
    prefix: BULL_PREFIX,
    concurrency: pool.threads,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
  });
  worker.on('failed', (job, error) => {
    if (job) onEvent({ type: 'retry', key: job.data.key, attempt: job.attemptsStarted, error: error.message, name: job.data.name });
  });
  worker.on('error', (error) => onEvent({ type: 'status', message: `worker: ${error.message}` }));
  await worker.waitUntilReady();
  return {
    concurrency: pool.threads,
    async close() {
      await worker.close();
      await pool.close();
      redis.disconnect();
    },
  };
}
