#!/usr/bin/env node
/**
 * Builds the composed county example (issue 19 §3) from the two-tier example's places (real OSM
 * names, positions and populations north of Bayreuth; generated volumes, three produce supply
 * bases): writes places.geojson (with weekly visit frequencies) and baseline.csv (today's two-tier
 * weekly network with tier, depot and day columns). No randomness: a rerun rewrites both byte for
 * byte: node examples/county-composed/generate.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = JSON.parse(readFileSync(join(here, '../county-two-tier/places.geojson'), 'utf8'));

const HUB = 'neudrossenfeld';
const OFFICES = ['altenplos', 'harsdorf', 'ramsenthal'];
const WEEK = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Frequencies by size, as rural post is often served: the offices and the produce bases every
// operating day; villages of 250 inhabitants or more five days, 60–249 three, hamlets under 60 two.
const frequency = (population) => (population >= 250 ? 5 : population >= 60 ? 3 : 2);
// Today's fixed days for each frequency (the plan may choose any days).
const TODAY = { 5: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], 3: ['Mon', 'Wed', 'Fri'], 2: ['Tue', 'Fri'] };
const VAN_ITEMS = 900;

const toRad = (d) => (d * Math.PI) / 180;
const bearing = (a, b) => {
  const [x1, y1] = a.geometry.coordinates;
  const [x2, y2] = b.geometry.coordinates;
  const angle = (Math.atan2(toRad(x2 - x1) * Math.cos(toRad(y1)), toRad(y2 - y1)) * 180) / Math.PI;
  return (angle + 360) % 360;
};

const features = source.features.map((f) => ({ ...f, properties: { ...f.properties } }));
for (const f of features) {
  const p = f.properties;
  if (p.role !== 'village') continue;
  p.visits_per_week = frequency(p.population);
  p.days = 'any';
}
writeFileSync(join(here, 'places.geojson'), `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`);

// Days since the previous visit, cyclic over the operating week: what a visit carries when mail
// waits for the next visit.
function carried(days, day) {
  const at = WEEK.indexOf(day);
  for (let back = 1; back <= WEEK.length; back++) {
    if (days.includes(WEEK[(at - back + WEEK.length) % WEEK.length])) return back;
  }
  return WEEK.length;
}

// Today's network, drawn up the administrative way: the truck visits the offices alphabetically
// every operating day (no day column: every day); each office's van goes round that day's villages
// of its township by compass bearing, a second van taking the second half of the list when the
// day's items (with the mail that waited) exceed one van, unchecked against kilograms or the shift.
const rows = ['route_id,seq,stop_id,vehicle_type,depot,tier,day'];
OFFICES.forEach((id, k) => rows.push(`trunk,${k + 1},${id},truck,${HUB},trunk,`));
for (const day of WEEK) {
  for (const office of features.filter((f) => OFFICES.includes(f.id))) {
    const daysOf = (f) => (f.properties.role === 'village' ? TODAY[f.properties.visits_per_week] : WEEK);
    const list = features
      .filter((f) => f.properties.township === office.id && daysOf(f).includes(day))
      .sort((a, b) => bearing(office, a) - bearing(office, b) || (a.id < b.id ? -1 : 1));
    if (list.length === 0) continue;
    const items = list.reduce((sum, f) => sum + (f.properties.mail + f.properties.parcels) * carried(daysOf(f), day), 0);
    const half = Math.ceil(list.length / 2);
    const parts = items > VAN_ITEMS ? [list.slice(0, half), list.slice(half)] : [list];
    parts.forEach((part, k) => part.forEach((f, s) => rows.push(`${day}-${office.id}-${k + 1},${s + 1},${f.id},van,${office.id},delivery,${day}`)));
  }
}
writeFileSync(join(here, 'baseline.csv'), `${rows.join('\n')}\n`);
