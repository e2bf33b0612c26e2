/**
 * A plan of the large neighbourhood search (pdptw/alns.ts) polished by the granular local search
 * of the genetic search (search/local-search.ts: relocate, swap, 2-opt*, SWAP*, vehicle swap,
 * the optional stops' insert, remove and exchange). The large neighbourhood search only takes
 * requests out and puts them back; a route's order and the exchanges between two routes are the
 * local search's (VROOM runs its local search on every plan it builds). With shipments, up to
 * KEEP_PAIRS_MAX_STOPS stops, the local search keeps every pair whole: its moves of single stops
 * move the plain stops only and cut no route inside a pair, and the shipment relocation moves a
 * pick-up and its delivery together (operators/relocate-shipment.ts). Over that it moves the plain
 * stops only and a pair its moves split or reverse leaves the plan (see the constant for why).
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
 * Up to this many stops the polish of shipment plans keeps every pair (the plan loses nothing);
 * over it, the pairs its moves split leave the plan for the next repair. benchmarks/vroom/
 * compare-builds.mjs at VROOM's CPU seconds (load 2-4), keeping against splitting, means of
 * seeds 1-16: n100-all +0.8 %, n100-roomy -0.3 % (both polishes after each of two rounds there;
 * solve.ts now polishes once at 100 stops, not compared so), n150-all -1.6 % (one task fewer on one seed),
 * n200-all +3.9 % (seeds 1-8 +3.0 %, 9-16 +4.8 %); seeds 1-8: n150-roomy -0.3 %, n200-roomy
 * -1.3 %. Where the gain is not shown, the polish of old stays. Not measured, a guess: over 100
 * stops the shipment search runs in rounds of 300 iterations, each polished (eight on n200-all),
 * and the pairs the dropping polish split are put back by the search's repair, a perturbation the
 * polish that keeps pairs does not make (seen on one run: its later rounds gained nothing).
 */
const KEEP_PAIRS_MAX_STOPS = 100;

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
 * Routes per slot after a local search that moves the plain stops one by one and, up to
 * KEEP_PAIRS_MAX_STOPS stops, the shipments pair by pair: a start for the shipment search
 * (pdptw/alns.ts), which keeps the feasible routes and puts back what they miss. Not compared with
 * the given routes: the caller keeps the better of both after the repair. Less every shipment
 * whose two stops the moves left on two routes or in the wrong order (over KEEP_PAIRS_MAX_STOPS
 * stops: those moved along with a plain stop, a route's tail or reversed piece; none below).
 */
export function polishShipments(problem: ProblemData, active: Uint8Array, routes: number[][], rng: Random, deadline = Infinity): number[][] {
  const plain = new Uint8Array(problem.nStops);
  let any = false;
  for (let s = 0; s < problem.nStops; s++) {
    if (!active[s] || problem.partner[s]! >= 0) continue;
    plain[s] = 1;
    any = true;
  }
  const keep = problem.nStops <= KEEP_PAIRS_MAX_STOPS;
  if (!any && !keep) return routes;
  const polished = localSearch(problem, plain, routes, rng, deadline, true, keep ? active : plain, keep);
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

/**
 * The local search on the serve-most view; `raw`: its routes as they are, else the given ones
 * unless better and feasible. `near`: the stops with neighbour lists (the shipments' too when they
 * are moved by pairs); `keepPairs`: the moves keep shipments whole (RouteStore).
 */
function localSearch(problem: ProblemData, active: Uint8Array, routes: number[][], rng: Random, deadline: number, raw = false, near = active, keepPairs = true): number[][] {
  const view = serveMostView(problem);
  let drop = Infinity;
  for (let s = 0; s < view.nStops; s++) if (view.prize[s]! > 0 && view.prize[s]! < drop) drop = view.prize[s]!;
  const base = initialPenalties(view, DEFAULT_HGS.initialTimeWarpFactor, Number.isFinite(drop) ? drop : 0);
  const penalties = { capacity: STRICT * base.capacity, timeWarp: STRICT * base.timeWarp, distance: STRICT * base.distance };
  const neighbours = nearestNeighbours(view, active, DEFAULT_HGS.granularity);
  if (near !== active) {
    // With shipments: a plain stop's neighbours are plain stops (as before the pair moves), a
    // shipment's stops have theirs among all stops (the routes its relocation tries).
    const all = nearestNeighbours(view, near, DEFAULT_HGS.granularity);
    for (let s = 0; s < view.nStops; s++) if (!active[s] && near[s]) neighbours[s] = all[s]!;
  }
  const ls = new LocalSearch(view, active, neighbours, rng, DEFAULT_HGS.swapStar, keepPairs);
  ls.deadline = deadline;
  ls.load(routes);
  ls.run(penalties);
  const polished = ls.exportRoutes();
  if (raw) return polished;
  const before = makeIndividual(view, routes, active, penalties);
  const after = makeIndividual(view, polished, active, penalties);
  return after.feasible && (!before.feasible || after.cost < before.cost - 1e-6) ? polished : routes;
}
