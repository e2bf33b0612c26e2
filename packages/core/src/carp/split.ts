/**
 * Split for arc routing (Beullens et al. 2003; Vidal 2017): cuts a giant tour of tasks into
 * routes at least penalised cost, the orientation of every task chosen optimally inside each
 * route by the two-state recursion of `route-cost.ts`, run incrementally as a route grows.
 * Without a fleet limit it is a shortest path over the tour's cut points; with one, the same
 * recursion per number of routes.
 */
import type { CarpProblem } from './model.js';
import { penalisedRouteCost, type CarpPenalties } from './route-cost.js';

export class CarpSplit {
  private readonly problem: CarpProblem;
  private readonly potential: Float64Array;
  private readonly pred: Int32Array;

  constructor(problem: CarpProblem) {
    this.problem = problem;
    const n = problem.taskCount;
    const layers = Number.isFinite(problem.maxVehicles) ? Math.min(problem.maxVehicles, n) + 1 : 1;
    this.potential = new Float64Array((n + 1) * Math.max(layers, 1));
    this.pred = new Int32Array((n + 1) * Math.max(layers, 1));
  }

  /** Routes of `tour[0 … length-1]`, as arrays of tasks. */
  split(tour: Int32Array, length: number, p: CarpPenalties): number[][] {
    if (length === 0) return [];
    const unlimited = this.splitUnlimited(tour, length, p);
    if (unlimited.length <= this.problem.maxVehicles) return unlimited;
    return this.splitLimited(tour, length, p, Math.min(this.problem.maxVehicles, length));
  }

  /** For each start i, grows the route i…j while it can still pay off (load ≤ 1.5 Q, as in HGS). */
  private forEachRoute(tour: Int32Array, length: number, p: CarpPenalties, visit: (i: number, j: number, cost: number) => void): void {
    const { entry, exit, service, dist, terminalCount: k, taskDemand, capacity, maxRouteCost } = this.problem;
    for (let i = 0; i < length; i++) {
      let c0 = 0;
      let c1 = 0;
      let load = 0;
      for (let j = i; j < length; j++) {
        const t = tour[j]!;
        const e0 = entry[2 * t]!;
        const e1 = entry[2 * t + 1]!;
        if (j === i) {
          c0 = dist[e0]! + service[2 * t]!;
          c1 = dist[e1]! + service[2 * t + 1]!;
        } else {
          const prev = tour[j - 1]!;
          const x0 = exit[2 * prev]! * k;
          const x1 = exit[2 * prev + 1]! * k;
          const n0 = Math.min(c0 + dist[x0 + e0]!, c1 + dist[x1 + e0]!) + service[2 * t]!;
          const n1 = Math.min(c0 + dist[x0 + e1]!, c1 + dist[x1 + e1]!) + service[2 * t + 1]!;
          c0 = n0;
          c1 = n1;
        }
        load += taskDemand[t]!;
        const cost = Math.min(c0 + dist[exit[2 * t]! * k]!, c1 + dist[exit[2 * t + 1]! * k]!);
        visit(i, j + 1, penalisedRouteCost(this.problem, cost, load, p));
        if (j > i && (load > 1.5 * capacity || cost > 1.5 * maxRouteCost)) break;
      }
    }
  }

  private splitUnlimited(tour: Int32Array, length: number, p: CarpPenalties): number[][] {
    const pot = this.potential;
    const pred = this.pred;
    pot.fill(Infinity, 0, length + 1);
    pot[0] = 0;
    // Cut points are visited in increasing i, and pot[i] is final once every route ending at i is seen.
    this.forEachRoute(tour, length, p, (i, j, cost) => {
      const value = pot[i]! + cost;
      if (value < pot[j]!) {
        pot[j] = value;
        pred[j] = i;
      }
    });
    const routes: number[][] = [];
    for (let j = length; j > 0; j = pred[j]!) routes.push(Array.from(tour.subarray(pred[j]!, j)));
    return routes.reverse();
  }

  private splitLimited(tour: Int32Array, length: number, p: CarpPenalties, vehicles: number): number[][] {
    const stride = length + 1;
    const pot = this.potential;
    const pred = this.pred;
    pot.fill(Infinity, 0, stride * (vehicles + 1));
    pot[0] = 0;
    const costs: Array<[number, number, number]> = [];
    this.forEachRoute(tour, length, p, (i, j, cost) => costs.push([i, j, cost]));
    for (let r = 0; r < vehicles; r++) {
      for (const [i, j, cost] of costs) {
        const value = pot[r * stride + i]! + cost;
        if (value < pot[(r + 1) * stride + j]!) {
          pot[(r + 1) * stride + j] = value;
          pred[(r + 1) * stride + j] = i;
        }
      }
    }
    let bestR = -1;
    for (let r = 1; r <= vehicles; r++) if (bestR < 0 || pot[r * stride + length]! < pot[bestR * stride + length]!) bestR = r;
    if (bestR < 0 || pot[bestR * stride + length] === Infinity) {
      // Cannot happen while every task is servable alone; fall back to one route.
      return [Array.from(tour.subarray(0, length))];
    }
    const routes: number[][] = [];
    for (let r = bestR, j = length; r > 0; r--) {
      const i = pred[r * stride + j]!;
      routes.push(Array.from(tour.subarray(i, j)));
      j = i;
    }
    return routes.reverse();
  }
}
