/**
 * `solveCarp`: runs the search and turns its best routes into a solution that explains itself:
 * per route the serviced edges in the direction driven, and the full path of edge traversals
 * (deadheading along shortest paths) from the depot and back, with cost, load, service and
 * deadheading totals; unservable required edges with their reasons.
 */
import { ShortestPathSearch } from '../matrix/dijkstra.js';
import type { ProgressCallback } from '../util/progress.js';
import { searchOnThreads, withinTolerance } from '../vrp/search/kernel/index.js';
import type { StopRule } from '../vrp/search/kernel/index.js';
import type { CarpProblem, CarpUnservable } from './model.js';
import { routeCost } from './route-cost.js';
import { searchCarp, type CarpSearchParams } from './search.js';

/** Options of `solveCarp`. */
export interface CarpSolveOptions {
  /** Default 1. */
  seed?: number;
  /** Seconds; default none. */
  timeLimit?: number;
  /** Stop after this many iterations (offspring). */
  maxIterations?: number;
  /** Stop after this many iterations in a row without a better solution. Default 5000. */
  noImprovement?: number;
  /** A further stopping rule (e.g. CPU time in a benchmark); the search stops when any rule does. */
  stop?: StopRule;
  onProgress?: ProgressCallback;
  params?: Partial<CarpSearchParams>;
  /**
   * Worker threads to search on (default 1): islands that exchange their best routes every few
   * hundred iterations. The same result for a seed and a thread count under iteration limits.
   */
  threads?: number;
}

/** One edge traversal of a route, in the direction driven. */
export interface CarpTraversal {
  /** Index into the input's edges. */
  edge: number;
  from: number;
  to: number;
  /** True when this traversal services a required edge (side). */
  service: boolean;
  cost: number;
}

/** A required edge (side) serviced by a route. */
export interface CarpService {
  /** Index into the input's `required`. */
  required: number;
  edge: number;
  /** "either" for a one-traversal edge, or which side of a "both" edge this is. */
  side: 'either' | 'forward' | 'backward';
  from: number;
  to: number;
  demand: number;
  cost: number;
}

/** One arc routing route: the edges served in order and every edge driven. */
export interface CarpRoute {
  cost: number;
  load: number;
  serviceCost: number;
  deadheadCost: number;
  services: CarpService[];
  /** Every edge driven, depot to depot. */
  path: CarpTraversal[];
}

/** The result of `solveCarp`: routes, costs and the edges set aside. */
export interface CarpSolution {
  cost: number;
  serviceCost: number;
  deadheadCost: number;
  /** Loads and shifts within their limits, and every servable edge serviced. */
  feasible: boolean;
  routes: CarpRoute[];
  unservable: CarpUnservable[];
  iterations: number;
  elapsedSeconds: number;
}

/**
 * Solves a CARP built by `createCarpProblem`. Deterministic for a given seed and iteration-based
 * stopping rule; a time limit makes the result depend on the machine's speed.
 *
 * @example
 * const solution = solveCarp(problem, { seed: 1, timeLimit: 10 });
 * solution.routes[0].services; // [{ edge: 4, from: 0, to: 3, … }, …]
 */
export function solveCarp(problem: CarpProblem, options: CarpSolveOptions = {}): CarpSolution {
  const started = performance.now();
  const result = searchOnThreads<number[][]>('carp', problem, problem.input.required.length, options, (link) => searchCarp(problem, options, link));
  const routes = result.feasible?.child ?? result.overall?.child ?? [];
  return carpSolution(problem, routes, result.feasible !== null, result.iterations, (performance.now() - started) / 1000);
}

/**
 * How far a route runs past the longest route allowed (`maxRouteCost`, in the problem's metric),
 * by the search's rule: 0 within the kernel's tolerance. The one verdict on a route's length, for
 * the solution's feasible flag and for the planner's words (plan/door-to-door.ts).
 */
