/**
 * The files of `postroute solve --problem`: the problem JSON and a warm start, read from their
 * text, with every mistake said about the file it is in (name, line, field).
 */
import { InputError } from '../errors.js';
import { describeUnservableStop } from '../report/reasons.js';
import type { ProblemData } from '../vrp/model.js';
import type { ProblemInput, RouteInput } from '../vrp/input.js';
import { parseJson } from './geojson.js';
import { locateJsonPath } from './json-path.js';

/** Above this size a JSON text is not walked again to find a field's line (it would be slow). */
const LOCATE_LIMIT = 2_000_000;

/**
 * Reads a problem JSON text; `createProblem` then checks its fields.
 *
 * @example
 * const input = parseProblemFile(readFileSync('problem.json', 'utf8'), 'problem.json');
 * const problem = createProblem(input, { source: 'problem.json' });
 */
export function parseProblemFile(text: string, source: string): ProblemInput {
  const value = parseJson(text, source, 'the problem as a JSON object with depots, stops, vehicleTypes and matrix');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('the problem must be a JSON object with depots, stops, vehicleTypes and matrix', { source, line: 1 });
  }
  return value as ProblemInput;
}

/**
 * Adds the line of the offending field to an `InputError` raised on a JSON text (by
 * `createProblem`, which knows fields, not lines); any other error is returned as it is.
 *
 * @example
 * try { createProblem(input, { source }); } catch (error) { throw withJsonLine(error, text); }
 */
export function withJsonLine(error: unknown, text: string): unknown {
  if (!(error instanceof InputError) || error.location.line !== undefined || error.location.field === undefined) return error;
  if (text.length > LOCATE_LIMIT) return error;
  const line = locateJsonPath(text, error.location.field);
  if (line === undefined) return error;
  return new InputError(error.message, { ...error.location, line }, error.hint);
}

/**
 * Required stops that no vehicle can ever serve are bad input: throws one located `InputError`
 * naming the first (and how many more), unless there is none. `text` (the problem JSON) gives
 * the line. Callers that plan without such stops (`--allow-unassigned`) skip this.
 *
 * @example
 * if (!allowUnassigned) rejectUnservableStops(problem, input, 'problem.json', text);
 */
export function rejectUnservableStops(problem: ProblemData, input: ProblemInput, source: string, text: string | undefined): void {
  const bad: number[] = [];
  problem.stopReason.forEach((reason, s) => {
    if (reason !== null && describeUnservableStop(reason) !== undefined && input.stops[s]?.required !== false) bad.push(s);
  });
  const first = bad[0];
  if (first === undefined) return;
  const what = describeUnservableStop(problem.stopReason[first]!)!;
  const field = `stops[${first}].${what.field}`;
  const line = text !== undefined && text.length <= LOCATE_LIMIT ? locateJsonPath(text, field) : undefined;
  const others = bad.length > 1 ? ` (and ${bad.length - 1} more stop${bad.length > 2 ? 's' : ''})` : '';
  throw new InputError(`stop "${problem.stopIds[first]}" can never be served: ${what.message}${others}`,
    { source, index: first, field, ...(line !== undefined ? { line } : {}) },
    `${what.hint}; or pass --allow-unassigned to plan without it`);
}

/**
 * Reads a warm start: an array of routes, `{ "routes": [...] }`, or a previous `solve --json`
 * output. Each route needs `vehicleType` and `stops` (stop ids); other keys are ignored.
 *
 * @example
 * parseWarmStart('[{ "vehicleType": "van", "stops": ["a", "b"] }]', 'today.json');
 * // [{ vehicleType: 'van', stops: ['a', 'b'] }]
 */
export function parseWarmStart(text: string, source: string): RouteInput[] {
  const value = parseJson(text, source, 'the warm start as JSON routes: [{ "vehicleType": "van", "stops": ["a", "b"] }]') as unknown;
  const list = Array.isArray(value) ? value : (value as { routes?: unknown } | null)?.routes;
  if (!Array.isArray(list)) {
    throw new InputError('expected an array of routes or an object with "routes"', { source, line: 1 },
      'give [{ "vehicleType": "van", "stops": ["a", "b"] }, …] or the output of `postroute solve --json`');
  }
  return list.map((route: unknown, index) => {
    const r = route as { vehicleType?: unknown; stops?: unknown };
    const fail = (message: string, field: string): never => {
      throw new InputError(message, { source, index, field, line: locateJsonPath(text, `routes[${index}].${field}`) ?? locateJsonPath(text, `${index}.${field}`) });
    };
    if (r === null || typeof r !== 'object') fail('a route must be an object with vehicleType and stops', '');
    if (typeof r.vehicleType !== 'string') fail('vehicleType must be a string', 'vehicleType');
    if (!Array.isArray(r.stops) || !r.stops.every((s) => typeof s === 'string')) fail('stops must be an array of stop ids (strings)', 'stops');
    return { vehicleType: r.vehicleType as string, stops: (r.stops as string[]).slice() };
  });
}

/**
 * An error about the warm start (core names it `warmStart[i]…` in the problem) said about the
 * warm-start file instead: its name, the route's place in that file, and the line. Any other
 * error is returned as it is.
 *
 * @example
 * try { solve(problem, { warmStart }); } catch (error) { throw inWarmStartFile(error, 'today.json', text); }
 */
export function inWarmStartFile(error: unknown, source: string, text: string): unknown {
  if (!(error instanceof InputError)) return error;
  const match = /^warmStart\[(\d+)\](.*)$/.exec(error.location.field ?? '');
  if (!match) return error;
  const wrapped = !text.trimStart().startsWith('[');
  const field = `${wrapped ? 'routes' : ''}[${match[1]}]${match[2]}`;
  const line = locateJsonPath(text, field);
  return new InputError(error.message, { source, field: field.replace(/^\[/, 'route['), ...(line !== undefined ? { line } : {}) }, error.hint);
}
