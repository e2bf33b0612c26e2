/**
 * The one CSV reader: every CSV file postroute reads (places, today's routes, coverage matrices,
 * weights) goes through `parseCsv`. It takes files as spreadsheets write them: `,` `;` or tab
 * separators (detected, or given), decimal commas in `;` files, a UTF-8 byte-order mark, CRLF or
 * LF line ends. Tokenising is fast-csv's, through its public stream API; this module adds the
 * dialect (Excel's `sep=;` first line included), the header, the file's decimal mark, and line
 * numbers as a spreadsheet counts them (the header is line 1). Numbers are read by `numbers.ts`.
 */
import { parseString } from 'fast-csv';
import { InputError, type InputLocation } from '../errors.js';
import { refuseBinary } from './geojson.js';
import { decideDecimalMark, formatFigure, readNumber, type DecimalMark } from './numbers.js';

/** The separators postroute reads. */
export type CsvDelimiter = ',' | ';' | '\t';

/** How a CSV file is written. */
export interface CsvDialect {
  delimiter: CsvDelimiter;
  /** The file's decimal mark: given, or shown by its values (`decideDecimalMark`); in a `,` file a
   *  point unless its quoted values show commas. Undefined when the file does not show it: then a
   *  value such as `1.300` (1300 or 1.3) is an error. */
  decimalMark: DecimalMark | undefined;
  /** True when the delimiter was detected rather than given. */
  detected: boolean;
}

/** One data row: values keyed by header name, with where it came from. */
export interface CsvRow {
  /** Zero-based index among the data rows (the header and blank lines are not counted). */
  index: number;
  /** One-based line in the file where the row starts, as a spreadsheet or editor counts it. */
  line: number;
  /** Values by header name, trimmed (empty when the table has no header). */
  values: Record<string, string>;
  /** The fields in file order, trimmed. */
  fields: string[];
}

/** A CSV file as read: its header, its rows and the dialect found. */
export interface CsvTable {
  /** Header names, trimmed, in file order (empty with `header: false`). */
  header: string[];
  rows: CsvRow[];
  dialect: CsvDialect;
}

/** Options of `parseCsv`. */
export interface ParseCsvOptions {
  /** File name or label used in error messages. */
  source: string;
  /** Field separator; default: detected from the first line (tab, then `;`, then `,` on a tie). */
  delimiter?: CsvDelimiter;
  /** The decimal mark; default: decided from the values (see `CsvDialect.decimalMark`). */
  decimalMark?: DecimalMark;
  /** The first non-blank line names the columns (default true). With false every line is data. */
  header?: boolean;
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma ","', ';': 'semicolon ";"', '\t': 'tab' };

/**
 * Says which separator a dialect uses, for messages: 'semicolon ";"'.
 *
 * @example
 * describeDelimiter(';'); // 'semicolon ";"'
 */
export function describeDelimiter(delimiter: CsvDelimiter): string {
  return DELIMITER_NAMES[delimiter];
}

/**
 * Reads a separator as a user writes it on the command line: `,` `;` `\t`, or the words
 * comma, semicolon, tab. Anything else is an `InputError`.
 *
 * @example
 * csvDelimiterOption('semicolon'); // ';'
 * csvDelimiterOption('\\t');       // '\t'
 */
export function csvDelimiterOption(value: string, field = 'csv-delimiter'): CsvDelimiter {
  const text = value.trim().toLowerCase();
  if (value === '\t' || text === '\\t' || text === 'tab' || text === 'tsv') return '\t';
  if (text === ',' || text === 'comma') return ',';
  if (text === ';' || text === 'semicolon') return ';';
  throw new InputError(`unknown CSV separator ${JSON.stringify(value)}`, { field }, 'use one of: comma (","), semicolon (";"), tab');
}

/**
 * Guesses the separator from the first non-blank line: the one of tab, `;` and `,` that occurs
 * most often outside quotes; on a tie tab wins, then `;` (a `;` file with decimal commas has as
 * many commas in a line of numbers, never in a header of names). No separator at all: `,`.
 *
 * @example
 * detectCsvDelimiter('id;lon;lat\nA;11,5;50,1\n'); // ';'
 */
export function detectCsvDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { '\t': 0, ';': 0, ',': 0 };
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') { quoted = !quoted; started = true; continue; }
    if (quoted) continue;
    if (c === '\n' || c === '\r') {
      if (started) break;
      continue;
    }
    if (c === '\uFEFF') continue;
    if (c !== ' ') started = true;
    if (c === '\t' || c === ';' || c === ',') counts[c]++;
  }
  let best: CsvDelimiter = ',';
  let most = 0;
  for (const candidate of ['\t', ';', ','] as const) {
    if (counts[candidate] > most) { best = candidate; most = counts[candidate]; }
  }
  return best;
}

