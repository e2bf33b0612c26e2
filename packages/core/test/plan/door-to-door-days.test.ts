/** Door to door on its days (`doorToDoor.days`, issue 19 §1): a weekly plan serves the streets on those days only. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { planNetwork } from '../../src/plan/index.js';
import { checkPlanInputs } from '../../src/plan/preflight.js';
import { createRandom } from '../../src/util/random.js';
import { gridPlaces, gridRoads, gridSpec } from './grid.js';

const week = { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], accumulate: true };
const streets = { streets: ['101', '201', '202'], serviceMinutesPerKm: 15, maxShiftHours: 2 };
const options = { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 200 };
const plan = (doorToDoor: Record<string, unknown>) => planNetwork({ spec: gridSpec({ week, doorToDoor }), roads: gridRoads(), places: gridPlaces() }, options);

describe('doorToDoor.days', () => {
  it('serves the streets on its days only, and every figure counts them on those days', async () => {
    const every = (await plan(streets)).report;
    const some = (await plan({ ...streets, days: 'Mon,Thu' })).report;
    const routes = some.doorToDoor!.routes;
    expect(new Set(routes.map((route) => route.day))).toEqual(new Set(['Mon', 'Thu']));
    // The same streets from the same hub: each of the two days has every day's routes.
    expect(routes.length).toBe(2 * every.doorToDoor!.routes.filter((r) => r.day === undefined || r.day === every.doorToDoor!.routes[0]!.day).length);
    const tier = (r: typeof some) => r.summary.county!.tiers.find((t) => t.tier === 'door-to-door')!;
    for (const day of tier(some).perDay) expect(day.after.km > 0, day.day ?? '').toBe(day.day === 'Mon' || day.day === 'Thu');
    // Two days of six: a third of the year's door-to-door km (each rounded to a km).
    expect(Math.abs(tier(some).kmPerYearAfter - tier(every).kmPerYearAfter / 3)).toBeLessThanOrEqual(1);
    expect(some.summary.doorToDoor!.days).toEqual(['Mon', 'Thu']);
    expect(every.summary.doorToDoor!.days).toBeUndefined();
  });

  it('is refused in a daily plan, and a day that is not an operating day is named', () => {
    const check = (spec: ReturnType<typeof gridSpec>) => {
      try { checkPlanInputs({ spec, roads: gridRoads(), places: gridPlaces() }); } catch (error) { return (error as InputError).describe(); }
      return 'no error';
    };
    expect(check(gridSpec({ doorToDoor: { ...streets, days: ['Mon'] } }))).toMatch(/field "doorToDoor\.days": door-to-door days are days of a weekly plan, and this plan is daily/);
    expect(check(gridSpec({ week, doorToDoor: { ...streets, days: ['Mon', 'Sun'] } }))).toMatch(/field "doorToDoor\.days\[1\]": "Sun" is not an operating day of the plan/);
    let parsed = 'no error';
    try { gridSpec({ week, doorToDoor: { ...streets, days: [] } }); } catch (error) { parsed = (error as InputError).describe(); }
    expect(parsed).toMatch(/field "doorToDoor\.days": must be a list of days/);
  });
});

describe('door to door on its days: random cases', () => {
  // Random streets of the grid (rows 100-104, columns 200-204), random days, weekly or two tiers
  // apart: on each of its days every required street side is served by that day's routes, on no
  // other day is any driven, and every route keeps its shift.
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}`, async () => {
      const random = createRandom(seed);
      const ids = [...Array.from({ length: 5 }, (_, k) => String(100 + k)), ...Array.from({ length: 5 }, (_, k) => String(200 + k))];
      const chosen = ids.filter(() => random.next() < 0.4);
      if (chosen.length === 0) chosen.push(ids[random.int(ids.length)]!);
      const days = week.days.filter(() => random.next() < 0.5);
      if (days.length === 0) days.push(week.days[random.int(week.days.length)]!);
      const { report } = await plan({ streets: chosen, serviceMinutesPerKm: 15, maxShiftHours: 3, days });
      const d = report.doorToDoor!;
      expect(d.sidesServed, `streets ${chosen.join(',')}`).toBe(d.sides);
      for (const day of week.days) {
        const own = d.routes.filter((route) => route.day === day);
        if (!days.includes(day)) { expect(own, day).toEqual([]); continue; }
        expect(own.reduce((n, route) => n + route.streets, 0), day).toBe(d.sides);
        for (const route of own) expect(route.violations, `${day} ${route.id}`).toEqual([]);
      }
    });
  }
});
