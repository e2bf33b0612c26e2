/**
 * The two-tier example as a user runs it: `postroute plan examples/county-two-tier/plan.json` on
 * the real OSM extract, with both scenarios, then its outputs read back. A short time limit keeps
 * it quick; the example's README quotes the figures of the full run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '../../packages/core/src/report/html/view-types.js';
import { launchBrowser, openFile } from '../../packages/core/test/report/browser.js';
import { csvRows, seconds, timelineBars } from '../../packages/core/test/report/page-checks.js';

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
    expect(readFileSync(join(out, 'stops.csv'), 'utf8').split('\n')[0]).toMatch(/township,office,delivery_items,pickup_items,load_after_items/);
    const geo = JSON.parse(readFileSync(join(out, 'routes.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    const delivery = geo.features.find((f) => f.properties.tier === 'delivery')!;
    expect(delivery.properties).toHaveProperty('pickup_kg');
    expect(delivery.properties).toHaveProperty('depot');
  });
});

/** The data report.html draws from, as its script reads it. */
function embeddedView(html: string): ReportView {
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!;
  return JSON.parse(json) as ReportView;
}

describe('examples/county-two-tier report.html', () => {
  it('draws both tiers distinctly, villages by office, the pick-ups, and the tier, office and scenario tables', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const view = embeddedView(html);
    const style = (phase: string, tier: string) => view.routes.filter((r) => r.phase === phase && r.tier === tier);
    for (const tier of ['trunk', 'delivery', 'collection']) expect(style('after', tier).length).toBeGreaterThan(0);
    // Today's trunk dashed, the new one solid and thicker; delivery routes in their office's colour.
    expect(style('before', 'trunk').every((r) => r.dash !== '')).toBe(true);
    expect(style('after', 'trunk').every((r) => r.dash === '' && r.width > style('before', 'trunk')[0]!.width)).toBe(true);
    expect(new Set(style('after', 'delivery').map((r) => r.colour)).size).toBe(3);
    expect(view.places.some((p) => p.pickup?.some((x) => x > 0))).toBe(true);
    expect(html).toContain('data-layer="pickups"');
    for (const tier of ['trunk', 'delivery', 'collection']) expect(html).toContain(`data-layer="${tier}"`);
    for (const id of ['tiers', 'offices', 'scenarios']) expect(html).toContain(`<table id="${id}">`);
  });

  it('lines up on the timeline the trunk\'s arrival at each office, the sorting and the vans\' departures; the binding office is flagged', async () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const view = embeddedView(html);
    const browser = await launchBrowser();
    try {
      const { page, errors, requests } = await openFile(browser, join(out, 'report.html'));
      const lanes = await page.evaluate(() => [...document.querySelectorAll('svg.timeline g.office-lane')].map((lane) => {
        const svg = lane.closest('svg') as SVGSVGElement;
        const time = (x: number) => Number(svg.dataset.t0) + (x - Number(svg.dataset.x0)) * Number(svg.dataset.secondsPerPx);
        const arrival = lane.querySelector('path.trunk-arrival') as SVGPathElement | null;
        const release = lane.querySelector('line.release') as SVGLineElement | null;
        return {
          office: (lane as SVGGElement).dataset.office!,
          binding: (lane as SVGGElement).dataset.binding ?? '',
          arrival: arrival ? time(arrival.getBBox().x + arrival.getBBox().width / 2) : null,
          release: release ? time(release.x1.baseVal.value) : null,
        };
      }));
      expect(lanes.length).toBe(view.offices.length);
      const trunk = view.routes.filter((r) => r.phase === 'after' && r.tier === 'trunk');
      for (const lane of lanes) {
        const office = view.offices.find((o) => o.id === lane.office)!;
        // The mark sits at the trunk's arrival at the office, and that is when the trunk's own stop is.
        expect(Math.abs(lane.arrival! - office.trunkArrival!)).toBeLessThan(60);
        expect(trunk.some((r) => r.stops.some((s) => s.id === office.id && Math.abs(s.arrival - office.trunkArrival!) < 60))).toBe(true);
        expect(Math.abs(lane.release! - office.release!)).toBeLessThan(60);
        // No van of the office leaves before the release line.
        for (const van of view.routes.filter((r) => r.phase === 'after' && r.tier === 'delivery' && r.depot === office.id)) expect(van.departure).toBeGreaterThanOrEqual(office.release! - 1);
        expect(lane.binding).toBe(office.binding.join(','));
      }
      expect(lanes.some((lane) => lane.binding !== '')).toBe(view.offices.some((o) => o.binding.length > 0));
      const routes = await csvRows(readFileSync(join(out, 'routes.csv'), 'utf8'));
      for (const bar of await timelineBars(page)) {
        const row = routes.find((r) => r.phase === bar.phase && r.route_id === bar.id)!;
        expect(Math.abs(bar.start - seconds(row.departure!))).toBeLessThan(60);
        expect(Math.abs(bar.end - seconds(row.return!))).toBeLessThan(60);
      }
      // A tier's box takes its routes off the map, both sides.
      const shown = () => page.evaluate(() => Number(document.body.dataset.routesShown));
      const all = await shown();
      expect(all).toBe(view.routes.length);
      await page.click('input[data-layer="trunk"]');
      expect(await shown()).toBe(all - view.routes.filter((r) => r.tier === 'trunk').length);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
