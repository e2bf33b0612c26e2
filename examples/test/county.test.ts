/**
 * The README's example as a user runs it: `postroute plan examples/county/plan.json` on the real
 * OSM extract, then the HTML report opened in headless Chromium. A short time limit keeps it quick;
 * the README quotes the figures of the full run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openFile } from '../../packages/core/test/report/browser.js';
import { csvRows, csvStops, focusedStops, seconds, timelineBars } from '../../packages/core/test/report/page-checks.js';

const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'packages/cli/dist/main.js');
const out = join(root, 'test-output/county');

interface Summary {
  before: { km: number; routes: number; stopsServed: number; routesWithViolations: number };
  after: { km: number; routes: number; stopsServed: number; routesWithViolations: number };
  savedKmPerDay: number;
  savedKmPerYear: number;
  optimisationRatePercent: number;
  operatingDaysPerYear: number;
  unassigned: unknown[];
}

let summary: Summary;
let stdout = '';

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = spawnSync(process.execPath, [main, 'plan', 'examples/county/plan.json', '--out', out, '--time-limit', '2', '--quiet'], { cwd: root, encoding: 'utf8', timeout: 90_000 });
  if (result.status !== 0) throw new Error(`postroute plan failed (${result.status}): ${result.stderr}`);
  stdout = result.stdout;
  summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
});

describe('examples/county', () => {
  it('plans every village and saves kilometres against the hand-drawn routes', () => {
    expect(summary.before.stopsServed).toBe(70);
    expect(summary.after.stopsServed).toBe(70);
    expect(summary.unassigned).toEqual([]);
    expect(summary.before.routes).toBe(4);
    // Today's routes break rules (one van overloaded); the new plan breaks none.
    expect(summary.before.routesWithViolations).toBeGreaterThan(0);
    expect(summary.after.routesWithViolations).toBe(0);
    expect(summary.after.km).toBeLessThan(summary.before.km);
    expect(summary.savedKmPerDay).toBeCloseTo(summary.before.km - summary.after.km, 1);
    // Per day is rounded to 10 m for display; per year is computed from the exact metres.
    expect(Math.abs(summary.savedKmPerYear - summary.savedKmPerDay * summary.operatingDaysPerYear)).toBeLessThanOrEqual(0.005 * summary.operatingDaysPerYear + 1);
    expect(stdout).toContain(`optimisation rate ${summary.optimisationRatePercent.toFixed(2)} %`);
  });

  it('writes routes that follow the roads', () => {
    const collection = JSON.parse(readFileSync(join(out, 'routes.geojson'), 'utf8')) as { features: { geometry: { type: string; coordinates: number[][] }; properties: Record<string, unknown> }[] };
    const lines = collection.features.filter((f) => f.geometry.type === 'LineString');
    expect(lines.length).toBe(summary.before.routes + summary.after.routes);
    for (const line of lines) {
      expect(line.geometry.coordinates.length).toBeGreaterThan(50);
      // Every route starts and ends at the hub's snapped position.
      expect(line.geometry.coordinates[0]).toEqual(line.geometry.coordinates[line.geometry.coordinates.length - 1]);
    }
  });

  it('renders report.html in headless Chromium offline: every route drawn, a route clicked on the map lists its stops as stops.csv does', async () => {
    const browser = await launchBrowser();
    try {
      const { page, errors, requests } = await openFile(browser, join(out, 'report.html'));
      expect(Number(await page.evaluate(() => document.body.dataset.routesShown))).toBe(summary.before.routes + summary.after.routes);
      expect(await page.$eval('body', (b) => b.textContent)).toContain(`${summary.optimisationRatePercent.toFixed(2)} %`);
      // The first new route, clicked on its line: of the points of its line inside the map, the
      // one farthest from any place marker where the page itself says this line is on top (a
      // marker or another route's line over it would take the click).
      const point = await page.evaluate(() => {
        const { map, routes, data } = (window as any).postroute;
        const entry = routes.find((e: any) => e.route.phase === 'after');
        const size = map.getSize();
        const places = data.places.map((p: any) => map.latLngToContainerPoint([p.lat, p.lon]));
        const latlngs = entry.line.getLatLngs();
        const box = document.getElementById('map')!.getBoundingClientRect();
        const own = entry.line.getElement();
        let best = { x: 0, y: 0, clear: -1 };
        for (let i = 1; i < latlngs.length; i++) {
          const a = map.latLngToContainerPoint(latlngs[i - 1]);
          const b = map.latLngToContainerPoint(latlngs[i]);
          const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
          if (m.x < 60 || m.y < 20 || m.x > size.x - 20 || m.y > size.y - 30) continue;
          if (document.elementFromPoint(box.left + m.x, box.top + m.y) !== own) continue;
          const clear = Math.min(...places.map((p: any) => Math.hypot(p.x - m.x, p.y - m.y)));
          if (clear > best.clear) best = { ...m, clear };
        }
        return { x: box.left + best.x, y: box.top + best.y, found: best.clear >= 0 };
      });
      expect(point.found).toBe(true);
      await page.mouse.click(point.x, point.y);
      await page.waitForSelector('#focus-stops', { timeout: 10_000 });
      const focused = await focusedStops(page);
      expect(focused.stops.length).toBeGreaterThan(3);
      expect(focused.stops).toEqual(csvStops(await csvRows(readFileSync(join(out, 'stops.csv'), 'utf8')), focused.phase, focused.id));
      const routes = await csvRows(readFileSync(join(out, 'routes.csv'), 'utf8'));
      const bars = await timelineBars(page);
      expect(bars).toHaveLength(routes.length);
      for (const bar of bars) {
        const row = routes.find((r) => r.phase === bar.phase && r.route_id === bar.id)!;
        expect(Math.abs(bar.start - seconds(row.departure!))).toBeLessThan(60);
        expect(Math.abs(bar.end - seconds(row.return!))).toBeLessThan(60);
      }
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      const png = join(out, 'report.png');
      await page.screenshot({ path: png, fullPage: true });
      expect(statSync(png).size).toBeGreaterThan(100_000);
    } finally {
      await browser.close();
    }
  });

  it('writes sheets.html: one sheet per new route, printed to PDF on a page or more each', async () => {
    const browser = await launchBrowser();
    try {
      const { page, errors, requests } = await openFile(browser, join(out, 'sheets.html'), { width: 900, height: 1200 }, '');
      const sheets = await page.$$eval('section.sheet', (s) => s.length);
      expect(sheets).toBe(summary.after.routes);
      await page.emulateMediaType('print');
      const pdf = await page.pdf({ format: 'A4' });
      const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(sheets);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
