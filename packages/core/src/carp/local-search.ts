/**
 * Granular local search for arc routing (Vidal 2017): relocate one or two tasks, swap 1–1, 2–1
 * and 2–2, 2-opt* (both ways of reconnecting two routes, and the reversed variant), 2-opt inside
 * a route, and moving a task to an empty route. Every candidate route is priced with each task's
 * orientation chosen optimally over the whole route: a route keeps, per task and orientation,
 * the cheapest cost from the depot up to it (`fw`) and from it back to the depot (`bw`), so a
 * candidate made of a kept prefix, a few explicit tasks and a kept suffix costs O(explicit tasks).
 */
import type { Random } from '../util/random.js';
import { EPSILON } from '../vrp/search/kernel/index.js';
import type { CarpProblem } from './model.js';
import { penalisedRouteCost, type CarpPenalties } from './route-cost.js';

export class CarpLocalSearch {
  private readonly problem: CarpProblem;
  private readonly rng: Random;
  private readonly neighbours: Int32Array[];
  private p: CarpPenalties = { capacity: 1, shift: 1 };
  // Routes.
  private seqs: Int32Array[] = [];
  private lens: number[] = [];
  private costs: number[] = [];
  private loads: number[] = [];
  private pens: number[] = [];
  private routeCount = 0;
  // Tasks.
  private readonly routeOf: Int32Array;
  private readonly posOf: Int32Array;
  private readonly fw: Float64Array;
  private readonly bw: Float64Array;
  private readonly preLoad: Float64Array;
  // Scratch.
  private readonly order: Int32Array;
  private readonly listA: Int32Array;
  private readonly listB: Int32Array;
  private readonly build: Int32Array;
  private readonly outA: Int32Array;
  private readonly outB: Int32Array;
  private candCost = 0;
  private candLoad = 0;
  // Moves applied so far; when each route last changed; when each task's neighbourhood was last
  // tried in full. A pair of routes unchanged since then need not be tried again (HGS-CVRP).
  private moveCount = 0;
  private modifiedAt: number[] = [];
  private readonly testedAt: Float64Array;

  constructor(problem: CarpProblem, rng: Random, granularity = 20) {
    this.problem = problem;
    this.rng = rng;
    const n = problem.taskCount;
    this.routeOf = new Int32Array(n);
    this.posOf = new Int32Array(n);
    this.fw = new Float64Array(2 * n);
    this.bw = new Float64Array(2 * n);
    this.preLoad = new Float64Array(n);
    this.order = new Int32Array(n);
    this.listA = new Int32Array(n + 2);
    this.listB = new Int32Array(n + 2);
    this.build = new Int32Array(n + 2);
    this.outA = new Int32Array(n + 2);
    this.outB = new Int32Array(n + 2);
    this.neighbours = correlatedTasks(problem, granularity);
    this.testedAt = new Float64Array(n);
  }

  /** Improves the routes until no move in the neighbourhood helps; returns the new routes. */
  run(routes: number[][], penalties: CarpPenalties): number[][] {
    this.p = penalties;
    this.load(routes);
    const n = this.problem.taskCount;
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.testedAt.fill(-1);
    let improved = true;
    let passes = 0;
    while (improved && passes < 1000) {
      improved = false;
      passes++;
      shuffleInPlace(this.order, this.rng);
      for (let i = 0; i < n; i++) {
        const u = this.order[i]!;
        const list = this.neighbours[u]!;
        const tested = this.testedAt[u]!;
        this.testedAt[u] = this.moveCount;
        for (let k = 0; k < list.length; k++) {
          const v = list[k]!;
          if (this.modifiedAt[this.routeOf[u]!]! <= tested && this.modifiedAt[this.routeOf[v]!]! <= tested) continue;
          if (this.tryMoves(u, v)) improved = true;
        }
        if (tested < 0 || this.modifiedAt[this.routeOf[u]!]! > tested) {
          if (this.tryEmptyRoute(u)) improved = true;
        }
      }
    }
    const out: number[][] = [];
    for (let r = 0; r < this.routeCount; r++) if (this.lens[r]! > 0) out.push(Array.from(this.seqs[r]!.subarray(0, this.lens[r]!)));
    return out;
  }

