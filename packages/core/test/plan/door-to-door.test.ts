import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNetwork, buildReportView, checkPlanInputs, clock, routesCsv, decodeLines, doorToDoorEdges, formatSummary, parsePlanFile, planNetwork, planReportToGeoJson, readPlaces, renderHtmlReport } from '@postroute/core';
import { doorToDoorStart } from '../../src/plan/door-to-door.js';
import type { TiersReport } from '../../src/report/types.js';
import { csvRows } from '../report/page-checks.js';
import { inputError } from '../support/errors.js';

const dir = new URL('../../../../examples/door-to-door/', import.meta.url);
const planText = readFileSync(new URL('plan.json', dir), 'utf8');
const spec = parsePlanFile(planText, 'plan.json');
const roads = JSON.parse(readFileSync(new URL(spec.roads.path, dir), 'utf8'));
const places = await readPlaces(readFileSync(new URL('places.geojson', dir), 'utf8'), { source: 'places.geojson' });

describe('door-to-door tier (Neudrossenfeld, real OSM data)', () => {
  it('plans the built-up area end to end: every street side served once, km add up, drawn on the map', async () => {
    const { report } = await planNetwork({ spec, roads, places }, { timeLimit: 5, maxIterationsWithoutImprovement: 100 });
    const d = report.doorToDoor!;
    expect(d).toBeDefined();
    expect(d.feasible).toBe(true);
    // Independently: the sides to serve and their length, from the network and the rule.
    const network = buildNetwork(roads);
    const required = doorToDoorEdges(spec.doorToDoor![0]!, network, roads);
    const sides = required.reduce((n, r) => n + (r.sides === 'both' ? 2 : 1), 0);
    const metres = required.reduce((m, r) => m + network.edges[r.edge]!.length * (r.sides === 'both' ? 2 : 1), 0);
    expect(d.streets).toBe(required.length);
    expect(d.sides).toBe(sides);
    expect(d.routes.reduce((n, r) => n + r.streets, 0)).toBe(sides);
    expect(d.routes.reduce((n, r) => n + r.served.length, 0)).toBe(sides);
    expect(d.kmServiced).toBeCloseTo(metres / 1000, 2);
    expect(d.km).toBeCloseTo(d.kmServiced + d.kmDeadheaded, 2);
    // Both sides of the tertiary through road, single passes on residential streets.
    expect(required.some((r) => r.sides === 'both' && network.edges[r.edge]!.roadClass === 'tertiary')).toBe(true);
    expect(required.some((r) => r.sides === undefined && network.edges[r.edge]!.roadClass === 'residential')).toBe(true);
    for (const route of d.routes) {
      expect(route.durationS).toBeLessThanOrEqual(4 * 3600);
      expect(route.geometry[0]).toEqual(route.geometry[route.geometry.length - 1]);
    }
    // The point-stop routes are planned as before, beside the tier.
    expect(report.summary.after.stopsServed).toBe(6);
    const html = renderHtmlReport(report);
    expect(html).toContain('data-layer="door-to-door"');
    const view = buildReportView(report);
    expect(view.doorToDoor!.routes).toHaveLength(d.routes.length);
    for (const route of view.doorToDoor!.routes) expect(decodeLines(route.served, view.precision).length).toBeGreaterThan(0);
    expect(html).toContain('km served</strong>');
    const lines = planReportToGeoJson(report).features.filter((f) => f.properties?.phase === 'door-to-door');
    expect(lines).toHaveLength(d.routes.length);
  });

  it('says first when streets are not served: summary.json, the printed summary, comparable and the report headline', async () => {
    const plan = JSON.parse(planText);
    // A shift of one minute: no street can be served in it (issue 24 §4).
    plan.doorToDoor.maxShiftHours = 1 / 60;
    const short = parsePlanFile(JSON.stringify(plan), 'plan.json');
    const { report } = await planNetwork({ spec: short, roads, places }, { timeLimit: 2, maxIterationsWithoutImprovement: 50 });
    const d = report.summary.doorToDoor!;
    const network = buildNetwork(roads);
    const required = doorToDoorEdges(short.doorToDoor![0]!, network, roads);
    expect(d.streets).toBe(required.length);
    expect(d.notServed.length).toBeGreaterThan(0);
    expect(d.streetsServed).toBe(required.length - d.notServed.length);
    expect(d.notServed[0]!.message).toMatch(/^serving it alone takes \d+(\.\d)? min \(from the office and back\), longer than the 1 min shift$/);
    expect(report.summary.comparable).toBe(false);
    expect(report.summary.notComparable.map((reason) => reason.kind)).toContain('streets-not-served');
    const text = formatSummary(report.summary);
    expect(text).toMatch(/^Not comparable: .*door to door serves \d+ of \d+ street segments/m);
    expect(text).toContain(`Streets not served: ${d.notServed.length}\n`);
    // summary.json is the summary as it is: the section is there.
    expect(JSON.parse(JSON.stringify(report.summary)).doorToDoor.notServed).toHaveLength(d.notServed.length);
    const html = renderHtmlReport(report);
    expect(html).toContain(`${d.streetsServed} of ${d.streets} street segments`);
    expect(html).toMatch(/id="not-comparable"[^>]*>.*door to door serves/);
    // No today's routes, so no savings: the box does not speak of them.
    expect(report.summary.savedKmPerDay).toBeNull();
    expect(html).not.toMatch(/id="not-comparable"[^<]*(<strong>[^<]*<\/strong>[^<]*)*savings/);
  });

  it('keeps the roads it picks streets from, even when asked to release them', async () => {
    const inputs = { spec, roads, places };
    await planNetwork(inputs, { timeLimit: 2, maxIterationsWithoutImprovement: 5, releaseRoads: true });
    expect(inputs.roads).toBe(roads);
  });

  it('times each route from the shift start and lists the streets it serves in order, with their names', async () => {
    // The stall rule ends the search, not the clock (under load a 2 s cap left it infeasible once).
    const { report } = await planNetwork({ spec, roads, places }, { timeLimit: 60, maxIterationsWithoutImprovement: 50 });
    const names = new Set(roads.features.map((f: { properties: { name?: string } }) => f.properties.name).filter(Boolean));
    for (const route of report.doorToDoor!.routes) {
      // The van's shift starts at 08:00 (fleet[0].departure); back after the route's duration.
      expect(route.departure).toBe(8 * 3600);
      expect(route.startsAfter).toBe('shift start 8:00');
      expect(route.arrival).toBe(route.departure + route.durationS);
      // The stretches cover every side served, with the km served and deadheaded.
      expect(route.stretches.reduce((n, s) => n + s.segments, 0)).toBe(route.streets);
      expect(route.stretches.reduce((km, s) => km + s.km, 0)).toBeCloseTo(route.kmServiced, 2);
      expect(route.stretches.reduce((km, s) => km + s.kmBefore, 0)).toBeLessThanOrEqual(route.kmDeadheaded + 1e-9);
      // In the order driven: each starts when the previous ended or later, all within the shift.
      let at = route.departure;
      for (const s of route.stretches) {
        expect(s.start).toBeGreaterThanOrEqual(at);
        expect(s.end).toBeGreaterThan(s.start);
        at = s.end;
        expect(names.has(s.street) || /^unnamed road \([a-z ]+\)$/.test(s.street)).toBe(true);
      }
      expect(at).toBeLessThanOrEqual(route.arrival);
      expect(route.violations).toEqual([]);
    }
    // Named streets of the built-up area, both kinds of sides.
    const stretches = report.doorToDoor!.routes.flatMap((r) => r.stretches);
    expect(stretches.some((s) => s.street === 'Kulmbacher Straße' && s.sides === 'kerb')).toBe(true);
    expect(stretches.some((s) => s.sides === 'both')).toBe(true);
    // routes.csv has a row per door-to-door route with its times, km and streets.
    const rows = (await csvRows(await routesCsv(report))).filter((row) => row.vehicle_type === 'door-to-door');
    expect(rows.map((row) => [row.route_id, row.departure, row.return, row.distance_km])).toEqual(
      report.doorToDoor!.routes.map((r) => [r.id, clock(r.departure), clock(r.arrival), r.km.toFixed(2)]));
    expect(rows[0]!.stop_sequence!.split(' > ')).toEqual(report.doorToDoor!.routes[0]!.stretches.map((s) => s.street));
    // routes.geojson's door-to-door lines say the same.
    const lines = planReportToGeoJson(report).features.filter((f) => f.properties?.phase === 'door-to-door');
    expect(lines.map((f) => [f.properties!.route_id, f.properties!.departure, f.properties!.return, f.properties!.streets]))
      .toEqual(rows.map((row) => [row.route_id, row.departure, row.return, row.stop_sequence]));
  });

  it('starts from a township office of a two-tier plan when the trunk has brought its mail and it is sorted', async () => {
    const twoTier = new URL('../../../../examples/county-two-tier/', import.meta.url);
    const plan = JSON.parse(readFileSync(new URL('plan.json', twoTier), 'utf8'));
    // Harsdorf's streets from Harsdorf's office (an outlet, not the hub).
    plan.doorToDoor = { depot: 'harsdorf', areas: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Harsdorf' },
      geometry: { type: 'Polygon', coordinates: [[[11.5646, 50.0245], [11.5726, 50.0245], [11.5726, 50.0305], [11.5646, 50.0305], [11.5646, 50.0245]]] } }] } };
    const tiered = parsePlanFile(JSON.stringify(plan), 'plan.json');
    const tierRoads = JSON.parse(readFileSync(new URL(tiered.roads.path, twoTier), 'utf8'));
    const tierPlaces = await readPlaces(readFileSync(new URL('places.geojson', twoTier), 'utf8'), { source: 'places.geojson' });
    const { report } = await planNetwork({ spec: tiered, roads: tierRoads, places: tierPlaces }, { timeLimit: 2, maxIterationsWithoutImprovement: 50 });
    const office = report.tiers!.offices.find((o) => o.id === 'harsdorf')!;
    expect(office.release).toBeGreaterThan(office.trunkArrival!);
    expect(report.doorToDoor!.routes.length).toBeGreaterThan(0);
    for (const route of report.doorToDoor!.routes) {
      expect(route.departure).toBe(office.release);
      expect(route.startsAfter).toBe(`trunk at Harsdorf ${clock(office.trunkArrival!)}, sorted by ${clock(office.release!)}`);
      expect(route.stretches[0]!.start).toBeGreaterThanOrEqual(office.release!);
    }
    // A village is no door-to-door office.
    plan.doorToDoor.depot = 'unterwaiz';
    expect(inputError(() => checkPlanInputs({ spec: parsePlanFile(JSON.stringify(plan), 'plan.json'), roads: tierRoads, places: tierPlaces })).describe())
      .toMatch(/field "doorToDoor.depot": door-to-door depot "unterwaiz" is not a place with role "hub" or a township office \(role "outlet"\)/);
  });

  it('leaves the office once the trunk has brought its mail and it is sorted, in a two-tier plan', () => {
    const office = { id: 'post-office', name: 'Neudrossenfeld', trunkArrival: 7 * 3600 + 600, release: 7 * 3600 + 2400 } as TiersReport['offices'][number];
    const tiers = { offices: [office] } as TiersReport;
    const names = new Map([['post-office', 'Neudrossenfeld']]);
    expect(doorToDoorStart(spec, tiers, 'post-office', names)).toEqual({ departure: 7 * 3600 + 2400, startsAfter: 'trunk at Neudrossenfeld 7:10, sorted by 7:40' });
    // No trunk at this office: the shift start of the fleet based there.
    expect(doorToDoorStart(spec, { offices: [{ ...office, trunkArrival: null, release: null }] } as unknown as TiersReport, 'post-office', names).departure).toBe(8 * 3600);
    const late = parsePlanFile(JSON.stringify({ ...JSON.parse(planText), fleet: [{ ...JSON.parse(planText).fleet[0], departure: '09:15' }] }), 'plan.json');
    expect(doorToDoorStart(late, undefined, 'post-office', names)).toEqual({ departure: 9 * 3600 + 900, startsAfter: 'shift start 9:15' });
  });

  it('puts a door-to-door tier that serves every street in the summary, comparable', async () => {
    // The stall rule ends the search, not the clock (under load a 2 s cap left it infeasible once).
    const { report } = await planNetwork({ spec, roads, places }, { timeLimit: 60, maxIterationsWithoutImprovement: 50 });
    const d = report.summary.doorToDoor!;
    expect(d).toMatchObject({ notServed: [], feasible: true, streetsServed: d.streets, sidesServed: d.sides });
    expect(d.km).toBeCloseTo(d.kmServiced + d.kmDeadheaded, 2);
    expect(report.summary.notComparable.map((reason) => reason.kind)).not.toContain('streets-not-served');
    expect(formatSummary(report.summary)).toMatch(new RegExp(`Door to door from post-office: ${d.routes} routes?, .* serving ${d.streets} of ${d.streets} street segments.*\\nStreets not served: none\\n`));
  });

  it('leaves plans without doorToDoor as they were', async () => {
    const { doorToDoor: _unused, ...plain } = JSON.parse(planText);
    const withoutSpec = parsePlanFile(JSON.stringify(plain), 'plan.json');
    expect(withoutSpec.doorToDoor).toBeUndefined();
    const { report } = await planNetwork({ spec: withoutSpec, roads, places }, { timeLimit: 2, maxIterationsWithoutImprovement: 50 });
    expect('doorToDoor' in report).toBe(false);
    expect(renderHtmlReport(report)).not.toMatch(/data-layer="door-to-door"|<h2>Door to door/);
  });

  it('says where doorToDoor is wrong', () => {
    const plan = JSON.parse(planText);
    const bad = (change: (d: Record<string, unknown>) => void): string => {
      const copy = structuredClone(plan);
      change(copy.doorToDoor);
      return inputError(() => parsePlanFile(JSON.stringify(copy, null, 2), 'plan.json')).describe();
    };
    expect(bad((d) => { d.speed = 3; })).toMatch(/field "doorToDoor.speed": unknown setting "speed"/);
    expect(bad((d) => { d.serviceMinutesPerKm = 'ten'; })).toMatch(/field "doorToDoor.serviceMinutesPerKm": must be a number/);
    expect(bad((d) => { delete d.areas; })).toMatch(/names no area and no street/);
    expect(bad((d) => { (d.areas as { features: { geometry: { type: string } }[] }).features[0]!.geometry.type = 'LineString'; })).toMatch(/doorToDoor\.areas\.features\[0\]\.geometry\.type/);
    const streets = parsePlanFile(JSON.stringify({ ...plan, doorToDoor: { streets: ['Nowhere Lane'] } }), 'plan.json');
    expect(inputError(() => doorToDoorEdges(streets.doorToDoor![0]!, buildNetwork(roads), roads)).describe()).toMatch(/field "doorToDoor.streets\[0\]": no drivable road named or numbered "Nowhere Lane"/);
  });

  it('serves named streets', () => {
    const network = buildNetwork(roads);
    const named = roads.features.find((f: { properties: { name: string | null; highway: string } }) => f.properties.name && f.properties.highway === 'residential').properties.name as string;
    const streets = parsePlanFile(JSON.stringify({ ...JSON.parse(planText), doorToDoor: { streets: [named] } }), 'plan.json');
    const required = doorToDoorEdges(streets.doorToDoor![0]!, network, roads);
    expect(required.length).toBeGreaterThan(0);
    for (const r of required) expect(roads.features[network.edges[r.edge]!.feature].properties.name).toBe(named);
  });
});

