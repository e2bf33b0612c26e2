/**
 * Hand-made counties for the batch tests: an n × n road grid (0.01° apart) at a given origin, a
 * hub in its south-west corner, one outlet in the north-east, a village on every `every`-th other
 * node, and today's routes going round the villages in a fixed order. Returned as the texts of
 * plan.json and the files it names, as a county folder holds them.
 */
import type { FeatureCollection } from 'geojson';

export interface CountyTexts {
  plan: string;
  roads: string;
  places: string;
  baseline: string;
}

export interface GridCountyOptions {
  name?: string;
  size?: number;
  lon?: number;
  lat?: number;
  /** Put a village on every `every`-th grid node (1 = every node). */
  every?: number;
  /** Extra plan.json settings. */
  plan?: Record<string, unknown>;
}

export function gridRoadsAt(size: number, lon0: number, lat0: number): FeatureCollection {
  const step = 0.01;
  const features: FeatureCollection['features'] = [];
  for (let k = 0; k < size; k++) {
    const row = Array.from({ length: size }, (_, i) => [lon0 + i * step, lat0 + k * step]);
    const column = Array.from({ length: size }, (_, i) => [lon0 + k * step, lat0 + i * step]);
    features.push({ type: 'Feature', properties: { highway: 'unclassified', osm_id: 1000 + k }, geometry: { type: 'LineString', coordinates: row } });
    features.push({ type: 'Feature', properties: { highway: 'unclassified', osm_id: 2000 + k }, geometry: { type: 'LineString', coordinates: column } });
  }
  return { type: 'FeatureCollection', features };
}

export function gridCounty(options: GridCountyOptions = {}): CountyTexts {
  const size = options.size ?? 5;
  const lon0 = options.lon ?? 11.5;
  const lat0 = options.lat ?? 50;
  const every = options.every ?? 3;
  const step = 0.01;
  const point = (i: number, j: number): [number, number] => [lon0 + i * step, lat0 + j * step];
  const features: unknown[] = [
    { type: 'Feature', id: 'hub', properties: { name: 'Hub', role: 'hub' }, geometry: { type: 'Point', coordinates: point(0, 0) } },
    { type: 'Feature', id: 'outlet', properties: { name: 'Outlet', role: 'outlet', mail: 40, population: 900, latest: '10:00' }, geometry: { type: 'Point', coordinates: point(size - 1, size - 1) } },
  ];
  const villages: string[] = [];
  let n = 0;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      if ((i === 0 && j === 0) || (i === size - 1 && j === size - 1)) continue;
      if (n++ % every !== 0) continue;
      const id = `v${i}-${j}`;
      villages.push(id);
      features.push({ type: 'Feature', id, properties: { name: `Village ${i}/${j}`, role: 'village', mail: 10, population: 200 }, geometry: { type: 'Point', coordinates: point(i, j) } });
    }
  }
  // Today: two vans, villages dealt out alternately (a criss-cross plan that the planner improves).
  const rows = ['route_id,seq,stop_id'];
  const routes: string[][] = [['outlet'], []];
  villages.forEach((id, k) => (routes[k % 2] as string[]).push(id));
  routes.forEach((stops, r) => stops.forEach((stop, s) => rows.push(`T${r + 1},${s + 1},${stop}`)));
  const mail = 40 + villages.length * 10;
  const plan = {
    name: options.name ?? 'grid county',
    roads: 'roads.geojson',
    places: 'places.geojson',
    baseline: 'today.csv',
    fleet: [{ id: 'van', count: Math.max(3, Math.ceil(mail / 100) + 1), capacity: 100, departure: '08:00', maxShiftHours: 6 }],
    // The search ends after 2,000 iterations without a better plan, far inside this cap, so a run
    // repeats exactly for its seed even on a busy machine.
    timeLimitS: 120,
    ...options.plan,
  };
  return {
    plan: `${JSON.stringify(plan, null, 2)}\n`,
    roads: JSON.stringify(gridRoadsAt(size, lon0, lat0)),
    places: JSON.stringify({ type: 'FeatureCollection', features }),
    baseline: `${rows.join('\n')}\n`,
  };
}
