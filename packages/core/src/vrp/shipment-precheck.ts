/**
 * The exact pre-check of shipments, beside the per-stop checks of model.ts: a pair that no
 * vehicle type can serve on a route of its own is never served.
 */
import type { ProblemData } from './model.js';
import type { UnassignedReason } from './solution-types.js';
import { isFeasibleRoute, summariseRoute } from './evaluate.js';
import { Segment } from './segments.js';
import { PICKUP } from './shipments.js';

/**
 * Pair pre-checks: a shipment whose stop cannot be served at all, or whose pick-up then delivery
 * fits no vehicle type on a route of their own, can never be served; both stops get the stop's
 * own reason or `shipment-pair`. Exact, like the per-stop checks.
 */
export function precheckPairs(problem: ProblemData, reasons: (UnassignedReason | null)[]): void {
  const seg = new Segment(problem.nDims);
  const pair = [0, 0];
  for (let p = 0; p < problem.nStops; p++) {
    if (problem.shipmentRole[p] !== PICKUP) continue;
    const d = problem.partner[p]!;
    const own = reasons[p] ?? reasons[d];
    if (own !== null && own !== undefined) {
      reasons[p] = reasons[p] ?? 'shipment-pair';
      reasons[d] = reasons[d] ?? 'shipment-pair';
      continue;
    }
    pair[0] = p;
    pair[1] = d;
    let fits = false;
    for (const t of problem.vehicleTypes) {
      if (t.slots === 0) continue;
      const lacks = problem.skillMismatch[t.index];
      if (lacks && (lacks[p] || lacks[d])) continue;
      summariseRoute(problem, t, pair, 2, seg);
      if (isFeasibleRoute(seg, t)) {
        fits = true;
        break;
      }
    }
    if (!fits) {
      reasons[p] = 'shipment-pair';
      reasons[d] = 'shipment-pair';
    }
  }
}
