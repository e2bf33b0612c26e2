/**
 * Installing postroute as docs/install.md says, outside the repo: both packages packed with pnpm (npm
 * pack would keep `workspace:*` in the CLI's dependencies, which npm then refuses), installed with
 * npm into an empty folder, and `postroute --help` and `postroute plan` run on a copy of the
 * bundled county example there. Needs the built dist (the root `test` script builds first) and
 * the npm registry for the dependencies.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'postroute-install-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

describe('the packed tarballs, installed with npm into an empty folder', () => {
  // Packing, an npm install from the registry and a short plan: minutes on a busy machine, never a
  // timed assertion; the generous limit is for this test alone.
  it('installs, and postroute --help and postroute plan on the county example run there', { timeout: 600_000 }, async () => {
    expect(existsSync(join(repo, 'packages/cli/dist/main.js')), 'build first: npx tsc -b packages/core packages/cli').toBe(true);
    const packs = join(dir, 'packs');
    mkdirSync(packs);
    for (const pkg of ['core', 'cli']) {
      const packed = await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', packs], join(repo, 'packages', pkg));
      expect(packed.code, packed.stderr).toBe(0);
    }
    const tarballs = readdirSync(packs).filter((name) => name.endsWith('.tgz')).sort();
    expect(tarballs).toEqual(['postroute-cli-0.1.0.tgz', 'postroute-core-0.1.0.tgz']);
    // pnpm pack has replaced workspace:* by the version: npm can resolve it from the core tarball.
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "postroute-install-check", "private": true }\n');
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs.map((name) => join(packs, name))], app);
    expect(installed.code, installed.stderr).toBe(0);
    const bin = join(app, 'node_modules/.bin/postroute');
    expect(existsSync(bin)).toBe(true);

    const help = await run(bin, ['--help'], app);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^postroute <command> \[options\]/);
    expect(help.stdout).toContain('postroute plan <plan>');
    const version = await run(bin, ['--version'], app);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8')).version);

    // The example as a user would copy it: plan.json's relative paths keep working.
    cpSync(join(repo, 'examples/county'), join(app, 'example/county'), { recursive: true });
    cpSync(join(repo, 'examples/data/osm/north-bayreuth'), join(app, 'example/data/osm/north-bayreuth'), { recursive: true });
    const plan = await run(bin, ['plan', 'example/county/plan.json', '--out', 'out', '--time-limit', '2'], app);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(plan.stdout).toMatch(/^Plan: Neudrossenfeld county/);
    expect(plan.stdout).toMatch(/stops served\s+70\s+70/);
    expect(readdirSync(join(app, 'out')).sort()).toEqual(['report.html', 'routes.csv', 'routes.geojson', 'sheets.html', 'stops.csv', 'summary.json']);
    const summary = JSON.parse(readFileSync(join(app, 'out/summary.json'), 'utf8')) as { after: { stopsServed: number }; unassigned: unknown[] };
    expect(summary.after.stopsServed).toBe(70);
    expect(summary.unassigned).toEqual([]);
  });
});
