/**
 * Lines for the page, small: the encoded-polyline format (each coordinate a zig-zag varint of its
 * difference from the previous one, in printable characters 63–126), extended to many lines in
 * one string: lines are separated by a space, and each line's first point is coded relative to
 * the previous line's last point, so a road network costs a few characters per vertex. The page's
 * script has the matching decoder (`DECODE_LINES_JS`), kept beside this encoder.
 */

/** Characters written into bytes (all of them ASCII: 63–126 and the space), grown by doubling. */
class Chars {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  /** Room for `more` characters. */
  reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
  }

  /** One zig-zag varint (at most 7 characters for a 32-bit value: call `reserve` first). */
  value(value: number): void {
    let v = value < 0 ? ~(value << 1) : value << 1;
    const bytes = this.bytes;
    let at = this.length;
    while (v >= 0x20) {
      bytes[at++] = (0x20 | (v & 0x1f)) + 63;
      v >>>= 5;
    }
    bytes[at++] = v + 63;
    this.length = at;
  }
}

/**
 * Encodes lines of [lon, lat] pairs at `precision` decimal places (points that round to the
 * previous one are left out, and so are lines left with fewer than two points). Written into
 * bytes through one scratch array rather than a string and a pair per point: the county's 1.5
 * million road points made this one of the report's dearest steps.
 *
 * @example
 * encodeLines([[[11.5, 50], [11.51, 50.01]]], 5); // '_sapH_gsfA_pA_pA'
 */
export function encodeLines(lines: Iterable<readonly (readonly [number, number])[]>, precision: number): string {
  const factor = 10 ** precision;
  const out = new Chars();
  // A line's rounded points, lat, lon, lat, lon, …
  let points = new Float64Array(1024);
  let lastLat = 0;
  let lastLon = 0;
  let first = true;
  for (const line of lines) {
    if (points.length < 2 * line.length) points = new Float64Array(2 * line.length);
    let count = 0;
    for (const [lon, lat] of line) {
      const qLat = Math.round(lat * factor);
      const qLon = Math.round(lon * factor);
      if (count > 0 && points[2 * count - 2] === qLat && points[2 * count - 1] === qLon) continue;
      points[2 * count] = qLat;
      points[2 * count + 1] = qLon;
      count++;
    }
    if (count < 2) continue;
    out.reserve(1 + 14 * count);
    if (!first) out.bytes[out.length++] = 32;
    first = false;
    for (let k = 0; k < count; k++) {
      const lat = points[2 * k]!;
      const lon = points[2 * k + 1]!;
      out.value(lat - lastLat);
      out.value(lon - lastLon);
      lastLat = lat;
      lastLon = lon;
    }
  }
  return new TextDecoder().decode(out.bytes.subarray(0, out.length));
}

/** Decodes `encodeLines` output back to lines of [lat, lon] pairs (Leaflet's order). */
export function decodeLines(text: string, precision: number): [number, number][][] {
  const factor = 10 ** precision;
  const lines: [number, number][][] = [];
  let line: [number, number][] = [];
  let lat = 0;
  let lon = 0;
  let i = 0;
  const next = (): number => {
    let shift = 0;
    let result = 0;
    let byte;
    do {
      byte = text.charCodeAt(i++) - 63;
      result |= (byte & 0x1f) << shift;
      shift += 5;
    } while (byte >= 0x20);
    return result & 1 ? ~(result >> 1) : result >> 1;
  };
  while (i < text.length) {
    if (text[i] === ' ') {
      lines.push(line);
      line = [];
      i++;
      continue;
    }
    lat += next();
    lon += next();
    line.push([lat / factor, lon / factor]);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * Decodes `encodeLines` output into flat arrays, for drawing many lines without an object per
 * point: `coords` holds lat, lon, lat, lon, …; line k has the points `starts[k]` up to
 * `starts[k + 1]` (exclusive; `starts` has one entry more than there are lines).
 */
export function decodeLinesFlat(text: string, precision: number): { coords: Float64Array; starts: Int32Array } {
  const factor = 10 ** precision;
  // Every point takes at least two characters, and every line one separator.
  const coords = new Float64Array(text.length + 2);
  const starts = [0];
  let n = 0;
  let lat = 0;
  let lon = 0;
  let i = 0;
  const next = (): number => {
    let shift = 0;
    let result = 0;
    let byte;
    do {
      byte = text.charCodeAt(i++) - 63;
      result |= (byte & 0x1f) << shift;
      shift += 5;
    } while (byte >= 0x20);
    return result & 1 ? ~(result >> 1) : result >> 1;
  };
  while (i < text.length) {
    if (text.charCodeAt(i) === 32) {
      starts.push(n);
      i++;
      continue;
    }
    lat += next();
    lon += next();
    coords[2 * n] = lat / factor;
    coords[2 * n + 1] = lon / factor;
    n++;
  }
  if (text.length > 0) starts.push(n);
  return { coords: coords.subarray(0, 2 * n), starts: Int32Array.from(starts) };
}

/** The same decoders for the page's script (plain JavaScript, no dependencies). */
export const DECODE_LINES_JS = decodeLines.toString();
export const DECODE_LINES_FLAT_JS = decodeLinesFlat.toString();
