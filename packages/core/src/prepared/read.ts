/**
 * Roads from a file of any kind postroute takes: a prepared network (`.prn`, told by its first
 * bytes, not its name), or raw roads as `readRoads` reads them.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
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
  return decodePrepared(readFileSync(path), source);
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
