/**
 * The one report assembler (issue 19): whatever pipeline planned it (one tier, two tiers, the
 * week, door to door), a plan report is completed here the same way before any writer reads it —
 * the county's figures keyed by tier × day (county.ts) and each place's days of service — and
 * rendered into the same files by `planReportFiles`. One-tier daily reports pass through unchanged,
 * so their files stay byte for byte what they were.
 */
import { withCountyFigures } from './county.js';
import type { PlanReport, ReportPlace } from './types.js';

/**
 * Completes a plan report for its writers: `summary.county` (two-tier, weekly and door-to-door
 * plans) and `places[].days` from the week's visits. Computing it twice gives the same report.
 *
 * @example
 * const report = assembleReport(result.report);
 * report.summary.county?.tiers.map((t) => t.kmPerYearAfter);
 */
export function assembleReport<R extends Pick<PlanReport, 'summary' | 'before' | 'after' | 'tiers' | 'doorToDoor' | 'places'>>(report: R): R {
  const visits = new Map((report.summary.week?.visits ?? []).map((v) => [v.id, v.days]));
  const places: ReportPlace[] = visits.size === 0 ? report.places : report.places.map((place) => {
    const days = place.days ?? visits.get(place.id);
    return days === undefined ? place : { ...place, days: [...days] };
  });
  const withPlaces = places === report.places ? report : { ...report, places };
  return report.summary.county !== undefined ? withPlaces : withCountyFigures(withPlaces);
}
