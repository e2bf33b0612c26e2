#!/usr/bin/env node
/**
 * Builds the example county's places and today's routes from the real OSM places of the
 * north-bayreuth extract. Deterministic: a fixed seed, no clock, no network. Run it on purpose:
 *
 *   node examples/county/generate.mjs
 *
 * It rewrites places.geojson and baseline.csv next to this file. See README.md for the choices.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SEED = 20240601;

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for plausible volumes. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(SEED);
const between = (low, high) => low + (high - low) * next();

const HUB = 'Neudrossenfeld';
const OUTLETS = ['Harsdorf', 'Altenplos', 'Ramsenthal'];
/** Inhabitants where OSM has no figure: a range per OSM place class. */
const POPULATION = { village: [120, 650], hamlet: [12, 95], isolated_dwelling: [3, 9] };
/** Letters and small parcels per inhabitant and working day. */
const ITEMS_PER_PERSON = [0.3, 0.5];
/** Counter business of a township post office, items per day on top of its own inhabitants'. */
const OUTLET_EXTRA = [60, 120];

const osm = JSON.parse(readFileSync(join(here, '../data/osm/north-bayreuth/places.geojson'), 'utf8'));

const slug = (name) => name.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
  .normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const used = new Map();
const places = [];
// OSM order (post offices first, then by OSM id) is the generator's fixed iteration order.
for (const feature of osm.features) {
  const p = feature.properties;
  // The one "post office" in the extract is a parcel counter in a bakery; the hub is the town itself.
  if (p.kind !== 'place') continue;
  let id = slug(p.name);
  const count = (used.get(id) ?? 0) + 1;
  used.set(id, count);
  if (count > 1) id = `${id}-${count}`;
  const role = p.name === HUB ? 'hub' : OUTLETS.includes(p.name) ? 'outlet' : 'village';
  const [low, high] = POPULATION[p.place] ?? POPULATION.hamlet;
  const population = typeof p.population === 'number' ? p.population : Math.round(between(low, high));
  let mail = role === 'hub' ? 0 : Math.max(1, Math.round(population * between(...ITEMS_PER_PERSON)));
  if (role === 'outlet') mail += Math.round(between(...OUTLET_EXTRA));
  const properties = { name: p.name, role, population, mail, osm_id: feature.id, osm_place: p.place, population_source: typeof p.population === 'number' ? 'osm' : 'generated' };
  // Township post offices open at 10:00 and must have the day's mail by then.
  if (role === 'outlet') properties.latest = '10:00';
  places.push({ type: 'Feature', id, properties, geometry: feature.geometry });
}

// Today's plan, drawn by hand: every village belongs to the township whose office is nearest (the
// administrative list), and each township's van goes hub → township office → its villages in the
// order of that list, which is alphabetical, → hub. A township with more mail than one van holds
// gets a second van that takes the second half of the list.
const CAPACITY = 1500;
const dist = (a, b) => {
  const [x1, y1] = a.geometry.coordinates, [x2, y2] = b.geometry.coordinates;
  const kx = 111.32 * Math.cos((((y1 + y2) / 2) * Math.PI) / 180);
  return Math.hypot((x1 - x2) * kx, (y1 - y2) * 110.57);
};
const ORDER = process.env.ORDER ?? 'sweep';
/** Compass bearing from a to b, 0 = north, clockwise, in degrees. */
const bearing = (a, b) => {
  const [x1, y1] = a.geometry.coordinates, [x2, y2] = b.geometry.coordinates;
  const angle = (Math.atan2((x2 - x1) * Math.cos((y1 * Math.PI) / 180), y2 - y1) * 180) / Math.PI;
  return (angle + 360) % 360;
};
const outlets = places.filter((f) => f.properties.role === 'outlet');
const lists = new Map(outlets.map((o) => [o.id, []]));
for (const village of places.filter((f) => f.properties.role === 'village')) {
  const nearest = outlets.reduce((best, o) => (dist(village, o) < dist(village, best) ? o : best));
  lists.get(nearest.id).push(village);
}
const rows = ['route_id,seq,stop_id,vehicle_type'];
for (const outlet of outlets) {
  const list = lists.get(outlet.id).sort(ORDER === 'sweep'
    ? (a, b) => bearing(outlet, a) - bearing(outlet, b) || a.id.localeCompare(b.id)
    : (a, b) => a.properties.name.localeCompare(b.properties.name, 'de') || a.id.localeCompare(b.id));
  const total = outlet.properties.mail + list.reduce((sum, v) => sum + v.properties.mail, 0);
  const vans = Math.ceil(total / CAPACITY);
  process.stderr.write(`${outlet.id}: ${list.length} villages, ${total} items, ${vans} van(s)\n`);
  const size = Math.ceil(list.length / vans);
  for (let van = 0; van < vans; van++) {
    const stops = list.slice(van * size, (van + 1) * size).map((v) => v.id);
    if (van === 0) stops.unshift(outlet.id);
    const routeId = `${outlet.id}${vans > 1 ? `-${van + 1}` : ''}`;
    stops.forEach((stop, i) => rows.push(`${routeId},${i + 1},${stop},van`));
  }
}

writeFileSync(join(here, 'places.geojson'), `${JSON.stringify({
  type: 'FeatureCollection',
  // Derived from OpenStreetMap data (ODbL): see ../data/osm/README.md.
  features: places,
}, null, 1)}\n`);
writeFileSync(join(here, 'baseline.csv'), `${rows.join('\n')}\n`);
const totalMail = places.reduce((sum, f) => sum + f.properties.mail, 0);
process.stderr.write(`places: ${places.length} (1 hub, ${outlets.length} outlets), mail ${totalMail} items/day, baseline rows ${rows.length - 1}\n`);
