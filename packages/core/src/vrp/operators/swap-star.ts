/**
 * SWAP* (Vidal 2022): exchange u of route A and v of route B, each inserted at its best position in
 * the other route rather than in the other's place. Candidates are ranked by distance and load
 * (with the three best insertion positions of every stop precomputed, as HGS-CVRP does); the best
 * one is then evaluated exactly through the summaries, so time windows and limits are honoured.
 */
import type { LocalSearch } from '../search/local-search.js';
import { EPSILON } from '../search/local-search.js';
import { OP } from '../search/stats.js';
import type { VehicleTypeData } from '../model.js';

let topCost = new Float64Array(0);
let topAfter = new Int32Array(0);
let removal = new Float64Array(0);
let loadA = new Float64Array(0);
let loadB = new Float64Array(0);
let newLoad = new Float64Array(0);

const scratchCost = (): Float64Array => topCost;
const scratchAfter = (): Int32Array => topAfter;

function ensure(nStops: number, nDims: number): void {
  if (topCost.length < nStops * 3) {
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

/** Where the three best places of stop u in route `into` are kept (cache or scratch). */
let slotOf: (u: number, into: number) => number = (u) => u * 3;

/** Best three places (after which node) to insert each stop of `from` into route `into`. */
function preprocess(ls: LocalSearch, from: number, into: number): void {
  const prof = ls.profileOf(into);
  const c = ls.typeOf(into).costPerDistance;
  const n = ls.n;
  const profFrom = ls.profileOf(from);
  const cFrom = ls.typeOf(from).costPerDistance;
  const R = ls.nRoutes;
  const stamp = ls.swapStamp;
  const tc = ls.swapTopCost ?? topCost;
  const ta = ls.swapTopAfter ?? topAfter;
  const modified = ls.whenModified[into]!;
  for (let u = ls.next[ls.startNode(from)]!; u < ls.nStops; u = ls.next[u]!) {
    const lu = ls.loc[u]!;
    const lp = ls.loc[ls.prev[u]!]!;
    const ln = ls.loc[ls.next[u]!]!;
    removal[u] = cFrom * (profFrom.distance[lp * n + ln]! - profFrom.distance[lp * n + lu]! - profFrom.distance[lu * n + ln]!);
    if (stamp !== null) {
      if (stamp[u * R + into]! > modified) continue;
      stamp[u * R + into] = ls.nbMoves + 1;
    }
    const b = slotOf(u, into);
    tc[b] = tc[b + 1] = tc[b + 2] = Infinity;
    ta[b] = ta[b + 1] = ta[b + 2] = -1;
    for (let x = ls.startNode(into); ; x = ls.next[x]!) {
      const nx = ls.next[x]!;
      const lx = ls.loc[x]!;
      const lnx = ls.loc[nx]!;
      const cost = c * (prof.distance[lx * n + lu]! + prof.distance[lu * n + lnx]! - prof.distance[lx * n + lnx]!);
      if (cost < tc[b + 2]!) {
        if (cost < tc[b + 1]!) {
          tc[b + 2] = tc[b + 1]!;
          ta[b + 2] = ta[b + 1]!;
          if (cost < tc[b]!) {
            tc[b + 1] = tc[b]!;
            ta[b + 1] = ta[b]!;
            tc[b] = cost;
            ta[b] = x;
          } else {
            tc[b + 1] = cost;
            ta[b + 1] = x;
          }
        } else {
          tc[b + 2] = cost;
          ta[b + 2] = x;
        }
      }
      if (nx >= ls.nStops) break;
    }
  }
}

function loadPenalty(ls: LocalSearch, load: Float64Array, type: VehicleTypeData): number {
  let p = 0;
  for (let d = 0; d < ls.nDims; d++) {
    const over = load[d]! - type.capacity[d]!;
    if (over > 0) p += over;
  }
  return p * ls.penalties.capacity;
}

/** Cheapest insertion of u into the route of `removed`, with `removed` taken out. Sets `bestAfterOut`. */
let bestAfterOut = -1;
function cheapestWithRemoval(ls: LocalSearch, u: number, removed: number, r: number): number {
  const b = slotOf(u, r);
  const topCost = ls.swapTopCost ?? scratchCost();
  const topAfter = ls.swapTopAfter ?? scratchAfter();
  let best = Infinity;
  bestAfterOut = -1;
  for (let k = 0; k < 3; k++) {
    const x = topAfter[b + k]!;
    if (x < 0) break;
    if (x !== removed && ls.next[x] !== removed) {
      best = topCost[b + k]!;
      bestAfterOut = x;
      break;
    }
  }
  const prof = ls.profileOf(r);
  const n = ls.n;
  const lp = ls.loc[ls.prev[removed]!]!;
  const ln = ls.loc[ls.next[removed]!]!;
  const lu = ls.loc[u]!;
  const inPlace = ls.typeOf(r).costPerDistance * (prof.distance[lp * n + lu]! + prof.distance[lu * n + ln]! - prof.distance[lp * n + ln]!);
  if (inPlace < best) {
    best = inPlace;
    bestAfterOut = ls.prev[removed]!;
  }
  return best;
}

function buildSwapped(ls: LocalSearch, r: number, removed: number, inserted: number, after: number, out: Int32Array): number {
  const len = ls.readRoute(r, ls.seqA);
  let k = 0;
  if (!ls.isClient(after)) out[k++] = inserted;
  for (let i = 0; i < len; i++) {
    const x = ls.seqA[i]!;
    if (x !== removed) out[k++] = x;
    if (x === after) out[k++] = inserted;
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
  slotOf = ls.swapStamp !== null ? (u, into) => (u * R + into) * 3 : (u) => u * 3;
  preprocess(ls, ra, rb);
  preprocess(ls, rb, ra);
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
    const qu1 = single ? Math.max(p.delivery[u]!, p.pickup[u]!) : 0;
    for (let v = ls.next[ls.startNode(rb)]!; v < nStops; v = ls.next[v]!) {
      let base: number;
      if (single) {
        // One dimension: the same bound without the per-dimension loops.
        const qv1 = p.delivery[v]! > p.pickup[v]! ? p.delivery[v]! : p.pickup[v]!;
        const overA = loadA[0]! - qu1 + qv1 - capA;
        const overB = loadB[0]! + qu1 - qv1 - capB;
        base = (overA > 0 ? pc * overA : 0) - penA + (overB > 0 ? pc * overB : 0) - penB + removal[u]! + removal[v]!;
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
      const insV = cheapestWithRemoval(ls, v, u, ra);
      const whereV = bestAfterOut;
      const insU = cheapestWithRemoval(ls, u, v, rb);
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
  if (bu < 0) return false;
  const lenA = buildSwapped(ls, ra, bu, bv, afterV, ls.seqC);
  const lenB = buildSwapped(ls, rb, bv, bu, afterU, ls.seqD);
  const exact = exactCost(ls, ra, ls.seqC, lenA) + exactCost(ls, rb, ls.seqD, lenB) - ls.routeCost[ra]! - ls.routeCost[rb]!;
  if (exact > -EPSILON) return false;
  const before = ls.costBefore();
  ls.guard(ra, rb);
  ls.touched();
  ls.setRoute(ra, ls.seqC, lenA);
  ls.setRoute(rb, ls.seqD, lenB);
  const kept = ls.confirm();
  if (kept) ls.verify(OP.swapStar, before, exact);
  return kept;
}
