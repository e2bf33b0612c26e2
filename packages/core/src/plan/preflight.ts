/**
 * Every check of a plan's input that needs no road graph, run before the graph is built (and, by
 * the CLI, before a large roads file is read): a mistake in plan.json, the places or today's
 * routes is said at once, not after minutes of graph building. The checks that need the graph
 * (a place off the network, a hub on a dropped piece of it) come later and say so.
 */
import { InputError } from '../errors.js';
import type { PlanSpec } from './file/plan-file.js';
import type { DoorToDoorSpec } from './file/door-to-door-spec.js';
import { checkCountPerDay } from './file/fields.js';
import { resolveBaseline } from './baseline.js';
import { doorToDoorDepot } from './door-to-door.js';
import { classifyPlaces, rejectOversizedMail, type PlanPlace } from './places.js';
import { checkScenario } from './scenarios.js';
import { checkSupported, planParts } from './supports.js';
import { readServiceDays } from './service-days.js';
import { resolveTwoTierBaseline } from './two-tier-baseline.js';
import { checkTwoTierPlaces } from './two-tier-input.js';
import type { PlanInputs, PlanOptions, PlanSources } from './types.js';

/** The places as the plan reads them, for the planner to go on with. */
export interface CheckedPlan {
  sources: PlanSources;
  places: PlanPlace[];
  hubs: PlanPlace[];
  byId: Map<string, PlanPlace>;
}

/**
 * Runs the graph-free checks; throws the first InputError. Today's routes are checked as if
 * every place were on the road network: a stop off the network is said later, with the graph.
 *
 * @example
 * checkPlanInputs({ spec, places, baseline: { routes } }); // throws: today.csv, line 7, field "stop_id": route "R2" visits "x", …
 */
export function checkPlanInputs(inputs: Omit<PlanInputs, 'roads'>, options: Pick<PlanOptions, 'scenario' | 'allowUnassigned'> = {}): CheckedPlan {
  const { spec } = inputs;
  const sources: PlanSources = {
    roads: inputs.sources?.roads ?? spec.roads.path,
    places: inputs.sources?.places ?? spec.places.path,
    baseline: inputs.sources?.baseline ?? spec.baseline?.path ?? 'baseline',
    plan: inputs.sources?.plan ?? 'plan.json',
  };
  const scenarios = spec.scenarios ?? [];
  if (options.scenario !== undefined && !scenarios.some((scenario) => scenario.name === options.scenario)) {
    throw new InputError(`no scenario "${options.scenario}" in ${sources.plan}`, { source: sources.plan, field: 'scenarios' },
      scenarios.length > 0 ? `scenarios: ${scenarios.map((scenario) => scenario.name).join(', ')}` : 'add it under "scenarios"');
  }
  for (const [index, scenario] of scenarios.entries()) {
    if (options.scenario === undefined || scenario.name === options.scenario) checkScenario(spec, inputs.places, scenario, index, sources);
  }
  const places = classifyPlaces(inputs.places, sources.places, spec.serviceTime, { mailRequired: !spec.tiers });
  const byId = new Map(places.map((place) => [place.id, place]));
  const hubs = places.filter((place) => place.role === 'hub');
  checkDepots(spec, hubs, byId, sources);
  if (!spec.tiers && !options.allowUnassigned) rejectOversizedMail(places, inputs.places, spec.fleet, sources.places);
  // Visit frequencies (issue 11).
  const service = readServiceDays(spec, inputs.places, sources.places);
  const weekly = service !== null;
  // The one place that refuses a combination of parts (supports.ts).
  checkSupported(planParts(spec, weekly), sources.plan);
  for (const block of spec.doorToDoor ?? []) {
    doorToDoorDepot(spec, block, places, sources.plan);
    checkDoorToDoorDays(block.days, service?.week.days ?? null, sources.plan, block.at ?? 'doorToDoor');
    checkDoorToDoorFleet(spec, block, sources.plan);
  }
  // Fleets per day (`countPerDay`) need a week; with plan.json's "week" the parser checked them.
  checkCountPerDay(spec, service?.week.days ?? null, (field, message, hint) => {
    throw new InputError(message, { source: sources.plan, field }, hint);
  });
  const onNetwork = new Map<string, string>();
  if (spec.tiers) {
    const shape = checkTwoTierPlaces(spec, inputs.places, places, sources);
    const deliveryVehicles = spec.tiers.delivery.fleet.flatMap((vehicle) => {
      const depots = vehicle.depot === 'each-outlet' || vehicle.depot === undefined ? shape.offices.map((office) => office.id) : (vehicle.depot as string[]);
      return depots.map((office) => `${vehicle.id}@${office}`);
    });
    resolveTwoTierBaseline(inputs.baseline, places, spec, { hub: shape.hub, offices: shape.offices.map((office) => office.id), deliveryVehicles }, sources, onNetwork);
  } else {
    resolveBaseline(inputs.baseline, places, spec, sources, onNetwork);
  }
  return { sources, places, hubs, byId };
}

