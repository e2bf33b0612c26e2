/**
 * Shipment relocation (Li & Lim 2003's pair moves; the request insertion of Ropke & Pisinger
 * 2006): a shipment's pick-up and delivery leave their route together and go back, pick-up first,
 * at the best two places of one route, their own or one that serves a stop near either of them
 * (granular, as the other moves). The other moves never move a shipment's stop (route-store.ts
 * `pairFree`, `pairSafeCut`), so this is the local search's only way to move a shipment.
 *
 * Priced by the one evaluator from summaries: the route without the pair is summarised once
 * (prefixes and suffixes in scratch stores; a route that does not hold the pair has its own
 * stored), then every place of the pick-up and, from it on, every place of the delivery costs one
 * concatenation (O(L²) per route, each O(1)).
 */
import { EPSILON } from '../evaluate.js';
import type { LocalSearch } from '../search/local-search.js';
import { OP } from '../search/stats.js';
import { Segment, SegmentStore } from '../segments.js';

/** Nearest stops of the pick-up, and of the delivery, whose routes are tried. */
const NEAR = 8;

/** Scratch memory per local search (the stores are as large as its node count). */
interface Scratch {
  /** Prefixes and suffixes of the pair's route without the pair, by node. */
  readonly fwd: SegmentStore;
  readonly bwd: SegmentStore;
  /** The pair's route without the pair, and a target route's stops. */
  readonly reduced: Int32Array;
  readonly target: Int32Array;
  readonly run: Segment;
  readonly cand: Segment;
  /** Routes tried for the current pair: list and stamps. */
  readonly routes: Int32Array;
  readonly seen: Int32Array;
  stamp: number;
}

const scratches = new WeakMap<LocalSearch, Scratch>();

function scratch(ls: LocalSearch): Scratch {
  let s = scratches.get(ls);
  if (s === undefined) {
    const N = ls.nStops + 2 * ls.nRoutes;
    s = {
      fwd: new SegmentStore(N, ls.nDims),
      bwd: new SegmentStore(N, ls.nDims),
      reduced: new Int32Array(ls.nStops + 2),
      target: new Int32Array(ls.nStops + 2),
      run: new Segment(ls.nDims),
      cand: new Segment(ls.nDims),
      routes: new Int32Array(2 * NEAR + 1),
      seen: new Int32Array(ls.nRoutes),
      stamp: 0,
    };
    scratches.set(ls, s);
  }
  return s;
}

/** Route r's stops but p and d into `into`; returns the count. */
function withoutPair(ls: LocalSearch, r: number, p: number, d: number, into: Int32Array): number {
  let k = 0;
  for (let x = ls.next[ls.startNode(r)]!; x < ls.nStops; x = ls.next[x]!) if (x !== p && x !== d) into[k++] = x;
  return k;
}

/**
 * Summarises route r made of `seq` into the scratch stores, as the route store summarises its
 * routes (shipments are never `timeless`, so the full time summaries).
 */
function summarise(ls: LocalSearch, sc: Scratch, r: number, seq: Int32Array, len: number): void {
  const prof = ls.profileOf(r);
  const dist = prof.distance;
  const dur = prof.duration;
  const n = ls.n;
  const D = ls.nDims;
  const pb = ls.problem;
  const start = ls.startNode(r);
  const end = ls.endNode(r);
  sc.fwd.single(start, ls.loc[start]!, 0, ls.early[start]!, ls.late[start]!, null, null, 0, 0);
  let prev = start;
  for (let k = 0; k < len; k++) {
    const x = seq[k]!;
    sc.fwd.extend(x, prev, dist, dur, n, ls.loc[x]!, ls.service[x]!, ls.early[x]!, ls.late[x]!, pb.delivery, pb.pickup, x * D, 1);
    prev = x;
  }
  sc.fwd.extend(end, prev, dist, dur, n, ls.loc[end]!, 0, ls.early[end]!, ls.late[end]!, null, null, 0, 0);
  if (len === 0) return;
  const last = seq[len - 1]!;
  sc.bwd.single(last, ls.loc[last]!, ls.service[last]!, ls.early[last]!, ls.late[last]!, pb.delivery, pb.pickup, last * D, 1);
  for (let k = len - 2; k >= 0; k--) {
    const x = seq[k]!;
    sc.bwd.prepend(x, seq[k + 1]!, dist, dur, n, ls.loc[x]!, ls.service[x]!, ls.early[x]!, ls.late[x]!, pb.delivery, pb.pickup, x * D);
  }
}

// The best insertion found by `bestInsertion`: the pick-up before seq[bestAt] and the delivery
// before seq[bestDeliveryAt] (len: at the end), and the route's cost with them.
let bestAt = -1;
let bestDeliveryAt = -1;

/**
 * The cheapest route r made of `seq` with p and then d inserted, priced from the prefixes in
 * `fwd` and the suffixes in `bwd` (both of `seq` on r's matrices); sets bestAt, bestDeliveryAt.
 * `bound`: candidates costing this or more are of no use.
 */
