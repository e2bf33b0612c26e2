/**
 * The planner's job end to end: roads, places, fleet and today's routes → a new network plan and a
 * mileage-savings report. Both plans are evaluated by the same evaluator on the same road graph
 * and matrices, so that "before" and "after" are measured the same way.
 *
 * Steps (each reported through `onProgress`): build the graph, snap the places and build the
 * matrices once (network.ts), then plan: one tier from the hub (one-tier.ts), or two tiers,
 * trunk from the hub to the township offices and delivery from the offices (two-tier.ts); then
 * each scenario of plan.json on the same matrices (scenarios.ts), side by side with the base.
 */
import { availableParallelism } from 'node:os';
import type { FeatureCollection } from 'geojson';
import type { RoadNetwork } from '../graph/types.js';
import { InputError } from '../errors.js';
import type { PlanSpec } from './file/plan-file.js';
import { isPreparedRoads } from '../prepared/prepare.js';
import type { Place } from '../io/places.js';
import type { DoorToDoorReport, OfficeMoveReport, PlanReport, ScenarioRow } from '../report/types.js';
import { summariseDoorToDoor } from '../report/door-to-door.js';
import { assembleReport } from '../report/assemble.js';
import { checkPlanInputs } from './preflight.js';
import { adoptRoadsEncoded, encodeRoadsAhead } from '../report/html/roads-ahead.js';
import { reportRoads } from './steps.js';
import type { SolutionResult } from '../vrp/index.js';
import { withSearchThreads } from '../vrp/search/kernel/index.js';
import { matrixOver, placeOnNetwork, prepareNetwork, roadProfile, type PreparedNetwork } from './network.js';
import { mergeDoorToDoor } from './door-to-door-offices.js';
import { officeVans, withinOfficeVans, type SharedVans } from './door-to-door-fleet.js';
import { startAt } from './door-to-door-timing.js';
import type { DoorToDoorSpec } from './file/door-to-door-spec.js';
import { doorToDoorDepot, doorToDoorEdges, doorToDoorOnDays, doorToDoorStart, nearestOffice, planDoorToDoor, timeDoorToDoorByDay } from './door-to-door.js';
import { planOneTier } from './one-tier.js';
import { applyScenario, describeChanges, scenarioRow } from './scenarios.js';
import type { TwoTierResult } from './tiers/solve.js';
import { planTwoTier } from './two-tier.js';
import { planServiceWeek, readServiceDays, type ServiceDays } from './service-days.js';
import { planTwoTierWeek } from './two-tier-week.js';
import { openStations } from './stations.js';
import { moveLoadsToStations } from './station-loads.js';
import type { OneTierContext } from './one-tier.js';
import type { PlanPlace } from './places.js';
import { classifyPlaces } from './places.js';
import type { PlanInputs, PlanOptions, PlanResult } from './types.js';
import { NOT_MEASURED, notMeasured, withoutDoorToDoorOffices, withoutSecondTier } from './part-savings.js';

/** Whether a case's parts are measured: the base case when plan.json asks, never a scenario. */
type PartsMeasure = 'measure' | 'off' | 'scenario';

export type { PlanInputs, PlanOptions, PlanResult } from './types.js';

/**
 * Plans a postal network and compares it with today's routes.
 *
 * @example
 * const spec = parsePlanFile(planText, 'plan.json');
 * const result = await planNetwork({ spec, roads, places, baseline: { routes } }, { onProgress: console.error });
 * result.report.summary.optimisationRatePercent;
 */
export async function planNetwork(inputs: PlanInputs, options: PlanOptions = {}): Promise<PlanResult> {
  // A plan runs dozens of searches: on several threads they share the workers, which end when it does.
  return (options.threads ?? 1) > 1 ? withSearchThreads(() => planCases(inputs, options)) : planCases(inputs, options);
}

