/**
 * Hybrid genetic search for the periodic VRP (Vidal, Crainic, Gendreau, Lahrichi & Rei 2012, "A
 * hybrid genetic algorithm for multidepot and periodic vehicle routing problems", Operations
 * Research 60(3)), built on the daily engine:
 * - a solution is a visit pattern per stop plus one giant tour per day;
 * - crossover is PIX (pattern inheritance): some days come whole from parent A, some as a slice of
 *   A's tour, the rest are filled from parent B's tours as far as the stops' patterns allow; Split
 *   cuts each day's tour into routes (the daily `Split`), and stops whose day set is not yet a
 *   pattern get the cheapest pattern that contains it, with their missing visits inserted;
 * - education runs the daily local search (`LocalSearch`, every operator and SWAP*) on each day,
 *   then pattern improvement (move a stop to the pattern whose removals and insertions cost
 *   least, accumulated demand included), then the daily local search again on the days it touched;
 * - infeasibility is penalised with the daily penalties; the generation loop, penalty adaptation,
 *   repair, restarts and stopping rules are the genetic search kernel's (search/kernel/), the
 *   population's ranking and culling the daily engine's.
 */
import type { ProgressCallback } from '../../util/progress.js';
import type { Random } from '../../util/random.js';
import type { ProblemData } from '../model.js';
import type { GeneticEngine, Penalties, StopRule } from '../search/kernel/index.js';
import { runGenetic } from '../search/kernel/index.js';
import { DEFAULT_HGS, initialPenalties } from '../search/hgs.js';
import type { HgsParams } from '../search/hgs.js';
import { LocalSearch, shuffle } from '../search/local-search.js';
import { nearestNeighbours } from '../search/neighbours.js';
import { Split } from '../search/split.js';
import { DayRoutes } from './day-routes.js';
import type { PeriodicIndividual } from './individual.js';
import { makePeriodicIndividual } from './individual.js';
import type { PeriodicProblemData } from './model.js';
import { dayView, fillDayDemand } from './model.js';
import { accumulationGap } from './patterns.js';
import { PeriodicPopulation } from './population.js';

export interface PeriodicSearchResult {
  bestFeasible: PeriodicIndividual | null;
  bestOverall: PeriodicIndividual | null;
  iterations: number;
  /** The daily views with the demands of the returned individuals are rebuilt by the caller. */
}

/** A start for the search: a pattern mask per stop (0 = leave out) and routes per day and slot. */
export interface PeriodicStart {
  masks: Uint32Array;
  routes: number[][][];
}

const EPSILON = 1e-7;

/**
 * Where the periodic search departs from the daily defaults: an initial population of 25 (HGS's
 * 4 × 25 took more than 20 s on pr10, 288 stops × 6 days, before the first crossover; with 25 the
 * same 20 s gave 159 generations and a gap of 8.9 % instead of 10.8 %).
 */
export const PERIODIC_DEFAULTS: Partial<HgsParams> = { initialSize: 25 };

/** Working state shared by all operations of one search run. */
class Workspace {
  readonly problem: PeriodicProblemData;
  readonly T: number;
  readonly n: number;
  readonly D: number;
  /** Daily views whose demands follow `masks` (own arrays when mail accumulates). */
  readonly views: ProblemData[];
  readonly active: Uint8Array[];
  readonly masks: Uint32Array;
  readonly splits: Split[];
  readonly dayRoutes: DayRoutes[];
  /** Every servable stop's other servable stops, nearest first (the daily proximity). */
  readonly ranked: Int32Array[];
  readonly servable: Uint8Array;
  readonly rng: Random;
  readonly params: HgsParams;
  private readonly delivery: Float64Array;
  private readonly pickup: Float64Array;
  private readonly order: Int32Array;
  private readonly tour: Int32Array;
  private readonly searches: LocalSearch[] = [];

