/**
 * 2-opt* between routes (PyVRP's `SwapTails`, HGS-CVRP's move 9): u's route keeps its stops up to u
 * and takes v's tail; v's route keeps its stops up to v (v may be a start depot) and takes u's.
 */
import type { LocalSearch } from '../search/local-search.js';
import { EPSILON, excessOver, loadExcessBound } from '../evaluate.js';
import { OP } from '../search/stats.js';

/** Capacity penalty lower bound for route r made of the prefix up to `head` and the tail from `tail`. */
function tailLoadBound(ls: LocalSearch, r: number, head: number, tail: number): number {
  if (ls.plainCost) {
    const load = ls.fwd.delivery[head]! + (tail < ls.nStops ? ls.bwd.delivery[tail]! : 0);
    return excessOver(load, ls.routeCapacity[r]!) * ls.penalties.capacity;
  }
  const D = ls.nDims;
  const cap = ls.typeOf(r).capacity;
  const client = ls.isClient(tail);
  let excess = 0;
  for (let d = 0; d < D; d++) {
    const del = ls.fwd.delivery[head * D + d]! + (client ? ls.bwd.delivery[tail * D + d]! : 0);
    const pick = ls.fwd.pickup[head * D + d]! + (client ? ls.bwd.pickup[tail * D + d]! : 0);
    excess += loadExcessBound(del, pick, cap[d]!);
  }
  return excess * ls.penalties.capacity;
}

export function evaluateTwoOptStar(ls: LocalSearch, u: number, v: number): number {
  const ru = ls.route[u]!;
  const rv = ls.route[v]!;
  if (ru === rv) return Infinity;
  // Both routes are cut after u and v: a shipment picked up before a cut and delivered after it
  // would be split between the two routes.
  if (!ls.pairSafeCut(u) || !ls.pairSafeCut(v)) return Infinity;
  const nu = ls.next[u]!;
  const nv = ls.next[v]!;
  if (!ls.isClient(nu) && !ls.isClient(nv)) return Infinity;
  {
    // Quick bound from distances alone: each route's tail summaries are stored on every profile's
    // matrices (local-search.ts suffixStore), so vehicles on different matrices are bounded too.
    const n = ls.n;
    const du = ls.routeDistance[ru]!;
    const dv = ls.routeDistance[rv]!;
    const endU = ls.endNode(ru);
    const endV = ls.endNode(rv);
    const lu = ls.loc[u]!;
    const lv = ls.loc[v]!;
    const lastU = ls.loc[ls.prev[endU]!]!;
    const lastV = ls.loc[ls.prev[endV]!]!;
    const newU = ls.fwd.distance[u]! + (ls.isClient(nv)
      ? du[lu * n + ls.loc[nv]!]! + ls.suffixStore(ru, nv).distance[nv]! + du[lastV * n + ls.loc[endU]!]!
      : du[lu * n + ls.loc[endU]!]!);
    const newV = ls.fwd.distance[v]! + (ls.isClient(nu)
      ? dv[lv * n + ls.loc[nu]!]! + ls.suffixStore(rv, nu).distance[nu]! + dv[lastU * n + ls.loc[endV]!]!
      : dv[lv * n + ls.loc[endV]!]!);
    const lenU = ls.pos[u]! + ls.routeLength[rv]! - ls.pos[v]!;
    const lenV = ls.pos[v]! + ls.routeLength[ru]! - ls.pos[u]!;
    let bound = ls.distanceBound(ru, newU, lenU) + ls.distanceBound(rv, newV, lenV) - ls.routeCost[ru]! - ls.routeCost[rv]!;
    if (bound > -EPSILON) return Infinity;
    bound += tailLoadBound(ls, ru, u, nv) + tailLoadBound(ls, rv, v, nu);
    if (bound > -EPSILON) return Infinity;
  }
  const a = ls.segA;
  ls.beginWith(a, u);
  ls.pushTail(a, nv, ru);
  const costU = ls.costOf(a, ru);
  const old = ls.routeCost[ru]! + ls.routeCost[rv]!;
  if (costU - old > -EPSILON) return Infinity;
  const b = ls.segB;
  ls.beginWith(b, v);
  ls.pushTail(b, nu, rv);
  return costU + ls.costOf(b, rv) - old;
}

export function applyTwoOptStar(ls: LocalSearch, u: number, v: number): void {
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
  for (let i = pv; i < lenV; i++) outU[ku++] = ls.seqB[i]!;
  for (let i = 0; i < pv; i++) outV[kv++] = ls.seqB[i]!;
  for (let i = pu; i < lenU; i++) outV[kv++] = ls.seqA[i]!;
  ls.touched();
  ls.setRoute(ru, outU, ku);
  ls.setRoute(rv, outV, kv);
}

export function tryTwoOptStar(ls: LocalSearch, u: number, v: number): boolean {
  const started = ls.clock();
  return ls.keepIfImproving(OP.twoOptStar, started, evaluateTwoOptStar(ls, u, v), u, v, applyTwoOptStar);
}
