/**
 * Golden files of the one report assembler (issue 19): a two-tier, a weekly, a weekly door-to-door,
 * a two-tier weekly, a door-to-door, a two-tier door-to-door plan with a scenario, and the
 * composed plan (two tiers across the week, a station, door to door, today's week, a scenario) on
 * the grid counties, each planned end to end and written by
 * `planReportFiles` (summary.json, routes.csv, stops.csv, routes.geojson) plus the printed summary
 * (summary.txt = formatSummary + formatTiers). Every output must match `fixtures/<case>/` byte for
 * byte. The searches end by their no-improvement rule (long before the time cap), so each run
 * repeats. The one-tier golden files are one-tier.test.ts's, unchanged.
 *
 * When a change of the engines or of the report moves these files, regenerate them on purpose and
 * review the diff (git diff packages/core/test/plan/fixtures):
 * `UPDATE_FIXTURES=1 npx vitest run packages/core/test/plan/golden.test.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/index.js';
import type { PlanInputs } from '../../src/plan/index.js';
import { planReportFiles } from '../../src/report/files.js';
import { formatSummary } from '../../src/report/text.js';
import { formatTiers } from '../../src/report/text-tiers.js';
import { gridPlaces, gridRoads, gridSpec } from './grid.js';
import { twoTierPlaces, twoTierSpec } from './two-tier-grid.js';

const dir = join(import.meta.dirname, 'fixtures');
const update = process.env.UPDATE_FIXTURES === '1';
const options = { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 300 };
/** The files compared (report.html and sheets.html are checked in Chromium, not byte for byte). */
const COMPARED = ['summary.json', 'routes.csv', 'stops.csv', 'routes.geojson'];

// Today's two tiers: one trunk round both offices, one van per office along the administrative list.
const twoTierToday = [
  { id: 'trunk', depot: 'hub', vehicleType: 'truck', stops: ['north', 'east'] },
  { id: 'east-van', depot: 'east', vehicleType: 'van', stops: ['e3', 'e1', 'e2'] },
  { id: 'north-van', depot: 'north', vehicleType: 'van', stops: ['x1', 'n1', 'n2'] },
];
// Today's week: T1 every day, T2 on Mondays, Wednesdays and Fridays, T3 the other days.
const weekToday = [
  { id: 'T1', stops: ['v1', 'v2', 'v4'] },
  { id: 'T2', day: 'Mon', stops: ['v5', 'v6', 'outlet', 'v3'] }, { id: 'T2', day: 'Wed', stops: ['v5', 'v6', 'outlet', 'v3'] },
  { id: 'T2', day: 'Fri', stops: ['v5', 'v6', 'outlet', 'v3'] },
  { id: 'T3', day: 'Tue', stops: ['v3', 'outlet', 'v5', 'v6'] }, { id: 'T3', day: 'Thu', stops: ['v3', 'outlet', 'v5', 'v6'] },
  { id: 'T3', day: 'Sat', stops: ['v3', 'outlet', 'v5', 'v6'] },
];
/** The grid county with hamlets served less often: v1, v2 three times a week, v6 on Tue and Fri. */
function weeklyPlaces(): PlanInputs['places'] {
  return gridPlaces().map((place) => {
    if (place.id === 'v1' || place.id === 'v2') return { ...place, properties: { ...place.properties, visits_per_week: '3', days: 'any' } };
    if (place.id === 'v6') return { ...place, properties: { ...place.properties, days: 'Tue,Fri' } };
    return place;
  });
}
/** The two-tier grid with villages on their days: e3 twice a week, n1 three times, the rest daily. */
function twoTierWeekPlaces(): PlanInputs['places'] {
  const rules: Record<string, Record<string, unknown>> = { e3: { visits_per_week: 2 }, n1: { visits_per_week: 3 } };
  return twoTierPlaces().map((place) => ({ ...place, properties: { ...place.properties, ...(rules[place.id] ?? {}) } }));
}
// Today's two-tier week: the trunk and the north van every day, the east van's round without e3 on Wed and Sat.
const twoTierWeekToday = [
  { id: 'trunk', depot: 'hub', vehicleType: 'truck', stops: ['north', 'east'] },
  { id: 'north-van', depot: 'north', vehicleType: 'van', stops: ['x1', 'n1', 'n2'] },
  ...['Mon', 'Tue', 'Thu', 'Fri'].map((day) => ({ id: 'east-van', depot: 'east', vehicleType: 'van', day, stops: ['e3', 'e1', 'e2'] })),
  ...['Wed', 'Sat'].map((day) => ({ id: 'east-van', depot: 'east', vehicleType: 'van', day, stops: ['e1', 'e2'] })),
];
// Three streets of the grid by their OSM ids: the second east-west road and two north-south ones.
const streets = { streets: ['101', '201', '202'], serviceMinutesPerKm: 15, maxShiftHours: 2 };