/**
 * A number as a CSV of this dialect writes it (`numbers.ts`: "11.5763", "11,5763", "1.300",
 * "12.500,5", "1 300"). NaN for anything else (the empty string included). With `at`, a value the
 * file's decimal mark does not settle (`1.300`: 1300 or 1.3?) and one too large for any figure
 * (`1e999`) are InputErrors naming the line, the column, the value and its readings; without it
 * they are NaN.
 *
 * @example
 * parseCsvNumber('11,57', { decimalMark: ',' }); // 11.57
 * parseCsvNumber('1.300', { decimalMark: ',' }); // 1300
 * parseCsvNumber('1.300', { decimalMark: undefined }, { source: 'p.csv', line: 4, field: 'mail' });
 * // throws: p.csv, line 4, field "mail": "1.300" can be read as 1300 or as 1.3 …
 */
export function parseCsvNumber(raw: string, dialect: Pick<CsvDialect, 'decimalMark'>, at?: InputLocation): number {
  const reading = readNumber(raw, dialect.decimalMark);
  if (reading.kind === 'number') return reading.value;
  if (at === undefined || reading.kind === 'not-a-number') return Number.NaN;
  if (reading.kind === 'too-large') throw new InputError(`"${raw.trim()}" is too large to be a figure`, at, 'write the figure itself');
  const decimal = formatFigure(reading.decimal, 6);
  // A fraction not of three digits has one reading whatever the file's mark: "1.3", "12.3450".
  const unambiguous = /[.,]\d{3}$/.test(decimal) ? `${decimal}0` : decimal;
  throw new InputError(
    `"${raw.trim()}" can be read as ${reading.thousands} (with "${reading.mark}" between thousands) or as ${decimal} (with a decimal ${reading.mark === '.' ? 'point' : 'comma'}), and the file's other numbers do not show which`,
    at,
    `write ${reading.thousands} or ${unambiguous}`,
  );
}

/**
 * Parses CSV text into row objects. The first non-blank line is the header (unless `header:
 * false`); blank lines are skipped; quoted fields may hold separators, quotes ("") and newlines.
 * Every problem is an `InputError` naming the line: a row with more or fewer fields than the
 * header (and the separator that was used), an unclosed quote, an empty or repeated header name.
 *
 * @example
 * const { header, rows, dialect } = await parseCsv('id;lon;lat\nA;11,5;50,0\n', { source: 'places.csv' });
 * // header ['id', 'lon', 'lat']; rows[0] { index: 0, line: 2, values: { id: 'A', lon: '11,5', lat: '50,0' }, … }
 * // dialect { delimiter: ';', decimalComma: true, detected: true }
 */
export async function parseCsv(text: string, options: ParseCsvOptions): Promise<CsvTable> {
  const { source } = options;
  refuseBinary(text, source);
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Excel's separator declaration: a first line "sep=;" that Excel itself hides. Lines are
  // counted as Excel shows them, from the line after it: the header stays line 1.
  const declared = /^sep=(.)[ \t]*\r?\n/i.exec(body);
  let declaredDelimiter: CsvDelimiter | undefined;
  if (declared) {
    const mark = declared[1]!;
    if (mark !== ',' && mark !== ';' && mark !== '\t') {
      throw new InputError(`the first line declares the separator ${JSON.stringify(mark)}`, { source, line: 1 }, 'postroute reads comma, semicolon and tab separated files');
    }
    declaredDelimiter = mark;
    body = body.slice(declared[0].length);
  }
  const delimiter = options.delimiter ?? declaredDelimiter ?? detectCsvDelimiter(body);
  const separator = describeDelimiter(delimiter);
  const records = await tokenize(body, delimiter, source);

  const wantHeader = options.header ?? true;
  const header: string[] = [];
  const rows: CsvRow[] = [];
  let headerSeen = !wantHeader;
  let headerLine = 1;
  for (const { fields: raw, line } of records) {
    if (raw.length === 0 || (raw.length === 1 && raw[0]!.trim() === '')) continue;
    const fields = raw.map((field) => field.trim());
    if (!headerSeen) {
      headerSeen = true;
      headerLine = line;
      // Spreadsheets often write a separator after the last column: drop trailing nameless columns.
      while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
      const seen = new Set<string>();
      fields.forEach((name, column) => {
        if (name === '') throw new InputError(`header column ${column + 1} has no name`, { source, line }, 'give every column a name in the first line');
        if (seen.has(name)) throw new InputError(`header column "${name}" appears twice`, { source, line, field: name }, 'rename one of the columns');
        seen.add(name);
        header.push(name);
      });
      continue;
    }
    if (wantHeader) {
      while (fields.length > header.length && fields[fields.length - 1] === '') fields.pop();
      if (fields.length !== header.length) {
        // A one-column header that holds another separator: the file is split at the wrong one.
        const other = header.length === 1 ? (['\t', ';', ','] as const).find((c) => c !== delimiter && (header[0] as string).includes(c)) : undefined;
        if (other !== undefined) {
          throw new InputError(
            `the header split at ${separator} gives 1 column (${JSON.stringify(header[0])}); it looks separated by ${describeDelimiter(other)}`,
            { source, line: headerLine },
            `give the separator the file uses (--csv-delimiter ${other === '\t' ? 'tab' : other}, or csvDelimiter in plan.json), or leave it out to detect it`,
          );
        }
        throw new InputError(
          `the row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length} (split at ${separator})`,
          { source, line, index: rows.length },
          `make every row have one value per header column${delimiter === ',' ? ' (quote values that contain commas)' : ''}`,
        );
      }
    }
    const values: Record<string, string> = {};
    header.forEach((name, column) => { values[name] = fields[column]!; });
    rows.push({ index: rows.length, line, values, fields });
  }
  if (!headerSeen) throw new InputError('the CSV file is empty: no header row', { source }, 'the first line must name the columns, e.g. "id,lon,lat"');
  const dialect: CsvDialect = { delimiter, decimalMark: options.decimalMark ?? decimalMarkOf(rows, delimiter), detected: options.delimiter === undefined };
  return { header, rows, dialect };
}

