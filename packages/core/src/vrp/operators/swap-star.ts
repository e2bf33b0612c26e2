/**
 * SWAP* (Vidal 2022): exchange u of route A and v of route B, each inserted at its best position in
 * the other route rather than in the other's place. Candidates are ranked by distance and load
 * (with the three best insertion positions of every stop precomputed, as HGS-CVRP does); the best
 * one is then evaluated exactly through the summaries, so time windows and limits are honoured.
 */
import type { LocalSearch } from '../search/local-search.js';
import { EPSILON, excessOver } from '../evaluate.js';
import { OP } from '../search/stats.js';
import type { VehicleTypeData } from '../model.js';

/** Scratch when the LocalSearch keeps no insertion cache (too many stops × routes). */
let topCost = new Float64Array(0);
let topAfter = new Int32Array(0);
let removal = new Float64Array(0);
let loadA = new Float64Array(0);
let loadB = new Float64Array(0);
let newLoad = new Float64Array(0);

function ensure(nStops: number, nDims: number): void {
  if (removal.length < nStops) {
    topCost = new Float64Array(nStops * 3);
    topAfter = new Int32Array(nStops * 3);
    removal = new Float64Array(nStops);
  }
  if (loadA.length < nDims) {
    loadA = new Float64Array(nDims);
    loadB = new Float64Array(nDims);
    newLoad = new Float64Array(nDims);
  }
}

/**
 * Best three places (after which node) to insert each stop of `from` into route `into`, and each
 * stop's removal gain. With the cache, a stop's entry for `into` is kept until `into` changes.
 */
function preprocess(ls: LocalSearch, from: number, into: number, tc: Float64Array, ta: Int32Array, cached: boolean): void {
  const dist = ls.routeDistance[into]!;
  const c = ls.routeCostPerDistance[into]!;
  const n = ls.n;
  const distFrom = ls.routeDistance[from]!;
  const cFrom = ls.routeCostPerDistance[from]!;
  const R = ls.nRoutes;
  const stamp = ls.swapStamp;
  const modified = ls.whenModified[into]!;
  const next = ls.next;
  const prev = ls.prev;
  const loc = ls.loc;
  const nStops = ls.nStops;
  const startInto = ls.startNode(into);
  const now = ls.nbMoves + 1;
  for (let u = next[ls.startNode(from)]!; u < nStops; u = next[u]!) {
    const lu = loc[u]!;
    const lp = loc[prev[u]!]!;
    const ln = loc[next[u]!]!;
    removal[u] = cFrom * (distFrom[lp * n + ln]! - distFrom[lp * n + lu]! - distFrom[lu * n + ln]!);
    if (cached) {
      const cell = u * R + into;
      if (stamp![cell]! > modified) continue;
      stamp![cell] = now;
    }
    const b = cached ? (u * R + into) * 3 : u * 3;
    let c0 = Infinity, c1 = Infinity, c2 = Infinity;
    let a0 = -1, a1 = -1, a2 = -1;
    let x = startInto;
    let lx = loc[x]!;
    for (;;) {
      const nx = next[x]!;
      const lnx = loc[nx]!;
      const cost = c * (dist[lx * n + lu]! + dist[lu * n + lnx]! - dist[lx * n + lnx]!);
      if (cost < c2) {
        if (cost < c1) {
          c2 = c1;
          a2 = a1;
          if (cost < c0) {
            c1 = c0;
            a1 = a0;
            c0 = cost;
            a0 = x;
          } else {
            c1 = cost;
            a1 = x;
          }
        } else {
          c2 = cost;
          a2 = x;
        }
      }
      if (nx >= nStops) break;
      x = nx;
      lx = lnx;
    }
    tc[b] = c0;
    tc[b + 1] = c1;
    tc[b + 2] = c2;
    ta[b] = a0;
    ta[b + 1] = a1;
    ta[b + 2] = a2;
  }
}

function loadPenalty(ls: LocalSearch, load: Float64Array, type: VehicleTypeData): number {
  let p = 0;
  for (let d = 0; d < ls.nDims; d++) p += excessOver(load[d]!, type.capacity[d]!);
  return p * ls.penalties.capacity;
}

/**
 * Cheapest insertion of u into route r with `removed` taken out: the best of the three stored
 * places that does not touch `removed`, or `removed`'s own place. Sets `bestAfterOut`.
 */
let bestAfterOut = -1;
function cheapestWithRemoval(ls: LocalSearch, u: number, removed: number, r: number, b: number, tc: Float64Array, ta: Int32Array): number {
  let best = Infinity;
  bestAfterOut = -1;
  const next = ls.next;
  for (let k = 0; k < 3; k++) {
    const x = ta[b + k]!;
    if (x < 0) break;
    if (x !== removed && next[x] !== removed) {
      best = tc[b + k]!;
      bestAfterOut = x;
      break;
    }
  }
  const dist = ls.routeDistance[r]!;
  const n = ls.n;
  const loc = ls.loc;
  const pr = ls.prev[removed]!;
  const lp = loc[pr]!;
  const ln = loc[next[removed]!]!;
  const lu = loc[u]!;
  const inPlace = ls.routeCostPerDistance[r]! * (dist[lp * n + lu]! + dist[lu * n + ln]! - dist[lp * n + ln]!);
  if (inPlace < best) {
    best = inPlace;
    bestAfterOut = pr;
  }
  return best;
}