async function planCases(inputs: PlanInputs, options: PlanOptions): Promise<PlanResult> {
  const started = performance.now();
  const { spec } = inputs;
  const progress = options.onProgress ?? (() => {});
  // Every check that needs no road graph, before it is built.
  const { sources, places, hubs, byId } = checkPlanInputs(inputs, options);
  const seed = options.seed ?? spec.seed;
  const timeLimit = options.timeLimit ?? spec.timeLimit;
  const scenarios = spec.scenarios ?? [];

  // Door-to-door streets are picked by the roads' names and ids, which prepared files do not keep.
  if (spec.doorToDoor !== undefined && isPreparedRoads(inputs.roads)) {
    throw new InputError('a door-to-door plan picks its streets by the roads\' names and ids, which a prepared network does not keep', { source: sources.roads },
      'name the raw roads file (GeoJSON or OSM) in plan.json for a door-to-door plan');
  }
  // The road graph and matrices are built once, for the base case and every scenario.
  const used = new Set(spec.tiers ? [...spec.tiers.trunk.fleet, ...spec.tiers.delivery.fleet].map((v) => v.profile).filter((p): p is string => p !== undefined) : []);
  // The map's roads are the graph's. A prepared file keeps them encoded, which serves when the
  // places leave the map at the roads' own scale; else, with cores to spare, they are encoded on a
  // worker while snapping, the hierarchy's serial finish and today's routes leave one free
  // (report/html/roads-ahead.ts; on two cores that cost more than it saved: PlanOptions).
  const keptMap = isPreparedRoads(inputs.roads) ? inputs.roads.map : undefined;
  const encodeAhead = options.encodeMapAhead === true && availableParallelism() > 2;
  const mapRoads = (network: RoadNetwork): void => {
    const roads = reportRoads(network);
    if (keptMap !== undefined && adoptRoadsEncoded(roads, inputs.places, keptMap)) return;
    if (encodeAhead) encodeRoadsAhead(roads, inputs.places);
  };
  const placed = placeOnNetwork(inputs.roads, inputs.places, hubs, {
    source: sources.roads, snapDistance: spec.snapDistance, onProgress: progress, afterGraph: mapRoads,
  });
  // Nothing after the graph reads the raw roads but door to door and the graphs of other profiles
  // (checked above): dropped here, the hierarchy, matrix and search run without them in the heap.
  if (options.releaseRoads === true && spec.doorToDoor === undefined && used.size === 0) delete (inputs as { roads?: PlanInputs['roads'] }).roads;
  const prepared = await matrixOver(placed, { onProgress: progress });
  const profiles = new Map<string, PreparedNetwork>();
  if (spec.tiers) {
    for (const name of [...used].sort()) {
      profiles.set(name, await prepareNetwork(inputs.roads, inputs.places, hubs, {
        source: sources.roads, snapDistance: spec.snapDistance, onProgress: progress, profile: roadProfile(name, (spec.profiles ?? {})[name]!),
      }));
    }
  }
  // With vehicle profiles, once their graphs are built too.
  if (options.releaseRoads === true && spec.doorToDoor === undefined) delete (inputs as { roads?: PlanInputs['roads'] }).roads;
  const maxIterationsWithoutImprovement = options.maxIterationsWithoutImprovement ?? 2000;
  // The one pipeline every case goes through, the base case and each scenario alike: stations
  // before routes, then the engine that fits the case (one tier daily, one tier across the week,
  // two tiers), then door to door from its office after that office's trunk. Which combinations
  // plan is said once, in supports.ts (checked before the graph by checkPlanInputs).
  const threads = options.threads !== undefined ? { threads: options.threads } : {};
  // What each part saves is measured for the base case only, and when plan.json asks (each is another search).
  const run = async (caseSpec: PlanSpec, rawPlaces: Place[], baseline: PlanInputs['baseline'], moves: OfficeMoveReport[], measure: PartsMeasure) => {
    const casePlaces = classifyPlaces(rawPlaces, sources.places, caseSpec.serviceTime, { mailRequired: !caseSpec.tiers });
    const opened = caseSpec.coverage === undefined ? null
      : await openStations(casePlaces, prepared, caseSpec.coverage.radius, {
        seed, timeLimit, onProgress: progress, ...(caseSpec.coverage.maxPopulation !== undefined ? { maxPopulation: caseSpec.coverage.maxPopulation } : {}),
      });
    const common = { spec: caseSpec, places: casePlaces, prepared, baseline, sources, seed, timeLimit, maxIterationsWithoutImprovement, progress, opened, ...threads };
    // Visit frequencies (issue 11): a weekly plan; otherwise today's daily plan.
    const service = readServiceDays(caseSpec, rawPlaces, sources.places);
    // Door to door within an office's fleet is routed first: the vans it takes are then not on
    // that office's delivery tier (door-to-door-fleet.ts).
    const lent = lendOfficeVans(caseSpec, casePlaces, service?.week.days ?? null);
    let planned: { report: Omit<PlanReport, 'run'>; solution: SolutionResult; baselineSolution: SolutionResult | null };
    if (caseSpec.tiers) planned = planTiers(common, rawPlaces, moves, service, measure, [...lent.values()].map((entry) => entry.shared));
    else if (service !== null) planned = await planServiceWeek(common, service);
    else planned = await planOneTier(common);
    return withoutDoorToDoorOffice(caseSpec, casePlaces, withDoorToDoor(caseSpec, casePlaces, planned, lent), measure);
  };
  const planTiers = (common: OneTierContext, rawPlaces: Place[], moves: OfficeMoveReport[], service: ServiceDays | null, measure: PartsMeasure, sharedVans: SharedVans[]) => {
    const { spec: caseSpec, opened } = common;
    // A village served at a station is no stop of the delivery tier: its volumes go to the station.
    const stationed = opened === null ? { rawPlaces, places: common.places }
      : moveLoadsToStations(rawPlaces, common.places, opened.servedVia, caseSpec.loads ?? []);
    // Today's network is read against the places as they are: its routes still visit those villages.
    const context = { ...common, places: stationed.places, rawPlaces: stationed.rawPlaces, profiles, scenarioMoves: moves, sharedVans,
      ...(opened === null ? {} : { todayPlaces: { rawPlaces, places: common.places, servedVia: opened.servedVia, opened: opened.stations.opened } }) };
    // Weekly service: each office's villages' days and routes chosen together, the trunk timed to every day.
    const planned = service === null ? planTwoTier(context)
      : planTwoTierWeek(context, service, opened === null ? null : { servedVia: opened.servedVia, opened: opened.stations.opened, places: common.places });
    const report = planned.report;
    // The same stops in one tier from the hub, with the two-tier search's budget (part-savings.ts).
    report.withoutParts = [measure !== 'measure' ? notMeasured('second-tier', measure === 'scenario' ? NOT_MEASURED.scenario : NOT_MEASURED.off['second-tier'])
      : withoutSecondTier(planned.input, 'patterns' in planned && service !== null ? { days: service.week.days, accumulate: service.week.accumulate, patterns: planned.patterns } : null,
        report.after, report.summary.unassigned, { seed, timeLimit: 'patterns' in planned ? planned.timeLimit : timeLimit, maxIterationsWithoutImprovement, progress, ...threads },
        // A daily two-tier plan starts its search from today's routes (two-tier.ts warmStart).
        service === null && report.before.length > 0)];
    if (opened !== null) {
      // Every place in the report, in the places file's order; the covered villages say their station.
      const shown = new Map(report.places.map((place) => [place.id, place]));
      report.places = common.places.map((place) => {
        const { serviceTime: _service, ...rest } = place;
        const via = opened.servedVia.get(place.id);
        const out = shown.get(place.id) ?? rest;
        return via !== undefined ? { ...out, servedVia: via } : out;
      });
      report.summary = { ...report.summary, stations: opened.stations };
    }
    if ('plan' in planned) return { report, solution: toSolution(planned.plan), baselineSolution: planned.today ? toSolution(planned.today) : null };
    const today = planned.today.filter((day): day is TwoTierResult => day !== null);
    return { report, solution: joinSolutions(planned.days.map(toSolution)), baselineSolution: today.length > 0 ? joinSolutions(today.map(toSolution)) : null };
  };
  const doorToDoorSolved = new Map<string, DoorToDoorReport>();
  // In two tiers the streets belong to an office: the one plan.json names, else the nearest.
  // The preflight checked the names against the base case, so a named office that is none
  // here was closed by this scenario: its streets go to the nearest open office, as its villages do.
  const blockDepot = (caseSpec: PlanSpec, block: DoorToDoorSpec, casePlaces: PlanPlace[]): { id: string; snap: NonNullable<ReturnType<typeof prepared.snapOf.get>> } => {
    const id = block.office ?? block.depot;
    const closed = caseSpec.tiers !== undefined && id !== undefined && !casePlaces.some((place) => place.id === id && (place.role === 'outlet' || place.role === 'hub'));
    const named = caseSpec.tiers === undefined || (id !== undefined && !closed);
    const office = (named ? undefined : nearestOffice(doorToDoorEdges(block, prepared.network, inputs.roads as FeatureCollection, sources.plan),
      prepared.network, casePlaces.filter((place) => place.role === 'outlet' && prepared.snapOf.has(place.id)))) ?? doorToDoorDepot(caseSpec, block, casePlaces, sources.plan);
    return { id: office.id, snap: prepared.snapOf.get(office.id)! };
  };
  // The same streets from the same office at the same hour are the same problem: a scenario that
  // leaves them as they are takes the base case's routes (same seed, same answer) unsolved.
  const solveBlock = (block: DoorToDoorSpec, depot: ReturnType<typeof blockDepot>, start: { departure: number; startsAfter: string }): DoorToDoorReport => {
    const key = JSON.stringify([depot.id, start, block]);
    const solved = structuredClone(doorToDoorSolved.get(key) ?? planDoorToDoor({
      spec: block, network: prepared.network, roads: inputs.roads as FeatureCollection, // raw: refused above when prepared
      depot, start, seed, timeLimit, maxIterationsWithoutImprovement, source: sources.plan, onProgress: progress, ...threads,
    }));
    if (!doorToDoorSolved.has(key)) doorToDoorSolved.set(key, structuredClone(solved));
    return solved;
  };
  // Blocks served by their office's own vans (`fleet: "office"`), routed before the tiers: at most
  // the vans the office has on the block's leanest day, within their shift; the vans used are
  // taken from that office's delivery tier on the block's days. Timed after the trunk below.
  const lendOfficeVans = (caseSpec: PlanSpec, casePlaces: PlanPlace[], week: readonly string[] | null): Map<number, { report: DoorToDoorReport; shared: SharedVans }> => {
    const lent = new Map<number, { report: DoorToDoorReport; shared: SharedVans }>();
    (caseSpec.doorToDoor ?? []).forEach((block, k) => {
      if (block.fleet !== 'office' || caseSpec.tiers === undefined) return;
      const depot = blockDepot(caseSpec, block, casePlaces);
      const vans = officeVans(caseSpec, block, depot.id, week, sources.plan);
      // Routed within the van's shift but not squeezed into the vans there are (the engine would
      // break the shift to fit them): rounds beyond them are then not run, and said.
      const limited: DoorToDoorSpec = { ...block };
      if (vans.maxShift !== undefined) limited.maxShift = Math.min(block.maxShift ?? Infinity, vans.maxShift);
      const report = withinOfficeVans(solveBlock(limited, depot, { departure: 0, startsAfter: '' }), depot.id, vans);
      const days = block.days ?? null;
      if (days !== null) report.officeVans = report.officeVans!.map((entry) => ({ ...entry, days: [...days] }));
      lent.set(k, { report, shared: { office: depot.id, type: vans.type, vans: report.routes.length, days } });
    });
    return lent;
  };
  // Door to door from its office, in every case (scenarios too), after that office's trunk; a
  // weekly plan runs it on each operating day (the streets are served daily) or on the block's
  // days. Each block of `doorToDoor` (one per office) is its own arc-routing problem.
  const withDoorToDoor = <R extends { report: Omit<PlanReport, 'run'> }>(caseSpec: PlanSpec, casePlaces: PlanPlace[], planned: R, lent: ReadonlyMap<number, { report: DoorToDoorReport }>): R => {
    if (caseSpec.doorToDoor === undefined) return planned;
    const names = new Map(planned.report.places.map((p) => [p.id, p.name]));
    const blocks = caseSpec.doorToDoor.map((block, k) => {
      const depot = blockDepot(caseSpec, block, casePlaces);
      const start = doorToDoorStart(caseSpec, planned.report.tiers, depot.id, names);
      const early = lent.get(k);
      const solved = early !== undefined ? startAt(structuredClone(early.report), start) : solveBlock(block, depot, start);
      // A weekly two-tier plan: each day's routes leave after that day's trunk at this office.
      return doorToDoorOnDays(timeDoorToDoorByDay(solved, planned.report.tiers, depot.id, names), block.days);
    });
    const doorToDoor = mergeDoorToDoor(blocks, planned.report.summary.week?.days ?? null);
    const report = { ...planned.report, doorToDoor };
    // Streets not served count like stops not served: the plan is not the service asked for.
    const { summary, reasons } = summariseDoorToDoor(doorToDoor);
    report.summary = { ...report.summary, comparable: report.summary.comparable && reasons.length === 0, notComparable: [...report.summary.notComparable, ...reasons], doorToDoor: summary };
    return { ...planned, report };
  };
  // The same streets door to door from the hub, as door to door ran before it had offices.
  const withoutDoorToDoorOffice = <R extends { report: Omit<PlanReport, 'run'> }>(caseSpec: PlanSpec, casePlaces: PlanPlace[], planned: R, measure: PartsMeasure): R => {
    const plan = planned.report.doorToDoor;
    if (caseSpec.doorToDoor === undefined || plan === undefined) return planned;
    const hubs = casePlaces.filter((place) => place.role === 'hub');
    const offices = plan.routes.length > 0 ? plan.routes.map((route) => route.depot ?? plan.depot) : plan.depot.split(', ');
    const hub = hubs[0];
    const without = hub === undefined || offices.every((id) => hubs.some((h) => h.id === id)) ? notMeasured('door-to-door', NOT_MEASURED.fromHub)
      : measure === 'scenario' ? notMeasured('door-to-door', NOT_MEASURED.scenario)
        : measure === 'off' ? notMeasured('door-to-door', NOT_MEASURED.off['door-to-door'])
          : withoutDoorToDoorOffices({
            blocks: caseSpec.doorToDoor.map((block) => {
              if (block.fleet !== 'office' || caseSpec.tiers === undefined) return block;
              // The office's vans go door to door within their shift: from the hub, the same shift.
              const vans = officeVans(caseSpec, block, blockDepot(caseSpec, block, casePlaces).id, planned.report.summary.week?.days ?? null, sources.plan);
              return vans.maxShift === undefined ? block : { ...block, maxShift: Math.min(block.maxShift ?? Infinity, vans.maxShift) };
            }),
            plan, hub: { id: hub.id, name: hub.name, snap: prepared.snapOf.get(hub.id)! },
            start: doorToDoorStart(caseSpec, undefined, hub.id, new Map([[hub.id, hub.name]])), week: planned.report.summary.week?.days ?? null,
            network: prepared.network, roads: inputs.roads as FeatureCollection, source: sources.plan,
            search: { seed, timeLimit, maxIterationsWithoutImprovement, progress, ...threads },
          });
    return { ...planned, report: { ...planned.report, withoutParts: [...(planned.report.withoutParts ?? []), without] } };
  };
  const measureBase: PartsMeasure = (options.measureParts ?? spec.measure?.parts) === true ? 'measure' : 'off';
  const base = await run(spec, inputs.places, inputs.baseline, [], measureBase);
  const results: { name: string; report: PlanReport }[] = [];
  if (scenarios.length > 0) {
    const rows: ScenarioRow[] = [scenarioRow('base', 'the plan as plan.json gives it', base.report)];
    for (const [index, scenario] of scenarios.entries()) {
      if (options.scenario !== undefined && scenario.name !== options.scenario) continue;
      progress({ step: 'scenario', message: `scenario ${scenario.name}` });
      const applied = applyScenario(spec, inputs.places, scenario, index, prepared, sources);
      const result = await run(applied.spec, applied.places, applied.keepBaseline ? inputs.baseline : undefined, applied.moves, 'scenario');
      const row = scenarioRow(scenario.name, scenario.description ?? '', result.report);
      row.changes = describeChanges(rows[0] as ScenarioRow, row, result.report);
      rows.push(row);
      results.push({ name: scenario.name, report: { ...result.report, summary: { ...result.report.summary, scenarios: [] }, run: runFacts() } });
    }
    base.report.summary.scenarios = rows;
    for (const entry of results) entry.report.summary.scenarios = rows;
  }
  function runFacts(): PlanReport['run'] {
    return { seed, timeLimitS: timeLimit, seconds: Math.round((performance.now() - started) / 100) / 10, generatedBy: options.generatedBy ?? 'postroute' };
  }
  const report: PlanReport = { ...base.report, run: runFacts() };
  // Places put on the kept network past a nearer disconnected road: said in every report.
  const snapWarnings = prepared.snaps.filter((snap) => snap.warning !== undefined).map((snap) => ({
    id: snap.placeId, name: byId.get(snap.placeId)?.name ?? snap.placeId, distanceM: Math.round(snap.distance),
    nearerDroppedRoadM: Math.round(snap.nearerDroppedRoad ?? 0), message: snap.warning as string,
  }));
  if (snapWarnings.length > 0) {
    report.summary = { ...report.summary, snapWarnings };
    for (const entry of results) entry.report.summary = { ...entry.report.summary, snapWarnings };
  }
  // The one report assembler completes every report the same way (figures by tier × day).
  const scenarioReports = results.map((entry) => ({ name: entry.name, report: assembleReport(entry.report) }));
  return { report: assembleReport(report), solution: base.solution, baselineSolution: base.baselineSolution, network: prepared.network, snaps: prepared.snaps, scenarios: scenarioReports };
}

