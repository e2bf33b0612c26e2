/**
 * A plan on several threads (issue 21 §1): its searches share one pool of worker threads, started
 * once, and no worker is left when the plan returns or stops on an error half way. The county is
 * large enough (24 villages) for its searches to run as islands (islands.ts SMALL_SEARCH).
 * The workers run the built module (dist/): build first (`npx tsc -b packages/core`).
 */
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/plan.js';
import type { PlanInputs } from '../../src/plan/plan.js';
import { islandPoolStats, liveIslandWorkers, SMALL_SEARCH } from '../../src/vrp/search/kernel/index.js';
import { at, gridRoads, gridSpec } from './grid.js';

function county(): PlanInputs {
  const villages = [];
  for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) if ((i + 2 * j) % 2 === 1 && villages.length < 24) villages.push(at(`v${villages.length + 1}`, i, j, { role: 'village', mail: 5 + ((i * 7 + j) % 4), population: 100 }));
  expect(villages.length).toBeGreaterThanOrEqual(SMALL_SEARCH);
  return {
    spec: gridSpec({ baseline: undefined, fleet: [{ id: 'van', count: 4, capacity: 60, departure: '08:00', maxShiftHours: 4 }], timeLimitS: 600,
      scenarios: [{ name: 'peak', description: 'mail × 1.5', volumeFactor: { mail: 1.5 } }] }),
    roads: gridRoads(7),
    places: [at('hub', 0, 0, { role: 'hub' }), at('outlet', 6, 6, { role: 'outlet', mail: 20, population: 500 }), ...villages],
  };
}

describe('a plan on several threads', () => {
  it('its searches share the workers, started once; the same plan run after run; none left when it returns', async () => {
    const before = islandPoolStats();
    const a = await planNetwork(county(), { seed: 2, threads: 2, maxIterationsWithoutImprovement: 100 });
    expect(liveIslandWorkers()).toBe(0);
    const first = islandPoolStats();
    // The base case and the scenario: two searches or more on one worker.
    expect(first.searches - before.searches).toBeGreaterThanOrEqual(2);
    expect(first.started - before.started).toBe(1);
    const b = await planNetwork(county(), { seed: 2, threads: 2, maxIterationsWithoutImprovement: 100 });
    expect(JSON.stringify(b.report.after)).toBe(JSON.stringify(a.report.after));
    expect(JSON.stringify(b.scenarios.map((s) => s.report.after))).toBe(JSON.stringify(a.scenarios.map((s) => s.report.after)));
  }, 300_000);

  it('a plan that stops on an error during a search leaves no worker', async () => {
    let events = 0;
    let during = 0;
    const failing = planNetwork(county(), {
      seed: 2, threads: 2, maxIterationsWithoutImprovement: 100,
      onProgress: (event) => {
        if (event.step !== 'solve' || ++events <= 3) return;
        // Thrown on island 0 while its worker searches.
        during = liveIslandWorkers();
        throw new Error('stopped by the caller');
      },
    });
    await expect(failing).rejects.toThrow('stopped by the caller');
    expect(during).toBe(1);
    expect(liveIslandWorkers()).toBe(0);
  }, 300_000);
});
