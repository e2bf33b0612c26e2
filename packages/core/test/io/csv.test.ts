import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvDelimiterOption, detectCsvDelimiter, parseCsv, parseCsvNumber, type CsvDelimiter } from '@postroute/core';
import { rejectedInput } from '../support/errors.js';

describe('parseCsv', () => {
  it('reads rows with their line numbers, quoted commas and newlines, CRLF, blank lines', async () => {
    const text = 'id,name\r\nA,"Hof, Ober"\r\n\r\nB,"two\nlines"\nC,plain\n';
    const { header, rows, dialect } = await parseCsv(text, { source: 'p.csv' });
    expect(header).toEqual(['id', 'name']);
    expect(dialect).toEqual({ delimiter: ',', decimalMark: '.', detected: true });
    expect(rows.map((r) => [r.index, r.line, r.values.id, r.values.name])).toEqual([
      [0, 2, 'A', 'Hof, Ober'],
      [1, 4, 'B', 'two\nlines'],
      [2, 6, 'C', 'plain'],
    ]);
  });

  it('detects semicolons and tabs, strips a byte-order mark, and finds the decimal comma', async () => {
    const semicolon = await parseCsv('\uFEFFid;lon;lat\r\nA;11,5;50,25\r\n', { source: 'p.csv' });
    expect(semicolon.header).toEqual(['id', 'lon', 'lat']);
    expect(semicolon.dialect).toEqual({ delimiter: ';', decimalMark: ',', detected: true });
    expect(semicolon.rows[0]!.values).toEqual({ id: 'A', lon: '11,5', lat: '50,25' });
    const tab = await parseCsv('id\tname\nA\tHof, Ober; Mitte\n', { source: 'p.tsv' });
    expect(tab.dialect.delimiter).toBe('\t');
    expect(tab.rows[0]!.values.name).toBe('Hof, Ober; Mitte');
  });

  it('takes the separator it is given, and says which one it split at when the columns do not fit', async () => {
    const given = await parseCsv('id;name\nA;x\n', { source: 'p.csv', delimiter: ',' });
    expect(given.header).toEqual(['id;name']);
    expect(given.dialect).toEqual({ delimiter: ',', decimalMark: '.', detected: false });
    const error = await rejectedInput(() => parseCsv('id;lon;lat\nA;1;2\nB;1\n', { source: 'p.csv' }));
    expect(error.location).toMatchObject({ source: 'p.csv', line: 3, index: 1 });
    expect(error.describe()).toBe('p.csv, line 3: the row has 2 fields but the header has 3 (split at semicolon ";") — make every row have one value per header column');
  });

  it('drops the empty columns a spreadsheet leaves after the last one', async () => {
    const { header, rows } = await parseCsv('id;lon;lat;\nA;1;2;\nB;3;4\n', { source: 'p.csv' });
    expect(header).toEqual(['id', 'lon', 'lat']);
    expect(rows.map((row) => row.fields)).toEqual([['A', '1', '2'], ['B', '3', '4']]);
  });

  it('names the line where an unclosed quote opens, and a closing quote followed by text', async () => {
    const open = await rejectedInput(() => parseCsv('id,name\nA,ok\nB,"never closed\nC,x\n', { source: 'p.csv' }));
    expect(open.describe()).toMatch(/^p\.csv, line 3: a quote opened on this line is never closed/);
    const after = await rejectedInput(() => parseCsv('id,name\nA,"q"x\n', { source: 'p.csv' }));
    expect(after.describe()).toMatch(/^p\.csv, line 2: a closing quote is followed by "x"/);
    // A quoted field over several lines before the bad one does not shift the count.
    const later = await rejectedInput(() => parseCsv('id,name\nA,"two\r\nlines"\nB,"open\n', { source: 'p.csv' }));
    expect(later.location.line).toBe(4);
  });

  it('refuses an empty file and repeated or empty header names', async () => {
    await expect(parseCsv('\n\n', { source: 'p.csv' })).rejects.toThrow(/empty/);
    await expect(parseCsv('id,id\n1,2', { source: 'p.csv' })).rejects.toThrow(/appears twice/);
    await expect(parseCsv('id,,lat\n1,2,3', { source: 'p.csv' })).rejects.toThrow(/column 2 has no name/);
  });

  it('reads every line as data with header: false', async () => {
    const { header, rows } = await parseCsv('a;3,5\n\nb;4\n', { source: 'w.csv', header: false });
    expect(header).toEqual([]);
    expect(rows.map((row) => [row.line, ...row.fields])).toEqual([[1, 'a', '3,5'], [3, 'b', '4']]);
  });
});

