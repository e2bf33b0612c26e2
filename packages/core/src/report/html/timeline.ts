/**
 * The timeline: a Gantt chart per day as inline SVG, one bar per vehicle from departure to
 * return with its stops as marks (waiting hatched). In two-tier plans the trunk comes first, then
 * each office: a lane with the trunk's arrival, the sorting time and the release, and its vans
 * below it, so that arrival, sorting and departures line up on one time axis; the office whose
 * rule binds is flagged. Door-to-door vehicles follow with the streets they serve as marks,
 * then today's vehicles, faded, for comparison. Every mark, bar and lane says what it is in a
 * `data-tip` that the page's script shows at once on hover (timeline-script.ts).
 */
import { clock } from '../violations.js';
import { escapeHtml } from './escape.js';
import type { ReportView, ViewDoorRoute, ViewOffice, ViewRoute } from './view-types.js';

const WIDTH = 960;
const LABEL = 190;
const ROW = 18;
const BAR = 11;
const AXIS = 26;

type Row = { kind: 'route'; route: ViewRoute } | { kind: 'door'; route: ViewDoorRoute } | { kind: 'office'; office: ViewOffice } | { kind: 'heading'; text: string };

/** A hover text as an attribute. */
const tip = (text: string): string => ` data-tip="${escapeHtml(text)}"`;

/** Whether something of a day (an office's timing, a door-to-door route) belongs on `day`'s chart: no day = every day. */
const onDay = (own: string | undefined, day: string): boolean => day === '' || own === undefined || own === day;

function rowsOf(view: ReportView, routes: ViewRoute[], day: string): Row[] {
  const rows: Row[] = [];
  const byDeparture = (a: ViewRoute, b: ViewRoute): number => a.departure - b.departure || a.key - b.key;
  const after = routes.filter((r) => r.phase === 'after').sort(byDeparture);
  const before = routes.filter((r) => r.phase === 'before').sort(byDeparture);
  if (view.offices.length > 0) {
    const trunk = after.filter((r) => r.tier === 'trunk');
    if (trunk.length > 0) rows.push({ kind: 'heading', text: 'Trunk' }, ...trunk.map((route) => ({ kind: 'route' as const, route })));
    for (const office of view.offices.filter((o) => onDay(o.day, day))) {
      const vans = after.filter((r) => r.tier === 'delivery' && r.depot === office.id);
      if (vans.length === 0 && office.trunkArrival === null) continue;
      rows.push({ kind: 'office', office }, ...vans.map((route) => ({ kind: 'route' as const, route })));
    }
    const collection = after.filter((r) => r.tier === 'collection');
    if (collection.length > 0) rows.push({ kind: 'heading', text: 'Afternoon collection' }, ...collection.map((route) => ({ kind: 'route' as const, route })));
    const rest = after.filter((r) => r.tier === undefined);
    rows.push(...rest.map((route) => ({ kind: 'route' as const, route })));
  } else if (after.length > 0) {
    rows.push({ kind: 'heading', text: 'New plan' }, ...after.map((route) => ({ kind: 'route' as const, route })));
  }
  const door = (view.doorToDoor?.routes ?? []).filter((r) => onDay(r.day, day));
  if (door.length > 0) rows.push({ kind: 'heading', text: 'Door to door' }, ...door.map((route) => ({ kind: 'door' as const, route })));
  if (before.length > 0) rows.push({ kind: 'heading', text: 'Today' }, ...before.map((route) => ({ kind: 'route' as const, route })));
  return rows;
}

