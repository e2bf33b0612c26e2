/**
 * Village stations: set covering on road distances, with outlets and existing stations fixed open,
 * so that every village is within the radius of an outlet or station.
 */
import { solveSetCovering } from '../coverage/index.js';
import type { TravelMatrix } from '../matrix/index.js';
import type { ProgressCallback } from '../util/progress.js';
import type { PreparedNetwork } from './network.js';
import type { PlaceRole, PlaceToday } from '../report/types.js';
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
  const demandIndex = new Map(demand.map((place, i) => [place.id, i]));
  const siteIndex = new Map(sites.map((place, j) => [place.id, j]));
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
  return withoutLoneStations(cover.opened, open, servedVia, (village, site) => {
    const i = demandIndex.get(village);
    const j = siteIndex.get(site);
    return i === undefined || j === undefined ? Infinity : values[i * sites.length + j] as number;
  }, radius);
}

/**
 * A station that serves no village but its own is no station: the covering opens it only because
 * nothing else lies within the radius of that village (a site covers itself at 0 m), and a
 * planner would call it what it is, a village stop of the routes (with a village's service time).
 * So such a village is not opened: it gets its mail at an open outlet or station within the
 * radius if there is one (a cover that was not minimal), else it stays a stop of its own. Taken
 * in the cover's order, so a village that moves to another new station makes that one serve
 * someone and keeps it open. The route stops are the same or fewer than the cover's.
 */
export function withoutLoneStations(
  opened: readonly string[],
  open: ReadonlySet<string>,
  servedVia: Map<string, string>,
  distance: (village: string, site: string) => number,
  radius: number,
): StationChoice {
  const serves = new Map<string, number>();
  for (const site of servedVia.values()) serves.set(site, (serves.get(site) ?? 0) + 1);
  const stillOpen = new Set(open);
  for (const station of opened) {
    if ((serves.get(station) ?? 0) > 0) continue;
    stillOpen.delete(station);
    let best: string | null = null;
    let bestDistance = Infinity;
    for (const site of stillOpen) {
      const d = distance(station, site);
      if (d <= radius && (d < bestDistance || (d === bestDistance && best !== null && site < best))) { best = site; bestDistance = d; }
    }
    if (best !== null) {
      servedVia.set(station, best);
      serves.set(best, (serves.get(best) ?? 0) + 1);
    }
  }
  // A later station that took an earlier lone one in serves someone when its turn comes, and stays.
  return { opened: opened.filter((station) => stillOpen.has(station)), servedVia };
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

/**
 * A place as today's network serves it, when the plan's stations changed it (ReportPlace.today):
 * a newly opened station was a village, a site that takes its villages' volumes had its own.
 * Undefined when today's place is the plan's.
 */
export function placeToday(
  place: { id: string; role: PlaceRole },
  planned: { mail: number; delivery?: readonly number[]; pickup?: readonly number[] },
  today: { mail: number; delivery?: readonly number[]; pickup?: readonly number[] },
  opened: ReadonlySet<string>,
): PlaceToday | undefined {
  const role: PlaceRole = opened.has(place.id) ? 'village' : place.role;
  const same = (a: readonly number[] | undefined, b: readonly number[] | undefined) => (a ?? []).length === (b ?? []).length && (a ?? []).every((x, k) => x === (b ?? [])[k]);
  if (role === place.role && planned.mail === today.mail && same(planned.delivery, today.delivery) && same(planned.pickup, today.pickup)) return undefined;
  return {
    role, mail: today.mail,
    ...(today.delivery !== undefined ? { delivery: [...today.delivery] } : {}),
    ...(today.pickup !== undefined ? { pickup: [...today.pickup] } : {}),
  };
}
