/**
 * The printed summary's county lines (issue 19 §2): per tier, km per weekday today → new and per
 * year, vehicles per day, driver-hours and cost a year, what each part saves, each office's
 * binding rules per day, door to door per office, and the scenarios' tiers. Words only: the
 * figures are summary.county's (report/county.ts).
 */
import type { CountyFigures, ScenarioRow } from './types.js';

const num = (value: number, digits = 0): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('   ').trimEnd());
}

/** A part's saving in words: the figure against what, or why there is none. */
export function partWords(part: CountyFigures['parts'][number]): string {
  const name = part.part === 'second-tier' ? 'the second tier' : part.part === 'door-to-door' ? 'door to door' : 'the visit frequencies';
  if (part.kmPerYearWithout === null) return `${name}: ${num(part.kmPerYear)} km a year; saving ${part.against}`;
  if (part.savedKmPerYear === null) return `${name}: ${num(part.kmPerYear)} km a year, ${num(part.kmPerYearWithout)} km against ${part.against}; no saving given, not the same service: ${part.notComparable ?? 'not comparable'}`;
  // "the visit frequencies save", "the second tier saves"; a part that drives more says it costs.
  const verb = part.savedKmPerYear >= 0 ? 'save' : 'cost';
  return `${name} ${part.part === 'frequencies' ? verb : `${verb}s`} ${num(Math.abs(part.savedKmPerYear))} km a year against ${part.against} (${num(part.kmPerYearWithout)} → ${num(part.kmPerYear)} km)`;
}

/**
 * The county lines of a two-tier, weekly or door-to-door plan (empty without `summary.county`).
 *
 * @example
 * process.stdout.write(formatCounty(report.summary.county, report.summary.scenarios));
 */
export function formatCounty(county: CountyFigures | undefined, scenarios: readonly ScenarioRow[] = []): string {
  if (county === undefined) return '';
  const days = county.days ?? [null];
  const dayName = (day: string | null): string => day ?? 'per day';
  const year = `${num(county.yearFactor, Number.isInteger(county.yearFactor) ? 0 : 1)} ${county.days ? 'weeks' : 'days'}`;
  const lines = ['', `The county, per tier: km ${county.days ? 'per weekday' : 'per day'} (today → new plan) and per year (${year}):`];
  const side = (value: number | null | undefined, digits: number): string => (value === null || value === undefined ? '-' : num(value, digits));
  lines.push(...table([
    ['tier', ...days.map(dayName), 'km/year today', 'km/year new', 'saved/year', 'rate'],
    ...county.tiers.map((t) => [
      t.tier, ...t.perDay.map((d) => `${side(d.before?.km, 1)} → ${num(d.after.km, 1)}`),
      side(t.kmPerYearBefore, 0), num(t.kmPerYearAfter), side(t.savedKmPerYear, 0), t.optimisationRatePercent === null ? '-' : `${num(t.optimisationRatePercent, 2)} %`,
    ]),
  ]));
  lines.push('Vehicles per day, new plan (today):');
  lines.push(...table([
    ['tier', ...days.map(dayName)],
    ...county.tiers.map((t) => [t.tier, ...t.perDay.map((d) => `${d.after.vehicles}${d.before === null ? '' : ` (${d.before.vehicles})`}`)]),
  ]));
  lines.push('Driver-hours and cost a year, new plan (today):');
  lines.push(...table([
    ['tier', 'driver-hours', 'cost'],
    ...county.tiers.map((t) => [
      t.tier, `${num(t.driverHoursPerYearAfter)}${t.driverHoursPerYearBefore === null ? '' : ` (${num(t.driverHoursPerYearBefore)})`}`,
      t.costPerYearAfter === null ? '-' : `${num(t.costPerYearAfter, 2)}${t.costPerYearBefore === null ? '' : ` (${num(t.costPerYearBefore, 2)})`}`,
    ]),
  ]));
  if (county.parts.length > 0) {
    lines.push('What each part saves:');
    for (const part of county.parts) lines.push(`  ${partWords(part)}`);
  }
  if (county.offices.length > 0) {
    lines.push('What binds at each office:');
    const byOffice = new Map<string, string[]>();
    for (const o of county.offices) byOffice.set(o.name, [...(byOffice.get(o.name) ?? []), `${o.day === null ? '' : `${o.day} `}${o.binding.join(', ') || '-'}`]);
    for (const [name, list] of byOffice) lines.push(`  ${name}: ${list.join('; ')}`);
  }
  if (county.doorToDoor.length > 0) {
    lines.push('Door to door per office:');
    for (const d of county.doorToDoor) {
      lines.push(`  ${d.name}${d.day === null ? '' : ` ${d.day}`}: ${d.routes} route${d.routes === 1 ? '' : 's'}, ${num(d.kmServed, 1)} km served, ${num(d.kmDeadheaded, 1)} km deadheaded`);
    }
  }
  const tiered = scenarios.filter((s) => s.tiers !== undefined);
  if (tiered.length > 0) {
    lines.push('Scenarios per tier (km/day, vehicles on the busiest day, driver-hours/day, cost/day):');
    for (const s of tiered) {
      lines.push(`  ${s.name}: ${s.tiers!.map((t) => `${t.tier} ${num(t.kmPerDay, 1)} km, ${t.vehicles} veh, ${num(t.driverHours, 1)} h${t.cost === null ? '' : `, ${num(t.cost, 2)}`}`).join('; ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
