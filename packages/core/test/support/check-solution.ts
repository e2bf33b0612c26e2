/**
 * An independent feasibility checker for vehicle-routing solutions.
 *
 * It shares NO code with the solver on purpose: it reads the user-level ProblemInput (plain JSON)
 * and a solution as `solve`, `evaluatePlan` or `postroute solve --json` print it, and recomputes
 * everything from the matrices: who is served, loads, times, waiting, limits, fleet counts,
 * distances, durations and costs. It has no runtime imports at all, so the benchmark runner can
 * load it with a plain TypeScript transpile.
 *
 * Semantics it enforces (the documented meaning of ProblemInput):
 * - every stop is either served exactly once or listed once in `unassigned`; with
 *   `requireAllServed` (default) no required stop may be unassigned;
 * - the vehicle leaves with the deliveries of all its stops on board; at each stop it drops the
 *   stop's delivery and takes its pickup; the load never exceeds the capacity, per dimension;
 * - a shipment's two stops are on one route, the pick-up first; its delivery is not loaded at the
 *   depot (it is what the pick-up took on board);
 * - arrival = previous departure + travel time; service starts at or after arrival inside one
 *   of the stop's windows (waiting = start − arrival); departure = start + service time;
 * - departure from the depot within the shift and the start depot's window; return to the end
 *   depot by the end of the shift and of the end depot's window; an open route ends at its last
 *   departure;
 * - duration = end − departure ≤ maxDuration; distance ≤ maxDistance; travel time (the legs'
 *   durations alone) ≤ maxTravelTime;
 * - a vehicle serves a stop only if it holds every skill the stop names;
 * - breaks (a used vehicle takes each of its type's breaks once, in the type's order, each between
 *   two visits or after the start or before the end): the break starts at or after the vehicle is
 *   free and inside one of its windows; while waiting for it the vehicle drives on towards the next
 *   visit, so that visit is reached at max(free + travel, break start) + break duration; the load
 *   on board then is at most the break's maxLoad;
 * - route cost = fixedCost + costPerDistance·distance + costPerDuration·duration +
 *   costPerTravelTime·travel time (+ weight·duration² or weight·stops² with a `balance`); the total
 *   adds the prizes of optional stops that are not served;
 * - at most `count` routes per vehicle type, vehicle indices distinct and below `count`.
 */

// Structural copies of the input and output shapes: importing the solver's types would be
// harmless, but keeping this file import-free lets node load it without the workspace.
type Window = [number, number];
type MatrixLike = ArrayLike<number | null> | (number | null)[][];
export interface CheckMatrix { size: number; distances: MatrixLike; durations?: MatrixLike }
export interface CheckProblem {
  depots: { id: string; location: number; timeWindow?: Window }[];
  stops: {
    id: string; location: number; delivery?: number[]; pickup?: number[]; serviceTime?: number;
    timeWindows?: Window[]; required?: boolean; prize?: number; skills?: (string | number)[]; priority?: number;
  }[];
  vehicleTypes: {
    id: string; count?: number; capacity: number[]; startDepot: string; endDepot?: string | null;
    shift?: Window; maxDuration?: number; maxDistance?: number; fixedCost?: number;
    costPerDistance?: number; costPerDuration?: number; profile?: string;
    maxTravelTime?: number; costPerTravelTime?: number; skills?: (string | number)[];
    breaks?: { id: string; timeWindows: Window[]; duration?: number; maxLoad?: number[] }[];
  }[];
  matrix: CheckMatrix;
  profiles?: Record<string, CheckMatrix>;
  shipments?: { pickup: string; delivery: string }[];
  balance?: { by: 'duration' | 'stops'; weight: number };
}

/** Load taken on board at the depot for a stop: its delivery, unless a pick-up on the route brings it. */
export function depotLoad(problem: CheckProblem, id: string): number[] {
  if (problem.shipments?.some((sh) => sh.delivery === id)) return [];
  return problem.stops.find((s) => s.id === id)?.delivery ?? [];
}
export interface CheckVisit { id: string; arrival: number; waiting: number; start?: number; departure?: number; load: number[]; distance?: number }
export interface CheckRoute {
  vehicleType: string; vehicle?: number; stops: string[]; visits?: CheckVisit[];
  departure?: number; arrival?: number; distance: number; duration: number; cost?: number; startLoad?: number[];
  startDepot?: string; endDepot?: string | null;
  /** Where each break is taken (`after`: visits before it) and, if given, when it starts. */
  breaks?: CheckBreak[];
}
export interface CheckBreak { id: string; after: number; start?: number }
export interface CheckSolution {
  cost: number; distance?: number; duration?: number; vehiclesUsed?: number; feasible?: boolean;
  routes: CheckRoute[];
  unassigned?: { id: string; reason: string }[];
}

