#!/usr/bin/env node
/**
 * Writes examples/county-week/places.geojson: the county example's places (../county/places.geojson,
 * unchanged positions, populations and daily mail) with visit frequencies by size, as rural post
 * is often served: township offices (outlets) every operating day, villages of 250 inhabitants or
 * more five days a week, villages of 60–249 three times a week (never two days running), hamlets
 * and farms under 60 twice a week. No randomness: rerunning it rewrites the file byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const places = JSON.parse(readFileSync(join(here, '..', 'county', 'places.geojson'), 'utf8'));
for (const feature of places.features) {
  const p = feature.properties;
  if (p.role !== 'village') continue;
  p.visits_per_week = p.population >= 250 ? 5 : p.population >= 60 ? 3 : 2;
  p.days = 'any';
}
writeFileSync(join(here, 'places.geojson'), `${JSON.stringify(places, null, 1)}\n`);
