/**
 * Drives Debian's headless Chromium from a test: dump the DOM after load (scripts have run) and
 * take a screenshot. No npm dependency: the browser's own command-line switches do the job.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function findChromium(): string | undefined {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
}

async function chromium(args: string[]): Promise<string> {
  const binary = findChromium();
  if (!binary) throw new Error('chromium not found: apt-get install -y chromium (.ci/run does this)');
  const profile = mkdtempSync(join(tmpdir(), 'postroute-chromium-'));
  try {
    const { stdout } = await run(binary, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profile}`, ...args,
    ], { timeout: 45_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page's DOM after the load event, as Chromium serialises it. */
export function dumpDom(htmlPath: string): Promise<string> {
  return chromium(['--virtual-time-budget=5000', '--dump-dom', pathToFileURL(htmlPath).href]);
}

/** A PNG screenshot of the page at the given window size. */
export async function screenshot(htmlPath: string, pngPath: string, size = '1100,2400'): Promise<void> {
  await chromium([`--screenshot=${pngPath}`, `--window-size=${size}`, pathToFileURL(htmlPath).href]);
}
