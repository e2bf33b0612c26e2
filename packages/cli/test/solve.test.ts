/**
 * `postroute solve` as a user runs it: the compiled CLI in a child process (build first:
 * `npx tsc -b packages/core packages/cli`; the test script does it). Every --json result is
 * re-checked by the independent checker, which shares no code with the solver.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSolution, type CheckProblem, type CheckSolution } from '../../core/test/support/check-solution.js';

const main = resolve(import.meta.dirname, '../dist/main.js');
const repo = resolve(import.meta.dirname, '../../..');
const example = join(repo, 'examples/problems/rural-post.json');
const instances = join(repo, 'benchmarks/instances');
let dir = '';

/**
 * Runs `postroute solve`. The searches that check a format, a reader or an option pass
 * `--threads 1`: the default (one island per core) starts a worker thread per run for nothing
 * these checks look at; the first test checks that a small search stays on one thread, the
 * A-n32-k5 test the islands' iteration count on two threads, the second their repeatability on
 * the machine's default.
 */
function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [main, 'solve', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const exampleInput = (): CheckProblem & Record<string, unknown> => JSON.parse(readFileSync(example, 'utf8'));
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};

beforeAll(() => {
  if (!existsSync(main)) throw new Error('packages/cli/dist/main.js is missing: run `npx tsc -b packages/core packages/cli` first');
  dir = mkdtempSync(join(tmpdir(), 'postroute-solve-'));
});

