/**
 * `postroute cover`: where to put service stations. Set covering, maximal covering, p-median and
 * p-center on road distances (or times), or on a demand × site matrix the user gives.
 */
import { existsSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  InputError,
  coverageGeoJson,
  coverageResultJson,
  coverageSites,
  coverageSummary,
  placeNumbers,
  readCoverageMatrixCsv,
  readIdList,
  readWeightsCsv,
  roadCoverageMatrix,
  solveCoverage,
  type CoverageMatrix,
  type CsvDelimiter,
  type CoverageModel,
  type CoverageResult,
  type Place,
  type SolveCoverageOptions,
} from '@postroute/core';
import { createProgress, writeOutput, prepareFile } from '../output.js';
import { loadNetwork, loadPlaces, networkOptions, type NetworkArgs } from './graph.js';
import { readText } from '../read-text.js';
import { refuseOverwrite } from '../overwrite.js';
import { csvDelimiterArg, csvDelimiterYargs } from '../csv-option.js';

interface CoverArgs extends Omit<NetworkArgs, 'roads' | 'keep' | 'mergeEndpoints' | 'nodeCrossings'> {
  roads?: string;
  keep?: NetworkArgs['keep'];
  mergeEndpoints?: number;
  nodeCrossings?: boolean;
  matrix?: string;
  demand?: string;
  sites?: string;
  existing?: string;
  forbidden?: string;
  model: CoverageModel;
  radius?: string;
  p?: number;
  metric?: 'distance' | 'time';
  weights?: string;
  weightField?: string;
  weightDefault?: number;
  costField?: string;
  capacityField?: string;
  costs?: string;
  capacities?: string;
  method: 'auto' | 'exact' | 'heuristic';
  solver: 'highs' | 'lp-solver';
  timeLimit: number;
  seed: number;
  maxSnap?: number;
  out?: string;
  geojson?: string;
  json: boolean;
  csvDelimiter?: string;
  quiet: boolean;
}

/**
 * "5km" → 5000 m (distance), "15min" → 900 s (time), "800" → 800 in the matrix's units. With road
 * distances a bare number is ambiguous (metres? minutes?), so `unitRequired` makes it an error.
 */
export function parseRadius(text: string, unitRequired = false): { value: number; metric: 'distance' | 'time' | undefined } {
  const match = /^\s*([+-]?\d+(?:\.\d+)?)\s*(m|km|s|sec|min|h)?\s*$/i.exec(text);
  if (!match) {
    throw new InputError(`--radius "${text}" is not a distance or time`, {}, 'write e.g. 5km, 800m, 15min, 600s, or (with --matrix) a plain number in the matrix units');
  }
  const value = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  if (!(value > 0)) throw new InputError(`--radius ${text} must be greater than 0`, {}, 'write e.g. 5km, 800m or 15min');
  if (unit === '' && unitRequired) {
    throw new InputError(`--radius ${text} has no unit`, {}, `say which: ${value}m, ${value}km or ${value}min (road distance or travel time)`);
  }
  const factor: Record<string, [number, 'distance' | 'time' | undefined]> = {
    '': [1, undefined], m: [1, 'distance'], km: [1000, 'distance'], s: [1, 'time'], sec: [1, 'time'], min: [60, 'time'], h: [3600, 'time'],
  };
  const [scale, metric] = factor[unit]!;
  return { value: value * scale, metric };
}

/** Options that only make sense with road data, or only with a matrix: the other kind is an error. */
const ROADS_ONLY = ['demand', 'sites', 'metric', 'weight-field', 'weight-default', 'cost-field', 'capacity-field', 'max-snap', 'geojson', 'profile', 'keep', 'merge-endpoints', 'node-crossings'] as const;
const MATRIX_ONLY = ['weights', 'costs', 'capacities'] as const;
/** Which models take a radius and which a p. */
const TAKES_RADIUS = new Set(['lscp', 'mclp']);
const TAKES_P = new Set(['mclp', 'pmedian', 'pcenter']);

