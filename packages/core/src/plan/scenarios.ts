/**
 * Scenarios: named changes of the base case, applied to plan.json's settings and the places'
 * properties before planning (the road graph and matrices stay those of the base case). A volume
 * factor scales place properties; an office closed hands its villages to the nearest open office
 * by road; an office opened takes the villages nearer to it than to their own; a fleet change sets
 * vehicle counts, of every day or of the days its `countPerDay` names; a place change sets or drops
 * a deadline.
 */
import { InputError } from '../errors.js';
import type { Place } from '../io/places.js';
import type { PlanSpec } from './file/plan-file.js';
import type { ScenarioSpec } from './file/plan-tiers.js';
import { scenarioTiers } from '../report/county.js';
import type { OfficeMoveReport, PlanReport, ScenarioRow, Tier } from '../report/types.js';
import type { PreparedNetwork } from './network.js';
import type { PlanSources } from './types.js';

export interface AppliedScenario {
  spec: PlanSpec;
  places: Place[];
  /** Villages whose office the scenario changed. */
  moves: OfficeMoveReport[];
  /** Whether today's routes still apply (they do not once an office closes or opens). */
  keepBaseline: boolean;
}

const hhmm = (seconds: number): string => `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;

const roleOf = (place: Place): string => String(place.properties.role ?? 'village').trim().toLowerCase();

/**
 * The checks of a scenario that need no road graph (run by `checkPlanInputs` before it is built,
 * and by `applyScenario`): every place, office and vehicle type it names is in the places and the
 * fleet, it opens villages or stations, closes township offices and keeps one open, and a one-tier
 * fleet change gives one count.
 *
 * @example
 * checkScenario(spec, places, spec.scenarios[0], 0, sources);
 * // throws: plan.json, field "scenarios[0].closeOffices": scenario "merge" closes "v3", which is not a township office
 */
export function checkScenario(spec: PlanSpec, places: readonly Place[], scenario: ScenarioSpec, index: number, sources: Pick<PlanSources, 'plan' | 'places'>): void {
  const at = (field: string): { source: string; field: string } => ({ source: sources.plan, field: `scenarios[${index}].${field}` });
  const byId = new Map(places.map((place) => [place.id, place]));
  for (const id of Object.keys(scenario.places)) {
    if (!byId.has(id)) throw new InputError(`scenario "${scenario.name}" changes "${id}", which is not in ${sources.places}`, at(`places.${id}`), 'use a place id of the places file');
  }
  const opened = new Set<string>();
  for (const id of scenario.openOffices) {
    const place = byId.get(id);
    if (!place || (roleOf(place) !== 'village' && roleOf(place) !== 'station')) {
      throw new InputError(`scenario "${scenario.name}" opens "${id}", which is not a village or station`, at('openOffices'), 'open an office at a village or station of the places file');
    }
    opened.add(id);
  }
  const isOffice = (place: Place): boolean => opened.has(place.id) || roleOf(place) === 'outlet';
  const closed = new Set(scenario.closeOffices);
  for (const id of scenario.closeOffices) {
    const place = byId.get(id);
    if (!place || !isOffice(place)) throw new InputError(`scenario "${scenario.name}" closes "${id}", which is not a township office`, at('closeOffices'), 'close a place with role=outlet');
  }
  if (closed.size > 0 && !places.some((place) => isOffice(place) && !closed.has(place.id))) {
    throw new InputError(`scenario "${scenario.name}" closes every township office`, at('closeOffices'), 'keep at least one office open');
  }
  const tierFleet = [...(spec.tiers?.trunk.fleet ?? []), ...(spec.tiers?.delivery.fleet ?? [])];
  for (const [type, change] of Object.entries(scenario.fleet)) {
    if (spec.fleet.some((vehicle) => vehicle.id === type)) {
      if (Object.keys(change.countByDepot).length > 0) throw new InputError(`one-tier vehicles all start at the hub: give "${type}" one count`, at(`fleet.${type}`), `e.g. "${type}": 3, or { "countPerDay": { "Sat": 1 } }`);
    } else if (!tierFleet.some((vehicle) => vehicle.id === type)) {
      throw new InputError(`scenario "${scenario.name}" changes vehicle type "${type}", which is not in the fleet`, at(`fleet.${type}`));
    }
    // Counts per depot are of delivery vehicles at the offices the scenario leaves open.
    for (const depot of Object.keys(change.countByDepot)) {
      const place = byId.get(depot);
      if (spec.tiers?.trunk.fleet.some((vehicle) => vehicle.id === type)) {
        throw new InputError(`trunk vehicles all start at the hub: give "${type}" one count`, at(`fleet.${type}`), `e.g. "${type}": 2`);
      }
      if (place === undefined || !isOffice(place) || closed.has(depot)) {
        throw new InputError(`scenario "${scenario.name}" counts "${type}" vehicles at "${depot}", which is not a township office in this scenario`, at(`fleet.${type}.${depot}`),
          `offices: ${places.filter((office) => isOffice(office) && !closed.has(office.id)).map((office) => office.id).join(', ')}`);
      }
    }
  }
}

export function applyScenario(spec: PlanSpec, rawPlaces: readonly Place[], scenario: ScenarioSpec, index: number, prepared: PreparedNetwork, sources: PlanSources): AppliedScenario {
  checkScenario(spec, rawPlaces, scenario, index, sources);
  const places = rawPlaces.map((place) => ({ ...place, properties: { ...place.properties } }));
  const byId = new Map(places.map((place) => [place.id, place]));
  for (const place of places) {
    for (const [prop, factor] of Object.entries(scenario.volumeFactor)) {
      const value = place.properties[prop];
      if (value === undefined || value === null || value === '') continue;
      const number = typeof value === 'number' ? value : Number(String(value).trim());
      if (Number.isFinite(number)) place.properties[prop] = Math.round(number * factor * 1000) / 1000;
    }
  }
  for (const [id, change] of Object.entries(scenario.places)) {
    const place = byId.get(id) as Place;
    if (change.latest === null) delete place.properties.latest;
    else if (change.latest !== undefined) place.properties.latest = hhmm(change.latest);
    if (change.visitsPerWeek !== undefined) place.properties.visits_per_week = change.visitsPerWeek;
    if (change.days !== undefined) place.properties.days = change.days;
  }
  // Visit frequencies by village size (weekly plans, issue 11); later rules win.
  for (const rule of scenario.visits) {
    for (const place of places) {
      if (String(place.properties.role ?? 'village').trim().toLowerCase() !== 'village') continue;
      const population = Number(place.properties.population ?? 0);
      if (rule.maxPopulation !== undefined && !(population <= rule.maxPopulation)) continue;
      place.properties.visits_per_week = rule.visitsPerWeek;
      place.properties.days = rule.days ?? 'any';
    }
  }
  const distance = (from: string, to: string): number => {
    const i = prepared.row.get(from);
    const j = prepared.row.get(to);
    return i === undefined || j === undefined ? Infinity : (prepared.matrix.distances[i * prepared.matrix.size + j] as number);
  };
  const moves: OfficeMoveReport[] = [];
  const nameOf = (place: Place): string => String(place.properties.name ?? place.id);
  for (const id of scenario.openOffices) {
    const place = byId.get(id) as Place;
    place.properties.role = 'outlet';
    delete place.properties.township;
    for (const village of places) {
      const office = village.properties.township === undefined ? undefined : String(village.properties.township);
      if (office === undefined || village === place) continue;
      if (distance(id, village.id) < distance(office, village.id)) {
        village.properties.township = id;
        moves.push({ id: village.id, name: nameOf(village), from: office, to: id, reason: 'office opened', savedKm: null });
      }
    }
  }
  const closed = new Set(scenario.closeOffices);
  const open = places.filter((place) => roleOf(place) === 'outlet' && !closed.has(place.id));
  for (const id of scenario.closeOffices) {
    const office = byId.get(id) as Place;
    office.properties.role = 'village';
    office.properties.township = id; // reassigned below with its villages
  }
  for (const village of places) {
    const office = village.properties.township === undefined ? undefined : String(village.properties.township);
    if (office === undefined || !closed.has(office)) continue;
    let best = open[0] as Place;
    for (const candidate of open) if (distance(candidate.id, village.id) < distance(best.id, village.id)) best = candidate;
    village.properties.township = best.id;
    moves.push({ id: village.id, name: nameOf(village), from: office, to: best.id, reason: 'office closed', savedKm: null });
  }

  const next: PlanSpec = { ...spec, fleet: spec.fleet.map((vehicle) => ({ ...vehicle })) };
  if (spec.tiers) {
    next.tiers = {
      trunk: { ...spec.tiers.trunk, fleet: spec.tiers.trunk.fleet.map((v) => ({ ...v, countByDepot: { ...v.countByDepot } })) },
      delivery: { ...spec.tiers.delivery, fleet: spec.tiers.delivery.fleet.map((v) => ({ ...v, countByDepot: { ...v.countByDepot } })) },
    };
  }
  for (const [type, change] of Object.entries(scenario.fleet)) {
    // The days a scenario's `countPerDay` names replace the base case's on those days only.
    const perDay = <V extends { countPerDay?: Record<string, number> }>(vehicle: V): void => {
      if (change.countPerDay !== undefined) vehicle.countPerDay = { ...vehicle.countPerDay, ...change.countPerDay };
    };
    const oneTier = next.fleet.find((vehicle) => vehicle.id === type);
    if (oneTier) {
      if (change.count !== undefined) oneTier.count = change.count;
      perDay(oneTier);
      continue;
    }
    const vehicle = [...(next.tiers?.trunk.fleet ?? []), ...(next.tiers?.delivery.fleet ?? [])].find((v) => v.id === type)!;
    if (change.count !== undefined) {
      vehicle.count = change.count;
      vehicle.countByDepot = {};
    }
    Object.assign(vehicle.countByDepot, change.countByDepot);
    perDay(vehicle);
  }
  return { spec: next, places, moves, keepBaseline: scenario.openOffices.length === 0 && scenario.closeOffices.length === 0 };
}

/** One row of the comparison table. */
export function scenarioRow(name: string, description: string, report: Omit<PlanReport, 'run'>): ScenarioRow {
  const row = scenarioTotals(name, description, report);
  // Every tier and every day (two-tier, weekly, door to door): summed by the report assembler.
  const tiers = scenarioTiers(report);
  if (tiers === undefined) return row;
  if (report.summary.week !== undefined) {
    // A weekly plan's routes are a week's: its vehicles are those of each tier's busiest day, and
    // its cost a day the average of the days' (as the summary says), not counts over the week.
    for (const t of tiers) if (t.tier !== 'door-to-door') row.vehicles[t.tier] = t.vehicles;
    // The plan's own cost a day (summary.costAfter: two tiers; the tiers' rounded costs summed would be a cent off).
    if (report.summary.costAfter !== undefined) row.cost = report.summary.costAfter;
  }
  // The row's totals count door to door too (its km on each day it runs, its vehicles, its hours).
  const door = tiers.find((t) => t.tier === 'door-to-door');
  if (door === undefined) return { ...row, tiers };
  const add = (a: number, b: number): number => Math.round((a + b) * 100) / 100;
  return {
    ...row, kmPerDay: add(row.kmPerDay, door.kmPerDay), kmPerYear: Math.round(row.kmPerYear + door.kmPerYear),
    vehicles: { ...row.vehicles, 'door-to-door': door.vehicles }, driverHours: add(row.driverHours, door.driverHours), tiers,
  };
}

function scenarioTotals(name: string, description: string, report: Omit<PlanReport, 'run'>): ScenarioRow {
  const { summary } = report;
  const vehicles = { trunk: 0, delivery: 0, collection: 0 };
  // A waiting truck's way back is the morning truck's, not another vehicle.
  const waits = report.tiers?.collection === 'wait';
  for (const route of report.after) if (route.stops.length > 0 && !(waits && route.tier === 'collection')) vehicles[(route.tier ?? 'delivery') as Tier]++;
  const distanceM = report.after.reduce((sum, route) => sum + route.distance, 0);
  const week = summary.week;
  if (week) {
    // Weekly plans: the routes are a week's; per day is the average operating day.
    const days = week.days.length;
    vehicles.delivery = summary.after.vehicles;
    return {
      name, description, kmPerDay: Math.round((week.kmPerWeekAfter / days) * 100) / 100, kmPerYear: week.kmPerYearAfter, vehicles,
      driverHours: Math.round((summary.after.driverHours / days) * 100) / 100, cost: null, unserved: summary.unassigned.length, changes: [],
    };
  }
  return {
    name,
    description,
    kmPerDay: summary.after.km,
    kmPerYear: Math.round((distanceM * summary.operatingDaysPerYear) / 1000),
    vehicles,
    driverHours: summary.after.driverHours,
    cost: summary.costAfter ?? null,
    unserved: summary.unassigned.length,
    changes: [],
  };
}

/** What changed against the base case, in words: vehicles per tier, distance, unserved stops, moved villages. */
export function describeChanges(base: ScenarioRow, row: ScenarioRow, report: Omit<PlanReport, 'run'>): string[] {
  const changes: string[] = [];
  for (const tier of ['trunk', 'delivery', 'collection', 'door-to-door'] as const) {
    const before = base.vehicles[tier] ?? 0;
    const after = row.vehicles[tier] ?? 0;
    if (after !== before) changes.push(`${tier} vehicles ${after > before ? '+' : ''}${after - before} (${before} → ${after})`);
  }
  const km = Math.round((row.kmPerDay - base.kmPerDay) * 10) / 10;
  if (km !== 0) changes.push(`${km > 0 ? '+' : ''}${km} km a day`);
  if (row.unserved !== base.unserved) changes.push(`unserved stops ${base.unserved} → ${row.unserved}`);
  const moves = report.tiers?.moved.filter((move) => move.reason === 'office closed' || move.reason === 'office opened') ?? [];
  if (moves.length > 0) changes.push(`${moves.length} villages change office (${moves.map((move) => `${move.name} ${move.from} → ${move.to}`).join(', ')})`);
  if (changes.length === 0) changes.push('no change in vehicles, distance or service');
  return changes;
}
