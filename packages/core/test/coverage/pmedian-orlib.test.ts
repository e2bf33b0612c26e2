/** The heuristic against a published optimum, and determinism. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS benchmark helper without types
import { readPmed } from '../../../../benchmarks/coverage/orlib.mjs';
import { solvePMedian, type CoverageMatrix } from '../../src/coverage/index.js';

const pmed1 = readPmed(new URL('../../../../benchmarks/instances/pmedian/pmed1.txt', import.meta.url).pathname) as { n: number; p: number; matrix: CoverageMatrix };

describe('OR-Library pmed1 (optimum 5819)', () => {
  it('the heuristic reaches the optimum and its Lagrangian bound certifies it', async () => {
    const result = await solvePMedian(pmed1.matrix, { p: pmed1.p, method: 'heuristic', seed: 7, timeLimit: 20 });
    expect(result.objective).toBe(5819);
    expect(result.bound).toBeLessThanOrEqual(5819);
    expect(result.status).toBe(result.bound === 5819 ? 'optimal' : 'feasible');
    expect(result.opened).toHaveLength(5);
  });

  it('is deterministic for a seed', async () => {
    // A weighted variant so that ties and the search path matter.
    const weights = Array.from({ length: pmed1.n }, (_, i) => 1 + ((i * 37) % 11));
    const run = () => solvePMedian(pmed1.matrix, { p: 8, weights, method: 'heuristic', seed: 3, timeLimit: 20 });
    const [a, b] = [await run(), await run()];
    expect(b.open).toEqual(a.open);
    expect(b.objective).toBe(a.objective);
    expect(b.bound).toBe(a.bound);
  });
});
