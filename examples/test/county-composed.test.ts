/**
 * The composed county example as a user runs it: `postroute plan examples/county-composed/plan.json`
 * (two tiers across the week, village stations, door to door from Harsdorf, produce bases, today's
 * two-tier weekly network, three scenarios) on the real OSM extract. Run twice, at once, with its
 * seed and every search stopped by a small iteration rule (`--stall-iterations`, a time limit far
 * beyond reach), so that the plan does not depend on how busy the machine is: the two output folders
 * must be byte-identical (the run's own seconds aside). The outputs are checked against the places
 * file read here (every village on its number of days, or at a station, or said unserved; counts),
 * not against the planner's own totals.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'packages/cli/dist/main.js');
const outs = [join(root, 'test-output/county-composed'), join(root, 'test-output/county-composed-again')];
const out = outs[0]!;

interface Feature { id: string; properties: { role: string; township?: string; visits_per_week?: number } }
const places = (JSON.parse(readFileSync(join(root, 'examples/county-composed/places.geojson'), 'utf8')) as { features: Feature[] }).features;
const WEEK = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A CSV file as objects by header (no quoted commas in the columns read here). */
function rows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = head!.split(',');
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    return Object.fromEntries(names.map((n, k) => [n, cells[k] ?? '']));
  });
}

/** Every file of an output folder, its run seconds blanked (the one figure that may differ). */
function folderFiles(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(sub, entry.name));
      else found.set(join(sub, entry.name), readFileSync(join(dir, sub, entry.name), 'utf8').replace(/"seconds":\s*[\d.]+/g, '"seconds":0'));
    }
  };
  walk('');
  return found;
}

