/**
 * A random directed multigraph for the hierarchy tests: parallel arcs, self-loops, one-way arcs
 * (3 in 10) and unreachable parts. `maxLength` sets how many distinct lengths there are: a small
 * one gives many shortest paths of exactly equal length (the tie-breaking tests want that).
 */
import { createRandom } from '@postroute/core';
import { compileArrays } from '../../src/graph/compile.js';

export function randomGraph(seed: number, n: number, m: number, maxLength = 1000): ReturnType<typeof compileArrays> {
  const random = createRandom(seed);
  const source: number[] = [];
  const target: number[] = [];
  const twoWay: number[] = [];
  const length: number[] = [];
  const duration: number[] = [];
  for (let i = 0; i < m; i++) {
    source.push(random.int(n));
    target.push(random.int(n));
    twoWay.push(random.next() < 0.7 ? 1 : 0);
    length.push(1 + random.int(maxLength));
    duration.push(1 + random.int(100) + random.next());
  }
  return compileArrays(n, Uint32Array.from(source), Uint32Array.from(target), Uint8Array.from(twoWay), Float64Array.from(length), Float64Array.from(duration));
}
