/**
 * Job keys: a county's result is stored under a key derived from the content of its inputs, so
 * the same county with the same data, seed and time limit has the same key on every machine, a
 * retried job finds its own result, and a rerun of the batch skips what is already done.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parsePlanFile } from '../plan/file/plan-file.js';
import type { CountyJob } from './job.js';

/** Bump when the stored result's shape changes, so old stored results are not read as new ones. */
export const RESULT_FORMAT = 1;

let packageVersion: string | undefined;
/** The version of @postroute/core (src/ and dist/ are both two folders below package.json). */
export function engineVersion(): string {
  if (packageVersion === undefined) {
    try {
      packageVersion = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }).version ?? 'unknown');
    } catch {
      packageVersion = 'unknown';
    }
  }
  return packageVersion;
}

/** SHA-256 of a text, hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The key of a county job: SHA-256 over the parsed plan (with each file path replaced by the
 * hash of that file's content, so moving or renaming a file keeps the key), the seed and time
 * limit in force, the engine version and the result format. Throws the plan's own `InputError`
 * when plan.json is not valid.
 *
 * @example
 * const key = countyJobKey({ plan, roads, places, baseline });  // "3f1c…" (64 hex digits)
 */
export function countyJobKey(job: Omit<CountyJob, 'key'>): string {
  const spec = parsePlanFile(job.plan.text, job.plan.path);
  const content = {
    format: RESULT_FORMAT,
    engine: engineVersion(),
    plan: {
      ...spec,
      roads: { format: spec.roads.format, sha256: contentHash(job.roads.text) },
      places: { format: spec.places.format, sha256: contentHash(job.places.text) },
      baseline: spec.baseline && job.baseline ? { format: spec.baseline.format, sha256: contentHash(job.baseline.text) } : null,
    },
    seed: job.seed ?? spec.seed,
    timeLimit: job.timeLimit ?? spec.timeLimit,
  };
  return contentHash(canonicalJson(content));
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
