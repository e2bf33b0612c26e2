/**
 * The neighbourhoods the local search tries around each stop and between routes, in HGS-CVRP's
 * order: the exchanges, 2-opt and the 2-opt* variants with each near neighbour (screened from
 * the few arcs involved when both routes use the same matrices), the moves to a start depot,
 * SWAP* between neighbouring routes, and vehicle swaps between types. Each returns whether it
 * changed the routes; the loop that calls them is `LocalSearch.run`.
 */
import { tryExchange, withinRouteDelta } from '../operators/exchange.js';
import { tryTwoOpt } from '../operators/two-opt.js';
import { tryTwoOptStar } from '../operators/two-opt-star.js';
import { tryTwoOptStarReversed } from '../operators/two-opt-star-reversed.js';
import { trySwapStar } from '../operators/swap-star.js';
import { trySwapVehicles } from '../operators/swap-vehicles.js';
import { tryRelocateShipment } from '../operators/relocate-shipment.js';
import type { LocalSearch } from './local-search.js';
import { EPSILON, excessOver } from '../evaluate.js';

/**
 * Without a common depot (no one centre for polar angles): nearest stops per stop that make two
 * routes neighbours for SWAP*.
 */
const SWAP_STAR_NEIGHBOURS = 5;

/** The moves between stop u and its neighbour v (a stop); the first that improves is applied. */
export function tryMovesWith(ls: LocalSearch, u: number, v: number): boolean {
  const ru = ls.route[u]!;
  const rv = ls.route[v]!;
  if (ru !== rv && sameCosts(ls, ru, rv)) {
    // 2-opt* with reversal has been tried here only from routes of three stops or more (the
    // unscreened list below has no reversal): kept so, for the same search path.
    return tryInterRouteScreened(ls, u, v, ru, rv, ls.reversible && ls.routeLength[ru]! > 2);
  }
  if (ru === rv && ls.reversible) return tryWithinRouteScreened(ls, u, v);
  return (
    tryExchange(ls, u, 1, v, 0) ||
    tryExchange(ls, u, 2, v, 0) ||
    (u < v && tryExchange(ls, u, 1, v, 1)) ||
    tryExchange(ls, u, 2, v, 1) ||
    (u < v && tryExchange(ls, u, 2, v, 2)) ||
    tryTwoOpt(ls, u, v) ||
    tryTwoOptStar(ls, u, v)
  );
}

/**
 * The exchanges between two routes with the same matrices and distance cost, screened HGS-style:
 * the distance change of each move from a handful of shared arc lengths, minus what the two
 * routes pay beyond fixed and distance costs, is a lower bound on its change in penalised cost;
 * only moves whose bound is negative are evaluated further, and the exchanges go on from that
 * bound (loads, then the summaries) instead of screening their distance a second time.
 */
