/**
 * Plans both tiers together. The trunk's arrival at each office sets the release of that office's
 * delivery routes (arrival + unloading + sorting); the delivery tier's assignment sets each
 * office's load on the trunk; the delivery routes' return sets when the afternoon collection can
 * load at the office. The loop solves trunk → delivery → collection and repeats while the office
 * loads or release times change (a free assignment moves villages, and with them trunk loads).
 */
import { createProblem, evaluatePlan, solve } from '../../vrp/index.js';
import type { ProblemInput, RouteInput, RouteResult, SolutionResult, UnassignedResult } from '../../vrp/index.js';
import type { ProgressCallback } from '../../util/progress.js';
import { assignNearest, improveWithinTolerance, type OfficeMove } from './assignment.js';
import { collectionProblem, deliveryProblem, officeOfPiece, OPEN_END, sumVectors, trunkProblem, type TwoTierInput } from './model.js';
import { waitCollection, waitLimits } from './wait.js';

/** One tier: the routing problem it became and its solution. */
export interface TierRun {
  problem: ProblemInput;
  solution: SolutionResult;
}

/** The delivery tier, merged over the offices (each office may be its own problem). */
export interface DeliveryRun {
  routes: RouteResult[];
  unassigned: UnassignedResult[];
  runs: TierRun[];
}

/** The tiers of a two-tier plan as solved, with the village → office assignment. */
export interface TwoTierResult {
  trunk: TierRun;
  delivery: DeliveryRun;
  collection: TierRun | null;
  /** Stop id → the office whose route serves it. */
  assignment: Map<string, string>;
  /** Stops served from another office than the administrative list says. */
  moved: OfficeMove[];
  /** Office id → earliest delivery departure (trunk unloaded + sorting); absent when no trunk reaches it. */
  release: Map<string, number>;
  /** Office id → when its collected goods are all back (the last delivery return). */
  ready: Map<string, number>;
  /** Office id → latest delivery return the collection allows. */
  returnBy: Map<string, number>;
  /** Office id → delivery load (own + its stops') and pickups, per dimension. */
  officeLoads: Map<string, number[]>;
  officePickups: Map<string, number[]>;
  rounds: number;
  /**
   * Stop id → its office, for the stops whose vans did not run because the trunk planned last did
   * not reach that office (settle: out of rounds, the trunk re-planned for the final loads). They
   * are in `delivery.unassigned` ("time-window-unreachable"), worded as the trunk not reaching it.
   */
  unreached?: Map<string, string>;
}

/** Options of `solveTwoTier`. */
export interface TwoTierSolveOptions {
  seed: number;
  /** Seconds for the whole plan; shared by the tiers in proportion to their stops. */
  timeLimit: number;
  maxIterationsWithoutImprovement: number;
  /** Worker threads for each route search (islands; the same files for a seed and a thread count). */
  threads?: number;
  /** At most this many trunk ↔ delivery rounds (default 4). */
  maxRounds?: number;
  /** Today's routes, as warm starts (delivery vehicle types by their per-office ids). */
  warmStart?: { trunk: RouteInput[]; delivery: RouteInput[] };
  onProgress?: ProgressCallback;
}

/**
 * @example
 * const result = solveTwoTier(input, { seed: 1, timeLimit: 10, maxIterationsWithoutImprovement: 2000 });
 * result.trunk.solution.routes; result.delivery.routes; result.release.get('harsdorf');
 */
