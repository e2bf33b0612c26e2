import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCarpProblem, createRandom, parseCarplib, solveCarp, type CarpInput } from '@postroute/core';
import { checkCarpSolution, floydWarshall } from '../support/check-carp.js';

/** Optimal cost by enumeration: every order, orientation and cut of the required edges. */
function bruteForce(input: CarpInput): number {
  const n = input.nodeCount;
  const d = floydWarshall(input);
  const sides: Array<{ u: number; v: number; cost: number; demand: number; dirs: number[] }> = [];
  for (const req of input.required) {
    const e = input.edges[req.edge]!;
    const cost = req.serviceCost ?? e.cost;
    const demand = req.demand ?? 0;
    if (req.sides === 'both') {
      sides.push({ u: e.from, v: e.to, cost, demand, dirs: [0] }, { u: e.from, v: e.to, cost, demand, dirs: [1] });
    } else {
      sides.push({ u: e.from, v: e.to, cost, demand, dirs: e.oneway ? [0] : [0, 1] });
    }
  }
  const m = sides.length;
  const capacity = input.capacity ?? Infinity;
  const limit = input.maxRouteCost ?? Infinity;
  let best = Infinity;
  const order: number[] = [];
  const used = new Array<boolean>(m).fill(false);
  const depot = input.depot;
  // Route cost of a fixed sequence with fixed orientations.
  const permute = (): void => {
    if (order.length === m) {
      // All orientations and cut patterns (bit i: a new route starts before order[i]).
      const orientations = 1 << m;
      for (let o = 0; o < orientations; o++) {
        let ok = true;
        for (let i = 0; i < m; i++) if (!sides[order[i]!]!.dirs.includes((o >> i) & 1)) ok = false;
        if (!ok) continue;
        for (let cuts = 0; cuts < 1 << (m - 1); cuts++) {
          let total = 0;
          let at = depot;
          let load = 0;
          let route = 0;
          let feasible = true;
          for (let i = 0; i < m && feasible; i++) {
            if (i > 0 && (cuts >> (i - 1)) & 1) {
              route += d[at * n + depot]!;
              if (load > capacity || route > limit) feasible = false;
              total += route;
              route = 0; load = 0; at = depot;
            }
            const s = sides[order[i]!]!;
            const flip = (o >> i) & 1;
            const [a, b] = flip ? [s.v, s.u] : [s.u, s.v];
            route += d[at * n + a]! + s.cost;
            load += s.demand;
            at = b;
          }
          route += d[at * n + depot]!;
          if (load > capacity || route > limit) feasible = false;
          total += route;
          if (feasible && total < best) best = total;
        }
      }
      return;
    }
    for (let i = 0; i < m; i++) {
      if (used[i]) continue;
      used[i] = true; order.push(i);
      permute();
      order.pop(); used[i] = false;
    }
  };
  permute();
  return best;
}

function randomInstance(seed: number): CarpInput {
  const rng = createRandom(seed);
  const nodeCount = 4 + rng.int(3);
  const edges: CarpInput['edges'] = [];
  // A cycle through all nodes (two-way) keeps the graph strongly connected; then some chords.
  for (let v = 0; v < nodeCount; v++) edges.push({ from: v, to: (v + 1) % nodeCount, cost: 1 + rng.int(9) });
  for (let k = 0; k < 3; k++) {
    const a = rng.int(nodeCount);
    const b = (a + 1 + rng.int(nodeCount - 1)) % nodeCount;
    edges.push({ from: a, to: b, cost: 1 + rng.int(9), oneway: rng.next() < 0.4 });
  }
  const required: CarpInput['required'] = [];
  const picked = new Set<number>();
  const count = 3 + rng.int(2);
  while (required.length < count) {
    const e = rng.int(edges.length);
    if (picked.has(e)) continue;
    picked.add(e);
    const both = !edges[e]!.oneway && rng.next() < 0.2 && count < 4;
    required.push({ edge: e, demand: 1 + rng.int(4), ...(both ? { sides: 'both' as const } : {}), ...(rng.next() < 0.3 ? { serviceCost: 2 * edges[e]!.cost } : {}) });
  }
  return { nodeCount, edges, required, depot: rng.int(nodeCount), capacity: 5 + rng.int(4), ...(seed % 3 === 0 ? { maxRouteCost: 60 } : {}) };
}

describe('solveCarp', () => {
  it('finds the optimum of small random graphs (brute force), with checked solutions', () => {
    let compared = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const input = randomInstance(seed);
      const optimum = bruteForce(input);
      const problem = createCarpProblem(input);
      if (problem.unservable.length > 0 || optimum === Infinity) continue;
      const solution = solveCarp(problem, { seed, noImprovement: 200 });
      expect(checkCarpSolution(input, solution), `seed ${seed}`).toEqual([]);
      expect(solution.feasible).toBe(true);
      expect(solution.cost, `seed ${seed}`).toBeCloseTo(optimum, 9);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('services a one-way street only forwards, even when backwards would be cheaper', () => {
    // Depot 0; the one-way edge 2 → 1 must be serviced from 2 to 1; a two-way detour 0–2 costs 10.
    const input: CarpInput = {
      nodeCount: 3, depot: 0, capacity: 10,
      edges: [{ from: 0, to: 1, cost: 1 }, { from: 2, to: 1, cost: 1, oneway: true }, { from: 0, to: 2, cost: 10 }],
      required: [{ edge: 1, demand: 1 }],
    };
    const solution = solveCarp(createCarpProblem(input), { noImprovement: 50 });
    expect(checkCarpSolution(input, solution)).toEqual([]);
    expect(solution.routes).toHaveLength(1);
    expect(solution.routes[0]!.services.map((s) => [s.from, s.to])).toEqual([[2, 1]]);
    expect(solution.cost).toBe(12);
  });

  it('services both sides of a "both" street once in each direction', () => {
    const input: CarpInput = {
      nodeCount: 2, depot: 0, capacity: 10,
      edges: [{ from: 0, to: 1, cost: 3 }],
      required: [{ edge: 0, demand: 1, sides: 'both' }],
    };
    const solution = solveCarp(createCarpProblem(input), { noImprovement: 50 });
    expect(checkCarpSolution(input, solution)).toEqual([]);
    expect(solution.cost).toBe(6);
    expect(solution.routes.flatMap((r) => r.services.map((s) => s.side)).sort()).toEqual(['backward', 'forward']);
  });

  it('gives the same routes for the same seed', () => {
    const input = randomInstance(7);
    const a = solveCarp(createCarpProblem(input), { seed: 3, maxIterations: 100 });
    const b = solveCarp(createCarpProblem(input), { seed: 3, maxIterations: 100 });
    expect(JSON.stringify(a.routes)).toBe(JSON.stringify(b.routes));
  });

  it('solves gdb1 and gdb19 (CARPLIB) to their best known values, checked independently', () => {
    for (const [name, bks] of [['gdb1', 316], ['gdb19', 55]] as const) {
      const text = readFileSync(new URL(`../../../../benchmarks/instances/carp/gdb/${name}.dat`, import.meta.url), 'utf8');
      const instance = parseCarplib(text, { source: `${name}.dat` });
      const solution = solveCarp(createCarpProblem(instance.input), { seed: 1, noImprovement: 1000 });
      expect(checkCarpSolution(instance.input, solution)).toEqual([]);
      expect(solution.cost, name).toBe(bks);
    }
  });
});
