import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePlanFile } from '../../src/plan/file/plan-file.js';
import { planNetwork } from '../../src/plan/plan.js';
import type { PlanInputs } from '../../src/plan/plan.js';
import { readServiceDays } from '../../src/plan/service-days.js';
import { at, gridPlaces, gridRoads, gridSpec } from './grid.js';

const today = [
  { id: 'T1', stops: ['v1', 'v2', 'v4'] },
  { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] },
];

/** The grid county with hamlets served less often: v1, v2 three times, v6 on Tue and Fri only. */
function weeklyPlaces(): PlanInputs['places'] {
  return gridPlaces().map((place) => {
    if (place.id === 'v1' || place.id === 'v2') return { ...place, properties: { ...place.properties, visits_per_week: '3', days: 'any' } };
    if (place.id === 'v6') return { ...place, properties: { ...place.properties, days: 'Tue,Fri' } };
    return place;
  });
}

function inputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return {
    spec: gridSpec({ week: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], accumulate: true } }),
    roads: gridRoads(), places: weeklyPlaces(), baseline: { routes: today }, ...overrides,
  };
}

describe('weekly service in the planner', () => {
  it('visits follow the frequencies; km per week and year over the real week; daily service compared', async () => {
    const { report } = await planNetwork(inputs(), { seed: 1, timeLimit: 1 });
    const week = report.summary.week!;
    expect(week.days).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    const visits = new Map(week.visits.map((v) => [v.id, v.days]));
    expect(visits.get('v1')).toHaveLength(3);
    expect(visits.get('v6')).toEqual(['Tue', 'Fri']);
    expect(visits.get('outlet')).toHaveLength(6);
    // Three visits of Mon–Sat are never on two days running.
    const order = week.days;
    const idx = visits.get('v2')!.map((d) => order.indexOf(d));
    for (let k = 1; k < idx.length; k++) expect(idx[k]! - idx[k - 1]!).toBeGreaterThanOrEqual(2);
    // Every route has its day and visits only stops due that day; figures add up over the week.
    for (const route of report.after) for (const stop of route.stops) expect(visits.get(stop)).toContain(route.day);
    const kmAfter = report.after.reduce((sum, r) => sum + r.distance, 0) / 1000;
    expect(week.kmPerWeekAfter).toBeCloseTo(kmAfter, 2);
    expect(week.kmPerYearAfter).toBe(Math.round(kmAfter * 50));
    // Today's routes carry no day: they run every day of the week.
    expect(report.before).toHaveLength(12);
    expect(week.kmPerWeekBefore).toBeCloseTo(report.before.reduce((sum, r) => sum + r.distance, 0) / 1000, 2);
    expect(week.kmPerWeekAfter).toBeLessThanOrEqual(week.kmPerWeekBefore!);
    expect(week.kmPerWeekAfter).toBeLessThanOrEqual(week.kmPerWeekDailyService + 1e-9);
    expect(report.summary.savedKmPerDay).toBeCloseTo((week.kmPerWeekBefore! - kmAfter) / 6, 1);
  });

  it('mail waits: a visit carries the mail of every operating day since the last one', async () => {
    const { report } = await planNetwork(inputs(), { seed: 1, timeLimit: 1 });
    const v6 = report.after.filter((r) => r.stops.includes('v6'));
    // Tue and Fri: Tue carries Sat, Mon, Tue (3 days), Fri carries Wed, Thu, Fri: 3 × 10 items each.
    for (const route of v6) {
      const k = route.stops.indexOf('v6');
      const before = k === 0 ? route.load : route.visits[k - 1]!.load;
      expect(before - route.visits[k]!.load).toBe(30);
    }
  });

  it('today\'s routes per weekday (a day column)', async () => {
    const perDay = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].flatMap((day) => today.map((r) => ({ ...r, id: `${r.id}-${day}`, day })));
    const { report } = await planNetwork(inputs({ baseline: { routes: perDay } }), { seed: 1, timeLimit: 1 });
    expect(report.before.map((r) => r.day)).toEqual(['Mon', 'Mon', 'Tue', 'Tue', 'Wed', 'Wed', 'Thu', 'Thu', 'Fri', 'Fri', 'Sat', 'Sat']);
    const bad = perDay.map((r, k) => (k === 0 ? { ...r, day: 'Sun' } : r));
    await expect(planNetwork(inputs({ baseline: { routes: bad } }))).rejects.toMatchObject({ location: { field: 'day' } });
  });

  it('a weekly baseline with one excess van gets exactly one over-fleet line (it used to get two)', async () => {
    // Monday: four routes for a fleet of three vans; the other days two routes each. A route of one
    // day keeps its own id in the report ("M4", not "Mon M4").
    const monday = [['v1'], ['v2'], ['v4'], ['v5', 'v6', 'outlet', 'v3']].map((stops, k) => ({ id: `M${k + 1}`, day: 'Mon', stops }));
    const rest = ['Tue', 'Wed', 'Thu', 'Fri', 'Sat'].flatMap((day) => today.map((r) => ({ ...r, id: `${r.id}-${day}`, day })));
    const { report } = await planNetwork(inputs({ baseline: { routes: [...monday, ...rest] } }), { seed: 1, timeLimit: 1 });
    const overFleet = report.before.flatMap((route) => route.violations.filter((v) => v.kind === 'over-fleet').map((v) => [route.id, v.amount, v.message]));
    expect(overFleet).toEqual([['M4', 1, 'needs vehicle 4 of type van on Mon; the fleet has 3']]);
  });

  it('a plan without frequencies or week is the daily plan, unchanged', () => {
    expect(readServiceDays(gridSpec(), gridPlaces(), 'places.geojson')).toBeNull();
  });

  it('every new field with a located error', () => {
    const spec = gridSpec({ week: { days: ['Mon', 'Wed', 'Fri'] } });
    const bad = (properties: Record<string, unknown>): InputError => {
      try {
        readServiceDays(spec, [at('hub', 0, 0, { role: 'hub' }), at('x', 1, 1, { role: 'village', mail: 1, ...properties })], 'places.csv');
      } catch (error) {
        if (error instanceof InputError) return error;
      }
      throw new Error('expected an InputError');
    };
    expect(bad({ visits_per_week: '8' }).location).toMatchObject({ source: 'places.csv', index: 1, field: 'visits_per_week' });
    expect(bad({ visits_per_week: '4' }).location).toMatchObject({ field: 'visits_per_week' });
    expect(bad({ days: 'Mon,Tue' }).location).toMatchObject({ field: 'days' });
    expect(bad({ days: 'Mon,Wed', visits_per_week: 3 }).location).toMatchObject({ field: 'visits_per_week' });
    const planError = (week: unknown): InputError => {
      try {
        parsePlanFile(JSON.stringify({ roads: 'r.geojson', places: 'p.geojson', fleet: [{ id: 'van', capacity: 10 }], week }), 'plan.json');
      } catch (error) {
        if (error instanceof InputError) return error;
      }
      throw new Error('expected an InputError');
    };
    expect(planError({ days: ['Mon', 'Funday'] }).location).toMatchObject({ source: 'plan.json', field: 'week.days[1]' });
    expect(planError({ days: ['Wed', 'Mon'] }).location).toMatchObject({ field: 'week.days[1]' });
    expect(planError({ accumulate: 'yes' }).location).toMatchObject({ field: 'week.accumulate' });
    expect(planError({ weekdays: [] }).location).toMatchObject({ field: 'week.weekdays' });
  });
});

