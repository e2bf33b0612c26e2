/** Shared CLI plumbing: error exit codes and writing outputs safely. Progress is in progress.ts. */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InfeasibleError, InputError } from '@postroute/core';
import { removeStaleTemporaries, temporaryName, writeFlushed } from './leftovers.js';

export { createProgress } from './progress.js';

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

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOENT: 'no such folder',
  EISDIR: 'it is a folder',
};

export function outputError(path: string, option: string, error: unknown, what: string): InputError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // mkdir under /proc and the like says ENOENT for a parent that is there: nothing can be made.
  const why = what === 'create the folder' && code === 'ENOENT' ? 'the system allows no folder there' : WHY[code] ?? (code || String(error));
  return new InputError(`${option} ${path}: cannot ${what} (${why})`, {}, `give ${option} a folder you can write to`);
}

/**
 * Checks before any work that `folder` is a folder we can write to, or can be made (its nearest
 * existing ancestor is a folder we can write to), so that a bad `--out` fails at once. Nothing is
 * made here (an interrupted run leaves no new empty folder): `makeFolders` does it when writing.
 * `shown` is how the error names the output.
 */
export function checkFolder(folder: string, option = '--out', shown = folder): void {
  const path = resolve(folder);
  let at = path;
  for (;;) {
    let stats;
    try {
      stats = statSync(at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(at) !== at) {
        at = dirname(at);
        continue;
      }
      throw outputError(shown, option, error, 'write to');
    }
    if (!stats.isDirectory()) {
      throw new InputError(`${option} ${shown}: ${at === resolve(shown) ? 'is a file' : `${at} is a file`}, not a folder`, {}, `give ${option} a folder (or a new name)`);
    }
    break;
  }
  // Permission bits do not tell everything (root, read-only mounts, /proc): try a real file.
  const probe = join(at, `.postroute-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (error) {
    throw outputError(shown, option, error, at === path ? 'write to' : 'create the folder');
  }
}

/**
 * Makes the missing folders of `path`, one level at a time: Node's recursive mkdir spins forever
 * under /proc (it retries a parent that reports ENOENT), so it is never used here.
 */
export function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let at = resolve(path); dirname(at) !== at; at = dirname(at)) {
    try {
      statSync(at);
      break;
    } catch {
      missing.unshift(at);
    }
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Checks an output file path: its folder must be writable, and the path itself not a folder. */
export function prepareFile(path: string, option = '--out'): void {
  if (path === '-') return;
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    // Not there yet: fine.
  }
  if (isFolder) throw new InputError(`${option} ${path}: is a folder, not a file`, {}, `give ${option} a file name, e.g. ${join(path, 'out.json')}`);
  checkFolder(dirname(path), option);
}

/**
 * Writes several files so that each is either wholly new or untouched: all are written to
 * temporary names in their own folders first (`.NAME.postroute-PID.tmp`, flushed to disk), and
 * renamed only once every one is complete. A failure while writing removes the temporary files
 * and leaves the old outputs as they were. Temporary files that an interrupted run left beside an
 * output (its process gone, or older than a day) are removed first.
 */
export function writeFilesAtomic(files: readonly { path: string; text: string }[], option = '--out'): void {
  for (const file of files) removeStaleTemporaries(file.path);
  const written: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      makeFolders(dirname(file.path));
      const temp = temporaryName(file.path, process.pid);
      written.push({ temp, path: file.path });
      rmSync(temp, { force: true });
      writeFlushed(temp, file.text);
    }
  } catch (error) {
    for (const { temp } of written) rmSync(temp, { force: true });
    throw outputError(files[written.length - 1]?.path ?? '', option, error, 'write');
  }
  for (const { temp, path } of written) renameSync(temp, path);
}

/** Writes text to a file (atomically, its folder checked and made) or to stdout when no path is given. */
export function writeOutput(text: string, path?: string): void {
  if (path === undefined || path === '-') {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  prepareFile(path);
  writeFilesAtomic([{ path, text }]);
}

/**
 * Writes binary chunks to `path` as one file, atomically: to a temporary name in the same folder
 * first, renamed only when complete, so a failure leaves the old file (or none) as it was.
 */
export function writeChunksAtomic(path: string, chunks: readonly Uint8Array[], option = '--out'): void {
  prepareFile(path, option);
  removeStaleTemporaries(path);
  const temp = temporaryName(path, process.pid);
  try {
    makeFolders(dirname(path));
    const fd = openSync(temp, 'w');
    try {
      for (const chunk of chunks) {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw outputError(path, option, error, 'write');
  }
}
