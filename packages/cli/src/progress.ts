/**
 * Progress on stderr. Core reports steps through `onProgress`; this draws them: on a terminal one
 * bar per step (cli-progress), labelled, with the step's own total and unit, left on screen at
 * its final value when the next step begins; elsewhere plain lines; nothing when quiet. Every
 * other line the command writes to stderr goes through `log`, so that no text is glued to a bar.
 */
import cliProgress from 'cli-progress';
import type { ProgressCallback, ProgressEvent } from '@postroute/core';

export interface Progress {
  onProgress: ProgressCallback;
  /** A line for stderr (a warning, a note): the bar in the way is finished first. */
  log: (line: string) => void;
  /** The work has ended: finish the last bar. */
  done: () => void;
}

/** What each step counts, where its events do not say. */
const UNITS: Record<string, string> = { build: 'steps', snap: 'places', matrix: 'rows', solve: 's' };
/** How the steps read on screen. */
const LABELS: Record<string, string> = {
  build: 'road graph',
  graph: 'road graph',
  read: 'reading',
  snap: 'snapping',
  matrix: 'matrix',
  stations: 'stations',
  baseline: "today's routes",
  solve: 'route search',
  report: 'report',
  heuristic: 'heuristic',
  bound: 'bound',
};
const LABEL_WIDTH = Math.max(...Object.values(LABELS).map((label) => label.length));

const labelOf = (step: string): string => LABELS[step] ?? step;
const unitOf = (event: ProgressEvent): string => event.unit ?? UNITS[event.step] ?? '';
/** Seconds with one decimal, counts as integers. */
const show = (value: number, unit: string): string => (unit === 's' ? value.toFixed(1) : String(Math.round(value)));

/** A time budget (unit "s") may end early; counts end at their total. */
function finalValue(value: number, total: number, unit: string): { value: number; total: number } {
  return unit === 's' ? { value, total: value } : { value: total, total };
}

export function createProgress(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet) return { onProgress: () => {}, log: () => {}, done: () => {} };
  return stream.isTTY ? terminalProgress(stream) : lineProgress(stream);
}

function terminalProgress(stream: NodeJS.WriteStream): Progress {
  let bar: cliProgress.SingleBar | undefined;
  let step = '';
  let unit = '';
  let value = 0;
  let total = 0;
  let message = '';
  /** A message-only event: printed as a line unless a bar of the same step follows. */
  let pending: ProgressEvent | undefined;

  const barsize = 24;
  const format = (_options: unknown, params: { value: number; total: number }, payload: { message?: string }): string => {
    const share = params.total > 0 ? Math.min(1, params.value / params.total) : 0;
    const filled = Math.round(share * barsize);
    const count = `${show(params.value, unit)}/${show(params.total, unit)}${unit ? ` ${unit}` : ''}`;
    const text = payload.message ? `  ${payload.message}` : '';
    return `${labelOf(step).padEnd(LABEL_WIDTH)} ${'█'.repeat(filled)}${'░'.repeat(barsize - filled)} ${String(Math.floor(share * 100)).padStart(3)} %  ${count}${text}`;
  };

  const line = (event: ProgressEvent): void => {
    stream.write(`${labelOf(event.step).padEnd(LABEL_WIDTH)} ${event.message ?? ''}\n`);
  };
  const flushPending = (): void => {
    if (pending) line(pending);
    pending = undefined;
  };
  const finishBar = (): void => {
    if (!bar) return;
    const end = finalValue(value, total, unit);
    bar.setTotal(end.total);
    bar.update(end.value, { message });
    bar.stop();
    bar = undefined;
  };

  const onProgress: ProgressCallback = (event) => {
    if (event.total === undefined) {
      if (bar && event.step === step) {
        if (event.message !== undefined) {
          message = event.message;
          bar.update(value, { message });
        }
        return;
      }
      finishBar();
      flushPending();
      step = event.step;
      pending = event;
      return;
    }
    if (!bar || event.step !== step) {
      finishBar();
      // "graph: building the road graph" followed by the build's bar is one step on screen.
      if (pending && labelOf(pending.step) !== labelOf(event.step)) flushPending();
      message = event.message ?? pending?.message ?? '';
      pending = undefined;
      step = event.step;
      unit = unitOf(event);
      total = event.total;
      value = Math.min(event.done ?? 0, total);
      bar = new cliProgress.SingleBar({ format, stream, hideCursor: true, clearOnComplete: false, stopOnComplete: false, linewrap: false });
      bar.start(total, value, { message });
      return;
    }
    if (event.message !== undefined) message = event.message;
    if (event.total !== total) {
      total = event.total;
      bar.setTotal(total);
    }
    value = Math.min(event.done ?? value, total);
    bar.update(value, { message });
  };

  return {
    onProgress,
    log: (text) => {
      finishBar();
      flushPending();
      stream.write(`${text}\n`);
    },
    done: () => {
      finishBar();
      flushPending();
      step = '';
    },
  };
}

