/**
 * Bad input through the real CLI, one row each: the command, the exit code, and the one line it
 * must print (what, where, how to fix). Build first (`npx tsc -b packages/core packages/cli`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, '../dist/main.js');
const repo = resolve(import.meta.dirname, '../../..');
const roads = join(repo, 'examples/data/osm/neudrossenfeld/roads.geojson');
const places = join(repo, 'examples/data/osm/neudrossenfeld/places.geojson');
const county = join(repo, 'examples/county/plan.json');
let dir = '';

function run(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: dir, timeout: 60_000 });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.resume();
    child.on('close', (status) => done({ status, stderr }));
  });
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-bad-'));
  writeFileSync(join(dir, 'm.csv'), ',s1,s2\na,1,9\nb,2,8\nc,9,1\n');
  writeFileSync(join(dir, 'w.csv'), 'id,weight\na,1\nb,1\nc,5\n');
  writeFileSync(join(dir, 'cap.csv'), 'id,capacity\ns1,1\ns2,1\n');
  writeFileSync(join(dir, 'broken.json'), '{ "depots": [ }');
  writeFileSync(join(dir, 'a-file'), 'not a folder');
});

// [label, args, exit code, pattern of the single stderr line]
const rows: [string, string[], number, RegExp][] = [
  // Usage (section 6).
  ['unknown command', ['frobnicate'], 2, /^postroute: Unknown argument: frobnicate/],
  ['help for an unknown command', ['help', 'frobnicate'], 2, /no command "frobnicate"; the commands are plan, /],
  ['--seed without a value', ['plan', county, '--seed'], 2, /--seed needs a value/],
  ['--time-limit without a value', ['plan', county, '--time-limit'], 2, /--time-limit needs a value/],
  ['--out without a value', ['plan', county, '--out'], 2, /--out needs a value/],
  ['--seed given twice', ['plan', county, '--seed', '1', '--seed', '2'], 2, /--seed is given 2 times \(1, 2\) — give --seed once/],
  ['plan --seed not an integer', ['plan', county, '--seed', '1.5'], 2, /--seed must be an integer/],
  ['cover --seed x', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--seed', 'x'], 2, /--seed must be an integer/],
  ['cover --p with lscp', ['cover', '--matrix', 'm.csv', '--model', 'lscp', '--radius', '2', '--p', '3'], 2, /--p does not apply to --model lscp/],
  ['cover --radius with pmedian', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--radius', '3'], 2, /--radius does not apply to --model pmedian/],
  ['cover --weights with --roads', ['cover', '--roads', roads, '--demand', places, '--model', 'lscp', '--radius', '5km', '--weights', 'w.csv'], 2, /--weights goes with --matrix, not with --roads — .*--weight-field/],
  ['cover --max-snap with --matrix', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--max-snap', '4'], 2, /--max-snap goes with --roads, not with --matrix/],
  ['cover --radius 5 without a unit', ['cover', '--roads', roads, '--demand', places, '--model', 'lscp', '--radius', '5'], 2, /--radius 5 has no unit — say which: 5m, 5km or 5min/],
  ['cover --radius -5km', ['cover', '--roads', roads, '--demand', places, '--model', 'lscp', '--radius', '-5km'], 2, /--radius -5km must be greater than 0/],
  ['cover, a missing matrix file', ['cover', '--matrix', 'nope.csv', '--model', 'lscp', '--radius', '5'], 2, /nope\.csv.*not found/],
  ['cover, p above the usable sites', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '5'], 2, /p = 5 is larger than the number of sites that may be opened \(2\)/],
  ['cover, a demand above every capacity', ['cover', '--matrix', 'm.csv', '--model', 'pmedian', '--p', '1', '--weights', 'w.csv', '--capacities', 'cap.csv'], 2, /demand point "c" has weight 5, above the capacity of every station/],
  // Output that is safe (section 4): before any work (no progress line: the single line is the
  // error), exit 2, never a hang or an internal error.
  ['plan --out /proc/x', ['plan', county, '--out', '/proc/x'], 2, /--out \/proc\/x: cannot create the folder/],
  ['plan --out /sys/x/y', ['plan', county, '--out', '/sys/x/y'], 2, /--out \/sys\/x\/y: cannot create the folder/],
  ['plan --out a file', ['plan', county, '--out', 'a-file'], 2, /--out a-file: is a file, not a folder/],
  ['matrix --out /proc/x/m.json (used to spin forever)', ['matrix', '--roads', roads, '--places', places, '--out', '/proc/x/m.json'], 2, /--out \/proc\/x: cannot create the folder/],
  ['matrix --out a folder', ['matrix', '--roads', roads, '--places', places, '--out', '.'], 2, /--out \.: is a folder, not a file/],
  // Ones that already worked.
  ['solve, malformed JSON', ['solve', '--problem', 'broken.json'], 2, /broken\.json, line 1/],
  ['graph, a missing roads file', ['graph', '--roads', 'nope.geojson', '--quiet'], 2, /nope\.geojson/],
  ['matrix, a bad --max-snap', ['matrix', '--roads', roads, '--places', places, '--max-snap', '-5'], 2, /--max-snap/],
];

describe('bad input through the real CLI: one line, the right exit code', () => {
  it.concurrent.each(rows)('%s', async (_label, args, code, pattern) => {
    const { status, stderr } = await run(args);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    expect(stderr).toMatch(pattern);
    expect(status).toBe(code);
  });
});
