/**
 * The problem JSON and warm-start files of `postroute solve`: what they accept, and every mistake
 * said about the right file with its line.
 */
import { describe, expect, it } from 'vitest';
import { InputError, createProblem, inWarmStartFile, parseProblemFile, parseWarmStart, rejectUnservableStops, withJsonLine, type ProblemInput } from '@postroute/core';

const problem: ProblemInput = {
  depots: [{ id: 'hub', location: 0 }],
  stops: [{ id: 'a', location: 1, delivery: [5] }, { id: 'b', location: 2, delivery: [50] }, { id: 'c', location: 2, delivery: [60], required: false }],
  vehicleTypes: [{ id: 'van', capacity: [10], startDepot: 'hub' }],
  matrix: { size: 3, distances: [[0, 1, 2], [1, 0, 1], [2, 1, 0]] },
};
const text = JSON.stringify(problem, null, 2);
const error = (f: () => unknown): InputError => {
  try { f(); } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('no error');
};

describe('parseProblemFile', () => {
  it('reads an object; anything else is one located error', () => {
    expect(parseProblemFile(text, 'p.json')).toEqual(problem);
    expect(error(() => parseProblemFile('[1]', 'p.json')).location).toEqual({ source: 'p.json', line: 1 });
    expect(error(() => parseProblemFile('{"depots": [', 'p.json')).describe()).toMatch(/^p\.json, line 1: malformed JSON/);
  });
  it('withJsonLine adds the line of the field createProblem names', () => {
    const bad = text.replace('"capacity": [\n        10\n      ]', '"capacity": [\n        -1\n      ]');
    const located = withJsonLine(error(() => createProblem(parseProblemFile(bad, 'p.json'), { source: 'p.json' })), bad) as InputError;
    expect(located.location.field).toMatch(/^vehicleTypes\[0\]\.capacity/);
    expect(located.location.line).toBe(bad.split('\n').findIndex((l) => l.includes('-1')) + 1);
  });
});

describe('rejectUnservableStops', () => {
  it('names the first required stop no vehicle can take, counts the others, skips optional ones', () => {
    const compiled = createProblem(problem, { source: 'p.json' });
    const e = error(() => rejectUnservableStops(compiled, problem, 'p.json', text));
    expect(e.message).toBe('stop "b" can never be served: its demand is above the capacity of every vehicle type');
    expect(e.location).toMatchObject({ source: 'p.json', index: 1, field: 'stops[1].delivery' });
    // The line where stops[1].delivery starts: `"delivery": [`, the line before the 50.
    expect(e.location.line).toBe(text.split('\n').findIndex((l) => l.includes('50')));
    expect(e.hint).toMatch(/--allow-unassigned/);
    const fine = { ...problem, stops: [problem.stops[0]!] };
    expect(() => rejectUnservableStops(createProblem(fine), fine, 'p.json', undefined)).not.toThrow();
  });
});

describe('parseWarmStart and inWarmStartFile', () => {
  it('takes a list of routes, { routes }, or a previous --json output', () => {
    const routes = [{ vehicleType: 'van', stops: ['a'] }];
    expect(parseWarmStart(JSON.stringify(routes), 'w.json')).toEqual(routes);
    expect(parseWarmStart(JSON.stringify({ cost: 1, routes: [{ ...routes[0], distance: 2 }] }), 'w.json')).toEqual(routes);
  });
  it('says what is wrong, where, in the warm-start file', () => {
    const bad = '{\n  "routes": [\n    { "vehicleType": "van", "stops": [1] }\n  ]\n}';
    expect(error(() => parseWarmStart(bad, 'w.json')).location).toEqual({ source: 'w.json', index: 0, field: 'stops', line: 3 });
    expect(error(() => parseWarmStart('{"x": 1}', 'w.json')).message).toBe('expected an array of routes or an object with "routes"');
    const list = '[\n  { "vehicleType": "van", "stops": ["zz"] }\n]';
    const solverError = new InputError('unknown stop id "zz"', { source: 'p.json', field: 'warmStart[0].stops[0]' }, 'use the ids of the problem\'s stops');
    const moved = inWarmStartFile(solverError, 'w.json', list) as InputError;
    expect(moved.location).toEqual({ source: 'w.json', field: 'route[0].stops[0]', line: 2 });
    const other = new Error('x');
    expect(inWarmStartFile(other, 'w.json', list)).toBe(other);
  });
});
