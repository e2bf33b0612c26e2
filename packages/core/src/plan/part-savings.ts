/**
 * What the second tier and door to door save (issue 19 §2): the same case planned again without
 * each part, by the engines the plan itself uses, so that the county's figures (report/county.ts)
 * can put the plan beside it like for like.
 *
 * - Without the second tier: the same stops (villages, stations, produce bases, and the township
 *   offices with their own counter volumes), the same volumes in every dimension, pick-ups and
 *   visit rules, served in one tier straight from the hub by the county's own vehicles (the trunk
 *   trucks and every office's delivery vehicles, all based at the hub). The route sorting the
 *   offices did is done at the hub, so the vehicles leave after the trunk's departure plus the
 *   sorting time, and the goods collected are back at the hub by the collection's `returnBy`.
 *   Across the week the periodic engine chooses the days and routes together, as the plan's did.
 * - Without door to door from the offices: the same streets served door to door from the hub,
 *   which is how door to door ran before issue 19.
 *
 * Each plan without a part gets the search budget of the plan it is compared with (its time
 * limit and no-improvement rule, and the seed and threads): a weaker search would make the part
 * look better than it is. The evaluator judges both; this module only compares their verdicts
 * (stops or streets left unserved, rules broken) and words them. A saving may come out negative:
 * the county's figures then say the part costs km.
 */
import type { FeatureCollection } from 'geojson';
import type { Snap } from '../graph/snap.js';
import type { RoadNetwork } from '../graph/types.js';
import type { DoorToDoorReport, PartCounterfactual, ReportRoute, UnassignedStop } from '../report/types.js';
import type { ProgressCallback } from '../util/progress.js';
import { createProblem, solve, type ProblemInput, type RouteResult } from '../vrp/index.js';
import { createPeriodicProblem, solvePeriodic, type PeriodicStopInput, type PeriodicVehicleTypeInput } from '../vrp/periodic/index.js';
import type { DoorToDoorSpec } from './file/door-to-door-spec.js';
import { mergeDoorToDoor } from './door-to-door-offices.js';
import { doorToDoorOnDays, planDoorToDoor } from './door-to-door.js';
import { officeOfPiece, OPEN_END, stopInput, withMatrices, type TwoTierInput } from './tiers/model.js';

/** The search every plan without a part gets: the compared plan's own. */
export interface PartSearch {
  seed: number;
  /** The time limit the compared plan's search had, seconds. */
  timeLimit: number;
  maxIterationsWithoutImprovement: number;
  threads?: number;
  progress?: ProgressCallback;
}

/** Why a part was not measured, in the words the county's figures print. */
export const NOT_MEASURED = {
  off: {
    'second-tier': 'not measured: plan.json "measure": { "parts": true } plans the same stops in one tier from the hub (another search)',
    'door-to-door': 'not measured: plan.json "measure": { "parts": true } plans the same streets from the hub (another search)',
  },
  scenario: 'not measured for a scenario (the base case is measured, with plan.json "measure": { "parts": true })',
  fromHub: 'not measured: the streets are served from the hub already',
} as const;

/** A part the planner did not plan without, and why. */
export function notMeasured(part: PartCounterfactual['part'], why: string): PartCounterfactual {
  return { part, perDay: null, against: why, notComparable: null };
}

/**
 * The one-day problem of the same stops in one tier from the hub: the offices (their own counter
 * volumes) and every stop as stops, the trunk's and the offices' vehicles as types at the hub
 * (a delivery type's vehicles of all offices together), leaving after the trunk's departure plus
 * the sorting and back by the collection's `returnBy`.
 *
 * @example
 * const problem = hubDirectProblem(input); // depots: [the hub]; stops: offices, then villages
 */
