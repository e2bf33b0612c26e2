/**
 * `routes.geojson`: every route as a LineString along the roads and every place as a Point, with
 * properties a GIS user can filter on. Colours use the simplestyle keys (`stroke`, `marker-color`)
 * that geojson.io shows; QGIS keeps them as attributes.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { PlanReport } from './types.js';
import { routeColour, ROLE_COLOURS } from './html/palette.js';
import { clock } from './violations.js';

/**
 * @example
 * writeFileSync('routes.geojson', JSON.stringify(planReportToGeoJson(report)));
 */
export function planReportToGeoJson(report: PlanReport): FeatureCollection<LineString | Point> {
  const features: Feature<LineString | Point>[] = [];
  for (const phase of ['before', 'after'] as const) {
    report[phase].forEach((route, index) => {
      features.push({
        type: 'Feature',
        id: `${phase}/${route.id}`,
        properties: {
          kind: 'route',
          phase: route.phase,
          route_id: route.id,
          vehicle_type: route.vehicleType,
          stops: route.stops.length,
          stop_sequence: route.stops.join(' > '),
          distance_km: Number((route.distance / 1000).toFixed(3)),
          duration_min: Number((route.duration / 60).toFixed(1)),
          departure: clock(route.departure),
          return: clock(route.arrival),
          load: route.load,
          capacity: route.capacity,
          violations: route.violations.map((violation) => violation.message),
          ...(route.lineLength === undefined ? {} : { drawn_line_km: Number((route.lineLength / 1000).toFixed(3)) }),
          ...(route.tier === undefined ? {} : tierProperties(report, route)),
          stroke: routeColour(phase, index),
          'stroke-width': phase === 'after' ? 3 : 2,
          'stroke-opacity': phase === 'after' ? 0.9 : 0.6,
        },
        geometry: { type: 'LineString', coordinates: route.geometry.map(([lon, lat]) => [round6(lon), round6(lat)]) },
      });
    });
  }
  // Door-to-door routes: the whole drive as a LineString (a driver can follow it), after the node routes.
  for (const route of report.doorToDoor?.routes ?? []) {
    features.push({
      type: 'Feature',
      id: `door-to-door/${route.id}`,
      properties: {
        kind: 'route', phase: 'door-to-door', route_id: route.id, street_sides: route.streets,
        distance_km: route.km, serviced_km: route.kmServiced, deadheaded_km: route.kmDeadheaded,
        duration_min: Number((route.durationS / 60).toFixed(1)), departure: clock(route.departure), return: clock(route.arrival),
        streets: route.stretches.map((s) => s.street).join(' > '), stroke: '#e6550d', 'stroke-width': 3, 'stroke-opacity': 0.9,
      },
      geometry: { type: 'LineString', coordinates: route.geometry.map(([lon, lat]) => [round6(lon), round6(lat)]) },
    });
  }
  const visitsOf = (phase: 'before' | 'after'): Map<string, { route: string; seq: number; arrival: string }> => {
    const visits = new Map<string, { route: string; seq: number; arrival: string }>();
    for (const route of report[phase]) {
      route.visits.forEach((visit, index) => {
        if (!visits.has(visit.id)) visits.set(visit.id, { route: route.id, seq: index + 1, arrival: clock(visit.arrival) });
      });
    }
    return visits;
  };
  const before = visitsOf('before');
  const after = visitsOf('after');
  const unassigned = new Map(report.summary.unassigned.map((stop) => [stop.id, stop.reason]));
  for (const place of report.places) {
    const now = after.get(place.id);
    const today = before.get(place.id);
    const status = place.role === 'hub' ? 'hub'
      : now ? 'served'
        : unassigned.has(place.id) ? 'unassigned'
          : place.servedVia ? 'via-station' : 'not-a-stop';
    features.push({
      type: 'Feature',
      id: place.id,
      properties: {
        kind: 'place',
        id: place.id,
        name: place.name,
        role: place.role,
        population: place.population,
        mail: place.mail,
        status,
        ...(place.servedVia ? { served_via: place.servedVia } : {}),
        ...(report.tiers ? placeTierProperties(report, place) : {}),
        ...(unassigned.has(place.id) ? { unassigned_reason: unassigned.get(place.id) } : {}),
        route_after: now?.route ?? null,
        seq_after: now?.seq ?? null,
        arrival_after: now?.arrival ?? null,
        route_before: today?.route ?? null,
        seq_before: today?.seq ?? null,
        'marker-color': status === 'unassigned' ? ROLE_COLOURS.unserved : ROLE_COLOURS[place.role],
        'marker-size': place.role === 'hub' ? 'large' : place.role === 'village' ? 'small' : 'medium',
      },
      geometry: { type: 'Point', coordinates: [round6(place.lon), round6(place.lat)] },
    });
  }
  return { type: 'FeatureCollection', features };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Two-tier routes: tier, depot, and loads, pick-ups and capacity per named dimension. */
function tierProperties(report: PlanReport, route: PlanReport['after'][number]): Record<string, unknown> {
  const out: Record<string, unknown> = { tier: route.tier, depot: route.depot, cost: route.cost ?? null };
  (report.tiers?.dimensions ?? []).forEach((d, k) => {
    out[`load_${d}`] = route.loads?.[k] ?? null;
    out[`pickup_${d}`] = route.pickups?.[k] ?? null;
    out[`capacity_${d}`] = route.capacities?.[k] ?? null;
  });
  return out;
}

function placeTierProperties(report: PlanReport, place: PlanReport['places'][number]): Record<string, unknown> {
  const out: Record<string, unknown> = { township: place.township ?? null, office_today: place.officeToday ?? null, office: place.office ?? null };
  (report.tiers?.dimensions ?? []).forEach((d, k) => {
    out[`delivery_${d}`] = place.delivery?.[k] ?? null;
    out[`pickup_${d}`] = place.pickup?.[k] ?? null;
  });
  return out;
}
