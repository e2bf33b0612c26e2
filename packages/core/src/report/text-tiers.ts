/** The two-tier and scenario parts of the terminal summary: per tier, per office, moves, scenarios. */
import type { PlanReport } from './types.js';
import { clock } from './violations.js';
import { formatCounty } from './text-county.js';

const num = (value: number, digits = 0): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const time = (seconds: number | null): string => (seconds === null ? '-' : clock(seconds));

/** Columns of words (the first `left`, default one) aligned left, figures right. */
function table(rows: string[][], left = 1): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0)));
  return rows.map((row) => row.map((cell, c) => (c < left ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('   '));
}

/**
 * Lines for a two-tier plan (tiers, offices, villages that change office, binding constraints)
 * and for scenarios (the comparison table); empty for a one-tier plan without scenarios.
 *
 * @example
 * process.stdout.write(formatSummary(report.summary) + formatTiers(report));
 */
export function formatTiers(report: Pick<PlanReport, 'summary' | 'tiers'>): string {
  const lines: string[] = [];
  const { summary, tiers } = report;
  if (tiers && summary.tiers) {
    // A weekly plan's tier figures are the week's (its routes are a week's): said so, saved per week too.
    const unit = summary.week !== undefined ? 'week' : 'day';
    lines.push('', `Per tier (km/${unit}, routes/${unit}):`);
    lines.push(...table([
      ['', 'today', 'new plan', 'saved', 'routes today', 'routes new'],
      ...summary.tiers.map((t) => [t.tier, num(t.before.km, 1), num(t.after.km, 1), t.savedKmPerDay === null ? '-' : num(unit === 'week' ? t.before.km - t.after.km : t.savedKmPerDay, 1), num(t.before.routes), num(t.after.routes)]),
    ]));
    if (summary.costAfter !== undefined) lines.push(`Cost per day: ${summary.costBefore === undefined ? '' : `today ${num(summary.costBefore, 2)}, `}new plan ${num(summary.costAfter, 2)}`);
    lines.push('', `Offices (${tiers.assignment} assignment${tiers.toleranceKm > 0 ? `, tolerance ${tiers.toleranceKm} km` : ''}; sorting ${tiers.sortingMinutes} min; ${tiers.rounds} trunk ↔ delivery round${tiers.rounds === 1 ? '' : 's'}${collectionWords(tiers.collection)}):`);
    // A weekly plan has one line per office per day: the day says which (a daily plan has no day column).
    const weekly = tiers.offices.some((o) => o.day !== undefined);
    lines.push(...table([
      [...(weekly ? ['day'] : []), 'office', 'stops', 'km today', 'km new', 'trunk at', 'leave', 'back', 'pick-up', 'binds'],
      ...tiers.offices.map((o) => [...(weekly ? [o.day ?? ''] : []), o.name, `${o.stopsBefore}→${o.stopsAfter}`, num(o.before.km, 1), num(o.after.km, 1), time(o.trunkArrival), time(o.firstDeparture), time(o.lastReturn), time(o.collection), o.binding.join(', ') || '-']),
    ], weekly ? 2 : 1));
    if (tiers.moved.length === 0) lines.push('Villages that change office: none');
    else {
      lines.push(`Villages that change office: ${tiers.moved.length}`);
      for (const move of tiers.moved) lines.push(`  ${move.name}: ${move.from} → ${move.to} (${move.reason}${move.savedKm === null ? '' : `, saves ${num(move.savedKm, 2)} km/day`})`);
    }
  }
  if (summary.scenarios && summary.scenarios.length > 0) {
    // Door-to-door vehicles get a column when a row has them.
    const door = summary.scenarios.some((s) => s.vehicles['door-to-door'] !== undefined);
    lines.push('', 'Scenarios:');
    lines.push(...table([
      ['scenario', 'km/day', 'km/year', 'trunk', 'delivery', 'collection', ...(door ? ['door-to-door'] : []), 'driver-h', 'cost', 'unserved'],
      ...summary.scenarios.map((s) => [s.name, num(s.kmPerDay, 1), num(s.kmPerYear), num(s.vehicles.trunk), num(s.vehicles.delivery), num(s.vehicles.collection),
        ...(door ? [num(s.vehicles['door-to-door'] ?? 0)] : []), num(s.driverHours, 1), s.cost === null ? '-' : num(s.cost, 2), num(s.unserved)]),
    ]));
    for (const s of summary.scenarios.slice(1)) lines.push(`  ${s.name}: ${s.changes.join('; ')}`);
  }
  // The county's figures by tier x day (two-tier, weekly and door-to-door plans).
  const county = formatCounty(summary.county, summary.scenarios);
  return lines.length === 0 ? county : `${lines.join('\n')}\n${county}`;
}

/** The collection mode in words, for the offices' heading. */
export function collectionWords(mode: 'second-wave' | 'wait' | null | undefined): string {
  if (mode === 'wait') return '; collection: the morning truck waits at its offices and brings the goods back';
  if (mode === 'second-wave') return '; collection: a second trunk wave in the afternoon';
  return '';
}
