/**
 * report.html's county section (issue 19 §2): per tier, km per weekday today → new and per year,
 * the like-for-like saving; vehicles per tier per day; driver-hours and cost a year; what each part
 * saves; each office's binding rules per day; door to door per office; the scenarios per tier.
 * The figures are summary.county's (report/county.ts); this only lays them out.
 */
import { partWords } from '../text-county.js';
import type { CountyFigures, ScenarioRow } from '../types.js';
import { escapeHtml } from './escape.js';

const fmt = (value: number, digits = 0): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const maybe = (value: number | null | undefined, digits = 0): string => (value === null || value === undefined ? '—' : fmt(value, digits));

/**
 * The county tables, each row and cell tagged with its tier and day (`data-tier`, `data-day`) so
 * that the page's day picker and tier boxes can pick them out.
 *
 * @example
 * const html = countySection(summary.county, summary.scenarios); // '<h2>The county, tier by tier</h2>…'
 */
export function countySection(county: CountyFigures | undefined, scenarios: readonly ScenarioRow[] = []): string {
  if (county === undefined) return '';
  const days = county.days ?? [null];
  const dayHead = days.map((d) => `<th class="num" data-day="${escapeHtml(d ?? '')}">${escapeHtml(d ?? 'per day')}</th>`).join('');
  const out: string[] = [];
  const year = `${fmt(county.yearFactor, Number.isInteger(county.yearFactor) ? 0 : 1)} ${county.days ? 'weeks' : 'operating days'}`;
  out.push('<h2 id="county">The county, tier by tier</h2>');
  out.push(`<p class="note">Km ${county.days ? 'per weekday' : 'per day'}, today → new plan, and per year (${year}). A saving is given like for like only: the same stops and volumes on both sides.</p>`);
  out.push(`<table id="county-km"><thead><tr><th>tier</th>${dayHead}<th class="num">km/year today</th><th class="num">km/year new</th><th class="num">saved km/year</th><th class="num">rate</th></tr></thead><tbody>${
    county.tiers.map((t) => `<tr data-tier="${t.tier}"><td>${t.tier}</td>${t.perDay.map((d) => `<td class="num" data-day="${escapeHtml(d.day ?? '')}">${maybe(d.before?.km, 1)} → ${fmt(d.after.km, 1)}</td>`).join('')}` +
      `<td class="num">${maybe(t.kmPerYearBefore)}</td><td class="num">${fmt(t.kmPerYearAfter)}</td><td class="num">${maybe(t.savedKmPerYear)}</td><td class="num">${t.optimisationRatePercent === null ? '—' : `${fmt(t.optimisationRatePercent, 2)} %`}</td></tr>`).join('')
  }</tbody></table>`);
  out.push(`<h3>Vehicles per day, new plan (today)</h3><table id="county-vehicles"><thead><tr><th>tier</th>${dayHead}</tr></thead><tbody>${
    county.tiers.map((t) => `<tr data-tier="${t.tier}"><td>${t.tier}</td>${t.perDay.map((d) => `<td class="num" data-day="${escapeHtml(d.day ?? '')}">${d.after.vehicles}${d.before === null ? '' : ` (${d.before.vehicles})`}</td>`).join('')}</tr>`).join('')
  }</tbody></table>`);
  out.push(`<h3>Driver-hours and cost a year</h3><table id="county-hours"><thead><tr><th>tier</th><th class="num">driver-hours today</th><th class="num">driver-hours new</th><th class="num">cost today</th><th class="num">cost new</th></tr></thead><tbody>${
    county.tiers.map((t) => `<tr data-tier="${t.tier}"><td>${t.tier}</td><td class="num">${maybe(t.driverHoursPerYearBefore)}</td><td class="num">${fmt(t.driverHoursPerYearAfter)}</td><td class="num">${maybe(t.costPerYearBefore, 2)}</td><td class="num">${maybe(t.costPerYearAfter, 2)}</td></tr>`).join('')
  }</tbody></table>`);
  if (county.parts.length > 0) {
    out.push(`<h3>What each part saves</h3><ul id="county-parts">${county.parts.map((p) => `<li data-part="${p.part}">${escapeHtml(partWords(p))}</li>`).join('')}</ul>`);
  }
  if (county.offices.length > 0) {
    out.push(`<h3>What binds at each office</h3><table id="county-binding"><thead><tr><th>office</th><th>day</th><th>binding rules</th></tr></thead><tbody>${
      county.offices.map((o) => `<tr data-day="${escapeHtml(o.day ?? '')}"><td>${escapeHtml(o.name)}</td><td>${escapeHtml(o.day ?? 'every day')}</td><td>${escapeHtml(o.binding.join(', ') || '—')}</td></tr>`).join('')
    }</tbody></table>`);
  }
  if (county.doorToDoor.length > 0) {
    out.push(`<h3>Door to door per office</h3><table id="county-door"><thead><tr><th>office</th><th>day</th><th class="num">routes</th><th class="num">km served</th><th class="num">km deadheaded</th></tr></thead><tbody>${
      county.doorToDoor.map((d) => `<tr data-day="${escapeHtml(d.day ?? '')}"><td>${escapeHtml(d.name)}</td><td>${escapeHtml(d.day ?? 'every day')}</td><td class="num">${d.routes}</td><td class="num">${fmt(d.kmServed, 1)}</td><td class="num">${fmt(d.kmDeadheaded, 1)}</td></tr>`).join('')
    }</tbody></table>`);
  }
  const tiered = scenarios.filter((s) => s.tiers !== undefined);
  if (tiered.length > 0) {
    const tiers = [...new Set(tiered.flatMap((s) => s.tiers!.map((t) => t.tier)))];
    out.push(`<h3>Scenarios, tier by tier</h3><table id="scenario-tiers"><thead><tr><th>scenario</th>${tiers.map((t) => `<th class="num" data-tier="${t}">${t}: km/day, vehicles, driver-h/day, cost/day</th>`).join('')}</tr></thead><tbody>${
      tiered.map((s) => `<tr><td>${escapeHtml(s.name)}</td>${tiers.map((tier) => {
        const t = s.tiers!.find((x) => x.tier === tier);
        return `<td class="num" data-tier="${tier}">${t === undefined ? '—' : `${fmt(t.kmPerDay, 1)} km, ${t.vehicles}, ${fmt(t.driverHours, 1)} h, ${maybe(t.cost, 2)}`}</td>`;
      }).join('')}</tr>`).join('')
    }</tbody></table>`);
  }
  return `<section id="county-section">\n${out.join('\n')}\n</section>`;
}
