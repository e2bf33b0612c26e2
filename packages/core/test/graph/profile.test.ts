import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { InputError, buildNetwork, readGeoJson, defaultProfile, parseMaxspeed, parseOneway, resolveRoad, validateProfile, type RoadProfile } from '@postroute/core';

describe('parseMaxspeed', () => {
  it('reads numbers, units and zone names, and refuses what it cannot use', () => {
    expect(parseMaxspeed('60')).toBe(60);
    expect(parseMaxspeed('60 km/h')).toBe(60);
    expect(parseMaxspeed('50 mph')).toBeCloseTo(80.4672, 4);
    expect(parseMaxspeed(70)).toBe(70);
    expect(parseMaxspeed('RU:rural', { 'RU:rural': 90 })).toBe(90);
    expect(parseMaxspeed('RU:rural')).toBeUndefined();
    expect(parseMaxspeed('90;30;90;30;90;30')).toBeUndefined();
    expect(parseMaxspeed('signals')).toBeUndefined();
    expect(parseMaxspeed('0')).toBeUndefined();
  });
});

describe('parseOneway', () => {
  it('knows the real forms of the tag', () => {
    for (const yes of ['yes', 'true', '1', 'YES', true, 1]) expect(parseOneway(yes)).toBe(1);
    for (const reverse of ['-1', 'reverse', -1]) expect(parseOneway(reverse)).toBe(-1);
    for (const no of ['no', 'false', '0', false]) expect(parseOneway(no)).toBe(0);
    expect(parseOneway(null)).toBeUndefined();
    expect(parseOneway('reversible')).toBeNull();
  });
});