export function solveTwoTier(input: TwoTierInput, options: TwoTierSolveOptions): TwoTierResult {
  const progress = options.onProgress ?? (() => {});
  const maxRounds = options.maxRounds ?? 4;
  const nStops = Math.max(1, input.stops.length);
  const budget = (share: number): number => Math.max(0.05, options.timeLimit * share);
  const solveTier = (problem: ProblemInput, source: string, share: number, warmStart: RouteInput[] | undefined, step: string): SolutionResult => {
    const data = createProblem(problem, { source });
    if (data.nStops === 0) return emptySolution();
    // The previous round may have split an office's freight into another number of shares.
    const ids = new Set(problem.stops.map((stop) => stop.id));
    warmStart = warmStart?.map((route) => ({ ...route, stops: route.stops.filter((id) => ids.has(id)) })).filter((route) => route.stops.length > 0);
    return solve(data, {
      seed: options.seed, timeLimit: budget(share), maxIterationsWithoutImprovement: options.maxIterationsWithoutImprovement,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(warmStart && warmStart.length > 0 ? { warmStart } : {}),
      onProgress: (event) => progress({ ...event, step }),
    });
  };

  let assignment = input.delivery.assignment === 'free' ? assignNearest(input) : administrative(input);
  let trunkWarm = options.warmStart?.trunk;
  let deliveryWarm = options.warmStart?.delivery;
  let converged = false;
  let result: TwoTierResult | null = null;
  // Distance saved by each tolerance move, kept across rounds.
  const savedById = new Map<string, number | null>();
  for (let round = 1; round <= maxRounds; round++) {
    // Later rounds start from the previous round's routes and need less time.
    const share = round === 1 ? 1 : 0.25;
    const officeLoads = loadsOf(input, assignment, 'delivery');
    progress({ step: 'trunk', message: `round ${round}: trunk routes to ${input.offices.length} offices` });
    const trunk = planTrunk(input, officeLoads, (problem, warm) => solveTier(problem, 'trunk tier', 0.1 * share, warm, 'trunk'), trunkWarm);
    const release = releaseTimes(input, trunk.solution);
    const returnBy = returnLimits(input, trunk.solution);
    progress({ step: 'delivery', message: `round ${round}: delivery routes from the offices` });
    const delivery = solveDelivery(input, assignment, release, returnBy, (problem, source, stops, warm) =>
      solveTier(problem, source, 0.8 * share * (stops / nStops), warm, 'delivery'), deliveryWarm);
    let served = servedBy(delivery);
    let moved: OfficeMove[];
    if (input.delivery.assignment === 'administrative' && input.delivery.tolerance > 0) {
      const better = improveWithinTolerance(input, delivery, served, release, returnBy, (assign) =>
        solveDelivery(input, assign, release, returnBy, (problem, source, stops, warm) =>
          solveTier(problem, source, 0.4 * share * (stops / nStops), warm, 'delivery'), delivery.routes.map(toRouteInput)));
      if (better) {
        Object.assign(delivery, better.delivery);
        served = servedBy(delivery);
        for (const move of better.moved) savedById.set(move.id, move.savedM);
      }
    }
    moved = movesAgainstList(input, served).map((move) => ({ ...move, savedM: savedById.get(move.id) ?? null }));
    const nextAssignment = new Map(assignment);
    for (const [stop, office] of served) nextAssignment.set(stop, office);
    const ready = readyTimes(input, delivery, release);
    const officePickups = loadsOf(input, served, 'pickup');
    let collection: TierRun | null = null;
    if (input.trunk.collection?.mode === 'second-wave') {
      progress({ step: 'collection', message: `round ${round}: afternoon collection` });
      const problem = collectionProblem(input, officePickups, ready);
      collection = { problem, solution: solveTier(problem, 'collection', 0.1 * share, undefined, 'collection') };
    } else if (input.trunk.collection?.mode === 'wait') {
      collection = returnLegs(input, trunk.solution, officePickups, ready);
    }
    result = {
      trunk, delivery, collection, assignment: served, moved, release, ready, returnBy,
      officeLoads: loadsOf(input, served, 'delivery'), officePickups, rounds: round,
    };
    // Settled when the trunk was planned with the loads the delivery tier now hands it.
    converged = JSON.stringify([...loadsOf(input, served, 'delivery')]) === JSON.stringify([...officeLoads]);
    if (converged) break;
    assignment = nextAssignment;
    trunkWarm = trunk.solution.routes.map(toRouteInput);
    deliveryWarm = delivery.routes.map(toRouteInput);
  }
  const final = result as TwoTierResult;
  if (!converged) settle(input, final, (problem, source, warm) => solveTier(problem, source, 0.1, warm, 'trunk'));
  return final;
}

