import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildNetwork, parseRoads, readGeoJson, readOsmXml, readPlaces, readRoads, sniffRoadFile, type RoadNetwork } from '@postroute/core';
import { inputError, rejectedInput } from '../support/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'postroute-osm-'));

/** Every edge as text: end coordinates, vertex count, length, direction, speed, class (sorted). */
function edgeList(network: RoadNetwork): string[] {
  const at = (c: number[]): string => `${c[0]},${c[1]}`;
  return network.edges.map((e) => `${at(e.coordinates[0]!)}>${at(e.coordinates.at(-1)!)}|${e.coordinates.length}|${e.length.toFixed(6)}|${e.oneway}|${e.speed}|${e.roadClass}`).sort();
}

describe('OSM files as downloaded give the same graph as the GeoJSON extracts made from them', () => {
  for (const [area, file] of [['andorra', 'andorra.osm.pbf'], ['north-bayreuth', 'north-bayreuth.osm.gz']] as const) {
    it(`${area}: ${file}`, async () => {
      const base = `examples/data/osm/${area}`;
      const fromGeoJson = buildNetwork(readGeoJson(readFileSync(`${base}/roads.geojson`, 'utf8'), 'roads.geojson'));
      const fromOsm = buildNetwork(await readRoads(`${base}/${file}`));
      expect(fromOsm.stats.nodes).toBe(fromGeoJson.stats.nodes);
      expect(fromOsm.stats.edges).toBe(fromGeoJson.stats.edges);
      expect(fromOsm.stats.length).toBe(fromGeoJson.stats.length);
      expect(fromOsm.dropped.edges).toBe(fromGeoJson.dropped.edges);
      expect(edgeList(fromOsm)).toEqual(edgeList(fromGeoJson));
    });
  }
});

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="99"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="name" v="Hauptstraße &amp; Co"/></way>
  <node id="1" lat="50.0000000" lon="11.0000000"/>
  <node id="2" lat="50.0010000" lon="11.0000000"><tag k="highway" v="crossing"/></node>
  <node id="3" lat="50.0010000" lon="11.0010000"/>
  <way id="11"><nd ref="2"/><nd ref="3"/><tag k="building" v="yes"/></way>
  <way id="12"><nd ref="98"/><nd ref="1"/><tag k="highway" v="track"/></way>
  <relation id="5"><member type="way" ref="10" role=""/><tag k="type" v="route"/></relation>
