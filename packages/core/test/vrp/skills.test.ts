/** Skills in the model (issue 20): a type serves a stop only if it holds every skill the stop needs. */
import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/vrp/model.js';
import type { ProblemInput } from '../../src/vrp/input.js';
import { solve } from '../../src/vrp/solve.js';
import { evaluatePlan } from '../../src/vrp/solution.js';
import { inputError } from '../support/errors.js';
import { tinyProblem } from '../support/tiny-problems.js';

function withSkills(seed: number): ProblemInput {
  const input = tinyProblem('cvrp', seed, 7);
  input.vehicleTypes = [
    { id: 'van', count: 3, capacity: [10], startDepot: 'D0', skills: ['key'] },
    { id: 'bike', count: 3, capacity: [10], startDepot: 'D0', skills: [1], fixedCost: 0 },
  ];
  input.stops.forEach((s, k) => {
    if (k % 3 === 0) s.skills = ['key'];
    else if (k % 3 === 1) s.skills = [1];
  });
  return input;
}

describe('skills', () => {
  it.each([1, 2, 3])('never puts a stop on a type that lacks its skills (seed %i)', (seed) => {
    const input = withSkills(seed);
    const problem = createProblem(input);
    const result = solve(problem, { seed, maxIterations: 200 });
    expect(result.feasible).toBe(true);
    expect(result.unassigned).toEqual([]);
    const needs = new Map(input.stops.map((s) => [s.id, (s.skills ?? []).map(String)]));
    for (const route of result.routes) {
      const held = (input.vehicleTypes.find((t) => t.id === route.vehicleType)!.skills ?? []).map(String);
      for (const id of route.stops) for (const skill of needs.get(id)!) expect(held).toContain(skill);
    }
  });

  it('is no dearer than the skill classes solved apart', () => {
    const input = withSkills(4);
    const both = solve(createProblem(input), { seed: 1, maxIterations: 300 }).cost;
    // Split by class: stops only the van may serve, only the bike, either.
    const part = (keep: (k: number) => boolean, types: ProblemInput['vehicleTypes']): number => {
      const stops = input.stops.filter((_, k) => keep(k)).map((s) => ({ ...s, skills: [] as string[] }));
      return stops.length === 0 ? 0 : solve(createProblem({ ...input, stops, vehicleTypes: types.map((t) => ({ ...t, skills: [] })) }), { seed: 1, maxIterations: 300 }).cost;
    };
    const apart = part((k) => k % 3 === 0, [input.vehicleTypes[0]!]) + part((k) => k % 3 !== 0, [input.vehicleTypes[1]!]);
    // Stops with k % 3 === 2 need nothing: riding with either class, the joint plan is no dearer.
    expect(both).toBeLessThanOrEqual(apart + 1e-9);
  });

  it('gives the reason "skills" to a stop no type may serve, and plan mode names the violation', () => {
    const input = withSkills(1);
    input.stops[0]!.skills = ['key', 1];
    const problem = createProblem(input);
    expect(problem.stopReason[0]).toBe('skills');
    const plan = evaluatePlan(problem, [{ vehicleType: 'bike', stops: [input.stops[3]!.id] }]);
    expect(plan.violations.map((v) => v.kind)).toEqual(['skills']);
    // Timed on the roads as they are, not on the closed arcs.
    expect(plan.distance).toBe(2 * (input.matrix.distances as number[][])[0]![input.stops[3]!.location]!);
  });

  it('rejects a malformed skill at its place', () => {
    const input = withSkills(1);
    (input.stops[2] as { skills: unknown }).skills = [''];
    expect(inputError(() => createProblem(input)).location.field).toBe('stops[2].skills[0]');
  });
});
