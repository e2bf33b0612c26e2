/**
 * Assembles the `ReportView` (what report.html and sheets.html show) from a plan report: route
 * styles, stops with their loads and volumes, each route's counterpart on the other side, what
 * the map frames, and the roads and lines encoded small.
 */
import { assembleReport } from '../assemble.js';
import type { PlanReport, ReportPlace, ReportRoute } from '../types.js';
import { frameMap, mapScale } from './frame.js';
import { encodeLines } from './line-codec.js';
import { routeColour } from './palette.js';
import { encodeRoads, simplifyLine } from './road-lines.js';
import type { RoadsEncoded } from './roads-ahead.js';
import { tierRouteStyle } from './tiers.js';
import type { ReportView, ViewPlace, ViewRoute, ViewStop } from './view-types.js';

/** Options of `buildReportView`. */
export interface ReportViewOptions {
  /** Credit line for the road data, e.g. "Map data © OpenStreetMap contributors (ODbL)". */
  attribution?: string;
  /** The roads already encoded (`roadsEncodedAhead`): used when their scale is the map's. */
  roadsEncoded?: RoadsEncoded;
}

/** Door-to-door colours, one per route. */
const DOOR_COLOURS = ['#e6550d', '#756bb1', '#31a354', '#3182bd', '#de2d26', '#636363', '#fd8d3c', '#9e9ac8'];

function routeStyle(report: PlanReport, route: ReportRoute, index: number): { colour: string; width: number; dash: string } {
  if (route.tier) {
    const tier = tierRouteStyle(report, route);
    return { colour: tier.stroke, width: tier.width, dash: tier.dash };
  }
  return route.phase === 'before'
    ? { colour: routeColour('before', index), width: 2.5, dash: '8 6' }
    : { colour: routeColour('after', index), width: 4, dash: '' };
}

function stopsOf(route: ReportRoute, places: Map<string, ReportPlace>): ViewStop[] {
  const late = new Map(route.violations.filter((v) => v.kind === 'late' && v.stop).map((v) => [v.stop as string, v.message]));
  // Delivery rounds drop and pick up each place's own volumes. Trunk and collection routes hand
  // over an office's whole volumes: there the change of load at the stop tells.
  const own = route.tier === undefined || route.tier === 'delivery';
  let onBoard = route.loads ?? [route.load];
  return route.visits.map((visit) => {
    const place = places.get(visit.id);
    const load = visit.loads ?? [visit.load];
    const drop = own ? place?.delivery ?? (place ? [place.mail] : []) : load.map((x, k) => Math.max(0, (onBoard[k] ?? 0) - x));
    const pickup = own ? place?.pickup ?? [] : load.map((x, k) => Math.max(0, x - (onBoard[k] ?? 0)));
    onBoard = load;
    const stop: ViewStop = {
      id: visit.id, arrival: visit.arrival, start: visit.start, departure: visit.departure,
      load, drop, pickup, km: Math.round(visit.distance) / 1000,
    };
    const note = late.get(visit.id);
    if (note) stop.note = note;
    return stop;
  });
}

/** For each route, the route of the other side (same day and tier) that shares most of its stops. */
function counterparts(routes: readonly ReportRoute[]): (number | null)[] {
  return routes.map((route) => {
    const mine = new Set(route.stops);
    let best: number | null = null;
    let bestShared = 0;
    routes.forEach((other, k) => {
      if (other.phase === route.phase || other.day !== route.day || other.tier !== route.tier) return;
      let shared = 0;
      for (const stop of other.stops) if (mine.has(stop)) shared++;
      if (shared > bestShared) { best = k; bestShared = shared; }
    });
    return best;
  });
}

/**
 * The view of a plan report.
 *
 * @example
 * const view = buildReportView(report, { attribution: 'Map data © OpenStreetMap contributors' });
 * writeFileSync('report.html', renderReportPage(view));
 */
