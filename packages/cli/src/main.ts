#!/usr/bin/env node
/**
 * The postroute command line. It parses arguments, reads files, shows progress and writes
 * outputs; every decision lives in @postroute/core.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { InfeasibleError, InputError } from '@postroute/core';
import { exitWithError } from './output.js';

async function main(): Promise<void> {
  let cli = yargs(hideBin(process.argv))
    .scriptName('postroute')
    .usage('$0 <command> [options]')
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress or log lines on stderr' })
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces for internal errors' })
    .demandCommand(1, 'Give a command, e.g. `postroute graph --roads roads.geojson`.')
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stderr.columns ?? 100))
    .fail((message, error) => {
      // yargs passes a message for usage and `.check()` failures, and none for errors thrown by
      // a command's handler: those keep their own type (input, infeasible, internal).
      if (error && (message === null || error instanceof InputError || error instanceof InfeasibleError)) throw error;
      // Usage mistakes: one line, exit 2.
      process.stderr.write(`postroute: ${message ?? error?.message}\nRun \`postroute --help\` for usage.\n`);
      process.exit(2);
    });
  for (const command of commands) cli = cli.command(command);
  await cli.parseAsync();
}

main().catch((error: unknown) => exitWithError(error, process.argv.includes('--debug')));
