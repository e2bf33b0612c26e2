/**
 * The page's script: draws the map with Leaflet from the embedded `ReportView` (roads on a canvas,
 * no tiles), and makes it answer: layers, the day picker, hovering a place, clicking a route (on
 * the map, in a table or on the timeline) to focus it with its stops numbered and listed beside
 * today's version of it. Plain JavaScript run in the browser; it reads only the page.
 */
import { DECODE_LINES_FLAT_JS, DECODE_LINES_JS } from './line-codec.js';
import { ROAD_LAYER_JS } from './road-layer-script.js';

export const MAP_SCRIPT = String.raw`(() => {
'use strict';
const data = JSON.parse(document.getElementById('report-data').textContent);
const decodeLines = ${DECODE_LINES_JS};
const decodeLinesFlat = ${DECODE_LINES_FLAT_JS};
const P = data.precision;
const clock = (s) => { const m = Math.round(s / 60); return Math.floor(m / 60) + ':' + String(m % 60).padStart(2, '0'); };
const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const num = (x) => (Math.round(x * 10) / 10).toLocaleString('en-US');
const places = new Map(data.places.map((p) => [p.id, p]));
const nameOf = (id) => (places.get(id) ? places.get(id).name : id);
const dims = data.dimensions;
const amounts = (values) => values.length === 0 ? '' : values.map((v, k) => num(v) + (dims.length > 1 || dims[0] !== 'mail' ? ' ' + dims[k] : '')).join(', ');
const label = (r) => (r.phase === 'before' ? 'today ' : 'new ') + (r.tier ? r.tier + ' ' : '') + r.id + (r.day ? ' (' + r.day + ')' : '');

const map = L.map('map', { zoomSnap: 0.25, zoomDelta: 0.5, wheelPxPerZoomLevel: 90 });
map.attributionControl.setPrefix(false);
if (data.attribution) map.attributionControl.addAttribution(esc(data.attribution));
const frame = L.latLngBounds([data.frame.south, data.frame.west], [data.frame.north, data.frame.east]);
map.fitBounds(frame, { padding: [8, 8] });
L.control.scale({ imperial: false }).addTo(map);

// One pane per layer, so that drawing order does not depend on toggling order. The roads (never
// clicked) let the mouse through; routes and places are SVG, whose panes pass clicks on to the
// layers below wherever nothing is drawn.
const panes = {};
[['roads', 300], ['after', 410], ['door', 415], ['before', 420], ['places', 440], ['stops', 650]].forEach(([name, z]) => {
  const pane = map.createPane(name);
  pane.style.zIndex = String(z);
  if (name === 'roads') pane.style.pointerEvents = 'none';
  else panes[name] = L.svg({ pane: name, padding: 0.3 });
});

${ROAD_LAYER_JS}
const roads = new RoadLayer([
  { name: 'tracks', text: data.roads.track, colour: '#d5d0c4', weight: 0.8 },
  { name: 'minor roads', text: data.roads.minor, colour: '#b9b2a3', weight: 1.2 },
  { name: 'major roads', text: data.roads.major, colour: '#a99f8c', weight: 2.6 },
], { pane: 'roads' }).addTo(map);
const RoadsNote = L.Control.extend({ onAdd() { const div = L.DomUtil.create('div', 'roads-note'); div.id = 'roads-note'; return div; } });
new RoadsNote({ position: 'topright' }).addTo(map);
roads._redraw();

// Routes. The new plan: solid, cool colours, thick, on a white casing. Today: warm colours, thin,
// long dashes, drawn above the new routes so both stay visible where they share a road.
const routeLayers = data.routes.map((r) => {
  const latlngs = decodeLines(r.line, P)[0] || [];
  const renderer = r.phase === 'after' ? panes.after : panes.before;
  const line = L.polyline(latlngs, { renderer, color: r.colour, weight: r.width, opacity: r.phase === 'before' ? 0.95 : 0.85, dashArray: r.dash || null, lineCap: r.dash ? 'butt' : 'round' });
  const parts = [line];
  if (r.phase === 'after') parts.unshift(L.polyline(latlngs, { renderer, color: '#ffffff', weight: r.width + 3, opacity: 0.9, interactive: false }));
  line.bindTooltip(() => esc(label(r)) + ': ' + num(r.km) + ' km, ' + r.stops.length + ' stops, ' + clock(r.departure) + '–' + clock(r.arrival), { sticky: true });
  line.on('click', (e) => { L.DomEvent.stop(e); focus(r.key); });
  return { route: r, group: L.layerGroup(parts), line, bounds: latlngs.length ? L.latLngBounds(latlngs) : null, shown: false };
});

// Door to door: one group per route, so that the day picker shows a route on its day (none = every day).
const door = L.layerGroup();
const doorGroups = (data.doorToDoor ? data.doorToDoor.routes : []).map((r) => ({ route: r, group: L.layerGroup([
  L.polyline(decodeLines(r.line, P), { renderer: panes.door, color: r.colour, weight: 1.2, dashArray: '3 3', interactive: false }),
  L.polyline(decodeLines(r.served, P), { renderer: panes.door, color: r.colour, weight: 4, opacity: 0.8 }).bindTooltip(esc('Door to door ' + r.id + (r.day ? ' (' + r.day + ')' : '') + ': ' + clock(r.departure) + '–' + clock(r.arrival) + ', ' + r.kmServiced + ' km served, ' + r.kmDeadheaded + ' km deadheaded, ' + r.stretches.length + ' streets'), { sticky: true }),
]) }));
for (const entry of doorGroups) door.addLayer(entry.group);
if (data.doorToDoor) door.addTo(map);
// A door-to-door vehicle on the timeline, clicked: its drive framed on the map, the layer on.
for (const el of document.querySelectorAll('[data-door-route]')) {
  el.addEventListener('click', () => {
    const r = data.doorToDoor.routes.find((x) => x.id === el.dataset.doorRoute);
    const box = document.querySelector('input[data-layer=door-to-door]');
    if (box && !box.checked) { box.checked = true; refresh(); }
    map.fitBounds(L.latLngBounds(decodeLines(r.line, P).flat()), { padding: [24, 24] });
    document.getElementById('map').scrollIntoView({ block: 'nearest' });
  });
}

function placeTip(p) {
  const lines = ['<b>' + esc(p.name) + '</b> <span class="tip-role">' + p.role + ', ' + esc(p.id) + '</span>'];
  if (p.role !== 'hub') lines.push('mail ' + num(p.mail) + ' a day' + (p.delivery && dims.length > 1 ? ' (' + esc(amounts(p.delivery)) + ')' : '') + (p.pickup && p.pickup.some((x) => x > 0) ? '; picks up ' + esc(amounts(p.pickup)) : ''));
  if (p.latest !== undefined) lines.push('due by ' + clock(p.latest));
  if (p.days) lines.push('days: ' + esc(p.days.join(', ')));
  if (p.office) lines.push('office: ' + esc(nameOf(p.office)) + (p.officeToday && p.officeToday !== p.office ? ' (today ' + esc(nameOf(p.officeToday)) + ')' : ''));
  if (p.servedVia) lines.push('served via ' + esc(nameOf(p.servedVia)));
  const routes = (keys) => keys.length === 0 ? '—' : keys.map((k) => esc(data.routes[k].id + (data.routes[k].day ? ' ' + data.routes[k].day : ''))).join(', ');
  lines.push('today: ' + routes(p.today) + ' · plan: ' + routes(p.plan));
  if (p.unserved) lines.push('<span class="bad">unserved: ' + esc(p.unserved) + '</span>');
  if (p.snapWarning) lines.push('<span class="bad">⚠ ' + esc(p.snapWarning) + '</span>');
  return lines.join('<br>');
}
const ROLE = { hub: ['#000000', 8], outlet: ['#7b3294', 6.5], station: ['#008837', 5.5], village: ['#555555', 4] };
const officeColours = new Map(data.routes.filter((r) => r.tier === 'delivery').map((r) => [r.depot, r.colour]));
const placeLayer = L.layerGroup().addTo(map);
// Weekly plans: the villages with days of service, to dim those not served on the picked day.
const dayMarkers = [];
const pickups = L.layerGroup();
const order = { village: 0, station: 1, outlet: 2, hub: 3 };
for (const p of [...data.places].sort((a, b) => order[a.role] - order[b.role])) {
  if (data.farOff.some((f) => f.id === p.id)) continue;
  const [colour, radius] = ROLE[p.role];
  let marker;
  if (p.unserved) {
    marker = L.marker([p.lat, p.lon], { pane: 'places', icon: L.divIcon({ className: 'unserved-icon', html: '✕', iconSize: [18, 18] }) });
  } else {
    const fill = p.role === 'village' ? (officeColours.get(p.office) || '#ffffff') : colour;
    marker = L.circleMarker([p.lat, p.lon], { renderer: panes.places, radius: p.moved ? radius + 1.5 : radius, color: p.snapWarning || p.moved ? '#e41a1c' : p.role === 'village' ? colour : '#ffffff', weight: p.snapWarning ? 3 : 1.5, fillColor: fill, fillOpacity: 1 });
  }
  // Hovering any place tells all about it; the hub and outlets also carry their names, as plain
  // markers (a permanent tooltip measures itself in the page, which costs a layout each).
  marker.bindTooltip(() => placeTip(p), { direction: 'top', offset: [0, -4] });
  if (p.role === 'hub' || p.role === 'outlet') L.marker([p.lat, p.lon], { pane: 'places', interactive: false, keyboard: false, icon: L.divIcon({ className: 'place-label', html: esc(p.name), iconSize: null, iconAnchor: [-9, 9] }) }).addTo(placeLayer);
  if (p.snapWarning) L.circleMarker([p.lat, p.lon], { renderer: panes.places, radius: 11, color: '#ff7f00', weight: 2, dashArray: '3 3', fill: false, interactive: false }).addTo(placeLayer);
  marker.addTo(placeLayer);
  if (p.days && marker.setStyle) dayMarkers.push({ marker, days: p.days });
  const picked = p.pickup ? Math.max(0, ...p.pickup) : 0;
  if (picked > 0 && p.role !== 'outlet') pickups.addLayer(L.circleMarker([p.lat, p.lon], { renderer: panes.places, radius: Math.min(9, 2.5 + Math.sqrt(picked) / 3), color: '#ffffff', weight: 1, fillColor: '#ff7f00', fillOpacity: 0.9, interactive: false }));
}
if (data.places.some((p) => p.pickup && p.pickup.some((x) => x > 0))) pickups.addTo(map);

// Layers, tiers and the day picker decide together which routes are drawn.
const checked = (name) => { const box = document.querySelector('input[data-layer="' + name + '"]'); return box ? box.checked : true; };
const picker = document.getElementById('day-picker');
const state = { focus: null };
function visible(r) {
  if (!checked(r.phase)) return false;
  if (r.tier && !checked(r.tier)) return false;
  // A route without a day runs every day (a daily tier of a weekly plan).
  if (picker && picker.value !== '' && r.day && r.day !== picker.value) return false;
  return true;
}
function refresh() {
  const focusRoute = state.focus === null ? null : data.routes[state.focus];
  for (const entry of routeLayers) {
    const r = entry.route;
    const show = visible(r) || (focusRoute !== null && (r.key === focusRoute.key || r.key === focusRoute.counterpart));
    if (show && !entry.shown) entry.group.addTo(map);
    if (!show && entry.shown) entry.group.remove();
    entry.shown = show;
    const faded = focusRoute !== null && r.key !== focusRoute.key && r.key !== focusRoute.counterpart;
    entry.group.eachLayer((layer) => {
      const base = layer === entry.line ? (r.phase === 'before' ? 0.95 : 0.85) : 0.9;
      layer.setStyle({ opacity: faded ? base * 0.12 : base });
    });
    entry.line.setStyle({ weight: focusRoute !== null && r.key === focusRoute.key ? r.width + 2 : r.width });
  }
  for (const [name, layer] of [['roads', roads], ['places', placeLayer], ['pickups', pickups], ['door-to-door', door]]) {
    const box = document.querySelector('input[data-layer="' + name + '"]');
    if (!box) continue;
    if (box.checked && !map.hasLayer(layer)) layer.addTo(map);
    if (!box.checked && map.hasLayer(layer)) layer.remove();
  }
  for (const { marker, days } of dayMarkers) {
    const off = picker !== null && picker.value !== '' && !days.includes(picker.value);
    marker.setStyle({ opacity: off ? 0.25 : 1, fillOpacity: off ? 0.25 : 1 });
  }
  for (const section of document.querySelectorAll('[data-timeline-day]')) section.hidden = picker !== null && picker.value !== '' && section.dataset.timelineDay !== picker.value;
  // Door to door on the picked day; the county tables: the picked day's column, the ticked tiers' rows.
  const day = picker ? picker.value : '';
  let doorShown = 0;
  for (const entry of doorGroups) {
    const on = day === '' || !entry.route.day || entry.route.day === day;
    if (on && !door.hasLayer(entry.group)) door.addLayer(entry.group);
    if (!on && door.hasLayer(entry.group)) door.removeLayer(entry.group);
    if (on && map.hasLayer(door)) doorShown++;
  }
  document.body.dataset.doorShown = String(doorShown);
  for (const el of document.querySelectorAll('#county-section [data-day]')) el.hidden = day !== '' && el.dataset.day !== '' && el.dataset.day !== day;
  for (const el of document.querySelectorAll('#county-section [data-tier]')) el.hidden = !checked(el.dataset.tier);
  let drawn = 0;
  for (const entry of routeLayers) if (entry.shown) drawn++;
  document.body.dataset.routesShown = String(drawn);
}
for (const box of document.querySelectorAll('input[data-layer]')) box.addEventListener('change', refresh);
if (picker) picker.addEventListener('change', refresh);

// The OpenStreetMap tiles: off until asked for, so that opening the file asks the network nothing.
let tiles = null;
const tileBox = document.getElementById('osm-tiles');
if (tileBox) tileBox.addEventListener('change', () => {
  if (tileBox.checked) {
    tiles = tiles || L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 19, attribution: '© OpenStreetMap contributors' });
    tiles.addTo(map);
  } else if (tiles) tiles.remove();
});

// Focus: one route bright with its stops numbered, the others faded, its stops listed.
const stopMarkers = L.layerGroup().addTo(map);
const side = document.getElementById('focus');
function stopTable(r, id) {
  const picks = r.stops.some((s) => s.pickup.some((x) => x > 0));
  const rows = r.stops.map((s, i) => '<tr data-stop="' + esc(s.id) + '" data-arrival="' + s.arrival + '"><td class="num">' + (i + 1) + '</td><td>' + esc(nameOf(s.id)) + '</td><td class="num">' + clock(s.arrival) + (s.start > s.arrival + 30 ? ' <span class="note">waits ' + clock(s.start - s.arrival) + '</span>' : '') + '</td><td class="num">' + esc(amounts(s.drop)) + '</td><td class="num">' + esc(amounts(s.load)) + '</td>' + (picks ? '<td class="num">' + esc(amounts(s.pickup)) + '</td>' : '') + '</tr>' + (s.note ? '<tr><td></td><td colspan="5" class="bad">' + esc(s.note) + '</td></tr>' : ''));
  return '<table id="' + id + '" data-route-key="' + r.key + '"><thead><tr><th class="num">#</th><th>stop</th><th class="num">arrives</th><th class="num">drops</th><th class="num">load after</th>' + (picks ? '<th class="num">picks up</th>' : '') + '</tr></thead><tbody>' + rows.join('') + '</tbody></table>';
}
function routeHead(r) {
  return '<h3><span class="swatch" style="background:' + r.colour + '"></span>' + esc(label(r)) + '</h3><p>' + esc(r.vehicleType) + ' from ' + esc(nameOf(r.depot)) + ', ' + num(r.km) + ' km, leaves ' + clock(r.departure) + ', back ' + clock(r.arrival) + ', load ' + esc(amounts(r.load)) + ' of ' + esc(amounts(r.capacity)) + '</p>' + (r.violations.length ? '<p class="bad">' + r.violations.map(esc).join('<br>') + '</p>' : '');
}
function focus(key) {
  state.focus = key;
  const r = data.routes[key];
  stopMarkers.clearLayers();
  r.stops.forEach((s, i) => {
    const p = places.get(s.id);
    if (!p) return;
    L.marker([p.lat, p.lon], { pane: 'stops', icon: L.divIcon({ className: 'stop-number', html: String(i + 1), iconSize: [20, 20] }) })
      .bindTooltip((i + 1) + '. ' + esc(nameOf(s.id)) + ' — arrives ' + clock(s.arrival) + (s.drop.length ? ', drops ' + esc(amounts(s.drop)) : '') + ', load after ' + esc(amounts(s.load)) + (s.pickup.some((x) => x > 0) ? ', picks up ' + esc(amounts(s.pickup)) : ''))
      .addTo(stopMarkers);
  });
  const other = r.counterpart === null ? null : data.routes[r.counterpart];
  const otherWord = r.phase === 'after' ? "Today's version" : 'In the new plan';
  side.innerHTML = '<button type="button" id="focus-clear">Show all routes</button>' + routeHead(r) + stopTable(r, 'focus-stops') +
    (other ? '<h3 class="counterpart">' + otherWord + '</h3>' + routeHead(other) + stopTable(other, 'focus-counterpart') : '<p class="note">No route of the other side shares its stops.</p>');
  document.getElementById('focus-clear').addEventListener('click', clearFocus);
  for (const row of document.querySelectorAll('tr[data-route-key]')) row.classList.toggle('selected', Number(row.dataset.routeKey) === key);
  refresh();
  const entry = routeLayers[key];
  if (entry.bounds) map.fitBounds(entry.bounds, { padding: [24, 24] });
  document.body.dataset.focus = String(key);
}
function clearFocus() {
  state.focus = null;
  stopMarkers.clearLayers();
  side.innerHTML = document.getElementById('side-default').innerHTML;
  for (const row of document.querySelectorAll('tr.selected')) row.classList.remove('selected');
  delete document.body.dataset.focus;
  refresh();
}
for (const el of document.querySelectorAll('[data-route-key]')) {
  if (el.closest('#focus')) continue;
  el.addEventListener('click', () => { focus(Number(el.dataset.routeKey)); document.getElementById('map').scrollIntoView({ block: 'nearest' }); });
}
document.getElementById('fit-all').addEventListener('click', () => map.fitBounds(frame, { padding: [8, 8] }));
// The keyboard: Enter on a route's row focuses it, Escape shows all routes again.
for (const row of document.querySelectorAll('tr[data-route-key]')) {
  row.tabIndex = 0;
  row.addEventListener('keydown', (e) => { if (e.key === 'Enter') focus(Number(row.dataset.routeKey)); });
}
document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && state.focus !== null) clearFocus(); });
map.on('click', () => { if (state.focus !== null) clearFocus(); });
refresh();
window.postroute = { map, focus, clearFocus, frame, routes: routeLayers, data };
document.body.dataset.ready = '1';
})();`;
