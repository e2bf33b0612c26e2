/**
 * The search for problems with shipments: adaptive large neighbourhood search (Ropke & Pisinger
 * 2006, "An adaptive large neighborhood search heuristic for the pickup and delivery problem with
 * time windows"). Each iteration takes some requests out (random, worst, related or a whole
 * route) and puts them back by greedy or regret insertion, with or without noise; simulated
 * annealing decides whether to keep the result, and operator weights follow their success. After
 * each repair the routes go to their cheapest vehicles as they stand (pdptw/reassign.ts).
 * A request is a shipment (pick-up and delivery moved together, so pairing and precedence hold
 * by construction) or a plain stop. Requests with no feasible place wait in a bank.
 *
 * Two phases, as Ropke & Pisinger: first fewer routes (take the smallest route's requests out and
 * search with one route less until the bank empties; Li & Lim's convention counts vehicles
 * first), for at most half the budget and a quarter without success, then lower cost with the
 * route count fixed (when vehicles cost more than any route's driving; else the whole fleet).
 * Without a known budget (a time or iteration limit) the phase ends after 2000 iterations without
 * success and the temperature falls per iteration. The best plan is the one leaving the least
 * priority, then the fewest requests, unserved, then the cheapest (the evaluator's `routeCost`).
 */
import type { ProgressCallback } from '../../util/progress.js';
import type { Random } from '../../util/random.js';
import type { ProblemData } from '../model.js';
import type { SearchState, StopRule } from '../stop.js';
import type { SolveProgressEvent } from '../search/hgs.js';
import { isFeasibleRoute, summariseRoute } from '../evaluate.js';
import { Segment } from '../segments.js';
import { makeRequests, RouteSet } from './routes.js';
import type { Insertion, Requests } from './routes.js';
import { insertRequests, requestWeights } from '../construct/insertion.js';
import { reassignVehicles, VehiclePrices } from './reassign.js';

/** Options of `runAlns`. */
export interface AlnsOptions {
  onProgress?: ProgressCallback;
  /** Seconds the search may run, when known: the phases and the cooling follow the clock. */
  timeLimit?: number;
  /** Iterations the search may run, when known and no time limit is given. */
  maxIterations?: number;
  /** Routes per slot to start from (a warm start): the feasible ones are kept, the rest inserted. */
  initial?: number[][];
  /**
   * Routes per slot the answer is never worse than (kept and completed as `initial`), when the
   * search starts elsewhere: a cheap start that leaves more out (vrp/solve.ts) beside the plan
   * that serves the most.
   */
  fallback?: number[][];
  /** At most this many requests taken out per iteration (default DESTROY_MAX, Ropke & Pisinger's; vrp/solve.ts says when fewer). */
  destroyMax?: number;
}

/** The best plan found: stops per vehicle slot and the requests left unserved. */
export interface AlnsResult {
  routes: number[][];
  /** Stops left out by the search (the pre-checks' exclusions are not listed). */
  unserved: number[];
  iterations: number;
}

/** Share of the run spent on fewer routes at most, and without one route less at most. */
const ROUTE_PHASE = 0.5;
const ROUTE_STALL = 0.25;
/** Without a known budget (another stop rule): the route phase ends after this many iterations without one route less, and the temperature falls by this factor per iteration (Ropke & Pisinger). */
const ROUTE_STALL_ITERATIONS = 2000;
const COOLING = 0.99975;
/** Temperature at the end of a phase, relative to its start, when the budget is known. */
const FINAL_TEMPERATURE = 0.002;
/** Scores of Ropke & Pisinger: new best, better than current, accepted. */
const SCORE_BEST = 33;
const SCORE_BETTER = 9;
const SCORE_ACCEPTED = 13;
const SEGMENT = 100;
const REACTION = 0.1;

/** Requests one destroy takes out at least (fewer on small plans), and at most by default (Ropke & Pisinger: 4 to min(100, 0.4 n)). */
const DESTROY_MIN = 4;
const DESTROY_MAX = 40;
const DESTROY_SHARE = 0.4;
const DESTROY = ['random', 'worst', 'related', 'route'] as const;
const REPAIR = [1, 2, 3, 4] as const; // regret-k; 1 is greedy

