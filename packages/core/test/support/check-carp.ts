/**
 * An independent checker for arc-routing (CARP) solutions. It shares NO code with the solver: it
 * reads the plain CarpInput (edges, required edges, depot, limits) and a solution as `solveCarp`
 * returns it (routes with their full path of traversals) or as `postroute solve --json` prints it
 * (serviced edges in order, vertex numbers), and recomputes everything from the graph.
 *
 * Semantics it enforces:
 * - every required edge is serviced exactly once, in an allowed direction (a one-way edge only
 *   from → to); a "both" edge once in each direction; nothing else is serviced;
 * - a route's path starts and ends at the depot, each traversal runs along an existing edge in a
 *   direction the edge allows, and each traversal starts where the last one ended;
 * - load = sum of serviced demands ≤ capacity; route cost = service cost of the serviced
 *   traversals + edge cost of the others ≤ maxRouteCost; the totals add up;
 * - deadheading between consecutive services (and to and from the depot) costs exactly the
 *   shortest path (Floyd–Warshall over the graph).
 * It has no runtime imports, so the benchmark runner can load it with a plain transpile.
 */

interface EdgeIn { from: number; to: number; cost: number; oneway?: boolean }
interface RequiredIn { edge: number; demand?: number; serviceCost?: number; sides?: 'either' | 'both' }
export interface CheckCarpInput {
  nodeCount: number;
  edges: EdgeIn[];
  required: RequiredIn[];
  depot: number;
  capacity?: number;
  maxRouteCost?: number;
  vehicles?: number;
}
interface TraversalOut { edge: number; from: number; to: number; service: boolean; cost: number }
interface ServiceOut { required: number; from: number; to: number }
interface RouteOut { cost: number; load: number; services: ServiceOut[]; path: TraversalOut[] }
export interface CheckCarpSolution { cost: number; routes: RouteOut[]; unservable?: Array<{ required: number }> }

const TOL = 1e-6;

/** All-pairs shortest deadheading costs, respecting one-way edges. */
export function floydWarshall(input: CheckCarpInput): Float64Array {
  const n = input.nodeCount;
  const d = new Float64Array(n * n).fill(Infinity);
  for (let v = 0; v < n; v++) d[v * n + v] = 0;
  for (const e of input.edges) {
    if (e.cost < d[e.from * n + e.to]!) d[e.from * n + e.to] = e.cost;
    if (!e.oneway && e.cost < d[e.to * n + e.from]!) d[e.to * n + e.from] = e.cost;
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k]!;
      if (dik === Infinity) continue;
      for (let j = 0; j < n; j++) {
        const via = dik + d[k * n + j]!;
        if (via < d[i * n + j]!) d[i * n + j] = via;
      }
    }
  }
  return d;
}

/** Checks routes given as serviced edges in order (for --json output): returns errors and the recomputed cost. */
export function checkCarpServiceOrder(
  input: CheckCarpInput,
  routes: Array<{ services: Array<{ required: number; from: number; to: number }>; cost?: number; load?: number }>,
  options: { unservable?: number[] } = {},
): { errors: string[]; cost: number } {
  const errors: string[] = [];
  const n = input.nodeCount;
  const d = floydWarshall(input);
  const served = new Map<string, number>();
  let total = 0;
  routes.forEach((route, r) => {
    let at = input.depot;
    let cost = 0;
    let load = 0;
    route.services.forEach((s, i) => {
      const req = input.required[s.required];
      if (!req) { errors.push(`route ${r} service ${i}: no required edge ${s.required}`); return; }
      const e = input.edges[req.edge]!;
      const forward = s.from === e.from && s.to === e.to;
      const backward = s.from === e.to && s.to === e.from;
      if (!forward && !backward) { errors.push(`route ${r} service ${i}: (${s.from}, ${s.to}) is not edge ${req.edge} (${e.from}, ${e.to})`); return; }
      if (!forward && e.oneway) errors.push(`route ${r} service ${i}: one-way edge ${req.edge} serviced backwards`);
      const key = req.sides === 'both' ? `${s.required}:${forward ? 'f' : 'b'}` : `${s.required}`;
      served.set(key, (served.get(key) ?? 0) + 1);
      cost += d[at * n + s.from]! + (req.serviceCost ?? e.cost);
      load += req.demand ?? 0;
      at = s.to;
    });
    cost += d[at * n + input.depot]!;
    if (route.cost !== undefined && Math.abs(route.cost - cost) > TOL * (1 + cost)) errors.push(`route ${r}: reported cost ${route.cost}, recomputed ${cost}`);
    if (route.load !== undefined && Math.abs(route.load - load) > TOL) errors.push(`route ${r}: reported load ${route.load}, recomputed ${load}`);
    if (load > (input.capacity ?? Infinity) + TOL) errors.push(`route ${r}: load ${load} above capacity ${input.capacity}`);
    if (cost > (input.maxRouteCost ?? Infinity) + TOL) errors.push(`route ${r}: cost ${cost} above maxRouteCost ${input.maxRouteCost}`);
    total += cost;
  });
  if (routes.length > (input.vehicles ?? Infinity)) errors.push(`${routes.length} routes, above the ${input.vehicles} vehicles`);
  const skip = new Set(options.unservable ?? []);
  input.required.forEach((req, i) => {
    const keys = req.sides === 'both' ? [`${i}:f`, `${i}:b`] : [`${i}`];
    for (const key of keys) {
      const count = served.get(key) ?? 0;
      if (skip.has(i)) { if (count > 0) errors.push(`required ${i} is listed unservable but serviced`); continue; }
      if (count !== 1) errors.push(`required edge ${i}${key.includes(':') ? ` side ${key.slice(-1)}` : ''} serviced ${count} times`);
    }
  });
  return { errors, cost: total };
}