/** Every vehicle type starts from a hub: the one it names, or the only one. */
function checkDepots(spec: PlanSpec, hubs: readonly PlanPlace[], byId: ReadonlyMap<string, PlanPlace>, sources: { plan: string; places: string }): void {
  const hubList = hubs.map((hub) => hub.id).join(', ');
  for (const [index, vehicle] of spec.fleet.entries()) {
    const field = `fleet[${index}].depot`;
    if (vehicle.depot !== undefined) {
      if (byId.get(vehicle.depot)?.role !== 'hub') {
        throw new InputError(`depot "${vehicle.depot}" is not a place with role "hub"`, { source: sources.plan, field }, `hubs in ${sources.places}: ${hubList}`);
      }
    } else if (hubs.length > 1) {
      throw new InputError(`there are ${hubs.length} hubs; say which one the vehicles start from`, { source: sources.plan, field }, `set "depot" to one of: ${hubList}`);
    }
  }
}

/** `doorToDoor.days`: days of the plan's week (a daily plan serves its streets every operating day). */
function checkDoorToDoorDays(days: readonly string[] | undefined, week: readonly string[] | null, source: string, at: string): void {
  if (days === undefined) return;
  if (week === null) {
    throw new InputError('door-to-door days are days of a weekly plan, and this plan is daily', { source, field: `${at}.days` },
      'add "week" to plan.json (e.g. { "days": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] }), or drop "days" to serve the streets every operating day');
  }
  days.forEach((day, k) => {
    if (!week.includes(day)) throw new InputError(`"${day}" is not an operating day of the plan`, { source, field: `${at}.days[${k}]` }, `operating days: ${week.join(', ')}`);
  });
  if (new Set(days).size !== days.length) throw new InputError('a day is named twice', { source, field: `${at}.days` }, 'name each day once');
}

/**
 * `doorToDoor.fleet: "office"` lends vans of a township office's delivery fleet: a two-tier plan's
 * (a one-tier plan has no office fleet; its streets get vehicles of their own), and `vehicleType`
 * names one of its delivery types. Whether the type has vans at the block's office is checked
 * once the office is known (door-to-door-fleet.ts officeVans).
 */
function checkDoorToDoorFleet(spec: PlanSpec, block: DoorToDoorSpec, source: string): void {
  if (block.fleet !== 'office') return;
  const at = block.at ?? 'doorToDoor';
  if (!spec.tiers) {
    throw new InputError('door to door within the office\'s fleet takes vans of a township office\'s delivery tier, and this plan has one tier', { source, field: `${at}.fleet` },
      'drop "fleet" (the streets then have vehicles of their own, "vehicles"), or plan two tiers ("tiers")');
  }
  const type = spec.tiers.delivery.fleet.find((vehicle) => vehicle.id === block.vehicleType);
  if (block.vehicleType !== undefined && type === undefined) {
    throw new InputError(`"${block.vehicleType}" is not a delivery vehicle type`, { source, field: `${at}.vehicleType` }, `delivery types: ${spec.tiers.delivery.fleet.map((vehicle) => vehicle.id).join(', ')}`);
  }
  const office = block.office ?? block.depot;
  if (type !== undefined && office !== undefined && Array.isArray(type.depot) && !type.depot.includes(office)) {
    throw new InputError(`delivery vehicle type "${type.id}" has no vans at office "${office}"`, { source, field: `${at}.vehicleType` }, `its offices: ${type.depot.join(', ')}`);
  }
}
