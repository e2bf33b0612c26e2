/**
 * The files of one plan's report, as `postroute plan --out` writes them and `postroute batch`
 * writes them for each county: one list, so both commands write the same report.
 */
import { isPreparedRoads, type RoadsInput } from '../prepared/prepare.js';
import { assembleReport } from './assemble.js';
import { routesCsv, stopsCsv } from './csv.js';
import { planReportToGeoJson } from './geojson.js';
import { renderReportPage } from './html/page.js';
import { renderSheets } from './html/sheets.js';
import { buildReportView } from './html/view.js';
import { roadsEncodedAhead } from './html/roads-ahead.js';
import type { PlanReport } from './types.js';

/** One output file: its name inside the report folder and its whole text. */
export interface ReportFile {
  name: string;
  text: string;
}

/** Names of the report files, in the order they are written. */
export const PLAN_REPORT_FILES = ['summary.json', 'routes.csv', 'stops.csv', 'routes.geojson', 'report.html', 'sheets.html'] as const;

/** True when the roads came from OpenStreetMap (OSM ids on the features), so the map credits it. */
export function roadsFromOsm(roads: RoadsInput): boolean {
  if (isPreparedRoads(roads)) return roads.fromOsm;
  return roads.features.some((feature) => feature.properties?.osm_id !== undefined || String(feature.id ?? '').startsWith('way/'));
}

/**
 * Renders a plan report into its files (summary.json, routes.csv, stops.csv, routes.geojson,
 * report.html, sheets.html: `PLAN_REPORT_FILES`); the caller writes them.
 *
 * @example
 * for (const file of await planReportFiles(result.report, { osm: roadsFromOsm(roads) })) writeFileSync(join(out, file.name), file.text);
 */
export async function planReportFiles(planned: PlanReport, options: { osm?: boolean } = {}): Promise<ReportFile[]> {
  const report = assembleReport(planned);
  // The roads encoded while the plan was made (`PlanOptions.encodeMapAhead`), when they were.
  const roadsEncoded = await roadsEncodedAhead(report.roads);
  const view = buildReportView(report, { ...(options.osm ? { attribution: 'Map data © OpenStreetMap contributors, ODbL' } : {}), ...(roadsEncoded ? { roadsEncoded } : {}) });
  return [
    { name: 'summary.json', text: `${JSON.stringify(report.summary, null, 2)}\n` },
    { name: 'routes.csv', text: await routesCsv(report) },
    { name: 'stops.csv', text: await stopsCsv(report) },
    { name: 'routes.geojson', text: `${JSON.stringify(planReportToGeoJson(report))}\n` },
    { name: 'report.html', text: renderReportPage(view) },
    { name: 'sheets.html', text: renderSheets(view) },
  ];
}