  private load(routes: number[][]): void {
    const n = this.problem.taskCount;
    this.routeCount = 0;
    for (const route of routes) {
      if (route.length === 0) continue;
      const r = this.routeCount++;
      if (this.seqs.length <= r) {
        this.seqs.push(new Int32Array(n + 2));
        this.lens.push(0);
        this.costs.push(0);
        this.loads.push(0);
        this.pens.push(0);
        this.modifiedAt.push(0);
      }
      this.seqs[r]!.set(route);
      this.lens[r] = route.length;
      this.update(r);
    }
  }

  /** Recomputes positions, prefix/suffix costs and loads of route r. */
  private update(r: number): void {
    const { entry, exit, service, dist, terminalCount: k, taskDemand } = this.problem;
    const seq = this.seqs[r]!;
    const len = this.lens[r]!;
    const fw = this.fw;
    const bw = this.bw;
    let load = 0;
    let c0 = 0;
    let c1 = 0;
    for (let i = 0; i < len; i++) {
      const t = seq[i]!;
      this.routeOf[t] = r;
      this.posOf[t] = i;
      load += taskDemand[t]!;
      this.preLoad[t] = load;
      const e0 = entry[2 * t]!;
      const e1 = entry[2 * t + 1]!;
      if (i === 0) {
        c0 = dist[e0]! + service[2 * t]!;
        c1 = dist[e1]! + service[2 * t + 1]!;
      } else {
        const prev = seq[i - 1]!;
        const x0 = exit[2 * prev]! * k;
        const x1 = exit[2 * prev + 1]! * k;
        const n0 = Math.min(c0 + dist[x0 + e0]!, c1 + dist[x1 + e0]!) + service[2 * t]!;
        const n1 = Math.min(c0 + dist[x0 + e1]!, c1 + dist[x1 + e1]!) + service[2 * t + 1]!;
        c0 = n0;
        c1 = n1;
      }
      fw[2 * t] = c0;
      fw[2 * t + 1] = c1;
    }
    for (let i = len - 1; i >= 0; i--) {
      const t = seq[i]!;
      const x0 = exit[2 * t]! * k;
      const x1 = exit[2 * t + 1]! * k;
      if (i === len - 1) {
        bw[2 * t] = service[2 * t]! + dist[x0]!;
        bw[2 * t + 1] = service[2 * t + 1]! + dist[x1]!;
      } else {
        const next = seq[i + 1]!;
        const e0 = entry[2 * next]!;
        const e1 = entry[2 * next + 1]!;
        const b0 = bw[2 * next]!;
        const b1 = bw[2 * next + 1]!;
        bw[2 * t] = service[2 * t]! + Math.min(dist[x0 + e0]! + b0, dist[x0 + e1]! + b1);
        bw[2 * t + 1] = service[2 * t + 1]! + Math.min(dist[x1 + e0]! + b0, dist[x1 + e1]! + b1);
      }
    }
    let cost = 0;
    if (len > 0) {
      const first = seq[0]!;
      cost = Math.min(bw[2 * first]! + dist[entry[2 * first]!]!, bw[2 * first + 1]! + dist[entry[2 * first + 1]!]!);
    }
    this.costs[r] = cost;
    this.loads[r] = load;
    this.pens[r] = penalisedRouteCost(this.problem, cost, load, this.p);
    this.modifiedAt[r] = ++this.moveCount;
  }

