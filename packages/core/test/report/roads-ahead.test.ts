import { describe, expect, it } from 'vitest';
import { planNetwork } from '../../src/plan/index.js';
import { planReportFiles } from '../../src/report/files.js';
import { encodeRoads } from '../../src/report/html/road-lines.js';
import { encodeRoadsAhead, roadsEncodedAhead } from '../../src/report/html/roads-ahead.js';
import { frameMap, mapScale } from '../../src/report/html/frame.js';
import { gridPlaces, gridRoads, gridSpec } from '../plan/grid.js';

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
    expect(await roadsEncodedAhead(early.report.roads)).toBeDefined();
    const text = async (report: typeof plain.report) => (await planReportFiles(report)).map((file) => [file.name, file.text.replace(/"seconds":\s*[\d.]+/g, '')]);
    expect(await text(early.report)).toEqual(await text(plain.report));
  });
});
