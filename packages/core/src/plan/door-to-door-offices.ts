/**
 * Door to door from several offices (issue 19 §1: "a door-to-door area belongs to the office that
 * serves it"): plan.json's `doorToDoor` as a list gives each office its own streets, days and
 * vehicles; each block is its own arc-routing problem from its office, after that office's trunk,
 * and the reports are merged here into the one door-to-door tier every writer already reads
 * (each route names its office, so routes.csv, the map and `county.doorToDoor[]` go per office).
 */
import { busiestDay } from '../report/door-to-door.js';
import type { DoorToDoorReport, DoorToDoorRoute } from '../report/types.js';

/**
 * One report of the blocks' reports. One block is returned as it is (the files of a single-block
 * plan stay byte for byte what they were). With several, route ids run on across the offices
 * (`D1`, `D2` from the first office, `D3` from the next; a day in front stays: "Mon D3") so that
 * each id names one route; every route says its office. The tier's figures are the sums of one
 * serving day of each office; `vehicles` is the most routes out on any one day; `days` the
 * union of the blocks' days in the week's order, or absent when a block is served every day.
 */
export function mergeDoorToDoor(reports: readonly DoorToDoorReport[], week: readonly string[] | null): DoorToDoorReport {
  if (reports.length === 1) return reports[0]!;
  if (reports.length === 0) throw new Error('mergeDoorToDoor: no door-to-door report');
  const routes: DoorToDoorRoute[] = [];
  let offset = 0;
  for (const report of reports) {
    let most = 0;
    for (const route of report.routes) {
      const match = /^(.*?)D(\d+)$/.exec(route.id);
      const n = match ? Number(match[2]) : 0;
      most = Math.max(most, n);
      routes.push({ ...route, id: match ? `${match[1]}D${n + offset}` : route.id, depot: route.depot ?? report.depot });
    }
    offset += most;
  }
  const sum = (pick: (r: DoorToDoorReport) => number, digits = 3): number => Math.round(reports.reduce((s, r) => s + pick(r), 0) * 10 ** digits) / 10 ** digits;
  const merged: DoorToDoorReport = {
    depot: [...new Set(reports.map((r) => r.depot))].join(', '),
    streets: sum((r) => r.streets),
    sides: sum((r) => r.sides),
    streetsServed: sum((r) => r.streetsServed),
    sidesServed: sum((r) => r.sidesServed),
    serviceMinutesPerKm: reports[0]!.serviceMinutesPerKm,
    kmServiced: sum((r) => r.kmServiced),
    kmDeadheaded: sum((r) => r.kmDeadheaded),
    km: sum((r) => r.km),
    driverHours: sum((r) => r.driverHours, 2),
    vehicles: busiestDay(routes),
    feasible: reports.every((r) => r.feasible),
    unservable: reports.flatMap((r) => r.unservable.map((u) => ({ ...u }))),
    routes,
    rule: [...new Set(reports.map((r) => r.rule))].join('; '),
  };
  const officeVans = reports.flatMap((r) => r.officeVans ?? []);
  if (officeVans.length > 0) merged.officeVans = officeVans;
  if (reports.every((r) => r.days !== undefined)) {
    const named = new Set(reports.flatMap((r) => r.days!));
    merged.days = week ? week.filter((day) => named.has(day)) : [...named];
  }
  return merged;
}
