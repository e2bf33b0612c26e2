/**
 * `postroute plan plan.json --out dir/`: roads, places, fleet and today's routes → a new network
 * plan and a mileage-savings report (summary.json, routes.csv, stops.csv, routes.geojson,
 * report.html). The command reads the files plan.json names and writes the outputs; every
 * decision is `planNetwork` in core.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  InputError,
  formatSummary,
  formatTiers,
  parsePlanFile,
  planNetwork,
  planReportFiles,
  PLAN_REPORT_FILES,
  readBaselineLines,
  readBaselineRoutes,
  readRoadsInput,
  readPlaces,
  roadsFromOsm,
  type CsvDelimiter,
  checkPlanInputs,
  type PlanInputs,
  type PlanOptions,
  type ProgressCallback,
} from '@postroute/core';
import { EXIT, createProgress, writeOutput } from '../output.js';
import { refuseOverwrite, type NamedInput } from '../overwrite.js';
import { ReportFolder } from '../report-folder.js';
import { registerOutput } from '../interrupt.js';
import { threadsArg, threadsYargs } from '../threads-option.js';
import { csvDelimiterArg, csvDelimiterYargs } from '../csv-option.js';
import { decodeFile, warnNote } from '../read-text.js';

interface PlanArgs {
  plan: string;
  out: string;
  timeLimit?: number;
  stallIterations?: number;
  seed?: number;
  threads?: number;
  scenario?: string;
  measureParts?: boolean;
  json: boolean;
  strict: boolean;
  csvDelimiter?: string;
  allowUnassigned: boolean;
  quiet: boolean;
}

function readText(path: string, what: string, from: string): string {
  try {
    return decodeFile(readFileSync(path), relative(process.cwd(), path) || path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `${what} file not found: ${path}` : `cannot read ${what} file ${path} (${code ?? String(error)})`;
    // The plan file itself is named on the command line: no field, no hint about relative paths.
    if (path === from) throw new InputError(message, {}, 'check the path of the plan file');
    throw new InputError(message, { source: from, field: what }, 'paths in plan.json are relative to the plan file');
  }
}

/**
 * Reads plan.json and every file it names; paths are relative to plan.json. The CSV separator is
 * `delimiter` when given (--csv-delimiter), else plan.json's `csvDelimiter`, else detected. The
 * places and today's routes are read and checked (`checkPlanInputs`) before the roads: a mistake
 * in them is said before a large roads file is read and its graph built.
 */
export async function loadPlan(planPath: string, delimiter?: CsvDelimiter, onProgress?: ProgressCallback, checks: Pick<PlanOptions, 'scenario' | 'allowUnassigned'> = {}): Promise<PlanInputs> {
  const planText = readText(planPath, 'plan', planPath);
  const spec = parsePlanFile(planText, planPath);
  const csvDelimiter = delimiter ?? spec.csvDelimiter;
  const csv = csvDelimiter !== undefined ? { delimiter: csvDelimiter } : {};
  const base = dirname(planPath);
  const show = (path: string): string => relative(process.cwd(), resolve(base, path)) || path;
  const roadsPath = show(spec.roads.path);
  const placesPath = show(spec.places.path);
  const places = await readPlaces(readText(resolve(base, spec.places.path), 'places', planPath), {
    source: placesPath,
    format: spec.places.format === 'csv' ? 'csv' : 'geojson',
    ...csv,
  });
  const sources: NonNullable<PlanInputs['sources']> = { roads: roadsPath, places: placesPath, plan: planPath };
  let baseline: PlanInputs['baseline'];
  if (spec.baseline) {
    const baselinePath = show(spec.baseline.path);
    const text = readText(resolve(base, spec.baseline.path), 'baseline', planPath);
    baseline = spec.baseline.format === 'geojson'
      ? { lines: readBaselineLines(text, baselinePath) }
      : { routes: await readBaselineRoutes(text, { source: baselinePath, format: spec.baseline.format, ...csv }) };
    sources.baseline = baselinePath;
  }
  checkPlanInputs({ spec, places, ...(baseline ? { baseline } : {}), sources }, checks);
  const roads = await readRoadsInput(resolve(base, spec.roads.path), { source: roadsPath, notFoundHint: `the path is relative to ${planPath}`, onNote: warnNote, ...(onProgress ? { onProgress } : {}) });
  return { spec, roads, places, ...(baseline ? { baseline } : {}), sources };
}

/**
 * The files a plan reads: plan.json and the files it names (roads, places, baseline), for the
 * check that the report replaces none of them. A plan.json that cannot be read or parsed names
 * nothing here; `loadPlan` then says what is wrong with it.
 */
export function planInputs(planPath: string, label = ''): NamedInput[] {
  const inputs: NamedInput[] = [{ what: label ? `plan file of ${label}` : 'plan file', path: planPath }];
  let spec;
  try {
    spec = parsePlanFile(readFileSync(planPath, 'utf8'), planPath);
  } catch {
    return inputs;
  }
  const base = dirname(planPath);
  const named = (path: string): string => relative(process.cwd(), resolve(base, path)) || path;
  inputs.push({ what: `roads named in ${planPath},`, path: named(spec.roads.path) });
  inputs.push({ what: `places named in ${planPath},`, path: named(spec.places.path) });
  if (spec.baseline) inputs.push({ what: `baseline named in ${planPath},`, path: named(spec.baseline.path) });
  return inputs;
}

/** What may be in a plan report folder: the report files and the scenarios' folder. */
export const isPlanReportEntry = (name: string, isFolder: boolean): boolean =>
  isFolder ? name === 'scenarios' : (PLAN_REPORT_FILES as readonly string[]).includes(name);

