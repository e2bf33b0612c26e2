/**
 * `postroute matrix` as a user runs it: the compiled CLI in a child process (build first:
 * `npx tsc -b packages/core packages/cli`; the test script does it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, '../dist/main.js');
const repo = resolve(import.meta.dirname, '../../..');
const roads = 'examples/data/osm/neudrossenfeld/roads.geojson';
const places = 'examples/data/osm/neudrossenfeld/places.geojson';
let dir = '';

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, 'matrix', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-matrix-'));
});

describe('postroute matrix', () => {
  it('writes ids, distances, durations, snaps and unreachable as JSON (row = from)', () => {
    const out = join(dir, 'm.json');
    const result = run(['--roads', roads, '--places', places, '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/matrix: 10 places \(0 rejected\), 100 pairs, 0 unreachable/);
    const m = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(m)).toEqual(['ids', 'distances', 'durations', 'snaps', 'unreachable', 'rejected']);
    expect(m.ids).toHaveLength(10);
    expect(m.distances).toHaveLength(10);
    expect(m.durations[3]).toHaveLength(10);
    expect(m.distances[2][2]).toBe(0);
    expect(m.distances[0][1]).toBeGreaterThan(500);
    expect(m.snaps[0]).toMatchObject({ id: m.ids[0] });
    expect(m.unreachable).toEqual([]);
  });

  it('reads CSV places, minimises distance, writes CSV, and lists a place too far away', () => {
    const csv = join(dir, 'places.csv');
    writeFileSync(csv, 'id,lon,lat,name\nA,11.5065,50.0340,"Dorf, A"\nB,11.5005,50.0180,B\nfar,11.9,50.3,too far\n');
    const out = join(dir, 'm.csv');
    const result = run(['--roads', roads, '--places', csv, '--metric', 'distance', '--format', 'csv', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/warning: place "far" \(\S*places\.csv, line 4\) not used: nearest road is \d+ m away \(limit 5000 m\)/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('from,to,distance_m,duration_s');
    expect(lines).toHaveLength(1 + 4);
    expect(lines[2]).toMatch(/^A,B,\d+(\.\d)?,\d+(\.\d)?$/);
  });

  it('refuses a duplicate place id with one line and exit code 2', () => {
    const csv = join(dir, 'dup.csv');
    writeFileSync(csv, 'id,lon,lat\nA,11.5065,50.0340\nA,11.5005,50.0180\n');
    const result = run(['--roads', roads, '--places', csv]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^postroute: error: .*dup\.csv, line 3, field "id": duplicate place id "A" \(also on line 2\) — give every place a unique id/);
  });

  it('refuses projected place coordinates, and exits 3 when no place is near the roads', () => {
    const csv = join(dir, 'utm.csv');
    writeFileSync(csv, 'id,lon,lat\nA,675000,5540000\n');
    const projected = run(['--roads', roads, '--places', csv]);
    expect(projected.status).toBe(2);
    expect(projected.stderr).toMatch(/utm\.csv, line 2, field "lon": .*projected metres/);
    const far = join(dir, 'far.csv');
    writeFileSync(far, 'id,lon,lat\nA,12.5,51\n');
    const none = run(['--roads', roads, '--places', far, '--quiet']);
    expect(none.status).toBe(3);
    expect(none.stderr).toMatch(/none of the 1 places could be snapped/);
  });

  it('refuses an unknown metric as a usage error', () => {
    expect(run(['--roads', roads, '--places', places, '--metric', 'fastest']).status).toBe(2);
  });
});
