/**
 * The one reader of numbers written in text files (places, today's routes, matrices, weights):
 * a number as the person who typed it meant it. A file writes its decimals one way, with a point
 * (`11.5763`) or a comma (`11,5763`), and may group thousands with the other mark (`1,300` or
 * `1.300`, `12.500,5`) or with spaces (`1 300`). The file's way is decided from the values that
 * can only be read one way (`decideDecimalMark`); a value that could be either (`1.300` is 1300
 * or 1.3) is read by that way, and is an error when the file does not show it.
 */

/** The character a file writes between the whole and the fractional part. */
export type DecimalMark = '.' | ',';

/** What a written value says. */
export type NumberReading =
  /** A number, written one way only, or read by the file's decimal mark. */
  | { kind: 'number'; value: number }
  /** A number too large for any figure (`1e999`). */
  | { kind: 'too-large' }
  /** `1.300` in a file that does not show its decimal mark: the thousands reading, then the decimal one. */
  | { kind: 'ambiguous'; thousands: number; decimal: number; mark: DecimalMark }
  | { kind: 'not-a-number' };

// Spaces that people and spreadsheets put between groups of thousands: space, no-break space,
// narrow no-break space (French), and the apostrophe (Swiss).
const GROUP_SPACES = ' \u00A0\u202F';

/**
 * Reads one value. `mark` is the file's decimal mark, or undefined when the file has not shown
 * it. A point or comma followed by exactly three digits, with a non-zero whole part, is the one
 * case that can be read two ways: under the file's mark it is the decimal (or, for the other
 * mark, the thousands separator); without a mark it is ambiguous.
 *
 * @example
 * readNumber('1.300', ',');     // { kind: 'number', value: 1300 }
 * readNumber('12.500,5', ',');  // { kind: 'number', value: 12500.5 }
 * readNumber('1.300', '.');     // { kind: 'number', value: 1.3 }
 * readNumber('1.300', undefined); // { kind: 'ambiguous', thousands: 1300, decimal: 1.3, mark: '.' }
 * readNumber('11,57', undefined); // { kind: 'number', value: 11.57 }
 */
export function readNumber(raw: string, mark: DecimalMark | undefined): NumberReading {
  const text = raw.trim();
  const readings = possibleReadings(text);
  if (readings.length === 0) return { kind: 'not-a-number' };
  let chosen = readings[0]!;
  if (readings.length > 1) {
    const thousands = readings.find((reading) => reading.decimal === undefined)!;
    const decimal = readings.find((reading) => reading !== thousands)!;
    if (mark === undefined) return { kind: 'ambiguous', thousands: thousands.value, decimal: decimal.value, mark: decimal.decimal! };
    // The file's decimal mark decides: it is the decimal, or else the other mark groups thousands.
    chosen = decimal.decimal === mark ? decimal : thousands;
  }
  if (!Number.isFinite(chosen.value)) return { kind: 'too-large' };
  return { kind: 'number', value: chosen.value + 0 };
}

/**
 * The decimal mark a set of values shows: a point when some value can only be read with a decimal
 * point (`11.5763`, `0.300`, `1,300.5`), a comma when some can only be read with a decimal comma
 * (`11,5763`, `12.500,5`), undefined when none shows either or both are shown (a file that mixes
 * them has no one way; its ambiguous values are errors).
 *
 * @example
 * decideDecimalMark(['11,5763', '1.300']); // ','
 * decideDecimalMark(['1.300', '42']);      // undefined
 */
export function decideDecimalMark(values: Iterable<string>): DecimalMark | undefined {
  let point = false;
  let comma = false;
  for (const value of values) {
    // Only a value with a point or a comma can show a decimal mark (most cells of a matrix are plain digits).
    if (value.length === 0 || value.length > 40 || (!value.includes('.') && !value.includes(','))) continue;
    const readings = possibleReadings(value.trim());
    if (readings.length !== 1) continue;
    // A decimal mark shows itself; a mark between thousands (1.300.000) shows the other one.
    const { decimal: shown, separator } = readings[0]!;
    const decimal = shown ?? (separator === '.' ? ',' : separator === ',' ? '.' : undefined);
    if (decimal === '.') point = true;
    else if (decimal === ',') comma = true;
    if (point && comma) return undefined;
  }
  return point ? '.' : comma ? ',' : undefined;
}

