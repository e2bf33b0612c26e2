import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkSupported, planParts, refusedCombination, type PlanParts } from '../../src/plan/supports.js';

describe('the table of supported combinations', () => {
  it('refuses two tiers with weekly service, whatever else, and nothing else', () => {
    const parts: PlanParts[] = [];
    for (let mask = 0; mask < 32; mask++) {
      parts.push({ tiers: (mask & 1) > 0, weekly: (mask & 2) > 0, doorToDoor: (mask & 4) > 0, coverage: (mask & 8) > 0, scenarios: (mask & 16) > 0 });
    }
    const refused = parts.filter((p) => refusedCombination(p) !== null);
    expect(refused).toHaveLength(8);
    expect(refused.every((p) => p.tiers && p.weekly)).toBe(true);
  });

  it('says the refusal as one located error at the key', () => {
    const parts = planParts({ tiers: {}, scenarios: [] }, true);
    expect(parts).toEqual({ tiers: true, weekly: true, doorToDoor: false, coverage: false, scenarios: false });
    let error: unknown;
    try {
      checkSupported(parts, 'county.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toMatch(/^county\.json, field "week": weekly service .* not planned in two tiers yet.* — plan the week one-tier from each office/);
    expect(() => checkSupported(planParts({ coverage: {}, doorToDoor: {} }, true), 'plan.json')).not.toThrow();
  });
});
