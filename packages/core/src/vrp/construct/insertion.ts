/**
 * Regret insertion (Potvin & Rousseau 1993; Ropke & Pisinger 2006; VROOM's construction): requests
 * (a plain stop, or a shipment's pick-up and delivery together) are put one at a time at their
 * cheapest feasible place over all routes, the most urgent first: the heaviest (priority, then
 * tasks: VROOM's order when the fleet is short), and among equals the one whose best route beats
 * its k − 1 next best by the most. Optionally each route is first seeded with one request (the one
 * furthest from, or nearest to, its vehicle's start), as VROOM's heuristics do, so that the fleet
 * is spread before regret fills it. Every place is priced and checked by the route store
 * (pdptw/routes.ts) on the one evaluator's summaries: windows, breaks, skills, loads, max_tasks,
 * travel and distance limits, a pick-up before its delivery.
 *
 * Used for the first plans of the searches: the shipment search's start and its repair step, and
 * the hybrid genetic search's seeds (search/hgs.ts), so that a short run starts from complete plans.
 */
import type { Random } from '../../util/random.js';
import type { ProblemData } from '../model.js';
import { makeRequests, RouteSet } from '../pdptw/routes.js';
import type { Insertion, Requests } from '../pdptw/routes.js';
import { fillSequentially } from './sequential.js';
import type { VehicleOrder } from './sequential.js';

/**
 * Per request: the weight of leaving it unserved, VROOM's order (priority first, then tasks).
 * A pair leaves two tasks out, a lone stop one, halved so that a pair weighs 1 (Li & Lim's
 * instances, all pairs, keep their objective); one more unit of priority outweighs every task.
 */
export function requestWeights(problem: ProblemData, req: Requests): Float64Array {
  const R = req.count;
  const weight = new Float64Array(R);
  for (let q = 0; q < R; q++) {
    const pair = req.second[q]! >= 0;
    const prio = problem.priority[req.first[q]!]! + (pair ? problem.priority[req.second[q]!]! : 0);
    weight[q] = ((pair ? 2 : 1) + (2 * R + 1) * prio) / 2;
  }
  return weight;
}

/** Random perturbation of insertion costs (Ropke & Pisinger's noise), or none. */
export interface InsertionNoise {
  rng: Random;
  /** Each price moves by up to ± this much. */
  amount: number;
}

/**
 * Puts the `bank`'s requests into `set`, heaviest first and by regret-k among equals (k = 1: the
 * cheapest place overall). A new route is opened only while fewer than `cap` are in use; one
 * empty route per vehicle type stands for all of them. Returns the requests that found no
 * feasible place.
 */