/**
 * Out of rounds before the loads settled: plan the trunk once more for the loads the delivery
 * tier hands over, and re-evaluate (not re-plan) the delivery routes and the collection under the
 * release times that trunk gives, so that every reported figure and violation is exact.
 */
export function settle(input: TwoTierInput, result: TwoTierResult, solveTrunk: (problem: ProblemInput, source: string, warm: RouteInput[] | undefined) => SolutionResult): void {
  result.trunk = settledTrunk(input, result, planTrunk(input, result.officeLoads, (problem, warm) => solveTrunk(problem, 'trunk tier', warm), result.trunk.solution.routes.map(toRouteInput)));
  const release = releaseTimes(input, result.trunk.solution);
  const returnBy = returnLimits(input, result.trunk.solution);
  if (JSON.stringify([...release]) === JSON.stringify([...result.release]) && JSON.stringify([...returnBy]) === JSON.stringify([...result.returnBy])) {
    if (result.collection && input.trunk.collection?.mode === 'wait') result.collection = returnLegs(input, result.trunk.solution, result.officePickups, result.ready);
    return;
  }
  result.release = release;
  result.returnBy = returnBy;
  // A van of an office the re-planned trunk does not reach has no mail: its route is not run, and
  // its stops are unserved (never timed from a release that does not come).
  const unreached = new Map<string, string>();
  for (const route of result.delivery.routes) if (!release.has(route.startDepot)) for (const stop of route.stops) unreached.set(stop, route.startDepot);
  const runs = result.delivery.runs.map((run) => {
    const offices = run.problem.depots.map((depot) => depot.id);
    const problem = deliveryProblem(input, offices, run.problem.stops.map((stop) => stop.id).filter((id) => !unreached.has(id)), release, returnBy);
    const kept = run.solution.routes.filter((route) => release.has(route.startDepot)).map(toRouteInput);
    return { problem, solution: evaluatePlan(createProblem(problem, { source: 'delivery' }), kept) };
  });
  const inRuns = new Set(runs.flatMap((run) => run.problem.stops.map((stop) => stop.id)));
  result.delivery = {
    routes: runs.flatMap((run) => run.solution.routes),
    unassigned: runs.flatMap((run) => run.solution.unassigned.filter((u) => u.reason !== 'not-in-plan'))
      .concat(result.delivery.unassigned.filter((u) => !inRuns.has(u.id) && !unreached.has(u.id)))
      .concat([...unreached.keys()].map((id) => ({ id, reason: 'time-window-unreachable' as const }))),
    runs,
  };
  if (unreached.size > 0) {
    result.unreached = unreached;
    result.assignment = servedBy(result.delivery);
    result.officePickups = loadsOf(input, result.assignment, 'pickup');
  }
  result.ready = readyTimes(input, result.delivery, release);
  if (input.trunk.collection?.mode === 'second-wave' && result.collection) {
    const problem = collectionProblem(input, result.officePickups, result.ready);
    // Offices left without goods (their villages' vans did not run) drop out of the afternoon routes.
    const withGoods = new Set(problem.stops.map((stop) => stop.id));
    const routes = result.collection.solution.routes.map((route) => ({ ...toRouteInput(route), stops: route.stops.filter((id) => withGoods.has(id)) })).filter((route) => route.stops.length > 0);
    result.collection = { problem, solution: evaluatePlan(createProblem(problem, { source: 'collection' }), routes) };
  } else if (input.trunk.collection?.mode === 'wait') {
    result.collection = returnLegs(input, result.trunk.solution, result.officePickups, result.ready);
  }
}

