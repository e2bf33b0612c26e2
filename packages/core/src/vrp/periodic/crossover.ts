/**
 * PIX crossover (pattern inheritance; Vidal et al. 2012) of two periodic individuals.
 */
import type { Penalties } from '../search/kernel/index.js';
import { shuffle } from '../search/kernel/index.js';
import type { PeriodicIndividual } from './individual.js';
import type { Workspace } from './workspace.js';

/** At most this many days of a child are crossed (a slice of A, or B's visits); the rest are A's. */
export const CROSSED_DAYS = 1;

/**
 * From this many visits a week (over the stops that can be served), a child crosses at most
 * CROSSED_DAYS days; below it, PIX's uniform bounds. Each crossed day costs a whole local search,
 * so a child that is half new costs about half the week's visits in local search: at pr06 and pr10
 * (576 and 864 visits a week, ~1,200-2,000 generations in 60 s with uniform bounds) one crossed
 * day doubled the generations and made plans cheaper, but on the small and medium instances
 * (p02-p28, 90-336 visits a week, 5,000-20,000 generations) generations are no longer what is
 * scarce and children too close to parent A made plans dearer (quiet run at 60 s, seed 1: p02
 * 0.00 -> 0.88 %, p08 0.02 -> 1.04, p10 0.82 -> 2.26, p28 0.38 -> 1.03 %). pr04 (384) and pr08
 * (432) were within noise either way (benchmarks/pvrp/README.md).
 */
export const CROSSED_DAYS_FROM_VISITS = 500;

/** How many days a child of this workspace's problem crosses at most (T: PIX's uniform bounds). */
export function crossedDays(ws: Pick<Workspace, 'problem' | 'servable' | 'T'>): number {
  const { problem, servable, T } = ws;
  // With accumulated mail a day's demands follow every stop's pattern, so every day is searched
  // whole anyway: nothing to save by crossing fewer.
  if (problem.accumulate) return T;
  let visits = 0;
  for (let s = 0; s < problem.nStops; s++) if (servable[s]) visits += problem.visits[s]!;
  return visits >= CROSSED_DAYS_FROM_VISITS ? Math.min(T, CROSSED_DAYS) : T;
}

/**
 * PIX crossover (Vidal et al. 2012): days from A whole (Λ1), as a slice of A's tour (Λmix), or
 * from B (Λ2 ∪ Λmix, B's order, as far as the patterns allow); Split per day; then each stop
 * whose day set is not a pattern gets the cheapest usable pattern containing it.
 */
