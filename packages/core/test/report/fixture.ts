/** A small hand-made report: a hub, one outlet, three villages, two routes today and one new. */
import type { PlanReport, ReportRoute } from '../../src/report/types.js';
import { computeSavings } from '../../src/report/savings.js';

export function route(phase: 'before' | 'after', id: string, stops: string[], distance: number, duration: number, load: number, extra: Partial<ReportRoute> = {}): ReportRoute {
  return {
    id, phase, vehicleType: 'van', depot: 'hub', stops,
    visits: stops.map((stop, index) => ({ id: stop, arrival: 28800 + 600 * (index + 1), start: 28800 + 600 * (index + 1), departure: 28800 + 600 * (index + 1) + 120, load: load - 10 * (index + 1), distance: (distance / (stops.length + 1)) * (index + 1) })),
    departure: 28800, arrival: 28800 + duration, distance, duration, load, capacity: 100,
    violations: [],
    geometry: [[11.50, 50.00], [11.52, 50.01], [11.54, 50.00], [11.50, 50.00]],
    ...extra,
  };
}

export function handMadeReport(): PlanReport {
  const before = [
    route('before', 'T1', ['v1', 'v2'], 30_000, 5400, 60),
    route('before', 'T2', ['o1', 'v3'], 20_000, 3600, 130, {
      violations: [{ kind: 'over-capacity', amount: 30, message: 'carries 130, capacity 100 (+30)' }],
    }),
  ];
  // The same stops and mail as today (190 items, on a larger van); today's T2 breaks a rule.
  const after = [route('after', 'N1', ['o1', 'v1', 'v2', 'v3'], 41_000, 7200, 190, { capacity: 200 })];
  return {
    summary: computeSavings(before, after, { name: 'Hand-made <county>', operatingDaysPerYear: 300, unassigned: [] }),
    places: [
      { id: 'hub', name: 'Hub town', role: 'hub', lon: 11.5, lat: 50.0, population: 4000, mail: 0 },
      { id: 'o1', name: 'Outlet', role: 'outlet', lon: 11.54, lat: 50.0, population: 1000, mail: 40 },
      { id: 'v1', name: 'Village "One"', role: 'village', lon: 11.52, lat: 50.01, population: 200, mail: 20 },
      { id: 'v2', name: 'Village Two', role: 'village', lon: 11.53, lat: 50.012, population: 150, mail: 15 },
      { id: 'v3', name: 'Village Three', role: 'village', lon: 11.51, lat: 49.99, population: 120, mail: 25 },
      { id: 'v4', name: 'Lost Hamlet', role: 'village', lon: 11.56, lat: 49.985, population: 20, mail: 2 },
    ],
    before,
    after,
    roads: [
      { highway: 'primary', coordinates: [[11.49, 50.0], [11.56, 50.0]] },
      { highway: 'track', coordinates: [[11.52, 49.98], [11.52, 50.02]] },
      { highway: 'residential', coordinates: [[11.50, 50.0], [11.52, 50.01], [11.53, 50.012]] },
    ],
    run: { seed: 1, timeLimitS: 5, seconds: 1.2, generatedBy: 'postroute test' },
  };
}
