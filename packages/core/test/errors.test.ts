import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';

describe('InputError.describe', () => {
  it('names the file, the place, the field and the fix in one line', () => {
    const e = new InputError('latitude 123 is out of range', { source: 'roads.geojson', index: 12, field: 'coordinates' }, 'use WGS84 lon/lat');
    expect(e.describe()).toBe('roads.geojson, item 12, field "coordinates": latitude 123 is out of range — use WGS84 lon/lat');
    expect(e.describe()).not.toContain('\n');
  });
  it('counts CSV rows as a spreadsheet does, and names only the line when there is one', () => {
    expect(new InputError('bad', { source: 'places.csv', index: 3 }).describe()).toBe('places.csv, row 4: bad');
    expect(new InputError('bad', { source: 'places.csv', index: 3, line: 5, field: 'lon' }).describe()).toBe('places.csv, line 5, field "lon": bad');
    expect(new InputError('bad', { source: 'p.json', index: 3, line: 5 }).describe()).toBe('p.json, line 5, item 3: bad');
  });
});
