/**
 * Readers for a user-given demand × site matrix and demand weights, in CSV (any dialect
 * `parseCsv` reads: `,` `;` or tab, decimal commas in `;` files).
 *
 * Matrix, wide form: the first row holds the site ids (after a corner cell, which may be empty
 * or say e.g. "demand"); each following row holds a demand id and then one distance per site.
 * An empty cell, "NaN", "inf" or "-" means unreachable.
 * Matrix, long form, as `postroute matrix --format csv` writes it: `from,to,distance_m,duration_s`,
 * one row per pair; `from` ids are the demand points, `to` ids the sites, a missing pair or an
 * empty cell is unreachable.
 *
 * Weights: two columns, id and weight, with or without a header row.
 */
import { InputError } from '../errors.js';
import { describeDelimiter, parseCsv, parseCsvNumber, type CsvDelimiter, type CsvDialect, type CsvTable } from '../io/csv.js';
import { readPlaces } from '../io/places.js';
import type { CoverageMatrix } from './model.js';

const UNREACHABLE = new Set(['', 'nan', 'inf', 'infinity', '-', 'na', 'null']);

/** Options of the coverage matrix and weights readers. */
export interface CoverageCsvOptions {
  /** File name used in error messages. */
  source: string;
  /** CSV separator; default: detected. */
  delimiter?: CsvDelimiter;
  /** Long-form matrices only: which column to read, `distance_m` (default) or `duration_s`. */
  metric?: 'distance' | 'time';
}

/**
 * Parses a matrix CSV, wide or long form (see the module comment).
 *
 * @example
 * const matrix = await readCoverageMatrixCsv(',s1,s2\na,100,250\nb,300,\n', { source: 'm.csv' });
 * // { demandIds: ['a', 'b'], siteIds: ['s1', 's2'], values: Float64Array [100, 250, 300, NaN] }
 */
export async function readCoverageMatrixCsv(text: string, options: CoverageCsvOptions): Promise<CoverageMatrix> {
  const { source } = options;
  // The corner cell is often left empty; name it so the header has no nameless column.
  const named = /^\uFEFF?[ ]*[,;\t]/.test(text) ? text.replace(/^\uFEFF?[ ]*/, 'demand') : text;
  const table = await parseCsv(named, options.delimiter ? { source, delimiter: options.delimiter } : { source });
  const lower = table.header.map((name) => name.toLowerCase());
  if (lower.includes('from') && lower.includes('to')) return longMatrix(table, options);
  const { header, rows, dialect } = table;
  const siteIds = header.slice(1);
  if (siteIds.length === 0) {
    throw new InputError(`the matrix has no site columns (its first line, split at ${describeDelimiter(dialect.delimiter)}, has one column)`, { source, line: 1 },
      'the first row must list the site ids after a corner cell, e.g. ",site1,site2"; or give the long form of `postroute matrix --format csv` (from,to,distance_m,duration_s)');
  }
  if (rows.length === 0) {
    throw new InputError('the matrix has no demand rows', { source }, 'add one row per demand point: its id, then one distance per site');
  }
  const corner = header[0]!;
  const demandIds: string[] = [];
  const seen = new Set<string>();
  const values = new Float64Array(rows.length * siteIds.length);
  for (const row of rows) {
    const id = row.values[corner]!;
    if (id === '') throw new InputError('a demand row has no id', { source, line: row.line, index: row.index }, 'put the demand id in the first column');
    if (seen.has(id)) throw new InputError(`demand id "${id}" appears twice`, { source, line: row.line, index: row.index }, 'give each demand point one row');
    seen.add(id);
    demandIds.push(id);
    siteIds.forEach((site, j) => {
      values[row.index * siteIds.length + j] = distanceCell(row.values[site]!, dialect, { source, line: row.line, index: row.index, field: site }, `from "${id}" to "${site}"`);
    });
  }
  return { demandIds, siteIds, values };
}

function distanceCell(raw: string, dialect: CsvDialect, at: { source: string; line: number; index: number; field: string }, pair: string): number {
  if (UNREACHABLE.has(raw.toLowerCase())) return NaN;
  const value = parseCsvNumber(raw, dialect, at);
  if (!Number.isFinite(value) || value < 0) {
    throw new InputError(`distance "${raw}" ${pair} is not a number ≥ 0`, at, 'use plain numbers; leave the cell empty (or write NaN) when the site is unreachable');
  }
  return value;
}

