/**
 * Every text file the CLI reads goes through `decodeFile`: UTF-8 (with or without a byte-order
 * mark), UTF-16, or Windows-1252 with a warning naming the file (core's `decodeText` decides).
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError, decodeText } from '@postroute/core';

/** Warnings are printed once per file, even when a file is read twice. */
const warned = new Set<string>();

/**
 * The text of a file's bytes; a file that is not UTF-8 is read as Windows-1252 and said so on
 * stderr (`postroute: warning: places.csv is not UTF-8: read as Windows-1252 …`).
 *
 * @example
 * const text = decodeFile(readFileSync('places.csv'), 'places.csv');
 */
export function decodeFile(bytes: Uint8Array, source: string): string {
  const decoded = decodeText(bytes, source);
  if (decoded.note !== undefined && !warned.has(source)) {
    warned.add(source);
    process.stderr.write(`postroute: warning: ${decoded.note}\n`);
  }
  return decoded.text;
}

/** The same, as a callback for core readers that decode files themselves (roads). */
export function warnNote(note: string): void {
  process.stderr.write(`postroute: warning: ${note}\n`);
}

/** The text of a file the user named; `what` says which ("problem", "instance", …) in the message. */
export function readText(path: string, what: string): string {
  try {
    return decodeFile(readFileSync(path), path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${what} file not found` : `cannot read ${what} file (${code ?? String(error)})`, { source: path }, 'check the path');
  }
}

/** A file beside an input that may be there (a `.sol`, a `bks.csv`): its text, or undefined. */
export const readIfExists = (path: string): string | undefined => (existsSync(path) ? decodeFile(readFileSync(path), path) : undefined);
