/**
 * The working state of one periodic search run (search.ts): the daily views whose demands follow
 * the current patterns, the stops active on each day, one Split, one DayRoutes and one
 * LocalSearch per day, and the steps built on them: random starts, Split per day, the daily local
 * search per day, and education (route improvement per day, pattern improvement, route
 * improvement again where patterns moved; Vidal et al. 2012).
 */
import type { Random } from '../../util/random.js';
import type { ProblemData } from '../model.js';
import type { HgsParams, Penalties } from '../search/kernel/index.js';
import { LocalSearch, nearestNeighbours, shuffle, Split } from '../search/kernel/index.js';
import { crossedDays } from './crossover.js';
import { DayRoutes } from './day-routes.js';
import type { PeriodicProblemData } from './model.js';
import { dayView, fillDayDemand } from './model.js';
import { accumulationGap } from './patterns.js';
import { improvePatterns } from './pattern-moves.js';

/** The granular list of a stop that is not on the day (shared, never written: length 0). */
const EMPTY = new Int32Array(0);

/** Working state shared by all operations of one search run. */
export class Workspace {
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
  /** Scratch: one visit's demand per dimension (`demandFor`), a stop order, a giant tour. */
  readonly delivery: Float64Array;
  readonly pickup: Float64Array;
  readonly order: Int32Array;
  readonly tour: Int32Array;
  /** At most this many days of a child are crossed (crossover.ts; T: PIX's uniform bounds). */
  readonly crossedDays: number;
  private readonly searches: LocalSearch[] = [];
  /** Scratch: one stop's granular list while it is built (localSearch). */
  private readonly listScratch: Int32Array;
  /** Scratch: the granular insertion places of one visit (dayNeighboursOnRoutes). */
  private readonly nearScratch: Int32Array;

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
    this.dayRoutes = this.views.map((v) => new DayRoutes(v, !problem.accumulate));
    this.ranked = nearestNeighbours(problem.base, servable, Math.max(0, this.n - 1));
    this.delivery = new Float64Array(this.D);
    this.pickup = new Float64Array(this.D);
    this.order = new Int32Array(this.n);
    this.tour = new Int32Array(this.n);
    this.crossedDays = crossedDays(this);
    this.listScratch = new Int32Array(Math.max(1, params.granularity));
    this.nearScratch = new Int32Array(Math.max(1, params.granularity));
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
  writeDemand(s: number, mask: number): void {
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

  /**
   * The daily local search on day d's routes; with `changed`, the routes were a local optimum but
   * for the routes flagged there (LocalSearch.run).
   */
  localSearch(d: number, routes: number[][], p: Penalties, changed?: Uint8Array): number[][] {
    const view = this.views[d]!;
    const act = this.active[d]!;
    let any = false;
    for (let s = 0; s < this.n && !any; s++) if (act[s]) any = true;
    if (!any || view.totalSlots === 0) return routes;
    const ls = this.searchOf(d);
    // The day's stops change with the patterns: fresh granular lists (the LocalSearch keeps the
    // list arrays it was built with and reads them on every run; `nearest` is their proximity order).
    // Written into the arrays of the previous run where the length is the same (most stops): a new
    // pair of arrays per stop and run was 2-3 % of a pr10 run in allocation and collection.
    const k = this.params.granularity;
    const scratch = this.listScratch;
    const ranked = this.ranked;
    for (let s = 0; s < this.n; s++) {
      if (!act[s]) {
        if (ls.neighbours[s]!.length !== 0) { ls.neighbours[s] = EMPTY; ls.nearest[s] = EMPTY; }
        continue;
      }
      const list = ranked[s]!;
      let c = 0;
      for (let i = 0; i < list.length && c < k; i++) if (act[list[i]!]) scratch[c++] = list[i]!;
      const fresh = scratch.subarray(0, c);
      if (ls.neighbours[s]!.length === c && ls.neighbours[s] !== EMPTY) ls.neighbours[s]!.set(fresh);
      else ls.neighbours[s] = fresh.slice();
      if (ls.nearest[s]!.length === c && ls.nearest[s] !== EMPTY) ls.nearest[s]!.set(fresh);
      else ls.nearest[s] = fresh.slice();
    }
    ls.load(routes);
    ls.run(p, changed);
    return ls.exportRoutes();
  }

  /**
   * Day d's local search, built once: its construction (node arrays, SWAP* cache, the planar
   * embedding of the matrix) cost 7 % of a p13 run when it was rebuilt for every education.
   * `active[d]` is the array it reads, kept current by `setMasks` and the pattern moves.
   */
  searchOf(d: number): LocalSearch {
    let ls = this.searches[d];
    if (ls === undefined) {
      ls = new LocalSearch(this.views[d]!, this.active[d]!, Array.from({ length: this.n }, () => EMPTY), this.rng, this.params.swapStar);
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
   * u's nearest stops that are on day d's routes (granular insertion places): valid until the
   * next call.
   */
  dayNeighboursOnRoutes(d: number, u: number): Int32Array {
    const routeOf = this.dayRoutes[d]!.routeOf;
    const list = this.ranked[u]!;
    const k = this.params.granularity;
    // A view of one scratch array (every caller prices with it at once and lets it go): a new
    // array per priced visit was 2 % of a pr10 run's self time, and garbage.
    const out = this.nearScratch;
    let c = 0;
    for (let i = 0; i < list.length && c < k; i++) if (routeOf[list[i]!]! >= 0) out[c++] = list[i]!;
    return out.subarray(0, c);
  }

  /**
   * Local search on every day but the `clean` ones (a parent's educated routes, most of a child's
   * days: crossover.ts), where it starts from the routes `changed` flags, if any; pattern
   * improvement; local search again where patterns moved, from the routes they changed (the rest
   * is still the local optimum of the first search).
   */
  educate(routes: number[][][], p: Penalties, clean = 0, changed?: readonly Uint8Array[]): number[][][] {
    for (let d = 0; d < this.T; d++) {
      if (!((clean >>> d) & 1)) routes[d] = this.localSearch(d, routes[d]!, p);
      else if (changed !== undefined && changed[d]!.includes(1)) routes[d] = this.localSearch(d, routes[d]!, p, changed[d]);
    }
    const days = improvePatterns(this, routes, p);
    for (let d = 0; d < this.T; d++) if ((days >>> d) & 1) routes[d] = this.localSearch(d, routes[d]!, p, this.dayRoutes[d]!.changed);
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

  /** Some usable pattern of s contains the days `days`. */
  fits(s: number, days: number): boolean {
    const { usable, usableStart } = this.problem;
    for (let q = usableStart[s]!; q < usableStart[s + 1]!; q++) if ((usable[q]! & days) === days) return true;
    return false;
  }

  isPattern(s: number, days: number): boolean {
    const { usable, usableStart } = this.problem;
    for (let q = usableStart[s]!; q < usableStart[s + 1]!; q++) if (usable[q] === days) return true;
    return false;
  }
}