/** A plan and its bank of unserved requests. */
class Plan {
  readonly set: RouteSet;
  bank: number[] = [];
  constructor(problem: ProblemData) {
    this.set = new RouteSet(problem);
  }
  copyFrom(o: Plan): void {
    this.set.copyFrom(o.set);
    this.bank = o.bank.slice();
  }
}

/**
 * Runs the search on the active stops until `stop` says so. Deterministic for a seed and an
 * iteration limit.
 */
export function runAlns(problem: ProblemData, active: Uint8Array, rng: Random, stop: StopRule, options: AlnsOptions = {}): AlnsResult {
  const startTime = performance.now();
  const state: SearchState = { iterations: 0, iterationsWithoutImprovement: 0, elapsedSeconds: 0 };
  const req = makeRequests(problem, active);
  const R = req.count;
  const search = new Search(problem, req, rng, options.destroyMax ?? DESTROY_MAX);
  // Share of the budget used, when the budget is known (else -1: phases by stalls, cooling per iteration).
  const progress = (): number => {
    // Both limits: whichever is nearer to stopping the run.
    let used = -1;
    if (options.timeLimit !== undefined) used = Math.max(used, state.elapsedSeconds / options.timeLimit);
    if (options.maxIterations !== undefined) used = Math.max(used, state.iterations / Math.max(1, options.maxIterations));
    return Math.min(1, used);
  };

  const best = new Plan(problem);
  const placed = options.initial === undefined ? new Uint8Array(R) : keepFeasible(problem, req, best.set, options.initial);
  for (let q = 0; q < R; q++) if (!placed[q]) best.bank.push(q);
  search.repair(best, best.set.slots, 2, false);
  const current = new Plan(problem);
  const candidate = new Plan(problem);
  current.copyFrom(best);
  if (options.fallback !== undefined) {
    // The search goes on from the start; the best so far is the better of the two.
    const kept = keepFeasible(problem, req, candidate.set, options.fallback);
    candidate.bank = [];
    for (let q = 0; q < R; q++) if (!kept[q]) candidate.bank.push(q);
    search.repair(candidate, candidate.set.slots, 2, false);
    if (search.better(candidate, best)) best.copyFrom(candidate);
  }
  let lastReport = -Infinity;
  const report = (force: boolean): void => {
    if (!options.onProgress || (!force && state.elapsedSeconds - lastReport < 0.5)) return;
    lastReport = state.elapsedSeconds;
    const feasible = best.bank.length === 0;
    const event: SolveProgressEvent = {
      step: 'solve', done: state.iterations, iteration: state.iterations, elapsedSeconds: state.elapsedSeconds,
      bestCost: best.set.total(),
      message: `best ${Math.round(best.set.total() * 100) / 100}, ${best.set.used()} routes${feasible ? '' : `, ${search.unservedStops(best).length} left out`}`,
    };
    if (!feasible) event.leftOut = search.unservedStops(best).length;
    options.onProgress(event);
  };

  // Phase 1: one route less at a time while every request still finds a place.
  let cap = best.set.slots;
  let temperature = search.startTemperature(best);
  // Fewer routes is worth a phase of its own only when every route costs more than any request can
  // (Li & Lim's convention); with VROOM's costs a vehicle's fixed cost is one term among others,
  // and the cost phase (its route removal included) weighs it (n050-roomy: see docs/vroom.md).
  const routesCost = search.hierarchical;
  let phase: 'routes' | 'cost' = routesCost && best.bank.length === 0 && best.set.used() > 1 ? 'routes' : 'cost';
  let lastReduction = { frac: 0, iteration: 0 };
  let phaseStart = { frac: 0, iteration: 0 };
  const startRoutePhase = (from: Plan): void => {
    lastReduction = { frac: Math.max(0, progress()), iteration: state.iterations };
    current.copyFrom(from);
    cap = from.set.used() - 1;
    search.removeRoute(current, search.smallestRoute(current));
  };
  if (phase === 'routes') startRoutePhase(best);
  else cap = search.costPhaseCap(best);

  for (;;) {
    state.elapsedSeconds = (performance.now() - startTime) / 1000;
    if (stop(state)) break;
    const frac = progress();
    const known = frac >= 0;
    if (phase === 'routes' && (known
      ? frac >= ROUTE_PHASE || frac - lastReduction.frac >= ROUTE_STALL
      : state.iterations - lastReduction.iteration >= ROUTE_STALL_ITERATIONS)) {
      phase = 'cost';
      phaseStart = { frac, iteration: state.iterations };
      current.copyFrom(best);
      cap = search.costPhaseCap(best);
      temperature = search.startTemperature(best);
    }
    const t = known
      ? temperature * Math.pow(FINAL_TEMPERATURE, Math.max(0, Math.min(1, phase === 'routes'
        ? frac / ROUTE_PHASE
        : (frac - phaseStart.frac) / Math.max(1e-9, 1 - phaseStart.frac))))
      : temperature * Math.pow(COOLING, state.iterations - phaseStart.iteration);

    candidate.copyFrom(current);
    const d = search.pick(search.destroyWeights);
    const r = search.pick(search.repairWeights);
    const noisy = rng.next() < 0.5;
    search.destroy(candidate, DESTROY[d]!);
    search.repair(candidate, cap, REPAIR[r]!, noisy);
    // The repaired routes on their cheapest vehicles (pdptw/reassign.ts): the insertions never
    // move a route whole to another kind of vehicle.
    reassignVehicles(candidate.set, search.prices);
    state.iterations++;
    state.iterationsWithoutImprovement++;

    const fCand = search.objective(candidate);
    const fCur = search.objective(current);
    let score = 0;
    if (search.better(candidate, best)) {
      best.copyFrom(candidate);
      state.iterationsWithoutImprovement = 0;
      score = SCORE_BEST;
    }
    if (fCand < fCur - 1e-9) {
      current.copyFrom(candidate);
      if (score === 0) score = SCORE_BETTER;
    } else if (fCand > fCur + 1e-9 && t > 0 && rng.next() < Math.exp((fCur - fCand) / t)) {
      current.copyFrom(candidate);
      if (score === 0) score = SCORE_ACCEPTED;
    }
    search.credit(d, r, score);
    // A plan with one route less that serves everything: the next attempt starts from it.
    if (phase === 'routes' && candidate.bank.length === 0 && candidate.set.used() <= cap && candidate.set.used() > 1) startRoutePhase(candidate);
    report(false);
  }
  report(true);
  return { routes: best.set.routes.map((x) => x.slice()), unserved: search.unservedStops(best), iterations: state.iterations };
}

