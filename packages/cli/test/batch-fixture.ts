/**
 * A small province on disk for the batch tests: two grid counties with their own roads, and a
 * third cut by its boundary polygon from a roads file it shares with a far-away grid.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridCounty, gridRoadsAt } from '../../core/test/batch/counties.js';

export const COUNTIES = ['Alpha', 'Beta', 'Gamma'] as const;

export function writeProvince(dir: string, options: { size?: number; every?: number } = {}): string {
  const size = options.size ?? 4;
  const every = options.every ?? 3;
  const origins: Record<string, [number, number]> = { alpha: [11.5, 50], beta: [11.6, 50], gamma: [11.7, 50] };
  for (const [folder, [lon, lat]] of Object.entries(origins)) {
    const texts = gridCounty({ name: `${folder} county`, size, lon, lat, every });
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, 'plan.json'), texts.plan);
    writeFileSync(join(dir, folder, 'roads.geojson'), texts.roads);
    writeFileSync(join(dir, folder, 'places.geojson'), texts.places);
    writeFileSync(join(dir, folder, 'today.csv'), texts.baseline);
  }
  // Gamma's plan names a province-wide roads file: its own grid and one far to the east.
  const gammaRoads = gridRoadsAt(size, 11.7, 50);
  const far = gridRoadsAt(size, 12.5, 50);
  writeFileSync(join(dir, 'province-roads.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [...far.features, ...gammaRoads.features] }));
  const gammaPlan = JSON.parse(gridCounty({ name: 'gamma county', size, lon: 11.7, lat: 50, every }).plan) as Record<string, unknown>;
  writeFileSync(join(dir, 'gamma', 'plan-cut.json'), JSON.stringify({ ...gammaPlan, roads: '../province-roads.geojson' }, null, 2));
  const edge = 0.01 * (size - 1) + 0.005;
  writeFileSync(join(dir, 'counties.geojson'), JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name: 'gamma' }, geometry: { type: 'Polygon', coordinates: [[[11.695, 49.995], [11.7 + edge, 49.995], [11.7 + edge, 50 + edge], [11.695, 50 + edge], [11.695, 49.995]]] } }],
  }));
  writeFileSync(join(dir, 'province.json'), `${JSON.stringify({
    name: 'Test province',
    boundaries: 'counties.geojson',
    counties: [
      { name: 'Alpha', plan: 'alpha/plan.json' },
      { name: 'Beta', plan: 'beta/plan.json' },
      { name: 'Gamma', plan: 'gamma/plan-cut.json', boundary: 'gamma' },
    ],
  }, null, 2)}\n`);
  return join(dir, 'province.json');
}
