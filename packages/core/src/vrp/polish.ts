/**
 * A plan of the large neighbourhood search (pdptw/alns.ts) polished by the granular local search
 * of the genetic search (search/local-search.ts: relocate, swap, 2-opt*, SWAP*, vehicle swap,
 * the optional stops' insert, remove and exchange). The large neighbourhood search only takes
 * requests out and puts them back; a route's order and the exchanges between two routes are the
 * local search's (VROOM runs its local search on every plan it builds). The local search does not
 * keep a shipment's pair together: with shipments it moves the plain stops only
 * (`polishShipments`), and a pair its moves split or reverse anyway leaves the plan.
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
  return localSearch(problem, active, routes, rng, deadline);
}

/**
 * Routes per slot after a local search of the plain stops (the shipments' stops out of its moves),
 * less every shipment whose two stops the moves left on two routes or in the wrong order (those
 * moved along with a plain stop, a route's tail or reversed piece): a start for the shipment search
 * (pdptw/alns.ts), which keeps the feasible routes and puts back what they miss. Not compared with
 * the given routes: the caller keeps the better of both after the repair.
 */
export function polishShipments(problem: ProblemData, active: Uint8Array, routes: number[][], rng: Random, deadline = Infinity): number[][] {
  const plain = new Uint8Array(problem.nStops);
  let any = false;
  for (let s = 0; s < problem.nStops; s++) {
    if (!active[s] || problem.partner[s]! >= 0) continue;
    plain[s] = 1;
    any = true;
  }
  if (!any) return routes;
  const polished = localSearch(problem, plain, routes, rng, deadline, true);
  const where = new Int32Array(problem.nStops).fill(-1);
  const at = new Int32Array(problem.nStops);
  polished.forEach((route, r) => route.forEach((s, k) => {
    where[s] = r;
    at[s] = k;
  }));
  const broken = (s: number): boolean => {
    const other = problem.partner[s]!;
    if (other < 0) return false;
    const [p, d] = problem.shipmentRole[s] === 2 ? [other, s] : [s, other];
    return where[p] !== where[d] || where[p]! < 0 || at[p]! > at[d]!;
  };
  return polished.map((route) => route.filter((s) => !broken(s)));
}

/** The local search on the serve-most view; `raw`: its routes as they are, else the given ones unless better and feasible. */
function localSearch(problem: ProblemData, active: Uint8Array, routes: number[][], rng: Random, deadline: number, raw = false): number[][] {
  const view = serveMostView(problem);
  let drop = Infinity;
  for (let s = 0; s < view.nStops; s++) if (view.prize[s]! > 0 && view.prize[s]! < drop) drop = view.prize[s]!;
  const base = initialPenalties(view, DEFAULT_HGS.initialTimeWarpFactor, Number.isFinite(drop) ? drop : 0);
  const penalties = { capacity: STRICT * base.capacity, timeWarp: STRICT * base.timeWarp, distance: STRICT * base.distance };
  // Shipments are not kept whole here (a pair the moves split leaves the plan, polishShipments).
  const ls = new LocalSearch(view, active, nearestNeighbours(view, active, DEFAULT_HGS.granularity), rng, DEFAULT_HGS.swapStar, false);
  ls.deadline = deadline;
  ls.load(routes);
  ls.run(penalties);
  const polished = ls.exportRoutes();
  if (raw) return polished;
  const before = makeIndividual(view, routes, active, penalties);
  const after = makeIndividual(view, polished, active, penalties);
  return after.feasible && (!before.feasible || after.cost < before.cost - 1e-6) ? polished : routes;
}
