/**
 * A report folder is swapped whole, a single output file is replaced whole: `kill -9` at random
 * points of the write, many times, as the probe of issue 24 did. A child process writes reports
 * (five files, the sizes of a county's report, every one tagged with its generation) over and
 * over into one folder; it is killed after a random delay, so the kills land all over the write:
 * while files are written into the new folder, between the renames, while the old one is
 * removed. After every kill the folder must be exactly one whole report, old or new, compared by
 * content; the next run (a new ReportFolder) must leave no temporary folder or file behind. The
 * same for a single file written with writeFilesAtomic. Build first (`npx tsc -b packages/core packages/cli`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../dist');
const NAMES = ['summary.json', 'routes.csv', 'stops.csv', 'routes.geojson', 'report.html'];
const SIZES = [1_000, 3_000, 10_000, 200_000, 300_000];
let dir = '';

/** The writer is killed this long after it has loaded and begun writing: in the first reports. */
const KILL_WITHIN_MS = 150;

/** The text of one file of report generation `gen`: tagged on its first line, then padding. */
const fileText = (gen: number, index: number): string => `generation ${gen} ${NAMES[index]}\n${String(gen % 10).repeat(SIZES[index] as number)}\n`;

/** A child that writes generations from `first` on, forever, into `out`; killed by the test. */
const writerSource = (out: string, first: number): string => `
  const { ReportFolder } = await import(${JSON.stringify(join(dist, 'report-folder.js'))});
  const names = ${JSON.stringify(NAMES)}, sizes = ${JSON.stringify(SIZES)};
  const text = (gen, i) => \`generation \${gen} \${names[i]}\\n\${String(gen % 10).repeat(sizes[i])}\\n\`;
  process.stdout.write('ready\\n');
  for (let gen = ${first}; ; gen++) {
    const folder = new ReportFolder(${JSON.stringify(out)}, { isReportEntry: (name) => names.includes(name) });
    names.forEach((name, i) => folder.write(name, text(gen, i)));
    folder.commit();
  }
`;

const fileWriterSource = (path: string, first: number): string => `
  const { writeFilesAtomic } = await import(${JSON.stringify(join(dist, 'output.js'))});
  process.stdout.write('ready\\n');
  for (let gen = ${first}; ; gen++) writeFilesAtomic([{ path: ${JSON.stringify(path)}, text: \`generation \${gen}\\n\${String(gen % 10).repeat(300000)}\\n\` }]);
`;

function killAfter(source: string, ms: number): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.once('data', () => { timer = setTimeout(() => child.kill('SIGKILL'), ms); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') throw new Error(`the writer ended by itself (${code}): ${stderr}`);
      done();
    });
  });
}

/** The generation the folder holds, or a description of what is wrong with it. */
function wholeReport(out: string): number | string {
  if (!existsSync(out)) return 'missing';
  const names = readdirSync(out).sort();
  if (names.join() !== [...NAMES].sort().join()) return `files ${names.join(', ')}`;
  const gens = NAMES.map((name) => Number(/^generation (\d+) /.exec(readFileSync(join(out, name), 'utf8'))?.[1]));
  const gen = gens[0] as number;
  if (!gens.every((g) => g === gen)) return `mixed generations ${gens.join(', ')}`;
  for (const [index, name] of NAMES.entries()) if (readFileSync(join(out, name), 'utf8') !== fileText(gen, index)) return `${name} is not whole`;
  return gen;
}

const leftovers = (parent: string): string[] => readdirSync(parent).filter((name) => name.includes('postroute-') || name.endsWith('.tmp'));

