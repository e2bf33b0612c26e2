/**
 * The hand-made grid county that the CLI tests plan on, written as a user would have it: roads and
 * places as GeoJSON, today's routes as CSV, and the compiled CLI run in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gridPlaces, gridRoads } from '../../core/test/plan/grid.js';

export const main = resolve(import.meta.dirname, '../dist/main.js');

/**
 * Runs the compiled CLI in `cwd`. The timeout only keeps a hung run from holding the suite; a
 * test whose runs search on several threads may give more (islands in lockstep slow down most
 * on a loaded machine), so that the clock does not decide its outcome.
 */
export function run(args: string[], cwd: string, timeoutMs = 60_000): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** plan.json of the grid county. */
export const gridPlan = {
  name: 'grid county',
  roads: 'roads.geojson',
  places: 'places.geojson',
  baseline: 'today.csv',
  fleet: [{ id: 'van', count: 3, capacity: 100, departure: '08:00', maxShiftHours: 4 }],
  // The search stops after 2,000 iterations without improvement (well under a second here), so a
  // generous time limit keeps runs repeatable on a busy machine.
  timeLimitS: 20,
};

/** Writes the county's roads.geojson, places.geojson and today.csv into `dir` (plan.json is the test's). */
export function writeGridCounty(dir: string): void {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  writeFileSync(join(dir, 'roads.geojson'), JSON.stringify(gridRoads()));
  writeFileSync(join(dir, 'places.geojson'), JSON.stringify({
    type: 'FeatureCollection',
    features: gridPlaces().map((p) => ({ type: 'Feature', id: p.id, properties: p.properties, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })),
  }));
  writeFileSync(join(dir, 'today.csv'), 'route_id,seq,stop_id\nT1,1,v1\nT1,2,v2\nT1,3,v4\nT2,1,v5\nT2,2,v6\nT2,3,outlet\nT2,4,v3\n');
}