export function hubDirectProblem(input: TwoTierInput): ProblemInput {
  const sorting = input.delivery.sorting;
  const firstTruck = Math.min(...input.trunk.vehicles.map((v) => v.departure), OPEN_END);
  const back = input.trunk.collection?.returnBy ?? OPEN_END;
  const shift = (departure: number): [number, number] => [departure + sorting, Math.max(departure + sorting, back)];
  const types: PeriodicVehicleTypeInput[] = input.trunk.vehicles.map((v) => typeAtHub(input, v, shift(v.departure)));
  const byType = new Map<string, typeof input.delivery.vehicles>();
  for (const vehicle of input.delivery.vehicles) byType.set(vehicle.type, [...(byType.get(vehicle.type) ?? []), vehicle]);
  for (const [type, vehicles] of byType) {
    const first = vehicles[0]!;
    const count = vehicles.reduce((sum, v) => sum + v.count, 0);
    const perDay = vehicles.some((v) => v.countPerDay !== undefined)
      ? (vehicles.find((v) => v.countPerDay !== undefined)!.countPerDay!).map((_, d) => vehicles.reduce((sum, v) => sum + (v.countPerDay?.[d] ?? v.count), 0))
      : undefined;
    if (count === 0 && perDay === undefined) continue;
    types.push(typeAtHub(input, { ...first, id: type, count, ...(perDay !== undefined ? { countPerDay: perDay } : {}) }, shift(Number.isFinite(firstTruck) ? firstTruck : 0)));
  }
  return withMatrices(input, {
    depots: [{ id: input.hub.id, location: input.hub.location }],
    stops: [...input.offices, ...input.stops].map((stop) => stopInput(stop, [...stop.delivery], [...stop.pickup])),
    vehicleTypes: types,
  });
}

function typeAtHub(input: TwoTierInput, vehicle: TwoTierInput['trunk']['vehicles'][number] | (TwoTierInput['delivery']['vehicles'][number] & { countPerDay?: number[] }), shift: [number, number]): PeriodicVehicleTypeInput {
  const type: PeriodicVehicleTypeInput = {
    id: vehicle.id, count: vehicle.count, capacity: [...vehicle.capacity], startDepot: input.hub.id, shift,
    fixedCost: vehicle.fixedCost, costPerDistance: vehicle.costPerDistance,
  };
  if (vehicle.countPerDay !== undefined) type.countPerDay = [...vehicle.countPerDay];
  if (vehicle.maxDuration !== undefined) type.maxDuration = vehicle.maxDuration;
  if (vehicle.profile !== undefined) type.profile = vehicle.profile;
  return type;
}

/** The vehicles of a problem in words: "2 truck, 12 van, 1 tricycle". */
function fleetWords(problem: ProblemInput): string {
  return problem.vehicleTypes.map((t) => `${Math.max(t.count ?? 1, ...((t as PeriodicVehicleTypeInput).countPerDay ?? []))} ${t.id}`).join(', ');
}

/** The week of a two-tier plan, for its plan without the second tier. */
export interface PartWeek {
  days: readonly string[];
  accumulate: boolean;
  /** Stop id → its periodic fields, as the plan's periodic searches had them; absent = every day. */
  patterns: ReadonlyMap<string, Partial<PeriodicStopInput>>;
}

/**
 * Said when the two-tier plan's search started from today's routes (a daily plan with a baseline)
 * and the plan from the hub, which has no today of its own, from scratch: the same budget, but a
 * head start for one side, which can make the second tier look better than it is.
 */
export const HEAD_START = "; the two-tier plan's search also started from today's routes, this one from scratch, so the second tier may look better than it is";

/**
 * The same stops in one tier from the hub (`hubDirectProblem`), across the week when `week` is
 * given, against the two-tier plan: its routes (`after`: trunk, delivery, collection) and the
 * stops it leaves unserved (`unassigned`), judged like for like.
 *
 * @example
 * const without = withoutSecondTier(input, week, report.after, report.summary.unassigned, { seed: 1, timeLimit: 3.2, maxIterationsWithoutImprovement: 2000 });
 * without.perDay; // km each operating day, from the hub
 */