export interface CheckOptions {
  /** Every required stop must be served (default true). */
  requireAllServed?: boolean;
  /** Relative tolerance for comparing reported with recomputed figures (default 1e-6). */
  tolerance?: number;
  /**
   * Limits per start depot, stated by the benchmark's convention rather than read off the vehicle
   * types (e.g. Cordeau's MDVRP: at most m vehicles per depot, each route back at its own depot,
   * load ≤ Q and travel + service ≤ D of that depot). Checked on top of the per-type rules.
   */
  depotLimits?: Record<string, { vehicles?: number; capacity?: number[]; maxDuration?: number }>;
}

export interface RouteFigures {
  distance: number;
  /** The legs' travel times alone. */
  travel: number;
  duration: number;
  cost: number;
  /** Departure used for the recomputation. */
  departure: number;
  /** End of the route: return to the end depot, or last departure when open. */
  end: number;
  /** Constraint violations found on this route. */
  violations: string[];
  visits: { id: string; arrival: number; waiting: number; start: number; departure: number; load: number[]; distance: number }[];
}

export interface CheckReport {
  /** No violation at all: feasible, complete and every reported figure correct. */
  ok: boolean;
  violations: string[];
  cost: number;
  distance: number;
  duration: number;
  vehiclesUsed: number;
  routes: RouteFigures[];
}

const INF = Number.POSITIVE_INFINITY;

/** Reads entry (from, to) of a flat or nested matrix; null, negative or missing = unreachable. */
export function matrixValue(m: MatrixLike, size: number, from: number, to: number): number {
  const row = (m as (number | null)[][])[0];
  const value = Array.isArray(row)
    ? (m as (number | null)[][])[from]?.[to]
    : (m as ArrayLike<number | null>)[from * size + to];
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return INF;
  return value;
}

function matricesFor(problem: CheckProblem, typeIndex: number): { dist: (a: number, b: number) => number; time: (a: number, b: number) => number } {
  const type = problem.vehicleTypes[typeIndex]!;
  const m = type.profile !== undefined ? problem.profiles?.[type.profile] : problem.matrix;
  if (!m) throw new Error(`vehicle type ${type.id}: unknown profile ${type.profile}`);
  const durations = m.durations ?? m.distances;
  return {
    dist: (a, b) => matrixValue(m.distances, m.size, a, b),
    time: (a, b) => matrixValue(durations, m.size, a, b),
  };
}

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** [earliest departure, latest departure, latest end] for a vehicle type. */
export function routeTimeBounds(problem: CheckProblem, typeIndex: number): { earliest: number; latestDeparture: number; latestEnd: number } {
  const type = problem.vehicleTypes[typeIndex]!;
  const start = problem.depots.find((d) => d.id === type.startDepot);
  const endId = type.endDepot === undefined ? type.startDepot : type.endDepot;
  const end = endId === null ? undefined : problem.depots.find((d) => d.id === endId);
  const earliest = Math.max(type.shift?.[0] ?? -INF, start?.timeWindow?.[0] ?? -INF);
  const latestDeparture = Math.min(type.shift?.[1] ?? INF, start?.timeWindow?.[1] ?? INF);
  const latestEnd = Math.min(type.shift?.[1] ?? INF, end?.timeWindow?.[1] ?? INF);
  return { earliest: earliest === -INF ? 0 : earliest, latestDeparture, latestEnd };
}

/**
 * Simulates one route of `stopIds` for vehicle type `typeIndex` leaving at `departure`, starting
 * service as early as allowed. When `reported` visits are given, their start times are used
 * instead (they must still be legal), so a solver that waits on purpose is judged on its plan.
 */
