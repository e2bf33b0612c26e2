/**
 * The embedded executor: county jobs on a pool of worker threads on this machine (piscina), one
 * thread per core unless told otherwise, no setup. The queue worker uses the same pool, so that
 * the plan's long synchronous search never blocks the thread that keeps its queue lock alive.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ProgressEvent } from '../util/progress.js';
import { jobError, type CountyJob, type CountyOutcome } from './job.js';
import type { ThreadTask } from './thread.js';

const threadUrl = new URL('./thread.js', import.meta.url);

/** A pool of threads that each run one county job at a time. */
export interface CountyPool {
  readonly threads: number;
  /**
   * Runs one job; never rejects: a crashed thread comes back as a failed outcome (internal).
   * `onProgress` gets `{ step: 'start' }` when a thread takes the job, then the plan's own steps.
   */
  run(job: CountyJob, onProgress?: (event: ProgressEvent) => void): Promise<CountyOutcome>;
  /** Stops the threads once the running jobs are done. */
  close(): Promise<void>;
}

/**
 * Starts a pool of `threads` worker threads (default: one per core).
 *
 * @example
 * const pool = createCountyPool({ threads: 2 });
 * const outcome = await pool.run(job);
 * await pool.close();
 */
export function createCountyPool(options: { threads?: number; generatedBy?: string } = {}): CountyPool {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  if (!existsSync(fileURLToPath(threadUrl))) {
    throw new Error(`the pool's thread module ${fileURLToPath(threadUrl)} is missing: build @postroute/core (tsc -b) and run from dist/`);
  }
  const piscina = new Piscina<ThreadTask, CountyOutcome>({
    filename: threadUrl.href,
    minThreads: threads,
    maxThreads: threads,
    // A county holds the pool thread for its whole plan; a queue of tasks waits for a free one.
    concurrentTasksPerWorker: 1,
    idleTimeout: 1000,
  });
  return {
    threads,
    async run(job, onProgress) {
      const task: ThreadTask = { job, ...(options.generatedBy ? { generatedBy: options.generatedBy } : {}) };
      let channel: MessageChannel | undefined;
      if (onProgress) {
        channel = new MessageChannel();
        channel.port1.on('message', (event: ProgressEvent) => onProgress(event));
        task.port = channel.port2;
      }
      try {
        return await piscina.run(task, channel ? { transferList: [channel.port2] } : {});
      } catch (error) {
        // The thread died (out of memory, a native crash): a failed outcome, which may be retried.
        return { key: job.key, status: 'failed', error: jobError(error), seconds: 0 };
      } finally {
        channel?.port1.close();
      }
    },
    close: () => piscina.destroy(),
  };
}

/** Events of a batch run, for the CLI's progress lines. */
export type BatchEvent =
  | { type: 'start'; key: string; attempt: number }
  | { type: 'progress'; key: string; event: ProgressEvent }
  | { type: 'retry'; key: string; attempt: number; error: string }
  | { type: 'status'; message: string };

/**
 * Runs every job on the pool, all queued at once, and hands each outcome to `onOutcome` as soon
 * as it is there (in completion order: the merge puts them back in province order). A job that
 * fails for an internal reason is run again, up to `attempts` times in all; a bad input or an
 * infeasible county is not, as it would fail the same way.
 *
 * @example
 * await runOnPool(jobs, pool, { attempts: 3, onOutcome: (outcome, attempts) => write(outcome) });
 */
export async function runOnPool(
  jobs: readonly CountyJob[],
  pool: CountyPool,
  options: { attempts?: number; onOutcome: (outcome: CountyOutcome, attempts: number) => void | Promise<void>; onEvent?: (event: BatchEvent) => void },
): Promise<void> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const onEvent = options.onEvent ?? (() => {});
  await Promise.all(jobs.map(async (job) => {
    let outcome: CountyOutcome;
    let attempt = 0;
    do {
      attempt++;
      if (attempt > 1 && outcome!.status === 'failed') onEvent({ type: 'retry', key: job.key, attempt, error: outcome!.error.message });
      outcome = await pool.run(job, (event) => {
        onEvent(event.step === 'start' ? { type: 'start', key: job.key, attempt } : { type: 'progress', key: job.key, event });
      });
    } while (outcome.status === 'failed' && outcome.error.kind === 'internal' && attempt < attempts);
    await options.onOutcome(outcome, attempt);
  }));
}