export function insertRequests(
  set: RouteSet, bank: readonly number[], req: Requests, weight: Float64Array, cap: number, k: number, noise: InsertionNoise | null,
): number[] {
  const S = set.slots;
  if (bank.length === 0) return [];
  const order = bank.slice().sort((a, b) => a - b);
  const B = order.length;
  const delta = new Float64Array(B * S).fill(Infinity);
  const posI = new Int32Array(B * S);
  const posJ = new Int32Array(B * S);
  const jitter = new Float64Array(B * S);
  const ins: Insertion = { delta: 0, i: -1, j: -1 };
  const live = new Uint8Array(B).fill(1);
  const evaluate = (b: number, r: number): void => {
    const q = order[b]!;
    set.bestInsertion(r, req.first[q]!, req.second[q]!, ins);
    delta[b * S + r] = ins.delta;
    posI[b * S + r] = ins.i;
    posJ[b * S + r] = ins.j;
    jitter[b * S + r] = noise !== null ? noise.amount * (2 * noise.rng.next() - 1) : 0;
  };
  // One empty slot per type stands for that type's empty routes.
  const standIn = (): number[] => {
    const seen = new Set<number>();
    const out: number[] = [];
    set.routes.forEach((route, r) => {
      const t = set.slotType[r]!.index;
      if (route.length === 0 && !seen.has(t)) {
        seen.add(t);
        out.push(r);
      }
    });
    return out;
  };
  let empties = standIn();
  const isCandidate = new Uint8Array(S);
  const refreshCandidates = (): void => {
    isCandidate.fill(0);
    set.routes.forEach((route, r) => {
      if (route.length > 0) isCandidate[r] = 1;
    });
    if (set.used() < cap) for (const r of empties) isCandidate[r] = 1;
  };
  refreshCandidates();
  for (let b = 0; b < B; b++) for (let r = 0; r < S; r++) if (isCandidate[r]) evaluate(b, r);
  const top = new Float64Array(Math.max(1, k));
  for (let left = B; left > 0; left--) {
    let chosen = -1;
    let chosenRoute = -1;
    let bestWeight = -Infinity;
    let bestRegret = -Infinity;
    let bestCost = Infinity;
    for (let b = 0; b < B; b++) {
      if (!live[b]) continue;
      top.fill(Infinity);
      let route = -1;
      let feasible = 0;
      for (let r = 0; r < S; r++) {
        if (!isCandidate[r]) continue;
        const c = delta[b * S + r]!;
        if (c === Infinity) continue;
        feasible++;
        const v = c + jitter[b * S + r]!;
        if (v < top[0]!) route = r;
        // Keep the k smallest values, sorted.
        for (let h = 0; h < top.length; h++) {
          if (v < top[h]!) {
            for (let m = top.length - 1; m > h; m--) top[m] = top[m - 1]!;
            top[h] = v;
            break;
          }
        }
      }
      if (route < 0) continue;
      let regret = 0;
      // A request with fewer than k feasible routes is the more urgent the fewer it has.
      if (k > 1) for (let h = 1; h < k; h++) regret += h < feasible ? top[h]! - top[0]! : 1e15 * (k - h);
      const cost = top[0]!;
      // Heavier requests first (more priority, then more tasks: VROOM's order when the fleet is
      // short), else a cheap light one takes the room a heavy one needed and no repair undoes it.
      const w = weight[order[b]!]!;
      if (w > bestWeight || (w === bestWeight && (regret > bestRegret || (regret === bestRegret && cost < bestCost)))) {
        bestWeight = w;
        bestRegret = regret;
        bestCost = cost;
        chosen = b;
        chosenRoute = route;
      }
    }
    if (chosen < 0) break;
    const q = order[chosen]!;
    const wasEmpty = set.routes[chosenRoute]!.length === 0;
    ins.delta = delta[chosen * S + chosenRoute]!;
    ins.i = posI[chosen * S + chosenRoute]!;
    ins.j = posJ[chosen * S + chosenRoute]!;
    set.insert(chosenRoute, req.first[q]!, req.second[q]!, ins);
    live[chosen] = 0;
    if (wasEmpty) {
      empties = standIn();
      refreshCandidates();
      for (const r of empties) if (isCandidate[r]) for (let b = 0; b < B; b++) if (live[b]) evaluate(b, r);
    }
    // A route that grew has no place for a request that had none in it before (a stop more only
    // adds time, load, tasks and distance): a quarter of the re-pricings on a short fleet's
    // routes with breaks, where each one times a schedule (n100-all, n150-breaks).
    for (let b = 0; b < B; b++) if (live[b] && delta[b * S + chosenRoute] !== Infinity) evaluate(b, chosenRoute);
  }
  return order.filter((_, b) => live[b]);
}

/** How the routes are opened before regret insertion fills them (VROOM's `init` choices). */
export type RouteSeeding = 'none' | 'furthest' | 'nearest';

/** One way of building a plan. */
export interface InsertionVariant {
  /** Regret over this many best routes (1: cheapest insertion). */
  regret: number;
  seeding: RouteSeeding;
  /**
   * Fill the vehicles one after another in this order (sequential.ts, VROOM's `basic`) with this
   * λ, after the seeding, instead of the parallel regret insertion; what finds no place then goes
   * through the parallel one.
   */
  sequential?: { order: VehicleOrder; lambda: number };
}

/**
 * The variants `constructPlans` tries by default, in the spirit of VROOM's several regret
 * coefficients and seedings, the most often best first (seeded furthest; a short time limit may
 * leave only the first): no variant was best on every instance of benchmarks/vroom.
 */
export const DEFAULT_VARIANTS: readonly InsertionVariant[] = (['furthest', 'nearest', 'none'] as const).flatMap((seeding) =>
  [2, 3, 1].map((regret) => ({ regret, seeding })));

