import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/util/random.js';
import type { GeneticEngine, GeneticMember, Penalties } from '../../../src/vrp/search/kernel/index.js';
import {
  adaptPenalty, GenericPopulation, PENALTY_CEILING, PENALTY_FLOOR, runGenetic, stopRule,
} from '../../../src/vrp/search/kernel/index.js';

/**
 * A toy engine: a child is a number x; education does nothing; it costs |x| and is over capacity
 * by max(0, -x). The kernel's loop, repair, penalties and stopping are what is tested.
 */
interface Toy extends GeneticMember<Toy> {
  x: number;
}

function toy(x: number, p: Penalties): Toy {
  const loadExcess = Math.max(0, -x);
  return {
    x, cost: Math.abs(x), loadExcess, timeExcess: 0, distanceExcess: 0,
    penalisedCost: Math.abs(x) + p.capacity * loadExcess, feasible: loadExcess === 0, biasedFitness: 0, closest: [],
  };
}

class ToyEngine implements GeneticEngine<number, Toy> {
  readonly adapted = ['capacity'] as const;
  /** Penalties seen by each education, and the strict penalties of each repair. */
  readonly educatedAt: number[] = [];
  readonly repairedAt: number[] = [];
  private last = 0;
  constructor(private readonly draw: () => number, private readonly repairTo: (x: number) => number = (x) => x) {}
  random(): number {
    return this.draw();
  }
  crossover(): number {
    return this.draw();
  }
  educate(x: number, p: Penalties): Toy {
    this.educatedAt.push(p.capacity);
    this.last = x;
    return toy(x, p);
  }
  repair(strict: Penalties, p: Penalties): Toy {
    this.repairedAt.push(strict.capacity / p.capacity);
    return toy(this.repairTo(this.last), p);
  }
  evaluate(x: number, p: Penalties): Toy {
    return toy(x, p);
  }
  clone(x: number): number {
    return x;
  }
}

function population(): GenericPopulation<Toy> {
  return new GenericPopulation<Toy>({ distance: (a, b) => Math.abs(a.x - b.x), repenalise: (ind, p) => { ind.penalisedCost = ind.cost + p.capacity * ind.loadExcess; } });
}

const params = { targetFeasible: 0.2, restartAfter: 1000, initialSize: 10, penaltyUpdateEvery: 10 };

describe('genetic search kernel', () => {
  it('adapts a penalty towards the target share, within its floor and ceiling', () => {
    expect(adaptPenalty(1, 0, 0.2)).toBeCloseTo(1.2);
    expect(adaptPenalty(1, 0.5, 0.2)).toBeCloseTo(0.85);
    expect(adaptPenalty(1, 0.22, 0.2)).toBe(1);
    expect(adaptPenalty(PENALTY_FLOOR, 1, 0.2)).toBe(PENALTY_FLOOR);
    expect(adaptPenalty(PENALTY_CEILING, 0, 0.2)).toBe(PENALTY_CEILING);
  });

  it('builds one stopping rule from the limits, and stops a search with none when it stalls', () => {
    const s = (iterations: number, without: number, seconds: number) => ({ iterations, iterationsWithoutImprovement: without, elapsedSeconds: seconds });
    const rule = stopRule({ maxIterations: 100, timeLimit: 5 }, 10);
    expect(rule(s(99, 50, 4.9))).toBe(false);
    expect(rule(s(100, 0, 0))).toBe(true);
    expect(rule(s(0, 0, 5))).toBe(true);
    expect(stopRule({}, 10)(s(0, 9, 0))).toBe(false);
    expect(stopRule({}, 10)(s(0, 10, 0))).toBe(true);
  });

  it('runs exactly the iterations asked, keeps the best feasible and the least penalised', () => {
    const rng = createRandom(3);
    const engine = new ToyEngine(() => rng.int(2001) - 1000);
    const result = runGenetic(engine, { params, penalties: { capacity: 1, timeWarp: 0, distance: 0 }, population: population(), rng, stop: stopRule({ maxIterations: 300 }, 1) });
    expect(result.iterations).toBe(300);
    // Every child was drawn and educated as is: the best feasible is the least |x| over x ≥ 0.
    expect(result.bestFeasible!.feasible).toBe(true);
    expect(result.bestFeasible!.x).toBeGreaterThanOrEqual(0);
    expect(engine.educatedAt.length).toBeGreaterThanOrEqual(310);
    expect(result.bestOverall!.penalisedCost).toBeLessThanOrEqual(result.bestFeasible!.penalisedCost);
  });

  it('raises the penalty while children are infeasible and lowers it to the floor while they are all feasible', () => {
    const always = (x: number) => () => x;
    const infeasible = new ToyEngine(always(-1), () => -1);
    const rng = createRandom(1);
    runGenetic(infeasible, { params, penalties: { capacity: 1, timeWarp: 0, distance: 0 }, population: population(), rng, stop: stopRule({ maxIterations: 200 }, 1) });
    const seen = infeasible.educatedAt;
    expect(seen[seen.length - 1]!).toBeGreaterThan(1.2 ** 15);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!).toBeGreaterThanOrEqual(seen[k - 1]!);
    // Repairs: about half of the infeasible children, at ten times the penalty.
    expect(infeasible.repairedAt.every((f) => Math.abs(f - 10) < 1e-9)).toBe(true);
    expect(infeasible.repairedAt.length).toBeGreaterThan(seen.length * 0.35);
    expect(infeasible.repairedAt.length).toBeLessThan(seen.length * 0.65);

    const feasible = new ToyEngine(always(5));
    runGenetic(feasible, { params, penalties: { capacity: 1, timeWarp: 0, distance: 0 }, population: population(), rng, stop: stopRule({ maxIterations: 2000 }, 1) });
    expect(feasible.educatedAt[feasible.educatedAt.length - 1]).toBe(PENALTY_FLOOR);
    expect(feasible.repairedAt.length).toBe(0);
  });

  it('counts a warm start as given, so the result is never worse than it', () => {
    const rng = createRandom(2);
    const engine = new ToyEngine(() => 500 + rng.int(500));
    const result = runGenetic(engine, {
      params, penalties: { capacity: 1, timeWarp: 0, distance: 0 }, population: population(), rng, stop: stopRule({ maxIterations: 50 }, 1), warmStarts: [3],
    });
    expect(result.bestFeasible!.x).toBe(3);
  });

  it('restarts around the best after restartAfter iterations without improvement', () => {
    const rng = createRandom(4);
    const engine = new ToyEngine(() => 100);
    runGenetic(engine, {
      params: { ...params, restartAfter: 30 }, penalties: { capacity: 1, timeWarp: 0, distance: 0 }, population: population(), rng, stop: stopRule({ maxIterations: 100 }, 1),
    });
    // 10 initial + 100 children + a fresh initial population (10) after each of 3 restarts.
    expect(engine.educatedAt.length).toBe(10 + 100 + 3 * 10);
  });
});
