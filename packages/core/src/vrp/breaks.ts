/**
 * A vehicle's breaks (VROOM's `vehicles[].breaks`): read and checked here, and timed here for the
 * one evaluator (evaluate.ts calls `scheduleWithBreaks` for every route of a type with breaks).
 *
 * Meaning, as VROOM's: a used vehicle takes each of its breaks once, in the given order, between
 * two visits (or after leaving the start, or before arriving at the end). A break starts inside
 * one of its windows and lasts its duration; when the vehicle would otherwise wait for a break's
 * window to open it drives on towards the next visit meanwhile, so the next arrival is
 * `max(leave + travel, break start) + duration`. With `maxLoad` the load on board at the break
 * must not exceed it. An empty route takes no break.
 *
 * Where the breaks go is not part of a route's stop order: the evaluator places them where they
 * cost least (a small dynamic programme over the gaps between visits, O(visits × breaks)), so every
 * move of the search is priced with its breaks placed. The O(1) summaries (segments.ts) leave
 * breaks out: they are optimistic, and the local search confirms each move by this exact schedule
 * (as for several time windows per stop, local-search.ts `exact`).
 */
import type { ProblemData, VehicleTypeData } from './model.js';

/** One break of a vehicle type, compiled. */
export interface BreakData {
  readonly id: string;
  /** Windows as `[start0, end0, start1, end1, …]`, sorted, disjoint. */
  readonly windows: Float64Array;
  readonly service: number;
  /** Largest load on board allowed at the break, per dimension, or null. */
  readonly maxLoad: Float64Array | null;
}

/** A break as the problem JSON gives it (`vehicleTypes[].breaks`). */
export interface BreakInput {
  id: string;
  /** When the break may start: one or more `[earliest, latest]`. */
  timeWindows: [number, number][];
  /** How long it lasts. Default 0. */
  duration?: number;
  /** Largest load on board allowed during the break, per dimension. */
  maxLoad?: number[];
}

type Fail = (message: string, field: string, hint?: string) => never;

/**
 * Checks a type's breaks: ids, windows (sorted, disjoint), duration, maxLoad of `nDims` entries,
 * and that they can be taken one after another in the given order (VROOM: "Inconsistent breaks").
 */