/**
 * A warm start's routes, each kept when it is feasible with only whole requests (both halves of a
 * shipment on it, the pick-up first); returns which requests it placed.
 */
function keepFeasible(problem: ProblemData, req: Requests, set: RouteSet, initial: number[][]): Uint8Array {
  const placed = new Uint8Array(req.count);
  const seg = new Segment(problem.nDims);
  initial.forEach((stops, r) => {
    if (r >= set.slots || stops.length === 0) return;
    const at = new Map(stops.map((s, k) => [s, k]));
    const whole = stops.every((s) => {
      const q = req.of[s]!;
      if (q < 0) return false;
      const other = req.first[q] === s ? req.second[q]! : req.first[q]!;
      return other < 0 || (at.has(other) && at.get(req.first[q]!)! < at.get(req.second[q]!)!);
    });
    if (!whole) return;
    const type = set.slotType[r]!;
    summariseRoute(problem, type, stops, stops.length, seg);
    const lacks = problem.skillMismatch[type.index];
    if (!isFeasibleRoute(seg, type) || (lacks && stops.some((s) => lacks[s]))) return;
    set.routes[r] = stops.slice();
    set.refresh(r);
    for (const s of stops) placed[req.of[s]!] = 1;
  });
  return placed;
}

/** Operators, weights and the objective; holds the scratch arrays. */
class Search {
  readonly destroyWeights = new Float64Array(DESTROY.length).fill(1);
  readonly repairWeights = new Float64Array(REPAIR.length).fill(1);
  private readonly destroyScore = new Float64Array(DESTROY.length);
  private readonly repairScore = new Float64Array(REPAIR.length);
  private readonly destroyUses = new Float64Array(DESTROY.length);
  private readonly repairUses = new Float64Array(REPAIR.length);
  private sinceUpdate = 0;
  /** Per request: weight of leaving it unserved (priority first, then count). */
  private readonly bankWeight: Float64Array;
  /** Price of one unit of bank weight in the annealing objective. */
  private readonly bankPrice: number;
  /** Every vehicle costs more than any route's driving: fewer routes first (Li & Lim's convention). */
  readonly hierarchical: boolean;
  private readonly routeOf: Int32Array;
  private readonly insertion: Insertion = { delta: 0, i: -1, j: -1 };
  private readonly noiseAmount: number;
  private readonly related: Float64Array;
  /** Routes priced on every kind of vehicle, for the reassignment after each repair. */
  readonly prices: VehiclePrices;

