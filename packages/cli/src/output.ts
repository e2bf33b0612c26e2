/** Shared CLI plumbing: error exit codes, progress on stderr, writing outputs. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import cliProgress from 'cli-progress';
import { InfeasibleError, InputError, type ProgressCallback } from '@postroute/core';

/** Exit codes: 0 ok, 1 internal error, 2 bad input or usage, 3 infeasible or unroutable. */
export const EXIT = { ok: 0, internal: 1, input: 2, infeasible: 3 } as const;

export function exitWithError(error: unknown, debug = false): never {
  if (error instanceof InputError) {
    process.stderr.write(`postroute: error: ${error.describe()}\n`);
    process.exit(EXIT.input);
  }
  if (error instanceof InfeasibleError) {
    process.stderr.write(`postroute: infeasible: ${error.describe()}\n`);
    process.exit(EXIT.infeasible);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`postroute: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('Run again with --debug for details, and please report it.\n');
  process.exit(EXIT.internal);
}

/**
 * A progress reporter for stderr: a bar on a TTY, sparse log lines otherwise, nothing when quiet.
 * Call `done()` when the work ends so the bar is cleared.
 */
export function createProgress(quiet: boolean): { onProgress: ProgressCallback; done: () => void } {
  if (quiet) return { onProgress: () => {}, done: () => {} };
  const tty = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | undefined;
  let currentStep = '';
  let lastLog = 0;
  const onProgress: ProgressCallback = (event) => {
    if (tty && event.total !== undefined) {
      if (!bar || event.step !== currentStep) {
        bar?.stop();
        bar = new cliProgress.SingleBar(
          { format: `${event.step} [{bar}] {percentage}% {value}/{total} {message}`, stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total, event.done ?? 0, { message: event.message ?? '' });
        currentStep = event.step;
      } else {
        bar.update(event.done ?? 0, { message: event.message ?? '' });
      }
      return;
    }
    const now = Date.now();
    const finished = event.total !== undefined && event.done === event.total;
    if (event.step !== currentStep || finished || now - lastLog > 2000) {
      currentStep = event.step;
      lastLog = now;
      const count = event.total !== undefined ? ` ${event.done ?? 0}/${event.total}` : '';
      process.stderr.write(`[${event.step}]${count}${event.message ? ` ${event.message}` : ''}\n`);
    }
  };
  return { onProgress, done: () => { bar?.stop(); bar = undefined; } };
}

/** Writes text to a file (creating folders) or to stdout when no path is given. */
export function writeOutput(text: string, path?: string): void {
  if (path === undefined || path === '-') {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
