/**
 * Issue 22 §3 at county scale: report.html of a county-sized report (the 507 × 500 grid of
 * benchmarks/graph/grid.mjs, 500,976 road edges, 1,000 places, 126 routes; made by
 * benchmarks/scale/report-case.mjs without planning) stays within 5 MB and is drawn and answering
 * in Chromium within 3 s (the best of two fresh pages, since the machine may be busy).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planReportFiles } from '@postroute/core';
import { launchBrowser, openFile } from '../../packages/core/test/report/browser.js';
// @ts-expect-error: a plain .mjs script without types
import { countyReport } from '../scale/report-case.mjs';

describe('report.html at county scale', () => {
  it('is at most 5 MB and opens in Chromium within 3 s, roads drawn as the view is zoomed in', async () => {
    const report = countyReport();
    expect(report.roads.length).toBeGreaterThan(500_000);
    const files = await planReportFiles(report);
    const dir = mkdtempSync(join(tmpdir(), 'postroute-report-scale-'));
    for (const file of files) writeFileSync(join(dir, file.name), file.text);
    const html = files.find((f) => f.name === 'report.html')!.text;
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(5 * 1024 * 1024);
    const browser = await launchBrowser();
    try {
      const times: number[] = [];
      for (let run = 0; run < 2; run++) {
        const { page, errors, requests, readyMs } = await openFile(browser, join(dir, 'report.html'));
        times.push(readyMs);
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        if (run === 0) {
          expect(Number(await page.evaluate(() => document.body.dataset.routesShown))).toBe(report.before.length + report.after.length);
          // The whole county: minor roads and tracks would be a blur, so they wait for a closer view.
          expect(await page.$eval('#roads-note', (n) => n.textContent)).toMatch(/Zoom in to see the tracks and minor roads/);
          await page.evaluate(() => (window as any).postroute.map.setZoom(14, { animate: false }));
          await new Promise((r) => setTimeout(r, 500));
          expect(await page.$eval('#roads-note', (n) => n.textContent)).toBe('');
        }
        await page.close();
      }
      expect(Math.min(...times)).toBeLessThanOrEqual(3000);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