export function tryInterRouteScreened(ls: LocalSearch, u: number, v: number, ru: number, rv: number, reversal: boolean): boolean {
  const n = ls.n;
  const d = ls.routeDistance[ru]!;
  const c = ls.routeCostPerDistance[ru]!;
  // What the two routes pay beyond fixed and distance costs (penalties, duration), ≥ 0.
  const penalties = ls.routeSlack[ru]! + ls.routeSlack[rv]!;
  const slack = penalties - EPSILON;
  const loc = ls.loc;
  const nStops = ls.nStops;
  const x = ls.next[u]!;
  const y = ls.next[v]!;
  const lu = loc[u]!, lx = loc[x]!, lpu = loc[ls.prev[u]!]!;
  const lv = loc[v]!, ly = loc[y]!, lpv = loc[ls.prev[v]!]!;
  const dPuU = d[lpu * n + lu]!;
  const dUX = d[lu * n + lx]!;
  const dPvV = d[lpv * n + lv]!;
  const dVY = d[lv * n + ly]!;
  // U empties when all its stops move to V (one stop and (1,0), two and (2,0)): its fixed cost goes.
  const lengthU = ls.routeLength[ru]!;
  // (1,0): u after v.
  let bound = c * (d[lpu * n + lx]! - dPuU - dUX + d[lv * n + lu]! + d[lu * n + ly]! - dVY) - penalties;
  if (lengthU === 1) bound -= ls.routeFixedCost[ru]!;
  if (bound < -EPSILON && tryExchange(ls, u, 1, v, 0, bound)) return true;
  const xClient = x < nStops;
  const lnx = xClient ? loc[ls.next[x]!]! : 0;
  const dXNX = xClient ? d[lx * n + lnx]! : 0;
  if (xClient) {
    // (2,0): u, x after v (the arc u→x moves along).
    bound = c * (d[lpu * n + lnx]! - dPuU - dXNX + d[lv * n + lu]! + d[lx * n + ly]! - dVY) - penalties;
    if (lengthU === 2) bound -= ls.routeFixedCost[ru]!;
    if (bound < -EPSILON && tryExchange(ls, u, 2, v, 0, bound)) return true;
  }
  if (u < v) {
    // (1,1): swap u and v.
    bound = c * (d[lpu * n + lv]! + d[lv * n + lx]! - dPuU - dUX + d[lpv * n + lu]! + d[lu * n + ly]! - dPvV - dVY) - penalties;
    if (bound < -EPSILON && tryExchange(ls, u, 1, v, 1, bound)) return true;
  }
  if (xClient) {
    // (2,1): swap u, x and v.
    bound = c * (d[lpu * n + lv]! + d[lv * n + lnx]! - dPuU - dXNX + d[lpv * n + lu]! + d[lx * n + ly]! - dPvV - dVY) - penalties;
    if (bound < -EPSILON && tryExchange(ls, u, 2, v, 1, bound)) return true;
  }
  if (xClient && u < v && y < nStops) {
    // (2,2): swap u, x and v, y.
    const lny = loc[ls.next[y]!]!;
    const dYNY = d[ly * n + lny]!;
    bound = c * (d[lpu * n + lv]! + d[ly * n + lnx]! - dPuU - dXNX + d[lpv * n + lu]! + d[lx * n + lny]! - dPvV - dYNY) - penalties;
    if (bound < -EPSILON && tryExchange(ls, u, 2, v, 2, bound)) return true;
  }
  if (!ls.commonDepot) return tryTwoOptStar(ls, u, v) || (reversal && tryTwoOptStarReversed(ls, u, v));
  // Symmetric matrices and one depot: the two 2-opt* variants change the distance by exactly
  // four arcs (u–y, v–x, or u–v, x–y, for u–x and v–y). Reversal empties V only if u and v
  // both end their routes.
  const star = c * (d[lu * n + ly]! + d[lv * n + lx]! - dUX - dVY);
  if (star < slack && (!ls.plainCost || star + swappedTailsPenalty(ls, u, x, ru, v, y, rv) < slack) && tryTwoOptStar(ls, u, v)) return true;
  if (!reversal) return false;
  const emptied = !xClient && y >= nStops ? ls.routeFixedCost[rv]! : 0;
  const reversed = c * (d[lu * n + lv]! + d[lx * n + ly]! - dUX - dVY) - emptied;
  return reversed < slack && (!ls.plainCost || reversed + joinedHeadsPenalty(ls, u, ru, v, rv) < slack) && tryTwoOptStarReversed(ls, u, v);
}

/**
 * Where a route costs only distance, fixed cost and a capacity penalty (`plainCost`): the capacity
 * penalties of the two routes 2-opt* makes, U's stops to u then v's tail from y, and v's
 * route to v then x onwards (v may be a start depot). Added to a screen's distance change it
 * gives the move's change exactly, so moves the loads rule out are not evaluated (each
 * evaluation reads the routes' prefixes and suffixes again to find that out).
 */
function swappedTailsPenalty(ls: LocalSearch, u: number, x: number, ru: number, v: number, y: number, rv: number): number {
  const fwd = ls.fwd.delivery;
  const bwd = ls.bwd.delivery;
  const nStops = ls.nStops;
  const loadU = fwd[u]! + (y < nStops ? bwd[y]! : 0);
  const loadV = fwd[v]! + (x < nStops ? bwd[x]! : 0);
  return ls.penalties.capacity * (excessOver(loadU, ls.routeCapacity[ru]!) + excessOver(loadV, ls.routeCapacity[rv]!));
}

