/**
 * When the door-to-door rounds run: after the office's trunk and sorting (two tiers; each day's
 * own release in a week), else at the shift start; on the block's days only; never on a day the
 * trunk did not reach the office. The routes themselves are planned once (door-to-door.ts): travel
 * times do not depend on the hour, so timing is a shift of each route's clock.
 */
import type { PlanSpec } from './file/plan-file.js';
import type { DoorToDoorReport, DoorToDoorRoute, TiersReport } from '../report/types.js';
import { clock } from '../report/violations.js';
/**
 * When the door-to-door routes leave their office: in a two-tier plan, once the trunk has
 * brought the office's mail and it is sorted (the office's release); else at the shift start of
 * the fleet based there (the earliest departure; the first vehicle type's, else 08:00).
 */
export function doorToDoorStart(spec: PlanSpec, tiers: TiersReport | undefined, depot: string, names: ReadonlyMap<string, string>): { departure: number; startsAfter: string } {
  // A weekly plan has one entry per office per day: the streets, served every day, start after the latest.
  const office = tiers?.offices.filter((o) => o.id === depot && o.trunkArrival !== null)
    .reduce<TiersReport['offices'][number] | undefined>((late, o) => (late === undefined || (o.release ?? o.trunkArrival!) > (late.release ?? late.trunkArrival!) ? o : late), undefined);
  if (office && office.trunkArrival !== null) return afterTrunk(office, depot, names);
  // A vehicle type without a depot is based at the only hub.
  const based = [...spec.fleet, ...(spec.tiers?.trunk.fleet ?? [])].filter((v) => (v.depot ?? depot) === depot);
  const departures = (based.length > 0 ? based : spec.fleet).flatMap((v) => v.departure === undefined ? [] : [v.departure]);
  const departure = departures.length > 0 ? Math.min(...departures) : DEFAULT_START;
  return { departure, startsAfter: `shift start ${clock(departure)}` };
}

/** Leaving once the trunk has brought the office's mail and it is sorted (the office's release). */
function afterTrunk(office: TiersReport['offices'][number], depot: string, names: ReadonlyMap<string, string>): { departure: number; startsAfter: string } {
  const arrival = office.trunkArrival as number;
  const departure = office.release ?? arrival;
  return { departure, startsAfter: `trunk at ${names.get(depot) ?? depot} ${clock(arrival)}${departure > arrival ? `, sorted by ${clock(departure)}` : ''}` };
}

/**
 * Door to door in a weekly two-tier plan, day by day (issue 19 §1: "after that office's trunk has
 * arrived"): the streets and their routes are the same every day (travel times do not depend on
 * the hour), planned once; each day's copy leaves after that day's trunk. When every day releases
 * the office at the same time the routes stay as they are (no day: every operating day); else each
 * route runs once a day with the day in front of its id ("Mon D1"), its times moved to that day's
 * release. `vehicles` and the km stay one day's, as in a daily plan.
 */
export function timeDoorToDoorByDay(report: DoorToDoorReport, tiers: TiersReport | undefined, depot: string, names: ReadonlyMap<string, string>): DoorToDoorReport {
  const entries = (tiers?.offices ?? []).filter((o) => o.id === depot);
  // A day the trunk did not reach the office brings it no mail: no door-to-door round that day,
  // said once for the day (issue 19 §1, "after that office's trunk has arrived").
  const unreached = entries.filter((o) => o.trunkArrival === null);
  if (unreached.length > 0) return withoutUnreachedDays(report, entries, unreached.map((o) => o.day), depot, names);
  const days = entries.filter((o) => o.day !== undefined && o.trunkArrival !== null);
  const starts = days.map((office) => ({ day: office.day as string, ...afterTrunk(office, depot, names) }));
  if (new Set(starts.map((start) => start.departure)).size <= 1) return report;
  const routes = starts.flatMap(({ day, departure, startsAfter }) => report.routes.map((route): DoorToDoorRoute => {
    const shift = departure - route.departure;
    return {
      ...route, id: `${day} ${route.id}`, day, departure, arrival: route.arrival + shift, startsAfter,
      stretches: route.stretches.map((stretch) => ({ ...stretch, start: stretch.start + shift, end: stretch.end + shift })),
    };
  }));
  return { ...report, routes };
}

/**
 * The door-to-door rounds on the days the trunk reached the office only, each day's copy leaving
 * after that day's trunk ("Mon D1"); each day it did not is one unserved line ("the trunk did not
 * reach East (east) on Sat: no mail to deliver door to door that day"). A daily plan whose trunk
 * did not reach the office has no round at all.
 */
function withoutUnreachedDays(report: DoorToDoorReport, entries: TiersReport['offices'], missed: (string | undefined)[], depot: string, names: ReadonlyMap<string, string>): DoorToDoorReport {
  const where = `${names.get(depot) ?? depot} (${depot})`;
  const unservable = [...report.unservable, ...missed.map((day) => ({
    street: day === undefined ? 'every street' : `every street on ${day}`, reason: 'no-trunk',
    message: `the trunk did not reach ${where}${day === undefined ? '' : ` on ${day}`}: no mail to deliver door to door${day === undefined ? '' : ' that day'}`,
  }))];
  const reached = entries.filter((o) => o.day !== undefined && o.trunkArrival !== null);
  const routes = reached.flatMap((office) => {
    const { departure, startsAfter } = afterTrunk(office, depot, names);
    return report.routes.map((route): DoorToDoorRoute => {
      const shift = departure - route.departure;
      return {
        ...route, id: `${office.day} ${route.id}`, day: office.day, departure, arrival: route.arrival + shift, startsAfter,
        stretches: route.stretches.map((stretch) => ({ ...stretch, start: stretch.start + shift, end: stretch.end + shift })),
      };
    });
  });
  if (reached.length > 0) return { ...report, routes, unservable };
  return { ...report, routes: [], unservable, streetsServed: 0, sidesServed: 0, kmServiced: 0, kmDeadheaded: 0, km: 0, driverHours: 0, vehicles: 0 };
}

/**
 * Door to door on its days only (`doorToDoor.days` of a weekly plan): routes already timed per
 * day keep those days; routes of every day become one copy a day ("Mon D1"), so that each day's
 * figures count them on their days and nowhere else.
 */
export function doorToDoorOnDays(report: DoorToDoorReport, days: readonly string[] | undefined): DoorToDoorReport {
  if (days === undefined) return report;
  const routes = report.routes.some((route) => route.day !== undefined)
    ? report.routes.filter((route) => route.day !== undefined && days.includes(route.day))
    : days.flatMap((day) => report.routes.map((route): DoorToDoorRoute => ({ ...route, id: `${day} ${route.id}`, day })));
  return { ...report, days: [...days], routes };
}

/** Shift start when no fleet gives one: plan.json's default departure (PLAN_DEFAULTS.departure). */
const DEFAULT_START = 8 * 3600;

/** The routes leave at `start` (the office's release) instead of the time they were planned from. */
export function startAt(report: DoorToDoorReport, start: { departure: number; startsAfter: string }): DoorToDoorReport {
  return {
    ...report,
    routes: report.routes.map((route) => {
      const shift = start.departure - route.departure;
      return {
        ...route, departure: start.departure, arrival: route.arrival + shift, startsAfter: start.startsAfter,
        stretches: route.stretches.map((stretch) => ({ ...stretch, start: stretch.start + shift, end: stretch.end + shift })),
      };
    }),
  };
}
