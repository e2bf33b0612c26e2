/**
 * The province's `report.html`: one self-contained page (inline CSS and SVG, no network) with the
 * totals, a table of counties linking to each county's own report, and a map overview of the
 * counties' new routes. Counties that lie close together share one map; a province whose
 * counties lie far apart (the example's Bavaria and Andorra) gets one small map per county
 * instead, as one map would shrink each county to a dot.
 */
import { escapeHtml } from '../report/html/escape.js';
import { routeColour } from '../report/html/palette.js';
import type { CountyOverview } from './job.js';
import type { ProvinceCountyRow, ProvinceSummary } from './merge.js';

const fmt = (value: number | null, digits = 0): string =>
  value === null ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fff}
main{max-width:1100px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:1.5rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.figure{border:1px solid #ddd;border-radius:6px;padding:8px 10px;background:#fafafa}
.figure .value{font-size:1.45rem;font-weight:600}.figure .label{font-size:.8rem;color:#555}
.figure.headline{background:#eef6ee;border-color:#9c9}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.3rem 0}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:600;border-top:2px solid #bbb}
.bad{color:#b00}.note{font-size:.8rem;color:#555}
.maps{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
.maps figure{margin:0;border:1px solid #ddd;border-radius:6px;padding:4px}.maps figcaption{font-size:.85rem;padding:2px 4px}
svg{display:block;width:100%;height:auto}
`;

function figure(id: string, label: string, value: string, headline = false): string {
  return `<div class="figure${headline ? ' headline' : ''}" id="${id}"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}

type Box = [number, number, number, number];

/** A local equirectangular projection of `box` into a drawing `width` wide. */
function projection(box: Box, width: number, margin: number): { project: (lon: number, lat: number) => [number, number]; height: number } {
  const [west, south, east, north] = box;
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = (width - 2 * margin) / Math.max((east - west) * cos, 1e-9);
  const height = Math.round(Math.max(north - south, 1e-9) * scale + 2 * margin);
  return { height, project: (lon, lat) => [margin + (lon - west) * cos * scale, margin + (north - lat) * scale] };
}

function drawCounties(counties: { name: string; index: number; overview: CountyOverview }[], box: Box, width: number, labels: boolean): string {
  const { project, height } = projection(box, width, 12);
  const xy = (lon: number, lat: number): string => project(lon, lat).map((v) => v.toFixed(1)).join(' ');
  const parts: string[] = [];
  for (const { name, index, overview } of counties) {
    const [west, south, east, north] = overview.bbox;
    const [x0, y0] = project(west, north);
    const [x1, y1] = project(east, south);
    parts.push(`<g class="county" data-county="${escapeHtml(name)}">`);
    parts.push(`<rect x="${x0.toFixed(1)}" y="${y0.toFixed(1)}" width="${(x1 - x0).toFixed(1)}" height="${(y1 - y0).toFixed(1)}" fill="#f6f4ee" stroke="#b9b2a3" stroke-dasharray="4 3"/>`);
    overview.routes.forEach((line, r) => {
      if (line.length < 2) return;
      parts.push(`<path class="route" d="M${line.map(([lon, lat]) => xy(lon, lat)).join(' ')}" fill="none" stroke="${routeColour('after', index + r)}" stroke-width="2" stroke-linejoin="round"/>`);
    });
    for (const hub of overview.hubs) {
      const [x, y] = project(hub.lon, hub.lat);
      parts.push(`<rect x="${(x - 4).toFixed(1)}" y="${(y - 4).toFixed(1)}" width="8" height="8" fill="#000"><title>${escapeHtml(hub.name)}</title></rect>`);
    }
    if (labels) parts.push(`<text x="${(x0 + 4).toFixed(1)}" y="${(y0 + 14).toFixed(1)}" font-size="13" fill="#333">${escapeHtml(name)}</text>`);
    parts.push('</g>');
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img">${parts.join('')}</svg>`;
}

function union(boxes: Box[]): Box {
  return boxes.reduce<Box>((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);
}

const diagonal = (box: Box): number => Math.hypot((box[2] - box[0]) * Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180), box[3] - box[1]);

function renderOverview(summary: ProvinceSummary, overviews: ReadonlyMap<string, CountyOverview>): string {
  const counties = summary.counties
    .map((row, index) => ({ name: row.name, index, overview: overviews.get(row.name) }))
    .filter((entry): entry is { name: string; index: number; overview: CountyOverview } => entry.overview !== undefined);
  if (counties.length === 0) return '<p>No county finished, so there is nothing to draw.</p>';
  const all = union(counties.map((c) => c.overview.bbox));
  const sizes = counties.map((c) => diagonal(c.overview.bbox)).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] as number;
  if (diagonal(all) <= 8 * median) {
    return `<div id="province-map">${drawCounties(counties, all, 1000, true)}</div>`;
  }
  return `<div class="maps" id="province-map">${counties.map((county) =>
    `<figure><figcaption><a href="${escapeHtml(summary.counties[county.index]?.folder ?? '')}/report.html">${escapeHtml(county.name)}</a></figcaption>${drawCounties([county], county.overview.bbox, 480, false)}</figure>`).join('')}</div>` +
    '<p class="note">The counties lie far apart, so each has its own map (not to the same scale).</p>';
}

function countyRow(row: ProvinceCountyRow, seconds: string | null): string {
  const link = row.status === 'done' ? `<a href="${escapeHtml(row.folder)}/report.html">${escapeHtml(row.name)}</a>` : escapeHtml(row.name);
  const status = row.status === 'done' ? 'done' : `<span class="bad">failed (${escapeHtml(row.error?.kind ?? '')}): ${escapeHtml(row.error?.message ?? '')}</span>`;
  return `<tr data-county="${escapeHtml(row.name)}"><td>${link}</td><td class="num">${fmt(row.kmBefore, 1)}</td><td class="num">${fmt(row.kmAfter, 1)}</td>` +
    `<td class="num">${row.optimisationRatePercent === null ? '—' : `${fmt(row.optimisationRatePercent, 2)} %`}</td>` +
    `<td class="num">${row.vehiclesBefore === null ? '—' : `${row.vehiclesBefore} → ${row.vehiclesAfter}`}</td>` +
    `<td class="num">${fmt(row.unserved)}</td>${seconds === null ? '' : `<td class="num">${seconds}</td>`}<td>${status}</td></tr>`;
}

/**
 * Renders the province report as one HTML string. Run times appear only when the summary has its
 * timing block, so the page is byte-identical across runs with `--deterministic`.
 *
 * @example
 * writeFileSync('out/report.html', renderProvinceHtml(summary, overviews(entries)));
 */
export function renderProvinceHtml(summary: ProvinceSummary, overviews: ReadonlyMap<string, CountyOverview>, options: { attribution?: string } = {}): string {
  const t = summary.totals;
  const timing = summary.timing ? new Map(summary.timing.counties.map((county) => [county.name, county])) : null;
  const figures = [
    figure('figure-counties', 'counties done / in all', `${t.done} / ${t.counties}`),
    figure('figure-before-km', 'km per day today', fmt(t.kmBefore, 1)),
    figure('figure-after-km', 'km per day, new plans', fmt(t.kmAfter, 1)),
    figure('figure-saved-day', 'km saved per day', fmt(t.savedKmPerDay, 1), true),
    figure('figure-saved-year', 'km saved per year', fmt(t.savedKmPerYear), true),
    figure('figure-rate', 'optimisation rate', t.optimisationRatePercent === null ? '—' : `${fmt(t.optimisationRatePercent, 2)} %`, true),
    figure('figure-vehicles', 'vehicles per day, today → new', `${t.vehiclesBefore} → ${t.vehiclesAfter}`),
    figure('figure-unserved', 'stops unserved by the new plans', fmt(t.unserved)),
  ];
  const rows = summary.counties.map((row) => {
    const entry = timing?.get(row.name);
    const seconds = timing === null ? null : entry ? `${fmt(entry.seconds, 1)}${entry.source === 'stored' ? ' (stored)' : entry.attempts > 1 ? ` (${entry.attempts} attempts)` : ''}` : '—';
    return countyRow(row, seconds);
  });
  const totalRow = `<tr class="total"><td>total</td><td class="num">${fmt(t.kmBefore, 1)}</td><td class="num">${fmt(t.kmAfter, 1)}</td>` +
    `<td class="num">${t.optimisationRatePercent === null ? '—' : `${fmt(t.optimisationRatePercent, 2)} %`}</td><td class="num">${t.vehiclesBefore} → ${t.vehiclesAfter}</td>` +
    `<td class="num">${fmt(t.unserved)}</td>${timing === null ? '' : `<td class="num">${fmt(summary.timing?.wallSeconds ?? null, 1)} wall</td>`}<td>${t.done} done, ${t.failed} failed</td></tr>`;
  const runNote = summary.timing
    ? `Run on ${summary.timing.executor === 'pool' ? `a pool of ${summary.timing.workers} worker thread${summary.timing.workers === 1 ? '' : 's'}` : 'a Redis queue'} in ${fmt(summary.timing.wallSeconds, 1)} s. `
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(summary.name)}: province mileage savings</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(summary.name)}: province mileage savings</h1>
<div class="figures">${figures.join('\n')}</div>
<h2>Counties</h2>
<table id="counties"><thead><tr><th>county</th><th class="num">km/day today</th><th class="num">km/day new</th><th class="num">rate</th><th class="num">vehicles</th><th class="num">unserved</th>${timing === null ? '' : '<th class="num">run time, s</th>'}<th>status</th></tr></thead>
<tbody>${rows.join('\n')}
${totalRow}</tbody></table>
<p class="note">Each county's name links to its own report. The rate is the saved km over today's km, summed over the counties that have today's routes.</p>
<h2>Map overview: the new routes</h2>
${renderOverview(summary, overviews)}
<p class="note">${options.attribution ? `${escapeHtml(options.attribution)}. ` : ''}${runNote}Dashed boxes are the extent of each county's roads; black squares are hubs.</p>
</main>
</body>
</html>
`;
}