/** One day's chart. `names` gives place names for the marks' titles. */
function dayChart(view: ReportView, routes: ViewRoute[], names: Map<string, string>, day: string, index: number): string {
  const hatch = `hatch-${index}`;
  const rows = rowsOf(view, routes, day);
  const times = routes.flatMap((r) => [r.departure, r.arrival]);
  for (const o of view.offices) if (onDay(o.day, day)) for (const t of [o.trunkArrival, o.release, o.collection]) if (t !== null) times.push(t);
  for (const r of view.doorToDoor?.routes ?? []) if (onDay(r.day, day)) times.push(r.departure, r.arrival);
  const t0 = Math.floor(Math.min(...times) / 3600) * 3600;
  const t1 = Math.max(t0 + 3600, Math.ceil(Math.max(...times) / 3600) * 3600);
  const k = (WIDTH - LABEL - 10) / (t1 - t0);
  const x = (t: number): string => (LABEL + (t - t0) * k).toFixed(1);
  const height = AXIS + rows.length * ROW + 6;
  const out: string[] = [`<svg class="timeline" data-day="${escapeHtml(day)}" data-t0="${t0}" data-seconds-per-px="${(1 / k).toFixed(6)}" data-x0="${LABEL}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" font-family="sans-serif" font-size="11">`];
  for (let t = t0; t <= t1; t += 3600) {
    out.push(`<line x1="${x(t)}" y1="${AXIS - 6}" x2="${x(t)}" y2="${height}" stroke="#e4e4e4"/><text x="${x(t)}" y="${AXIS - 10}" text-anchor="middle" fill="#555">${clock(t)}</text>`);
  }
  const officeRow = new Map<string, number>();
  rows.forEach((row, i) => { if (row.kind === 'office') officeRow.set(row.office.id, i); });
  rows.forEach((row, i) => {
    const y = AXIS + i * ROW;
    const mid = y + ROW / 2;
    if (row.kind === 'heading') {
      out.push(`<text x="4" y="${mid + 4}" font-weight="bold">${escapeHtml(row.text)}</text>`);
      return;
    }
    if (row.kind === 'office') {
      const o = row.office;
      const binds = o.binding.length > 0;
      out.push(`<g class="office-lane" data-office="${escapeHtml(o.id)}"${binds ? ` data-binding="${escapeHtml(o.binding.join(','))}"` : ''}>`);
      out.push(`<text x="4" y="${mid + 4}" font-weight="bold"${tip(`${o.name}: ${binds ? `binds: ${o.binding.join(', ')}` : 'no rule binds'}`)}>${escapeHtml(o.name)}${binds ? ` <tspan fill="#b00">⚑ ${escapeHtml(o.binding.join(', '))}</tspan>` : ''}</text>`);
      if (o.trunkArrival !== null && o.release !== null && o.release > o.trunkArrival) {
        out.push(`<rect class="sorting" x="${x(o.trunkArrival)}" y="${y + 4}" width="${((o.release - o.trunkArrival) * k).toFixed(1)}" height="${ROW - 8}" fill="url(#${hatch})" stroke="#999"${tip(`${o.name}: sorting ${clock(o.trunkArrival)}–${clock(o.release)}`)}/>`);
      }
      if (o.trunkArrival !== null) out.push(`<path class="trunk-arrival" d="M${x(o.trunkArrival)} ${y + 3}l-5 -6h10z" fill="#222"${tip(`trunk at ${o.name} ${clock(o.trunkArrival)}`)}/>`);
      if (o.release !== null) {
        // The release line runs down through the office's vans: their departures start on it.
        const vans = rows.slice(i + 1).findIndex((r) => r.kind !== 'route' || r.route.tier !== 'delivery');
        const bottom = AXIS + (i + 1 + (vans < 0 ? rows.length - i - 1 : vans)) * ROW;
        out.push(`<line class="release" x1="${x(o.release)}" y1="${y + 2}" x2="${x(o.release)}" y2="${bottom}" stroke="${binds ? '#b00' : '#444'}" stroke-width="${binds ? 2 : 1}"${tip(`${o.name}: vans may leave at ${clock(o.release)}`)}/>`);
      }
      if (o.collection !== null) out.push(`<path class="collection" d="M${x(o.collection)} ${y + 3}l5 6l-5 6l-5 -6z" fill="#555"${tip(`collection at ${o.name} ${clock(o.collection)}`)}/>`);
      out.push('</g>');
      return;
    }
    if (row.kind === 'door') {
      out.push(doorRow(row.route, y, x, k));
      return;
    }
    const r = row.route;
    const today = r.phase === 'before';
    const name = `${today ? 'today' : 'new'} ${r.tier ? `${r.tier} ` : ''}${r.id}`;
    out.push(`<g class="vehicle ${r.phase}" data-route-key="${r.key}">`);
    out.push(`<text x="${LABEL - 6}" y="${mid + 4}" text-anchor="end"${today ? ' fill="#777"' : ''}>${escapeHtml(name)}</text>`);
    out.push(`<rect class="bar" data-key="${r.key}" data-start="${r.departure}" data-end="${r.arrival}" x="${x(r.departure)}" y="${mid - BAR / 2}" width="${Math.max(1, (r.arrival - r.departure) * k).toFixed(1)}" height="${BAR}" rx="2" fill="${r.colour}" fill-opacity="${today ? 0.25 : 0.55}" stroke="${r.colour}"${today ? ' stroke-dasharray="4 2"' : ''}${tip(`${name}: ${clock(r.departure)}–${clock(r.arrival)}, ${r.km.toFixed(1)} km`)}/>`);
    r.stops.forEach((s, n) => {
      if (s.start > s.arrival + 30) out.push(`<rect class="wait" x="${x(s.arrival)}" y="${mid - BAR / 2}" width="${((s.start - s.arrival) * k).toFixed(1)}" height="${BAR}" fill="url(#${hatch})"${tip(`waits at ${names.get(s.id) ?? s.id} ${clock(s.arrival)}–${clock(s.start)}`)}/>`);
      out.push(`<rect class="stop-mark" data-stop="${escapeHtml(s.id)}" data-arrival="${s.arrival}" x="${(Number(x(s.arrival)) - 1).toFixed(1)}" y="${mid - BAR / 2 - 2}" width="2.5" height="${BAR + 4}" fill="#222"${MARK_HIT}${tip(`${n + 1}. ${names.get(s.id) ?? s.id}, arrives ${clock(s.arrival)}`)}/>`);
    });
    // Two tiers: the trunk's stop at each office drawn down to that office's lane.
    if (r.tier === 'trunk') {
      for (const s of r.stops) {
        const lane = officeRow.get(s.id);
        if (lane !== undefined && lane > i) out.push(`<line x1="${x(s.arrival)}" y1="${mid + BAR / 2}" x2="${x(s.arrival)}" y2="${AXIS + lane * ROW + 3}" stroke="#222" stroke-dasharray="1 3"/>`);
      }
    }
    out.push('</g>');
  });
  out.push(`<defs><pattern id="${hatch}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff"/><line x1="0" y1="0" x2="0" y2="5" stroke="#888" stroke-width="2"/></pattern></defs>`);
  out.push('</svg>');
  return out.join('\n');
}

