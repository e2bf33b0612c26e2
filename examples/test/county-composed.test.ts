/**
 * The composed county example as a user runs it: `postroute plan examples/county-composed/plan-daily.json`
 * (two tiers, door to door from Harsdorf, produce bases, today's network, two scenarios) on the real
 * OSM extract with a short time limit, its outputs checked against the places file read here
 * (every village served once, by a delivery route from its office; counts), not against the
 * planner's own totals. plan.json (the same county across the week) is refused by main until two
 * tiers × weekly lands (README).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'packages/cli/dist/main.js');
const out = join(root, 'test-output/county-composed');

interface Feature { id: string; properties: { role: string; township?: string } }
const places = (JSON.parse(readFileSync(join(root, 'examples/county-two-tier/places.geojson'), 'utf8')) as { features: Feature[] }).features;

/** A CSV file as objects by header (no quoted commas in the columns read here). */
function rows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = head!.split(',');
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    return Object.fromEntries(names.map((n, k) => [n, cells[k] ?? '']));
  });
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = spawnSync(process.execPath, [main, 'plan', 'examples/county-composed/plan-daily.json', '--out', out, '--time-limit', '1', '--threads', '1', '--quiet'], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`postroute plan failed (${result.status}): ${result.stderr}`);
}, 300_000);

describe('examples/county-composed (daily form)', () => {
  it('serves every village and produce base exactly once, on a delivery route; every office on the trunk', () => {
    const stops = rows(join(out, 'stops.csv')).filter((r) => r.phase === 'after');
    const delivered = stops.filter((r) => r.tier === 'delivery').map((r) => r.stop_id);
    const wanted = places.filter((f) => f.properties.role === 'village' || f.properties.role === 'station').map((f) => f.id);
    expect(wanted.length).toBe(67);
    expect([...delivered].sort()).toEqual([...wanted].sort());
    const trunk = stops.filter((r) => r.tier === 'trunk').map((r) => r.stop_id);
    expect([...trunk].sort()).toEqual(places.filter((f) => f.properties.role === 'outlet').map((f) => f.id).sort());
  });

  it('starts every delivery route at its office, after the trunk has reached that office', () => {
    const routes = rows(join(out, 'routes.csv')).filter((r) => r.phase === 'after');
    const trunkAt = new Map(rows(join(out, 'stops.csv')).filter((r) => r.phase === 'after' && r.tier === 'trunk').map((r) => [r.stop_id!, r.arrival!]));
    const minutes = (t: string) => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]);
    const delivery = routes.filter((r) => r.tier === 'delivery');
    expect(delivery.length).toBeGreaterThan(0);
    for (const route of delivery) {
      expect(trunkAt.has(route.depot!)).toBe(true);
      // unloading (15 min) and sorting (40 min) come first
      expect(minutes(route.departure!)).toBeGreaterThanOrEqual(minutes(trunkAt.get(route.depot!)!) + 55);
    }
    expect(routes.filter((r) => r.tier === 'collection').length).toBeGreaterThan(0);
  });

  it('covers the door-to-door streets and runs both scenarios', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { unassigned: unknown[]; doorToDoor: { streets: number; streetsServed: number; notServed: unknown[] }; scenarios: { name: string }[] };
    expect(summary.unassigned).toEqual([]);
    expect(summary.scenarios.map((s) => s.name)).toEqual(['base', 'double-11', 'close-ramsenthal']);
    for (const name of ['double-11', 'close-ramsenthal']) expect(existsSync(join(out, 'scenarios', name, 'stops.csv'))).toBe(true);
    const closed = rows(join(out, 'scenarios/close-ramsenthal/routes.csv')).filter((r) => r.phase === 'after' && r.tier === 'delivery');
    expect(closed.some((r) => r.depot === 'ramsenthal')).toBe(false);
    expect(summary.doorToDoor.streets).toBeGreaterThan(0);
    expect(summary.doorToDoor.streetsServed).toBe(summary.doorToDoor.streets);
    expect(summary.doorToDoor.notServed).toEqual([]);
  });
});
