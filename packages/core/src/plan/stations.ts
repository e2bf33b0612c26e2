/**
 * Village stations: set covering on road distances, with outlets and existing stations fixed open,
 * so that every village is within the radius of an outlet or station.
 */
import { solveSetCovering } from '../coverage/index.js';
import type { TravelMatrix } from '../matrix/index.js';
import type { ProgressCallback } from '../util/progress.js';
import type { PreparedNetwork } from './network.js';
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
  options: { seed: number; timeLimit: number; onProgress: ProgressCallback; maxPopulation?: number },
): Promise<StationChoice> {
  // Villages a station may serve: every village, or only the small ones (`maxPopulation`).
  const demand = places.filter((place) => place.role === 'village' && (options.maxPopulation === undefined || (place.population ?? 0) <= options.maxPopulation));
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

/** The stations a plan opened, for the report: the new ones and the radius. */
export interface OpenedStations {
  stations: { opened: string[]; radiusM: number; maxPopulation?: number };
  /** Village id → the outlet or station whose counter serves it; such a village is no route stop. */
  servedVia: Map<string, string>;
}

/**
 * Stations before routes (issue 19), the one station step of every plan (one tier, weekly, two
 * tiers): opens the stations for `coverage.radiusKm` and marks them role "station" in `places`.
 * The routes are planned afterwards, with the station as the stop of its villages.
 */
export async function openStations(
  places: PlanPlace[],
  prepared: Pick<PreparedNetwork, 'snapOf' | 'matrix' | 'row'>,
  radius: number,
  options: { seed: number; timeLimit: number; onProgress: ProgressCallback; maxPopulation?: number },
): Promise<OpenedStations> {
  const which = options.maxPopulation === undefined ? 'every village' : `every village of at most ${options.maxPopulation} inhabitants`;
  options.onProgress({ step: 'stations', message: `${which} within ${radius} m of an outlet or station` });
  const choice = await chooseStations(places.filter((place) => prepared.snapOf.has(place.id)), prepared.matrix, prepared.row, radius, {
    seed: options.seed, timeLimit: Math.max(1, options.timeLimit / 2), onProgress: options.onProgress,
    ...(options.maxPopulation !== undefined ? { maxPopulation: options.maxPopulation } : {}),
  });
  const byId = new Map(places.map((place) => [place.id, place]));
  for (const id of choice.opened) (byId.get(id) as PlanPlace).role = 'station';
  const stations = options.maxPopulation === undefined ? { opened: choice.opened, radiusM: radius } : { opened: choice.opened, radiusM: radius, maxPopulation: options.maxPopulation };
  return { stations, servedVia: choice.servedVia };
}
