/**
 * The CLI's shared behaviour: usage mistakes and failed option checks are bad input (exit 2,
 * one line, no stack trace), whatever command they come from.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, '../dist/main.js');
const repo = resolve(import.meta.dirname, '../../..');

function run(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [main, ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stderr: result.stderr };
}

describe('postroute (all commands)', () => {
  it('exits 2 with one line for an unknown command', () => {
    const result = run(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^postroute: unknown command "frobnicate"; the commands are plan, .* \(run `postroute --help` for usage\)\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when a command is missing a required option', () => {
    const result = run(['graph']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('postroute: --roads is required (run `postroute graph --help` for usage)\n');
  });

  it('treats a failed option check as bad input, not an internal error (regression)', () => {
    const roads = 'examples/data/osm/neudrossenfeld/roads.geojson';
    const result = run(['matrix', '--roads', roads, '--places', 'examples/data/osm/neudrossenfeld/places.geojson', '--max-snap', '-5']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--max-snap');
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
