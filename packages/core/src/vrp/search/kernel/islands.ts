/**
 * Every core: the genetic search as islands on worker threads. Island 0 is the calling thread;
 * islands 1 … N−1 run the same engine on the same problem with their own seeds, each on a worker
 * thread of this process (a pool keeps them between searches: island-pool.ts). Every
 * `exchangeEvery` iterations each island sends its best individual to every other island and
 * takes in theirs of the exchange before, in island order, as new members of its population. An
 * island waits only for the messages of that earlier exchange (so it may run up to one exchange
 * ahead of the others), and an island that stopped sends its last best instead, so the exchanges
 * never deadlock, and what an island sees depends only on the iteration counts: under iteration
 * limits the result is the same for a seed and a thread count, run after run.
 *
 * Measured against parallel education (one population, offspring educated on the workers): the
 * islands need no message per offspring, no shared population and no order of arrival, so they
 * stay deterministic without locks; an exchange every hundred iterations or more costs nothing
 * measurable (EXCHANGE_EVERY).
 *
 * The calling thread blocks while it searches (the search is synchronous); messages between
 * islands are read with `receiveMessageOnPort`, waiting on a shared counter with `Atomics.wait`.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { InputError } from '../../../errors.js';
import { IMPROVEMENT } from './genetic.js';
import { giveBack, takeWorkers } from './island-pool.js';

/** The kinds of search an island can run (the worker looks them up by this name). */
export type IslandKind = 'daily' | 'periodic' | 'carp';

/** What a worker needs to run its island: the engine's kind, the problem and the options (no functions). */
export interface IslandJob {
  kind: IslandKind;
  problem: unknown;
  options: Record<string, unknown>;
}

/** What an island found, as children (routes; patterns and routes) that any island can price. */
export interface IslandOutcome<C> {
  /** Best feasible child and its cost, or null. */
  feasible: { child: C; cost: number } | null;
  /** Least penalised child (priced at its island's penalties), or null. */
  overall: { child: C; penalisedCost: number } | null;
  /** Iterations (offspring) of the island; of all islands together after `runIslands`. */
  iterations: number;
}

/** Messages of the exchanges: a best child, and whether the sender has stopped. */
interface Post<C> {
  best: C | null;
  stopped: boolean;
}

/** Where an island's mail counter and abort flag live in the shared buffer (Int32 slots). */
const ABORT = 0;
const mailSlot = (island: number): number => 1 + island;

/** An island's side of the exchanges, handed to the genetic search. */
export class IslandLink<C> {
  readonly index: number;
  readonly count: number;
  readonly every: number;
  /** Milliseconds since the epoch when island 0 started (time limits hold for all islands from then). */
  readonly startedAt: number;
  private readonly shared: Int32Array;
  /** Per other island, the port to it (null for this island itself). */
  private readonly ports: (MessagePort | null)[];
  private readonly peerStopped: boolean[];
  private finished = false;
  /** Exchanges this island has taken part in. */
  private exchanges = 0;

  constructor(init: IslandLinkInit) {
    this.index = init.index;
    this.count = init.ports.length;
    this.every = init.every;
    this.startedAt = init.startedAt;
    this.shared = new Int32Array(init.shared);
    this.ports = init.ports;
    this.peerStopped = init.ports.map((p) => p === null);
  }

  /** True when another island stopped on a limit that ends every island (time, a rule of the caller's). */
  aborted(): boolean {
    return Atomics.load(this.shared, ABORT) !== 0;
  }

  /**
   * Sends `best` to every island still searching, then returns theirs of the exchange before
   * (none at the first), in island order. Taking the previous exchange's bests lets an island run
   * up to a whole exchange ahead of a slower one (a thread the machine gives less time) instead of
   * waiting for it at every exchange; what it takes is still fixed by the iteration counts.
   */
  exchange(best: C | null): C[] {
    this.post({ best, stopped: false });
    const migrants: C[] = [];
    if (++this.exchanges <= EXCHANGE_LAG) return migrants;
    for (let j = 0; j < this.count; j++) {
      if (this.peerStopped[j]) continue;
      const post = this.receive(j);
      if (post.stopped) this.peerStopped[j] = true;
      if (post.best !== null) migrants.push(post.best);
    }
    return migrants;
  }

