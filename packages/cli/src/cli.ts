/**
 * The postroute command line (main.ts starts it, on a worker thread for the long commands). It
 * parses arguments, reads files, shows progress and writes outputs; every decision lives in
 * @postroute/core.
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

/** The closest of `candidates` to a mistyped `word` (at most a third of its letters off), if any. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) { best = candidate; bestDistance = distance; }
  }
  return best;
}

/** Levenshtein distance, for suggestions between a few dozen short words. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

function usageExit(message: string, command?: string): never {
  const help = command !== undefined && names.includes(command) ? `postroute ${command} --help` : 'postroute --help';
  process.stderr.write(`postroute: ${message} (run \`${help}\` for usage)\n`);
  process.exit(2);
}

/**
 * `postroute help plan` is `postroute plan --help`; `postroute help` is `postroute --help`. A
 * first word that is no command is "unknown command", with the nearest command when one is close.
 */
function expandHelp(args: string[]): string[] {
  const first = args[0];
  if (first !== undefined && !first.startsWith('-') && first !== 'help' && !names.includes(first)) {
    const near = closest(first, names);
    usageExit(`unknown command "${first}"${near ? ` (did you mean "${near}"?)` : ''}; the commands are ${names.join(', ')}`);
  }
  if (first !== 'help') return args;
  const topic = args[1];
  if (topic === undefined) return ['--help'];
  if (!names.includes(topic)) {
    process.stderr.write(`postroute: no command "${topic}"; the commands are ${names.join(', ')}\n`);
    process.exit(2);
  }
  return [topic, '--help'];
}

/** The options of the command being run, recorded by its builder: for "did you mean". */
let knownOptions: string[] = ['quiet', 'debug', 'help', 'version'];

/** The text an option was given with on the command line (`--time-limit abc` → "abc"). */
function rawValue(key: string, args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === `--${key}`) return args[i + 1];
    if (arg.startsWith(`--${key}=`)) return arg.slice(key.length + 3);
  }
  return undefined;
}

/**
 * yargs' own wording for usage mistakes, said the way the rest of postroute says things, on one
 * line: an unknown option with the nearest known one, a missing argument by its name, a value
 * outside the choices with the choices.
 */
function usageMessage(message: string, args: readonly string[]): string {
  const missing = /^Not enough arguments following: (\S+)$/.exec(message);
  if (missing) return `--${missing[1]} needs a value`;
  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (unknown) {
    const given = unknown[1]!.split(', ');
    // yargs lists --tme-limit twice, as tme-limit and tmeLimit.
    const words = given.filter((word) => !given.some((other) => other !== word && other.includes('-') && other.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) === word));
    return words.map((word) => {
      const isOption = args.some((arg) => arg === `--${word}` || arg.startsWith(`--${word}=`) || arg === `-${word}` || arg === `--no-${word}`);
      if (!isOption) return `unexpected argument "${word}"`;
      const near = closest(word, knownOptions.filter((option) => option.length > 1 && !/[A-Z]/.test(option)));
      return `unknown option ${word.length === 1 ? '-' : '--'}${word}${near ? ` (did you mean --${near}?)` : ''}`;
    }).join('; ');
  }
  const count = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(message);
  if (count) {
    const command = commands.find((candidate) => String(candidate.command).split(' ')[0] === args[0]);
    const wanted = command ? String(command.command).split(' ').slice(1).join(' ') : '';
    return wanted ? `${args[0]} needs ${wanted}: \`postroute ${String(command!.command)}\`` : 'give a command, e.g. `postroute plan examples/county/plan.json`';
  }
  const choices = /^Invalid values:\s*Argument: (\S+), Given: (.*), Choices: (.*)$/s.exec(message.trim());
  if (choices) return `--${choices[1]} ${choices[2]!.trim()} is not one of ${choices[3]!.replace(/\s+/g, ' ').trim()}`;
  const required = /^Missing required arguments?: (.*)$/s.exec(message);
  if (required) return `${required[1]!.split(', ').map((name) => `--${name}`).join(', ')} ${required[1]!.includes(',') ? 'are' : 'is'} required`;
  return message.replace(/\s*\n\s*/g, '; ');
}

/**
 * A number option given as something else (`--time-limit abc`) is "not a number", and one beyond
 * any figure (`--seed 1e999`) "too large", with the text as typed: yargs has made them NaN and
 * Infinity, which the commands' own checks would show as "got NaN".
 */
function rejectNotNumbers(argv: Record<string, unknown>): void {
  const args = hideBin(process.argv);
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || key === '$0' || /[A-Z]/.test(key) || typeof value !== 'number' || Number.isFinite(value)) continue;
    const flag = key.length === 1 ? `-${key}` : `--${key}`;
    const raw = rawValue(key, args) ?? String(value);
    if (Number.isNaN(value)) throw new InputError(`${flag} ${JSON.stringify(raw)} is not a number`, {}, `give ${flag} a number, e.g. ${flag} 30`);
    throw new InputError(`${flag} ${raw} is too large`, {}, `give ${flag} a figure`);
  }
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
      knownOptions = [...new Set([...knownOptions, ...Object.keys((options as unknown as { key: Record<string, unknown> }).key)])];
      const keys = [...new Set([...options.string, ...options.number, ...Object.keys(options.choices)])].filter((key) => key !== 'help' && key !== 'version');
      return keys.length > 0 ? built.requiresArg(keys) : built;
    },
  };
}

async function main(): Promise<void> {
  const args = expandHelp(hideBin(process.argv));
  let cli = yargs(args)
    .scriptName('postroute')
    .usage('$0 <command> [options]\n\nRun `postroute help <command>` (or `postroute <command> --help`) for its options.')
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress or log lines on stderr' })
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces for internal errors' })
    .demandCommand(1, 'give a command, e.g. `postroute plan examples/county/plan.json`')
    .strict()
    .check(rejectRepeated, true)
    .middleware(rejectNotNumbers, true)
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
      usageExit(usageMessage(message ?? error?.message ?? 'usage error', args), args[0]);
    });
  cli = cli.command('help [command]', 'show the options of a command, with units and defaults', () => {}, () => {});
  for (const command of commands) cli = cli.command(withValuesRequired(command));
  await cli.parseAsync();
}

main().catch((error: unknown) => exitWithError(error, process.argv.includes('--debug')));
