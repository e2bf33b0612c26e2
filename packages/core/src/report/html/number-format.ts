/**
 * Numbers as the pages write them ("1,234.5"): the same text as
 * `value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })`
 * (which ECMA-402 defines as formatting with a new Intl.NumberFormat of those options), with one
 * formatter per number of decimals made once: making one on every call was about a tenth of the
 * county report's writing time, its sheets list thousands of stops.
 */
const formats = new Map<number, Intl.NumberFormat>();

/**
 * `value` with exactly `digits` decimals and thousands separators, in English.
 *
 * @example
 * formatNumber(1234.56, 1); // '1,234.6'
 */
export function formatNumber(value: number, digits = 0): string {
  let format = formats.get(digits);
  if (!format) formats.set(digits, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return format.format(value);
}
