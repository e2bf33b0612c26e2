import { describe, expect, it } from 'vitest';
import { createPeriodicProblem, patternsFromRule } from '@postroute/core';
import type { PeriodicProblemInput } from '@postroute/core';
import { inputError } from '../../support/errors.js';

const base = (): PeriodicProblemInput => ({
  horizon: 5,
  depots: [{ id: 'hub', location: 0 }],
  stops: [
    { id: 'a', location: 1, delivery: [2] },
    { id: 'b', location: 2, delivery: [3], visits: 2, minGap: 2 },
    { id: 'c', location: 3, delivery: [1], patterns: [[1, 4], [2, 5]] },
  ],
  vehicleTypes: [{ id: 'van', count: 1, capacity: [20], startDepot: 'hub' }],
  matrix: { size: 4, distances: [[0, 5, 7, 9], [5, 0, 4, 6], [7, 4, 0, 3], [9, 6, 3, 0]] },
});

const days = (mask: number): number[] => [0, 1, 2, 3, 4, 5, 6].filter((d) => (mask >>> d) & 1).map((d) => d + 1);

describe('patterns', () => {
  it('a rule gives every set of k allowed days at least g apart (within the horizon)', () => {
    expect(patternsFromRule(6, 3, 0b111111, 2).map(days)).toEqual([[1, 3, 5], [1, 3, 6], [2, 4, 6], [1, 4, 6]].sort((x, y) => {
      const m = (l: number[]): number => l.reduce((s, d) => s | (1 << (d - 1)), 0);
      return m(x) - m(y);
    }));
    expect(patternsFromRule(5, 2, 0b10101, 1).map(days)).toEqual([[1, 3], [1, 5], [3, 5]]);
    expect(patternsFromRule(5, 3, 0b11111, 3)).toEqual([]);
  });

  it('stops without periodic fields are daily; rules and given patterns compile to masks', () => {
    const p = createPeriodicProblem(base());
    expect(p.horizon).toBe(5);
    const of = (s: number): number[][] => Array.from(p.patterns.subarray(p.patternStart[s]!, p.patternStart[s + 1]!)).map(days);
    expect(of(0)).toEqual([[1, 2, 3, 4, 5]]);
    expect(of(1)).toEqual([[1, 3], [2, 4], [1, 4], [2, 5], [3, 5], [1, 5]].sort((x, y) => (x.reduce((s, d) => s | (1 << (d - 1)), 0)) - (y.reduce((s, d) => s | (1 << (d - 1)), 0))));
    expect(of(2)).toEqual([[1, 4], [2, 5]]);
    expect(Array.from(p.visits)).toEqual([5, 2, 2]);
    expect(p.stopReason).toEqual([null, null, null]);
  });

  it('patterns on days without a vehicle are not usable; no usable pattern → pattern-unmeetable', () => {
    const input = base();
    input.vehicleTypes[0] = { id: 'van', countPerDay: [1, 1, 1, 0, 1], capacity: [20], startDepot: 'hub' };
    input.stops[2]!.patterns = [[1, 4], [4, 5]];
    const p = createPeriodicProblem(input);
    expect(p.stopReason).toEqual(['pattern-unmeetable', null, 'pattern-unmeetable']);
    expect(p.fleet.map((d) => d[0])).toEqual([1, 1, 1, 0, 1]);
    expect(p.days[3]!.totalSlots).toBe(0);
  });

  it('accumulated demand above every capacity makes a pattern unusable', () => {
    const input = base();
    input.accumulate = true;
    input.stops[2] = { id: 'c', location: 3, delivery: [6], patterns: [[1, 2], [1, 3]] };
    // [1, 2]: day 1 carries 4 days of mail (days 3, 4, 5 and 1) = 24 > 20; [1, 3]: 18 on day 1, 12 on day 3.
    const p = createPeriodicProblem(input);
    expect(Array.from(p.usable.subarray(p.usableStart[2]!, p.usableStart[3]!)).map(days)).toEqual([[1, 3]]);
  });
});

describe('periodic input errors, each located', () => {
  const cases: [string, (p: PeriodicProblemInput) => void, string][] = [
    ['horizon', (p) => { p.horizon = 0; }, 'horizon'],
    ['horizon too long', (p) => { p.horizon = 40; }, 'horizon'],
    ['accumulate', (p) => { (p as unknown as { accumulate: string }).accumulate = 'yes'; }, 'accumulate'],
    ['visits', (p) => { p.stops[1]!.visits = 6; }, 'stops[1].visits'],
    ['pattern day', (p) => { p.stops[2]!.patterns = [[1, 6]]; }, 'stops[2].patterns[0][1]'],
    ['pattern size', (p) => { p.stops[2]!.patterns = [[1, 4], [2]]; }, 'stops[2].patterns[1]'],
    ['pattern repeats a day', (p) => { p.stops[2]!.patterns = [[1, 1]]; }, 'stops[2].patterns[0]'],
    ['patterns empty', (p) => { p.stops[2]!.patterns = []; }, 'stops[2].patterns'],
    ['patterns and rule', (p) => { p.stops[2]!.days = [1, 2]; }, 'stops[2].days'],
    ['days', (p) => { p.stops[0]!.days = [0]; }, 'stops[0].days[0]'],
    ['minGap', (p) => { p.stops[1]!.minGap = 0; }, 'stops[1].minGap'],
    ['rule without pattern', (p) => { p.stops[1]!.visits = 3; p.stops[1]!.minGap = 3; }, 'stops[1].minGap'],
    ['countPerDay length', (p) => { p.vehicleTypes[0] = { id: 'van', countPerDay: [1, 1], capacity: [20], startDepot: 'hub' }; }, 'vehicleTypes[0].countPerDay'],
    ['countPerDay value', (p) => { p.vehicleTypes[0] = { id: 'van', countPerDay: [1, 1, -1, 1, 1], capacity: [20], startDepot: 'hub' }; }, 'vehicleTypes[0].countPerDay[2]'],
    ['count and countPerDay', (p) => { p.vehicleTypes[0] = { id: 'van', count: 1, countPerDay: [1, 1, 1, 1, 1], capacity: [20], startDepot: 'hub' }; }, 'vehicleTypes[0].count'],
    ['optional stop', (p) => { p.stops[0]!.required = false; }, 'stops[0].required'],
    ['daily field still checked', (p) => { p.stops[0]!.delivery = [-1]; }, 'stops[0].delivery[0]'],
  ];
  for (const [name, change, field] of cases) {
    it(name, () => {
      const input = base();
      change(input);
      const error = inputError(() => createPeriodicProblem(input, { source: 'week.json' }));
      expect(error.location).toMatchObject({ field, source: 'week.json' });
    });
  }
});
