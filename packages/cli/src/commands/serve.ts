/**
 * `postroute serve`: the VROOM service (server.ts) on a port; SIGTERM or SIGINT let the requests
 * being solved finish, then the process exits.
 */
import { availableParallelism } from 'node:os';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError } from '@postroute/core';
import type { createServer as CreateServer } from '../server.js';

interface ServeArgs {
  port: number;
  host: string;
  timeLimit: number;
  threads?: number;
  queue: number;
  bodyLimit: number;
  seed: number;
}

const command: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'serve VROOM\'s JSON over HTTP: POST / solves, GET /health (docs/vroom.md)',
  builder: (yargs: Argv<object>) => yargs
    .option('port', { type: 'number', default: 3000, describe: 'port to listen on (0: any free port)' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on (0.0.0.0: every interface)' })
    .option('time-limit', { type: 'number', default: 5, describe: 'seconds per request, and the most a request may ask for (?time_limit=s)' })
    .option('threads', { type: 'number', describe: 'solving threads (default: one per core)' })
    .option('queue', { type: 'number', default: 8, describe: 'requests that may wait for a thread; more are answered 503' })
    .option('body-limit', { type: 'number', default: 10, describe: 'largest request body, MB (larger: 413)' })
    .option('seed', { type: 'number', default: 1, describe: 'random seed of every solve' })
    .check((argv) => {
      const a = argv as unknown as ServeArgs;
      if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535) throw new InputError('--port must be a whole number 0–65535');
      if (!(a.timeLimit > 0)) throw new InputError('--time-limit must be a positive number of seconds');
      if (a.threads !== undefined && !(Number.isInteger(a.threads) && a.threads > 0)) throw new InputError('--threads must be a positive whole number');
      if (!(Number.isInteger(a.queue) && a.queue >= 0)) throw new InputError('--queue must be a whole number ≥ 0');
      if (!(a.bodyLimit > 0)) throw new InputError('--body-limit must be a positive number of MB');
      return true;
    }) as unknown as Argv<ServeArgs>,
  handler: async (args: ArgumentsCamelCase<ServeArgs>) => {
    // Fastify is loaded here, not with the command list: every other command would pay for it at start-up.
    const { createServer }: { createServer: typeof CreateServer } = await import('../server.js');
    const { app } = createServer({
      timeLimit: args.timeLimit, threads: args.threads ?? availableParallelism(), queue: args.queue,
      bodyLimit: Math.round(args.bodyLimit * 1024 * 1024), seed: args.seed,
    });
    const address = await app.listen({ port: args.port, host: args.host });
    process.stderr.write(`postroute: serving VROOM's JSON on ${address} (POST /, GET /health)\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        process.stderr.write(`postroute: ${signal}: finishing the requests in progress\n`);
        // close() stops accepting, waits for the requests in flight, then closes the pool.
        void app.close().then(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  },
};

export default command;
