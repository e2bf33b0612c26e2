/**
 * docs/plan.md shows, for each plan.json key, the line `postroute plan` prints when that key of
 * the example's plan.json is wrong. This test makes each of those plans again (a copy of
 * examples/county with one key changed) and checks that postroute still prints exactly the line
 * the page shows, so the page cannot drift from the program. Mistakes within plan.json are checked
 * with the parser `postroute plan` calls (the same line, without a process per row); the others
 * (a missing file, a depot that is not a hub) through the command itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, parsePlanFile } from '@postroute/core';

const repo = resolve(import.meta.dirname, '../../..');
const main = resolve(import.meta.dirname, '../dist/main.js');
type Plan = Record<string, unknown> & { fleet: Record<string, unknown>[] };

/** The change each row of the page's table stands for (the same as the run that made the table). */
const CHANGES: Record<string, (plan: Plan) => void> = {
  name: (p) => { p.name = 5; },
  roads: (p) => { delete p.roads; },
  'roads (missing file)': (p) => { p.roads = 'nowhere.geojson'; },
  places: (p) => { p.places = 'places.xlsx'; },
  baseline: (p) => { p.baseline = 'nowhere.csv'; },
  fleet: (p) => { (p as Record<string, unknown>).fleet = { id: 'van' }; },
  'fleet[].id': (p) => { p.fleet[0]!.id = ''; },
  'fleet[].count': (p) => { p.fleet[0]!.count = 0; },
  'fleet[].capacity': (p) => { p.fleet[0]!.capacity = -5; },
  'fleet[].depot': (p) => { p.fleet[0]!.depot = 'nowhere'; },
  'fleet[].departure': (p) => { p.fleet[0]!.departure = '8 am'; },
  'fleet[].maxShiftHours': (p) => { p.fleet[0]!.maxShiftHours = 30; },
  'fleet[].fixedCost': (p) => { p.fleet[0]!.fixedCost = -1; },
  'fleet[] unknown key': (p) => { p.fleet[0]!.speed = 50; },
  'fleet[].countPerDay': (p) => { p.fleet[0]!.countPerDay = { Sat: 1 }; p.week = { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] }; },
  serviceMinutes: (p) => { p.serviceMinutes = { village: -3 }; },
  coverage: (p) => { p.coverage = { radiusKm: 0 }; },
  operatingDaysPerYear: (p) => { p.operatingDaysPerYear = 400; },
  snapDistanceM: (p) => { p.snapDistanceM = -1; },
  baselineMatchDistanceM: (p) => { p.baselineMatchDistanceM = 'far'; },
  timeLimitS: (p) => { p.timeLimitS = 0; },
  seed: (p) => { p.seed = 1.5; },
  csvDelimiter: (p) => { p.csvDelimiter = '|'; },
  week: (p) => { p.week = { days: ['Mon', 'Funday'] }; },
  tiers: (p) => { p.tiers = { trunk: {} }; },
  loads: (p) => { p.loads = { kg: { delivery: ['parcel_kg'] } }; },
  profiles: (p) => { p.profiles = { truck: { speedFactor: 0 } }; },
  scenarios: (p) => { p.scenarios = [{ name: 'x', volumeFactor: { nothing: 2 } }]; },
  doorToDoor: (p) => { p.doorToDoor = { streets: [], serviceMinutesPerKm: -1 }; },
  'unknown key': (p) => { p.vehicles = 3; },
};

/** The rows of the page's table "The error of each key": key → the line shown. */
function documentedErrors(): Map<string, string> {
  const page = readFileSync(join(repo, 'docs/plan.md'), 'utf8');
  const section = page.slice(page.indexOf('### The error of each key'));
  const rows = new Map<string, string>();
  for (const [, key, line] of section.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)) rows.set(key!, line!.replace(/\\\|/g, '|'));
  return rows;
}

let dir = '';
beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-plan-keys-'));
  cpSync(join(repo, 'examples/county'), dir, { recursive: true, filter: (path) => !/[/\\]out[^/\\]*$/.test(path) });
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('docs/plan.md, the error of each key', () => {
  const rows = documentedErrors();
  it('documents a change for every key of the table, and the table every change', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(CHANGES).sort());
  });
  for (const [key, shown] of rows) {
    it(`${key}: postroute plan prints the line the page shows`, () => {
      const plan = JSON.parse(readFileSync(join(repo, 'examples/county/plan.json'), 'utf8')) as Plan;
      plan.roads = relative(dir, join(repo, 'examples/data/osm/north-bayreuth/roads.geojson'));
      CHANGES[key]?.(plan);
      const text = JSON.stringify(plan, null, 2);
      let parsed: InputError | undefined;
      try { parsePlanFile(text, 'plan.json'); } catch (error) { if (error instanceof InputError) parsed = error; else throw error; }
      if (parsed !== undefined) {
        expect(parsed.describe()).toBe(shown);
        return;
      }
      writeFileSync(join(dir, 'plan.json'), text);
      const result = spawnSync(process.execPath, [main, 'plan', join(dir, 'plan.json'), '--out', join(dir, 'out'), '--quiet'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split(`${dir}/`).join('')).toBe(`postroute: error: ${shown}`);
    });
  }
});

describe('the example mistakes of README.md and docs/plan.md', () => {
  it('a capacity below zero, and a baseline stop that is not a place, give the lines both pages show', () => {
    const shown = (page: string): string[] => [...readFileSync(join(repo, page), 'utf8').matchAll(/^postroute: error: examples\/county\/.*$/gm)].map((m) => m[0]);
    const documented = new Set([...shown('README.md'), ...shown('docs/plan.md')]);
    expect(documented.size).toBe(2);
    const plan = readFileSync(join(repo, 'examples/county/plan.json'), 'utf8');
    let capacity = '';
    try { parsePlanFile(plan.replace('"capacity": 1500', '"capacity": -5'), 'examples/county/plan.json'); } catch (error) { capacity = `postroute: error: ${(error as InputError).describe()}`; }
    // The baseline mistake, through the command: a copy of the county whose row 21 names "oberlaitch".
    const county = join(dir, 'examples/county');
    cpSync(join(repo, 'examples/county'), county, { recursive: true, filter: (path) => !/[/\\]out[^/\\]*$/.test(path) });
    const spec = JSON.parse(plan) as Plan;
    spec.roads = join(repo, 'examples/data/osm/north-bayreuth/roads.geojson');
    writeFileSync(join(county, 'plan.json'), JSON.stringify(spec, null, 2));
    const lines = readFileSync(join(county, 'baseline.csv'), 'utf8').split('\n');
    lines[22] = lines[22]!.replace('oberlaitsch', 'oberlaitch');
    writeFileSync(join(county, 'baseline.csv'), lines.join('\n'));
    const result = spawnSync(process.execPath, [main, 'plan', 'examples/county/plan.json', '--out', join(dir, 'out'), '--quiet'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(new Set([capacity, result.stderr.trim()])).toEqual(documented);
  });
});
