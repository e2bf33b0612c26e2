/**
 * The README's example as a user runs it: `postroute plan examples/county/plan.json` on the real
 * OSM extract, then the HTML report opened in headless Chromium. A short time limit keeps it quick;
 * the README quotes the figures of the full run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpDom, screenshot } from '../../packages/core/test/report/chromium.js';

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

  it('renders report.html in headless Chromium with the map and the figures', async () => {
    const html = join(out, 'report.html');
    const dom = await dumpDom(html);
    expect(Number(/data-routes-drawn="(\d+)"/.exec(dom)?.[1])).toBe(summary.before.routes + summary.after.routes);
    expect(Number(/data-map-width="(\d+)"/.exec(dom)?.[1])).toBeGreaterThan(500);
    expect(Number(/data-map-height="(\d+)"/.exec(dom)?.[1])).toBeGreaterThan(300);
    expect(dom).toContain(`${summary.optimisationRatePercent.toFixed(2)} %`);
    expect(dom).toContain('Neudrossenfeld');
    const png = join(out, 'report.png');
    await screenshot(html, png, '1100,2600');
    expect(statSync(png).size).toBeGreaterThan(100_000);
  });
});
