/**
 * checkPlanInputs: the checks that need no road graph, run with no roads at all (issue 24 §4).
 */
import { describe, expect, it } from 'vitest';
import { checkPlanInputs, type Place } from '@postroute/core';
import { inputError } from '../support/errors.js';
import { gridPlaces, gridSpec } from './grid.js';
import { twoTierPlaces, twoTierSpec } from './two-tier-grid.js';

const sources = { places: 'places.csv', baseline: 'today.csv', plan: 'plan.json' };
/** The grid's places as a CSV file gives them: line k + 2 for place k. */
const csvPlaces = (edit: (place: Place) => Place = (p) => p): Place[] => gridPlaces().map((place, k) => ({ ...edit(place), line: k + 2 }));

describe('checkPlanInputs (no road graph needed)', () => {
  it('passes a good plan and hands on the places', () => {
    const checked = checkPlanInputs({ spec: gridSpec(), places: csvPlaces(), baseline: { routes: [{ id: 'R1', stops: ['v1', 'v2'] }] }, sources });
    expect(checked.hubs.map((hub) => hub.id)).toEqual(['hub']);
    expect(checked.places).toHaveLength(8);
  });

  it('finds a stop of today\'s routes that is not a place, and the hub listed as a stop, on their lines', () => {
    const unknown = inputError(() => checkPlanInputs({ spec: gridSpec(), places: csvPlaces(), baseline: { routes: [{ id: 'R1', stops: ['v1', 'zz'], rows: [0, 1], lines: [2, 3] }] }, sources }));
    expect(unknown.describe()).toMatch(/^today\.csv, line 3, field "stop_id": route "R1" visits "zz", which is not in places\.csv/);
    const hub = inputError(() => checkPlanInputs({ spec: gridSpec(), places: csvPlaces(), baseline: { routes: [{ id: 'R1', stops: ['hub'], rows: [0], lines: [2] }] }, sources }));
    expect(hub.describe()).toMatch(/^today\.csv, line 2, field "stop_id": route "R1" lists the hub "hub" as a stop/);
  });

  it('finds two-tier mistakes: no township offices, a village without its township (on its CSV line)', () => {
    const noOutlet = csvPlaces((p) => (p.properties.role === 'outlet' ? { ...p, properties: { ...p.properties, role: 'village' } } : p));
    expect(inputError(() => checkPlanInputs({ spec: twoTierSpec(), places: noOutlet, sources })).message).toMatch(/a two-tier plan needs township offices/);
    const township = inputError(() => checkPlanInputs({ spec: twoTierSpec(), places: csvPlaces(), sources }));
    expect(township.describe()).toMatch(/^places\.csv, line 4, field "township": place "v1" has no township/);
  });

  it('lets weekly service through with coverage and with two tiers (supports.ts refuses nothing)', () => {
    const weekly = csvPlaces((p) => ({ ...p, properties: { ...p.properties, visits_per_week: 2 } }));
    expect(() => checkPlanInputs({ spec: gridSpec({ coverage: { radiusKm: 2 } }), places: weekly, sources })).not.toThrow();
    const weeklyTiers = twoTierPlaces().map((p) => (p.properties.role === 'village' ? { ...p, properties: { ...p.properties, visits_per_week: 2 } } : p));
    expect(() => checkPlanInputs({ spec: twoTierSpec(), places: weeklyTiers, sources })).not.toThrow();
  });

  it('finds a scenario naming a place or office that is not there; --scenario checks only the one it runs', () => {
    const check = (scenario: Record<string, unknown>, options = {}) => checkPlanInputs({ spec: twoTierSpec({ scenarios: [{ name: 'ok' }, { name: 'x', ...scenario }] }), places: twoTierPlaces(), sources }, options);
    expect(() => check({})).not.toThrow();
    expect(inputError(() => check({ places: { zz: { latest: '10:00' } } })).describe()).toMatch(/^plan\.json, (line \d+, )?field "scenarios\[1\]\.places\.zz": scenario "x" changes "zz", which is not in places\.csv/);
    expect(inputError(() => check({ closeOffices: ['e1'] })).message).toMatch(/scenario "x" closes "e1", which is not a township office/);
    expect(inputError(() => check({ closeOffices: ['east', 'north'] })).message).toMatch(/scenario "x" closes every township office/);
    expect(inputError(() => check({ openOffices: ['hub'] })).message).toMatch(/scenario "x" opens "hub", which is not a village or station/);
    // An office opened by the scenario may be one left open.
    expect(() => check({ openOffices: ['e1'], closeOffices: ['east', 'north'] })).not.toThrow();
    expect(() => check({ closeOffices: ['e1'] }, { scenario: 'ok' })).not.toThrow();
    // Delivery vehicles counted at a depot: an office the scenario leaves open (or opens).
    expect(inputError(() => check({ fleet: { van: { zz: 2 } } })).describe()).toMatch(/field "scenarios\[1\]\.fleet\.van\.zz": scenario "x" counts "van" vehicles at "zz", which is not a township office in this scenario — offices: east, north/);
    expect(inputError(() => check({ closeOffices: ['east'], fleet: { van: { east: 2 } } })).message).toMatch(/counts "van" vehicles at "east", which is not a township office/);
    expect(() => check({ openOffices: ['e1'], fleet: { van: { e1: 2, north: 1 } } })).not.toThrow();
    expect(inputError(() => check({ fleet: { truck: { east: 1 } } })).message).toBe('trunk vehicles all start at the hub: give "truck" one count');
  });
});
