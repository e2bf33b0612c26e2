/**
 * `postroute solve --instance FILE.dat`: a CARPLIB arc-routing instance (gdb, val, kshs, egl,
 * Beullens sets). Reads the file, solves with `solveCarp`, prints the routes with the file's
 * vertex numbers; the best known value comes from a `bks.csv` one folder up (the benchmark
 * copy's layout, keyed "set/name") or from --bks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { InputError, createCarpProblem, parseCarplib, solveCarp, type CarpSolution } from '@postroute/core';
import { searchProgress } from '../progress.js';
import { createProgress, writeOutput } from '../output.js';

export interface CarpSolveArgs {
  instance: string;
  timeLimit?: number;
  maxIterations?: number;
  seed: number;
  json: boolean;
  bks?: number;
  allowUnassigned: boolean;
  out?: string;
  quiet: boolean;
}

/** True for files that look like CARPLIB (by content: other formats also use .dat). */
export function isCarplib(_path: string, text: string): boolean {
  return /^\s*LISTA_ARISTAS_REQ\s*:/m.test(text);
}

function bestKnown(path: string): { bks: number; source: string } | undefined {
  const table = join(dirname(dirname(path)), 'bks.csv');
  if (!existsSync(table)) return undefined;
  const key = `${basename(dirname(path))}/${basename(path, extname(path))}`;
  for (const line of readFileSync(table, 'utf8').split(/\r?\n/)) {
    const cells = line.split(',');
    if (cells[0] === key && cells[2] !== undefined && cells[2] !== '') return { bks: Number(cells[2]), source: `${table} (${key})` };
  }
  return undefined;
}

export function solveCarpInstance(args: CarpSolveArgs, text: string, extra: { warmStart?: string; convention?: string }): void {
  const source = basename(args.instance);
  if (extra.warmStart !== undefined) throw new InputError('--warm-start applies to node-routing problems only', { source, field: 'warm-start' });
  if (extra.convention !== undefined) throw new InputError('--convention applies to Solomon instances only', { source, field: 'convention' });
  const instance = parseCarplib(text, { source });
  const problem = createCarpProblem(instance.input, { source });
  if (problem.unservable.length > 0 && !args.allowUnassigned) {
    const first = problem.unservable[0]!;
    const others = problem.unservable.length > 1 ? ` (and ${problem.unservable.length - 1} more)` : '';
    const edge = instance.input.edges[instance.input.required[first.required]!.edge]!;
    throw new InputError(`required edge (${edge.from + 1}, ${edge.to + 1}) can never be served: ${first.message}${others}`,
      { source, field: 'LISTA_ARISTAS_REQ' }, 'fix the edge or the capacity, or pass --allow-unassigned to plan without it');
  }
  const known = args.bks !== undefined ? { bks: args.bks, source: '--bks' } : bestKnown(args.instance);
  const progress = createProgress(args.quiet);
  let solution: CarpSolution;
  try {
    solution = solveCarp(problem, {
      seed: args.seed,
      ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
      ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
      onProgress: searchProgress(progress.onProgress, args),
    });
  } finally {
    progress.done();
  }
  const vertex = (v: number): number => v + 1;
  const gap = known !== undefined ? (solution.cost - known.bks) / known.bks : null;
  const routes = solution.routes.map((route) => ({
    cost: route.cost,
    load: route.load,
    serviceCost: route.serviceCost,
    deadheadCost: route.deadheadCost,
    edges: route.services.map((s) => [vertex(s.from), vertex(s.to)]),
    path: [vertex(problem.depot), ...route.path.map((t) => vertex(t.to))],
  }));
  if (args.json) {
    const ordered = {
      cost: solution.cost,
      serviceCost: solution.serviceCost,
      deadheadCost: solution.deadheadCost,
      vehiclesUsed: solution.routes.length,
      feasible: solution.feasible,
      routes,
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
    writeOutput(`${JSON.stringify(ordered, null, 2)}\n`, args.out);
  } else {
    const out: string[] = [];
    out.push(`cost ${solution.cost}   service ${solution.serviceCost}   deadheading ${solution.deadheadCost}   vehicles ${solution.routes.length}   ${solution.feasible ? 'feasible' : 'INFEASIBLE'}`);
    out.push(`instance ${instance.name} (CARPLIB, capacity ${instance.capacity}, depot ${instance.depotVertex}, VEHICULOS ${instance.vehicles}, fleet not binding)`);
    if (known !== undefined) out.push(`best known ${known.bks} (${known.source}); gap ${(100 * gap!).toFixed(2)} %`);
    routes.forEach((r, i) => {
      out.push('');
      out.push(`route ${i + 1}: cost ${r.cost}, load ${r.load}, service ${r.serviceCost}, deadheading ${r.deadheadCost}`);
      out.push(`  serves ${r.edges.map(([a, b]) => `${a}→${b}`).join(' ')}`);
      out.push(`  path ${r.path.join(' ')}`);
    });
    for (const u of solution.unservable) out.push(`unservable: ${u.message}`);
    writeOutput(`${out.join('\n')}\n`, args.out);
  }
  if (args.out !== undefined && !args.quiet) process.stderr.write(`postroute: wrote ${args.out}\n`);
}
