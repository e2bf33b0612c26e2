/**
 * `postroute plan plan.json --out dir/`: roads, places, fleet and today's routes → a new network
 * plan and a mileage-savings report (summary.json, routes.csv, stops.csv, routes.geojson,
 * report.html). The command reads the files plan.json names and writes the outputs; every
 * decision is `planNetwork` in core.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  InputError,
  formatSummary,
  formatTiers,
  parsePlanFile,
  planNetwork,
  planReportFiles,
  readBaselineLines,
  readBaselineRoutes,
  readRoads,
  readPlaces,
  roadsFromOsm,
  type PlanInputs,
} from '@postroute/core';
import { createProgress, writeOutput } from '../output.js';

interface PlanArgs {
  plan: string;
  out: string;
  timeLimit?: number;
  seed?: number;
  scenario?: string;
  json: boolean;
  quiet: boolean;
}

function readText(path: string, what: string, from: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${what} file not found: ${path}` : `cannot read ${what} file ${path} (${code ?? String(error)})`,
      { source: from, field: what }, 'paths in plan.json are relative to the plan file');
  }
}

/** Reads plan.json and every file it names; paths are relative to plan.json. */
export async function loadPlan(planPath: string): Promise<PlanInputs> {
  const planText = readText(planPath, 'plan', planPath);
  const spec = parsePlanFile(planText, planPath);
  const base = dirname(planPath);
  const show = (path: string): string => relative(process.cwd(), resolve(base, path)) || path;
  const roadsPath = show(spec.roads.path);
  const placesPath = show(spec.places.path);
  const roads = await readRoads(resolve(base, spec.roads.path), { source: roadsPath, notFoundHint: `the path is relative to ${planPath}` });
  const places = await readPlaces(readText(resolve(base, spec.places.path), 'places', planPath), {
    source: placesPath,
    format: spec.places.format === 'csv' ? 'csv' : 'geojson',
  });
  const inputs: PlanInputs = { spec, roads, places, sources: { roads: roadsPath, places: placesPath, plan: planPath } };
  if (spec.baseline) {
    const baselinePath = show(spec.baseline.path);
    const text = readText(resolve(base, spec.baseline.path), 'baseline', planPath);
    inputs.baseline = spec.baseline.format === 'geojson'
      ? { lines: readBaselineLines(text, baselinePath) }
      : { routes: await readBaselineRoutes(text, { source: baselinePath, format: spec.baseline.format }) };
    inputs.sources = { ...inputs.sources, baseline: baselinePath };
  }
  return inputs;
}

const command: CommandModule<object, PlanArgs> = {
  command: 'plan <plan>',
  describe: 'plan routes (and stations) for a county and report the mileage saved against today\'s routes',
  builder: (yargs: Argv<object>) => yargs
    .positional('plan', { type: 'string', demandOption: true, describe: 'plan.json: roads, places, fleet, baseline (see README)' })
    .option('out', { type: 'string', default: 'plan-out', describe: 'folder for summary.json, routes.csv, stops.csv, routes.geojson, report.html' })
    .option('time-limit', { type: 'number', describe: 'route search time limit, seconds (default: timeLimitS in plan.json, else 10)' })
    .option('seed', { type: 'number', describe: 'random seed (default: seed in plan.json, else 1)' })
    .option('scenario', { type: 'string', describe: 'run only this scenario of plan.json beside the base case (default: all); each is written to OUT/scenarios/NAME/' })
    .option('json', { type: 'boolean', default: false, describe: 'print summary.json to stdout instead of the table' })
    .check((argv) => {
      if (argv.seed !== undefined && !Number.isInteger(argv.seed)) throw new Error('--seed must be an integer');
      if (argv.timeLimit !== undefined && !(Number(argv.timeLimit) > 0)) throw new Error('--time-limit must be a positive number of seconds');
      return true;
    }) as unknown as Argv<PlanArgs>,
  handler: async (args: ArgumentsCamelCase<PlanArgs>) => {
    const inputs = await loadPlan(args.plan);
    const progress = createProgress(args.quiet);
    let result;
    try {
      result = await planNetwork(inputs, {
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
        ...(args.scenario !== undefined ? { scenario: args.scenario } : {}),
        onProgress: progress.onProgress,
        generatedBy: 'postroute plan',
      });
    } finally {
      progress.done();
    }
    const { report } = result;
    mkdirSync(args.out, { recursive: true });
    const files = await planReportFiles(report, { osm: roadsFromOsm(inputs.roads) });
    for (const file of files) writeFileSync(join(args.out, file.name), file.text);
    for (const scenario of result.scenarios) {
      const dir = join(args.out, 'scenarios', scenario.name);
      mkdirSync(dir, { recursive: true });
      for (const file of await planReportFiles(scenario.report, { osm: roadsFromOsm(inputs.roads) })) writeFileSync(join(dir, file.name), file.text);
    }
    const summaryJson = (files[0] as { text: string }).text;
    writeOutput(args.json ? summaryJson : formatSummary(report.summary) + formatTiers(report));
    if (!args.quiet) {
      process.stderr.write(`postroute: wrote summary.json, routes.csv, stops.csv, routes.geojson, report.html to ${args.out} (${report.run.seconds.toFixed(1)} s)\n`);
    }
  },
};

export default command;
