/**
 * The merged province report: one row per county in province.json order (never in the order the
 * jobs happened to finish), totals over the counties that finished, and, in a separate `timing`
 * block that `--deterministic` leaves out, run times, attempts and where each result came from.
 */
import { writeToString } from 'fast-csv';
import { round } from '../report/savings.js';
import type { CountyOutcome, CountyOverview } from './job.js';
import type { CountySpec, ProvinceSpec } from './province-file.js';

/** One county's line of the province table. Figures are null for a failed county. */
export interface ProvinceCountyRow {
  name: string;
  /** Folder of the county's own report under the batch's output folder. */
  folder: string;
  status: 'done' | 'failed';
  /** Key of the county's stored result: a hash of its inputs. */
  key: string;
  kmBefore: number | null;
  kmAfter: number | null;
  savedKmPerDay: number | null;
  savedKmPerYear: number | null;
  optimisationRatePercent: number | null;
  vehiclesBefore: number | null;
  vehiclesAfter: number | null;
  driverHoursBefore: number | null;
  driverHoursAfter: number | null;
  /** Stops the new plan could not serve. */
  unserved: number | null;
  /** Routes breaking a rule, today and in the new plan. */
  routesBreakingRulesBefore: number | null;
  routesBreakingRulesAfter: number | null;
  /** For a failed county: the kind (input, infeasible, internal) and the one-line error. */
  error: { kind: string; message: string } | null;
}

/** The province totals over the finished counties. */
export interface ProvinceTotals {
  counties: number;
  done: number;
  failed: number;
  kmBefore: number;
  kmAfter: number;
  savedKmPerDay: number;
  savedKmPerYear: number;
  /** Saved km over today's km, over the counties that have both; null when none has. */
  optimisationRatePercent: number | null;
  vehiclesBefore: number;
  vehiclesAfter: number;
  driverHoursBefore: number;
  driverHoursAfter: number;
  unserved: number;
}

/** Run facts, which differ from run to run; left out with `--deterministic`. */
export interface ProvinceTiming {
  /** Wall-clock time of the whole batch, seconds. */
  wallSeconds: number;
  /** "pool" (worker threads on this machine) or "queue" (Redis, workers anywhere). */
  executor: 'pool' | 'queue';
  /** Worker threads for the pool; null for the queue (workers come and go). */
  workers: number | null;
  counties: {
    name: string;
    /** The county plan's own run time, seconds. */
    seconds: number;
    /** Times the job was started (1 unless it was retried); 0 for a stored result. */
    attempts: number;
    /** "run" in this batch, or "stored" (finished by an earlier run with the same inputs). */
    source: 'run' | 'stored';
  }[];
}

/** The key order here is the order of the merged summary.json. */
export interface ProvinceSummary {
  name: string;
  counties: ProvinceCountyRow[];
  totals: ProvinceTotals;
  timing?: ProvinceTiming;
}

/** A county with its outcome, as the executors hand them to the merge. */
export interface CountyEntry {
  county: CountySpec;
  outcome: CountyOutcome;
  attempts: number;
  source: 'run' | 'stored';
}

/**
 * Merges the counties' outcomes into the province summary, in province.json order.
 *
 * @example
 * const summary = mergeProvince(province, entries, { wallSeconds: 42, executor: 'pool', workers: 2 });
 * summary.totals.optimisationRatePercent;
 */
export function mergeProvince(
  province: ProvinceSpec,
  entries: readonly CountyEntry[],
  timing?: Omit<ProvinceTiming, 'counties'>,
): ProvinceSummary {
  const byName = new Map(entries.map((entry) => [entry.county.name, entry]));
  const ordered = province.counties.map((county) => {
    const entry = byName.get(county.name);
    if (!entry) throw new Error(`no outcome for county "${county.name}"`);
    return entry;
  });
  const counties = ordered.map(({ county, outcome }) => countyRow(county, outcome));
  let beforeM = 0, afterM = 0, compareBeforeM = 0, compareAfterM = 0, savedYear = 0, hoursBefore = 0, hoursAfter = 0;
  let vehiclesBefore = 0, vehiclesAfter = 0, unserved = 0, done = 0;
  for (const { outcome } of ordered) {
    if (outcome.status !== 'done') continue;
    const s = outcome.summary;
    done++;
    beforeM += s.before.distanceM;
    afterM += s.after.distanceM;
    hoursBefore += s.before.durationS;
    hoursAfter += s.after.durationS;
    vehiclesBefore += s.before.vehicles;
    vehiclesAfter += s.after.vehicles;
    unserved += s.unassigned.length;
    if (s.savedKmPerDay !== null) {
      compareBeforeM += s.before.distanceM;
      compareAfterM += s.after.distanceM;
      savedYear += s.savedKmPerYear ?? 0;
    }
  }
  const totals: ProvinceTotals = {
    counties: counties.length,
    done,
    failed: counties.length - done,
    kmBefore: round(beforeM / 1000, 2),
    kmAfter: round(afterM / 1000, 2),
    savedKmPerDay: round((compareBeforeM - compareAfterM) / 1000, 2),
    savedKmPerYear: savedYear,
    optimisationRatePercent: compareBeforeM > 0 ? round(((compareBeforeM - compareAfterM) / compareBeforeM) * 100, 2) : null,
    vehiclesBefore,
    vehiclesAfter,
    driverHoursBefore: round(hoursBefore / 3600, 2),
    driverHoursAfter: round(hoursAfter / 3600, 2),
    unserved,
  };
  const summary: ProvinceSummary = { name: province.name, counties, totals };
  if (timing) {
    summary.timing = {
      ...timing,
      counties: ordered.map(({ county, outcome, attempts, source }) => ({ name: county.name, seconds: outcome.seconds, attempts, source })),
    };
  }
  return summary;
}

