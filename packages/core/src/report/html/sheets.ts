/**
 * `sheets.html`: the driver's sheets, one printable page per route of the new plan (per day in a
 * weekly plan): a small map of the route, the stops in order with arrival times, what to drop
 * and pick up at each, notes (late arrivals, the villages a station serves, an office's sorting
 * and release), the km and the return time; a door-to-door route lists its streets in the order
 * driven instead. Print CSS starts every route on a new page and keeps
 * table rows whole; a long route runs over several pages with the table's header repeated.
 */
import { clock } from '../violations.js';
import { escapeHtml } from './escape.js';
import { decodeLines, decodeLinesFlat } from './line-codec.js';
import type { ReportView, ViewDoorRoute, ViewRoute } from './view-types.js';
import { formatNumber } from './number-format.js';

const MAP_W = 340;
const MAP_H = 240;
/** At most this many road points in a sheet's map: the major roads first, then minor, then tracks. */
const ROAD_POINTS = 3000;

type FlatLines = { coords: Float64Array; starts: Int32Array };

/**
 * The roads inside a rectangle as SVG path data, whole classes at a time (major first) while
 * they fit in ROAD_POINTS; a segment is kept when both its ends are inside.
 */
function roadsWithin(classes: FlatLines[], box: { south: number; north: number; west: number; east: number }, xy: (lat: number, lon: number) => [string, string]): string[] {
  const paths: string[] = [];
  let budget = ROAD_POINTS;
  for (const { coords, starts } of classes) {
    const parts: string[] = [];
    let used = 0;
    for (let l = 0; l + 1 < starts.length && used <= budget; l++) {
      let open = false;
      for (let p = starts[l]!; p < starts[l + 1]!; p++) {
        const lat = coords[2 * p]!;
        const lon = coords[2 * p + 1]!;
        const inside = lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;
        if (!inside) { open = false; continue; }
        const [x, y] = xy(lat, lon);
        parts.push(`${open ? 'L' : 'M'}${x} ${y}`);
        open = true;
        used++;
      }
    }
    if (used > budget) break;
    budget -= used;
    paths.push(parts.join(''));
  }
  return paths;
}

