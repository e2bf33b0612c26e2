import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readPlaces } from '../../src/io/places.js';
import { classifyPlaces } from '../../src/plan/places.js';

const service = { outlet: 600, station: 300, village: 180 };

describe('classifyPlaces', () => {
  it('reads CSV strings as numbers, times and roles', async () => {
    const csv = 'id,lon,lat,name,role,population,mail,latest,service_min\nH,11.5,50,Hub,hub,,,,\nO,11.6,50,Office,Outlet, 900 ,120,09:30,\nV,11.55,50.01,,village,80,12,,1.5\n';
    const places = classifyPlaces(await readPlaces(csv, { source: 'places.csv' }), 'places.csv', service);
    expect(places.map((p) => [p.id, p.role, p.name, p.population, p.mail, p.serviceTime, p.latest])).toEqual([
      ['H', 'hub', 'Hub', 0, 0, 0, undefined],
      ['O', 'outlet', 'Office', 900, 120, 600, 34_200],
      ['V', 'village', 'V', 80, 12, 90, undefined],
    ]);
  });

  const bad: [string, string, string][] = [
    ['negative mail', 'V,11.5,50,village,-3,,', 'mail'],
    ['text population', 'V,11.5,50,village,5,many,', 'population'],
    ['bad time', 'V,11.5,50,village,5,,25:00', 'latest'],
  ];
  it.each(bad)('%s is located by row and field', async (_label, row, field) => {
    const csv = `id,lon,lat,role,mail,population,latest\nH,11.5,50,hub,,,\n${row}\n`;
    const places = await readPlaces(csv, { source: 'places.csv' });
    try {
      classifyPlaces(places, 'places.csv', service);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toMatchObject({ source: 'places.csv', index: 1, field });
    }
  });

  it('names a column missing from the whole file, not the first row\'s empty value', async () => {
    const noMail = await readPlaces('id,lon,lat,role\nH,11.5,50,hub\nV,11.6,50,village\n', { source: 'places.csv' });
    expect(() => classifyPlaces(noMail, 'places.csv', service)).toThrow(/^the places file has no "mail" column$/);
    const noRole = await readPlaces('id,lon,lat,mail\nH,11.5,50,\nV,11.6,50,3\n', { source: 'places.csv' });
    try {
      classifyPlaces(noRole, 'places.csv', service);
      throw new Error('expected an error');
    } catch (error) {
      expect((error as InputError).describe()).toMatch(/^places\.csv, line 1, field "role": the places file has no "role" column — add a "role" column/);
    }
  });
});