/**
 * The decimal mark the values show; in a `,` file a point when they show none (a comma there is
 * never a bare decimal mark, and "1.300" in an English file is 1.3).
 */
function decimalMarkOf(rows: readonly CsvRow[], delimiter: CsvDelimiter): DecimalMark | undefined {
  function* values(): Generator<string> {
    for (const row of rows) yield* row.fields;
  }
  return decideDecimalMark(values()) ?? (delimiter === ',' ? '.' : undefined);
}

interface CsvRecord {
  fields: string[];
  /** One-based line where the record starts. */
  line: number;
}

/** fast-csv's tokens, one record per physical row (blank lines included), with their lines. */
async function tokenize(text: string, delimiter: CsvDelimiter, source: string): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  let line = 1;
  try {
    await new Promise<void>((resolve, reject) => {
      parseString<string[], string[]>(text, { delimiter, headers: false, ignoreEmpty: false })
        .on('data', (fields: string[]) => {
          records.push({ fields, line });
          line += 1;
          for (const field of fields) line += countLineBreaks(field);
        })
        .on('error', reject)
        .on('end', () => resolve());
    });
  } catch (error) {
    throw syntaxError(text, delimiter, source, error);
  }
  return records;
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13) { count++; if (value.charCodeAt(i + 1) === 10) i++; }
  }
  return count;
}

/**
 * fast-csv says what went wrong but not where; a quote-state scan finds the line: the opening of
 * a quote that never closes, or a closing quote followed by something other than a separator.
 */
function syntaxError(text: string, delimiter: CsvDelimiter, source: string, error: unknown): InputError {
  let line = 1;
  let fieldStart = true;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoteLine > 0) {
      if (c === '"') {
        if (text[i + 1] === '"') { i++; continue; }
        quoteLine = 0;
        let j = i + 1;
        while (text[j] === ' ' || (text[j] === '\t' && delimiter !== '\t')) j++;
        const next = text[j];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          return new InputError(`a closing quote is followed by ${JSON.stringify(next)} instead of a separator`, { source, line },
            'inside a quoted value write a quote as two quotes (""), and put the separator right after the closing quote');
        }
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      continue;
    }
    if (c === '"' && fieldStart) { quoteLine = line; continue; }
    if (c === delimiter) { fieldStart = true; continue; }
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) { line++; fieldStart = true; continue; }
    if (c !== ' ' && c !== '\r') fieldStart = false;
  }
  if (quoteLine > 0) {
    return new InputError('a quote opened on this line is never closed', { source, line: quoteLine }, 'close the quoted value with a " (or remove the stray quote)');
  }
  const reason = error instanceof Error ? error.message.replace(/\s+at '[\s\S]*$/, '') : String(error);
  return new InputError(`cannot parse CSV (${reason})`, { source }, 'check the quoting: a value that contains the separator, a quote or a line break must be wrapped in double quotes');
}
