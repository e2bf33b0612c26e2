/**
 * The map as inline SVG, drawn from the road network itself: no tiles, no network, so the report
 * opens anywhere. Coordinates are projected with a local equirectangular projection (x scaled by
 * cos(latitude)), which is exact enough at county scale.
 */
import type { PlanReport, ReportPlace } from '../types.js';
import { routeColour, ROLE_COLOURS } from './palette.js';
import { escapeHtml } from './escape.js';
import { doorToDoorLayer } from './door-to-door.js';
import { pickupLayer, tierRouteStyle, villageStyle } from './tiers.js';

const MAJOR = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link']);
const TRACK = new Set(['track', 'service', 'path']);

/** Size of the SVG map. */
export interface MapOptions {
  /** Width of the drawing in SVG units. Default 960. */
  width?: number;
  /** Margin around the drawing. Default 16. */
  margin?: number;
}

interface Projection {
  project: (lon: number, lat: number) => [number, number];
  width: number;
  height: number;
}

function makeProjection(points: Iterable<[number, number]>, width: number, margin: number): Projection {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const [lon, lat] of points) {
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  if (!Number.isFinite(minLon)) { minLon = 0; maxLon = 1; minLat = 0; maxLat = 1; }
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * cos, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - 2 * margin) / spanX;
  const height = Math.round(spanY * scale + 2 * margin);
  return {
    width,
    height,
    project: (lon, lat) => [margin + (lon - minLon) * cos * scale, margin + (maxLat - lat) * scale],
  };
}

function pathData(lines: Iterable<[number, number][]>, projection: Projection): string {
  const parts: string[] = [];
  for (const line of lines) {
    let previous = '';
    let segment = '';
    for (const [lon, lat] of line) {
      const [x, y] = projection.project(lon, lat);
      const point = `${x.toFixed(1)} ${y.toFixed(1)}`;
      if (point === previous) continue; // vertices closer than 0.1 unit add bytes, not detail
      segment += segment === '' ? `M${point}` : ` ${point}`;
      previous = point;
    }
    if (segment.includes(' ', segment.indexOf(' ') + 1)) parts.push(segment);
  }
  return parts.join('');
}

function marker(place: ReportPlace, x: number, y: number, unserved: boolean, style: { fill?: string; moved: boolean } = { moved: false }): string {
  const title = `<title>${escapeHtml(`${place.name} (${place.role}${unserved ? ', unserved' : ''}) — ${place.id}`)}</title>`;
  const at = `data-id="${escapeHtml(place.id)}"`;
  const fx = x.toFixed(1), fy = y.toFixed(1);
  switch (place.role) {
    case 'hub':
      return `<rect class="place hub" ${at} x="${(x - 7).toFixed(1)}" y="${(y - 7).toFixed(1)}" width="14" height="14" fill="${ROLE_COLOURS.hub}" stroke="#fff" stroke-width="2">${title}</rect>`;
    case 'outlet':
      return `<path class="place outlet" ${at} d="M${fx} ${(y - 8).toFixed(1)} L${(x + 7).toFixed(1)} ${(y + 5).toFixed(1)} L${(x - 7).toFixed(1)} ${(y + 5).toFixed(1)}Z" fill="${ROLE_COLOURS.outlet}" stroke="#fff" stroke-width="1.5">${title}</path>`;
    case 'station':
      return `<path class="place station" ${at} d="M${fx} ${(y - 6).toFixed(1)} L${(x + 6).toFixed(1)} ${fy} L${fx} ${(y + 6).toFixed(1)} L${(x - 6).toFixed(1)} ${fy}Z" fill="${ROLE_COLOURS.station}" stroke="#fff" stroke-width="1.5">${title}</path>`;
    default:
      return unserved
        ? `<g class="place village unserved" ${at}><circle cx="${fx}" cy="${fy}" r="6" fill="none" stroke="${ROLE_COLOURS.unserved}" stroke-width="2"/><path d="M${(x - 4).toFixed(1)} ${(y - 4).toFixed(1)}L${(x + 4).toFixed(1)} ${(y + 4).toFixed(1)}M${(x + 4).toFixed(1)} ${(y - 4).toFixed(1)}L${(x - 4).toFixed(1)} ${(y + 4).toFixed(1)}" stroke="${ROLE_COLOURS.unserved}" stroke-width="2"/>${title}</g>`
        : style.moved
          ? `<circle class="place village moved" ${at} cx="${fx}" cy="${fy}" r="5" fill="${style.fill ?? '#fff'}" stroke="${ROLE_COLOURS.unserved}" stroke-width="2.5">${title}</circle>`
          : `<circle class="place village" ${at} cx="${fx}" cy="${fy}" r="3.5" fill="${style.fill ?? '#fff'}" stroke="${ROLE_COLOURS.village}" stroke-width="1.5">${title}</circle>`;
  }
}

/**
 * Renders roads, today's routes (dashed, warm colours), the new routes (solid, cool colours), the
 * hub, outlets, stations and villages (unserved ones crossed in red), with names of the hub,
 * outlets and stations. Each layer is a `<g id="layer-…">` so the page can toggle it.
 *
 * @example
 * const svg = renderMapSvg(report); // '<svg id="map" …>…</svg>'
 */