/**
 * The trunk the settled day runs: the one re-planned for the final loads, unless it leaves an
 * office without mail whose vans the last round planned, while the last round's trunk routes,
 * judged by the evaluator under the final loads, still reach every such office within every rule:
 * then those. (A short trunk fleet can swing between offices from round to round; without this the
 * vans planned under one round's trunk would lose their mail to the next.)
 */
function settledTrunk(input: TwoTierInput, result: TwoTierResult, replanned: TierRun): TierRun {
  const vans = new Set(result.delivery.routes.map((route) => route.startDepot));
  const reaches = (run: TierRun): boolean => {
    const release = releaseTimes(input, run.solution);
    return [...vans].every((office) => release.has(office));
  };
  if (reaches(replanned)) return replanned;
  const problem = trunkProblem(input, result.officeLoads, { split: true });
  const ids = new Set(problem.stops.map((stop) => stop.id));
  const last = result.trunk.solution.routes.map(toRouteInput);
  if (!last.every((route) => route.stops.every((id) => ids.has(id)))) return replanned;
  const solution = evaluatePlan(createProblem(problem, { source: 'trunk tier' }), last);
  // The last round's engine said why it left an office out: keep its reason, not "not in the plan".
  const why = new Map(result.trunk.solution.unassigned.map((u) => [u.id, u.reason]));
  solution.unassigned = solution.unassigned.map((u) => (u.reason === 'not-in-plan' && why.has(u.id) ? { ...u, reason: why.get(u.id)! } : u));
  const kept = { problem, solution };
  return solution.violations.length === 0 && reaches(kept) ? kept : replanned;
}

/**
 * The morning trunk. When the truck waits, the search prices a route at its whole day's distance
 * (out and back the same way), and the routes are then evaluated as the morning leg they are.
 */
export function planTrunk(input: TwoTierInput, officeLoads: ReadonlyMap<string, number[]>, solveTrunk: (problem: ProblemInput, warm: RouteInput[] | undefined) => SolutionResult, warm: RouteInput[] | undefined): TierRun {
  const problem = trunkProblem(input, officeLoads, { split: true });
  if (input.trunk.collection?.mode !== 'wait') return { problem, solution: solveTrunk(problem, warm) };
  const solution = solveTrunk(trunkProblem(input, officeLoads, { split: true, pricing: 'day' }), warm);
  if (solution.routes.length === 0) return { problem, solution };
  const evaluated = evaluatePlan(createProblem(problem, { source: 'trunk tier' }), solution.routes.map(toRouteInput));
  // The search's reasons for what it left out, not "not in the plan".
  evaluated.unassigned = solution.unassigned;
  return { problem, solution: evaluated };
}

/** Collection mode "wait": every truck's way back, evaluated as the rule fixes it (tiers/wait.ts). */
export function returnLegs(input: TwoTierInput, trunk: SolutionResult, officePickups: ReadonlyMap<string, number[]>, ready: ReadonlyMap<string, number>): TierRun | null {
  const { problem, routes } = waitCollection(input, trunk, officePickups, ready);
  if (routes.length === 0) return null;
  return { problem, solution: evaluatePlan(createProblem(problem, { source: 'trunk return legs' }), routes) };
}

/**
 * Today's two tiers as they are: the trunk routes, then each delivery route from its office after
 * that office's trunk arrival and sorting, then (with a collection wave) the same trunk routes
 * again in the afternoon, loading at each office once its goods are back.
 */
