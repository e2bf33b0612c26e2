import { describe, expect, it } from 'vitest';
import { createCarpProblem, type CarpInput } from '@postroute/core';
import { inputError } from '../support/errors.js';

const base = (): CarpInput => ({
  nodeCount: 4, depot: 0, capacity: 5,
  edges: [{ from: 0, to: 1, cost: 2 }, { from: 1, to: 2, cost: 3 }, { from: 2, to: 3, cost: 1, oneway: true }],
  required: [{ edge: 0, demand: 1 }, { edge: 1, demand: 2 }],
});

describe('createCarpProblem', () => {
  it('names the field of bad input', () => {
    const bad = (change: (input: CarpInput) => void): string => {
      const input = base();
      change(input);
      return inputError(() => createCarpProblem(input, { source: 'p.json' })).describe();
    };
    expect(bad((i) => { i.edges[1]!.to = 9; })).toMatch(/p\.json, item 1, field "edges\[1\]\.to": to must be a node index in 0…3/);
    expect(bad((i) => { i.edges[0]!.cost = -1; })).toMatch(/field "edges\[0\]\.cost"/);
    expect(bad((i) => { i.required[1]!.edge = 7; })).toMatch(/field "required\[1\]\.edge"/);
    expect(bad((i) => { i.required[1]!.edge = 0; })).toMatch(/already required by required\[0\]/);
    expect(bad((i) => { i.required.push({ edge: 2, sides: 'both' }); })).toMatch(/one-way/);
    expect(bad((i) => { i.depot = 4; })).toMatch(/field "depot"/);
    expect(bad((i) => { i.capacity = 0; })).toMatch(/field "capacity"/);
  });

  it('sets aside unservable required edges with reasons', () => {
    const input = base();
    // Node 3 is reached only by the one-way 2 → 3, and nothing leads back from it.
    input.edges.push({ from: 3, to: 3, cost: 1 });
    input.required.push({ edge: 2, demand: 1 }, { edge: 3, demand: 1 });
    input.required[0]!.demand = 6;
    const problem = createCarpProblem(input);
    expect(problem.unservable.map((u) => [u.required, u.reason])).toEqual([
      [0, 'demand-exceeds-capacity'], [2, 'unreachable'], [3, 'unreachable'],
    ]);
    expect(problem.taskCount).toBe(1);
    const limited = createCarpProblem({ ...base(), maxRouteCost: 9 });
    expect(limited.unservable.map((u) => [u.required, u.reason])).toEqual([[1, 'route-limit-exceeded']]);
  });

  it('allows only the forward orientation of a one-way required edge', () => {
    const input = base();
    input.edges.push({ from: 3, to: 0, cost: 1 });
    input.required.push({ edge: 2 });
    const problem = createCarpProblem(input);
    const t = problem.taskCount - 1;
    expect(problem.service[2 * t]).toBe(1);
    expect(problem.service[2 * t + 1]).toBe(Infinity);
    expect(problem.symmetric).toBe(false);
  });
});