function lineProgress(stream: NodeJS.WriteStream): Progress {
  let step = '';
  let lastAt = 0;
  let last = '';
  let lastEvent: ProgressEvent | undefined;
  const text = (event: ProgressEvent): string => {
    const unit = unitOf(event);
    const count = event.total !== undefined ? ` ${show(event.done ?? 0, unit)}/${show(event.total, unit)}${unit ? ` ${unit}` : ''}` : '';
    return `[${event.step}]${count}${event.message ? ` ${event.message}` : ''}`;
  };
  const write = (event: ProgressEvent): void => {
    const next = text(event);
    if (next !== last) stream.write(`${next}\n`);
    last = next;
    lastAt = Date.now();
  };
  /** The last event of a step that was held back by the two-second rule, so the step's end shows. */
  const settle = (): void => {
    if (lastEvent && text(lastEvent) !== last) write(lastEvent);
    lastEvent = undefined;
  };
  return {
    onProgress: (event) => {
      const finished = event.total !== undefined && event.done === event.total;
      if (event.step !== step) {
        settle();
        step = event.step;
        write(event);
      } else if (finished || Date.now() - lastAt > 2000) {
        write(event);
      }
      lastEvent = event;
    },
    log: (line) => {
      settle();
      stream.write(`${line}\n`);
    },
    done: () => settle(),
  };
}

/** What a search's progress events carry besides the common fields (core's HGS, periodic and CARP searches). */
interface SearchEvent extends ProgressEvent {
  iteration?: number;
  elapsedSeconds?: number;
  bestCost?: number | null;
  leftOut?: number;
}

/**
 * A search's events with their units: a bar over the time limit (s) or the iteration limit, and
 * the line "best cost 1,234.5 · 2,000 iterations · 3.1 s" (`what` names the objective: "cost",
 * "distance"). Other steps' events pass through unchanged.
 */
export function searchProgress(onProgress: ProgressCallback, limits: { timeLimit?: number; maxIterations?: number }, what = 'cost'): ProgressCallback {
  const number = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: Number.isInteger(value) ? 0 : 2 });
  return (event: SearchEvent) => {
    if (event.step !== 'solve' || event.iteration === undefined || event.elapsedSeconds === undefined) return onProgress(event);
    const iterations = `${number(event.iteration)} iteration${event.iteration === 1 ? '' : 's'}`;
    let best = event.bestCost === null || event.bestCost === undefined ? 'no feasible plan yet' : `best ${what} ${number(event.bestCost)}`;
    if (event.leftOut !== undefined && event.bestCost !== null) best += `, ${number(event.leftOut)} left out`;
    const bar = limits.timeLimit !== undefined
      ? { done: Math.min(event.elapsedSeconds, limits.timeLimit), total: limits.timeLimit, unit: 's' }
      : limits.maxIterations !== undefined ? { done: Math.min(event.iteration, limits.maxIterations), total: limits.maxIterations, unit: 'iterations' } : {};
    // The bar shows what it counts; the line adds the other measures.
    const parts = [best];
    if (bar.unit !== 'iterations') parts.push(iterations);
    if (bar.unit !== 's') parts.push(`${event.elapsedSeconds.toFixed(1)} s`);
    onProgress({ step: 'solve', ...bar, message: parts.join(' · ') });
  };
}
