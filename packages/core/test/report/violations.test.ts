import { describe, expect, it } from 'vitest';
import { clock, findViolations } from '../../src/report/violations.js';

describe('findViolations', () => {
  const visits = [
    { id: 'a', arrival: 9 * 3600, start: 9 * 3600, departure: 9 * 3600 + 300, load: 50, distance: 1000 },
    { id: 'b', arrival: 10 * 3600 + 900, start: 10 * 3600 + 900, departure: 10 * 3600 + 1200, load: 0, distance: 2000 },
  ];
  it('reports every broken rule with its amount', () => {
    const found = findViolations({ load: 130, duration: 5 * 3600, visits, stops: ['a', 'b'] }, {
      capacity: 100, maxShift: 4 * 3600, latest: new Map([['a', 9 * 3600], ['b', 10 * 3600]]), unreachable: ['b'],
    });
    expect(found.map((v) => [v.kind, v.stop, v.amount])).toEqual([
      ['over-capacity', undefined, 30],
      ['over-shift', undefined, 3600],
      ['late', 'b', 900],
      ['unreachable', 'b', 0],
    ]);
    expect(found[2]?.message).toBe('arrives at b at 10:15, due by 10:00 (+0:15)');
  });
  it('finds nothing on a route within its limits (arriving exactly on time is on time)', () => {
    expect(findViolations({ load: 100, duration: 4 * 3600, visits, stops: ['a', 'b'] }, {
      capacity: 100, maxShift: 4 * 3600, latest: new Map([['a', 9 * 3600]]),
    })).toEqual([]);
  });
  it('formats clock times', () => {
    expect(clock(27000)).toBe('7:30');
    expect(clock(59)).toBe('0:01');
  });
});