export function simulateRoute(
  problem: CheckProblem,
  typeIndex: number,
  stopIds: readonly string[],
  departure: number,
  reported?: readonly CheckVisit[],
  tolerance = 1e-6,
  breaks?: readonly CheckBreak[],
): RouteFigures {
  const type = problem.vehicleTypes[typeIndex]!;
  const violations: string[] = [];
  const { dist, time } = matricesFor(problem, typeIndex);
  const depotById = new Map(problem.depots.map((d) => [d.id, d]));
  const stopById = new Map(problem.stops.map((s) => [s.id, s]));
  const startDepot = depotById.get(type.startDepot);
  const endId = type.endDepot === undefined ? type.startDepot : type.endDepot;
  const endDepot = endId === null ? undefined : depotById.get(endId);
  if (!startDepot) violations.push(`start depot ${type.startDepot} does not exist`);
  if (endId !== null && !endDepot) violations.push(`end depot ${endId} does not exist`);
  const dims = type.capacity.length;
  const bounds = routeTimeBounds(problem, typeIndex);
  const eps = (x: number): number => tolerance * Math.max(1, Math.abs(x));

  if (departure < bounds.earliest - eps(bounds.earliest)) violations.push(`departs at ${departure}, before the shift/depot opens at ${bounds.earliest}`);
  if (departure > bounds.latestDeparture + eps(bounds.latestDeparture)) violations.push(`departs at ${departure}, after the shift/depot closes at ${bounds.latestDeparture}`);

  const load = new Array<number>(dims).fill(0);
  for (const id of stopIds) {
    const carried = depotLoad(problem, id);
    for (let k = 0; k < dims; k++) load[k]! += carried[k] ?? 0;
  }
  for (const sh of problem.shipments ?? []) {
    const p = stopIds.indexOf(sh.pickup);
    const d = stopIds.indexOf(sh.delivery);
    if (p < 0 && d < 0) continue;
    if (p < 0 || d < 0) violations.push(`shipment ${sh.pickup} → ${sh.delivery}: only ${p < 0 ? 'the delivery' : 'the pick-up'} is on this route`);
    else if (d < p) violations.push(`shipment ${sh.pickup} → ${sh.delivery}: delivered before it is picked up`);
  }
  const checkLoad = (where: string): void => {
    for (let k = 0; k < dims; k++) {
      if (load[k]! > type.capacity[k]! + eps(type.capacity[k]!)) violations.push(`load ${load[k]} exceeds capacity ${type.capacity[k]} (dimension ${k}) ${where}`);
    }
  };
  checkLoad('when leaving the depot');

  let location = startDepot?.location ?? 0;
  let clock = departure;
  let distance = 0;
  let travel = 0;
  const visits: RouteFigures['visits'] = [];
  const held = new Set((type.skills ?? []).map(String));
  // Breaks: each of the type's, once, in its order, when the vehicle is used.
  const typeBreaks = type.breaks ?? [];
  const taken = (breaks ?? []).filter((x) => x.after >= 0);
  if (stopIds.length > 0 || taken.length > 0) {
    typeBreaks.forEach((b) => {
      const n = taken.filter((x) => x.id === b.id).length;
      if (n === 0) violations.push(`break ${b.id} is not taken`);
      if (n > 1) violations.push(`break ${b.id} is taken ${n} times`);
    });
  }
  for (const x of taken) if (!typeBreaks.some((b) => b.id === x.id)) violations.push(`break ${x.id} is not a break of ${type.id}`);
  const order = typeBreaks.map((b) => taken.find((x) => x.id === b.id)).filter((x): x is CheckBreak => x !== undefined);
  for (let k = 1; k < order.length; k++) if (order[k]!.after < order[k - 1]!.after) violations.push(`break ${order[k]!.id} is taken before break ${order[k - 1]!.id}`);
  const loadNow = (): number[] => load.slice();
  // Drives `legTime` towards the next place, taking the breaks due after `visitsDone` visits.
  const driveWithBreaks = (visitsDone: number, legTime: number): number => {
    let remaining = legTime;
    for (const x of order) {
      if (x.after !== visitsDone) continue;
      const b = typeBreaks.find((y) => y.id === x.id)!;
      const windows = [...b.timeWindows].sort((p, q) => p[0] - q[0]);
      const open = windows.find((w) => w[1] >= clock - eps(clock));
      const start = x.start ?? (open ? Math.max(clock, open[0]) : clock);
      if (start < clock - eps(clock)) violations.push(`break ${b.id} starts at ${start}, before the vehicle is free at ${clock}`);
      if (!windows.some((w) => start >= w[0] - eps(w[0]) && start <= w[1] + eps(w[1]))) violations.push(`break ${b.id} starts at ${start}, outside its windows ${JSON.stringify(windows)}`);
      const onBoard = loadNow();
      b.maxLoad?.forEach((m, k) => {
        if ((onBoard[k] ?? 0) > m + eps(m)) violations.push(`break ${b.id}: load ${onBoard[k]} above its maxLoad ${m} (dimension ${k})`);
      });
      remaining -= Math.min(Math.max(0, start - clock), remaining);
      clock = start + (b.duration ?? 0);
    }
    for (const x of order) if (x.after < 0 || x.after > stopIds.length) violations.push(`break ${x.id}: after ${x.after} is not a place in the route`);
    return clock + remaining;
  };
  stopIds.forEach((id, position) => {
    const stop = stopById.get(id);
    if (!stop) {
      violations.push(`stop ${id} does not exist`);
      return;
    }
    for (const skill of stop.skills ?? []) if (!held.has(String(skill))) violations.push(`stop ${id} needs skill ${skill}, which ${type.id} lacks`);
    const d = dist(location, stop.location);
    const t = time(location, stop.location);
    if (d === INF || t === INF) violations.push(`no road from location ${location} to stop ${id}`);
    distance += d;
    travel += t;
    const arrival = driveWithBreaks(position, t);
    const windows = stop.timeWindows && stop.timeWindows.length > 0 ? stop.timeWindows : [[-INF, INF] as Window];
    let start: number;
    const given = reported?.[position];
    if (given !== undefined && given.start !== undefined) {
      start = given.start;
      if (start < arrival - eps(arrival)) violations.push(`stop ${id}: service starts at ${start} before arrival ${arrival}`);
    } else if (given !== undefined) {
      start = given.arrival + given.waiting;
    } else {
      const open = windows.filter((w) => w[1] >= arrival - eps(arrival)).sort((a, b) => a[0] - b[0])[0];
      start = open ? Math.max(arrival, open[0]) : arrival;
    }
    const inWindow = windows.some((w) => start >= w[0] - eps(w[0]) && start <= w[1] + eps(w[1]));
    if (!inWindow) violations.push(`stop ${id}: service starts at ${start}, outside its time windows ${JSON.stringify(windows)}`);
    const departureHere = start + (stop.serviceTime ?? 0);
    for (let k = 0; k < dims; k++) load[k] = load[k]! - (stop.delivery?.[k] ?? 0) + (stop.pickup?.[k] ?? 0);
    checkLoad(`after stop ${id}`);
    visits.push({ id, arrival, waiting: start - arrival, start, departure: departureHere, load: load.slice(), distance });
    clock = departureHere;
    location = stop.location;
  });

  let end = clock;
  if (endDepot) {
    const d = dist(location, endDepot.location);
    const t = time(location, endDepot.location);
    if (d === INF || t === INF) violations.push(`no road from location ${location} back to depot ${endDepot.id}`);
    distance += d;
    travel += t;
    end = driveWithBreaks(stopIds.length, t);
  } else end = driveWithBreaks(stopIds.length, 0);
  if (end > bounds.latestEnd + eps(bounds.latestEnd)) violations.push(`ends at ${end}, after the shift/depot closes at ${bounds.latestEnd}`);
  const duration = end - departure;
  if (type.maxDuration !== undefined && duration > type.maxDuration + eps(type.maxDuration)) violations.push(`duration ${duration} exceeds maxDuration ${type.maxDuration}`);
  if (type.maxDistance !== undefined && distance > type.maxDistance + eps(type.maxDistance)) violations.push(`distance ${distance} exceeds maxDistance ${type.maxDistance}`);
  if (type.maxTravelTime !== undefined && travel > type.maxTravelTime + eps(type.maxTravelTime)) violations.push(`travel time ${travel} exceeds maxTravelTime ${type.maxTravelTime}`);
  const evenness = problem.balance === undefined || stopIds.length === 0 ? 0
    : problem.balance.weight * (problem.balance.by === 'duration' ? duration * duration : stopIds.length * stopIds.length);
  const cost = (type.fixedCost ?? 0) + (type.costPerDistance ?? 1) * distance + (type.costPerDuration ?? 0) * duration +
    (type.costPerTravelTime ?? 0) * travel + evenness;
  return { distance, travel, duration, cost, departure, end, violations, visits };
}

