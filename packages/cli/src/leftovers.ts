/**
 * What an interrupted write leaves behind, and putting it right. Temporary names carry the
 * writer's process id; a leftover is one whose process is gone or that is older than a day (or,
 * after an interruption, this process's own). Only node:fs here: the supervising thread
 * (interrupt.ts) uses it without loading the rest of postroute.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const DAY_MS = 24 * 3600 * 1000;

/** Whether a process of this id runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Leftovers of `name` in `parent` ("new" or "old" folders), with their process ids. */
function leftovers(parent: string, name: string): { path: string; kind: 'new' | 'old'; pid: number }[] {
  const pattern = new RegExp(`^\\.${escape(name)}\\.postroute-(new|old)-(\\d+)$`);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const match = pattern.exec(entry);
    return match ? [{ path: join(parent, entry), kind: match[1] as 'new' | 'old', pid: Number(match[2]) }] : [];
  });
}

/**
 * The newest unfinished new folder of `folder` whose process is gone (killed, or interrupted and
 * kept for the next run), or null.
 */
export function unfinishedFolder(folder: string): string | null {
  const path = resolve(folder);
  const found = leftovers(dirname(path), basename(path))
    .filter((leftover) => leftover.kind === 'new' && leftover.pid !== process.pid && !processAlive(leftover.pid))
    .map((leftover) => ({ path: leftover.path, at: statSync(leftover.path).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  return found[0]?.path ?? null;
}

/** Removes the files in `folder` whose names match `pattern` (its first group the writer's process id) and are stale. */
function removeStaleFiles(folder: string, pattern: RegExp, ours: boolean): void {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = pattern.exec(entry);
    const full = join(folder, entry);
    if (match && stale(full, Number(match[1]), ours)) rmSync(full, { force: true });
  }
}

/** A leftover belongs to no running postroute: its process is gone, it is ours, or it is old. */
function stale(path: string, pid: number, ours: boolean): boolean {
  if (ours ? pid === process.pid : !processAlive(pid)) return true;
  if (pid === process.pid) return false;
  try {
    return Date.now() - statSync(path).mtimeMs > DAY_MS;
  } catch {
    return false;
  }
}

/**
 * Puts back what an interrupted swap of `folder` left: a stale "old" folder becomes `folder` again
 * when `folder` is absent (the swap never committed), every other stale leftover is removed.
 * `ours`: the leftovers of this very process count as stale (after an interrupted write);
 * `keepOurs`: but our unfinished new folder is kept, for the next run to take up (batch).
 */
export function recoverFolder(folder: string, ours = false, keepOurs = false): void {
  const path = resolve(folder);
  const found = leftovers(dirname(path), basename(path))
    .filter((leftover) => stale(leftover.path, leftover.pid, ours) && !(keepOurs && leftover.kind === 'new' && leftover.pid === process.pid));
  for (const leftover of found.filter((item) => item.kind === 'old')) {
    if (!exists(path)) renameSync(leftover.path, path);
  }
  for (const leftover of found) rmSync(leftover.path, { recursive: true, force: true });
  removeStaleProbes(dirname(path), ours);
  removeStaleProbes(path, ours);
}

/**
 * Removes the `.postroute-probe-PID` files (output.ts's check that a folder takes a file) that a
 * process killed between creating and removing one left in `folder`.
 */
export function removeStaleProbes(folder: string, ours = false): void {
  removeStaleFiles(folder, /^\.postroute-probe-(\d+)$/, ours);
}

export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `text` to a new file and flushes it to disk before returning. */
export function writeFlushed(path: string, text: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The temporary name of an output file while it is written: in its folder, hidden, with the process id. */
export function temporaryName(path: string, pid: number): string {
  return join(dirname(path), `.${basename(path)}.postroute-${pid}.tmp`);
}

/**
 * Removes the temporary files of `path` that no running process writes: ours after an
 * interruption (`ours`), or those whose process is gone or that are older than a day. Also the
 * `.NAME.PID.tmp` names of earlier versions.
 */
export function removeStaleTemporaries(path: string, ours = false): void {
  const folder = dirname(resolve(path));
  const name = escape(basename(path));
  const pattern = new RegExp(`^\\.${name}\\.(?:postroute-)?(\\d+)\\.tmp$`);
  removeStaleFiles(folder, pattern, ours);
}
