import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html/page.js';
import { dumpDom, screenshot } from './chromium.js';
import { handMadeReport } from './fixture.js';

const outDir = resolve(import.meta.dirname, '../../../../test-output/report');

describe('renderHtmlReport', () => {
  const report = handMadeReport();
  const html = renderHtmlReport(report, { attribution: 'Map data © OpenStreetMap contributors' });

  it('is self-contained: no external URL is fetched', () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html.match(/https?:\/\/[^"'\s<]+/g) ?? []).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
  });

  it('escapes names and carries the figures', () => {
    expect(html).toContain('Hand-made &lt;county&gt;');
    expect(html).toContain('Village &quot;One&quot;');
    expect(html).toMatch(/id="figure-rate"><div class="value">18\.00 %/);
    expect(html).toContain('carries 130, capacity 100 (+30)');
  });

  // The real check: a browser lays the page out, runs its script and draws the map.
  it('renders in headless Chromium: map, routes and figures drawn', async () => {
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'hand-made.html');
    writeFileSync(file, html);
    const dom = await dumpDom(file);
    expect(dom).toMatch(/data-routes-drawn="3"/);
    const width = Number(/data-map-width="(\d+)"/.exec(dom)?.[1]);
    const height = Number(/data-map-height="(\d+)"/.exec(dom)?.[1]);
    expect(width).toBeGreaterThan(500);
    expect(height).toBeGreaterThan(100);
    expect(dom).toContain('18.00 %');
    const png = join(outDir, 'hand-made.png');
    await screenshot(file, png, '1100,1600');
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });
});
