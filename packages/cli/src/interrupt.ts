/**
 * Ctrl-C and SIGTERM during a long command. The route search is synchronous and would hold off a
 * signal handler until it ends, so plan, solve and batch run on a worker thread of this process
 * (the same command line, the same stdout and stderr) while the main thread only waits and
 * listens for signals. On the first SIGINT or SIGTERM it stops the worker, removes what the
 * interrupted write left (its temporary report folder or file; a report renamed aside is put
 * back), says on stderr what was and was not written, and exits 130 (SIGINT) or 143 (SIGTERM).
 * A second signal ends the process at once.
 *
 * A command announces each output before any work (`registerOutput`); whether it was replaced is
 * read from the disk afterwards: a committed swap gives the path a new inode.
 */
import { readdirSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { recoverFolder, removeStaleTemporaries } from './leftovers.js';

/** Commands that run on a worker thread, so that a signal is answered at once. */
const SUPERVISED = new Set(['plan', 'solve', 'batch']);

export interface OutputNote {
  kind: 'folder' | 'file';
  path: string;
  /**
   * A report folder whose unfinished part is kept when the run stops early, for the next run to
   * take up (batch: one subfolder per finished county); the word for one such part.
   */
  keepUnfinished?: { one: string; many: string };
}

interface Registered extends OutputNote {
  /** The inode before the run (null: not there). */
  inode: number | null;
}

const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

function inodeOf(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

/** Tells the supervising thread (if any) about an output, before any work. */
export function registerOutput(output: OutputNote): void {
  if (isMainThread || parentPort === null || !(workerData as { supervised?: boolean } | null)?.supervised) return;
  parentPort.postMessage({ type: 'output', output: { ...output, inode: inodeOf(output.path) } satisfies Registered });
}

/** Whether this command line should run supervised (on a worker thread). */
export function needsSupervision(args: readonly string[]): boolean {
  if (!isMainThread) return false;
  const command = args.find((arg) => !arg.startsWith('-'));
  return command !== undefined && SUPERVISED.has(command) && !args.includes('--help') && !args.includes('-h');
}

/**
 * In the worker: stdout and stderr written straight to the process's file descriptors. A worker's
 * own streams pass through its event loop, which the synchronous search holds for seconds, so
 * progress would arrive only at the end; and the terminal checks of the progress display see the
 * real stderr.
 */
export function adoptStdio(): void {
  const data = workerData as { supervised?: boolean; stderrTty?: boolean; columns?: number } | null;
  if (isMainThread || !data?.supervised) return;
  for (const [stream, fd] of [[process.stdout, 1], [process.stderr, 2]] as const) {
    stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean => {
      writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      (typeof encoding === 'function' ? encoding : callback)?.();
      return true;
    }) as typeof stream.write;
  }
  if (data.stderrTty) Object.assign(process.stderr, { isTTY: true, columns: data.columns ?? 80, rows: 24 });
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `buffer` to `fd`, waiting while a full pipe says EAGAIN; a closed reader ends the writing. */
function writeAll(fd: number, buffer: Buffer): void {
  let rest = buffer;
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 5);
      else if (code === 'EPIPE') return;
      else throw error;
    }
  }
}

/** Puts right what the interrupted write left of one output, and says whether it was replaced. */
function settle(output: Registered): { shown: string; replaced: boolean; existed: boolean; kind: Registered['kind']; kept: string } {
  let kept = '';
  if (output.kind === 'folder') {
    const unfinished = join(dirname(resolve(output.path)), `.${basename(resolve(output.path))}.postroute-new-${process.pid}`);
    const parts = output.keepUnfinished ? subfolders(unfinished) : 0;
    recoverFolder(output.path, true, parts > 0);
    if (parts > 0) kept = `; ${parts === 1 ? `the finished ${output.keepUnfinished!.one} is` : `the ${parts} finished ${output.keepUnfinished!.many} are`} kept for the next run`;
  } else {
    removeStaleTemporaries(output.path, true);
  }
  const now = inodeOf(output.path);
  const shown = output.kind === 'folder' ? `${output.path.replace(/\/+$/, '')}/` : output.path;
  return { shown, replaced: now !== null && now !== output.inode, existed: output.inode !== null, kind: output.kind, kept };
}

function subfolders(path: string): number {
  try {
    return readdirSync(path, { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;
  } catch {
    return 0;
  }
}

/** The one line said on an interruption: what was and was not written. */
function interruptedLine(outputs: readonly Registered[]): string {
  const settled = outputs.map(settle);
  if (settled.length === 0) return 'interrupted: nothing written';
  const done = settled.filter((output) => output.replaced);
  if (done.length > 0) return `interrupted: ${done.map((output) => output.kind === 'folder' ? `the new report in ${output.shown}` : `the new ${output.shown}`).join(' and ')} had been written before the signal`;
  const what = settled.map((output) => (output.existed ? (output.kind === 'folder' ? `the previous report in ${output.shown} is unchanged` : `the previous ${output.shown} is unchanged`) : `${output.shown} was not created`) + output.kept);
  return `interrupted: ${settled[0]!.kind === 'folder' ? 'no report written' : 'nothing written'} (${what.join('; ')})`;
}

/**
 * Runs this very script (`script`, main.js) on a worker thread with the same arguments and waits;
 * resolves with the exit code to use. Signals are handled here.
 */
export function runSupervised(script: URL, args: readonly string[]): Promise<number> {
  return new Promise((done) => {
    const outputs: Registered[] = [];
    const worker = new Worker(script, {
      argv: [...args],
      workerData: { supervised: true, stderrTty: Boolean(process.stderr.isTTY), columns: process.stderr.columns },
    });
    let interrupted: keyof typeof SIGNAL_CODES | null = null;
    worker.on('message', (message: { type: string; output?: Registered }) => {
      if (message.type === 'output' && message.output) outputs.push(message.output);
    });
    worker.on('error', (error) => {
      process.stderr.write(`postroute: internal error: ${error instanceof Error ? error.message : String(error)}\nRun again with --debug for details, and please report it.\n`);
      done(1);
    });
    worker.on('exit', (code) => {
      if (interrupted === null) {
        // A command that failed half way (an error while writing) leaves no temporary folder or file.
        for (const output of outputs) settle(output);
        done(code);
        return;
      }
      // On a terminal the line starts below the progress bar the worker was drawing.
      process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${interruptedLine(outputs)}\n`);
      // Exit now rather than when the event loop drains: a second signal arriving while Node tears
      // down would otherwise meet no handler and kill the process with no exit code (seen in CI).
      process.exit(SIGNAL_CODES[interrupted]);
    });
    const onSignal = (signal: keyof typeof SIGNAL_CODES): void => {
      // The second signal: end now, whatever is left.
      if (interrupted !== null) process.exit(SIGNAL_CODES[signal]);
      interrupted = signal;
      void worker.terminate();
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
  });
}
