/**
 * A small CSV reader on top of fast-csv's tokenizer: a whole string in, row objects with their
 * line numbers out, synchronously, so that every error can name its line.
 */
import { CsvParserStream, ParserOptions } from 'fast-csv';
import { InputError } from '../errors.js';

/** One data row: values keyed by header name, with where it came from. */
export interface CsvRow {
  /** Zero-based index among the data rows (the header is not counted). */
  index: number;
  /** One-based line in the text where the row starts. */
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  /** Header names, trimmed, in file order. */
  header: string[];
  rows: CsvRow[];
}

export interface ParseCsvOptions {
  /** File name or label used in error messages. */
  source: string;
  /** Field delimiter; default ",". */
  delimiter?: string;
}

interface SyncRowParser {
  parse(text: string, hasMoreData: boolean): { line: string; rows: string[][] };
}

/**
 * Parses CSV text with a header row into row objects. Empty lines are skipped; quoted fields
 * may contain delimiters and newlines. A row with more or fewer fields than the header, an empty
 * or repeated header name, is an `InputError` that names the line.
 *
 * @example
 * const { header, rows } = parseCsv('id,lon,lat\nA,11.5,50.0\n', { source: 'places.csv' });
 * // header: ['id', 'lon', 'lat']; rows[0]: { index: 0, line: 2, values: { id: 'A', lon: '11.5', lat: '50.0' } }
 */
export function parseCsv(text: string, options: ParseCsvOptions): CsvTable {
  const { source } = options;
  // fast-csv only offers a stream API, which delivers rows asynchronously. Its stream keeps the
  // synchronous tokenizer it uses in a `parser` field; we call that directly on the whole text.
  const stream = new CsvParserStream(new ParserOptions({ delimiter: options.delimiter ?? ',' }));
  const tokenizer = (stream as unknown as { parser: SyncRowParser }).parser;
  let parsed: { line: string; rows: string[][] };
  try {
    parsed = tokenizer.parse(text, false);
  } catch (error) {
    throw new InputError(`cannot parse CSV: ${(error as Error).message}`, { source }, 'check quoting: a field that contains a comma or quote must be wrapped in double quotes');
  }
  const header: string[] = [];
  const rows: CsvRow[] = [];
  let line = 1;
  let headerSeen = false;
  for (const fields of parsed.rows) {
    const rowLine = line;
    line += 1;
    for (const field of fields) line += countNewlines(field);
    if (fields.length === 0 || (fields.length === 1 && fields[0]!.trim() === '')) continue;
    if (!headerSeen) {
      headerSeen = true;
      const seen = new Set<string>();
      fields.forEach((raw, column) => {
        const name = raw.trim().replace(/^\uFEFF/, '');
        if (name === '') throw new InputError(`header column ${column + 1} has no name`, { source, line: rowLine }, 'give every column a name in the first line');
        if (seen.has(name)) throw new InputError(`header column "${name}" appears twice`, { source, line: rowLine, field: name }, 'rename one of the columns');
        seen.add(name);
        header.push(name);
      });
      continue;
    }
    if (fields.length !== header.length) {
      throw new InputError(
        `row has ${fields.length} fields but the header has ${header.length}`,
        { source, line: rowLine, index: rows.length },
        'make every row have one value per header column (quote values that contain commas)',
      );
    }
    const values: Record<string, string> = {};
    header.forEach((name, column) => { values[name] = fields[column]!.trim(); });
    rows.push({ index: rows.length, line: rowLine, values });
  }
  if (!headerSeen) throw new InputError('CSV is empty: no header row', { source }, 'the first line must name the columns, e.g. "id,lon,lat"');
  return { header, rows };
}

function countNewlines(value: string): number {
  let count = 0;
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) count += 1;
  return count;
}
