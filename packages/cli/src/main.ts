#!/usr/bin/env node
/**
 * The postroute command line. It parses arguments, reads files, shows progress and writes
 * outputs; every decision lives in @postroute/core.
 */
import { readFileSync } from 'node:fs';
import yargs, { type Argv, type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { InfeasibleError, InputError } from '@postroute/core';
import { exitWithError } from './output.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The command names, from `plan <plan>` → `plan`. */
const names = commands.map((command) => String(command.command).split(' ')[0] as string);

/** `postroute help plan` is `postroute plan --help`; `postroute help` is `postroute --help`. */
function expandHelp(args: string[]): string[] {
  if (args[0] !== 'help') return args;
  const topic = args[1];
  if (topic === undefined) return ['--help'];
  if (!names.includes(topic)) {
    process.stderr.write(`postroute: no command "${topic}"; the commands are ${names.join(', ')}\n`);
    process.exit(2);
  }
  return [topic, '--help'];
}

/** yargs' own wording for a few usage mistakes, said the way the rest of postroute says things. */
function usageMessage(message: string): string {
  const missing = /^Not enough arguments following: (\S+)$/.exec(message);
  if (missing) return `--${missing[1]} needs a value`;
  return message;
}

/** An option given twice (`--seed 1 --seed 2`) is a mistake, not "the last one wins". */
function rejectRepeated(argv: Record<string, unknown>): true {
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || key === '$0' || /[A-Z]/.test(key) || !Array.isArray(value)) continue;
    const flag = key.length === 1 ? `-${key}` : `--${key}`;
    throw new InputError(`${flag} is given ${value.length} times (${value.map(String).join(', ')})`, {}, `give ${flag} once`);
  }
  return true;
}

/**
 * Every option that takes a value needs one: `--seed` at the end of the line is a mistake, not
 * "use the default". Applied to each command's options here, so the commands need not say it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withValuesRequired(command: CommandModule<any, any>): CommandModule<any, any> {
  const builder = command.builder;
  if (typeof builder !== 'function') return command;
  return {
    ...command,
    builder: (y) => {
      const built = (builder(y) ?? y) as Argv;
      const options = (built as unknown as { getOptions(): { string: string[]; number: string[]; choices: Record<string, unknown> } }).getOptions();
      const keys = [...new Set([...options.string, ...options.number, ...Object.keys(options.choices)])].filter((key) => key !== 'help' && key !== 'version');
      return keys.length > 0 ? built.requiresArg(keys) : built;
    },
  };
}

async function main(): Promise<void> {
  let cli = yargs(expandHelp(hideBin(process.argv)))
    .scriptName('postroute')
    .usage('$0 <command> [options]\n\nRun `postroute help <command>` (or `postroute <command> --help`) for its options.')
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress or log lines on stderr' })
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces for internal errors' })
    .demandCommand(1, 'Give a command, e.g. `postroute plan examples/county/plan.json` (see `postroute --help`).')
    .strict()
    .check(rejectRepeated, true)
    .help()
    .alias('h', 'help')
    .version(version)
    .alias('v', 'version')
    .epilogue('Exit codes: 0 ok, 1 internal error, 2 bad input or usage, 3 infeasible (or, with plan --strict, not comparable).')
    .wrap(Math.min(110, process.stderr.columns ?? 100))
    .fail((message, error) => {
      // yargs passes a message for usage and `.check()` failures, and none for errors thrown by
      // a command's handler: those keep their own type (input, infeasible, internal).
      if (error && (message === null || error instanceof InputError || error instanceof InfeasibleError)) throw error;
      // Usage mistakes: one line, exit 2.
      process.stderr.write(`postroute: ${usageMessage(message ?? error?.message ?? 'usage error')} (run \`postroute --help\` for usage)\n`);
      process.exit(2);
    });
  cli = cli.command('help [command]', 'show the options of a command, with units and defaults', () => {}, () => {});
  for (const command of commands) cli = cli.command(withValuesRequired(command));
  await cli.parseAsync();
}

main().catch((error: unknown) => exitWithError(error, process.argv.includes('--debug')));