export function evaluateTwoTier(input: TwoTierInput, routes: { trunk: RouteInput[]; delivery: RouteInput[] }): TwoTierResult {
  const officeOfType = new Map(input.delivery.vehicles.map((vehicle) => [vehicle.id, vehicle.office]));
  const assignment = new Map<string, string>();
  for (const route of routes.delivery) for (const stop of route.stops) assignment.set(stop, officeOfType.get(route.vehicleType) as string);
  const officeLoads = loadsOf(input, assignment, 'delivery');
  const trunkInput = trunkProblem(input, officeLoads);
  const trunk = { problem: trunkInput, solution: evaluatePlan(createProblem(trunkInput, { source: 'baseline trunk' }), routes.trunk) };
  const release = releaseTimes(input, trunk.solution);
  const returnBy = returnLimits(input, trunk.solution);
  const served = [...assignment.keys()];
  const offices = input.offices.map((office) => office.id);
  const problem = deliveryProblem(input, offices, served, release, returnBy);
  const solution = evaluatePlan(createProblem(problem, { source: 'baseline delivery' }), routes.delivery);
  const delivery: DeliveryRun = { routes: solution.routes, unassigned: solution.unassigned, runs: [{ problem, solution }] };
  const ready = readyTimes(input, delivery, release);
  const officePickups = loadsOf(input, assignment, 'pickup');
  let collection: TierRun | null = null;
  if (input.trunk.collection?.mode === 'wait') {
    collection = returnLegs(input, trunk.solution, officePickups, ready);
  } else if (input.trunk.collection) {
    const problemC = collectionProblem(input, officePickups, ready);
    const hasGoods = new Set(problemC.stops.map((stop) => stop.id));
    const again = routes.trunk.map((route) => ({ vehicleType: route.vehicleType, stops: route.stops.filter((stop) => hasGoods.has(stop)) })).filter((route) => route.stops.length > 0);
    collection = { problem: problemC, solution: evaluatePlan(createProblem(problemC, { source: 'baseline collection' }), again) };
  }
  return {
    trunk, delivery, collection, assignment, moved: movesAgainstList(input, assignment), release, ready, returnBy,
    officeLoads, officePickups, rounds: 1,
  };
}

type TierSolver = (problem: ProblemInput, source: string, stops: number, warmStart: RouteInput[] | undefined) => SolutionResult;

/** Administrative: one problem per office (a village cannot leave its office); free: one multi-depot problem. */
export function solveDelivery(
  input: TwoTierInput,
  assignment: ReadonlyMap<string, string>,
  release: ReadonlyMap<string, number>,
  returnBy: ReadonlyMap<string, number>,
  solveTier: TierSolver,
  warmStart: RouteInput[] | undefined,
): DeliveryRun {
  const offices = input.offices.map((office) => office.id);
  const groups: { offices: string[]; stops: string[] }[] = input.delivery.assignment === 'free'
    ? [{ offices: offices.filter((office) => release.has(office)), stops: input.stops.map((stop) => stop.id) }]
    : offices.map((office) => ({ offices: [office], stops: input.stops.filter((stop) => assignment.get(stop.id) === office).map((stop) => stop.id) }));
  const out: DeliveryRun = { routes: [], unassigned: [], runs: [] };
  for (const group of groups) {
    if (group.stops.length === 0) continue;
    const problem = deliveryProblem(input, group.offices, group.stops, release, returnBy);
    if (problem.vehicleTypes.length === 0 || group.offices.every((office) => !release.has(office))) {
      // No vehicle at this office, or no trunk brings its mail: nothing can be delivered from it.
      for (const id of group.stops) out.unassigned.push({ id, reason: problem.vehicleTypes.length === 0 ? 'fleet-exhausted' : 'time-window-unreachable' });
      continue;
    }
    const types = new Set(problem.vehicleTypes.map((t) => t.id));
    const stops = new Set(group.stops);
    const warm = warmStart?.filter((route) => types.has(route.vehicleType)).map((route) => ({ ...route, stops: route.stops.filter((s) => stops.has(s)) })).filter((route) => route.stops.length > 0);
    const solution = solveTier(problem, `delivery ${group.offices.join(', ')}`, group.stops.length, warm);
    out.routes.push(...solution.routes);
    out.unassigned.push(...solution.unassigned);
    out.runs.push({ problem, solution });
  }
  return out;
}