  constructor(problem: PeriodicProblemData, servable: Uint8Array, rng: Random, params: HgsParams) {
    this.problem = problem;
    this.T = problem.horizon;
    this.n = problem.nStops;
    this.D = problem.base.nDims;
    this.rng = rng;
    this.params = params;
    this.servable = servable;
    this.views = problem.days.map((view, d) =>
      problem.accumulate
        ? dayView(problem.base, problem.fleet[d]!, new Float64Array(problem.base.delivery.length), new Float64Array(problem.base.pickup.length))
        : view);
    this.active = this.views.map(() => new Uint8Array(this.n));
    this.masks = new Uint32Array(this.n);
    this.splits = this.views.map((v) => new Split(v));
    this.dayRoutes = this.views.map((v) => new DayRoutes(v));
    this.ranked = nearestNeighbours(problem.base, servable, Math.max(0, this.n - 1));
    this.delivery = new Float64Array(this.D);
    this.pickup = new Float64Array(this.D);
    this.order = new Int32Array(this.n);
    this.tour = new Int32Array(this.n);
  }

  /** Makes masks, active days and demands per visit follow `masks`. */
  setMasks(masks: Uint32Array): void {
    this.masks.set(masks);
    for (let d = 0; d < this.T; d++) {
      const act = this.active[d]!;
      for (let s = 0; s < this.n; s++) act[s] = (masks[s]! >>> d) & 1;
      if (this.problem.accumulate) fillDayDemand(this.problem, d, masks, this.views[d]!.delivery as Float64Array, this.views[d]!.pickup as Float64Array);
    }
  }

  /** Demand per visit of stop s on day d under pattern `mask`, into the scratch vectors. */
  demandFor(s: number, mask: number, d: number): void {
    const gap = this.problem.accumulate ? Math.max(1, accumulationGap(mask, d, this.T)) : 1;
    const base = this.problem.base;
    for (let k = 0; k < this.D; k++) {
      this.delivery[k] = base.delivery[s * this.D + k]! * gap;
      this.pickup[k] = base.pickup[s * this.D + k]! * gap;
    }
  }

  /** Writes stop s's demand under `mask` into every day's view (accumulation only). */
  private writeDemand(s: number, mask: number): void {
    if (!this.problem.accumulate) return;
    for (let d = 0; d < this.T; d++) {
      this.demandFor(s, mask, d);
      const v = this.views[d]!;
      for (let k = 0; k < this.D; k++) {
        (v.delivery as Float64Array)[s * this.D + k] = this.delivery[k]!;
        (v.pickup as Float64Array)[s * this.D + k] = this.pickup[k]!;
      }
    }
  }

  /** Up to `k` nearest stops of u that visit on day d. */
  dayNeighbours(d: number, u: number, k: number): Int32Array {
    const act = this.active[d]!;
    const list = this.ranked[u]!;
    const out: number[] = [];
    for (let i = 0; i < list.length && out.length < k; i++) if (act[list[i]!]) out.push(list[i]!);
    return Int32Array.from(out);
  }

  /** The daily local search on day d's routes. */
  localSearch(d: number, routes: number[][], p: Penalties): number[][] {
    const view = this.views[d]!;
    const act = this.active[d]!;
    let any = false;
    for (let s = 0; s < this.n && !any; s++) if (act[s]) any = true;
    if (!any || view.totalSlots === 0) return routes;
    const ls = this.searchOf(d);
    // The day's stops change with the patterns: fresh granular lists (the LocalSearch keeps the
    // list arrays it was built with and reads them on every run; `nearest` is their proximity order).
    const empty = new Int32Array(0);
    for (let s = 0; s < this.n; s++) {
      const list = act[s] ? this.dayNeighbours(d, s, this.params.granularity) : empty;
      ls.neighbours[s] = list;
      ls.nearest[s] = act[s] ? list.slice() : empty;
    }
    ls.load(routes);
    ls.run(p);
    return ls.exportRoutes();
  }

  /**
   * Day d's local search, built once: its construction (node arrays, SWAP* cache, the planar
   * embedding of the matrix) cost 7 % of a p13 run when it was rebuilt for every education.
   * `active[d]` is the array it reads, kept current by `setMasks` and the pattern moves.
   */
  private searchOf(d: number): LocalSearch {
    let ls = this.searches[d];
    if (ls === undefined) {
      const empty = new Int32Array(0);
      ls = new LocalSearch(this.views[d]!, this.active[d]!, Array.from({ length: this.n }, () => empty), this.rng, this.params.swapStar);
      this.searches[d] = ls;
    }
    return ls;
  }

