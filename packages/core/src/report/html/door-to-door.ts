/**
 * The door-to-door tier in the HTML report: a section with km served and deadheaded, times and
 * streets per route (the map draws the streets, the timeline the day, sheets.html the streets in
 * order). Only shown when the plan has a door-to-door tier.
 */
import type { DoorToDoorReport } from '../types.js';
import { clock } from '../violations.js';
import { escapeHtml } from './escape.js';

/** What the section reads: the report without the lines. */
export type DoorToDoorFigures = Omit<DoorToDoorReport, 'routes'> & { routes: Omit<DoorToDoorReport['routes'][number], 'geometry' | 'served'>[] };

/** The report section: totals, the sides rule, one row per route, unservable streets. */
export function doorToDoorSection(report: DoorToDoorFigures): string {
  const rows = report.routes.map((r) => `<tr><td>${escapeHtml(r.id)}</td><td class="num">${r.streets}</td><td class="num">${r.kmServiced.toFixed(2)}</td><td class="num">${r.kmDeadheaded.toFixed(2)}</td><td class="num">${r.km.toFixed(2)}</td><td class="num">${(r.durationS / 3600).toFixed(2)}</td><td class="num">${clock(r.departure)}–${clock(r.arrival)}</td><td class="num">${r.stretches.length}</td></tr>`);
  const unservable = report.unservable.length === 0 ? '' :
    `<p class="bad">Streets no route can serve (${report.unservable.length}): ${report.unservable.map((u) => `${escapeHtml(u.street)} (${escapeHtml(u.message)})`).join('; ')}.</p>`;
  return `<h2>Door to door</h2>
<p id="door-to-door-summary">${report.streetsServed} of ${report.streets} street segments (${report.sidesServed} of ${report.sides} sides) served from ${escapeHtml(report.depot)} by ${report.vehicles} route${report.vehicles === 1 ? '' : 's'}: <strong>${report.kmServiced.toFixed(2)} km served</strong>, ${report.kmDeadheaded.toFixed(2)} km deadheaded, ${report.driverHours.toFixed(2)} driver hours at ${report.serviceMinutesPerKm} min of delivery per km${report.feasible ? '' : ' — <span class="bad">the routes break the shift or vehicle limit</span>'}. Rule: ${escapeHtml(report.rule)}.</p>
${unservable}
<table id="door-to-door"><thead><tr><th>route</th><th class="num">sides</th><th class="num">km served</th><th class="num">km deadheaded</th><th class="num">km</th><th class="num">hours</th><th class="num">out–back</th><th class="num">streets</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
