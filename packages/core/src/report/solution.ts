/**
 * A routing solution as `postroute solve` writes it: JSON with a fixed key order (stop ids as in
 * the input, so a plan can be re-checked without postroute) and a person's text view.
 */
import type { InstanceInfo } from '../io/instance.js';
import type { PeriodicSolutionResult } from '../vrp/periodic/solution.js';
import type { SolutionResult } from '../vrp/solution-types.js';
import { describeUnassignedReason } from './reasons.js';

/**
 * The `instance` block of the JSON: the instance's conventions, its best known value and the
 * gap of `distance` to it (null when unknown).
 */
export function instanceJson(info: InstanceInfo, distance: number, bksVehicles: number | null = info.bksVehicles ?? null): Record<string, unknown> {
  return {
    name: info.name,
    format: info.format,
    convention: info.convention,
    objective: info.objective,
    fleet: info.fleet,
    bks: info.bks ?? null,
    bksVehicles,
    gap: info.bks !== undefined ? (distance - info.bks) / info.bks : null,
  };
}

/**
 * The solution as JSON with a fixed key order; `extra` keys go last; `day` marks every route
 * with a day (for formats that have days) unless the route carries its own.
 *
 * @example
 * writeFileSync('plan.json', solutionJson(solve(problem), { instance: instanceJson(info, solution.distance) }));
 */
export function solutionJson(solution: SolutionResult, extra: Record<string, unknown> = {}, day?: number): string {
  const ordered = {
    cost: solution.cost,
    distance: solution.distance,
    duration: solution.duration,
    vehiclesUsed: solution.vehiclesUsed,
    feasible: solution.feasible,
    routes: solution.routes.map((route) => ({
      // Day of the horizon (1-based), for formats that have days (Cordeau's) and weekly plans.
      ...((route as { day?: number }).day !== undefined ? { day: (route as { day?: number }).day } : day !== undefined ? { day } : {}),
      vehicleType: route.vehicleType,
      vehicle: route.vehicle,
      startDepot: route.startDepot,
      endDepot: route.endDepot,
      stops: route.stops,
      departure: route.departure,
      arrival: route.arrival,
      distance: route.distance,
      duration: route.duration,
      cost: route.cost,
      startLoad: route.startLoad,
      violations: route.violations,
      visits: route.visits.map((visit) => ({
        id: visit.id,
        arrival: visit.arrival,
        waiting: visit.waiting,
        start: visit.start,
        departure: visit.departure,
        load: visit.load,
        distance: visit.distance,
      })),
    })),
    unassigned: solution.unassigned.map((u) => ({ id: u.id, reason: u.reason })),
    violations: solution.violations,
    ...(solution.search !== undefined ? { iterations: solution.search.iterations } : {}),
    ...extra,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

/**
 * A person's view: the totals, the instance and its gap, one block per route (each visit's
 * times, load and distance so far), the unassigned stops with their reasons in words.
 *
 * @example
 * process.stdout.write(solutionText(solve(problem)));
 */
export function solutionText(solution: SolutionResult, info?: InstanceInfo): string {
  const out: string[] = [];
  const vehicleCost = solution.routes.reduce((sum, r) => sum + (r.cost - r.distance), 0);
  out.push(`cost ${fmt(solution.cost)}   distance ${fmt(solution.distance)}   duration ${fmt(solution.duration)}   vehicles ${solution.vehiclesUsed}   ${solution.feasible ? 'feasible' : 'INFEASIBLE'}`);
  if (info) {
    out.push(`instance ${info.name} (${info.format}, arcs ${info.convention}, fleet ${info.fleet.fixed ? `fixed at ${info.fleet.count}` : 'unlimited'}, objective ${info.objective})`);
    if (info.bks !== undefined) {
      const gap = (solution.distance - info.bks) / info.bks;
      const vehicles = info.bksVehicles !== undefined ? `, best known vehicles ${info.bksVehicles}` : '';
      out.push(`best known distance ${fmt(info.bks)} (${info.bksSource})${vehicles}; gap ${pct(gap)}`);
    }
    if (info.objective === 'vehicles-then-distance' && vehicleCost > 0) {
      out.push('(cost = vehicles × fixed cost + distance: the fixed cost makes fewer vehicles always win)');
    }
  }
  solution.routes.forEach((route, r) => {
    const ends = `${route.startDepot} → ${route.endDepot ?? '(open)'}`;
    out.push('');
    const day = (route as { day?: number }).day;
    out.push(`route ${r + 1}${day !== undefined ? ` (day ${day})` : ''}: ${route.vehicleType} #${route.vehicle}, ${ends}, ${route.stops.length} stops, distance ${fmt(route.distance)}, duration ${fmt(route.duration)}, cost ${fmt(route.cost)}, departs ${fmt(route.departure)}, ends ${fmt(route.arrival)}, leaves with ${route.startLoad.map(fmt).join('/')}`);
    out.push(`  ${['stop', 'arrival', 'waiting', 'start', 'departure', 'load', 'distance'].map((h) => h.padStart(9)).join(' ')}`);
    for (const visit of route.visits) {
      out.push(`  ${[visit.id, fmt(visit.arrival), fmt(visit.waiting), fmt(visit.start), fmt(visit.departure), visit.load.map(fmt).join('/'), fmt(visit.distance)].map((c) => c.padStart(9)).join(' ')}`);
    }
  });
  if (solution.unassigned.length > 0) {
    out.push('');
    out.push(`unassigned (${solution.unassigned.length}):`);
    for (const u of solution.unassigned) out.push(`  ${u.id}: ${describeUnassignedReason(u.reason)}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * A weekly plan as JSON: the daily solution's keys, then the horizon, the totals per day, the
 * days of every stop and the instance.
 */
export function periodicSolutionJson(solution: PeriodicSolutionResult, info: InstanceInfo): string {
  return solutionJson(solution as unknown as SolutionResult, {
    horizon: solution.horizon,
    days: solution.days,
    visits: solution.visits,
    instance: instanceJson(info, solution.distance, null),
  });
}

/** A weekly plan as text: the distance and routes of each day, then the daily view of every route. */
export function periodicSolutionText(solution: PeriodicSolutionResult, info: InstanceInfo): string {
  const head = `horizon ${solution.horizon} days; per day: ${solution.days.map((d) => `day ${d.day} ${fmt(d.distance)} (${d.vehiclesUsed} routes)`).join(', ')}\n`;
  return head + solutionText(solution as unknown as SolutionResult, info);
}