const fmt = formatNumber;

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#111;font-size:11pt}
.sheet{max-width:190mm;margin:0 auto;padding:8mm 6mm}
.sheet+.sheet{border-top:2px dashed #bbb}
h1{font-size:15pt;margin:0 0 2mm}h1 small{font-weight:normal;color:#444}
.head{display:flex;gap:6mm;align-items:flex-start}
.facts{flex:1;border-collapse:collapse;font-size:10.5pt}.facts td{padding:1mm 2mm;border-bottom:1px solid #ddd}.facts td:first-child{color:#555;white-space:nowrap}
svg.route-map{flex:none;border:1px solid #999;background:#f7f5ef}
table.stops{width:100%;border-collapse:collapse;margin-top:4mm;font-size:10.5pt}
table.stops th,table.stops td{border:1px solid #999;padding:1.2mm 2mm;text-align:left;vertical-align:top}
table.stops th{background:#eee}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.done{width:8mm}
.bad{color:#a00}.note{color:#444;font-size:9.5pt}
.index{max-width:190mm;margin:0 auto;padding:8mm 6mm}
@page{size:A4;margin:10mm}
@media print{
  .sheet{break-before:page;padding:0;max-width:none}
  .sheet+.sheet{border-top:0}
  .index{display:none}
  table.stops tr{break-inside:avoid}
  thead{display:table-header-group}
  .head{break-inside:avoid}
}
`;

/** A line drawn on a sheet's map: [lat, lon] points, stroke width and dash pattern. */
type MapLine = { points: [number, number][]; width: number; dash?: string };

/** A small map (north up) of lines, numbered marks and the depot as a square, over the roads around them. */
function sheetMap(view: ReportView, lines: MapLine[], marks: [number, number][], depotId: string, roads: FlatLines[]): string {
  const depot = view.places.find((p) => p.id === depotId);
  const points: [number, number][] = [...lines.flatMap((l) => l.points), ...marks];
  if (depot) points.push([depot.lat, depot.lon]);
  if (points.length === 0) return '';
  let south = Infinity, north = -Infinity, west = Infinity, east = -Infinity;
  for (const [lat, lon] of points) { south = Math.min(south, lat); north = Math.max(north, lat); west = Math.min(west, lon); east = Math.max(east, lon); }
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min((MAP_W - 24) / Math.max((east - west) * cos, 1e-6), (MAP_H - 24) / Math.max(north - south, 1e-6));
  const ox = (MAP_W - (east - west) * cos * scale) / 2;
  const oy = (MAP_H - (north - south) * scale) / 2;
  const xy = (lat: number, lon: number): [string, string] => [(ox + (lon - west) * cos * scale).toFixed(1), (oy + (north - lat) * scale).toFixed(1)];
  const paths = lines.map((l) => {
    const d = l.points.map(([lat, lon], i) => `${i === 0 ? 'M' : 'L'}${xy(lat, lon).join(' ')}`).join('');
    return `<path d="${d}" fill="none" stroke="#1f4e8c" stroke-width="${l.width}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''} stroke-linejoin="round"/>`;
  });
  // The roads in view: the sheet's whole rectangle, in degrees.
  const box = { west: west - ox / (cos * scale), east: west + (MAP_W - ox) / (cos * scale), north: north + oy / scale, south: north - (MAP_H - oy) / scale };
  const roadPaths = roadsWithin(roads, box, xy).map((p, k) => p ? `<path d="${p}" fill="none" stroke="${['#a99f8c', '#c9c2b3', '#ddd8cc'][k]}" stroke-width="${[2, 1, 0.7][k]}"/>` : '');
  const numbered = marks.map(([lat, lon], i) => {
    const [x, y] = xy(lat, lon);
    return `<g><circle cx="${x}" cy="${y}" r="7" fill="#fff" stroke="#1f4e8c" stroke-width="1.5"/><text x="${x}" y="${(Number(y) + 3).toFixed(1)}" text-anchor="middle" font-size="8" font-weight="bold">${i + 1}</text></g>`;
  });
  const depotMark = depot ? (() => { const [x, y] = xy(depot.lat, depot.lon); return `<rect x="${(Number(x) - 6).toFixed(1)}" y="${(Number(y) - 6).toFixed(1)}" width="12" height="12" fill="#000"/>`; })() : '';
  return `<svg class="route-map" xmlns="http://www.w3.org/2000/svg" width="${MAP_W}" height="${MAP_H}" viewBox="0 0 ${MAP_W} ${MAP_H}" font-family="sans-serif">${roadPaths.join('')}${paths.join('')}${depotMark}${numbered.join('')}</svg>`;
}

/** A point-stop route's map: its line and its stops numbered. */
function routeMap(view: ReportView, route: ViewRoute, roads: FlatLines[]): string {
  const places = new Map(view.places.map((p) => [p.id, p]));
  const marks = route.stops.flatMap((s) => { const p = places.get(s.id); return p ? [[p.lat, p.lon] as [number, number]] : []; });
  return sheetMap(view, [{ points: decodeLines(route.line, view.precision)[0] ?? [], width: 2.5 }], marks, route.depot, roads);
}

function amounts(values: number[], dims: string[], zero = ''): string {
  return values.length === 0 || values.every((x) => x === 0) ? zero : values.map((v, k) => `${fmt(v, Number.isInteger(v) ? 0 : 1)}${dims.length > 1 || dims[0] !== 'mail' ? ` ${dims[k] ?? ''}` : ''}`).join(', ');
}

function sheet(view: ReportView, route: ViewRoute, roads: FlatLines[]): string {
  const places = new Map(view.places.map((p) => [p.id, p]));
  const name = (id: string): string => places.get(id)?.name ?? id;
  const offices = new Map(view.offices.map((o) => [o.id, o]));
  // Stations and outlets hand the mail on to villages: the driver needs their list.
  const covers = new Map<string, string[]>();
  for (const p of view.places) if (p.servedVia) covers.set(p.servedVia, [...(covers.get(p.servedVia) ?? []), p.name]);
  const picks = route.stops.some((s) => s.pickup.some((x) => x > 0));
  const rows = route.stops.map((s, i) => {
    const notes: string[] = [];
    if (s.note) notes.push(`<span class="bad">${escapeHtml(s.note)}</span>`);
    const due = places.get(s.id)?.latest;
    if (due !== undefined) notes.push(`due by ${clock(due)}`);
    if (s.start > s.arrival + 30) notes.push(`wait until ${clock(s.start)}`);
    const office = offices.get(s.id);
    if (office && route.tier === 'trunk' && office.release !== null) notes.push(`sorting, vans leave from ${clock(office.release)}`);
    const list = covers.get(s.id);
    if (list) notes.push(`for ${list.map(escapeHtml).join(', ')}`);
    return `<tr><td class="num">${i + 1}</td><td><b>${escapeHtml(name(s.id))}</b><br><span class="note">${escapeHtml(s.id)}</span></td><td class="num">${clock(s.arrival)}</td><td class="num">${amounts(s.drop, view.dimensions)}</td>${picks ? `<td class="num">${amounts(s.pickup, view.dimensions)}</td>` : ''}<td class="num">${amounts(s.load, view.dimensions, '0')}</td><td>${notes.join('<br>')}</td><td class="done"></td></tr>`;
  });
  const office = offices.get(route.depot);
  const facts: [string, string][] = [
    ['vehicle', `${route.vehicleType}${route.tier ? ` (${route.tier})` : ''}`],
    ['from', name(route.depot)],
    ['leaves', clock(route.departure)],
    ['back', clock(route.arrival)],
    ['drive', `${fmt(route.km, 1)} km, ${route.stops.length} stops`],
    ['load', `${amounts(route.load, view.dimensions) || '0'} of ${amounts(route.capacity, view.dimensions)}`],
  ];
  if (route.maxShift !== undefined) facts.push(['shift', `at most ${clock(route.maxShift)} (this route ${clock(route.arrival - route.departure)})`]);
  if (route.tier === 'delivery' && office?.release != null) facts.push(['mail ready', `${clock(office.release)} (trunk at ${office.trunkArrival === null ? '—' : clock(office.trunkArrival)})`]);
  if (route.violations.length > 0) facts.push(['warning', route.violations.map(escapeHtml).join('; ')]);
  const title = `${route.tier ? `${route.tier[0]!.toUpperCase()}${route.tier.slice(1)} route` : 'Route'} ${route.id}${route.day ? ` — ${route.day}` : ''}`;
  return `<section class="sheet" data-route-key="${route.key}" id="sheet-${route.key}">
<h1>${escapeHtml(title)} <small>${escapeHtml(view.title)}</small></h1>
<div class="head"><table class="facts">${facts.map(([k, v]) => `<tr><td>${k}</td><td>${k === 'warning' ? `<span class="bad">${v}</span>` : escapeHtml(v)}</td></tr>`).join('')}</table>${routeMap(view, route, roads)}</div>
<table class="stops"><thead><tr><th class="num">#</th><th>stop</th><th class="num">arrive</th><th class="num">drop</th>${picks ? '<th class="num">pick up</th>' : ''}<th class="num">on board after</th><th>notes</th><th>✓</th></tr></thead>
<tbody>${rows.join('')}<tr><td></td><td><b>back at ${escapeHtml(name(route.depot))}</b></td><td class="num">${clock(route.arrival)}</td><td colspan="${picks ? 5 : 4}">${fmt(route.km, 1)} km in all</td></tr></tbody></table>
</section>`;
}

/**
 * A door-to-door route's sheet: when it leaves and why then, the streets in the order driven
 * (name, sides, km, when delivery there begins, km driven empty before it), km and return.
 */
function doorSheet(view: ReportView, route: ViewDoorRoute, roads: FlatLines[]): string {
  const d = view.doorToDoor!;
  // Its own office when door to door leaves from several (plan.json's list form).
  const depot = route.depot ?? d.depot;
  const depotName = view.places.find((p) => p.id === depot)?.name ?? depot;
  const rows = route.stretches.map((s, i) => `<tr><td class="num">${i + 1}</td><td><b>${escapeHtml(s.street)}</b>${s.segments > 1 ? ` <span class="note">${s.segments} segments</span>` : ''}</td>` +
    `<td>${s.sides === 'both' ? 'both sides' : 'kerb side'}</td><td class="num">${fmt(s.km, 2)}</td><td class="num">${clock(s.start)}</td>` +
    `<td class="num">${s.kmBefore > 0 ? fmt(s.kmBefore, 2) : ''}</td><td class="done"></td></tr>`);
  const facts: [string, string][] = [
    ['vehicle', 'door to door'],
    ['from', depotName],
    ['leaves', `${clock(route.departure)} (after ${route.startsAfter})`],
    ['back', clock(route.arrival)],
    ['drive', `${fmt(route.km, 1)} km: ${fmt(route.kmServiced, 1)} km delivering, ${fmt(route.kmDeadheaded, 1)} km empty`],
    ['streets', `${route.stretches.length} in order, ${route.streets} street sides; ${d.serviceMinutesPerKm} min of delivery per km`],
  ];
  if (route.violations.length > 0) facts.push(['warning', route.violations.map(escapeHtml).join('; ')]);
  const lines = [
    { points: decodeLines(route.line, view.precision).flat(), width: 1, dash: '3 2' },
    ...decodeLines(route.served, view.precision).map((points) => ({ points, width: 2.5 })),
  ];
  return `<section class="sheet door-sheet" data-door-route="${escapeHtml(route.id)}" id="sheet-door-${escapeHtml(route.id)}">
<h1>${escapeHtml(`Door-to-door route ${route.id}`)} <small>${escapeHtml(view.title)}</small></h1>
<div class="head"><table class="facts">${facts.map(([k, v]) => `<tr><td>${k}</td><td>${k === 'warning' ? `<span class="bad">${v}</span>` : escapeHtml(v)}</td></tr>`).join('')}</table>${sheetMap(view, lines, [], depot, roads)}</div>
<p class="note">${escapeHtml(d.rule)}. Kerb side: the side beside the vehicle as driven; the street is driven again the other way for the other side.</p>
<table class="stops streets"><thead><tr><th class="num">#</th><th>street</th><th>sides</th><th class="num">km</th><th class="num">begin</th><th class="num">empty km before</th><th>✓</th></tr></thead>
<tbody>${rows.join('')}<tr><td></td><td><b>back at ${escapeHtml(depotName)}</b></td><td></td><td class="num"></td><td class="num">${clock(route.arrival)}</td><td colspan="2">${fmt(route.km, 1)} km in all</td></tr></tbody></table>
</section>`;
}

/**
 * The driver sheets of a plan, one section per route of the new plan (by day, then in order).
 *
 * @example
 * writeFileSync('out/sheets.html', renderSheets(buildReportView(report)));
 */
export function renderSheets(view: ReportView): string {
  const dayIndex = new Map(view.days.map((d, i) => [d, i]));
  const routes = view.routes.filter((r) => r.phase === 'after')
    .sort((a, b) => (dayIndex.get(a.day ?? '') ?? 0) - (dayIndex.get(b.day ?? '') ?? 0) || a.key - b.key);
  const roads = [view.roads.major, view.roads.minor, view.roads.track].map((text) => decodeLinesFlat(text, view.precision));
  const door = view.doorToDoor?.routes ?? [];
  const index = [
    ...routes.map((r) => `<li><a href="#sheet-${r.key}">${escapeHtml(`${r.tier ? `${r.tier} ` : ''}${r.id}${r.day ? ` ${r.day}` : ''}`)}</a>: ${clock(r.departure)}–${clock(r.arrival)}, ${fmt(r.km, 1)} km, ${r.stops.length} stops</li>`),
    ...door.map((r) => `<li><a href="#sheet-door-${escapeHtml(r.id)}">${escapeHtml(`door to door ${r.id}`)}</a>: ${clock(r.departure)}–${clock(r.arrival)}, ${fmt(r.km, 1)} km, ${r.stretches.length} streets</li>`),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}: driver sheets</title>
<style>${CSS}</style>
</head>
<body>
<div class="index"><h1>${escapeHtml(view.title)}: driver sheets</h1><p>One page per route of the new plan${view.days.length > 0 ? ', day by day' : ''}${door.length > 0 ? ', then the door-to-door routes with their streets in order' : ''}; print this file (each route starts on a new page). ${routes.length + door.length === 0 ? 'The plan has no routes.' : ''}</p><ul>${index.join('')}</ul></div>
${[...routes.map((r) => sheet(view, r, roads)), ...door.map((r) => doorSheet(view, r, roads))].join('\n')}
</body>
</html>
`;
}