export function renderMapSvg(report: PlanReport, options: MapOptions = {}): string {
  const width = options.width ?? 960;
  const margin = options.margin ?? 16;
  function* extent(): Iterable<[number, number]> {
    for (const road of report.roads) yield* road.coordinates;
    for (const place of report.places) yield [place.lon, place.lat];
    for (const route of [...report.before, ...report.after]) yield* route.geometry;
    for (const route of report.doorToDoor?.routes ?? []) yield* route.geometry;
  }
  const projection = makeProjection(extent(), width, margin);
  const roadClass = (highway: string): 'major' | 'minor' | 'track' => (MAJOR.has(highway) ? 'major' : TRACK.has(highway) ? 'track' : 'minor');
  const roadGroups = { track: [] as [number, number][][], minor: [] as [number, number][][], major: [] as [number, number][][] };
  for (const road of report.roads) roadGroups[roadClass(road.highway)].push(road.coordinates);

  const unassigned = new Set(report.summary.unassigned.map((stop) => stop.id));
  const parts: string[] = [];
  parts.push(`<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${projection.height}" width="100%" role="img" aria-label="Map of today's and the new routes">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${projection.height}" fill="#f7f5ef"/>`);
  parts.push('<g id="layer-roads" fill="none" stroke-linecap="round" stroke-linejoin="round">');
  parts.push(`<path class="road track" d="${pathData(roadGroups.track, projection)}" stroke="#d5d0c4" stroke-width="0.6"/>`);
  parts.push(`<path class="road minor" d="${pathData(roadGroups.minor, projection)}" stroke="#b9b2a3" stroke-width="1"/>`);
  parts.push(`<path class="road major" d="${pathData(roadGroups.major, projection)}" stroke="#a99f8c" stroke-width="2.4"/>`);
  parts.push('</g>');
  // Today's routes on top, thin and dashed, so that both plans stay visible where they share a road.
  for (const phase of ['after', 'before'] as const) {
    parts.push(`<g id="layer-${phase}" fill="none" stroke-linecap="round" stroke-linejoin="round">`);
    report[phase].forEach((route, index) => {
      // Two-tier plans: the tier sets the style (trunk, delivery per office, collection).
      const tier = route.tier ? tierRouteStyle(report, route) : null;
      const dashPattern = tier ? tier.dash : phase === 'before' ? '6 4' : '';
      const dash = dashPattern ? ` stroke-dasharray="${dashPattern}"` : '';
      const widthAttr = tier ? tier.width : phase === 'before' ? 2 : 3.5;
      const stroke = tier ? tier.stroke : routeColour(phase, index);
      parts.push(`<path class="route ${phase}${route.tier ? ` ${route.tier}` : ''}" data-route="${escapeHtml(route.id)}"${route.day !== undefined ? ` data-day="${escapeHtml(route.day)}"` : ''} d="${pathData([route.geometry], projection)}" stroke="${stroke}" stroke-width="${widthAttr}" stroke-opacity="${phase === 'before' ? 0.9 : 0.75}"${dash}><title>${escapeHtml(`${phase === 'before' ? 'Today' : 'New'} ${route.id}: ${(route.distance / 1000).toFixed(1)} km, ${route.stops.length} stops`)}</title></path>`);
    });
    parts.push('</g>');
  }
  if (report.doorToDoor) parts.push(doorToDoorLayer(report.doorToDoor, (lines) => pathData(lines, projection)));
  parts.push('<g id="layer-places">');
  const order = { village: 0, station: 1, outlet: 2, hub: 3 } as const;
  const places = [...report.places].sort((a, b) => order[a.role] - order[b.role]);
  for (const place of places) {
    const [x, y] = projection.project(place.lon, place.lat);
    parts.push(marker(place, x, y, unassigned.has(place.id), report.tiers && place.role === 'village' ? villageStyle(report, place) : undefined));
  }
  if (report.tiers) parts.push(pickupLayer(report, projection.project));
  parts.push('</g><g id="layer-labels" font-family="sans-serif" font-size="11" paint-order="stroke" stroke="#fff" stroke-width="3" fill="#222">');
  for (const place of places) {
    if (place.role === 'village' && !unassigned.has(place.id)) continue;
    const [x, y] = projection.project(place.lon, place.lat);
    const weight = place.role === 'hub' ? ' font-weight="bold" font-size="13"' : '';
    parts.push(`<text x="${(x + 9).toFixed(1)}" y="${(y - 6).toFixed(1)}"${weight}>${escapeHtml(place.name)}</text>`);
  }
  parts.push('</g>');
  // A scale bar, so that the map can be read without a basemap.
  const [x0, y0] = projection.project(report.places[0]?.lon ?? 0, report.places[0]?.lat ?? 0);
  const [x1] = projection.project((report.places[0]?.lon ?? 0) + 1 / (111.32 * Math.cos(((report.places[0]?.lat ?? 0) * Math.PI) / 180)), report.places[0]?.lat ?? 0);
  const kmUnits = Math.abs(x1 - x0);
  if (Number.isFinite(kmUnits) && kmUnits > 0 && y0 >= 0) {
    const km = kmUnits > 150 ? 0.5 : kmUnits > 60 ? 1 : kmUnits > 15 ? 5 : 10;
    const length = kmUnits * km;
    const y = projection.height - 12;
    parts.push(`<g id="scale-bar" font-family="sans-serif" font-size="11"><path d="M16 ${y} h${length.toFixed(1)}" stroke="#222" stroke-width="3"/><text x="${(16 + length + 6).toFixed(1)}" y="${y + 4}">${km} km</text></g>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