/**
 * Checks a solution against its problem and recomputes every figure.
 *
 * @example
 * const report = checkSolution(problemInput, solve(createProblem(problemInput)));
 * expect(report.violations).toEqual([]);
 */
export function checkSolution(problem: CheckProblem, solution: CheckSolution, options: CheckOptions = {}): CheckReport {
  const tolerance = options.tolerance ?? 1e-6;
  const requireAllServed = options.requireAllServed ?? true;
  const violations: string[] = [];
  const typeIndex = new Map(problem.vehicleTypes.map((t, k) => [t.id, k]));
  const stopById = new Map(problem.stops.map((s) => [s.id, s]));
  const served = new Map<string, number>();
  const usedVehicles = new Map<string, Set<number>>();
  const routesPerType = new Map<string, number>();
  const routesPerDepot = new Map<string, number>();
  const routes: RouteFigures[] = [];
  let cost = 0;
  let distance = 0;
  let duration = 0;
  const compare = (what: string, reported: number | undefined, recomputed: number): void => {
    if (reported === undefined) violations.push(`${what} is missing`);
    else if (!close(reported, recomputed, tolerance)) violations.push(`${what}: reported ${reported}, recomputed ${recomputed}`);
  };

  solution.routes.forEach((route, r) => {
    const where = `route ${r} (${route.vehicleType})`;
    const t = typeIndex.get(route.vehicleType);
    if (t === undefined) {
      violations.push(`${where}: unknown vehicle type`);
      return;
    }
    const type = problem.vehicleTypes[t]!;
    if (route.stops.length === 0) violations.push(`${where}: empty route`);
    const vehicles = usedVehicles.get(type.id) ?? new Set<number>();
    usedVehicles.set(type.id, vehicles);
    const vehicle = route.vehicle ?? vehicles.size;
    if (vehicles.has(vehicle)) violations.push(`${where}: vehicle ${vehicle} used twice`);
    if (vehicle < 0 || vehicle >= (type.count ?? 1) || !Number.isInteger(vehicle)) violations.push(`${where}: vehicle index ${vehicle} not in 0..${(type.count ?? 1) - 1}`);
    vehicles.add(vehicle);
    routesPerType.set(type.id, (routesPerType.get(type.id) ?? 0) + 1);
    for (const id of route.stops) {
      served.set(id, (served.get(id) ?? 0) + 1);
      if (!stopById.has(id)) violations.push(`${where}: unknown stop ${id}`);
    }
    if (route.visits !== undefined) {
      const ids = route.visits.map((v) => v.id);
      if (ids.join('\u0000') !== route.stops.join('\u0000')) violations.push(`${where}: visits ${JSON.stringify(ids)} differ from stops ${JSON.stringify(route.stops)}`);
    }
    const typeEnd = type.endDepot === undefined ? type.startDepot : type.endDepot;
    if (route.startDepot !== undefined && route.startDepot !== type.startDepot) violations.push(`${where}: starts at ${route.startDepot}, but type ${type.id} starts at ${type.startDepot}`);
    if (route.endDepot !== undefined && route.endDepot !== typeEnd) violations.push(`${where}: ends at ${String(route.endDepot)}, but type ${type.id} ends at ${String(typeEnd)}`);
    const departure = route.departure ?? routeTimeBounds(problem, t).earliest;
    const figures = simulateRoute(problem, t, route.stops, departure, route.visits, tolerance, route.breaks);
    routes.push(figures);
    for (const v of figures.violations) violations.push(`${where}: ${v}`);
    compare(`${where} distance`, route.distance, figures.distance);
    compare(`${where} duration`, route.duration, figures.duration);
    if (route.cost !== undefined) compare(`${where} cost`, route.cost, figures.cost);
    if (route.arrival !== undefined) compare(`${where} arrival`, route.arrival, figures.end);
    if (route.startLoad !== undefined) {
      const expected = route.stops.map((id) => depotLoad(problem, id)).reduce((acc, d) => acc.map((x, k) => x + (d[k] ?? 0)), type.capacity.map(() => 0));
      if (expected.some((x, k) => !close(x, route.startLoad![k] ?? Number.NaN, tolerance))) violations.push(`${where}: startLoad ${JSON.stringify(route.startLoad)}, recomputed ${JSON.stringify(expected)}`);
    }
    route.visits?.forEach((visit, k) => {
      const mine = figures.visits[k];
      if (!mine) return;
      compare(`${where} stop ${visit.id} arrival`, visit.arrival, mine.arrival);
      compare(`${where} stop ${visit.id} waiting`, visit.waiting, mine.waiting);
      if (visit.departure !== undefined) compare(`${where} stop ${visit.id} departure`, visit.departure, mine.departure);
      if (visit.distance !== undefined) compare(`${where} stop ${visit.id} distance`, visit.distance, mine.distance);
      if (!Array.isArray(visit.load) || visit.load.length !== mine.load.length || visit.load.some((x, d) => !close(x, mine.load[d]!, tolerance))) {
        violations.push(`${where} stop ${visit.id} load: reported ${JSON.stringify(visit.load)}, recomputed ${JSON.stringify(mine.load)}`);
      }
    });
    cost += figures.cost;
    distance += figures.distance;
    duration += figures.duration;
    const limits = options.depotLimits?.[type.startDepot];
    if (limits) {
      routesPerDepot.set(type.startDepot, (routesPerDepot.get(type.startDepot) ?? 0) + 1);
      if (typeEnd !== type.startDepot) violations.push(`${where}: must return to its depot ${type.startDepot}, ends at ${String(typeEnd)}`);
      if (limits.maxDuration !== undefined && figures.duration > limits.maxDuration * (1 + tolerance)) {
        violations.push(`${where}: duration ${figures.duration} above depot ${type.startDepot}'s limit ${limits.maxDuration}`);
      }
      if (limits.capacity !== undefined) {
        const load = route.stops.map((id) => stopById.get(id)?.delivery ?? []).reduce((acc, d) => acc.map((x, k) => x + (d[k] ?? 0)), limits.capacity.map(() => 0));
        load.forEach((x, k) => { if (x > limits.capacity![k]! * (1 + tolerance)) violations.push(`${where}: load ${x} above depot ${type.startDepot}'s capacity ${limits.capacity![k]}`); });
      }
    }
  });
  for (const [depot, limits] of Object.entries(options.depotLimits ?? {})) {
    const used = routesPerDepot.get(depot) ?? 0;
    if (limits.vehicles !== undefined && used > limits.vehicles) violations.push(`depot ${depot}: ${used} routes but at most ${limits.vehicles} vehicles`);
  }
  let fleetExceeded = false;
  for (const type of problem.vehicleTypes) {
    const used = routesPerType.get(type.id) ?? 0;
    if (used > (type.count ?? 1)) {
      fleetExceeded = true;
      violations.push(`vehicle type ${type.id}: ${used} routes but only ${type.count ?? 1} vehicles`);
    }
  }

  const unassigned = new Map<string, number>();
  for (const u of solution.unassigned ?? []) {
    unassigned.set(u.id, (unassigned.get(u.id) ?? 0) + 1);
    if (!stopById.has(u.id)) violations.push(`unassigned: unknown stop ${u.id}`);
    if (u.reason === 'demand-exceeds-capacity') {
      const stop = stopById.get(u.id);
      const fits = problem.vehicleTypes.some((type) => type.capacity.every((c, k) => (stop?.delivery?.[k] ?? 0) <= c && (stop?.pickup?.[k] ?? 0) <= c));
      if (fits) violations.push(`unassigned stop ${u.id}: reason demand-exceeds-capacity, but a vehicle type can carry it`);
    }
  }
  for (const stop of problem.stops) {
    const times = served.get(stop.id) ?? 0;
    const listed = unassigned.get(stop.id) ?? 0;
    if (times > 1) violations.push(`stop ${stop.id} is served ${times} times`);
    if (times >= 1 && listed > 0) violations.push(`stop ${stop.id} is served and also listed as unassigned`);
    if (listed > 1) violations.push(`stop ${stop.id} is listed ${listed} times as unassigned`);
    if (times === 0 && listed === 0) violations.push(`stop ${stop.id} is neither served nor listed as unassigned`);
    if (times === 0 && (stop.required ?? true) && requireAllServed) violations.push(`required stop ${stop.id} is not served`);
    if (times === 0 && !(stop.required ?? true)) cost += stop.prize ?? 0;
  }

  compare('total cost', solution.cost, cost);
  if (solution.distance !== undefined) compare('total distance', solution.distance, distance);
  if (solution.duration !== undefined) compare('total duration', solution.duration, duration);
  if (solution.vehiclesUsed !== undefined && solution.vehiclesUsed !== solution.routes.length) {
    violations.push(`vehiclesUsed ${solution.vehiclesUsed}, but ${solution.routes.length} routes`);
  }
  const constraintViolations = fleetExceeded || routes.some((r) => r.violations.length > 0);
  if (solution.feasible === true && constraintViolations) violations.push('the solution claims to be feasible but breaks a constraint');
  if (solution.feasible === false && !constraintViolations) violations.push('the solution claims to be infeasible but breaks no constraint');
  return { ok: violations.length === 0, violations, cost, distance, duration, vehiclesUsed: solution.routes.length, routes };
}

