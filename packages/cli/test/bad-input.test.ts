/**
 * Bad input through the real CLI, one row each: the command, the exit code, and the one line it
 * must print (what, where, how to fix). Build first (`npx tsc -b packages/core packages/cli`).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridPlaces, gridRoads } from '../../core/test/plan/grid.js';
import { twoTierPlan } from '../../core/test/plan/two-tier-grid.js';
import { writeProvince } from './batch-fixture.js';

const main = resolve(import.meta.dirname, '../dist/main.js');
const repo = resolve(import.meta.dirname, '../../..');
const roads = join(repo, 'examples/data/osm/neudrossenfeld/roads.geojson');
const places = join(repo, 'examples/data/osm/neudrossenfeld/places.geojson');
const county = join(repo, 'examples/county/plan.json');
let dir = '';

function run(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: dir, timeout: 60_000 });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.resume();
    child.on('close', (status) => done({ status, stderr }));
  });
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-bad-'));
  writeFileSync(join(dir, 'm.csv'), ',s1,s2\na,1,9\nb,2,8\nc,9,1\n');
  writeFileSync(join(dir, 'w.csv'), 'id,weight\na,1\nb,1\nc,5\n');
  writeFileSync(join(dir, 'cap.csv'), 'id,capacity\ns1,1\ns2,1\n');
  writeFileSync(join(dir, 'broken.json'), '{ "depots": [ }');
  writeFileSync(join(dir, 'a-file'), 'not a folder');
  // Readers: CSV dialects, OSM and binary data where text is expected, road profiles.
  writeFileSync(join(dir, 'semi.csv'), 'id;lon;lat\nA;11,57;50,01\n');
  writeFileSync(join(dir, 'nolat.csv'), 'id;lon\nA;11,57\n');
  writeFileSync(join(dir, 'quote.csv'), 'id,lon,lat\nA,11.5,50.1\n"B,11.6,50.2\nC,1,2\n');
  writeFileSync(join(dir, 'badnum.csv'), 'id,lon,lat\nA,11.5,50.1\nB,x,50.2\n');
  writeFileSync(join(dir, 'm-semi.csv'), ';s1;s2\na;1;9\nb;2;8\nc;9;1\n');
  writeFileSync(join(dir, 'w-short.csv'), 'a,1\nb\nc,5\n');
  writeFileSync(join(dir, 'places.geojson.gz'), gzipSync(readFileSync(places)));
  copyFileSync(join(dir, 'places.geojson.gz'), join(dir, 'places-gz.geojson'));
  writeFileSync(join(dir, 'random.bin'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)));
  writeFileSync(join(dir, 'broken.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x67, 0x61, 0x72, 0x62]));
  writeFileSync(join(dir, 'truncated.osm.pbf'), readFileSync(join(repo, 'examples/data/osm/andorra/andorra.osm.pbf')).subarray(0, 500));
  writeFileSync(join(dir, 'profile-key.json'), '{ "speeds": { "primary": 80 }, "colour": "red" }');
  writeFileSync(join(dir, 'profile-empty.json'), '{ "speeds": {} }');
  writeFileSync(join(dir, 'profile-extends.json'), '{ "extends": "fast" }');
  // JSON as people write it by hand (section 6).
  writeFileSync(join(dir, 'nan.json'), '{ "depots": [{ "id": "d", "location": 0 }], "stops": [],\n  "matrix": { "size": 1, "distances": [[NaN]] } }');
  writeFileSync(join(dir, 'empty.json'), '');
  writeFileSync(join(dir, 'comment.json'), '{\n  // the county\n  "name": "x" }');
  // A small county: the grid of the plan tests.
  writeFileSync(join(dir, 'roads.geojson'), JSON.stringify(gridRoads()));
  const feature = (p: ReturnType<typeof gridPlaces>[number], props = p.properties) => ({ type: 'Feature', id: p.id, properties: props, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } });
  const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  writeFileSync(join(dir, 'places.geojson'), collection(gridPlaces().map((p) => feature(p))));
  writeFileSync(join(dir, 'big-mail.geojson'), collection(gridPlaces().map((p) => feature(p, p.id === 'v3' ? { ...p.properties, mail: 500 } : p.properties))));
  writeFileSync(join(dir, 'no-role.geojson'), collection(gridPlaces().map((p) => { const { role: _role, ...rest } = p.properties; return feature(p, rest); })));
  const rows = gridPlaces().map((p) => [p.id, p.lon, p.lat, p.properties.role].join(','));
  writeFileSync(join(dir, 'no-mail.csv'), `id,lon,lat,role\n${rows.join('\n')}\n`);
  const plan = { name: 'grid', roads: 'roads.geojson', places: 'places.geojson', fleet: [{ id: 'van', count: 3, capacity: 100 }], timeLimitS: 1 };
  const planFile = (name: string, edit: Record<string, unknown>) => writeFileSync(join(dir, name), JSON.stringify({ ...plan, ...edit }, null, 2));
  planFile('plan-big-mail.json', { places: 'big-mail.geojson' });
  planFile('plan-no-role.json', { places: 'no-role.geojson' });
  planFile('plan-no-mail.json', { places: 'no-mail.csv' });
  planFile('plan-fleet-object.json', { fleet: { id: 'van', count: 3, capacity: 100 } });
  planFile('plan-bad-separator.json', { csvDelimiter: '|' });
  planFile('plan-bad-max-population.json', { coverage: { radiusKm: 1, maxPopulation: 59.5 } });
  writeFileSync(join(dir, 'plan-empty.json'), '');
  writeFileSync(join(dir, 'plan-comment.json'), '{\n  "name": "grid",\n  // vans\n  "fleet": [] }');
  // solve: a stop named like a depot, a stop too big for any van, a warm start naming a stop that is not there.
  const problem = (stops: unknown[]) => JSON.stringify({
    depots: [{ id: 'hub', location: 0 }], stops, vehicleTypes: [{ id: 'van', capacity: [5], startDepot: 'hub' }],
    matrix: { size: 3, distances: [[0, 1, 2], [1, 0, 1], [2, 1, 0]] },
  }, null, 2);
  writeFileSync(join(dir, 'problem-depot-id.json'), problem([{ id: 'hub', location: 1, delivery: [1] }, { id: 'b', location: 2, delivery: [1] }]));
  writeFileSync(join(dir, 'problem-big.json'), problem([{ id: 'a', location: 1, delivery: [1] }, { id: 'b', location: 2, delivery: [9] }]));
  writeFileSync(join(dir, 'problem.json'), problem([{ id: 'a', location: 1, delivery: [1] }, { id: 'b', location: 2, delivery: [1] }]));
  writeFileSync(join(dir, 'warm.json'), '[\n  { "vehicleType": "van",\n    "stops": ["a", "zz"] }\n]\n');
  // Numbers and text read as the planner meant them (issue 24, section 3): the `readers` block.
  const gridRows = (mail: (id: string) => string, decimal = ','): string[] => gridPlaces().map((p) => [p.id, String(p.lon).replace('.', decimal), String(p.lat).replace('.', decimal), p.properties.role, mail(p.id)].join(';'));
  writeFileSync(join(dir, 'places-thousands.csv'), `id;lon;lat;role;mail\n${gridRows((id) => (id === 'v3' ? '1.300' : '2')).join('\n')}\n`);
  writeFileSync(join(dir, 'places-ambiguous.csv'), `id;lon;lat;role;mail\n${gridPlaces().map((p, k) => [p.id, 11 + k, 50, p.properties.role, k === 3 ? '1.300' : '2'].join(';')).join('\n')}\n`);
  writeFileSync(join(dir, 'places-huge.csv'), `id,lon,lat,role,mail\n${gridRows((id) => (id === 'v3' ? '1e999' : '2'), '.').join('\n').replaceAll(';', ',')}\n`);
  writeFileSync(join(dir, 'places-sep.csv'), `sep=;\nid;lon;lat;role;mail\n${gridRows((id) => (id === 'v3' ? '1.300' : '2')).join('\n')}\n`);
  writeFileSync(join(dir, 'places-bad-visits.csv'), `id,lon,lat,role,mail,visits_per_week\n${gridPlaces().map((p, k) => [p.id, p.lon, p.lat, p.properties.role, 2, k === 4 ? 'often' : 1].join(',')).join('\n')}\n`);
  // The same numbers typed as text in GeoJSON properties: "12,5" shows the decimal comma.
  writeFileSync(join(dir, 'places-thousands.geojson'), collection(gridPlaces().map((p) => feature(p, { ...p.properties, mail: p.id === 'v3' ? '1.300' : p.id === 'v1' ? '12,5' : '2' }))));
  planFile('plan-thousands.json', { places: 'places-thousands.csv' });
  planFile('plan-thousands-geojson.json', { places: 'places-thousands.geojson' });
  planFile('plan-ambiguous.json', { places: 'places-ambiguous.csv' });
  planFile('plan-huge.json', { places: 'places-huge.csv' });
  planFile('plan-sep.json', { places: 'places-sep.csv' });
  planFile('plan-bad-visits.json', { places: 'places-bad-visits.csv' });
  planFile('plan-capacity-huge.json', { fleet: [{ id: 'van', count: 3, capacity: 100 }] });
  writeFileSync(join(dir, 'plan-capacity-huge.json'), readFileSync(join(dir, 'plan-capacity-huge.json'), 'utf8').replace('"capacity": 100', '"capacity": 1e999'));
  writeFileSync(join(dir, 'plan-bom.json'), `\uFEFF${readFileSync(join(dir, 'plan-ambiguous.json'), 'utf8')}`);
  writeFileSync(join(dir, 'problem-bom.json'), `\uFEFF${readFileSync(join(dir, 'problem-big.json'), 'utf8')}`);
  writeFileSync(join(dir, 'places-utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,lon,lat\nA,11.5,50.1\nB,x,50.2\n', 'utf16le')]));
  writeFileSync(join(dir, 'places-latin1.csv'), Buffer.from('id,lon,lat,name\nA,11.5,50.1,Aix\xe0s\nB,x,50.2,Enc\xe0mp\n', 'latin1'));
  // Checks that need no road graph come before it (issue 24 §4): each row runs without --quiet,
  // so a progress line of reading roads or building the graph would make it two lines.
  writeFileSync(join(dir, 'baseline-unknown.csv'), 'route_id,seq,stop_id\nR1,1,v1\nR1,2,zz\n');
  writeFileSync(join(dir, 'baseline-hub.csv'), 'route_id,seq,stop_id\nR1,1,v1\nR1,2,hub\n');
  planFile('plan-baseline-unknown.json', { baseline: 'baseline-unknown.csv' });
  planFile('plan-baseline-hub.json', { baseline: 'baseline-hub.csv' });
  writeFileSync(join(dir, 'no-outlet.geojson'), collection(gridPlaces().map((p) => feature(p, p.properties.role === 'outlet' ? { ...p.properties, role: 'village' } : p.properties))));
  const twoTier = { ...twoTierPlan(), roads: 'roads.geojson' };
  writeFileSync(join(dir, 'plan-tiers-no-outlet.json'), JSON.stringify({ ...twoTier, places: 'no-outlet.geojson' }, null, 2));
  writeFileSync(join(dir, 'plan-tiers-township.json'), JSON.stringify(twoTier, null, 2));
  writeFileSync(join(dir, 'places-week.csv'), `id,lon,lat,role,mail,visits_per_week\n${gridPlaces().map((p) => [p.id, p.lon, p.lat, p.properties.role, 2, 1].join(',')).join('\n')}\n`);
  planFile('plan-scenario-unknown.json', { scenarios: [{ name: 'late', places: { zz: { latest: '10:00' } } }] });
  // Issue 19's keys (the week, door to door, stations, two tiers, scenarios, today's weekly
  // network), one wrong at a time: each says where and what, before the road graph is built.
  planFile('plan-19-week-days.json', { week: { days: ['Mon', 'Funday'] } });
  planFile('plan-19-week-accumulate.json', { week: { accumulate: 'yes' } });
  planFile('plan-19-coverage-radius.json', { coverage: { radiusKm: -1 } });
  planFile('plan-19-measure-parts.json', { measure: { parts: 'yes' } });
  planFile('plan-19-measure-key.json', { measure: { tiers: true } });
  planFile('plan-19-coverage-key.json', { coverage: { radiusKm: 1, radius: 2 } });
  planFile('plan-19-door-vehicles.json', { doorToDoor: { streets: ['101'], vehicles: 0 } });
  planFile('plan-19-door-shift.json', { doorToDoor: { streets: ['101'], maxShiftHours: -1 } });
  planFile('plan-19-door-key.json', { doorToDoor: { streets: ['101'], speed: 3 } });
  planFile('plan-19-door-office.json', { doorToDoor: { streets: ['101'], office: 'outlet' } });
  planFile('plan-19-door-list-empty.json', { doorToDoor: [] });
  planFile('plan-19-door-list-both.json', { doorToDoor: [{ streets: ['101'] }, { streets: ['102'], office: 'hub', depot: 'hub' }] });
  planFile('plan-19-door-list-office.json', { doorToDoor: [{ streets: ['101'] }, { streets: ['102'], office: 'nowhere' }] });
  planFile('plan-19-door-list-days.json', { week: { days: ['Mon', 'Tue', 'Wed'] }, doorToDoor: [{ streets: ['101'], days: ['Mon'] }, { streets: ['102'], days: ['Sun'] }] });
  planFile('plan-19-door-depot.json', { doorToDoor: { streets: ['101'], depot: 'nowhere' } });
  // Door to door within the office's fleet: a word that is no choice, a one-tier plan, a type
  // without "fleet": "office", and a type that is no delivery type.
  planFile('plan-19-door-fleet-word.json', { doorToDoor: { streets: ['101'], fleet: 'shared' } });
  planFile('plan-19-door-fleet-one-tier.json', { doorToDoor: { streets: ['101'], fleet: 'office' } });
  planFile('plan-19-door-fleet-type-own.json', { doorToDoor: { streets: ['101'], vehicleType: 'van' } });
  writeFileSync(join(dir, 'plan-19-door-fleet-type.json'), JSON.stringify({ ...twoTier, doorToDoor: { office: 'outlet', streets: ['101'], fleet: 'office', vehicleType: 'truck' } }, null, 2));
  planFile('plan-19-door-street.json', { doorToDoor: { streets: ['Nowhere Lane'] } });
  planFile('plan-19-door-days-daily.json', { doorToDoor: { streets: ['101'], days: ['Mon'] } });
  planFile('plan-19-door-days.json', { week: { days: ['Mon', 'Tue', 'Wed'] }, doorToDoor: { streets: ['101'], days: ['Mon', 'Sun'] } });
  writeFileSync(join(dir, 'plan-19-tiers-assignment.json'), JSON.stringify({ ...twoTier, tiers: { ...twoTier.tiers as object, delivery: { ...(twoTier.tiers as { delivery: object }).delivery, assignment: 'random' } } }, null, 2));
  writeFileSync(join(dir, 'plan-19-tiers-sorting.json'), JSON.stringify({ ...twoTier, tiers: { ...twoTier.tiers as object, delivery: { ...(twoTier.tiers as { delivery: object }).delivery, sortingMinutes: -5 } } }, null, 2));
  writeFileSync(join(dir, 'plan-19-tiers-collection.json'), JSON.stringify({ ...twoTier, tiers: { ...twoTier.tiers as object, trunk: { ...(twoTier.tiers as { trunk: object }).trunk, collection: { departure: 'noon' } } } }, null, 2));
  planFile('plan-19-scenario-factor.json', { scenarios: [{ name: 'peak', volumeFactor: { mail: -1 } }] });
  planFile('plan-19-scenario-visits.json', { scenarios: [{ name: 'often', visits: [{ maxPopulation: 59, visitsPerWeek: 9 }] }] });
  writeFileSync(join(dir, 'plan-19-scenario-close.json'), JSON.stringify({ ...twoTier, scenarios: [{ name: 'closed', closeOffices: ['nowhere'] }] }, null, 2));
  // Fleets per day (countPerDay): a day off the week, a count no fleet can have, a daily plan,
  // a day off the default week of a plan that only its places make weekly, and a trunk fleet's day.
  const van = { id: 'van', count: 3, capacity: 100 };
  planFile('plan-19-fleet-day-off.json', { week: { days: ['Mon', 'Tue', 'Wed'] }, fleet: [{ ...van, countPerDay: { Mon: 3, Sun: 1 } }] });
  planFile('plan-19-fleet-day-negative.json', { week: { days: ['Mon', 'Tue', 'Wed'] }, fleet: [{ ...van, countPerDay: { Wed: -1 } }] });
  planFile('plan-19-fleet-day-fraction.json', { week: { days: ['Mon', 'Tue', 'Wed'] }, fleet: [{ ...van, countPerDay: { Wed: 1.5 } }] });
  planFile('plan-19-fleet-day-name.json', { week: { days: ['Mon', 'Tue', 'Wed'] }, fleet: [{ ...van, countPerDay: { Caturday: 1 } }] });
  planFile('plan-19-fleet-day-daily.json', { fleet: [{ ...van, countPerDay: { Sat: 1 } }] });
  planFile('plan-19-fleet-day-places-week.json', { places: 'places-week.csv', fleet: [{ ...van, countPerDay: { Sun: 1 } }] });
  writeFileSync(join(dir, 'plan-19-trunk-day-off.json'), JSON.stringify({ ...twoTier, week: { days: ['Mon', 'Tue'] }, tiers: { ...twoTier.tiers as object, trunk: { ...(twoTier.tiers as { trunk: { fleet: object[] } }).trunk, fleet: [{ ...(twoTier.tiers as { trunk: { fleet: object[] } }).trunk.fleet[0], countPerDay: { Fri: 0 } }] } } }, null, 2));
  writeFileSync(join(dir, 'plan-19-delivery-day-daily.json'), JSON.stringify({ ...twoTier, tiers: { ...twoTier.tiers as object, delivery: { ...(twoTier.tiers as { delivery: { fleet: object[] } }).delivery, fleet: [{ ...(twoTier.tiers as { delivery: { fleet: object[] } }).delivery.fleet[0], countPerDay: { Sat: 1 } }] } } }, null, 2));
  // A scenario's fleet of some days: a day off the week, in a daily plan, and a change of nothing.
  planFile('plan-19-scenario-fleet-day-off.json', { week: { days: ['Mon', 'Tue', 'Wed'] }, fleet: [van], scenarios: [{ name: 'short', fleet: { van: { countPerDay: { Sat: 1 } } } }] });
  planFile('plan-19-scenario-fleet-day-daily.json', { fleet: [van], scenarios: [{ name: 'short', fleet: { van: { countPerDay: { Mon: 1 } } } }] });
  planFile('plan-19-scenario-fleet-empty.json', { fleet: [van], scenarios: [{ name: 'short', fleet: { van: {} } }] });
  writeFileSync(join(dir, 'places-19-days.csv'), `id,lon,lat,role,mail,days\n${gridPlaces().map((p) => [p.id, p.lon, p.lat, p.properties.role, 2, p.id === 'v2' ? 'Mon Funday' : ''].join(',')).join('\n')}\n`);
  planFile('plan-19-place-days.json', { places: 'places-19-days.csv', week: { days: ['Mon', 'Tue', 'Wed'] } });
  writeFileSync(join(dir, 'baseline-19-day.csv'), 'route_id,seq,stop_id,day\nR1,1,v1,Mon\nR1,2,v2,Funday\n');
  planFile('plan-19-baseline-day.json', { baseline: 'baseline-19-day.csv', week: { days: ['Mon', 'Tue', 'Wed'] } });
  writeFileSync(join(dir, 'baseline-19-tier.csv'), 'route_id,seq,stop_id,depot,tier\nT1,1,north,hub,middle\n');
  writeFileSync(join(dir, 'plan-19-baseline-tier.json'), JSON.stringify({ ...twoTier, baseline: 'baseline-19-tier.csv' }, null, 2));
  // A hub on an island of road 4 km east of the county's network.
  const island = gridRoads();
  island.features.push({ type: 'Feature', properties: { highway: 'unclassified', name: 'Inselweg' }, geometry: { type: 'LineString', coordinates: [[11.6, 50.0], [11.605, 50.0], [11.61, 50.0]] } });
  writeFileSync(join(dir, 'roads-island.geojson'), JSON.stringify(island));
  writeFileSync(join(dir, 'places-island.geojson'), collection(gridPlaces().map((p) => (p.id === 'hub' ? { ...feature(p), geometry: { type: 'Point', coordinates: [11.605, 50.0003] } } : feature(p)))));
  planFile('plan-island.json', { roads: 'roads-island.geojson', places: 'places-island.geojson' });
  // Door to door with a one-minute shift: no street can be served (issue 24 §4).
  const doorDir = join(repo, 'examples/door-to-door');
  const door = JSON.parse(readFileSync(join(doorDir, 'plan.json'), 'utf8'));
  door.doorToDoor.maxShiftHours = 1 / 60;
  writeFileSync(join(dir, 'plan-door-short.json'), JSON.stringify({ ...door, roads: resolve(doorDir, door.roads), places: resolve(doorDir, door.places), timeLimitS: 1 }, null, 2));
  // Outputs that would replace inputs (issue 24 section 1): a county folder with its plan and
  // today's routes, a baseline kept inside a report folder, a folder of notes, links, a province.
  mkdirSync(join(dir, 'county'));
  writeFileSync(join(dir, 'county', 'plan.json'), JSON.stringify({ ...plan, roads: '../roads.geojson', places: '../places.geojson', baseline: 'routes.csv' }, null, 2));
  writeFileSync(join(dir, 'county', 'routes.csv'), 'route,stop\nr1,v3\n');
  mkdirSync(join(dir, 'report'));
  writeFileSync(join(dir, 'report', 'routes.csv'), 'route,stop\nr1,v3\n');
  planFile('plan-baseline-in-report.json', { baseline: 'report/routes.csv' });
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'notes.txt'), 'call the depot on Monday\n');
  symlinkSync('county', join(dir, 'county-link'));
  symlinkSync('problem.json', join(dir, 'problem-link.json'));
  writeFileSync(join(dir, 'vroom.json'), '{ "vehicles": [], "jobs": [] }\n');
  writeProvince(join(dir, 'province'));
  for (const path of fixtureFiles()) fixture.set(path, digest(path));
});

const fixture = new Map<string, string>();
const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
/** Every file of the fixture (links and the folders the runs make left out). */
function fixtureFiles(at = dir): string[] {
  return readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isSymbolicLink()) return [];
    return entry.isDirectory() ? fixtureFiles(join(at, entry.name)) : [join(at, entry.name)];
  });
}

