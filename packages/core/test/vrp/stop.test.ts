import { describe, expect, it } from 'vitest';
import { anyOf, maxIterations, maxRuntime, noImprovement } from '../../src/vrp/stop.js';

describe('stopping rules', () => {
  const state = (iterations: number, iterationsWithoutImprovement: number, elapsedSeconds: number) =>
    ({ iterations, iterationsWithoutImprovement, elapsedSeconds });

  it('each rule looks at its own measure', () => {
    expect(maxIterations(10)(state(9, 0, 0))).toBe(false);
    expect(maxIterations(10)(state(10, 0, 0))).toBe(true);
    expect(noImprovement(5)(state(100, 4, 0))).toBe(false);
    expect(noImprovement(5)(state(100, 5, 0))).toBe(true);
    expect(maxRuntime(2)(state(0, 0, 1.99))).toBe(false);
    expect(maxRuntime(2)(state(0, 0, 2))).toBe(true);
  });

  it('anyOf stops as soon as one rule does', () => {
    const rule = anyOf(maxIterations(100), noImprovement(10));
    expect(rule(state(50, 9, 0))).toBe(false);
    expect(rule(state(50, 10, 0))).toBe(true);
    expect(rule(state(100, 0, 0))).toBe(true);
  });
});