describe('door to door in two tiers without a named depot (issue 19)', () => {
  it('belongs to the office nearest the streets, and leaves once that office\'s trunk has come and its mail is sorted', async () => {
    const { gridRoads } = await import('./grid.js');
    const { twoTierPlaces, twoTierSpec } = await import('./two-tier-grid.js');
    // Offices: north at (0, 6), east at (6, 0). Street 106 is the top row (y = 6), 200 the west
    // column (x = 0) and 206 the east column (x = 6) of the grid.
    for (const [streets, office] of [[['106'], 'north'], [['200'], 'north'], [['206'], 'east']] as const) {
      const { report } = await planNetwork({ spec: twoTierSpec({ doorToDoor: { streets: [...streets] } }), roads: gridRoads(7), places: twoTierPlaces() }, { seed: 1, timeLimit: 1 });
      const d = report.doorToDoor!;
      expect(d.depot, streets.join()).toBe(office);
      const release = report.tiers!.offices.find((o) => o.id === office)!.release!;
      for (const route of d.routes) expect(route.departure).toBeGreaterThanOrEqual(release);
    }
  });
});

describe('door to door in the scenarios', () => {
  it('is solved once when a scenario leaves the streets, the office and the start as they are, and the scenario shows the same routes', async () => {
    const { twoTierPlaces, twoTierSpec } = await import('./two-tier-grid.js');
    const { gridRoads } = await import('./grid.js');
    const spec = twoTierSpec({
      doorToDoor: { streets: ['103', '205'], depot: 'east', serviceMinutesPerKm: 15, maxShiftHours: 2 },
      // Mail × 1.5 leaves the trunk's arrival at east as it is (the truck has room): same start.
      scenarios: [{ name: 'peak', volumeFactor: { mail: 1.5 } }],
    });
    const solves: string[] = [];
    const result = await planNetwork({ spec, roads: gridRoads(7), places: twoTierPlaces() }, {
      seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 200,
      onProgress: (event) => { if (event.step === 'door-to-door' && /streets to serve/.test(event.message ?? '')) solves.push(event.message!); },
    });
    const base = result.report.doorToDoor!;
    const peak = result.scenarios.find((s) => s.name === 'peak')!.report.doorToDoor!;
    expect(peak.routes.map((r) => r.startsAfter)).toEqual(base.routes.map((r) => r.startsAfter));
    expect(peak).toEqual(base);
    expect(solves).toHaveLength(1);
  });
});

