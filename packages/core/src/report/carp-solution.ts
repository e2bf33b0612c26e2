/**
 * An arc routing solution of a CARPLIB instance as `postroute solve` writes it, with the file's
 * 1-based vertex numbers: JSON with a fixed key order, and a person's text view.
 */
import type { CarplibInstance } from '../carp/carplib.js';
import type { CarpProblem } from '../carp/model.js';
import type { CarpSolution } from '../carp/solve.js';

/** A best known value and where it comes from. */
export interface BestKnown {
  bks: number;
  source: string;
}

const vertex = (v: number): number => v + 1;

function routesOf(solution: CarpSolution, problem: CarpProblem): { cost: number; load: number; serviceCost: number; deadheadCost: number; edges: number[][]; path: number[] }[] {
  return solution.routes.map((route) => ({
    cost: route.cost,
    load: route.load,
    serviceCost: route.serviceCost,
    deadheadCost: route.deadheadCost,
    edges: route.services.map((s) => [vertex(s.from), vertex(s.to)]),
    path: [vertex(problem.depot), ...route.path.map((t) => vertex(t.to))],
  }));
}

/**
 * The solution as JSON: totals, routes (required edges in the order and direction driven, the
 * whole vertex path), unservable edges, the instance with its best known value and gap.
 *
 * @example
 * carpSolutionJson(solveCarp(problem), instance, problem, { bks: 316, source: 'bks.csv' });
 */
export function carpSolutionJson(solution: CarpSolution, instance: CarplibInstance, problem: CarpProblem, known: BestKnown | undefined): string {
  const gap = known !== undefined ? (solution.cost - known.bks) / known.bks : null;
  const ordered = {
    cost: solution.cost,
    serviceCost: solution.serviceCost,
    deadheadCost: solution.deadheadCost,
    vehiclesUsed: solution.routes.length,
    feasible: solution.feasible,
    routes: routesOf(solution, problem),
    unservable: solution.unservable.map((u) => {
      const edge = instance.input.edges[instance.input.required[u.required]!.edge]!;
      return { edge: [vertex(edge.from), vertex(edge.to)], reason: u.reason, message: u.message };
    }),
    instance: {
      name: instance.name, format: 'carplib', capacity: instance.capacity, depot: instance.depotVertex,
      minVehicles: instance.vehicles, bks: known?.bks ?? null, gap,
    },
    iterations: solution.iterations,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * A person's view: totals, the instance and its gap, each route's edges served and path, the
 * unservable edges.
 *
 * @example
 * process.stdout.write(carpSolutionText(solveCarp(problem), instance, problem, undefined));
 */
export function carpSolutionText(solution: CarpSolution, instance: CarplibInstance, problem: CarpProblem, known: BestKnown | undefined): string {
  const gap = known !== undefined ? (solution.cost - known.bks) / known.bks : null;
  const out: string[] = [];
  out.push(`cost ${solution.cost}   service ${solution.serviceCost}   deadheading ${solution.deadheadCost}   vehicles ${solution.routes.length}   ${solution.feasible ? 'feasible' : 'INFEASIBLE'}`);
  out.push(`instance ${instance.name} (CARPLIB, capacity ${instance.capacity}, depot ${instance.depotVertex}, VEHICULOS ${instance.vehicles}, fleet not binding)`);
  if (known !== undefined) out.push(`best known ${known.bks} (${known.source}); gap ${(100 * gap!).toFixed(2)} %`);
  routesOf(solution, problem).forEach((r, i) => {
    out.push('');
    out.push(`route ${i + 1}: cost ${r.cost}, load ${r.load}, service ${r.serviceCost}, deadheading ${r.deadheadCost}`);
    out.push(`  serves ${r.edges.map(([a, b]) => `${a}→${b}`).join(' ')}`);
    out.push(`  path ${r.path.join(' ')}`);
  });
  for (const u of solution.unservable) out.push(`unservable: ${u.message}`);
  return `${out.join('\n')}\n`;
}
