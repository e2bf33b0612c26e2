/**
 * The worker threads the islands run on (islands.ts), kept between searches. Starting a worker
 * costs its module graph and a cold JIT: a plan of dozens of small searches (a two-tier weekly
 * plan: one per office and day) spent most of its time starting threads (5.8 s on two threads
 * against 1.1 s on one). So a worker, once started, waits for the next island's job, and the
 * workers end when the scope that kept them ends:
 *
 * - `openSearchThreads()` opens a scope (`planNetwork` opens one for the whole plan); searches
 *   within it take their workers from the pool and give them back, and the pool's workers end
 *   when the last scope closes (`close()` resolves once they have exited);
 * - a search outside any scope ends its workers when it returns, as if it had its own scope.
 *
 * A worker is a plain `worker_threads` thread, not piscina's: the calling thread is island 0 and
 * searches synchronously, so it cannot turn an event loop to hand out tasks or take promises;
 * jobs go out and outcomes come back on a port read with `receiveMessageOnPort`. A worker keeps
 * nothing from one job to the next but its compiled code (each job builds its own search from its
 * problem and seed), so a reused worker gives the same island as a new one. Idle workers are
 * unref'd: a scope left open never keeps the process alive.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

/** A worker of the pool and the port its jobs go out and its outcomes come back on. */
export interface PooledWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** Resolves when the thread has exited. */
  readonly exited: Promise<void>;
}

const idle: PooledWorker[] = [];
let openScopes = 0;
let live = 0;
let started = 0;
let searches = 0;
/** Workers told to end and not yet exited (a scope's close waits for them too). */
const ending = new Set<Promise<void>>();

/** Worker threads of islands started and not yet exited. */
export function liveIslandWorkers(): number {
  return live;
}

/** Worker threads of islands started, and searches that ran on them, in this thread's lifetime (for tests: a scope starts each worker once). */
export function islandPoolStats(): { started: number; searches: number } {
  return { started, searches };
}

/** A scope of searches that share worker threads (`openSearchThreads`). */
export interface SearchThreads {
  /** Ends the scope; when it was the last, the pool's workers end, and this resolves once they have exited. */
  close(): Promise<void>;
}

/**
 * Opens a scope within which searches on several threads keep their worker threads for the next
 * search. Close it in a `finally`: no worker is left once the last scope is closed.
 *
 * @example
 * const threads = openSearchThreads();
 * try { for (const p of problems) solve(p, { threads: 4, seed: 1 }); } finally { await threads.close(); }
 */
export function openSearchThreads(): SearchThreads {
  openScopes++;
  let closed = false;
  return {
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      openScopes--;
      if (openScopes > 0) return Promise.resolve();
      void shutDown(idle.splice(0));
      return Promise.all(ending).then(() => undefined);
    },
  };
}

/** Runs `body` within a scope of shared worker threads (`openSearchThreads`), closed when it settles. */
export async function withSearchThreads<T>(body: () => Promise<T>): Promise<T> {
  const scope = openSearchThreads();
  try {
    return await body();
  } finally {
    await scope.close();
  }
}

/** `count` workers for one search: idle ones first, then new ones. */
export function takeWorkers(count: number): PooledWorker[] {
  searches++;
  const taken = idle.splice(Math.max(0, idle.length - count));
  while (taken.length < count) taken.push(startWorker());
  return taken;
}

/**
 * Gives back the workers of a search. `clean`: each has posted its outcome and waits for the next
 * job; otherwise (an error, an abort) they may still be searching and are ended. Outside any scope
 * they end too.
 */
export function giveBack(workers: readonly PooledWorker[], clean: boolean): void {
  if (clean && openScopes > 0) idle.push(...workers);
  else void shutDown(workers);
}

function shutDown(workers: readonly PooledWorker[]): Promise<void> {
  return Promise.all(workers.map(({ worker, port, exited }) => {
    port.close();
    void worker.terminate();
    ending.add(exited);
    void exited.then(() => ending.delete(exited));
    return exited;
  })).then(() => undefined);
}

function startWorker(): PooledWorker {
  const channel = new MessageChannel();
  const worker = new Worker(workerUrl(), { workerData: { port: channel.port2 }, transferList: [channel.port2] });
  live++;
  started++;
  const exited = new Promise<void>((done) => worker.once('exit', () => {
    live--;
    done();
  }));
  // A job's error is posted on its port (island-worker.ts); this keeps a crash from being unhandled.
  worker.on('error', () => undefined);
  worker.unref();
  return { worker, port: channel.port1, exited };
}

/** The compiled worker module beside this one, or, when running from the sources (tests), the built one. */
function workerUrl(): URL {
  const here = new URL('./island-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../../../dist/vrp/search/kernel/island-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`the search thread module ${fileURLToPath(here)} is missing: build @postroute/core (tsc -b)`);
}
