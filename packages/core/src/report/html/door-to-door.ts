/**
 * The door-to-door tier in the HTML report: a map layer with the served streets (thick, one
 * colour per route) over each route's whole drive (thin), and a section with km served and
 * deadheaded per route. Only drawn when the plan has a door-to-door tier.
 */
import type { DoorToDoorReport } from '../types.js';
import { escapeHtml } from './escape.js';

const COLOURS = ['#e6550d', '#756bb1', '#31a354', '#3182bd', '#de2d26', '#636363', '#fd8d3c', '#9e9ac8'];

/** The SVG layer; `path` turns lines into SVG path data with the map's projection. */
export function doorToDoorLayer(report: DoorToDoorReport, path: (lines: [number, number][][]) => string): string {
  const parts = ['<g id="layer-door-to-door" fill="none" stroke-linecap="round" stroke-linejoin="round">'];
  report.routes.forEach((route, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    parts.push(`<path class="door-to-door drive" data-route="${escapeHtml(route.id)}" d="${path([route.geometry])}" stroke="${colour}" stroke-width="1.2" stroke-dasharray="3 3"/>`);
    parts.push(`<path class="door-to-door served" data-route="${escapeHtml(route.id)}" d="${path(route.served)}" stroke="${colour}" stroke-width="4" stroke-opacity="0.8"><title>${escapeHtml(`Door to door ${route.id}: ${route.kmServiced} km served, ${route.kmDeadheaded} km deadheaded`)}</title></path>`);
  });
  parts.push('</g>');
  return parts.join('\n');
}

/** The report section: totals, the sides rule, one row per route, unservable streets. */
export function doorToDoorSection(report: DoorToDoorReport): string {
  const rows = report.routes.map((r) => `<tr><td>${escapeHtml(r.id)}</td><td class="num">${r.streets}</td><td class="num">${r.kmServiced.toFixed(2)}</td><td class="num">${r.kmDeadheaded.toFixed(2)}</td><td class="num">${r.km.toFixed(2)}</td><td class="num">${(r.durationS / 3600).toFixed(2)}</td></tr>`);
  const unservable = report.unservable.length === 0 ? '' :
    `<p class="bad">Streets no route can serve (${report.unservable.length}): ${report.unservable.map((u) => `${escapeHtml(u.street)} (${escapeHtml(u.message)})`).join('; ')}.</p>`;
  return `<h2>Door to door</h2>
<p id="door-to-door-summary">${report.streets} street segments (${report.sides} sides) served from ${escapeHtml(report.depot)} by ${report.vehicles} route${report.vehicles === 1 ? '' : 's'}: <strong>${report.kmServiced.toFixed(2)} km served</strong>, ${report.kmDeadheaded.toFixed(2)} km deadheaded, ${report.driverHours.toFixed(2)} driver hours at ${report.serviceMinutesPerKm} min of delivery per km${report.feasible ? '' : ' — <span class="bad">the routes break the shift or vehicle limit</span>'}. Rule: ${escapeHtml(report.rule)}.</p>
${unservable}
<table id="door-to-door"><thead><tr><th>route</th><th class="num">sides</th><th class="num">km served</th><th class="num">km deadheaded</th><th class="num">km</th><th class="num">hours</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
