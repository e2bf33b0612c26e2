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
const TODAY = { 5: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], 3: ['Tue', 'Thu', 'Sat'], 2: ['Wed', 'Sat'] };

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

// Today's network, drawn up the administrative way and within the rules a county keeps (no van
// or truck loaded over its capacity, mail that waited included): each office's vans go round that
// day's villages of its township by compass bearing, the next van starting when the next village
// would overfill the van (items or kilograms, deliveries and pick-ups counted together, which is
// never less than the load at any point of the round); the trucks take the offices alphabetically,
// one truck when that day's loads fit one, else the offices split over two trucks (the split whose
// heavier truck is lightest). Shift lengths are not checked here: the planner's evaluator says.
const VAN = { items: 900, kg: 500 };
const TRUCK = { items: 6000, kg: 2500 };
const daysOf = (f) => (f.properties.role === 'village' ? TODAY[f.properties.visits_per_week] : WEEK);
// What a visit on `day` carries: the day's volumes times the days since the previous visit.
const loadOf = (f, day, carry = carried(daysOf(f), day)) => {
  const p = f.properties;
  return { items: (p.mail + p.parcels + (p.pickup_items ?? 0)) * carry, kg: ((p.parcel_kg ?? 0) + (p.pickup_kg ?? 0)) * carry };
};
const add = (a, b) => ({ items: a.items + b.items, kg: a.kg + b.kg });
const fits = (load, cap) => load.items <= cap.items && load.kg <= cap.kg + 1e-9;
const zero = { items: 0, kg: 0 };

const rows = ['route_id,seq,stop_id,vehicle_type,depot,tier,day'];
const offices = features.filter((f) => OFFICES.includes(f.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
for (const day of WEEK) {
  // The trunk: each office's own mail and that of its villages served that day.
  const officeLoad = new Map(offices.map((office) => [office.id, features
    .filter((f) => f.properties.township === office.id && daysOf(f).includes(day))
    .reduce((sum, f) => add(sum, loadOf(f, day)), loadOf(office, day, 1))]));
  const total = (ids) => ids.reduce((sum, id) => add(sum, officeLoad.get(id)), zero);
  const ids = offices.map((office) => office.id);
  let trucks = [ids];
  if (!fits(total(ids), TRUCK)) {
    const splits = ids.map((alone) => [[alone], ids.filter((id) => id !== alone)]).filter((split) => split.every((part) => fits(total(part), TRUCK)));
    splits.sort((a, b) => Math.max(...a.map((part) => total(part).items)) - Math.max(...b.map((part) => total(part).items)));
    trucks = splits[0] ?? [ids];
  }
  trucks.forEach((part, k) => part.forEach((id, s) => rows.push(`${day}-trunk-${k + 1},${s + 1},${id},truck,${HUB},trunk,${day}`)));
  // The vans of each office.
  for (const office of offices) {
    const list = features
      .filter((f) => f.properties.township === office.id && daysOf(f).includes(day))
      .sort((a, b) => bearing(office, a) - bearing(office, b) || (a.id < b.id ? -1 : 1));
    const vans = [];
    let load = zero;
    for (const f of list) {
      const next = add(load, loadOf(f, day));
      if (vans.length === 0 || !fits(next, VAN)) {
        vans.push([f]);
        load = loadOf(f, day);
      } else {
        vans[vans.length - 1].push(f);
        load = next;
      }
    }
    vans.forEach((part, k) => part.forEach((f, s) => rows.push(`${day}-${office.id}-${k + 1},${s + 1},${f.id},van,${office.id},delivery,${day}`)));
  }
}
writeFileSync(join(here, 'baseline.csv'), `${rows.join('\n')}\n`);
