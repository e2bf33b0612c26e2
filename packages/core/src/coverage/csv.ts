/**
 * Readers for a user-given demand × site matrix and demand weights, in CSV.
 *
 * Matrix: the first row holds the site ids (after a corner cell, which may be empty or say
 * e.g. "demand"); each following row holds a demand id and then one distance per site. An empty
 * cell, "NaN", "inf" or "-" means unreachable.
 *
 * Weights: two columns, id and weight, with or without a header row.
 */
import { InputError } from '../errors.js';
import { parseCsv } from '../io/csv.js';
import type { CoverageMatrix } from './model.js';

const UNREACHABLE = new Set(['', 'nan', 'inf', 'infinity', '-', 'na', 'null']);

/**
 * Parses a matrix CSV.
 *
 * @example
 * const matrix = readCoverageMatrixCsv(',s1,s2\na,100,250\nb,300,\n', { source: 'm.csv' });
 * // { demandIds: ['a', 'b'], siteIds: ['s1', 's2'], values: Float64Array [100, 250, 300, NaN] }
 */
export function readCoverageMatrixCsv(text: string, options: { source: string }): CoverageMatrix {
  const { source } = options;
  // The corner cell is often left empty; name it so the header has no nameless column.
  const named = /^\uFEFF?\s*,/.test(text) ? text.replace(/^\uFEFF?\s*,/, 'demand,') : text;
  const { header, rows } = parseCsv(named, { source });
  const siteIds = header.slice(1);
  if (siteIds.length === 0) {
    throw new InputError('the matrix has no site columns', { source, line: 1 }, 'the first row must list the site ids after a corner cell, e.g. ",site1,site2"');
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
      const raw = row.values[site]!;
      let value = NaN;
      if (!UNREACHABLE.has(raw.toLowerCase())) {
        value = Number(raw);
        if (!Number.isFinite(value) || value < 0) {
          throw new InputError(`distance "${raw}" from "${id}" to "${site}" is not a number ≥ 0`, { source, line: row.line, index: row.index, field: site }, 'use plain numbers; leave the cell empty (or write NaN) when the site is unreachable');
        }
      }
      values[row.index * siteIds.length + j] = value;
    });
  }
  return { demandIds, siteIds, values };
}

/**
 * Parses `id,weight` rows (a header row is optional) and returns the weights in `demandIds` order.
 * Every demand point needs a weight, and every id must be a demand point.
 *
 * @example
 * readWeightsCsv('id,weight\nb,4\na,3\n', ['a', 'b'], { source: 'w.csv' }); // Float64Array [3, 4]
 */
export function readWeightsCsv(text: string, demandIds: readonly string[], options: { source: string }): Float64Array {
  const { source } = options;
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const secondCell = firstLine.split(',')[1]?.trim() ?? '';
  const hasHeader = secondCell !== '' && !Number.isFinite(Number(secondCell));
  const { rows, header } = parseCsv(hasHeader ? text : `id,weight\n${text}`, { source });
  if (header.length !== 2) {
    throw new InputError(`the weights file has ${header.length} columns`, { source, line: 1 }, 'give two columns: id,weight');
  }
  const index = new Map<string, number>();
  demandIds.forEach((id, i) => index.set(id, i));
  const weights = new Float64Array(demandIds.length).fill(NaN);
  for (const row of rows) {
    const line = hasHeader ? row.line : row.line - 1;
    const id = row.values[header[0]!]!;
    const raw = row.values[header[1]!]!;
    const i = index.get(id);
    if (i === undefined) throw new InputError(`"${id}" is not a demand point`, { source, line }, 'use the ids of the matrix rows (or the demand file)');
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value < 0) {
      throw new InputError(`weight "${raw}" of "${id}" is not a number ≥ 0`, { source, line, field: header[1]! }, 'use plain numbers ≥ 0');
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
