/**
 * `postroute batch` reads a county's roads the way `postroute plan` does: OSM as downloaded
 * (here gzipped OSM XML written from the same grid as the GeoJSON) gives the same plan as the
 * GeoJSON, and the job key, taken over the file's bytes, finds the stored result on a rerun.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridCounty, gridRoadsAt } from '../../core/test/batch/counties.js';

const main = resolve(import.meta.dirname, '../dist/main.js');

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The grid's roads as an OSM XML file: one node per distinct vertex, one way per line, its tags. */
function osmXml(size: number, lon: number, lat: number): string {
  const roads = gridRoadsAt(size, lon, lat);
  const ids = new Map<string, number>();
  const nodes: string[] = [];
  const ways: string[] = [];
  for (const feature of roads.features) {
    if (feature.geometry.type !== 'LineString') continue;
    const refs = feature.geometry.coordinates.map(([x, y]) => {
      const key = `${x},${y}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size + 1;
        ids.set(key, id);
        nodes.push(`  <node id="${id}" lat="${y}" lon="${x}"/>`);
      }
      return `    <nd ref="${id}"/>`;
    });
    const tags = Object.entries(feature.properties ?? {}).filter(([key]) => key !== 'osm_id').map(([key, value]) => `    <tag k="${key}" v="${String(value)}"/>`);
    ways.push(`  <way id="${String(feature.properties?.osm_id)}">\n${[...refs, ...tags].join('\n')}\n  </way>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n${[...nodes, ...ways].join('\n')}\n</osm>\n`;
}

let dir = '';
beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-batch-osm-'));
  const texts = gridCounty({ name: 'grid county', size: 4, lon: 11.5, lat: 50, every: 3 });
  for (const folder of ['geojson', 'osm']) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, 'places.geojson'), texts.places);
    writeFileSync(join(dir, folder, 'today.csv'), texts.baseline);
  }
  writeFileSync(join(dir, 'geojson', 'roads.geojson'), texts.roads);
  writeFileSync(join(dir, 'osm', 'roads.osm.gz'), gzipSync(osmXml(4, 11.5, 50)));
  const plan = JSON.parse(texts.plan) as Record<string, unknown>;
  writeFileSync(join(dir, 'geojson', 'plan.json'), JSON.stringify(plan, null, 2));
  writeFileSync(join(dir, 'osm', 'plan.json'), JSON.stringify({ ...plan, roads: 'roads.osm.gz' }, null, 2));
  writeFileSync(join(dir, 'province.json'), JSON.stringify({
    name: 'OSM province',
    counties: [{ name: 'From GeoJSON', plan: 'geojson/plan.json' }, { name: 'From OSM', plan: 'osm/plan.json' }],
  }, null, 2));
});

describe('postroute batch with OSM roads', () => {
  it('plans a county from .osm.gz as from its GeoJSON, and a rerun finds the stored result', () => {
    const first = run(['batch', 'province.json', '--out', 'out', '--deterministic', '--workers', '1'], dir);
    expect(first.stderr).not.toMatch(/internal error|failed:/);
    expect(first.status).toBe(0);
    const summary = (folder: string) => JSON.parse(readFileSync(join(dir, 'out', folder, 'summary.json'), 'utf8')) as Record<string, unknown>;
    const fromGeoJson = summary('from-geojson');
    const fromOsm = summary('from-osm');
    expect(fromOsm.before).toEqual(fromGeoJson.before);
    expect(fromOsm.after).toEqual(fromGeoJson.after);
    // The same as `postroute plan` on the OSM county alone.
    const alone = run(['plan', 'osm/plan.json', '--out', 'alone', '--quiet'], dir);
    expect(alone.status).toBe(0);
    expect(readFileSync(join(dir, 'out', 'from-osm', 'routes.csv'), 'utf8')).toBe(readFileSync(join(dir, 'alone', 'routes.csv'), 'utf8'));
    const again = run(['batch', 'province.json', '--out', 'out', '--deterministic'], dir);
    expect(again.status).toBe(0);
    expect(again.stderr.match(/\(stored result\)/g)?.length).toBe(2);
  });
});
