import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNetwork, carpFromNetwork, carpRouteGeometry, createCarpProblem, doorToDoorEdges, haversine, parseDoorToDoorSpec, solveCarp } from '@postroute/core';
import { checkCarpSolution } from '../support/check-carp.js';

const roads = JSON.parse(readFileSync(new URL('../../../../examples/data/osm/neudrossenfeld/roads.geojson', import.meta.url), 'utf8'));
const network = buildNetwork(roads);
// The depot: the junction nearest the village centre (where the post office is).
let depot = 0;
for (let v = 0; v < network.nodeLon.length; v++) {
  if (haversine(network.nodeLon[v]!, network.nodeLat[v]!, 11.50114, 50.01834) < haversine(network.nodeLon[depot]!, network.nodeLat[depot]!, 11.50114, 50.01834)) depot = v;
}
const quick = { seed: 1, noImprovement: 100, params: { initialSize: 20 } };
const fail = (field: string, message: string): never => { throw new Error(`${field}: ${message}`); };
// The village centre of Neudrossenfeld (real OSM data, © OpenStreetMap contributors).
const spec = parseDoorToDoorSpec({
  areas: { type: 'Polygon', coordinates: [[[11.496, 50.014], [11.5075, 50.014], [11.5075, 50.02], [11.496, 50.02], [11.496, 50.014]]] },
}, fail);

describe('arc routing on the road graph (Neudrossenfeld OSM extract)', () => {
  it('serves every street of the area once per side; paths are continuous and as long as the reported cost', () => {
    const required = doorToDoorEdges(spec, network, roads);
    expect(required.length).toBeGreaterThan(30);
    expect(required.some((r) => r.sides === 'both')).toBe(true);
    expect(required.some((r) => network.edges[r.edge]!.oneway)).toBe(false);
    // Cost in metres, so that the geometry's length must equal it.
    const input = carpFromNetwork(network, required.map((r) => ({ edge: r.edge, ...(r.sides ? { sides: r.sides } : {}) })), { depot, metric: 'distance', maxRouteCost: 4000 });
    const solution = solveCarp(createCarpProblem(input), quick);
    expect(solution.feasible).toBe(true);
    expect(checkCarpSolution(input, solution)).toEqual([]);
    expect(solution.routes.length).toBeGreaterThan(1); // the 4 km limit binds
    for (const route of solution.routes) {
      const { coordinates, length } = carpRouteGeometry(network, route);
      expect(length).toBeCloseTo(route.cost, 0);
      expect(Math.abs(length - route.cost) / route.cost).toBeLessThan(1e-6);
      // Continuous: it starts and ends at the depot, and no jump between consecutive positions
      // is longer than the longest straight piece of any road.
      const home = [network.nodeLon[depot]!, network.nodeLat[depot]!];
      expect(coordinates[0]).toEqual(home);
      expect(coordinates[coordinates.length - 1]).toEqual(home);
      for (let i = 0; i < route.path.length - 1; i++) expect(route.path[i]!.to).toBe(route.path[i + 1]!.from);
      const lastOf = (edge: number, from: number): number[] => { const e = network.edges[edge]!; const c = e.coordinates; return (e.from === from ? c[c.length - 1] : c[0]) as number[]; };
      for (const step of route.path) {
        const end = lastOf(step.edge, step.from);
        expect(haversine(end[0]!, end[1]!, network.nodeLon[step.to]!, network.nodeLat[step.to]!)).toBeLessThan(0.01);
      }
    }
  });

  it('drives a one-way street only forwards when serving it', () => {
    // Make one residential street of the area one-way, as OSM would tag it.
    const required = doorToDoorEdges(spec, network, roads);
    const pick = required.find((r) => network.edges[r.edge]!.roadClass === 'residential')!;
    const feature = network.edges[pick.edge]!.feature;
    const oneway = { ...roads, features: roads.features.map((f: { properties: Record<string, unknown> }, i: number) => (i === feature ? { ...f, properties: { ...f.properties, oneway: 'yes' } } : f)) };
    const net = buildNetwork(oneway);
    const edges = net.edges.flatMap((e, i) => (e.feature === feature && e.oneway ? [i] : []));
    expect(edges.length).toBeGreaterThan(0);
    const input = carpFromNetwork(net, edges.map((edge) => ({ edge })), { depot: 0 });
    const solution = solveCarp(createCarpProblem(input), quick);
    expect(checkCarpSolution(input, solution)).toEqual([]);
    const served = solution.routes.flatMap((r) => r.services);
    expect(served).toHaveLength(edges.length);
    for (const s of served) expect([s.from, s.to]).toEqual([net.edges[s.edge]!.from, net.edges[s.edge]!.to]);
  });
});
