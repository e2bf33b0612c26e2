/**
 * HiGHS adapter. HiGHS (WebAssembly) blocks the thread it runs on, so every solve runs in a
 * worker thread: the caller keeps its event loop (progress, time limits, cancelling), and a
 * worker that runs out of WebAssembly memory dies alone. A worker owns one HiGHS runtime and
 * disposes every model after its solve, and a crashed worker (e.g. out of memory) is replaced.
 * `solveWithHighs` uses one shared worker; `HighsSession` gives a caller its own.
 *
 * Warm start: HiGHS accepts a starting MIP solution (`Model.setSolution`), so the heuristic's
 * answer is handed over as the first incumbent.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { MipBackendAdapter, MipModel, MipOptions, MipResult } from './model.js';

const require = createRequire(import.meta.url);

/**
 * The worker's code. It is plain CommonJS run with `eval`, so it works from the TypeScript
 * sources (tests) and from the built package alike; `highs` is resolved by the parent.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const loadHighs = require(workerData.highsPath);
const runtime = loadHighs();
parentPort.on('message', async (message) => {
  let highs;
  try { highs = await runtime; } catch (error) {
    parentPort.postMessage({ type: 'error', id: message.id, message: 'HiGHS failed to load: ' + String(error && error.message || error) });
    return;
  }
  const { id, model: m, options } = message;
  const minimise = m.sense === 'min';
  let model;
  const started = Date.now();
  try {
    model = highs.createModel({
      numCols: m.numCols,
      numRows: m.numRows,
      sense: minimise ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize,
      colCost: m.colCost,
      colLower: m.colLower,
      colUpper: m.colUpper,
      rowLower: m.rowLower,
      rowUpper: m.rowUpper,
      matrix: { format: 'csr', numRows: m.numRows, numCols: m.numCols, starts: m.rowStarts, indices: m.rowIndex, values: m.rowValue },
      integrality: Int32Array.from(m.integer),
    });
    const settings = { output_flag: false, mip_rel_gap: options.relativeGap, mip_abs_gap: options.absoluteGap, random_seed: 1 };
    if (options.timeLimit !== undefined) settings.time_limit = Math.max(0.01, options.timeLimit);
    Object.assign(settings, options.highs || {});
    model.options.set(settings);
    if (options.start) model.setSolution({ colValue: options.start });
    let lastPost = 0;
    const callbacks = {
      [highs.constants.callbackType.mipInterrupt](event) {
        const d = event.data;
        const primal = d.mip_primal_bound, dual = d.mip_dual_bound;
        if (options.stopAtObjective !== undefined && Number.isFinite(primal)
          && (minimise ? primal <= options.stopAtObjective : primal >= options.stopAtObjective)) event.interrupt();
        if (options.stopWhenBoundBeyond !== undefined && Number.isFinite(dual)
          && (minimise ? dual > options.stopWhenBoundBeyond : dual < options.stopWhenBoundBeyond)) event.interrupt();
        const now = Date.now();
        if (now - lastPost > 500) {
          lastPost = now;
          parentPort.postMessage({ type: 'progress', id, primal, dual, gap: d.mip_gap, seconds: (now - started) / 1000 });
        }
      },
    };
    model.run(callbacks);
    const status = model.getModelStatus();
    const S = highs.constants.modelStatus;
    const hasPrimal = Number(model.info.get('primal_solution_status')) === 2;
    let bound;
    try { bound = Number(model.info.get('mip_dual_bound')); } catch { bound = NaN; }
    const values = hasPrimal ? model.getSolution().colValue : undefined;
    const objective = hasPrimal ? model.getObjectiveValue() : NaN;
    let kind;
    if (status === S.optimal) kind = 'optimal';
    else if (status === S.infeasible) kind = 'infeasible';
    else kind = hasPrimal ? 'feasible' : 'no-solution';
    if (kind === 'optimal' && !Number.isFinite(bound)) bound = objective;
    parentPort.postMessage({ type: 'result', id, status: kind, values, objective, bound, seconds: (Date.now() - started) / 1000 },
      values ? [values.buffer] : []);
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, message: String(error && error.message || error) });
  } finally {
    if (model) model.dispose();
  }
});
`;

interface Pending {
  resolve: (result: MipResult) => void;
  reject: (error: Error) => void;
  options: MipOptions;
  timer: NodeJS.Timeout | undefined;
}

/** HiGHS failed in a way that a fallback (heuristic) should handle: crash, out of memory. */
export class HighsFailure extends Error {
  override readonly name = 'HighsFailure';
}