  constructor(readonly problem: ProblemData, readonly req: Requests, readonly rng: Random, readonly destroyMax: number) {
    const R = req.count;
    this.bankWeight = requestWeights(problem, req);
    this.routeOf = new Int32Array(R).fill(-1);
    // Largest arc, for the noise (Ropke & Pisinger: η · max distance) and the price of the bank.
    const prof = problem.profiles[0]!;
    let maxArc = 0;
    for (let k = 0; k < prof.distance.length; k++) {
      const v = prof.distance[k]!;
      if (v < problem.unreachable && v > maxArc) maxArc = v;
    }
    this.noiseAmount = 0.025 * maxArc;
    let price = 1;
    const solo = new RouteSet(problem);
    for (let q = 0; q < R; q++) {
      for (let r = 0; r < solo.slots; r++) {
        const fixed = solo.slotType[r]!.fixedCost;
        solo.bestInsertion(r, req.first[q]!, req.second[q]!, this.insertion);
        if (this.insertion.i >= 0 && this.insertion.delta - fixed + 1 > price) price = this.insertion.delta - fixed + 1;
      }
    }
    this.bankPrice = 2 * price;
    this.hierarchical = problem.vehicleTypes.every((t) => t.fixedCost >= this.bankPrice);
    this.related = relatedness(problem, req);
    this.prices = new VehiclePrices(solo);
  }

  /**
   * Routes the cost phase may use: with hierarchical fixed costs the count the route phase
   * reached (a new route never pays, Ropke & Pisinger fix it); else the whole fleet.
   */
  costPhaseCap(best: Plan): number {
    return this.hierarchical ? Math.max(1, best.set.used()) : best.set.slots;
  }

  /** Annealing objective: cost plus the priced bank. */
  objective(plan: Plan): number {
    return plan.set.total() + this.bankPrice * this.bankKey(plan);
  }

  private bankKey(plan: Plan): number {
    let key = 0;
    for (const q of plan.bank) key += this.bankWeight[q]!;
    return key;
  }

  /** Less priority and fewer requests unserved, then lower cost. */
  better(a: Plan, b: Plan): boolean {
    const ka = this.bankKey(a);
    const kb = this.bankKey(b);
    if (ka !== kb) return ka < kb;
    return a.set.total() < b.set.total() - 1e-9;
  }

  /** Starting temperature: a plan 5 % worse (in its cost beyond fixed costs) is kept half the time. */
  startTemperature(plan: Plan): number {
    let variable = 0;
    plan.set.routes.forEach((route, r) => {
      if (route.length > 0) variable += plan.set.cost[r]! - plan.set.slotType[r]!.fixedCost;
    });
    return (0.05 * Math.max(variable, 1)) / Math.LN2;
  }

