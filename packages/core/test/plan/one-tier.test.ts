/**
 * A one-tier plan.json (a `fleet`, no `tiers`) gives the same result as before the two-tier planner
 * existed: the files in `fixtures/one-tier/` were written by the one-tier planner of commit
 * feeb210 (before issue 10), and every output must still match them byte for byte. The search ends
 * by its no-improvement rule (long before the time cap), so the run is repeatable.
 *
 * If an engine change moves these routes, regenerate on purpose and review the diff:
 * `UPDATE_FIXTURES=1 npx vitest run packages/core/test/plan/one-tier.test.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/index.js';
import type { PlanInputs } from '../../src/plan/index.js';
import { planReportToGeoJson, routesCsv, stopsCsv } from '../../src/report/index.js';
import { gridPlaces, gridRoads, gridSpec, LAT0, LON0, STEP } from './grid.js';

const dir = join(import.meta.dirname, 'fixtures/one-tier');
const update = process.env.UPDATE_FIXTURES === '1';

const zigzag = [
  { id: 'T1', stops: ['v1', 'v2', 'v4'] },
  { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] },
];
const lines = [
  { id: 'L1', coordinates: [[LON0, LAT0], [LON0 + 4 * STEP, LAT0], [LON0 + 4 * STEP, LAT0 + 4 * STEP]] as [number, number][], length: 7300 },
  { id: 'L2', coordinates: [[LON0, LAT0], [LON0, LAT0 + 4 * STEP], [LON0 + 2 * STEP, LAT0 + 4 * STEP], [LON0 + 2 * STEP, LAT0 + 2 * STEP], [LON0 + STEP, LAT0 + STEP]] as [number, number][], length: 9000 },
];

const cases: Record<string, () => PlanInputs> = {
  routes: () => ({ spec: gridSpec(), roads: gridRoads(), places: gridPlaces(), baseline: { routes: zigzag } }),
  'tight-fleet': () => ({
    spec: gridSpec({ fleet: [{ id: 'van', count: 2, capacity: 60, departure: '08:00', maxShiftHours: 0.75, fixedCost: 500 }] }),
    roads: gridRoads(), places: gridPlaces(), baseline: { routes: [{ id: 'ALL', stops: ['v1', 'v2', 'v4', 'v5', 'v6', 'v3', 'outlet'] }] },
  }),
  lines: () => ({ spec: gridSpec(), roads: gridRoads(), places: gridPlaces(), baseline: { lines } }),
  stations: () => ({ spec: gridSpec({ coverage: { radiusKm: 1.6 } }), roads: gridRoads(), places: gridPlaces(), baseline: { routes: zigzag } }),
  'no-baseline': () => ({ spec: gridSpec(), roads: gridRoads(), places: gridPlaces() }),
};

describe('a one-tier plan.json is planned as before issue 10', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const { report } = await planNetwork(make(), { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 300 });
      const outputs: Record<string, string> = {
        'summary.json': `${JSON.stringify(report.summary, null, 2)}\n`,
        'routes.csv': await routesCsv(report),
        'stops.csv': await stopsCsv(report),
        'routes.geojson': `${JSON.stringify(planReportToGeoJson(report))}\n`,
      };
      for (const [file, text] of Object.entries(outputs)) {
        const path = join(dir, name, file);
        if (update || !existsSync(path)) {
          if (!update) throw new Error(`missing fixture ${path}: run with UPDATE_FIXTURES=1 and review it`);
          mkdirSync(join(dir, name), { recursive: true });
          writeFileSync(path, text);
        }
        expect(text, `${name}/${file}`).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
