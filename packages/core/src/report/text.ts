/** The summary a planner reads in the terminal: before, after, saved, rate. */
import type { SavingsSummary } from './types.js';
import { doorToDoorLines } from './door-to-door.js';

const number = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const signed = (value: number, digits = 0): string => `${value > 0 ? '+' : ''}${number(value, digits)}`;

/**
 * A fixed-width table and one headline line; plain ASCII apart from the en dash, no colours.
 *
 * @example
 * process.stdout.write(formatSummary(result.report.summary));
 */
export function formatSummary(summary: SavingsSummary): string {
  const { before: b, after: a } = summary;
  // A weekly plan's totals are per week (summary.week); a daily plan's per day.
  const per = summary.week ? 'week' : 'day';
  const rows: [string, string, string, string][] = [
    ['', 'today', 'new plan', 'change'],
    ['routes (vehicles/day)', number(b.vehicles), number(a.vehicles), signed(a.vehicles - b.vehicles)],
    [`distance, km/${per}`, number(b.km, 1), number(a.km, 1), signed(a.km - b.km, 1)],
    [`driver hours/${per}`, number(b.driverHours, 1), number(a.driverHours, 1), signed(a.driverHours - b.driverHours, 1)],
    ['stops served', number(b.stopsServed), number(a.stopsServed), signed(a.stopsServed - b.stopsServed)],
    [`mail delivered/${per}`, number(b.mailDelivered), number(a.mailDelivered), signed(a.mailDelivered - b.mailDelivered)],
    ['routes breaking a rule', number(b.routesWithViolations), number(a.routesWithViolations), signed(a.routesWithViolations - b.routesWithViolations)],
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = [`Plan: ${summary.name}`];
  // A different service first: before any figure a reader might quote.
  for (const [i, reason] of summary.notComparable.entries()) lines.push(`${i === 0 ? 'Not comparable: ' : '  and: '}${reason.message}`);
  for (const row of rows) {
    lines.push(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0))).join('   '));
  }
  lines.push('');
  if (summary.before.routes === 0) {
    lines.push("No routes in use today were given (plan.json \"baseline\"), so there is nothing to compare.");
  } else if (summary.savedKmPerDay === null || summary.savedKmPerYear === null) {
    lines.push('No savings figure: the new plan does not serve the same stops with the same mail as today\'s routes, so a rate would compare different services.');
  } else {
    const rate = summary.optimisationRatePercent === null ? 'n/a' : `${number(summary.optimisationRatePercent, 2)} %`;
    const like = summary.comparable ? '' : ' (same stops and mail as today)';
    lines.push(
      `Saved${like}: ${number(summary.savedKmPerDay, 1)} km per day, ${number(summary.savedKmPerYear)} km per year ` +
        `(${summary.operatingDaysPerYear} operating days); optimisation rate ${rate}`,
    );
    lines.push(`Driver time saved: ${number(summary.savedDriverHoursPerDay ?? 0, 1)} h per day, ${number(summary.savedDriverHoursPerYear ?? 0)} h per year`);
  }
  if (summary.week) {
    const w = summary.week;
    lines.push(`Weekly service on ${w.days.join(', ')}${w.accumulate ? ' (mail waits for the next visit)' : ''}: ` +
      `${number(w.kmPerWeekAfter, 1)} km per week, ${number(w.kmPerYearAfter)} km per year (${number(w.weeksPerYear, 1)} weeks)`);
    const saved = w.kmPerYearDailyService - w.kmPerYearAfter;
    lines.push(`Daily service of the same stops: ${number(w.kmPerWeekDailyService, 1)} km per week, ${number(w.kmPerYearDailyService)} km per year; ` +
      `the visit frequencies ${saved >= 0 ? 'save' : 'cost'} ${number(Math.abs(saved))} km per year${w.dailyServiceSearch === undefined ? '' : ` (daily service ${w.dailyServiceSearch})`}`);
    lines.push(`Routes per day: ${w.perDay.map((d) => `${d.day} ${d.routesAfter} (${number(d.kmAfter, 1)} km)`).join(', ')}`);
  }
  if (summary.stations) {
    const which = summary.stations.maxPopulation === undefined ? 'every village' : `every village of at most ${number(summary.stations.maxPopulation)} inhabitants`;
    lines.push(`Village stations opened: ${summary.stations.opened.length} (${which} within ${number(summary.stations.radiusM / 1000, 1)} km of an outlet or station)`);
  }
  if (summary.notServedToday.length > 0) {
    lines.push(`Not served by today's routes: ${summary.notServedToday.length} (${summary.notServedToday.join(', ')})`);
  }
  if (summary.snapWarnings && summary.snapWarnings.length > 0) {
    lines.push(`Placed past a nearer road that is not connected to the main network: ${summary.snapWarnings.length}`);
    for (const w of summary.snapWarnings) lines.push(`  ${w.id} (${w.name}): ${w.message}`);
  }
  if (summary.unassigned.length === 0) lines.push('Unassigned stops: none');
  else {
    // A weekly plan's visits missed on a day (the trunk did not reach the office) are counted apart.
    const missed = summary.unassigned.filter((stop) => stop.day !== undefined).length;
    lines.push(`Unassigned stops: ${summary.unassigned.length}${missed > 0 ? ` (${missed} of them one day's visit: the trunk did not reach the office that day)` : ''}`);
    for (const stop of summary.unassigned) lines.push(`  ${stop.id} (${stop.name}): ${stop.reason}`);
  }
  if (summary.doorToDoor) lines.push(...doorToDoorLines(summary.doorToDoor));
  return `${lines.join('\n')}\n`;
}