/** One `postroute plan` in a child process; resolves with its exit status and error output. */
function plan(into: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    // Two 1-thread runs side by side use the machine's two cores; the stall rule ends every search.
    const child = spawn(process.execPath, [main, 'plan', 'examples/county-composed/plan.json', '--out', into,
      '--time-limit', '1000', '--stall-iterations', '5', '--threads', '1', '--quiet'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (status) => done({ status, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  for (const dir of outs) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const results = await Promise.all(outs.map(plan));
  for (const result of results) if (result.status !== 0) throw new Error(`postroute plan failed (${result.status}): ${result.stderr}`);
}, 300_000);

describe('examples/county-composed/plan.json (two tiers across the week, stations, door to door, today)', () => {
  it('two runs with its seed write byte-identical folders', () => {
    const [a, b] = outs.map(folderFiles) as [Map<string, string>, Map<string, string>];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(a.size).toBeGreaterThan(10);
    for (const [name, text] of a) expect(b.get(name), name).toBe(text);
  });

  it('today\'s network breaks no rule (a county\'s network that runs today), read against the places as they are', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { before: { routesWithViolations: number; stopsServed: number } };
    expect(summary.before.routesWithViolations).toBe(0);
    // Every office, village and produce base is a stop of today's network (stations are the new plan's).
    expect(summary.before.stopsServed).toBe(places.filter((f) => f.properties.role !== 'hub').length);
    const today = rows(join(out, 'routes.csv')).filter((r) => r.phase === 'before');
    expect(today.some((r) => /^(Mon|Tue|Wed|Thu|Fri|Sat) (Mon|Tue|Wed|Thu|Fri|Sat)-/.test(r.route_id!))).toBe(false);
  });

  it('serves every village on its number of days (or at a station, or says why not); every office on each day\'s trunk', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { unassigned: { id: string }[]; stations: { opened: string[] } };
    const stops = rows(join(out, 'stops.csv')).filter((r) => r.phase === 'after');
    const days = new Map<string, Set<string>>();
    for (const r of stops.filter((s) => s.tier === 'delivery')) days.set(r.stop_id!, (days.get(r.stop_id!) ?? new Set()).add(r.day!));
    const opened = new Set(summary.stations.opened);
    const unserved = new Set(summary.unassigned.map((u) => u.id));
    const wanted = places.filter((f) => f.properties.role === 'village' || f.properties.role === 'station');
    expect(wanted.length).toBe(67);
    let atStation = 0;
    for (const place of wanted) {
      const served = days.get(place.id)?.size ?? 0;
      const rule = place.properties.role === 'station' ? 6 : place.properties.visits_per_week!;
      if (unserved.has(place.id)) expect(served, place.id).toBe(0);
      else if (served === 0) atStation++;
      // A village that became a station takes the days of the most often served of its villages.
      else if (opened.has(place.id)) expect(served, place.id).toBeGreaterThanOrEqual(rule);
      else expect(served, place.id).toBe(rule);
    }
    expect(atStation).toBeGreaterThan(0);
    for (const day of WEEK) {
      const trunk = stops.filter((r) => r.tier === 'trunk' && r.day === day).map((r) => r.stop_id);
      expect([...trunk].sort(), day).toEqual(places.filter((f) => f.properties.role === 'outlet').map((f) => f.id).sort());
    }
  });

  it('starts every delivery route at its office after that day\'s trunk has reached that office', () => {
    const routes = rows(join(out, 'routes.csv')).filter((r) => r.phase === 'after');
    const trunkAt = new Map(rows(join(out, 'stops.csv')).filter((r) => r.phase === 'after' && r.tier === 'trunk').map((r) => [`${r.day} ${r.stop_id}`, r.arrival!]));
    const minutes = (t: string): number => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]);
    const delivery = routes.filter((r) => r.tier === 'delivery');
    expect(delivery.length).toBeGreaterThan(0);
    for (const route of delivery) {
      const arrival = trunkAt.get(`${route.day} ${route.depot}`);
      expect(arrival, route.route_id).toBeDefined();
      // unloading (15 min) and sorting (40 min) come first
      expect(minutes(route.departure!), route.route_id).toBeGreaterThanOrEqual(minutes(arrival!) + 55);
    }
    expect(routes.filter((r) => r.tier === 'collection').length).toBeGreaterThan(0);
  });

  it('says what each part saves (plan.json measures them): the frequencies, the second tier and door to door, each against a plan of the same stops or streets', () => {
    type Part = { part: string; kmPerYear: number; kmPerYearWithout: number | null; savedKmPerYear: number | null; against: string };
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { county: { parts: Part[] } };
    const parts = new Map(summary.county.parts.map((p) => [p.part, p]));
    expect([...parts.keys()].sort()).toEqual(['door-to-door', 'frequencies', 'second-tier']);
    for (const part of parts.values()) {
      // Measured, not "not measured": both sides planned; a saving only when they are the same service.
      expect(part.kmPerYearWithout, part.part).toBeGreaterThan(0);
      expect(part.against, part.part).not.toMatch(/not measured/);
      if (part.savedKmPerYear !== null) expect(part.savedKmPerYear, part.part).toBeCloseTo(part.kmPerYearWithout! - part.kmPerYear, -1);
    }
    expect(parts.get('second-tier')!.against).toMatch(/one tier straight from the hub/);
    expect(parts.get('door-to-door')!.against).toMatch(/from the hub/);
  });

  it('covers the door-to-door streets and runs the three scenarios', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { doorToDoor: { streets: number; streetsServed: number; notServed: unknown[] }; scenarios: { name: string }[] };
    expect(summary.scenarios.map((s) => s.name)).toEqual(['base', 'double-11', 'close-ramsenthal', 'hamlets-3x']);
    for (const name of ['double-11', 'close-ramsenthal', 'hamlets-3x']) expect(existsSync(join(out, 'scenarios', name, 'stops.csv'))).toBe(true);
    const closed = rows(join(out, 'scenarios/close-ramsenthal/routes.csv')).filter((r) => r.phase === 'after' && r.tier === 'delivery');
    expect(closed.some((r) => r.depot === 'ramsenthal')).toBe(false);
    expect(summary.doorToDoor.streets).toBeGreaterThan(0);
    expect(summary.doorToDoor.streetsServed).toBe(summary.doorToDoor.streets);
    expect(summary.doorToDoor.notServed).toEqual([]);
  });
});