/** The network options without their defaults, so that giving one with --matrix can be seen. */
const coverNetworkOptions = Object.fromEntries(Object.entries(networkOptions).map(([key, option]) => {
  const { default: _default, ...rest } = option as typeof option & { default?: unknown };
  const fallback = _default === undefined ? '' : ` (default ${String(_default)})`;
  return [key, { ...rest, describe: `with --roads: ${rest.describe}${fallback}`, ...(key === 'roads' ? { demandOption: false } : {}) }];
})) as unknown as typeof networkOptions;

/** The GeoJSON written next to --out (with --roads) when --geojson is not given: x.json → x.geojson. */
const geojsonBeside = (out: string): string => out.replace(/(\.json)?$/i, '.geojson');

const command: CommandModule<object, CoverArgs> = {
  command: 'cover',
  describe: 'choose service stations: set covering, maximal covering, p-median or p-center',
  builder: (yargs: Argv<object>) =>
    yargs
      .options(coverNetworkOptions)
      .option('matrix', { type: 'string', describe: 'instead of --roads: CSV matrix, first row site ids, first column demand ids, cells distances (empty = unreachable)' })
      .option('demand', { type: 'string', describe: 'demand points (villages): GeoJSON Points or CSV id,lon,lat (with --roads)' })
      .option('sites', { type: 'string', describe: 'candidate sites (default: every demand point)' })
      .option('existing', { type: 'string', describe: 'existing outlets that stay open: a places file (with --roads); with --matrix, site ids, comma-separated or in a file (one per line, or a places file)' })
      .option('forbidden', { type: 'string', describe: 'site ids that may not be opened, comma-separated or in a file' })
      .option('model', { choices: ['lscp', 'mclp', 'pmedian', 'pcenter'] as const, demandOption: true, describe: 'lscp: fewest stations covering all; mclp: most weight covered by p; pmedian: least weighted distance; pcenter: least worst distance' })
      .option('radius', { type: 'string', describe: 'coverage radius for lscp and mclp: 5km, 800m, 15min, 600s (a time radius measures travel time); with --matrix also a plain number in the matrix units' })
      .option('p', { type: 'number', describe: 'number of new stations (mclp, pmedian, pcenter; not lscp), besides the existing ones' })
      .option('metric', { choices: ['distance', 'time'] as const, describe: 'with --roads: road distance (m) or travel time (s); default from the radius unit, else distance' })
      .option('weights', { type: 'string', describe: 'with --matrix: CSV id,weight per demand point (default 1 each)' })
      .option('weight-field', { type: 'string', describe: 'with --roads: demand property holding the weight, e.g. population (default 1 each)' })
      .option('weight-default', { type: 'number', describe: 'with --weight-field: the weight of places where the field is missing (default: such a place is an error)' })
      .option('cost-field', { type: 'string', describe: 'with --roads: site property holding the opening cost (lscp minimises its sum)' })
      .option('capacity-field', { type: 'string', describe: 'with --roads: site property holding the capacity, in weight units' })
      .option('costs', { type: 'string', describe: 'with --matrix: CSV id,cost per site' })
      .option('capacities', { type: 'string', describe: 'with --matrix: CSV id,capacity per site' })
      .option('csv-delimiter', { ...csvDelimiterYargs, describe: `every CSV input (matrix, weights, costs, capacities, id lists, CSV places): ${csvDelimiterYargs.describe}` })
      .option('method', { choices: ['auto', 'exact', 'heuristic'] as const, default: 'auto' as const, describe: 'exact MIP, heuristic with a certified gap, or pick by size' })
      .option('solver', { choices: ['highs', 'lp-solver'] as const, default: 'highs' as const, describe: 'MIP backend (lp-solver: pure JS, tiny models only)' })
      .option('time-limit', { type: 'number', default: 60, describe: 'time limit for the solve, seconds' })
      .option('seed', { type: 'number', default: 1, describe: 'seed of the heuristic, an integer' })
      .option('max-snap', { type: 'number', describe: 'with --roads: places farther than this many metres from a road are not snapped (default 5000)' })
      .option('out', { type: 'string', describe: 'write the result as JSON here (and, with --roads, GeoJSON next to it)' })
      .option('geojson', { type: 'string', describe: 'with --roads: write the GeoJSON (sites, assignment lines) here' })
      .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON on stdout instead of the summary' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' })
      // Usage mistakes are input errors: one line, exit 2.
      .check((argv) => {
        const given = (key: string): boolean => argv[key] !== undefined;
        if ((argv.roads === undefined) === (argv.matrix === undefined)) throw new InputError('give either --roads (with --demand) or --matrix', {}, 'see postroute cover --help');
        if (argv.roads !== undefined && argv.demand === undefined) throw new InputError('--roads needs --demand', {}, 'see postroute cover --help');
        const other = argv.roads !== undefined ? MATRIX_ONLY.find(given) : ROADS_ONLY.find(given);
        if (other !== undefined) {
          throw new InputError(argv.roads !== undefined ? `--${other} goes with --matrix, not with --roads` : `--${other} goes with --roads, not with --matrix`, {},
            other === 'weights' ? 'with --roads, weight the demand points by a property: --weight-field population' : other === 'demand' ? 'with --matrix the rows are the demand points' : 'see postroute cover --help');
        }
        if (TAKES_RADIUS.has(argv.model) && argv.radius === undefined) throw new InputError(`--model ${argv.model} needs --radius`, {}, 'e.g. --radius 5km');
        if (!TAKES_RADIUS.has(argv.model) && argv.radius !== undefined) throw new InputError(`--radius does not apply to --model ${argv.model}`, {}, argv.model === 'pcenter' ? 'p-center minimises the worst distance; leave --radius out' : 'p-median minimises the weighted distance; leave --radius out, or use --model mclp');
        if (TAKES_P.has(argv.model) && argv.p === undefined) throw new InputError(`--model ${argv.model} needs --p`, {}, 'e.g. --p 5 new stations');
        if (!TAKES_P.has(argv.model) && argv.p !== undefined) throw new InputError('--p does not apply to --model lscp', {}, 'set covering opens as few stations as it needs; leave --p out, or use --model mclp');
        if (argv.p !== undefined && !(Number.isInteger(argv.p) && argv.p >= 0)) throw new InputError(`--p must be a whole number ≥ 0, got ${String(argv.p)}`);
        if (!(typeof argv.timeLimit === 'number' && argv.timeLimit > 0)) throw new InputError(`--time-limit must be a positive number of seconds, got ${String(argv.timeLimit)}`);
        if (!Number.isInteger(argv.seed)) throw new InputError(Number.isNaN(argv.seed) ? "--seed must be an integer, not text" : `--seed must be an integer, got ${String(argv.seed)}`);
        if (argv.maxSnap !== undefined && !(typeof argv.maxSnap === 'number' && argv.maxSnap > 0)) throw new InputError(`--max-snap must be a positive number of metres, got ${String(argv.maxSnap)}`);
        if (argv.radius !== undefined) parseRadius(argv.radius, argv.roads !== undefined);
        return true;
      })
      .example('$0 cover --roads roads.geojson --demand villages.geojson --existing outlets.geojson --model lscp --radius 5km', '')
      .example('$0 cover --matrix m.csv --weights w.csv --model pmedian --p 12 --json', '') as unknown as Argv<CoverArgs>,
  handler: async (args: ArgumentsCamelCase<CoverArgs>) => {
    // A bad --out fails at once, not after the work, and never replaces an input.
    const optional = (option: string, path: string | undefined) => (path === undefined ? [] : [{ what: option, path }]);
    refuseOverwrite(
      [...optional('--matrix', args.matrix), ...optional('--roads', args.roads), ...optional('--demand', args.demand), ...optional('--sites', args.sites),
        ...optional('--existing', args.existing), ...optional('--forbidden', args.forbidden), ...optional('--weights', args.weights),
        ...optional('--costs', args.costs), ...optional('--capacities', args.capacities)],
      [...(args.out !== undefined ? [{ option: '--out', path: args.out, kind: 'file' as const }] : []),
        ...(args.geojson !== undefined ? [{ option: '--geojson', path: args.geojson, kind: 'file' as const }]
          : args.out !== undefined && args.roads !== undefined ? [{ option: '--out', path: geojsonBeside(args.out), kind: 'file' as const, besideOf: args.out }] : [])],
    );
    if (args.out !== undefined) prepareFile(args.out);
    if (args.geojson !== undefined) prepareFile(args.geojson, '--geojson');
    const progress = createProgress(args.quiet);
    const log = (line: string): void => { if (!args.quiet) process.stderr.write(`${line}\n`); };
    const radius = args.radius === undefined ? undefined : parseRadius(args.radius, args.roads !== undefined);
    const options: SolveCoverageOptions = {
      model: args.model,
      method: args.method,
      solver: args.solver,
      timeLimit: args.timeLimit,
      seed: args.seed,
      onProgress: progress.onProgress,
    };
    if (radius) options.radius = radius.value;
    if (args.p !== undefined) options.p = args.p;
    const delimiter = csvDelimiterArg(args.csvDelimiter);
    const csv = delimiter !== undefined ? { delimiter } : {};
    if (args.forbidden) options.forbidden = await idList(args.forbidden, delimiter);
    let matrix: CoverageMatrix;
    let geometry: { demand: Place[]; sites: Place[] } | undefined;
    let unit = '';
    if (args.matrix !== undefined) {
      matrix = await readCoverageMatrixCsv(readText(args.matrix, 'matrix'), { source: args.matrix, ...csv, ...(args.metric ? { metric: args.metric } : {}) });
      if (args.weights) options.weights = await readWeightsCsv(readText(args.weights, 'weights'), matrix.demandIds, { source: args.weights, ...csv });
      if (args.costs) options.openingCosts = await readWeightsCsv(readText(args.costs, 'costs'), matrix.siteIds, { source: args.costs, ...csv });
      if (args.capacities) options.capacities = await readWeightsCsv(readText(args.capacities, 'capacities'), matrix.siteIds, { source: args.capacities, ...csv });
      if (args.existing) options.existing = await idList(args.existing, delimiter);
      if (radius?.metric) log(`note: the radius ${args.radius} is read as ${radius.value} ${radius.metric === 'time' ? 'seconds' : 'metres'}; the matrix must be in those units`);
    } else {
      const metric = args.metric ?? radius?.metric ?? 'distance';
      if (radius?.metric && args.metric && radius.metric !== args.metric) {
        throw new InputError(`radius ${args.radius} is a ${radius.metric}, but --metric is ${args.metric}`, { field: 'radius' }, 'use the same kind for both');
      }
      unit = metric === 'time' ? 's' : 'm';
      const demand = await loadPlaces(args.demand!, undefined, delimiter);
      const candidates = args.sites ? await loadPlaces(args.sites, undefined, delimiter) : demand;
      const existing = args.existing ? await loadPlaces(args.existing, undefined, delimiter) : [];
      const sites = coverageSites(existing, candidates, args.existing ?? '');
      options.existing = existing.map((place) => place.id);
      if (args.weightField) options.weights = placeNumbers(demand, args.weightField, { source: args.demand!, fallback: args.weightDefault, fallbackOption: '--weight-default' });
      if (args.costField) options.openingCosts = placeNumbers(sites, args.costField, { source: args.sites ?? args.demand! });
      if (args.capacityField) options.capacities = placeNumbers(sites, args.capacityField, { source: args.sites ?? args.demand! });
      const network = await loadNetwork({ ...args, roads: args.roads!, keep: args.keep ?? 'largest-scc', mergeEndpoints: args.mergeEndpoints ?? 0, nodeCrossings: args.nodeCrossings ?? false }, progress.onProgress);
      const road = roadCoverageMatrix(network, demand, sites, { metric, snap: { maxDistance: args.maxSnap ?? 5000 }, onProgress: progress.onProgress });
      for (const r of road.rejectedDemand) log(`postroute: warning: demand point "${r.placeId}" not on the road network (${r.message}); it is reported as unreachable`);
      for (const r of road.rejectedSites) log(`postroute: warning: site "${r.placeId}" not on the road network (${r.message}); it cannot be used`);
      matrix = road.matrix;
      geometry = { demand, sites };
    }
    let result: CoverageResult;
    try {
      result = await solveCoverage(matrix, options);
    } catch (error) {
      throw inInputFile(error, args);
    }
    progress.done();
    // The run time goes to stderr only, so the same input gives the same bytes.
    log(`solved in ${result.seconds.toFixed(1)} s`);
    const text = coverageResultJson(result, { p: args.p, unit });
    if (args.out !== undefined) writeOutput(text, args.out);
    const geojsonPath = args.geojson ?? (args.out !== undefined && geometry ? geojsonBeside(args.out) : undefined);
    if (geojsonPath !== undefined) {
      if (!geometry) throw new InputError('--geojson needs coordinates, which a matrix does not have', { field: 'geojson' }, 'use --roads with --demand and --sites');
      writeOutput(JSON.stringify(coverageGeoJson(result, geometry, new Set(options.existing ?? []))), geojsonPath);
    }
    if (args.json) writeOutput(text);
    else writeOutput(coverageSummary(result, unit));
  },
};

