/**
 * A county's folder in a batch's output: the county's report files and its `job.json` (the key of
 * its inputs, its figures and map outline), so that a rerun with the same inputs can take the
 * result from the folder instead of planning the county again.
 */
import { PLAN_REPORT_FILES } from '../report/files.js';
import type { CountyOutcome } from './job.js';

/** What a county folder's job.json holds (the report files sit beside it). */
interface JobRecord {
  key: string;
  status: 'done' | 'failed';
  summary?: unknown;
  overview?: unknown;
  error?: unknown;
  seconds?: number;
}

/**
 * The files of a county's folder: its report files (when it is done) and job.json; with
 * `deterministic` the run time is left out, so reruns write the same bytes.
 *
 * @example
 * for (const file of countyFolderFiles(outcome, false)) writeFileSync(join(folder, file.name), file.text);
 */
export function countyFolderFiles(outcome: CountyOutcome, deterministic: boolean): { name: string; text: string }[] {
  const record: JobRecord = outcome.status === 'done'
    ? { key: outcome.key, status: 'done', summary: outcome.summary, overview: outcome.overview, ...(deterministic ? {} : { seconds: outcome.seconds }) }
    : { key: outcome.key, status: 'failed', error: outcome.error };
  const files = outcome.status === 'done' ? [...outcome.files] : [];
  files.push({ name: 'job.json', text: `${JSON.stringify(record, null, 2)}\n` });
  return files;
}

/**
 * The outcome stored in a county folder by an earlier run, when its job.json has the same key
 * and the county was done; null otherwise. `readFile` reads one of the folder's report files by
 * name (and may throw when it is missing: then there is no stored outcome either).
 *
 * @example
 * const stored = storedCountyOutcome(readFileSync('out/andorra/job.json', 'utf8'), key, (name) => readFileSync(`out/andorra/${name}`, 'utf8'));
 */
export function storedCountyOutcome(jobJson: string, key: string, readFile: (name: string) => string): CountyOutcome | null {
  try {
    const record = JSON.parse(jobJson) as JobRecord;
    if (record.key !== key || record.status !== 'done') return null;
    const files = PLAN_REPORT_FILES.map((name) => ({ name, text: readFile(name) }));
    return { key, status: 'done', summary: record.summary as never, overview: record.overview as never, files, seconds: record.seconds ?? 0 };
  } catch {
    return null;
  }
}
