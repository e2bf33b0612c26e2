/**
 * (N, M)-exchange (PyVRP's `Exchange<N, M>`, HGS-CVRP's moves 1–6): the run of N stops starting at
 * u trades places with the run of M stops starting at v; with M = 0 the run is moved right after v
 * (relocate; v may be a start depot). Works within one route and between routes, evaluated from
 * stored prefix and suffix summaries plus the few moved stops.
 */
import type { LocalSearch } from '../search/local-search.js';
import { EPSILON } from '../evaluate.js';
import { exchangeOp } from '../search/stats.js';

const runA = new Int32Array(3);
const runB = new Int32Array(3);

/** Collects the run of `count` stops starting at `first` into `into`; false if it leaves the route. */
function collectRun(next: Int32Array, nStops: number, first: number, count: number, into: Int32Array): boolean {
  let x = first;
  for (let k = 0; k < count; k++) {
    if (x >= nStops) return false;
    into[k] = x;
    x = next[x]!;
  }
  return true;
}

/**
 * No stop of the run is a shipment's: moving a pick-up or a delivery alone may put it on another
 * route than its partner or after it (the shipment relocation, relocate-shipment.ts, moves shipments whole).
 */
function runPairFree(ls: LocalSearch, run: Int32Array, count: number): boolean {
  for (let k = 0; k < count; k++) if (!ls.pairFree(run[k]!)) return false;
  return true;
}

/** Change in penalised cost of the exchange, or +Infinity when the move does not apply. */
export function evaluateExchange(ls: LocalSearch, u: number, N: number, v: number, M: number): number {
  if (!collectRun(ls.next, ls.nStops, u, N, runA)) return Infinity;
  if (M > 0 && !collectRun(ls.next, ls.nStops, v, M, runB)) return Infinity;
  if (ls.paired && !(runPairFree(ls, runA, N) && runPairFree(ls, runB, M))) return Infinity;
  const uL = runA[N - 1]!;
  const ru = ls.route[u]!;
  const rv = ls.route[v]!;
  if (ru !== rv) {
    // Quick bound from distances alone.
    const n = ls.n;
    const loc = ls.loc;
    const dU = ls.routeDistance[ru]!;
    const dV = ls.routeDistance[rv]!;
    const pu = loc[ls.prev[u]!]!;
    const nu = loc[ls.next[uL]!]!;
    const pv = loc[M > 0 ? ls.prev[v]! : v]!;
    const vL = M > 0 ? runB[M - 1]! : v;
    const nv = loc[ls.next[vL]!]!;
    let innerAU = 0;
    let innerAV = 0;
    for (let k = 1; k < N; k++) {
      const arc = loc[runA[k - 1]!]! * n + loc[runA[k]!]!;
      innerAU += dU[arc]!;
      innerAV += dV[arc]!;
    }
    const la = loc[u]!;
    const laL = loc[uL]!;
    let newU = -dU[pu * n + la]! - innerAU - dU[laL * n + nu]!;
    let newV = 0;
    if (M > 0) {
      let innerBU = 0;
      let innerBV = 0;
      for (let k = 1; k < M; k++) {
        const arc = loc[runB[k - 1]!]! * n + loc[runB[k]!]!;
        innerBU += dU[arc]!;
        innerBV += dV[arc]!;
      }
      const lb = loc[v]!;
      const lbL = loc[vL]!;
      newU += dU[pu * n + lb]! + innerBU + dU[lbL * n + nu]!;
      newV += dV[pv * n + la]! + innerAV + dV[laL * n + nv]! - dV[pv * n + lb]! - innerBV - dV[lbL * n + nv]!;
    } else {
      newU += dU[pu * n + nu]!;
      newV += dV[pv * n + la]! + innerAV + dV[laL * n + nv]! - dV[pv * n + nv]!;
    }
    // newU/newV hold distance changes; slack is what the routes cost beyond fixed and distance costs.
    let bound = ls.routeCostPerDistance[ru]! * newU + ls.routeCostPerDistance[rv]! * newV - ls.routeSlack[ru]! - ls.routeSlack[rv]!;
    if (ls.routeLength[ru] === N - M) bound -= ls.routeFixedCost[ru]!;
    if (ls.routeLength[rv] === 0) bound += ls.routeFixedCost[rv]!;
    if (bound > -EPSILON) return Infinity;
    return priceBetweenRoutes(ls, u, N, v, M, ru, rv, bound);
  }
  return evaluateWithinRoute(ls, u, N, v, M, ru, uL);
}

/**
 * The exchange between two routes after its distance screen: `bound` is the screen's lower bound
 * on the change (distance change minus the routes' penalties); adds the load penalties' lower
 * bound, then prices the two candidate routes from the stored summaries.
 */