describe('baseline day column', () => {
  it('is read from CSV; two days for one route is a located error', async () => {
    const { readBaselineRoutes } = await import('../../src/io/baseline.js');
    const routes = await readBaselineRoutes('route_id,seq,stop_id,day\nR1,1,a,Mon\nR1,2,b,Mon\nR2,1,a,Tue\n', { source: 'today.csv', format: 'csv' });
    expect(routes.map((r) => [r.id, r.day])).toEqual([['R1', 'Mon'], ['R2', 'Tue']]);
    await expect(readBaselineRoutes('route_id,seq,stop_id,day\nR1,1,a,Mon\nR1,2,b,Tue\n', { source: 'today.csv', format: 'csv' }))
      .rejects.toMatchObject({ location: { source: 'today.csv', line: 3, field: 'day' } });
  });
});

describe('a scenario changing frequencies', () => {
  it('every village daily instead: each scenario village is visited every day, and it costs more km', async () => {
    const spec = gridSpec({
      week: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], accumulate: true },
      scenarios: [{ name: 'daily', description: 'every village every day', visits: [{ visitsPerWeek: 6 }] }],
    });
    const result = await planNetwork(inputs({ spec }), { seed: 1, timeLimit: 1 });
    const rows = result.report.summary.scenarios!;
    expect(rows.map((r) => r.name)).toEqual(['base', 'daily']);
    const scenario = result.scenarios[0]!.report;
    expect(scenario.summary.week!.visits.every((v) => v.visitsPerWeek === 6)).toBe(true);
    expect(rows[1]!.kmPerYear).toBeGreaterThanOrEqual(rows[0]!.kmPerYear);
    expect(rows[0]!.kmPerYear).toBe(result.report.summary.week!.kmPerYearAfter);
  });
});

