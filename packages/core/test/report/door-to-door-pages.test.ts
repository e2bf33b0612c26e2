/**
 * The door-to-door routes in report.html's timeline and in sheets.html, on the door-to-door
 * example (real OSM roads of Neudrossenfeld), checked in Chromium against routes.csv.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../src/plan/file/plan-file.js';
import { readPlaces } from '../../src/io/places.js';
import { planNetwork } from '../../src/plan/index.js';
import { routesCsv } from '../../src/report/csv.js';
import { renderReportPage } from '../../src/report/html/page.js';
import { renderSheets } from '../../src/report/html/sheets.js';
import { buildReportView } from '../../src/report/html/view.js';
import { clock } from '../../src/report/violations.js';
import { launchBrowser, openFile } from './browser.js';
import { csvRows, seconds } from './page-checks.js';

const outDir = resolve(import.meta.dirname, '../../../../test-output/door-to-door');
const dir = new URL('../../../../examples/door-to-door/', import.meta.url);
const spec = parsePlanFile(readFileSync(new URL('plan.json', dir), 'utf8'), 'plan.json');
// Two vehicles of at most 1 h 30 min: the area takes more than one route.
const short = { ...spec, doorToDoor: [{ ...spec.doorToDoor![0]!, maxShift: 5400 }] };
const roads = JSON.parse(readFileSync(new URL(spec.roads.path, dir), 'utf8'));
const places = await readPlaces(readFileSync(new URL('places.geojson', dir), 'utf8'), { source: 'places.geojson' });
const { report } = await planNetwork({ spec: short, roads, places }, { timeLimit: 3, maxIterationsWithoutImprovement: 100 });
const view = buildReportView(report);
const doorRows = (await csvRows(await routesCsv(report))).filter((row) => row.vehicle_type === 'door-to-door');

/** Pages in a PDF: its page objects. */
const pdfPages = (pdf: Uint8Array): number => (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('door-to-door routes in report.html and sheets.html', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'report.html'), renderReportPage(view));
    writeFileSync(join(outDir, 'sheets.html'), renderSheets(view));
  });
  afterAll(async () => { await browser?.close(); });

  it('draws a bar per door-to-door vehicle from departure to return as in routes.csv, its streets as marks', async () => {
    expect(doorRows.length).toBeGreaterThanOrEqual(2);
    const { page, errors, requests } = await openFile(browser, join(outDir, 'report.html'));
    const bars = await page.evaluate(() => [...document.querySelectorAll('svg.timeline rect.door-bar')].map((bar) => {
      const svg = bar.closest('svg') as SVGSVGElement;
      const t0 = Number(svg.dataset.t0);
      const perPx = Number(svg.dataset.secondsPerPx);
      const x0 = Number(svg.dataset.x0);
      const box = (bar as SVGRectElement).getBBox();
      const marks = [...bar.parentElement!.querySelectorAll('rect.street-mark')].map((m) => ({
        street: (m as SVGRectElement).dataset.street!, at: t0 + ((m as SVGRectElement).getBBox().x + 1 - x0) * perPx,
      }));
      return { id: (bar as SVGRectElement).dataset.door!, start: t0 + (box.x - x0) * perPx, end: t0 + (box.x + box.width - x0) * perPx, marks };
    }));
    expect(bars.map((b) => b.id)).toEqual(doorRows.map((row) => row.route_id));
    for (const bar of bars) {
      const row = doorRows.find((r) => r.route_id === bar.id)!;
      expect(Math.abs(bar.start - seconds(row.departure!))).toBeLessThan(60);
      expect(Math.abs(bar.end - seconds(row.return!))).toBeLessThan(60);
      // One mark per street of stop_sequence, in order, within the bar.
      expect(bar.marks.map((m) => m.street)).toEqual(row.stop_sequence!.split(' > '));
      for (const mark of bar.marks) expect(mark.at).toBeGreaterThanOrEqual(bar.start - 30);
      for (const mark of bar.marks) expect(mark.at).toBeLessThanOrEqual(bar.end + 30);
    }
    // The door-to-door table gives the same times.
    expect(await page.$$eval('#door-to-door tbody tr', (rows) => rows.map((r) => [r.children[0]!.textContent, r.children[6]!.textContent])))
      .toEqual(doorRows.map((row) => [row.route_id, `${row.departure}–${row.return}`]));
    // Hovering a street mark names the street and its time at once.
    // Marks of streets that start at the same minute overlap: the pointer lands on the topmost one
    // at the first mark's centre, so the test asks the page which mark that is and expects its line.
    const hit = await page.evaluate(() => {
      const mark = document.querySelector('svg.timeline rect.street-mark')!;
      mark.scrollIntoView({ block: 'center', inline: 'center' });
      const box = mark.getBoundingClientRect();
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      const top = document.elementFromPoint(x, y) as SVGRectElement;
      return { x, y, index: [...mark.parentElement!.querySelectorAll('rect.street-mark')].indexOf(top) };
    });
    expect(hit.index).toBeGreaterThanOrEqual(0);
    const stretch = report.doorToDoor!.routes[0]!.stretches[hit.index]!;
    await page.mouse.move(hit.x, hit.y);
    await page.waitForSelector('#timeline-tip:not([hidden])', { timeout: 2000 });
    expect(await page.$eval('#timeline-tip', (t) => t.textContent)).toContain(`${hit.index + 1}. ${stretch.street}, ${clock(stretch.start)}–${clock(stretch.end)}`);
    // A click on the bar frames that route on the map.
    const zoom = await page.evaluate(() => (window as any).postroute.map.getZoom());
    await page.click('svg.timeline rect.door-bar');
    await new Promise((r) => setTimeout(r, 400));
    expect(await page.evaluate(() => (window as any).postroute.map.getZoom())).toBeGreaterThanOrEqual(zoom);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('prints a sheet per door-to-door route listing its streets in order, with km and return', async () => {
    const { page, errors, requests } = await openFile(browser, join(outDir, 'sheets.html'), { width: 900, height: 1200 }, '');
    const sheets = await page.$$eval('section.door-sheet', (sections) => sections.map((s) => ({
      id: (s as HTMLElement).dataset.doorRoute!,
      streets: [...s.querySelectorAll('table.streets tbody tr')].slice(0, -1).map((row) => row.children[1]!.querySelector('b')!.textContent!),
      starts: [...s.querySelectorAll('table.streets tbody tr')].slice(0, -1).map((row) => row.children[4]!.textContent!),
      facts: s.querySelector('table.facts')!.textContent!,
      last: s.querySelector('table.streets tbody tr:last-child')!.textContent!,
      served: s.querySelectorAll('svg.route-map path[stroke="#1f4e8c"]').length,
    })));
    expect(sheets.map((s) => s.id)).toEqual(doorRows.map((row) => row.route_id));
    for (const [k, sheet] of sheets.entries()) {
      const row = doorRows[k]!;
      const route = report.doorToDoor!.routes[k]!;
      expect(sheet.streets).toEqual(row.stop_sequence!.split(' > '));
      expect(sheet.starts).toEqual(route.stretches.map((s) => clock(s.start)));
      expect(sheet.facts).toContain(`leaves${row.departure} (after shift start 8:00)`);
      expect(sheet.facts).toContain(`back${row.return}`);
      const [, back, km] = /(\d+:\d\d)([\d.]+) km in all/.exec(sheet.last)!;
      expect(back).toBe(row.return);
      // The sheet says km to 1 decimal, routes.csv to 2: they differ by at most half a unit of the
      // first (0.05, which in binary floating point may come out as 0.050000000000000044).
      expect(Math.abs(Number(km) - Number(row.distance_km))).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(sheet.served).toBeGreaterThan(route.stretches.length);
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    // Printed: each route from a new page; the point-stop routes first, then these.
    await page.emulateMediaType('print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(outDir, 'sheets.pdf'), pdf);
    const breaks = await page.$$eval('section.sheet', (s) => s.map((x) => getComputedStyle(x).breakBefore));
    expect(breaks.every((b) => b === 'page')).toBe(true);
    expect(breaks.length).toBe(view.routes.filter((r) => r.phase === 'after').length + doorRows.length);
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(breaks.length);
  });
});