/** Checks a full solution with paths. Returns the list of errors (empty when valid). */
export function checkCarpSolution(input: CheckCarpInput, solution: CheckCarpSolution): string[] {
  const errors: string[] = [];
  const n = input.nodeCount;
  const d = floydWarshall(input);
  let total = 0;
  solution.routes.forEach((route, r) => {
    const path = route.path;
    if (path.length === 0) { errors.push(`route ${r}: empty path`); return; }
    if (path[0]!.from !== input.depot) errors.push(`route ${r}: starts at node ${path[0]!.from}, not the depot ${input.depot}`);
    if (path[path.length - 1]!.to !== input.depot) errors.push(`route ${r}: ends at node ${path[path.length - 1]!.to}, not the depot`);
    let cost = 0;
    const services: TraversalOut[] = [];
    let deadheadFrom = input.depot;
    let deadhead = 0;
    path.forEach((t, i) => {
      const e = input.edges[t.edge];
      if (!e) { errors.push(`route ${r} step ${i}: no edge ${t.edge}`); return; }
      if (i > 0 && path[i - 1]!.to !== t.from) errors.push(`route ${r} step ${i}: starts at ${t.from}, the previous step ended at ${path[i - 1]!.to}`);
      const forward = t.from === e.from && t.to === e.to;
      const backward = t.from === e.to && t.to === e.from;
      if (!forward && !backward) errors.push(`route ${r} step ${i}: (${t.from}, ${t.to}) does not run along edge ${t.edge}`);
      if (!forward && e.oneway) errors.push(`route ${r} step ${i}: one-way edge ${t.edge} driven backwards`);
      if (t.service) {
        const req = input.required.find((q) => q.edge === t.edge);
        if (!req) { errors.push(`route ${r} step ${i}: services edge ${t.edge}, which is not required`); return; }
        if (Math.abs(deadhead - d[deadheadFrom * n + t.from]!) > TOL * (1 + deadhead)) errors.push(`route ${r} step ${i}: deadheading ${deadhead} from ${deadheadFrom} to ${t.from}, shortest ${d[deadheadFrom * n + t.from]}`);
        cost += req.serviceCost ?? e.cost;
        services.push(t);
        deadheadFrom = t.to;
        deadhead = 0;
      } else {
        cost += e.cost;
        deadhead += e.cost;
      }
    });
    if (Math.abs(deadhead - d[deadheadFrom * n + input.depot]!) > TOL * (1 + deadhead)) errors.push(`route ${r}: deadheading ${deadhead} back to the depot, shortest ${d[deadheadFrom * n + input.depot]}`);
    if (Math.abs(cost - route.cost) > TOL * (1 + cost)) errors.push(`route ${r}: reported cost ${route.cost}, recomputed from the path ${cost}`);
    // The services listed must be the serving traversals, in order.
    if (services.length !== route.services.length) errors.push(`route ${r}: ${route.services.length} services listed, ${services.length} serving traversals`);
    route.services.forEach((s, i) => {
      const t = services[i];
      if (t && (t.from !== s.from || t.to !== s.to || input.required[s.required]?.edge !== t.edge)) errors.push(`route ${r} service ${i}: does not match the path`);
    });
    total += cost;
  });
  const order = checkCarpServiceOrder(input, solution.routes, { unservable: (solution.unservable ?? []).map((u) => u.required) });
  errors.push(...order.errors);
  if (Math.abs(total - solution.cost) > TOL * (1 + total)) errors.push(`total cost ${solution.cost}, recomputed ${total}`);
  return errors;
}
