/**
 * Where a local search's routes lie around their common depot (HGS-CVRP): the stops placed in a
 * plane embedded from the matrix (embedding.ts), each route's polar sector, so that SWAP* pairs
 * only routes whose sectors overlap, and the order of the routes by the angle of their barycentre,
 * in which they enter an individual's giant tour. The route store (route-store.ts) owns one and
 * tells it when a route changed; nothing here changes a route.
 */
import type { ProblemData } from '../model.js';
import { angleOf, anglesInPlane, fastMapPlane, inSector, sectorsOverlap } from './embedding.js';

/** What the sectors read of the route store: its linked routes (see route-store.ts). */
export interface LinkedRoutes {
  readonly nStops: number;
  readonly nRoutes: number;
  readonly next: Int32Array;
  readonly loc: Int32Array;
  readonly routeLength: Int32Array;
  startNode(r: number): number;
}

/** The routes' places around the depot (see the file's comment). */
export class RouteSectors {
  /**
   * Per stop, its polar angle around the depot, when SWAP* pairs routes by sector; null when the
   * vehicles start from different places (then routes pair through neighbouring stops), with time
   * windows, or without SWAP*.
   */
  readonly stopAngle: Int32Array | null;
  /** Per route, its sector from `sectorStart` turning positively to `sectorEnd` (with `stopAngle`). */
  readonly sectorStart: Int32Array;
  readonly sectorEnd: Int32Array;
  /** The planar embedding (per location) behind `tourOrder` and `stopAngle`, and its depot. */
  private readonly plane: { x: Float64Array; y: Float64Array } | null;
  private readonly centre: number;
  private readonly tourOrderScratch: Int32Array;
  private readonly routeAngleScratch: Float64Array;

  /**
   * `loc`: the location of each stop; `windows`: some stop has a time window narrower than the
   * vehicles' day. Sectors as HGS-CVRP, which only uses them without time windows: with windows,
   * routes are not petals around the depot (Gehring & Homberger r1_2_1, one 60-s run: 3.38 % with
   * the filter, 2.88 % without).
   */
  constructor(problem: ProblemData, loc: Int32Array, nRoutes: number, useSwapStar: boolean, windows: boolean) {
    const types = problem.vehicleTypes;
    const nStops = problem.nStops;
    this.sectorStart = new Int32Array(nRoutes);
    this.sectorEnd = new Int32Array(nRoutes);
    // One depot: the stops placed in the plane around it, for the giant tours' route order and,
    // without windows, SWAP*'s sectors.
    // The plane is geometry: the roads as given, before skills closed arcs (skills.ts).
    const centre = types.length > 0 ? types[0]!.startLocation : -1;
    const onePlace = types.every((t) => t.startLocation === centre && t.baseProfile === types[0]!.baseProfile);
    this.plane = onePlace && nStops > 2 ? fastMapPlane(problem.profiles[types[0]!.baseProfile]!.distance, problem.nLocations) : null;
    this.centre = this.plane !== null ? centre : -1;
    if (this.plane !== null && useSwapStar && !windows) {
      const angles = anglesInPlane(this.plane, centre);
      this.stopAngle = new Int32Array(nStops);
      for (let q = 0; q < nStops; q++) this.stopAngle[q] = angles[loc[q]!]!;
    } else this.stopAngle = null;
    this.tourOrderScratch = new Int32Array(nRoutes);
    this.routeAngleScratch = new Float64Array(nRoutes);
  }

  /**
   * After route r changed (with `stopAngle`): the smallest sector around the depot holding its
   * stops, grown greedily stop by stop towards the nearer side (HGS-CVRP's circle sectors).
   */
  update(routes: LinkedRoutes, r: number): void {
    const angle = this.stopAngle!;
    let start = 0;
    let end = 0;
    let first = true;
    for (let x = routes.next[routes.startNode(r)]!; x < routes.nStops; x = routes.next[x]!) {
      const a = angle[x]!;
      if (first) {
        start = a;
        end = a;
        first = false;
      } else if (!inSector(start, end, a)) {
        if (((a - end) & 0xffff) <= ((start - a) & 0xffff)) end = a;
        else start = a;
      }
    }
    this.sectorStart[r] = start;
    this.sectorEnd[r] = end;
  }

  /** True when SWAP* may pair routes a and b: their sectors overlap, or there are no sectors. */
  overlap(a: number, b: number): boolean {
    return this.stopAngle === null || sectorsOverlap(this.sectorStart[a]!, this.sectorEnd[a]!, this.sectorStart[b]!, this.sectorEnd[b]!);
  }

  /**
   * The order in which the routes enter an individual's giant tour, as HGS-CVRP exports them: by
   * the polar angle of each route's barycentre around the depot, so that neighbouring routes are
   * neighbours in the tour and the ordered crossover passes on whole regions (Split then joins
   * fragments that lie side by side). Undefined (slot order) without a common depot. With time
   * windows routes are not petals, but the order still keeps neighbours together (Gehring &
   * Homberger, 60 s, seed 1: r1_2_1 4801.5 -> 4683.9, rc1_2_1 3529.5 -> 3521.7, r2_2_1 3512.8 ->
   * 3476.7).
   */
  tourOrder(routes: LinkedRoutes): Int32Array | undefined {
    if (this.plane === null) return undefined;
    const { x, y } = this.plane;
    const cx = x[this.centre]!;
    const cy = y[this.centre]!;
    const { next, loc, nStops } = routes;
    let m = 0;
    for (let r = 0; r < routes.nRoutes; r++) {
      const count = routes.routeLength[r]!;
      if (count === 0) continue;
      let sx = 0;
      let sy = 0;
      for (let q = next[routes.startNode(r)]!; q < nStops; q = next[q]!) {
        sx += x[loc[q]!]!;
        sy += y[loc[q]!]!;
      }
      this.routeAngleScratch[r] = angleOf(sx / count - cx, sy / count - cy);
      this.tourOrderScratch[m++] = r;
    }
    const angle = this.routeAngleScratch;
    // Ties by slot, so that the order never depends on sort stability.
    return this.tourOrderScratch.subarray(0, m).sort((a, b) => angle[a]! - angle[b]! || a - b).slice();
  }
}
