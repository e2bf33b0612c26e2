import { describe, expect, it } from 'vitest';
import { InputError, parseCsv } from '@postroute/core';

describe('parseCsv', () => {
  it('reads rows with their line numbers, quoted commas and newlines, CRLF, blank lines', () => {
    const text = 'id,name\r\nA,"Hof, Ober"\r\n\r\nB,"two\nlines"\nC,plain\n';
    const { header, rows } = parseCsv(text, { source: 'p.csv' });
    expect(header).toEqual(['id', 'name']);
    expect(rows.map((r) => [r.index, r.line, r.values.id, r.values.name])).toEqual([
      [0, 2, 'A', 'Hof, Ober'],
      [1, 4, 'B', 'two\nlines'],
      [2, 6, 'C', 'plain'],
    ]);
  });

  it('reports a row with the wrong number of fields at its line', () => {
    try {
      parseCsv('id,lon,lat\nA,1,2\nB,1\n', { source: 'p.csv' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toMatchObject({ source: 'p.csv', line: 3, index: 1 });
    }
  });

  it('refuses an empty file and repeated header names', () => {
    expect(() => parseCsv('\n\n', { source: 'p.csv' })).toThrow(/empty/);
    expect(() => parseCsv('id,id\n1,2', { source: 'p.csv' })).toThrow(/appears twice/);
  });
});