  /** Split of a day's giant tour into routes per slot. */
  split(d: number, tour: Int32Array, length: number, p: Penalties): number[][] {
    const view = this.views[d]!;
    if (length === 0 || view.totalSlots === 0) return Array.from({ length: view.totalSlots }, () => []);
    return this.splits[d]!.run(tour, length, p);
  }

  /**
   * Pattern improvement: for each stop in random order, the usable pattern whose removals,
   * insertions (granular) and demand changes cost least; applied when it saves. Returns a mask of
   * the days that changed.
   */
  improvePatterns(routes: number[][][], p: Penalties): number {
    const { T, n, problem } = this;
    for (let d = 0; d < T; d++) this.dayRoutes[d]!.load(routes[d]!, p);
    let m = 0;
    for (let s = 0; s < n; s++) if (this.masks[s] !== 0 && problem.usableStart[s + 1]! - problem.usableStart[s]! > 1) this.order[m++] = s;
    shuffle(this.order, m, this.rng);
    let changedDays = 0;
    const removal = new Float64Array(T);
    const insertion = new Float64Array(T);
    const inserts: ({ delta: number; route: number; position: number } | null)[] = new Array(T).fill(null);
    for (let i = 0; i < m; i++) {
      const u = this.order[i]!;
      const current = this.masks[u]!;
      for (let d = 0; d < T; d++) {
        removal[d] = (current >>> d) & 1 ? this.dayRoutes[d]!.removalDelta(u) : 0;
        insertion[d] = NaN;
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
            if (problem.accumulate || Number.isNaN(insertion[d]!)) {
              this.demandFor(u, mask, d);
              insertion[d] = this.dayRoutes[d]!.bestInsertion(u, this.delivery, this.pickup, this.dayNeighboursOnRoutes(d, u)).delta;
            }
            delta += insertion[d]!;
          } else if (inNew && inOld && problem.accumulate && accumulationGap(mask, d, T) !== accumulationGap(current, d, T)) {
            this.demandFor(u, mask, d);
            delta += this.dayRoutes[d]!.demandChangeDelta(u, this.delivery, this.pickup);
          }
        }
        if (delta < bestDelta) {
          bestDelta = delta;
          bestMask = mask;
        }
      }
      if (bestMask === 0) continue;
      // Apply: demands first (the routes' summaries read them), then removals and insertions.
      for (let d = 0; d < T; d++) {
        inserts[d] = null;
        if ((bestMask >>> d) & 1 && !((current >>> d) & 1)) {
          this.demandFor(u, bestMask, d);
          inserts[d] = this.dayRoutes[d]!.bestInsertion(u, this.delivery, this.pickup, this.dayNeighboursOnRoutes(d, u));
        }
      }
      this.masks[u] = bestMask;
      this.writeDemand(u, bestMask);
      for (let d = 0; d < T; d++) {
        const inNew = (bestMask >>> d) & 1;
        const inOld = (current >>> d) & 1;
        const dr = this.dayRoutes[d]!;
        if (inOld && !inNew) {
          dr.remove(u);
          this.active[d]![u] = 0;
          changedDays |= 1 << d;
        } else if (inNew && !inOld) {
          dr.insert(u, inserts[d]!);
          this.active[d]![u] = 1;
          changedDays |= 1 << d;
        } else if (inNew && problem.accumulate && accumulationGap(bestMask, d, T) !== accumulationGap(current, d, T)) {
          dr.update(dr.routeOf[u]!);
          changedDays |= 1 << d;
        }
      }
    }
    for (let d = 0; d < T; d++) if ((changedDays >>> d) & 1) routes[d] = this.dayRoutes[d]!.export();
    return changedDays;
  }

  /** u's nearest stops that are on day d's routes (granular insertion places). */
  private dayNeighboursOnRoutes(d: number, u: number): Int32Array {
    const dr = this.dayRoutes[d]!;
    const list = this.ranked[u]!;
    const k = this.params.granularity;
    const out: number[] = [];
    for (let i = 0; i < list.length && out.length < k; i++) if (dr.routeOf[list[i]!]! >= 0) out.push(list[i]!);
    return Int32Array.from(out);
  }

  /** Local search on every day, pattern improvement, local search again where patterns moved. */
  educate(routes: number[][][], p: Penalties): number[][][] {
    for (let d = 0; d < this.T; d++) routes[d] = this.localSearch(d, routes[d]!, p);
    const changed = this.improvePatterns(routes, p);
    for (let d = 0; d < this.T; d++) if ((changed >>> d) & 1) routes[d] = this.localSearch(d, routes[d]!, p);
    return routes;
  }

  /** A random start: a random usable pattern per stop, a random order per day, Split. */
  randomStart(p: Penalties): number[][][] {
    const { problem, n, T } = this;
    const masks = new Uint32Array(n);
    for (let s = 0; s < n; s++) {
      if (!this.servable[s]) continue;
      const a = problem.usableStart[s]!;
      const b = problem.usableStart[s + 1]!;
      masks[s] = problem.usable[a + this.rng.int(b - a)]!;
    }
    this.setMasks(masks);
    const routes: number[][][] = [];
    for (let d = 0; d < T; d++) {
      let len = 0;
      for (let s = 0; s < n; s++) if (this.active[d]![s]) this.tour[len++] = s;
      shuffle(this.tour, len, this.rng);
      routes.push(this.split(d, this.tour, len, p));
    }
    return routes;
  }

  /**
   * PIX crossover (Vidal et al. 2012): days from A whole (Λ1), as a slice of A's tour (Λmix), or
   * from B (Λ2 ∪ Λmix, B's order, as far as the patterns allow); Split per day; then each stop
   * whose day set is not a pattern gets the cheapest usable pattern containing it.
   */
  crossover(a: PeriodicIndividual, b: PeriodicIndividual, p: Penalties): number[][][] {
    const { problem, n, T, rng } = this;
    const n1 = rng.int(T + 1);
    const n2 = rng.int(T + 1);
    const lo = Math.min(n1, n2);
    const hi = Math.max(n1, n2);
    const dayOrder = Int32Array.from({ length: T }, (_, d) => d);
    shuffle(dayOrder, T, rng);
    const got = new Uint32Array(n);
    const tours: number[][] = Array.from({ length: T }, () => []);
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
        if (!this.fits(s, want)) continue;
        tours[d]!.push(s);
        got[s] = want;
      }
    }
    // Provisional masks (what each stop has so far) for the demands seen by Split.
    this.setMasks(got);
    const routes: number[][][] = [];
    for (let d = 0; d < T; d++) {
      const t = tours[d]!;
      for (let k = 0; k < t.length; k++) this.tour[k] = t[k]!;
      routes.push(this.split(d, this.tour, t.length, p));
    }
    // Complete the patterns: cheapest usable pattern that contains the days a stop already has.
    for (let d = 0; d < T; d++) this.dayRoutes[d]!.load(routes[d]!, p);
    const final = got.slice();
    let m = 0;
    for (let s = 0; s < n; s++) if (this.servable[s] && !this.isPattern(s, got[s]!)) this.order[m++] = s;
    shuffle(this.order, m, rng);
    for (let i = 0; i < m; i++) {
      const u = this.order[i]!;
      const have = got[u]!;
      let bestMask = 0;
      let bestCost = Infinity;
      for (let q = problem.usableStart[u]!; q < problem.usableStart[u + 1]!; q++) {
        const mask = problem.usable[q]!;
        if ((mask & have) !== have) continue;
        let cost = 0;
        for (let d = 0; d < T && cost < bestCost; d++) {
          if (!((mask >>> d) & 1) || (have >>> d) & 1) continue;
          this.demandFor(u, mask, d);
          cost += this.dayRoutes[d]!.bestInsertion(u, this.delivery, this.pickup, this.dayNeighboursOnRoutes(d, u)).delta;
        }
        if (cost < bestCost) {
          bestCost = cost;
          bestMask = mask;
        }
      }
      for (let d = 0; d < T; d++) {
        if (!((bestMask >>> d) & 1) || (have >>> d) & 1) continue;
        this.demandFor(u, bestMask, d);
        const at = this.dayRoutes[d]!.bestInsertion(u, this.delivery, this.pickup, this.dayNeighboursOnRoutes(d, u));
        this.dayRoutes[d]!.insert(u, at);
      }
      final[u] = bestMask;
    }
    this.setMasks(final);
    return this.dayRoutes.map((dr) => dr.export());
  }

  /** Some usable pattern of s contains the days `days`. */
  private fits(s: number, days: number): boolean {
    const { usable, usableStart } = this.problem;
    for (let q = usableStart[s]!; q < usableStart[s + 1]!; q++) if ((usable[q]! & days) === days) return true;
    return false;
  }

  private isPattern(s: number, days: number): boolean {
    const { usable, usableStart } = this.problem;
    for (let q = usableStart[s]!; q < usableStart[s + 1]!; q++) if (usable[q] === days) return true;
    return false;
  }
}

