/**
 * Two tiers across a week (issue 19 §1): villages served on their days, from their offices, with
 * the trunk timed to every day. The villages are assigned to their offices as the daily planner
 * does (the administrative list, or the nearest office when the assignment is free); for each
 * office the periodic engine chooses its villages' days and routes together across the week (days
 * are never fixed first). Each day then is an ordinary two-tier day: the trunk carries each
 * office's load of that day (its own mail plus that of the villages it serves that day, with the
 * mail that waited since the previous visit when `accumulate` is on), that day's vans leave after
 * that day's trunk and sorting, and the collection loads an office once its vans are back.
 *
 * The periodic engine takes one shift per vehicle type for the whole week, not one per day, so
 * the vans are planned with the latest release over the week (and the tightest return limit) and
 * the loop iterates once: plan the week with the release of the trunk planned for daily loads,
 * plan each day's trunk for the days chosen, and if some day's trunk releases an office later
 * than planned for, plan the week again with the latest release. Every route is then timed per
 * day by the one evaluator under that day's own release; whatever rule it still breaks is
 * reported, never hidden.
 */
import { createProblem, evaluatePlan, solve } from '../../vrp/index.js';
import type { ProblemInput, RouteInput, SolutionResult, UnassignedResult } from '../../vrp/index.js';
import { createPeriodicProblem, solvePeriodic } from '../../vrp/periodic/index.js';
import type { PeriodicProblemInput, PeriodicRouteInput, PeriodicStopInput, PeriodicVehicleTypeInput } from '../../vrp/periodic/index.js';
import type { ProgressCallback } from '../../util/progress.js';
import { assignNearest } from './assignment.js';
import { collectionProblem, deliveryProblem, OPEN_END, type TierVehicle, type TwoTierInput } from './model.js';
import {
  administrative, emptySolution, loadsOf, planTrunk, readyTimes, releaseTimes, returnLegs, returnLimits, toRouteInput,
  type DeliveryRun, type TierRun, type TwoTierResult,
} from './solve.js';

/** The week of a two-tier plan: its days, whether mail waits, and each stop's visit rule. */
export interface TwoTierWeek {
  /** Operating days (the horizon). */
  horizon: number;
  accumulate: boolean;
  /** Stop id → its periodic fields (one pattern, a rule, or fixed days); absent = every day. */
  patterns: ReadonlyMap<string, Partial<PeriodicStopInput>>;
}

/** A two-tier week as planned: one two-tier day per operating day, and each stop's days. */
export interface TwoTierWeekResult {
  /** Day k (0-based) of the horizon, each as a two-tier day (its `assignment`: the stops served that day). */
  days: TwoTierResult[];
  /** Stop id → the days (1-based) it is served. */
  visits: Map<string, number[]>;
  /** Stop id → its office for the week. */
  assignment: Map<string, string>;
  /** Stops the week leaves unserved (every day: a pattern is all or nothing). */
  unassigned: UnassignedResult[];
  /**
   * Visits not made: a stop due on a day (1-based) from an office the trunk did not reach that day
   * (too few trucks that day, or none in time). Its mail never came, so its office's vans do not
   * run that day; the visit stays in `visits` (the days the engine chose) and is said here.
   */
  missed: { id: string; day: number; office: string }[];
  /** Office id → the release the periodic search planned the vans with (the latest over the week). */
  plannedRelease: Map<string, number>;
  /** 1, or 2 when a day's trunk released an office later than the first plan of the week assumed. */
  rounds: number;
}

/** Options of `solveTwoTierWeek`, as `solveTwoTier`'s. */
export interface TwoTierWeekOptions {
  seed: number;
  timeLimit: number;
  maxIterationsWithoutImprovement: number;
  threads?: number;
  onProgress?: ProgressCallback;
}

/**
 * How many days' mail a visit carries: the days since the stop's previous visit, counted cyclically
 * over the horizon (the week repeats), when mail accumulates; else 1. `days` sorted, 1-based.
 *
 * @example
 * carriedDays([1, 4], 6, 4, true); // 3: Thu carries Tue, Wed and Thu
 */