export function toRouteInput(route: RouteResult): RouteInput {
  return { vehicleType: route.vehicleType, stops: [...route.stops] };
}

export function administrative(input: TwoTierInput): Map<string, string> {
  const assignment = new Map<string, string>();
  for (const stop of input.stops) if (stop.office !== undefined) assignment.set(stop.id, stop.office);
  return assignment;
}

/** Stops whose serving office differs from the administrative list. */
function movesAgainstList(input: TwoTierInput, served: ReadonlyMap<string, string>): OfficeMove[] {
  const moves: OfficeMove[] = [];
  for (const stop of input.stops) {
    const now = served.get(stop.id);
    if (stop.office !== undefined && now !== undefined && now !== stop.office) moves.push({ id: stop.id, from: stop.office, to: now, savedM: null });
  }
  return moves;
}

export function servedBy(delivery: DeliveryRun): Map<string, string> {
  const served = new Map<string, string>();
  for (const route of delivery.routes) for (const stop of route.stops) served.set(stop, route.startDepot);
  return served;
}

/** Per office, the own volume plus the volume of the stops assigned to it. */
export function loadsOf(input: TwoTierInput, assignment: ReadonlyMap<string, string>, kind: 'delivery' | 'pickup'): Map<string, number[]> {
  const loads = new Map(input.offices.map((office) => [office.id, [...office[kind]]]));
  for (const stop of input.stops) {
    const office = assignment.get(stop.id);
    const load = office === undefined ? undefined : loads.get(office);
    if (load) sumVectors(load, stop[kind]);
  }
  return loads;
}

/** Office → when its delivery vehicles may leave: every trunk has unloaded there, plus sorting;
 *  absent when a share of its mail never arrives. */
export function releaseTimes(input: TwoTierInput, trunk: SolutionResult): Map<string, number> {
  const release = new Map<string, number>();
  for (const route of trunk.routes) {
    for (const visit of route.visits) {
      const office = officeOfPiece(visit.id);
      release.set(office, Math.max(release.get(office) ?? 0, visit.departure + input.delivery.sorting));
    }
  }
  for (const missing of trunk.unassigned) release.delete(officeOfPiece(missing.id));
  return release;
}

/**
 * Office → the latest delivery return that still lets the collection get home by `returnBy`; when
 * the truck waits, that still lets the waiting truck make its shift (tiers/wait.ts).
 */
export function returnLimits(input: TwoTierInput, trunk: SolutionResult): Map<string, number> {
  if (input.trunk.collection?.mode === 'wait') return waitLimits(input, trunk);
  const limits = new Map<string, number>();
  const collection = input.trunk.collection;
  const size = input.matrix.size;
  const durations = input.matrix.durations;
  for (const office of input.offices) {
    if (!collection?.returnBy) {
      limits.set(office.id, OPEN_END);
      continue;
    }
    const back = durations[office.location * size + input.hub.location] ?? OPEN_END;
    limits.set(office.id, collection.returnBy - (back ?? OPEN_END));
  }
  return limits;
}

/** Office → when the last delivery route is back (its release when no route leaves it). */
export function readyTimes(input: TwoTierInput, delivery: DeliveryRun, release: ReadonlyMap<string, number>): Map<string, number> {
  const ready = new Map<string, number>();
  for (const office of input.offices) ready.set(office.id, release.get(office.id) ?? 0);
  for (const route of delivery.routes) {
    ready.set(route.startDepot, Math.max(ready.get(route.startDepot) ?? 0, route.arrival));
  }
  return ready;
}

export function emptySolution(): SolutionResult {
  return { cost: 0, distance: 0, duration: 0, vehiclesUsed: 0, feasible: true, routes: [], unassigned: [], violations: [] };
}
