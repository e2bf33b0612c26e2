/**
 * The two-tier parts of the HTML report: route styles by tier (trunk thick and dark, delivery in
 * its office's colour, the afternoon collection dotted) and the tables per tier, per office, of
 * moved villages and of scenarios. A saving is shown as a rate only like for like: the same stops and
 * the same volumes on both sides.
 */
import type { PlanReport, ReportRoute } from '../types.js';
import { escapeHtml } from './escape.js';
import { clock } from '../violations.js';
import { collectionWords } from '../text-tiers.js';
import { formatNumber } from './number-format.js';

/** What the two-tier tables read of a report. */
export type TiersInput = Pick<PlanReport, 'summary' | 'tiers'> & { before: readonly unknown[] };

/** One colour per office, in office order (distinct from the one-tier palettes' first entries). */
const OFFICE_COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#1f78b4'];

export function officeColour(report: Pick<PlanReport, 'tiers'>, office: string | undefined): string | undefined {
  const k = report.tiers?.offices.findIndex((o) => o.id === office) ?? -1;
  return k < 0 ? undefined : OFFICE_COLOURS[k % OFFICE_COLOURS.length];
}

/** Stroke, width and dash of a route of a two-tier plan. */
export function tierRouteStyle(report: Pick<PlanReport, 'tiers'>, route: ReportRoute): { stroke: string; width: number; dash: string } {
  const today = route.phase === 'before';
  if (route.tier === 'trunk') return { stroke: '#222222', width: today ? 3 : 5.5, dash: today ? '8 5' : '' };
  if (route.tier === 'collection') return { stroke: '#555555', width: 2, dash: '1.5 4' };
  return { stroke: officeColour(report, route.depot) ?? '#1f77b4', width: today ? 2 : 3.5, dash: today ? '6 4' : '' };
}

const fmt = formatNumber;
const time = (s: number | null): string => (s === null ? '—' : clock(s));

