/**
 * 2-opt within a route: reverse the stops between u's successor and v. The distance screen is O(1)
 * also on asymmetric matrices (reversal prefix sums); a move that passes it is re-summarised stop
 * by stop (time windows need the reversed order's times).
 */
import type { LocalSearch } from '../search/local-search.js';
import { EPSILON } from '../evaluate.js';
import { OP } from '../search/stats.js';

/**
 * The stretch first … b holds a whole shipment, which its reversal would deliver before picking up
 * (a pair with one stop outside keeps its order). As long as the re-summarising that follows.
 */
function reversesPair(ls: LocalSearch, first: number, b: number): boolean {
  const role = ls.problem.shipmentRole;
  const partner = ls.problem.partner;
  const from = ls.pos[first]!;
  for (let x = first; ; x = ls.next[x]!) {
    if (role[x] === 2 && ls.pos[partner[x]!]! >= from) return true;
    if (x === b) return false;
  }
}

export function evaluateTwoOpt(ls: LocalSearch, u: number, v: number): number {
  const r = ls.route[u]!;
  if (r !== ls.route[v]!) return Infinity;
  let a = u;
  let b = v;
  if (ls.pos[a]! > ls.pos[b]!) {
    a = v;
    b = u;
  }
  const first = ls.next[a]!;
  if (first === b) return Infinity;
  {
    // Quick bound in O(1): the two end arcs change and the stretch first … b is driven the other
    // way (on symmetric matrices at the same length; else priced from the reversal prefix sums).
    const n = ls.n;
    const d = ls.routeDistance[r]!;
    const la = ls.loc[a]!, lf = ls.loc[first]!, lb = ls.loc[b]!, ln = ls.loc[ls.next[b]!]!;
    let delta = d[la * n + lb]! + d[lf * n + ln]! - d[la * n + lf]! - d[lb * n + ln]!;
    if (!ls.problem.symmetric) {
      const forward = ls.fwd.distance[b]! - ls.fwd.distance[first]!;
      const backward = ls.reversedDistance[b]! - ls.reversedDistance[first]!;
      delta += backward - forward;
    }
    // Where order changes only the distance, the route's cost never falls unless the distance does.
    if (ls.reversible && delta >= 0) return Infinity;
    if (ls.distanceBound(r, ls.fwd.distance[ls.endNode(r)]! + delta, 1) - ls.routeCost[r]! > -EPSILON) return Infinity;
    if (ls.reversible) return ls.reorderedCost(r, ls.fwd.distance[ls.endNode(r)]! + delta) - ls.routeCost[r]!;
  }
  if (ls.paired && reversesPair(ls, first, b)) return Infinity;
  const prof = ls.profileOf(r);
  const s = ls.segA;
  ls.beginWith(s, a);
  ls.pushRangeReversed(s, first, b, prof);
  ls.pushTail(s, ls.next[b]!, r);
  return ls.costOf(s, r) - ls.routeCost[r]!;
}

export function applyTwoOpt(ls: LocalSearch, u: number, v: number): void {
  const r = ls.route[u]!;
  let a = u;
  let b = v;
  if (ls.pos[a]! > ls.pos[b]!) {
    a = v;
    b = u;
  }
  const len = ls.readRoute(r, ls.seqA);
  const i0 = ls.pos[a]!; // index of next(a) in the client array (positions start at 1)
  const i1 = ls.pos[b]! - 1;
  const out = ls.seqB;
  for (let i = 0; i < len; i++) out[i] = i >= i0 && i <= i1 ? ls.seqA[i1 - (i - i0)]! : ls.seqA[i]!;
  ls.touched();
  ls.setRoute(r, out, len);
}

export function tryTwoOpt(ls: LocalSearch, u: number, v: number): boolean {
  const started = ls.clock();
  return ls.keepIfImproving(OP.twoOpt, started, evaluateTwoOpt(ls, u, v), u, v, applyTwoOpt);
}
