/**
 * Which parts of a plan compose (issue 19): the one table of combinations, and the one place that
 * refuses a combination the planner cannot plan, with a located error. Every other module plans
 * what it is given; none of them refuses a combination on its own (in the spirit of PyVRP's
 * operator `supports(data)`: the capability is declared once, next to the pipeline, not found
 * out half-way through a run).
 *
 * The parts: two tiers (`tiers`), weekly service (`week` or places' `visits_per_week` / `days`),
 * door to door (`doorToDoor`), village stations (`coverage`) and `scenarios`. A cell of
 * {one tier | two tiers} × {daily | weekly} × {door to door or not} × {stations or not} ×
 * {scenarios or not} plans unless a row of `REFUSED` matches it.
 *
 * Door to door plans in every cell with vehicles of its own; with `doorToDoor.fleet: "office"`
 * (vans of the office's delivery fleet, door-to-door-fleet.ts) in every two-tier cell, daily and
 * weekly, with stations and scenarios. That choice is a setting of the door-to-door block, not a
 * part: a one-tier plan has no office fleet to lend, and the preflight says so at the block's
 * `fleet` (checkDoorToDoorFleet), as it checks every other key against the plan it is in.
 */
import { InputError } from '../errors.js';

/** The parts of a plan that compose. */
export type PlanPart = 'tiers' | 'weekly' | 'doorToDoor' | 'coverage' | 'scenarios';

/** Which parts a plan has. */
export type PlanParts = Record<PlanPart, boolean>;

/** A combination the planner refuses: every part in `parts` present; the error names `field`. */
export interface RefusedCombination {
  parts: readonly PlanPart[];
  /** The plan.json key the error points at. */
  field: string;
  message: string;
  hint: string;
}

/**
 * The combinations the planner cannot plan: none. Every cell of the table plans, two tiers with
 * weekly service too (tiers/week.ts: the periodic engine chooses each office's villages' days and
 * routes together, the trunk planned for every day's loads). A row added here is refused with its
 * located error before the road graph is built.
 */
export const REFUSED: readonly RefusedCombination[] = [];

/** The parts a plan has, from plan.json and whether its places ask for weekly service. */
export function planParts(spec: { tiers?: unknown; doorToDoor?: unknown; coverage?: unknown; scenarios?: readonly unknown[] }, weekly: boolean): PlanParts {
  return {
    tiers: spec.tiers !== undefined,
    weekly,
    doorToDoor: spec.doorToDoor !== undefined,
    coverage: spec.coverage !== undefined,
    scenarios: (spec.scenarios ?? []).length > 0,
  };
}

/** The first refused combination the parts make, or null when the plan can be planned. */
export function refusedCombination(parts: PlanParts): RefusedCombination | null {
  return REFUSED.find((row) => row.parts.every((part) => parts[part])) ?? null;
}

/**
 * Throws the located error of a refused combination; the one place that refuses one.
 *
 * @example
 * checkSupported(planParts(spec, true), 'plan.json'); // throws the located error of the first row of REFUSED the parts match
 */
export function checkSupported(parts: PlanParts, source: string): void {
  const row = refusedCombination(parts);
  if (row !== null) throw new InputError(row.message, { source, field: row.field }, row.hint);
}