describe('separators and numbers', () => {
  it('detects from the first line outside quotes; ties go to tab, then semicolon', () => {
    expect(detectCsvDelimiter('id,lon,lat\n')).toBe(',');
    expect(detectCsvDelimiter('\n\n"a;b",c\n')).toBe(',');
    expect(detectCsvDelimiter('a;3,5\n')).toBe(';');
    expect(detectCsvDelimiter('a\t3,5\n')).toBe('\t');
    expect(detectCsvDelimiter('only\n')).toBe(',');
  });
  it('reads the option as people write it', () => {
    expect(csvDelimiterOption(';')).toBe(';');
    expect(csvDelimiterOption('Semicolon')).toBe(';');
    expect(csvDelimiterOption('\\t')).toBe('\t');
    expect(csvDelimiterOption('tab')).toBe('\t');
    expect(csvDelimiterOption(',')).toBe(',');
    expect(() => csvDelimiterOption('|')).toThrow(/unknown CSV separator "\|"/);
  });
  it('reads numbers by the file\'s decimal mark', () => {
    expect(parseCsvNumber('11,5763', { decimalMark: ',' })).toBe(11.5763);
    expect(parseCsvNumber('11.5763', { decimalMark: ',' })).toBe(11.5763);
    expect(parseCsvNumber('1.300', { decimalMark: ',' })).toBe(1300);
    expect(parseCsvNumber('1.300', { decimalMark: '.' })).toBe(1.3);
    expect(parseCsvNumber('1.300', { decimalMark: undefined })).toBeNaN();
    for (const text of ['', ' ', '1,2,3', '0x10', '1.2.3', 'Infinity', '12 km']) expect(parseCsvNumber(text, { decimalMark: ',' })).toBeNaN();
  });
  it('names the line, the column, the value and both readings of an ambiguous number', async () => {
    const error = await rejectedInput(async () => parseCsvNumber('1.300', { decimalMark: undefined }, { source: 'p.csv', line: 4, field: 'mail' }));
    expect(error.describe()).toBe('p.csv, line 4, field "mail": "1.300" can be read as 1300 (with "." between thousands) or as 1.3 (with a decimal point), and the file\'s other numbers do not show which — write 1300 or 1.3');
    const large = await rejectedInput(async () => parseCsvNumber('1e999', { decimalMark: '.' }, { source: 'p.csv', line: 2, field: 'mail' }));
    expect(large.describe()).toBe('p.csv, line 2, field "mail": "1e999" is too large to be a figure — write the figure itself');
  });
  it('decides the decimal mark from the file: semicolons, tabs and quoted values', async () => {
    expect((await parseCsv('id;mail\nA;1.300\nB;2,5\n', { source: 'p.csv' })).dialect.decimalMark).toBe(',');
    expect((await parseCsv('id;mail\nA;1.300\nB;2.5\n', { source: 'p.csv' })).dialect.decimalMark).toBe('.');
    expect((await parseCsv('id;mail\nA;1.300\nB;2\n', { source: 'p.csv' })).dialect.decimalMark).toBeUndefined();
    expect((await parseCsv('id\tmail\nA\t11,5\n', { source: 'p.tsv' })).dialect.decimalMark).toBe(',');
    expect((await parseCsv('id,mail\nA,1.300\n', { source: 'p.csv' })).dialect.decimalMark).toBe('.');
    expect((await parseCsv('id,mail\nA,"11,5"\n', { source: 'p.csv' })).dialect.decimalMark).toBe(',');
    expect((await parseCsv('id;mail\nA;1.300\n', { source: 'p.csv', decimalMark: ',' })).dialect.decimalMark).toBe(',');
  });
  it('understands Excel\'s "sep=" first line and counts lines from the header as Excel shows them', async () => {
    const { header, rows, dialect } = await parseCsv('sep=;\r\nid;name\r\nA;Hof, Ober\r\n', { source: 'p.csv' });
    expect(dialect.delimiter).toBe(';');
    expect(header).toEqual(['id', 'name']);
    expect(rows.map((row) => [row.line, row.values.name])).toEqual([[2, 'Hof, Ober']]);
    expect((await parseCsv('\uFEFFSEP=,\nid,name\nA,x;y\n', { source: 'p.csv' })).rows[0]!.values.name).toBe('x;y');
    await expect(parseCsv('sep=|\nid|name\n', { source: 'p.csv' })).rejects.toThrow(/declares the separator "\|"/);
  });
  it('property: any finite number written with a decimal comma (or a point) reads back exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const written = String(x);
        expect(parseCsvNumber(written, { decimalMark: '.' })).toBe(x + 0);
        expect(parseCsvNumber(written.replace('.', ','), { decimalMark: ',' })).toBe(x + 0);
      }),
      { numRuns: 500 },
    );
  });
});

