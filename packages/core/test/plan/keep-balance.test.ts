/**
 * plan.json's keepRoutes (today's routes kept exactly, issue 20 locked routes) and balance
 * (balanced workloads) on the grid county.
 */
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/index.js';
import { parsePlanFile } from '../../src/plan/file/plan-file.js';
import { gridPlaces, gridRoads, gridSpec } from './grid.js';
import { inputError } from '../support/errors.js';

const zigzag = [
  { id: 'T1', stops: ['v1', 'v2', 'v4'] },
  { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] },
];

describe('plan.json keepRoutes and balance', () => {
  it('keeps the named route of today exactly and plans the rest around it', async () => {
    const spec = { ...gridSpec(), keepRoutes: ['T1'] };
    const { report } = await planNetwork({ spec, roads: gridRoads(), places: gridPlaces(), baseline: { routes: zigzag } },
      { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 300 });
    const after = report.after.map((r) => r.stops);
    expect(after).toContainEqual(['v1', 'v2', 'v4']);
    const served = after.flat();
    expect(new Set(served).size).toBe(served.length);
    expect(served.sort()).toEqual(['outlet', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
  });

  it('refuses a kept route that today does not have, at its place', async () => {
    const spec = { ...gridSpec(), keepRoutes: ['T9'] };
    const run = planNetwork({ spec, roads: gridRoads(), places: gridPlaces(), baseline: { routes: zigzag } }, { seed: 3, timeLimit: 5 });
    await expect(run).rejects.toMatchObject({ location: { field: 'keepRoutes[0]' } });
  });

  it('reads balance and refuses a bad one with its line', () => {
    const text = (balance: unknown): string => JSON.stringify({ name: 'x', roads: 'r.geojson', places: 'p.geojson', fleet: [{ id: 'van', capacity: 10 }], balance }, null, 2);
    expect(parsePlanFile(text({ by: 'duration', weight: 2000 })).balance).toEqual({ by: 'duration', weight: 2000 });
    expect(inputError(() => parsePlanFile(text({ by: 'km', weight: 1 }))).location.field).toBe('balance.by');
    expect(inputError(() => parsePlanFile(text({ by: 'stops', weight: -1 }))).location.field).toBe('balance.weight');
    expect(inputError(() => parsePlanFile(text({ by: 'stops', weight: 1, cap: 2 }))).location.field).toBe('balance.cap');
  });
});
