/**
 * Door to door within the office's fleet (issue 19 §1: "within the office's fleet or its own
 * vehicles as plan.json says"). A block with `fleet: "office"` is served by vans of its office's
 * delivery fleet: the streets are routed first, with at most as many vans as the office has on
 * its leanest serving day and within that van type's shift; the vans it uses are then not on the
 * delivery tier on the days it runs (the office's count that day minus them), so that no van does
 * two rounds at once. Routes beyond the vans there are (the arc routing may need more than the
 * limit) are not run: their streets are said unserved, never dropped silently.
 */
import { InputError } from '../errors.js';
import type { DoorToDoorReport, DoorToDoorRoute } from '../report/types.js';
import type { DoorToDoorSpec } from './file/door-to-door-spec.js';
import type { PlanSpec } from './file/plan-file.js';
import { countsPerDay } from './file/plan-file.js';
import type { TwoTierInput } from './tiers/model.js';

/** An office's vans lent to door to door: `vans` of `type` on each of `days` (null: every day). */
export interface SharedVans {
  office: string;
  type: string;
  vans: number;
  days: string[] | null;
}

/** The van type a block takes and how many of it the office has on each day the block runs. */
export interface OfficeVans {
  type: string;
  /** The fewest vans of the type at the office on a day the block runs. */
  available: number;
  /** The type's shift, seconds (undefined: none). */
  maxShift?: number;
}

/**
 * The vans of `office` a `fleet: "office"` block may take: its `vehicleType`, else the first
 * delivery type based at the office; their number on the block's leanest day (`countPerDay`).
 */
export function officeVans(spec: PlanSpec, block: DoorToDoorSpec, office: string, week: readonly string[] | null, source: string): OfficeVans {
  const at = block.at ?? 'doorToDoor';
  const fleet = spec.tiers?.delivery.fleet ?? [];
  const based = fleet.filter((v) => v.depot === 'each-outlet' || v.depot === undefined || (Array.isArray(v.depot) && v.depot.includes(office)));
  const vehicle = block.vehicleType !== undefined ? based.find((v) => v.id === block.vehicleType) : based[0];
  if (vehicle === undefined) {
    // The office plan.json names was checked by the preflight; here the streets went to another
    // office (a scenario closed theirs) that has none of the type: no van, every street said.
    if (block.vehicleType !== undefined) return { type: block.vehicleType, available: 0 };
    throw new InputError(`office "${office}" has no delivery vans to go door to door`, { source, field: `${at}.fleet` },
      'give the office a delivery type ("depot": "each-outlet" or a list with it), or drop "fleet": "office" to give the streets vehicles of their own');
  }
  const count = vehicle.countByDepot[office] ?? vehicle.count;
  const days = block.days ?? week;
  const perDay = days === null || week === null ? [count] : countsPerDay(count, vehicle.countPerDay, week).filter((_, k) => days.includes(week[k]!));
  const out: OfficeVans = { type: vehicle.id, available: Math.min(...perDay) };
  if (vehicle.maxShift !== undefined) out.maxShift = vehicle.maxShift;
  return out;
}

/**
 * The block's routes within the vans there are: the first `available` routes, by most street
 * sides served (ties: the route order), run; the others' streets are said unserved, with why.
 */
export function withinOfficeVans(report: DoorToDoorReport, office: string, vans: OfficeVans): DoorToDoorReport {
  const order = report.routes.map((route, k) => ({ route, k })).sort((a, b) => b.route.streets - a.route.streets || a.k - b.k);
  const kept = new Set(order.slice(0, vans.available).map((entry) => entry.k));
  const dropped = report.routes.filter((_, k) => !kept.has(k));
  const routes = report.routes.filter((_, k) => kept.has(k));
  const officeVansReport = { office, vehicleType: vans.type, vans: routes.length, available: vans.available };
  if (dropped.length === 0) return { ...report, officeVans: [officeVansReport] };
  const km = (pick: (route: DoorToDoorRoute) => number): number => Math.round(routes.reduce((sum, route) => sum + pick(route), 0) * 1000) / 1000;
  const streets = [...new Set(dropped.flatMap((route) => route.stretches.map((stretch) => stretch.street)))];
  const segments = dropped.reduce((sum, route) => sum + route.stretches.reduce((n, stretch) => n + stretch.segments, 0), 0);
  const message = `no van of ${office} is left for it: the office has ${vans.available} ${vans.type}${vans.available === 1 ? '' : 's'} on its leanest day and the streets need ${report.routes.length} rounds`;
  return {
    ...report,
    routes,
    streetsServed: Math.max(0, report.streetsServed - segments),
    sidesServed: routes.reduce((n, route) => n + route.streets, 0),
    kmServiced: km((route) => route.kmServiced),
    kmDeadheaded: km((route) => route.kmDeadheaded),
    km: km((route) => route.km),
    driverHours: Math.round(routes.reduce((sum, route) => sum + route.durationS, 0) / 36) / 100,
    vehicles: routes.length,
    unservable: [...report.unservable, ...streets.map((street) => ({ street, reason: 'office-fleet-short', message }))],
    officeVans: [officeVansReport],
  };
}

/**
 * The delivery fleet of a two-tier input less the vans lent to door to door: each office's type
 * loses them on the days the block runs (`names`: the week's days; null in a daily plan).
 */
export function lessSharedVans(input: TwoTierInput, shared: readonly SharedVans[] | undefined, names: readonly string[] | null): TwoTierInput {
  if (shared === undefined || shared.length === 0) return input;
  const vehicles = input.delivery.vehicles.map((vehicle) => {
    const lent = shared.filter((s) => s.office === vehicle.office && s.type === vehicle.type);
    if (lent.length === 0) return vehicle;
    if (names === null) return { ...vehicle, count: Math.max(0, vehicle.count - lent.reduce((n, s) => n + s.vans, 0)) };
    const perDay = names.map((day, k) => Math.max(0, (vehicle.countPerDay?.[k] ?? vehicle.count) - lent.reduce((n, s) => n + (s.days === null || s.days.includes(day) ? s.vans : 0), 0)));
    // `count` stays what every day has at least (the daily comparison of a week plans with it).
    return { ...vehicle, count: Math.min(...perDay), countPerDay: perDay };
  });
  return { ...input, delivery: { ...input.delivery, vehicles } };
}
