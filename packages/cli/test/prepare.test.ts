/**
 * `postroute prepare` as a user runs it, and every command reading the prepared file: a plan on
 * the prepared network writes the same folder as on the raw roads, byte for byte; a wrong file
 * is one located line and exit 2. Build first (`npx tsc -b packages/core packages/cli`).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPlan, run, writeGridCounty } from './grid-county.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'postroute-prepare-'));
  writeGridCounty(dir);
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(gridPlan));
  writeFileSync(join(dir, 'plan-prepared.json'), JSON.stringify({ ...gridPlan, roads: 'county.prn' }));
});

describe('postroute prepare', () => {
  it('prints what it kept and dropped and the file size, and a plan on the file equals the plan on the raw roads', () => {
    const prepared = run(['prepare', 'roads.geojson', '--out', 'county.prn', '--quiet'], dir);
    expect(prepared.stderr).toBe('');
    expect(prepared.status).toBe(0);
    expect(prepared.stdout).toMatch(/^roads\.geojson: \d+ features/);
    expect(prepared.stdout).toMatch(/\ndropped: \d+ edges/);
    expect(prepared.stdout).toMatch(/\nhierarchy \(quickest paths\): \d+ shortcuts, \d+ core nodes\nwrote county\.prn: [\d.]+ MB \(profile "osm-rural-car"/);
    const both = run(['prepare', 'roads.geojson', '--out', 'both.prn', '--distance', '--quiet'], dir);
    expect(both.stdout).toMatch(/\nhierarchy \(quickest paths\): \d+ shortcuts, \d+ core nodes\nhierarchy \(shortest paths\): \d+ shortcuts/);
    const again = run(['prepare', 'roads.geojson', '--out', 'again.prn', '--quiet'], dir);
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'again.prn')).equals(readFileSync(join(dir, 'county.prn')))).toBe(true);

    const raw = run(['plan', 'plan.json', '--out', 'out-raw', '--quiet', '--seed', '3'], dir);
    const fromFile = run(['plan', 'plan-prepared.json', '--out', 'out-prn', '--quiet', '--seed', '3'], dir);
    expect(raw.status).toBe(0);
    expect(fromFile.stderr).toBe('');
    expect(fromFile.status).toBe(0);
    const files = readdirSync(join(dir, 'out-raw')).sort();
    expect(readdirSync(join(dir, 'out-prn')).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(5);
    // The run's own duration is the one thing that may differ; the roads file's name is given as in plan.json.
    const same = (text: string): string => text.replace(/"seconds":\s*[\d.]+/g, '"seconds":0').replaceAll('county.prn', 'roads.geojson');
    for (const name of files) expect(same(readFileSync(join(dir, 'out-prn', name), 'utf8'))).toBe(same(readFileSync(join(dir, 'out-raw', name), 'utf8')));
  });

  it('a province batch reads prepared counties, with the same county report as from the raw roads', () => {
    writeFileSync(join(dir, 'province-raw.json'), JSON.stringify({ name: 'p', counties: [{ name: 'Grid', plan: 'plan.json' }] }));
    writeFileSync(join(dir, 'province-prn.json'), JSON.stringify({ name: 'p', counties: [{ name: 'Grid', plan: 'plan-prepared.json' }] }));
    const raw = run(['batch', 'province-raw.json', '--out', 'batch-raw', '--deterministic', '--quiet', '--workers', '1', '--seed', '3'], dir);
    const fromFile = run(['batch', 'province-prn.json', '--out', 'batch-prn', '--deterministic', '--quiet', '--workers', '1', '--seed', '3'], dir);
    expect(raw.status).toBe(0);
    expect(fromFile.stderr).toBe('');
    expect(fromFile.status).toBe(0);
    const county = (out: string): string => readFileSync(join(dir, out, readdirSync(join(dir, out)).find((name) => /grid/i.test(name))!, 'summary.json'), 'utf8');
    expect(county('batch-prn').replaceAll('county.prn', 'roads.geojson')).toBe(county('batch-raw'));
  });

  it('graph and matrix read the file as --roads', () => {
    const rawGraph = run(['graph', '--roads', 'roads.geojson', '--json', '--quiet'], dir);
    const fileGraph = run(['graph', '--roads', 'county.prn', '--json', '--quiet'], dir);
    expect(fileGraph.status).toBe(0);
    expect(fileGraph.stdout).toBe(rawGraph.stdout);
    const rawMatrix = run(['matrix', '--roads', 'roads.geojson', '--places', 'places.geojson', '--quiet'], dir);
    const fileMatrix = run(['matrix', '--roads', 'county.prn', '--places', 'places.geojson', '--quiet'], dir);
    expect(fileMatrix.stderr).toBe('');
    expect(fileMatrix.stdout).toBe(rawMatrix.stdout);
  });

  it('refuses a wrong file with one located line and exit 2', () => {
    const bytes = readFileSync(join(dir, 'county.prn'));
    writeFileSync(join(dir, 'cut.prn'), bytes.subarray(0, bytes.length - 10));
    const cut = run(['graph', '--roads', 'cut.prn', '--quiet'], dir);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toMatch(/^postroute: error: cut\.prn: the prepared road network is cut short \(\d+ of its \d+ bytes\) — prepare it again: postroute prepare ROADS --out FILE\.prn\n$/);
    const other = Buffer.from(bytes);
    other.writeUInt32LE(7, 8);
    writeFileSync(join(dir, 'old.prn'), other);
    const old = run(['graph', '--roads', 'old.prn', '--quiet'], dir);
    expect(old.status).toBe(2);
    expect(old.stderr).toMatch(/old\.prn: prepared with format version 7; this postroute reads version 2 — prepare it again/);
    writeFileSync(join(dir, 'slow.json'), JSON.stringify({ name: 'slow', speeds: { residential: 20, unclassified: 20, tertiary: 30, secondary: 40, track: 10 } }));
    const profile = run(['matrix', '--roads', 'county.prn', '--places', 'places.geojson', '--profile', 'slow.json', '--quiet'], dir);
    expect(profile.status).toBe(2);
    expect(profile.stderr).toMatch(/^postroute: error: county\.prn: prepared with the road profile "osm-rural-car", but profile "slow" is asked for — prepare it again with the same options/);
    const keep = run(['graph', '--roads', 'county.prn', '--keep', 'all', '--quiet'], dir);
    expect(keep.status).toBe(2);
    expect(keep.stderr).toMatch(/prepared with --keep largest-scc, but --keep all is asked for/);
  });

  it('never writes over its input, and refuses to prepare a prepared file', () => {
    const before = readFileSync(join(dir, 'roads.geojson'));
    const over = run(['prepare', 'roads.geojson', '--out', './roads.geojson', '--quiet'], dir);
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(/--out \.\/roads\.geojson would replace the input roads file roads\.geojson — give --out another name/);
    expect(readFileSync(join(dir, 'roads.geojson')).equals(before)).toBe(true);
    const twice = run(['prepare', 'county.prn', '--out', 'twice.prn', '--quiet'], dir);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/county\.prn: this is a prepared network already/);
    expect(existsSync(join(dir, 'twice.prn'))).toBe(false);
  });
});
