/**
 * A reproducible county: the perturbed grid of benchmarks/graph/grid.mjs (507 × 500 junctions,
 * ~500,000 road edges, ~60 × 60 km), one hub in the middle, township offices, existing village
 * stations and villages scattered beside the roads (1,000 places in all), and today's routes
 * drawn the way a clerk would: every village goes to its nearest township office, and each
 * office's van runs hub → office → its villages in compass order around the office → hub,
 * split when a van is full. Deterministic for a seed; writes roads.geojson, places.geojson,
 * baseline.csv and plan.json into a folder.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from '@postroute/core';
import { perturbedGrid } from '../graph/grid.mjs';

export const COUNTY = { rows: 507, cols: 500, places: 1000, offices: 40, stations: 20, seed: 1 };

export function writeCounty(dir, { rows, cols, places: placeCount, offices, stations, seed } = COUNTY, { timeLimit = 20, coverageKm = null } = {}) {
  mkdirSync(dir, { recursive: true });
  const roadsPath = join(dir, 'roads.geojson');
  const grid = perturbedGrid({ rows, cols, seed });
  if (!existsSync(roadsPath)) writeFileSync(roadsPath, JSON.stringify(grid));
  // Junction positions, to put places beside the roads.
  const corners = [];
  for (const feature of grid.features) corners.push(feature.geometry.coordinates[0]);
  const random = createRandom(seed + 1000);
  const near = () => {
    const [lon, lat] = corners[random.int(corners.length)];
    // Up to ~60 m off the junction: a farmyard beside the road.
    return [Math.round((lon + (random.next() - 0.5) * 0.0014) * 1e7) / 1e7, Math.round((lat + (random.next() - 0.5) * 0.001) * 1e7) / 1e7];
  };
  let box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of corners) box = [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)];
  const centre = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
  const places = [{ id: 'hub', role: 'hub', at: centre, mail: 0 }];
  for (let i = 0; i < offices; i++) places.push({ id: `office-${i + 1}`, role: 'outlet', at: near(), mail: 120 + random.int(100) });
  for (let i = 0; i < stations; i++) places.push({ id: `station-${i + 1}`, role: 'station', at: near(), mail: 40 + random.int(60) });
  while (places.length < placeCount) places.push({ id: `village-${places.length}`, role: 'village', at: near(), mail: 5 + random.int(50) });
  const features = places.map((p) => ({ type: 'Feature', id: p.id, properties: { name: p.id, role: p.role, mail: p.mail }, geometry: { type: 'Point', coordinates: p.at } }));
  writeFileSync(join(dir, 'places.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));

  // Today's routes, by hand: nearest office, compass order, split at the van's capacity.
  const capacity = 1500;
  const km = (a, b) => Math.hypot((a[0] - b[0]) * 111.32 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110.57);
  const officeList = places.filter((p) => p.role === 'outlet');
  const members = new Map(officeList.map((o) => [o.id, []]));
  for (const p of places) {
    if (p.role !== 'village' && p.role !== 'station') continue;
    let best = officeList[0];
    for (const o of officeList) if (km(p.at, o.at) < km(p.at, best.at)) best = o;
    members.get(best.id).push(p);
  }
  const lines = ['route_id,seq,stop_id,vehicle_type'];
  let vans = 0;
  for (const office of officeList) {
    const bearing = (p) => Math.atan2(p.at[0] - office.at[0], p.at[1] - office.at[1]);
    const stops = [office, ...members.get(office.id).sort((a, b) => bearing(a) - bearing(b) || (a.id < b.id ? -1 : 1))];
    let route = [];
    let load = 0;
    let part = 0;
    const flush = () => {
      if (route.length === 0) return;
      part++;
      vans++;
      route.forEach((p, k) => lines.push(`${office.id}-${part},${k + 1},${p.id},van`));
      route = [];
      load = 0;
    };
    for (const p of stops) {
      if (load + p.mail > capacity) flush();
      route.push(p);
      load += p.mail;
    }
    flush();
  }
  writeFileSync(join(dir, 'baseline.csv'), `${lines.join('\n')}\n`);
  const plan = {
    name: `Generated county (${rows} × ${cols} grid, ${placeCount} places, seed ${seed})`,
    roads: 'roads.geojson',
    places: 'places.geojson',
    baseline: 'baseline.csv',
    fleet: [{ id: 'van', count: vans + 10, capacity, depot: 'hub', departure: '07:00', maxShiftHours: 9 }],
    serviceMinutes: { outlet: 10, station: 5, village: 3 },
    operatingDaysPerYear: 306,
    snapDistanceM: 500,
    timeLimitS: timeLimit,
    seed: 1,
    ...(coverageKm ? { coverage: { radiusKm: coverageKm } } : {}),
  };
  writeFileSync(join(dir, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  return { dir, vans, places: places.length };
}