function bestInsertion(ls: LocalSearch, sc: Scratch, r: number, seq: Int32Array, len: number, p: number, d: number, fwd: SegmentStore, bwd: SegmentStore, bound: number): number {
  const prof = ls.profileOf(r);
  const run = sc.run;
  const cand = sc.cand;
  const end = ls.endNode(r);
  let best = bound;
  bestAt = -1;
  bestDeliveryAt = -1;
  for (let i = 0; i <= len; i++) {
    fwd.read(i === 0 ? ls.startNode(r) : seq[i - 1]!, run);
    ls.pushNode(run, p, prof);
    for (let j = i; j <= len; j++) {
      cand.copyFrom(run);
      ls.pushNode(cand, d, prof);
      if (j < len) cand.appendStored(prof.distance, prof.duration, ls.n, bwd, seq[j]!);
      ls.pushNode(cand, end, prof);
      const cost = ls.costOf(cand, r);
      if (cost < best) {
        best = cost;
        bestAt = i;
        bestDeliveryAt = j;
      }
      if (j < len) ls.pushNode(run, seq[j]!, prof);
    }
  }
  return best;
}

/** Route r's stops with p before seq[at] and d before seq[dAt] into `out`; returns the length. */
function withPair(seq: Int32Array, len: number, p: number, d: number, at: number, dAt: number, out: Int32Array): number {
  let k = 0;
  for (let i = 0; i <= len; i++) {
    if (i === at) out[k++] = p;
    if (i === dAt) out[k++] = d;
    if (i < len) out[k++] = seq[i]!;
  }
  return k;
}

/**
 * Moves the shipment picked up at p (routed, with its delivery on the same route) to its best
 * places in its own route or a route near it, if that lowers the penalised cost. `since`: the
 * move stamp of the last try, when the pair's route and those tried then were a local optimum:
 * only the routes changed after it (all of them if the pair's own did) are tried again.
 */
export function tryRelocateShipment(ls: LocalSearch, p: number, since = -1): boolean {
  const started = ls.clock();
  const d = ls.problem.partner[p]!;
  const rs = ls.route[p]!;
  const ownChanged = ls.whenModified[rs]! > since;
  const sc = scratch(ls);
  const lenS = withoutPair(ls, rs, p, d, sc.reduced);
  summarise(ls, sc, rs, sc.reduced, lenS);
  const seg = sc.cand;
  sc.fwd.read(ls.endNode(rs), seg);
  const reducedCost = lenS > 0 ? ls.costOf(seg, rs) : 0;
  const removal = reducedCost - ls.routeCost[rs]!;
  // Own route first: a better order of the pair within it.
  let bestDelta = -EPSILON;
  let bestRoute = -1;
  let at = -1;
  let dAt = -1;
  const own = ownChanged ? bestInsertion(ls, sc, rs, sc.reduced, lenS, p, d, sc.fwd, sc.bwd, ls.routeCost[rs]! - EPSILON) : Infinity;
  if (ownChanged && bestAt >= 0) {
    bestDelta = own - ls.routeCost[rs]!;
    bestRoute = rs;
    at = bestAt;
    dAt = bestDeliveryAt;
  }
  // The routes of the pair's nearest stops (other than its own), each once.
  const stamp = ++sc.stamp;
  sc.seen[rs] = stamp;
  let count = 0;
  for (const s of [p, d]) {
    const list = ls.nearest[s]!;
    const near = Math.min(list.length, NEAR);
    for (let k = 0; k < near; k++) {
      const r = ls.route[list[k]!]!;
      if (r < 0 || sc.seen[r] === stamp || (!ownChanged && ls.whenModified[r]! <= since)) continue;
      sc.seen[r] = stamp;
      sc.routes[count++] = r;
    }
  }
  for (let c = 0; c < count; c++) {
    const r = sc.routes[c]!;
    // The route's cost with the pair must beat its cost now plus what taking the pair out gains.
    const bound = ls.routeCost[r]! - removal + bestDelta;
    const len = ls.readRoute(r, sc.target);
    const cost = bestInsertion(ls, sc, r, sc.target, len, p, d, ls.fwd, len > 0 ? ls.suffixStore(r, sc.target[0]!) : ls.bwd, bound);
    if (bestAt < 0) continue;
    bestDelta = cost - ls.routeCost[r]! + removal;
    bestRoute = r;
    at = bestAt;
    dAt = bestDeliveryAt;
  }
  let kept = false;
  let before = 0;
  if (bestRoute >= 0 && ls.improves(bestDelta, rs, bestRoute)) {
    before = ls.costBefore();
    ls.guard(rs, bestRoute);
    ls.touched();
    if (bestRoute === rs) {
      ls.setRoute(rs, ls.seqC, withPair(sc.reduced, lenS, p, d, at, dAt, ls.seqC));
    } else {
      const len = ls.readRoute(bestRoute, sc.target);
      ls.setRoute(rs, sc.reduced, lenS);
      ls.setRoute(bestRoute, ls.seqC, withPair(sc.target, len, p, d, at, dAt, ls.seqC));
    }
    kept = ls.confirm();
  }
  ls.afterMove(OP.relocateShipment, started, kept, before, bestDelta);
  return kept;
}
