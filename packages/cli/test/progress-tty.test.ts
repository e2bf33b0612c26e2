/**
 * The progress display on a real terminal: `postroute plan` on the county example inside a
 * detached tmux session of a fixed size, its screen read back with `tmux capture-pane`. What a
 * person sees: one bar per step, labelled, with the step's own total and unit, ending at 100 %,
 * units in the lines, no log text glued onto a bar. With stderr not a terminal: plain lines.
 *
 * tmux is Debian's package (.ci/run installs it). Without it the test is skipped on a developer's
 * machine, but fails under CI (CI=true), so that a CI without tmux cannot pass by skipping it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, '../dist/main.js');
const repo = resolve(import.meta.dirname, '../../..');
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const socket = `postroute-test-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'postroute-tty-'));
cpSync(join(repo, 'examples/county'), join(dir, 'county'), { recursive: true });
cpSync(join(repo, 'examples/data/osm/north-bayreuth'), join(dir, 'data/osm/north-bayreuth'), { recursive: true });

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(dir, { recursive: true, force: true });
});

const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** Runs a shell command in a new 150 × 40 terminal and returns the screen once it has finished. */
async function onScreen(name: string, command: string): Promise<{ status: number; screen: string[] }> {
  const statusFile = join(dir, `${name}.status`);
  // The shell stays after the command so that the screen can still be read.
  tmux('new-session', '-d', '-s', name, '-x', '150', '-y', '40', `cd ${quote(dir)} && ${command}; echo $? > ${quote(statusFile)}; sleep 600`);
  const deadline = Date.now() + 240_000;
  while (!existsSync(statusFile) || readFileSync(statusFile, 'utf8').trim() === '') {
    if (Date.now() > deadline) throw new Error(`${name}: the command did not finish`);
    await new Promise((done) => setTimeout(done, 250));
  }
  const screen = tmux('capture-pane', '-p', '-t', name).split('\n').map((line) => line.replace(/\s+$/, '')).filter((line) => line !== '');
  tmux('kill-session', '-t', name);
  return { status: Number(readFileSync(statusFile, 'utf8').trim()), screen };
}

const plan = `${quote(process.execPath)} ${quote(main)} plan county/plan.json --time-limit 2`;
/** A bar as the screen shows it: label, 24 cells, percent, done/total unit, then the message. */
const BAR = /^(\S+(?: \S+)*?) +([█░]{24}) +(\d+) % {2}([\d.]+)\/([\d.]+) (\S+)(?: {2}(.*))?$/;

const maybe = hasTmux || inCi ? describe : describe.skip;
maybe('progress on a terminal (tmux)', () => {
  it('draws one labelled bar per step, each with its own total, ending at 100 %, units in the lines', { timeout: 300_000 }, async () => {
    if (!hasTmux) throw new Error('tmux is not installed under CI: .ci/run must install it (apt-get install tmux)');
    // stdout to a file: the screen holds what stderr draws, as when a user pipes the table away.
    const { status, screen } = await onScreen('tty', `${plan} --out out-tty > table.txt`);
    expect(status, screen.join('\n')).toBe(0);
    const bars = screen.map((line) => BAR.exec(line)).filter((match) => match !== null);
    const byLabel = new Map(bars.map((match) => [match[1], match]));
    // One bar per step, never two lines for the same one.
    expect(bars.map((match) => match[1])).toEqual(['road graph', 'matrix', 'route search']);
    expect(byLabel.size).toBe(bars.length);
    for (const match of bars) {
      expect(match[2], match[0]).toBe('█'.repeat(24));
      expect(match[3], match[0]).toBe('100');
      expect(match[4], match[0]).toBe(match[5]);
    }
    // Each step with its own total and unit.
    expect(byLabel.get('road graph')?.[6]).toBe('steps');
    expect(byLabel.get('matrix')?.slice(5, 7)).toEqual(['71', 'rows']);
    // A time budget: the bar ends where the search stopped (at 2.0 s, or earlier when it stops improving).
    expect(byLabel.get('route search')?.[6]).toBe('s');
    expect(Number(byLabel.get('route search')?.[5])).toBeLessThanOrEqual(2);
    expect(byLabel.get('route search')?.[7]).toMatch(/^best \d+\.\d km$/);
    // The other lines are steps without a count and the closing note; none holds a piece of a bar.
    const others = screen.filter((line) => !BAR.test(line));
    for (const line of others) expect(line).not.toMatch(/[█░]/);
    expect(others).toContain('snapping       snapping 71 places');
    expect(others.at(-1)).toMatch(/^postroute: wrote summary\.json, .* to out-tty \(\d+\.\d s\)$/);
    expect(readFileSync(join(dir, 'table.txt'), 'utf8')).toMatch(/^Plan: Neudrossenfeld county/);
  });

  it('writes plain lines, no bars, when stderr is not a terminal', { timeout: 300_000 }, async () => {
    if (!hasTmux) throw new Error('tmux is not installed under CI: .ci/run must install it (apt-get install tmux)');
    const { status } = await onScreen('pipe', `${plan} --out out-pipe > table.txt 2> progress.txt`);
    expect(status).toBe(0);
    const text = readFileSync(join(dir, 'progress.txt'), 'utf8');
    expect(text).not.toMatch(/[█░\r\u001b]/);
    const lines = text.trim().split('\n');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^\[(graph|build|read|snap|matrix|baseline|solve|report)\] /);
    expect(lines).toContain('[matrix] 71/71 rows');
    expect(lines.some((line) => /^\[solve\] (\d\.\d)\/2\.0 s best \d+\.\d km$/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^postroute: wrote /);
  });
});
