/** Shared CLI plumbing: error exit codes and writing outputs safely. Progress is in progress.ts. */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InfeasibleError, InputError } from '@postroute/core';

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

function outputError(path: string, option: string, error: unknown, what: string): InputError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // mkdir under /proc and the like says ENOENT for a parent that is there: nothing can be made.
  const why = what === 'create the folder' && code === 'ENOENT' ? 'the system allows no folder there' : WHY[code] ?? (code || String(error));
  return new InputError(`${option} ${path}: cannot ${what} (${why})`, {}, `give ${option} a folder you can write to`);
}

/**
 * Checks that `folder` is, or can be made, a writable folder, and makes it; before any work, so a
 * bad `--out` fails at once. Folders are made one level at a time: Node's recursive mkdir spins
 * forever under /proc (it retries a parent that reports ENOENT), so it is never used here.
 */
export function prepareFolder(folder: string, option = '--out'): void {
  const missing: string[] = [];
  let at = resolve(folder);
  for (;;) {
    let stats;
    try {
      stats = statSync(at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(at) !== at) {
        missing.unshift(at);
        at = dirname(at);
        continue;
      }
      throw outputError(folder, option, error, 'write to');
    }
    if (!stats.isDirectory()) {
      throw new InputError(`${option} ${folder}: ${at === resolve(folder) ? 'is a file' : `${at} is a file`}, not a folder`, {}, `give ${option} a folder (or a new name)`);
    }
    break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw outputError(folder, option, error, 'create the folder');
    }
  }
  // Permission bits do not tell everything (root, read-only mounts, /proc): try a real file.
  const probe = join(resolve(folder), `.postroute-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (error) {
    throw outputError(folder, option, error, 'write to');
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
  prepareFolder(dirname(path), option);
}

/**
 * Writes several files so that each is either wholly new or untouched: all are written to
 * temporary names in their own folders first, and renamed only once every one is complete. A
 * failure while writing removes the temporary files and leaves the old outputs as they were.
 */
export function writeFilesAtomic(files: readonly { path: string; text: string }[], option = '--out'): void {
  const written: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      const temp = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
      written.push({ temp, path: file.path });
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, file.text);
      } finally {
        closeSync(fd);
      }
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
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      for (const chunk of chunks) {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw outputError(path, option, error, 'write');
  }
}
