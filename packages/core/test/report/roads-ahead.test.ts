import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/index.js';
import { planReportFiles } from '../../src/report/files.js';
import { encodeRoads } from '../../src/report/html/road-lines.js';
import { adoptRoadsEncoded, encodeRoadsAhead, encodeRoadsFramed, roadsEncodedAhead } from '../../src/report/html/roads-ahead.js';
import { frameMap, mapScale } from '../../src/report/html/frame.js';
import { gridPlaces, gridRoads, gridSpec } from '../plan/grid.js';
import { decodePrepared, encodePrepared, prepareRoads } from '../../src/prepared/prepare.js';

describe('the map roads encoded ahead on a worker', () => {
  it('gives the text the view encodes itself, at the scale it frames', async () => {
    // Roads of three classes, lines that join end to end and one that bends back on itself.
    const roads = [
      { highway: 'primary', coordinates: [[11.5, 50.0], [11.51, 50.001], [11.52, 50.0]] as [number, number][] },
      { highway: 'primary', coordinates: [[11.52, 50.0], [11.53, 50.002]] as [number, number][] },
      { highway: 'residential', coordinates: [[11.5, 50.0], [11.5001, 50.01], [11.5, 50.02], [11.5002, 50.03]] as [number, number][] },
      { highway: 'track', coordinates: [[11.51, 50.01], [11.52, 50.011], [11.51, 50.012]] as [number, number][] },
    ];
    const places = [{ id: 'hub', lon: 11.505, lat: 50.005 }, { id: 'far', lon: 50.005, lat: 11.505 }];
    encodeRoadsAhead(roads, places);
    const ahead = await roadsEncodedAhead(roads);
    expect(ahead).toBeDefined();
    const { tolerance, precision } = mapScale(frameMap(roads.map((road) => road.coordinates), places.map((p) => ({ ...p, name: p.id }))).frame);
    expect(ahead).toEqual({ tolerance, precision, encoded: encodeRoads(roads, tolerance, precision) });
    // Not started for other roads, nor for points with a third value (the view encodes those).
    expect(await roadsEncodedAhead([...roads])).toBeUndefined();
    const high = [{ highway: 'primary', coordinates: [[11.5, 50.0, 300], [11.51, 50.001, 310]] as unknown as [number, number][] }];
    encodeRoadsAhead(high, places);
    expect(await roadsEncodedAhead(high)).toBeUndefined();
  });

  it('leaves every file of a plan as it was', async () => {
    const make = () => ({ spec: gridSpec(), roads: gridRoads(), places: gridPlaces(), baseline: { routes: [{ id: 'T1', stops: ['v1', 'v2', 'v4'] }, { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] }] } });
    const options = { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 100 };
    const plain = await planNetwork(make(), options);
    const early = await planNetwork(make(), { ...options, encodeMapAhead: true });
    expect(await roadsEncodedAhead(plain.report.roads)).toBeUndefined();
    // Encoded ahead only with cores to spare (on two the worker costs more than it saves).
    if (availableParallelism() > 2) expect(await roadsEncodedAhead(early.report.roads)).toBeDefined();
    else expect(await roadsEncodedAhead(early.report.roads)).toBeUndefined();
    const text = async (report: typeof plain.report) => (await planReportFiles(report)).map((file) => [file.name, file.text.replace(/"seconds":\s*[\d.]+/g, '')]);
    expect(await text(early.report)).toEqual(await text(plain.report));
  });
});

describe('the map roads encoded once, as a prepared file keeps them', () => {
  const roads = () => [
    { highway: 'primary', coordinates: [[11.5, 50.0], [11.51, 50.001], [11.52, 50.0]] as [number, number][] },
    { highway: 'residential', coordinates: [[11.5, 50.0], [11.5001, 50.01], [11.5, 50.02], [11.5002, 50.03]] as [number, number][] },
    { highway: 'track', coordinates: [[11.51, 50.01], [11.52, 50.011], [11.51, 50.012]] as [number, number][] },
  ];

  it('are what the view encodes itself when the places lie within the roads', async () => {
    const kept = encodeRoadsFramed(roads());
    const mine = roads();
    // Inside, on the edge of, and a little beyond the roads' extent but still near them.
    const places = [{ id: 'a', lon: 11.505, lat: 50.005 }, { id: 'b', lon: 11.52, lat: 50.03 }];
    expect(adoptRoadsEncoded(mine, places, kept)).toBe(true);
    const { tolerance, precision } = mapScale(frameMap(mine.map((road) => road.coordinates), places.map((p) => ({ ...p, name: p.id }))).frame);
    expect(await roadsEncodedAhead(mine)).toEqual({ tolerance, precision, encoded: encodeRoads(mine, tolerance, precision) });
  });

  it('are not handed over when a place widens the map (its scale then differs)', async () => {
    const kept = encodeRoadsFramed(roads());
    const mine = roads();
    // Near the roads (inside the frame's margin), so framed, but beyond their extent.
    expect(adoptRoadsEncoded(mine, [{ id: 'out', lon: 11.53, lat: 50.04 }], kept)).toBe(false);
    expect(await roadsEncodedAhead(mine)).toBeUndefined();
    // Far off places are left out of the frame, so the roads' scale holds.
    expect(adoptRoadsEncoded(mine, [{ id: 'swapped', lon: 50.01, lat: 11.51 }], kept)).toBe(true);
  });

  it('are taken by a plan on a prepared network, whose files equal the raw plan\'s', async () => {
    const baseline = { routes: [{ id: 'T1', stops: ['v1', 'v2', 'v4'] }, { id: 'T2', stops: ['v5', 'v6', 'outlet', 'v3'] }] };
    const chunks = encodePrepared(prepareRoads(gridRoads(), { source: 'grid.geojson', roads: { bytes: 0, sha256: '' } }));
    const prepared = decodePrepared(new Uint8Array(Buffer.concat(chunks)), 'grid.prn');
    const options = { seed: 3, timeLimit: 60, maxIterationsWithoutImprovement: 100 };
    const raw = await planNetwork({ spec: gridSpec(), roads: gridRoads(), places: gridPlaces(), baseline }, options);
    const fromFile = await planNetwork({ spec: gridSpec(), roads: prepared, places: gridPlaces(), baseline }, options);
    expect(await roadsEncodedAhead(raw.report.roads)).toBeUndefined();
    const kept = await roadsEncodedAhead(fromFile.report.roads);
    expect(kept?.encoded).toEqual(prepared.map!.encoded);
    const text = async (report: typeof raw.report) => (await planReportFiles(report)).map((file) => [file.name, file.text.replace(/"seconds":\s*[\d.]+/g, '').replaceAll('grid.prn', 'grid.geojson')]);
    expect(await text(fromFile.report)).toEqual(await text(raw.report));
  });
});
