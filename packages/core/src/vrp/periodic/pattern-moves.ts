/**
 * Pattern improvement (Vidal et al. 2012's PI): moves of a stop's visit pattern priced on the
 * days' routes (DayRoutes) and applied when they save.
 */
import type { Penalties } from '../search/kernel/index.js';
import { EPSILON, shuffle } from '../search/kernel/index.js';
import { accumulationGap } from './patterns.js';
import type { Workspace } from './workspace.js';

/** Relative slack of the swap's screen (the bounds round otherwise than the prices). */
const SWAP_SLACK = 1e-9;

/**
 * The change of swapping u's pattern `current` with v's `other`, summed over the days they trade
 * (on each, one steps into the other's place): exactly (`exact`) or as the days' lower bounds,
 * which screen most swaps before they are priced.
 */
function swapChange(ws: Workspace, u: number, v: number, current: number, other: number, exact: boolean): number {
  let change = 0;
  for (let d = 0; d < ws.T; d++) {
    const inU = (current >>> d) & 1;
    const inV = (other >>> d) & 1;
    if (inU === inV) continue;
    const out = inU ? u : v;
    const into = inU ? v : u;
    ws.demandFor(into, inU ? other : current, d);
    const day = ws.dayRoutes[d]!;
    change += exact ? day.replacementDelta(out, into, ws.delivery, ws.pickup) : day.replacementBound(out, into, ws.delivery, ws.pickup);
  }
  return change;
}

/**
 * Pattern improvement: for each stop in random order, the best of its usable patterns (priced by
 * removals, granular insertions and demand changes) and of the swaps of patterns with its nearest
 * stops; applied when it saves. Returns a mask of the days that changed.
 */
