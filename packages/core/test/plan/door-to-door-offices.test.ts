/**
 * Door to door from several offices (issue 19 §1, "a door-to-door area belongs to the office that
 * serves it"): `doorToDoor` as a list, one block per office with its own streets and days.
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork, buildReportView, doorToDoorEdges, planNetwork, routesCsv } from '@postroute/core';
import { renderSheets } from '../../src/report/html/sheets.js';
import { checkPlanInputs } from '../../src/plan/preflight.js';
import { csvRows } from '../report/page-checks.js';
import { inputError } from '../support/errors.js';
import { gridRoads } from './grid.js';
import { twoTierPlaces, twoTierSpec } from './two-tier-grid.js';

const week = { days: ['Mon', 'Tue', 'Wed'], accumulate: true };
// Offices: north at (0, 6), east at (6, 0). Street 106 is the top row (y = 6), 205 and 206 the
// two east columns of the grid: each office's own streets, the north's on Mon and Wed only.
const blocks = [
  { office: 'north', streets: ['106'], days: ['Mon', 'Wed'], maxShiftHours: 3 },
  { office: 'east', streets: ['205', '206'], maxShiftHours: 3 },
];

describe('door to door from two offices, each with its own streets and days', () => {
  it('serves each block from its office after that office\'s trunk on each of its days, every required street side covered', async () => {
    const spec = twoTierSpec({ week, doorToDoor: blocks });
    const roads = gridRoads(7);
    const { report } = await planNetwork({ spec, roads, places: twoTierPlaces() }, { seed: 1, timeLimit: 5, maxIterationsWithoutImprovement: 100 });
    const d = report.doorToDoor!;
    const network = buildNetwork(roads);
    const ids = new Set<string>();
    for (const [k, block] of blocks.entries()) {
      const required = doorToDoorEdges(spec.doorToDoor![k]!, network, roads);
      const sides = required.reduce((n, q) => n + (q.sides === 'both' ? 2 : 1), 0);
      // A served traversal is known by its two ends (either way round).
      const key = (line: readonly (readonly number[])[]): string => [JSON.stringify(line[0]), JSON.stringify(line[line.length - 1])].sort().join();
      const wanted = new Map<string, number>();
      for (const q of required) {
        const k = key(network.edges[q.edge]!.coordinates as number[][]);
        wanted.set(k, (wanted.get(k) ?? 0) + (q.sides === 'both' ? 2 : 1));
      }
      for (const day of week.days) {
        const own = d.routes.filter((route) => route.depot === block.office && (route.day === undefined || route.day === day));
        if (block.days !== undefined && !block.days.includes(day)) {
          expect(own, `${block.office} ${day}`).toEqual([]);
          continue;
        }
        expect(own.length, `${block.office} ${day}`).toBeGreaterThan(0);
        // Every required side of this office's streets, by this office's routes of the day.
        expect(own.reduce((n, route) => n + route.streets, 0), `${block.office} ${day}`).toBe(sides);
        const served = new Map<string, number>();
        for (const route of own) {
          for (const line of route.served) served.set(key(line), (served.get(key(line)) ?? 0) + 1);
          expect(route.violations, route.id).toEqual([]);
        }
        // Exactly the required sides of this block's streets: each as often as its sides, nothing else.
        expect(served, `${block.office} ${day}`).toEqual(wanted);
        // After that office's trunk of that day, and its sorting.
        const office = report.tiers!.offices.find((o) => o.id === block.office && o.day === day)!;
        expect(office.trunkArrival, `${block.office} ${day}`).not.toBeNull();
        for (const route of own) {
          expect(route.departure, `${route.id} ${day}`).toBeGreaterThanOrEqual(office.release!);
          expect(route.startsAfter).toMatch(new RegExp(`^trunk at ${office.name} `));
        }
      }
      for (const route of d.routes.filter((r) => r.depot === block.office)) ids.add(route.id);
    }
    // Each route id names one route; every route is one block's.
    expect(ids.size).toBe(d.routes.length);
    expect(d.sidesServed).toBe(d.sides);
    expect(d.feasible).toBe(true);
    // Merged into the one report: routes.csv names each route's office; the county rows go per office and day.
    const rows = (await csvRows((await routesCsv(report)))).filter((row) => row.tier === 'door-to-door');
    expect(rows.map((row) => [row.route_id, row.depot])).toEqual(d.routes.map((route) => [route.id, route.depot]));
    // Each route's sheet leaves from its own office.
    const sheets = renderSheets(buildReportView(report));
    for (const route of d.routes) {
      const name = report.places.find((p) => p.id === route.depot)!.name;
      const sheet = sheets.split('<section').find((section) => section.includes(`data-door-route="${route.id}"`));
      expect(sheet, route.id).toContain(`<td>from</td><td>${name}</td>`);
    }
    const county = report.summary.county!.doorToDoor;
    expect(county.filter((row) => row.office === 'north').map((row) => row.day)).toEqual(['Mon', 'Wed']);
    expect(county.filter((row) => row.office === 'east').map((row) => row.day)).toEqual(week.days);
  });

  it('reads today\'s single block as one office, and says where a block of the list is wrong', () => {
    const one = twoTierSpec({ doorToDoor: { office: 'east', streets: ['206'] } });
    expect(one.doorToDoor).toHaveLength(1);
    expect(one.doorToDoor![0]!.office).toBe('east');
    expect(inputError(() => twoTierSpec({ doorToDoor: [] })).describe()).toMatch(/field "doorToDoor": is an empty list/);
    expect(inputError(() => twoTierSpec({ doorToDoor: [blocks[0], { office: 'east', depot: 'east', streets: ['206'] }] })).describe())
      .toMatch(/field "doorToDoor\[1\]\.office": is given beside "depot"/);
    expect(inputError(() => twoTierSpec({ doorToDoor: [blocks[0], { streets: ['206'], speed: 3 }] })).describe()).toMatch(/field "doorToDoor\[1\]\.speed": unknown setting "speed"/);
    const village = twoTierSpec({ week, doorToDoor: [blocks[0], { office: 'e1', streets: ['206'] }] });
    expect(inputError(() => checkPlanInputs({ spec: village, roads: gridRoads(7), places: twoTierPlaces() })).describe())
      .toMatch(/field "doorToDoor\[1\]\.office": door-to-door office "e1" is not a place with role "hub" or a township office/);
    const sunday = twoTierSpec({ week, doorToDoor: [blocks[0], { office: 'east', streets: ['206'], days: ['Sun'] }] });
    expect(inputError(() => checkPlanInputs({ spec: sunday, roads: gridRoads(7), places: twoTierPlaces() })).describe())
      .toMatch(/field "doorToDoor\[1\]\.days\[0\]": "Sun" is not an operating day/);
  });

  it('gives the streets of an office a scenario closes to the nearest open office', async () => {
    const spec = twoTierSpec({ doorToDoor: blocks.map(({ days: _days, ...block }) => block), scenarios: [{ name: 'north-closed', closeOffices: ['north'] }] });
    const { report, scenarios } = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, { seed: 1, timeLimit: 5, maxIterationsWithoutImprovement: 100 });
    expect(new Set(report.doorToDoor!.routes.map((route) => route.depot))).toEqual(new Set(['north', 'east']));
    const closed = scenarios.find((s) => s.name === 'north-closed')!.report.doorToDoor!;
    expect(closed.routes.length).toBeGreaterThan(0);
    expect(closed.routes.every((route) => route.depot === 'east')).toBe(true);
    expect(closed.sidesServed).toBe(report.doorToDoor!.sides);
  });
});