  /**
   * Penalised cost of the route: route ra's tasks 0…a (none when a < 0), then list[0…count-1],
   * then route rb's tasks b…end (none when b is past the end). Sets candCost and candLoad.
   */
  private evaluate(ra: number, a: number, list: Int32Array, count: number, rb: number, b: number): number {
    const { entry, exit, service, dist, terminalCount: k, taskDemand } = this.problem;
    let c0: number;
    let c1: number;
    let n0: number;
    let n1: number;
    let load: number;
    if (a < 0) {
      c0 = 0; c1 = Infinity; n0 = 0; n1 = 0; load = 0;
    } else {
      const t = this.seqs[ra]![a]!;
      c0 = this.fw[2 * t]!; c1 = this.fw[2 * t + 1]!;
      n0 = exit[2 * t]!; n1 = exit[2 * t + 1]!;
      load = this.preLoad[t]!;
    }
    for (let i = 0; i < count; i++) {
      const x = list[i]!;
      const e0 = entry[2 * x]!;
      const e1 = entry[2 * x + 1]!;
      const m0 = Math.min(c0 + dist[n0 * k + e0]!, c1 + dist[n1 * k + e0]!) + service[2 * x]!;
      const m1 = Math.min(c0 + dist[n0 * k + e1]!, c1 + dist[n1 * k + e1]!) + service[2 * x + 1]!;
      c0 = m0; c1 = m1;
      n0 = exit[2 * x]!; n1 = exit[2 * x + 1]!;
      load += taskDemand[x]!;
    }
    let cost: number;
    const lenB = this.lens[rb] ?? 0;
    if (b >= lenB) {
      cost = Math.min(c0 + dist[n0 * k]!, c1 + dist[n1 * k]!);
    } else {
      const t = this.seqs[rb]![b]!;
      const e0 = entry[2 * t]!;
      const e1 = entry[2 * t + 1]!;
      const b0 = this.bw[2 * t]!;
      const b1 = this.bw[2 * t + 1]!;
      cost = Math.min(
        c0 + Math.min(dist[n0 * k + e0]! + b0, dist[n0 * k + e1]! + b1),
        c1 + Math.min(dist[n1 * k + e0]! + b0, dist[n1 * k + e1]! + b1),
      );
      load += this.loads[rb]! - (b > 0 ? this.preLoad[this.seqs[rb]![b - 1]!]! : 0);
    }
    this.candCost = cost;
    this.candLoad = load;
    return penalisedRouteCost(this.problem, cost, load, this.p);
  }

  /** A lower bound of `evaluate`: the pieces' own costs, the deadheading between them left out. */
  private lowerBound(ra: number, a: number, list: Int32Array, count: number, rb: number, b: number): number {
    const { service, taskDemand } = this.problem;
    let cost = 0;
    let load = 0;
    if (a >= 0) {
      const t = this.seqs[ra]![a]!;
      cost = Math.min(this.fw[2 * t]!, this.fw[2 * t + 1]!);
      load = this.preLoad[t]!;
    }
    for (let i = 0; i < count; i++) {
      const x = list[i]!;
      cost += Math.min(service[2 * x]!, service[2 * x + 1]!);
      load += taskDemand[x]!;
    }
    const lenB = this.lens[rb] ?? 0;
    if (b < lenB) {
      const t = this.seqs[rb]![b]!;
      cost += Math.min(this.bw[2 * t]!, this.bw[2 * t + 1]!);
      load += this.loads[rb]! - (b > 0 ? this.preLoad[this.seqs[rb]![b - 1]!]! : 0);
    }
    return penalisedRouteCost(this.problem, cost, load, this.p);
  }

  /** Writes the candidate route (as in `evaluate`) to out; returns its length. */
  private materialise(ra: number, a: number, list: Int32Array, count: number, rb: number, b: number, out: Int32Array): number {
    let len = 0;
    if (a >= 0) for (let i = 0; i <= a; i++) out[len++] = this.seqs[ra]![i]!;
    for (let i = 0; i < count; i++) out[len++] = list[i]!;
    const lenB = this.lens[rb] ?? 0;
    for (let i = b; i < lenB; i++) out[len++] = this.seqs[rb]![i]!;
    return len;
  }

  /** Prices a change of two different routes; applies it when it improves. */
  private tryPair(
    ru: number, a1: number, l1: Int32Array, n1: number, rb1: number, b1: number,
    rv: number, a2: number, l2: Int32Array, n2: number, rb2: number, b2: number,
  ): boolean {
    const before = this.pens[ru]! + this.pens[rv]!;
    // Bounds without the deadheading at the joins prune most candidates before pricing them.
    const boundB = this.lowerBound(rv, a2, l2, n2, rb2, b2);
    if (this.lowerBound(ru, a1, l1, n1, rb1, b1) + boundB >= before - EPSILON) return false;
    const costA = this.evaluate(ru, a1, l1, n1, rb1, b1);
    if (costA + boundB >= before - EPSILON) return false;
    const costB = this.evaluate(rv, a2, l2, n2, rb2, b2);
    if (costA + costB >= before - EPSILON) return false;
    const lenA = this.materialise(ru, a1, l1, n1, rb1, b1, this.outA);
    const lenB = this.materialise(rv, a2, l2, n2, rb2, b2, this.outB);
    this.seqs[ru]!.set(this.outA.subarray(0, lenA));
    this.lens[ru] = lenA;
    this.seqs[rv]!.set(this.outB.subarray(0, lenB));
    this.lens[rv] = lenB;
    this.update(ru);
    this.update(rv);
    return true;
  }

