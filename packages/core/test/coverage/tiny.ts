/** Seeded tiny instances for the brute-force comparisons. */
import { createRandom } from '../../src/util/random.js';
import type { CoverageMatrix } from '../../src/coverage/model.js';
import type { TinyInstance } from './brute-force.js';

export function tinyInstance(seed: number, options: { n?: number; m?: number; unreachable?: boolean; extras?: boolean } = {}): TinyInstance {
  const random = createRandom(seed);
  const n = options.n ?? 6 + random.int(4);
  const m = options.m ?? 5 + random.int(3);
  const d: number[] = [];
  for (let k = 0; k < n * m; k++) d.push(options.unreachable && random.next() < 0.1 ? Infinity : 1 + random.int(30));
  const w = Array.from({ length: n }, () => 1 + random.int(9));
  const cost = Array.from({ length: m }, () => 1 + random.int(4));
  const existing: number[] = [];
  const forbidden: number[] = [];
  if (options.extras) {
    existing.push(random.int(m));
    const f = random.int(m);
    if (!existing.includes(f)) forbidden.push(f);
  }
  return { n, m, d, w, existing, forbidden, cost };
}

export function asMatrix(inst: TinyInstance): CoverageMatrix {
  return {
    demandIds: Array.from({ length: inst.n }, (_, i) => `d${i}`),
    siteIds: Array.from({ length: inst.m }, (_, j) => `s${j}`),
    values: inst.d.map((v) => (Number.isFinite(v) ? v : Number.NaN)),
  };
}

export function asOptions(inst: TinyInstance): { weights: number[]; existing: string[]; forbidden: string[]; openingCosts: number[] } {
  return {
    weights: inst.w,
    existing: inst.existing.map((j) => `s${j}`),
    forbidden: inst.forbidden.map((j) => `s${j}`),
    openingCosts: inst.cost,
  };
}

/** Independent evaluation of a result's open sites: weighted distance to the nearest one. */
export function evaluateOpen(inst: TinyInstance, open: string[]): { nearest: number[] } {
  const idx = open.map((id) => Number(id.slice(1)));
  const nearest = Array.from({ length: inst.n }, (_, i) => Math.min(...idx.map((j) => inst.d[i * inst.m + j]!)));
  return { nearest };
}
