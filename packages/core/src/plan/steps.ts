/**
 * The steps every engine of the pipeline ends with, written once (issue 19 §1): the stops an
 * engine left unserved put in words, and the road network as the report draws it. The one-tier,
 * weekly and two-tier planners call these instead of each writing its own.
 */
import type { RoadNetwork } from '../graph/types.js';
import { describeUnassignedReason } from '../report/reasons.js';
import type { PlanReport, UnassignedStop } from '../report/types.js';
import type { UnassignedReason } from '../vrp/solution-types.js';

/**
 * An engine's unserved stops in words, by the place's name, in the planner's units (mail, the
 * hub); `prefix` says which tier could not serve them in a two-tier plan.
 */
export function wordUnassigned(
  entries: readonly { id: string; reason: UnassignedReason }[],
  names: ReadonlyMap<string, { name: string }>,
  prefix = '',
): UnassignedStop[] {
  return entries.map((entry) => ({
    id: entry.id,
    name: names.get(entry.id)?.name ?? entry.id,
    reason: `${prefix}${describeUnassignedReason(entry.reason, { load: 'mail', depot: 'hub' })}`,
  }));
}

/**
 * The road network as the report draws it under the routes: each edge's class and line. The
 * lines are the network's own coordinate arrays, not copies: every writer reads them (lon, lat
 * first; a third value from the source is never read) and none changes them, and copying the
 * county grid's 1.5 million positions cost about 0.5 s and as much again in garbage collection.
 */
export function reportRoads(network: RoadNetwork): PlanReport['roads'] {
  // One array per network, so that the roads encoded ahead (report/html/roads-ahead.ts) are found by it.
  let roads = roadsOf.get(network);
  if (roads === undefined) roadsOf.set(network, (roads = network.edges.map((edge) => ({ highway: edge.roadClass, coordinates: edge.coordinates as [number, number][] }))));
  return roads;
}

const roadsOf = new WeakMap<RoadNetwork, PlanReport['roads']>();
