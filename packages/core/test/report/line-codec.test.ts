import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLines, decodeLinesFlat, encodeLines } from '../../src/report/html/line-codec.js';
import { joinLines } from '../../src/report/html/road-lines.js';

const point = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }));

describe('encodeLines / decodeLines', () => {
  it('round-trips lines to the precision asked for, each line continuing from the last', () => {
    fc.assert(fc.property(fc.array(fc.array(point, { minLength: 2, maxLength: 6 }), { maxLength: 5 }), fc.integer({ min: 4, max: 6 }), (lines, precision) => {
      const round = (x: number) => Math.round(x * 10 ** precision) / 10 ** precision;
      // What the encoder keeps: points rounded, repeats dropped, lines of two points or more.
      const kept = lines.map((line) => line.map(([lon, lat]) => [round(lat), round(lon)] as [number, number])
        .filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1])).filter((line) => line.length >= 2);
      const text = encodeLines(lines, precision);
      const decoded = decodeLines(text, precision);
      expect(decoded.length).toBe(kept.length);
      decoded.forEach((line, k) => line.forEach(([lat, lon], i) => {
        expect(lat).toBeCloseTo(kept[k]![i]![0], precision - 1);
        expect(lon).toBeCloseTo(kept[k]![i]![1], precision - 1);
      }));
      const flat = decodeLinesFlat(text, precision);
      expect(flat.starts.length).toBe(decoded.length === 0 ? 1 : decoded.length + 1);
      expect([...flat.coords]).toEqual(decoded.flat(2));
    }));
  });

  it('uses only printable characters and the space between lines', () => {
    const text = encodeLines([[[11.5, 50], [11.51, 50.01]], [[-70.1, -33.4], [-70.2, -33.5]]], 5);
    expect(text).toMatch(/^[?-~]+ [?-~]+$/);
  });
});

describe('joinLines', () => {
  it('draws exactly the segments it was given, in fewer strokes', () => {
    // A 6 × 6 grid of one-block lines.
    const lines: [number, number][][] = [];
    for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) {
      if (c < 5) lines.push([[c, r], [c + 1, r]]);
      if (r < 5) lines.push([[c, r], [c, r + 1]]);
    }
    const segments = (all: readonly (readonly [number, number])[][]) => all.flatMap((line) => line.slice(1).map((p, i) => [line[i]!, p].map(String).sort().join('|'))).sort();
    const strokes = joinLines(lines);
    expect(segments(strokes)).toEqual(segments(lines));
    expect(strokes.length).toBeLessThan(lines.length / 3);
  });
});