/** `from,to,distance_m,duration_s` rows → the demand × site matrix (missing pairs unreachable). */
function longMatrix(table: CsvTable, options: CoverageCsvOptions): CoverageMatrix {
  const { source } = options;
  const column = (name: string): string | undefined => table.header.find((h) => h.toLowerCase() === name);
  const from = column('from')!;
  const to = column('to')!;
  const wanted = options.metric === 'time' ? ['duration_s', 'duration'] : ['distance_m', 'distance'];
  const valueColumn = wanted.map(column).find((name) => name !== undefined);
  if (valueColumn === undefined) {
    throw new InputError(`the long-form matrix has no "${wanted[0]}" column (found: ${table.header.join(', ')})`, { source, line: 1 },
      'write from,to,distance_m,duration_s as `postroute matrix --format csv` does');
  }
  const demandIndex = new Map<string, number>();
  const siteIndex = new Map<string, number>();
  for (const row of table.rows) {
    const a = row.values[from]!;
    const b = row.values[to]!;
    if (a === '' || b === '') throw new InputError(`a row has no "${a === '' ? from : to}" id`, { source, line: row.line, index: row.index, field: a === '' ? from : to }, 'every row needs both ids');
    if (!demandIndex.has(a)) demandIndex.set(a, demandIndex.size);
    if (!siteIndex.has(b)) siteIndex.set(b, siteIndex.size);
  }
  if (demandIndex.size === 0) throw new InputError('the matrix has no rows', { source }, 'add one row per pair: from,to,distance_m,duration_s');
  const values = new Float64Array(demandIndex.size * siteIndex.size).fill(NaN);
  const filled = new Uint8Array(values.length);
  for (const row of table.rows) {
    const a = row.values[from]!;
    const b = row.values[to]!;
    const k = demandIndex.get(a)! * siteIndex.size + siteIndex.get(b)!;
    if (filled[k]) throw new InputError(`the pair "${a}" → "${b}" appears twice`, { source, line: row.line, index: row.index }, 'give each pair one row');
    filled[k] = 1;
    values[k] = distanceCell(row.values[valueColumn]!, table.dialect, { source, line: row.line, index: row.index, field: valueColumn }, `from "${a}" to "${b}"`);
  }
  return { demandIds: [...demandIndex.keys()], siteIds: [...siteIndex.keys()], values };
}

/**
 * Parses `id,weight` rows (a header row is optional) and returns the weights in `demandIds` order.
 * Every demand point needs a weight, and every id must be a demand point.
 *
 * @example
 * await readWeightsCsv('id,weight\nb,4\na,3\n', ['a', 'b'], { source: 'w.csv' }); // Float64Array [3, 4]
 */
export async function readWeightsCsv(text: string, demandIds: readonly string[], options: { source: string; delimiter?: CsvDelimiter }): Promise<Float64Array> {
  const { source } = options;
  const table = await parseCsv(text, { source, header: false, ...(options.delimiter ? { delimiter: options.delimiter } : {}) });
  const first = table.rows[0];
  // A first row whose second cell is not a number names the columns.
  const hasHeader = first !== undefined && first.fields[1] !== undefined && first.fields[1] !== '' && !Number.isFinite(parseCsvNumber(first.fields[1], table.dialect));
  const rows = hasHeader ? table.rows.slice(1) : table.rows;
  const columnNames = hasHeader ? first.fields : ['id', 'weight'];
  const index = new Map<string, number>();
  demandIds.forEach((id, i) => index.set(id, i));
  const weights = new Float64Array(demandIds.length).fill(NaN);
  for (const row of rows) {
    const { line } = row;
    if (row.fields.length !== 2) {
      throw new InputError(`the row has ${row.fields.length} field${row.fields.length === 1 ? '' : 's'} (split at ${describeDelimiter(table.dialect.delimiter)})`, { source, line }, 'give two columns: id and weight');
    }
    const [id, raw] = row.fields as [string, string];
    const i = index.get(id);
    if (i === undefined) throw new InputError(`"${id}" is not a demand point`, { source, line }, 'use the ids of the matrix rows (or the demand file)');
    const value = parseCsvNumber(raw, table.dialect, { source, line, field: columnNames[1] ?? 'weight' });
    if (!Number.isFinite(value) || value < 0) {
      throw new InputError(`weight "${raw}" of "${id}" is not a number ≥ 0`, { source, line, field: columnNames[1] ?? 'weight' }, 'use plain numbers ≥ 0');
    }
    if (!Number.isNaN(weights[i]!)) throw new InputError(`"${id}" has two weights`, { source, line }, 'give each demand point one row');
    weights[i] = value;
  }
  const missing = demandIds.filter((_, i) => Number.isNaN(weights[i]!));
  if (missing.length > 0) {
    throw new InputError(
      `${missing.length} demand point(s) have no weight, e.g. "${missing[0]}"`,
      { source },
      'give every demand point a weight row',
    );
  }
  return weights;
}

/**
 * Site ids from a file: GeoJSON or CSV places (their ids), or plain text with one id per line
 * (a CSV whose `id` column, else its first column, holds them).
 *
 * @example
 * await readIdList('id\ns1\ns2\n', { source: 'existing.csv' }); // ['s1', 's2']
 */
export async function readIdList(text: string, options: { source: string; delimiter?: CsvDelimiter }): Promise<string[]> {
  const { source, delimiter } = options;
  if (/\.(geo)?json$/i.test(source) || text.trimStart().startsWith('{')) {
    return (await readPlaces(text, { source, ...(delimiter ? { delimiter } : {}) })).map((place) => place.id);
  }
  const { rows } = await parseCsv(text, { source, header: false, ...(delimiter !== undefined ? { delimiter } : {}) });
  const first = rows[0]?.fields ?? [];
  const column = Math.max(0, first.findIndex((name) => name.toLowerCase() === 'id'));
  const ids = rows.map((row) => row.fields[column] ?? '').filter((id) => id !== '');
  return first[column]?.toLowerCase() === 'id' ? ids.slice(1) : ids;
}