/**
 * `swappedTailsPenalty` for 2-opt* with reversal: U takes its stops to u and v's route from v
 * back to its start, V the rest of both (deliveries only: a route's load is what it delivers).
 */
function joinedHeadsPenalty(ls: LocalSearch, u: number, ru: number, v: number, rv: number): number {
  const fwd = ls.fwd.delivery;
  const loadU = fwd[u]! + fwd[v]!;
  const loadV = fwd[ls.endNode(ru)]! + fwd[ls.endNode(rv)]! - loadU;
  return ls.penalties.capacity * (excessOver(loadU, ls.routeCapacity[ru]!) + excessOver(loadV, ls.routeCapacity[rv]!));
}

/**
 * The moves within a route where the order of its stops changes only its distance (`reversible`),
 * in `tryMovesWith`'s order: the route's cost then never falls unless its distance does, so each
 * exchange is tried only if the few arcs it changes shorten the route (the same test the exchange
 * makes first, without collecting its runs and pricing it to find that out), and 2-opt* is not
 * tried (it joins two routes).
 */
function tryWithinRouteScreened(ls: LocalSearch, u: number, v: number): boolean {
  const nStops = ls.nStops;
  const x = ls.next[u]!;
  const y = ls.next[v]!;
  const xClient = x < nStops;
  // The two relocations inline: withinRouteDelta's sums, in its order (the same values, so the
  // same decisions), from arcs read once for both. Neither applies with v right before u, nor
  // (u, x) with v = x.
  const pu = ls.prev[u]!;
  if (v !== pu) {
    const n = ls.n;
    const loc = ls.loc;
    const d = ls.routeDistance[ls.route[u]!]!;
    const lp = loc[pu]!, lu = loc[u]!, lx = loc[x]!, lv = loc[v]!, ly = loc[y]!;
    const dPU = d[lp * n + lu]!;
    const dVU = d[lv * n + lu]!;
    const dVY = d[lv * n + ly]!;
    if (d[lp * n + lx]! + dVU + d[lu * n + ly]! - dPU - d[lu * n + lx]! - dVY < 0 && tryExchange(ls, u, 1, v, 0)) return true;
    if (xClient && v !== x) {
      const lnx = loc[ls.next[x]!]!;
      if (d[lp * n + lnx]! + dVU + d[lx * n + ly]! - dPU - d[lx * n + lnx]! - dVY < 0 && tryExchange(ls, u, 2, v, 0)) return true;
    }
  }
  if (u < v && withinRouteDelta(ls, u, u, v, 1, v) < 0 && tryExchange(ls, u, 1, v, 1)) return true;
  if (xClient && withinRouteDelta(ls, u, x, v, 1, v) < 0 && tryExchange(ls, u, 2, v, 1)) return true;
  if (u < v && xClient && y < nStops && withinRouteDelta(ls, u, x, v, 2, y) < 0 && tryExchange(ls, u, 2, v, 2)) return true;
  return tryTwoOpt(ls, u, v);
}

/** Moves that put u (and what follows it) right after a start depot. */
export function tryDepotMoves(ls: LocalSearch, u: number, depot: number): boolean {
  const ru0 = ls.route[u]!;
  const rv0 = ls.route[depot]!;
  if (ru0 !== rv0 && ls.commonDepot && ls.routeLength[rv0]! > 0 && sameCosts(ls, ru0, rv0)) {
    return tryDepotMovesScreened(ls, u, depot, ru0, rv0);
  }
  if (ru0 === rv0 && ls.reversible) {
    // u to the front of its own route: only the reordering's distance can lower its cost, and
    // 2-opt* needs two routes (the exchanges' own first test, without collecting their runs).
    const x = ls.next[u]!;
    if (withinRouteDelta(ls, u, u, depot, 0, depot) < 0 && tryExchange(ls, u, 1, depot, 0)) return true;
    return x < ls.nStops && withinRouteDelta(ls, u, x, depot, 0, depot) < 0 && tryExchange(ls, u, 2, depot, 0);
  }
  if (tryExchange(ls, u, 1, depot, 0) || tryExchange(ls, u, 2, depot, 0) || tryTwoOptStar(ls, u, depot)) return true;
  const ru = ls.route[u]!;
  const rv = ls.route[depot]!;
  return ls.reversible && ru !== rv && sameCosts(ls, ru, rv) && tryTwoOptStarReversed(ls, u, depot);
}