/**
 * Route r with `removed` taken out (-1: none) and `inserted` put after `after` (-1: nothing
 * inserted), into `out`; returns the length.
 */
function buildSwapped(ls: LocalSearch, r: number, removed: number, inserted: number, after: number, out: Int32Array): number {
  const len = ls.readRoute(r, ls.seqA);
  let k = 0;
  if (inserted >= 0 && !ls.isClient(after)) out[k++] = inserted;
  for (let i = 0; i < len; i++) {
    const x = ls.seqA[i]!;
    if (x !== removed) out[k++] = x;
    if (inserted >= 0 && x === after) out[k++] = inserted;
  }
  return k;
}

function exactCost(ls: LocalSearch, r: number, seq: Int32Array, len: number): number {
  const s = ls.segA;
  const prof = ls.profileOf(r);
  s.clear();
  ls.pushNode(s, ls.startNode(r), prof);
  for (let i = 0; i < len; i++) ls.pushNode(s, seq[i]!, prof);
  ls.pushNode(s, ls.endNode(r), prof);
  return ls.costOf(s, r);
}

export function trySwapStar(ls: LocalSearch, ra: number, rb: number): boolean {
  const started = ls.clock();
  const kept = swapStar(ls, ra, rb);
  if (ls.stats !== null) ls.stats.record(OP.swapStar, started, kept);
  return kept;
}

