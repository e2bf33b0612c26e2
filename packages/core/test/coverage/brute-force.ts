/**
 * Exhaustive enumeration for tiny coverage instances. It shares no code with the solvers: plain
 * loops over every subset of sites (and, with capacities, every assignment).
 */
export interface TinyInstance {
  n: number;
  m: number;
  /** n × m, Infinity = unreachable. */
  d: number[];
  w: number[];
  existing: number[];
  forbidden: number[];
  cost: number[];
  capacity?: number[];
}

/** Every subset of the free sites (neither existing nor forbidden), as index lists. */
export function* subsets(inst: TinyInstance): Generator<number[]> {
  const free = [...Array(inst.m).keys()].filter((j) => !inst.existing.includes(j) && !inst.forbidden.includes(j));
  for (let mask = 0; mask < 1 << free.length; mask++) {
    yield free.filter((_, k) => mask & (1 << k));
  }
}

function nearest(inst: TinyInstance, open: number[], i: number): number {
  let best = Infinity;
  for (const j of open) best = Math.min(best, inst.d[i * inst.m + j]!);
  return best;
}

/** Demand points some usable site reaches within r. */
function coverable(inst: TinyInstance, r: number, i: number): boolean {
  for (let j = 0; j < inst.m; j++) if (!inst.forbidden.includes(j) && inst.d[i * inst.m + j]! <= r) return true;
  return false;
}

export function bruteLscp(inst: TinyInstance, r: number): number {
  let best = Infinity;
  for (const chosen of subsets(inst)) {
    const open = [...inst.existing, ...chosen];
    let ok = true;
    for (let i = 0; i < inst.n && ok; i++) if (coverable(inst, r, i) && nearest(inst, open, i) > r) ok = false;
    if (ok) best = Math.min(best, chosen.reduce((s, j) => s + inst.cost[j]!, 0));
  }
  return best;
}

export function bruteMclp(inst: TinyInstance, r: number, p: number): number {
  let best = -Infinity;
  for (const chosen of subsets(inst)) {
    if (chosen.length > p) continue;
    const open = [...inst.existing, ...chosen];
    let covered = 0;
    for (let i = 0; i < inst.n; i++) if (nearest(inst, open, i) <= r) covered += inst.w[i]!;
    best = Math.max(best, covered);
  }
  return best;
}

/** Demand points reaching no usable site are left out (the solver reports them). */
function served(inst: TinyInstance, i: number): boolean {
  for (let j = 0; j < inst.m; j++) if (!inst.forbidden.includes(j) && Number.isFinite(inst.d[i * inst.m + j]!)) return true;
  return false;
}

export function brutePMedian(inst: TinyInstance, p: number): number {
  let best = Infinity;
  for (const chosen of subsets(inst)) {
    if (chosen.length !== p) continue;
    const open = [...inst.existing, ...chosen];
    let total = 0;
    for (let i = 0; i < inst.n; i++) if (served(inst, i)) total += inst.w[i]! * nearest(inst, open, i);
    best = Math.min(best, total);
  }
  return best;
}

export function brutePCenter(inst: TinyInstance, p: number): number {
  let best = Infinity;
  for (const chosen of subsets(inst)) {
    if (chosen.length > p) continue;
    const open = [...inst.existing, ...chosen];
    let worst = 0;
    for (let i = 0; i < inst.n; i++) if (served(inst, i)) worst = Math.max(worst, nearest(inst, open, i));
    best = Math.min(best, worst);
  }
  return best;
}

/** Capacitated p-median with single assignment: every subset, every assignment. */
export function bruteCapacitatedPMedian(inst: TinyInstance, p: number): number {
  const cap = inst.capacity!;
  let best = Infinity;
  for (const chosen of subsets(inst)) {
    if (chosen.length !== p) continue;
    const open = [...inst.existing, ...chosen];
    const load = new Array<number>(inst.m).fill(0);
    const assign = (i: number, total: number): void => {
      if (total >= best) return;
      if (i === inst.n) { best = total; return; }
      for (const j of open) {
        const d = inst.d[i * inst.m + j]!;
        if (!Number.isFinite(d) || load[j]! + inst.w[i]! > cap[j]!) continue;
        load[j]! += inst.w[i]!;
        assign(i + 1, total + inst.w[i]! * d);
        load[j]! -= inst.w[i]!;
      }
    };
    assign(0, 0);
  }
  return best;
}
