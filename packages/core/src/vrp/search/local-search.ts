/**
 * Granular local search in the manner of HGS-CVRP (Vidal 2022) and PyVRP: the routes live in flat
 * typed arrays (a doubly linked list over nodes), each node keeps the summary of its route from the
 * start up to it (prefix) and from it to the last stop (suffix), and every move builds the
 * summaries of the routes it would create from a few of those pieces (segments.ts), asks the one
 * evaluator (evaluate.ts) what they cost, and is applied only if the penalised cost drops.
 *
 * Three layers, one file each: the route store (route-store.ts), proposals and their bounds
 * (proposals.ts), and here the driver, which tries the moves around each stop until none improves.
 *
 * Node numbering: stops are nodes `0 … nStops-1`; route r's start depot is `nStops + 2r` and its
 * end `nStops + 2r + 1`. Routes are vehicle slots, grouped by type.
 */
import type { Random } from '../../util/random.js';
import type { Penalties } from '../evaluate.js';
import { tryInsertOptional, tryRemoveOptional } from '../operators/optional.js';
import { shipmentPass, swapStarPass, swapVehiclesPass, tryDepotMoves, tryMovesWith } from './neighbourhoods.js';
import { Proposals } from './proposals.js';

/** The local search: its driver over the route store and proposals (see the file's comment). */
export class LocalSearch extends Proposals {
  /**
   * `performance.now()` after which `run` stops where it is (the routes stay valid, just not a local
   * optimum): the search's time limit holds inside one local search too.
   */
  deadline = Infinity;
  /** Passes over all stops that the last `run` made (for tests and counters). */
  loops = 0;
  /** The stops in this run's order of tries. */
  readonly order: Int32Array = new Int32Array(this.nStops);
  /** Shipment relocations on (tests turn them off to show what they add). */
  shipmentMoves = true;
  /** The shipments' pick-ups (their order of tries in `shipmentPass`). */
  readonly pickupOrder: Int32Array = this.paired ? pickups(this.problem.shipmentRole) : new Int32Array(0);

  /** True once the deadline has passed. */
  outOfTime(): boolean {
    return this.deadline !== Infinity && performance.now() >= this.deadline;
  }

  /** Called by an operator after it changed routes. */
  touched(): void {
    this.nbMoves++;
  }

  /**
   * Runs the local search to a local optimum under the given penalties. `changed`, when given,
   * says the loaded routes were a local optimum but for the routes r with `changed[r]` set (a few
   * visits inserted or removed since): the first pass then tries only the moves that involve a
   * changed route, as every later pass does with the routes changed in the pass before.
   */
  run(penalties: Penalties, changed?: ArrayLike<number>): void {
    this.penalties = penalties;
    this.nbMoves++;
    // The summaries are current (load and every move keep them so); only the penalties changed.
    for (let r = 0; r < this.nRoutes; r++) {
      // An empty route costs nothing under any penalties.
      if (this.routeLength[r]! > 0) this.updateCost(r);
      if (changed === undefined) this.whenModified[r] = this.nbMoves;
    }
    if (changed !== undefined) {
      // Every stop and route pair counts as tested now, then the changed routes as modified after.
      this.whenTested.fill(this.nbMoves);
      this.whenSwapStar.fill(this.nbMoves);
      this.nbMoves++;
      for (let r = 0; r < this.nRoutes; r++) if (changed[r]) this.whenModified[r] = this.nbMoves;
    }
    const onlyChanged = changed !== undefined;
    let m = 0;
    for (let s = 0; s < this.nStops; s++) if (this.active[s]) this.order[m++] = s;
    shuffle(this.order, m, this.rng);
    // Each neighbour list is reshuffled with probability 1/its length (HGS-CVRP: 1/granularity),
    // so that the order of tries varies over runs without paying a full shuffle of every list.
    for (let s = 0; s < this.nStops; s++) {
      const list = this.neighbours[s]!;
      if (list.length > 1 && this.rng.int(list.length) === 0) shuffle(list, list.length, this.rng);
    }
    let loop = 0;
    let improved = true;
    let objective = this.objective();
    while (improved) {
      improved = false;
      for (let i = 0; i < m; i++) {
        if ((i & 15) === 0 && this.outOfTime()) break;
        const u = this.order[i]!;
        if (this.route[u]! < 0) {
          if (!this.problem.required[u] && tryInsertOptional(this, u)) improved = true;
          continue;
        }
        const lastTested = this.whenTested[u]!;
        this.whenTested[u] = this.nbMoves;
        const list = this.neighbours[u]!;
        for (let k = 0; k < list.length; k++) {
          const v = list[k]!;
          if (this.route[u]! < 0) break;
          if (this.route[v]! < 0) continue;
          const ru = this.route[u]!;
          const rv = this.route[v]!;
          if ((loop > 0 || onlyChanged) && Math.max(this.whenModified[ru]!, this.whenModified[rv]!) <= lastTested) continue;
          if (tryMovesWith(this, u, v)) {
            improved = true;
            continue;
          }
          const pv = this.prev[v]!;
          if (pv >= this.nStops && tryDepotMoves(this, u, pv)) improved = true;
        }
        if (this.route[u]! >= 0 && !this.problem.required[u] && tryRemoveOptional(this, u)) improved = true;
        if (loop > 0 && this.route[u]! >= 0) {
          for (let t = 0; t < this.types.length; t++) {
            const r = this.emptyRoute(t);
            if (r >= 0 && r !== this.route[u] && tryDepotMoves(this, u, this.startNode(r))) {
              improved = true;
              break;
            }
          }
        }
      }
      if (this.outOfTime()) break;
      if (this.shipmentMoves && this.pickupOrder.length > 0 && shipmentPass(this, loop > 0 || onlyChanged)) improved = true;
      if (this.useSwapStar && swapStarPass(this, loop > 0 || onlyChanged)) improved = true;
      if (!improved && this.types.length > 1 && !this.outOfTime() && swapVehiclesPass(this)) improved = true;
      loop++;
      // Every pass that changed something must have lowered the objective by more than noise;
      // this bounds the number of passes (the objective is ≥ 0) whatever the moves' own sums say.
      const now = this.objective();
      if (improved && !(now < objective - this.minGain(objective))) break;
      objective = now;
    }
    this.loops = loop;
  }
}

function pickups(role: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let s = 0; s < role.length; s++) if (role[s] === 1) out.push(s);
  return Int32Array.from(out);
}

export function shuffle(a: Int32Array, length: number, rng: Random): void {
  for (let i = length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