export function crossover(ws: Workspace, a: PeriodicIndividual, b: PeriodicIndividual, p: Penalties): { routes: number[][][]; clean: number; changed: Uint8Array[] } {
  const { problem, n, T, rng } = ws;
  // Λ1 = the first `lo` days of a random order, Λmix the next `hi - lo`, Λ2 the rest. Vidal et al.
  // draw both bounds uniformly, so that a child is half new on average; on a large week
  // (crossedDays) a child takes all but one to CROSSED_DAYS days whole from A, and only the
  // crossed days need a whole local search (the others one around the visits that pattern
  // completion adds).
  let lo: number;
  let hi: number;
  const crossed = ws.crossedDays;
  if (T > crossed) {
    lo = T - 1 - rng.int(crossed);
    hi = lo + rng.int(T - lo + 1);
  } else {
    const n1 = rng.int(T + 1);
    const n2 = rng.int(T + 1);
    lo = Math.min(n1, n2);
    hi = Math.max(n1, n2);
  }
  const dayOrder = Int32Array.from({ length: T }, (_, d) => d);
  shuffle(dayOrder, T, rng);
  const got = new Uint32Array(n);
  const tours: number[][] = Array.from({ length: T }, () => []);
  // Days of Λ1 keep A's educated routes as they are (Split of A's tour could only re-cut them):
  // they need a local search only around the routes that pattern completion changes (`clean` and
  // `changed`, see educate).
  const whole: (number[][] | null)[] = new Array(T).fill(null);
  let clean = 0;
  for (let i = 0; i < hi; i++) {
    const d = dayOrder[i]!;
    const parent = a.days[d]!;
    const len = parent.tourLength;
    if (len === 0) continue;
    let from = 0;
    let count = len;
    if (i >= lo) {
      from = rng.int(len);
      count = 1 + rng.int(len);
    } else {
      whole[d] = parent.routes.map((r) => r.slice());
      clean |= 1 << d;
    }
    for (let k = 0; k < count; k++) {
      const s = parent.tour[(from + k) % len]!;
      tours[d]!.push(s);
      got[s] = (got[s]! | (1 << d)) >>> 0;
    }
  }
  const fillDays = Array.from(dayOrder.subarray(lo));
  for (let i = fillDays.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [fillDays[i], fillDays[j]] = [fillDays[j]!, fillDays[i]!];
  }
  for (const d of fillDays) {
    const parent = b.days[d]!;
    for (let k = 0; k < parent.tourLength; k++) {
      const s = parent.tour[k]!;
      if ((got[s]! >>> d) & 1) continue;
      const want = (got[s]! | (1 << d)) >>> 0;
      if (!ws.fits(s, want)) continue;
      tours[d]!.push(s);
      got[s] = want;
    }
  }
  // Provisional masks (what each stop has so far) for the demands seen by Split.
  ws.setMasks(got);
  const routes: number[][][] = [];
  for (let d = 0; d < T; d++) {
    const kept = whole[d];
    if (kept) {
      routes.push(kept);
      continue;
    }
    const t = tours[d]!;
    for (let k = 0; k < t.length; k++) ws.tour[k] = t[k]!;
    routes.push(ws.split(d, ws.tour, t.length, p));
  }
  // Complete the patterns: cheapest usable pattern that contains the days a stop already has.
  for (let d = 0; d < T; d++) ws.dayRoutes[d]!.load(routes[d]!, p);
  const final = got.slice();
  let m = 0;
  for (let s = 0; s < n; s++) if (ws.servable[s] && !ws.isPattern(s, got[s]!)) ws.order[m++] = s;
  shuffle(ws.order, m, rng);
  for (let i = 0; i < m; i++) {
    const u = ws.order[i]!;
    const have = got[u]!;
    let bestMask = 0;
    let bestCost = Infinity;
    for (let q = problem.usableStart[u]!; q < problem.usableStart[u + 1]!; q++) {
      const mask = problem.usable[q]!;
      if ((mask & have) !== have) continue;
      let cost = 0;
      for (let d = 0; d < T && cost < bestCost; d++) {
        if (!((mask >>> d) & 1) || (have >>> d) & 1) continue;
        ws.demandFor(u, mask, d);
        // Only places that keep this pattern below the best one matter (none: it loses).
        const at = ws.dayRoutes[d]!.bestInsertion(u, ws.delivery, ws.pickup, ws.dayNeighboursOnRoutes(d, u), bestCost - cost);
        cost = at.route < 0 ? Infinity : cost + at.delta;
      }
      if (cost < bestCost) {
        bestCost = cost;
        bestMask = mask;
      }
    }
    for (let d = 0; d < T; d++) {
      if (!((bestMask >>> d) & 1) || (have >>> d) & 1) continue;
      ws.demandFor(u, bestMask, d);
      const at = ws.dayRoutes[d]!.bestInsertion(u, ws.delivery, ws.pickup, ws.dayNeighboursOnRoutes(d, u));
      ws.dayRoutes[d]!.insert(u, at);
    }
    final[u] = bestMask;
  }
  ws.setMasks(final);
  // With accumulated mail a day's demands follow every stop's pattern, which may differ from A's.
  if (problem.accumulate) clean = 0;
  return { routes: ws.dayRoutes.map((dr) => dr.export()), clean, changed: ws.dayRoutes.map((dr) => dr.changed.slice()) };
}