/** A constructed plan: stops per vehicle slot (the slot order of the problem's vehicle types). */
export interface ConstructedPlan {
  routes: number[][];
  /** Active stops it leaves out (no feasible place was left for them). */
  unserved: number[];
  /** Weight of the requests left out (`requestWeights`): smaller is better, before cost. */
  leftOutWeight: number;
  cost: number;
}

/**
 * Seeds routes one vehicle slot at a time, largest capacity first: each takes the heaviest request
 * left that fits alone on it, and among those the furthest from (or nearest to) its start, until
 * the routes seeded carry the bank's load (the fleet is then spread over the area without opening
 * vehicles a smaller plan would not use).
 */
function seedRoutes(problem: ProblemData, set: RouteSet, bank: number[], req: Requests, weight: Float64Array, how: RouteSeeding): number[] {
  if (how === 'none') return bank;
  const D = problem.nDims;
  // The load to carry, in the first dimension of each kind (deliveries and pick-ups alike).
  let demand = 0;
  for (const q of bank) {
    for (const s of [req.first[q]!, req.second[q]!]) {
      if (s < 0) continue;
      demand += Math.max(problem.delivery[s * D]!, problem.pickup[s * D]!);
    }
  }
  const slots = set.slotType.map((_, r) => r).sort((a, b) => set.slotType[b]!.capacity[0]! - set.slotType[a]!.capacity[0]! || a - b);
  const ins: Insertion = { delta: 0, i: -1, j: -1 };
  const left = new Set(bank);
  let carried = 0;
  for (const r of slots) {
    if (carried >= demand || left.size === 0) break;
    const type = set.slotType[r]!;
    const prof = problem.profiles[type.profile]!;
    const n = problem.nLocations;
    let best = -1;
    let bestWeight = -Infinity;
    let bestKey = -Infinity;
    for (const q of left) {
      const w = weight[q]!;
      if (w < bestWeight) continue;
      const away = prof.duration[type.startLocation * n + problem.nDepots + req.first[q]!]!;
      const key = how === 'furthest' ? away : -away;
      if (w === bestWeight && key <= bestKey) continue;
      set.bestInsertion(r, req.first[q]!, req.second[q]!, ins);
      if (ins.i < 0) continue;
      best = q;
      bestWeight = w;
      bestKey = key;
    }
    if (best < 0) continue;
    set.bestInsertion(r, req.first[best]!, req.second[best]!, ins);
    set.insert(r, req.first[best]!, req.second[best]!, ins);
    left.delete(best);
    carried += type.capacity[0]!;
  }
  return bank.filter((q) => left.has(q));
}

/**
 * Builds one plan per variant on the active stops, and returns them best first (least weight
 * left out, then least cost). Deterministic; `outOfTime` (asked before each variant but the
 * first) ends it early.
 *
 * @example
 * const [best] = constructPlans(problem, active);
 * console.log(best.cost, best.unserved.length);
 */
export function constructPlans(
  problem: ProblemData, active: Uint8Array, variants: readonly InsertionVariant[] = DEFAULT_VARIANTS, outOfTime?: () => boolean,
): ConstructedPlan[] {
  const req = makeRequests(problem, active);
  const weight = requestWeights(problem, req);
  const all: number[] = [];
  for (let q = 0; q < req.count; q++) all.push(q);
  const plans: ConstructedPlan[] = [];
  for (const v of variants) {
    if (plans.length > 0 && outOfTime?.() === true) break;
    const set = new RouteSet(problem);
    const bank = seedRoutes(problem, set, all, req, weight, v.seeding);
    const rest = v.sequential === undefined ? bank : fillSequentially(set, bank, req, v.sequential.order, v.sequential.lambda);
    const left = insertRequests(set, rest, req, weight, set.slots, v.regret, null);
    const unserved: number[] = [];
    let leftOutWeight = 0;
    for (const q of left) {
      leftOutWeight += weight[q]!;
      unserved.push(req.first[q]!);
      if (req.second[q]! >= 0) unserved.push(req.second[q]!);
    }
    plans.push({ routes: set.routes.map((r) => r.slice()), unserved: unserved.sort((a, b) => a - b), leftOutWeight, cost: set.total() });
  }
  return plans.map((p, k) => ({ p, k }))
    .sort((a, b) => a.p.leftOutWeight - b.p.leftOutWeight || a.p.cost - b.p.cost || a.k - b.k)
    .map((x) => x.p);
}
