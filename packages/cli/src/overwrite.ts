/**
 * Outputs never replace inputs. Every command that writes calls `refuseOverwrite` with the files
 * it reads (for plan and batch also every file plan.json or province.json names) and the outputs
 * it is about to write, before any work; an output that would replace an input is bad input,
 * exit 2, one line naming both and saying how to pick another name. The decision lives here only.
 *
 * Paths are compared after resolving symbolic links (of the file, or of its folder when the file
 * is not there yet), so `out/../p.json`, a link to p.json and p.json are one file. A report folder
 * is replaced whole (report-folder.ts), so it may hold no input at all, at any depth, and may not
 * be the folder the command runs in or one above it.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '@postroute/core';

/** A file the command reads: the option (or plan.json field) it came from, and its path. */
export interface NamedInput {
  /** How the user named it: "--problem", "the baseline named in plan.json", … */
  what: string;
  path: string;
}

/** An output: one file, or a report folder that is replaced whole. */
export interface NamedOutput {
  /** The option that names it: "--out", "--geojson". */
  option: string;
  path: string;
  kind: 'file' | 'folder';
  /** The output is written beside this one, under a name derived from it (cover's GeoJSON). */
  besideOf?: string;
}

/** The real path of `path`: links resolved for the longest part that exists. */
export function realPath(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return join(realpathSync(at), ...missing);
    } catch {
      if (dirname(at) === at) return absolute;
      missing.unshift(basename(at));
      at = dirname(at);
    }
  }
}

/** Whether `inner` is `outer` or lies under it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** Another name beside `path` for the hint: p.json → p-out.json. */
function otherName(path: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-out${ext}`;
}

/**
 * Throws an InputError when an output is empty, would replace one of the inputs, would swap away
 * the working folder, or is given twice. Inputs that do not exist are skipped (their reader says so).
 */
export function refuseOverwrite(inputs: readonly NamedInput[], outputs: readonly NamedOutput[]): void {
  for (const output of outputs) {
    if (output.path.trim() === '') {
      throw new InputError(`${output.option} is empty`, {}, `give ${output.option} a ${output.kind === 'folder' ? 'folder' : 'file'} name, e.g. ${output.option} ${output.kind === 'folder' ? 'report-out' : 'out.json'}`);
    }
  }
  const realInputs = inputs.filter((input) => input.path !== '' && input.path !== '-' && existsSync(input.path)).map((input) => ({ ...input, real: realPath(input.path) }));
  const seen = new Map<string, NamedOutput>();
  for (const output of outputs) {
    if (output.path === '-') continue;
    const real = realPath(output.path);
    const twice = seen.get(real);
    if (twice) throw new InputError(`${output.option} ${output.path} and ${twice.option} ${twice.path} are the same file`, {}, `give ${output.option} another name`);
    seen.set(real, output);
    if (output.kind === 'file') {
      const input = realInputs.find((candidate) => candidate.real === real);
      if (input && output.besideOf !== undefined) {
        throw new InputError(`${output.option} ${output.besideOf} writes its GeoJSON to ${output.path}, which would replace the input ${input.what} ${input.path}`, {}, `give --geojson a name of its own, e.g. --geojson ${otherName(output.path)}`);
      }
      if (input) {
        throw new InputError(`${output.option} ${output.path} would replace the input ${input.what} ${input.path}`, {}, `give ${output.option} another name, e.g. ${output.option} ${otherName(output.path)}`);
      }
      continue;
    }
    const input = realInputs.find((candidate) => within(candidate.real, real));
    if (input) {
      throw new InputError(`${output.option} ${output.path} holds the input ${input.what} ${input.path}, and a report replaces its folder whole`, {}, `give the report a folder of its own, e.g. ${output.option} ${join(output.path, 'report-out')}`);
    }
    if (within(realPath(process.cwd()), real)) {
      throw new InputError(`${output.option} ${output.path} is the folder you are in${real === realPath(process.cwd()) ? '' : ' (or one above it)'}, and a report replaces its folder whole`, {}, `give the report a folder of its own, e.g. ${output.option} report-out`);
    }
  }
}
