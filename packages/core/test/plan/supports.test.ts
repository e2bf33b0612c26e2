import { describe, expect, it } from 'vitest';
import { checkSupported, planParts, refusedCombination, type PlanParts } from '../../src/plan/supports.js';

const everyCell = (): PlanParts[] => {
  const parts: PlanParts[] = [];
  for (let mask = 0; mask < 32; mask++) {
    parts.push({ tiers: (mask & 1) > 0, weekly: (mask & 2) > 0, doorToDoor: (mask & 4) > 0, coverage: (mask & 8) > 0, scenarios: (mask & 16) > 0 });
  }
  return parts;
};

describe('the table of supported combinations', () => {
  it('refuses nothing: every cell of the 32 plans (two tiers with weekly service too)', () => {
    expect(everyCell().filter((p) => refusedCombination(p) !== null)).toEqual([]);
    expect(planParts({ tiers: {}, scenarios: [] }, true)).toEqual({ tiers: true, weekly: true, doorToDoor: false, coverage: false, scenarios: false });
    expect(() => checkSupported(planParts({ tiers: {}, coverage: {}, doorToDoor: {}, scenarios: [{}] }, true), 'plan.json')).not.toThrow();
  });

});
