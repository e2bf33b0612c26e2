/**
 * A plan of the large neighbourhood search (pdptw/alns.ts) polished by the granular local search
 * of the genetic search (search/local-search.ts: relocate, swap, 2-opt*, SWAP*, vehicle swap,
 * the optional stops' insert, remove and exchange). The large neighbourhood search only takes
 * requests out and puts them back; a route's order and the exchanges between two routes are the
 * local search's (VROOM runs its local search on every plan it builds). Plain stops only: the
 * local search does not keep a shipment's pair together.
 */
import type { Random } from '../util/random.js';
import type { ProblemData } from './model.js';
import { DEFAULT_HGS, initialPenalties } from './search/hgs.js';
import { makeIndividual } from './search/individual.js';
import { LocalSearch } from './search/local-search.js';
import { nearestNeighbours } from './search/neighbours.js';
import { serveMostView } from './serve-most.js';

/** Penalties ten times the search's starting ones: the result must keep every rule. */
const STRICT = 10;

/**
 * Routes per slot after a local search on the serve-most view (the prizes order plans by priority
 * served, then stops served, then cost), or the given routes when that is not better or not
 * feasible. `deadline` (performance.now() milliseconds) ends the local search where it is.
 */
export function polishServeMost(problem: ProblemData, active: Uint8Array, routes: number[][], rng: Random, deadline = Infinity): number[][] {
  if (problem.shipmentCount > 0) return routes;
  const view = serveMostView(problem);
  let drop = Infinity;
  for (let s = 0; s < view.nStops; s++) if (view.prize[s]! > 0 && view.prize[s]! < drop) drop = view.prize[s]!;
  const base = initialPenalties(view, DEFAULT_HGS.initialTimeWarpFactor, Number.isFinite(drop) ? drop : 0);
  const penalties = { capacity: STRICT * base.capacity, timeWarp: STRICT * base.timeWarp, distance: STRICT * base.distance };
  const ls = new LocalSearch(view, active, nearestNeighbours(view, active, DEFAULT_HGS.granularity), rng, DEFAULT_HGS.swapStar);
  ls.deadline = deadline;
  ls.load(routes);
  ls.run(penalties);
  const polished = ls.exportRoutes();
  const before = makeIndividual(view, routes, active, penalties);
  const after = makeIndividual(view, polished, active, penalties);
  return after.feasible && (!before.feasible || after.cost < before.cost - 1e-6) ? polished : routes;
}
