/**
 * Polar angles of the stops around the depot without coordinates: HGS-CVRP only tries SWAP* on
 * route pairs whose polar sectors overlap, which needs an angle per stop. A problem here carries
 * a distance matrix only, so the stops are first placed in the plane by FastMap (Faloutsos & Lin
 * 1995): two far-apart pivots define an axis, every location is projected onto it by the law of
 * cosines, and a second axis is found the same way in the residual distances. For Euclidean
 * distances (CVRPLIB) this recovers the layout up to rotation and reflection; for road distances
 * it is an approximation, which is all a filter on route pairs needs. O(n) per axis.
 */

/** Angles are integers in [0, 65536) (a full turn), so that modulo is a mask. */
export const FULL_TURN = 65536;

/** The pivot pair of one axis: a heuristic farthest pair (a few rounds of "farthest from"). */
function pivots(count: number, squared: (i: number, j: number) => number): [number, number] {
  let a = 0;
  let b = 0;
  for (let round = 0; round < 3; round++) {
    let far = a;
    let best = -1;
    for (let i = 0; i < count; i++) {
      const d = squared(a, i);
      if (d > best) {
        best = d;
        far = i;
      }
    }
    b = a;
    a = far;
  }
  return [a, b];
}

/**
 * Two planar coordinates per location (indices into the square matrix `distance` of size n,
 * symmetrised by the mean of both directions).
 */
export function fastMapPlane(distance: Float64Array, n: number): { x: Float64Array; y: Float64Array } {
  const sym = (i: number, j: number): number => 0.5 * (distance[i * n + j]! + distance[j * n + i]!);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const sq1 = (i: number, j: number): number => {
    const d = sym(i, j);
    return d * d;
  };
  const [a, b] = pivots(n, sq1);
  const dab = sq1(a, b);
  if (dab > 0) {
    const len = Math.sqrt(dab);
    for (let i = 0; i < n; i++) x[i] = (sq1(a, i) + dab - sq1(b, i)) / (2 * len);
  }
  // Residual distances once the first axis is taken out (clamped: roads are not a plane).
  const sq2 = (i: number, j: number): number => {
    const dx = x[i]! - x[j]!;
    const r = sq1(i, j) - dx * dx;
    return r > 0 ? r : 0;
  };
  const [c, e] = pivots(n, sq2);
  const dce = sq2(c, e);
  if (dce > 0) {
    const len = Math.sqrt(dce);
    for (let i = 0; i < n; i++) y[i] = (sq2(c, i) + dce - sq2(e, i)) / (2 * len);
  }
  return { x, y };
}

/** Polar angle of every point of the plane around the point `centre`, in [0, FULL_TURN). */
export function anglesInPlane(plane: { x: Float64Array; y: Float64Array }, centre: number): Int32Array {
  const { x, y } = plane;
  const angles = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) angles[i] = angleOf(x[i]! - x[centre]!, y[i]! - y[centre]!);
  return angles;
}

/** The polar angle of the vector (dx, dy), in [0, FULL_TURN). */
export function angleOf(dx: number, dy: number): number {
  return Math.round((Math.atan2(dy, dx) / (2 * Math.PI)) * FULL_TURN) & (FULL_TURN - 1);
}

/** `(value mod FULL_TURN)` in [0, FULL_TURN). */
function wrap(value: number): number {
  return value & (FULL_TURN - 1);
}

/** Whether `angle` lies in the sector from `start` turning positively to `end`. */
export function inSector(start: number, end: number, angle: number): boolean {
  return wrap(angle - start) <= wrap(end - start);
}

/** Whether two sectors overlap. */
export function sectorsOverlap(start1: number, end1: number, start2: number, end2: number): boolean {
  return wrap(start2 - start1) <= wrap(end1 - start1) || wrap(start1 - start2) <= wrap(end2 - start2);
}
