/**
 * Which office serves a stop. "free" starts from the nearest office and lets the multi-depot
 * search decide; "administrative" keeps the township list; with a tolerance, a stop moves to
 * another office only when the re-planned delivery tier drives at least `tolerance` less per
 * moved stop (proposals come from removal and insertion distances, the verdict from re-solving).
 */
import type { RouteResult } from '../../vrp/index.js';
import type { DeliveryRun } from './solve.js';
import type { FlatMatrix, TwoTierInput } from './model.js';

/** A village served from another office than the administrative list says, and the km it saves. */
export interface OfficeMove {
  id: string;
  /** The office of the administrative list, and the one that serves the stop in the plan. */
  from: string;
  to: string;
  /** Distance saved a day by the move (tolerance mode: its share of the measured saving); null when
   *  the search moved it as part of a free assignment. */
  savedM: number | null;
}

/** Stop → the office nearest to it by road (there and back), ties to the first office listed. */
export function assignNearest(input: TwoTierInput): Map<string, string> {
  const assignment = new Map<string, string>();
  for (const stop of input.stops) {
    let best: string | undefined;
    let bestD = Infinity;
    for (const office of input.offices) {
      const d = leg(input.matrix, office.location, stop.location) + leg(input.matrix, stop.location, office.location);
      if (d < bestD) {
        bestD = d;
        best = office.id;
      }
    }
    if (best !== undefined) assignment.set(stop.id, best);
  }
  return assignment;
}

/**
 * Proposes moves whose estimated saving reaches the tolerance, re-plans, and keeps the moves only
 * if the measured saving is at least `tolerance` per moved stop and nothing becomes unserved;
 * otherwise tries the single best move alone. Null when no move pays.
 */
export function improveWithinTolerance(
  input: TwoTierInput,
  delivery: DeliveryRun,
  served: ReadonlyMap<string, string>,
  release: ReadonlyMap<string, number>,
  _returnBy: ReadonlyMap<string, number>,
  replan: (assignment: Map<string, string>) => DeliveryRun,
): { delivery: DeliveryRun; moved: OfficeMove[] } | null {
  const locationOf = new Map([...input.offices, ...input.stops].map((place) => [place.id, place.location]));
  const routesAt = new Map<string, RouteResult[]>();
  for (const route of delivery.routes) routesAt.set(route.startDepot, [...(routesAt.get(route.startDepot) ?? []), route]);
  const vehiclesAt = new Map<string, number>();
  for (const vehicle of input.delivery.vehicles) vehiclesAt.set(vehicle.office, (vehiclesAt.get(vehicle.office) ?? 0) + vehicle.count);
  const m = input.matrix;
  const candidates: { id: string; from: string; to: string; estimate: number }[] = [];
  for (const route of delivery.routes) {
    const depot = locationOf.get(route.startDepot) as number;
    const sequence = [depot, ...route.stops.map((id) => locationOf.get(id) as number), depot];
    route.stops.forEach((id, k) => {
      const [p, s, n] = [sequence[k] as number, sequence[k + 1] as number, sequence[k + 2] as number];
      const gain = leg(m, p, s) + leg(m, s, n) - leg(m, p, n);
      for (const office of input.offices) {
        if (office.id === route.startDepot || !release.has(office.id) || (vehiclesAt.get(office.id) ?? 0) === 0) continue;
        const routes = routesAt.get(office.id) ?? [];
        let insertion = routes.length < (vehiclesAt.get(office.id) ?? 0) ? leg(m, office.location, s) + leg(m, s, office.location) : Infinity;
        for (const other of routes) {
          const seq = [office.location, ...other.stops.map((x) => locationOf.get(x) as number), office.location];
          for (let j = 0; j + 1 < seq.length; j++) {
            const [a, b] = [seq[j] as number, seq[j + 1] as number];
            insertion = Math.min(insertion, leg(m, a, s) + leg(m, s, b) - leg(m, a, b));
          }
        }
        const estimate = gain - insertion;
        if (estimate >= input.delivery.tolerance) candidates.push({ id, from: route.startDepot, to: office.id, estimate });
      }
    });
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.estimate - a.estimate || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chosen: typeof candidates = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    chosen.push(candidate);
  }
  const distance = (run: DeliveryRun): number => run.routes.reduce((sum, route) => sum + route.distance, 0);
  const before = distance(delivery);
  for (const moves of chosen.length > 1 ? [chosen, chosen.slice(0, 1)] : [chosen]) {
    const assignment = new Map(served);
    for (const move of moves) assignment.set(move.id, move.to);
    const replanned = replan(assignment);
    const saved = before - distance(replanned);
    if (replanned.unassigned.length <= delivery.unassigned.length && saved >= input.delivery.tolerance * moves.length) {
      const total = moves.reduce((sum, move) => sum + move.estimate, 0);
      return {
        delivery: replanned,
        moved: moves.map((move) => ({ id: move.id, from: move.from, to: move.to, savedM: Math.round((saved * move.estimate) / total) })),
      };
    }
  }
  return null;
}

function leg(m: FlatMatrix, from: number, to: number): number {
  const d = m.distances[from * m.size + to];
  return d === null || d === undefined || d < 0 ? 1e12 : d;
}