  /** Prices a new order of one route (in `build`, length len); applies it when it improves. */
  private trySingle(r: number, len: number): boolean {
    const seq = this.seqs[r]!;
    const build = this.build;
    let lo = 0;
    while (lo < len && build[lo] === seq[lo]) lo++;
    if (lo === len) return false;
    let hi = len - 1;
    while (hi > lo && build[hi] === seq[hi]) hi--;
    const count = hi - lo + 1;
    for (let i = 0; i < count; i++) this.listA[i] = build[lo + i]!;
    const cost = this.evaluate(r, lo - 1, this.listA, count, r, hi + 1);
    if (cost >= this.pens[r]! - EPSILON) return false;
    seq.set(build.subarray(0, len));
    this.update(r);
    return true;
  }

  private tryMoves(u: number, v: number): boolean {
    const ru = this.routeOf[u]!;
    const rv = this.routeOf[v]!;
    const pu = this.posOf[u]!;
    const pv = this.posOf[v]!;
    const su = this.seqs[ru]!;
    const sv = this.seqs[rv]!;
    const lu = this.lens[ru]!;
    const lv = this.lens[rv]!;
    const x = pu + 1 < lu ? su[pu + 1]! : -1;
    const y = pv + 1 < lv ? sv[pv + 1]! : -1;
    const A = this.listA;
    const B = this.listB;
    if (ru !== rv) {
      // Relocate u after v, before v.
      B[0] = u;
      if (this.tryPair(ru, pu - 1, A, 0, ru, pu + 1, rv, pv, B, 1, rv, pv + 1)) return true;
      if (this.tryPair(ru, pu - 1, A, 0, ru, pu + 1, rv, pv - 1, B, 1, rv, pv)) return true;
      if (x >= 0) {
        // Relocate (u, x) or (x, u) after or before v.
        B[0] = u; B[1] = x;
        if (this.tryPair(ru, pu - 1, A, 0, ru, pu + 2, rv, pv, B, 2, rv, pv + 1)) return true;
        if (this.tryPair(ru, pu - 1, A, 0, ru, pu + 2, rv, pv - 1, B, 2, rv, pv)) return true;
        B[0] = x; B[1] = u;
        if (this.tryPair(ru, pu - 1, A, 0, ru, pu + 2, rv, pv, B, 2, rv, pv + 1)) return true;
        if (this.tryPair(ru, pu - 1, A, 0, ru, pu + 2, rv, pv - 1, B, 2, rv, pv)) return true;
      }
      // Swap u and v.
      A[0] = v; B[0] = u;
      if (this.tryPair(ru, pu - 1, A, 1, ru, pu + 1, rv, pv - 1, B, 1, rv, pv + 1)) return true;
      if (x >= 0) {
        // Swap (u, x) with v, and with (v, y).
        A[0] = v; B[0] = u; B[1] = x;
        if (this.tryPair(ru, pu - 1, A, 1, ru, pu + 2, rv, pv - 1, B, 2, rv, pv + 1)) return true;
        if (y >= 0) {
          A[0] = v; A[1] = y; B[0] = u; B[1] = x;
          if (this.tryPair(ru, pu - 1, A, 2, ru, pu + 2, rv, pv - 1, B, 2, rv, pv + 2)) return true;
        }
      }
      // 2-opt*: u then what followed v (and v then what followed u); u then v.
      if (this.tryPair(ru, pu, A, 0, rv, pv + 1, rv, pv, B, 0, ru, pu + 1)) return true;
      if (this.tryPair(ru, pu, A, 0, rv, pv, rv, pv - 1, B, 0, ru, pu + 1)) return true;
      // 2-opt* reversed: u then v's prefix backwards; u's suffix backwards then v's suffix.
      let na = 0;
      for (let i = pv; i >= 0; i--) A[na++] = sv[i]!;
      let nb = 0;
      for (let i = lu - 1; i > pu; i--) B[nb++] = su[i]!;
      if (this.tryPair(ru, pu, A, na, ru, lu, rv, -1, B, nb, rv, pv + 1)) return true;
      return false;
    }
    // Same route: build each new order and price the part that changed.
    const build = this.build;
    const len = lu;
    // Relocate u after v, before v.
    for (const after of [true, false]) {
      const k = this.copyWithout(su, len, pu, pu);
      let at = pv < pu ? pv : pv - 1;
      if (after) at++;
      this.insertAt(at, u, -1, k);
      if (this.trySingle(ru, len)) return true;
    }
    // Relocate (u, x) after v.
    if (x >= 0 && x !== v) {
      const k = this.copyWithout(su, len, pu, pu + 1);
      const at = (pv < pu ? pv : pv - 2) + 1;
      this.insertAt(at, u, x, k);
      if (this.trySingle(ru, len)) return true;
    }
    // Swap u and v.
    for (let i = 0; i < len; i++) build[i] = su[i]!;
    build[pu] = v;
    build[pv] = u;
    if (this.trySingle(ru, len)) return true;
    // 2-opt: reverse the tasks between u (exclusive) and v (inclusive), in either order.
    const lo = Math.min(pu, pv) + 1;
    const hi = Math.max(pu, pv);
    if (hi > lo) {
      for (let i = 0; i < len; i++) build[i] = su[i]!;
      for (let i = lo, j = hi; i < j; i++, j--) { const t = build[i]!; build[i] = build[j]!; build[j] = t; }
      if (this.trySingle(ru, len)) return true;
    }
    return false;
  }

