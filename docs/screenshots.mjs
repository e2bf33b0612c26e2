/**
 * The report pictures in docs/: the example county's report.html with one route focused, the
 * two-tier example's timeline, and a driver sheet, taken with Debian's Chromium.
 *
 *   npx tsc -b packages/core packages/cli
 *   node packages/cli/dist/main.js plan examples/county/plan.json --out /tmp/county-out
 *   node packages/cli/dist/main.js plan examples/county-two-tier/plan.json --out /tmp/two-tier-out
 *   node docs/screenshots.mjs /tmp/county-out /tmp/two-tier-out
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [county, twoTier] = process.argv.slice(2).map((p) => resolve(p));
if (!county || !twoTier) throw new Error('usage: node docs/screenshots.mjs COUNTY_OUT TWO_TIER_OUT');
const docs = resolve(import.meta.dirname);
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 1000 });
  await page.goto(pathToFileURL(join(county, 'report.html')).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]');
  // The second new route focused: its stops numbered, today's version beside it.
  await page.click('#routes-after tr[data-route-key]:nth-child(2)');
  await new Promise((r) => setTimeout(r, 1200));
  await page.evaluate(() => window.scrollTo(0, 0));
  const map = await page.$('.map-row');
  const box = await map.boundingBox();
  await page.screenshot({ path: join(docs, 'report.png'), clip: { x: 0, y: 0, width: 1100, height: box.y + box.height + 8 } });

  await page.goto(pathToFileURL(join(twoTier, 'report.html')).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]');
  await (await page.$('section.timeline-day')).screenshot({ path: join(docs, 'timeline.png') });

  const sheets = await browser.newPage();
  await sheets.setViewport({ width: 800, height: 1100 });
  await sheets.goto(pathToFileURL(join(twoTier, 'sheets.html')).href, { waitUntil: 'load' });
  await sheets.emulateMediaType('print');
  const second = await sheets.$('section.sheet:nth-of-type(3)');
  await second.screenshot({ path: join(docs, 'sheet.png') });
} finally {
  await browser.close();
}
