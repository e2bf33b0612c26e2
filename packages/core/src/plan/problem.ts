/**
 * Routing problems over a subset of the snapped places: the same matrices, hubs and fleet rules
 * for today's routes and for the new plan, so that both are measured the same way.
 */
import type { FleetSpec } from './file/plan-file.js';
import type { TravelMatrix } from '../matrix/index.js';
import type { ProblemInput, StopInput } from '../vrp/index.js';
import type { PlanPlace } from './places.js';

export interface ProblemContext {
  matrix: TravelMatrix;
  /** Row of each place id in the matrix. */
  row: ReadonlyMap<string, number>;
  hubs: readonly PlanPlace[];
  places: ReadonlyMap<string, PlanPlace>;
  fleet: readonly FleetSpec[];
  /** plan.json's balance (weight per hour² or per stop²), when given. */
  balance?: { by: 'duration' | 'stops'; weight: number };
}

/**
 * A `ProblemInput` whose locations are the hubs and the given stops (those in the matrix), with
 * integer metres and seconds, -1 for unreachable pairs, and each stop's mail from `mail`.
 */
export function buildProblemInput(context: ProblemContext, stopIds: readonly string[], mail: (id: string) => number): ProblemInput {
  const { matrix, row, hubs, places, fleet } = context;
  const locations = [...new Set([...hubs.map((hub) => hub.id), ...stopIds])].filter((id) => row.has(id));
  const local = new Map(locations.map((id, i) => [id, i]));
  const size = locations.length;
  const n = matrix.size;
  // Typed arrays, -1 for "no road" (as null reads in createProblem): a county's problem has a
  // million pairs, which as arrays of numbers and nulls cost seconds to build and to read back.
  const rows = Int32Array.from(locations, (id) => row.get(id) as number);
  const distances = new Float64Array(size * size);
  const durations = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const from = (rows[i] as number) * n;
    for (let j = 0; j < size; j++) {
      const d = matrix.distances[from + (rows[j] as number)] as number;
      const t = matrix.durations[from + (rows[j] as number)] as number;
      // Integer units keep the evaluation exact and the same for both plans.
      distances[i * size + j] = Number.isFinite(d) ? Math.round(d) : -1;
      durations[i * size + j] = Number.isFinite(t) ? Math.round(t) : -1;
    }
  }
  const stops: StopInput[] = stopIds.filter((id) => local.has(id)).map((id) => {
    const place = places.get(id) as PlanPlace;
    const stop: StopInput = { id, location: local.get(id) as number, delivery: [mail(id)], serviceTime: place.serviceTime };
    if (place.latest !== undefined) stop.timeWindows = [[0, place.latest]];
    return stop;
  });
  const defaultHub = (hubs[0] as PlanPlace).id;
  return {
    depots: hubs.filter((hub) => local.has(hub.id)).map((hub) => ({ id: hub.id, location: local.get(hub.id) as number })),
    stops,
    vehicleTypes: fleet.map((vehicle) => ({
      id: vehicle.id,
      count: vehicle.count,
      capacity: [vehicle.capacity],
      startDepot: vehicle.depot ?? defaultHub,
      // The shift limit is a maximum duration from departure; the day itself is open-ended.
      shift: [vehicle.departure, 48 * 3600] as [number, number],
      ...(vehicle.maxShift !== undefined ? { maxDuration: vehicle.maxShift } : {}),
      fixedCost: vehicle.fixedCost,
      costPerDistance: 1,
    })),
    matrix: { size, distances, durations },
    // Costs are metres and durations seconds: a weight per hour² is one per 3600² s².
    ...(context.balance !== undefined
      ? { balance: { by: context.balance.by, weight: context.balance.by === 'duration' ? context.balance.weight / (3600 * 3600) : context.balance.weight } }
      : {}),
  };
}
