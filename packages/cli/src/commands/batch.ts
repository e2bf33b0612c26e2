/**
 * `postroute batch province.json --out dir/`: every county of a province as its own plan job, on
 * a thread pool here (default) or on a Redis queue (`--queue redis://host:6379`, with
 * `postroute worker` taking the jobs on any machine), and a merged province report. The command
 * reads the files, shows progress and writes the outputs; running and merging are core's.
 *
 * Output: one folder per county with that county's usual report (the files `postroute plan`
 * writes) and its job.json (the key of its inputs, so a rerun skips it), and at the top the
 * merged summary.json, summary.csv and report.html.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  InputError,
  createCountyPool,
  mergeProvince,
  overviews,
  parseProvinceFile,
  provinceCsv,
  provinceTable,
  countyFolderFiles,
  storedCountyOutcome,
  prepareProvince,
  renderProvinceHtml,
  runOnPool,
  runOnQueue,
  sniffRoadFile,
  type BatchEvent,
  type CountyEntry,
  type CountyJob,
  type CountyOutcome,
  type JobFile,
  type PreparedCounty,
  type ProvinceSpec,
  type ProvinceSummary,
} from '@postroute/core';
import { EXIT, writeOutput } from '../output.js';
import { decodeFile } from '../read-text.js';
import { refuseOverwrite, type NamedInput } from '../overwrite.js';
import { ReportFolder } from '../report-folder.js';
import { registerOutput } from '../interrupt.js';
import { planInputs } from './plan.js';

interface BatchArgs {
  province: string;
  out: string;
  queue?: string;
  workers?: number;
  attempts: number;
  seed?: number;
  timeLimit?: number;
  deterministic: boolean;
  fresh: boolean;
  json: boolean;
  quiet: boolean;
}

const show = (path: string): string => relative(process.cwd(), path) || path;

function readFile(path: string, notFound: () => InputError): string {
  try {
    if (!statSync(path).isFile()) throw notFound();
    return decodeFile(readFileSync(path), show(path));
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
    throw new InputError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { source: show(path) });
  }
}

/**
 * A county's roads file for its job: text when it is plain GeoJSON, else its bytes in base64 (the
 * job's reader, `readJobRoads`, unpacks and parses them as `postroute plan` would).
 */
function roadsFile(path: string, planSource: string): JobFile {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new InputError(`roads file not found: ${show(path)}`, { source: planSource, field: 'roads' }, 'paths in plan.json are relative to the plan file');
    throw new InputError(`cannot read ${show(path)} (${code ?? String(error)})`, { source: show(path) });
  }
  const kind = sniffRoadFile(bytes);
  if (kind === 'json' || kind === 'text') return { path: show(path), text: decodeFile(bytes, show(path)) };
  return { path: show(path), text: bytes.toString('base64'), encoding: 'base64' };
}

/** A county finished by an earlier run with the same inputs, in the first of `folders` that has it. */
function findStoredCounty(folders: readonly string[], slug: string, key: string): CountyOutcome | null {
  for (const folder of folders) {
    const stored = readStoredCounty(join(folder, slug), key);
    if (stored) return stored;
  }
  return null;
}

/** A county finished by an earlier run with the same inputs, read back from its folder. */
function readStoredCounty(folder: string, key: string): CountyOutcome | null {
  let jobJson: string;
  try {
    jobJson = readFileSync(join(folder, 'job.json'), 'utf8');
  } catch {
    return null;
  }
  return storedCountyOutcome(jobJson, key, (name) => readFileSync(join(folder, name), 'utf8'));
}

/** Exit code of a batch: 0 when every county is done, else that of the first failed county. */
function exitCode(summary: ProvinceSummary): number {
  const failed = summary.counties.find((row) => row.status === 'failed');
  if (!failed) return EXIT.ok;
  return failed.error?.kind === 'input' ? EXIT.input : failed.error?.kind === 'infeasible' ? EXIT.infeasible : EXIT.internal;
}

/**
 * The files a batch reads: province.json, its boundaries, and every county's plan.json with the
 * files it names, for the check that the report replaces none of them. Files that cannot be read
 * or parsed name nothing here; `prepareProvince` then says what is wrong.
 */