const command: CommandModule<object, PlanArgs> = {
  command: 'plan <plan>',
  describe: 'plan routes (and stations) for a county and report the mileage saved against today\'s routes',
  builder: (yargs: Argv<object>) => yargs
    .positional('plan', { type: 'string', demandOption: true, describe: 'plan.json: roads, places, fleet, baseline (see docs/plan.md)' })
    .option('out', { type: 'string', default: 'plan-out', describe: 'folder for summary.json, routes.csv, stops.csv, routes.geojson, report.html, sheets.html (made if missing; checked before any work)' })
    .option('time-limit', { type: 'number', describe: 'route search time limit, seconds (default: timeLimitS in plan.json, else 10)' })
    .option('stall-iterations', { type: 'number', describe: 'each route search stops after this many iterations without a better plan (default 2000); a run whose searches all stop this way, not on the time limit, gives the same files for the same seed and --threads on any machine' })
    .option('seed', { type: 'number', describe: 'random seed, an integer (default: seed in plan.json, else 1); the same input and seed give the same files' })
    .option('threads', threadsYargs)
    .option('scenario', { type: 'string', describe: 'run only this scenario of plan.json beside the base case (default: all); each is written to OUT/scenarios/NAME/' })
    .option('measure-parts', { type: 'boolean', describe: 'also plan the base case without its second tier (one tier from the hub) and without door to door from the offices (from the hub), for what each part saves; each is one more search (default: "measure": { "parts": … } in plan.json, else off)' })
    .option('json', { type: 'boolean', default: false, describe: 'print summary.json to stdout instead of the table' })
    .option('strict', { type: 'boolean', default: false, describe: 'exit 3 when the new plan is not comparable with today\'s routes (other stops, mail or broken rules); the files are still written' })
    .option('allow-unassigned', { type: 'boolean', default: false, describe: 'plan without places whose mail no vehicle can carry, listed as unassigned (default: such a place is bad input, exit 2)' })
    .option('csv-delimiter', { ...csvDelimiterYargs, describe: `${csvDelimiterYargs.describe} (overrides csvDelimiter in plan.json)` })
    .example('$0 plan examples/county/plan.json --out out', 'plan the bundled example county')
    .check((argv) => {
      if (argv.seed !== undefined && !Number.isInteger(argv.seed)) throw new Error(`--seed must be an integer, got ${String(argv.seed)}`);
      if (argv.timeLimit !== undefined && !(Number(argv.timeLimit) > 0)) throw new Error(`--time-limit must be a positive number of seconds, got ${String(argv.timeLimit)}`);
      if (argv.stallIterations !== undefined && !(Number.isInteger(argv.stallIterations) && Number(argv.stallIterations) > 0)) {
        throw new Error(`--stall-iterations must be a positive whole number of iterations, got ${String(argv.stallIterations)}`);
      }
      threadsArg(argv.threads as number | undefined);
      return true;
    }) as unknown as Argv<PlanArgs>,
  handler: async (args: ArgumentsCamelCase<PlanArgs>) => {
    // A bad --out fails at once, not after the search; the report never replaces an input.
    refuseOverwrite(planInputs(args.plan), [{ option: '--out', path: args.out, kind: 'folder' }]);
    const folder = new ReportFolder(args.out, { isReportEntry: isPlanReportEntry });
    registerOutput({ kind: 'folder', path: args.out });
    const progress = createProgress(args.quiet);
    let inputs;
    let osm = false;
    let result;
    try {
      // Large roads files are read in pieces, with progress.
      inputs = await loadPlan(args.plan, csvDelimiterArg(args.csvDelimiter), progress.onProgress, {
        ...(args.scenario !== undefined ? { scenario: args.scenario } : {}),
        ...(args.allowUnassigned ? { allowUnassigned: true } : {}),
      });
      osm = roadsFromOsm(inputs.roads);
      result = await planNetwork(inputs, {
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
        ...(args.stallIterations !== undefined ? { maxIterationsWithoutImprovement: args.stallIterations } : {}),
        threads: threadsArg(args.threads),
        ...(args.scenario !== undefined ? { scenario: args.scenario } : {}),
        ...(args.allowUnassigned ? { allowUnassigned: true } : {}),
        ...(args.measureParts !== undefined ? { measureParts: args.measureParts } : {}),
        onProgress: progress.onProgress,
        generatedBy: 'postroute plan',
        // The parsed roads are freed once the graph is built: only whether they were OSM is kept.
        releaseRoads: true,
        // report.html is written: its roads may be encoded while the plan is made (where that pays).
        encodeMapAhead: true,
      });
    } finally {
      progress.done();
    }
    const { report } = result;
    const files = await planReportFiles(report, { osm });
    // The whole report or none of it: written into a new folder beside --out, then swapped in.
    const written = [...files];
    for (const scenario of result.scenarios) {
      for (const file of await planReportFiles(scenario.report, { osm })) written.push({ name: join('scenarios', scenario.name, file.name), text: file.text });
    }
    for (const file of written) folder.write(file.name, file.text);
    folder.commit();
    const summaryJson = (files[0] as { text: string }).text;
    writeOutput(args.json ? summaryJson : formatSummary(report.summary) + formatTiers(report));
    if (!args.quiet) {
      // Run times go here, never into the files: the same input and seed give the same bytes.
      process.stderr.write(`postroute: wrote summary.json, routes.csv, stops.csv, routes.geojson, report.html, sheets.html to ${args.out} (${report.run.seconds.toFixed(1)} s)\n`);
    }
    if (args.strict && !report.summary.comparable) {
      process.stderr.write(`postroute: not comparable (--strict): ${report.summary.notComparable.map((reason) => reason.message).join('; ')}\n`);
      process.exitCode = EXIT.infeasible;
    }
  },
};

export default command;