/**
 * `tryDepotMoves` into another non-empty route with the same matrices and distance cost, on
 * symmetric matrices with one depot, screened as `tryInterRouteScreened` screens the moves
 * between two stops: each move's distance change from the few arcs it changes, minus what the
 * two routes pay beyond fixed and distance costs, bounds its change in penalised cost, and only
 * moves whose bound is negative are evaluated (before, every stop whose neighbour starts a
 * route paid four full evaluations). U empties when all its stops move; V when 2-opt* is
 * applied with u ending its route.
 */
function tryDepotMovesScreened(ls: LocalSearch, u: number, depot: number, ru: number, rv: number): boolean {
  const n = ls.n;
  const d = ls.routeDistance[ru]!;
  const c = ls.routeCostPerDistance[ru]!;
  const penalties = ls.routeSlack[ru]! + ls.routeSlack[rv]!;
  const slack = penalties - EPSILON;
  const loc = ls.loc;
  const x = ls.next[u]!;
  const f = ls.next[depot]!;
  const lu = loc[u]!, lx = loc[x]!, lpu = loc[ls.prev[u]!]!;
  const ld = loc[depot]!, lf = loc[f]!;
  const dPuU = d[lpu * n + lu]!;
  const dUX = d[lu * n + lx]!;
  const dDF = d[ld * n + lf]!;
  // U empties when all its stops move to V (as in tryInterRouteScreened).
  const lengthU = ls.routeLength[ru]!;
  // (1,0): u right after the depot.
  let bound = c * (d[lpu * n + lx]! - dPuU - dUX + d[ld * n + lu]! + d[lu * n + lf]! - dDF) - penalties;
  if (lengthU === 1) bound -= ls.routeFixedCost[ru]!;
  if (bound < -EPSILON && tryExchange(ls, u, 1, depot, 0, bound)) return true;
  const xClient = x < ls.nStops;
  if (xClient) {
    // (2,0): u, x right after the depot.
    const lnx = loc[ls.next[x]!]!;
    bound = c * (d[lpu * n + lnx]! - dPuU - d[lx * n + lnx]! + d[ld * n + lu]! + d[lx * n + lf]! - dDF) - penalties;
    if (lengthU === 2) bound -= ls.routeFixedCost[ru]!;
    if (bound < -EPSILON && tryExchange(ls, u, 2, depot, 0, bound)) return true;
  }
  // 2-opt*: u goes on to V's first stop, V's depot to x (V empties when u ends its route).
  const emptied = xClient ? 0 : ls.routeFixedCost[rv]!;
  const star = c * (d[lu * n + lf]! + d[ld * n + lx]! - dUX - dDF) - emptied;
  if (star < slack && (!ls.plainCost || star + swappedTailsPenalty(ls, u, x, ru, depot, f, rv) < slack) && tryTwoOptStar(ls, u, depot)) return true;
  // With reversal: u ends its route, V starts with U's tail backwards then x joins V's first stop.
  if (!ls.reversible || !xClient) return false;
  const reversed = c * (d[lu * n + ld]! + d[lx * n + lf]! - dUX - dDF);
  return reversed < slack && (!ls.plainCost || reversed + joinedHeadsPenalty(ls, u, ru, depot, rv) < slack) && tryTwoOptStarReversed(ls, u, depot);
}

/** Routes that use the same matrices and cost per distance (the screened moves' condition). */
function sameCosts(ls: LocalSearch, ra: number, rb: number): boolean {
  return ls.routeProfile[ra] === ls.routeProfile[rb] && ls.routeCostPerDistance[ra] === ls.routeCostPerDistance[rb];
}

/**
 * SWAP* between routes whose sectors overlap (or, without one depot, that hold neighbouring stops);
 * with `onlyChanged`, only pairs of which a route changed since the pair was last tried.
 */
