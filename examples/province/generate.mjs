#!/usr/bin/env node
/**
 * Builds the example province's extra counties (Andorra and the small Neudrossenfeld extract) from
 * the real OSM places of ../data/osm/, the same way ../county/generate.mjs builds the
 * north-bayreuth county: real place names and positions, generated populations and mail where
 * OSM has none, and today's routes drawn "by hand" from the administrative list. Deterministic: a
 * fixed seed per area, no clock, no network. Run it on purpose:
 *
 *   node examples/province/generate.mjs
 *
 * It rewrites <area>/places.geojson, <area>/baseline.csv and <area>/plan.json next to this file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Per area: the hub, the township post offices, the fleet and the seed of its generator. */
const AREAS = [
  {
    area: 'andorra',
    name: 'Andorra (example county, OSM)',
    seed: 20240602,
    hub: 'Andorra la Vella',
    outlets: ['Ordino', 'Canillo', 'Encamp', 'La Massana', 'Sant Julià de Lòria'],
    fleet: [{ id: 'van', count: 9, capacity: 1500, depot: 'andorra-la-vella', departure: '08:00', maxShiftHours: 3.5 }],
  },
  {
    area: 'neudrossenfeld',
    name: 'Neudrossenfeld village (example county, OSM)',
    seed: 20240603,
    hub: 'Neudrossenfeld',
    outlets: ['Altenplos'],
    fleet: [{ id: 'van', count: 2, capacity: 1500, depot: 'neudrossenfeld', departure: '08:00', maxShiftHours: 2 }],
  },
];
/** Inhabitants where OSM has no figure: a range per OSM place class. */
const POPULATION = { town: [800, 2500], village: [120, 650], hamlet: [12, 95], isolated_dwelling: [3, 9] };
const ITEMS_PER_PERSON = [0.3, 0.5];
const OUTLET_EXTRA = [60, 120];
const CAPACITY = 1500;

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

const slug = (name) => name.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
  .normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const dist = (a, b) => {
  const [x1, y1] = a.geometry.coordinates, [x2, y2] = b.geometry.coordinates;
  const kx = 111.32 * Math.cos((((y1 + y2) / 2) * Math.PI) / 180);
  return Math.hypot((x1 - x2) * kx, (y1 - y2) * 110.57);
};
/** Compass bearing from a to b, 0 = north, clockwise, in degrees. */
const bearing = (a, b) => {
  const [x1, y1] = a.geometry.coordinates, [x2, y2] = b.geometry.coordinates;
  const angle = (Math.atan2((x2 - x1) * Math.cos((y1 * Math.PI) / 180), y2 - y1) * 180) / Math.PI;
  return (angle + 360) % 360;
};

for (const spec of AREAS) {
  const next = random(spec.seed);
  const between = (low, high) => low + (high - low) * next();
  const osm = JSON.parse(readFileSync(join(here, `../data/osm/${spec.area}/places.geojson`), 'utf8'));
  const used = new Map();
  const places = [];
  // OSM order (post offices first, then by OSM id) is the generator's fixed iteration order.
  for (const feature of osm.features) {
    const p = feature.properties;
    if (p.kind !== 'place') continue; // post office nodes: the hub and outlets are the towns themselves
    let id = slug(p.name);
    const count = (used.get(id) ?? 0) + 1;
    used.set(id, count);
    if (count > 1) id = `${id}-${count}`;
    const role = p.name === spec.hub ? 'hub' : spec.outlets.includes(p.name) ? 'outlet' : 'village';
    const [low, high] = POPULATION[p.place] ?? POPULATION.hamlet;
    const population = typeof p.population === 'number' ? p.population : Math.round(between(low, high));
    let mail = role === 'hub' ? 0 : Math.max(1, Math.round(population * between(...ITEMS_PER_PERSON)));
    if (role === 'outlet') mail += Math.round(between(...OUTLET_EXTRA));
    const properties = { name: p.name, role, population, mail, osm_id: feature.id, osm_place: p.place, population_source: typeof p.population === 'number' ? 'osm' : 'generated' };
    if (role === 'outlet') properties.latest = '10:00';
    places.push({ type: 'Feature', id, properties, geometry: feature.geometry });
  }
  // Today's routes, drawn by hand: each village belongs to its nearest township office in a
  // straight line; the township's van goes hub → office → villages by bearing → hub; a township
  // with more mail than a van holds gets more vans, each a slice of the list, loads unchecked.
  const outlets = places.filter((f) => f.properties.role === 'outlet');
  const lists = new Map(outlets.map((o) => [o.id, []]));
  for (const village of places.filter((f) => f.properties.role === 'village')) {
    const nearest = outlets.reduce((best, o) => (dist(village, o) < dist(village, best) ? o : best));
    lists.get(nearest.id).push(village);
  }
  const rows = ['route_id,seq,stop_id,vehicle_type'];
  for (const outlet of outlets) {
    const list = lists.get(outlet.id).sort((a, b) => bearing(outlet, a) - bearing(outlet, b) || a.id.localeCompare(b.id));
    const total = outlet.properties.mail + list.reduce((sum, v) => sum + v.properties.mail, 0);
    const vans = Math.max(1, Math.ceil(total / CAPACITY));
    const size = Math.ceil(list.length / vans);
    for (let van = 0; van < vans; van++) {
      const stops = list.slice(van * size, (van + 1) * size).map((v) => v.id);
      if (van === 0) stops.unshift(outlet.id);
      const routeId = `${outlet.id}${vans > 1 ? `-${van + 1}` : ''}`;
      stops.forEach((stop, i) => rows.push(`${routeId},${i + 1},${stop},van`));
    }
  }
  const dir = join(here, spec.area);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'places.geojson'), `${JSON.stringify({
    type: 'FeatureCollection',
    // Derived from OpenStreetMap data (ODbL): see ../../data/osm/README.md.
    features: places,
  }, null, 1)}\n`);
  writeFileSync(join(dir, 'baseline.csv'), `${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'plan.json'), `${JSON.stringify({
    name: spec.name,
    roads: `../../data/osm/${spec.area}/roads.geojson`,
    places: 'places.geojson',
    baseline: 'baseline.csv',
    fleet: spec.fleet,
    serviceMinutes: { outlet: 10, village: 3 },
    operatingDaysPerYear: 306,
    snapDistanceM: 500,
    timeLimitS: 60,
    seed: 1,
  }, null, 2)}\n`);
  const totalMail = places.reduce((sum, f) => sum + f.properties.mail, 0);
  process.stderr.write(`${spec.area}: ${places.length} places (1 hub, ${outlets.length} outlets), mail ${totalMail} items/day, baseline rows ${rows.length - 1}\n`);
}
