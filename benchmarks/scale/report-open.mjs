/**
 * What a county's report costs a reader: the size of report.html and sheets.html and the time
 * from opening report.html in Chromium (Debian's /usr/bin/chromium, driven by puppeteer-core)
 * until its map is drawn and answers (the page sets data-ready), median of 3 fresh pages.
 *
 *   node benchmarks/scale/report-open.mjs DIR/out            # a report folder (county-run.mjs writes DIR/out)
 *   node benchmarks/scale/report-open.mjs --generated        # the generated county-scale report (report-case.mjs)
 *
 * Prints one JSON line: bytes of each file, open times in ms and their median.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { planReportFiles } from '@postroute/core';
import { countyReport } from './report-case.mjs';

let folder = process.argv[2];
if (!folder) throw new Error('usage: report-open.mjs REPORT_FOLDER | --generated');
if (folder === '--generated') {
  folder = mkdtempSync(join(tmpdir(), 'postroute-report-'));
  for (const file of await planReportFiles(countyReport())) writeFileSync(join(folder, file.name), file.text);
}
const report = join(folder, 'report.html');
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const times = [];
try {
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1300, height: 1000 });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const start = performance.now();
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 120_000 });
    times.push(Math.round(performance.now() - start));
    if (errors.length > 0) throw new Error(`script errors: ${errors.join('; ')}`);
    await page.close();
  }
} finally {
  await browser.close();
}
const sorted = [...times].sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({
  folder,
  reportHtmlBytes: statSync(report).size,
  sheetsHtmlBytes: statSync(join(folder, 'sheets.html')).size,
  openMs: times,
  medianOpenMs: sorted[1],
  routes: (readFileSync(join(folder, 'routes.csv'), 'utf8').trim().split('\n').length - 1),
})}\n`);