export function runPeriodicHgs(
  problem: PeriodicProblemData,
  servable: Uint8Array,
  rng: Random,
  stop: StopRule,
  options: { onProgress?: ProgressCallback; warmStarts?: PeriodicStart[]; params?: Partial<HgsParams>; timeLimit?: number } = {},
): PeriodicSearchResult {
  const params = { ...DEFAULT_HGS, ...PERIODIC_DEFAULTS, ...options.params };
  let any = false;
  for (let s = 0; s < problem.nStops; s++) if (servable[s]) any = true;
  if (!any) return { bestFeasible: null, bestOverall: null, iterations: 0 };
  const ws = new Workspace(problem, servable, rng, params);
  const result = runGenetic(new PeriodicEngine(ws), {
    params, rng, stop,
    penalties: initialPenalties(problem.base, params.initialTimeWarpFactor),
    population: new PeriodicPopulation(),
    timeLimit: options.timeLimit,
    warmStarts: options.warmStarts,
    onProgress: options.onProgress,
  });
  return { bestFeasible: result.bestFeasible, bestOverall: result.bestOverall, iterations: result.iterations };
}

/**
 * The periodic engine's steps for the kernel: a child is a pattern per stop and routes per day;
 * PIX crossover, Split per day, education by day and by pattern (`Workspace`).
 */