describe('resolveRoad', () => {
  it('uses class speeds, a slow track, maxspeed when usable, and surface caps', () => {
    expect(resolveRoad({ highway: 'track' }, defaultProfile)).toEqual({ drivable: true, roadClass: 'track', speed: 15, direction: 0 });
    expect(resolveRoad({ highway: 'primary', maxspeed: '60' }, defaultProfile)).toMatchObject({ speed: 60 });
    expect(resolveRoad({ highway: 'primary', maxspeed: 'DE:rural' }, defaultProfile)).toMatchObject({ speed: 100 });
    expect(resolveRoad({ highway: 'primary', maxspeed: '90;30;90' }, defaultProfile)).toMatchObject({ speed: 80, ignoredSpeed: 'maxspeed=90;30;90' });
    expect(resolveRoad({ highway: 'unclassified', surface: 'gravel' }, defaultProfile)).toMatchObject({ speed: 30 });
  });

  it('reads one-way in all its forms; roundabouts and motorways are one-way unless tagged', () => {
    expect(resolveRoad({ highway: 'residential', oneway: '-1' }, defaultProfile)).toMatchObject({ direction: -1 });
    expect(resolveRoad({ highway: 'residential', junction: 'roundabout' }, defaultProfile)).toMatchObject({ direction: 1 });
    expect(resolveRoad({ highway: 'residential', junction: 'roundabout', oneway: 'no' }, defaultProfile)).toMatchObject({ direction: 0 });
    expect(resolveRoad({ highway: 'motorway' }, defaultProfile)).toMatchObject({ direction: 1 });
    expect(resolveRoad({ highway: 'residential', oneway: 'alternating' }, defaultProfile)).toMatchObject({ direction: 0, ignoredOneway: 'oneway=alternating' });
  });

  it('excludes what the profile does not drive on, with a reason', () => {
    expect(resolveRoad({ highway: 'footway' }, defaultProfile)).toEqual({ drivable: false, reason: 'highway=footway not drivable' });
    expect(resolveRoad({ highway: 'service', access: 'no' }, defaultProfile)).toEqual({ drivable: false, reason: 'access=no' });
    expect(resolveRoad({ name: 'x' }, defaultProfile)).toEqual({ drivable: false, reason: 'no highway' });
  });

  it('works with a custom, non-OSM dataset through plain JSON', () => {
    const profile = validateProfile(
      JSON.parse('{"name":"county","classField":"road_class","speeds":{"A":80,"B":50,"C":25},"speedField":"speed_kmh","maxspeedField":null,"onewayField":"dir"}'),
      'county.json',
    );
    expect(resolveRoad({ road_class: 'B', speed_kmh: 40, dir: 'yes' }, profile)).toEqual({ drivable: true, roadClass: 'B', speed: 40, direction: 1 });
    expect(resolveRoad({ road_class: 'C', speed_kmh: '' }, profile)).toMatchObject({ speed: 25 });
    expect(resolveRoad({ road_class: 'C', speed_kmh: 'fast' }, profile)).toMatchObject({ speed: 25, ignoredSpeed: 'speed_kmh=fast' });
    expect(resolveRoad({ road_class: 'D' }, profile)).toMatchObject({ drivable: false });
  });

  it('the default profile survives a JSON round trip and validates', () => {
    const copy = JSON.parse(JSON.stringify(defaultProfile)) as RoadProfile;
    expect(validateProfile(copy)).toEqual(defaultProfile);
  });

  it('validateProfile lists every problem in one InputError', () => {
    try {
      validateProfile({ name: 3, speeds: { a: -1 }, exclude: [{ field: 'x' }] }, 'p.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const message = (error as InputError).message;
      expect(message).toMatch(/"name" must be a string/);
      expect(message).toMatch(/speeds\.a must be a positive number/);
      expect(message).toMatch(/exclude\[0\]/);
      expect((error as InputError).location.source).toBe('p.json');
    }
  });

  it('a custom profile starts from the default and replaces only the keys it names', () => {
    const profile = validateProfile({ speeds: { primary: 70, residential: 25 } }, 'p.json');
    expect(profile.speeds).toEqual({ primary: 70, residential: 25 });
    expect(profile.impliedOneway).toEqual(defaultProfile.impliedOneway);
    expect(profile.exclude).toEqual(defaultProfile.exclude);
    expect(profile.name).toBe('osm-rural-car (customised)');
    // The regression: a profile that forgot impliedOneway made untagged roundabouts two-way.
    expect(resolveRoad({ highway: 'primary', junction: 'roundabout' }, profile)).toMatchObject({ direction: 1, speed: 70 });
    expect(validateProfile({ extends: 'default', name: 'slow tracks', speeds: { track: 8 } })).toMatchObject({ name: 'slow tracks', onewayField: 'oneway' });
  });

  it('"extends": null starts empty, and then needs speeds', () => {
    const bare = validateProfile({ extends: null, speeds: { A: 50 } }, 'p.json');
    expect(bare).toEqual({ name: 'custom', speeds: { A: 50 } });
    expect(resolveRoad({ highway: 'A', junction: 'roundabout' }, bare)).toMatchObject({ direction: 0 });
    expect(() => validateProfile({ extends: null }, 'p.json')).toThrow(/"speeds" is required with "extends": null/);
  });

  it('refuses unknown keys, an empty speeds table and a bad extends', () => {
    const error = (value: unknown): string => {
      try { validateProfile(value, 'p.json'); } catch (e) { return (e as InputError).describe(); }
      return 'no error';
    };
    expect(error({ speed: { track: 10 } })).toMatch(/^p\.json: invalid road profile: unknown key "speed" \(allowed: extends, name, classField, speeds/);
    expect(error({ speeds: {} })).toMatch(/"speeds" is empty: no road would be drivable/);
    expect(error({ extends: 'car' })).toMatch(/"extends" must be "default" or null/);
    expect(error({ impliedOnewayClasses: 'motorway' })).toMatch(/"impliedOnewayClasses" must be an array/);
    expect(error({ maxspeedValues: { 'DE:rural': 'fast' } })).toMatch(/maxspeedValues\.DE:rural must be a positive number/);
  });

  it('on the Andorra extract, a profile naming only the speeds builds the default network (roundabouts one-way)', () => {
    const path = 'examples/data/osm/andorra/roads.geojson';
    const roads = readGeoJson(readFileSync(path, 'utf8'), path);
    const plain = buildNetwork(roads);
    const custom = buildNetwork(roads, { profile: validateProfile({ speeds: { ...defaultProfile.speeds } }) });
    expect(custom.stats.onewayEdges).toBe(plain.stats.onewayEdges);
    expect(custom.stats.length).toBe(plain.stats.length);
    expect(custom.stats.edges).toBe(plain.stats.edges);
  });
});
