/**
 * Solving threads for the VROOM service (piscina): a fixed number of threads, each solving one
 * request at a time, and a bounded queue in front of them; past it, `solve` answers `busy` at
 * once, so that a server can say 503 instead of piling requests up.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { VroomAnswer, VroomTask } from './thread.js';

const threadUrl = new URL('./thread.js', import.meta.url);

/** A pool of solving threads with a bounded queue. */
export interface VroomPool {
  readonly threads: number;
  readonly queueSize: number;
  /** Requests solving now and waiting. */
  readonly running: number;
  readonly queued: number;
  /** Solves one request, or answers `busy` when every thread is taken and the queue is full. */
  solve(task: VroomTask): Promise<VroomAnswer | { ok: false; busy: true }>;
  /** Lets the running and queued requests finish, then stops the threads. */
  close(): Promise<void>;
}

/**
 * @example
 * const pool = createVroomPool({ threads: 2, queue: 8 });
 * const answer = await pool.solve({ text, source: 'request', timeLimit: 5, seed: 1 });
 */
export function createVroomPool(options: { threads: number; queue: number }): VroomPool {
  if (!existsSync(fileURLToPath(threadUrl)))
    throw new Error(`the service's thread module ${fileURLToPath(threadUrl)} is missing: build @postroute/core (tsc -b) and run from dist/`);
  const threads = Math.max(1, Math.floor(options.threads));
  const queueSize = Math.max(0, Math.floor(options.queue));
  const piscina = new Piscina<VroomTask, VroomAnswer>({
    filename: threadUrl.href, minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: 1, idleTimeout: 60_000,
  });
  // Counted here rather than by piscina's queue, so that the bound is exact and synchronous.
  let inFlight = 0;
  return {
    threads,
    queueSize,
    get running() {
      return Math.min(inFlight, threads);
    },
    get queued() {
      return Math.max(0, inFlight - threads);
    },
    async solve(task) {
      if (inFlight >= threads + queueSize) return { ok: false, busy: true };
      inFlight++;
      try {
        return await piscina.run(task);
      } catch (error) {
        return { ok: false, input: false, message: error instanceof Error ? error.message : String(error) };
      } finally {
        inFlight--;
      }
    },
    close: () => piscina.close(),
  };
}