/** A number written with `decimal` as its decimal mark (undefined: a whole number) and `separator` between thousands. */
interface Reading {
  value: number;
  decimal: DecimalMark | undefined;
  separator: string | undefined;
}

const PLAIN = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** Every way the text can be read as a number (none, one, or two), in no particular order. */
function possibleReadings(text: string): Reading[] {
  if (/^[+-]?\d+$/.test(text)) return [{ value: Number(text), decimal: undefined, separator: undefined }];
  if (text === '' || !/\d/.test(text)) return [];
  if (PLAIN.test(text)) {
    // Digits with at most one mark (and maybe an exponent).
    const mark = /[.,]/.exec(text)?.[0] as DecimalMark | undefined;
    const decimalValue = Number(mark === ',' ? text.replace(',', '.') : text);
    if (mark === undefined) return [{ value: decimalValue, decimal: undefined, separator: undefined }];
    const readings: Reading[] = [{ value: decimalValue, decimal: mark, separator: undefined }];
    // "1.300" or "-12,500": the mark may also separate thousands.
    if (/^[+-]?[1-9]\d{0,2}[.,]\d{3}$/.test(text)) {
      readings.push({ value: Number(text.replace(mark, '')), decimal: undefined, separator: mark });
    }
    return readings;
  }
  const readings: Reading[] = [];
  for (const separator of ['.', ',', ...GROUP_SPACES, "'"]) {
    for (const decimal of ['.', ','] as const) {
      if (decimal === separator) continue;
      const grouped = groupedValue(text, separator, decimal);
      if (grouped !== undefined) readings.push({ value: grouped.value, decimal: grouped.fraction ? decimal : undefined, separator });
    }
  }
  // The same number read twice (1.300.000 has no decimal part under either mark).
  return readings.filter((reading, k) => readings.findIndex((other) => other.value === reading.value) === k);
}

const GROUPED = new Map<string, RegExp>();

/** `text` as digits grouped in threes by `separator`, with an optional `decimal` part; undefined when it is not. */
function groupedValue(text: string, separator: string, decimal: DecimalMark): { value: number; fraction: boolean } | undefined {
  const key = separator + decimal;
  let pattern = GROUPED.get(key);
  if (pattern === undefined) {
    const escaped = separator === '.' ? '\\.' : separator;
    pattern = new RegExp(`^([+-]?)([1-9]\\d{0,2}(?:${escaped}\\d{3})+)(?:(${decimal === '.' ? '\\.' : ','})(\\d+))?$`, 'u');
    GROUPED.set(key, pattern);
  }
  const match = pattern.exec(text);
  if (!match) return undefined;
  const [, sign, whole, , fraction] = match as unknown as [string, string, string, string | undefined, string | undefined];
  const groups = whole.split(separator);
  return { value: Number(`${sign}${groups.join('')}${fraction !== undefined ? `.${fraction}` : ''}`), fraction: fraction !== undefined };
}

/**
 * A number as a person writes it in a message: rounded to `digits` places after the point,
 * trailing zeros dropped (`648.59`, `38.3`, `0`), grouped by nothing, and never in exponent form.
 *
 * @example
 * formatFigure(648.5861723804339);     // '648.59'
 * formatFigure(6727.473901657387, 1);  // '6727.5'
 * formatFigure(-1e-12);                // '0'
 */
export function formatFigure(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return value > 0 ? 'too large' : value < 0 ? 'too small' : 'not a number';
  const rounded = Number(value.toFixed(digits));
  return (Object.is(rounded, -0) ? 0 : rounded).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: digits });
}
