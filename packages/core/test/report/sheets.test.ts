import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopsCsv } from '../../src/report/csv.js';
import { renderSheets } from '../../src/report/html/sheets.js';
import { buildReportView } from '../../src/report/html/view.js';
import { launchBrowser, openFile } from './browser.js';
import { handMadeReport, route } from './fixture.js';
import { csvRows, csvStops } from './page-checks.js';

const outDir = resolve(import.meta.dirname, '../../../../test-output/sheets');

/** The hand-made report with a second new route of 60 stops: longer than a page. */
function withLongRoute() {
  const report = handMadeReport();
  for (let i = 0; i < 60; i++) report.places.push({ id: `h${i}`, name: `Hamlet ${i}`, role: 'village', lon: 11.5 + i * 0.001, lat: 50.02, population: 10, mail: 1 });
  report.after.push(route('after', 'N2', report.places.filter((p) => p.id.startsWith('h')).map((p) => p.id), 60_000, 20_000, 60, { capacity: 200 }));
  return report;
}

/** Pages in a PDF: its page objects. */
const pdfPages = (pdf: Uint8Array): number => (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('renderSheets', () => {
  const report = withLongRoute();
  report.places.find((p) => p.id === 'o1')!.latest = 10 * 3600; // the outlet's mail is due by 10:00
  const html = renderSheets(buildReportView(report));
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('has one sheet per new route with its stops in order, arrival times, drops, km and return', async () => {
    expect(html.match(/<section class="sheet"/g)).toHaveLength(2);
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'hand-made-sheets.html');
    writeFileSync(file, html);
    const { page, errors, requests } = await openFile(browser, file, { width: 900, height: 1200 }, '');
    const stops = await csvRows(await stopsCsv(report));
    const sheets = await page.$$eval('section.sheet', (sections) => sections.map((s) => ({
      title: s.querySelector('h1')!.textContent!,
      rows: [...s.querySelectorAll('table.stops tbody tr')].slice(0, -1).map((row) => ({ id: row.children[1]!.querySelector('.note')!.textContent!, arrival: row.children[2]!.textContent!, drop: row.children[3]!.textContent! })),
      last: s.querySelector('table.stops tbody tr:last-child')!.textContent!,
      svg: s.querySelectorAll('svg.route-map circle').length,
    })));
    expect(sheets.map((s) => s.title.split(' ').slice(0, 2).join(' '))).toEqual(['Route N1', 'Route N2']);
    for (const [k, id] of ['N1', 'N2'].entries()) {
      expect(sheets[k]!.rows.map(({ id: stop, arrival }) => ({ id: stop, arrival }))).toEqual(csvStops(stops, 'after', id));
      expect(sheets[k]!.svg).toBe(sheets[k]!.rows.length);
    }
    expect(sheets[0]!.rows.map((r) => r.drop)).toEqual(['40', '20', '15', '25']);
    expect(await page.$eval('section.sheet table.stops tbody tr', (row) => row.children[5]!.textContent)).toBe('due by 10:00');
    expect(sheets[0]!.last).toMatch(/back at Hub town10:00.*41\.0 km in all/);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('prints each route from a new page, rows whole, a long route over more pages', async () => {
    const file = join(outDir, 'hand-made-sheets.html');
    const { page } = await openFile(browser, file, { width: 900, height: 1200 }, '');
    await page.emulateMediaType('print');
    const styles = await page.evaluate(() => ({
      breaks: [...document.querySelectorAll('section.sheet')].map((s) => getComputedStyle(s).breakBefore),
      rows: [...new Set([...document.querySelectorAll('table.stops tr')].map((r) => getComputedStyle(r).breakInside))],
      index: getComputedStyle(document.querySelector('.index')!).display,
    }));
    expect(styles).toEqual({ breaks: ['page', 'page'], rows: ['avoid'], index: 'none' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(outDir, 'hand-made-sheets.pdf'), pdf);
    // N1 on one page, N2's 60 stops on two or more: at least three, and no blank first page.
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(5);
  });
});
