import { describe, expect, it } from 'vitest';
import { countySlug, parseProvinceFile } from '../../src/batch/province-file.js';
import { inputError } from '../support/errors.js';

const text = (value: unknown): string => JSON.stringify(value, null, 2);

describe('parseProvinceFile', () => {
  it('reads counties in file order with their folders', () => {
    const spec = parseProvinceFile(text({
      name: 'P',
      boundaries: 'counties.geojson',
      seed: 4,
      timeLimitS: 30,
      counties: [{ name: 'Upper Valley (north)', plan: 'a/plan.json' }, { name: 'Süd', plan: 'b/plan.json', boundary: 'south' }],
    }));
    expect(spec.counties.map((c) => [c.name, c.slug, c.plan, c.boundary ?? null, c.index])).toEqual([
      ['Upper Valley (north)', 'upper-valley-north', 'a/plan.json', null, 0],
      ['Süd', 'sued', 'b/plan.json', 'south', 1],
    ]);
    expect(spec.seed).toBe(4);
    expect(spec.timeLimit).toBe(30);
    expect(spec.boundaryNameProperty).toBe('name');
  });

  it('rejects two counties with the same name, at the second one\'s line', () => {
    const body = text({ counties: [{ name: 'A', plan: 'a.json' }, { name: 'B', plan: 'b.json' }, { name: 'A', plan: 'c.json' }] });
    const error = inputError(() => parseProvinceFile(body, 'province.json'));
    expect(error.message).toBe('two counties are named "A" (counties[0] and counties[2])');
    expect(error.location.field).toBe('counties[2].name');
    expect(body.split('\n')[(error.location.line as number) - 1]).toContain('"name": "A"');
    expect(error.describe()).toMatch(/^province\.json, line \d+, field "counties\[2\]\.name": /);
  });

  it('rejects names that would share a folder', () => {
    const error = inputError(() => parseProvinceFile(text({ counties: [{ name: 'Ost-Tal', plan: 'a.json' }, { name: 'Ost Tal', plan: 'b.json' }] })));
    expect(error.message).toMatch(/would share the folder "ost-tal"/);
  });

  it.each([
    [{}, 'counties', /is missing or empty/],
    [{ counties: [] }, 'counties', /is missing or empty/],
    [{ counties: [{ name: 'A' }] }, 'counties[0].plan', /is missing/],
    [{ counties: [{ plan: 'a.json' }] }, 'counties[0].name', /is missing/],
    [{ counties: [{ name: 'A', plan: 'a.json', roads: 'x' }] }, 'counties[0].roads', /unknown setting "roads"/],
    [{ counties: [{ name: 'A', plan: 'a.json', boundary: 'x' }] }, 'counties[0].boundary', /no "boundaries" file/],
    [{ county: [] }, 'county', /unknown setting/],
    [{ seed: 1.5, counties: [{ name: 'A', plan: 'a.json' }] }, 'seed', /whole number/],
    [{ counties: [{ name: '---', plan: 'a.json' }] }, 'counties[0].name', /no letter or digit/],
  ])('rejects %j at %s', (value, field, message) => {
    const error = inputError(() => parseProvinceFile(text(value)));
    expect(error.location.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('says where the JSON breaks', () => {
    expect(inputError(() => parseProvinceFile('{ "counties": [', 'p.json')).describe()).toMatch(/^p\.json, line 1: malformed JSON .* at column 16/);
  });

  it('slugs are stable folder names', () => {
    expect(countySlug('Sant Julià de Lòria')).toBe('sant-julia-de-loria');
    expect(countySlug('  Neudrossenfeld county ')).toBe('neudrossenfeld-county');
  });
});