export function routeOverrun(problem: Pick<CarpProblem, 'maxRouteCost'>, route: Pick<CarpRoute, 'cost'>): number {
  const over = route.cost - problem.maxRouteCost;
  return withinTolerance(over) ? 0 : over;
}

/** Expands task routes (as the search returns them) into a `CarpSolution`. */
export function carpSolution(problem: CarpProblem, taskRoutes: number[][], feasible: boolean, iterations = 0, elapsedSeconds = 0): CarpSolution {
  const paths = new PathFinder(problem);
  const routes: CarpRoute[] = [];
  for (const tasks of taskRoutes) {
    if (tasks.length === 0) continue;
    const orientation = new Uint8Array(tasks.length);
    routeCost(problem, tasks, tasks.length, orientation);
    const route: CarpRoute = { cost: 0, load: 0, serviceCost: 0, deadheadCost: 0, services: [], path: [] };
    let at = problem.depot;
    tasks.forEach((t, i) => {
      const o = orientation[i]!;
      const entryNode = problem.nodeOf[problem.entry[2 * t + o]!]!;
      const exitNode = problem.nodeOf[problem.exit[2 * t + o]!]!;
      paths.append(at, entryNode, route);
      const cost = problem.service[2 * t + o]!;
      const edge = problem.taskEdge[t]!;
      route.path.push({ edge, from: entryNode, to: exitNode, service: true, cost });
      route.services.push({
        required: problem.taskRequired[t]!, edge,
        side: problem.taskSide[t] === 0 ? 'either' : problem.taskSide[t] === 1 ? 'forward' : 'backward',
        from: entryNode, to: exitNode, demand: problem.taskDemand[t]!, cost,
      });
      route.serviceCost += cost;
      route.load += problem.taskDemand[t]!;
      at = exitNode;
    });
    paths.append(at, problem.depot, route);
    route.cost = route.serviceCost + route.deadheadCost;
    routes.push(route);
  }
  let cost = 0;
  let serviceCost = 0;
  let deadheadCost = 0;
  for (const r of routes) {
    cost += r.cost;
    serviceCost += r.serviceCost;
    deadheadCost += r.deadheadCost;
    // The search's rule (kernel: withinTolerance), so that the solution says what the search saw.
    if (!withinTolerance(r.load - problem.capacity) || routeOverrun(problem, r) > 0) feasible = false;
  }
  if (routes.length > problem.maxVehicles) feasible = false;
  return { cost, serviceCost, deadheadCost, feasible, routes, unservable: problem.unservable, iterations, elapsedSeconds };
}

/** Shortest deadheading paths between graph nodes, one search per distinct start node. */
class PathFinder {
  private readonly search: ShortestPathSearch;
  private readonly parents = new Map<number, Int32Array>();
  constructor(private readonly problem: CarpProblem) {
    this.search = new ShortestPathSearch(problem.csr, problem.csr.arcLength, problem.csr.arcLength);
  }

  append(from: number, to: number, route: CarpRoute): void {
    if (from === to) return;
    let parent = this.parents.get(from);
    if (parent === undefined) {
      this.search.runFrom([from], [0], [0], null);
      parent = this.search.parentArc.slice();
      for (let v = 0; v < parent.length; v++) if (this.search.dist[v] === Infinity) parent[v] = -2;
      this.parents.set(from, parent);
    }
    const { csr, input } = this.problem;
    const legs: { edge: number; from: number; to: number; cost: number }[] = [];
    for (let v = to; v !== from;) {
      const arc = parent[v]!;
      if (arc < 0) throw new Error(`carp: no path from node ${from} to node ${to}`);
      const edge = csr.arcEdge[arc]!;
      const e = input.edges[edge]!;
      const tail = csr.arcForward[arc] ? e.from : e.to;
      legs.push({ edge, from: tail, to: v, cost: e.cost });
      v = tail;
    }
    for (let i = legs.length - 1; i >= 0; i--) {
      const leg = legs[i]!;
      route.path.push({ ...leg, service: false });
      route.deadheadCost += leg.cost;
    }
  }
}
