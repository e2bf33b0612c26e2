/**
 * A county-scale plan report without planning it: the perturbed grid of benchmarks/graph/grid.mjs
 * as the roads (507 × 500 junctions, ~500,000 edges by default), 1,000 places beside the roads,
 * and today's and new routes that drive along the grid from stop to stop (rows first, then
 * columns), with times, loads and visits. Only for measuring what report.html and sheets.html
 * cost at county scale (bytes, time to render, time to open in a browser); the figures in it
 * mean nothing. Deterministic for a seed.
 */
import { computeSavings, createRandom } from '@postroute/core';
import { perturbedGrid } from '../graph/grid.mjs';

export function countyReport({ rows = 507, cols = 500, places: placeCount = 1000, stopsPerRoute = 16, seed = 1 } = {}) {
  const grid = perturbedGrid({ rows, cols, seed });
  const random = createRandom(seed + 7);
  // Junction positions by grid index: the first point of each feature is a junction.
  const junction = new Map();
  // The grid's own origin and spacing (benchmarks/graph/grid.mjs defaults).
  const origin = [116.0, 39.0];
  const dLat = 120 / 111_195;
  const spacing = dLat / Math.cos((origin[1] * Math.PI) / 180);
  for (const feature of grid.features) {
    for (const p of [feature.geometry.coordinates[0], feature.geometry.coordinates[2]]) {
      const c = Math.round((p[0] - origin[0]) / spacing);
      const r = Math.round((p[1] - origin[1]) / dLat);
      junction.set(r * cols + c, p);
    }
  }
  const at = (r, c) => junction.get(r * cols + c) ?? [origin[0] + c * spacing, origin[1] + r * dLat];
  const cells = [];
  const places = [];
  const hub = [Math.floor(rows / 2), Math.floor(cols / 2)];
  places.push({ id: 'hub', name: 'Hub', role: 'hub', lon: at(...hub)[0], lat: at(...hub)[1], population: 5000, mail: 0 });
  cells.push(hub);
  for (let i = 1; i < placeCount; i++) {
    const cell = [random.int(rows), random.int(cols)];
    const [lon, lat] = at(...cell);
    const role = i <= 40 ? 'outlet' : i <= 60 ? 'station' : 'village';
    places.push({ id: `p${i}`, name: `${role} ${i}`, role, lon: lon + 0.0003, lat: lat + 0.0002, population: 50 + random.int(500), mail: 5 + random.int(50) });
    cells.push(cell);
  }
  // A drive along the grid from cell a to cell b: along the row, then along the column.
  const drive = (a, b, out) => {
    const [r0, c0] = a;
    const [r1, c1] = b;
    for (let c = c0; c !== c1; c += Math.sign(c1 - c0)) out.push(at(r0, c));
    for (let r = r0; r !== r1; r += Math.sign(r1 - r0)) out.push(at(r, c1));
  };
  const routesOf = (phase, order) => {
    const routes = [];
    for (let k = 0; k * stopsPerRoute < order.length; k++) {
      const stops = order.slice(k * stopsPerRoute, (k + 1) * stopsPerRoute);
      const geometry = [];
      const visits = [];
      let previous = 0;
      let t = 8 * 3600;
      let distance = 0;
      let load = stops.reduce((sum, i) => sum + places[i].mail, 0);
      const total = load;
      for (const i of stops) {
        const before = geometry.length;
        drive(cells[previous], cells[i], geometry);
        const metres = (geometry.length - before) * 120;
        distance += metres;
        t += metres / 12;
        load -= places[i].mail;
        visits.push({ id: places[i].id, arrival: Math.round(t), start: Math.round(t), departure: Math.round(t + 180), load, distance });
        t += 180;
        previous = i;
      }
      drive(cells[previous], cells[0], geometry);
      geometry.push(at(...cells[0]));
      distance += 120 * (geometry.length - 1 - visits.length);
      const arrival = Math.round(t + 600);
      routes.push({
        id: `${phase === 'before' ? 'T' : 'N'}${k + 1}`, phase, vehicleType: 'van', depot: 'hub', stops: stops.map((i) => places[i].id), visits,
        departure: 8 * 3600, arrival, distance, duration: arrival - 8 * 3600, load: total, capacity: 1500, violations: [],
        geometry: geometry.map(([lon, lat]) => [lon, lat]),
      });
    }
    return routes;
  };
  const ids = places.map((_, i) => i).slice(1);
  // Today: in id order (scattered); the plan: sorted by position (compact).
  const before = routesOf('before', ids);
  const after = routesOf('after', [...ids].sort((a, b) => cells[a][0] - cells[b][0] || cells[a][1] - cells[b][1]));
  return {
    summary: computeSavings(before, after, { name: `Generated county (${rows} × ${cols} grid, ${placeCount} places)`, operatingDaysPerYear: 300, unassigned: [] }),
    places,
    before,
    after,
    roads: grid.features.map((f) => ({ highway: f.properties.highway, coordinates: f.geometry.coordinates })),
    run: { seed, timeLimitS: 0, seconds: 0, generatedBy: 'benchmarks/scale/report-case.mjs' },
  };
}
