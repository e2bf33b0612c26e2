/**
 * Granular neighbourhoods (Toth & Vigo 2003; HGS): each stop only tries moves next to its nearest
 * stops. "Near" follows PyVRP's proximity, which adds to the distance the waiting and the time warp
 * that going from one stop straight to the other would cause, made symmetric.
 */
import type { ProblemData } from '../model.js';

const WEIGHT_WAIT = 0.2;
const WEIGHT_TIME_WARP = 1;

/** For each active stop, up to `k` nearest other active stops, nearest first; [] for inactive ones. */
export function nearestNeighbours(problem: ProblemData, active: Uint8Array, k: number): Int32Array[] {
  const { nStops, nDepots, nLocations: n } = problem;
  const type = problem.vehicleTypes[0]!;
  const prof = problem.profiles[type.profile]!;
  const stops: number[] = [];
  for (let s = 0; s < nStops; s++) if (active[s]) stops.push(s);
  const proximity = (a: number, b: number): number => {
    const la = nDepots + a;
    const lb = nDepots + b;
    const travel = prof.duration[la * n + lb]!;
    const wait = problem.early[lb]! - problem.serviceTime[la]! - travel - problem.late[la]!;
    const warp = problem.early[la]! + problem.serviceTime[la]! + travel - problem.late[lb]!;
    return prof.distance[la * n + lb]! + WEIGHT_WAIT * (wait > 0 ? wait : 0) + WEIGHT_TIME_WARP * (warp > 0 ? warp : 0);
  };
  const result: Int32Array[] = new Array(nStops);
  const values = new Float64Array(stops.length);
  const order = new Int32Array(stops.length);
  for (let s = 0; s < nStops; s++) result[s] = new Int32Array(0);
  for (const u of stops) {
    let m = 0;
    for (const v of stops) {
      if (v === u) continue;
      const a = proximity(u, v);
      const b = proximity(v, u);
      values[m] = a < b ? a : b;
      order[m] = v;
      m++;
    }
    const idx = Array.from({ length: m }, (_, i) => i);
    // Ties broken by stop index so that the lists never depend on sort stability.
    idx.sort((i, j) => values[i]! - values[j]! || order[i]! - order[j]!);
    const count = Math.min(k, m);
    const list = new Int32Array(count);
    for (let i = 0; i < count; i++) list[i] = order[idx[i]!]!;
    result[u] = list;
  }
  return result;
}
