/**
 * report.html of a plan keyed by tier × day (a hand-made weekly two-tier plan with door to door
 * from two offices), in Chromium: the day picker and the tier boxes decide together which routes,
 * door-to-door drives, timeline lanes and county table cells are shown.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html/page.js';
import { launchBrowser, openFile } from './browser.js';
import { countyReport } from './county-fixture.js';

const outDir = resolve(import.meta.dirname, '../../../../test-output/report');

/** Ids of the routes drawn on the map, as "phase tier id day". */
const drawn = (page: Page): Promise<string[]> => page.evaluate(() => {
  const { routes, map } = (window as any).postroute;
  return routes.filter((entry: any) => map.hasLayer(entry.group)).map((entry: any) => `${entry.route.phase} ${entry.route.tier} ${entry.route.id} ${entry.route.day ?? '-'}`).sort();
});
/** Texts of the county table's visible cells, row by row. */
const visibleCells = (page: Page, table: string): Promise<string[][]> => page.evaluate((id) => [...document.querySelectorAll(`#${id} tr`)]
  .filter((row) => !(row as HTMLElement).hidden)
  .map((row) => [...row.children].filter((cell) => !(cell as HTMLElement).hidden).map((cell) => cell.textContent ?? '')), table);

describe('report.html keyed by tier × day', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('the day picker and the tier boxes pick routes, door-to-door drives, timeline lanes and county cells together', async () => {
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'county-week-tiers.html');
    writeFileSync(file, renderHtmlReport(countyReport()));
    const { page, errors } = await openFile(browser, file);
    const all = await drawn(page);
    expect(all).toHaveLength(9);
    expect(await page.evaluate(() => document.body.dataset.doorShown)).toBe('2');

    // Tuesday: Tuesday's routes, and today's trunk that runs every day; Monday's delivery gone.
    await page.select('#day-picker', 'Tue');
    expect(await drawn(page)).toEqual([
      'after collection C1 Tue', 'after delivery o1-2 Tue', 'after delivery o1-3 Tue', 'after trunk T1 Tue',
      'before delivery D2 Tue', 'before trunk T1 -',
    ]);
    expect(await page.evaluate(() => document.body.dataset.doorShown)).toBe('2');
    // The county tables show Tuesday's column only, and the office's Tuesday rule.
    const km = await visibleCells(page, 'county-km');
    expect(km[0]).toEqual(['tier', 'Tue', 'km/year today', 'km/year new', 'saved km/year', 'rate']);
    expect(km.find((row) => row[0] === 'delivery')?.[1]).toBe('6.0 → 8.0');
    expect(await visibleCells(page, 'county-binding')).toEqual([['office', 'day', 'binding rules'], ['Outlet', 'Tue', 'shift, capacity mail']]);
    expect(await visibleCells(page, 'county-door')).toEqual([
      ['office', 'day', 'routes', 'km served', 'km deadheaded'], ['hub', 'Tue', '1', '2.5', '1.5'], ['Outlet', 'Tue', '1', '2.5', '1.5'],
    ]);
    // The timeline shows Tuesday's chart: the office lane flags Tuesday's rule, both door-to-door vehicles.
    const timeline = await page.$$eval('[data-timeline-day]', (s) => s.map((x) => `${(x as HTMLElement).dataset.timelineDay}:${(x as HTMLElement).hidden}`));
    expect(timeline).toEqual(['Mon:true', 'Tue:false']);
    expect(await page.$$eval('[data-timeline-day="Tue"] g.door-vehicle', (g) => g.length)).toBe(2);
    expect(await page.$$eval('[data-timeline-day="Mon"] g.door-vehicle', (g) => g.length)).toBe(1);

    // The trunk box off: Tuesday without the trunk, on the map and in the county tables.
    await page.click('input[data-layer="trunk"]');
    expect(await drawn(page)).toEqual(['after collection C1 Tue', 'after delivery o1-2 Tue', 'after delivery o1-3 Tue', 'before delivery D2 Tue']);
    expect((await visibleCells(page, 'county-km')).map((row) => row[0])).toEqual(['tier', 'delivery', 'door-to-door', 'collection']);
    // Monday, still without the trunk: Monday's delivery; one door-to-door drive (the daily one).
    await page.select('#day-picker', 'Mon');
    expect(await drawn(page)).toEqual(['after delivery o1-1 Mon', 'before delivery D1 Mon']);
    expect(await page.evaluate(() => document.body.dataset.doorShown)).toBe('1');
    // Door to door off: no drive drawn, its county row hidden.
    await page.click('input[data-layer="door-to-door"]');
    expect(await page.evaluate(() => document.body.dataset.doorShown)).toBe('0');
    expect((await visibleCells(page, 'county-km')).map((row) => row[0])).toEqual(['tier', 'delivery', 'collection']);
    // Every day, every tier again: all routes.
    await page.select('#day-picker', '');
    await page.click('input[data-layer="trunk"]');
    expect(await drawn(page)).toEqual(all);
    expect(errors).toEqual([]);
  });
});
