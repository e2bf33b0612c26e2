/** `--csv-delimiter`: the separator of every CSV file a command reads, or `auto` to detect it. */
import { InputError, csvDelimiterOption, type CsvDelimiter } from '@postroute/core';

export const csvDelimiterYargs = {
  type: 'string',
  default: 'auto',
  describe: 'separator of the CSV files read: auto (detects "," ";" or tab from the header line), ",", ";" or tab; with ";" numbers may use decimal commas',
} as const;

/** The separator the user asked for, or undefined for `auto`; a bad value is an InputError. */
export function csvDelimiterArg(value: string | undefined): CsvDelimiter | undefined {
  if (value === undefined || value.trim().toLowerCase() === 'auto') return undefined;
  try {
    return csvDelimiterOption(value);
  } catch {
    throw new InputError(`--csv-delimiter ${JSON.stringify(value)} is not a separator postroute reads`, {}, 'give auto, ",", ";" or tab');
  }
}
