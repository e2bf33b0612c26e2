/**
 * A coverage result as `postroute cover` writes it: JSON with a stable key order, GeoJSON of the
 * open sites, the demand points and their assignment lines, and a person's summary table.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { CoverageResult } from '../coverage/model.js';
import type { Place } from '../io/places.js';
import { describeUncoveredReason } from './reasons.js';

/**
 * The result as JSON with a stable key order; `assignment` maps demand id → site id. `p` is the
 * number of new stations asked for (null for set covering), `unit` that of the distances (`m`,
 * `s`, or empty for a user's matrix).
 *
 * @example
 * writeFileSync('result.json', coverageResultJson(result, { p: 12, unit: 'm' }));
 */
export function coverageResultJson(result: CoverageResult, options: { p: number | undefined; unit: string }): string {
  const assignment: Record<string, string | null> = {};
  for (const a of result.assignments) assignment[a.demand] = a.site;
  const json = {
    model: result.model,
    status: result.status,
    objective: result.objective,
    bound: result.bound,
    gap: result.gap,
    radius: result.radius,
    p: options.p ?? null,
    unit: options.unit || null,
    open: result.open,
    opened: result.opened,
    assignment,
    assignments: result.assignments,
    uncovered: result.uncovered,
    coverage: result.coverage,
    method: result.method,
    solver: result.solver,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/**
 * The result on the map: a straight line from each demand point to its site, each demand point
 * (its site, distance, whether covered, its own properties), each open site (`existing` or
 * `new`, how many points it serves).
 *
 * @example
 * writeFileSync('result.geojson', JSON.stringify(coverageGeoJson(result, { demand, sites }, new Set(outletIds))));
 */
export function coverageGeoJson(result: CoverageResult, places: { demand: readonly Place[]; sites: readonly Place[] }, existing: ReadonlySet<string>): FeatureCollection<Point | LineString> {
  const demandById = new Map(places.demand.map((place) => [place.id, place]));
  const siteById = new Map(places.sites.map((place) => [place.id, place]));
  const served = new Map<string, { count: number; weight: number }>();
  const features: Feature<Point | LineString>[] = [];
  result.assignments.forEach((a, i) => {
    const from = demandById.get(a.demand)!;
    if (a.site !== null) {
      const entry = served.get(a.site) ?? { count: 0, weight: 0 };
      entry.count += 1;
      served.set(a.site, entry);
      const to = siteById.get(a.site)!;
      features.push({
        type: 'Feature',
        properties: { kind: 'assignment', demand: a.demand, site: a.site, distance: a.distance, covered: a.covered },
        geometry: { type: 'LineString', coordinates: [[from.lon, from.lat], [to.lon, to.lat]] },
      });
    }
    features.push({
      type: 'Feature',
      id: a.demand,
      properties: { kind: 'demand', index: i, site: a.site, distance: a.distance, covered: a.covered, ...from.properties },
      geometry: { type: 'Point', coordinates: [from.lon, from.lat] },
    });
  });
  for (const id of result.open) {
    const site = siteById.get(id)!;
    features.push({
      type: 'Feature',
      id,
      properties: { kind: 'site', role: existing.has(id) ? 'existing' : 'new', served: served.get(id)?.count ?? 0, ...site.properties },
      geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * A person's summary: model, status, objective, coverage and solver, then one row per open
 * site (new or existing, demand points served, the farthest), then the points not covered with
 * the reason in words.
 *
 * @example
 * process.stdout.write(coverageSummary(result, 'm'));
 */
export function coverageSummary(result: CoverageResult, unit: string): string {
  const fmt = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));
  const pct = (share: number): string => `${(share * 100).toFixed(1)} %`;
  const objectiveName = { lscp: 'opening cost', mclp: 'covered weight', pmedian: 'weighted distance', pcenter: 'worst distance' }[result.model];
  const lines = [
    `model       ${result.model}${result.radius !== null && result.model !== 'pcenter' ? `, radius ${fmt(result.radius)}${unit ? ` ${unit}` : ''}` : ''}`,
    `status      ${result.status}${result.status === 'optimal' ? ' (proven)' : ` — bound ${fmt(result.bound)}, gap ${(result.gap * 100).toFixed(2)} %`}`,
    `objective   ${fmt(result.objective)} (${objectiveName})`,
    `open        ${result.open.length} sites (${result.open.length - result.opened.length} existing, ${result.opened.length} new)`,
    `coverage    ${result.coverage.count}/${result.coverage.total} demand points (${pct(result.coverage.share)}), weight ${fmt(result.coverage.weight)}/${fmt(result.coverage.totalWeight)} (${pct(result.coverage.weightShare)})`,
    `solver      ${result.solver === 'heuristic' ? 'heuristic with Lagrangian bound' : `${result.solver} MIP`}`,
    '',
    'site                     new  demand  farthest',
  ];
  const perSite = new Map<string, { count: number; farthest: number }>();
  for (const a of result.assignments) {
    if (a.site === null) continue;
    const entry = perSite.get(a.site) ?? { count: 0, farthest: 0 };
    entry.count += 1;
    entry.farthest = Math.max(entry.farthest, a.distance ?? 0);
    perSite.set(a.site, entry);
  }
  const opened = new Set(result.opened);
  for (const id of result.open) {
    const entry = perSite.get(id) ?? { count: 0, farthest: 0 };
    lines.push(`${id.padEnd(24).slice(0, 24)} ${opened.has(id) ? 'yes' : ' no'}  ${String(entry.count).padStart(6)}  ${fmt(entry.farthest).padStart(8)}`);
  }
  if (result.uncovered.length > 0) {
    lines.push('', `not covered (${result.uncovered.length}):`);
    for (const u of result.uncovered) lines.push(`  ${u.demand}: ${describeUncoveredReason(u.reason)}${u.nearestDistance !== null ? ` (nearest usable site ${fmt(u.nearestDistance)})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
