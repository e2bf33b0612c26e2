import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createRandom } from '../../src/util/random.js';
import { buildNetwork } from '../../src/graph/build.js';
import { snapPlaces } from '../../src/graph/snap.js';
import { findPath } from '../../src/matrix/index.js';
import { planNetwork } from '../../src/plan/plan.js';
import type { PlanInputs } from '../../src/plan/plan.js';
import { at, gridPlaces, gridRoads, gridSpec, LAT0, LON0, STEP } from './grid.js';

// Today's hand-drawn plan: two routes that criss-cross the grid.
const zigzag = [
  { id: 'T1', stops: ['v1', 'v2', 'v4'] },
  { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] },
];

function inputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return { spec: gridSpec(), roads: gridRoads(), places: gridPlaces(), baseline: { routes: zigzag }, ...overrides };
}

describe('planNetwork on a hand-made grid county', () => {
  it('is never worse than a feasible baseline and serves the same stops', async () => {
    const { report } = await planNetwork(inputs(), { seed: 1, timeLimit: 1 });
    const { summary } = report;
    expect(summary.before.routesWithViolations).toBe(0);
    expect(summary.after.distanceM).toBeLessThanOrEqual(summary.before.distanceM);
    expect(summary.after.stopsServed).toBe(7);
    expect(summary.before.stopsServed).toBe(7);
    expect(summary.unassigned).toEqual([]);
    expect(summary.savedKmPerDay).toBeGreaterThan(0);
    // The summary adds up from its own routes.
    const beforeM = report.before.reduce((sum, route) => sum + route.distance, 0);
    const afterM = report.after.reduce((sum, route) => sum + route.distance, 0);
    expect(summary.savedKmPerDay).toBeCloseTo((beforeM - afterM) / 1000, 2);
    expect(summary.savedKmPerYear).toBe(Math.round(((beforeM - afterM) * 300) / 1000));
    expect(summary.optimisationRatePercent).toBeCloseTo(((beforeM - afterM) / beforeM) * 100, 2);
  });

  it('is never worse than random feasible baselines either', async () => {
    const rng = createRandom(42);
    const ids = ['outlet', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
    for (let trial = 0; trial < 3; trial++) {
      const order = [...ids];
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const cut = 1 + rng.int(order.length - 1);
      const routes = [{ id: 'A', stops: order.slice(0, cut) }, { id: 'B', stops: order.slice(cut) }];
      // A generous deadline keeps every baseline feasible, so the warm-start guarantee applies.
      const places = gridPlaces().map((p) => (p.id === 'outlet' ? { ...p, properties: { ...p.properties, latest: '23:00' } } : p));
      const { report } = await planNetwork(inputs({ places, baseline: { routes } }), { seed: trial, timeLimit: 0.5 });
      expect(report.summary.before.routesWithViolations).toBe(0);
      expect(report.summary.after.distanceM).toBeLessThanOrEqual(report.summary.before.distanceM);
    }
  });

  it("measures today's routes on the road graph, leg by leg", async () => {
    const { report } = await planNetwork(inputs(), { seed: 1, timeLimit: 0.5 });
    // Independent of the evaluator: sum the road paths of every leg hub → stops → hub.
    const network = buildNetwork(gridRoads());
    const { snaps } = snapPlaces(network, gridPlaces());
    const snap = new Map(snaps.map((s) => [s.placeId, s]));
    for (const [i, route] of zigzag.entries()) {
      const sequence = ['hub', ...route.stops, 'hub'];
      let metres = 0;
      for (let k = 1; k < sequence.length; k++) metres += findPath(network, snap.get(sequence[k - 1]!)!, snap.get(sequence[k]!)!).properties.distance;
      expect(Math.abs(report.before[i]!.distance - metres)).toBeLessThanOrEqual(sequence.length);
      // The drawn route follows the roads from hub to hub.
      const geometry = report.before[i]!.geometry;
      expect(geometry[0]).toEqual([LON0, LAT0]);
      expect(geometry[geometry.length - 1]).toEqual([LON0, LAT0]);
    }
  });

  it('drops the parsed roads once the graph is built when asked (releaseRoads), with the same report', async () => {
    const kept = inputs();
    const released = inputs();
    const a = await planNetwork(kept, { seed: 1, timeLimit: 30, maxIterationsWithoutImprovement: 50 });
    const b = await planNetwork(released, { seed: 1, timeLimit: 30, maxIterationsWithoutImprovement: 50, releaseRoads: true });
    expect(kept.roads).toBeDefined();
    expect('roads' in released).toBe(false);
    expect({ ...b.report, run: { ...b.report.run, seconds: 0 } }).toEqual({ ...a.report, run: { ...a.report.run, seconds: 0 } });
  });

  it('reports every rule today\'s routes break, and the plan repairs them', async () => {
    // One van carries everything (over capacity), for more than the shift allows.
    const spec = gridSpec({ fleet: [{ id: 'van', count: 3, capacity: 60, departure: '08:00', maxShiftHours: 0.5 }] });
    const routes = [{ id: 'ALL', stops: ['v1', 'v2', 'v4', 'v5', 'v6', 'v3', 'outlet'] }];
    const { report } = await planNetwork(inputs({ spec, baseline: { routes } }), { seed: 1, timeLimit: 1 });
    const kinds = report.before[0]!.violations.map((v) => v.kind);
    expect(kinds).toContain('over-capacity');
    expect(kinds).toContain('over-shift');
    expect(report.before[0]!.violations.find((v) => v.kind === 'over-capacity')!.amount).toBe(100 - 60);
    expect(report.summary.before.routesWithViolations).toBe(1);
    expect(report.summary.after.routesWithViolations).toBe(0);
  });

  it("agrees with the routing evaluator's own verdict on today's routes", async () => {
    const spec = gridSpec({ fleet: [{ id: 'van', count: 3, capacity: 60, departure: '08:00', maxShiftHours: 0.5 }] });
    const places = gridPlaces().map((p) => (p.id === 'outlet' ? { ...p, properties: { ...p.properties, latest: '08:05' } } : p));
    const routes = [{ id: 'ALL', stops: ['v1', 'v2', 'v4', 'v5', 'v6', 'v3', 'outlet'] }];
    const { report, baselineSolution } = await planNetwork(inputs({ spec, places, baseline: { routes } }), { seed: 1, timeLimit: 0.5 });
    const ours = new Set(report.before[0]!.violations.map((v) => v.kind));
    const theirs = new Set(baselineSolution!.routes[0]!.violations.map((v) => v.kind));
    expect(ours).toEqual(new Set(['over-capacity', 'over-shift', 'late']));
    expect(theirs.has('capacity')).toBe(true);
    expect(theirs.has('max-duration') || theirs.has('shift')).toBe(true);
    expect(theirs.has('time-window')).toBe(true);
    expect(baselineSolution!.feasible).toBe(false);
  });

  it('flags today\'s routes that need more vans than the fleet has', async () => {
    const spec = gridSpec({ fleet: [{ id: 'van', count: 1, capacity: 100, departure: '08:00', maxShiftHours: 4 }] });
    const { report, baselineSolution } = await planNetwork(inputs({ spec }), { seed: 1, timeLimit: 0.5 });
    expect(report.before[0]!.violations).toEqual([]);
    expect(report.before[1]!.violations.map((v) => v.kind)).toEqual(['over-fleet']);
    expect(baselineSolution!.violations.some((v) => v.kind === 'fleet-size')).toBe(true);
    expect(report.summary.after.vehicles).toBe(1);
  });

  it('flags a late arrival at a township office', async () => {
    // The outlet is due by 08:05, but today's route goes there last.
    const places = gridPlaces().map((p) => (p.id === 'outlet' ? { ...p, properties: { ...p.properties, latest: '08:05' } } : p));
    const routes = [{ id: 'LATE', stops: ['v6', 'v3', 'outlet'] }, { id: 'R2', stops: ['v1', 'v4', 'v5', 'v2'] }];
    const { report } = await planNetwork(inputs({ places, baseline: { routes } }), { seed: 1, timeLimit: 0.5 });
    const late = report.before[0]!.violations.find((v) => v.kind === 'late');
    expect(late?.stop).toBe('outlet');
    expect(late!.amount).toBeGreaterThan(0);
  });

  it('matches drawn lines to stops and reports the drawn length beside the road length', async () => {
    // A line drawn along the bottom road and up the east side: passes v1 and v4 (and the outlet).
    const line = { id: 'L1', coordinates: [[LON0, LAT0], [LON0 + 4 * STEP, LAT0], [LON0 + 4 * STEP, LAT0 + 4 * STEP]] as [number, number][], length: 7300 };
    const rest = { id: 'L2', coordinates: [[LON0, LAT0], [LON0, LAT0 + 4 * STEP], [LON0 + 2 * STEP, LAT0 + 4 * STEP], [LON0 + 2 * STEP, LAT0 + 2 * STEP], [LON0 + STEP, LAT0 + STEP]] as [number, number][], length: 9000 };
    const { report } = await planNetwork(inputs({ baseline: { lines: [line, rest] } }), { seed: 1, timeLimit: 0.5 });
    expect(report.before[0]!.stops).toEqual(['v1', 'v4', 'outlet']);
    expect(report.before[1]!.stops).toEqual(['v2', 'v5', 'v3', 'v6']);
    expect(report.before[0]!.lineLength).toBe(7300);
    expect(report.before[0]!.distance).toBeGreaterThan(0);
  });

  it('opens village stations when a coverage radius is set, and routes to them only', async () => {
    const spec = gridSpec({ coverage: { radiusKm: 1.6 } });
    const { report } = await planNetwork(inputs({ spec }), { seed: 1, timeLimit: 0.5 });
    const stations = report.summary.stations!;
    expect(stations.opened.length).toBeGreaterThan(0);
    const stops = new Set(report.after.flatMap((route) => route.stops));
    for (const place of report.places) {
      if (place.role === 'hub') continue;
      // Every non-hub place is either a stop of the new plan or served via a stop within reach.
      if (!stops.has(place.id)) expect(place.servedVia && stops.has(place.servedVia)).toBe(true);
    }
    // The mail of covered villages travels to their station: nothing is lost.
    const total = report.after.reduce((sum, route) => sum + route.load, 0);
    expect(total).toBe(100);
  });

  it('lists unreachable places as unassigned instead of dropping them', async () => {
    const places = [...gridPlaces(), at('far', 40, 40, { role: 'village', mail: 5 })];
    const { report } = await planNetwork(inputs({ places }), { seed: 1, timeLimit: 0.5 });
    expect(report.summary.unassigned.map((stop) => stop.id)).toEqual(['far']);
    expect(report.summary.unassigned[0]!.reason).toMatch(/not on the road network/);
  });
});

describe('planNetwork input errors', () => {
  async function failure(overrides: Partial<PlanInputs>): Promise<InputError> {
    try {
      await planNetwork(inputs(overrides), { timeLimit: 0.2 });
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error('expected an InputError');
  }
  it('names an unknown stop in the baseline', async () => {
    const error = await failure({ baseline: { routes: [{ id: 'T1', stops: ['v1', 'nowhere'] }] }, sources: { baseline: 'today.csv' } });
    expect(error.location).toMatchObject({ source: 'today.csv', index: 0, field: 'stop_id' });
    expect(error.message).toContain('nowhere');
  });
  it('rejects a stop visited by two routes', async () => {
    const error = await failure({ baseline: { routes: [{ id: 'A', stops: ['v1'] }, { id: 'B', stops: ['v1'] }] } });
    expect(error.location.index).toBe(1);
    expect(error.message).toMatch(/twice/);
  });
  it('rejects a vehicle type that is not in the fleet', async () => {
    const error = await failure({ baseline: { routes: [{ id: 'A', vehicleType: 'truck', stops: ['v1'] }] } });
    expect(error.location.field).toBe('vehicle_type');
  });
  it('rejects a depot that is not a hub', async () => {
    const error = await failure({ spec: gridSpec({ fleet: [{ id: 'van', capacity: 100, depot: 'v1' }] }), sources: { plan: 'county/plan.json' } });
    expect(error.location).toMatchObject({ source: 'county/plan.json', field: 'fleet[0].depot' });
  });
  it('names a place without mail and a place with an unknown role', async () => {
    const noMail = gridPlaces().map((p) => (p.id === 'v3' ? { ...p, properties: { role: 'village' } } : p));
    expect((await failure({ places: noMail, sources: { places: 'places.csv' } })).location).toMatchObject({ source: 'places.csv', index: 4, field: 'mail' });
    const badRole = gridPlaces().map((p) => (p.id === 'v3' ? { ...p, properties: { ...p.properties, role: 'school' } } : p));
    expect((await failure({ places: badRole })).location).toMatchObject({ index: 4, field: 'role' });
  });
  it('requires a hub', async () => {
    const noHub = gridPlaces().filter((p) => p.id !== 'hub');
    expect((await failure({ places: noHub })).message).toMatch(/hub/);
  });
});