describe('report.html of a weekly plan', () => {
  it('has a day picker, every route tagged with its day, the week table and visits per village', async () => {
    const { renderHtmlReport } = await import('../../src/report/html/page.js');
    const { report } = await planNetwork(inputs(), { seed: 1, timeLimit: 1 });
    const html = renderHtmlReport(report);
    expect(html).toContain('<select id="day-picker">');
    for (const day of ['Mon', 'Sat']) expect(html).toContain(`<option value="${day}">${day}</option>`);
    const { buildReportView } = await import('../../src/report/html/view.js');
    const view = buildReportView(report);
    expect(view.routes).toHaveLength(report.before.length + report.after.length);
    for (const route of view.routes) expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']).toContain(route.day);
    // One timeline per operating day with routes.
    for (const day of new Set(view.routes.map((r) => r.day))) expect(html).toContain(`data-timeline-day="${day}"`);
    expect(html).toContain('<table id="week-visits">');
    expect(html).toMatch(/<td>v6<\/td><td class="num">2<\/td><td>Tue, Fri<\/td>/);
  });
});

describe('stations before routes in a weekly plan (coverage, issue 19)', () => {
  it('a station is the stop of its villages, with their mail, on the days of the most often served of them', async () => {
    // Every village a hamlet served twice a week, except v3 (three times) and v5 (on Mon, Wed and Fri).
    const places = gridPlaces().map((place) => {
      if (place.properties.role !== 'village') return place;
      const own = place.id === 'v3' ? { visits_per_week: 3 } : place.id === 'v5' ? { days: 'Mon,Wed,Fri' } : { visits_per_week: 2 };
      return { ...place, properties: { ...place.properties, ...own } };
    });
    const { report } = await planNetwork(inputs({ places, spec: gridSpec({ week: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], accumulate: true }, coverage: { radiusKm: 1.6 } }) }), { seed: 1, timeLimit: 1 });
    const { stations, week } = report.summary;
    expect(stations?.opened.length).toBeGreaterThan(0);
    const visits = new Map(week!.visits.map((v) => [v.id, v.visitsPerWeek]));
    const servedVia = new Map(report.places.flatMap((p) => (p.servedVia ? [[p.id, p.servedVia] as const] : [])));
    expect(servedVia.size).toBeGreaterThan(0);
    // Independently: the visits each place asked for (outlets daily), and each site's villages.
    const asked = new Map(places.map((p) => [p.id, p.properties.visits_per_week !== undefined ? Number(p.properties.visits_per_week)
      : p.properties.days !== undefined ? String(p.properties.days).split(',').length : 6]));
    const mail = new Map(places.map((p) => [p.id, Number(p.properties.mail ?? 0)]));
    for (const site of new Set(servedVia.values())) {
      const villages = [...servedVia].filter(([, s]) => s === site).map(([v]) => v);
      // The site is itself one of the places it serves (no site here has days of its own as a station).
      expect(visits.get(site), site).toBe(Math.max(asked.get(site)!, ...villages.map((v) => asked.get(v)!)));
      expect(report.places.find((p) => p.id === site)!.mail).toBe(mail.get(site)! + villages.reduce((sum, v) => sum + mail.get(v)!, 0));
    }
    // A village served at a station is no route stop, on no day.
    const stops = new Set(report.after.flatMap((r) => r.stops));
    for (const village of servedVia.keys()) expect(stops.has(village)).toBe(false);
    expect(report.summary.unassigned).toEqual([]);
  });
});
