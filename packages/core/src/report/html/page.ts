/**
 * `report.html`: one self-contained page (Leaflet's script and style inlined, the data as JSON;
 * no network unless the reader turns on the OpenStreetMap tiles) with the headline figures, the
 * map, the timeline, the charts and the tables. `renderReportPage` draws a `ReportView`;
 * `renderHtmlReport` assembles the view from a plan report first.
 */
import type { PlanReport, SavingsSummary } from '../types.js';
import { clock } from '../violations.js';
import { renderCharts } from './chart.js';
import { escapeHtml } from './escape.js';
import { leafletAssets } from './leaflet-assets.js';
import { MAP_SCRIPT } from './map-script.js';
import { tiersSection } from './tiers.js';
import { countySection } from './county.js';
import { doorToDoorSection } from './door-to-door.js';
import { ROLE_COLOURS } from './palette.js';
import { renderTimeline } from './timeline.js';
import { TIMELINE_SCRIPT } from './timeline-script.js';
import { buildReportView } from './view.js';
import type { ReportViewOptions } from './view.js';
import type { ReportView, ViewRoute } from './view-types.js';
import { formatNumber } from './number-format.js';

/** Options of `renderHtmlReport`: those of the view it assembles. */
export type HtmlReportOptions = ReportViewOptions;