/** A transparent stroke around a mark: a wider target for the pointer than the 2.5 px drawn. */
const MARK_HIT = ' stroke="transparent" stroke-width="5"';

/** A door-to-door vehicle: its bar from leaving the office to return, a mark where each street's delivery begins. */
function doorRow(r: ViewDoorRoute, y: number, x: (t: number) => string, k: number): string {
  const mid = y + ROW / 2;
  const name = `door-to-door ${r.id}`;
  const out = [`<g class="door-vehicle" data-door-route="${escapeHtml(r.id)}">`];
  out.push(`<text x="${LABEL - 6}" y="${mid + 4}" text-anchor="end">${escapeHtml(name)}</text>`);
  out.push(`<rect class="door-bar" data-door="${escapeHtml(r.id)}" data-start="${r.departure}" data-end="${r.arrival}" x="${x(r.departure)}" y="${mid - BAR / 2}" width="${Math.max(1, (r.arrival - r.departure) * k).toFixed(1)}" height="${BAR}" rx="2" fill="${r.colour}" fill-opacity="0.55" stroke="${r.colour}"` +
    `${tip(`${name}: ${clock(r.departure)}–${clock(r.arrival)}, ${r.km.toFixed(1)} km (${r.kmServiced.toFixed(1)} km served, ${r.kmDeadheaded.toFixed(1)} km deadheaded); leaves after ${r.startsAfter}`)}/>`);
  r.stretches.forEach((s, n) => {
    const sides = s.sides === 'both' ? 'both sides' : 'kerb side';
    out.push(`<rect class="street-mark" data-street="${escapeHtml(s.street)}" data-start="${s.start}" x="${(Number(x(s.start)) - 1).toFixed(1)}" y="${mid - BAR / 2 - 2}" width="2" height="${BAR + 4}" fill="#222"${MARK_HIT}` +
      `${tip(`${n + 1}. ${s.street}, ${clock(s.start)}–${clock(s.end)}, ${s.km.toFixed(2)} km, ${sides}`)}/>`);
  });
  out.push('</g>');
  return out.join('');
}

/**
 * The timeline section: one chart per day (weekly plans) or one for the day.
 *
 * @example
 * const html = renderTimeline(view); // '<h2>The day, vehicle by vehicle</h2>…<svg class="timeline" …>'
 */
export function renderTimeline(view: ReportView): string {
  if (view.routes.length === 0 && !view.doorToDoor?.routes.length) return '';
  const names = new Map(view.places.map((p) => [p.id, p.name]));
  const days = view.days.length > 0 ? view.days : [''];
  const charts = days.map((day, index) => {
    const routes = view.routes.filter((r) => onDay(r.day, day));
    if (routes.length === 0 && !view.doorToDoor?.routes.some((r) => onDay(r.day, day))) return '';
    return `<section class="timeline-day" data-timeline-day="${escapeHtml(day)}">${day ? `<h3>${escapeHtml(day)}</h3>` : ''}${dayChart(view, routes, names, day, index)}</section>`;
  });
  const twoTier = view.offices.length > 0
    ? ` Each office's lane shows the trunk's arrival (▼), the sorting time (hatched, ${view.sortingMinutes ?? 0} min) and the time its vans may leave (the line through its vans); ◆ is the afternoon collection; ⚑ marks an office whose rule binds.`
    : '';
  return `<h2 id="timeline">The day, vehicle by vehicle</h2>
<p class="note">One bar per vehicle from departure to return; the marks are its stops (hover for the stop and time), hatched where it waits.${twoTier}${view.doorToDoor?.routes.length ? ' Door-to-door vehicles show where each street\'s delivery begins.' : ''} Click a bar to show the route on the map.</p>
${charts.join('\n')}`;
}
