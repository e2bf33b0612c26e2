/**
 * Roads from a file of any kind postroute takes: a prepared network (`.prn`, told by its first
 * bytes, not its name), or raw roads as `readRoads` reads them.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readRoads, parseRoads, type ReadRoadsOptions } from '../io/roads.js';
import { decodePrepared, isPreparedBytes, type RoadsInput } from './prepare.js';

/**
 * Reads roads or a prepared network.
 *
 * @example
 * const roads = await readRoadsInput('county.prn');
 * const network = networkFromRoads(roads, { source: 'county.prn' });
 */
export async function readRoadsInput(path: string, options: ReadRoadsOptions = {}): Promise<RoadsInput> {
  if (!startsPrepared(path)) return readRoads(path, options);
  const source = options.source ?? path;
  options.onProgress?.({ step: 'read', message: `loading the prepared network ${source}` });
  return decodePrepared(readShared(path), source);
}

/**
 * The whole file in shared memory: the matrix's worker threads then read the loaded hierarchy
 * and graph where they lie, instead of a copy of them made for sharing (0.2 GB on the county).
 */
function readShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    // A file cut short while read is cut short here too, and the loader says so.
    return done === size ? bytes : bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * The same for bytes already in memory (a batch job's roads).
 *
 * @example
 * const roads = await parseRoadsInput(bytes, 'county.prn');
 */
export async function parseRoadsInput(bytes: Uint8Array, source: string): Promise<RoadsInput> {
  return isPreparedBytes(bytes) ? decodePrepared(bytes, source) : parseRoads(bytes, source);
}

function startsPrepared(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false; // readRoads gives the located error
  }
  try {
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    return isPreparedBytes(head.subarray(0, n));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}