/** One worker thread with one HiGHS runtime, for a series of solves. Call `close()` at the end. */
export class HighsSession implements MipBackendAdapter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: Promise<unknown> = Promise.resolve();

  /** Solves one model; calls are serialised. */
  solve(model: MipModel, options: MipOptions = {}): Promise<MipResult> {
    const run = this.queue.then(() => this.run(model, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { highsPath: require.resolve('highs') } });
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, entry] of this.pending) {
        if (entry.timer) clearTimeout(entry.timer);
        this.pending.delete(id);
        entry.reject(new HighsFailure(`HiGHS worker stopped: ${error.message}`));
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return worker;
  }

  private run(model: MipModel, options: MipOptions): Promise<MipResult> {
    this.worker ??= this.start();
    const worker = this.worker;
    // Keep the process alive while solving only: an idle shared worker must not block exit.
    worker.ref();
    const id = this.nextId++;
    return new Promise<MipResult>((resolve, reject) => {
      // HiGHS honours time_limit itself; this is the backstop for a solver that does not return.
      const timer = options.timeLimit === undefined ? undefined : setTimeout(() => {
        this.pending.delete(id);
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        resolve({ status: 'no-solution', values: undefined, objective: NaN, bound: model.sense === 'min' ? -Infinity : Infinity, seconds: options.timeLimit ?? 0 });
      }, (options.timeLimit + 15) * 1000);
      this.pending.set(id, { resolve, reject, options, timer });
      worker.postMessage({
        id,
        model,
        options: {
          timeLimit: options.timeLimit,
          relativeGap: options.relativeGap ?? 1e-6,
          absoluteGap: options.absoluteGap ?? 1e-6,
          start: options.start,
          stopAtObjective: options.stopAtObjective,
          stopWhenBoundBeyond: options.stopWhenBoundBeyond,
          highs: { ...options.highs, ...envOptions() },
        },
      });
    });
  }

  private onMessage(message: WorkerMessage): void {
    const entry = this.pending.get(message.id);
    if (!entry) return;
    if (message.type === 'progress') {
      entry.options.onProgress?.({
        step: 'mip',
        message: `best ${formatNumber(message.primal)}, bound ${formatNumber(message.dual)}, ${message.seconds.toFixed(1)} s`,
      });
      return;
    }
    this.pending.delete(message.id);
    if (entry.timer) clearTimeout(entry.timer);
    if (this.pending.size === 0) this.worker?.unref();
    if (message.type === 'error') {
      entry.reject(new HighsFailure(message.message));
      return;
    }
    entry.resolve({
      status: message.status,
      values: message.values,
      objective: message.objective,
      bound: message.bound,
      seconds: message.seconds,
    });
  }
}

type WorkerMessage =
  | { type: 'progress'; id: number; primal: number; dual: number; gap: number; seconds: number }
  | { type: 'error'; id: number; message: string }
  | ({ type: 'result'; id: number } & MipResult);

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : '–';
}

/** POSTROUTE_HIGHS_OPTIONS='{"mip_heuristic_effort":0.01}' passes options through (for experiments). */
function envOptions(): Record<string, number | string | boolean> {
  const text = process.env['POSTROUTE_HIGHS_OPTIONS'];
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, number | string | boolean>;
  } catch {
    return {};
  }
}

let shared: HighsSession | undefined;

/**
 * Solves one model in the shared worker (started on first use, idle between solves without
 * holding the process open; a crashed worker is replaced on the next solve).
 */
export function solveWithHighs(model: MipModel, options: MipOptions = {}): Promise<MipResult> {
  shared ??= new HighsSession();
  return shared.solve(model, options);
}