export function buildReportView(planned: PlanReport, options: ReportViewOptions = {}): ReportView {
  // Every writer reads the assembled report (the county's figures, the places' days).
  const report = assembleReport(planned);
  const s = report.summary;
  const placeById = new Map(report.places.map((place) => [place.id, place]));
  const all = [...report.before, ...report.after];

  // The roads' own lines, not an array of all their points (1.5 million on a county).
  const { frame, farOff } = frameMap(report.roads.map((road) => road.coordinates), report.places);
  const { tolerance, precision } = mapScale(frame);
  const ahead = options.roadsEncoded;
  // Routes at the roads' detail, so that they lie on the roads as drawn.
  const line = (geometry: [number, number][]): string => encodeLines([simplifyLine(geometry.map((p) => [p[0], p[1]]), tolerance)], precision);

  const partners = counterparts(all);
  const beforeCount = report.before.length;
  const routes: ViewRoute[] = all.map((route, key) => {
    const style = routeStyle(report, route, key < beforeCount ? key : key - beforeCount);
    const view: ViewRoute = {
      key, id: route.id, phase: route.phase, vehicleType: route.vehicleType, depot: route.depot, ...style,
      km: Math.round(route.distance) / 1000, departure: route.departure, arrival: route.arrival,
      load: route.loads ?? [route.load], capacity: route.capacities ?? [route.capacity],
      violations: route.violations.map((v) => v.message), stops: stopsOf(route, placeById),
      line: line(route.geometry), counterpart: partners[key] ?? null,
    };
    if (route.tier) view.tier = route.tier;
    if (route.day !== undefined) view.day = route.day;
    if (route.maxShift !== undefined) view.maxShift = route.maxShift;
    return view;
  });

  const unserved = new Map(s.unassigned.map((stop) => [stop.id, stop.reason]));
  const warnings = new Map((s.snapWarnings ?? []).map((w) => [w.id, w.message]));
  const days = new Map((s.week?.visits ?? []).map((v) => [v.id, v.days]));
  const moved = new Set((report.tiers?.moved ?? []).map((m) => m.id));
  const visiting = new Map<string, { today: number[]; plan: number[] }>();
  for (const route of routes) {
    for (const stop of route.stops) {
      let entry = visiting.get(stop.id);
      if (!entry) visiting.set(stop.id, (entry = { today: [], plan: [] }));
      const list = route.phase === 'before' ? entry.today : entry.plan;
      if (list[list.length - 1] !== route.key) list.push(route.key);
    }
  }
  const places: ViewPlace[] = report.places.map((place) => {
    const view: ViewPlace = {
      id: place.id, name: place.name, role: place.role, lat: place.lat, lon: place.lon, population: place.population, mail: place.mail,
      today: visiting.get(place.id)?.today ?? [], plan: visiting.get(place.id)?.plan ?? [],
    };
    if (place.delivery) view.delivery = place.delivery;
    if (place.pickup) view.pickup = place.pickup;
    if (place.office !== undefined) view.office = place.office;
    if (place.officeToday !== undefined) view.officeToday = place.officeToday;
    if (moved.has(place.id)) view.moved = true;
    const placeDays = place.days ?? days.get(place.id);
    if (placeDays !== undefined) view.days = placeDays;
    if (place.servedVia !== undefined) view.servedVia = place.servedVia;
    if (place.latest !== undefined) view.latest = place.latest;
    if (unserved.has(place.id)) view.unserved = unserved.get(place.id)!;
    if (warnings.has(place.id)) view.snapWarning = warnings.get(place.id)!;
    return view;
  });

  const view: ReportView = {
    title: s.name,
    attribution: options.attribution ?? '',
    generatedBy: report.run.generatedBy,
    seed: report.run.seed,
    timeLimitS: report.run.timeLimitS,
    summary: s,
    frame,
    precision,
    roads: ahead !== undefined && ahead.tolerance === tolerance && ahead.precision === precision ? ahead.encoded : encodeRoads(report.roads, tolerance, precision),
    places,
    routes,
    farOff,
    days: s.week?.days ?? [],
    dimensions: report.tiers?.dimensions ?? ['mail'],
    offices: (report.tiers?.offices ?? []).map((o) => ({
      id: o.id, name: o.name, trunkArrival: o.trunkArrival, release: o.release, firstDeparture: o.firstDeparture,
      lastReturn: o.lastReturn, collection: o.collection, binding: o.binding, ...(o.day !== undefined ? { day: o.day } : {}),
    })),
    sortingMinutes: report.tiers?.sortingMinutes ?? null,
  };
  if (report.tiers) view.tiers = report.tiers;
  if (report.doorToDoor) {
    const { routes: doorRoutes, ...rest } = report.doorToDoor;
    view.doorToDoor = {
      ...rest,
      routes: doorRoutes.map(({ geometry, served, ...r }, k) => ({
        ...r, colour: DOOR_COLOURS[k % DOOR_COLOURS.length]!, line: encodeLines([geometry], precision), served: encodeLines(served, precision),
      })),
    };
  }
  return view;
}