  /**
   * The island stops: its last best goes to the others (who may still wait for it); `endAll` when
   * it stopped on the clock or a caller's rule, which end every island.
   */
  finish(best: C | null, endAll: boolean): void {
    if (this.finished) return;
    this.finished = true;
    if (endAll) Atomics.store(this.shared, ABORT, 1);
    this.post({ best, stopped: true });
    // The others may be waiting on an exchange; the abort flag is read between iterations.
    for (let j = 0; j < this.count; j++) Atomics.notify(this.shared, mailSlot(j));
  }

  /** Ends every island at its next iteration (on an error, or when the caller is interrupted). */
  abortAll(): void {
    Atomics.store(this.shared, ABORT, 1);
    for (let j = 0; j < this.count; j++) Atomics.notify(this.shared, mailSlot(j));
  }

  /** Closes this island's ports to the others (a pooled worker outlives its search). */
  close(): void {
    for (const port of this.ports) port?.close();
  }

  private post(post: Post<C>): void {
    for (let j = 0; j < this.count; j++) {
      const port = this.ports[j];
      if (port === null || port === undefined || this.peerStopped[j]) continue;
      port.postMessage(post);
      Atomics.add(this.shared, mailSlot(j), 1);
      Atomics.notify(this.shared, mailSlot(j));
    }
  }

  private receive(j: number): Post<C> {
    const port = this.ports[j]!;
    const slot = mailSlot(this.index);
    for (;;) {
      const seen = Atomics.load(this.shared, slot);
      const got = receiveMessageOnPort(port);
      if (got !== undefined) return got.message as Post<C>;
      // After an abort, a peer that failed may never post again.
      if (this.aborted()) return { best: null, stopped: true };
      // A peer that stops posts its last best; the timeout only guards a lost wake-up.
      Atomics.wait(this.shared, slot, seen, 1000);
    }
  }
}

/** How a worker builds its island's link (structured-cloned into the worker). */
export interface IslandLinkInit {
  index: number;
  every: number;
  startedAt: number;
  shared: SharedArrayBuffer;
  ports: (MessagePort | null)[];
}

/** The most threads a search may ask for (a guard against a typo, not a machine's limit). */
export const MAX_THREADS = 256;

/** Exchanges by which an island's migrants lag: exchange k takes the others' bests of exchange k − lag. */
export const EXCHANGE_LAG = 1;

/**
 * Iterations between two exchanges of the islands' best individuals, per engine. The daily
 * search exchanges every 100: at equal wall time on two cores (30 s, 8 X instances of 260-366
 * customers, nothing else running; benchmarks/vrp/README.md, "How often the islands meet") the
 * mean gap over seeds 1-4 was 0.478 % every 100 against 0.566 % every 500 (better on 21 of 32
 * runs, with 8 % more iterations), and on seeds 1-2 0.484 % every 25 and 0.557 % every 2,000:
 * islands that meet often act as one population bred about twice as fast, which at these budgets
 * counts for more than keeping them apart. The weekly and arc-routing searches were not measured
 * so and keep 500.
 */
export const EXCHANGE_EVERY: Readonly<Record<IslandKind, number>> = { daily: 100, periodic: 500, carp: 500 };

/** The seed of island `index` for a run seeded `seed` (island 0 keeps it: one thread is today's search). */
export function islandSeed(seed: number, index: number): number {
  return index === 0 ? seed : (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(index, 0x85ebca6b)) | 0;
}

/** The time limit left to an island that starts later than island 0. */
export function islandTimeLimit(timeLimit: number | undefined, link: IslandLink<unknown> | undefined): number | undefined {
  if (timeLimit === undefined || link === undefined || link.index === 0) return timeLimit;
  return Math.max(1e-3, timeLimit - (Date.now() - link.startedAt) / 1000);
}

/** Options of `runIslands`. */
export interface IslandRunOptions {
  threads: number;
  /** Iterations between exchanges. */
  every: number;
}

/**
 * Runs `threads` islands: `local` on this thread as island 0, the others on worker threads with
 * `job`; returns the best of all (lowest cost, then lowest island) and their iterations together.
 * Its workers come from the pool (island-pool.ts) and go back to it, or end when it throws.
 */
