import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideDecimalMark, formatFigure, parseCsv, parseCsvNumber, readNumber, type DecimalMark } from '@postroute/core';

/** A number as a person writes it, by a writer independent of the reader: whole part grouped or not, a fraction or not. */
interface Written {
  text: string;
  value: number;
  mark: DecimalMark;
}

const GROUPS: Record<DecimalMark, string[]> = { ',': ['', '.', ' ', '\u00A0', '\u202F'], '.': ['', ',', ' ', "'"] };

const written = fc
  .record({
    negative: fc.boolean(),
    whole: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    fraction: fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
    mark: fc.constantFrom<DecimalMark>('.', ','),
    groupIndex: fc.nat(),
  })
  .map(({ negative, whole, fraction, mark, groupIndex }): Written => {
    const separator = GROUPS[mark][groupIndex % GROUPS[mark].length]!;
    const digits = whole.toString();
    const groups: string[] = [];
    for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
    const sign = negative ? '-' : '';
    const text = `${sign}${groups.join(separator)}${fraction !== undefined ? `${mark}${fraction}` : ''}`;
    return { text, value: Number(`${sign}${digits}${fraction !== undefined ? `.${fraction}` : ''}`), mark };
  });

describe('readNumber', () => {
  it('reads the cases of the issue', () => {
    expect(readNumber('1.300', ',')).toEqual({ kind: 'number', value: 1300 });
    expect(readNumber('12.500,5', ',')).toEqual({ kind: 'number', value: 12500.5 });
    expect(readNumber('12.500,5', undefined)).toEqual({ kind: 'number', value: 12500.5 });
    expect(readNumber('1.300', '.')).toEqual({ kind: 'number', value: 1.3 });
    expect(readNumber('1.300', undefined)).toEqual({ kind: 'ambiguous', thousands: 1300, decimal: 1.3, mark: '.' });
    expect(readNumber('1,300', undefined)).toEqual({ kind: 'ambiguous', thousands: 1300, decimal: 1.3, mark: ',' });
    expect(readNumber('0.300', undefined)).toEqual({ kind: 'number', value: 0.3 });
    expect(readNumber('1.300.000', undefined)).toEqual({ kind: 'number', value: 1300000 });
    expect(readNumber('1e999', '.')).toEqual({ kind: 'too-large' });
    for (const text of ['', 'abc', '1.2.3', '1,2,3', '12 km', '1.30.000', '01.300.000', '1.300,5,5']) expect(readNumber(text, ',').kind).toBe('not-a-number');
  });

  it('property: a number written with the file\'s decimal mark, grouped or not, reads back exactly', () => {
    fc.assert(fc.property(written, ({ text, value, mark }) => {
      expect(readNumber(text, mark)).toEqual({ kind: 'number', value: value + 0 });
    }), { numRuns: 2000 });
  });

  it('property: without a decimal mark a value reads as written, or is ambiguous with its writing among the two readings', () => {
    fc.assert(fc.property(written, ({ text, value }) => {
      const reading = readNumber(text, undefined);
      if (reading.kind === 'ambiguous') {
        expect([reading.thousands, reading.decimal]).toContain(value + 0);
        // Only a single mark followed by exactly three digits, after a whole part of 1 to 3 digits, is ambiguous.
        expect(text).toMatch(/^-?[1-9]\d{0,2}[.,]\d{3}$/);
      } else {
        expect(reading).toEqual({ kind: 'number', value: value + 0 });
      }
    }), { numRuns: 2000 });
  });

  it('property: the values of a file written with one decimal mark never show the other', () => {
    fc.assert(fc.property(fc.constantFrom<DecimalMark>('.', ','), fc.array(written, { maxLength: 30 }), (mark, values) => {
      const mine = values.filter((v) => v.mark === mark).map((v) => v.text);
      expect([mark, undefined]).toContain(decideDecimalMark(mine));
    }), { numRuns: 1000 });
  });

  it('property: a semicolon file of numbers read back by parseCsv: exact, or an error naming the line, the column and both readings', async () => {
    await fc.assert(fc.asyncProperty(fc.array(written.filter((v) => v.mark === ','), { minLength: 1, maxLength: 12 }), async (values) => {
      const text = `id;mail\n${values.map((v, k) => `p${k};${v.text}`).join('\n')}\n`;
      const table = await parseCsv(text, { source: 'p.csv' });
      expect([',', undefined]).toContain(table.dialect.decimalMark);
      table.rows.forEach((row, k) => {
        const at = { source: 'p.csv', line: row.line, field: 'mail' };
        const read = (): number => parseCsvNumber(row.values.mail!, table.dialect, at);
        if (table.dialect.decimalMark === undefined && /^-?[1-9]\d{0,2}[.,]\d{3}$/.test(values[k]!.text)) {
          expect(read).toThrow(`"${values[k]!.text}" can be read as`);
          expect(row.line).toBe(k + 2);
        } else {
          expect(read()).toBe(values[k]!.value + 0);
        }
      });
    }), { numRuns: 300 });
  });
});

describe('formatFigure', () => {
  it('writes figures as a person does', () => {
    expect(formatFigure(648.5861723804339)).toBe('648.59');
    expect(formatFigure(6727.473901657387, 1)).toBe('6727.5');
    expect(formatFigure(38.25781411121098)).toBe('38.26');
    expect(formatFigure(-1e-12)).toBe('0');
    expect(formatFigure(12)).toBe('12');
    expect(formatFigure(Infinity)).toBe('too large');
  });
});
