/** How a weekly report names today's routes (plan/baseline.ts weekRouteIds). */
import { describe, expect, it } from 'vitest';
import { weekRouteIds } from '../../src/plan/baseline.js';

const days = ['Mon', 'Tue', 'Wed'];

describe('weekRouteIds', () => {
  it('keeps the id of a route of one day, puts the day in front of a route of every day', () => {
    const name = weekRouteIds([{ id: 'T1' }, { id: 'Mon-east-1', day: 'Mon' }, { id: 'Tue-east-1', day: 'Tue' }], days);
    expect(name('T1', 'Tue')).toBe('Tue T1');
    expect(name('Mon-east-1', 'Mon')).toBe('Mon-east-1');
    expect(name('Tue-east-1', 'Tue')).toBe('Tue-east-1');
  });
  it('puts the day in front of an id given on several days (the API takes such routes)', () => {
    const name = weekRouteIds([{ id: 'van', day: 'Mon' }, { id: 'van', day: 'Wed' }], days);
    expect([name('van', 'Mon'), name('van', 'Wed')]).toEqual(['Mon van', 'Wed van']);
  });
  it('a kept id never equals a prefixed name (or its afternoon one): such a route gets the day in front too', () => {
    const routes = [{ id: 'T1' }, { id: 'Mon T1', day: 'Mon' }, { id: 'Wed T1-pm', day: 'Wed' }, { id: 'Tue-x', day: 'Tue' }];
    const name = weekRouteIds(routes, days, ['-pm']);
    expect(name('Mon T1', 'Mon')).toBe('Mon Mon T1');
    expect(name('Wed T1-pm', 'Wed')).toBe('Wed Wed T1-pm');
    expect(name('Tue-x', 'Tue')).toBe('Tue-x');
    const all = [...days.flatMap((day) => [name('T1', day), `${name('T1', day)}-pm`]), name('Mon T1', 'Mon'), name('Wed T1-pm', 'Wed'), name('Tue-x', 'Tue')];
    expect(new Set(all).size).toBe(all.length);
  });
});