export function readBreaks(value: unknown, nDims: number, field: string, fail: Fail): BreakData[] {
  if (!Array.isArray(value)) return fail('breaks must be an array', field, 'e.g. "breaks": [{ "id": "lunch", "timeWindows": [[43200, 46800]], "duration": 1800 }]');
  const out: BreakData[] = [];
  const ids = new Set<string>();
  let earliest = -Infinity;
  (value as unknown[]).forEach((raw, k) => {
    const f = `${field}[${k}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('a break must be an object', f);
    const b = raw as Record<string, unknown>;
    for (const key of Object.keys(b))
      if (!['id', 'timeWindows', 'duration', 'maxLoad'].includes(key))
        fail(`unknown field "${key}": the solver would ignore it`, `${f}.${key}`, 'allowed fields: id, timeWindows, duration, maxLoad');
    if (typeof b.id !== 'string' || b.id === '') fail('break id must be a non-empty string', `${f}.id`);
    if (ids.has(b.id as string)) fail(`duplicate break id "${String(b.id)}"`, `${f}.id`, 'give each break of a vehicle its own id');
    ids.add(b.id as string);
    const tws = b.timeWindows;
    if (!Array.isArray(tws) || tws.length === 0) fail('timeWindows must be a non-empty array of [earliest, latest]', `${f}.timeWindows`);
    const pairs = (tws as unknown[]).map((w, i) => {
      const at = `${f}.timeWindows[${i}]`;
      if (!Array.isArray(w) || w.length !== 2 || !w.every((x) => typeof x === 'number' && Number.isFinite(x)))
        fail('a time window must be [earliest, latest] with two finite numbers', at);
      const [a, c] = w as [number, number];
      if (a > c) fail(`time window [${a}, ${c}] closes before it opens`, at, 'give [earliest, latest] with earliest ≤ latest');
      return [a, c] as [number, number];
    }).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < pairs.length; i++)
      if (pairs[i]![0] <= pairs[i - 1]![1]) fail('time windows overlap', `${f}.timeWindows`, 'merge overlapping windows into one');
    let service = 0;
    if (b.duration !== undefined) {
      if (typeof b.duration !== 'number' || !Number.isFinite(b.duration) || b.duration < 0)
        fail(`duration must be a finite number ≥ 0, got ${String(b.duration)}`, `${f}.duration`);
      service = b.duration as number;
    }
    let maxLoad: Float64Array | null = null;
    if (b.maxLoad !== undefined) {
      if (!Array.isArray(b.maxLoad) || b.maxLoad.length !== nDims)
        fail(`maxLoad must be an array of ${nDims} number(s), one per capacity dimension`, `${f}.maxLoad`);
      maxLoad = new Float64Array(nDims);
      (b.maxLoad as unknown[]).forEach((x, d) => {
        if (typeof x !== 'number' || Number.isNaN(x) || x < 0) fail(`maxLoad must be ≥ 0, got ${String(x)}`, `${f}.maxLoad[${d}]`);
        maxLoad![d] = x as number;
      });
    }
    // Taken in order: this break must be able to start after the previous one ends.
    const open = pairs.find((w) => w[1] >= earliest);
    if (open === undefined)
      fail('this break cannot start after the previous break ends', `${f}.timeWindows`, 'breaks are taken in the order given; order them by time');
    earliest = Math.max(earliest, open![0]) + service;
    out.push({ id: b.id as string, windows: Float64Array.from(pairs.flat()), service, maxLoad });
  });
  return out;
}

/** Per break of a route: where it was placed and when it was taken. */
export interface BreakTimes {
  /** Visits before it (0: right after leaving the start), or -1 when missing (plan mode). */
  gap: Int32Array;
  /** When the vehicle stopped for it (after driving on while waiting), and when it started. */
  arrival: Float64Array;
  start: Float64Array;
  /** Lateness beyond the break's last window. */
  late: Float64Array;
  /** Load on board above the break's maxLoad, summed over dimensions. */
  overLoad: Float64Array;
}

/** What `scheduleWithBreaks` returns (the evaluator's `ScheduleTotals` and more). */
export interface BreakSchedule {
  departure: number;
  timeWarp: number;
  endLateness: number;
  duration: number;
  end: number;
  /** Lateness of breaks plus their load above maxLoad (part of the penalised time excess). */
  breakExcess: number;
}

/** Per-visit times as evaluate.ts's `VisitTimes`. */
interface StopTimes {
  arrival: Float64Array;
  start: Float64Array;
  departure: Float64Array;
  late: Float64Array;
}

const TIE = 1e-9;

/**
 * Times a route of a type with breaks from `departure`. With `gapOf` the breaks are where it says
 * (plan mode: -1 = the break is missing); without, they are placed where they fit best: the least
 * lateness and load above maxLoad, then the earliest return. `warp` as in `simulateRoute`.
 */
export function scheduleWithBreaks(
  problem: ProblemData, type: VehicleTypeData, stops: ArrayLike<number>, length: number, departure: number,
  times: StopTimes | null, breakTimes: BreakTimes | null, warp: boolean, gapOf: Int32Array | null = null,
): BreakSchedule {
  const m = type.breaks.length;
  const gaps = gapOf ?? (length === 0 ? new Int32Array(m).fill(-1) : placeBreaks(problem, type, stops, length, departure, warp));
  return timeRoute(problem, type, stops, length, departure, times, breakTimes, warp, gaps);
}

/** Scratch reused by every call (placeBreaks, then timeRoute, never nested): loads and DP back-pointers. */
let loadScratch = new Float64Array(0);
let fromScratch = new Int32Array(0);
/** placeBreaks' DP rows (seven of m + 1 entries) and its answer (`gapsScratch`, read at once by timeRoute). */
let stateScratch = new Float64Array(0);
let gapsScratch = new Int32Array(0);

/**
 * Load on board after each visit (`loads[(k + 1) * D + d]`; k = -1: leaving the start), in the
 * shared scratch: valid until the next call.
 */
function loadsAlong(problem: ProblemData, stops: ArrayLike<number>, length: number): Float64Array {
  const D = problem.nDims;
  if (loadScratch.length < (length + 1) * D) loadScratch = new Float64Array(2 * (length + 1) * D);
  const loads = loadScratch;
  loads.fill(0, 0, D);
  for (let k = 0; k < length; k++) for (let d = 0; d < D; d++) loads[d] = loads[d]! + problem.delivery[stops[k]! * D + d]!;
  for (let k = 0; k < length; k++) {
    const s = stops[k]!;
    for (let d = 0; d < D; d++) loads[(k + 1) * D + d] = loads[k * D + d]! - problem.delivery[s * D + d]! + problem.pickup[s * D + d]!;
  }
  return loads;
}

/** Load above a break's maxLoad at gap g. */
function overLoadAt(b: BreakData, loads: Float64Array, g: number, D: number): number {
  if (b.maxLoad === null) return 0;
  let over = 0;
  for (let d = 0; d < D; d++) {
    const x = loads[g * D + d]! - b.maxLoad[d]!;
    if (x > 0) over += x;
  }
  return over;
}

/**
 * What takeBreak and serveAt found, in module scratch rather than a tuple per visit: the local
 * search times every route it changes with its breaks, and those tuples were a large share of its
 * garbage (n150-breaks).
 */
const found = { start: 0, late: 0, driven: 0 };

/**
 * The break at time t, `remaining` travel still ahead: found.start, found.late (lateness) and
 * found.driven (driven meanwhile). Service starts in the first window still open (VROOM's choice).
 */
function takeBreak(b: BreakData, t: number, remaining: number, warp: boolean): void {
  const w = b.windows;
  for (let i = 0; i < w.length; i += 2) {
    if (t <= w[i + 1]!) {
      const start = t > w[i]! ? t : w[i]!;
      const wait = start - t;
      found.start = start;
      found.late = 0;
      found.driven = wait < remaining ? wait : remaining;
      return;
    }
  }
  const close = w[w.length - 1]!;
  found.start = warp ? close : t;
  found.late = t - close;
  found.driven = 0;
}

/** Serves stop s arriving at t: found.start and found.late (first window that can still be met). */
function serveAt(problem: ProblemData, s: number, t: number, warp: boolean): void {
  const w0 = problem.windowStart[s]!;
  const w1 = problem.windowStart[s + 1]!;
  for (let w = w0; w < w1; w++) {
    if (t <= problem.windows[2 * w + 1]!) {
      found.start = Math.max(t, problem.windows[2 * w]!);
      found.late = 0;
      return;
    }
  }
  const close = problem.windows[2 * (w1 - 1) + 1]!;
  found.start = warp ? close : t;
  found.late = t - close;
}

/**
 * Dynamic programme over (visits done, breaks taken): per state the least excess (lateness, load
 * above maxLoad), then the earliest time. Arriving earlier never hurts (waiting is allowed), so
 * keeping the best state per cell is exact for a route without excess.
 */
function placeBreaks(problem: ProblemData, type: VehicleTypeData, stops: ArrayLike<number>, length: number, departure: number, warp: boolean): Int32Array {
  const m = type.breaks.length;
  const D = problem.nDims;
  const W = m + 1;
  const prof = problem.profiles[type.profile]!;
  const n = problem.nLocations;
  const loads = type.breaks.some((b) => b.maxLoad !== null) ? loadsAlong(problem, stops, length) : null;
  // State at the start of each gap (leaving the previous visit), per breaks taken; the rows live
  // in one shared scratch (the search times a route with its breaks for almost every insertion it
  // prices: seven small arrays per call were a visible share of the shipment search's time).
  if (stateScratch.length < 7 * W) stateScratch = new Float64Array(14 * W);
  const st = stateScratch;
  // Rows of st: ex and tm (state entering the gap), cex, ct, cr (after the breaks in it), nex and
  // ntm (after the next visit); ex/nex and tm/ntm swap by their offsets.
  let ex = 0;
  let tm = W;
  const cex = 2 * W;
  const ct = 3 * W;
  const cr = 4 * W;
  let nex = 5 * W;
  let ntm = 6 * W;
  st.fill(Infinity, ex, ex + W);
  st.fill(0, tm, tm + W);
  st[ex] = 0;
  st[tm] = departure;
  // from[g * W + j]: breaks taken when entering gap g on the way to state j after it.
  if (fromScratch.length < (length + 1) * W) fromScratch = new Int32Array(2 * (length + 1) * W);
  const from = fromScratch;
  let prev = type.startLocation;
  for (let g = 0; g <= length; g++) {
    const next = g < length ? problem.nDepots + stops[g]! : type.endLocation;
    const travel = prof.duration[prev * n + next]!;
    for (let j = 0; j < W; j++) {
      st[cex + j] = st[ex + j]!;
      st[ct + j] = st[tm + j]!;
      st[cr + j] = travel;
      from[g * W + j] = j;
    }
    for (let j = 0; j < m; j++) {
      if (st[cex + j] === Infinity) continue;
      const b = type.breaks[j]!;
      takeBreak(b, st[ct + j]!, st[cr + j]!, warp);
      const { start, late, driven } = found;
      const e = st[cex + j]! + late + (loads === null ? 0 : overLoadAt(b, loads, g, D));
      const t = start + b.service;
      const r = st[cr + j]! - driven;
      const better = e < st[cex + j + 1]! - TIE || (e <= st[cex + j + 1]! + TIE && t + r < st[ct + j + 1]! + st[cr + j + 1]! - TIE);
      if (better) {
        st[cex + j + 1] = e;
        st[ct + j + 1] = t;
        st[cr + j + 1] = r;
        from[g * W + j + 1] = from[g * W + j]!;
      }
    }
    if (g === length) break;
    const s = stops[g]!;
    const service = problem.serviceTime[next]!;
    for (let j = 0; j < W; j++) {
      if (st[cex + j] === Infinity) {
        st[nex + j] = Infinity;
        continue;
      }
      serveAt(problem, s, st[ct + j]! + st[cr + j]!, warp);
      st[nex + j] = st[cex + j]! + found.late;
      st[ntm + j] = found.start + service;
    }
    [ex, nex] = [nex, ex];
    [tm, ntm] = [ntm, tm];
    prev = next;
  }
  // Every break must be taken: walk back from (end, m).
  if (gapsScratch.length !== m) gapsScratch = new Int32Array(m);
  const gapOf = gapsScratch;
  gapOf.fill(0);
  let j = m;
  for (let g = length; g >= 0 && j > 0; g--) {
    const entered = from[g * W + j]!;
    for (let k = entered; k < j; k++) gapOf[k] = g;
    j = entered;
  }
  return gapOf;
}

/**
 * Drives the route with the breaks at the given gaps (-1: not taken), as `simulateRoute` does:
 * time warp is the lateness at stops, breaks and the end plus the load above breaks' maxLoad;
 * duration counts travel, service, breaks and waiting (with `warp` the clock is set back at each
 * lateness, and the duration still counts the time lost).
 */
function timeRoute(
  problem: ProblemData, type: VehicleTypeData, stops: ArrayLike<number>, length: number, departure: number,
  times: StopTimes | null, breakTimes: BreakTimes | null, warp: boolean, gapOf: Int32Array,
): BreakSchedule {
  const m = type.breaks.length;
  const D = problem.nDims;
  const prof = problem.profiles[type.profile]!;
  const n = problem.nLocations;
  const loads = type.breaks.some((b) => b.maxLoad !== null) ? loadsAlong(problem, stops, length) : null;
  let t = departure;
  let lateness = 0;
  let setBack = 0;
  let breakExcess = 0;
  let prev = type.startLocation;
  for (let g = 0; g <= length; g++) {
    const next = g < length ? problem.nDepots + stops[g]! : type.endLocation;
    let remaining = prof.duration[prev * n + next]!;
    for (let j = 0; j < m; j++) {
      if (gapOf[j] !== g) continue;
      const b = type.breaks[j]!;
      takeBreak(b, t, remaining, warp);
      const { start, late, driven } = found;
      const over = loads === null ? 0 : overLoadAt(b, loads, g, D);
      if (breakTimes !== null) {
        breakTimes.gap[j] = g;
        breakTimes.arrival[j] = t + driven;
        breakTimes.start[j] = start;
        breakTimes.late[j] = late;
        breakTimes.overLoad[j] = over;
      }
      remaining -= driven;
      breakExcess += late + over;
      if (warp) setBack += late;
      t = start + b.service;
    }
    t += remaining;
    if (g === length) break;
    const s = stops[g]!;
    const arrival = t;
    serveAt(problem, s, t, warp);
    const { start, late } = found;
    lateness += late;
    if (warp) setBack += late;
    const service = problem.serviceTime[next]!;
    if (times !== null) {
      times.arrival[g] = arrival;
      times.start[g] = start;
      times.departure[g] = start + service;
      times.late[g] = late;
    }
    t = start + service;
    prev = next;
  }
  if (breakTimes !== null) for (let j = 0; j < m; j++) if (gapOf[j]! < 0) breakTimes.gap[j] = -1;
  let endLateness = 0;
  if (t > type.endLate) {
    endLateness = t - type.endLate;
    if (warp) {
      setBack += endLateness;
      t = type.endLate;
    }
  } else if (t < type.endEarly) t = type.endEarly;
  return {
    departure,
    timeWarp: lateness + endLateness + breakExcess,
    endLateness,
    duration: t - departure + setBack,
    end: t,
    breakExcess,
  };
}
