/**
 * Core never prints. Long work reports through this callback; the CLI draws a bar or log line.
 */
export interface ProgressEvent {
  /** Short step name: "build", "snap", "matrix", "solve", … */
  step: string;
  /** Work done so far and the total, in the step's own units, when known. */
  done?: number;
  total?: number;
  /** What `done` and `total` count ("rows", "places", "s"), when the step does not make it plain. */
  unit?: string;
  /** Free-form status, e.g. the best cost so far. */
  message?: string;
}

/** Receives the progress events of a long step (core never prints; the CLI draws them). */
export type ProgressCallback = (event: ProgressEvent) => void;
