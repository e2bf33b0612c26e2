/** The merged province summary as a text table for the terminal (`postroute batch`). */
import type { ProvinceSummary } from './merge.js';

/**
 * The province as a person reads it on the terminal: one row per county (km today and new, rate,
 * vehicles, unserved, run time when timed, status), the total, and the km saved a day and a year.
 *
 * @example
 * process.stdout.write(provinceTable(mergeProvince(spec, entries)));
 */
export function provinceTable(summary: ProvinceSummary): string {
  const pad = (text: string, width: number, right = true): string => (right ? text.padStart(width) : text.padEnd(width));
  const num = (value: number | null, digits: number): string => (value === null ? '—' : value.toFixed(digits));
  const nameWidth = Math.max(6, ...summary.counties.map((row) => row.name.length));
  const timing = new Map(summary.timing?.counties.map((county) => [county.name, county]) ?? []);
  const lines = [`Province: ${summary.name}`, ''];
  lines.push(`${pad('county', nameWidth, false)}  ${pad('km today', 9)}  ${pad('km new', 8)}  ${pad('rate %', 7)}  ${pad('vehicles', 8)}  ${pad('unserved', 8)}${summary.timing ? `  ${pad('run s', 6)}` : ''}  status`);
  for (const row of summary.counties) {
    const time = timing.get(row.name);
    lines.push(`${pad(row.name, nameWidth, false)}  ${pad(num(row.kmBefore, 1), 9)}  ${pad(num(row.kmAfter, 1), 8)}  ${pad(num(row.optimisationRatePercent, 2), 7)}  ` +
      `${pad(row.vehiclesBefore === null ? '—' : `${row.vehiclesBefore} → ${row.vehiclesAfter}`, 8)}  ${pad(num(row.unserved, 0), 8)}` +
      `${summary.timing ? `  ${pad(time ? `${time.seconds.toFixed(1)}${time.source === 'stored' ? '*' : ''}` : '—', 6)}` : ''}  ` +
      `${row.status === 'done' ? 'done' : `failed: ${row.error?.message ?? ''}`}`);
  }
  const t = summary.totals;
  lines.push(`${pad('total', nameWidth, false)}  ${pad(t.kmBefore.toFixed(1), 9)}  ${pad(t.kmAfter.toFixed(1), 8)}  ${pad(num(t.optimisationRatePercent, 2), 7)}  ` +
    `${pad(`${t.vehiclesBefore} → ${t.vehiclesAfter}`, 8)}  ${pad(String(t.unserved), 8)}${summary.timing ? `  ${pad(summary.timing.wallSeconds.toFixed(1), 6)}` : ''}  ${t.done} done, ${t.failed} failed`);
  lines.push('', `Saved per day ${t.savedKmPerDay.toFixed(1)} km, per year ${t.savedKmPerYear.toLocaleString('en-US')} km.`);
  if ([...timing.values()].some((county) => county.source === 'stored')) lines.push('* stored result of an earlier run with the same inputs (run time of that run)');
  return lines.join('\n');
}
