/**
 * Optional stops (prize-collecting): insert an unserved optional stop where it pays its detour
 * minus its prize, drop a served one whose detour costs more than its prize, or swap an unserved
 * stop in for a served one of no more prize that costs more to serve (VROOM's unassigned exchange).
 *
 * When the fleet cannot serve every stop (serve-most.ts), a stop's prize outweighs anything a
 * route can cost, penalties included: priced as usual, inserting it would pay even into a route it
 * overloads or makes late, and the search would live on plans that break the rules (seen on a
 * 400-stop instance: no feasible plan for a minute). There a stop is inserted, or swapped in, only
 * where the route's violations (load, time, distance) do not grow; which stops are left out is then
 * decided by the swaps, among plans that keep the rules.
 */
import { EPSILON, simulateRoute, startTime, totalExcess, withinTolerance } from '../evaluate.js';
import { Segment } from '../segments.js';
import { isServeMostView } from '../serve-most.js';
import type { LocalSearch } from '../search/local-search.js';
import { OP } from '../search/stats.js';

/** Scratch per local search: a summary and a stop sequence that no operator of the search uses. */
interface Scratch {
  seg: Segment;
  seq: Int32Array;
}
const scratchOf = new WeakMap<LocalSearch, Scratch>();
function scratch(ls: LocalSearch): Scratch {
  let s = scratchOf.get(ls);
  if (s === undefined) {
    s = { seg: new Segment(ls.nDims), seq: new Int32Array(ls.nStops) };
    scratchOf.set(ls, s);
  }
  return s;
}

/** Route r's violations (load + time + distance excess) as its stored summary sees them. */
function summaryExcess(ls: LocalSearch, r: number): number {
  const seg = scratch(ls).seg;
  ls.beginWith(seg, ls.endNode(r));
  return totalExcess(seg, ls.typeOf(r));
}

/**
 * Route r's exact violations: with several windows per stop the summary sees their hulls, so the
 * time warp comes from driving the route (evaluate.ts), as the search's own costs do.
 */
function exactExcess(ls: LocalSearch, r: number): number {
  const { seg, seq } = scratch(ls);
  ls.beginWith(seg, ls.endNode(r));
  const type = ls.typeOf(r);
  if (!ls.exact) return totalExcess(seg, type);
  const len = ls.readRoute(r, seq);
  const sim = simulateRoute(ls.problem, type, seq, len, startTime(seg, type), null, true);
  seg.timeWarp = sim.timeWarp;
  seg.duration = sim.duration;
  return totalExcess(seg, type);
}

/** Whether prizes outweigh violations here (serve-most), so a move may not buy one with a prize. */
function strict(ls: LocalSearch): boolean {
  return isServeMostView(ls.problem);
}

/** Penalised cost delta of inserting u after `after`, and in `excess` the route's new violations. */
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
  // A shipment's stops come and go together (the shipment search's insertions), never one alone.
  if (!ls.pairFree(u)) return false;
  const prize = ls.problem.prize[u]!;
  const started = ls.clock();
  const keepRules = strict(ls);
  let best = -EPSILON;
  let bestAfter = -1;
  // Per route, its violations before the move (summaries), computed once per call.
  let excessRoute = -1;
  let excessBefore = 0;
  const consider = (after: number): void => {
    const delta = insertionDelta(ls, u, after) - prize;
    if (!(delta < best)) return;
    if (keepRules) {
      const r = ls.route[after]!;
      if (r !== excessRoute) {
        excessRoute = r;
        excessBefore = summaryExcess(ls, r);
      }
      if (!withinTolerance(totalExcess(ls.segA, ls.typeOf(r)) - excessBefore)) return;
    }
    best = delta;
    bestAfter = after;
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
    return keepRules ? trySwapOptional(ls, u) : false;
  }
  const r = ls.route[bestAfter]!;
  const before = ls.costBefore();
  const exactBefore = keepRules && ls.exact ? exactExcess(ls, r) : 0;
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
  // With several windows per stop the summaries were optimistic: the exact drive decides.
  const brokeRules = keepRules && ls.exact && !withinTolerance(exactExcess(ls, r) - exactBefore);
  if (ls.confirm(brokeRules ? Infinity : -prize)) {
    // The prize given up before is earned now: the routes cost delta + prize more.
    ls.afterMove(OP.insertOptional, started, true, before, best + prize);
    return true;
  }
  ls.unroute(u);
  ls.afterMove(OP.insertOptional, started, false, before, best);
  return keepRules ? trySwapOptional(ls, u) : false;
}

/**
 * The unserved stop u takes the place of a served stop v of no more prize (one of u's neighbours,
 * or a stop of a route that visits one), either where v was or beside one of u's neighbours in
 * that route, when the route then costs less by more than the prizes differ and breaks no more
 * rules than before. This changes which stops are left out without passing through a plan that
 * serves fewer (VROOM's unassigned exchange; Ropke & Pisinger's removal and reinsertion in one).
 */
