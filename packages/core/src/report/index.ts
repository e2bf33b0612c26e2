/** Public API of the report area. */
export type * from './types.js';
export { computeSavings, totalsOf, round } from './savings.js';
export type { SavingsOptions } from './savings.js';
export { compareService } from './comparable.js';
export type { Comparability, ComparabilityInput } from './comparable.js';
export { describeUnassignedReason, describeUncoveredReason } from './reasons.js';
export type { ReasonWords } from './reasons.js';
export { reportViolations, clock } from './violations.js';
export { routesCsv, stopsCsv } from './csv.js';
export { planReportToGeoJson } from './geojson.js';
export { formatSummary } from './text.js';
export { renderHtmlReport } from './html/page.js';
export type { HtmlReportOptions } from './html/page.js';
export { renderMapSvg } from './html/map.js';
export type { MapOptions } from './html/map.js';
export { planReportFiles, roadsFromOsm, PLAN_REPORT_FILES } from './files.js';
export type { ReportFile } from './files.js';
export { formatTiers } from './text-tiers.js';