/** The tiers' routes as one solution (trunk, delivery, collection), for callers who want the raw detail. */
function toSolution(result: TwoTierResult): SolutionResult {
  const parts = [result.trunk.solution, { ...result.delivery, cost: 0, distance: 0, duration: 0, vehiclesUsed: 0, feasible: true, violations: [] as SolutionResult['violations'] }, ...(result.collection ? [result.collection.solution] : [])];
  const routes = parts.flatMap((part) => part.routes);
  const violations = [result.trunk.solution, ...result.delivery.runs.map((r) => r.solution), ...(result.collection ? [result.collection.solution] : [])].flatMap((s) => s.violations);
  return {
    cost: routes.reduce((sum, r) => sum + r.cost, 0),
    distance: routes.reduce((sum, r) => sum + r.distance, 0),
    duration: routes.reduce((sum, r) => sum + r.duration, 0),
    vehiclesUsed: routes.filter((r) => r.stops.length > 0).length,
    feasible: violations.length === 0,
    routes,
    unassigned: [...result.trunk.solution.unassigned, ...result.delivery.unassigned, ...(result.collection?.solution.unassigned ?? [])],
    violations,
  };
}

/** The days of a week as one solution: every day's routes and violations, totals summed over the week. */
function joinSolutions(days: readonly SolutionResult[]): SolutionResult {
  return {
    cost: days.reduce((sum, s) => sum + s.cost, 0),
    distance: days.reduce((sum, s) => sum + s.distance, 0),
    duration: days.reduce((sum, s) => sum + s.duration, 0),
    vehiclesUsed: Math.max(0, ...days.map((s) => s.vehiclesUsed)),
    feasible: days.every((s) => s.feasible),
    routes: days.flatMap((s) => s.routes),
    unassigned: days.flatMap((s) => s.unassigned),
    violations: days.flatMap((s) => s.violations),
  };
}
