import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesCsv, stopsCsv } from '../../src/report/csv.js';
import { renderHtmlReport, renderReportPage } from '../../src/report/html/page.js';
import { buildReportView } from '../../src/report/html/view.js';
import { leafletAssets } from '../../src/report/html/leaflet-assets.js';
import { launchBrowser, openFile } from './browser.js';
import { handMadeReport } from './fixture.js';
import { csvRows, csvStops, focusedStops, seconds, timelineBars } from './page-checks.js';

const outDir = resolve(import.meta.dirname, '../../../../test-output/report');

/** The hand-made report with two places off the roads: one at 0,0 and one typed in swapped. */
function withStrayPlaces() {
  const report = handMadeReport();
  report.places.push(
    { id: 'zero', name: 'Null Island', role: 'village', lon: 0, lat: 0, population: 1, mail: 1 },
    { id: 'swapped', name: 'Swapped Hamlet', role: 'village', lon: 50.005, lat: 11.53, population: 1, mail: 1 },
  );
  return report;
}

describe('buildReportView', () => {
  it('frames the roads and places on them; places far off are listed with their distance, a swap is suspected', () => {
    const view = buildReportView(withStrayPlaces());
    expect(view.frame.west).toBeGreaterThan(11.4);
    expect(view.frame.east).toBeLessThan(11.6);
    expect(view.frame.south).toBeGreaterThan(49.9);
    expect(view.frame.north).toBeLessThan(50.1);
    expect(view.farOff.map((f) => [f.id, f.swapped])).toEqual([['zero', false], ['swapped', true]]);
    // Null Island is about 5,600 km from Bavaria.
    expect(view.farOff[0]!.distanceM).toBeGreaterThan(5_000_000);
    const html = renderReportPage(view);
    expect(html).toMatch(/<div id="far-off">.*Null Island.*km from the nearest road.*Swapped Hamlet.*latitude and longitude swapped\?/s);
  });

  it('says in the not-comparable box what the savings compare, by the reasons', () => {
    // Same stops and mail, today's T2 over capacity: the savings are like for like.
    const rules = renderReportPage(buildReportView(handMadeReport()));
    expect(rules).toMatch(/id="not-comparable"[^>]*><strong>Not comparable:<\/strong> today&#39;s routes break 1 rule[^<]*\. The savings below compare the same stops and mail\.<\/div>/);
    // Without today's routes there are no savings to speak of.
    const report = handMadeReport();
    report.summary = { ...report.summary, savedKmPerDay: null, before: { ...report.summary.before, routes: 0 } };
    const box = /id="not-comparable"[^>]*>(.*?)<\/div>/.exec(renderReportPage(buildReportView(report)))![1]!;
    expect(box).toMatch(/^<strong>Not comparable:<\/strong> today&#39;s routes break 1 rule/);
    expect(box).not.toMatch(/saving/);
  });

  it('pairs each route with the other side\'s route that shares most stops, and lists what each stop drops', () => {
    const view = buildReportView(handMadeReport());
    const byId = new Map(view.routes.map((r) => [r.id, r]));
    expect(byId.get('N1')!.counterpart).toBe(byId.get('T1')!.key);
    expect(byId.get('T2')!.counterpart).toBe(byId.get('N1')!.key);
    expect(byId.get('N1')!.stops.map((s) => [s.id, s.drop[0]])).toEqual([['o1', 40], ['v1', 20], ['v2', 15], ['v3', 25]]);
    expect(view.places.find((p) => p.id === 'v1')!.today).toEqual([byId.get('T1')!.key]);
  });
});

describe('renderHtmlReport', () => {
  const report = handMadeReport();
  const html = renderHtmlReport(report, { attribution: 'Map data © OpenStreetMap contributors' });
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('is self-contained: Leaflet inlined, nothing loaded from elsewhere', () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/\burl\((?!#)/);
    expect(html).toContain('Leaflet 1.9');
    // Outside Leaflet's own source, the tile address (for the reader who turns tiles on) is the
    // only one that points outside.
    const { js, css } = leafletAssets();
    const ours = html.replace(js, '').replace(css, '');
    const urls = new Set(ours.match(/https?:\/\/[^"'\s<)]+/g) ?? []);
    expect([...urls].sort()).toEqual(['http://www.w3.org/2000/svg', 'https://tile.openstreetmap.org/{z}/{x}/{y}.png']);
  });

  it('escapes names and carries the figures', () => {
    expect(html).toContain('Hand-made &lt;county&gt;');
    expect(html).toContain('Village &quot;One&quot;');
    expect(html).not.toContain('Hand-made <county>');
    expect(html).toMatch(/id="figure-rate"><div class="value">18\.00 %/);
    expect(html).toContain('carries 130, capacity 100 (+30)');
  });

  // The real checks: a browser lays the page out, runs Leaflet and the page's script.
  it('opens in Chromium offline, without a script error; zooming and dragging change the view', async () => {
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'hand-made.html');
    writeFileSync(file, html);
    const { page, errors, requests } = await openFile(browser, file);
    expect(await page.evaluate(() => document.body.dataset.routesShown)).toBe('3');
    const view = () => page.evaluate(() => { const m = (window as any).postroute.map; return { zoom: m.getZoom(), bounds: m.getBounds().toBBoxString() }; });
    const first = await view();
    await page.click('.leaflet-control-zoom-in');
    await new Promise((r) => setTimeout(r, 400));
    const zoomed = await view();
    expect(zoomed.zoom).toBeGreaterThan(first.zoom);
    expect(zoomed.bounds).not.toBe(first.bounds);
    const box = (await (await page.$('#map'))!.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel({ deltaY: 400 });
    await new Promise((r) => setTimeout(r, 600));
    expect((await view()).zoom).toBeLessThan(zoomed.zoom);
    const before = await view();
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await new Promise((r) => setTimeout(r, 300));
    expect((await view()).bounds).not.toBe(before.bounds);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(outDir, 'hand-made.png') });
    expect(statSync(join(outDir, 'hand-made.png')).size).toBeGreaterThan(20_000);
  });

  it('focuses a route clicked in the table: its stops listed as in stops.csv, today\'s version beside it', async () => {
    const file = join(outDir, 'hand-made.html');
    const { page, errors } = await openFile(browser, file);
    const stops = await csvRows(await stopsCsv(report));
    await page.click('#routes-after tr[data-route-key]');
    const focused = await focusedStops(page);
    expect(focused.id).toBe('N1');
    expect(focused.stops).toEqual(csvStops(stops, 'after', 'N1'));
    expect(focused.stops).toHaveLength(4);
    // Today's T1 (shares most stops) beside it; the other routes faded.
    expect(await page.$eval('#focus-counterpart', (t) => (t as HTMLElement).dataset.routeKey)).toBe('0');
    const opacities = await page.evaluate(() => (window as any).postroute.routes.map((e: any) => e.line.options.opacity));
    expect(opacities[1]).toBeLessThan(0.2);
    expect(opacities[0]).toBeGreaterThan(0.8);
    expect(await page.$$eval('.stop-number', (marks) => marks.map((m) => m.textContent))).toEqual(['1', '2', '3', '4']);
    // 'Show all routes' shows every route again; so does Escape, after Enter on a row.
    await page.click('#focus-clear');
    expect(await page.evaluate(() => document.body.dataset.focus)).toBeUndefined();
    await page.focus('#routes-before tr[data-route-key]');
    await page.keyboard.press('Enter');
    expect((await focusedStops(page)).id).toBe('T1');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.body.dataset.focus)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('focuses a route clicked on the map, and names a village on hover', async () => {
    const { page, errors } = await openFile(browser, join(outDir, 'hand-made.html'));
    // The middle of N1's second leg, in page pixels, where the three lines overlap: the top one wins.
    const point = await page.evaluate(() => {
      const { map } = (window as any).postroute;
      const p = map.latLngToContainerPoint([50.005, 11.51]);
      const box = document.getElementById('map')!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    const focused = await focusedStops(page);
    expect(['T1', 'T2', 'N1']).toContain(focused.id);
    expect(focused.stops).toEqual(csvStops(await csvRows(await stopsCsv(report)), focused.phase, focused.id));
    await page.click('#focus-clear');
    await page.evaluate(() => (window as any).postroute.map.fitBounds((window as any).postroute.frame, { animate: false }));
    const village = await page.evaluate(() => {
      const { map } = (window as any).postroute;
      const p = map.latLngToContainerPoint([50.012, 11.53]);
      const box = document.getElementById('map')!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.move(village.x - 40, village.y - 40);
    await page.mouse.move(village.x, village.y, { steps: 5 });
    await page.waitForFunction(() => [...document.querySelectorAll('.leaflet-tooltip')].some((t) => t.textContent!.includes('Village Two')), { timeout: 5000 });
    const tip = await page.$$eval('.leaflet-tooltip', (tips) => tips.map((t) => t.textContent).join(' | '));
    expect(tip).toContain('Village Two');
    expect(tip).toMatch(/mail 15 a day/);
    expect(tip).toMatch(/today: T1 · plan: N1/);
    expect(errors).toEqual([]);
  });

  it('draws the timeline\'s bars from departure to return as in routes.csv', async () => {
    const { page } = await openFile(browser, join(outDir, 'hand-made.html'));
    const routes = await csvRows(await routesCsv(report));
    const bars = await timelineBars(page);
    expect(bars).toHaveLength(routes.length);
    for (const bar of bars) {
      const row = routes.find((r) => r.phase === bar.phase && r.route_id === bar.id)!;
      expect(Math.abs(bar.start - seconds(row.departure!))).toBeLessThan(60);
      expect(Math.abs(bar.end - seconds(row.return!))).toBeLessThan(60);
    }
  });

  it('names a timeline mark\'s stop and time at once on hover, as stops.csv gives them', async () => {
    const { page, errors } = await openFile(browser, join(outDir, 'hand-made.html'));
    const stops = csvStops(await csvRows(await stopsCsv(report)), 'after', 'N1');
    const key = await page.$eval('#routes-after tr[data-route-key]', (row) => (row as HTMLElement).dataset.routeKey);
    // No native titles in the timeline: they show only after a delay, and would double the tip.
    expect(await page.$$eval('svg.timeline title', (titles) => titles.length)).toBe(0);
    for (const [n, stop] of stops.entries()) {
      await page.hover(`svg.timeline g.vehicle[data-route-key="${key}"] rect.stop-mark[data-stop="${stop.id}"]`);
      const tip = await page.$eval('#timeline-tip', (t) => ({ text: t.textContent, hidden: (t as HTMLElement).hidden, box: t.getBoundingClientRect().toJSON() }));
      const name = report.places.find((p) => p.id === stop.id)!.name;
      expect(tip.hidden).toBe(false);
      expect(tip.text).toBe(`${n + 1}. ${name}, arrives ${stop.arrival}`);
      expect(tip.box.width).toBeGreaterThan(20);
    }
    // Off the marks and bars, the tip goes.
    await page.hover('h1');
    expect(await page.$eval('#timeline-tip', (t) => (t as HTMLElement).hidden)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('asks for OpenStreetMap tiles only when the reader turns them on', async () => {
    const { page, requests } = await openFile(browser, join(outDir, 'hand-made.html'));
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toEqual([]);
    await page.setRequestInterception(true);
    page.on('request', (request) => { if (/^(file|data|blob):/.test(request.url())) void request.continue(); else void request.abort(); });
    await page.click('#osm-tiles');
    await new Promise((r) => setTimeout(r, 500));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((url) => url.startsWith('https://tile.openstreetmap.org/'))).toBe(true);
  });

  it('shows one day at a time with the day picker, a tier at a time with its box; a timeline bar focuses its route', async () => {
    // The hand-made plan as a week: T1 and N1 on Mon, T2 on Tue.
    const week = handMadeReport();
    week.before[0]!.day = 'Mon';
    week.before[1]!.day = 'Tue';
    week.after[0]!.day = 'Mon';
    week.summary.week = {
      days: ['Mon', 'Tue'], accumulate: false, weeksPerYear: 51, kmPerWeekBefore: 50, kmPerWeekAfter: 41, kmPerYearBefore: 2550, kmPerYearAfter: 2091,
      kmPerWeekDailyService: 82, kmPerYearDailyService: 4182, perDay: [], visits: [{ id: 'v1', name: 'Village "One"', visitsPerWeek: 1, days: ['Mon'] }],
    };
    const file = join(outDir, 'hand-made-week.html');
    writeFileSync(file, renderHtmlReport(week));
    const { page, errors } = await openFile(browser, file);
    const shown = () => page.evaluate(() => document.body.dataset.routesShown);
    expect(await shown()).toBe('3');
    await page.select('#day-picker', 'Tue');
    expect(await shown()).toBe('1');
    expect(await page.$$eval('[data-timeline-day]', (s) => s.map((x) => `${(x as HTMLElement).dataset.timelineDay}:${(x as HTMLElement).hidden}`))).toEqual(['Mon:true', 'Tue:false']);
    // Village One is served on Mondays only: dimmed on Tuesday.
    const opacity = () => page.evaluate(() => {
      const { map } = (window as any).postroute;
      let found = NaN;
      map.eachLayer((layer: any) => { if (layer.getLatLng && layer.setStyle && layer.getLatLng().lat === 50.01 && layer.getLatLng().lng === 11.52) found = layer.options.fillOpacity; });
      return found;
    });
    expect(await opacity()).toBe(0.25);
    await page.select('#day-picker', '');
    expect(await opacity()).toBe(1);
    await page.click('input[data-layer="before"]');
    expect(await shown()).toBe('1');
    await page.click('input[data-layer="before"]');
    // A click on N1's bar on the timeline focuses N1.
    await page.click('svg.timeline g.vehicle.after rect.bar');
    expect((await focusedStops(page)).id).toBe('N1');
    expect(errors).toEqual([]);
  });

  it('marks unserved places with a cross and doubtful positions with a ring, and names them on hover', async () => {
    const marked = handMadeReport();
    marked.summary.unassigned = [{ id: 'v4', name: 'Lost Hamlet', reason: 'no road within 500 m' }];
    marked.summary.snapWarnings = [{ id: 'v3', name: 'Village Three', distanceM: 420, nearerDroppedRoadM: 30, message: 'placed 420 m away on the main network; a road 30 m away is not connected to it' }];
    const file = join(outDir, 'hand-made-marked.html');
    writeFileSync(file, renderHtmlReport(marked));
    const { page, errors } = await openFile(browser, file);
    expect(await page.$$eval('.unserved-icon', (icons) => icons.length)).toBe(1);
    expect(await page.evaluate(() => (window as any).postroute.data.places.filter((p: any) => p.unserved || p.snapWarning).map((p: any) => p.id))).toEqual(['v3', 'v4']);
    await page.hover('.unserved-icon');
    await page.waitForFunction(() => [...document.querySelectorAll('.leaflet-tooltip')].some((t) => t.textContent!.includes('unserved: no road within 500 m')), { timeout: 5000 });
    expect(await page.$eval('#focus', (f) => f.textContent)).toMatch(/1 stop unserved.*1 place put on the network past a nearer, unconnected road/);
    expect(errors).toEqual([]);
  });
});