describe('door to door of a weekly two-tier plan, day by day', () => {
  const route = { id: 'D1', departure: 8 * 3600, arrival: 10 * 3600, startsAfter: 'trunk at East 7:30, sorted by 8:00', km: 10, kmServiced: 7, kmDeadheaded: 3, durationS: 7200, streets: 4,
    stretches: [{ street: 'Main', sides: 'both' as const, segments: 2, km: 1, kmBefore: 0.5, start: 8 * 3600 + 300, end: 8 * 3600 + 900 }], violations: [], geometry: [], served: [] };
  const report = { depot: 'east', streets: 4, sides: 4, streetsServed: 4, sidesServed: 4, serviceMinutesPerKm: 15, kmServiced: 7, kmDeadheaded: 3, km: 10, driverHours: 2, vehicles: 1, feasible: true, unservable: [], routes: [route], rule: '' };
  const office = (day: string, arrival: number, release: number) => ({ id: 'east', name: 'East', day, trunkArrival: arrival, release } as unknown as TiersReport['offices'][number]);
  const names = new Map([['east', 'East']]);

  it('leaves after each day\'s trunk: one copy of each route a day, its times moved to that day\'s release', async () => {
    const { timeDoorToDoorByDay } = await import('../../src/plan/door-to-door.js');
    const { summariseDoorToDoor } = await import('../../src/report/door-to-door.js');
    const tiers = { offices: [office('Mon', 7 * 3600, 7 * 3600 + 1800), office('Tue', 7.5 * 3600, 8 * 3600)] } as unknown as TiersReport;
    const timed = timeDoorToDoorByDay(report, tiers, 'east', names);
    expect(timed.routes.map((r) => [r.id, r.day, clock(r.departure), clock(r.arrival), clock(r.stretches[0]!.start)])).toEqual([
      ['Mon D1', 'Mon', '7:30', '9:30', '7:35'],
      ['Tue D1', 'Tue', '8:00', '10:00', '8:05'],
    ]);
    expect(timed.routes[0]!.startsAfter).toBe('trunk at East 7:00, sorted by 7:30');
    // Still one route a day, the same km every day.
    expect(summariseDoorToDoor(timed).summary.routes).toBe(1);
    expect(timed.km).toBe(10);
  });

  it('stays one route of every day when every day releases the office at the same time', async () => {
    const { timeDoorToDoorByDay } = await import('../../src/plan/door-to-door.js');
    const tiers = { offices: [office('Mon', 7.5 * 3600, 8 * 3600), office('Tue', 7.5 * 3600, 8 * 3600)] } as unknown as TiersReport;
    expect(timeDoorToDoorByDay(report, tiers, 'east', names)).toBe(report);
  });
});
