/**
 * The roads for the map, written once and small: edges of one drawing class are joined end to end
 * into long strokes (at a junction any two ends may be joined: a drawing needs no topology), each
 * stroke is simplified at the map's scale with Turf's Douglas–Peucker, and all are encoded in one
 * string per class. On the 500k-edge county grid this is what keeps report.html within 5 MB.
 */
import { simplify } from '@turf/simplify';
import type { LineString } from 'geojson';
import { encodeLines } from './line-codec.js';

type Line = readonly (readonly [number, number])[];

const MAJOR = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link']);
const TRACK = new Set(['track', 'service', 'path']);

export type RoadDrawClass = 'major' | 'minor' | 'track';

export function roadDrawClass(highway: string): RoadDrawClass {
  return MAJOR.has(highway) ? 'major' : TRACK.has(highway) ? 'track' : 'minor';
}

/** Junction key: the point to about a metre, as one number (exact in a double for any lon/lat). */
function pointKey(p: readonly [number, number]): number {
  return Math.round((p[0] + 180) * 1e5) * 4e7 + Math.round((p[1] + 90) * 1e5);
}

/**
 * The line end waiting at each junction (-1: none), by junction key: open addressing over typed
 * arrays. A Map keyed by these numbers (beyond the small integers, so each is hashed as a double)
 * took most of the joining's time on the county's million line ends.
 */
class JunctionTable {
  private readonly key: Float64Array;
  /** Per slot: the end waiting there, -1 when none (a slot once taken keeps its key). */
  readonly end: Int32Array;
  private readonly mask: number;

  constructor(ends: number) {
    let size = 16;
    while (size < 2 * ends) size *= 2;
    this.key = new Float64Array(size).fill(NaN);
    this.end = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** The slot of `key`, taken for it if it had none. */
  slot(key: number): number {
    const keys = this.key;
    // The key is an integer below 2^53: mix its high and low 32 bits.
    const low = key >>> 0;
    const high = (key / 4294967296) >>> 0;
    let at = (Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> 0) & this.mask;
    for (;;) {
      const k = keys[at]!;
      if (k === key) return at;
      if (k !== k) { keys[at] = key; return at; }
      at = (at + 1) & this.mask;
    }
  }
}

/**
 * Joins lines end to end into strokes. Each line is used once, in either direction; the result
 * draws exactly the same segments.
 */
export function joinLines(lines: readonly Line[]): [number, number][][] {
  // At each junction, pair the line ends that meet there two by two, as they come: an end waits
  // at its junction until the next end there takes it.
  const partner = new Int32Array(2 * lines.length).fill(-1);
  const waiting = new JunctionTable(2 * lines.length);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.length < 2) continue;
    for (let end = 0; end < 2; end++) {
      const slot = waiting.slot(pointKey(end === 0 ? line[0]! : line[line.length - 1]!));
      const other = waiting.end[slot]!;
      if (other < 0) waiting.end[slot] = 2 * k + end;
      // A line whose two ends meet (a loop) is not joined to itself: it would close on nothing.
      else if (other >> 1 !== k) {
        partner[other] = 2 * k + end;
        partner[2 * k + end] = other;
        waiting.end[slot] = -1;
      }
    }
  }
  const used = new Uint8Array(lines.length);
  const strokes: [number, number][][] = [];
  const walk = (enter: number): void => {
    const stroke: [number, number][] = [];
    let at = enter;
    while (at >= 0 && !used[at >> 1]) {
      const k = at >> 1;
      used[k] = 1;
      const line = lines[k]!;
      const forward = (at & 1) === 0;
      for (let i = 0; i < line.length; i++) {
        const p = line[forward ? i : line.length - 1 - i]!;
        if (i === 0 && stroke.length > 0) continue; // the junction is already there
        // The point itself, not a copy (a county's roads are 1.5 million points): nothing after
        // writes to it (simplifyLine and the encoder only read points).
        stroke.push(p as [number, number]);
      }
      at = partner[at ^ 1]!;
    }
    strokes.push(stroke);
  };
  // Strokes start at loose ends first, then what is left is closed rings.
  for (let e = 0; e < 2 * lines.length; e++) if (!used[e >> 1] && lines[e >> 1]!.length >= 2 && partner[e]! < 0) walk(e);
  for (let k = 0; k < lines.length; k++) if (!used[k] && lines[k]!.length >= 2) walk(2 * k);
  return strokes;
}

/** Simplifies a line with Douglas–Peucker at `tolerance` degrees (kept as is when short). */
export function simplifyLine(line: [number, number][], tolerance: number): [number, number][] {
  if (line.length <= 2 || tolerance <= 0) return line;
  const geometry: LineString = { type: 'LineString', coordinates: line };
  return simplify(geometry, { tolerance, highQuality: false, mutate: true }).coordinates as [number, number][];
}

/**
 * The roads by drawing class: joined, simplified and encoded.
 *
 * @example
 * const { minor } = encodeRoads(report.roads, 1e-4, 4); // one encoded string of all minor roads
 */
export function encodeRoads(roads: readonly { highway: string; coordinates: [number, number][] }[], tolerance: number, precision: number): Record<RoadDrawClass, string> {
  const byClass: Record<RoadDrawClass, Line[]> = { major: [], minor: [], track: [] };
  for (const road of roads) byClass[roadDrawClass(road.highway)].push(road.coordinates);
  const encode = (lines: Line[]): string => encodeLines(joinLines(lines).map((stroke) => simplifyLine(stroke, tolerance)), precision);
  return { major: encode(byClass.major), minor: encode(byClass.minor), track: encode(byClass.track) };
}
