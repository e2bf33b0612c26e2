/**
 * The door-to-door tier in the summary: its figures for summary.json and the printed table, and
 * why a plan whose routes leave streets unserved (or break the shift) is not the service asked for.
 */
import type { DoorToDoorReport, DoorToDoorRoute, DoorToDoorSummary, NotComparableReason } from './types.js';

/**
 * The summary's door-to-door section and the reasons it gives against comparing: streets not
 * served, routes that break the shift or vehicle limit.
 *
 * @example
 * const { summary, reasons } = summariseDoorToDoor(report.doorToDoor);
 * // summary.notServed: [{ street: 'Hauptstraße', reason: 'route-limit-exceeded', message: '…' }]
 */
export function summariseDoorToDoor(report: DoorToDoorReport): { summary: DoorToDoorSummary; reasons: NotComparableReason[] } {
  const summary: DoorToDoorSummary = {
    depot: report.depot,
    // One day's routes (a weekly two-tier plan times a copy of each route per day, "Mon D1"): the
    // busiest day's, as offices with their own days may send out different routes each day.
    routes: busiestDay(report.routes),
    streets: report.streets,
    streetsServed: report.streetsServed,
    sides: report.sides,
    sidesServed: report.sidesServed,
    kmServiced: report.kmServiced,
    kmDeadheaded: report.kmDeadheaded,
    km: report.km,
    driverHours: report.driverHours,
    feasible: report.feasible,
    notServed: report.unservable.map((street) => ({ ...street })),
  };
  // Served on some days only (doorToDoor.days): said.
  if (report.days !== undefined) summary.days = [...report.days];
  if (report.officeVans !== undefined) summary.officeVans = report.officeVans.map((entry) => ({ ...entry }));
  const reasons: NotComparableReason[] = [];
  if (summary.notServed.length > 0) {
    reasons.push({ kind: 'streets-not-served', message: `door to door serves ${summary.streetsServed} of ${summary.streets} street segments — see streets not served` });
  }
  if (!summary.feasible) reasons.push({ kind: 'door-to-door-rules', message: 'the door-to-door routes break the shift or the vehicle limit' });
  return { summary, reasons };
}

/** The most routes out on one day: a route without a day runs every day. */
export function busiestDay(routes: readonly Pick<DoorToDoorRoute, 'day'>[]): number {
  const days = [...new Set(routes.flatMap((route) => (route.day === undefined ? [] : [route.day])))];
  if (days.length === 0) return routes.length;
  return Math.max(...days.map((day) => routes.filter((route) => route.day === undefined || route.day === day).length));
}

/** The printed summary's door-to-door lines. */
export function doorToDoorLines(d: DoorToDoorSummary): string[] {
  const km = (value: number): string => value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const lines = [
    `Door to door from ${d.depot}${d.days !== undefined ? ` on ${d.days.join(', ')}` : ''}: ${d.routes} route${d.routes === 1 ? '' : 's'}, ${km(d.km)} km (${km(d.kmServiced)} km serving ${d.streetsServed} of ${d.streets} street segments, ` +
      `${km(d.kmDeadheaded)} km deadheading), ${km(d.driverHours)} driver hours${d.feasible ? '' : '; the routes break the shift or the vehicle limit'}`,
  ];
  for (const v of d.officeVans ?? []) {
    lines.push(`Office vans door to door: ${v.vans} ${v.vehicleType}${v.vans === 1 ? '' : 's'} of ${v.office} (of ${v.available})${v.days !== undefined ? ` on ${v.days.join(', ')}` : ' each day'}, taken from its delivery tier`);
  }
  if (d.notServed.length === 0) lines.push('Streets not served: none');
  else {
    lines.push(`Streets not served: ${d.notServed.length}`);
    for (const street of d.notServed) lines.push(`  ${street.street}: ${street.message}`);
  }
  return lines;
}
