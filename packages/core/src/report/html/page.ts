/**
 * `report.html`: one self-contained page (inline CSS, SVG and a few lines of script; no network)
 * with the headline figures, the map, the charts and the tables.
 */
import type { PlanReport, ReportRoute, SavingsSummary } from '../types.js';
import { clock } from '../violations.js';
import { renderCharts } from './chart.js';
import { escapeHtml } from './escape.js';
import { renderMapSvg } from './map.js';
import { tierLegend, tiersSection } from './tiers.js';
import { doorToDoorSection } from './door-to-door.js';
import { routeColour, ROLE_COLOURS } from './palette.js';

/** Options of `renderHtmlReport`. */
export interface HtmlReportOptions {
  /** Credit line for the road data, e.g. "Map data © OpenStreetMap contributors (ODbL)". */
  attribution?: string;
}

const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fff}
main{max-width:1000px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:1.5rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.figure{border:1px solid #ddd;border-radius:6px;padding:8px 10px;background:#fafafa}
.figure .value{font-size:1.45rem;font-weight:600}.figure .label{font-size:.8rem;color:#555}
.figure.headline{background:#eef6ee;border-color:#9c9}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:.85rem;margin:.4rem 0}
.legend label{cursor:pointer}.swatch{display:inline-block;width:22px;height:4px;vertical-align:middle;margin-right:4px}
table{border-collapse:collapse;width:100%;font-size:.82rem;margin:.3rem 0}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.warning{border:2px solid #b00;background:#fff3f3;color:#600;border-radius:6px;padding:8px 12px;margin:0 0 12px;font-size:1rem}
.bad{color:#b00}.note{font-size:.8rem;color:#555}
svg{display:block}
`;

function figure(id: string, label: string, value: string, headline = false): string {
  return `<div class="figure${headline ? ' headline' : ''}" id="${id}"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}

function routesTable(routes: ReportRoute[], names: Map<string, string>): string {
  const rows = routes.map((route, index) => {
    const colour = routeColour(route.phase, index);
    const violations = route.violations.length === 0 ? '—' : route.violations.map((violation) => escapeHtml(violation.message)).join('<br>');
    const drawn = route.lineLength === undefined ? '' : ` <span class="note">(drawn line ${fmt(route.lineLength / 1000, 1)} km)</span>`;
    return `<tr><td><span class="swatch" style="background:${colour}"></span>${escapeHtml(route.id)}</td><td>${escapeHtml(route.vehicleType)}</td>` +
      `<td class="num">${route.stops.length}</td><td class="num">${fmt(route.distance / 1000, 1)}${drawn}</td><td class="num">${clock(route.duration)}</td>` +
      `<td class="num">${clock(route.departure)}–${clock(route.arrival)}</td><td class="num">${fmt(route.load)} / ${fmt(route.capacity)}</td>` +
      `<td class="${route.violations.length ? 'bad' : ''}">${violations}</td>` +
      `<td class="note">${route.stops.map((id) => escapeHtml(names.get(id) ?? id)).join(' → ')}</td></tr>`;
  });
  return `<table><thead><tr><th>route</th><th>vehicle</th><th class="num">stops</th><th class="num">km</th><th class="num">duration</th><th class="num">out–back</th><th class="num">load / capacity</th><th>violations</th><th>stops in order</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * Renders the whole report as one HTML string.
 *
 * @example
 * writeFileSync('out/report.html', renderHtmlReport(report, { attribution: 'Map data © OpenStreetMap contributors' }));
 */
export function renderHtmlReport(report: PlanReport, options: HtmlReportOptions = {}): string {
  const s = report.summary;
  const names = new Map(report.places.map((place) => [place.id, place.name]));
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
    `${s.savedKmPerDay === null && s.before.routes > 0 ? ' No savings figure is given: the two plans are different services.' : ' The savings below compare the same stops and mail.'}</div>`;
  const legend = [
    `<label><input type="checkbox" data-layer="layer-roads" checked> <span class="swatch" style="background:#b9b2a3"></span>roads</label>`,
    `<label><input type="checkbox" data-layer="layer-before" checked> <span class="swatch" style="background:repeating-linear-gradient(90deg,#d62728 0 6px,transparent 6px 10px)"></span>today's routes (${report.before.length})</label>`,
    `<label><input type="checkbox" data-layer="layer-after" checked> <span class="swatch" style="background:#1f77b4"></span>new routes (${report.after.length})</label>`,
    ...(report.tiers ? tierLegend(report) : []),
    // Weekly plans: show one day's routes at a time (issue 11).
    ...(s.week ? [`<label>day <select id="day-picker"><option value="">all days</option>${s.week.days.map((d) => `<option value="${escapeHtml(d)}">${escapeHtml(d)}</option>`).join('')}</select></label>`] : []),
    ...(report.doorToDoor ? [`<label><input type="checkbox" data-layer="layer-door-to-door" checked> <span class="swatch" style="background:#e6550d"></span>door-to-door streets (${report.doorToDoor.routes.length} routes)</label>`] : []),
    `<span><span class="swatch" style="background:${ROLE_COLOURS.hub};height:10px;width:10px"></span>hub</span>`,
    `<span><span class="swatch" style="background:${ROLE_COLOURS.outlet};height:10px;width:10px"></span>outlet</span>`,
    `<span><span class="swatch" style="background:${ROLE_COLOURS.station};height:10px;width:10px"></span>village station</span>`,
    `<span><span class="swatch" style="background:#fff;border:1.5px solid ${ROLE_COLOURS.village};height:8px;width:8px;border-radius:50%"></span>village</span>`,
    `<span><span class="swatch" style="background:${ROLE_COLOURS.unserved};height:10px;width:10px;border-radius:50%"></span>unserved</span>`,
  ];
  const unassigned = s.unassigned.length === 0
    ? '<p>None: the new plan serves every stop.</p>'
    : `<table id="unassigned"><thead><tr><th>stop</th><th>name</th><th>reason</th></tr></thead><tbody>${s.unassigned.map((stop) => `<tr><td>${escapeHtml(stop.id)}</td><td>${escapeHtml(stop.name)}</td><td class="bad">${escapeHtml(stop.reason)}</td></tr>`).join('')}</tbody></table>`;
  const notToday = s.notServedToday.length === 0 ? '' :
    `<p class="note">Stops no route serves today (${s.notServedToday.length}): ${s.notServedToday.map((id) => escapeHtml(names.get(id) ?? id)).join(', ')}. The new plan includes them, so its distance covers more stops.</p>`;
  const stations = s.stations
    ? `<p>Village stations opened: ${s.stations.opened.length} (${s.stations.opened.map((id) => escapeHtml(names.get(id) ?? id)).join(', ')}), so that every village is within ${fmt(s.stations.radiusM / 1000, 1)} km by road of an outlet or station.</p>`
    : '';
  const placeRows = report.places.filter((place) => place.role !== 'hub').map((place) => {
    const now = report.after.find((route) => route.stops.includes(place.id));
    const before = report.before.find((route) => route.stops.includes(place.id));
    const visit = now?.visits.find((v) => v.id === place.id);
    return `<tr><td>${escapeHtml(place.name)}</td><td>${escapeHtml(place.id)}</td><td>${place.role}</td><td class="num">${fmt(place.population)}</td><td class="num">${fmt(place.mail)}</td>` +
      `<td>${before ? escapeHtml(before.id) : '—'}</td><td>${now ? escapeHtml(now.id) : place.servedVia ? `via ${escapeHtml(names.get(place.servedVia) ?? place.servedVia)}` : '—'}</td><td class="num">${visit ? clock(visit.arrival) : ''}</td></tr>`;
  });
  const script = `
const picker = document.getElementById('day-picker');
if (picker) picker.addEventListener('change', () => {
  for (const path of document.querySelectorAll('path.route[data-day]')) path.style.display = picker.value === '' || path.dataset.day === picker.value ? '' : 'none';
});
for (const box of document.querySelectorAll('input[data-layer]')) {
  box.addEventListener('change', () => { document.getElementById(box.dataset.layer).style.display = box.checked ? '' : 'none'; });
}
// Written after layout so that a test (or a curious reader) can see the map really rendered.
window.addEventListener('load', () => {
  const map = document.getElementById('map');
  const box = map.getBoundingClientRect();
  const drawn = [...map.querySelectorAll('path.route')].filter((p) => { const b = p.getBBox(); return b.width + b.height > 0; });
  document.body.dataset.mapWidth = String(Math.round(box.width));
  document.body.dataset.mapHeight = String(Math.round(box.height));
  document.body.dataset.routesDrawn = String(drawn.length);
});`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.name)}: mileage savings</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(s.name)}: mileage savings</h1>
${warning}
<div class="figures">${figures.join('\n')}</div>
<h2>Map</h2>
<div class="legend">${legend.join('\n')}</div>
${renderMapSvg(report)}
<p class="note">${options.attribution ? `${escapeHtml(options.attribution)}. ` : ''}Today's routes dashed, new routes solid, both on the same road graph.</p>
${report.tiers || report.summary.scenarios ? `${tiersSection(report)}\n` : ''}${report.doorToDoor ? `${doorToDoorSection(report.doorToDoor)}\n` : ''}<h2>Kilometres per day, before and after</h2>
${renderCharts(report)}
${s.week ? weekSection(s.week) : ''}<h2>Stations and unserved stops</h2>
${stations}
${notToday}
${unassigned}
${snapWarningsNote(s.snapWarnings)}<h2>Today's routes</h2>
${routesTable(report.before, names)}
<h2>New routes</h2>
${routesTable(report.after, names)}
<h2>Places</h2>
<table id="places"><thead><tr><th>name</th><th>id</th><th>role</th><th class="num">population</th><th class="num">mail/day</th><th>route today</th><th>new route</th><th class="num">arrival</th></tr></thead><tbody>${placeRows.join('')}</tbody></table>
<p class="note">Generated by ${escapeHtml(report.run.generatedBy)}; seed ${report.run.seed}, time limit ${report.run.timeLimitS} s. Distances are road distances on the same graph for both plans; a year is ${s.operatingDaysPerYear} operating days.</p>
</main>
<script>${script}</script>
</body>
</html>
`;
}

/** Weekly plans: km per day and week, daily service compared, each village's days. */
function weekSection(w: NonNullable<PlanReport['summary']['week']>): string {
  const perDay = w.perDay.map((d) => `<tr><td>${escapeHtml(d.day)}</td><td class="num">${d.routesBefore}</td><td class="num">${fmt(d.kmBefore, 1)}</td><td class="num">${d.routesAfter}</td><td class="num">${fmt(d.kmAfter, 1)}</td></tr>`).join('');
  const visits = w.visits.map((v) => `<tr><td>${escapeHtml(v.name)}</td><td class="num">${v.visitsPerWeek}</td><td>${v.days.map(escapeHtml).join(', ')}</td></tr>`).join('');
  return `<h2>The week</h2>
<p>Operating days ${w.days.map(escapeHtml).join(', ')}${w.accumulate ? '; mail waits for the next visit' : ''}. New plan ${fmt(w.kmPerWeekAfter, 1)} km per week, ${fmt(w.kmPerYearAfter)} km per year (${fmt(w.weeksPerYear, 1)} weeks)${w.kmPerWeekBefore === null ? '' : `; today ${fmt(w.kmPerWeekBefore, 1)} km per week`}. Daily service of the same stops: ${fmt(w.kmPerWeekDailyService, 1)} km per week, ${fmt(w.kmPerYearDailyService)} km per year.</p>
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