export function runIslands<C>(job: IslandJob, options: IslandRunOptions, local: (link: IslandLink<C>) => IslandOutcome<C>): IslandOutcome<C> {
  const n = options.threads;
  const shared = new SharedArrayBuffer(4 * (1 + n));
  const ports: (MessagePort | null)[][] = Array.from({ length: n }, () => new Array<MessagePort | null>(n).fill(null));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const channel = new MessageChannel();
      ports[i]![j] = channel.port1;
      ports[j]![i] = channel.port2;
    }
  }
  const startedAt = Date.now();
  const init = (index: number): IslandLinkInit => ({ index, every: options.every, startedAt, shared, ports: ports[index]! });
  const link = new IslandLink<C>(init(0));
  const workers = takeWorkers(n - 1);
  let clean = false;
  try {
    workers.forEach(({ port }, k) => {
      const island = init(k + 1);
      port.postMessage({ job, link: island }, island.ports.filter((p): p is MessagePort => p !== null));
    });
    const outcomes: IslandOutcome<C>[] = [local(link)];
    for (const { port } of workers) outcomes.push(awaitOutcome<C>(port, shared));
    clean = true;
    return best(outcomes);
  } catch (error) {
    link.abortAll();
    throw error;
  } finally {
    giveBack(workers, clean);
    for (const row of ports) for (const port of row) port?.close();
  }
}

/** Waits for a worker's outcome (or its error) on its result port. */
function awaitOutcome<C>(port: MessagePort, shared: SharedArrayBuffer): IslandOutcome<C> {
  const wake = new Int32Array(shared);
  for (;;) {
    const got = receiveMessageOnPort(port);
    if (got !== undefined) {
      const message = got.message as { outcome?: IslandOutcome<C>; error?: { message: string; stack?: string } };
      if (message.error) throw Object.assign(new Error(`a search thread failed: ${message.error.message}`), { stack: message.error.stack });
      return message.outcome!;
    }
    // Workers post the outcome and then notify slot 0 (the abort slot: waiting on it costs nothing).
    Atomics.wait(wake, ABORT, Atomics.load(wake, ABORT), 5);
  }
}

function best<C>(outcomes: IslandOutcome<C>[]): IslandOutcome<C> {
  let feasible: IslandOutcome<C>['feasible'] = null;
  let overall: IslandOutcome<C>['overall'] = null;
  let iterations = 0;
  for (const o of outcomes) {
    iterations += o.iterations;
    if (o.feasible && (feasible === null || o.feasible.cost < feasible.cost - IMPROVEMENT)) feasible = o.feasible;
    if (o.overall && (overall === null || o.overall.penalisedCost < overall.penalisedCost - IMPROVEMENT)) overall = o.overall;
  }
  return { feasible, overall, iterations };
}

/**
 * Searches smaller than this (stops; required edges of an arc-routing problem) run on one thread
 * whatever the thread count: one thread finds their best plan in milliseconds, and handing a job
 * to a worker, waiting for its outcome and the exchanges would cost more than the search (a
 * two-tier weekly plan runs dozens of searches of one to three stops). The rule reads the problem
 * only, so the result stays the same for an input, a seed and a thread count: for such a search,
 * the one-thread result.
 */
export const SMALL_SEARCH = 20;

/**
 * `search` on `threads` islands (`runIslands`), or alone on this thread for one thread or a
 * search of fewer than `SMALL_SEARCH` stops (`size`). The workers get the problem and the options
 * without their functions (progress, a caller's stopping rule): those act on island 0, and a
 * caller's rule or a time limit that stops one island stops all.
 */
export function searchOnThreads<C>(
  kind: IslandKind,
  problem: unknown,
  size: number,
  options: { threads?: number | undefined },
  search: (link: IslandLink<C> | undefined) => IslandOutcome<C>,
): IslandOutcome<C> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS)
    throw new InputError(`threads must be a whole number from 1 to ${MAX_THREADS}, got ${String(threads)}`, { field: 'threads' });
  if (threads === 1 || size < SMALL_SEARCH) return search(undefined);
  const data = Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== 'function'));
  return runIslands<C>({ kind, problem, options: data }, { threads, every: EXCHANGE_EVERY[kind] }, search);
}
