import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { locateJsonPath } from '../../../src/io/json-path.js';
import { parsePlanFile } from '../../../src/plan/file/plan-file.js';

const good = {
  name: 'Test county',
  roads: 'roads.geojson',
  places: 'places.csv',
  baseline: 'today.csv',
  fleet: [{ id: 'van', count: 3, capacity: 800, departure: '07:30', maxShiftHours: 4 }],
  serviceMinutes: { outlet: 12 },
  coverage: { radiusKm: 2.5 },
  operatingDaysPerYear: 300,
};

function errorOf(plan: unknown): InputError {
  const text = typeof plan === 'string' ? plan : JSON.stringify(plan, null, 2);
  try {
    parsePlanFile(text, 'plan.json');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parsePlanFile', () => {
  it('reads a complete plan into planner units (seconds, metres) with defaults filled in', () => {
    const spec = parsePlanFile(JSON.stringify(good), 'plan.json');
    expect(spec.places).toEqual({ path: 'places.csv', format: 'csv' });
    expect(spec.roads).toEqual({ path: 'roads.geojson', format: 'geojson' });
    expect(spec.fleet[0]).toEqual({ id: 'van', count: 3, capacity: 800, departure: 27000, maxShift: 14400, fixedCost: 0 });
    expect(spec.serviceTime).toEqual({ outlet: 720, station: 300, village: 180 });
    expect(spec.coverage).toEqual({ radius: 2500 });
    expect(spec.operatingDaysPerYear).toBe(300);
    expect(spec.snapDistance).toBe(500);
  });

  // The expected line is the first line of the pretty-printed plan that contains `needle`.
  const cases: [string, unknown, string, string | undefined][] = [
    ['fleet missing', { ...good, fleet: undefined }, 'fleet', undefined],
    ['negative capacity', { ...good, fleet: [{ id: 'van', capacity: -5 }] }, 'fleet[0].capacity', '"capacity": -5'],
    ['text capacity', { ...good, fleet: [{ id: 'van', capacity: '800' }] }, 'fleet[0].capacity', '"capacity": "800"'],
    ['fractional count', { ...good, fleet: [{ id: 'van', count: 1.5, capacity: 5 }] }, 'fleet[0].count', '"count": 1.5'],
    ['duplicate fleet id', { ...good, fleet: [{ id: 'a', capacity: 1 }, { id: 'a', capacity: 2 }] }, 'fleet[1].id', undefined],
    ['bad departure', { ...good, fleet: [{ id: 'a', capacity: 1, departure: '25:00' }] }, 'fleet[0].departure', '"25:00"'],
    ['shift over a day', { ...good, fleet: [{ id: 'a', capacity: 1, maxShiftHours: 30 }] }, 'fleet[0].maxShiftHours', '"maxShiftHours": 30'],
    ['unknown fleet key', { ...good, fleet: [{ id: 'a', capacity: 1, speed: 3 }] }, 'fleet[0].speed', '"speed"'],
    ['unknown top-level key', { ...good, vehicles: [] }, 'vehicles', '"vehicles"'],
    ['roads missing', { ...good, roads: undefined }, 'roads', undefined],
    ['roads not geojson', { ...good, roads: 'roads.shp' }, 'roads', 'roads.shp'],
    ['places bad format', { ...good, places: { path: 'p.txt', format: 'xlsx' } }, 'places.format', '"xlsx"'],
    ['baseline number', { ...good, baseline: 3 }, 'baseline', '"baseline": 3'],
    ['coverage radius zero', { ...good, coverage: { radiusKm: 0 } }, 'coverage.radiusKm', '"radiusKm": 0'],
    ['coverage maxPopulation negative', { ...good, coverage: { radiusKm: 1, maxPopulation: -1 } }, 'coverage.maxPopulation', '"maxPopulation": -1'],
    ['serviceMinutes negative', { ...good, serviceMinutes: { village: -1 } }, 'serviceMinutes.village', '"village": -1'],
    ['operating days', { ...good, operatingDaysPerYear: 400 }, 'operatingDaysPerYear', '"operatingDaysPerYear": 400'],
    ['name empty', { ...good, name: '' }, 'name', '"name": ""'],
  ];
  it.each(cases)('%s: names the field and the line', (_label, plan, field, needle) => {
    const text = JSON.stringify(plan, null, 2);
    const error = errorOf(text);
    expect(error.location.source).toBe('plan.json');
    expect(error.location.field).toBe(field);
    if (needle !== undefined) expect(error.location.line).toBe(text.split('\n').findIndex((l) => l.includes(needle)) + 1);
    expect(error.location.line).toBeGreaterThan(0);
    expect(error.describe()).not.toContain('\n');
  });

  it('puts a duplicate id on the second entry', () => {
    const text = JSON.stringify({ ...good, fleet: [{ id: 'a', capacity: 1 }, { id: 'a', capacity: 2 }] }, null, 2);
    const lines = text.split('\n');
    const second = lines.findIndex((l, i) => l.includes('"id": "a"') && i > lines.findIndex((m) => m.includes('"id": "a"')));
    expect(errorOf(text).location.line).toBe(second + 1);
  });

  it('reports the line of a JSON syntax error', () => {
    const error = errorOf('{\n  "name": "x",\n  "roads": "r.geojson"\n  "places": "p.csv"\n}');
    expect(error.location.line).toBe(4);
    expect(error.message).toMatch(/malformed JSON/);
  });

  it('says in one line what a person gets wrong first: NaN, a // comment, an empty file, fleet as an object', () => {
    const nan = errorOf('{\n  "name": "x",\n  "fleet": [{ "id": "van", "capacity": NaN }]\n}');
    expect(nan.describe()).toBe('plan.json, line 3: malformed JSON: NaN at column 40 is not a JSON value — write a number, or null, or leave the key out');
    const comment = errorOf('{\n  // our county\n  "name": "x"\n}');
    expect(comment.describe()).toMatch(/^plan\.json, line 2: malformed JSON: a comment at column 3 \(JSON has no comments\)/);
    expect(errorOf('  \n').describe()).toMatch(/^plan\.json: malformed JSON: the file is empty — give the plan as one JSON object/);
    const object = errorOf(JSON.stringify({ ...good, fleet: { id: 'van', count: 2, capacity: 800 } }, null, 2));
    expect(object.describe()).toMatch(/field "fleet": must be a list of vehicle types, not one object — wrap it in brackets/);
    for (const error of [nan, comment, object]) expect(error.describe()).not.toContain('\n');
  });

  it('rejects a plan that is not an object', () => {
    expect(errorOf('[1, 2]').message).toMatch(/JSON object/);
  });
});

describe('locateJsonPath', () => {
  const text = '{\n  "a": 1,\n  "b": [\n    { "c": 2 },\n    {\n      "c": "x, y]"\n    }\n  ]\n}';
  it('finds nested values, strings with brackets included', () => {
    expect(locateJsonPath(text, 'a')).toBe(2);
    expect(locateJsonPath(text, 'b[0].c')).toBe(4);
    expect(locateJsonPath(text, 'b[1].c')).toBe(6);
  });
  it('falls back to the nearest present parent', () => {
    expect(locateJsonPath(text, 'b[1].missing')).toBe(5);
  });
});
