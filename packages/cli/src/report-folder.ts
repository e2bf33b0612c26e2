/**
 * A report folder is swapped whole. The new report is written into a sibling folder
 * `.NAME.postroute-new-PID`; only when every file is written (and flushed to disk) is the old
 * folder renamed aside (`.NAME.postroute-old-PID`) and the new one renamed to NAME — that last
 * rename is the commit point — and the old one removed. So a reader, a crash or a `kill -9` finds
 * NAME wholly old or wholly new; the one instant between the two renames, when NAME is absent and
 * the old report sits beside it, is put back by the next run (`recoverFolder`).
 *
 * What an interrupted run leaves behind is recognised by name and age: a `.NAME.postroute-*-PID`
 * folder whose process is gone, or older than a day, is removed by the next run (an old one
 * without NAME beside it is renamed back first); nothing else is touched.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '@postroute/core';
import { checkFolder, makeFolders, outputError } from './output.js';
import { exists, fsyncPath, recoverFolder, unfinishedFolder, writeFlushed } from './leftovers.js';

export interface ReportFolderOptions {
  option?: string;
  /** Whether an entry of an existing report folder is part of a report (else the folder is refused). */
  isReportEntry: (name: string, isFolder: boolean) => boolean;
  /**
   * Take up the unfinished new folder of a run that was interrupted or killed (batch: the counties
   * it finished), so that `read` finds its files; whatever this run does not write again is left
   * out of the report at `commit`.
   */
  resume?: boolean;
}

/** A report being written: `write` its files, then `commit`, or `abandon` on failure. */
export class ReportFolder {
  readonly path: string;
  readonly staging: string;
  private readonly option: string;
  private made = false;
  /** Top-level entries written by this run: the report is exactly these. */
  private readonly written = new Set<string>();

  constructor(readonly folder: string, options: ReportFolderOptions) {
    this.option = options.option ?? '--out';
    this.path = resolve(folder);
    this.staging = join(dirname(this.path), `.${basename(this.path)}.postroute-new-${process.pid}`);
    const unfinished = options.resume ? unfinishedFolder(this.path) : null;
    if (unfinished !== null) {
      renameSync(unfinished, this.staging);
      this.made = true;
    }
    recoverFolder(this.path);
    checkReportFolder(folder, this.path, this.option, options.isReportEntry);
  }

  /** The folders in which an earlier result may be found: the previous report, then an unfinished one taken up. */
  get earlier(): string[] {
    return this.made ? [this.path, this.staging] : [this.path];
  }

  /** Writes one file of the new report (`name` may hold subfolders: scenarios/x/summary.json). */
  write(name: string, text: string): void {
    try {
      this.makeStaging();
      const target = join(this.staging, name);
      mkdirSync(dirname(target), { recursive: true });
      // A file taken up from an unfinished run is written again whole.
      rmSync(target, { force: true });
      writeFlushed(target, text);
      this.written.add(name.split(/[\\/]/)[0] as string);
    } catch (error) {
      this.abandon();
      throw outputError(this.folder, this.option, error, 'write');
    }
  }

  private makeStaging(): void {
    if (this.made) return;
    makeFolders(dirname(this.path));
    mkdirSync(this.staging);
    this.made = true;
  }

  /** Swaps the new report in: after this, the folder is wholly the new report. */
  commit(): void {
    this.makeStaging();
    for (const entry of readdirSync(this.staging)) if (!this.written.has(entry)) rmSync(join(this.staging, entry), { recursive: true, force: true });
    const aside = join(dirname(this.path), `.${basename(this.path)}.postroute-old-${process.pid}`);
    fsyncPath(this.staging);
    const previous = exists(this.path);
    if (previous) renameSync(this.path, aside);
    renameSync(this.staging, this.path);
    fsyncPath(dirname(this.path));
    if (previous) rmSync(aside, { recursive: true, force: true });
    this.made = false;
  }

  /** Removes the unfinished new report; the previous one was never touched. */
  abandon(): void {
    rmSync(this.staging, { recursive: true, force: true });
    this.made = false;
  }
}

/**
 * Before any work: the folder is a folder (or can be made), and an existing folder holds nothing
 * but a report, since it is replaced whole. Nothing is created yet, so an interrupted run leaves
 * no new empty folder.
 */
function checkReportFolder(folder: string, path: string, option: string, isReportEntry: ReportFolderOptions['isReportEntry']): void {
  if (!isFolder(path)) {
    checkFolder(path, option, folder);
    return;
  }
  const foreign = readdirSync(path, { withFileTypes: true })
    // Temporary files of earlier versions, which renamed file by file, go with the old report.
    .filter((entry) => !isReportEntry(entry.name, entry.isDirectory()) && !/^\..+\.\d+\.tmp$|\.tmp-\d+$/.test(entry.name))
    .map((entry) => entry.name);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, … (${foreign.length} in all)` : '');
    throw new InputError(`${option} ${folder} holds files that are not part of a report (${shown}), and a report replaces its folder whole`, {}, `move them, or give ${option} a new folder or one that holds only an earlier report`);
  }
  // The new report is made beside it, and the old one renamed aside: its parent must take both.
  checkFolder(dirname(path), option, folder);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