export function swapStarPass(ls: LocalSearch, onlyChanged: boolean): boolean {
  const R = ls.nRoutes;
  let improved = false;
  const pairs = ls.pairList;
  let count = 0;
  {
    // pairSeen is all zeros between passes: each pass clears the entries it set (below), not the
    // whole routes × routes table (251,001 bytes with one slot per stop on X-n502-k39).
    const seen = ls.pairSeen;
    for (let u = 0; u < ls.nStops; u++) {
      const ru = ls.route[u]!;
      if (ru < 0) continue;
      const list = ls.neighbours[u]!;
      // Routes count as neighbours through each stop's few nearest stops (no common centre).
      const near = Math.min(list.length, SWAP_STAR_NEIGHBOURS);
      for (let k = 0; k < near; k++) {
        const rv = ls.route[ls.nearest[u]![k]!]!;
        if (rv < 0 || rv === ru) continue;
        const a = ru < rv ? ru : rv;
        const b = ru < rv ? rv : ru;
        if (seen[a * R + b]) continue;
        seen[a * R + b] = 1;
        pairs[count++] = a * R + b;
      }
    }
  }
  for (let i = 0; i < count; i++) ls.pairSeen[pairs[i]!] = 0;
  // Deterministic but varied order.
  for (let i = count - 1; i > 0; i--) {
    const j = ls.rng.int(i + 1);
    const tmp = pairs[i]!;
    pairs[i] = pairs[j]!;
    pairs[j] = tmp;
  }
  for (let i = 0; i < count; i++) {
    const key = pairs[i]!;
    const a = Math.floor(key / R);
    const b = key - a * R;
    if (ls.routeLength[a] === 0 || ls.routeLength[b] === 0) continue;
    const last = Math.min(ls.whenSwapStar[a]!, ls.whenSwapStar[b]!);
    if (onlyChanged && Math.max(ls.whenModified[a]!, ls.whenModified[b]!) <= last) continue;
    // A move may have emptied or reshaped either route since the list was made.
    if (!ls.sectors.overlap(a, b)) continue;
    if (trySwapStar(ls, a, b)) improved = true;
  }
  for (let r = 0; r < R; r++) ls.whenSwapStar[r] = ls.nbMoves;
  return improved;
}

/** Routes trade vehicles with routes (or an unused vehicle) of another type. */
export function swapVehiclesPass(ls: LocalSearch): boolean {
  let improved = false;
  for (let ra = 0; ra < ls.nRoutes; ra++) {
    if (ls.routeLength[ra] === 0) continue;
    for (let t = 0; t < ls.types.length; t++) {
      if (t === ls.routeType[ra]) continue;
      let triedEmpty = false;
      for (let rb = ls.typeFirstRoute[t]!; rb < ls.typeFirstRoute[t + 1]!; rb++) {
        if (ls.routeLength[rb] === 0) {
          if (triedEmpty) continue;
          triedEmpty = true;
        }
        if (trySwapVehicles(ls, ra, rb)) {
          improved = true;
          break;
        }
      }
      if (ls.routeLength[ra] === 0) break;
    }
  }
  return improved;
}

/**
 * Shipment relocations: each routed pick-up, in random order, with its delivery (the only move of
 * a shipment's stops, operators/relocate-shipment.ts); with `onlyChanged`, only into routes
 * changed since the pair was last tried (all of them if its own route changed).
 */
export function shipmentPass(ls: LocalSearch, onlyChanged: boolean): boolean {
  const order = ls.pickupOrder;
  const m = order.length;
  for (let i = m - 1; i > 0; i--) {
    const j = ls.rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  let improved = false;
  for (let i = 0; i < m; i++) {
    if ((i & 15) === 0 && ls.outOfTime()) break;
    const p = order[i]!;
    if (ls.route[p]! < 0 || ls.route[ls.problem.partner[p]!]! !== ls.route[p]) continue;
    const since = onlyChanged ? ls.whenTested[p]! : -1;
    ls.whenTested[p] = ls.nbMoves;
    if (tryRelocateShipment(ls, p, since)) improved = true;
  }
  return improved;
}