function countyRow(county: CountySpec, outcome: CountyOutcome): ProvinceCountyRow {
  const row: ProvinceCountyRow = {
    name: county.name,
    folder: county.slug,
    status: outcome.status,
    key: outcome.key,
    kmBefore: null, kmAfter: null, savedKmPerDay: null, savedKmPerYear: null, optimisationRatePercent: null,
    vehiclesBefore: null, vehiclesAfter: null, driverHoursBefore: null, driverHoursAfter: null, unserved: null,
    routesBreakingRulesBefore: null, routesBreakingRulesAfter: null,
    error: null,
  };
  if (outcome.status === 'failed') return { ...row, error: { ...outcome.error } };
  const s = outcome.summary;
  return {
    ...row,
    kmBefore: s.before.km,
    kmAfter: s.after.km,
    savedKmPerDay: s.savedKmPerDay,
    savedKmPerYear: s.savedKmPerYear,
    optimisationRatePercent: s.optimisationRatePercent,
    vehiclesBefore: s.before.vehicles,
    vehiclesAfter: s.after.vehicles,
    driverHoursBefore: s.before.driverHours,
    driverHoursAfter: s.after.driverHours,
    unserved: s.unassigned.length,
    routesBreakingRulesBefore: s.before.routesWithViolations,
    routesBreakingRulesAfter: s.after.routesWithViolations,
  };
}

const CSV_COLUMNS = [
  'county', 'status', 'km_before', 'km_after', 'saved_km_per_day', 'saved_km_per_year', 'optimisation_rate_percent',
  'vehicles_before', 'vehicles_after', 'driver_hours_before', 'driver_hours_after', 'unserved', 'run_seconds', 'attempts', 'error',
] as const;

/**
 * The province table as CSV: one row per county, then a "total" row. `run_seconds` and `attempts`
 * are empty when the summary has no timing block (`--deterministic`).
 *
 * @example
 * writeFileSync('out/summary.csv', await provinceCsv(summary));
 */
export async function provinceCsv(summary: ProvinceSummary): Promise<string> {
  const timing = new Map(summary.timing?.counties.map((county) => [county.name, county]) ?? []);
  const value = (v: number | null): string | number => (v === null ? '' : v);
  const rows: Record<(typeof CSV_COLUMNS)[number], string | number>[] = summary.counties.map((row) => ({
    county: row.name,
    status: row.status,
    km_before: value(row.kmBefore),
    km_after: value(row.kmAfter),
    saved_km_per_day: value(row.savedKmPerDay),
    saved_km_per_year: value(row.savedKmPerYear),
    optimisation_rate_percent: value(row.optimisationRatePercent),
    vehicles_before: value(row.vehiclesBefore),
    vehicles_after: value(row.vehiclesAfter),
    driver_hours_before: value(row.driverHoursBefore),
    driver_hours_after: value(row.driverHoursAfter),
    unserved: value(row.unserved),
    run_seconds: timing.get(row.name)?.seconds ?? '',
    attempts: timing.get(row.name)?.attempts ?? '',
    error: row.error ? `${row.error.kind}: ${row.error.message}` : '',
  }));
  const t = summary.totals;
  rows.push({
    county: 'total',
    status: `${t.done} done, ${t.failed} failed`,
    km_before: t.kmBefore,
    km_after: t.kmAfter,
    saved_km_per_day: t.savedKmPerDay,
    saved_km_per_year: t.savedKmPerYear,
    optimisation_rate_percent: value(t.optimisationRatePercent),
    vehicles_before: t.vehiclesBefore,
    vehicles_after: t.vehiclesAfter,
    driver_hours_before: t.driverHoursBefore,
    driver_hours_after: t.driverHoursAfter,
    unserved: t.unserved,
    run_seconds: summary.timing?.wallSeconds ?? '',
    attempts: '',
    error: '',
  });
  return `${await writeToString(rows, { headers: [...CSV_COLUMNS] })}\n`;
}

/** The overview pictures of the finished counties, by name, for the province map. */
export function overviews(entries: readonly CountyEntry[]): Map<string, CountyOverview> {
  const out = new Map<string, CountyOverview>();
  for (const { county, outcome } of entries) if (outcome.status === 'done') out.set(county.name, outcome.overview);
  return out;
}