export default command;

/**
 * Site ids from a comma-separated list, or from a file (GeoJSON or CSV places, or one id per line).
 */
async function idList(value: string, delimiter: CsvDelimiter | undefined): Promise<string[]> {
  if (!existsSync(value)) return value.split(',').map((id) => id.trim()).filter((id) => id !== '');
  return readIdList(readText(value, 'id list'), { source: value, ...(delimiter !== undefined ? { delimiter } : {}) });
}

/**
 * Core's coverage errors name the input by its role (weights, capacities, existing …); say it
 * about the file the user gave for it, and the column or property it came from.
 */
function inInputFile(error: unknown, args: CoverArgs): unknown {
  if (!(error instanceof InputError) || error.location.source !== undefined) return error;
  const field = error.location.field ?? '';
  const file = (path: string | undefined): string | undefined => (path !== undefined && existsSync(path) ? path : undefined);
  const where: Record<string, { source: string | undefined; field?: string | undefined; keepIndex?: boolean }> = args.matrix !== undefined
    ? {
      weights: { source: args.weights, field: 'weight' },
      capacities: { source: args.capacities, field: 'capacity' },
      openingCosts: { source: args.costs, field: 'cost' },
      existing: { source: file(args.existing) },
      forbidden: { source: file(args.forbidden) },
      demandIds: { source: args.matrix },
      siteIds: { source: args.matrix },
    }
    : {
      weights: { source: args.demand, field: args.weightField, keepIndex: true },
      capacities: { source: args.sites ?? args.demand, field: args.capacityField },
      openingCosts: { source: args.sites ?? args.demand, field: args.costField },
      existing: { source: args.existing },
      forbidden: { source: file(args.forbidden) },
      demandIds: { source: args.demand },
      siteIds: { source: args.sites ?? args.demand },
    };
  const target = where[field];
  // Ids given on the command line: name the option, not an item of a list the user never wrote.
  if ((field === 'existing' || field === 'forbidden') && target?.source === undefined) return new InputError(`--${field}: ${error.message}`, {}, error.hint);
  if (target?.source === undefined) return error;
  const { index, line } = error.location;
  return new InputError(error.message, {
    source: target.source,
    ...(target.field !== undefined ? { field: target.field } : {}),
    ...(target.keepIndex && index !== undefined ? { index } : {}),
    ...(target.keepIndex && line !== undefined ? { line } : {}),
  }, error.hint);
}
