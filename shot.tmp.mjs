import puppeteer from 'puppeteer-core';
const [file, png, selector, action] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.setViewport({ width: 1300, height: 1000 });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
await page.goto('file://' + file, { waitUntil: 'load' });
await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
if (action) { await page.evaluate(action); await new Promise((r) => setTimeout(r, 1200)); }
const el = await page.$(selector);
await el.screenshot({ path: png });
await browser.close();
