/**
 * Instance files: the format told by content, the conventions of each set, and the best known
 * value from the files beside an instance (read here through a map of paths, as core sees them).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, findBestKnown, findCarpBestKnown, overrideBestKnown, readRoutingInstance, sniffInstanceFormat } from '@postroute/core';

const instances = resolve(import.meta.dirname, '../../../../benchmarks/instances');
const read = (path: string): string => readFileSync(join(instances, path), 'utf8');
const files = (entries: Record<string, string>) => (path: string): string | undefined => entries[path];

describe('sniffInstanceFormat', () => {
  it('tells the four formats apart by content, whatever the name', () => {
    expect(sniffInstanceFormat(read('cvrp/A/A-n32-k5.vrp'), 'x.dat')).toBe('vrplib');
    expect(sniffInstanceFormat(read('vrptw/solomon/C101.txt'), 'C101')).toBe('solomon');
    expect(sniffInstanceFormat(read('pvrp/instances/p02'), 'p02.txt')).toBe('cordeau');
    expect(sniffInstanceFormat(read('carp/gdb/gdb1.dat'), 'gdb1.vrp')).toBe('carplib');
  });
});

describe('readRoutingInstance and findBestKnown', () => {
  it('VRPLIB: the .sol beside the file wins over the COMMENT line; without one the COMMENT gives it', async () => {
    const text = read('cvrp/A/A-n32-k5.vrp');
    const instance = readRoutingInstance(text, { path: 'A/A-n32-k5.vrp' });
    expect(instance.info).toMatchObject({ name: 'A-n32-k5', format: 'vrplib', convention: 'nint' });
    expect(instance.commentBks).toBe(784);
    const fromComment = await findBestKnown(instance, 'A/A-n32-k5.vrp', files({}));
    expect(fromComment).toMatchObject({ bks: 784, bksSource: 'A-n32-k5.vrp COMMENT' });
    const sol = 'Route #1: 2 3\nRoute #2: 4\nCost 790\n';
    const fromSol = await findBestKnown(instance, 'A/A-n32-k5.vrp', files({ 'A/A-n32-k5.sol': sol }));
    expect(fromSol).toMatchObject({ bks: 790, bksVehicles: 2, bksSource: 'A/A-n32-k5.sol' });
    expect(instance.info.bks).toBeUndefined(); // the instance is not changed
  });
  it('Solomon: the column of the convention in bks.csv beside the file', async () => {
    const text = read('vrptw/solomon/C101.txt');
    const table = read('vrptw/solomon/bks.csv');
    const truncated = await findBestKnown(readRoutingInstance(text, { path: 's/C101.txt' }), 's/C101.txt', files({ 's/bks.csv': table }));
    expect(truncated).toMatchObject({ convention: 'truncated', objective: 'distance', bks: 827.3, bksSource: 's/bks.csv' });
    const unrounded = await findBestKnown(readRoutingInstance(text, { path: 's/C101.txt', convention: 'unrounded' }), 's/C101.txt', files({ 's/bks.csv': table }));
    expect(unrounded).toMatchObject({ objective: 'vehicles-then-distance', bks: 828.94, bksVehicles: 10 });
  });
  it('Cordeau: type 1 is periodic; bks.csv one folder up, with quoted notes', async () => {
    const instance = readRoutingInstance(read('pvrp/instances/p02'), { path: 'pvrp/instances/p02' });
    expect(instance.periodic).toBeDefined();
    const info = await findBestKnown(instance, 'pvrp/instances/p02', files({ 'pvrp/bks.csv': read('pvrp/bks.csv') }));
    expect(info).toMatchObject({ format: 'cordeau', bks: 1322.87, bksSource: 'pvrp/bks.csv' });
    expect(readRoutingInstance(read('mdvrp/instances/p01'), { path: 'p01' }).periodic).toBeUndefined();
  });
  it('CARPLIB: bks.csv one folder up, keyed set/name', async () => {
    const known = await findCarpBestKnown('carp/gdb/gdb1.dat', files({ 'carp/bks.csv': read('carp/bks.csv') }));
    expect(known).toEqual({ bks: 316, source: 'carp/bks.csv (gdb/gdb1)' });
    expect(await findCarpBestKnown('carp/gdb/gdb1.dat', files({}))).toBeUndefined();
  });
  it('a convention given to a set that has its own is refused, naming the set', () => {
    expect(() => readRoutingInstance(read('cvrp/A/A-n32-k5.vrp'), { path: 'A-n32-k5.vrp', convention: 'truncated' })).toThrow(InputError);
    expect(() => readRoutingInstance(read('pvrp/instances/p02'), { path: 'p02', convention: 'unrounded' })).toThrow(/Solomon instances only/);
  });
  it('--bks replaces the files\' value and drops their vehicle count', () => {
    const info = overrideBestKnown({ name: 'x', format: 'vrplib', convention: 'nint', objective: 'distance', bks: 1, bksVehicles: 3, bksSource: 'x.sol', fleet: { count: 1, fixed: false } }, 5);
    expect(info).toEqual({ name: 'x', format: 'vrplib', convention: 'nint', objective: 'distance', bks: 5, bksSource: '--bks', fleet: { count: 1, fixed: false } });
  });
});
