/**
 * Village stations: set covering on road distances, with outlets and existing stations fixed open,
 * so that every village is within the radius of an outlet or station.
 */
import { solveSetCovering } from '../coverage/index.js';
import type { TravelMatrix } from '../matrix/index.js';
import type { ProgressCallback } from '../util/progress.js';
import type { PlanPlace } from './places.js';

export interface StationChoice {
  /** Villages newly opened as stations, in place order. */
  opened: string[];
  /** Village id → the outlet or station whose counter serves it (villages that are not stops). */
  servedVia: Map<string, string>;
}

/**
 * @param places snapped places only (the matrix has a row for each)
 * @param radius metres, by road from the site to the village
 */
export async function chooseStations(
  places: readonly PlanPlace[],
  matrix: TravelMatrix,
  row: ReadonlyMap<string, number>,
  radius: number,
  options: { seed: number; timeLimit: number; onProgress: ProgressCallback },
): Promise<StationChoice> {
  const demand = places.filter((place) => place.role === 'village');
  const sites = places.filter((place) => place.role !== 'hub');
  const values = new Float64Array(demand.length * sites.length);
  demand.forEach((village, i) => sites.forEach((site, j) => {
    values[i * sites.length + j] = matrix.distances[(row.get(site.id) as number) * matrix.size + (row.get(village.id) as number)] as number;
  }));
  const cover = await solveSetCovering(
    { demandIds: demand.map((place) => place.id), siteIds: sites.map((place) => place.id), values },
    {
      radius,
      existing: sites.filter((site) => site.role !== 'village').map((site) => site.id),
      // Among equally few stations, prefer those near the most mail.
      weights: demand.map((place) => place.mail),
      seed: options.seed,
      timeLimit: options.timeLimit,
      onProgress: options.onProgress,
    },
  );
  const open = new Set(cover.open);
  const servedVia = new Map<string, string>();
  for (const assignment of cover.assignments) {
    // A village no site reaches within the radius stays a stop of its own.
    if (assignment.site !== null && assignment.covered && !open.has(assignment.demand)) servedVia.set(assignment.demand, assignment.site);
  }
  return { opened: [...cover.opened], servedVia };
}
