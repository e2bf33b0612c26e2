/**
 * `postroute worker --queue redis://host:6379`: takes county jobs that `postroute batch --queue`
 * put on the queue, runs each on this machine's thread pool and stores the result in Redis, until
 * stopped (SIGINT or SIGTERM: running jobs finish first; a second signal stops at once, and the
 * jobs it held go back to the queue when their lock expires).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { QUEUE_SETTINGS, startQueueWorker, type BatchEvent } from '@postroute/core';

interface WorkerArgs {
  queue: string;
  concurrency?: number;
  quiet: boolean;
}

const command: CommandModule<object, WorkerArgs> = {
  command: 'worker',
  describe: 'take county jobs from a Redis queue filled by `postroute batch --queue` (run it on any number of machines)',
  builder: (yargs: Argv<object>) => yargs
    .option('queue', { type: 'string', demandOption: true, describe: 'Redis address, e.g. redis://10.0.0.5:6379' })
    .option('concurrency', { type: 'number', describe: 'counties at once, each on its own thread (default: one per core)' })
    .check((argv) => {
      if (argv.concurrency !== undefined && !(Number.isInteger(argv.concurrency) && argv.concurrency >= 1)) throw new Error('--concurrency must be a whole number ≥ 1');
      return true;
    }) as unknown as Argv<WorkerArgs>,
  handler: async (args: ArgumentsCamelCase<WorkerArgs>) => {
    const log = (line: string): void => { if (!args.quiet) process.stderr.write(`${line}\n`); };
    const steps = new Map<string, string>();
    let lastStatus = '';
    let lastStatusAt = 0;
    const onEvent = (event: BatchEvent & { name?: string }): void => {
      const who = event.type === 'status' ? '' : `${event.name ?? event.key.slice(0, 12)}: `;
      if (event.type === 'start') log(`[worker] ${who}started (attempt ${event.attempt})`);
      else if (event.type === 'retry') log(`[worker] ${who}attempt ${event.attempt} failed: ${event.error}`);
      else if (event.type === 'status') {
        // While Redis is away BullMQ repeats the same error many times a second: once in 10 s is enough.
        const now = Date.now();
        if (event.message === lastStatus && now - lastStatusAt < 10_000) return;
        lastStatus = event.message;
        lastStatusAt = now;
        log(`[worker] ${event.message}`);
      }
      else if (steps.get(event.key) !== event.event.step) {
        steps.set(event.key, event.event.step);
        log(`[worker] ${who}${event.event.step}`);
      }
    };
    const worker = await startQueueWorker(args.queue, { ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}), onEvent });
    log(`[worker] taking jobs from ${args.queue} with ${worker.concurrency} thread${worker.concurrency === 1 ? '' : 's'} (lock ${QUEUE_SETTINGS.lockDurationMs / 1000} s, stalled check every ${QUEUE_SETTINGS.stalledIntervalMs / 1000} s)`);
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (): void => {
        if (stopping) process.exit(130);
        stopping = true;
        log('[worker] stopping: running jobs finish first (signal again to stop at once)');
        worker.close().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};

export default command;