  /** Copies seq to `build` without positions skipFrom…skipTo; returns the new length. */
  private copyWithout(seq: Int32Array, len: number, skipFrom: number, skipTo: number): number {
    const build = this.build;
    let k = 0;
    for (let i = 0; i < len; i++) if (i < skipFrom || i > skipTo) build[k++] = seq[i]!;
    return k;
  }

  /** Inserts a (and b unless it is -1) at position `at` of `build[0 … length-1]`. */
  private insertAt(at: number, a: number, b: number, length: number): void {
    const build = this.build;
    const count = b < 0 ? 1 : 2;
    for (let i = length - 1; i >= at; i--) build[i + count] = build[i]!;
    build[at] = a;
    if (b >= 0) build[at + 1] = b;
  }

  /** Moves u alone into a new route, when the fleet allows one more. */
  private tryEmptyRoute(u: number): boolean {
    const ru = this.routeOf[u]!;
    if (this.lens[ru]! <= 1) return false;
    let empty = -1;
    for (let r = 0; r < this.routeCount; r++) if (this.lens[r] === 0) { empty = r; break; }
    if (empty < 0) {
      if (this.routeCount >= this.problem.maxVehicles) return false;
      empty = this.routeCount;
      if (this.seqs.length <= empty) {
        this.seqs.push(new Int32Array(this.problem.taskCount + 2));
        this.lens.push(0);
        this.costs.push(0);
        this.loads.push(0);
        this.pens.push(0);
        this.modifiedAt.push(0);
      }
      this.lens[empty] = 0;
      this.pens[empty] = 0;
      this.routeCount++;
    }
    const pu = this.posOf[u]!;
    this.listB[0] = u;
    const moved = this.tryPair(ru, pu - 1, this.listA, 0, ru, pu + 1, empty, -1, this.listB, 1, empty, 0);
    if (!moved && empty === this.routeCount - 1 && this.lens[empty] === 0) this.routeCount--;
    return moved;
  }
}

/** For each task, the `granularity` tasks whose ends lie closest to its ends (either way round). */
function correlatedTasks(problem: CarpProblem, granularity: number): Int32Array[] {
  const { taskCount: n, entry, exit, service, dist, terminalCount: k } = problem;
  const closeness = (a: number, b: number): number => {
    let best = Infinity;
    for (let oa = 0; oa < 2; oa++) {
      if (service[2 * a + oa] === Infinity) continue;
      for (let ob = 0; ob < 2; ob++) {
        if (service[2 * b + ob] === Infinity) continue;
        best = Math.min(best, dist[exit[2 * a + oa]! * k + entry[2 * b + ob]!]!, dist[exit[2 * b + ob]! * k + entry[2 * a + oa]!]!);
      }
    }
    return best;
  };
  const out: Int32Array[] = [];
  const others: Array<{ t: number; d: number }> = [];
  for (let a = 0; a < n; a++) {
    others.length = 0;
    for (let b = 0; b < n; b++) if (b !== a) others.push({ t: b, d: closeness(a, b) });
    others.sort((p, q) => p.d - q.d || p.t - q.t);
    out.push(Int32Array.from(others.slice(0, granularity).map((o) => o.t)));
  }
  return out;
}

export function shuffleInPlace(a: Int32Array, rng: Random): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