/** A CSV writer independent of the reader: quotes what it must, in the given dialect. */
function writeCsv(table: string[][], dialect: { delimiter: CsvDelimiter; eol: string; bom: boolean; trailing: boolean; quoteAll: boolean }): { text: string; lines: number[] } {
  const special = dialect.quoteAll ? /[",;\t\r\n]/ : new RegExp(`["\\r\\n${dialect.delimiter === '\t' ? '\\t' : dialect.delimiter}]`);
  const cell = (value: string): string => (special.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines: number[] = [];
  let line = 1;
  const out = table.map((row) => {
    lines.push(line);
    const text = row.map(cell).join(dialect.delimiter);
    line += 1 + (row.join('').match(/\r\n|\r|\n/g)?.length ?? 0);
    return text;
  });
  return { text: (dialect.bom ? '\uFEFF' : '') + out.join(dialect.eol) + (dialect.trailing ? dialect.eol : ''), lines };
}

describe('property: any table written in any dialect reads back the same', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'ü', '1', ',', ';', '\t', '"', ' ', '\n', '\r\n', '.', '-'), maxLength: 8 }).map((s) => s.trim());
  const table = fc.integer({ min: 1, max: 4 }).chain((columns) => fc.record({
    header: fc.uniqueArray(text.filter((s) => s !== ''), { minLength: columns, maxLength: columns }),
    rows: fc.array(fc.array(columns === 1 ? text.filter((s) => s !== '') : text, { minLength: columns, maxLength: columns }), { maxLength: 6 }),
  }));
  const dialect = fc.record({
    delimiter: fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    trailing: fc.boolean(),
    given: fc.boolean(),
  });

  it('with the separator detected (fields with any separator in them quoted) or given (minimal quoting)', async () => {
    await fc.assert(
      fc.asyncProperty(table, dialect, async ({ header, rows }, d) => {
        const kept = rows;
        const written = writeCsv([header, ...kept], { ...d, quoteAll: !d.given });
        const read = await parseCsv(written.text, { source: 't.csv', ...(d.given ? { delimiter: d.delimiter } : {}) });
        expect(read.header).toEqual(header);
        expect(read.dialect.delimiter).toBe(header.length === 1 && !d.given ? read.dialect.delimiter : d.delimiter);
        expect(read.rows.map((row) => row.fields)).toEqual(kept);
        expect(read.rows.map((row) => row.line)).toEqual(written.lines.slice(1));
      }),
      { numRuns: 300 },
    );
  });
});