/** The tables: per tier, per office, villages that change office, and the scenario comparison. */
export function tiersSection(report: TiersInput): string {
  const s = report.summary;
  const out: string[] = [];
  if (report.tiers && s.tiers) {
    // Like for like only: the plan's own verdict (compareService: the same stops and volumes on
    // both sides) gave a savings figure; the page does not judge it again.
    const likeForLike = report.before.length > 0 && s.savedKmPerDay !== null;
    out.push('<h2>Both tiers</h2>');
    // A weekly plan's tier figures are the week's (its routes are a week's): said so, saved per week too.
    const unit = s.week !== undefined ? 'week' : 'day';
    const saved = (x: { before: { km: number }; after: { km: number }; savedKmPerDay: number | null }) => (x.savedKmPerDay === null ? '—' : fmt(unit === 'week' ? x.before.km - x.after.km : x.savedKmPerDay, 1));
    out.push(`<table id="tiers"><thead><tr><th>tier</th><th class="num">km/${unit} today</th><th class="num">km/${unit} new</th><th class="num">saved km/${unit}</th><th class="num">rate</th><th class="num">routes/${unit} today → new</th><th class="num">driver hours/${unit} today → new</th></tr></thead><tbody>${
      s.tiers.map((t) => `<tr><td>${t.tier}</td><td class="num">${fmt(t.before.km, 1)}</td><td class="num">${fmt(t.after.km, 1)}</td><td class="num">${saved(t)}</td><td class="num">${likeForLike && t.optimisationRatePercent !== null ? `${fmt(t.optimisationRatePercent, 2)} %` : '—'}</td><td class="num">${t.before.routes} → ${t.after.routes}</td><td class="num">${fmt(t.before.driverHours, 1)} → ${fmt(t.after.driverHours, 1)}</td></tr>`).join('')
    }<tr><td><b>total</b></td><td class="num">${fmt(s.before.km, 1)}</td><td class="num">${fmt(s.after.km, 1)}</td><td class="num">${saved(s)}</td><td class="num">${likeForLike && s.optimisationRatePercent !== null ? `${fmt(s.optimisationRatePercent, 2)} %` : '—'}</td><td class="num">${s.before.routes} → ${s.after.routes}</td><td class="num">${fmt(s.before.driverHours, 1)} → ${fmt(s.after.driverHours, 1)}</td></tr></tbody></table>`);
    if (s.costAfter !== undefined) out.push(`<p>Cost per day: ${s.costBefore === undefined ? '' : `today ${fmt(s.costBefore, 2)}, `}new plan ${fmt(s.costAfter, 2)}.</p>`);
    if (!likeForLike && report.before.length > 0) out.push('<p class="note">No rate is shown: today\'s routes and the plan do not serve the same stops with the same volumes.</p>');
    const t = report.tiers;
    out.push(`<h2>Township offices</h2><p>${t.assignment} assignment${t.toleranceKm > 0 ? ` (a village may change office when that saves at least ${fmt(t.toleranceKm, 1)} km a day)` : ''}; delivery leaves ${fmt(t.sortingMinutes)} min after the trunk has unloaded; ${t.rounds} trunk ↔ delivery round${t.rounds === 1 ? '' : 's'}${escapeHtml(collectionWords(t.collection))}.</p>`);
    out.push(`<table id="offices"><thead><tr><th>office</th><th class="num">stops today → new</th><th class="num">km today</th><th class="num">km new</th><th class="num">routes today → new</th><th class="num">trunk at</th><th class="num">may leave</th><th class="num">leaves</th><th class="num">back</th><th class="num">collection</th><th>${t.dimensions.map((d) => `load ${escapeHtml(d)}`).join(' / ')}</th><th>${t.dimensions.map((d) => `pick-up ${escapeHtml(d)}`).join(' / ')}</th><th>binds</th></tr></thead><tbody>${
      t.offices.map((o) => `<tr><td><span class="swatch" style="background:${officeColour(report, o.id)}"></span>${escapeHtml(o.name)}</td><td class="num">${o.stopsBefore} → ${o.stopsAfter}</td><td class="num">${fmt(o.before.km, 1)}</td><td class="num">${fmt(o.after.km, 1)}</td><td class="num">${o.before.routes} → ${o.after.routes}</td><td class="num">${time(o.trunkArrival)}</td><td class="num">${time(o.release)}</td><td class="num">${time(o.firstDeparture)}</td><td class="num">${time(o.lastReturn)}</td><td class="num">${time(o.collection)}</td><td>${o.load.map((x) => fmt(x, 1)).join(' / ')}</td><td>${o.pickup.map((x) => fmt(x, 1)).join(' / ')}</td><td>${escapeHtml(o.binding.join(', ') || '—')}</td></tr>`).join('')
    }</tbody></table>`);
    out.push(t.moved.length === 0 ? '<p>No village changes office.</p>'
      : `<table id="moved"><thead><tr><th>village</th><th>from</th><th>to</th><th>why</th><th class="num">saves km/day</th></tr></thead><tbody>${t.moved.map((m) => `<tr><td>${escapeHtml(m.name)}</td><td>${escapeHtml(m.from)}</td><td>${escapeHtml(m.to)}</td><td>${m.reason}</td><td class="num">${m.savedKm === null ? '—' : fmt(m.savedKm, 2)}</td></tr>`).join('')}</tbody></table>`);
  }
  if (s.scenarios && s.scenarios.length > 0) {
    const door = s.scenarios.some((r) => r.vehicles['door-to-door'] !== undefined);
    out.push('<h2>Scenarios</h2>');
    out.push(`<table id="scenarios"><thead><tr><th>scenario</th><th class="num">km/day</th><th class="num">km/year</th><th class="num">trunk</th><th class="num">delivery</th><th class="num">collection</th>${door ? '<th class="num">door to door</th>' : ''}<th class="num">driver hours</th><th class="num">cost</th><th class="num">unserved</th><th>what changes</th></tr></thead><tbody>${
      s.scenarios.map((r, k) => `<tr><td>${escapeHtml(r.name)}${r.description ? `<br><small>${escapeHtml(r.description)}</small>` : ''}</td><td class="num">${fmt(r.kmPerDay, 1)}</td><td class="num">${fmt(r.kmPerYear)}</td><td class="num">${r.vehicles.trunk}</td><td class="num">${r.vehicles.delivery}</td><td class="num">${r.vehicles.collection}</td>${door ? `<td class="num">${r.vehicles['door-to-door'] ?? 0}</td>` : ''}<td class="num">${fmt(r.driverHours, 1)}</td><td class="num">${r.cost === null ? '—' : fmt(r.cost, 2)}</td><td class="num">${r.unserved}</td><td>${k === 0 ? '' : escapeHtml(r.changes.join('; '))}</td></tr>`).join('')
    }</tbody></table><p class="note">Each scenario is planned on the same road graph and matrices as the base; its own report is in scenarios/NAME/.</p>`);
  }
  return out.join('\n');
}