describe('postroute solve --problem', () => {
  it('solves the example of docs/routing.md; the JSON passes the independent checker', () => {
    const result = run(['--problem', example, '--json', '--max-iterations', '60', '--seed', '3', '--threads', '2']);
    expect(result.stderr).toMatch(/\[solve\]/); // progress on stderr
    expect(result.status).toBe(0);
    const solution = JSON.parse(result.stdout) as CheckSolution & { routes: Record<string, unknown>[] };
    expect(Object.keys(solution)).toEqual(['cost', 'distance', 'duration', 'vehiclesUsed', 'feasible', 'routes', 'unassigned', 'violations', 'iterations']);
    // Ten stops, fewer than SMALL_SEARCH (islands.ts): one thread whatever --threads says.
    expect((solution as unknown as { iterations: number }).iterations).toBe(60);
    expect(Object.keys(solution.routes[0]!)).toEqual(['vehicleType', 'vehicle', 'startDepot', 'endDepot', 'stops', 'departure', 'arrival', 'distance', 'duration', 'cost', 'startLoad', 'violations', 'visits']);
    const report = checkSolution(exampleInput(), solution);
    expect(report.violations).toEqual([]);
    expect(solution.feasible).toBe(true);
    // Every stop id of the input appears, served or unassigned with a reason.
    const seen = [...solution.routes.flatMap((r) => r.stops as string[]), ...solution.unassigned!.map((u) => u.id)].sort();
    expect(seen).toEqual(exampleInput().stops.map((s) => s.id).sort());
  });

  it('is deterministic for a seed and an iteration limit, and --out writes the file', () => {
    const a = run(['--problem', example, '--json', '--max-iterations', '40', '--seed', '9', '--quiet']);
    const out = join(dir, 'sub', 'plan.json');
    const b = run(['--problem', example, '--json', '--max-iterations', '40', '--seed', '9', '--quiet', '--out', out]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(b.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(a.stdout);
    expect(a.stderr).toBe('');
  });

  it('prints routes, per-stop figures and unassigned stops with reasons as text', () => {
    const result = run(['--problem', example, '--max-iterations', '40', '--quiet', '--threads', '1']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^cost [\d.]+ {3}distance \d+ {3}duration \d+ {3}vehicles \d+ {3}feasible/);
    expect(result.stdout).toMatch(/route 1: \w+ #\d, \w+ → (\w+|\(open\)), \d+ stops, distance \d+/);
    expect(result.stdout).toMatch(/stop +arrival +waiting +start +departure +load +distance/);
    expect(result.stdout).toMatch(/unassigned \(1\):\n {2}j: not worth the detour\n/);
  });

  it('starts from a warm start (a previous --json output) and is never worse than it', () => {
    const first = run(['--problem', example, '--json', '--max-iterations', '40', '--quiet', '--threads', '1']);
    const warm = write('warm.json', first.stdout);
    const second = run(['--problem', example, '--json', '--max-iterations', '10', '--seed', '2', '--warm-start', warm, '--quiet', '--threads', '1']);
    expect(second.status).toBe(0);
    const a = JSON.parse(first.stdout) as CheckSolution;
    const b = JSON.parse(second.stdout) as CheckSolution;
    expect(checkSolution(exampleInput(), b).violations).toEqual([]);
    expect(b.cost).toBeLessThanOrEqual(a.cost + 1e-9);
  });

  it('shows the search\'s progress with units: the best cost, iterations and seconds', () => {
    const byIterations = run(['--problem', example, '--max-iterations', '30', '--threads', '1']);
    expect(byIterations.status).toBe(0);
    const lines = byIterations.stderr.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^\[solve\] \d+\/30 iterations best cost [\d,]+(\.\d+)? · \d+\.\d s$/);
    expect(lines.at(-1)).toMatch(/^\[solve\] 30\/30 iterations /);
    const byTime = run(['--problem', example, '--time-limit', '0.5', '--threads', '1']);
    expect(byTime.status).toBe(0);
    for (const line of byTime.stderr.trim().split('\n')) expect(line).toMatch(/^\[solve\] \d\.\d\/0\.5 s best cost [\d,]+(\.\d+)? · [\d,]+ iterations?$/);
  });

  it('lists stops nobody can serve as unassigned with --allow-unassigned', () => {
    const input = exampleInput();
    input.stops[3]!.delivery = [1000, 0];
    const path = write('too-big-ok.json', input);
    const result = run(['--problem', path, '--json', '--max-iterations', '30', '--allow-unassigned', '--quiet', '--threads', '1']);
    expect(result.status).toBe(0);
    const solution = JSON.parse(result.stdout) as CheckSolution;
    expect(solution.unassigned).toContainEqual({ id: 'd', reason: 'demand-exceeds-capacity' });
    expect(checkSolution(input, solution, { requireAllServed: false }).violations).toEqual([]);
    // The text a person reads gives the reason in words, never the code (the JSON keeps the code).
    const text = run(['--problem', path, '--max-iterations', '30', '--allow-unassigned', '--quiet', '--threads', '1']);
    expect(text.stdout).toMatch(/unassigned \(2\):\n {2}d: its demand exceeds the capacity of every vehicle\n {2}j: not worth the detour\n/);
    expect(text.stdout).not.toContain('demand-exceeds-capacity');
  });
});

describe('postroute solve --instance', () => {
  it('a Li & Lim PDPTW file: task numbers as stop ids, each pick-up before its delivery, the table\'s best known values', () => {
    copyFileSync(join(instances, 'pdptw/lilim/lr104.txt'), join(dir, 'lr104.txt'));
    copyFileSync(join(instances, 'pdptw/lilim/bks.csv'), join(dir, 'bks.csv'));
    const result = run(['--instance', 'lr104.txt', '--json', '--max-iterations', '200', '--quiet', '--threads', '1']);
    expect(result.status).toBe(0);
    const solution = JSON.parse(result.stdout) as CheckSolution & { instance: { bks: number; bksVehicles: number; objective: string } };
    expect(solution.instance).toMatchObject({ bks: 1013.3893, bksVehicles: 9, objective: 'vehicles-then-distance' });
    // The independent checker reads the pairs from the file itself (column 9: a pick-up's delivery).
    const rows = readFileSync(join(dir, 'lr104.txt'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.trim().split(/\s+/).map(Number));
    const shipments = rows.filter((r) => r[3]! > 0).map((r) => ({ pickup: String(r[0]), delivery: String(r[8]) }));
    expect(shipments).toHaveLength(52);
    // The convention's vehicle cost: a power of ten above Σ out and back (any plan's length is below it).
    const dist = (a: number[], b: number[]): number => Math.hypot(a[1]! - b[1]!, a[2]! - b[2]!);
    const vehicleCost = 10 ** Math.ceil(Math.log10(rows.slice(1).reduce((sum, r) => sum + 2 * dist(rows[0]!, r), 0) + 1));
    const problem: CheckProblem = {
      depots: [{ id: '0', location: 0, timeWindow: [rows[0]![4]!, rows[0]![5]!] }],
      stops: rows.slice(1).map((r) => ({ id: String(r[0]), location: r[0]!, ...(r[3]! > 0 ? { pickup: [r[3]!] } : { delivery: [-r[3]!] }), serviceTime: r[6]!, timeWindows: [[r[4]!, r[5]!]] })),
      vehicleTypes: [{ id: 'vehicle', count: 25, capacity: [200], startDepot: '0', fixedCost: vehicleCost }],
      matrix: { size: rows.length, distances: rows.map((a) => rows.map((b) => dist(a, b))) },
      shipments,
    };
    expect(checkSolution(problem, solution).violations).toEqual([]);
    expect(solution.routes.length).toBeGreaterThanOrEqual(9);
  });

  it('A-n32-k5: the file\'s own node numbers as stop ids, gap to the COMMENT optimum', () => {
    const result = run(['--instance', join(instances, 'cvrp/A/A-n32-k5.vrp'), '--json', '--max-iterations', '50', '--quiet', '--threads', '2']);
    expect(result.status).toBe(0);
    const solution = JSON.parse(result.stdout) as CheckSolution & { instance: { bks: number; gap: number; fleet: unknown }; iterations: number };
    // Each of the two threads made its 50 iterations; the output counts them together.
    expect(solution.iterations).toBe(100);
    const stops = solution.routes.flatMap((r) => r.stops).map(Number).sort((x, y) => x - y);
    expect(stops).toEqual(Array.from({ length: 31 }, (_, k) => k + 2));
    expect(solution.routes.every((r) => r.vehicleType === 'vehicle')).toBe(true);
    expect(solution.routes.length).toBeLessThanOrEqual(5);
    expect(solution.instance.bks).toBe(784);
    expect(solution.instance.fleet).toEqual({ count: 5, fixed: true });
    expect(solution.instance.gap).toBeCloseTo((solution.distance - 784) / 784, 12);
  });

  it('best known value from the .sol beside the instance (before the COMMENT); --bks overrides', () => {
    copyFileSync(join(instances, 'cvrp/A/A-n32-k5.vrp'), join(dir, 'A-n32-k5.vrp'));
    writeFileSync(join(dir, 'A-n32-k5.sol'), 'Route #1: 1 2 3\nRoute #2: 4\nCost 800\n');
    const result = run(['--instance', 'A-n32-k5.vrp', '--max-iterations', '20', '--quiet', '--threads', '1']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/best known distance 800 \(A-n32-k5\.sol\), best known vehicles 2; gap -?[\d.]+ %/);
    const override = run(['--instance', 'A-n32-k5.vrp', '--max-iterations', '20', '--quiet', '--bks', '784', '--threads', '1']);
    expect(override.stdout).toMatch(/best known distance 784 \(--bks\); gap [\d.]+ %/);
  });

  it('Solomon (CRLF) under both conventions, with the bks.csv beside it; re-checked', () => {
    // C101 cut to its first 25 customers keeps the test quick; bks.csv is the real one.
    const lines = readFileSync(join(instances, 'vrptw/solomon/C101.txt'), 'utf8').split('\r\n');
    writeFileSync(join(dir, 'C101.txt'), lines.slice(0, 10 + 25).join('\r\n'));
    copyFileSync(join(instances, 'vrptw/solomon/bks.csv'), join(dir, 'bks.csv'));
    for (const convention of ['truncated', 'unrounded'] as const) {
      const result = run(['--instance', 'C101.txt', '--convention', convention, '--json', '--max-iterations', '30', '--quiet', '--threads', '1']);
      expect(result.status, result.stderr).toBe(0);
      const solution = JSON.parse(result.stdout) as CheckSolution & { instance: { bks: number; objective: string } };
      expect(solution.instance.bks).toBe(convention === 'truncated' ? 827.3 : 828.94);
      expect(solution.instance.objective).toBe(convention === 'truncated' ? 'distance' : 'vehicles-then-distance');
      expect(solution.unassigned).toEqual([]);
      expect(solution.feasible).toBe(true);
      expect(solution.routes[0]!.visits![0]).toHaveProperty('waiting');
      // Re-check against the same instance read independently of the CLI.
      const text = readFileSync(join(dir, 'C101.txt'), 'utf8');
      const rows = text.split('\r\n').slice(9).filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/).map(Number));
      const dist = (a: number[], b: number[]): number => {
        const d = Math.hypot(a[1]! - b[1]!, a[2]! - b[2]!);
        return convention === 'truncated' ? Math.floor(10 * d) / 10 : d;
      };
      const problem: CheckProblem = {
        depots: [{ id: '0', location: 0, timeWindow: [rows[0]![4]!, rows[0]![5]!] }],
        stops: rows.slice(1).map((r, k) => ({ id: String(r[0]), location: k + 1, delivery: [r[3]!], serviceTime: r[6]!, timeWindows: [[r[4]!, r[5]!]] })),
        vehicleTypes: [{ id: 'vehicle', count: 25, capacity: [200], startDepot: '0', fixedCost: convention === 'truncated' ? 0 : (solution.routes[0]!.cost! - solution.routes[0]!.distance) }],
        matrix: { size: rows.length, distances: rows.map((a) => rows.map((b) => dist(a, b))) },
      };
      expect(checkSolution(problem, solution).violations).toEqual([]);
    }
  });
});

describe('postroute solve: bad input gets one located line and exit 2', () => {
  const expectInputError = (args: string[], pattern: RegExp): void => {
    const result = run([...args, '--quiet']);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  };
  const mutated = (name: string, change: (p: ReturnType<typeof exampleInput>) => void): string => {
    const input = exampleInput();
    change(input);
    return write(name, input);
  };

  it('malformed JSON, with its line', () => {
    const text = readFileSync(example, 'utf8').replace('"serviceTime": 240}', '"serviceTime": 240,}');
    expectInputError(['--problem', write('malformed.json', text)], /^postroute: error: \S*malformed\.json, line 8: malformed JSON/);
  });
  it('a missing field', () => {
    expectInputError(['--problem', mutated('missing.json', (p) => { delete (p.vehicleTypes[0] as Partial<typeof p.vehicleTypes[0]>).capacity; })],
      /missing\.json, line \d+, .*vehicleTypes\[0\]\.capacity/);
  });
  it('a matrix of the wrong size', () => {
    expectInputError(['--problem', mutated('size.json', (p) => { (p.matrix.distances as number[][]).pop(); })], /size\.json, .*matrix/);
  });
  it('a negative demand', () => {
    expectInputError(['--problem', mutated('negative.json', (p) => { p.stops[2]!.delivery = [-5, 0]; })], /negative\.json, line \d+, field "stops\[2\]\.delivery\[0\]".*≥ 0/);
  });
  it('a demand above every capacity, at the line where that delivery starts', () => {
    const path = mutated('too-big.json', (p) => { p.stops[3]!.delivery = [1000, 0]; });
    const line = readFileSync(path, 'utf8').split('\n').findIndex((l) => l.includes('1000')); // 0-based line of 1000 = 1-based line of "delivery": [
    expectInputError(['--problem', path],
      new RegExp(`too-big\\.json, line ${line}, item 3,`));
    expectInputError(['--problem', path],
      /too-big\.json, line \d+, item 3, field "stops\[3\]\.delivery": stop "d" can never be served: its demand is above the capacity of every vehicle type .*--allow-unassigned/);
  });
  it('a time window that closes before it opens', () => {
    expectInputError(['--problem', mutated('window.json', (p) => { p.stops[0]!.timeWindows = [[36000, 25200]]; })], /window\.json, line \d+, .*stops\[0\]\.timeWindows.*closes before it opens/);
  });
  it('a time window nobody can reach', () => {
    expectInputError(['--problem', mutated('late.json', (p) => { p.stops[0]!.timeWindows = [[100, 200]]; })], /late\.json, line \d+, item 0, field "stops\[0\]\.timeWindows": stop "a" can never be served/);
  });
  it('an unknown field that would be ignored', () => {
    expectInputError(['--problem', mutated('unknown.json', (p) => { (p.stops[1] as Record<string, unknown>).timewindows = [[0, 1]]; })], /unknown\.json, line \d+, field "stops\[1\]\.timewindows": unknown field/);
  });
  it('a missing file', () => {
    expectInputError(['--problem', 'nope.json'], /nope\.json: problem file not found/);
  });
  it('a malformed instance file, with its line', () => {
    const text = readFileSync(join(instances, 'cvrp/A/A-n32-k5.vrp'), 'utf8').replace(' 5 13 7', ' 5 13 x');
    writeFileSync(join(dir, 'broken.vrp'), text);
    expectInputError(['--instance', 'broken.vrp'], /broken\.vrp, line 12, field "NODE_COORD_SECTION": "x" is not a number/);
  });
  it('a malformed Li & Lim file, with its line', () => {
    const text = readFileSync(join(instances, 'pdptw/lilim/lc101.txt'), 'utf8').replace('\r\n3\t42\t66\t10\t65\t146\t90\t0\t75\r\n', '\r\n3\t42\t66\t10\t65\t146\t90\t0\r\n');
    writeFileSync(join(dir, 'broken-lc101.txt'), text);
    expectInputError(['--instance', 'broken-lc101.txt'], /broken-lc101\.txt, line 5: a task line needs 9 numbers/);
  });
  it('a warm start naming a stop that does not exist', () => {
    const warm = write('bad-warm.json', [{ vehicleType: 'van', stops: ['a', 'zz'] }]);
    expectInputError(['--problem', example, '--warm-start', warm], /zz/);
  });
  it('usage mistakes', () => {
    const both = run(['--problem', example, '--instance', 'x.vrp']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^postroute: error: give exactly one of --problem, --instance or --vroom/);
    expect(both.stderr.trimEnd().split('\n')).toHaveLength(1);
    const negative = run(['--problem', example, '--time-limit', '-1']);
    expect(negative.status).toBe(2);
    expect(negative.stderr).toMatch(/--time-limit must be a positive number/);
  });
});

describe('docs/routing.md', () => {
  it('shows the complete example problem exactly as examples/problems/rural-post.json', () => {
    const page = readFileSync(join(repo, 'docs/routing.md'), 'utf8');
    const block = /A complete example covering every field[\s\S]*?```json\n([\s\S]*?)```/.exec(page)?.[1];
    expect(block).toBeDefined();
    expect(JSON.parse(block!)).toEqual(JSON.parse(readFileSync(example, 'utf8')));
    // Every documented key of the input format is used by the example.
    const input = exampleInput();
    const used = new Set([
      ...Object.keys(input),
      ...input.depots.flatMap(Object.keys), ...input.stops.flatMap(Object.keys), ...input.vehicleTypes.flatMap(Object.keys),
      ...Object.keys(input.matrix),
    ]);
    for (const key of ['depots', 'stops', 'vehicleTypes', 'matrix', 'profiles', 'timeWindow', 'delivery', 'pickup', 'serviceTime', 'timeWindows', 'required', 'prize',
      'count', 'capacity', 'startDepot', 'endDepot', 'shift', 'maxDuration', 'maxDistance', 'fixedCost', 'costPerDistance', 'costPerDuration', 'profile', 'size', 'distances', 'durations']) {
      expect(used.has(key), key).toBe(true);
    }
  });
});
