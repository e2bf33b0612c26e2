/**
 * `postroute plan` as a user runs it: the compiled CLI in a child process, on a hand-made grid
 * county written to a temporary folder. Build first (`npx tsc -b packages/core packages/cli`; the
 * test script does it).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPlaces, gridRoads } from '../../core/test/plan/grid.js';
import { gridPlan, run, writeGridCounty } from './grid-county.js';

let dir = '';
// The runs that check a report, a reader or a message plan on one thread: the default (one island
// per core) starts a worker thread per search for nothing they look at, and took 60 % more CPU on
// this county. The same-seed test below keeps the machine's default threads.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'postroute-plan-'));
  writeGridCounty(dir);
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(gridPlan, null, 2));
});

describe('postroute plan', () => {
  it('writes the five report files and prints the savings summary', () => {
    const { status, stdout, stderr } = run(['plan', 'plan.json', '--out', 'out', '--seed', '3', '--threads', '1'], dir);
    expect(stderr).not.toMatch(/internal error/);
    expect(status).toBe(0);
    for (const file of ['summary.json', 'routes.csv', 'stops.csv', 'routes.geojson', 'report.html', 'sheets.html']) expect(existsSync(join(dir, 'out', file))).toBe(true);
    expect(stdout).toMatch(/^Plan: grid county/);
    expect(stdout).toMatch(/optimisation rate -?\d+\.\d\d %/);
    // Progress per step goes to stderr, not stdout.
    for (const step of ['graph', 'snap', 'matrix', 'baseline', 'solve', 'report']) expect(stderr).toContain(`[${step}]`);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.before.routes).toBe(2);
    expect(summary.after.km).toBeLessThanOrEqual(summary.before.km);
  });

  it('prints summary.json with --json, the same for the same seed', () => {
    const first = run(['plan', 'plan.json', '--out', 'out-a', '--json', '--quiet', '--seed', '5'], dir);
    const second = run(['plan', 'plan.json', '--out', 'out-b', '--json', '--quiet', '--seed', '5'], dir);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(Object.keys(JSON.parse(first.stdout)).slice(0, 6)).toEqual(['name', 'comparable', 'notComparable', 'operatingDaysPerYear', 'before', 'after']);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(join(dir, 'out-b', 'routes.csv'), 'utf8')).toBe(readFileSync(join(dir, 'out-a', 'routes.csv'), 'utf8'));
  });

  it('reads today\'s routes drawn as GeoJSON lines and reports the drawn length', () => {
    const L = (coordinates: number[][], id: string) => ({ type: 'Feature', properties: { route_id: id }, geometry: { type: 'LineString', coordinates } });
    const [x, y, d] = [11.5, 50, 0.01];
    writeFileSync(join(dir, 'today.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [
      L([[x, y], [x + 4 * d, y], [x + 4 * d, y + 4 * d]], 'east'),
      L([[x, y], [x, y + 4 * d], [x + 2 * d, y + 4 * d], [x + 2 * d, y + 2 * d], [x + d, y + d]], 'west'),
    ] }));
    writeFileSync(join(dir, 'plan-lines.json'), JSON.stringify({ ...gridPlan, baseline: 'today.geojson' }));
    const { status, stderr } = run(['plan', 'plan-lines.json', '--out', 'out-lines', '--quiet', '--threads', '1'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const routes = readFileSync(join(dir, 'out-lines', 'routes.csv'), 'utf8').split('\n');
    expect(routes[1]).toMatch(/^before,east,van,hub,3,.*v1 > v4 > outlet,\d+\.\d\d$/);
    expect(routes[2]).toMatch(/^before,west,.*v2 > v5 > v3 > v6,\d+\.\d\d$/);
  });

  const badInputs: [string, (p: typeof gridPlan) => unknown, RegExp][] = [
    ['negative capacity', (p) => ({ ...p, fleet: [{ id: 'van', capacity: -5 }] }), /bad\.json, line \d+, field "fleet\[0\]\.capacity": must be greater than 0/],
    ['missing places file', (p) => ({ ...p, places: 'nowhere.geojson' }), /places file not found/],
    ['unknown key', (p) => ({ ...p, vehicle: 3 }), /field "vehicle": unknown setting/],
  ];
  it.each(badInputs)('%s: one located error line, exit 2', (_label, edit, pattern) => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(edit(gridPlan), null, 2));
    const { status, stderr } = run(['plan', 'bad.json', '--out', 'out-bad'], dir);
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
  });

  it('names the row of a baseline stop that does not exist', () => {
    writeFileSync(join(dir, 'bad-today.csv'), 'route_id,seq,stop_id\nT1,1,v1\nT1,2,v99\n');
    writeFileSync(join(dir, 'bad-baseline.json'), JSON.stringify({ ...gridPlan, baseline: 'bad-today.csv' }));
    const { status, stderr } = run(['plan', 'bad-baseline.json', '--out', 'out-bad'], dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/bad-today\.csv.*"v99"/);
  });

  it('reads places and today\'s routes written with ";" and decimal commas (csvDelimiter in plan.json, --csv-delimiter overrides it)', () => {
    // The same county as a European spreadsheet saves it.
    const rows = gridPlaces().map((p) => [p.id, String(p.lon).replace('.', ','), String(p.lat).replace('.', ','), p.properties.role, p.properties.mail ?? '', p.properties.latest ?? ''].join(';'));
    writeFileSync(join(dir, 'places-semi.csv'), `id;lon;lat;role;mail;latest\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'today-semi.csv'), readFileSync(join(dir, 'today.csv'), 'utf8').replaceAll(',', ';'));
    writeFileSync(join(dir, 'plan-semi.json'), JSON.stringify({ ...gridPlan, places: 'places-semi.csv', baseline: 'today-semi.csv', csvDelimiter: ';' }));
    const semi = run(['plan', 'plan-semi.json', '--out', 'out-semi', '--json', '--quiet', '--seed', '5', '--threads', '1'], dir);
    expect(semi.stderr).toBe('');
    expect(semi.status).toBe(0);
    const reference = run(['plan', 'plan.json', '--out', 'out-ref', '--json', '--quiet', '--seed', '5', '--threads', '1'], dir);
    const figures = (text: string) => { const s = JSON.parse(text); return [s.before, s.after, s.unassigned]; };
    expect(figures(semi.stdout)).toEqual(figures(reference.stdout));
    // Forcing a comma where the files have semicolons: the header is one column, and the message says so.
    const forced = run(['plan', 'plan-semi.json', '--out', 'out-semi', '--csv-delimiter', ','], dir);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(/places-semi\.csv, line 1: the header split at comma "," gives 1 column \("id;lon;lat;role;mail;latest"\); it looks separated by semicolon ";" — give the separator the file uses \(--csv-delimiter ;/);
    writeFileSync(join(dir, 'plan-bad-sep.json'), JSON.stringify({ ...gridPlan, csvDelimiter: '|' }));
    const bad = run(['plan', 'plan-bad-sep.json', '--out', 'out-semi'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/plan-bad-sep\.json, line 1, field "csvDelimiter": "\|" is not a separator/);
  });

  it('plans without a place whose mail no van can carry with --allow-unassigned, and lists it in words (exit 0)', () => {
    writeFileSync(join(dir, 'places-big.geojson'), JSON.stringify({
      type: 'FeatureCollection',
      features: gridPlaces().map((p) => ({ type: 'Feature', id: p.id, properties: p.id === 'v3' ? { ...p.properties, mail: 500 } : p.properties, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })),
    }));
    writeFileSync(join(dir, 'plan-big.json'), JSON.stringify({ ...gridPlan, places: 'places-big.geojson' }));
    const refused = run(['plan', 'plan-big.json', '--out', 'out-big', '--quiet'], dir);
    expect(refused.status).toBe(2);
    const { status, stdout, stderr } = run(['plan', 'plan-big.json', '--out', 'out-big', '--quiet', '--allow-unassigned', '--threads', '1'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/v3.*its mail exceeds the capacity of every vehicle/);
    expect(stdout).not.toMatch(/demand-exceeds-capacity/);
    const summary = JSON.parse(readFileSync(join(dir, 'out-big', 'summary.json'), 'utf8'));
    expect(summary.unassigned).toEqual([{ id: 'v3', name: 'v3', reason: 'its mail exceeds the capacity of every vehicle' }]);
    expect(summary.comparable).toBe(false);
  });

  it('says in every output when a place was put on the main network past a nearer disconnected road', () => {
    const roads = gridRoads();
    // A track 56 m from v7 that touches no other road: dropped from the kept network.
    roads.features.push({ type: 'Feature', properties: { highway: 'track' }, geometry: { type: 'LineString', coordinates: [[11.5145, 50.0125], [11.5155, 50.0125]] } });
    writeFileSync(join(dir, 'roads-track.geojson'), JSON.stringify(roads));
    const features = gridPlaces().map((p) => ({ type: 'Feature', id: p.id, properties: p.properties, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }));
    features.push({ type: 'Feature', id: 'v7', properties: { name: 'Seven', role: 'village', mail: 5 }, geometry: { type: 'Point', coordinates: [11.515, 50.012] } });
    writeFileSync(join(dir, 'places-track.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    writeFileSync(join(dir, 'plan-track.json'), JSON.stringify({ ...gridPlan, roads: 'roads-track.geojson', places: 'places-track.geojson' }));
    const { status, stdout, stderr } = run(['plan', 'plan-track.json', '--out', 'out-track', '--quiet', '--threads', '1'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/Placed past a nearer road that is not connected to the main network: 1\n {2}v7 \(Seven\): placed on the main network 22\d m away; a road 5\d m away is nearer but not connected both ways to it/);
    const summary = JSON.parse(readFileSync(join(dir, 'out-track', 'summary.json'), 'utf8'));
    expect(summary.snapWarnings).toHaveLength(1);
    expect(summary.snapWarnings[0]).toMatchObject({ id: 'v7', name: 'Seven' });
    expect(summary.snapWarnings[0].distanceM).toBeGreaterThan(summary.snapWarnings[0].nearerDroppedRoadM);
    const html = readFileSync(join(dir, 'out-track', 'report.html'), 'utf8');
    expect(html).toMatch(/id="snap-warnings">Placed on the main road network although a road that is not connected both ways to it is nearer \(1\)/);
    expect(html).toContain('<td>Seven</td><td>v7</td>');
    // Without such a place the key is absent, so other reports keep their bytes.
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).snapWarnings).toBeUndefined();
  });

  it('reports a baseline stop that is off the road network like any other unserved stop (exit 0, not 3)', () => {
    const features = gridPlaces().map((p) => ({ type: 'Feature', id: p.id, properties: p.properties, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }));
    features.push({ type: 'Feature', id: 'far', properties: { name: 'Far', role: 'village', mail: 5 }, geometry: { type: 'Point', coordinates: [11.9, 50.4] } });
    writeFileSync(join(dir, 'places-far.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    writeFileSync(join(dir, 'today-far.csv'), 'route_id,seq,stop_id\nT1,1,v1\nT1,2,far\nT1,3,v2\nT1,4,v4\nT2,1,v5\nT2,2,v6\nT2,3,outlet\nT2,4,v3\n');
    writeFileSync(join(dir, 'plan-far.json'), JSON.stringify({ ...gridPlan, places: 'places-far.geojson', baseline: 'today-far.csv' }));
    const { status, stdout, stderr } = run(['plan', 'plan-far.json', '--out', 'out-far', '--quiet', '--threads', '1'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/far \(Far\): not on the road network/);
    const summary = JSON.parse(readFileSync(join(dir, 'out-far', 'summary.json'), 'utf8'));
    expect(summary.unassigned.map((stop: { id: string }) => stop.id)).toEqual(['far']);
    expect(summary.before.routes).toBe(2);
  });

  it('frames report.html on the roads: a village at 0,0 and one typed in with latitude and longitude swapped are listed beside the map', () => {
    const features = gridPlaces().map((p) => ({ type: 'Feature', id: p.id, properties: p.properties, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }));
    const v2 = gridPlaces().find((p) => p.id === 'v2')!;
    features.push({ type: 'Feature', id: 'zero', properties: { name: 'Zero', role: 'village', mail: 5 }, geometry: { type: 'Point', coordinates: [0, 0] } });
    features.push({ type: 'Feature', id: 'swap', properties: { name: 'Swapped', role: 'village', mail: 5 }, geometry: { type: 'Point', coordinates: [v2.lat, v2.lon] } });
    writeFileSync(join(dir, 'places-stray.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    writeFileSync(join(dir, 'plan-stray.json'), JSON.stringify({ ...gridPlan, places: 'places-stray.geojson' }));
    const { status, stderr } = run(['plan', 'plan-stray.json', '--out', 'out-stray', '--quiet', '--threads', '1'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const html = readFileSync(join(dir, 'out-stray', 'report.html'), 'utf8');
    const view = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!);
    // The frame is the grid's (about 11.5–11.54, 50.0–50.04), not stretched to 0,0.
    expect(view.frame.west).toBeGreaterThan(11.4);
    expect(view.frame.south).toBeGreaterThan(49.9);
    expect(view.farOff.map((f: { id: string; swapped: boolean }) => [f.id, f.swapped])).toEqual([['zero', false], ['swap', true]]);
    expect(html).toMatch(/<div id="far-off">.*<b>Zero<\/b> \(zero\) at 0, 0: 5,[0-9]{3}\.[0-9] km from the nearest road.*<b>Swapped<\/b>.*latitude and longitude swapped\?/s);
  });
});
