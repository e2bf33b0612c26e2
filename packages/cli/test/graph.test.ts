/**
 * `postroute graph` as a user runs it: the compiled CLI in a child process (build first:
 * `npx tsc -b packages/core packages/cli`; the test script does it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, '../dist/main.js');
const repo = resolve(import.meta.dirname, '../../..');
let dir = '';

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, 'graph', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const line = (coordinates: unknown, properties: object = { highway: 'residential' }): object => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } });
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-graph-'));
});

describe('postroute graph', () => {
  it('prints the statistics of the real Andorra network and writes it as GeoJSON', () => {
    const out = join(dir, 'network.geojson');
    const result = run(['--roads', 'examples/data/osm/andorra/roads.geojson', '--out', out, '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/network: \d+ nodes, \d+ edges \(\d+ one-way\), \d+ arcs, 4\d\d\.\d km/);
    expect(result.stdout).toMatch(/km by class:\n {2}secondary/);
    expect(result.stdout).toMatch(/dropped: \d+ edges, [\d.]+ km in \d+ pieces/);
    const network = JSON.parse(readFileSync(out, 'utf8'));
    expect(network.type).toBe('FeatureCollection');
    expect(network.features.length).toBeGreaterThan(1000);
  });

  it('prints JSON statistics with --json, with a profile from a file', () => {
    const profile = write('profile.json', { name: 'tracks-only', speeds: { track: 20 } });
    const result = run(['--roads', 'examples/data/osm/neudrossenfeld/roads.geojson', '--profile', profile, '--json', '--keep', 'all', '--quiet']);
    expect(result.status).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(Object.keys(stats.lengthByClass)).toEqual(['track']);
    expect(stats.dropped.edges).toBe(0);
  });

  it('reads the OSM download itself (.osm.pbf) and gives the same network as its GeoJSON extract', () => {
    const stats = (roads: string): { nodes: number; edges: number; km: number } => {
      const result = run(['--roads', roads, '--json', '--quiet']);
      expect(result.status).toBe(0);
      return JSON.parse(result.stdout) as { nodes: number; edges: number; km: number };
    };
    const osm = stats('examples/data/osm/andorra/andorra.osm.pbf');
    const geojson = stats('examples/data/osm/andorra/roads.geojson');
    expect(osm.nodes).toBe(1582);
    expect([osm.nodes, osm.edges, osm.km]).toEqual([geojson.nodes, geojson.edges, geojson.km]);
  });

  const badInputs: Array<[string, () => string, RegExp]> = [
    ['malformed JSON', () => write('broken.geojson', '{"type": "FeatureCollection",\n"features": [}'), /broken\.geojson, line 2: malformed JSON/],
    ['not a FeatureCollection', () => write('feature.geojson', line([[11, 50], [11.1, 50]])), /feature\.geojson, field "type": not a GeoJSON FeatureCollection: found a GeoJSON Feature/],
    ['a NaN coordinate', () => write('nan.geojson', '{"type":"FeatureCollection","features":[' + JSON.stringify(line([[11, 50], [11.1, 50]])) + ',' + JSON.stringify(line([[11, 50], ['NaN', 50]])) + ']}'), /nan\.geojson, item 1, field "geometry\.coordinates\[1\]": position \["NaN",50\] is not a pair of finite numbers/],
    ['an out-of-range coordinate', () => write('range.geojson', { type: 'FeatureCollection', features: [line([[11, 50], [11.1, 95]])] }), /range\.geojson, item 0, field "geometry\.coordinates\[1\]": .*out of range/],
    ['projected metres', () => write('utm.geojson', { type: 'FeatureCollection', features: [line([[675000, 5540000], [675100, 5540050]])] }), /utm\.geojson, item 0, .*projected metres.*reproject to WGS84/],
    ['a network that is empty after filtering', () => write('paths.geojson', { type: 'FeatureCollection', features: [line([[11, 50], [11.1, 50]], { highway: 'footway' })] }), /paths\.geojson: no drivable roads left after filtering 1 features \(excluded: highway=footway not drivable ×1\)/],
    ['a missing file', () => join(dir, 'nope.geojson'), /nope\.geojson: roads file not found/],
  ];
  for (const [what, make, message] of badInputs) {
    it(`refuses ${what} with one line and exit code 2`, () => {
      const result = run(['--roads', make()]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n').filter((l) => !l.startsWith('['));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^postroute: error: /);
      expect(lines[0]).toMatch(message);
    });
  }

  it('refuses an invalid profile and a bad option value', () => {
    const profile = write('bad-profile.json', { name: 'x', speeds: { track: 'fast' } });
    const result = run(['--roads', 'examples/data/osm/neudrossenfeld/roads.geojson', '--profile', profile]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/bad-profile\.json: invalid road profile: speeds\.track must be a positive number/);
    expect(run(['--roads', 'x', '--keep', 'some']).status).toBe(2);
  });
});
