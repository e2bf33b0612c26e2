/** A hand-made plan keyed by tier × day: the week Mon–Tue, two tiers and door to door from two offices. */
import type { DoorToDoorReport, DoorToDoorRoute, OfficeReport, PlanReport } from '../../src/report/types.js';
import { handMadeReport, route } from './fixture.js';

/** The hand-made report as a weekly two-tier plan with door to door from two offices. */
export function countyReport(): PlanReport {
  const report = handMadeReport();
  report.before = [
    route('before', 'T1', ['o1'], 20_000, 3600, 100, { tier: 'trunk', cost: 50 }), // every day
    route('before', 'D1', ['v1', 'v2'], 10_000, 1800, 35, { tier: 'delivery', depot: 'o1', day: 'Mon', cost: 20 }),
    route('before', 'D2', ['v3'], 6_000, 1800, 25, { tier: 'delivery', depot: 'o1', day: 'Tue', cost: 10 }),
  ];
  report.after = [
    route('after', 'T1', ['o1'], 18_000, 3000, 100, { tier: 'trunk', cost: 40, day: 'Mon' }),
    route('after', 'T1', ['o1'], 18_000, 3000, 100, { tier: 'trunk', cost: 40, day: 'Tue' }),
    route('after', 'o1-1', ['v1', 'v2'], 9_000, 1800, 35, { tier: 'delivery', depot: 'o1', day: 'Mon', cost: 15 }),
    route('after', 'o1-2', ['v3'], 5_000, 1200, 25, { tier: 'delivery', depot: 'o1', day: 'Tue', cost: 8 }),
    route('after', 'o1-3', ['v4'], 3_000, 600, 2, { tier: 'delivery', depot: 'o1', day: 'Tue', cost: 4 }),
    route('after', 'C1', ['o1'], 18_000, 3000, 0, { tier: 'collection', day: 'Tue', cost: 30 }),
  ];
  report.summary.week = {
    days: ['Mon', 'Tue'], accumulate: true, weeksPerYear: 150, kmPerWeekBefore: 56, kmPerWeekAfter: 71, kmPerYearBefore: 8400, kmPerYearAfter: 10650,
    kmPerWeekDailyService: 90, kmPerYearDailyService: 13500, perDay: [],
    visits: [{ id: 'v1', name: 'Village "One"', visitsPerWeek: 1, days: ['Mon'] }, { id: 'v3', name: 'Village Three', visitsPerWeek: 1, days: ['Tue'] }],
  };
  report.summary.operatingDaysPerYear = 300;
  const office = (day: string, binding: string[]): OfficeReport => ({
    id: 'o1', name: 'Outlet', day, stopsBefore: 3, stopsAfter: 4, before: { routes: 1, km: 10, driverHours: 0.5 }, after: { routes: 1, km: 9, driverHours: 0.5 },
    trunkArrival: 27000, release: 28800, firstDeparture: 28800, lastReturn: 36000, collection: null, load: [35], pickup: [0], binding,
  });
  report.tiers = {
    dimensions: ['mail'], assignment: 'administrative', toleranceKm: 0, sortingMinutes: 30, collection: 'second-wave', rounds: 1,
    offices: [office('Mon', ['deadline']), office('Tue', ['shift', 'capacity mail'])], moved: [], binding: [],
  };
  const door = (id: string, depot: string | undefined, day: string | undefined, km: number, served: number): DoorToDoorRoute => ({
    id, ...(depot ? { depot } : {}), ...(day ? { day } : {}), departure: 30000, arrival: 30000 + 3600, startsAfter: 'shift start 08:20', km, kmServiced: served,
    kmDeadheaded: km - served, durationS: 3600, streets: 3, stretches: [], violations: [], geometry: [[11.5, 50], [11.51, 50]], served: [],
  });
  const doorToDoor: DoorToDoorReport = {
    depot: 'o1', streets: 6, sides: 8, streetsServed: 6, sidesServed: 8, serviceMinutesPerKm: 15, kmServiced: 5, kmDeadheaded: 3, km: 8, driverHours: 2,
    vehicles: 2, feasible: true, unservable: [], rule: 'both sides',
    routes: [door('D1', undefined, undefined, 4, 2.5), door('D2', 'hub', 'Tue', 4, 2.5)],
  };
  report.doorToDoor = doorToDoor;
  return report;
}