function provinceInputs(provincePath: string): NamedInput[] {
  const inputs: NamedInput[] = [{ what: 'province file', path: provincePath }];
  let spec: ProvinceSpec;
  try {
    spec = parseProvinceFile(readFileSync(provincePath, 'utf8'), provincePath);
  } catch {
    return inputs;
  }
  const base = dirname(provincePath);
  if (spec.boundaries !== undefined) inputs.push({ what: `boundaries named in ${provincePath},`, path: show(resolve(base, spec.boundaries)) });
  for (const county of spec.counties) inputs.push(...planInputs(show(resolve(base, county.plan)), `county ${county.name}`));
  return inputs;
}

/** What may be in a province report folder: the merged files and county folders (with a job.json). */
function isProvinceReportEntry(out: string): (name: string, isFolder: boolean) => boolean {
  return (name, isFolder) => isFolder ? existsSync(join(out, name, 'job.json')) : ['summary.json', 'summary.csv', 'report.html'].includes(name);
}

const command: CommandModule<object, BatchArgs> = {
  command: 'batch <province>',
  describe: 'plan every county of a province (province.json) as its own job, on this machine or a Redis queue, and merge the reports',
  builder: (yargs: Argv<object>) => yargs
    .positional('province', { type: 'string', demandOption: true, describe: 'province.json: a list of counties, each a plan.json (see docs/batch.md)' })
    .option('out', { type: 'string', default: 'province-out', describe: 'folder for summary.json, summary.csv, report.html and one folder per county' })
    .option('queue', { type: 'string', describe: 'Redis address (redis://host:6379): put the counties on this queue and wait for `postroute worker`s' })
    .option('workers', { type: 'number', describe: 'worker threads on this machine (default: one per core); not with --queue' })
    .option('attempts', { type: 'number', default: 3, describe: 'runs per county in all before it is reported failed (internal errors and lost workers only)' })
    .option('seed', { type: 'number', describe: 'random seed for every county (default: province.json, else each plan.json)' })
    .option('time-limit', { type: 'number', describe: 'route search time limit for every county, seconds' })
    .option('deterministic', { type: 'boolean', default: false, describe: 'leave run times out of the merged outputs and job.json, so reruns are byte-identical' })
    .option('fresh', { type: 'boolean', default: false, describe: 'run every county again, ignoring results stored by earlier runs' })
    .option('json', { type: 'boolean', default: false, describe: 'print the merged summary.json to stdout instead of the table' })
    .check((argv) => {
      if (argv.seed !== undefined && !Number.isInteger(argv.seed)) throw new Error('--seed must be an integer');
      if (argv.timeLimit !== undefined && !(Number(argv.timeLimit) > 0)) throw new Error('--time-limit must be a positive number of seconds');
      if (argv.workers !== undefined && !(Number.isInteger(argv.workers) && argv.workers >= 1)) throw new Error('--workers must be a whole number ≥ 1');
      if (argv.workers !== undefined && argv.queue !== undefined) throw new Error('--workers is for this machine\'s pool; with --queue, start `postroute worker`s instead');
      if (!(Number.isInteger(argv.attempts) && argv.attempts >= 1)) throw new Error('--attempts must be a whole number ≥ 1');
      return true;
    }) as unknown as Argv<BatchArgs>,
  handler: async (args: ArgumentsCamelCase<BatchArgs>) => {
    const started = performance.now();
    const log = (line: string): void => { if (!args.quiet) process.stderr.write(`${line}\n`); };
    // A bad --out fails at once; the report never replaces an input. The new report is written
    // into a folder beside --out and swapped in whole at the end.
    refuseOverwrite(provinceInputs(args.province), [{ option: '--out', path: args.out, kind: 'folder' }]);
    // Counties finished by an interrupted or killed run are taken up from its unfinished folder.
    const folder = new ReportFolder(args.out, { isReportEntry: isProvinceReportEntry(args.out), resume: !args.fresh });
    registerOutput({ kind: 'folder', path: args.out, keepUnfinished: { one: 'county', many: 'counties' } });
    const { spec, counties } = await prepareProvince(args.province, {
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
    }, { text: readFile, roads: roadsFile, show });
    const byKey = new Map<string, PreparedCounty[]>();
    for (const prepared of counties) byKey.set(prepared.job.key, [...(byKey.get(prepared.job.key) ?? []), prepared]);
    const names = new Map([...byKey].map(([key, list]) => [key, list.map((p) => p.county.name).join(' = ')]));
    const entries: CountyEntry[] = [];
    let finished = 0;
    const record = (outcome: CountyOutcome, attempts: number, source: 'run' | 'stored'): void => {
      for (const prepared of byKey.get(outcome.key) ?? []) {
        for (const file of countyFolderFiles(outcome, args.deterministic)) folder.write(join(prepared.county.slug, file.name), file.text);
        entries.push({ county: prepared.county, outcome, attempts, source });
        finished++;
        const what = outcome.status === 'done'
          ? `done${source === 'stored' ? ' (stored result)' : ` in ${outcome.seconds.toFixed(1)} s`}, ${outcome.summary.optimisationRatePercent === null ? 'no baseline' : `rate ${outcome.summary.optimisationRatePercent.toFixed(2)} %`}`
          : `FAILED (${outcome.error.kind}${attempts > 1 ? `, after ${attempts} attempts` : ''}): ${outcome.error.message}`;
        log(`[batch] ${finished}/${counties.length} ${prepared.county.name}: ${what}`);
      }
    };
    const onEvent = (event: BatchEvent): void => {
      if (event.type === 'start') log(`[batch] ${names.get(event.key) ?? event.key}: started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`);
      else if (event.type === 'retry') log(`[batch] ${names.get(event.key) ?? event.key}: attempt ${event.attempt - 1} failed (${event.error}); retrying`);
      else if (event.type === 'status') log(`[batch] ${event.message}`);
    };

    // Counties whose folder already holds the result for the same inputs are not run again.
    const toRun: CountyJob[] = [];
    for (const [key, list] of byKey) {
      const stored = args.fresh ? null : findStoredCounty(folder.earlier, (list[0] as PreparedCounty).county.slug, key);
      if (stored && list.every((p) => findStoredCounty(folder.earlier, p.county.slug, key))) record(stored, 0, 'stored');
      else toRun.push((list[0] as PreparedCounty).job);
    }
    let workers: number | null = null;
    if (args.queue !== undefined) {
      // Even with nothing to run, so that a wrong address is always an error.
      await runOnQueue(args.queue, toRun, { attempts: args.attempts, fresh: args.fresh, names, onOutcome: record, onEvent });
    } else if (toRun.length > 0) {
      const pool = createCountyPool({ threads: Math.min(args.workers ?? availableParallelism(), toRun.length) });
      workers = pool.threads;
      log(`[batch] ${toRun.length} count${toRun.length === 1 ? 'y' : 'ies'} on ${pool.threads} worker thread${pool.threads === 1 ? '' : 's'}${toRun.length < counties.length ? ` (${counties.length - toRun.length} stored)` : ''}`);
      try {
        await runOnPool(toRun, pool, { attempts: args.attempts, onOutcome: (outcome, attempts) => record(outcome, attempts, 'run'), onEvent });
      } finally {
        await pool.close();
      }
    }

    const wallSeconds = Math.round((performance.now() - started) / 100) / 10;
    const summary = mergeProvince(spec, entries, args.deterministic ? undefined : { wallSeconds, executor: args.queue !== undefined ? 'queue' : 'pool', workers });
    const osm = counties.some((prepared) => prepared.osm);
    const summaryJson = `${JSON.stringify(summary, null, 2)}\n`;
    folder.write('summary.json', summaryJson);
    folder.write('summary.csv', await provinceCsv(summary));
    folder.write('report.html', renderProvinceHtml(summary, overviews(entries), osm ? { attribution: 'Map data © OpenStreetMap contributors, ODbL' } : {}));
    folder.commit();
    writeOutput(args.json ? summaryJson : provinceTable(summary));
    log(`postroute: wrote summary.json, summary.csv, report.html and ${counties.length} county folders to ${args.out} (${wallSeconds.toFixed(1)} s)`);
    const code = exitCode(summary);
    if (code !== EXIT.ok) process.exitCode = code;
  },
};

export default command;