// [label, args, exit code, pattern of the single stderr line]
const rows: [string, string[], number, RegExp][] = [
  // Usage (section 6).
  ['unknown command', ['frobnicate'], 2, /^postroute: unknown command "frobnicate"; the commands are plan, /],
  ['help for an unknown command', ['help', 'frobnicate'], 2, /no command "frobnicate"; the commands are plan, /],
  ['--seed without a value', ['plan', county, '--seed'], 2, /--seed needs a value/],
  ['--time-limit without a value', ['plan', county, '--time-limit'], 2, /--time-limit needs a value/],
  ['--out without a value', ['plan', county, '--out'], 2, /--out needs a value/],
  ['--seed given twice', ['plan', county, '--seed', '1', '--seed', '2'], 2, /--seed is given 2 times \(1, 2\) — give --seed once/],
  ['plan --seed not an integer', ['plan', county, '--seed', '1.5'], 2, /--seed must be an integer/],
  ['cover --seed x', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--seed', 'x'], 2, /--seed "x" is not a number/],
  ['cover --p with lscp', ['cover', '--matrix', 'm.csv', '--model', 'lscp', '--radius', '2', '--p', '3'], 2, /--p does not apply to --model lscp/],
  ['cover --radius with pmedian', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--radius', '3'], 2, /--radius does not apply to --model pmedian/],
  ['cover --weights with --roads', ['cover', '--roads', roads, '--demand', places, '--model', 'lscp', '--radius', '5km', '--weights', 'w.csv'], 2, /--weights goes with --matrix, not with --roads — .*--weight-field/],
  ['cover --max-snap with --matrix', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--max-snap', '4'], 2, /--max-snap goes with --roads, not with --matrix/],
  ['cover --radius 5 without a unit', ['cover', '--roads', roads, '--demand', places, '--model', 'lscp', '--radius', '5'], 2, /--radius 5 has no unit — say which: 5m, 5km or 5min/],
  ['cover --radius -5km', ['cover', '--roads', roads, '--demand', places, '--model', 'lscp', '--radius', '-5km'], 2, /--radius -5km must be greater than 0/],
  ['cover, a missing matrix file', ['cover', '--matrix', 'nope.csv', '--model', 'lscp', '--radius', '5'], 2, /nope\.csv.*not found/],
  ['cover, p above the usable sites', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '5'], 2, /p = 5 is larger than the number of sites that may be opened \(2\)/],
  ['cover, a demand above every capacity', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--weights', 'w.csv', '--capacities', 'cap.csv'], 2, /demand point "c" has weight 5, above the capacity of every station/],
  // Output that is safe (section 4): before any work (no progress line: the single line is the
  // error), exit 2, never a hang or an internal error.
  ['plan --out /proc/x', ['plan', county, '--out', '/proc/x'], 2, /--out \/proc\/x: cannot create the folder/],
  ['plan --out /sys/x/y', ['plan', county, '--out', '/sys/x/y'], 2, /--out \/sys\/x\/y: cannot create the folder/],
  ['plan --out a file', ['plan', county, '--out', 'a-file'], 2, /--out a-file: is a file, not a folder/],
  ['matrix --out /proc/x/m.json (used to spin forever)', ['matrix', '--roads', roads, '--places', places, '--out', '/proc/x/m.json'], 2, /--out \/proc\/x: cannot create the folder/],
  ['matrix --out a folder', ['matrix', '--roads', roads, '--places', places, '--out', '.'], 2, /--out \.: is a folder, not a file/],
  // Files as people have them (section 3): CSV dialects, OSM and binary data, road profiles.
  ['CSV split at a separator the file does not use', ['matrix', '--roads', 'roads.geojson', '--places', 'semi.csv', '--csv-delimiter', ','], 2, /semi\.csv, line 1: the header split at comma "," gives 1 column \("id;lon;lat"\); it looks separated by semicolon ";" — .*--csv-delimiter ;/],
  ['CSV missing column names the separator it found', ['matrix', '--roads', 'roads.geojson', '--places', 'nolat.csv'], 2, /nolat\.csv, line 1: missing column lat: the header split at semicolon ";" gives 2 columns \("id", "lon"\)/],
  ['CSV unclosed quote names its line', ['matrix', '--roads', 'roads.geojson', '--places', 'quote.csv'], 2, /quote\.csv, line 3: a quote opened on this line is never closed/],
  ['CSV rows counted as a spreadsheet does (header = line 1)', ['matrix', '--roads', 'roads.geojson', '--places', 'badnum.csv'], 2, /badnum\.csv, line 3, field "lon": "x" is not a number/],
  ['--csv-delimiter that is no separator', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--csv-delimiter', '|'], 2, /--csv-delimiter "\|" is not a separator postroute reads — give auto, ",", ";" or tab/],
  ['cover --matrix split at the wrong separator', ['cover', '--matrix', 'm-semi.csv', '--model', 'pmedian', '--p', '1', '--csv-delimiter', ','], 2, /m-semi\.csv, line 1: the matrix has no site columns \(its first line, split at comma ",", has one column\)/],
  ['cover --weights row with one field', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--weights', 'w-short.csv'], 2, /w-short\.csv, line 2: the row has 1 field \(split at comma ","\) — give two columns: id and weight/],
  ['plan.json coverage.maxPopulation that is no whole number', ['plan', 'plan-bad-max-population.json', '--out', 'out'], 2, /plan-bad-max-population\.json, line \d+, field "coverage\.maxPopulation": must be a whole number/],
  // Issue 19's keys through the real CLI: each names its file, line (where plan.json has it) and field.
  ['issue 19: week.days', ['plan', 'plan-19-week-days.json', '--out', 'out'], 2, /plan-19-week-days\.json, line \d+, field "week\.days\[1\]"/],
  ['issue 19: week.accumulate', ['plan', 'plan-19-week-accumulate.json', '--out', 'out'], 2, /plan-19-week-accumulate\.json, line \d+, field "week\.accumulate": must be true or false/],
  ['issue 19: measure.parts', ['plan', 'plan-19-measure-parts.json', '--out', 'out'], 2, /plan-19-measure-parts\.json, line \d+, field "measure\.parts": must be true or false/],
  ['issue 19: measure, an unknown key', ['plan', 'plan-19-measure-key.json', '--out', 'out'], 2, /plan-19-measure-key\.json, line \d+, field "measure\.tiers": unknown setting "tiers"/],
  ['issue 19: coverage.radiusKm', ['plan', 'plan-19-coverage-radius.json', '--out', 'out'], 2, /plan-19-coverage-radius\.json, line \d+, field "coverage\.radiusKm"/],
  ['issue 19: coverage, an unknown key', ['plan', 'plan-19-coverage-key.json', '--out', 'out'], 2, /plan-19-coverage-key\.json, line \d+, field "coverage\.radius": unknown setting "radius"/],
  ['issue 19: doorToDoor.vehicles', ['plan', 'plan-19-door-vehicles.json', '--out', 'out'], 2, /plan-19-door-vehicles\.json, line \d+, field "doorToDoor\.vehicles"/],
  ['issue 19: doorToDoor.maxShiftHours', ['plan', 'plan-19-door-shift.json', '--out', 'out'], 2, /plan-19-door-shift\.json, line \d+, field "doorToDoor\.maxShiftHours"/],
  ['issue 19: doorToDoor, an unknown key', ['plan', 'plan-19-door-key.json', '--out', 'out'], 2, /plan-19-door-key\.json, line \d+, field "doorToDoor\.speed": unknown setting "speed"/],
  ['issue 19: doorToDoor.office that is no hub', ['plan', 'plan-19-door-office.json', '--out', 'out'], 2, /plan-19-door-office\.json, (line \d+, )?field "doorToDoor\.office": door-to-door office "outlet" is not a place with role "hub"/],
  ['issue 19: doorToDoor as an empty list', ['plan', 'plan-19-door-list-empty.json', '--out', 'out'], 2, /plan-19-door-list-empty\.json, line \d+, field "doorToDoor": is an empty list/],
  ['issue 19: doorToDoor[1].office beside depot', ['plan', 'plan-19-door-list-both.json', '--out', 'out'], 2, /plan-19-door-list-both\.json, line \d+, field "doorToDoor\[1\]\.office": is given beside "depot"/],
  ['issue 19: doorToDoor[1].office that is no place', ['plan', 'plan-19-door-list-office.json', '--out', 'out'], 2, /plan-19-door-list-office\.json, (line \d+, )?field "doorToDoor\[1\]\.office": door-to-door office "nowhere"/],
  ['issue 19: doorToDoor[1].days naming a day off', ['plan', 'plan-19-door-list-days.json', '--out', 'out'], 2, /plan-19-door-list-days\.json, (line \d+, )?field "doorToDoor\[1\]\.days\[0\]": "Sun" is not an operating day of the plan/],
  ['issue 19: doorToDoor.fleet that is no choice', ['plan', 'plan-19-door-fleet-word.json', '--out', 'out'], 2, /plan-19-door-fleet-word\.json, line \d+, field "doorToDoor\.fleet": must be "office" or "own", got "shared"/],
  ['issue 19: doorToDoor.fleet "office" in a one-tier plan', ['plan', 'plan-19-door-fleet-one-tier.json', '--out', 'out'], 2, /plan-19-door-fleet-one-tier\.json, (line \d+, )?field "doorToDoor\.fleet": door to door within the office's fleet takes vans of a township office's delivery tier, and this plan has one tier/],
  ['issue 19: doorToDoor.vehicleType with vehicles of its own', ['plan', 'plan-19-door-fleet-type-own.json', '--out', 'out'], 2, /plan-19-door-fleet-type-own\.json, line \d+, field "doorToDoor\.vehicleType": names a type of the office's delivery fleet/],
  ['issue 19: doorToDoor.vehicleType that is no delivery type', ['plan', 'plan-19-door-fleet-type.json', '--out', 'out'], 2, /plan-19-door-fleet-type\.json, (line \d+, )?field "doorToDoor\.vehicleType": "truck" is not a delivery vehicle type — delivery types: van/],
  ['issue 19: doorToDoor.depot that is no place', ['plan', 'plan-19-door-depot.json', '--out', 'out'], 2, /plan-19-door-depot\.json, (line \d+, )?field "doorToDoor\.depot"/],
  ['issue 19: doorToDoor.streets naming no road', ['plan', 'plan-19-door-street.json', '--out', 'out', '--quiet'], 2, /plan-19-door-street\.json, (line \d+, )?field "doorToDoor\.streets\[0\]": no drivable road named or numbered "Nowhere Lane"/],
  ['issue 19: doorToDoor.days in a daily plan', ['plan', 'plan-19-door-days-daily.json', '--out', 'out'], 2, /plan-19-door-days-daily\.json, (line \d+, )?field "doorToDoor\.days": door-to-door days are days of a weekly plan, and this plan is daily/],
  ['issue 19: doorToDoor.days naming a day off', ['plan', 'plan-19-door-days.json', '--out', 'out'], 2, /plan-19-door-days\.json, (line \d+, )?field "doorToDoor\.days\[1\]": "Sun" is not an operating day of the plan/],
  ['issue 19: countPerDay naming a day off the week', ['plan', 'plan-19-fleet-day-off.json', '--out', 'out'], 2, /plan-19-fleet-day-off\.json, line \d+, field "fleet\[0\]\.countPerDay\.Sun": Sun is not an operating day of the plan — operating days: Mon, Tue, Wed/],
  ['issue 19: countPerDay, a negative count', ['plan', 'plan-19-fleet-day-negative.json', '--out', 'out'], 2, /plan-19-fleet-day-negative\.json, line \d+, field "fleet\[0\]\.countPerDay\.Wed": must be a whole number of vehicles, 0 or more, got -1 — vehicles come whole/],
  ['issue 19: countPerDay, a fractional count', ['plan', 'plan-19-fleet-day-fraction.json', '--out', 'out'], 2, /plan-19-fleet-day-fraction\.json, line \d+, field "fleet\[0\]\.countPerDay\.Wed": must be a whole number of vehicles, 0 or more, got 1\.5 — vehicles come whole: e\.g\. "Wed": 1/],
  ['issue 19: countPerDay naming no weekday', ['plan', 'plan-19-fleet-day-name.json', '--out', 'out'], 2, /plan-19-fleet-day-name\.json, line \d+, field "fleet\[0\]\.countPerDay\.Caturday": "Caturday" is not a weekday/],
  ['issue 19: countPerDay in a daily plan', ['plan', 'plan-19-fleet-day-daily.json', '--out', 'out'], 2, /plan-19-fleet-day-daily\.json, (line \d+, )?field "fleet\[0\]\.countPerDay": a fleet per day belongs to a weekly plan, and this plan is daily.* — add "week"/],
  ['issue 19: countPerDay off the week the places ask for', ['plan', 'plan-19-fleet-day-places-week.json', '--out', 'out'], 2, /plan-19-fleet-day-places-week\.json, (line \d+, )?field "fleet\[0\]\.countPerDay\.Sun": Sun is not an operating day of the plan — operating days: Mon, Tue, Wed, Thu, Fri, Sat/],
  ['issue 19: a trunk fleet\'s countPerDay off the week', ['plan', 'plan-19-trunk-day-off.json', '--out', 'out'], 2, /plan-19-trunk-day-off\.json, line \d+, field "tiers\.trunk\.fleet\[0\]\.countPerDay\.Fri": Fri is not an operating day/],
  ['issue 19: a delivery fleet\'s countPerDay in a daily plan', ['plan', 'plan-19-delivery-day-daily.json', '--out', 'out'], 2, /plan-19-delivery-day-daily\.json, (line \d+, )?field "tiers\.delivery\.fleet\[0\]\.countPerDay": a fleet per day belongs to a weekly plan/],
  ['issue 19: a scenario\'s fleet countPerDay off the week', ['plan', 'plan-19-scenario-fleet-day-off.json', '--out', 'out'], 2, /plan-19-scenario-fleet-day-off\.json, line \d+, field "scenarios\[0\]\.fleet\.van\.countPerDay\.Sat": Sat is not an operating day of the plan — operating days: Mon, Tue, Wed/],
  ['issue 19: a scenario\'s fleet countPerDay in a daily plan', ['plan', 'plan-19-scenario-fleet-day-daily.json', '--out', 'out'], 2, /plan-19-scenario-fleet-day-daily\.json, (line \d+, )?field "scenarios\[0\]\.fleet\.van\.countPerDay": a fleet per day belongs to a weekly plan, and this plan is daily/],
  ['issue 19: a scenario\'s fleet change of nothing', ['plan', 'plan-19-scenario-fleet-empty.json', '--out', 'out'], 2, /plan-19-scenario-fleet-empty\.json, line \d+, field "scenarios\[0\]\.fleet\.van": changes nothing — give a count/],
  ['issue 19: tiers.delivery.assignment', ['plan', 'plan-19-tiers-assignment.json', '--out', 'out'], 2, /plan-19-tiers-assignment\.json, line \d+, field "tiers\.delivery\.assignment"/],
  ['issue 19: tiers.delivery.sortingMinutes', ['plan', 'plan-19-tiers-sorting.json', '--out', 'out'], 2, /plan-19-tiers-sorting\.json, line \d+, field "tiers\.delivery\.sortingMinutes"/],
  ['issue 19: tiers.trunk.collection.departure', ['plan', 'plan-19-tiers-collection.json', '--out', 'out'], 2, /plan-19-tiers-collection\.json, line \d+, field "tiers\.trunk\.collection\.departure"/],
  ['issue 19: scenarios[].volumeFactor', ['plan', 'plan-19-scenario-factor.json', '--out', 'out'], 2, /plan-19-scenario-factor\.json, line \d+, field "scenarios\[0\]\.volumeFactor\.mail"/],
  ['issue 19: scenarios[].visits', ['plan', 'plan-19-scenario-visits.json', '--out', 'out'], 2, /plan-19-scenario-visits\.json, line \d+, field "scenarios\[0\]\.visits\[0\]\.visitsPerWeek"/],
  ['issue 19: scenarios[].closeOffices naming no office', ['plan', 'plan-19-scenario-close.json', '--out', 'out'], 2, /plan-19-scenario-close\.json, (line \d+, )?field "scenarios\[0\]\.closeOffices": scenario "closed" closes "nowhere", which is not a township office/],
  ['issue 19: a place\'s days', ['plan', 'plan-19-place-days.json', '--out', 'out'], 2, /places-19-days\.csv, line 5, field "days": "Funday" is not an operating day of the plan/],
  ['issue 19: today\'s day column', ['plan', 'plan-19-baseline-day.json', '--out', 'out'], 2, /baseline-19-day\.csv, line 3, field "day"/],
  ['issue 19: today\'s tier column', ['plan', 'plan-19-baseline-tier.json', '--out', 'out'], 2, /baseline-19-tier\.csv, line 2, field "tier"/],
  ['plan.json csvDelimiter that is no separator', ['plan', 'plan-bad-separator.json', '--out', 'out'], 2, /plan-bad-separator\.json, line \d+, field "csvDelimiter": "\|" is not a separator/],
  ['gzip where GeoJSON is expected', ['matrix', '--roads', 'roads.geojson', '--places', 'places-gz.geojson'], 2, /places-gz\.geojson: this looks like gzip data: a compressed file, not text — unpack it first/],
  ['binary data given as roads', ['graph', '--roads', 'random.bin', '--quiet'], 2, /random\.bin: this looks like binary data, not GeoJSON or OSM roads — give GeoJSON roads/],
  ['a gzip file that does not unpack', ['graph', '--roads', 'broken.gz', '--quiet'], 2, /broken\.gz: this looks like gzip data, but it does not unpack .* — the file may be truncated/],
  ['a truncated .osm.pbf', ['graph', '--roads', 'truncated.osm.pbf', '--quiet'], 2, /truncated\.osm\.pbf: cannot read the OSM PBF file .* — the file may be truncated/],
  ['profile with an unknown key', ['graph', '--roads', 'roads.geojson', '--profile', 'profile-key.json'], 2, /profile-key\.json: invalid road profile: unknown key "colour" \(allowed: extends, name, /],
  ['profile with empty speeds', ['graph', '--roads', 'roads.geojson', '--profile', 'profile-empty.json'], 2, /profile-empty\.json: invalid road profile: "speeds" is empty/],
  ['profile extending an unknown profile', ['graph', '--roads', 'roads.geojson', '--profile', 'profile-extends.json'], 2, /profile-extends\.json: invalid road profile: "extends" must be "default" or null/],
  ['an empty profile file', ['graph', '--roads', 'roads.geojson', '--profile', 'empty.json'], 2, /empty\.json: malformed JSON: the file is empty — give a road profile JSON object/],
  // Every unclear message of the probe (section 6).
  ['a bare NaN in JSON: one line', ['solve', '--problem', 'nan.json'], 2, /nan\.json, line 2: malformed JSON: NaN at column \d+ is not a JSON value/],
  ['an empty problem file', ['solve', '--problem', 'empty.json'], 2, /empty\.json: malformed JSON: the file is empty — give the problem as a JSON object with depots, stops/],
  ['a // comment in JSON gives its line', ['solve', '--problem', 'comment.json'], 2, /comment\.json, line 2: malformed JSON: a comment at column 3 \(JSON has no comments\)/],
  ['an empty plan.json', ['plan', 'plan-empty.json', '--out', 'out'], 2, /plan-empty\.json: malformed JSON: the file is empty — give the plan as one JSON object/],
  ['a // comment in plan.json', ['plan', 'plan-comment.json', '--out', 'out'], 2, /plan-comment\.json, line 3: malformed JSON: a comment/],
  ['the plan file itself missing: no relative-paths hint', ['plan', 'nowhere.json', '--out', 'out'], 2, /^postroute: error: plan file not found: nowhere\.json — check the path of the plan file\n$/],
  ['places without a role column', ['plan', 'plan-no-role.json', '--out', 'out', '--quiet'], 2, /no-role\.geojson, field "role": the places file has no "role" column/],
  ['places without a mail column', ['plan', 'plan-no-mail.json', '--out', 'out', '--quiet'], 2, /no-mail\.csv, line 1, field "mail": the places file has no "mail" column/],
  ['fleet given as an object', ['plan', 'plan-fleet-object.json', '--out', 'out'], 2, /plan-fleet-object\.json, line \d+, field "fleet": must be a list of vehicle types, not one object/],
  ['cover: a core error names its file', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--existing', 's9'], 2, /--existing: existing site "s9" is not a candidate site/],
  ['oversized demand, plan: bad input at once', ['plan', 'plan-big-mail.json', '--out', 'out', '--quiet'], 2, /big-mail\.geojson, item 4, field "mail": place "v3" has 500 mail a day, above the capacity of every vehicle \(largest 100\) — .*--allow-unassigned/],
  ['oversized demand, solve: bad input at once', ['solve', '--problem', 'problem-big.json'], 2, /problem-big\.json, line \d+, item 1, field "stops\[1\]\.delivery": stop "b" can never be served: its demand is above the capacity of every vehicle type — .*--allow-unassigned/],
  ['oversized demand, cover: bad input, naming the file', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--weights', 'w.csv', '--capacities', 'cap.csv'], 2, /w\.csv, field "weight": demand point "c" has weight 5, above the capacity of every station/],
  ['solve: a stop id equal to a depot id', ['solve', '--problem', 'problem-depot-id.json'], 2, /problem-depot-id\.json, line \d+, field "stops\[0\]\.id": stop id "hub" is also the id of a depot — give stops and depots different ids/],
  ['solve: a warm-start error names the warm-start file', ['solve', '--problem', 'problem.json', '--warm-start', 'warm.json', '--max-iterations', '10'], 2, /^postroute: error: warm\.json, line 3, field "route\[0\]\.stops\[1\]": unknown stop id "zz"/],
  // Numbers and text read as the planner meant them (issue 24, section 3; helper `readers`).
  ['a decimal-comma file: 1.300 is one thousand three hundred', ['plan', 'plan-thousands.json', '--out', 'out', '--quiet'], 2, /places-thousands\.csv, line 6, field "mail": place "v3" has 1300 mail a day, above the capacity of every vehicle \(largest 100\)/],
  ['GeoJSON text "1.300" beside "12,5" is one thousand three hundred', ['plan', 'plan-thousands-geojson.json', '--out', 'out'], 2, /^postroute: error: places-thousands\.geojson, item 4, field "mail": place "v3" has 1300 mail a day, above the capacity of every vehicle \(largest 100\)/],
  ['Excel\'s sep=; line: the header stays line 1', ['plan', 'plan-sep.json', '--out', 'out', '--quiet'], 2, /places-sep\.csv, line 6, field "mail": place "v3" has 1300 mail a day/],
  ['a value the file does not settle: line, column, value, both readings', ['plan', 'plan-ambiguous.json', '--out', 'out', '--quiet'], 2, /places-ambiguous\.csv, line 5, field "mail": "1\.300" can be read as 1300 \(with "\." between thousands\) or as 1\.3 \(with a decimal point\).* — write 1300 or 1\.3\n$/],
  ['1e999 in a CSV is too large', ['plan', 'plan-huge.json', '--out', 'out', '--quiet'], 2, /places-huge\.csv, line 6, field "mail": "1e999" is too large to be a figure/],
  ['1e999 in plan.json is too large, not "got null"', ['plan', 'plan-capacity-huge.json', '--out', 'out', '--quiet'], 2, /plan-capacity-huge\.json, line \d+, field "fleet\[0\]\.capacity": is too large to be a figure/],
  ['a later check of a CSV place names its line, not its row', ['plan', 'plan-bad-visits.json', '--out', 'out', '--quiet'], 2, /places-bad-visits\.csv, line 6, field "visits_per_week"/],
  ['plan.json with a UTF-8 byte-order mark is read', ['plan', 'plan-bom.json', '--out', 'out', '--quiet'], 2, /places-ambiguous\.csv, line 5, field "mail": "1\.300" can be read/],
  ['problem JSON with a UTF-8 byte-order mark is read', ['solve', '--problem', 'problem-bom.json'], 2, /problem-bom\.json, line \d+, item 1, field "stops\[1\]\.delivery": stop "b" can never be served/],
  ['UTF-16 (Notepad\'s "Unicode") is read, not "binary data"', ['matrix', '--roads', 'roads.geojson', '--places', 'places-utf16.csv'], 2, /places-utf16\.csv, line 3, field "lon": "x" is not a number/],
  ['a mistyped command gets the nearest one', ['pln', 'plan.json'], 2, /^postroute: unknown command "pln" \(did you mean "plan"\?\); the commands are plan, /],
  ['a mistyped option gets the nearest one', ['plan', county, '--tme-limit', '3'], 2, /^postroute: unknown option --tme-limit \(did you mean --time-limit\?\) \(run `postroute plan --help` for usage\)\n$/],
  ['an extra argument is unexpected', ['plan', county, 'b'], 2, /^postroute: unexpected argument "b"/],
  ['a missing argument is named', ['plan'], 2, /^postroute: plan needs <plan>: `postroute plan <plan>`/],
  ['--time-limit abc is not a number, not "got NaN"', ['plan', county, '--time-limit', 'abc'], 2, /^postroute: error: --time-limit "abc" is not a number — give --time-limit a number/],
  ['--seed 1e999 is too large', ['solve', '--problem', 'problem.json', '--seed', '1e999'], 2, /^postroute: error: --seed 1e999 is too large/],
  ['a value outside the choices: one line with the choices', ['cover', '--matrix', 'm.csv', '--model', 'nope'], 2, /^postroute: --model "nope" is not one of "lscp", "mclp", "pmedian", "pcenter" \(run `postroute cover --help` for usage\)\n$/],
  ['a baseline stop not among the places: before the graph', ['plan', 'plan-baseline-unknown.json', '--out', 'out'], 2, /^postroute: error: baseline-unknown\.csv, line 3, field "stop_id": route "R1" visits "zz", which is not in places\.geojson/],
  ['a baseline that visits the hub: before the graph', ['plan', 'plan-baseline-hub.json', '--out', 'out'], 2, /^postroute: error: baseline-hub\.csv, line 3, field "stop_id": route "R1" lists the hub "hub" as a stop/],
  ['tiers without township offices: before the graph', ['plan', 'plan-tiers-no-outlet.json', '--out', 'out'], 2, /^postroute: error: no-outlet\.geojson, field "role": a two-tier plan needs township offices/],
  ['a village without its township: before the graph', ['plan', 'plan-tiers-township.json', '--out', 'out'], 2, /^postroute: error: places\.geojson, item \d+, field "township": place "v1" has no township/],
  ['a scenario naming a place that is not there: before the graph', ['plan', 'plan-scenario-unknown.json', '--out', 'out'], 2, /^postroute: error: plan-scenario-unknown\.json, (line \d+, )?field "scenarios\[0\]\.places\.zz": scenario "late" changes "zz", which is not in places\.geojson/],
  ['a hub on a dropped piece of road: the piece, its size, the nearest kept point', ['plan', 'plan-island.json', '--out', 'out', '--quiet'], 3, /^postroute: infeasible: the hub "hub" is on a piece of road network that is not connected both ways to the rest \(1 road segment, 0\.7 km, around 11\.60500,50\.00000: "Inselweg"\), so that piece was left out; the nearest point of the kept network is 4\.\d km away at 11\.54000,50\.00\d+ — check the roads between them/],
  ['door to door with streets not served is not comparable: --strict exits 3', ['plan', 'plan-door-short.json', '--out', 'out-door', '--quiet', '--strict'], 3, /^postroute: not comparable \(--strict\): door to door serves \d+ of \d+ street segments — see streets not served\n$/],
  // Outputs never replace inputs (issue 24 section 1): refused at once, naming both, with another name.
  ['plan --out the county folder (plan.json, today\'s routes.csv)', ['plan', 'county/plan.json', '--out', 'county'], 2, /^postroute: error: --out county holds the input plan file county\/plan\.json, and a report replaces its folder whole — give the report a folder of its own, e.g\. --out county\/report-out\n$/],
  ['plan --out . in the county folder', ['plan', 'county/plan.json', '--out', '.'], 2, /--out \. holds the input plan file county\/plan\.json, .* e\.g\. --out report-out/],
  ['plan --out a folder holding the baseline as routes.csv', ['plan', 'plan-baseline-in-report.json', '--out', 'report'], 2, /--out report holds the input baseline named in plan-baseline-in-report\.json, report\/routes\.csv, and a report replaces its folder whole/],
  ['plan --out a link to the county folder', ['plan', 'county/plan.json', '--out', 'county-link'], 2, /--out county-link holds the input plan file county\/plan\.json/],
  ['plan --out a folder of other files', ['plan', 'plan-big-mail.json', '--out', 'notes'], 2, /--out notes holds files that are not part of a report \(notes\.txt\), and a report replaces its folder whole — move them, or give --out a new folder/],
  ['plan --out \'\'', ['plan', 'plan-big-mail.json', '--out', ''], 2, /^postroute: error: --out is empty — give --out a folder name, e\.g\. --out report-out\n$/],
  ['solve --out the problem file', ['solve', '--problem', 'problem.json', '--out', 'problem.json'], 2, /^postroute: error: --out problem\.json would replace the input --problem problem\.json — give --out another name, e\.g\. --out problem-out\.json\n$/],
  ['solve --out a link to the problem file', ['solve', '--problem', 'problem.json', '--out', 'problem-link.json'], 2, /--out problem-link\.json would replace the input --problem problem\.json/],
  ['solve --out the warm start', ['solve', '--problem', 'problem.json', '--warm-start', 'warm.json', '--out', 'warm.json'], 2, /--out warm\.json would replace the input --warm-start warm\.json/],
  ['solve --out the VROOM problem', ['solve', '--vroom', 'vroom.json', '--out', 'vroom.json'], 2, /--out vroom\.json would replace the input --vroom vroom\.json/],
  ['solve --out \'\'', ['solve', '--problem', 'problem.json', '--out', ''], 2, /--out is empty — give --out a file name/],
  ['matrix --out the places file', ['matrix', '--roads', 'roads.geojson', '--places', 'places.geojson', '--out', 'places.geojson'], 2, /--out places\.geojson would replace the input --places places\.geojson — give --out another name, e\.g\. --out places-out\.geojson/],
  ['matrix --out \'\'', ['matrix', '--roads', 'roads.geojson', '--places', 'places.geojson', '--out', ''], 2, /--out is empty/],
  ['graph --out the roads file', ['graph', '--roads', 'roads.geojson', '--out', 'roads.geojson'], 2, /--out roads\.geojson would replace the input --roads roads\.geojson/],
  ['graph --out the roads file by another path', ['graph', '--roads', 'roads.geojson', '--out', 'county/../roads.geojson'], 2, /--out county\/\.\.\/roads\.geojson would replace the input --roads roads\.geojson/],
  ['cover --out the matrix', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--out', 'm.csv'], 2, /--out m\.csv would replace the input --matrix m\.csv/],
  ['cover --out whose GeoJSON would replace --demand', ['cover', '--roads', 'roads.geojson', '--demand', 'places.geojson', '--model', 'lscp', '--radius', '5km', '--out', 'places.json'], 2, /--out places\.json writes its GeoJSON to places\.geojson, which would replace the input --demand places\.geojson — give --geojson a name of its own/],
  ['cover --geojson and --out the same file', ['cover', '--roads', 'roads.geojson', '--demand', 'places.geojson', '--model', 'lscp', '--radius', '5km', '--out', 'c.json', '--geojson', 'c.json'], 2, /--geojson c\.json and --out c\.json are the same file/],
  ['prepare --out the roads file', ['prepare', 'roads.geojson', '--out', 'roads.geojson'], 2, /^postroute: error: --out roads\.geojson would replace the input roads file roads\.geojson — give --out another name/],
  ['batch --out a county folder', ['batch', 'province/province.json', '--out', 'province/alpha'], 2, /--out province\/alpha holds the input plan file of county Alpha province\/alpha\/plan\.json/],
  ['batch --out the province folder', ['batch', 'province/province.json', '--out', 'province'], 2, /--out province holds the input province file province\/province\.json/],
  ['batch --out the province folder by another path', ['batch', 'province/province.json', '--out', 'province/out/..'], 2, /--out province\/out\/\.\. holds the input province file/],
  // Ones that already worked.
  ['solve, malformed JSON', ['solve', '--problem', 'broken.json'], 2, /broken\.json, line 1/],
  ['graph, a missing roads file', ['graph', '--roads', 'nope.geojson', '--quiet'], 2, /nope\.geojson/],
  ['matrix, a bad --max-snap', ['matrix', '--roads', roads, '--places', places, '--max-snap', '-5'], 2, /--max-snap/],
];

describe('bad input through the real CLI: one line, the right exit code', () => {
  // After every row: no input of the fixture was changed (the rows above that name an input as output).
  afterAll(() => {
    for (const [path, hash] of fixture) expect(digest(path), `${path} was changed`).toBe(hash);
  });
  it.concurrent.each(rows)('%s', async (_label, args, code, pattern) => {
    const { status, stderr } = await run(args);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    expect(stderr).toMatch(pattern);
    expect(status).toBe(code);
  });
});

describe('text that is not UTF-8 (issue 24 §3)', () => {
  it('reads a Windows-1252 file with one warning naming it, then says what is wrong in it', async () => {
    const { status, stderr } = await run(['matrix', '--roads', 'roads.geojson', '--places', 'places-latin1.csv', '--quiet']);
    expect(stderr).toBe('postroute: warning: places-latin1.csv is not UTF-8: read as Windows-1252 (Latin-1), e.g. "Aixàs"; save it as UTF-8 to be sure\n'
      + 'postroute: error: places-latin1.csv, line 3, field "lon": "x" is not a number — write coordinates as decimal degrees, e.g. 11.5763\n');
    expect(status).toBe(2);
  });
});
