/**
 * The search on several threads (islands on worker threads): the same result for a seed and a
 * thread count under iteration limits, for the daily, periodic and arc engines; one thread is the
 * search of old; every worker ends when the search returns, throws, or is stopped by a caller's
 * rule; within a scope the searches share their workers, which end with the scope; a small
 * search stays on one thread. The workers run the built module (dist/): build first
 * (`npx tsc -b packages/core`).
 */
import { readFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import { createProblem } from '../../../src/vrp/model.js';
import type { ProblemInput } from '../../../src/vrp/input.js';
import { solve } from '../../../src/vrp/solve.js';
import { createPeriodicProblem } from '../../../src/vrp/periodic/model.js';
import type { PeriodicProblemInput } from '../../../src/vrp/periodic/input.js';
import { solvePeriodic } from '../../../src/vrp/periodic/solve.js';
import { parseCarplib } from '../../../src/carp/carplib.js';
import { createCarpProblem } from '../../../src/carp/model.js';
import { solveCarp } from '../../../src/carp/solve.js';
import { IslandLink, islandPoolStats, liveIslandWorkers, openSearchThreads, SMALL_SEARCH } from '../../../src/vrp/search/kernel/index.js';
import { checkSolution } from '../../support/check-solution.js';
import type { CheckProblem } from '../../support/check-solution.js';

function cvrp(seed: number, n: number): ProblemInput {
  const rng = createRandom(seed);
  const xy = Array.from({ length: n + 1 }, () => [rng.int(1000), rng.int(1000)] as const);
  return {
    depots: [{ id: 'D', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => ({ id: `c${k + 1}`, location: k + 1, delivery: [1 + rng.int(9)] })),
    vehicleTypes: [{ id: 'van', count: n, capacity: [40], startDepot: 'D' }],
    matrix: { size: n + 1, distances: xy.map((a) => xy.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1])))) },
  };
}

function weekly(seed: number, n: number): PeriodicProblemInput {
  const rng = createRandom(seed);
  const xy = Array.from({ length: n + 1 }, () => [rng.int(1000), rng.int(1000)] as const);
  return {
    horizon: 5,
    depots: [{ id: 'hub', location: 0 }],
    stops: Array.from({ length: n }, (_, k) => ({ id: `v${k}`, location: k + 1, delivery: [1 + rng.int(3)], visits: [1, 2, 5][rng.int(3)]! })),
    vehicleTypes: [{ id: 'van', count: 3, capacity: [40], startDepot: 'hub' }],
    matrix: { size: n + 1, distances: xy.map((a) => xy.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1]))) },
  };
}

/** Worker threads of this process (Linux), to see that none are left behind. */
function osThreads(): number {
  return Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
}

async function settled(): Promise<number> {
  for (let k = 0; k < 100 && liveIslandWorkers() > 0; k++) await new Promise((r) => setTimeout(r, 50));
  return liveIslandWorkers();
}