function priceBetweenRoutes(ls: LocalSearch, u: number, N: number, v: number, M: number, ru: number, rv: number, bound: number): number {
  const uL = runA[N - 1]!;
  bound += ls.loadPenaltyBound(ru, runB, M, runA, N) + ls.loadPenaltyBound(rv, runA, N, runB, M);
  if (bound > -EPSILON) return Infinity;
  const profU = ls.profileOf(ru);
  const profV = ls.profileOf(rv);
  const a = ls.segA;
  ls.beginWith(a, ls.prev[u]!);
  if (M > 0) ls.pushRange(a, v, runB[M - 1]!, profU);
  ls.pushTail(a, ls.next[uL]!, ru);
  const costU = ls.costOf(a, ru);
  const old = ls.routeCost[ru]! + ls.routeCost[rv]!;
  // Route V's new cost is never negative: a cheap bound that skips most evaluations.
  if (costU - old > -EPSILON) return Infinity;
  const b = ls.segB;
  ls.beginWith(b, M > 0 ? ls.prev[v]! : v);
  ls.pushRange(b, u, uL, profV);
  ls.pushTail(b, M > 0 ? ls.next[runB[M - 1]!]! : ls.next[v]!, rv);
  return costU + ls.costOf(b, rv) - old;
}

/**
 * The distance change of the exchange within route r, the runs u … uL and v … vL (vL = v for a
 * relocation, M = 0), or +Infinity when the move does not apply (v inside or right before the
 * run, overlapping runs): the first screen of `evaluateWithinRoute`, also used alone by the local
 * search's screen of moves within a route (`tryWithinRouteScreened`).
 */
export function withinRouteDelta(ls: LocalSearch, u: number, uL: number, v: number, M: number, vL: number): number {
  const pu = ls.pos[u]!;
  const puL = ls.pos[uL]!;
  const pv = ls.pos[v]!;
  const n = ls.n;
  const d = ls.routeDistance[ls.route[u]!]!;
  const loc = ls.loc;
  if (M === 0) {
    if (pv >= pu && pv <= puL) return Infinity;
    if (v === ls.prev[u]) return Infinity;
    // The three arcs removed and the three added.
    const p = loc[ls.prev[u]!]!;
    const nx = loc[ls.next[uL]!]!;
    const lv = loc[v]!;
    const nv = loc[ls.next[v]!]!;
    const la = loc[u]!;
    const laL = loc[uL]!;
    return d[p * n + nx]! + d[lv * n + la]! + d[laL * n + nv]! - d[p * n + la]! - d[laL * n + nx]! - d[lv * n + nv]!;
  }
  const pvL = ls.pos[vL]!;
  if (!(puL < pv) && !(pvL < pu)) return Infinity;
  // The runs swap places (adjacent or not); the earlier run first (scalars, not an array per
  // evaluation: this runs for every pair).
  const uFirst = puL < pv;
  const f1 = uFirst ? u : v, l1 = uFirst ? uL : vL, f2 = uFirst ? v : u, l2 = uFirst ? vL : uL;
  const p1 = loc[ls.prev[f1]!]!;
  const n2 = loc[ls.next[l2]!]!;
  const a1 = loc[f1]!, b1 = loc[l1]!, a2 = loc[f2]!, b2 = loc[l2]!;
  if (ls.next[l1] === f2) {
    return d[p1 * n + a2]! + d[b2 * n + a1]! + d[b1 * n + n2]! - d[p1 * n + a1]! - d[b1 * n + a2]! - d[b2 * n + n2]!;
  }
  const n1 = loc[ls.next[l1]!]!;
  const p2 = loc[ls.prev[f2]!]!;
  return d[p1 * n + a2]! + d[b2 * n + n1]! + d[p2 * n + a1]! + d[b1 * n + n2]! -
    d[p1 * n + a1]! - d[b1 * n + n1]! - d[p2 * n + a2]! - d[b2 * n + n2]!;
}

