/**
 * Bar charts as inline SVG: the two daily totals, then every route of today and of the new plan
 * on one shared kilometre scale, so that the lengths can be compared by eye.
 */
import type { ReportView, ViewRoute } from './view-types.js';
import { escapeHtml } from './escape.js';

const WIDTH = 960;
const LABEL = 210;
const BAR = 16;
const GAP = 6;

function bars(rows: { label: string; value: number; colour: string; dashed: boolean; note: string; cls: string }[], max: number, id: string): string {
  const height = rows.length * (BAR + GAP) + 24;
  const span = WIDTH - LABEL - 150;
  const out = [`<svg id="${id}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" font-family="sans-serif" font-size="12">`];
  rows.forEach((row, index) => {
    const y = 4 + index * (BAR + GAP);
    const w = max > 0 ? (row.value / max) * span : 0;
    const pattern = row.dashed ? ` fill-opacity="0.55" stroke="${row.colour}" stroke-dasharray="4 2"` : '';
    out.push(`<text x="${LABEL - 8}" y="${y + BAR - 4}" text-anchor="end">${escapeHtml(row.label)}</text>`);
    out.push(`<rect class="bar ${row.cls}" x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${row.colour}"${pattern}><title>${escapeHtml(`${row.label}: ${row.value.toFixed(1)} km`)}</title></rect>`);
    out.push(`<text x="${(LABEL + w + 6).toFixed(1)}" y="${y + BAR - 4}">${row.value.toFixed(1)} km${row.note ? ` <tspan fill="#c00">${escapeHtml(row.note)}</tspan>` : ''}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

function routeRow(route: ViewRoute): { label: string; value: number; colour: string; dashed: boolean; note: string; cls: string } {
  const problems = route.violations.length;
  return {
    label: `${route.phase === 'before' ? 'today' : 'new'} ${route.tier ? `${route.tier} ` : ''}${route.id}${route.day ? ` ${route.day}` : ''} (${route.stops.length} stops)`,
    value: route.km,
    colour: route.colour,
    dashed: route.phase === 'before',
    note: problems > 0 ? `⚠ ${problems} rule${problems === 1 ? '' : 's'} broken` : '',
    cls: route.phase,
  };
}

/** The totals chart and the per-route chart, as two SVG elements. */
export function renderCharts(view: ReportView): string {
  const { before, after } = view.summary;
  const totals = bars([
    { label: 'today, all routes', value: before.km, colour: '#d62728', dashed: true, note: '', cls: 'total-before' },
    { label: 'new plan, all routes', value: after.km, colour: '#1f77b4', dashed: false, note: '', cls: 'total-after' },
  ], Math.max(before.km, after.km), 'chart-totals');
  const rows = view.routes.map(routeRow);
  const perRoute = bars(rows, Math.max(0, ...rows.map((row) => row.value)), 'chart-routes');
  return `${totals}\n${perRoute}`;
}