// ---- Periodic (weekly) plans ----
//
// Semantics of the periodic fields (the documented meaning of PeriodicProblemInput), recomputed
// here from scratch:
// - `horizon` days numbered 1…horizon; each route carries its `day`;
// - a stop's allowed day sets are its `patterns`, or else every set of `visits` days among `days`
//   (default all) whose consecutive days are at least `minGap` (default 1) apart; `visits`
//   defaults to the number of allowed days (daily service);
// - every served stop is visited on exactly the days of one allowed set, at most once a day;
// - vehicles per type and day: `countPerDay[d-1]`, else `count`;
// - with `accumulate`, a visit carries delivery and pickup × the days since the previous visit of
//   the stop (cyclic over the horizon); otherwise the demand as given.

export interface CheckPeriodicProblem extends Omit<CheckProblem, 'stops' | 'vehicleTypes'> {
  horizon?: number;
  accumulate?: boolean;
  stops: (CheckProblem['stops'][number] & { visits?: number; patterns?: number[][]; days?: number[]; minGap?: number })[];
  vehicleTypes: (CheckProblem['vehicleTypes'][number] & { countPerDay?: number[] })[];
}
export interface CheckPeriodicSolution extends Omit<CheckSolution, 'routes'> {
  routes: (CheckRoute & { day: number })[];
  days?: { day: number; cost: number; distance: number; duration: number }[];
  visits?: { id: string; days: number[] }[];
}