  pick(weights: Float64Array): number {
    let sum = 0;
    for (const w of weights) sum += w;
    let x = this.rng.next() * sum;
    for (let k = 0; k < weights.length; k++) {
      x -= weights[k]!;
      if (x < 0) return k;
    }
    return weights.length - 1;
  }

  credit(d: number, r: number, score: number): void {
    this.destroyScore[d] = this.destroyScore[d]! + score;
    this.repairScore[r] = this.repairScore[r]! + score;
    this.destroyUses[d] = this.destroyUses[d]! + 1;
    this.repairUses[r] = this.repairUses[r]! + 1;
    if (++this.sinceUpdate < SEGMENT) return;
    this.sinceUpdate = 0;
    const update = (w: Float64Array, s: Float64Array, u: Float64Array): void => {
      for (let k = 0; k < w.length; k++) {
        if (u[k]! > 0) w[k] = Math.max(0.05, w[k]! * (1 - REACTION) + (REACTION * s[k]!) / u[k]!);
        s[k] = 0;
        u[k] = 0;
      }
    };
    update(this.destroyWeights, this.destroyScore, this.destroyUses);
    update(this.repairWeights, this.repairScore, this.repairUses);
  }

  unservedStops(plan: Plan): number[] {
    const out: number[] = [];
    for (const q of plan.bank) {
      out.push(this.req.first[q]!);
      if (this.req.second[q]! >= 0) out.push(this.req.second[q]!);
    }
    return out.sort((a, b) => a - b);
  }

  smallestRoute(plan: Plan): number {
    let best = -1;
    let size = Infinity;
    plan.set.routes.forEach((route, r) => {
      // Ties broken at random so that a failed attempt is not repeated on the same route.
      const s = route.length + this.rng.next();
      if (route.length > 0 && s < size) {
        size = s;
        best = r;
      }
    });
    return best;
  }

  removeRoute(plan: Plan, r: number): void {
    if (r < 0) return;
    const route = plan.set.routes[r]!;
    for (const s of route) if (this.problem.shipmentRole[s] !== 2) plan.bank.push(this.req.of[s]!);
    route.length = 0;
    plan.set.refresh(r);
  }

  private locate(plan: Plan): number[] {
    const assigned: number[] = [];
    this.routeOf.fill(-1);
    plan.set.routes.forEach((route, r) => {
      for (const s of route) {
        if (this.problem.shipmentRole[s] === 2) continue;
        this.routeOf[this.req.of[s]!] = r;
        assigned.push(this.req.of[s]!);
      }
    });
    return assigned;
  }

  private take(plan: Plan, q: number): number {
    const r = this.routeOf[q]!;
    plan.set.takeOut(r, this.req.first[q]!, this.req.second[q]!);
    plan.bank.push(q);
    this.routeOf[q] = -1;
    return r;
  }

