/**
 * A solution in VROOM's output format (code, summary, routes with steps, unassigned), from what the
 * one evaluator reported (`SolutionResult`): this only reshapes it. Travel times and distances per
 * step come from the input's own matrices (the model's "distance" is the travel cost, read.ts);
 * costs are rounded to whole numbers as VROOM's are. Unassigned jobs carry, beyond VROOM, the
 * reason in words.
 */
import { describeUnassignedReason } from '../report/reasons.js';
import type { PlanViolation, SolutionResult } from '../vrp/solution-types.js';
import type { VroomRead } from './types.js';

/** A broken rule in VROOM's words (`duration`: how late, for a delay). */
export interface VroomViolation {
  cause: 'delay' | 'load' | 'max_tasks' | 'skills' | 'max_distance' | 'unreachable' | 'max_travel_time' | 'missing_break' | 'max_load' | 'precedence';
  duration?: number;
}

/** One step of a route in VROOM's output: times in seconds, `duration` and `distance` cumulated. */
export interface VroomOutputStep {
  type: 'start' | 'job' | 'pickup' | 'delivery' | 'break' | 'end';
  id?: number;
  job?: number;
  description?: string;
  /** Absent for a break (taken on the way, VROOM's output has no place for it either). */
  location_index?: number;
  setup: number;
  service: number;
  waiting_time: number;
  load: number[];
  arrival: number;
  duration: number;
  distance?: number;
  violations: VroomViolation[];
}

/** One route in VROOM's output, with its totals. */
export interface VroomOutputRoute {
  vehicle: number;
  description?: string;
  cost: number;
  setup: number;
  service: number;
  duration: number;
  waiting_time: number;
  priority: number;
  delivery: number[];
  pickup: number[];
  distance?: number;
  steps: VroomOutputStep[];
  violations: VroomViolation[];
}

/** VROOM's output: `code` 0, the summary, the unassigned jobs (with a reason in words) and the routes. */
export interface VroomOutput {
  code: 0;
  summary: {
    cost: number; routes: number; unassigned: number; setup: number; service: number; duration: number;
    waiting_time: number; priority: number; delivery: number[]; pickup: number[]; distance?: number;
    violations: VroomViolation[];
  };
  unassigned: { id: number; type: 'job' | 'pickup' | 'delivery'; location_index: number; description?: string; reason: string }[];
  routes: VroomOutputRoute[];
}

/** VROOM's word for one of the evaluator's violations (`amountDims`: the input's own load dimensions). */
function cause(v: PlanViolation, amountDims: number): VroomViolation {
  switch (v.kind) {
    case 'time-window':
    case 'shift':
      return { cause: 'delay', duration: v.amount };
    case 'capacity':
      return { cause: (v.dimension ?? 0) < Math.max(1, amountDims) ? 'load' : 'max_tasks' };
    case 'skills':
      return { cause: 'skills' };
    case 'max-distance':
      return { cause: 'max_distance' };
    case 'max-duration':
    case 'max-travel-time':
      return { cause: 'max_travel_time' };
    case 'break':
      if (v.breakCause === 'missing') return { cause: 'missing_break' };
      if (v.breakCause === 'load') return { cause: 'max_load' };
      return { cause: 'delay', duration: v.amount };
    case 'precedence':
      return { cause: 'precedence' };
    default:
      return { cause: 'unreachable' };
  }
}

/**
 * @example
 * const read = readVroom(json);
 * const problem = createProblem(read.problem);
 * const output = writeVroom(read, solve(problem, { serveMost: true }));
 */
