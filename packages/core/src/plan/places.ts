/**
 * Reads the planning attributes of each place (role, name, population, mail, latest arrival,
 * service time) from its properties, with one located error per bad value. CSV values arrive as
 * strings and are parsed here; GeoJSON values may be numbers or strings.
 */
import { InputError } from '../errors.js';
import type { FleetSpec } from './file/plan-file.js';
import { placeLocation, type Place } from '../io/places.js';
import type { PlaceRole, ReportPlace } from '../report/types.js';

const ROLES: readonly PlaceRole[] = ['hub', 'outlet', 'station', 'village'];

/** A place with everything the planner needs. */
export interface PlanPlace extends ReportPlace {
  /** Seconds spent at the stop (0 for hubs). */
  serviceTime: number;
}

/**
 * @example
 * classifyPlaces(await readPlaces(text, { source: 'places.csv' }), 'places.csv', { outlet: 600, station: 300, village: 180 });
 */
export function classifyPlaces(
  places: readonly Place[],
  source: string,
  serviceTime: { outlet: number; station: number; village: number },
  options: { mailRequired?: boolean } = {},
): PlanPlace[] {
  // Two-tier plans carry their volumes in named load dimensions; `mail` may be absent there.
  const mailRequired = options.mailRequired ?? true;
  // A column missing from the whole file is said once, by name, not as row 1's empty value.
  const column = (field: string): boolean => places.some((place) => Object.hasOwn(place.properties, field));
  if (places.length > 0 && !column('mail') && !places.every((place) => String(place.properties.role ?? '').trim().toLowerCase() === 'hub')) {
    throw new InputError('the places file has no "mail" column', { source, ...(places[0]!.line !== undefined ? { line: 1 } : {}), field: 'mail' },
      'add a "mail" column (property) with the daily mail volume of each place, in the unit of the fleet capacity');
  }
  if (places.length > 0 && !column('role')) {
    throw new InputError('the places file has no "role" column', { source, ...(places[0]!.line !== undefined ? { line: 1 } : {}), field: 'role' },
      'add a "role" column (property): hub for the depot, outlet, station or village for the others');
  }
  const result = places.map((place, index): PlanPlace => {
    const at = (field: string): ReturnType<typeof placeLocation> => placeLocation(place, index, source, field);
    const props = place.properties;
    const roleValue = props.role ?? 'village';
    const role = String(roleValue).trim().toLowerCase() as PlaceRole;
    if (!ROLES.includes(role)) {
      throw new InputError(`unknown role "${String(roleValue)}" for place "${place.id}"`, at('role'), `use one of: ${ROLES.join(', ')}`);
    }
    const name = props.name === undefined || props.name === null || props.name === '' ? place.id : String(props.name);
    const number = (field: string, required: boolean): number => {
      const value = props[field];
      if (value === undefined || value === null || value === '') {
        if (required) {
          throw new InputError(`place "${place.id}" has no ${field}`, at(field),
            field === 'mail' ? 'give the daily mail volume (items or kg, the unit of the fleet capacity)' : `give a number`);
        }
        return 0;
      }
      const parsed = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isFinite(parsed) || parsed < 0) {
        throw new InputError(`${field} of place "${place.id}" must be a number ≥ 0, got ${JSON.stringify(value)}`, at(field));
      }
      return parsed;
    };
    const planPlace: PlanPlace = {
      id: place.id,
      name,
      role,
      lon: place.lon,
      lat: place.lat,
      population: number('population', false),
      mail: role === 'hub' ? number('mail', false) : number('mail', mailRequired),
      serviceTime: role === 'hub' ? 0 : serviceTime[role],
    };
    if (props.service_min !== undefined && props.service_min !== null && props.service_min !== '') {
      planPlace.serviceTime = Math.round(number('service_min', true) * 60);
    }
    const latest = props.latest;
    if (latest !== undefined && latest !== null && latest !== '') {
      const match = /^(\d{1,2}):(\d{2})$/.exec(String(latest).trim());
      if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
        throw new InputError(`latest of place "${place.id}" must be a time "HH:MM", got ${JSON.stringify(latest)}`, at('latest'));
      }
      planPlace.latest = Number(match[1]) * 3600 + Number(match[2]) * 60;
    }
    return planPlace;
  });
  if (!result.some((place) => place.role === 'hub')) {
    throw new InputError('no place has role "hub"', { source, field: 'role' }, 'mark the depot the vans start from with role=hub');
  }
  return result;
}

/**
 * A place whose daily mail is above the capacity of every vehicle can never be served: bad input,
 * said at once with the place, its mail and the largest capacity (the rule of `solve` and `cover`
 * too). One-tier plans only: two-tier plans split a big office's freight into shares.
 *
 * @example
 * rejectOversizedMail(places, rawPlaces, spec.fleet, 'places.csv'); // throws for mail 2000 and vans of 1500
 */
export function rejectOversizedMail(places: readonly PlanPlace[], rawPlaces: readonly Place[], fleet: readonly FleetSpec[], source: string): void {
  if (fleet.length === 0) return;
  const largest = Math.max(...fleet.map((vehicle) => vehicle.capacity));
  const over = places.map((place, index) => ({ place, index })).filter(({ place }) => place.role !== 'hub' && place.mail > largest);
  const first = over[0];
  if (first === undefined) return;
  const line = rawPlaces[first.index]?.line;
  const others = over.length > 1 ? ` (and ${over.length - 1} more place${over.length > 2 ? 's' : ''}: ${over.slice(1, 4).map(({ place }) => place.id).join(', ')}${over.length > 4 ? ', …' : ''})` : '';
  throw new InputError(
    `place "${first.place.id}" has ${first.place.mail} mail a day, above the capacity of every vehicle (largest ${largest})${others}`,
    { source, index: first.index, ...(line !== undefined ? { line } : {}), field: 'mail' },
    'split it into several places, add a larger vehicle type, or plan without it (postroute plan --allow-unassigned lists it as unassigned)',
  );
}
