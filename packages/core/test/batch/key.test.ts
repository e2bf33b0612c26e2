import { describe, expect, it } from 'vitest';
import { canonicalJson, countyJobKey } from '../../src/batch/key.js';
import { gridCounty } from './counties.js';

function job(overrides: Partial<{ plan: string; roads: string; places: string; baseline: string; seed: number; timeLimit: number }> = {}) {
  const texts = { ...gridCounty(), ...overrides };
  return {
    plan: { path: 'a/plan.json', text: texts.plan },
    roads: { path: 'a/roads.geojson', text: texts.roads },
    places: { path: 'a/places.geojson', text: texts.places },
    baseline: { path: 'a/today.csv', text: texts.baseline },
    ...(overrides.seed !== undefined ? { seed: overrides.seed } : {}),
    ...(overrides.timeLimit !== undefined ? { timeLimit: overrides.timeLimit } : {}),
  };
}

describe('countyJobKey', () => {
  it('is a SHA-256 of the content, the same for the same inputs wherever the files are', () => {
    const key = countyJobKey(job());
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const moved = job();
    moved.roads.path = 'elsewhere/r.geojson';
    moved.plan.path = 'x/plan.json';
    expect(countyJobKey(moved)).toBe(key);
    // Reformatting plan.json does not change what it says.
    const compact = JSON.stringify(JSON.parse(gridCounty().plan));
    expect(countyJobKey(job({ plan: compact }))).toBe(key);
  });

  it('changes with the roads, places, baseline, plan settings, seed and time limit', () => {
    const key = countyJobKey(job());
    const other = gridCounty({ size: 6 });
    const plan = JSON.parse(gridCounty().plan) as Record<string, unknown>;
    const keys = [
      countyJobKey(job({ roads: other.roads })),
      countyJobKey(job({ places: other.places })),
      countyJobKey(job({ baseline: other.baseline })),
      countyJobKey(job({ plan: JSON.stringify({ ...plan, operatingDaysPerYear: 250 }) })),
      countyJobKey(job({ seed: 7 })),
      countyJobKey(job({ timeLimit: 5 })),
    ];
    expect(new Set([key, ...keys]).size).toBe(keys.length + 1);
    // A seed equal to the plan's own is the same job.
    expect(countyJobKey(job({ seed: 1 }))).toBe(key);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});