export function trySwapOptional(ls: LocalSearch, u: number): boolean {
  if (!ls.pairFree(u)) return false;
  const prize = ls.problem.prize;
  const started = ls.clock();
  const s = ls.segA;
  let best = -EPSILON;
  let bestV = -1;
  let bestAfter = -1;
  let excessRoute = -1;
  let excessBefore = 0;
  const list = ls.neighbours[u]!;
  // Candidate positions for u: after each of its routed neighbours, or before them at a route's start.
  const consider = (v: number, after: number): void => {
    const r = ls.route[v]!;
    if (!ls.pairFree(v)) return;
    if (after === v || ls.route[after] !== r && after !== ls.startNode(r)) return;
    const prof = ls.profileOf(r);
    if (after === ls.prev[v]) {
      // u where v was.
      ls.beginWith(s, after);
      ls.pushNode(s, u, prof);
      ls.pushTail(s, ls.next[v]!, r);
    } else if (after === ls.startNode(r) || ls.pos[after]! < ls.pos[v]!) {
      ls.beginWith(s, after);
      ls.pushNode(s, u, prof);
      ls.pushRange(s, ls.next[after]!, ls.prev[v]!, prof);
      ls.pushTail(s, ls.next[v]!, r);
    } else {
      ls.beginWith(s, ls.prev[v]!);
      ls.pushRange(s, ls.next[v]!, after, prof);
      ls.pushNode(s, u, prof);
      ls.pushTail(s, ls.next[after]!, r);
    }
    const delta = ls.costOf(s, r) - ls.routeCost[r]! + prize[v]! - prize[u]!;
    if (!(delta < best)) return;
    if (r !== excessRoute) {
      excessRoute = r;
      excessBefore = summaryExcess(ls, r);
    }
    if (!withinTolerance(totalExcess(s, ls.typeOf(r)) - excessBefore)) return;
    best = delta;
    bestV = v;
    bestAfter = after;
  };
  for (let k = 0; k < list.length; k++) {
    const v = list[k]!;
    const r = ls.route[v]!;
    if (r < 0 || ls.problem.required[v] || prize[v]! > prize[u]!) continue;
    // u in v's place, or beside another of u's neighbours in v's route.
    consider(v, ls.prev[v]!);
    for (let j = 0; j < list.length; j++) {
      const w = list[j]!;
      if (w === v || ls.route[w] !== r) continue;
      consider(v, w);
      if (ls.prev[w] !== v) consider(v, ls.prev[w]!);
    }
  }
  if (bestV < 0 || !ls.improves(best, ls.route[bestV]!, ls.route[bestV]!)) {
    ls.afterMove(OP.insertOptional, started, false, 0, best);
    return false;
  }
  const v = bestV;
  const r = ls.route[v]!;
  const before = ls.costBefore();
  const exactBefore = ls.exact ? exactExcess(ls, r) : 0;
  ls.guard(r, r);
  const len = ls.readRoute(r, ls.seqA);
  const out = ls.seqB;
  let k = 0;
  if (bestAfter === ls.startNode(r)) out[k++] = u;
  for (let i = 0; i < len; i++) {
    const x = ls.seqA[i]!;
    if (x !== v) out[k++] = x;
    if (x === bestAfter) out[k++] = u;
  }
  ls.touched();
  ls.setRoute(r, out, k);
  ls.unroute(v);
  const brokeRules = ls.exact && !withinTolerance(exactExcess(ls, r) - exactBefore);
  const kept = ls.confirm(brokeRules ? Infinity : prize[v]! - prize[u]!);
  if (!kept) ls.unroute(u);
  ls.afterMove(OP.insertOptional, started, kept, before, best - prize[v]! + prize[u]!);
  return kept;
}

/**
 * Removes the served optional stop u if its prize does not pay for its detour. When prizes
 * outweigh violations (serve-most) and u's route breaks a rule that leaving u out would ease, the
 * stop left out is the route's best choice rather than u: of those whose removal eases the route,
 * the one of least prize, then of the largest drop in penalised cost (priority stays served, and
 * the stop that costs the most to keep goes).
 */
export function tryRemoveOptional(ls: LocalSearch, u: number): boolean {
  if (!ls.pairFree(u)) return false;
  const r = ls.route[u]!;
  const started = ls.clock();
  const s = ls.segA;
  ls.beginWith(s, ls.prev[u]!);
  ls.pushTail(s, ls.next[u]!, r);
  let delta = ls.costOf(s, r) - ls.routeCost[r]! + ls.problem.prize[u]!;
  if (strict(ls)) {
    const type = ls.typeOf(r);
    const excess = summaryExcess(ls, r);
    if (!withinTolerance(excess) && totalExcess(s, type) < excess - 1e-9) {
      const prize = ls.problem.prize;
      let bestPrize = Infinity;
      let bestDelta = Infinity;
      for (let w = ls.next[ls.startNode(r)]!; w < ls.nStops; w = ls.next[w]!) {
        if (ls.problem.required[w] || prize[w]! > bestPrize) continue;
        ls.beginWith(s, ls.prev[w]!);
        ls.pushTail(s, ls.next[w]!, r);
        if (!(totalExcess(s, type) < excess - 1e-9)) continue;
        const d = ls.costOf(s, r) - ls.routeCost[r]!;
        if (prize[w]! < bestPrize || d < bestDelta) {
          bestPrize = prize[w]!;
          bestDelta = d;
          u = w;
        }
      }
      delta = bestDelta + bestPrize;
    }
  }
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