describe('search on several threads', () => {
  it('daily: the same plan for a seed and a thread count; one thread is the search of old; plans checked', async () => {
    const input = cvrp(7, 40);
    const problem = createProblem(input);
    const a = solve(problem, { seed: 3, maxIterations: 1100, threads: 2 });
    const b = solve(problem, { seed: 3, maxIterations: 1100, threads: 2 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    // Each island made its iterations; they add up.
    expect(a.search?.iterations).toBe(2200);
    expect(checkSolution(input as CheckProblem, a as never).violations).toEqual([]);
    const one = solve(problem, { seed: 3, maxIterations: 300, threads: 1 });
    const old = solve(problem, { seed: 3, maxIterations: 300 });
    expect(JSON.stringify(one)).toBe(JSON.stringify(old));
    expect(await settled()).toBe(0);
  }, 300_000);

  it('a search that stalls before its time limit (as plan runs) is repeatable on threads too', () => {
    const problem = createProblem(cvrp(11, 20));
    const options = { seed: 4, timeLimit: 600, maxIterationsWithoutImprovement: 400, threads: 2 };
    const a = solve(problem, options);
    expect(JSON.stringify(solve(problem, options))).toBe(JSON.stringify(a));
  }, 300_000);

  it('periodic and arc routing: the same result for a seed and a thread count', async () => {
    const week = createPeriodicProblem(weekly(4, 20));
    const p = solvePeriodic(week, { seed: 2, maxIterations: 700, threads: 2 });
    expect(JSON.stringify(solvePeriodic(week, { seed: 2, maxIterations: 700, threads: 2 }))).toBe(JSON.stringify(p));
    expect(p.feasible).toBe(true);
    const text = readFileSync(new URL('../../../../../benchmarks/instances/carp/gdb/gdb1.dat', import.meta.url), 'utf8');
    const carp = createCarpProblem(parseCarplib(text, { source: 'gdb1' }).input, { source: 'gdb1' });
    const c = solveCarp(carp, { seed: 5, maxIterations: 700, threads: 2 });
    const again = solveCarp(carp, { seed: 5, maxIterations: 700, threads: 2 });
    expect({ ...again, elapsedSeconds: 0 }).toEqual({ ...c, elapsedSeconds: 0 });
    expect(c.iterations).toBeGreaterThan(700);
    expect(c.cost).toBe(316);
    expect(await settled()).toBe(0);
  }, 300_000);

  it('no worker is left when the search returns, throws or is stopped by a rule of the caller', async () => {
    const problem = createProblem(cvrp(8, 40));
    const before = osThreads();
    solve(problem, { seed: 1, maxIterations: 300, threads: 3 });
    expect(await settled()).toBe(0);
    // A rule of the caller that throws on island 0: the error comes out, every island stops.
    expect(() => solve(problem, { seed: 1, maxIterations: 1e9, threads: 3, stop: (s) => { if (s.iterations > 200) throw new Error('caller says no'); return false; } }))
      .toThrow('caller says no');
    expect(await settled()).toBe(0);
    // A rule of the caller that stops island 0 stops the others too (they have no limit of their own).
    const stopped = solve(problem, { seed: 1, threads: 2, maxIterationsWithoutImprovement: 1e9, stop: (s) => s.iterations >= 300 });
    expect(stopped.search!.iterations).toBeLessThan(1e6);
    expect(await settled()).toBe(0);
    for (let k = 0; k < 40 && osThreads() > before; k++) await new Promise((r) => setTimeout(r, 50));
    expect(osThreads()).toBeLessThanOrEqual(before);
  }, 300_000);

  it('searches within a scope share their workers: started once, the same plans as fresh workers, none left once it closes', async () => {
    const problems = [cvrp(21, 25), cvrp(22, 20), cvrp(23, 30)].map((input) => createProblem(input));
    const options = { seed: 6, maxIterations: 250, threads: 3 };
    const fresh = problems.map((problem) => JSON.stringify(solve(problem, options)));
    expect(await settled()).toBe(0);
    const before = islandPoolStats();
    const threads = openSearchThreads();
    let pooled: string[];
    try {
      pooled = problems.map((problem) => JSON.stringify(solve(problem, options)));
      // Between two searches the scope keeps its two workers.
      expect(liveIslandWorkers()).toBe(2);
    } finally {
      await threads.close();
    }
    expect(pooled).toEqual(fresh);
    const after = islandPoolStats();
    expect(after.searches - before.searches).toBe(3);
    expect(after.started - before.started).toBe(2);
    // Closing waits for the workers to exit.
    expect(liveIslandWorkers()).toBe(0);
  }, 300_000);

  it('a search stopped by an error within a scope ends its workers at once; the scope goes on with new ones', async () => {
    const problem = createProblem(cvrp(24, 30));
    const threads = openSearchThreads();
    try {
      expect(() => solve(problem, { seed: 1, maxIterations: 1e9, threads: 2, stop: (s) => { if (s.iterations > 100) throw new Error('interrupted'); return false; } }))
        .toThrow('interrupted');
      // The worker may still have been searching: it is not given back but ended.
      expect(await settled()).toBe(0);
      const again = solve(problem, { seed: 2, maxIterations: 300, threads: 2 });
      expect(again.search?.iterations).toBe(600);
      expect(liveIslandWorkers()).toBe(1);
    } finally {
      await threads.close();
    }
    expect(liveIslandWorkers()).toBe(0);
  }, 300_000);

  it(`a search of fewer than ${SMALL_SEARCH} stops runs on one thread whatever the thread count: the one-thread plan`, () => {
    const problem = createProblem(cvrp(25, SMALL_SEARCH - 1));
    const before = islandPoolStats().searches;
    const two = solve(problem, { seed: 3, maxIterations: 200, threads: 2 });
    expect(islandPoolStats().searches).toBe(before);
    expect(JSON.stringify(two)).toBe(JSON.stringify(solve(problem, { seed: 3, maxIterations: 200, threads: 1 })));
    // At the threshold the islands run (200 iterations on each of two).
    expect(solve(createProblem(cvrp(25, SMALL_SEARCH)), { seed: 3, maxIterations: 200, threads: 2 }).search?.iterations).toBe(400);
    expect(islandPoolStats().searches).toBe(before + 1);
  }, 300_000);

  it('an exchange takes the others\' bests of the exchange before, in order; a stopped island\'s last best comes once', () => {
    const shared = new SharedArrayBuffer(4 * 3);
    const channel = new MessageChannel();
    const a = new IslandLink<string>({ index: 0, every: 1, startedAt: 0, shared, ports: [null, channel.port1] });
    const b = new IslandLink<string>({ index: 1, every: 1, startedAt: 0, shared, ports: [channel.port2, null] });
    try {
      // The first exchange takes nothing: no island waits for another to reach it.
      expect(a.exchange('a1')).toEqual([]);
      expect(b.exchange('b1')).toEqual([]);
      expect(a.exchange('a2')).toEqual(['b1']);
      expect(b.exchange('b2')).toEqual(['a1']);
      expect(b.exchange('b3')).toEqual(['a2']);
      a.finish('a-last', false);
      expect(b.exchange('b4')).toEqual(['a-last']);
      // Stopped: no more from it, and no wait.
      expect(b.exchange('b6')).toEqual([]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('a thread count that is not a whole number from 1 is refused with its name', () => {
    const problem = createProblem(cvrp(9, 5));
    expect(() => solve(problem, { threads: 0 })).toThrow(/threads must be a whole number from 1/);
    expect(() => solve(problem, { threads: 1.5 })).toThrow(/threads must be a whole number from 1/);
  });
});
