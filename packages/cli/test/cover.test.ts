/**
 * `postroute cover` as a user runs it: the compiled CLI in a child process (build first:
 * `npx tsc -b packages/core packages/cli`; the test script does it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, '../dist/main.js');
let dir = '';

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, 'cover', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const point = (id: string, lon: number, lat: number, properties: object = {}): object => ({
  type: 'Feature', id, properties, geometry: { type: 'Point', coordinates: [lon, lat] },
});

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-cover-'));
  // Demand a, b, c; sites s1, s2. Weighted p-median with p = 1: s1 costs 1·1 + 1·2 + 5·9 = 48,
  // s2 costs 1·9 + 1·8 + 5·1 = 22.
  writeFileSync(join(dir, 'm.csv'), ',s1,s2\na,1,9\nb,2,8\nc,9,1\n');
  writeFileSync(join(dir, 'w.csv'), 'id,weight\na,1\nb,1\nc,5\n');
  writeFileSync(join(dir, 'bad.csv'), ',s1,s2\na,1,9\nb,2\n');
  writeFileSync(join(dir, 'split.csv'), ',s1,s2\na,1,\nb,,1\n');
  // A river along latitude 50.000 with one bridge at lon 11.60 (see core's roads.test.ts).
  const road = (id: string, coordinates: number[][]): object => ({ type: 'Feature', id, properties: { highway: 'unclassified' }, geometry: { type: 'LineString', coordinates } });
  writeFileSync(join(dir, 'roads.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [
    road('north', [[11.5, 50.005], [11.53, 50.005], [11.6, 50.005]]),
    road('bridge', [[11.6, 50.005], [11.6, 49.995]]),
    road('south', [[11.6, 49.995], [11.5, 49.995]]),
  ] }));
  writeFileSync(join(dir, 'villages.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [point('V', 11.5, 50.005, { population: 300 }), point('W', 11.58, 49.995, { population: 100 })] }));
  writeFileSync(join(dir, 'sites.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [point('A', 11.5, 49.995), point('B', 11.53, 50.005)] }));
  writeFileSync(join(dir, 'outlets.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [point('P', 11.6, 49.995)] }));
});

describe('postroute cover --matrix', () => {
  it('solves a weighted p-median and prints the result as JSON', () => {
    const { status, stdout } = run(['--matrix', 'm.csv', '--weights', 'w.csv', '--model', 'pmedian', '--p', '1', '--json', '--quiet']);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result).slice(0, 5)).toEqual(['model', 'status', 'objective', 'bound', 'gap']);
    expect(result.open).toEqual(['s2']);
    expect(result.assignment).toEqual({ a: 's2', b: 's2', c: 's2' });
    expect(result.objective).toBe(22);
    expect(result.status).toBe('optimal');
    expect(result.bound).toBe(22);
  });

  it('prints a summary table and writes the JSON with --out', () => {
    const { status, stdout } = run(['--matrix', 'm.csv', '--model', 'lscp', '--radius', '2', '--out', 'out/lscp.json', '--quiet']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/status\s+optimal/);
    expect(stdout).toMatch(/open\s+2 sites \(0 existing, 2 new\)/);
    const written = JSON.parse(readFileSync(join(dir, 'out/lscp.json'), 'utf8'));
    expect(written.open).toEqual(['s1', 's2']);
  });

  it('the same input gives the same bytes: the run time goes to stderr only', () => {
    const args = ['--matrix', 'm.csv', '--weights', 'w.csv', '--model', 'pmedian', '--p', '1'];
    const first = run([...args, '--out', 'again-1.json']);
    const second = run([...args, '--out', 'again-2.json']);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    expect(readFileSync(join(dir, 'again-1.json'), 'utf8')).toBe(readFileSync(join(dir, 'again-2.json'), 'utf8'));
    expect(first.stderr).toMatch(/solved in \d+\.\d s/);
  });

  it('keeps existing sites open and honours forbidden ones', () => {
    const { status, stdout } = run(['--matrix', 'm.csv', '--weights', 'w.csv', '--model', 'pmedian', '--p', '1', '--existing', 's2', '--json', '--quiet']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).open).toEqual(['s1', 's2']);
    const forbidden = run(['--matrix', 'm.csv', '--weights', 'w.csv', '--model', 'pmedian', '--p', '1', '--forbidden', 's2', '--json', '--quiet']);
    expect(JSON.parse(forbidden.stdout).open).toEqual(['s1']);
    writeFileSync(join(dir, 'existing.txt'), 'id\ns2\n');
    const fromFile = run(['--matrix', 'm.csv', '--weights', 'w.csv', '--model', 'pmedian', '--p', '1', '--existing', 'existing.txt', '--json', '--quiet']);
    expect(JSON.parse(fromFile.stdout).open).toEqual(['s1', 's2']);
  });

  it('bad input: one line on stderr, exit 2', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--matrix', 'm.csv', '--model', 'lscp', '--radius', '0.5'], /radius 0.5 reaches no demand point/],
      [['--matrix', 'm.csv', '--model', 'pmedian', '--p', '3'], /p = 3 is larger than the number of sites that may be opened \(2\)/],
      [['--matrix', 'bad.csv', '--model', 'pmedian', '--p', '1'], /bad.csv, line 3.*row has 2 fields but the header has 3/],
      [['--matrix', 'm.csv', '--model', 'lscp'], /needs --radius/],
      [['--matrix', 'm.csv', '--model', 'lscp', '--radius', 'far'], /radius "far" is not a distance or time/],
      [['--matrix', 'nope.csv', '--model', 'pmedian', '--p', '1'], /nope.csv: matrix file not found/],
    ];
    for (const [args, pattern] of cases) {
      const { status, stderr } = run(args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toMatch(pattern);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('an impossible plan exits 3', () => {
    const { status, stderr } = run(['--matrix', 'split.csv', '--model', 'pmedian', '--p', '1', '--quiet']);
    expect(status).toBe(3);
    expect(stderr).toMatch(/infeasible: no choice of 1 new stations reaches every demand point/);
  });
});

describe('postroute cover --roads', () => {
  it('uses road distances, existing outlets and population weights, and writes GeoJSON', () => {
    const { status, stdout, stderr } = run([
      '--roads', 'roads.geojson', '--demand', 'villages.geojson', '--sites', 'sites.geojson', '--existing', 'outlets.geojson',
      '--model', 'pmedian', '--p', '1', '--weight-field', 'population', '--out', 'roads/result.json', '--json',
    ]);
    expect(status, stderr).toBe(0);
    const result = JSON.parse(stdout);
    // By road, V (north bank) is 2.1 km from B and 15 km from A; W (south bank) is near P.
    expect(result.open).toEqual(['P', 'B']);
    expect(result.assignment).toEqual({ V: 'B', W: 'P' });
    expect(result.unit).toBe('m');
    const geojson = JSON.parse(readFileSync(join(dir, 'roads/result.geojson'), 'utf8'));
    const sites = geojson.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'site');
    expect(sites.map((f: { id: string; properties: { role: string } }) => [f.id, f.properties.role])).toEqual([['P', 'existing'], ['B', 'new']]);
    expect(geojson.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'LineString')).toHaveLength(2);
  });

  it('weights from a place property, with a default for places without one', () => {
    writeFileSync(join(dir, 'villages-partial.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [point('V', 11.5, 50.005, { population: 300 }), point('W', 11.58, 49.995)] }));
    const base = ['--roads', 'roads.geojson', '--demand', 'villages-partial.geojson', '--sites', 'sites.geojson', '--model', 'mclp', '--radius', '3km', '--p', '1', '--weight-field', 'population'];
    const missing = run([...base, '--quiet']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/"W" has no usable population .*--weight-default/);
    const { status, stdout } = run([...base, '--weight-default', '25', '--json', '--quiet']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).coverage.totalWeight).toBe(325);
  });

  it('reads a radius in minutes as a travel-time model', () => {
    const { status, stdout } = run(['--roads', 'roads.geojson', '--demand', 'villages.geojson', '--sites', 'sites.geojson', '--model', 'lscp', '--radius', '5min', '--json', '--quiet']);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.unit).toBe('s');
    expect(result.radius).toBe(300);
    for (const a of result.assignments) if (a.covered) expect(a.distance).toBeLessThanOrEqual(300);
  });
});
