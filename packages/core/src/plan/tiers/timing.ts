/**
 * What limits each office's plan: for every rule, the slack it leaves (deadline, shift, capacity
 * per dimension, fleet, the afternoon collection or the waiting truck's shift), and the rules within a small slack, tightest
 * first. "release" binds when a deadline binds on a route that left at the earliest moment the
 * trunk allowed: an earlier trunk (or faster sorting) would help.
 */
import type { RouteResult } from '../../vrp/index.js';
import { officeOfPiece, type TwoTierInput } from './model.js';
import type { TwoTierResult } from './solve.js';
import { officeOfWaitDepot } from './wait.js';

/** Slack, in seconds (or in the share of capacity left, ×1000), under which a rule binds. */
export const BINDING_SLACK_S = 10 * 60;
const CAPACITY_SHARE = 0.05;

export interface OfficeTiming {
  office: string;
  trunkArrival: number | null;
  release: number | null;
  firstDeparture: number | null;
  lastReturn: number | null;
  collection: number | null;
  /** Binding rules, tightest first. */
  binding: string[];
}

export function officeTimings(input: TwoTierInput, result: TwoTierResult): OfficeTiming[] {
  const arrival = new Map<string, number>();
  // A big office may be served by several trucks (shares "office~2", …): its mail is there with the last.
  for (const route of result.trunk.solution.routes) for (const visit of route.visits) arrival.set(officeOfPiece(visit.id), Math.max(arrival.get(officeOfPiece(visit.id)) ?? 0, visit.arrival));
  const collectionAt = new Map<string, { arrival: number; start: number }>();
  for (const route of result.collection?.solution.routes ?? []) for (const visit of route.visits) collectionAt.set(officeOfPiece(visit.id), { arrival: visit.arrival, start: visit.start });
  // A waiting truck: how much of its shift is left when it is home, for each office on its way back.
  const shiftLeft = new Map<string, number>();
  if (input.trunk.collection?.mode === 'wait' && result.collection) {
    const ends = new Map(result.collection.problem.vehicleTypes.map((t) => [t.id, t.shift?.[1] ?? Infinity]));
    for (const route of result.collection.solution.routes) {
      const slack = (ends.get(route.vehicleType) ?? Infinity) - route.arrival;
      for (const office of [officeOfWaitDepot(route.startDepot), ...route.stops.map(officeOfPiece)]) shiftLeft.set(office, Math.min(shiftLeft.get(office) ?? Infinity, slack));
    }
  }
  const waits = input.trunk.collection?.mode === 'wait';
  const officeOfStop = new Map(input.stops.map((stop) => [stop.id, stop.office]));
  const unservedAt = new Set(result.delivery.unassigned.map((u) => officeOfStop.get(u.id)).filter((o): o is string => o !== undefined));
  const latest = new Map<string, number>();
  for (const stop of input.stops) if (stop.latest !== undefined) latest.set(stop.id, stop.latest);
  const vehicles = new Map(input.delivery.vehicles.map((v) => [v.id, v]));
  const countAt = new Map<string, number>();
  for (const v of input.delivery.vehicles) countAt.set(v.office, (countAt.get(v.office) ?? 0) + v.count);
  const routesAt = new Map<string, RouteResult[]>();
  for (const route of result.delivery.routes) routesAt.set(route.startDepot, [...(routesAt.get(route.startDepot) ?? []), route]);

  return input.offices.map((office) => {
    const routes = routesAt.get(office.id) ?? [];
    const release = result.release.get(office.id) ?? null;
    const slacks: { rule: string; slack: number }[] = [];
    let deadlineAtRelease = false;
    for (const route of routes) {
      const vehicle = vehicles.get(route.vehicleType);
      for (const visit of route.visits) {
        const due = latest.get(visit.id);
        if (due === undefined) continue;
        const slack = due - visit.start;
        slacks.push({ rule: 'deadline', slack });
        if (slack <= BINDING_SLACK_S && release !== null && route.departure <= release) deadlineAtRelease = true;
      }
      if (vehicle?.maxDuration !== undefined) slacks.push({ rule: 'shift', slack: vehicle.maxDuration - route.duration });
      const limit = result.returnBy.get(office.id);
      if (limit !== undefined && limit < 40 * 3600) slacks.push({ rule: waits ? 'trunk shift (the truck waits)' : 'collection deadline', slack: limit - route.arrival });
      if (vehicle) {
        // Fullest point of the route, per dimension, as a share of capacity left (scaled to seconds' scale).
        vehicle.capacity.forEach((cap, d) => {
          let peak = route.startLoad[d] ?? 0;
          for (const visit of route.visits) peak = Math.max(peak, visit.load[d] ?? 0);
          const share = cap > 0 ? (cap - peak) / cap : 1;
          slacks.push({ rule: `capacity (${input.dimensions[d] ?? d})`, slack: (share / CAPACITY_SHARE) * BINDING_SLACK_S });
        });
      }
    }
    const available = countAt.get(office.id) ?? 0;
    if (routes.length > 0 && routes.length >= available) slacks.push({ rule: 'fleet', slack: 0 });
    if (deadlineAtRelease) slacks.push({ rule: 'release (trunk arrival + sorting)', slack: 0 });
    const trunkDue = office.latest;
    const trunkAt = arrival.get(office.id);
    if (trunkDue !== undefined && trunkAt !== undefined) slacks.push({ rule: 'office deadline (trunk)', slack: trunkDue - trunkAt });
    // Villages of this office left unserved while its routes must be back early: that limit binds.
    const limit = result.returnBy.get(office.id);
    if (limit !== undefined && limit < 40 * 3600 && unservedAt.has(office.id)) slacks.push({ rule: waits ? 'trunk shift (the truck waits)' : 'collection deadline', slack: 0 });
    const left = shiftLeft.get(office.id);
    if (left !== undefined && Number.isFinite(left)) slacks.push({ rule: 'trunk shift (the truck waits)', slack: left });
    const pick = collectionAt.get(office.id);
    if (pick && pick.start > pick.arrival) slacks.push({ rule: waits ? 'truck waits for deliveries' : 'collection waits for deliveries', slack: 0 });
    const best = new Map<string, number>();
    for (const { rule, slack } of slacks) best.set(rule, Math.min(best.get(rule) ?? Infinity, slack));
    const binding = [...best].filter(([, slack]) => slack <= BINDING_SLACK_S).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([rule]) => rule);
    return {
      office: office.id,
      trunkArrival: trunkAt ?? null,
      release,
      firstDeparture: routes.length > 0 ? Math.min(...routes.map((r) => r.departure)) : null,
      lastReturn: routes.length > 0 ? Math.max(...routes.map((r) => r.arrival)) : null,
      collection: pick ? pick.start : null,
      binding,
    };
  });
}