beforeAll(() => {
  if (!existsSync(join(dist, 'report-folder.js'))) throw new Error('packages/cli/dist is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-kill-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kill -9 at random points of the write', () => {
  it('leaves the report folder wholly old or wholly new, and the next run leaves no leftovers', async () => {
    const KILLS = 16;
    const PARALLEL = 4;
    const states: Record<string, number> = { whole: 0, 'put back by the next run': 0, 'killed mid-write': 0 };
    let random = 12345;
    const next = (): number => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    await Promise.all(Array.from({ length: PARALLEL }, async (_, lane) => {
      const parent = join(dir, `lane-${lane}`);
      mkdirSync(parent);
      const out = join(parent, 'out');
      let gen = 0;
      for (let kill = lane; kill < KILLS; kill += PARALLEL) {
        const before = wholeReport(out);
        // Start a generation above anything written so far; kill somewhere in the first writes.
        gen += 1000;
        await killAfter(writerSource(out, gen), Math.floor(next() * KILL_WITHIN_MS));
        const after = wholeReport(out);
        if (leftovers(parent).length > 0) states['killed mid-write']!++;
        // What a swap killed between its two renames set aside: the generation before this writer's
        // last (the writer may have finished a few generations before the kill).
        let aside: number | string = 'none';
        if (after === 'missing' && before !== 'missing') {
          // Killed between the two renames: the old report sits beside the folder until the next run.
          const old = readdirSync(parent).find((name) => /^\.out\.postroute-old-\d+$/.test(name));
          expect(old).toBeDefined();
          aside = wholeReport(join(parent, old!));
          expect(typeof aside, `set aside at kill ${kill}: ${aside}`).toBe('number');
          expect(aside === before || (aside as number) >= gen).toBe(true);
          states['put back by the next run']!++;
        } else if (after !== 'missing') {
          expect(typeof after, `after kill ${kill}: ${after}`).toBe('number');
          // Old or new: the generation before the kill, or one the killed writer began.
          if (before !== 'missing') expect(after === before || (after as number) >= gen).toBe(true);
          states.whole!++;
        }
        // The next run cleans up what the killed one left, and puts back an old report set aside.
        const { ReportFolder } = await import(join(dist, 'report-folder.js'));
        new ReportFolder(out, { isReportEntry: (name: string) => NAMES.includes(name) });
        expect(leftovers(parent), `leftovers after kill ${kill}`).toEqual([]);
        if (after === 'missing' && before !== 'missing') expect(wholeReport(out)).toBe(aside);
        else expect(wholeReport(out)).toBe(after);
      }
    }));
    // The kills did land inside the write (the writer does nothing else), not before or after it.
    expect(states['killed mid-write']).toBeGreaterThan(0);
    expect(states.whole! + states['put back by the next run']!).toBeGreaterThan(KILLS / 2);
  }, 60_000);

  it('leaves a single output file wholly old or new, and the next write removes the temporary file', async () => {
    const parent = join(dir, 'single');
    mkdirSync(parent);
    const path = join(parent, 'solution.json');
    writeFileSync(path, `generation 0\n${'0'.repeat(300000)}\n`);
    const { writeFilesAtomic } = await import(join(dist, 'output.js'));
    let random = 777;
    const next = (): number => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let kill = 0, gen = 0; kill < 6; kill++) {
      gen += 1000;
      await killAfter(fileWriterSource(path, gen), Math.floor(next() * KILL_WITHIN_MS));
      const text = readFileSync(path, 'utf8');
      const found = Number(/^generation (\d+)\n/.exec(text)?.[1]);
      expect(text).toBe(`generation ${found}\n${String(found % 10).repeat(300000)}\n`);
      writeFilesAtomic([{ path, text }]);
      expect(leftovers(parent)).toEqual([]);
    }
  }, 60_000);

  it("removes a probe file that a writer killed between creating and removing it left, beside and inside the folder, and keeps a live process's", async () => {
    const parent = mkdtempSync(join(tmpdir(), 'postroute-probe-'));
    const out = join(parent, 'out');
    mkdirSync(out);
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    for (const at of [parent, out]) writeFileSync(join(at, `.postroute-probe-${dead}`), '');
    writeFileSync(join(parent, `.postroute-probe-${process.ppid}`), '');
    const { ReportFolder } = await import(join(dist, 'report-folder.js'));
    new ReportFolder(out, { isReportEntry: (name: string) => NAMES.includes(name) });
    expect(readdirSync(parent).sort()).toEqual([`.postroute-probe-${process.ppid}`, 'out']);
    expect(readdirSync(out)).toEqual([]);
    rmSync(parent, { recursive: true, force: true });
  });
});