const cases: Record<string, () => PlanInputs> = {
  'two-tier': () => ({ spec: twoTierSpec(), roads: gridRoads(7), places: twoTierPlaces(), baseline: { routes: twoTierToday } }),
  weekly: () => ({
    spec: gridSpec({ week: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], accumulate: true } }),
    roads: gridRoads(), places: weeklyPlaces(), baseline: { routes: weekToday },
  }),
  'weekly-door-to-door': () => ({
    spec: gridSpec({ week: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], accumulate: true }, doorToDoor: streets }),
    roads: gridRoads(), places: weeklyPlaces(), baseline: { routes: weekToday },
  }),
  'two-tier-weekly': () => ({
    spec: twoTierSpec({ week: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], accumulate: true } }),
    roads: gridRoads(7), places: twoTierWeekPlaces(), baseline: { routes: twoTierWeekToday },
  }),
  'door-to-door': () => ({ spec: gridSpec({ fleet: [{ id: 'van', count: 3, capacity: 100, depot: 'hub', departure: '08:00', maxShiftHours: 4 }], doorToDoor: streets }), roads: gridRoads(), places: gridPlaces(), baseline: { routes: [{ id: 'T1', stops: ['v1', 'v2', 'v4'] }, { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] }] } }),
  'two-tier-door-to-door': () => ({
    spec: twoTierSpec({
      doorToDoor: { streets: ['103', '205', '206'], depot: 'east', serviceMinutesPerKm: 15, maxShiftHours: 2 },
      scenarios: [{ name: 'peak', volumeFactor: { mail: 1.5, parcels: 2 } }],
    }),
    roads: gridRoads(7), places: twoTierPlaces(), baseline: { routes: twoTierToday },
  }),
  // Everything at once: two tiers across the week, a village at a station (e1 is 715 m from the
  // station x1), door to door from the east office within its fleet, today's week, and scenarios
  // (one with a trunk fleet per day).
  composed: () => ({
    spec: twoTierSpec({
      week: { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], accumulate: true },
      coverage: { radiusKm: 0.8 },
      // Door to door by one of east's own delivery vans (the van type's shift), taken from its delivery tier.
      doorToDoor: { streets: ['103', '205', '206'], depot: 'east', serviceMinutesPerKm: 15, fleet: 'office' },
      // No truck on Saturday in the second scenario: no office gets mail, every visit due that day is missed and said.
      scenarios: [{ name: 'peak', volumeFactor: { mail: 1.5, parcels: 2 } }, { name: 'no-sat-truck', fleet: { truck: { countPerDay: { Sat: 0 } } } }],
    }, {
      // East has a third van: the door-to-door rounds take vans of its fleet.
      delivery: { fleet: [{ id: 'van', depot: 'each-outlet', count: { east: 3, north: 2 }, capacity: { items: 40, kg: 50 }, maxShiftHours: 4, costPerKm: 1, costPerDay: 50 }] },
    }),
    // e1 hands over 5 kg, not 20, so that the station's vans can take its goods back with x1's 40.
    roads: gridRoads(7), places: twoTierWeekPlaces().map((place) => (place.id === 'e1' ? { ...place, properties: { ...place.properties, pickup_kg: 5 } } : place)),
    baseline: { routes: twoTierWeekToday },
  }),
};

describe('the report assembler\'s files match the golden files', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const { report } = await planNetwork(make(), options);
      const files = await planReportFiles(report);
      const outputs: Record<string, string> = Object.fromEntries(files.filter((f) => COMPARED.includes(f.name)).map((f) => [f.name, f.text]));
      outputs['summary.txt'] = formatSummary(report.summary) + formatTiers(report);
      for (const [file, text] of Object.entries(outputs)) {
        const path = join(dir, name, file);
        if (update || !existsSync(path)) {
          if (!update) throw new Error(`missing fixture ${path}: run with UPDATE_FIXTURES=1 and review it`);
          mkdirSync(join(dir, name), { recursive: true });
          writeFileSync(path, text);
        }
        expect(text, `${name}/${file}`).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
