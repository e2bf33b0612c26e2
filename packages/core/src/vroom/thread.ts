/**
 * The body of one solving thread of the VROOM service: solves one request and answers with the
 * output or, for bad input, the located message (errors do not cross threads as their classes).
 * Loaded by piscina from the compiled dist/ (see pool.ts).
 */
import { InputError } from '../errors.js';
import { parseJson } from '../io/geojson.js';
import { withJsonLine } from '../io/problem-file.js';
import { solveVroom } from './solve.js';
import type { VroomOutput } from './write.js';

/** One request for a solving thread. */
export interface VroomTask {
  /** VROOM's input as JSON text (errors then name their line). */
  text: string;
  /** Name of the input in error messages. */
  source: string;
  timeLimit: number;
  seed: number;
}

/** A thread's answer: the output, or the message of bad input (`input`) or of a failure. */
export type VroomAnswer = { ok: true; output: VroomOutput } | { ok: false; input: boolean; message: string };

/** Solves one request (the thread's entry point). */
export default function solveInThread(task: VroomTask): VroomAnswer {
  try {
    const input = parseJson(task.text, task.source, 'VROOM\'s input: a JSON object with jobs, vehicles and matrices');
    return { ok: true, output: solveVroom(input, { timeLimit: task.timeLimit, seed: task.seed, source: task.source }) };
  } catch (raw) {
    const error = withJsonLine(raw, task.text);
    if (error instanceof InputError) return { ok: false, input: true, message: error.describe() };
    return { ok: false, input: false, message: error instanceof Error ? error.message : String(error) };
  }
}
