/**
 * Shipments (the pickup-and-delivery problem): a load collected at one stop and dropped at
 * another by the same vehicle, the pick-up first.
 *
 * How the rest of vrp/ sees them, so that the one evaluator needs no special case: a stop's
 * compiled `delivery` is what it needs loaded at the start depot and its compiled `pickup` is the
 * load it changes on board, carried on to the end. A shipment's pick-up keeps its `pickup`; its
 * delivery gets `delivery` 0 and its `pickup` less the amount (the load leaves the vehicle there).
 * The pick-up stop's `pickup` is the amount and the delivery stop's `delivery` must equal it; the
 * pick-up stop may also receive a plain delivery and the delivery stop make a plain pickup.
 * The segment summaries (segments.ts) then read as "load needed at the start, net change, largest
 * load inside", which concatenate in O(1) with signed changes; the load is right whenever the
 * pick-up comes before its delivery on one route, which the shipment moves keep (pdptw/), and
 * `evaluateRoute` reports a pair split or reversed as a `precedence` violation.
 */
import type { ShipmentInput } from './input.js';

/** Compiled shipments: per stop its partner (-1 for a plain stop) and role. */
export interface ShipmentData {
  /** Per stop: the other stop of its shipment, or -1. */
  partner: Int32Array;
  /** Per stop: 1 for a shipment's pick-up, 2 for its delivery, 0 for a plain stop. */
  role: Uint8Array;
  count: number;
}

/** Role of a stop in `ShipmentData.role`. */
export const PICKUP = 1;
export const DELIVERY = 2;

type Fail = (message: string, field: string, hint?: string) => never;

/**
 * Reads `shipments` (pairs of stop ids), checks that each pair's amounts agree and that no stop
 * is in two pairs, and rewrites the pair's compiled `delivery` / `pickup` as described above.
 */
export function readShipments(
  shipments: ShipmentInput[] | undefined, stopIndexById: ReadonlyMap<string, number>, nStops: number, nDims: number,
  delivery: Float64Array, pickup: Float64Array, required: Uint8Array, fail: Fail,
): ShipmentData {
  const partner = new Int32Array(nStops).fill(-1);
  const role = new Uint8Array(nStops);
  if (shipments === undefined) return { partner, role, count: 0 };
  if (!Array.isArray(shipments)) fail('shipments must be an array of { pickup, delivery } stop id pairs', 'shipments');
  shipments.forEach((sh, i) => {
    const f = `shipments[${i}]`;
    if (sh === null || typeof sh !== 'object') fail('a shipment must be an object { pickup, delivery }', f);
    for (const key of Object.keys(sh)) {
      if (key !== 'pickup' && key !== 'delivery')
        fail(`unknown field "${key}": the solver would ignore it`, `${f}.${key}`, 'allowed fields: pickup, delivery');
    }
    const stopOf = (field: 'pickup' | 'delivery'): number => {
      const id = sh[field];
      const s = typeof id === 'string' ? stopIndexById.get(id) : undefined;
      if (s === undefined) fail(`unknown stop "${String(id)}"`, `${f}.${field}`, 'name a stop of "stops" by its id');
      if (role[s!] !== 0) fail(`stop "${id}" is already in a shipment`, `${f}.${field}`, 'each stop belongs to at most one shipment');
      if (!required[s!]) fail(`stop "${id}" is optional; a shipment's stops must be required`, `${f}.${field}`, 'remove "required": false from the stop');
      return s!;
    };
    const p = stopOf('pickup');
    role[p] = PICKUP;
    const d = stopOf('delivery');
    if (p === d) fail('the pick-up and the delivery are the same stop', f, 'a shipment names two different stops');
    role[d] = DELIVERY;
    partner[p] = d;
    partner[d] = p;
    for (let k = 0; k < nDims; k++) {
      // The pick-up stop's own delivery (from the depot) and the delivery stop's own pickup (to the
      // end) stay as they are: only the shipment's amount is carried between the two.
      const amount = pickup[p * nDims + k]!;
      if (delivery[d * nDims + k]! !== amount)
        fail(`the delivery of "${sh.delivery}" (${delivery[d * nDims + k]}) differs from the pickup of "${sh.pickup}" (${amount}) in dimension ${k}`,
          f, 'the load collected is the load dropped: give both stops the same amount');
      delivery[d * nDims + k] = 0;
      pickup[d * nDims + k] = pickup[d * nDims + k]! - amount;
    }
  });
  return { partner, role, count: shipments.length };
}
