/**
 * A county-sized synthetic road network: a perturbed grid of rows × cols junctions about
 * 120 m apart, each block side a separate LineString with one bent middle vertex, a mix of
 * road classes, some one-way streets and a few missing links. Deterministic for a seed.
 */
import { createRandom } from '@postroute/core';

const CLASSES = [
  ['residential', 0.45],
  ['unclassified', 0.25],
  ['track', 0.15],
  ['tertiary', 0.1],
  ['secondary', 0.05],
];

export function perturbedGrid({ rows, cols, seed = 1, spacing = 120, origin = [116.0, 39.0] }) {
  const random = createRandom(seed);
  const dLat = spacing / 111_195;
  const dLon = dLat / Math.cos((origin[1] * Math.PI) / 180);
  const round = (x) => Math.round(x * 1e7) / 1e7;
  const lon = new Float64Array(rows * cols);
  const lat = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      lon[r * cols + c] = round(origin[0] + (c + (random.next() - 0.5) * 0.4) * dLon);
      lat[r * cols + c] = round(origin[1] + (r + (random.next() - 0.5) * 0.4) * dLat);
    }
  }
  const pickClass = () => {
    let x = random.next();
    for (const [name, p] of CLASSES) { if ((x -= p) < 0) return name; }
    return 'residential';
  };
  const features = [];
  const edge = (a, b) => {
    if (random.next() < 0.01) return; // a missing link
    const mid = [
      round((lon[a] + lon[b]) / 2 + (random.next() - 0.5) * 0.2 * dLon),
      round((lat[a] + lat[b]) / 2 + (random.next() - 0.5) * 0.2 * dLat),
    ];
    const properties = { highway: pickClass(), oneway: random.next() < 0.03 ? 'yes' : null };
    features.push({
      type: 'Feature',
      properties,
      geometry: { type: 'LineString', coordinates: [[lon[a], lat[a]], mid, [lon[b], lat[b]]] },
    });
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = r * cols + c;
      if (c + 1 < cols) edge(v, v + 1);
      if (r + 1 < rows) edge(v, v + cols);
    }
  }
  return { type: 'FeatureCollection', features };
}
