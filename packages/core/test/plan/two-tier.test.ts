/**
 * The two-tier planner end to end on a road grid: tier timing, administrative assignment kept
 * or relaxed by the tolerance, today's two tiers evaluated with every broken rule, scenarios
 * consistent with their base, and located errors for wrong ids.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { planNetwork } from '../../src/plan/index.js';
import type { PlanInputs } from '../../src/plan/index.js';
import { parsePlanFile } from '../../src/plan/file/plan-file.js';
import { gridRoads } from './grid.js';
import { twoTierPlaces, twoTierPlan, twoTierSpec } from './two-tier-grid.js';

const quick = { seed: 1, timeLimit: 5, maxIterationsWithoutImprovement: 300 };
const inputs = (overrides: Partial<PlanInputs> = {}): PlanInputs => ({ spec: twoTierSpec(), roads: gridRoads(7), places: twoTierPlaces(), ...overrides });

// Today: one trunk route round both offices, one van per office along the administrative list.
const today = [
  { id: 'trunk', depot: 'hub', vehicleType: 'truck', stops: ['north', 'east'] },
  { id: 'east-van', depot: 'east', vehicleType: 'van', stops: ['e3', 'e1', 'e2'] },
  { id: 'north-van', depot: 'north', vehicleType: 'van', stops: ['x1', 'n1', 'n2'] },
];

describe('two-tier plan on a grid county', () => {
  it('times every delivery route after its trunk and the sorting, and loads fit in every dimension', async () => {
    const { report } = await planNetwork(inputs(), quick);
    const trunk = report.after.filter((r) => r.tier === 'trunk');
    const unloaded = new Map(trunk.flatMap((r) => r.visits.map((v) => [v.id, v.departure] as const)));
    const delivery = report.after.filter((r) => r.tier === 'delivery');
    expect(delivery.length).toBeGreaterThan(0);
    for (const route of delivery) {
      expect(route.departure).toBeGreaterThanOrEqual(unloaded.get(route.depot)! + 30 * 60);
      for (const loads of [route.loads!, ...route.visits.map((v) => v.loads!)]) loads.forEach((x, d) => expect(x).toBeLessThanOrEqual(route.capacities![d]!));
    }
    const office = report.tiers!.offices.find((o) => o.id === 'east')!;
    expect(office.release).toBe(unloaded.get('east')! + 1800);
    // Every pick-up rides the afternoon trunk to the hub.
    const collected = report.after.filter((r) => r.tier === 'collection').reduce((sum, r) => sum + r.pickups![1]!, 0);
    expect(collected).toBe(20 + 40);
    expect(report.summary.unassigned).toEqual([]);
    expect(report.summary.tiers!.map((t) => t.tier)).toEqual(['trunk', 'delivery', 'collection']);
  });

  it('keeps the administrative assignment exactly', async () => {
    const { report } = await planNetwork(inputs(), quick);
    const township = new Map(twoTierPlaces().map((p) => [p.id, p.properties.township]));
    for (const route of report.after.filter((r) => r.tier === 'delivery')) for (const stop of route.stops) expect(route.depot).toBe(township.get(stop));
    expect(report.tiers!.moved).toEqual([]);
  });

  it('moves a village to a neighbouring office only when that saves the tolerance', async () => {
    const small = await planNetwork(inputs({ spec: twoTierSpec({}, { delivery: { toleranceKm: 0.5 } }) }), quick);
    const moved = small.report.tiers!.moved;
    expect(moved.map((m) => [m.id, m.from, m.to])).toContainEqual(['x1', 'north', 'east']);
    for (const move of moved) expect(move.savedKm!).toBeGreaterThanOrEqual(0.5);
    expect(small.report.places.find((p) => p.id === 'x1')!.office).toBe('east');
    const huge = await planNetwork(inputs({ spec: twoTierSpec({}, { delivery: { toleranceKm: 50 } }) }), quick);
    expect(huge.report.tiers!.moved).toEqual([]);
    // The free assignment drives no more than the administrative one.
    const free = await planNetwork(inputs({ spec: twoTierSpec({}, { delivery: { assignment: 'free' } }) }), quick);
    const admin = await planNetwork(inputs(), quick);
    expect(free.report.summary.after.distanceM).toBeLessThanOrEqual(admin.report.summary.after.distanceM);
  });

  it("evaluates today's two tiers like the plan, and the plan costs no more", async () => {
    const { report } = await planNetwork(inputs({ baseline: { routes: today } }), quick);
    expect(report.before.map((r) => `${r.tier}:${r.id}`)).toEqual(['trunk:trunk', 'delivery:east-van', 'delivery:north-van', 'collection:trunk-pm']);
    expect(report.summary.before.stopsServed).toBe(8);
    expect(report.summary.costAfter!).toBeLessThanOrEqual(report.summary.costBefore!);
    expect(report.summary.tiers![1]!.savedKmPerDay).not.toBeNull();
    expect(report.tiers!.offices.find((o) => o.id === 'north')!.stopsBefore).toBe(3);
  });

  it("reports today's broken rules: a delivery van from an office no trunk reaches, overloaded vans", async () => {
    const routes = [
      { id: 'trunk', depot: 'hub', vehicleType: 'truck', stops: ['east'] },
      { id: 'east-van', depot: 'east', vehicleType: 'van', stops: ['e3', 'e1', 'e2', 'x1'] },
      { id: 'north-van', depot: 'north', vehicleType: 'van', stops: ['n1', 'n2'] },
    ];
    const { report } = await planNetwork(inputs({ baseline: { routes } }), quick);
    const kinds = (id: string): string[] => report.before.find((r) => r.id === id)!.violations.map((v) => v.kind);
    // Timed from no release at all, its shift and lateness would read 'back at 48:16': one no-trunk line says why.
    expect(kinds('north-van')).toEqual(['no-trunk']);
    // e1..e3 and x1: 47 items on a 40-item van.
    expect(kinds('east-van')).toContain('over-capacity');
    expect(report.before.find((r) => r.id === 'east-van')!.violations.find((v) => v.kind === 'over-capacity')!.message).toMatch(/^items:/);
  });

  it('runs scenarios on the same matrices: a peak never needs fewer vehicles than the base', async () => {
    const spec = twoTierSpec({ scenarios: [
      { name: 'double-11', volumeFactor: { mail: 1.5, parcels: 2.5, parcel_kg: 2.5 } },
      { name: 'close-north', closeOffices: ['north'] },
    ] }, { delivery: { fleet: [{ id: 'van', depot: 'each-outlet', count: 4, capacity: { items: 40, kg: 50 }, maxShiftHours: 4, costPerKm: 1, costPerDay: 50 }] } });
    const { report, scenarios } = await planNetwork(inputs({ spec }), quick);
    const rows = report.summary.scenarios!;
    expect(rows.map((r) => r.name)).toEqual(['base', 'double-11', 'close-north']);
    expect(rows[1]!.vehicles.delivery).toBeGreaterThanOrEqual(rows[0]!.vehicles.delivery);
    expect(rows[1]!.vehicles.delivery).toBeGreaterThan(rows[0]!.vehicles.delivery);
    expect(rows[1]!.changes.join(' ')).toMatch(/delivery vehicles \+/);
    const closed = scenarios.find((s) => s.name === 'close-north')!.report;
    expect(closed.after.filter((r) => r.tier === 'delivery').every((r) => r.depot === 'east')).toBe(true);
    expect(closed.tiers!.moved.filter((m) => m.reason === 'office closed').map((m) => m.id).sort()).toEqual(['n1', 'n2', 'north', 'x1']);
    expect(closed.summary.unassigned).toEqual([]);
    // Administrative assignment is kept exactly in every scenario that opens or closes no office.
    const township = new Map(twoTierPlaces().map((p) => [p.id, p.properties.township]));
    const peak = scenarios.find((s) => s.name === 'double-11')!.report;
    for (const route of peak.after.filter((r) => r.tier === 'delivery')) for (const stop of route.stops) expect(route.depot).toBe(township.get(stop));
    // --scenario NAME runs that one beside the base.
    const one = await planNetwork(inputs({ spec }), { ...quick, scenario: 'close-north' });
    expect(one.report.summary.scenarios!.map((r) => r.name)).toEqual(['base', 'close-north']);
  });
});

describe('an office the trunk does not reach (one truck for two offices\' freight)', () => {
  it('plans no van from it; each of its stops is unserved, said as the trunk not reaching it, and counted', async () => {
    // One truck of 80 items: east's day (about 71 items) and north's (about 60) do not fit together.
    const spec = twoTierSpec({}, { trunk: { fleet: [{ id: 'truck', count: 1, capacity: { items: 80, kg: 400 }, departure: '07:00', maxShiftHours: 10, costPerKm: 2, costPerDay: 100 }] } });
    const { report } = await planNetwork(inputs({ spec }), { seed: 1, timeLimit: 60, maxIterationsWithoutImprovement: 100 });
    const trunk = report.after.filter((route) => route.tier === 'trunk');
    expect(trunk).toHaveLength(1);
    const reached = new Set(trunk[0]!.stops);
    const unreached = ['east', 'north'].filter((office) => !reached.has(office));
    expect(unreached).toHaveLength(1);
    const office = unreached[0]!;
    expect(report.after.filter((route) => route.tier === 'delivery' && route.depot === office)).toEqual([]);
    // Its villages (those no van of the other office took) are each one line with the trunk's reason.
    const served = new Set(report.after.flatMap((route) => route.stops));
    const left = ['e1', 'e2', 'e3', 'n1', 'n2', 'x1'].filter((id) => !served.has(id));
    expect(left.length).toBeGreaterThan(0);
    const name = report.places.find((place) => place.id === office)!.name;
    for (const id of left) {
      const lines = report.summary.unassigned.filter((stop) => stop.id === id);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.reason).toBe(`the trunk did not reach ${name} (${office}): no mail to deliver from it; the stop is not served`);
    }
    // The office's own line says why (the trunk's engine), and nothing else is unserved.
    expect(report.summary.unassigned.map((stop) => stop.id).sort()).toEqual([...left, office].sort());
    for (const route of report.after) expect(route.violations).toEqual([]);
  });
});

describe('scenarios are consistent with their base', () => {
  it('a peak never needs fewer vehicles in any tier, nor costs less, than the base at the same rules (three peaks, two collection modes)', async () => {
    for (const collection of [{ departure: '13:00', returnBy: '18:00' }, { mode: 'wait' }]) {
      const spec = twoTierSpec({ scenarios: [1.25, 1.6, 2.2].map((f) => ({ name: `peak-${f}`, volumeFactor: { mail: f, parcels: f, parcel_kg: f } })) },
        { trunk: { collection }, delivery: { fleet: [{ id: 'van', depot: 'each-outlet', count: 4, capacity: { items: 40, kg: 50 }, maxShiftHours: 4, costPerKm: 1, costPerDay: 50 }] } });
      const { report } = await planNetwork(inputs({ spec }), quick);
      const [base, ...peaks] = report.summary.scenarios!;
      let previous = base!;
      for (const row of peaks) {
        for (const tier of ['trunk', 'delivery', 'collection'] as const) expect(row.vehicles[tier]).toBeGreaterThanOrEqual(previous.vehicles[tier]);
        expect(row.cost!).toBeGreaterThanOrEqual(previous.cost!);
        expect(row.unserved).toBe(0);
        previous = row;
      }
      expect(peaks[peaks.length - 1]!.vehicles.delivery).toBeGreaterThan(base!.vehicles.delivery);
    }
  });
});

describe('collection mode "wait": the morning truck waits at its offices', () => {
  const waitSpec = (returnBy?: string) => twoTierSpec({}, { trunk: { collection: { mode: 'wait', ...(returnBy ? { returnBy } : {}) } } });
  it('loads each office after its deliveries are back, the wait in the truck\'s day, the trunk not counted twice', async () => {
    const { report } = await planNetwork(inputs({ spec: waitSpec('18:00') }), quick);
    const trunk = report.after.filter((r) => r.tier === 'trunk');
    const legs = report.after.filter((r) => r.tier === 'collection');
    expect(legs.map((r) => r.id)).toEqual(trunk.map((r) => `${r.id}-pm`));
    const back = new Map<string, number>();
    for (const route of report.after.filter((r) => r.tier === 'delivery')) back.set(route.depot, Math.max(back.get(route.depot) ?? 0, route.arrival));
    trunk.forEach((morning, k) => {
      const leg = legs[k]!;
      // Starts at the office where the morning ends, the moment the truck has unloaded there.
      expect(leg.depot).toBe(morning.stops[morning.stops.length - 1]);
      expect(leg.vehicleType).toBe(morning.vehicleType);
      expect(leg.departure).toBe(morning.visits[morning.visits.length - 1]!.departure);
      for (const visit of leg.visits) expect(visit.start).toBeGreaterThanOrEqual(back.get(visit.id)!);
      // The day from the hub and back, waiting included, within the 10 h shift and home by 18:00.
      expect(morning.duration + leg.duration).toBe(leg.arrival - morning.departure);
      expect(leg.arrival - morning.departure).toBeLessThanOrEqual(10 * 3600);
      expect(leg.arrival).toBeLessThanOrEqual(18 * 3600);
      expect(leg.violations).toEqual([]);
      // Morning leg open at its last office, the way back the same roads (the grid's are two-way, both offices have goods): no return counted twice.
      expect(morning.geometry[morning.geometry.length - 1]).toEqual(leg.geometry[0]);
      expect(leg.distance).toBe(morning.distance);
    });
    // North's van is back after the truck got there: the truck waits, and the report says so.
    expect(report.tiers!.collection).toBe('wait');
    expect(report.tiers!.offices.find((o) => o.id === 'north')!.binding).toContain('truck waits for deliveries');
    // Every pick-up reaches the hub; a waiting truck is no extra vehicle.
    expect(legs.reduce((sum, r) => sum + r.pickups![1]!, 0)).toBe(60);
    expect(report.summary.unassigned).toEqual([]);
  });

  it('a shift that ends early binds the delivery routes: the villages that cannot be reached in time are unserved, with the rule named', async () => {
    // The truck leaves at 07:00 and must be home by 08:50: north's van has no time for a round.
    const { report } = await planNetwork(inputs({ spec: waitSpec('08:50') }), quick);
    for (const leg of report.after.filter((r) => r.tier === 'collection')) expect(leg.arrival).toBeLessThanOrEqual(8 * 3600 + 50 * 60);
    const served = new Set(report.after.filter((r) => r.tier === 'delivery').flatMap((r) => r.stops));
    expect(served.size).toBeLessThan(6);
    expect(report.summary.unassigned.length).toBe(6 - served.size);
    const binds = report.tiers!.offices.flatMap((o) => o.binding);
    expect(binds).toContain('trunk shift (the truck waits)');
  });

  it("evaluates today's trunk routes the same way, and counts no extra collection vehicles in scenarios", async () => {
    const spec = twoTierSpec({ scenarios: [{ name: 'double-11', volumeFactor: { mail: 1.5, parcels: 2.5 } }] }, { trunk: { collection: { mode: 'wait' } } });
    const { report } = await planNetwork(inputs({ spec, baseline: { routes: today } }), quick);
    expect(report.before.map((r) => `${r.tier}:${r.id}`)).toEqual(['trunk:trunk', 'delivery:east-van', 'delivery:north-van', 'collection:trunk-pm']);
    const pm = report.before.find((r) => r.id === 'trunk-pm')!;
    expect(pm.depot).toBe('east');
    expect(pm.stops).toEqual(['east', 'north']);
    const rows = report.summary.scenarios!;
    for (const row of rows) expect(row.vehicles.collection).toBe(0);
    expect(rows[1]!.vehicles.trunk + rows[1]!.vehicles.delivery).toBeGreaterThanOrEqual(rows[0]!.vehicles.trunk + rows[0]!.vehicles.delivery);
  });
});

describe('two-tier located errors', () => {
  async function failure(overrides: Partial<PlanInputs>, options = {}): Promise<InputError> {
    try {
      await planNetwork(inputs(overrides), { ...quick, timeLimit: 0.2, ...options });
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error('expected an InputError');
  }
  it('names a township that is not an office, and a village without one', async () => {
    const places = twoTierPlaces().map((p) => (p.id === 'n2' ? { ...p, properties: { ...p.properties, township: 'nowhere' } } : p));
    expect((await failure({ places, sources: { places: 'places.geojson' } })).location).toMatchObject({ source: 'places.geojson', index: 7, field: 'township' });
    const none = twoTierPlaces().map((p) => (p.id === 'n2' ? { ...p, properties: { ...p.properties, township: undefined } } : p));
    expect((await failure({ places: none })).message).toMatch(/has no township/);
  });
  it('names a delivery depot that is not an office', async () => {
    const spec = twoTierSpec({}, { delivery: { fleet: [{ id: 'van', depot: ['east', 'e1'], capacity: { items: 40, kg: 50 } }] } });
    expect((await failure({ spec })).location).toMatchObject({ field: 'tiers.delivery.fleet[0].depot' });
  });
  it("names a bad depot or stop in today's routes", async () => {
    const wrong = [{ id: 'r', depot: 'e1', stops: ['e2'] }];
    expect((await failure({ baseline: { routes: wrong } })).location).toMatchObject({ field: 'depot' });
    const trunkVillage = [{ id: 'r', depot: 'hub', stops: ['e2'] }];
    expect((await failure({ baseline: { routes: trunkVillage } })).message).toMatch(/not a township office/);
  });
  it('names a trunk depot that is not the hub, a delivery count at a place that is not an office', async () => {
    const trunkAt = twoTierSpec({}, { trunk: { fleet: [{ id: 'truck', depot: 'east', capacity: { items: 500, kg: 400 } }] } });
    expect((await failure({ spec: trunkAt })).location).toMatchObject({ field: 'tiers.trunk.fleet[0].depot' });
    const countAt = twoTierSpec({}, { delivery: { fleet: [{ id: 'van', count: { e1: 2 }, capacity: { items: 40, kg: 50 } }] } });
    expect((await failure({ spec: countAt })).location).toMatchObject({ field: 'tiers.delivery.fleet[0].count.e1' });
  });
  it('names a scenario that opens an office at an unknown place, closes every office, or changes an unknown place', async () => {
    const open = twoTierSpec({ scenarios: [{ name: 'x', openOffices: ['nowhere'] }] });
    expect((await failure({ spec: open })).location).toMatchObject({ field: 'scenarios[0].openOffices' });
    const all = twoTierSpec({ scenarios: [{ name: 'x', closeOffices: ['east', 'north'] }] });
    expect((await failure({ spec: all })).message).toMatch(/closes every township office/);
    const place = twoTierSpec({ scenarios: [{ name: 'x', places: { nowhere: { latest: '10:00' } } }] });
    expect((await failure({ spec: place })).location).toMatchObject({ field: 'scenarios[0].places.nowhere' });
  });
  it('names an unknown scenario, and a scenario closing a village', async () => {
    expect((await failure({}, { scenario: 'nope' })).location).toMatchObject({ field: 'scenarios' });
    const spec = twoTierSpec({ scenarios: [{ name: 'x', closeOffices: ['e1'] }] });
    expect((await failure({ spec })).location).toMatchObject({ field: 'scenarios[0].closeOffices' });
  });
});

describe('plan.json: every new key with a located error', () => {
  const error = (plan: Record<string, unknown>): InputError => {
    const text = JSON.stringify(plan, null, 2);
    try {
      parsePlanFile(text, 'plan.json');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };
  const base = twoTierPlan();
  const tiers = base.tiers as { trunk: Record<string, unknown>; delivery: Record<string, unknown> };
  const van = (tiers.delivery.fleet as Record<string, unknown>[])[0]!;
  const truck = (tiers.trunk.fleet as Record<string, unknown>[])[0]!;
  const withDelivery = (change: Record<string, unknown>) => ({ ...base, tiers: { ...tiers, delivery: { ...tiers.delivery, ...change } } });
  const withTrunk = (change: Record<string, unknown>) => ({ ...base, tiers: { ...tiers, trunk: { ...tiers.trunk, ...change } } });
  const cases: [string, Record<string, unknown>, string][] = [
    ['fleet beside tiers', { ...base, fleet: [{ id: 'v', capacity: 1 }] }, 'fleet'],
    ['loads without tiers', { ...base, tiers: undefined, fleet: [{ id: 'v', capacity: 1 }] }, 'loads'],
    ['loads not an object', { ...base, loads: [] }, 'loads'],
    ['load with a bad property list', { ...base, loads: { items: { delivery: 'mail' } } }, 'loads.items.delivery'],
    ['tiers without trunk', { ...base, tiers: { delivery: tiers.delivery } }, 'tiers.trunk'],
    ['capacity missing a dimension', withTrunk({ fleet: [{ ...truck, capacity: { items: 500 } }] }), 'tiers.trunk.fleet[0].capacity.kg'],
    ['capacity with an unknown dimension', withTrunk({ fleet: [{ ...truck, capacity: { items: 5, kg: 4, litres: 3 } }] }), 'tiers.trunk.fleet[0].capacity.litres'],
    ['trunk count per depot', withTrunk({ fleet: [{ ...truck, count: { hub: 2 } }] }), 'tiers.trunk.fleet[0].count'],
    ['collection departure', withTrunk({ collection: { departure: '25:00' } }), 'tiers.trunk.collection.departure'],
    ['collection back before it leaves', withTrunk({ collection: { departure: '15:00', returnBy: '14:00' } }), 'tiers.trunk.collection.returnBy'],
    ['pickups without a collection', withTrunk({ collection: undefined }), 'tiers.trunk.collection'],
    ['collection mode', withTrunk({ collection: { mode: 'same-truck' } }), 'tiers.trunk.collection.mode'],
    ['collection mode not a string', withTrunk({ collection: { mode: 2, departure: '14:00' } }), 'tiers.trunk.collection.mode'],
    ['a waiting truck given a departure', withTrunk({ collection: { mode: 'wait', departure: '14:00' } }), 'tiers.trunk.collection.departure'],
    ['a second wave without departure', withTrunk({ collection: { mode: 'second-wave', returnBy: '18:00' } }), 'tiers.trunk.collection.departure'],
    ['a waiting truck\'s returnBy', withTrunk({ collection: { mode: 'wait', returnBy: 'late' } }), 'tiers.trunk.collection.returnBy'],
    ['collection unknown key', withTrunk({ collection: { mode: 'wait', waitAt: 'last' } }), 'tiers.trunk.collection.waitAt'],
    ['delivery depot', withDelivery({ fleet: [{ ...van, depot: 5 }] }), 'tiers.delivery.fleet[0].depot'],
    ['delivery departure', withDelivery({ fleet: [{ ...van, departure: '08:00' }] }), 'tiers.delivery.fleet[0].departure'],
    ['count for an office outside the list', withDelivery({ fleet: [{ ...van, depot: ['east'], count: { north: 1 } }] }), 'tiers.delivery.fleet[0].count.north'],
    ['negative count', withDelivery({ fleet: [{ ...van, count: -1 }] }), 'tiers.delivery.fleet[0].count'],
    ['costPerKm', withDelivery({ fleet: [{ ...van, costPerKm: 'cheap' }] }), 'tiers.delivery.fleet[0].costPerKm'],
    ['duplicate type across tiers', withDelivery({ fleet: [{ ...van, id: 'truck' }] }), 'tiers.delivery.fleet[0].id'],
    ['assignment', withDelivery({ assignment: 'nearest' }), 'tiers.delivery.assignment'],
    ['tolerance with free assignment', withDelivery({ assignment: 'free', toleranceKm: 2 }), 'tiers.delivery.toleranceKm'],
    ['sortingMinutes', withDelivery({ sortingMinutes: -5 }), 'tiers.delivery.sortingMinutes'],
    ['unknown profile', withDelivery({ fleet: [{ ...van, profile: 'bike' }] }), 'tiers.delivery.fleet[0].profile'],
    ['profile speedFactor', { ...base, profiles: { bike: { speedFactor: 0 } } }, 'profiles.bike.speedFactor'],
    ['profile unknown key', { ...base, profiles: { bike: { wheels: 2 } } }, 'profiles.bike.wheels'],
    ['scenarios not a list', { ...base, scenarios: {} }, 'scenarios'],
    ['scenario name', { ...base, scenarios: [{ name: 'a b' }] }, 'scenarios[0].name'],
    ['duplicate scenario', { ...base, scenarios: [{ name: 'a' }, { name: 'a' }] }, 'scenarios[1].name'],
    ['volume factor of no load', { ...base, scenarios: [{ name: 'a', volumeFactor: { letters: 2 } }] }, 'scenarios[0].volumeFactor.letters'],
    ['volume factor not a number', { ...base, scenarios: [{ name: 'a', volumeFactor: { mail: 'double' } }] }, 'scenarios[0].volumeFactor.mail'],
    ['fleet change of no type', { ...base, scenarios: [{ name: 'a', fleet: { bus: 2 } }] }, 'scenarios[0].fleet.bus'],
    ['deadline change', { ...base, scenarios: [{ name: 'a', places: { e1: { latest: '9h' } } }] }, 'scenarios[0].places.e1.latest'],
    ['closeOffices', { ...base, scenarios: [{ name: 'a', closeOffices: 'north' }] }, 'scenarios[0].closeOffices'],
    ['unknown scenario key', { ...base, scenarios: [{ name: 'a', frequency: 2 }] }, 'scenarios[0].frequency'],
    ['load pickup list', { ...base, loads: { items: { delivery: ['mail'], pickup: [''] } } }, 'loads.items.pickup'],
    ['load unknown key', { ...base, loads: { items: { delivery: ['mail'], returns: ['x'] } } }, 'loads.items.returns'],
    ['load naming no property', { ...base, loads: { items: {} } }, 'loads.items'],
    ['tiers unknown key', { ...base, tiers: { ...tiers, feeder: {} } }, 'tiers.feeder'],
    ['tiers without delivery', { ...base, tiers: { trunk: tiers.trunk } }, 'tiers.delivery'],
    ['trunk unknown key', withTrunk({ speed: 2 }), 'tiers.trunk.speed'],
    ['trunk fleet empty', withTrunk({ fleet: [] }), 'tiers.trunk.fleet'],
    ['vehicle without id', withTrunk({ fleet: [{ ...truck, id: undefined }] }), 'tiers.trunk.fleet[0].id'],
    ['vehicle unknown key', withTrunk({ fleet: [{ ...truck, wheels: 6 }] }), 'tiers.trunk.fleet[0].wheels'],
    ['capacity zero', withTrunk({ fleet: [{ ...truck, capacity: { items: 0, kg: 4 } }] }), 'tiers.trunk.fleet[0].capacity.items'],
    ['capacity a bare number with two dimensions', withTrunk({ fleet: [{ ...truck, capacity: 500 }] }), 'tiers.trunk.fleet[0].capacity'],
    ['trunk departure', withTrunk({ fleet: [{ ...truck, departure: '7 o\'clock' }] }), 'tiers.trunk.fleet[0].departure'],
    ['trunk depot not a string', withTrunk({ fleet: [{ ...truck, depot: ['hub'] }] }), 'tiers.trunk.fleet[0].depot'],
    ['maxShiftHours', withTrunk({ fleet: [{ ...truck, maxShiftHours: 30 }] }), 'tiers.trunk.fleet[0].maxShiftHours'],
    ['costPerDay', withTrunk({ fleet: [{ ...truck, costPerDay: -1 }] }), 'tiers.trunk.fleet[0].costPerDay'],
    ['delivery unknown key', withDelivery({ sorting: 30 }), 'tiers.delivery.sorting'],
    ['delivery count per office not a number', withDelivery({ fleet: [{ ...van, count: { east: 'two' } }] }), 'tiers.delivery.fleet[0].count.east'],
    ['toleranceKm', withDelivery({ toleranceKm: 0 }), 'tiers.delivery.toleranceKm'],
    ['profile exclude', { ...base, profiles: { bike: { exclude: 'track' } } }, 'profiles.bike.exclude'],
    ['profile include speed', { ...base, profiles: { bike: { include: { path: 0 } } } }, 'profiles.bike.include.path'],
    ['profile maxSpeedKmh', { ...base, profiles: { bike: { maxSpeedKmh: 'slow' } } }, 'profiles.bike.maxSpeedKmh'],
    ['profiles not an object', { ...base, profiles: ['bike'] }, 'profiles'],
    ['scenario description', { ...base, scenarios: [{ name: 'a', description: 5 }] }, 'scenarios[0].description'],
    ['openOffices', { ...base, scenarios: [{ name: 'a', openOffices: [''] }] }, 'scenarios[0].openOffices'],
    ['scenario fleet count', { ...base, scenarios: [{ name: 'a', fleet: { van: -2 } }] }, 'scenarios[0].fleet.van'],
    ['scenario place change unknown key', { ...base, scenarios: [{ name: 'a', places: { e1: { mail: 3 } } }] }, 'scenarios[0].places.e1.mail'],
    ['scenario visits per week', { ...base, scenarios: [{ name: 'a', places: { e1: { visits_per_week: 9 } } }] }, 'scenarios[0].places.e1.visits_per_week'],
    ['scenario visit rule', { ...base, scenarios: [{ name: 'a', visits: [{ maxPopulation: 99 }] }] }, 'scenarios[0].visits[0].visitsPerWeek'],
  ];
  for (const [what, plan, field] of cases) {
    it(what, () => {
      const e = error(plan);
      expect(e.location.field).toBe(field);
      expect(e.location.source).toBe('plan.json');
      expect(e.location.line).toBeGreaterThan(0);
    });
  }
});