export function improvePatterns(ws: Workspace, routes: number[][][], p: Penalties): number {
  const { T, n, problem } = ws;
  for (let d = 0; d < T; d++) ws.dayRoutes[d]!.load(routes[d]!, p);
  let m = 0;
  for (let s = 0; s < n; s++) if (ws.masks[s] !== 0 && problem.usableStart[s + 1]! - problem.usableStart[s]! > 1) ws.order[m++] = s;
  shuffle(ws.order, m, ws.rng);
  let changedDays = 0;
  const removal = new Float64Array(T);
  // Per day, u's cheapest insertion when `exact`, otherwise a lower bound of it (NaN: not priced).
  const insertion = new Float64Array(T);
  const exact = new Uint8Array(T);
  const inserts: ({ delta: number; route: number; position: number } | null)[] = new Array(T).fill(null);
  for (let i = 0; i < m; i++) {
    const u = ws.order[i]!;
    const current = ws.masks[u]!;
    for (let d = 0; d < T; d++) {
      removal[d] = (current >>> d) & 1 ? ws.dayRoutes[d]!.removalDelta(u) : 0;
      insertion[d] = NaN;
      exact[d] = 0;
    }
    let bestDelta = -EPSILON;
    let bestMask = 0;
    for (let q = problem.usableStart[u]!; q < problem.usableStart[u + 1]!; q++) {
      const mask = problem.usable[q]!;
      if (mask === current) continue;
      // Savings of the visits given up first, then the added visits (usually costs): stop adding
      // as soon as the pattern cannot beat the best one found.
      let delta = 0;
      for (let d = 0; d < T; d++) if ((current >>> d) & 1 && !((mask >>> d) & 1)) delta += removal[d]!;
      for (let d = 0; d < T && delta < bestDelta; d++) {
        const inNew = (mask >>> d) & 1;
        const inOld = (current >>> d) & 1;
        if (inNew && !inOld) {
          // Only places that keep the pattern below the best one matter (`limit`): the screen
          // then rejects most places unpriced. A bound from an earlier pattern that already
          // rules this one out is enough; otherwise priced again with the wider limit.
          const limit = bestDelta - delta;
          if (problem.accumulate || Number.isNaN(insertion[d]!) || (!exact[d] && insertion[d]! < limit)) {
            ws.demandFor(u, mask, d);
            const at = ws.dayRoutes[d]!.bestInsertion(u, ws.delivery, ws.pickup, ws.dayNeighboursOnRoutes(d, u), limit);
            insertion[d] = at.delta;
            exact[d] = at.route >= 0 ? 1 : 0;
          }
          if (!exact[d]) {
            delta = Infinity;
            break;
          }
          delta += insertion[d]!;
        } else if (inNew && inOld && problem.accumulate && accumulationGap(mask, d, T) !== accumulationGap(current, d, T)) {
          ws.demandFor(u, mask, d);
          delta += ws.dayRoutes[d]!.demandChangeDelta(u, ws.delivery, ws.pickup);
        }
      }
      if (delta < bestDelta) {
        bestDelta = delta;
        bestMask = mask;
      }
    }
    // Swap of days with a nearby stop: u takes v's pattern and v u's, each stepping into the
    // other's place on the days they trade (priced exactly from the route summaries). It moves
    // two visits at once where one alone would overload a route: on p06 (one vehicle a day, ten
    // days, every stop once) the single moves stall while the day loads are full.
    let swapWith = -1;
    if (!problem.accumulate) {
      const list = ws.ranked[u]!;
      let tried = 0;
      for (let k = 0; k < list.length && tried < ws.params.granularity; k++) {
        const v = list[k]!;
        const other = ws.masks[v]!;
        if (other === 0 || other === current) continue;
        tried++;
        if (!ws.isPattern(u, other) || !ws.isPattern(v, current)) continue;
        // Screened first by the days' lower bounds (distance and loads), most swaps unpriced;
        // with a little slack, as the bounds round otherwise than the prices.
        if (swapChange(ws, u, v, current, other, false) >= bestDelta + SWAP_SLACK * (1 + Math.abs(bestDelta))) continue;
        const delta = swapChange(ws, u, v, current, other, true);
        if (delta < bestDelta) {
          bestDelta = delta;
          swapWith = v;
        }
      }
    }
    if (swapWith >= 0) {
      const v = swapWith;
      const other = ws.masks[v]!;
      ws.masks[u] = other;
      ws.masks[v] = current;
      for (let d = 0; d < T; d++) {
        const inU = (current >>> d) & 1;
        const inV = (other >>> d) & 1;
        if (inU === inV) continue;
        if (inU) ws.dayRoutes[d]!.replace(u, v);
        else ws.dayRoutes[d]!.replace(v, u);
        ws.active[d]![u] = inV;
        ws.active[d]![v] = inU;
        changedDays |= 1 << d;
      }
      continue;
    }
    if (bestMask === 0) continue;
    // Apply: demands first (the routes' summaries read them), then removals and insertions.
    for (let d = 0; d < T; d++) {
      inserts[d] = null;
      if ((bestMask >>> d) & 1 && !((current >>> d) & 1)) {
        ws.demandFor(u, bestMask, d);
        inserts[d] = ws.dayRoutes[d]!.bestInsertion(u, ws.delivery, ws.pickup, ws.dayNeighboursOnRoutes(d, u));
      }
    }
    ws.masks[u] = bestMask;
    ws.writeDemand(u, bestMask);
    for (let d = 0; d < T; d++) {
      const inNew = (bestMask >>> d) & 1;
      const inOld = (current >>> d) & 1;
      const dr = ws.dayRoutes[d]!;
      if (inOld && !inNew) {
        dr.remove(u);
        ws.active[d]![u] = 0;
        changedDays |= 1 << d;
      } else if (inNew && !inOld) {
        dr.insert(u, inserts[d]!);
        ws.active[d]![u] = 1;
        changedDays |= 1 << d;
      } else if (inNew && problem.accumulate && accumulationGap(bestMask, d, T) !== accumulationGap(current, d, T)) {
        dr.update(dr.routeOf[u]!);
        changedDays |= 1 << d;
      }
    }
  }
  for (let d = 0; d < T; d++) if ((changedDays >>> d) & 1) routes[d] = ws.dayRoutes[d]!.export();
  return changedDays;
}