/** The exchange within route r (runs already collected). */
function evaluateWithinRoute(ls: LocalSearch, u: number, N: number, v: number, M: number, r: number, uL: number): number {
  const vL = M > 0 ? runB[M - 1]! : v;
  const delta = withinRouteDelta(ls, u, uL, v, M, vL);
  if (delta === Infinity) return Infinity;
  // Where order changes only the distance, the route's cost never falls unless the distance does.
  if (ls.reversible && delta >= 0) return Infinity;
  if (ls.distanceBound(r, ls.fwd.distance[ls.endNode(r)]! + delta, 1) - ls.routeCost[r]! > -EPSILON) return Infinity;
  if (ls.reversible) return ls.reorderedCost(r, ls.fwd.distance[ls.endNode(r)]! + delta) - ls.routeCost[r]!;
  const prof = ls.profileOf(r);
  const s = ls.segA;
  if (M === 0) {
    if (ls.pos[v]! > ls.pos[uL]!) {
      ls.beginWith(s, ls.prev[u]!);
      ls.pushRange(s, ls.next[uL]!, v, prof);
      ls.pushRange(s, u, uL, prof);
      ls.pushTail(s, ls.next[v]!, r);
    } else {
      ls.beginWith(s, v);
      ls.pushRange(s, u, uL, prof);
      ls.pushRange(s, ls.next[v]!, ls.prev[u]!, prof);
      ls.pushTail(s, ls.next[uL]!, r);
    }
  } else if (ls.pos[uL]! < ls.pos[v]!) {
    ls.beginWith(s, ls.prev[u]!);
    ls.pushRange(s, v, vL, prof);
    if (ls.next[uL] !== v) ls.pushRange(s, ls.next[uL]!, ls.prev[v]!, prof);
    ls.pushRange(s, u, uL, prof);
    ls.pushTail(s, ls.next[vL]!, r);
  } else {
    ls.beginWith(s, ls.prev[v]!);
    ls.pushRange(s, u, uL, prof);
    if (ls.next[vL] !== u) ls.pushRange(s, ls.next[vL]!, ls.prev[u]!, prof);
    ls.pushRange(s, v, vL, prof);
    ls.pushTail(s, ls.next[uL]!, r);
  }
  return ls.costOf(s, r) - ls.routeCost[r]!;
}

/** Applies the exchange (runs already collected by `evaluateExchange`). */
export function applyExchange(ls: LocalSearch, u: number, N: number, v: number, M: number): void {
  collectRun(ls.next, ls.nStops, u, N, runA);
  if (M > 0) collectRun(ls.next, ls.nStops, v, M, runB);
  const ru = ls.route[u]!;
  const rv = ls.route[v]!;
  const vIsDepot = !ls.isClient(v);
  // Read both routes before relinking either.
  const lenU = ls.readRoute(ru, ls.seqA);
  const lenV = ru === rv ? 0 : ls.readRoute(rv, ls.seqC);
  const rebuild = (r: number, src: Int32Array, len: number, out: Int32Array): number => {
    let k = 0;
    if (M === 0 && vIsDepot && r === rv) for (let j = 0; j < N; j++) out[k++] = runA[j]!;
    for (let i = 0; i < len; i++) {
      const x = src[i]!;
      if (x === u) {
        for (let j = 0; j < M; j++) out[k++] = runB[j]!;
        i += N - 1;
        continue;
      }
      if (M > 0 && x === v) {
        for (let j = 0; j < N; j++) out[k++] = runA[j]!;
        i += M - 1;
        continue;
      }
      out[k++] = x;
      if (M === 0 && x === v) for (let j = 0; j < N; j++) out[k++] = runA[j]!;
    }
    return k;
  };
  const kU = rebuild(ru, ls.seqA, lenU, ls.seqB);
  const kV = ru === rv ? 0 : rebuild(rv, ls.seqC, lenV, ls.seqD);
  ls.touched();
  ls.setRoute(ru, ls.seqB, kU);
  if (ru !== rv) ls.setRoute(rv, ls.seqD, kV);
}

/**
 * The exchange between two routes with the same matrices and cost per distance, whose change in
 * distance cost the caller has already computed from the few arcs involved (the local search's
 * screen): `bound` is that change minus both routes' penalties, minus the fixed cost of u's route
 * when the move empties it. Skips evaluateExchange's own distance screen; the rest is the same.
 */
function evaluateScreenedExchange(ls: LocalSearch, u: number, N: number, v: number, M: number, bound: number): number {
  collectRun(ls.next, ls.nStops, u, N, runA);
  if (M > 0) collectRun(ls.next, ls.nStops, v, M, runB);
  if (ls.paired && !(runPairFree(ls, runA, N) && runPairFree(ls, runB, M))) return Infinity;
  return priceBetweenRoutes(ls, u, N, v, M, ls.route[u]!, ls.route[v]!, bound);
}

/** Evaluates and, if it lowers the penalised cost, applies the exchange. */
export function tryExchange(ls: LocalSearch, u: number, N: number, v: number, M: number, screenedBound = NaN): boolean {
  if (u === v) return false;
  const started = ls.clock();
  const delta = Number.isNaN(screenedBound) ? evaluateExchange(ls, u, N, v, M) : evaluateScreenedExchange(ls, u, N, v, M, screenedBound);
  let kept = false;
  let before = 0;
  if (ls.improves(delta, ls.route[u]!, ls.route[v]!)) {
    before = ls.costBefore();
    ls.guard(ls.route[u]!, ls.route[v]!);
    applyExchange(ls, u, N, v, M);
    kept = ls.confirm();
  }
  ls.afterMove(exchangeOp(N, M), started, kept, before, delta);
  return kept;
}
