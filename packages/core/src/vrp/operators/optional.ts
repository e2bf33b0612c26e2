/**
 * Optional stops (prize-collecting): insert an unserved optional stop where it pays its detour
 * minus its prize, or drop a served one whose detour costs more than its prize.
 */
import type { LocalSearch } from '../search/local-search.js';
import { EPSILON } from '../search/local-search.js';
import { OP } from '../search/stats.js';

function insertionDelta(ls: LocalSearch, u: number, after: number): number {
  const r = ls.route[after]!;
  const s = ls.segA;
  ls.beginWith(s, after);
  ls.pushNode(s, u, ls.profileOf(r));
  ls.pushTail(s, ls.next[after]!, r);
  return ls.costOf(s, r) - ls.routeCost[r]!;
}

/** Inserts the unserved optional stop u at its best position near its neighbours, if that pays. */
export function tryInsertOptional(ls: LocalSearch, u: number): boolean {
  const prize = ls.problem.prize[u]!;
  const started = ls.clock();
  let best = -EPSILON;
  let bestAfter = -1;
  const consider = (after: number): void => {
    const delta = insertionDelta(ls, u, after) - prize;
    if (delta < best) {
      best = delta;
      bestAfter = after;
    }
  };
  const list = ls.neighbours[u]!;
  for (let k = 0; k < list.length; k++) {
    const v = list[k]!;
    if (ls.route[v]! < 0) continue;
    consider(v);
    if (!ls.isClient(ls.prev[v]!)) consider(ls.prev[v]!);
  }
  for (let t = 0; t < ls.types.length; t++) {
    const r = ls.emptyRoute(t);
    if (r >= 0) consider(ls.startNode(r));
  }
  if (bestAfter < 0 || !ls.improves(best, ls.route[bestAfter]!, ls.route[bestAfter]!)) {
    ls.afterMove(OP.insertOptional, started, false, 0, best);
    return false;
  }
  const r = ls.route[bestAfter]!;
  const before = ls.costBefore();
  ls.guard(r, r);
  const len = ls.readRoute(r, ls.seqA);
  const out = ls.seqB;
  let k = 0;
  if (!ls.isClient(bestAfter)) out[k++] = u;
  for (let i = 0; i < len; i++) {
    const x = ls.seqA[i]!;
    out[k++] = x;
    if (x === bestAfter) out[k++] = u;
  }
  ls.touched();
  ls.setRoute(r, out, k);
  if (ls.confirm(-prize)) {
    // The prize given up before is earned now: the routes cost delta + prize more.
    ls.afterMove(OP.insertOptional, started, true, before, best + prize);
    return true;
  }
  ls.unroute(u);
  ls.afterMove(OP.insertOptional, started, false, before, best);
  return false;
}

/** Removes the served optional stop u if its prize does not pay for its detour. */
export function tryRemoveOptional(ls: LocalSearch, u: number): boolean {
  const r = ls.route[u]!;
  const started = ls.clock();
  const s = ls.segA;
  ls.beginWith(s, ls.prev[u]!);
  ls.pushTail(s, ls.next[u]!, r);
  const delta = ls.costOf(s, r) - ls.routeCost[r]! + ls.problem.prize[u]!;
  if (!ls.improves(delta, r, r)) {
    ls.afterMove(OP.removeOptional, started, false, 0, delta);
    return false;
  }
  const before = ls.costBefore();
  ls.guard(r, r);
  const len = ls.readRoute(r, ls.seqA);
  let k = 0;
  for (let i = 0; i < len; i++) if (ls.seqA[i] !== u) ls.seqB[k++] = ls.seqA[i]!;
  ls.touched();
  ls.setRoute(r, ls.seqB, k);
  ls.unroute(u);
  const kept = ls.confirm(ls.problem.prize[u]!);
  // The routes cost the delta minus the prize that is now given up.
  ls.afterMove(OP.removeOptional, started, kept, before, delta - ls.problem.prize[u]!);
  return kept;
}