</osm>
`;

describe('readRoads', () => {
  it('reads OSM XML, plain or gzipped: highway ways with their tags, nodes outside the file left out', async () => {
    const plain = join(dir, 'area.osm');
    writeFileSync(plain, xml);
    const roads = await readRoads(plain);
    expect(roads.features).toEqual([{
      type: 'Feature', id: 'way/10',
      properties: { osm_id: 10, highway: 'residential', name: 'Hauptstraße & Co' },
      geometry: { type: 'LineString', coordinates: [[11, 50], [11, 50.001], [11.001, 50.001]] },
    }]);
    const gz = join(dir, 'area.osm.gz');
    writeFileSync(gz, gzipSync(xml));
    expect(await readRoads(gz)).toEqual(roads);
  });

  it('reads gzipped GeoJSON, and tells the format by content whatever the extension', async () => {
    const text = readFileSync('examples/data/osm/neudrossenfeld/roads.geojson', 'utf8');
    const gz = join(dir, 'roads.geojson.gz');
    writeFileSync(gz, gzipSync(text));
    expect(await readRoads(gz)).toEqual(JSON.parse(text));
    const misnamed = join(dir, 'roads.geojson');
    writeFileSync(misnamed, readFileSync('examples/data/osm/andorra/andorra.osm.pbf'));
    expect((await readRoads(misnamed)).features.length).toBeGreaterThan(1000);
  });

  it('says what is wrong in one line: binary data, broken gzip, not OSM XML, a missing file', async () => {
    const binary = join(dir, 'noise.bin');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 250, 251, 0, 7, 8, 9]));
    expect((await rejectedInput(() => readRoads(binary))).describe()).toMatch(/noise\.bin: this looks like binary data, not GeoJSON or OSM roads/);
    expect((await rejectedInput(() => parseRoads(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2]), 'r.gz'))).describe()).toMatch(/^r\.gz: this looks like gzip data, but it does not unpack/);
    expect((await rejectedInput(() => parseRoads(Buffer.from('<html><body/></html>'), 'page.osm'))).describe()).toMatch(/page\.osm, line 1: this XML file is not OSM data: its root element is <html>/);
    expect((await rejectedInput(() => parseRoads(Buffer.from('<osm><node id="1" lat="1" lon="2"'), 'cut.osm'))).describe()).toMatch(/^cut\.osm, line 1: malformed OSM XML/);
    expect((await rejectedInput(() => parseRoads(Buffer.from('<osm><node id="1" lat="1" lon="2"/></osm>'), 'empty.osm'))).message).toMatch(/no roads in the OSM file/);
    expect((await rejectedInput(() => readRoads(join(dir, 'nope.geojson'), { source: 'nope.geojson', notFoundHint: 'the path is relative to plan.json' }))).describe())
      .toBe('nope.geojson: roads file not found — the path is relative to plan.json');
  });

  it('gzip or binary data where a text file is expected gets one line, not its bytes echoed', async () => {
    const gzText = gzipSync('{"type":"FeatureCollection","features":[]}').toString('utf8');
    const gz = inputError(() => readGeoJson(gzText, 'roads.geojson'));
    expect(gz.describe()).toMatch(/^roads\.geojson: this looks like gzip data: a compressed file, not text — unpack it first/);
    const pbfText = readFileSync('examples/data/osm/andorra/andorra.osm.pbf').toString('utf8');
    expect((await rejectedInput(() => readPlaces(pbfText, { source: 'places.geojson' }))).describe()).toMatch(/this looks like binary data, not text/);
    expect((await rejectedInput(() => readPlaces(pbfText, { source: 'places.csv' }))).describe()).toMatch(/this looks like binary data, not text/);
    expect(sniffRoadFile(readFileSync('examples/data/osm/andorra/andorra.osm.pbf'))).toBe('osm-pbf');
  });
});

/** An OSM XML writer independent of the reader. */
function writeOsm(nodes: Array<{ id: number; lon: number; lat: number }>, ways: Array<{ id: number; refs: number[]; tags: Record<string, string> }>, waysFirst: boolean): string {
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');
  const nodeXml = nodes.map((n) => `<node id="${n.id}" lat="${n.lat.toFixed(7)}" lon="${n.lon.toFixed(7)}"/>`);
  const wayXml = ways.map((w) => `<way id="${w.id}">${w.refs.map((r) => `<nd ref="${r}"/>`).join('')}${Object.entries(w.tags).map(([k, v]) => `<tag k="${escape(k)}" v="${escape(v)}"/>`).join('')}</way>`);
  return `<?xml version="1.0"?>\n<osm version="0.6">\n${(waysFirst ? [...wayXml, ...nodeXml] : [...nodeXml, ...wayXml]).join('\n')}\n</osm>\n`;
}

describe('property: any OSM XML reads back as its highway ways', () => {
  it('with nodes before or after the ways, refs outside the file, any tag text', () => {
    const tagText = fc.string({ unit: fc.constantFrom('a', 'ß', '&', '<', '"', "'", ' ', '=', '1'), minLength: 1, maxLength: 6 });
    const scenario = fc.record({
      coords: fc.array(fc.tuple(fc.integer({ min: -1_800_000_000, max: 1_800_000_000 }), fc.integer({ min: -900_000_000, max: 900_000_000 })), { minLength: 2, maxLength: 12 }),
      ways: fc.array(fc.record({
        refs: fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 6 }),
        highway: fc.option(fc.constantFrom('primary', 'track', 'footway'), { nil: undefined }),
        tags: fc.dictionary(tagText.filter((k) => k !== 'highway'), tagText, { maxKeys: 3 }),
      }), { minLength: 1, maxLength: 6 }),
      waysFirst: fc.boolean(),
    });
    fc.assert(
      fc.property(scenario, ({ coords, ways, waysFirst }) => {
        const nodes = coords.map(([x, y], i) => ({ id: i + 1, lon: x / 1e7, lat: y / 1e7 }));
        const osmWays = ways.map((w, i) => ({ id: 100 + i, refs: w.refs, tags: w.highway ? { ...w.tags, highway: w.highway } : w.tags }));
        const expected = osmWays.flatMap((w) => {
          if (w.tags.highway === undefined) return [];
          const coordinates = w.refs.filter((r) => r >= 1 && r <= nodes.length).map((r) => [nodes[r - 1]!.lon, nodes[r - 1]!.lat]);
          return coordinates.length < 2 ? [] : [{ type: 'Feature', id: `way/${w.id}`, properties: { osm_id: w.id, ...w.tags }, geometry: { type: 'LineString', coordinates } }];
        });
        const text = writeOsm(nodes, osmWays, waysFirst);
        if (expected.length === 0) {
          expect(() => readOsmXml(text, 't.osm')).toThrow(/no roads in the OSM file/);
          return;
        }
        expect(readOsmXml(text, 't.osm').features).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
