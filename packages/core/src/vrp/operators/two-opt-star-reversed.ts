/**
 * 2-opt* with reversal (HGS-CVRP's move 8): the arcs (u, x) and (v, y), x and y the successors of
 * u and v in two routes, are replaced by (u, v) and (x, y). Route U keeps its stops up to u and
 * then drives v's route backwards to its first stop; route V drives U's tail backwards from its
 * last stop to x, then continues with y and the rest of V. Plain 2-opt* (two-opt-star.ts) joins
 * u to y and v to x; this joins the two near ends instead, which the other moves only reach
 * through a worsening step.
 *
 * A reversed stretch has no stored summary, so the move is offered only where driving a stretch
 * backwards changes nothing but its distance: no time windows, shifts or duration costs, and
 * deliveries only (the load on board is then the total delivered). The reversed distances come
 * in O(1) from the local search's reversal prefix sums, so one-way streets are priced right.
 */
import type { LocalSearch } from '../search/local-search.js';
import type { Segment } from '../segments.js';
import { EPSILON } from '../evaluate.js';
import { OP } from '../search/stats.js';

/**
 * Change in penalised cost, or +Infinity when the move does not apply or cannot improve. u is a
 * stop; v is a stop or the start depot of another route with the same matrices and distance cost.
 */
export function evaluateTwoOptStarReversed(ls: LocalSearch, u: number, v: number): number {
  // Only where a route is `reversible`, which shipments never are (a delivery would come first).
  if (ls.paired) return Infinity;
  const ru = ls.route[u]!;
  const rv = ls.route[v]!;
  if (ru === rv) return Infinity;
  const nStops = ls.nStops;
  const x = ls.next[u]!;
  const y = ls.next[v]!;
  const vClient = v < nStops;
  const xClient = x < nStops;
  // Without a stop on either side nothing is reversed: plain 2-opt* covers what remains.
  if (!vClient && !xClient) return Infinity;
  const n = ls.n;
  const d = ls.routeDistance[ru]!;
  const loc = ls.loc;
  const R = ls.reversedDistance;
  const startV = loc[ls.startNode(rv)]!;
  const endU = loc[ls.endNode(ru)]!;
  const endV = loc[ls.endNode(rv)]!;
  // New U: its prefix to u, then v, prev(v), …, V's first stop, then U's end depot.
  let newU = ls.fwd.distance[u]!;
  if (vClient) {
    const firstV = ls.next[ls.startNode(rv)]!;
    newU += d[loc[u]! * n + loc[v]!]! + (R[v]! - R[firstV]!) + d[loc[firstV]! * n + endU]!;
  } else newU += d[loc[u]! * n + endU]!;
  // New V: its start depot, U's last stop, …, x, then y and the rest of V.
  let newV: number;
  const yClient = y < nStops;
  const tailV = yClient ? ls.bwd.distance[y]! + d[loc[ls.prev[ls.endNode(rv)]!]! * n + endV]! : 0;
  if (xClient) {
    const lastU = ls.prev[ls.endNode(ru)]!;
    const reversedTail = R[lastU]! - R[x]!;
    newV = d[startV * n + loc[lastU]!]! + reversedTail
      + (yClient ? d[loc[x]! * n + loc[y]!]! + tailV : d[loc[x]! * n + endV]!);
  } else {
    newV = yClient ? d[startV * n + loc[y]!]! + tailV : 0;
  }
  const lengthU = ls.pos[u]! + ls.pos[v]!;
  const lengthV = ls.routeLength[ru]! + ls.routeLength[rv]! - lengthU;
  const old = ls.routeCost[ru]! + ls.routeCost[rv]!;
  // Distances, fixed costs and the penalties' floor of zero: a bound before any load is read.
  if (ls.distanceBound(ru, newU, lengthU) + ls.distanceBound(rv, newV, lengthV) - old > -EPSILON) return Infinity;
  // Route summaries of the two candidates, priced by the one evaluator. Deliveries only, so each
  // route's load on board is what it delivers: U's prefix to u and V's prefix to v.
  if (ls.plainCost) {
    const loadU = ls.fwd.delivery[u]! + ls.fwd.delivery[v]!;
    const total = ls.fwd.delivery[ls.endNode(ru)]! + ls.fwd.delivery[ls.endNode(rv)]!;
    return ls.plainRouteCost(ru, lengthU, newU, loadU) + ls.plainRouteCost(rv, lengthV, newV, total - loadU) - old;
  }
  const D = ls.nDims;
  const a = ls.segA;
  const b = ls.segB;
  const endUNode = ls.endNode(ru) * D;
  const endVNode = ls.endNode(rv) * D;
  for (let k = 0; k < D; k++) {
    const loadU = ls.fwd.delivery[u * D + k]! + ls.fwd.delivery[v * D + k]!;
    const total = ls.fwd.delivery[endUNode + k]! + ls.fwd.delivery[endVNode + k]!;
    a.delivery[k] = loadU;
    a.load[k] = loadU;
    a.pickup[k] = 0;
    b.delivery[k] = total - loadU;
    b.load[k] = total - loadU;
    b.pickup[k] = 0;
  }
  plainSummary(a, lengthU, newU);
  plainSummary(b, lengthV, newV);
  return ls.costOf(a, ru) + ls.costOf(b, rv) - old;
}

/** The time and place fields of a summary where time does not matter (see the module comment). */
function plainSummary(seg: Segment, clients: number, distance: number): void {
  seg.clients = clients;
  seg.distance = distance;
  seg.duration = 0;
  seg.timeWarp = 0;
  seg.early = 0;
  seg.late = Infinity;
}

export function applyTwoOptStarReversed(ls: LocalSearch, u: number, v: number): void {
  const ru = ls.route[u]!;
  const rv = ls.route[v]!;
  const lenU = ls.readRoute(ru, ls.seqA);
  const lenV = ls.readRoute(rv, ls.seqB);
  const pu = ls.pos[u]!;
  const pv = ls.pos[v]!;
  const outU = ls.seqC;
  const outV = ls.seqD;
  let ku = 0;
  let kv = 0;
  for (let i = 0; i < pu; i++) outU[ku++] = ls.seqA[i]!;
  for (let i = pv - 1; i >= 0; i--) outU[ku++] = ls.seqB[i]!;
  for (let i = lenU - 1; i >= pu; i--) outV[kv++] = ls.seqA[i]!;
  for (let i = pv; i < lenV; i++) outV[kv++] = ls.seqB[i]!;
  ls.touched();
  ls.setRoute(ru, outU, ku);
  ls.setRoute(rv, outV, kv);
}

export function tryTwoOptStarReversed(ls: LocalSearch, u: number, v: number): boolean {
  const started = ls.clock();
  return ls.keepIfImproving(OP.twoOptStarReversed, started, evaluateTwoOptStarReversed(ls, u, v), u, v, applyTwoOptStarReversed);
}