export function carriedDays(days: readonly number[], horizon: number, day: number, accumulate: boolean): number {
  if (!accumulate) return 1;
  const i = days.indexOf(day);
  if (i < 0) return 0;
  const previous = i > 0 ? (days[i - 1] as number) : (days[days.length - 1] as number) - horizon;
  return day - previous;
}

/**
 * One day of the week as a two-tier problem: the stops served that day (per `visits`), each with
 * the volumes its visit carries that day; the offices keep their own daily counter volumes, and
 * each vehicle type its fleet of that day (`countPerDay`).
 */
export function dayInput(input: TwoTierInput, visits: ReadonlyMap<string, readonly number[]>, day: number, horizon: number, accumulate: boolean): TwoTierInput {
  const stops = input.stops.flatMap((stop) => {
    const days = visits.get(stop.id);
    if (days === undefined || !days.includes(day)) return [];
    const f = carriedDays(days, horizon, day, accumulate);
    return [{ ...stop, delivery: stop.delivery.map((x) => x * f), pickup: stop.pickup.map((x) => x * f) }];
  });
  return { ...input, stops, ...fleetOfDay(input, day) };
}

/** The trunk and delivery fleets of day `day` (1-based): each type's `countPerDay` entry as its count. */
function fleetOfDay(input: TwoTierInput, day: number): Pick<TwoTierInput, 'trunk' | 'delivery'> {
  const onDay = <V extends TierVehicle>(vehicle: V): V =>
    (vehicle.countPerDay === undefined ? vehicle : { ...vehicle, count: vehicle.countPerDay[day - 1] ?? vehicle.count });
  return {
    trunk: { ...input.trunk, vehicles: input.trunk.vehicles.map(onDay) },
    delivery: { ...input.delivery, vehicles: input.delivery.vehicles.map(onDay) },
  };
}

/**
 * The week's delivery problem of one office for the periodic engine: a type with `countPerDay`
 * gets its fleet of each day (the engine takes either one count or the counts per day); it is
 * built with its largest day's count so that a type absent on some days is still offered.
 */
function weekDeliveryProblem(input: TwoTierInput, office: string, ids: readonly string[], release: ReadonlyMap<string, number>, returnBy: ReadonlyMap<string, number>): { oneDay: ProblemInput; vehicleTypes: PeriodicVehicleTypeInput[] } {
  const widest = { ...input, delivery: { ...input.delivery, vehicles: input.delivery.vehicles.map((v) => (v.countPerDay === undefined ? v : { ...v, count: Math.max(0, ...v.countPerDay) })) } };
  const oneDay = deliveryProblem(widest, [office], ids, release, returnBy);
  const vehicleTypes = oneDay.vehicleTypes.map((type): PeriodicVehicleTypeInput => {
    const perDay = input.delivery.vehicles.find((v) => v.id === type.id)?.countPerDay;
    if (perDay === undefined) return type;
    const { count: _count, ...rest } = type;
    return { ...rest, countPerDay: [...perDay] };
  });
  return { oneDay, vehicleTypes };
}

/**
 * Plans both tiers across the week.
 *
 * @example
 * const week = solveTwoTierWeek(input, { horizon: 6, accumulate: true, patterns }, { seed: 1, timeLimit: 10, maxIterationsWithoutImprovement: 2000 });
 * week.days[0]!.trunk.solution.routes; week.visits.get('village-7'); // [1, 4]
 */