  /** Takes DESTROY_MIN to `destroyMax` requests (DESTROY_SHARE of the plan at most) out of the plan into its bank (from 1 on small problems). */
  destroy(plan: Plan, how: (typeof DESTROY)[number]): void {
    const assigned = this.locate(plan);
    const n = assigned.length;
    if (n === 0) return;
    // Small problems: from one request up, so that the search can also make small changes.
    const lo = Math.min(DESTROY_MIN, Math.max(1, Math.ceil(0.1 * n)));
    const hi = Math.max(lo, Math.min(this.destroyMax, Math.ceil(DESTROY_SHARE * n)));
    const q = lo + this.rng.int(hi - lo + 1);
    const touched = new Set<number>();
    if (how === 'route') {
      const r = this.smallestRoute(plan);
      this.removeRoute(plan, r);
      return;
    }
    if (how === 'random') {
      for (let k = 0; k < q; k++) {
        const at = k + this.rng.int(n - k);
        [assigned[k], assigned[at]] = [assigned[at]!, assigned[k]!];
        touched.add(this.take(plan, assigned[k]!));
      }
    } else if (how === 'related') {
      const seed = assigned[this.rng.int(n)]!;
      touched.add(this.take(plan, seed));
      const removed = [seed];
      while (removed.length < q) {
        const from = removed[this.rng.int(removed.length)]!;
        const rest = assigned.filter((x) => this.routeOf[x]! >= 0);
        if (rest.length === 0) break;
        const R = this.req.count;
        rest.sort((a, b) => this.related[from * R + a]! - this.related[from * R + b]! || a - b);
        const pick = rest[Math.floor(Math.pow(this.rng.next(), 6) * rest.length)]!;
        touched.add(this.take(plan, pick));
        removed.push(pick);
      }
    } else {
      for (let k = 0; k < q; k++) {
        const rest = assigned.filter((x) => this.routeOf[x]! >= 0);
        if (rest.length === 0) break;
        for (const r of touched) plan.set.refresh(r);
        touched.clear();
        const gain = new Map<number, number>();
        for (const x of rest) gain.set(x, plan.set.removalGain(this.routeOf[x]!, this.req.first[x]!, this.req.second[x]!));
        rest.sort((a, b) => gain.get(b)! - gain.get(a)! || a - b);
        touched.add(this.take(plan, rest[Math.floor(Math.pow(this.rng.next(), 3) * rest.length)]!));
      }
    }
    for (const r of touched) plan.set.refresh(r);
  }

  /** Puts the bank's requests back (construct/insertion.ts); those with no feasible place stay in the bank. */
  repair(plan: Plan, cap: number, k: number, noisy: boolean): void {
    plan.bank = insertRequests(plan.set, plan.bank, this.req, this.bankWeight, cap, k, noisy ? { rng: this.rng, amount: this.noiseAmount } : null);
  }
}

/**
 * Shaw relatedness of two requests (Ropke & Pisinger): distance between their pick-ups and
 * between their deliveries, the openings of their windows, and their loads, each scaled to [0, 1];
 * smaller is more related.
 */
function relatedness(problem: ProblemData, req: Requests): Float64Array {
  const R = req.count;
  const out = new Float64Array(R * R);
  const prof = problem.profiles[0]!;
  const n = problem.nLocations;
  const locOf = (s: number): number => problem.nDepots + s;
  const second = (q: number): number => (req.second[q]! >= 0 ? req.second[q]! : req.first[q]!);
  const amount = (q: number): number => {
    let a = 0;
    for (let d = 0; d < problem.nDims; d++) a += Math.abs(problem.pickup[req.first[q]! * problem.nDims + d]!) + problem.delivery[req.first[q]! * problem.nDims + d]!;
    return a;
  };
  let maxD = 1e-9;
  let maxT = 1e-9;
  let maxQ = 1e-9;
  for (let s = 0; s < problem.nStops; s++) {
    const e = problem.early[locOf(s)]!;
    if (Number.isFinite(e) && e > maxT) maxT = e;
  }
  for (let a = 0; a < n - 1; a++) for (let b = 0; b < n - 1; b++) {
    const v = prof.distance[a * n + b]!;
    if (v < problem.unreachable && v > maxD) maxD = v;
  }
  for (let q = 0; q < R; q++) maxQ = Math.max(maxQ, amount(q));
  const dist = (a: number, b: number): number => Math.min(prof.distance[locOf(a) * n + locOf(b)]!, maxD);
  for (let a = 0; a < R; a++) {
    for (let b = 0; b < R; b++) {
      const d = (dist(req.first[a]!, req.first[b]!) + dist(second(a), second(b))) / maxD;
      const t = (Math.abs(problem.early[locOf(req.first[a]!)]! - problem.early[locOf(req.first[b]!)]!)
        + Math.abs(problem.early[locOf(second(a))]! - problem.early[locOf(second(b))]!)) / maxT;
      const l = Math.abs(amount(a) - amount(b)) / maxQ;
      out[a * R + b] = 9 * d + 3 * (Number.isFinite(t) ? t : 0) + 2 * l;
    }
  }
  return out;
}
