/**
 * Sequential construction with regret to the vehicles not yet filled (VROOM's `basic` heuristic,
 * Solomon's I1 in spirit): the vehicles are filled one after another; each takes, again and again,
 * the request whose cheapest feasible place in its route is lowest once λ × the cost of that
 * request alone on the cheapest vehicle still to come is taken off it, until nothing more fits.
 *
 * Why beside the parallel regret insertion (insertion.ts): on a mixed fleet, requests cheap for
 * every vehicle are the ones that matter. A parallel insertion gives each to the vehicle cheapest
 * for it at the time, so the cheap vehicles fill up with the easy requests near the depot and the
 * dear ones (VROOM's per_km vehicles, 1 per metre, beside per_hour ones at 0.07 per metre) are left
 * the far requests. Filled in turn, a dear vehicle takes what is cheap for it compared with the
 * vehicles to come: a compact cluster by its depot (n150-breaks of benchmarks/vroom: VROOM's three
 * per-km routes drive 28, 58 and 90 km; ours drove 50 to 108 km each).
 */
import type { VehicleTypeData } from '../model.js';
import { RouteSet } from '../pdptw/routes.js';
import type { Insertion, Requests } from '../pdptw/routes.js';

/** The order the vehicles are filled in (VROOM's `SORT`). */
export type VehicleOrder = 'availability' | 'cost';

/** What λ × regret is capped at when no later vehicle can take a request (it must go here or nowhere). */
const ONLY_HERE = 1e9;

/**
 * The vehicle slots in filling order. `availability`: most room first (capacities, then the
 * longest shift); `cost`: the cheapest first (fixed cost, then the mean cost of a request alone).
 */
function slotOrder(set: RouteSet, alone: Float64Array, R: number, order: VehicleOrder): number[] {
  const S = set.slots;
  const meanAlone = new Float64Array(S);
  for (let r = 0; r < S; r++) {
    let sum = 0;
    let k = 0;
    for (let q = 0; q < R; q++) {
      const c = alone[q * S + r]!;
      if (c < Infinity) {
        sum += c;
        k++;
      }
    }
    meanAlone[r] = k > 0 ? sum / k : Infinity;
  }
  const room = (a: VehicleTypeData, b: VehicleTypeData): number => {
    for (let d = 0; d < a.capacity.length; d++) if (a.capacity[d] !== b.capacity[d]) return b.capacity[d]! - a.capacity[d]!;
    return (b.endLate - b.startEarly) - (a.endLate - a.startEarly);
  };
  const slots = set.slotType.map((_, r) => r);
  return slots.sort((a, b) => {
    const ta = set.slotType[a]!;
    const tb = set.slotType[b]!;
    const byCost = ta.fixedCost - tb.fixedCost || meanAlone[a]! - meanAlone[b]!;
    return (order === 'cost' ? byCost || room(ta, tb) : room(ta, tb) || byCost) || a - b;
  });
}

/**
 * Fills the routes of `set` (empty, or seeded with a request each) in turn with the requests of
 * `bank`; returns those that found no place. Deterministic.
 */
export function fillSequentially(set: RouteSet, bank: readonly number[], req: Requests, order: VehicleOrder, lambda: number): number[] {
  const S = set.slots;
  const R = req.count;
  const ins: Insertion = { delta: 0, i: -1, j: -1 };
  // alone[q * S + r]: the request alone on slot r's vehicle, without its fixed cost.
  const empty = new RouteSet(set.problem);
  const alone = new Float64Array(R * S).fill(Infinity);
  for (const q of bank) {
    for (let r = 0; r < S; r++) {
      empty.bestInsertion(r, req.first[q]!, req.second[q]!, ins);
      if (ins.i >= 0) alone[q * S + r] = ins.delta - set.slotType[r]!.fixedCost;
    }
  }
  const slots = slotOrder(set, alone, R, order);
  const left = new Set(bank);
  const regret = new Float64Array(R);
  for (let v = 0; v < slots.length && left.size > 0; v++) {
    const r = slots[v]!;
    // The cheapest a request costs alone on a vehicle still to come; none: only here.
    for (const q of left) {
      let least = Infinity;
      for (let u = v + 1; u < slots.length; u++) least = Math.min(least, alone[q * S + slots[u]!]!);
      regret[q] = Math.min(least, ONLY_HERE);
    }
    for (;;) {
      let chosen = -1;
      let bestScore = Infinity;
      let bestI = -1;
      let bestJ = -1;
      let bestDelta = 0;
      for (const q of left) {
        set.bestInsertion(r, req.first[q]!, req.second[q]!, ins);
        if (ins.i < 0) continue;
        const score = ins.delta - lambda * regret[q]!;
        if (score < bestScore || (score === bestScore && q < chosen)) {
          bestScore = score;
          chosen = q;
          bestI = ins.i;
          bestJ = ins.j;
          bestDelta = ins.delta;
        }
      }
      if (chosen < 0) break;
      set.insert(r, req.first[chosen]!, req.second[chosen]!, { delta: bestDelta, i: bestI, j: bestJ });
      left.delete(chosen);
    }
  }
  return bank.filter((q) => left.has(q));
}