export function solveTwoTierWeek(input: TwoTierInput, week: TwoTierWeek, options: TwoTierWeekOptions): TwoTierWeekResult {
  const progress = options.onProgress ?? (() => {});
  const H = week.horizon;
  const nStops = Math.max(1, input.stops.length);
  const budget = (share: number): number => Math.max(0.05, options.timeLimit * share);
  const search = { seed: options.seed, maxIterationsWithoutImprovement: options.maxIterationsWithoutImprovement, ...(options.threads !== undefined ? { threads: options.threads } : {}) };
  const solveTier = (problem: ProblemInput, source: string, share: number, step: string): SolutionResult => {
    const data = createProblem(problem, { source });
    if (data.nStops === 0) return emptySolution();
    return solve(data, { ...search, timeLimit: budget(share), onProgress: (event) => progress({ ...event, step }) });
  };
  const assignment = input.delivery.assignment === 'free' ? assignNearest(input) : administrative(input);
  const offices = input.offices.map((office) => office.id);
  const stopsOf = new Map(offices.map((office) => [office, input.stops.filter((stop) => assignment.get(stop.id) === office).map((stop) => stop.id)]));

  // The first guess of every release: the trunk planned for every village served every day.
  const daily = planTrunk(input, loadsOf(input, assignment, 'delivery'), (problem) => solveTier(problem, 'trunk tier', 0.05, 'trunk'), undefined);
  let release = releaseTimes(input, daily.solution);
  let returnBy = returnLimits(input, daily.solution);
  // An office that guess leaves without a truck (every village every day overstates the loads)
  // may still be reached on its villages' days: its week is planned with the latest release of the
  // others, and each day's own trunk then says which days it is reached (the rest are missed visits).
  if (release.size > 0) {
    const latestRelease = Math.max(...release.values());
    for (const office of offices) if (!release.has(office)) release.set(office, latestRelease);
  }

  let visits = new Map<string, number[]>();
  let routesOfDay: RouteInput[][] = [];
  let unassigned: UnassignedResult[] = [];
  const warm = new Map<string, PeriodicRouteInput[]>();
  let trunks: TierRun[] = [];
  let rounds = 0;
  for (let round = 1; round <= 2; round++) {
    rounds = round;
    visits = new Map();
    routesOfDay = Array.from({ length: H }, () => []);
    unassigned = [];
    for (const office of offices) {
      const ids = stopsOf.get(office) ?? [];
      if (ids.length === 0) continue;
      const { oneDay, vehicleTypes } = weekDeliveryProblem(input, office, ids, release, returnBy);
      if (oneDay.vehicleTypes.length === 0 || !release.has(office)) {
        // No van at this office, or no trunk brings its mail: nothing can be delivered from it.
        for (const id of ids) unassigned.push({ id, reason: oneDay.vehicleTypes.length === 0 ? 'fleet-exhausted' : 'time-window-unreachable' });
        continue;
      }
      progress({ step: 'delivery', message: `round ${round}: the week of ${office}'s ${ids.length} stops` });
      const periodic: PeriodicProblemInput = { ...oneDay, vehicleTypes, horizon: H, accumulate: week.accumulate, stops: oneDay.stops.map((stop) => ({ ...stop, ...(week.patterns.get(stop.id) ?? {}) })) };
      const warmStart = warm.get(office);
      const solution = solvePeriodic(createPeriodicProblem(periodic, { source: `delivery ${office}` }), {
        ...search, timeLimit: budget((0.7 / 2) * (ids.length / nStops)),
        ...(warmStart !== undefined && warmStart.length > 0 ? { warmStart } : {}),
        onProgress: (event) => progress({ ...event, step: 'delivery' }),
      });
      for (const visit of solution.visits) visits.set(visit.id, [...visit.days].sort((a, b) => a - b));
      for (const route of solution.routes) routesOfDay[route.day - 1]!.push(toRouteInput(route));
      warm.set(office, solution.routes.map((route) => ({ ...toRouteInput(route), day: route.day })));
      unassigned.push(...solution.unassigned);
    }
    // Each day's trunk for the loads of the days chosen.
    trunks = [];
    const latest = new Map<string, number>();
    const tightest = new Map<string, number>();
    for (let d = 1; d <= H; d++) {
      const day = dayInput(input, visits, d, H, week.accumulate);
      progress({ step: 'trunk', message: `round ${round}: trunk of day ${d}` });
      const trunk = planTrunk(day, loadsOf(day, servedOn(routesOfDay[d - 1]!, input), 'delivery'), (problem) => solveTier(problem, `trunk tier, day ${d}`, 0.1 / H, 'trunk'), undefined);
      trunks.push(trunk);
      for (const [office, at] of releaseTimes(day, trunk.solution)) latest.set(office, Math.max(latest.get(office) ?? 0, at));
      for (const [office, by] of returnLimits(day, trunk.solution)) tightest.set(office, Math.min(tightest.get(office) ?? OPEN_END, by));
    }
    const later = offices.some((office) => (latest.get(office) ?? OPEN_END) > (release.get(office) ?? OPEN_END) || (tightest.get(office) ?? OPEN_END) < (returnBy.get(office) ?? OPEN_END));
    if (!later || round === 2) break;
    // Iterate once: plan the week again with the latest release and the tightest return limit.
    release = new Map([...latest].filter(([office]) => release.has(office)));
    returnBy = tightest;
  }

  // Every day timed by the one evaluator under that day's own release.
  const days: TwoTierResult[] = [];
  const missed: TwoTierWeekResult['missed'] = [];
  for (let d = 1; d <= H; d++) {
    const day = dayInput(input, visits, d, H, week.accumulate);
    const trunk = trunks[d - 1]!;
    const dayRelease = releaseTimes(day, trunk.solution);
    const dayReturnBy = returnLimits(day, trunk.solution);
    // An office no truck reaches that day gets no mail: its vans of that day stay home and their
    // stops are missed visits, said as such, not routes timed from a release that never comes.
    const reached = (route: RouteInput): boolean => dayRelease.has(officeOfType(input, route.vehicleType) ?? '');
    for (const route of routesOfDay[d - 1]!) {
      if (!reached(route)) for (const id of route.stops) missed.push({ id, day: d, office: officeOfType(input, route.vehicleType)! });
    }
    const routes = routesOfDay[d - 1]!.filter(reached);
    const served = servedOn(routes, input);
    const delivery: DeliveryRun = { routes: [], unassigned: [], runs: [] };
    for (const office of offices) {
      const own = routes.filter((route) => officeOfType(input, route.vehicleType) === office);
      if (own.length === 0) continue;
      const problem = deliveryProblem(day, [office], own.flatMap((route) => route.stops), dayRelease, dayReturnBy);
      const solution = evaluatePlan(createProblem(problem, { source: `delivery ${office}, day ${d}` }), own);
      delivery.routes.push(...solution.routes);
      delivery.runs.push({ problem, solution });
    }
    const ready = readyTimes(day, delivery, dayRelease);
    const officePickups = loadsOf(day, served, 'pickup');
    let collection: TierRun | null = null;
    if (input.trunk.collection?.mode === 'second-wave') {
      const problem = collectionProblem(day, officePickups, ready);
      collection = { problem, solution: solveTier(problem, `collection, day ${d}`, 0.1 / H, 'collection') };
    } else if (input.trunk.collection?.mode === 'wait') {
      collection = returnLegs(day, trunk.solution, officePickups, ready);
    }
    days.push({
      trunk, delivery, collection, assignment: served, moved: [], release: dayRelease, ready, returnBy: dayReturnBy,
      officeLoads: loadsOf(day, served, 'delivery'), officePickups, rounds,
    });
  }
  return { days, visits, assignment, unassigned, missed, plannedRelease: release, rounds };
}

/** The office of a delivery vehicle type ("van@harsdorf" → "harsdorf"). */
function officeOfType(input: TwoTierInput, type: string): string | undefined {
  return input.delivery.vehicles.find((vehicle) => vehicle.id === type)?.office;
}

/** Stop id → the office whose route serves it, for one day's delivery routes. */
function servedOn(routes: readonly RouteInput[], input: TwoTierInput): Map<string, string> {
  const served = new Map<string, string>();
  for (const route of routes) {
    const office = officeOfType(input, route.vehicleType);
    if (office !== undefined) for (const stop of route.stops) served.set(stop, office);
  }
  return served;
}