/** The allowed day sets of a stop, each as a sorted list of days, written out independently. */
export function allowedDaySets(problem: CheckPeriodicProblem, stop: CheckPeriodicProblem['stops'][number]): number[][] {
  const horizon = problem.horizon ?? 1;
  if (stop.patterns !== undefined) return stop.patterns.map((p) => [...p].sort((a, b) => a - b));
  const days = stop.days !== undefined ? [...stop.days].sort((a, b) => a - b) : Array.from({ length: horizon }, (_, k) => k + 1);
  const visits = stop.visits ?? days.length;
  const gap = stop.minGap ?? 1;
  const out: number[][] = [];
  const grow = (chosen: number[], from: number): void => {
    if (chosen.length === visits) {
      out.push(chosen.slice());
      return;
    }
    for (let k = from; k < days.length; k++) {
      const last = chosen[chosen.length - 1];
      if (last !== undefined && days[k]! - last < gap) continue;
      chosen.push(days[k]!);
      grow(chosen, k + 1);
      chosen.pop();
    }
  };
  grow([], 0);
  return out;
}

/**
 * Checks a weekly plan: each day's routes with the day's fleet and demands by the independent
 * daily check, every served stop on one allowed day set, totals and per-day figures recomputed.
 */
export function checkPeriodicSolution(problem: CheckPeriodicProblem, solution: CheckPeriodicSolution, options: CheckOptions = {}): CheckReport {
  const horizon = problem.horizon ?? 1;
  const tolerance = options.tolerance ?? 1e-6;
  const violations: string[] = [];
  const visitedDays = new Map<string, number[]>();
  for (const route of solution.routes) {
    if (!Number.isInteger(route.day) || route.day < 1 || route.day > horizon) violations.push(`route of ${route.vehicleType}: day ${route.day} is not in 1..${horizon}`);
    for (const id of route.stops) visitedDays.set(id, [...(visitedDays.get(id) ?? []), route.day]);
  }
  const gapOf = (days: number[], day: number): number => {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    const k = sorted.indexOf(day);
    if (k > 0) return day - sorted[k - 1]!;
    return day + horizon - sorted[sorted.length - 1]!;
  };
  let cost = 0;
  let distance = 0;
  let duration = 0;
  const routes: RouteFigures[] = [];
  const listed = new Set((solution.unassigned ?? []).map((u) => u.id));
  for (let day = 1; day <= horizon; day++) {
    const dayRoutes = solution.routes.filter((r) => r.day === day);
    const onDay = new Set(dayRoutes.flatMap((r) => r.stops));
    const dayProblem: CheckProblem = {
      ...problem,
      stops: problem.stops.map((s) => {
        const { visits: _v, patterns: _p, days: _d, minGap: _g, ...rest } = s;
        const gap = problem.accumulate && onDay.has(s.id) ? gapOf(visitedDays.get(s.id)!, day) : 1;
        return {
          ...rest,
          ...(s.delivery ? { delivery: s.delivery.map((x) => x * gap) } : {}),
          ...(s.pickup ? { pickup: s.pickup.map((x) => x * gap) } : {}),
          required: false,
        };
      }),
      vehicleTypes: problem.vehicleTypes.map((t) => {
        const { countPerDay, ...rest } = t;
        return { ...rest, count: countPerDay !== undefined ? countPerDay[day - 1]! : t.count ?? 1 };
      }),
    };
    const dayCost = dayRoutes.reduce((sum, r) => sum + (r.cost ?? 0), 0);
    const report = checkSolution(dayProblem, {
      cost: dayCost,
      routes: dayRoutes,
      unassigned: problem.stops.filter((s) => !onDay.has(s.id)).map((s) => ({ id: s.id, reason: 'not-today' })),
    }, { ...options, requireAllServed: false });
    for (const v of report.violations) violations.push(`day ${day}: ${v}`);
    const reported = solution.days?.find((d) => d.day === day);
    if (solution.days !== undefined && !reported) violations.push(`day ${day} is missing from days`);
    if (reported) {
      if (!close(reported.cost, report.cost, tolerance)) violations.push(`day ${day} cost: reported ${reported.cost}, recomputed ${report.cost}`);
      if (!close(reported.distance, report.distance, tolerance)) violations.push(`day ${day} distance: reported ${reported.distance}, recomputed ${report.distance}`);
      if (!close(reported.duration, report.duration, tolerance)) violations.push(`day ${day} duration: reported ${reported.duration}, recomputed ${report.duration}`);
    }
    cost += report.cost;
    distance += report.distance;
    duration += report.duration;
    routes.push(...report.routes);
  }
  for (const stop of problem.stops) {
    const days = visitedDays.get(stop.id);
    if (days === undefined) {
      if (!listed.has(stop.id)) violations.push(`stop ${stop.id} is neither served nor listed as unassigned`);
      else if ((options.requireAllServed ?? true)) violations.push(`required stop ${stop.id} is not served`);
      continue;
    }
    if (listed.has(stop.id)) violations.push(`stop ${stop.id} is served and also listed as unassigned`);
    const set = [...days].sort((a, b) => a - b).join(',');
    if (!allowedDaySets(problem, stop).some((p) => p.join(',') === set)) violations.push(`stop ${stop.id} is visited on days ${set}, not an allowed pattern`);
    const reported = solution.visits?.find((v) => v.id === stop.id);
    if (solution.visits !== undefined && (!reported || [...reported.days].sort((a, b) => a - b).join(',') !== set))
      violations.push(`stop ${stop.id}: visits reported ${JSON.stringify(reported?.days)}, routes visit it on ${set}`);
  }
  if (!close(solution.cost, cost, tolerance)) violations.push(`total cost: reported ${solution.cost}, recomputed ${cost}`);
  if (solution.distance !== undefined && !close(solution.distance, distance, tolerance)) violations.push(`total distance: reported ${solution.distance}, recomputed ${distance}`);
  if (solution.duration !== undefined && !close(solution.duration, duration, tolerance)) violations.push(`total duration: reported ${solution.duration}, recomputed ${duration}`);
  if (solution.vehiclesUsed !== undefined && solution.vehiclesUsed !== solution.routes.length) violations.push(`vehiclesUsed ${solution.vehiclesUsed}, but ${solution.routes.length} routes`);
  const broken = violations.some((v) => /exceeds|outside|after the shift|before the shift|only \d+ vehicles|no road|not an allowed pattern/.test(v));
  if (solution.feasible === true && broken) violations.push('the solution claims to be feasible but breaks a constraint');
  return { ok: violations.length === 0, violations, cost, distance, duration, vehiclesUsed: solution.routes.length, routes };
}
