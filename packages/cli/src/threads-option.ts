/**
 * `--threads N` of `solve` and `plan`: how many worker threads each route search runs on
 * (islands of the genetic search, docs/routing.md). Default: every core of the machine
 * (`os.availableParallelism()`), so the output depends on the machine unless --threads is given.
 */
import { availableParallelism } from 'node:os';
import { InputError, MAX_THREADS } from '@postroute/core';

/** The yargs option. */
export const threadsYargs = {
  type: 'number',
  describe: 'worker threads for the route search (default: the machine\'s cores); the same input, seed, iteration limit and threads give the same output',
} as const;

/** The thread count to search on: --threads as given (checked), else the machine's cores. */
export function threadsArg(threads: number | undefined): number {
  if (threads === undefined) return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS)
    throw new InputError(`--threads must be a whole number from 1 to ${MAX_THREADS}, got ${String(threads)}`, { field: 'threads' });
  return threads;
}
