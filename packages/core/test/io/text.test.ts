import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '@postroute/core';

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from('id,name\nA,Aixàs\n'), 'p.csv')).toEqual({ text: 'id,name\nA,Aixàs\n', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('\uFEFF{"a":1}'), 'p.json')).toEqual({ text: '{"a":1}', encoding: 'utf-8' });
  });

  it('reads UTF-16 with a byte-order mark (Notepad\'s "Unicode"), little and big endian, and without one', () => {
    const text = 'id;name\r\nA;Encamp, Andorra – Aixàs\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(le, 'p.csv')).toEqual({ text, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(be, 'p.csv')).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeText(Buffer.from(text, 'utf16le'), 'p.csv')).toEqual({ text, encoding: 'utf-16le' });
  });

  it('reads text that is not UTF-8 as Windows-1252, with a note naming the file and a word to check', async () => {
    const decoded = decodeText(Buffer.from('id,name\nA,Aix\xe0s\nB,\x80 5\n', 'latin1'), 'places.csv');
    expect(decoded.text).toBe('id,name\nA,Aixàs\nB,€ 5\n');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.note).toBe('places.csv is not UTF-8: read as Windows-1252 (Latin-1), e.g. "Aixàs"; save it as UTF-8 to be sure');
    expect((await parseCsv(decoded.text, { source: 'places.csv' })).rows[0]!.values.name).toBe('Aixàs');
  });

  it('leaves binary data to the readers that refuse it', async () => {
    const gzip = decodeText(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe]), 'p.csv');
    expect(gzip.encoding).toBe('utf-8');
    await expect(parseCsv(gzip.text, { source: 'p.csv' })).rejects.toThrow(/gzip/);
    const binary = decodeText(Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)), 'p.csv');
    expect(binary.note).toBeUndefined();
    await expect(parseCsv(binary.text, { source: 'p.csv' })).rejects.toThrow(/binary data/);
  });
});