const fmt = formatNumber;

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fff}
main{max-width:1280px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:1.5rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
h3{font-size:1rem;margin:.8rem 0 .3rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.figure{border:1px solid #ddd;border-radius:6px;padding:8px 10px;background:#fafafa}
.figure .value{font-size:1.45rem;font-weight:600}.figure .label{font-size:.8rem;color:#555}
.figure.headline{background:#eef6ee;border-color:#9c9}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:.85rem;margin:.4rem 0;align-items:center}
.legend label{cursor:pointer}.swatch{display:inline-block;width:22px;height:4px;vertical-align:middle;margin-right:4px}
.legend svg{display:inline-block;vertical-align:middle}
.map-row{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:12px}
#map{height:600px;border:1px solid #ccc;border-radius:4px}
.leaflet-container{background:#f7f5ef;font:inherit}
#focus{max-height:600px;overflow:auto;font-size:.85rem;border:1px solid #ddd;border-radius:4px;padding:6px 10px}
#focus table{font-size:.78rem}
.stop-number{background:#1f77b4;color:#fff;border:2px solid #fff;border-radius:50%;text-align:center;font:bold 10px/16px sans-serif;box-shadow:0 0 2px #000}
.unserved-icon{color:#e41a1c;font:bold 17px/18px sans-serif;text-align:center;text-shadow:0 0 3px #fff,0 0 3px #fff}
.place-label{white-space:nowrap;font-weight:600;font-size:.85rem;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff}
.tip-role{color:#666;font-size:.8em}
.roads-note:not(:empty){background:rgba(255,255,255,.85);padding:2px 6px;border-radius:3px;font-size:.8rem}
table{border-collapse:collapse;width:100%;font-size:.82rem;margin:.3rem 0}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr[data-route-key]{cursor:pointer}tr[data-route-key]:hover{background:#f4f8fc}tr.selected{background:#e3eefa}
.timeline g.vehicle{cursor:pointer}.timeline g.vehicle:hover rect.bar{fill-opacity:.85}.timeline g.door-vehicle:hover rect.door-bar{fill-opacity:.85}
#timeline-tip{position:fixed;z-index:1000;pointer-events:none;background:#fff;border:1px solid #999;border-radius:3px;padding:3px 7px;font-size:.82rem;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:420px}
.warning{border:2px solid #b00;background:#fff3f3;color:#600;border-radius:6px;padding:8px 12px;margin:0 0 12px;font-size:1rem}
.bad{color:#b00}.note{font-size:.8rem;color:#555}
#far-off{border:2px solid #e41a1c;border-radius:4px;padding:4px 8px;background:#fff6f6}
button{font:inherit;cursor:pointer}
svg{display:block}
@media (max-width:900px){.map-row{grid-template-columns:1fr}}
@media print{#map-tools,#focus button{display:none}}
`;

function figure(id: string, label: string, value: string, headline = false): string {
  return `<div class="figure${headline ? ' headline' : ''}" id="${id}"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}

function routesTable(routes: ViewRoute[], names: Map<string, string>, id: string): string {
  const rows = routes.map((route) => {
    const violations = route.violations.length === 0 ? '—' : route.violations.map(escapeHtml).join('<br>');
    return `<tr data-route-key="${route.key}"><td><span class="swatch" style="background:${route.colour}"></span>${escapeHtml(route.id)}${route.day ? ` <span class="note">${escapeHtml(route.day)}</span>` : ''}</td><td>${escapeHtml(route.tier ?? route.vehicleType)}</td>` +
      `<td class="num">${route.stops.length}</td><td class="num">${fmt(route.km, 1)}</td><td class="num">${clock(route.arrival - route.departure)}</td>` +
      `<td class="num">${clock(route.departure)}–${clock(route.arrival)}</td><td class="num">${route.load.map((x) => fmt(x)).join(' / ')} of ${route.capacity.map((x) => fmt(x)).join(' / ')}</td>` +
      `<td class="${route.violations.length ? 'bad' : ''}">${violations}</td>` +
      `<td class="note">${route.stops.map((stop) => escapeHtml(names.get(stop.id) ?? stop.id)).join(' → ')}</td></tr>`;
  });
  return `<table id="${id}"><thead><tr><th>route</th><th>vehicle</th><th class="num">stops</th><th class="num">km</th><th class="num">duration</th><th class="num">out–back</th><th class="num">load of capacity</th><th>violations</th><th>stops in order</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A short line in the style the map draws it, for the legend. */
function lineSample(colour: string, width: number, dash: string, casing: boolean): string {
  return `<svg width="34" height="12" aria-hidden="true">${casing ? `<path d="M2 6H32" stroke="#fff" stroke-width="${width + 3}"/>` : ''}<path d="M2 6H32" stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>`;
}

function mapTools(view: ReportView): string {
  const before = view.routes.filter((r) => r.phase === 'before');
  const after = view.routes.filter((r) => r.phase === 'after');
  const tiers = (['trunk', 'delivery', 'collection'] as const).filter((tier) => view.routes.some((r) => r.tier === tier));
  const sample = (routes: ViewRoute[], fallback: [string, number, string]): [string, number, string] => {
    const r = routes[0];
    return r ? [r.colour, r.width, r.dash] : fallback;
  };
  const [bc, bw, bd] = sample(before.filter((r) => r.tier !== 'trunk'), ['#d62728', 2.5, '8 6']);
  const [ac, aw, ad] = sample(after.filter((r) => r.tier !== 'trunk'), ['#1f77b4', 4, '']);
  const box = (layer: string, text: string, sampleHtml = '', checked = true): string =>
    `<label><input type="checkbox" data-layer="${layer}"${checked ? ' checked' : ''}> ${sampleHtml}${text}</label>`;
  const tools = [
    box('roads', 'roads', '<span class="swatch" style="background:#b9b2a3"></span>'),
    box('before', `today's routes (${before.length}): thin, dashed, warm colours`, lineSample(bc, bw, bd, false)),
    box('after', `new routes (${after.length}): thick, solid, cool colours`, lineSample(ac, aw, ad, true)),
    ...tiers.map((tier) => box(tier, `${tier} tier`, tier === 'trunk' ? lineSample('#222', 5.5, '', true) : tier === 'collection' ? lineSample('#555', 2, '1.5 4', false) : '')),
    ...(view.days.length > 0 ? [`<label>day <select id="day-picker"><option value="">all days</option>${view.days.map((d) => `<option value="${escapeHtml(d)}">${escapeHtml(d)}</option>`).join('')}</select></label>`] : []),
    ...(view.doorToDoor ? [box('door-to-door', `door-to-door streets (${view.doorToDoor.routes.length} routes)`, '<span class="swatch" style="background:#e6550d"></span>')] : []),
    box('places', 'places'),
    ...(view.places.some((p) => p.pickup?.some((x) => x > 0)) ? [box('pickups', 'produce pick-ups', `<span class="swatch" style="background:#ff7f00;height:10px;width:10px;border-radius:50%"></span>`)] : []),
    '<label><input type="checkbox" id="osm-tiles"> OpenStreetMap tiles (online)</label>',
    '<button type="button" id="fit-all">Fit the county</button>',
  ];
  const keys = [
    `<span><span class="swatch" style="background:${ROLE_COLOURS.hub};height:10px;width:10px;border-radius:50%"></span>hub</span>`,
    `<span><span class="swatch" style="background:${ROLE_COLOURS.outlet};height:10px;width:10px;border-radius:50%"></span>outlet</span>`,
    `<span><span class="swatch" style="background:${ROLE_COLOURS.station};height:10px;width:10px;border-radius:50%"></span>village station</span>`,
    `<span><span class="swatch" style="background:#fff;border:1.5px solid ${ROLE_COLOURS.village};height:8px;width:8px;border-radius:50%"></span>village${view.offices.length > 0 ? ' (filled in its office\'s colour, red ring: changes office)' : ''}</span>`,
    `<span style="color:${ROLE_COLOURS.unserved};font-weight:bold">✕</span> unserved`,
    '<span><span class="swatch" style="border:2px dashed #ff7f00;height:10px;width:10px;border-radius:50%;background:#fff"></span>position doubtful (snapping)</span>',
  ];
  return `<div id="map-tools" class="legend">${tools.join('\n')}</div><div class="legend">${keys.join('\n')}</div>`;
}

/** The panel beside the map when no route is focused: how to use it, and what is not on the map. */
function sideDefault(view: ReportView): string {
  const s = view.summary;
  const farOff = view.farOff.length === 0 ? '' :
    `<div id="far-off"><h3 class="bad">Far off the road network (${view.farOff.length}), not on the map</h3><ul>${view.farOff.map((f) =>
      `<li><b>${escapeHtml(f.name)}</b> (${escapeHtml(f.id)}) at ${f.lat}, ${f.lon}: ${fmt(f.distanceM / 1000, 1)} km from the nearest road${f.swapped ? ' — <b>latitude and longitude swapped?</b> Swapped, it lies on the network.' : ''}</li>`).join('')}</ul></div>`;
  const unserved = s.unassigned.length === 0 ? '<p>The new plan serves every stop.</p>'
    : `<p class="bad"><b>${s.unassigned.length} stop${s.unassigned.length === 1 ? '' : 's'} unserved</b> (✕ on the map; listed below the charts).</p>`;
  const warnings = (s.snapWarnings ?? []).length === 0 ? '' : `<p class="bad">${s.snapWarnings!.length} place${s.snapWarnings!.length === 1 ? '' : 's'} put on the network past a nearer, unconnected road (dashed orange ring).</p>`;
  return `<p><b>Click a route</b> on the map, in a table or on the timeline to see its stops in order, with today's version beside the new one. Hover a place for its mail, days, office and routes. Scroll or use + and − to zoom, drag to pan; Enter on a table row focuses its route, Escape shows all again.</p>${unserved}${warnings}${farOff}`;
}

/**
 * Renders the whole report page from its view.
 *
 * @example
 * writeFileSync('out/report.html', renderReportPage(buildReportView(report)));
 */
export function renderReportPage(view: ReportView): string {
  const s = view.summary;
  const names = new Map(view.places.map((place) => [place.id, place.name]));
  const figures = [
    figure('figure-before-km', 'km per day today', fmt(s.before.km, 1)),
    figure('figure-after-km', 'km per day, new plan', fmt(s.after.km, 1)),
    figure('figure-saved-day', 'km saved per day', s.savedKmPerDay === null ? '—' : fmt(s.savedKmPerDay, 1), s.comparable),
    figure('figure-saved-year', `km saved per year (${s.operatingDaysPerYear} days)`, s.savedKmPerYear === null ? '—' : fmt(s.savedKmPerYear), s.comparable),
    figure('figure-rate', 'optimisation rate', s.optimisationRatePercent === null ? '—' : `${fmt(s.optimisationRatePercent, 2)} %`, s.comparable),
    figure('figure-vehicles', 'vehicles per day, today → new', `${s.before.vehicles} → ${s.after.vehicles}`),
    figure('figure-hours', 'driver hours per day, today → new', `${fmt(s.before.driverHours, 1)} → ${fmt(s.after.driverHours, 1)}`),
    figure('figure-stops', 'stops served, today → new', `${s.before.stopsServed} → ${s.after.stopsServed}`),
    figure('figure-violations', 'routes breaking a rule, today → new', `${s.before.routesWithViolations} → ${s.after.routesWithViolations}`),
  ];
  const warning = s.comparable ? '' :
    `<div class="warning" id="not-comparable" role="alert"><strong>Not comparable:</strong> ${s.notComparable.map((reason) => escapeHtml(reason.message)).join('; and ')}.` +
    // What the savings figures are, by the reasons: like for like (only rules broken differ), none
    // for different services, and nothing to say without today's routes (door to door alone).
    `${s.savedKmPerDay !== null ? ' The savings below compare the same stops and mail.' : s.before.routes > 0 ? ' No savings figure is given: the two plans are different services.' : ''}</div>`;
  const unassigned = s.unassigned.length === 0
    ? '<p>None: the new plan serves every stop.</p>'
    : `<table id="unassigned"><thead><tr><th>stop</th><th>name</th><th>reason</th></tr></thead><tbody>${s.unassigned.map((stop) => `<tr><td>${escapeHtml(stop.id)}</td><td>${escapeHtml(stop.name)}</td><td class="bad">${escapeHtml(stop.reason)}</td></tr>`).join('')}</tbody></table>`;
  const notToday = s.notServedToday.length === 0 ? '' :
    `<p class="note">Stops no route serves today (${s.notServedToday.length}): ${s.notServedToday.map((id) => escapeHtml(names.get(id) ?? id)).join(', ')}. The new plan includes them, so its distance covers more stops.</p>`;
  const stations = s.stations
    ? `<p>Village stations opened: ${s.stations.opened.length} (${s.stations.opened.map((id) => escapeHtml(names.get(id) ?? id)).join(', ')}), so that every village${s.stations.maxPopulation === undefined ? '' : ` of at most ${fmt(s.stations.maxPopulation, 0)} inhabitants`} is within ${fmt(s.stations.radiusM / 1000, 1)} km by road of an outlet or station.</p>`
    : '';
  const routeName = (key: number): string => { const r = view.routes[key]!; return escapeHtml(`${r.id}${r.day ? ` ${r.day}` : ''}`); };
  const placeRows = view.places.filter((place) => place.role !== 'hub').map((place) => {
    const first = place.plan[0] === undefined ? undefined : view.routes[place.plan[0]];
    const visit = first?.stops.find((stop) => stop.id === place.id);
    return `<tr><td>${escapeHtml(place.name)}</td><td>${escapeHtml(place.id)}</td><td>${place.role}</td><td class="num">${fmt(place.population)}</td><td class="num">${fmt(place.mail)}</td>` +
      `<td>${place.today.length ? place.today.map(routeName).join(', ') : '—'}</td><td>${place.plan.length ? place.plan.map(routeName).join(', ') : place.servedVia ? `via ${escapeHtml(names.get(place.servedVia) ?? place.servedVia)}` : '—'}</td><td class="num">${visit ? clock(visit.arrival) : ''}</td></tr>`;
  });
  const leaflet = leafletAssets();
  const { summary: _summary, tiers: _tiers, ...mapData } = view;
  const json = JSON.stringify(mapData).replace(/</g, '\\u003c');
  const tierInput = { summary: s, before: view.routes.filter((r) => r.phase === 'before'), ...(view.tiers ? { tiers: view.tiers } : {}) };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.name)}: mileage savings</title>
<style>/* Leaflet ${leaflet.version}, © Volodymyr Agafonkin, BSD-2-Clause */
${leaflet.css}</style>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(s.name)}: mileage savings</h1>
${warning}
<div class="figures">${figures.join('\n')}</div>
<h2>Map</h2>
${mapTools(view)}
<div class="map-row"><div id="map" role="application" aria-label="Map of today's and the new routes"></div><aside id="focus">${sideDefault(view)}</aside></div>
<template id="side-default">${sideDefault(view)}</template>
<p class="note">${view.attribution ? `${escapeHtml(view.attribution)}. ` : ''}Roads and routes are drawn from the road graph itself (no map tiles unless turned on), simplified at the map's scale; both plans are measured on the same graph.</p>
${renderTimeline(view)}
<div id="timeline-tip" role="tooltip" hidden></div>
${view.tiers || s.scenarios ? `${tiersSection(tierInput)}\n` : ''}${s.county ? `${countySection(s.county, s.scenarios)}\n` : ''}${view.doorToDoor ? `${doorToDoorSection(view.doorToDoor)}\n` : ''}<h2>Kilometres per day, before and after</h2>
${renderCharts(view)}
${s.week ? weekSection(s.week) : ''}<h2>Stations and unserved stops</h2>
${stations}
${notToday}
${unassigned}
${snapWarningsNote(s.snapWarnings)}<h2>Today's routes</h2>
${routesTable(view.routes.filter((r) => r.phase === 'before'), names, 'routes-before')}
<h2>New routes</h2>
${routesTable(view.routes.filter((r) => r.phase === 'after'), names, 'routes-after')}
<h2>Places</h2>
<table id="places"><thead><tr><th>name</th><th>id</th><th>role</th><th class="num">population</th><th class="num">mail/day</th><th>route today</th><th>new route</th><th class="num">arrival</th></tr></thead><tbody>${placeRows.join('')}</tbody></table>
<p class="note">Generated by ${escapeHtml(view.generatedBy)}; seed ${view.seed}, time limit ${view.timeLimitS} s. Distances are road distances on the same graph for both plans; a year is ${s.operatingDaysPerYear} operating days.</p>
</main>
<script type="application/json" id="report-data">${json}</script>
<script>${leaflet.js}</script>
<script>${MAP_SCRIPT}</script>
<script>${TIMELINE_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Renders the whole report as one HTML string.
 *
 * @example
 * writeFileSync('out/report.html', renderHtmlReport(report, { attribution: 'Map data © OpenStreetMap contributors' }));
 */
export function renderHtmlReport(report: PlanReport, options: HtmlReportOptions = {}): string {
  return renderReportPage(buildReportView(report, options));
}

/** Weekly plans: km per day and week, daily service compared, each village's days. */
function weekSection(w: NonNullable<PlanReport['summary']['week']>): string {
  const perDay = w.perDay.map((d) => `<tr><td>${escapeHtml(d.day)}</td><td class="num">${d.routesBefore}</td><td class="num">${fmt(d.kmBefore, 1)}</td><td class="num">${d.routesAfter}</td><td class="num">${fmt(d.kmAfter, 1)}</td></tr>`).join('');
  const visits = w.visits.map((v) => `<tr><td>${escapeHtml(v.name)}</td><td class="num">${v.visitsPerWeek}</td><td>${v.days.map(escapeHtml).join(', ')}</td></tr>`).join('');
  return `<h2>The week</h2>
<p>Operating days ${w.days.map(escapeHtml).join(', ')}${w.accumulate ? '; mail waits for the next visit' : ''}. New plan ${fmt(w.kmPerWeekAfter, 1)} km per week, ${fmt(w.kmPerYearAfter)} km per year (${fmt(w.weeksPerYear, 1)} weeks)${w.kmPerWeekBefore === null ? '' : `; today ${fmt(w.kmPerWeekBefore, 1)} km per week`}. Daily service of the same stops: ${fmt(w.kmPerWeekDailyService, 1)} km per week, ${fmt(w.kmPerYearDailyService)} km per year${w.dailyServiceSearch === undefined ? '' : ` (${escapeHtml(w.dailyServiceSearch)})`}.</p>
<table id="week-days"><thead><tr><th>day</th><th class="num">routes today</th><th class="num">km today</th><th class="num">new routes</th><th class="num">new km</th></tr></thead><tbody>${perDay}</tbody></table>
<table id="week-visits"><thead><tr><th>place</th><th class="num">visits per week</th><th>days</th></tr></thead><tbody>${visits}</tbody></table>
`;
}

/** Places put on the kept network past a nearer road that is not connected to it. */
function snapWarningsNote(warnings: SavingsSummary['snapWarnings']): string {
  if (!warnings || warnings.length === 0) return '';
  const rows = warnings.map((w) => `<tr><td>${escapeHtml(w.name)}</td><td>${escapeHtml(w.id)}</td><td class="num">${fmt(w.distanceM)}</td><td class="num">${fmt(w.nearerDroppedRoadM)}</td></tr>`).join('');
  return `<p class="note" id="snap-warnings">Placed on the main road network although a road that is not connected both ways to it is nearer (${warnings.length}): check that these places are reachable as planned.</p>\n` +
    `<table><thead><tr><th>place</th><th>id</th><th>to the main network, m</th><th>to the nearer road, m</th></tr></thead><tbody>${rows}</tbody></table>\n`;
}