export function withoutSecondTier(input: TwoTierInput, week: PartWeek | null, after: readonly ReportRoute[], unassigned: readonly UnassignedStop[], search: PartSearch, planStartedFromToday = false): PartCounterfactual {
  const oneDay = hubDirectProblem(input);
  const stops = input.offices.length + input.stops.length;
  search.progress?.({ step: 'solve', message: `the same ${stops} stops in one tier from the hub, for what the second tier saves, up to ${search.timeLimit} s` });
  const options = {
    seed: search.seed, timeLimit: search.timeLimit, maxIterationsWithoutImprovement: search.maxIterationsWithoutImprovement,
    ...(search.threads !== undefined ? { threads: search.threads } : {}),
  };
  let perDay: { day: string | null; km: number }[];
  let left: string[];
  let broken: string[];
  if (week === null) {
    // A daily plan has one fleet: the counts per day are a week's.
    const daily = { ...oneDay, vehicleTypes: oneDay.vehicleTypes.map((type) => { const { countPerDay: _perDay, ...rest } = type as PeriodicVehicleTypeInput; return rest; }) };
    const solution = solve(createProblem(daily, { source: 'one tier from the hub' }), options);
    perDay = [{ day: null, km: sumKm(solution.routes) }];
    left = solution.unassigned.map((u) => u.id);
    broken = solution.violations.map((v) => v.kind);
  } else {
    const H = week.days.length;
    const problem = createPeriodicProblem({
      ...oneDay, horizon: H, accumulate: week.accumulate,
      // The periodic engine takes either one count or the counts per day.
      vehicleTypes: oneDay.vehicleTypes.map((type) => {
        if ((type as PeriodicVehicleTypeInput).countPerDay === undefined) return type;
        const { count: _count, ...rest } = type;
        return rest;
      }),
      stops: oneDay.stops.map((stop) => ({ ...stop, ...(week.patterns.get(stop.id) ?? {}) })),
    }, { source: 'one tier from the hub, across the week' });
    const solution = solvePeriodic(problem, options);
    perDay = week.days.map((day, d) => ({ day, km: sumKm(solution.routes.filter((route) => route.day === d + 1)) }));
    left = solution.unassigned.map((u) => u.id);
    broken = solution.violations.map((v) => v.kind);
  }
  const against = `one tier straight from the hub: the same ${stops} stops (offices included), volumes${week ? ', visit rules' : ''} and pick-ups, the county's vehicles (${fleetWords(oneDay)}) all based at the hub${week ? ', days and routes chosen across the week' : ''}, with the two-tier plan's search budget${planStartedFromToday ? HEAD_START : ''}`;
  // The plan's verdicts, read on the same stops: an office the trunk cannot serve is unserved too.
  const ids = new Set(oneDay.stops.map((stop) => stop.id));
  const planLeft = [...new Set(unassigned.map((u) => officeOfPiece(u.id)).filter((id) => ids.has(id)))];
  const planBroken = after.flatMap((route) => route.violations.map((v) => v.kind));
  return { part: 'second-tier', perDay, against, notComparable: stopsVerdict(left, planLeft, broken, planBroken) };
}

/**
 * The same streets door to door from the hub, block by block (each block's streets, days and
 * vehicles as plan.json gives them), against the plan's door to door from the offices.
 *
 * @example
 * const without = withoutDoorToDoorOffices({ blocks: spec.doorToDoor, plan: report.doorToDoor, hub, start, week: null, network, roads, source: 'plan.json', search });
 */
export function withoutDoorToDoorOffices(args: {
  blocks: readonly DoorToDoorSpec[];
  plan: DoorToDoorReport;
  hub: { id: string; name: string; snap: Snap };
  start: { departure: number; startsAfter: string };
  week: readonly string[] | null;
  network: RoadNetwork;
  roads: FeatureCollection;
  source: string;
  search: PartSearch;
}): PartCounterfactual {
  const { search } = args;
  search.progress?.({ step: 'door-to-door', message: `the same streets from the hub, for what door to door from the offices saves, up to ${search.timeLimit} s a block` });
  const blocks = args.blocks.map((block) => doorToDoorOnDays(planDoorToDoor({
    spec: block, network: args.network, roads: args.roads, depot: { id: args.hub.id, snap: args.hub.snap }, start: args.start,
    seed: search.seed, timeLimit: search.timeLimit, maxIterationsWithoutImprovement: search.maxIterationsWithoutImprovement,
    ...(search.threads !== undefined ? { threads: search.threads } : {}), source: args.source,
  }), block.days));
  const hub = mergeDoorToDoor(blocks, args.week);
  const days: (string | null)[] = args.week ? [...args.week] : [null];
  const perDay = days.map((day) => ({ day, km: hub.routes.filter((r) => day === null || r.day === undefined || r.day === day).reduce((sum, r) => sum + r.km, 0) }));
  const offices = [...new Set(args.plan.routes.map((r) => r.depot ?? args.plan.depot))].sort();
  const against = `the same streets door to door from the hub (${args.hub.name}) instead of from ${offices.length === 1 ? 'the office' : 'the offices'}, with the same search budget`;
  return { part: 'door-to-door', perDay, against, notComparable: streetsVerdict(hub, args.plan) };
}

