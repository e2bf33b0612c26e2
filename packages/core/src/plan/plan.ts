/**
 * The planner's job end to end: roads, places, fleet and today's routes → a new network plan and a
 * mileage-savings report. Both plans are evaluated by the same evaluator on the same road graph
 * and matrices, so that "before" and "after" are measured the same way.
 *
 * Steps (each reported through `onProgress`): build the graph, snap the places and build the
 * matrices once (network.ts), then plan: one tier from the hub (one-tier.ts).
 */
import { InputError } from '../errors.js';
import type { PlanSpec } from '../io/plan-file.js';
import type { PlanReport } from '../report/types.js';
import { prepareNetwork } from './network.js';
import { planOneTier } from './one-tier.js';
import { classifyPlaces, type PlanPlace } from './places.js';
import type { PlanInputs, PlanOptions, PlanResult, PlanSources } from './types.js';

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
  const started = performance.now();
  const { spec } = inputs;
  const progress = options.onProgress ?? (() => {});
  const sources: PlanSources = {
    roads: inputs.sources?.roads ?? spec.roads.path,
    places: inputs.sources?.places ?? spec.places.path,
    baseline: inputs.sources?.baseline ?? spec.baseline?.path ?? 'baseline',
    plan: inputs.sources?.plan ?? 'plan.json',
  };
  const seed = options.seed ?? spec.seed;
  const timeLimit = options.timeLimit ?? spec.timeLimit;

  const places = classifyPlaces(inputs.places, sources.places, spec.serviceTime);
  const byId = new Map(places.map((place) => [place.id, place]));
  const hubs = places.filter((place) => place.role === 'hub');
  checkDepots(spec, hubs, byId, sources);

  const prepared = prepareNetwork(inputs.roads, inputs.places, hubs, { source: sources.roads, snapDistance: spec.snapDistance, onProgress: progress });
  const result = await planOneTier({
    spec, places, prepared, baseline: inputs.baseline, sources, seed, timeLimit,
    maxIterationsWithoutImprovement: options.maxIterationsWithoutImprovement ?? 2000, progress,
  });
  const report: PlanReport = {
    ...result.report,
    run: { seed, timeLimitS: timeLimit, seconds: Math.round((performance.now() - started) / 100) / 10, generatedBy: options.generatedBy ?? 'postroute' },
  };
  return { report, solution: result.solution, baselineSolution: result.baselineSolution, network: prepared.network, snaps: prepared.snaps, scenarios: [] };
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
