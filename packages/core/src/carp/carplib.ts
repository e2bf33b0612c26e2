/**
 * Reader for the CARPLIB `.dat` format of the gdb, val, kshs, egl and Beullens benchmark sets
 * (Spanish keywords: NOMBRE, VERTICES, CAPACIDAD, LISTA_ARISTAS_REQ, DEPOSITO, …). Vertices are
 * numbered from 1 in the file and from 0 in the `CarpInput` it builds.
 */
import { InputError } from '../errors.js';
import type { CarpInput, CarpProblem } from './model.js';

/** A CARPLIB (`.dat`) file as read, with its problem input. */
export interface CarplibInstance {
  name: string;
  comment: string;
  /** VEHICULOS: the minimum number of vehicles (not binding in the literature's convention). */
  vehicles: number;
  capacity: number;
  /** 1-based vertex numbers as in the file, for reporting. */
  depotVertex: number;
  /** The problem; edge i is the file's i-th edge (required ones first). Fleet left unlimited. */
  input: CarpInput;
}

const EDGE = /^\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)\s*coste\s+(-?[\d.eE+]+)(?:\s+demanda\s+(-?[\d.eE+]+))?\s*$/i;

/**
 * Parses a CARPLIB file.
 *
 * @example
 * const instance = parseCarplib(readFileSync('gdb1.dat', 'utf8'), { source: 'gdb1.dat' });
 * const problem = createCarpProblem(instance.input, { source: 'gdb1.dat' });
 */
export function parseCarplib(text: string, options: { source?: string } = {}): CarplibInstance {
  const source = options.source ?? 'instance';
  const lines = text.split(/\r?\n/);
  const header = new Map<string, { value: string; line: number }>();
  const required: Array<{ from: number; to: number; cost: number; demand: number; line: number }> = [];
  const other: Array<{ from: number; to: number; cost: number; line: number }> = [];
  let section: 'none' | 'req' | 'noreq' = 'none';
  let depot: { value: number; line: number } | undefined;
  const fail = (message: string, line: number, hint?: string): never => {
    throw new InputError(message, { source, line }, hint);
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === '' || /^END$/i.test(text)) return;
    const key = /^([A-Z_]+)\s*:\s*(.*)$/i.exec(text);
    if (key) {
      const name = key[1]!.toUpperCase();
      const value = key[2]!.trim();
      if (name === 'LISTA_ARISTAS_REQ') { section = 'req'; return; }
      if (name === 'LISTA_ARISTAS_NOREQ') { section = 'noreq'; return; }
      if (name === 'DEPOSITO') {
        const d = Number(value);
        if (!Number.isInteger(d) || d < 1) fail(`DEPOSITO must be a vertex number ≥ 1, got "${value}"`, line);
        depot = { value: d, line };
        section = 'none';
        return;
      }
      header.set(name, { value, line });
      return;
    }
    const edge = EDGE.exec(text);
    if (edge && section !== 'none') {
      const from = Number(edge[1]);
      const to = Number(edge[2]);
      const cost = Number(edge[3]);
      if (section === 'req') {
        if (edge[4] === undefined) fail('a required edge needs "demanda q"', line, 'write "( i, j)  coste c demanda q"');
        required.push({ from, to, cost, demand: Number(edge[4]), line });
      } else {
        other.push({ from, to, cost, line });
      }
      return;
    }
    fail(`cannot read "${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`, line,
      'expected "KEY : value", "( i, j)  coste c demanda q" in LISTA_ARISTAS_REQ or "( i, j)  coste c" in LISTA_ARISTAS_NOREQ');
  });
  const number = (name: string, integer: boolean): number => {
    const entry = header.get(name);
    if (entry === undefined) return fail(`missing ${name}`, 1, `add a line "${name} : …"`);
    const x = Number(entry.value);
    if (!Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < 0) return fail(`${name} must be a ${integer ? 'whole ' : ''}number ≥ 0, got "${entry.value}"`, entry.line);
    return x;
  };
  const vertices = number('VERTICES', true);
  const capacity = number('CAPACIDAD', false);
  const vehicles = header.has('VEHICULOS') ? number('VEHICULOS', true) : 0;
  if (capacity <= 0) fail('CAPACIDAD must be positive', header.get('CAPACIDAD')!.line);
  if (depot === undefined) return fail('missing DEPOSITO', lines.length, 'add a line "DEPOSITO : 1"');
  const check = (e: { from: number; to: number; cost: number; line: number }): void => {
    for (const v of [e.from, e.to]) if (v < 1 || v > vertices) fail(`vertex ${v} is outside 1…${vertices} (VERTICES)`, e.line);
    if (!(e.cost >= 0)) fail(`coste must be ≥ 0, got ${e.cost}`, e.line);
  };
  required.forEach(check);
  other.forEach(check);
  for (const r of required) if (!(r.demand >= 0)) fail(`demanda must be ≥ 0, got ${r.demand}`, r.line);
  if (depot.value > vertices) fail(`DEPOSITO ${depot.value} is outside 1…${vertices} (VERTICES)`, depot.line);
  const countCheck = (name: string, actual: number): void => {
    const entry = header.get(name);
    if (entry !== undefined && Number(entry.value) !== actual) fail(`${name} says ${entry.value} but the list has ${actual} edges`, entry.line);
  };
  countCheck('ARISTAS_REQ', required.length);
  countCheck('ARISTAS_NOREQ', other.length);
  const input: CarpInput = {
    nodeCount: vertices,
    depot: depot.value - 1,
    capacity,
    edges: [...required, ...other].map((e) => ({ from: e.from - 1, to: e.to - 1, cost: e.cost })),
    required: required.map((r, i) => ({ edge: i, demand: r.demand })),
  };
  return {
    name: header.get('NOMBRE')?.value ?? '',
    comment: header.get('COMENTARIO')?.value ?? '',
    vehicles, capacity, depotVertex: depot.value, input,
  };
}

/**
 * Required edges that no vehicle can ever serve are bad input: throws one `InputError` naming the
 * first by its vertex numbers in the file (and how many more), unless there is none. Callers that
 * plan without such edges (`--allow-unassigned`) skip this.
 *
 * @example
 * const instance = parseCarplib(text, { source: 'gdb1.dat' });
 * rejectUnservableEdges(instance, createCarpProblem(instance.input), 'gdb1.dat');
 */
export function rejectUnservableEdges(instance: CarplibInstance, problem: CarpProblem, source: string): void {
  const first = problem.unservable[0];
  if (first === undefined) return;
  const others = problem.unservable.length > 1 ? ` (and ${problem.unservable.length - 1} more)` : '';
  const edge = instance.input.edges[instance.input.required[first.required]!.edge]!;
  throw new InputError(`required edge (${edge.from + 1}, ${edge.to + 1}) can never be served: ${first.message}${others}`,
    { source, field: 'LISTA_ARISTAS_REQ' }, 'fix the edge or the capacity, or pass --allow-unassigned to plan without it');
}