export function writeVroom(read: VroomRead, solution: SolutionResult): VroomOutput {
  const { jobs, vehicles } = read.input as Required<VroomRead['input']>;
  const dims = read.amountDims;
  const amounts = (load: readonly number[]): number[] => load.slice(0, dims);
  const zero = (): number[] => Array.from({ length: dims }, () => 0);
  const add = (into: number[], values: readonly number[] | undefined): void => {
    for (let d = 0; d < dims; d++) into[d] = into[d]! + (values?.[d] ?? 0);
  };
  const withDistance = read.travel.every((t) => t.distances !== null);
  const routes: VroomOutputRoute[] = solution.routes.map((route) => {
    const k = read.vehicleByType.get(route.vehicleType)!;
    const vehicle = vehicles[k]!;
    const travel = read.travel[k]!;
    const leg = (from: number, to: number): [number, number] =>
      [travel.durations[from * travel.size + to]!, travel.distances?.[from * travel.size + to] ?? 0];
    const delivery = zero();
    const pickup = zero();
    let setup = 0;
    let service = 0;
    let waiting = 0;
    let priority = 0;
    let duration = 0;
    let distance = 0;
    let at = vehicle.start_index!;
    const byStop = new Map<string, VroomViolation[]>();
    const routeViolations: VroomViolation[] = [];
    for (const v of route.violations) {
      const c = cause(v, dims);
      if (v.stop !== undefined && v.kind !== 'shift') byStop.set(v.stop, [...(byStop.get(v.stop) ?? []), c]);
      routeViolations.push(c);
    }
    const steps: VroomOutputStep[] = [];
    const start: VroomOutputStep = {
      type: 'start', location_index: at, setup: 0, service: 0, waiting_time: 0, load: amounts(route.startLoad),
      arrival: route.departure, duration: 0, violations: [],
    };
    steps.push(start);
    // Breaks are taken on the way between two steps: the travel time up to one counts what was
    // driven of the leg before it (the vehicle drives on while the break's window is not open).
    let free = route.departure;
    let drivenInLeg = 0;
    const byBreak = new Map<string, VroomViolation[]>();
    for (const v of route.violations) if (v.kind === 'break' && v.breakCause !== 'missing') byBreak.set(v.breakId!, [...(byBreak.get(v.breakId!) ?? []), cause(v, dims)]);
    const breaksBefore = (visitsDone: number): void => {
      for (const b of route.breaks ?? []) {
        if (b.after !== visitsDone) continue;
        const brk = vehicle.breaks!.find((x) => String(x.id) === b.id)!;
        drivenInLeg += Math.max(0, b.arrival - free);
        service += brk.service ?? 0;
        waiting += b.start - b.arrival;
        const step: VroomOutputStep = {
          type: 'break', id: brk.id, setup: 0, service: brk.service ?? 0, waiting_time: b.start - b.arrival,
          load: amounts(b.load), arrival: b.arrival, duration: duration + drivenInLeg, violations: byBreak.get(b.id) ?? [],
        };
        if (brk.description !== undefined) step.description = brk.description;
        steps.push(step);
        free = b.end;
      }
    };
    route.visits.forEach((visit, visitIndex) => {
      breaksBefore(visitIndex);
      drivenInLeg = 0;
      free = visit.departure;
      const job = read.tasks[read.taskByStop.get(visit.id)!]!;
      const [dt, dd] = leg(at, job.location_index);
      duration += dt;
      distance += dd;
      at = job.location_index;
      add(delivery, job.delivery);
      add(pickup, job.pickup);
      setup += job.setup ?? 0;
      service += job.service ?? 0;
      waiting += visit.waiting;
      priority += job.priority ?? 0;
      const step: VroomOutputStep = {
        type: job.type, id: job.id, ...(job.type === 'job' ? { job: job.id } : {}), location_index: at, setup: job.setup ?? 0, service: job.service ?? 0,
        waiting_time: visit.waiting, load: amounts(visit.load), arrival: visit.arrival, duration, violations: byStop.get(visit.id) ?? [],
      };
      if (job.description !== undefined) step.description = job.description;
      steps.push(step);
    });
    breaksBefore(route.visits.length);
    if (vehicle.end_index !== undefined) {
      const [dt, dd] = leg(at, vehicle.end_index);
      duration += dt;
      distance += dd;
      const last = route.visits[route.visits.length - 1];
      steps.push({
        type: 'end', location_index: vehicle.end_index, setup: 0, service: 0, waiting_time: 0,
        load: last ? amounts(last.load) : amounts(route.startLoad), arrival: route.arrival, duration,
        violations: route.violations.filter((v) => v.kind === 'shift').map((v) => cause(v, dims)),
      });
    }
    if (withDistance) {
      let run = 0;
      let prev = vehicle.start_index!;
      for (const step of steps) {
        // A break is taken on the way: the distance is counted at the next place.
        if (step.location_index !== undefined) {
          run += step.type === 'start' ? 0 : leg(prev, step.location_index)[1];
          prev = step.location_index;
        }
        step.distance = run;
      }
    }
    const out: VroomOutputRoute = {
      vehicle: vehicle.id, cost: Math.round(route.cost), setup, service, duration, waiting_time: waiting, priority,
      delivery, pickup, steps, violations: routeViolations,
    };
    if (vehicle.description !== undefined) out.description = vehicle.description;
    if (withDistance) out.distance = distance;
    return out;
  });
  const sum = (f: (r: VroomOutputRoute) => number): number => routes.reduce((s, r) => s + f(r), 0);
  const delivery = zero();
  const pickup = zero();
  for (const r of routes) {
    add(delivery, r.delivery);
    add(pickup, r.pickup);
  }
  const causes = new Map<string, VroomViolation>();
  for (const r of routes) for (const v of r.violations) if (!causes.has(v.cause)) causes.set(v.cause, { cause: v.cause });
  const summary: VroomOutput['summary'] = {
    cost: sum((r) => r.cost), routes: routes.length, unassigned: solution.unassigned.length,
    setup: sum((r) => r.setup), service: sum((r) => r.service), duration: sum((r) => r.duration),
    waiting_time: sum((r) => r.waiting_time), priority: sum((r) => r.priority), delivery, pickup,
    violations: [...causes.values()],
  };
  if (withDistance) summary.distance = sum((r) => r.distance ?? 0);
  const unassigned = solution.unassigned.map((u) => {
    const job = read.tasks[read.taskByStop.get(u.id)!]!;
    const entry: VroomOutput['unassigned'][number] = { id: job.id, type: job.type, location_index: job.location_index, reason: describeUnassignedReason(u.reason) };
    if (job.description !== undefined) entry.description = job.description;
    return entry;
  });
  return { code: 0, summary, unassigned, routes };
}
