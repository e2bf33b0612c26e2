/**
 * Routes to vehicles for mixed fleets: every route of a plan, as it stands, priced on every kind
 * of vehicle (its depots, fixed cost, cost per hour and per km, speed, skills, capacity, shift,
 * breaks, max tasks, max distance and travel time: the one evaluator's summary), then the
 * cheapest assignment of routes to vehicle slots (util/assignment.ts). The insertions build a
 * route on one vehicle and never move it whole: a cluster near the depot served by a vehicle
 * that costs per hour while the one that costs per km drives far stays so, and the pairwise swap
 * of the local search (operators/swap-vehicles.ts) misses the cycles of three or more vehicles.
 */
import type { VehicleTypeData } from '../model.js';
import { isFeasibleRoute, routeCost, summariseRoute } from '../evaluate.js';
import { Segment } from '../segments.js';
import { minCostAssignment } from '../../util/assignment.js';
import type { RouteSet } from './routes.js';

/** A route of `set` priced on `type` as it stands; Infinity when it breaks a rule there. */
export function costOn(set: RouteSet, route: readonly number[], type: VehicleTypeData, seg: Segment): number {
  const lacks = set.problem.skillMismatch[type.index];
  if (lacks && route.some((s) => lacks[s])) return Infinity;
  summariseRoute(set.problem, type, route, route.length, seg);
  return isFeasibleRoute(seg, type) ? routeCost(seg, type) : Infinity;
}

/** Entries kept by `VehiclePrices` before it starts again (a search changes a few routes per step). */
const PRICES_KEPT = 20000;

/**
 * Prices of routes on each kind of vehicle, remembered by their stops: the search changes a few
 * routes per step and asks again about the others (without it, 10-15 % of the shipment search's
 * time on n150-roomy).
 */
export class VehiclePrices {
  readonly types: VehicleTypeData[] = [];
  private readonly known = new Map<string, Float64Array>();
  private readonly seg: Segment;
  /** For the route sets of one problem (their slots are the same). */
  constructor(set: RouteSet) {
    for (const t of set.slotType) if (!this.types.includes(t)) this.types.push(t);
    this.seg = new Segment(set.problem.nDims);
  }

  /** Route r of `set` on each type (the set's own cost on its own type). */
  of(set: RouteSet, r: number): Float64Array {
    const route = set.routes[r]!;
    const key = `${set.slotType[r]!.index}:${route.join(',')}`;
    let prices = this.known.get(key);
    if (prices !== undefined) return prices;
    if (this.known.size >= PRICES_KEPT) this.known.clear();
    prices = new Float64Array(this.types.length);
    for (let t = 0; t < this.types.length; t++)
      prices[t] = this.types[t] === set.slotType[r] ? set.cost[r]! : costOn(set, route, this.types[t]!, this.seg);
    this.known.set(key, prices);
    return prices;
  }
}

/**
 * Gives each route of `set` the vehicle slot of a cheapest assignment (same stops, same order);
 * returns whether the plan changed (then its cost fell). `prices` must be of a set of the same problem.
 */
export function reassignVehicles(set: RouteSet, prices: VehiclePrices = new VehiclePrices(set)): boolean {
  const n = set.slots;
  const types = prices.types;
  if (types.length < 2) return false;
  // price[r * T + t]: route r on type t (0 for an empty route anywhere).
  const T = types.length;
  const price = new Float64Array(n * T);
  let total = 0;
  let finite = 0;
  for (let r = 0; r < n; r++) {
    const route = set.routes[r]!;
    if (route.length === 0) continue;
    total += set.cost[r]!;
    const known = prices.of(set, r);
    for (let t = 0; t < T; t++) {
      const c = known[t]!;
      price[r * T + t] = c;
      if (Number.isFinite(c)) finite += c;
    }
  }
  // Above the cost of any assignment of allowed pairs: never chosen while the given one exists.
  const forbidden = total + finite + 1;
  const typeOf = set.slotType.map((t) => types.indexOf(t));
  const matrix = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < n; j++) {
      const c = price[r * T + typeOf[j]!]!;
      matrix[r * n + j] = Number.isFinite(c) ? c : forbidden;
    }
  }
  const col = minCostAssignment(n, matrix);
  let after = 0;
  for (let r = 0; r < n; r++) after += matrix[r * n + col[r]!]!;
  if (!(after < total - 1e-6 * Math.max(1, total))) return false;
  const old = set.routes.map((x) => x);
  for (let r = 0; r < n; r++) set.routes[col[r]!] = old[r]!;
  for (let j = 0; j < n; j++) if (set.routes[j] !== old[j]) set.refresh(j);
  return true;
}
