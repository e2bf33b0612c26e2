/**
 * Drives Debian's Chromium from a test with puppeteer-core (no downloaded browser): open a page
 * from a file, and keep every script error and every request that leaves the file system.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export function findChromium(): string {
  const binary = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
  if (!binary) throw new Error('chromium not found: apt-get install -y chromium (.ci/run does this)');
  return binary;
}

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenedPage {
  page: Page;
  /** Uncaught script errors and console errors, in order. */
  errors: string[];
  /** URLs asked for that are not the file itself (file:, data: and blob: excluded). */
  requests: string[];
  /** Milliseconds from navigation to the page's script saying it is ready. */
  readyMs: number;
}

/** Opens an HTML file and waits until its script has set `data-ready` on the body. */
export async function openFile(browser: Browser, file: string, viewport = { width: 1300, height: 1000 }, ready = 'body[data-ready="1"]'): Promise<OpenedPage> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(String((error as Error).message ?? error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('request', (request) => { if (!/^(file|data|blob):/.test(request.url())) requests.push(request.url()); });
  const start = performance.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 60_000 });
  if (ready) await page.waitForSelector(ready, { timeout: 60_000 });
  return { page, errors, requests, readyMs: performance.now() - start };
}
