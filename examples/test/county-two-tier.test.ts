/**
 * The two-tier example as a user runs it: `postroute plan examples/county-two-tier/plan.json` on
 * the real OSM extract, with both scenarios, then its outputs read back. A short time limit keeps
 * it quick; the example's README quotes the figures of the full run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'packages/cli/dist/main.js');
const out = join(root, 'test-output/county-two-tier');

interface Summary {
  before: { stopsServed: number; routesWithViolations: number; km: number };
  after: { stopsServed: number; routesWithViolations: number; km: number };
  unassigned: unknown[];
  tiers: { tier: string; before: { km: number }; after: { km: number } }[];
  scenarios: { name: string; vehicles: { trunk: number; delivery: number } }[];
}

let summary: Summary;
let stdout = '';

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = spawnSync(process.execPath, [main, 'plan', 'examples/county-two-tier/plan.json', '--out', out, '--time-limit', '2', '--quiet'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`postroute plan failed (${result.status}): ${result.stderr}`);
  stdout = result.stdout;
  summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
}, 150_000);

describe('examples/county-two-tier', () => {
  it('plans both tiers for every village and compares them tier by tier with today', () => {
    expect(summary.unassigned).toEqual([]);
    expect(summary.before.stopsServed).toBe(70);
    expect(summary.after.stopsServed).toBe(70);
    expect(summary.after.routesWithViolations).toBe(0);
    expect(summary.before.routesWithViolations).toBeGreaterThan(0);
    expect(summary.tiers.map((t) => t.tier)).toEqual(['trunk', 'delivery', 'collection']);
    const sum = summary.tiers.reduce((s, t) => s + t.after.km, 0);
    expect(sum).toBeCloseTo(summary.after.km, 1);
    expect(stdout).toMatch(/Per tier/);
    expect(stdout).toMatch(/Offices \(administrative assignment, tolerance 1 km/);
  });

  it('runs the Double-11 and closed-office scenarios beside the base', () => {
    expect(summary.scenarios.map((s) => s.name)).toEqual(['base', 'double-11', 'close-altenplos']);
    const [base, peak] = summary.scenarios;
    expect(peak!.vehicles.delivery).toBeGreaterThanOrEqual(base!.vehicles.delivery);
    for (const name of ['double-11', 'close-altenplos']) expect(existsSync(join(out, 'scenarios', name, 'report.html'))).toBe(true);
    const closed = readFileSync(join(out, 'scenarios/close-altenplos/routes.csv'), 'utf8');
    expect(closed).not.toMatch(/^after,delivery,[^,]*,[^,]*,altenplos,/m);
  });

  it('writes tier, depot, loads per dimension and pick-ups in routes.csv, stops.csv and routes.geojson', () => {
    const routes = readFileSync(join(out, 'routes.csv'), 'utf8').split('\n');
    expect(routes[0]).toMatch(/^phase,tier,route_id,vehicle_type,depot,.*load_items,pickup_items,capacity_items,load_kg,pickup_kg,capacity_kg,cost/);
    expect(routes.some((line) => line.startsWith('after,collection,'))).toBe(true);
    expect(readFileSync(join(out, 'stops.csv'), 'utf8').split('\n')[0]).toMatch(/township,delivery_items,pickup_items,load_after_items/);
    const geo = JSON.parse(readFileSync(join(out, 'routes.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    const delivery = geo.features.find((f) => f.properties.tier === 'delivery')!;
    expect(delivery.properties).toHaveProperty('pickup_kg');
    expect(delivery.properties).toHaveProperty('depot');
  });
});

describe('examples/county-two-tier report.html', () => {
  it('draws both tiers distinctly, villages by office, the pick-ups, and the tier, office and scenario tables', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/class="route after trunk"/);
    expect(html).toMatch(/class="route after delivery"/);
    expect(html).toMatch(/class="route after collection"/);
    expect(html).toMatch(/class="route before trunk"[^>]*stroke-dasharray/);
    expect(html).toMatch(/<g id="layer-pickups">.*class="pickup"/s);
    for (const id of ['tiers', 'offices', 'scenarios']) expect(html).toContain(`<table id="${id}">`);
    // Delivery routes of different offices are drawn in different colours.
    const colours = new Set([...html.matchAll(/class="route after delivery" data-route="[^"]*" d="[^"]*" stroke="([^"]+)"/g)].map((m) => m[1]));
    expect(colours.size).toBe(3);
  });
});
