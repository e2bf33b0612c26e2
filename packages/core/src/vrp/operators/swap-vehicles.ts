/**
 * Vehicle exchange for mixed fleets: two routes of different vehicle types trade vehicles (an
 * unused vehicle counts as an empty route), so that a route moves to a type with a cheaper or
 * better-fitting vehicle as a whole, which stop-by-stop moves cannot do when fixed costs differ.
 */
import type { LocalSearch } from '../search/local-search.js';
import { OP } from '../search/stats.js';

function costAs(ls: LocalSearch, from: number, as: number): number {
  const s = ls.segA;
  const prof = ls.profileOf(as);
  s.clear();
  ls.pushNode(s, ls.startNode(as), prof);
  for (let x = ls.next[ls.startNode(from)]!; ls.isClient(x); x = ls.next[x]!) ls.pushNode(s, x, prof);
  ls.pushNode(s, ls.endNode(as), prof);
  return ls.costOf(s, as);
}

export function trySwapVehicles(ls: LocalSearch, ra: number, rb: number): boolean {
  if (ls.routeType[ra] === ls.routeType[rb]) return false;
  const started = ls.clock();
  // Each route's change on its own: two equal vehicles then give exactly 0, not `(a + b) - a - b`.
  const delta = (costAs(ls, ra, rb) - ls.routeCost[ra]!) + (costAs(ls, rb, ra) - ls.routeCost[rb]!);
  if (!ls.improves(delta, ra, rb)) {
    ls.afterMove(OP.swapVehicles, started, false, 0, delta);
    return false;
  }
  const before = ls.costBefore();
  ls.guard(ra, rb);
  const lenA = ls.readRoute(ra, ls.seqA);
  const lenB = ls.readRoute(rb, ls.seqC);
  ls.touched();
  ls.setRoute(ra, ls.seqC, lenB);
  ls.setRoute(rb, ls.seqA, lenA);
  const kept = ls.confirm();
  ls.afterMove(OP.swapVehicles, started, kept, before, delta);
  return kept;
}
