/**
 * Ordered crossover (OX) on giant tours, as in HGS-CVRP: copy a random circular slice of the first
 * parent, then fill the rest in the second parent's order, starting after the slice.
 */
import type { Random } from '../../util/random.js';

export function orderCrossover(
  a: Int32Array, b: Int32Array, length: number, rng: Random, out: Int32Array, seen: Uint8Array,
): void {
  if (length < 2) {
    out.set(a.subarray(0, length));
    return;
  }
  const start = rng.int(length);
  let end = rng.int(length);
  while (end === start) end = rng.int(length);
  for (let k = 0; k < length; k++) seen[a[k]!] = 0;
  // The slice runs from start to end inclusive, circularly (2 … length positions).
  const count = ((end - start + length) % length) + 1;
  let j = start;
  for (let k = 0; k < count; k++, j++) {
    const x = a[j % length]!;
    out[j % length] = x;
    seen[x] = 1;
  }
  for (let i = 1; i <= length; i++) {
    const x = b[(end + i) % length]!;
    if (seen[x]) continue;
    out[j % length] = x;
    seen[x] = 1;
    j++;
  }
}