function sumKm(routes: readonly Pick<RouteResult, 'distance'>[]): number {
  return routes.reduce((sum, route) => sum + route.distance, 0) / 1000;
}

/** Ids in words: up to three, then how many more. */
function list(ids: readonly string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}

/** Rule kinds broken, in words: "2 rules (over-shift)". */
function rulesWords(kinds: readonly string[]): string {
  return `${kinds.length} rule${kinds.length === 1 ? '' : 's'} (${[...new Set(kinds)].sort().join(', ')})`;
}

/**
 * Whether the plan without the second tier is the same service as the plan, in words (null: it
 * is): both serve the same stops and neither breaks a rule its evaluator found.
 */
function stopsVerdict(left: readonly string[], planLeft: readonly string[], broken: readonly string[], planBroken: readonly string[]): string | null {
  const leftSet = new Set(left);
  const planSet = new Set(planLeft);
  const onlyOther = [...leftSet].filter((id) => !planSet.has(id)).sort();
  const onlyPlan = [...planSet].filter((id) => !leftSet.has(id)).sort();
  const reasons: string[] = [];
  if (onlyOther.length > 0) reasons.push(`the one-tier plan leaves ${onlyOther.length} stop${onlyOther.length === 1 ? '' : 's'} unserved that the plan serves (${list(onlyOther)})`);
  if (onlyPlan.length > 0) reasons.push(`the plan leaves ${onlyPlan.length} stop${onlyPlan.length === 1 ? '' : 's'} unserved that the one-tier plan serves (${list(onlyPlan)})`);
  if (broken.length > 0) reasons.push(`the one-tier plan breaks ${rulesWords(broken)}`);
  if (planBroken.length > 0) reasons.push(`the plan breaks ${rulesWords(planBroken)}`);
  return reasons.length === 0 ? null : reasons.join('; ');
}

/**
 * Whether door to door from the hub is the same service as from the offices, in words (null: it
 * is): the same street sides served, the same streets said unserved, no route over its shift.
 *
 * @example
 * streetsVerdict(fromHub, fromOffices); // null, or "the plan leaves unserved what the routes from the hub serve (…)"
 */
export function streetsVerdict(hub: DoorToDoorReport, plan: DoorToDoorReport): string | null {
  const reasons: string[] = [];
  if (hub.sidesServed !== plan.sidesServed) reasons.push(`from the hub ${hub.sidesServed} of ${hub.sides} street sides are served, from the offices ${plan.sidesServed}`);
  // Streets one side leaves unserved on some day (no trunk that day, no office van left): its km lack them.
  const said = (report: DoorToDoorReport): Set<string> => new Set(report.unservable.map((u) => `${u.street}: ${u.reason}`));
  const fromHub = said(hub);
  const fromOffices = said(plan);
  const onlyPlan = [...fromOffices].filter((line) => !fromHub.has(line));
  const onlyHub = [...fromHub].filter((line) => !fromOffices.has(line));
  if (onlyPlan.length > 0) reasons.push(`the plan leaves unserved what the routes from the hub serve (${list(plan.unservable.filter((u) => onlyPlan.includes(`${u.street}: ${u.reason}`)).map((u) => u.message))})`);
  if (onlyHub.length > 0) reasons.push(`the routes from the hub leave unserved what the plan serves (${list(hub.unservable.filter((u) => onlyHub.includes(`${u.street}: ${u.reason}`)).map((u) => u.message))})`);
  // A door-to-door route's one rule is its shift (planDoorToDoor words the engine's verdict).
  const broken = (report: DoorToDoorReport): string[] => report.routes.flatMap((r) => r.violations.map(() => 'over-shift'));
  if (broken(hub).length > 0) reasons.push(`the routes from the hub break ${rulesWords(broken(hub))}`);
  if (broken(plan).length > 0) reasons.push(`the plan's routes break ${rulesWords(broken(plan))}`);
  return reasons.length === 0 ? null : reasons.join('; ');
}