function swapStar(ls: LocalSearch, ra: number, rb: number): boolean {
  const p = ls.problem;
  const D = ls.nDims;
  ensure(ls.nStops, D);
  const R = ls.nRoutes;
  const cached = ls.swapStamp !== null;
  const tc = ls.swapTopCost ?? topCost;
  const ta = ls.swapTopAfter ?? topAfter;
  preprocess(ls, ra, rb, tc, ta, cached);
  preprocess(ls, rb, ra, tc, ta, cached);
  const typeA = ls.typeOf(ra);
  const typeB = ls.typeOf(rb);
  const endA = ls.endNode(ra);
  const endB = ls.endNode(rb);
  for (let d = 0; d < D; d++) {
    loadA[d] = ls.fwd.delivery[endA * D + d]! > ls.fwd.pickup[endA * D + d]! ? ls.fwd.delivery[endA * D + d]! : ls.fwd.pickup[endA * D + d]!;
    loadB[d] = ls.fwd.delivery[endB * D + d]! > ls.fwd.pickup[endB * D + d]! ? ls.fwd.delivery[endB * D + d]! : ls.fwd.pickup[endB * D + d]!;
  }
  const penA = loadPenalty(ls, loadA, typeA);
  const penB = loadPenalty(ls, loadB, typeB);
  let best = -EPSILON;
  let bu = -1, bv = -1, afterU = -1, afterV = -1;
  const single = D === 1;
  const capA = typeA.capacity[0]!;
  const capB = typeB.capacity[0]!;
  const pc = ls.penalties.capacity;
  const nStops = ls.nStops;
  for (let u = ls.next[ls.startNode(ra)]!; u < nStops; u = ls.next[u]!) {
    // A shipment's stop moved alone would leave its partner on the other route.
    if (!ls.pairFree(u)) continue;
    const qu1 = single ? Math.max(p.delivery[u]!, p.pickup[u]!) : 0;
    for (let v = ls.next[ls.startNode(rb)]!; v < nStops; v = ls.next[v]!) {
      if (!ls.pairFree(v)) continue;
      let base: number;
      if (single) {
        // One dimension: the same bound without the per-dimension loops.
        const qv1 = p.delivery[v]! > p.pickup[v]! ? p.delivery[v]! : p.pickup[v]!;
        base = pc * excessOver(loadA[0]! - qu1 + qv1, capA) - penA + pc * excessOver(loadB[0]! + qu1 - qv1, capB) - penB + removal[u]! + removal[v]!;
      } else {
        for (let d = 0; d < D; d++) {
          const qu = Math.max(p.delivery[u * D + d]!, p.pickup[u * D + d]!);
          const qv = Math.max(p.delivery[v * D + d]!, p.pickup[v * D + d]!);
          newLoad[d] = loadA[d]! - qu + qv;
        }
        const dPenA = loadPenalty(ls, newLoad, typeA) - penA;
        for (let d = 0; d < D; d++) {
          const qu = Math.max(p.delivery[u * D + d]!, p.pickup[u * D + d]!);
          const qv = Math.max(p.delivery[v * D + d]!, p.pickup[v * D + d]!);
          newLoad[d] = loadB[d]! + qu - qv;
        }
        const dPenB = loadPenalty(ls, newLoad, typeB) - penB;
        base = dPenA + dPenB + removal[u]! + removal[v]!;
      }
      if (base >= best) continue;
      const insV = cheapestWithRemoval(ls, v, u, ra, cached ? (v * R + ra) * 3 : v * 3, tc, ta);
      const whereV = bestAfterOut;
      const insU = cheapestWithRemoval(ls, u, v, rb, cached ? (u * R + rb) * 3 : u * 3, tc, ta);
      const whereU = bestAfterOut;
      const delta = base + insV + insU;
      if (delta < best) {
        best = delta;
        bu = u;
        bv = v;
        afterU = whereU;
        afterV = whereV;
      }
    }
  }
  // Relocations of one stop into the other route come for free (HGS-CVRP): the best place is
  // stored. Kept apart from the best swap: both rankings are by distance and load only, so with
  // time windows the better estimate is often infeasible and the other is then tried exactly.
  let bestRelocation = -EPSILON;
  let ru = -1, rv = -1, relAfterU = -1, relAfterV = -1;
  for (let pass = 0; pass < 2; pass++) {
    const from = pass === 0 ? ra : rb;
    const into = pass === 0 ? rb : ra;
    const typeFrom = pass === 0 ? typeA : typeB;
    const typeInto = pass === 0 ? typeB : typeA;
    const loadFrom = pass === 0 ? loadA : loadB;
    const loadInto = pass === 0 ? loadB : loadA;
    const penFrom = pass === 0 ? penA : penB;
    const penInto = pass === 0 ? penB : penA;
    for (let u = ls.next[ls.startNode(from)]!; u < nStops; u = ls.next[u]!) {
      if (!ls.pairFree(u)) continue;
      const b = cached ? (u * R + into) * 3 : u * 3;
      const after = ta[b]!;
      if (after < 0) continue;
      let delta = removal[u]! + tc[b]!;
      if (delta - penFrom >= bestRelocation) continue;
      for (let d = 0; d < D; d++) newLoad[d] = loadFrom[d]! - Math.max(p.delivery[u * D + d]!, p.pickup[u * D + d]!);
      delta += loadPenalty(ls, newLoad, typeFrom) - penFrom;
      for (let d = 0; d < D; d++) newLoad[d] = loadInto[d]! + Math.max(p.delivery[u * D + d]!, p.pickup[u * D + d]!);
      delta += loadPenalty(ls, newLoad, typeInto) - penInto;
      if (delta < bestRelocation) {
        bestRelocation = delta;
        if (pass === 0) {
          ru = u;
          rv = -1;
          relAfterU = after;
          relAfterV = -1;
        } else {
          ru = -1;
          rv = u;
          relAfterU = -1;
          relAfterV = after;
        }
      }
    }
  }
  const swapFirst = bu >= 0 && ((ru < 0 && rv < 0) || best <= bestRelocation);
  if (swapFirst) return applyIfBetter(ls, ra, rb, bu, bv, afterU, afterV, best) || ((ru >= 0 || rv >= 0) && applyIfBetter(ls, ra, rb, ru, rv, relAfterU, relAfterV, bestRelocation));
  if (ru < 0 && rv < 0) return false;
  return applyIfBetter(ls, ra, rb, ru, rv, relAfterU, relAfterV, bestRelocation) || (bu >= 0 && applyIfBetter(ls, ra, rb, bu, bv, afterU, afterV, best));
}

/**
 * Route A loses bu (if any, -1: none) and takes bv (if any) after afterV; route B the other way
 * round. Applied if the exact cost drops. `estimate` is the ranking's change (distance and load):
 * where a route costs only that (`plainCost`) it is the exact change unless a route is emptied
 * and gives up a fixed cost, and the two candidate routes are then not re-summarised.
 */
function applyIfBetter(ls: LocalSearch, ra: number, rb: number, bu: number, bv: number, afterU: number, afterV: number, estimate: number): boolean {
  const emptied = (bu >= 0 && bv < 0 && ls.routeLength[ra] === 1) || (bv >= 0 && bu < 0 && ls.routeLength[rb] === 1);
  const trusted = ls.plainCost && (!emptied || (ls.routeFixedCost[ra] === 0 && ls.routeFixedCost[rb] === 0));
  if (trusted && !ls.improves(estimate, ra, rb)) return false;
  const lenA = buildSwapped(ls, ra, bu, bv, afterV, ls.seqC);
  const lenB = buildSwapped(ls, rb, bv, bu, afterU, ls.seqD);
  const exact = trusted ? estimate : exactCost(ls, ra, ls.seqC, lenA) + exactCost(ls, rb, ls.seqD, lenB) - ls.routeCost[ra]! - ls.routeCost[rb]!;
  if (!ls.improves(exact, ra, rb)) return false;
  const before = ls.costBefore();
  ls.guard(ra, rb);
  ls.touched();
  ls.setRoute(ra, ls.seqC, lenA);
  ls.setRoute(rb, ls.seqD, lenB);
  const kept = ls.confirm();
  if (kept) ls.verify(OP.swapStar, before, exact);
  return kept;
}
