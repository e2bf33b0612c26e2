#!/usr/bin/env node
/**
 * Builds the two-tier example county from the one-tier example's places (real OSM names,
 * positions and populations north of Bayreuth; generated volumes): writes places.geojson and
 * baseline.csv. Fixed seed, so a rerun rewrites both byte for byte: node examples/county-two-tier/generate.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = JSON.parse(readFileSync(join(here, '../county/places.geojson'), 'utf8'));

// mulberry32: a small seeded generator, so the data repeats exactly.
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
const rnd = random(20261201);
const between = (lo, hi) => lo + (hi - lo) * rnd();

const OFFICES = ['altenplos', 'harsdorf', 'ramsenthal'];
// Farming villages that run a produce supply base (a collection point for rural e-commerce).
const SUPPLY_BASES = { altenreuth: 320, crottendorf: 240, unterwaiz: 180 };

const toRad = (d) => (d * Math.PI) / 180;
const straight = (a, b) => {
  const [x1, y1] = a.geometry.coordinates;
  const [x2, y2] = b.geometry.coordinates;
  const dx = toRad(x2 - x1) * Math.cos(toRad((y1 + y2) / 2));
  return 6371000 * Math.hypot(dx, toRad(y2 - y1));
};
const bearing = (a, b) => {
  const [x1, y1] = a.geometry.coordinates;
  const [x2, y2] = b.geometry.coordinates;
  const angle = (Math.atan2(toRad(x2 - x1) * Math.cos(toRad(y1)), toRad(y2 - y1)) * 180) / Math.PI;
  return (angle + 360) % 360;
};

const features = source.features.map((f) => ({ ...f, properties: { ...f.properties } }));
const offices = features.filter((f) => OFFICES.includes(f.id));
for (const f of features) {
  const p = f.properties;
  if (p.role === 'hub') continue;
  const population = p.population;
  // Parcels: 3-6 per hundred inhabitants a day, 1.2-2.0 kg each; outgoing items: a tenth of the mail.
  p.parcels = Math.round((population * between(3, 6)) / 100);
  p.parcel_kg = Math.round(p.parcels * between(1.2, 2.0) * 10) / 10;
  p.pickup_items = Math.round(p.mail * between(0.05, 0.15));
  p.pickup_kg = rnd() < 0.3 ? Math.round(between(5, 30)) : 0;
  if (OFFICES.includes(f.id)) {
    p.role = 'outlet';
    p.latest = '09:00';
    delete p.township;
    continue;
  }
  if (f.id in SUPPLY_BASES) {
    p.role = 'station';
    p.name = `${p.name} produce base`;
    p.pickup_kg = SUPPLY_BASES[f.id];
    p.latest = '12:00';
  }
  // The administrative list: the township whose office is nearest in a straight line.
  let best = offices[0];
  for (const office of offices) if (straight(office, f) < straight(best, f)) best = office;
  p.township = best.id;
}
writeFileSync(join(here, 'places.geojson'), `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`);

// Today's routes, drawn up the administrative way: the truck visits the offices alphabetically; each
// office's van goes round its township by compass bearing, a second van taking the second half
// of the list when the items exceed one van (900), unchecked against kilograms or the shift.
const rows = ['route_id,seq,stop_id,vehicle_type,depot'];
OFFICES.forEach((id, k) => rows.push(`trunk,${k + 1},${id},truck,neudrossenfeld`));
for (const office of offices) {
  const list = features
    .filter((f) => f.properties.township === office.id)
    .sort((a, b) => bearing(office, a) - bearing(office, b) || (a.id < b.id ? -1 : 1));
  const items = list.reduce((sum, f) => sum + f.properties.mail + f.properties.parcels, 0);
  const parts = items > 900 ? [list.slice(0, Math.ceil(list.length / 2)), list.slice(Math.ceil(list.length / 2))] : [list];
  parts.forEach((part, k) => part.forEach((f, s) => rows.push(`${office.id}-${k + 1},${s + 1},${f.id},van,${office.id}`)));
}
writeFileSync(join(here, 'baseline.csv'), `${rows.join('\n')}\n`);