class PeriodicEngine implements GeneticEngine<PeriodicStart, PeriodicIndividual> {
  readonly adapted = ['capacity', 'timeWarp', 'distance'] as const;
  /** The routes last educated (education changes them in place; repair goes on from them). */
  private last: number[][][] = [];

  constructor(private readonly ws: Workspace) {}

  random(penalties: Penalties): PeriodicStart {
    return { masks: this.ws.masks, routes: this.ws.randomStart(penalties) };
  }

  crossover(a: PeriodicIndividual, b: PeriodicIndividual, penalties: Penalties): PeriodicStart {
    return { masks: this.ws.masks, routes: this.ws.crossover(a, b, penalties) };
  }

  educate(child: PeriodicStart, penalties: Penalties): PeriodicIndividual {
    if (child.masks !== this.ws.masks) this.ws.setMasks(child.masks);
    this.last = this.ws.educate(child.routes, penalties);
    return this.price(this.last, penalties);
  }

  repair(strict: Penalties, penalties: Penalties): PeriodicIndividual {
    this.ws.educate(this.last, strict);
    return this.price(this.last, penalties);
  }

  evaluate(child: PeriodicStart, penalties: Penalties): PeriodicIndividual {
    this.ws.setMasks(child.masks);
    return this.price(child.routes, penalties);
  }

  clone(child: PeriodicStart): PeriodicStart {
    return { masks: child.masks, routes: child.routes.map((day) => day.map((r) => r.slice())) };
  }

  private price(routes: number[][][], penalties: Penalties): PeriodicIndividual {
    return makePeriodicIndividual(this.ws.views, this.ws.masks, routes, this.ws.active, penalties);
  }
}
